/* check_course_units: the course's graded unit tests, one test per graded
 * function of "Planar data classification with one hidden layer".
 *
 * Inputs: testCases_v2.py, which builds each case with np.random.seed(1)
 * and randn, or writes the numbers out.  Here every randn draw is taken from
 * nn_rng (numpy's stream) with the same seed, in the same order and with the
 * same shapes, and every written-out number is copied as the file writes it.
 *   copy read: github.com/david-d-an/Chapter1Week3, testCases_v2.py
 *              (commit 890c05579c24da9ddf82c03a09f391117e8a2e56)
 * Expected values: the notebook's printed outputs and "Expected Output"
 * cells, version v6c.
 *   copy read: github.com/fandisyamsudin20/
 *              Neural-Networks-and-Deep-Learning---Deeplearning.ai-Coursera,
 *              "Planar data classification with one hidden layer v6c.ipynb"
 *              (commit 91e23488d847da4b1559ea7969c3307d0b2aec5c)
 *
 * Each expected value is kept as the text the notebook prints, and the
 * tolerance comes from that text: half a unit in the last printed place.
 * "0.262818640198" allows 0.5e-12, "-1.02420756e-06" allows 0.5e-14.  numpy
 * prints an array with one precision for all its entries and drops trailing
 * zeros ("0.287592  " is 0.28759200 to 8 decimals), so an array's entries
 * share the precision of its longest one. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graded.h"
#include "nn.h"
#include "tests.h"

const graded_week3 graded_reference = {
    .who = "the notebook",
    .initialize_parameters = nn_params_init,
    .forward_propagation = nn_forward,
    .compute_cost = nn_cost,
    .backward_propagation = nn_backward,
    .update_parameters = nn_update,
    .nn_model = nn_train,
    .predict = nn_predict,
};

/* The functions under test: a test runs in its own process (Check forks),
 * so a crash in them fails that test alone. */
static const graded_week3 *G = &graded_reference;

/* A graded call that must succeed: names whose function failed and why. */
#define GRADED_OK(call)                                                         \
    do {                                                                        \
        nn_status s_ = (call);                                                  \
        ck_assert_msg(s_ == NN_OK, "%s: %s returned %d: %s", G->who, #call, (int)s_, \
                      nn_errmsg());                                             \
    } while (0)

/* ------------------------------------------------- printed values, digits */

enum { MAX_PRINTED = 16 };

typedef struct {
    size_t n;
    double value[MAX_PRINTED];
    double tol[MAX_PRINTED]; /* half a unit in the last printed place */
} printed;

/* The numbers in text (a number, or an array as numpy prints it), in
 * reading order. */
static printed parse_printed(const char *text)
{
    printed p = {0};
    int decimals[MAX_PRINTED], exponent[MAX_PRINTED], shared = 0;
    const char *s = text;
    while (*s) {
        if (!(*s == '-' || *s == '.' || (*s >= '0' && *s <= '9'))) {
            s++;
            continue;
        }
        ck_assert_msg(p.n < MAX_PRINTED, "more than %d numbers in \"%s\"", MAX_PRINTED, text);
        char *end;
        p.value[p.n] = strtod(s, &end);
        ck_assert_msg(end > s, "no number at \"%s\"", s);
        const char *dot = memchr(s, '.', (size_t)(end - s));
        const char *e = memchr(s, 'e', (size_t)(end - s));
        const char *last = e ? e : end;
        decimals[p.n] = dot ? (int)(last - dot - 1) : 0;
        exponent[p.n] = e ? atoi(e + 1) : 0;
        if (decimals[p.n] > shared)
            shared = decimals[p.n];
        p.n++;
        s = end;
    }
    ck_assert_msg(p.n > 0, "no number in \"%s\"", text);
    for (size_t k = 0; k < p.n; k++)
        p.tol[k] = 0.5 * pow(10.0, exponent[k] - shared);
    return p;
}

/* ours[0 .. n-1] against what the course prints, entry by entry. */
static void expect_printed(const char *what, const double *ours, size_t n, const char *text)
{
    printed p = parse_printed(text);
    ck_assert_msg(p.n == n, "%s: %zu numbers printed, %zu computed", what, p.n, n);
    for (size_t k = 0; k < n; k++) {
        char entry[32] = ""; /* "[k]" for any size_t k */
        if (n > 1)
            snprintf(entry, sizeof entry, "[%zu]", k);
        ck_assert_msg(fabs(ours[k] - p.value[k]) <= p.tol[k],
                      "%s: %s%s = %.17g, the course prints %.17g (tolerance %.1e)", G->who,
                      what, entry, ours[k], p.value[k], p.tol[k]);
    }
}

static void expect_matrix(const char *what, const gsl_matrix *A, const char *text)
{
    double v[MAX_PRINTED];
    size_t n = 0;
    ck_assert(A->size1 * A->size2 <= MAX_PRINTED);
    for (size_t i = 0; i < A->size1; i++)
        for (size_t j = 0; j < A->size2; j++)
            v[n++] = gsl_matrix_get(A, i, j);
    expect_printed(what, v, n, text);
}

/* A (n_h) vector printed as numpy prints the course's (n_h, 1) column. */
static void expect_vector(const char *what, const gsl_vector *b, const char *text)
{
    double v[MAX_PRINTED];
    ck_assert(b->size <= MAX_PRINTED);
    for (size_t i = 0; i < b->size; i++)
        v[i] = gsl_vector_get(b, i);
    expect_printed(what, v, b->size, text);
}

static void expect_scalar(const char *what, double ours, const char *text)
{
    expect_printed(what, &ours, 1, text);
}

static double mean(const gsl_matrix *A)
{
    double sum = 0.0;
    for (size_t i = 0; i < A->size1; i++)
        for (size_t j = 0; j < A->size2; j++)
            sum += gsl_matrix_get(A, i, j);
    return sum / (double)(A->size1 * A->size2);
}

static void set_rows(gsl_matrix *A, const double *v)
{
    for (size_t i = 0; i < A->size1; i++)
        for (size_t j = 0; j < A->size2; j++)
            gsl_matrix_set(A, i, j, v[i * A->size2 + j]);
}

static void set_vector(gsl_vector *b, const double *v)
{
    for (size_t i = 0; i < b->size; i++)
        gsl_vector_set(b, i, v[i]);
}

/* Y = (randn(1, m) > 0), as the test cases draw labels. */
static void fill_labels(nn_rng *rng, gsl_matrix *Y)
{
    for (size_t i = 0; i < Y->size2; i++)
        gsl_matrix_set(Y, 0, i, nn_rng_randn(rng) > 0.0 ? 1.0 : 0.0);
}

/* The parameters testCases_v2.py writes out for forward_propagation,
 * compute_cost and backward_propagation (seed 2's initialisation, rounded to
 * 8 decimals), and those of update_parameters and predict. */
static const double CASE_W1[] = {-0.00416758, -0.00056267, -0.02136196, 0.01640271,
                                 -0.01793436, -0.00841747, 0.00502881,  -0.01245288};
static const double CASE_W2[] = {-0.01057952, -0.00909008, 0.00551454, 0.02292208};
static const double TRAINED_W1[] = {-0.00615039, 0.0169021,   -0.02311792, 0.03137121,
                                    -0.0169217,  -0.01752545, 0.00935436,  -0.05018221};
static const double TRAINED_b1[] = {-8.97523455e-07, 8.15562092e-06, 6.04810633e-07,
                                    -2.54560700e-06};
static const double TRAINED_W2[] = {-0.0104319, -0.04019007, 0.01607211, 0.04440255};
static const double TRAINED_b2[] = {9.14954378e-05};

/* -------------------------------------------------------------- the cases */

/* layer_sizes_test_case: seed 1, X = randn(5, 3), Y = randn(2, 3); the course
 * prints n_x = 5, n_h = 4, n_y = 2.  Its layer_sizes reads n_y from Y's rows,
 * and this Y has two.  The library's network has one sigmoid output, n_y = 1
 * always (nn.h), so what applies here is n_x from X's rows and n_h = 4; a Y
 * of two rows is refused, naming its shape, rather than read as n_y = 2. */
START_TEST(layer_sizes)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(5, 3), *Y = gsl_matrix_alloc(2, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    nn_rng_fill_randn(rng, Y, 1.0);
    ck_assert(gsl_matrix_get(X, 0, 0) == 1.6243453636632417); /* seed 1's first draw */
    nn_params *p = nn_params_alloc(X->size1, 4, NN_TANH);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq(p->n_x, 5); /* "n_x = 5" */
    ck_assert_uint_eq(p->n_h, 4); /* "n_h = 4" */
    ck_assert_uint_eq(p->W1->size1, 4);
    ck_assert_uint_eq(p->W1->size2, 5);
    ck_assert_uint_eq(p->W2->size1, 1); /* n_y = 1 here; the course's "n_y = 2" has no analogue */
    nn_cache *c = nn_cache_alloc(4, 3);
    nn_grads *g = nn_grads_alloc(5, 4, 3);
    ck_assert_int_eq(nn_forward(c, p, X), NN_OK);
    ck_assert_int_eq(nn_backward(g, p, c, X, Y), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "Y is (2, 3), expected (1, 3)") != NULL, "message: %s",
                  nn_errmsg());
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* initialize_parameters: np.random.seed(2), W1 = randn(4, 2) * 0.01,
 * b1 = zeros, W2 = randn(1, 4) * 0.01, b2 = zeros. */
START_TEST(initialize_parameters)
{
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    G->initialize_parameters(p, rng, 0.01);
    expect_matrix("W1", p->W1,
                  "[[-0.00416758 -0.00056267]\n"
                  " [-0.02136196  0.01640271]\n"
                  " [-0.01793436 -0.00841747]\n"
                  " [ 0.00502881 -0.01245288]]");
    expect_matrix("W2", p->W2, "[[-0.01057952 -0.00909008  0.00551454  0.02292208]]");
    ck_assert(gsl_vector_isnull(p->b1)); /* "[[ 0.] [ 0.] [ 0.] [ 0.]]" */
    ck_assert(gsl_vector_isnull(p->b2)); /* "[[ 0.]]" */
    nn_rng_free(rng);
    nn_params_free(p);
}
END_TEST

/* forward_propagation_test_case: seed 1, X = randn(2, 3), then
 * b1 = randn(4, 1); b2 = -1.3; W1 and W2 written out.  The notebook prints
 * the means of Z1, A1, Z2, A2 (Python's str of a float, 12 digits). */
START_TEST(forward_propagation)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(2, 3);
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng_fill_randn(rng, X, 1.0);
    for (size_t j = 0; j < 4; j++)
        gsl_vector_set(p->b1, j, nn_rng_randn(rng));
    gsl_vector_set(p->b2, 0, -1.3);
    set_rows(p->W1, CASE_W1);
    set_rows(p->W2, CASE_W2);
    nn_cache *c = nn_cache_alloc(4, 3);
    GRADED_OK(G->forward_propagation(c, p, X));
    expect_scalar("mean(Z1)", mean(c->Z1), "0.262818640198");
    expect_scalar("mean(A1)", mean(c->A1), "0.091999045227");
    expect_scalar("mean(Z2)", mean(c->Z2), "-1.30766601287");
    expect_scalar("mean(A2)", mean(c->A2), "0.212877681719");
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(X);
    nn_rng_free(rng);
}
END_TEST

/* compute_cost_test_case: seed 1, Y = randn(1, 3) > 0, and
 * a2 = [0.5002307, 0.49985831, 0.50023963] written out.  The course takes
 * log(A2) and log(1 - A2); nn_cost takes the logits Z2 (log sigma(z) =
 * -log(1 + e^-z), finite where A2 rounds to 0 or 1).  So Z2 is set to the
 * logits of those a2, log(a2) - log(1 - a2).
 *
 * The code cell prints 0.6930587610394646 (Python's repr, 16 decimals); the
 * Expected Output cell prints 0.693058761... (9 decimals).  The 9 decimals
 * hold.  At 16 decimals the tolerance, 0.5e-16, is below half the spacing of
 * doubles near 0.69 (2^-53 = 1.1e-16): only the very same double passes, and
 * ours is not it.  In 50-digit arithmetic the cost of these a2 (as doubles)
 * is 0.6930587610394645986; the course's double is the nearest one (0.2 ulp
 * above), ours is the next one down (0.8 ulp below): the same real cost
 * reached through the logits, log(a2) - log1p(-a2), then exp and log1p,
 * each step rounded, where numpy takes log(a2) and log(1 - a2) once.  So
 * the test asserts the difference measured, ULPS_MEASURED ulp below. */
#define ULPS_MEASURED 1
START_TEST(compute_cost)
{
    static const double a2[] = {0.5002307, 0.49985831, 0.50023963};
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *Y = gsl_matrix_alloc(1, 3);
    fill_labels(rng, Y);
    ck_assert(gsl_matrix_get(Y, 0, 0) == 1.0 && gsl_matrix_get(Y, 0, 1) == 0.0 &&
              gsl_matrix_get(Y, 0, 2) == 0.0);
    nn_cache *c = nn_cache_alloc(4, 3);
    for (size_t i = 0; i < 3; i++) {
        gsl_matrix_set(c->A2, 0, i, a2[i]);
        gsl_matrix_set(c->Z2, 0, i, log(a2[i]) - log1p(-a2[i]));
    }
    double J;
    GRADED_OK(G->compute_cost(&J, c, Y));
    expect_scalar("cost (Expected Output)", J, "0.693058761");
    if (G == &graded_reference) { /* the library's own bits; a learner's log(A2) may differ */
        double course = 0.6930587610394646, ulp = nextafter(course, 1.0) - course;
        ck_assert_msg(course - J == ULPS_MEASURED * ulp,
                      "cost = %.17g, the course prints %.17g: %g ulp below it, measured %d", J,
                      course, (course - J) / ulp, ULPS_MEASURED);
    }
    nn_cache_free(c);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* backward_propagation_test_case: seed 1, X = randn(2, 3), then
 * Y = randn(1, 3) > 0; W1, W2 as in forward, b1 = b2 = 0; the cache A1, A2,
 * Z1, Z2 written out (8 decimals).  The course's g'(Z1) is 1 - A1^2 from the
 * written-out A1; nn_backward takes 1 - tanh(Z1)^2 from the written-out Z1.
 * The two roundings differ by about 1e-12 in dW1 and db1, far below the
 * printed 0.5e-8. */
START_TEST(backward_propagation)
{
    static const double A1[] = {-0.00616578, 0.0020626,   0.00349619,  -0.05225116,
                                0.02725659,  -0.02646251, -0.02009721, 0.0036869,
                                0.02883756,  0.02152675,  -0.01385234, 0.02599885};
    static const double A2[] = {0.5002307, 0.49985831, 0.50023963};
    static const double Z1[] = {-0.00616586, 0.0020626,   0.0034962,   -0.05229879,
                                0.02726335,  -0.02646869, -0.02009991, 0.00368692,
                                0.02884556,  0.02153007,  -0.01385322, 0.02600471};
    static const double Z2[] = {0.00092281, -0.00056678, 0.00095853};
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(2, 3), *Y = gsl_matrix_alloc(1, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    fill_labels(rng, Y);
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    set_rows(p->W1, CASE_W1);
    set_rows(p->W2, CASE_W2);
    nn_cache *c = nn_cache_alloc(4, 3);
    set_rows(c->A1, A1);
    set_rows(c->A2, A2);
    set_rows(c->Z1, Z1);
    set_rows(c->Z2, Z2);
    nn_grads *g = nn_grads_alloc(2, 4, 3);
    GRADED_OK(G->backward_propagation(g, p, c, X, Y));
    ck_assert(!gsl_matrix_isnull(g->dW1)); /* not trivially zero */
    expect_matrix("dW1", g->dW1,
                  "[[ 0.00301023 -0.00747267]\n"
                  " [ 0.00257968 -0.00641288]\n"
                  " [-0.00156892  0.003893  ]\n"
                  " [-0.00652037  0.01618243]]");
    expect_vector("db1", g->db1,
                  "[[ 0.00176201]\n"
                  " [ 0.00150995]\n"
                  " [-0.00091736]\n"
                  " [-0.00381422]]");
    expect_matrix("dW2", g->dW2, "[[ 0.00078841  0.01765429 -0.00084166 -0.01022527]]");
    expect_vector("db2", g->db2, "[[-0.16655712]]");
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* update_parameters_test_case: everything written out; learning rate 1.2. */
START_TEST(update_parameters)
{
    static const double dW1[] = {0.00023322,  -0.00205423, 0.00082222,  -0.00700776,
                                 -0.00031831, 0.0028636,   -0.00092857, 0.00809933};
    static const double dW2[] = {-1.75740039e-05, 3.70231337e-03, -1.25683095e-03,
                                 -2.55715317e-03};
    static const double db1[] = {1.05570087e-07, -3.81814487e-06, -1.90155145e-07,
                                 5.46467802e-07};
    static const double db2[] = {-1.08923140e-05};
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    set_rows(p->W1, TRAINED_W1);
    set_vector(p->b1, TRAINED_b1);
    set_rows(p->W2, TRAINED_W2);
    set_vector(p->b2, TRAINED_b2);
    nn_grads *g = nn_grads_alloc(2, 4, 3);
    set_rows(g->dW1, dW1);
    set_vector(g->db1, db1);
    set_rows(g->dW2, dW2);
    set_vector(g->db2, db2);
    GRADED_OK(G->update_parameters(p, g, 1.2));
    expect_matrix("W1", p->W1,
                  "[[-0.00643025  0.01936718]\n"
                  " [-0.02410458  0.03978052]\n"
                  " [-0.01653973 -0.02096177]\n"
                  " [ 0.01046864 -0.05990141]]");
    expect_vector("b1", p->b1,
                  "[[ -1.02420756e-06]\n"
                  " [  1.27373948e-05]\n"
                  " [  8.32996807e-07]\n"
                  " [ -3.20136836e-06]]");
    expect_matrix("W2", p->W2, "[[-0.01041081 -0.04463285  0.01758031  0.04747113]]");
    expect_vector("b2", p->b2, "[[ 0.00010457]]");
    nn_grads_free(g);
    nn_params_free(p);
}
END_TEST

/* nn_model_test_case: seed 1, X = randn(2, 3), then Y = randn(1, 3) > 0.
 * nn_model calls np.random.seed(3) and then initialize_parameters, which
 * seeds 2 before drawing: the seed 3 draws nothing, and the start is seed 2's
 * W1 = randn(4, 2) * 0.01, W2 = randn(1, 4) * 0.01.  10000 iterations at
 * learning rate 1.2, the cost printed ("%f") before iterations 0, 1000, ...,
 * 9000, then the final parameters. */
START_TEST(nn_model)
{
    static const char *const COSTS[] = {"0.692739", "0.000218", "0.000107", "0.000071",
                                        "0.000053", "0.000042", "0.000035", "0.000030",
                                        "0.000026", "0.000023"};
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(2, 3), *Y = gsl_matrix_alloc(1, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    fill_labels(rng, Y);
    ck_assert_int_eq(nn_rng_seed(rng, 3), NN_OK); /* np.random.seed(3) in nn_model */
    ck_assert_int_eq(nn_rng_seed(rng, 2), NN_OK); /* np.random.seed(2) in initialize_parameters */
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    G->initialize_parameters(p, rng, 0.01);
    nn_cache *c = nn_cache_alloc(4, 3);
    nn_grads *g = nn_grads_alloc(2, 4, 3);
    double cost[10];
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 10000, .cost_every = 1000};
    GRADED_OK(G->nn_model(p, c, g, X, Y, &opt, cost));
    for (size_t k = 0; k < 10; k++) {
        char what[48];
        snprintf(what, sizeof what, "cost after iteration %zu", 1000 * k);
        expect_scalar(what, cost[k], COSTS[k]);
    }
    expect_matrix("W1", p->W1,
                  "[[-0.65848169  1.21866811]\n"
                  " [-0.76204273  1.39377573]\n"
                  " [ 0.5792005  -1.10397703]\n"
                  " [ 0.76773391 -1.41477129]]");
    expect_vector("b1", p->b1,
                  "[[ 0.287592  ]\n"
                  " [ 0.3511264 ]\n"
                  " [-0.2431246 ]\n"
                  " [-0.35772805]]");
    expect_matrix("W2", p->W2, "[[-2.45566237 -3.27042274  2.00784958  3.36773273]]");
    expect_vector("b2", p->b2, "[[ 0.20459656]]");
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* predict_test_case: seed 1, X = randn(2, 3); the parameters written out.
 * predict rounds A2 (np.round: 0.5 goes to 0, as nn_predict's A2 > 0.5). */
START_TEST(predict)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(2, 3), *P = gsl_matrix_alloc(1, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    set_rows(p->W1, TRAINED_W1);
    set_vector(p->b1, TRAINED_b1);
    set_rows(p->W2, TRAINED_W2);
    set_vector(p->b2, TRAINED_b2);
    nn_cache *c = nn_cache_alloc(4, 3);
    GRADED_OK(G->forward_propagation(c, p, X));
    GRADED_OK(G->predict(P, c));
    expect_scalar("predictions mean", mean(P), "0.666666666667");
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(P);
    gsl_matrix_free(X);
    nn_rng_free(rng);
}
END_TEST

/* The tolerance is the printed digits' and no looser: a value half a unit
 * past the last printed place fails. */
START_TEST(tolerance_is_half_the_last_printed_place)
{
    printed p = parse_printed("[[ 0.287592  ]\n [-0.35772805]\n [ -1.02420756e-06]]");
    ck_assert_uint_eq(p.n, 3);
    ck_assert(p.value[0] == 0.287592 && p.value[1] == -0.35772805);
    ck_assert_double_eq_tol(p.tol[0], 0.5e-8, 1e-22);  /* the array's precision, 8 */
    ck_assert_double_eq_tol(p.tol[2], 0.5e-14, 1e-28); /* 8 decimals of 1e-06 */
    p = parse_printed("0.262818640198");
    ck_assert_double_eq_tol(p.tol[0], 0.5e-12, 1e-26);
    p = parse_printed("0.000023");
    ck_assert_double_eq_tol(p.tol[0], 0.5e-6, 1e-20);
}
END_TEST

Suite *course_units_suite_for(const graded_week3 *fns)
{
    G = fns;
    Suite *s = suite_create("course_units");
    TCase *tc = tcase_create("graded functions");
    if (fns == &graded_reference) /* the library's shapes and refusals */
        tcase_add_test(tc, layer_sizes);
    tcase_add_test(tc, initialize_parameters);
    tcase_add_test(tc, forward_propagation);
    tcase_add_test(tc, compute_cost);
    tcase_add_test(tc, backward_propagation);
    tcase_add_test(tc, update_parameters);
    tcase_add_test(tc, nn_model);
    tcase_add_test(tc, predict);
    tcase_add_test(tc, tolerance_is_half_the_last_printed_place);
    suite_add_tcase(s, tc);
    return s;
}

Suite *course_units_suite(void)
{
    return course_units_suite_for(&graded_reference);
}

/* The seam holds: the same tests, given a table with one wrong function,
 * fail that function's test alone. */
static nn_status update_with_the_sign_flipped(nn_params *p, const nn_grads *grads, double rate)
{
    return nn_update(p, grads, -rate);
}

START_TEST(a_table_with_one_wrong_function_fails_that_test_alone)
{
    graded_week3 wrong = graded_reference;
    wrong.who = "a table with the update's sign flipped";
    wrong.update_parameters = update_with_the_sign_flipped;
    SRunner *sr = srunner_create(course_units_suite_for(&wrong));
    srunner_set_fork_status(sr, CK_FORK);
    srunner_run_all(sr, CK_SILENT);
    G = &graded_reference;
    /* update_parameters fails, and nn_model, which calls the library's loop, passes */
    int failed = srunner_ntests_failed(sr);
    TestResult **r = srunner_failures(sr);
    ck_assert_int_eq(failed, 1);
    ck_assert_str_eq(tr_tcname(r[0]), "graded functions");
    ck_assert_msg(strstr(tr_msg(r[0]), "the update's sign flipped: W1[0] = ") != NULL, "%s",
                  tr_msg(r[0]));
    free(r);
    srunner_free(sr);
}
END_TEST

Suite *graded_seam_suite(void)
{
    Suite *s = suite_create("graded_seam");
    TCase *tc = tcase_create("a table of functions");
    tcase_add_test(tc, a_table_with_one_wrong_function_fails_that_test_alone);
    suite_add_tcase(s, tc);
    return s;
}
