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
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "graded.h"
#include "nn_internal.h" /* nn__row_means, nn__matrix_axpy for the planted mistakes */
#include "nn.h"
#include "tests.h"

/* ------------------------------------------------ the notebook's own answers */

static nn_status ref_layer_sizes(size_t *n_x, size_t *n_h, size_t *n_y, const gsl_matrix *X,
                                 const gsl_matrix *Y)
{
    *n_x = X->size1;
    *n_h = 4;
    *n_y = Y->size1;
    return NN_OK;
}
static double ref_tanh_prime(double z) { return nn_activations[NN_TANH].dg(z); }
static double ref_relu(double z) { return nn_activations[NN_RELU].g(z); }
static double ref_relu_prime(double z) { return nn_activations[NN_RELU].dg(z); }
static double ref_relative_difference(const double *g, const double *a, size_t n)
{
    return nn_relative_difference(g, a, NULL, n);
}
static nn_status ref_initialize_parameters(nn_params *p, nn_rng *rng)
{
    nn_params_init(p, rng, NN_INIT_SCALE);
    return NN_OK;
}
static nn_params *ref_nn_model(const gsl_matrix *X, const gsl_matrix *Y, size_t n_h,
                               size_t num_iterations, nn_rng *rng, double *costs)
{
    size_t m = X->size2;
    nn_params *p = nn_params_alloc(X->size1, n_h, NN_TANH);
    nn_cache *c = nn_cache_alloc(n_h, m);
    nn_grads *g = nn_grads_alloc(X->size1, n_h, m);
    nn_train_options opt = {.learning_rate = 1.2, .iterations = num_iterations};
    nn_status s = p && c && g ? NN_OK : NN_ENOMEM;
    if (s == NN_OK) {
        nn_params_init(p, rng, NN_INIT_SCALE);
        s = nn_train(p, c, g, X, Y, &opt, costs);
    }
    nn_cache_free(c);
    nn_grads_free(g);
    if (s != NN_OK) {
        nn_params_free(p);
        return NULL;
    }
    return p;
}
static nn_status ref_predict(gsl_matrix *predictions, const nn_params *p, const gsl_matrix *X)
{
    nn_cache *c = nn_cache_alloc(p->n_h, X->size2);
    nn_status s = c ? nn_forward(c, p, X) : NN_ENOMEM;
    if (s == NN_OK)
        s = nn_predict(predictions, c);
    nn_cache_free(c);
    return s;
}

const workbook_fns graded_reference = {
    .who = "the notebook",
    .layer_sizes = ref_layer_sizes,
    .forward_propagation = nn_forward,
    .sigmoid = nn_sigmoid,
    .sigmoid_prime = nn_sigmoid_prime,
    .tanh_prime = ref_tanh_prime,
    .relu = ref_relu,
    .relu_prime = ref_relu_prime,
    .compute_cost = nn_cost,
    .backward_propagation = nn_backward,
    .numerical_gradient = nn_numerical_gradient,
    .relative_difference = ref_relative_difference,
    .initialize_parameters = ref_initialize_parameters,
    .update_parameters = nn_update,
    .nn_model = ref_nn_model,
    .predict = ref_predict,
};

#define CH(folder, anchor) "chapters/" folder "/README.md#" anchor
const graded_function graded_functions[GRADED_FUNCTIONS] = {
    {"layer_sizes", CH("01-notation", "4-the-table-read-off-the-objects"), ""},
    {"forward_propagation", CH("02-forward-propagation", "4-all-m-examples-at-once"), "sigmoid"},
    {"sigmoid", CH("03-activation-functions", "1-five-activations"), ""},
    {"sigmoid_prime", CH("03-activation-functions", "2-their-derivatives-step-by-step"), ""},
    {"tanh_prime", CH("03-activation-functions", "2-their-derivatives-step-by-step"), ""},
    {"relu", CH("03-activation-functions", "1-five-activations"), ""},
    {"relu_prime", CH("03-activation-functions", "2-their-derivatives-step-by-step"), ""},
    {"compute_cost", CH("04-backpropagation", "1-one-example-through-the-graph"), ""},
    {"backward_propagation", CH("04-backpropagation", "2-vectorised-over-m-examples"), ""},
    {"numerical_gradient", CH("04-backpropagation", "3-gradient-checking"),
     "forward_propagation compute_cost"},
    {"relative_difference", CH("04-backpropagation", "3-gradient-checking"), ""},
    {"initialize_parameters", CH("05-initialization", "2-why-small-saturation"), ""},
    {"update_parameters", CH("06-planar-classification", "4-training-reproduced"), ""},
    {"nn_model", CH("06-planar-classification", "4-training-reproduced"),
     "layer_sizes initialize_parameters forward_propagation compute_cost backward_propagation "
     "update_parameters"},
    {"predict", CH("06-planar-classification", "4-training-reproduced"), "forward_propagation"},
};
#undef CH

/* ------------------------------------------------------ the objects' names */

enum { MAX_NAMED = 32 };
static struct {
    const void *object;
    const char *name;
} named[MAX_NAMED];
static size_t n_named;

void graded_name(const void *object, const char *name)
{
    for (size_t k = 0; k < n_named; k++)
        if (named[k].object == object) {
            named[k].name = name;
            return;
        }
    if (n_named < MAX_NAMED)
    {
        named[n_named].object = object;
        named[n_named++].name = name;
    }
}

const char *graded_name_of(const void *object)
{
    for (size_t k = 0; k < n_named; k++)
        if (named[k].object == object)
            return named[k].name;
    return NULL;
}

/* Every matrix of a network, its forward pass and its gradients, by name
 * (any may be NULL). */
static void name_all(const nn_params *p, const nn_cache *c, const nn_grads *g,
                     const gsl_matrix *X, const gsl_matrix *Y)
{
    n_named = 0;
    if (X) graded_name(X, "X");
    if (Y) graded_name(Y, "Y");
    if (p) {
        graded_name(p->W1, "W1");
        graded_name(p->W2, "W2");
    }
    if (c) {
        graded_name(c->Z1, "Z1");
        graded_name(c->A1, "A1");
        graded_name(c->Z2, "Z2");
        graded_name(c->A2, "A2");
    }
    if (g) {
        graded_name(g->dZ1, "dZ1");
        graded_name(g->dZ2, "dZ2");
        graded_name(g->dW1, "dW1");
        graded_name(g->dW2, "dW2");
    }
}

/* The functions under test: a test runs in its own process (Check forks),
 * so a crash in them fails that test alone. */
static const workbook_fns *G = &graded_reference;

/* A graded call that must succeed: names whose function failed and why. */
#define GRADED_OK(call) graded_ok((call), #call)

/* A graded call must return NN_OK; otherwise it fails naming the function
 * (the text of the call, G->name(...), gives it) and what it said. */
static void graded_ok(nn_status s, const char *call)
{
    if (s == NN_OK)
        return;
    const char *name = strncmp(call, "G->", 3) == 0 ? call + 3 : call;
    int len = (int)strcspn(name, "(");
    const char *said = nn_errmsg();
    ck_abort_msg("%s: %.*s returned the status %d, not NN_OK (0): %s", G->who, len, name, (int)s,
                 said[0] && strcmp(said, "no error") != 0
                     ? said : "it named no error: does it end with return NN_OK?");
}

/* ------------------------------------------------- printed values, digits */

enum { MAX_PRINTED = 16 };

typedef struct {
    size_t n;
    double value[MAX_PRINTED];
    double tol[MAX_PRINTED]; /* half a unit in the last printed place */
    char text[MAX_PRINTED][32]; /* each number as printed */
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
        snprintf(p.text[p.n], sizeof p.text[p.n], "%.*s", (int)(end - s), s);
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
/* ours[0 .. n-1] (a matrix of cols columns, row by row) against what the
 * course prints, entry by entry; an entry is named (i, j) in a matrix,
 * [i] in a vector. */
static void expect_entries(const char *what, const double *ours, size_t n, size_t cols,
                           const char *text)
{
    printed p = parse_printed(text);
    ck_assert_msg(p.n == n, "%s: %zu numbers printed, %zu computed", what, p.n, n);
    for (size_t k = 0; k < n; k++) {
        char entry[48] = "";
        if (n > 1 && cols > 1)
            snprintf(entry, sizeof entry, "(%zu, %zu)", k / cols, k % cols);
        else if (n > 1)
            snprintf(entry, sizeof entry, "[%zu]", k);
        ck_assert_msg(!isnan(ours[k]), "%s: %s%s is NaN, not a number (a log of 0, a 0 times "
                      "infinity, or an entry never written?)", G->who, what, entry);
        ck_assert_msg(fabs(ours[k] - p.value[k]) <= p.tol[k],
                      "%s: %s%s = %.17g, the course prints %s (tolerance %.1e)", G->who, what,
                      entry, ours[k], p.text[k], p.tol[k]);
    }
}

static void expect_printed(const char *what, const double *ours, size_t n, const char *text)
{
    expect_entries(what, ours, n, 1, text);
}

static void expect_matrix(const char *what, const gsl_matrix *A, const char *text)
{
    double v[MAX_PRINTED];
    size_t n = 0;
    ck_assert(A->size1 * A->size2 <= MAX_PRINTED);
    for (size_t i = 0; i < A->size1; i++)
        for (size_t j = 0; j < A->size2; j++)
            v[n++] = gsl_matrix_get(A, i, j);
    expect_entries(what, v, n, A->size1 > 1 ? A->size2 : 1, text);
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

/* ------------------------------------------------------ the common mistakes
 *
 * When a graded function gives a wrong result, the grader compares it with
 * what each common mistake gives on the same input, computed here from
 * scratch, and names the one it matches.  Each check runs on a random case
 * whose shapes are all different (n_x = 3, n_h = 5, m = 7), so that a
 * mistake cannot hide behind a symmetry, and, for the transposed product,
 * on a square one (n_x = n_h = 4). */

typedef enum {
    RIGHT,
    NO_INV_M,       /* the 1/m forgotten */
    INV_M_TWICE,    /* the 1/m applied twice */
    GPRIME_FROM_Z,  /* g'(Z1) as 1 - Z1^2, from Z instead of from A */
    WRONG_AXIS,     /* db summed over every entry, not over the examples */
    TRANSPOSED,     /* dW1 = (1/m) X dZ1^T, the product transposed */
    HIDDEN_SIGMOID, /* a sigmoid in the hidden layer */
    NO_BROADCAST,   /* b added to the first example only */
    NO_BROADCAST_1, /* b1 alone added to the first example only */
    NO_BROADCAST_2, /* b2 alone added to the first example only */
    INT_DIVISION,   /* 1 / m with m a size_t: 0 */
    COST_SIGN,      /* J without its minus sign */
    UPDATE_SIGN,    /* theta + rate dtheta */
    RATE_ON_W_ONLY, /* the learning rate on W1 and W2 only: b - db */
    MISTAKES
} mistake;

static const char *const MISTAKE[MISTAKES] = {
    [RIGHT] = "",
    [NO_INV_M] = "the 1/m is forgotten",
    [INV_M_TWICE] = "the 1/m is applied twice",
    [GPRIME_FROM_Z] = "g'(Z1) is computed from Z1 (1 - Z1^2) instead of from A1 (1 - A1^2)",
    [WRONG_AXIS] = "db is summed over every entry of dZ, not over each row's examples",
    [TRANSPOSED] = "dW1 is the transposed product, X dZ1^T instead of dZ1 X^T",
    [HIDDEN_SIGMOID] = "the hidden layer uses a sigmoid instead of tanh",
    [NO_BROADCAST] = "b is added to the first example only, not broadcast over the m columns",
    [NO_BROADCAST_1] = "b1 is added to the first example only, not broadcast over the m columns",
    [NO_BROADCAST_2] = "b2 is added to the first example only, not broadcast over the m columns",
    [INT_DIVISION] = "1/m is an integer division: 1 / m with m a size_t is 0 in C (write 1.0 / m)",
    [COST_SIGN] = "J is missing its minus sign (the cost's sign)",
    [UPDATE_SIGN] = "the update adds rate dtheta instead of subtracting it (the update's sign)",
    [RATE_ON_W_ONLY] = "the learning rate is applied to W1 and W2 only (b - db)",
};

/* Z = W A_prev + b (b broadcast, or on column 0 only), A = g(Z). */
static void layer_with(int broadcast, gsl_matrix *Z, gsl_matrix *A, const gsl_matrix *W,
                       const gsl_vector *b, const gsl_matrix *A_prev, double (*g)(double))
{
    for (size_t j = 0; j < Z->size1; j++)
        for (size_t i = 0; i < Z->size2; i++) {
            double z = 0.0;
            for (size_t q = 0; q < W->size2; q++)
                z += gsl_matrix_get(W, j, q) * gsl_matrix_get(A_prev, q, i);
            if (broadcast || i == 0)
                z += gsl_vector_get(b, j);
            gsl_matrix_set(Z, j, i, z);
            gsl_matrix_set(A, j, i, g(z));
        }
}

static void forward_with(mistake k, nn_cache *c, const nn_params *p, const gsl_matrix *X)
{
    layer_with(k != NO_BROADCAST && k != NO_BROADCAST_1, c->Z1, c->A1, p->W1, p->b1, X,
               k == HIDDEN_SIGMOID ? nn_sigmoid : tanh);
    layer_with(k != NO_BROADCAST && k != NO_BROADCAST_2, c->Z2, c->A2, p->W2, p->b2, c->A1,
               nn_sigmoid);
}

static double cost_with(mistake k, const nn_cache *c, const gsl_matrix *Y)
{
    double sum = 0.0, m = (double)Y->size2;
    for (size_t i = 0; i < Y->size2; i++) {
        double a = gsl_matrix_get(c->A2, 0, i), y = gsl_matrix_get(Y, 0, i);
        sum += y * log(a) + (1.0 - y) * log(1.0 - a);
    }
    double scale = k == NO_INV_M ? 1.0 : k == INV_M_TWICE ? 1.0 / (m * m)
                 : k == INT_DIVISION ? 0.0 : 1.0 / m;
    return (k == COST_SIGN ? 1.0 : -1.0) * scale * sum;
}

/* dW = s dZ A^T (or s A dZ^T transposed into dW's place), db = s sums of dZ */
static void gradients_with(mistake k, gsl_matrix *dW, gsl_vector *db, const gsl_matrix *dZ,
                           const gsl_matrix *A_prev, double s)
{
    double all = 0.0;
    for (size_t j = 0; j < dZ->size1; j++)
        for (size_t i = 0; i < dZ->size2; i++)
            all += gsl_matrix_get(dZ, j, i);
    for (size_t j = 0; j < dW->size1; j++) {
        for (size_t q = 0; q < dW->size2; q++) {
            double sum = 0.0;
            for (size_t i = 0; i < dZ->size2; i++)
                sum += k == TRANSPOSED ? gsl_matrix_get(A_prev, j, i) * gsl_matrix_get(dZ, q, i)
                                       : gsl_matrix_get(dZ, j, i) * gsl_matrix_get(A_prev, q, i);
            gsl_matrix_set(dW, j, q, s * sum);
        }
        double row = 0.0;
        for (size_t i = 0; i < dZ->size2; i++)
            row += gsl_matrix_get(dZ, j, i);
        gsl_vector_set(db, j, s * (k == WRONG_AXIS ? all : row));
    }
}

static void backward_with(mistake k, nn_grads *g, const nn_params *p, const nn_cache *c,
                          const gsl_matrix *X, const gsl_matrix *Y)
{
    double m = (double)X->size2;
    double s = k == NO_INV_M ? 1.0 : k == INV_M_TWICE ? 1.0 / (m * m)
             : k == INT_DIVISION ? 0.0 : 1.0 / m;
    for (size_t i = 0; i < X->size2; i++)
        gsl_matrix_set(g->dZ2, 0, i, gsl_matrix_get(c->A2, 0, i) - gsl_matrix_get(Y, 0, i));
    gradients_with(k == TRANSPOSED ? RIGHT : k, g->dW2, g->db2, g->dZ2, c->A1, s);
    for (size_t j = 0; j < g->dZ1->size1; j++)
        for (size_t i = 0; i < X->size2; i++) {
            double a = gsl_matrix_get(c->A1, j, i), z = gsl_matrix_get(c->Z1, j, i);
            double slope = k == GPRIME_FROM_Z ? 1.0 - z * z
                         : k == HIDDEN_SIGMOID ? a * (1.0 - a) : 1.0 - a * a;
            gsl_matrix_set(g->dZ1, j, i,
                           gsl_matrix_get(p->W2, 0, j) * gsl_matrix_get(g->dZ2, 0, i) * slope);
        }
    gradients_with(k, g->dW1, g->db1, g->dZ1, X, s);
}

static void update_with(mistake k, nn_params *p, const nn_grads *g, double rate)
{
    for (size_t q = 0; q < p->theta->theta->size; q++) {
        size_t block = nn_layout_block_of(2, p->theta->n, q);
        double r = k == UPDATE_SIGN ? -rate : k == RATE_ON_W_ONLY && block % 2 == 1 ? 1.0 : rate;
        double *t = gsl_vector_ptr(p->theta->theta, q);
        *t -= r * gsl_vector_get(g->dtheta->theta, q);
    }
}

/* Whether n numbers agree to 1e-9, relative to the larger. */
static int close_to(const double *a, const double *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (!(fabs(a[k] - b[k]) <= 1e-9 * fmax(1.0, fmax(fabs(a[k]), fabs(b[k])))))
            return 0;
    return 1;
}
static int matrices_close(const gsl_matrix *a, const gsl_matrix *b)
{
    return a->size1 == b->size1 && a->size2 == b->size2 && a->tda == a->size2 &&
           b->tda == b->size2 && close_to(a->data, b->data, a->size1 * a->size2);
}

/* A random case: X (n_x, m) and Y, and a network with every parameter set. */
typedef struct {
    gsl_matrix *X, *Y;
    nn_params *p;
    nn_cache *c;   /* the right forward pass */
    nn_grads *g;   /* scratch */
} random_case;

static random_case case_alloc(size_t n_x, size_t n_h, size_t m, unsigned long seed)
{
    random_case r = {gsl_matrix_alloc(n_x, m), gsl_matrix_alloc(1, m),
                     nn_params_alloc(n_x, n_h, NN_TANH), nn_cache_alloc(n_h, m),
                     nn_grads_alloc(n_x, n_h, m)};
    nn_rng *rng = nn_rng_alloc(seed);
    nn_rng_fill_randn(rng, r.X, 1.0);
    fill_labels(rng, r.Y);
    for (size_t q = 0; q < r.p->theta->theta->size; q++)
        gsl_vector_set(r.p->theta->theta, q, 0.5 * nn_rng_randn(rng));
    nn_rng_free(rng);
    forward_with(RIGHT, r.c, r.p, r.X);
    return r;
}

static void case_free(random_case *r)
{
    gsl_matrix_free(r->X);
    gsl_matrix_free(r->Y);
    nn_params_free(r->p);
    nn_cache_free(r->c);
    nn_grads_free(r->g);
}

/* Fails naming the mistake when what is not right but matches one. */
/* Fails naming the mistake found (nothing if RIGHT: no known mistake). */
static void name_the_mistake(const char *function, mistake found)
{
    if (found != RIGHT)
        ck_abort_msg("%s: %s is wrong: it gives what you get when %s", G->who, function,
                     MISTAKE[found]);
}
#define COUNT(a) (sizeof(a) / sizeof *(a))

static void diagnose_forward(void)
{
    static const mistake CANDIDATES[] = {HIDDEN_SIGMOID, NO_BROADCAST, NO_BROADCAST_1,
                                         NO_BROADCAST_2};
    random_case r = case_alloc(3, 5, 7, 11); /* r.c holds the right forward pass */
    nn_cache *theirs = nn_cache_alloc(5, 7);
    gsl_matrix_set_all(theirs->A2, NAN);
    name_all(r.p, theirs, NULL, r.X, NULL);
    GRADED_OK(G->forward_propagation(theirs, r.p, r.X));
    mistake found = RIGHT;
    for (size_t c = 0; c < COUNT(CANDIDATES) && !matrices_close(theirs->A2, r.c->A2); c++) {
        forward_with(CANDIDATES[c], r.c, r.p, r.X);
        if (matrices_close(theirs->A2, r.c->A2))
            found = CANDIDATES[c];
    }
    nn_cache_free(theirs);
    case_free(&r);
    name_the_mistake("forward_propagation", found);
}

static void diagnose_cost(void)
{
    static const mistake CANDIDATES[] = {NO_INV_M, INV_M_TWICE, COST_SIGN, INT_DIVISION};
    random_case r = case_alloc(3, 5, 7, 12);
    double J = NAN, want = cost_with(RIGHT, r.c, r.Y);
    name_all(NULL, r.c, NULL, NULL, r.Y);
    GRADED_OK(G->compute_cost(&J, r.c, r.Y));
    mistake found = RIGHT;
    for (size_t c = 0; c < COUNT(CANDIDATES) && !close_to(&J, &want, 1); c++) {
        double Jk = cost_with(CANDIDATES[c], r.c, r.Y);
        if (close_to(&J, &Jk, 1))
            found = CANDIDATES[c];
    }
    case_free(&r);
    name_the_mistake("compute_cost", found);
}

/* Block by block (dW1, db1, dW2, db2), since a mistake often touches some
 * gradients only: each wrong block is named with the mistake it matches,
 * when every wrong block matches one ("dW1 and dW2 are what you get when
 * ..."). */
static void diagnose_backward_on(size_t n_x, size_t n_h, size_t m)
{
    static const mistake CANDIDATES[] = {NO_INV_M, INV_M_TWICE, INT_DIVISION, GPRIME_FROM_Z,
                                         WRONG_AXIS, TRANSPOSED, HIDDEN_SIGMOID};
    random_case r = case_alloc(n_x, n_h, m, 13);
    nn_grads *theirs = nn_grads_alloc(n_x, n_h, m), *right = nn_grads_alloc(n_x, n_h, m);
    gsl_vector_set_all(theirs->dtheta->theta, NAN);
    name_all(r.p, r.c, theirs, r.X, r.Y);
    GRADED_OK(G->backward_propagation(theirs, r.p, r.c, r.X, r.Y));
    backward_with(RIGHT, right, r.p, r.c, r.X, r.Y);
    const double *t = theirs->dtheta->theta->data;
    mistake block_mistake[NN_BLOCKS]; /* RIGHT where the block is right */
    int wrong = 0, unexplained = 0;
    for (int b = 0; b < NN_BLOCKS; b++) {
        size_t first, count;
        nn_block_range(n_x, n_h, (nn_block)b, &first, &count);
        block_mistake[b] = RIGHT;
        if (close_to(t + first, right->dtheta->theta->data + first, count))
            continue;
        wrong++;
        for (size_t c = 0; c < COUNT(CANDIDATES) && block_mistake[b] == RIGHT; c++) {
            if (CANDIDATES[c] == TRANSPOSED && n_x != n_h)
                continue; /* X dZ1^T does not fit dW1 */
            backward_with(CANDIDATES[c], r.g, r.p, r.c, r.X, r.Y);
            if (close_to(t + first, r.g->dtheta->theta->data + first, count))
                block_mistake[b] = CANDIDATES[c];
        }
        unexplained += block_mistake[b] == RIGHT;
    }
    nn_grads_free(theirs);
    nn_grads_free(right);
    case_free(&r);
    if (wrong == 0 || unexplained > 0)
        return;
    char said[512] = "";
    for (int b = 0; b < NN_BLOCKS; b++) { /* the blocks of each mistake together */
        mistake k = block_mistake[b];
        if (k == RIGHT)
            continue;
        char blocks[64] = "";
        int n = 0;
        for (int o = b; o < NN_BLOCKS; o++)
            if (block_mistake[o] == k) {
                size_t len = strlen(blocks);
                snprintf(blocks + len, sizeof blocks - len, "%sd%s", n++ ? " and " : "",
                         nn_block_names[o]);
                block_mistake[o] = RIGHT; /* said */
            }
        size_t len = strlen(said);
        snprintf(said + len, sizeof said - len, "%s%s %s what you get when %s",
                 said[0] ? "; " : "", blocks, n > 1 ? "are" : "is", MISTAKE[k]);
    }
    ck_abort_msg("%s: backward_propagation is wrong: %s", G->who, said);
}

/* A wrong backward pass checked against the learner's own cost: the
 * centred differences of J from G's forward_propagation and compute_cost.
 * A backward pass that is the gradient of a wrong cost is told apart from
 * one that is the gradient of nothing. */
static void against_own_cost(void)
{
    random_case r = case_alloc(3, 5, 7, 16);
    nn_grads *theirs = nn_grads_alloc(3, 5, 7);
    GRADED_OK(G->backward_propagation(theirs, r.p, r.c, r.X, r.Y));
    size_t P = r.p->theta->theta->size;
    backward_with(RIGHT, r.g, r.p, r.c, r.X, r.Y);
    const double *t = theirs->dtheta->theta->data;
    if (!close_to(t, r.g->dtheta->theta->data, P)) {
        double *own = malloc(P * sizeof *own);
        nn_cache *c = nn_cache_alloc(5, 7);
        for (size_t q = 0; q < P; q++) { /* J(theta +- eps e_q), J by G's functions */
            double keep = gsl_vector_get(r.p->theta->theta, q), Jp = NAN, Jm = NAN;
            gsl_vector_set(r.p->theta->theta, q, keep + 1e-6);
            GRADED_OK(G->forward_propagation(c, r.p, r.X));
            GRADED_OK(G->compute_cost(&Jp, c, r.Y));
            gsl_vector_set(r.p->theta->theta, q, keep - 1e-6);
            GRADED_OK(G->forward_propagation(c, r.p, r.X));
            GRADED_OK(G->compute_cost(&Jm, c, r.Y));
            gsl_vector_set(r.p->theta->theta, q, keep);
            own[q] = (Jp - Jm) / 2e-6;
        }
        double d = nn_relative_difference(t, own, NULL, P);
        free(own);
        nn_cache_free(c);
        ck_assert_msg(d > 1e-5, "%s: backward_propagation is the gradient of your compute_cost "
                      "(relative difference %.1e), and compute_cost is wrong: fix it first", G->who,
                      d);
        ck_abort_msg("%s: backward_propagation is not the gradient of your own cost either "
                     "(relative difference %.1e from its centred differences): the mistake is in "
                     "backward_propagation", G->who, d);
    }
    nn_grads_free(theirs);
    case_free(&r);
}

static void diagnose_update(void)
{
    static const mistake CANDIDATES[] = {RIGHT, UPDATE_SIGN, RATE_ON_W_ONLY};
    random_case r = case_alloc(3, 5, 7, 14);
    nn_params *theirs = nn_params_alloc(3, 5, NN_TANH), *want = nn_params_alloc(3, 5, NN_TANH);
    for (size_t q = 0; q < r.g->dtheta->theta->size; q++)
        gsl_vector_set(r.g->dtheta->theta, q, 0.1 * (double)(q % 7) - 0.3);
    nn_params_copy(theirs, r.p);
    name_all(theirs, NULL, r.g, NULL, NULL);
    GRADED_OK(G->update_parameters(theirs, r.g, 1.2));
    const gsl_vector *t = theirs->theta->theta;
    mistake found = RIGHT;
    for (size_t c = 0; c < COUNT(CANDIDATES); c++) { /* RIGHT first: a match ends it */
        nn_params_copy(want, r.p);
        update_with(CANDIDATES[c], want, r.g, 1.2);
        if (close_to(t->data, want->theta->theta->data, t->size)) {
            found = CANDIDATES[c];
            break;
        }
    }
    nn_params_free(theirs);
    nn_params_free(want);
    case_free(&r);
    name_the_mistake("update_parameters", found);
}

/* -------------------------------------------------------------- the cases */

/* layer_sizes_test_case: seed 1, X = randn(5, 3), Y = randn(2, 3); the course
 * prints n_x = 5, n_h = 4, n_y = 2. */
START_TEST(grade_layer_sizes)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(5, 3), *Y = gsl_matrix_alloc(2, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    nn_rng_fill_randn(rng, Y, 1.0);
    ck_assert(gsl_matrix_get(X, 0, 0) == 1.6243453636632417); /* seed 1's first draw */
    size_t n_x = 0, n_h = 0, n_y = 0;
    GRADED_OK(G->layer_sizes(&n_x, &n_h, &n_y, X, Y));
    ck_assert_msg(n_x == 5 && n_h == 4 && n_y == 2,
                  "%s: layer_sizes gives n_x = %zu, n_h = %zu, n_y = %zu; the course prints "
                  "n_x = 5, n_h = 4, n_y = 2 (the rows of X, 4, the rows of Y)",
                  G->who, n_x, n_h, n_y);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* The library's network has one sigmoid output, n_y = 1 always (nn.h): a Y
 * of two rows is refused, naming its shape, rather than read as n_y = 2. */
START_TEST(the_library_refuses_two_output_rows)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(5, 3), *Y = gsl_matrix_alloc(2, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    nn_rng_fill_randn(rng, Y, 1.0);
    nn_params *p = nn_params_alloc(X->size1, 4, NN_TANH);
    ck_assert_uint_eq(p->W2->size1, 1);
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

/* The activations: the course's sigmoid([0, 2]) = [0.5, 0.88079708], and
 * every function against its formula at 41 points of [-10, 10] (and 0). */
static void expect_function_or(const char *name, double (*f)(double), double (*want)(double),
                               double (*mistaken)(double), const char *mistake)
{
    for (int k = -20; k <= 20; k++) {
        double z = 0.5 * k, got = f(z), w = want(z);
        if (fabs(got - w) <= 1e-12 * fmax(1.0, fabs(w)))
            continue;
        ck_assert_msg(!mistaken || fabs(got - mistaken(z)) > 1e-12 * fmax(1.0, fabs(got)),
                      "%s: %s(%g) = %.17g, expected %.17g: %s", G->who, name, z, got, w, mistake);
        ck_abort_msg("%s: %s(%g) = %.17g, expected %.17g", G->who, name, z, got, w);
    }
}
static void expect_function(const char *name, double (*f)(double), double (*want)(double))
{
    expect_function_or(name, f, want, NULL, NULL);
}
static double want_sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }
static double want_sigmoid_prime(double z) { return want_sigmoid(z) * (1.0 - want_sigmoid(z)); }
static double want_tanh_prime(double z) { return 1.0 - tanh(z) * tanh(z); }
static double tanh_prime_of_z(double z) { return 1.0 - z * z; }
static double sigmoid_prime_of_z(double z) { return z * (1.0 - z); }
static double want_relu(double z) { return z > 0.0 ? z : 0.0; }
static double want_relu_prime(double z) { return z < 0.0 ? 0.0 : 1.0; }

START_TEST(grade_sigmoid)
{
    double s[2] = {G->sigmoid(0.0), G->sigmoid(2.0)};
    expect_printed("sigmoid([0, 2])", s, 2, "[ 0.5         0.88079708]");
    expect_function("sigmoid", G->sigmoid, want_sigmoid);
}
END_TEST

START_TEST(grade_sigmoid_prime)
{
    expect_function_or("sigmoid_prime", G->sigmoid_prime, want_sigmoid_prime, sigmoid_prime_of_z,
                       "it is z (1 - z); the product is of sigmoid(z), s (1 - s)");
}
END_TEST
START_TEST(grade_tanh_prime)
{
    expect_function_or("tanh_prime", G->tanh_prime, want_tanh_prime, tanh_prime_of_z,
                       "it is 1 - z^2; the square is of tanh(z), 1 - tanh(z)^2");
}
END_TEST
START_TEST(grade_relu) { expect_function("relu", G->relu, want_relu); }
END_TEST
START_TEST(grade_relu_prime) { expect_function("relu_prime", G->relu_prime, want_relu_prime); }
END_TEST

/* The gradient check on a random network: the centred differences agree
 * with the right gradient to the course's 1e-7, and every parameter is put
 * back to the bit. */
START_TEST(grade_numerical_gradient)
{
    random_case r = case_alloc(3, 5, 7, 15);
    size_t P = r.p->theta->theta->size;
    double *approx = malloc(P * sizeof *approx), *before = malloc(P * sizeof *before);
    memcpy(before, r.p->theta->theta->data, P * sizeof *before);
    for (size_t q = 0; q < P; q++)
        approx[q] = NAN;
    name_all(r.p, r.c, NULL, r.X, r.Y);
    GRADED_OK(G->numerical_gradient(approx, r.p, r.c, r.X, r.Y, NN_GRADCHECK_EPS));
    ck_assert_msg(memcmp(before, r.p->theta->theta->data, P * sizeof *before) == 0,
                  "%s: numerical_gradient leaves a parameter moved (put each back as it was)",
                  G->who);
    backward_with(RIGHT, r.g, r.p, r.c, r.X, r.Y);
    double d = nn_relative_difference(r.g->dtheta->theta->data, approx, NULL, P);
    for (size_t q = 0; q < P; q++)
        before[q] = -approx[q];
    ck_assert_msg(d < 1e-7 || nn_relative_difference(r.g->dtheta->theta->data, before, NULL, P) >
                                  1e-7,
                  "%s: numerical_gradient is the gradient's negative: is compute_cost's sign "
                  "right?", G->who);
    for (size_t q = 0; q < P; q++)
        before[q] = 0.5 * approx[q];
    ck_assert_msg(d < 1e-7 || nn_relative_difference(r.g->dtheta->theta->data, before, NULL, P) >
                                  1e-6,
                  "%s: numerical_gradient is twice the gradient: divide by 2 eps, the distance "
                  "between theta + eps and theta - eps", G->who);
    for (size_t q = 0; q < P; q++)
        before[q] = 2.0 * approx[q];
    ck_assert_msg(d < 1e-7 || nn_relative_difference(r.g->dtheta->theta->data, before, NULL, P) >
                                  1e-6,
                  "%s: numerical_gradient is half the gradient: are J+ and J- taken at theta + "
                  "eps and theta - eps (each from the original theta)?", G->who);
    ck_assert_msg(d < 1e-7, "%s: numerical_gradient differs from the gradient by %.2e "
                  "(relative difference; below 1e-7 when right)", G->who, d);
    free(approx);
    free(before);
    case_free(&r);
}
END_TEST

START_TEST(grade_relative_difference)
{
    static const double g[] = {1.0, 2.0, 3.0}, a[] = {1.0, 2.0, 4.0}, zero[] = {0.0, 0.0, 0.0};
    double want = 1.0 / (sqrt(14.0) + sqrt(21.0)), got = G->relative_difference(g, a, 3);
    ck_assert_msg(fabs(got - want) <= 1e-15, "%s: relative_difference([1 2 3], [1 2 4]) = %.17g, "
                  "expected ||g - a|| / (||g|| + ||a||) = 1 / (sqrt(14) + sqrt(21)) = %.17g",
                  G->who, got, want);
    got = G->relative_difference(zero, zero, 3);
    ck_assert_msg(!isnan(got), "%s: relative_difference of two zero vectors is NaN: 0 / 0 when "
                  "both norms are 0; return 0 then", G->who);
    ck_assert_msg(got == 0.0, "%s: relative_difference of two zero vectors is %g, expected 0",
                  G->who, got);
}
END_TEST

/* initialize_parameters: np.random.seed(2), W1 = randn(4, 2) * 0.01,
 * b1 = zeros, W2 = randn(1, 4) * 0.01, b2 = zeros. */
/* What a start drawn in another order looks like: W1 column by column, or
 * W2 before W1. */
static void draw_rows(gsl_matrix *W, nn_rng *rng, int by_column)
{
    for (size_t a = 0; a < (by_column ? W->size2 : W->size1); a++)
        for (size_t b = 0; b < (by_column ? W->size1 : W->size2); b++)
            gsl_matrix_set(W, by_column ? b : a, by_column ? a : b, 0.01 * nn_rng_randn(rng));
}

static void diagnose_init(const nn_params *theirs)
{
    nn_params *v = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    const char *said = NULL;
    for (int k = 0; k < 2 && said == NULL; k++) {
        nn_rng_seed(rng, 2);
        gsl_vector_set_zero(v->theta->theta);
        if (k == 0) {
            draw_rows(v->W1, rng, 1);
            draw_rows(v->W2, rng, 1);
        } else {
            draw_rows(v->W2, rng, 0);
            draw_rows(v->W1, rng, 0);
        }
        if (close_to(theirs->theta->theta->data, v->theta->theta->data, v->theta->theta->size))
            said = k == 0 ? "W1 and W2 are drawn column by column; numpy draws row by row"
                          : "W2 is drawn before W1; the course draws W1 first";
    }
    nn_rng_free(rng);
    nn_params_free(v);
    if (said)
        ck_abort_msg("%s: initialize_parameters is wrong: %s", G->who, said);
}

START_TEST(grade_initialize_parameters)
{
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    gsl_vector_set_all(p->theta->theta, 7.0); /* what was there before: all of it replaced */
    GRADED_OK(G->initialize_parameters(p, rng));
    diagnose_init(p);
    ck_assert_msg(gsl_vector_isnull(p->b1) && gsl_vector_isnull(p->b2),
                  "%s: initialize_parameters leaves b1 or b2 as it found them; set them to 0",
                  G->who);
    expect_matrix("W1", p->W1,
                  "[[-0.00416758 -0.00056267]\n"
                  " [-0.02136196  0.01640271]\n"
                  " [-0.01793436 -0.00841747]\n"
                  " [ 0.00502881 -0.01245288]]");
    expect_matrix("W2", p->W2, "[[-0.01057952 -0.00909008  0.00551454  0.02292208]]");
    nn_rng_free(rng);
    nn_params_free(p);
}
END_TEST

/* forward_propagation_test_case: seed 1, X = randn(2, 3), then
 * b1 = randn(4, 1); b2 = -1.3; W1 and W2 written out.  The notebook prints
 * the means of Z1, A1, Z2, A2 (Python's str of a float, 12 digits). */
START_TEST(grade_forward_propagation)
{
    diagnose_forward();
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
    name_all(p, c, NULL, X, NULL);
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
START_TEST(grade_compute_cost)
{
    diagnose_cost();
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
    expect_scalar("the cost J", J, "0.693058761");
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
START_TEST(grade_backward_propagation)
{
    diagnose_backward_on(3, 5, 7);
    diagnose_backward_on(4, 4, 7); /* square: a transposed dW1 fits */
    against_own_cost();
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
    name_all(p, c, g, X, Y);
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
START_TEST(grade_update_parameters)
{
    diagnose_update();
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
    name_all(p, NULL, g, NULL, NULL);
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
START_TEST(grade_nn_model)
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
    double *cost = malloc(10000 * sizeof *cost);
    nn_params *p = G->nn_model(X, Y, 4, 10000, rng, cost);
    ck_assert_msg(p != NULL, "%s: nn_model returned NULL: %s", G->who, nn_errmsg());
    for (size_t k = 0; k < 10; k++) {
        char what[48];
        snprintf(what, sizeof what, "cost after iteration %zu", 1000 * k);
        expect_scalar(what, cost[1000 * k], COSTS[k]);
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
    nn_params_free(p);
    /* the n_h given wins over layer_sizes's 4 */
    p = G->nn_model(X, Y, 3, 10, rng, NULL);
    ck_assert_msg(p != NULL, "%s: nn_model returned NULL: %s", G->who, nn_errmsg());
    ck_assert_msg(p->n_h == 3 && p->W1->size1 == 3, "%s: nn_model(X, Y, n_h = 3, ...) builds "
                  "n_h = %zu: the n_h given wins over layer_sizes's 4", G->who, p->n_h);
    free(cost);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_rng_free(rng);
}
END_TEST

/* nn_model end to end: the flower, n_h = 4, 10000 iterations from seed 2.
 * The course prints the cost every 1000 iterations and 90% accuracy; the
 * first eight costs hold to their six decimals, the last two (8000, 9000)
 * to 1e-4 only, as no implementation reproduces their digits (chapter 6,
 * section 4). */
START_TEST(grade_nn_model_on_the_flower)
{
    static const double COURSE[] = {0.693048, 0.288083, 0.254385, 0.233864, 0.226792,
                                    0.222644, 0.219731, 0.217504, 0.219454, 0.218607};
    nn_dataset *d = nn_data_flower();
    size_t m = d->X->size2;
    nn_rng *rng = nn_rng_alloc(2);
    double *cost = malloc(10000 * sizeof *cost);
    nn_params *p = G->nn_model(d->X, d->Y, 4, 10000, rng, cost);
    ck_assert_msg(p != NULL, "%s: nn_model returned NULL: %s", G->who, nn_errmsg());
    for (size_t k = 0; k < 10; k++)
        ck_assert_msg(fabs(cost[1000 * k] - COURSE[k]) <= (k < 8 ? 0.5e-6 : 1e-4),
                      "%s: on the flower, the cost after iteration %zu is %.9f, the course "
                      "prints %.6f", G->who, 1000 * k, cost[1000 * k], COURSE[k]);
    gsl_matrix *P = gsl_matrix_alloc(1, m);
    double acc;
    ck_assert_int_eq(ref_predict(P, p, d->X), NN_OK); /* the library's: predict is graded apart */
    nn_accuracy(&acc, P, d->Y);
    ck_assert_msg(acc >= 90.0 && acc <= 91.0, "%s: accuracy on the flower %.2f%%, the course "
                  "prints 90%%", G->who, acc);
    gsl_matrix_free(P);
    free(cost);
    nn_params_free(p);
    nn_rng_free(rng);
    nn_dataset_free(d);
}
END_TEST

/* predict_test_case: seed 1, X = randn(2, 3); the parameters written out.
 * predict rounds A2 (np.round: 0.5 goes to 0, as nn_predict's A2 > 0.5). */
START_TEST(grade_predict)
{
    nn_rng *rng = nn_rng_alloc(1);
    gsl_matrix *X = gsl_matrix_alloc(2, 3), *P = gsl_matrix_alloc(1, 3);
    nn_rng_fill_randn(rng, X, 1.0);
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    set_rows(p->W1, TRAINED_W1);
    set_vector(p->b1, TRAINED_b1);
    set_rows(p->W2, TRAINED_W2);
    set_vector(p->b2, TRAINED_b2);
    name_all(p, NULL, NULL, X, NULL);
    graded_name(P, "predictions");
    GRADED_OK(G->predict(P, p, X));
    expect_scalar("predictions mean", mean(P), "0.666666666667");
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

/* One test case per graded function, named after it, in the workbook's
 * order. */
static TCase *function_case(Suite *s, const char *name)
{
    TCase *tc = tcase_create(name);
    tcase_set_timeout(tc, 10);
    suite_add_tcase(s, tc);
    return tc;
}

static Suite *suite_of(const workbook_fns *fns, int chapter, const char *function)
{
    G = fns;
    /* the tests of each function, in graded_functions' order */
    const TTest *t[GRADED_FUNCTIONS][2] = {
        {grade_layer_sizes, NULL},
        {grade_forward_propagation, NULL},
        {grade_sigmoid, NULL},
        {grade_sigmoid_prime, NULL},
        {grade_tanh_prime, NULL},
        {grade_relu, NULL},
        {grade_relu_prime, NULL},
        {grade_compute_cost, NULL},
        {grade_backward_propagation, NULL},
        {grade_numerical_gradient, NULL},
        {grade_relative_difference, NULL},
        {grade_initialize_parameters, NULL},
        {grade_update_parameters, NULL},
        {grade_nn_model, grade_nn_model_on_the_flower},
        {grade_predict, NULL},
    };
    Suite *s = suite_create("graded");
    for (int f = 0; f < GRADED_FUNCTIONS; f++) {
        if ((chapter && GRADED_CHAPTER(&graded_functions[f]) != chapter) ||
            (function && strcmp(graded_functions[f].name, function) != 0))
            continue;
        tcase_add_test(function_case(s, graded_functions[f].name), t[f][0]);
        if (t[f][1]) { /* a second test, end to end: too long under valgrind */
            TCase *tc = function_case(s, graded_functions[f].name);
            tcase_set_tags(tc, "long");
            tcase_add_test(tc, t[f][1]);
        }
    }
    if (fns == &graded_reference && function == NULL) { /* the library's own */
        TCase *tc = tcase_create("the library");
        tcase_add_test(tc, the_library_refuses_two_output_rows);
        tcase_add_test(tc, tolerance_is_half_the_last_printed_place);
        suite_add_tcase(s, tc);
    }
    return s;
}

Suite *graded_suite(const workbook_fns *fns, int chapter)
{
    return suite_of(fns, chapter, NULL);
}

Suite *graded_suite_of(const workbook_fns *fns, const char *function)
{
    return suite_of(fns, 0, function);
}

Suite *course_units_suite(void)
{
    return graded_suite(&graded_reference, 0);
}

/* The seam holds: the same tests, given a table with one wrong function,
 * fail that function's test alone, and name the mistake. */
static nn_status update_with_the_sign_flipped(nn_params *p, const nn_grads *grads, double rate)
{
    return nn_update(p, grads, -rate);
}

/* A nested run of the graded suite: not filtered by the outer run's
 * CK_RUN_SUITE, CK_RUN_CASE or tags (this test is its own process). */
static SRunner *nested_runner(const workbook_fns *fns, int chapter)
{
    unsetenv("CK_RUN_SUITE");
    unsetenv("CK_RUN_CASE");
    unsetenv("CK_INCLUDE_TAGS");
    unsetenv("CK_EXCLUDE_TAGS");
    SRunner *sr = srunner_create(graded_suite(fns, chapter));
    srunner_set_fork_status(sr, CK_FORK);
    return sr;
}

START_TEST(a_table_with_one_wrong_function_fails_that_test_alone)
{
    workbook_fns wrong = graded_reference;
    wrong.who = "a table with the update's sign flipped";
    wrong.update_parameters = update_with_the_sign_flipped;
    SRunner *sr = nested_runner(&wrong, 0);
    srunner_run_all(sr, CK_SILENT);
    G = &graded_reference;
    int failed = srunner_ntests_failed(sr);
    TestResult **r = srunner_failures(sr);
    ck_assert_int_eq(failed, 1);
    ck_assert_str_eq(tr_tcname(r[0]), "update_parameters");
    ck_assert_msg(strstr(tr_msg(r[0]), MISTAKE[UPDATE_SIGN]) != NULL, "%s", tr_msg(r[0]));
    free(r);
    srunner_free(sr);
}
END_TEST

/* --------------------------------------------------------- planted mistakes
 *
 * The grader is tested on the mistakes it diagnoses: each planted function
 * below makes one, written apart from the diagnosis code above (most from
 * the library's right answer, changed as the mistake changes it).  The
 * graded tests must fail that function alone and name the mistake; a crash
 * and an endless loop must fail their function and let the others pass. */

static nn_status plant_forward_hidden_sigmoid(nn_cache *c, const nn_params *p,
                                              const gsl_matrix *X)
{
    nn_params q = *p;
    q.hidden = NN_SIGMOID;
    return nn_forward(c, &q, X);
}

/* b1 (and b2 when both) taken back out of columns 1 .. m-1 */
static nn_status forward_without_bias_after_column_0(nn_cache *c, const nn_params *p,
                                                     const gsl_matrix *X, int both)
{
    nn_status s = nn_forward(c, p, X);
    for (size_t i = 1; i < X->size2; i++) {
        for (size_t j = 0; j < p->n_h; j++) {
            double z = gsl_matrix_get(c->Z1, j, i) - gsl_vector_get(p->b1, j);
            gsl_matrix_set(c->Z1, j, i, z);
            gsl_matrix_set(c->A1, j, i, tanh(z));
        }
        double z2 = both ? 0.0 : gsl_vector_get(p->b2, 0);
        for (size_t j = 0; j < p->n_h; j++)
            z2 += gsl_matrix_get(p->W2, 0, j) * gsl_matrix_get(c->A1, j, i);
        gsl_matrix_set(c->Z2, 0, i, z2);
        gsl_matrix_set(c->A2, 0, i, nn_sigmoid(z2));
    }
    return s;
}

static nn_status plant_forward_no_broadcast(nn_cache *c, const nn_params *p, const gsl_matrix *X)
{
    return forward_without_bias_after_column_0(c, p, X, 1);
}

static nn_status plant_forward_no_broadcast_b1(nn_cache *c, const nn_params *p,
                                               const gsl_matrix *X)
{
    return forward_without_bias_after_column_0(c, p, X, 0);
}

static double plant_tanh_prime_of_z(double z) { return 1.0 - z * z; }

static nn_status plant_cost_int_division(double *J, const nn_cache *c, const gsl_matrix *Y)
{
    nn_status s = nn_cost(J, c, Y);
    *J *= (double)(1 / Y->size2); /* 1 / m in size_t: 0 */
    return s;
}

static nn_status plant_init_w2_first(nn_params *p, nn_rng *rng)
{
    nn_rng_fill_randn(rng, p->W2, 0.01);
    nn_rng_fill_randn(rng, p->W1, 0.01);
    gsl_vector_set_zero(p->b1);
    gsl_vector_set_zero(p->b2);
    return NN_OK;
}

static nn_status plant_numerical_half(double *approx, nn_params *p, nn_cache *c,
                                      const gsl_matrix *X, const gsl_matrix *Y, double eps)
{
    nn_status s = nn_numerical_gradient(approx, p, c, X, Y, eps);
    for (size_t k = 0; k < p->theta->theta->size; k++)
        approx[k] *= 0.5; /* as when J- is taken at theta, not theta - eps */
    return s;
}

static nn_status plant_forward_crash(nn_cache *c, const nn_params *p, const gsl_matrix *X)
{
    (void)c, (void)p, (void)X;
    abort(); /* a crash the sanitizers leave to the signal (they catch SIGSEGV) */
}

static nn_status plant_cost_no_inv_m(double *J, const nn_cache *c, const gsl_matrix *Y)
{
    nn_status s = nn_cost(J, c, Y);
    *J *= (double)Y->size2;
    return s;
}

static nn_status plant_cost_inv_m_twice(double *J, const nn_cache *c, const gsl_matrix *Y)
{
    nn_status s = nn_cost(J, c, Y);
    *J /= (double)Y->size2;
    return s;
}

static nn_status plant_cost_sign(double *J, const nn_cache *c, const gsl_matrix *Y)
{
    nn_status s = nn_cost(J, c, Y);
    *J = -*J;
    return s;
}

static nn_status plant_backward_no_inv_m(nn_grads *g, const nn_params *p, const nn_cache *c,
                                         const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    gsl_vector_scale(g->dtheta->theta, (double)X->size2);
    return s;
}

static nn_status plant_backward_inv_m_twice(nn_grads *g, const nn_params *p, const nn_cache *c,
                                            const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    gsl_vector_scale(g->dtheta->theta, 1.0 / (double)X->size2);
    return s;
}

/* dZ1 = W2^T dZ2 * (1 - Z1^2), then dW1 and db1 from it */
static nn_status plant_backward_gprime_from_z(nn_grads *g, const nn_params *p, const nn_cache *c,
                                              const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    double m = (double)X->size2;
    for (size_t j = 0; j < p->n_h; j++)
        for (size_t i = 0; i < X->size2; i++) {
            double z = gsl_matrix_get(c->Z1, j, i);
            gsl_matrix_set(g->dZ1, j, i, gsl_matrix_get(p->W2, 0, j) *
                                             gsl_matrix_get(g->dZ2, 0, i) * (1.0 - z * z));
        }
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / m, g->dZ1, X, 0.0, g->dW1);
    nn__row_means(g->db1, g->dZ1);
    return s;
}

/* db1 = (1/m) np.sum(dZ1): every entry, not each row */
static nn_status plant_backward_wrong_axis(nn_grads *g, const nn_params *p, const nn_cache *c,
                                           const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    double all = 0.0;
    for (size_t j = 0; j < p->n_h; j++)
        for (size_t i = 0; i < X->size2; i++)
            all += gsl_matrix_get(g->dZ1, j, i);
    gsl_vector_set_all(g->db1, all / (double)X->size2);
    return s;
}

/* dW1 = (1/m) X dZ1^T: GSL refuses it unless n_x = n_h */
static nn_status plant_backward_transposed(nn_grads *g, const nn_params *p, const nn_cache *c,
                                           const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0 / (double)X->size2, X, g->dZ1, 0.0, g->dW1);
    return s;
}

static nn_status plant_update_sign(nn_params *p, const nn_grads *g, double rate)
{
    return nn_update(p, g, -rate);
}

/* W -= rate dW, but b -= db */
static nn_status plant_update_rate_on_w_only(nn_params *p, const nn_grads *g, double rate)
{
    nn__matrix_axpy(-rate, g->dW1, p->W1);
    gsl_vector_sub(p->b1, g->db1);
    nn__matrix_axpy(-rate, g->dW2, p->W2);
    gsl_vector_sub(p->b2, g->db2);
    return NN_OK;
}

static nn_status plant_update_endless(nn_params *p, const nn_grads *g, double rate)
{
    (void)p, (void)g, (void)rate;
    for (volatile int spin = 1; spin;)
        ;
    return NN_OK;
}

typedef struct {
    const char *function;
    int chapter;
    const char *expect; /* in the failure's message */
    workbook_fns fns;
} plant;

static plant planted(const char *function, int chapter, const char *expect)
{
    plant p = {function, chapter, expect, graded_reference};
    p.fns.who = function;
    return p;
}

/* Grades a planted table's chapter: the one failure must be the planted
 * function's, with expect in its message. */
static void expect_diagnosis(const plant *pl)
{
    setenv("CK_TIMEOUT_MULTIPLIER", "0.3", 1); /* the endless loop: 3 s, not 10 */
    SRunner *sr = nested_runner(&pl->fns, pl->chapter);
    unsetenv("CK_TIMEOUT_MULTIPLIER");
    srunner_run_all(sr, CK_SILENT);
    G = &graded_reference;
    int failed = srunner_ntests_failed(sr);
    TestResult **r = srunner_failures(sr);
    ck_assert_msg(failed >= 1, "%s: planted, and no test failed", pl->function);
    for (int k = 0; k < failed; k++) {
        ck_assert_msg(strcmp(tr_tcname(r[k]), pl->function) == 0,
                      "planted in %s (%s), and %s failed: %s", pl->function, pl->expect,
                      tr_tcname(r[k]), tr_msg(r[k]));
        ck_assert_msg(k > 0 || strstr(tr_msg(r[k]), pl->expect) != NULL,
                      "planted in %s: '%s' expected in the message, got '%s'", pl->function,
                      pl->expect, tr_msg(r[k]));
    }
    free(r);
    srunner_free(sr);
}

/* The gradient of the planted cost_sign: a backward pass right for a wrong
 * cost. */
static nn_status plant_backward_negated(nn_grads *g, const nn_params *p, const nn_cache *c,
                                        const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    gsl_vector_scale(g->dtheta->theta, -1.0);
    return s;
}

/* A backward pass that is the gradient of nothing: dW1 and db1 swapped in size. */
static nn_status plant_backward_scrambled(nn_grads *g, const nn_params *p, const nn_cache *c,
                                          const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s = nn_backward(g, p, c, X, Y);
    gsl_vector_scale(g->db1, 3.0);
    return s;
}

/* The message of function's failure when fns are graded on chapter. */
static char *failure_of(const workbook_fns *fns, int chapter, const char *function)
{
    SRunner *sr = nested_runner(fns, chapter);
    srunner_run_all(sr, CK_SILENT);
    G = &graded_reference;
    int failed = srunner_ntests_failed(sr);
    TestResult **r = srunner_failures(sr);
    char *msg = NULL;
    for (int k = 0; k < failed && msg == NULL; k++)
        if (strcmp(tr_tcname(r[k]), function) == 0)
            msg = strdup(tr_msg(r[k]));
    free(r);
    srunner_free(sr);
    return msg ? msg : strdup("(it passed)");
}

START_TEST(a_backward_pass_is_checked_against_its_own_cost)
{
    workbook_fns fns = graded_reference;
    fns.who = "planted";
    fns.compute_cost = plant_cost_sign;
    fns.backward_propagation = plant_backward_negated;
    char *msg = failure_of(&fns, 4, "backward_propagation");
    ck_assert_msg(strstr(msg, "is the gradient of your compute_cost") != NULL, "%s", msg);
    free(msg);
    fns = graded_reference;
    fns.who = "planted";
    fns.backward_propagation = plant_backward_scrambled;
    msg = failure_of(&fns, 4, "backward_propagation");
    ck_assert_msg(strstr(msg, "not the gradient of your own cost either") != NULL, "%s", msg);
    free(msg);
}
END_TEST

START_TEST(every_planted_mistake_is_diagnosed)
{
    plant pl[24];
    size_t n = 0;
#define PLANT(fn, ch, slot, impl, text)                                         \
    do {                                                                        \
        pl[n] = planted(fn, ch, text);                                          \
        pl[n++].fns.slot = impl;                                                \
    } while (0)
    PLANT("forward_propagation", 2, forward_propagation, plant_forward_hidden_sigmoid,
          MISTAKE[HIDDEN_SIGMOID]);
    PLANT("forward_propagation", 2, forward_propagation, plant_forward_no_broadcast,
          MISTAKE[NO_BROADCAST]);
    PLANT("compute_cost", 4, compute_cost, plant_cost_no_inv_m, MISTAKE[NO_INV_M]);
    PLANT("compute_cost", 4, compute_cost, plant_cost_inv_m_twice, MISTAKE[INV_M_TWICE]);
    PLANT("compute_cost", 4, compute_cost, plant_cost_sign, MISTAKE[COST_SIGN]);
    PLANT("compute_cost", 4, compute_cost, plant_cost_int_division, MISTAKE[INT_DIVISION]);
    PLANT("forward_propagation", 2, forward_propagation, plant_forward_no_broadcast_b1,
          MISTAKE[NO_BROADCAST_1]);
    PLANT("tanh_prime", 3, tanh_prime, plant_tanh_prime_of_z, "it is 1 - z^2");
    PLANT("initialize_parameters", 5, initialize_parameters, plant_init_w2_first,
          "W2 is drawn before W1");
    PLANT("numerical_gradient", 4, numerical_gradient, plant_numerical_half,
          "half the gradient");
    PLANT("backward_propagation", 4, backward_propagation, plant_backward_no_inv_m,
          MISTAKE[NO_INV_M]);
    PLANT("backward_propagation", 4, backward_propagation, plant_backward_inv_m_twice,
          MISTAKE[INV_M_TWICE]);
    PLANT("backward_propagation", 4, backward_propagation, plant_backward_gprime_from_z,
          MISTAKE[GPRIME_FROM_Z]);
    PLANT("backward_propagation", 4, backward_propagation, plant_backward_wrong_axis,
          MISTAKE[WRONG_AXIS]);
    PLANT("backward_propagation", 4, backward_propagation, plant_backward_transposed,
          MISTAKE[TRANSPOSED]);
    PLANT("update_parameters", 6, update_parameters, plant_update_sign, MISTAKE[UPDATE_SIGN]);
    PLANT("update_parameters", 6, update_parameters, plant_update_rate_on_w_only,
          MISTAKE[RATE_ON_W_ONLY]);
    PLANT("forward_propagation", 2, forward_propagation, plant_forward_crash, "signal 6");
    PLANT("update_parameters", 6, update_parameters, plant_update_endless, "timeout");
#undef PLANT
    for (size_t k = 0; k < n; k++)
        expect_diagnosis(&pl[k]);
}
END_TEST

Suite *graded_seam_suite(void)
{
    Suite *s = suite_create("graded_seam");
    TCase *tc = tcase_create("a table of functions");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, a_table_with_one_wrong_function_fails_that_test_alone);
    tcase_add_test(tc, every_planted_mistake_is_diagnosed);
    tcase_add_test(tc, a_backward_pass_is_checked_against_its_own_cost);
    tcase_set_tags(tc, "long"); /* grades the whole table again and again */
    suite_add_tcase(s, tc);
    return s;
}
