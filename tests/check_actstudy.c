/* check_actstudy: chapter 3's study module (actstudy.c) and
 * its committed results.  check_activation.c already compares each g' with
 * a centred difference on its own grid; here the derivatives are compared
 * with the unsimplified forms of the derivation and with the chapter's own
 * derivative check, the linear network's collapse to W', b' is verified to
 * 1e-12, and the chapter's derivative table is read back. */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "../chapters/03-activation-functions/actstudy.h"
#include "tests.h"

/* ------------------------------------------------------------ derivatives */

/* The derivation's intermediate forms, before simplification:
 *   sigma'(z) = e^-z / (1 + e^-z)^2,   tanh'(z) = 4 / (e^z + e^-z)^2. */
START_TEST(derivatives_equal_their_unsimplified_forms)
{
    const nn_activation *s = nn_activation_get(NN_SIGMOID), *t = nn_activation_get(NN_TANH);
    double worst_s = 0.0, worst_t = 0.0;
    for (int i = -2000; i <= 2000; i++) {
        double z = i * 0.01;
        double e = exp(-z), c = exp(z) + exp(-z);
        worst_s = fmax(worst_s, fabs(s->dg(z) - e / ((1.0 + e) * (1.0 + e))));
        worst_t = fmax(worst_t, fabs(t->dg(z) - 4.0 / (c * c)));
    }
    ck_assert_msg(worst_s < 1e-15, "sigmoid' differs from e^-z/(1+e^-z)^2 by %g", worst_s);
    ck_assert_msg(worst_t < 1e-15, "tanh' differs from 4/(e^z+e^-z)^2 by %g", worst_t);
    /* tanh z = 2 sigma(2z) - 1, so tanh'(z) = 4 sigma'(2z); read backwards,
     * sigma'(z) / sigma'(0) = tanh'(z / 2), section 7's relative criterion. */
    for (int i = -500; i <= 500; i++) {
        double z = i * 0.01;
        ck_assert_double_eq_tol(t->g(z), 2.0 * s->g(2.0 * z) - 1.0, 1e-15);
        ck_assert_double_eq_tol(t->dg(z), 4.0 * s->dg(2.0 * z), 1e-15);
        ck_assert_double_eq_tol(s->dg(z) / s->dg(0.0), t->dg(z / 2.0), 1e-15);
    }
}
END_TEST

/* The chapter's check on a grid that includes the kink at 0 exactly:
 * every derivative agrees with its centred difference, the kink is
 * skipped for ReLU and leaky ReLU only, and not skipping it would fail. */
START_TEST(derivative_check_handles_the_kink)
{
    enum { N = 2001 };
    static double z[N];
    nn_linspace(z, -10.0, 10.0, N); /* z[1000] is 0.0 exactly */
    ck_assert(z[1000] == 0.0);
    const double h = 1e-5;
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        double worst, z_worst;
        size_t compared;
        ck_assert_int_eq(act_derivative_check((nn_activation_id)k, z, N, h, &worst, &z_worst,
                                             &compared), NN_OK);
        int kink = k == NN_RELU || k == NN_LEAKY_RELU;
        ck_assert_int_eq(nn_activation_has_kink((nn_activation_id)k), kink);
        ck_assert_uint_eq(compared, kink ? N - 1 : N);
        ck_assert_msg(worst < 1e-9, "%s: largest error %g at z = %g", nn_activations[k].name,
                      worst, z_worst);
        ck_assert(fabs(z_worst) <= 10.0);
    }
    /* At the kink the centred difference is the mean of the one-sided slopes,
     * not the library's g'(0) = 1: the check had to skip it. */
    ck_assert_double_eq_tol(act_centred_difference(&nn_activations[NN_RELU], 0.0, h), 0.5, 1e-12);
    ck_assert_double_eq_tol(act_centred_difference(&nn_activations[NN_LEAKY_RELU], 0.0, h),
                            (1.0 + NN_LEAKY_SLOPE) / 2.0, 1e-12);
    ck_assert(nn_activations[NN_RELU].dg(0.0) == 1.0);
    /* Only the kink: one point, skipped, leaves nothing to compare. */
    double worst, zw, zero = 0.0, tiny = 0.5 * h;
    size_t n;
    ck_assert_int_eq(act_derivative_check(NN_RELU, &zero, 1, h, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(act_derivative_check(NN_LEAKY_RELU, &tiny, 1, h, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(act_derivative_check(NN_TANH, &zero, 1, 0.0, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(act_derivative_check(NN_ACTIVATION_COUNT, &zero, 1, h, &worst, &zw, &n),
                     NN_EINVAL);
}
END_TEST

/* The centred difference's error is h^2 |g'''| / 6 + O(h^4): for tanh,
 * whose |g'''| is largest (2) at z = 0, dividing h by 10 divides the
 * largest error by 100, and its value matches h^2 / 3. */
START_TEST(centred_difference_error_is_order_h_squared)
{
    enum { N = 401 };
    double z[N];
    nn_linspace(z, -2.0, 2.0, N);
    double e1, e2, zw;
    size_t n;
    ck_assert_int_eq(act_derivative_check(NN_TANH, z, N, 1e-2, &e1, &zw, &n), NN_OK);
    ck_assert_int_eq(act_derivative_check(NN_TANH, z, N, 1e-3, &e2, &zw, &n), NN_OK);
    ck_assert_msg(fabs(e1 / e2 / 100.0 - 1.0) < 1e-3, "ratio %g, expected 100", e1 / e2);
    ck_assert_msg(fabs(e1 / (1e-4 / 3.0) - 1.0) < 1e-3, "error %g, expected h^2/3", e1);
    ck_assert(fabs(zw) < 1e-12); /* at z = 0 */
}
END_TEST

/* ------------------------------------------------ the linear network */

/* W1 = [1 2; 3 4; 5 6], b1 = [1; 0; -1], W2 = [1 -1 2], b2 = 0.5:
 *   W' = W2 W1 = [1 - 3 + 10, 2 - 4 + 12] = [8, 10]
 *   b' = W2 b1 + b2 = 1 - 0 - 2 + 0.5 = -0.5                        */
START_TEST(collapse_by_hand)
{
    nn_params *p = nn_params_alloc(2, 3, NN_LINEAR);
    double W1[] = {1, 2, 3, 4, 5, 6}, b1[] = {1, 0, -1}, W2[] = {1, -1, 2};
    memcpy(p->W1->data, W1, sizeof W1);
    memcpy(p->b1->data, b1, sizeof b1);
    memcpy(p->W2->data, W2, sizeof W2);
    gsl_vector_set(p->b2, 0, 0.5);
    nn_logreg *lr = nn_logreg_alloc(2, 1);
    ck_assert_int_eq(act_linear_collapse(lr, p), NN_OK);
    ck_assert(gsl_matrix_get(lr->w, 0, 0) == 8.0);
    ck_assert(gsl_matrix_get(lr->w, 0, 1) == 10.0);
    ck_assert(gsl_vector_get(lr->b, 0) == -0.5);
    nn_logreg_free(lr);
    nn_params_free(p);
}
END_TEST

/* Largest |a - b| over two (1, m) rows. */
static double max_diff(const gsl_matrix *a, const gsl_matrix *b)
{
    double d = 0.0;
    for (size_t i = 0; i < a->size2; i++)
        d = fmax(d, fabs(gsl_matrix_get(a, 0, i) - gsl_matrix_get(b, 0, i)));
    return d;
}

/* Train linear hidden units on the flower, collapse, and compare
 * sigma(W' X + b') with the network's A2 (and Z2 with W' X + b'). */
START_TEST(trained_linear_network_is_logistic_regression)
{
    nn_dataset *d = nn_data_flower();
    size_t m = d->X->size2;
    nn_params *p = nn_params_alloc(2, 4, NN_LINEAR);
    nn_rng *rng = nn_rng_alloc(2);
    nn_params_init(p, rng, NN_INIT_SCALE);
    nn_cache *c = nn_cache_alloc(4, m);
    nn_grads *g = nn_grads_alloc(2, 4, m);
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 1000};
    ck_assert_int_eq(nn_train(p, c, g, d->X, d->Y, &opt, NULL), NN_OK);
    ck_assert(fabs(gsl_vector_get(p->b1, 0)) > 1e-6); /* the biases took part */
    ck_assert_int_eq(nn_forward(c, p, d->X), NN_OK);
    nn_logreg *lr = nn_logreg_alloc(2, m);
    ck_assert_int_eq(act_linear_collapse(lr, p), NN_OK);
    ck_assert_int_eq(nn_logreg_forward(lr, d->X), NN_OK);
    ck_assert_msg(max_diff(lr->A, c->A2) < 1e-12, "A differs by %g", max_diff(lr->A, c->A2));
    ck_assert_msg(max_diff(lr->Z, c->Z2) < 1e-12, "Z differs by %g", max_diff(lr->Z, c->Z2));
    /* The same for random weights of size 1 with non-zero biases. */
    nn_rng_seed(rng, 7);
    nn_params_init(p, rng, 1.0);
    for (size_t j = 0; j < 4; j++)
        gsl_vector_set(p->b1, j, nn_rng_randn(rng));
    gsl_vector_set(p->b2, 0, nn_rng_randn(rng));
    ck_assert_int_eq(nn_forward(c, p, d->X), NN_OK);
    ck_assert_int_eq(act_linear_collapse(lr, p), NN_OK);
    ck_assert_int_eq(nn_logreg_forward(lr, d->X), NN_OK);
    ck_assert_msg(max_diff(lr->Z, c->Z2) < 1e-12, "Z differs by %g", max_diff(lr->Z, c->Z2));

    /* Guard: with tanh hidden units the same composition does not give the
     * network's output, and act_linear_collapse refuses. */
    p->hidden = NN_TANH;
    ck_assert_int_eq(act_linear_collapse(lr, p), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "tanh") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(act_affine_compose(lr->w, lr->b, p->W1, p->b1, p->W2, p->b2), NN_OK);
    ck_assert_int_eq(nn_forward(c, p, d->X), NN_OK);
    ck_assert_int_eq(nn_logreg_forward(lr, d->X), NN_OK);
    ck_assert_msg(max_diff(lr->Z, c->Z2) > 0.1, "tanh collapsed too? %g", max_diff(lr->Z, c->Z2));

    nn_logreg_free(lr);
    nn_grads_free(g);
    nn_cache_free(c);
    nn_rng_free(rng);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

/* However many layers: three affine maps x -> W1 x + b1 -> W2 . + b2 ->
 * W3 . + b3, composed twice with act_affine_compose, against applying them
 * one after the other. */
START_TEST(three_linear_layers_collapse)
{
    size_t n[] = {3, 5, 4, 2}; /* n_x = 3, then 5, 4 and 2 units */
    nn_rng *rng = nn_rng_alloc(11);
    gsl_matrix *W[3];
    gsl_vector *b[3];
    for (int l = 0; l < 3; l++) {
        W[l] = gsl_matrix_alloc(n[l + 1], n[l]);
        b[l] = gsl_vector_alloc(n[l + 1]);
        nn_rng_fill_randn(rng, W[l], 1.0);
        for (size_t j = 0; j < n[l + 1]; j++)
            gsl_vector_set(b[l], j, nn_rng_randn(rng));
    }
    gsl_matrix *M2 = gsl_matrix_alloc(4, 3), *M3 = gsl_matrix_alloc(2, 3);
    gsl_vector *c2 = gsl_vector_alloc(4), *c3 = gsl_vector_alloc(2);
    ck_assert_int_eq(act_affine_compose(M2, c2, W[0], b[0], W[1], b[1]), NN_OK);
    ck_assert_int_eq(act_affine_compose(M3, c3, M2, c2, W[2], b[2]), NN_OK);
    gsl_vector *a[4];
    for (int l = 0; l < 4; l++)
        a[l] = gsl_vector_alloc(n[l]);
    gsl_vector *direct = gsl_vector_alloc(2);
    for (int trial = 0; trial < 50; trial++) {
        for (size_t j = 0; j < 3; j++)
            gsl_vector_set(a[0], j, 3.0 * nn_rng_randn(rng));
        for (int l = 0; l < 3; l++) { /* a[l+1] = W[l] a[l] + b[l] */
            gsl_vector_memcpy(a[l + 1], b[l]);
            gsl_blas_dgemv(CblasNoTrans, 1.0, W[l], a[l], 1.0, a[l + 1]);
        }
        gsl_vector_memcpy(direct, c3);
        gsl_blas_dgemv(CblasNoTrans, 1.0, M3, a[0], 1.0, direct);
        for (size_t j = 0; j < 2; j++)
            ASSERT_REL(gsl_vector_get(direct, j), gsl_vector_get(a[3], j), 1e-12);
    }
    /* Shapes that do not chain are refused, naming them. */
    ck_assert_int_eq(act_affine_compose(M3, c3, W[0], b[0], W[2], b[2]), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "(2, 4)") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(act_affine_compose(M3, c2, M2, c2, W[2], b[2]), NN_EDIM);

    for (int l = 0; l < 4; l++)
        gsl_vector_free(a[l]);
    for (int l = 0; l < 3; l++) {
        gsl_matrix_free(W[l]);
        gsl_vector_free(b[l]);
    }
    gsl_vector_free(direct);
    gsl_matrix_free(M2);
    gsl_matrix_free(M3);
    gsl_vector_free(c2);
    gsl_vector_free(c3);
    nn_rng_free(rng);
}
END_TEST

/* ------------------------------------------------------------ saturation */

/* tanh' < 0.1 exactly when |z| > artanh(sqrt(0.9)) = 1.8184...;
 * sigma' < 0.1 exactly when |z| > 2.0634...  Unit 1 holds z = 0, 1, 1.9,
 * -3 and unit 2 holds z = 2.1, -2.1, 0.5, -1.85. */
START_TEST(saturation_counts_by_hand)
{
    nn_params *p = nn_params_alloc(2, 2, NN_TANH);
    nn_cache *c = nn_cache_alloc(2, 4);
    double Z1[] = {0.0, 1.0, 1.9, -3.0, 2.1, -2.1, 0.5, -1.85};
    memcpy(c->Z1->data, Z1, sizeof Z1);
    double all, unit[2];
    ck_assert_int_eq(act_saturation(&all, unit, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(unit[0], 0.5, 1e-15);  /* 1.9, -3 */
    ck_assert_double_eq_tol(unit[1], 0.75, 1e-15); /* 2.1, -2.1, -1.85 */
    ck_assert_double_eq_tol(all, 5.0 / 8.0, 1e-15);
    p->hidden = NN_SIGMOID;
    ck_assert_int_eq(act_saturation(&all, NULL, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(all, 3.0 / 8.0, 1e-15); /* -3, 2.1, -2.1 */
    p->hidden = NN_RELU; /* relu' < 0.1 exactly where z < 0 */
    ck_assert_int_eq(act_saturation(&all, unit, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(all, 3.0 / 8.0, 1e-15);
    nn_cache *wrong = nn_cache_alloc(3, 4);
    ck_assert_int_eq(act_saturation(&all, NULL, p, wrong, 0.1), NN_EDIM);
    nn_cache_free(wrong);
    nn_cache_free(c);
    nn_params_free(p);
}
END_TEST

/* ------------------------------------------- seeded training (nb.c) */

/* The first hidden pre-activation the progress hook sees at iteration 0,
 * read from the cache handed to nb_train_params. */
typedef struct {
    const nn_cache *cache;
    double z11_at_0;
    size_t calls;
} hook_seen;

static int look_at_cache(size_t iteration, double cost, void *user)
{
    (void)cost;
    hook_seen *h = user;
    if (iteration == 0)
        h->z11_at_0 = gsl_matrix_get(h->cache->Z1, 0, 0);
    h->calls++;
    return 0;
}

/* nb_params_seeded + nb_train_params at the course's rate is nb_train_course,
 * bit for bit; the initial weights are nn_params_init's from that seed; a
 * cache handed in is the one the forward passes fill. */
START_TEST(seeded_training_is_the_course_network)
{
    nn_dataset *d = nn_data_flower();
    enum { IT = 300 };
    double J_course[IT], J_seeded[IT];
    nn_params *course = nb_train_course(d, 4, NN_TANH, IT, J_course, NULL, 0);

    nn_params *p = nb_params_seeded(d, 4, NN_TANH, NB_COURSE_SEED);
    nn_params *by_hand = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(NB_COURSE_SEED);
    nn_params_init(by_hand, rng, NN_INIT_SCALE);
    for (size_t k = 0; k < nn_params_count(p); k++)
        ck_assert(*nn_params_at(p, k) == *nn_params_at(by_hand, k));
    ck_assert(gsl_matrix_get(p->W1, 0, 0) != 0.0);

    /* z^[1]_1 of the first example before any update: W1 row 1 . x + b1 */
    double z11 = gsl_matrix_get(p->W1, 0, 0) * gsl_matrix_get(d->X, 0, 0) +
                 gsl_matrix_get(p->W1, 0, 1) * gsl_matrix_get(d->X, 1, 0) +
                 gsl_vector_get(p->b1, 0);
    nn_cache *cache = nn_cache_alloc(4, d->X->size2);
    hook_seen seen = {.cache = cache, .z11_at_0 = NAN};
    nn_train_options opt = {.learning_rate = NB_COURSE_LEARNING_RATE, .iterations = IT,
                            .report_every = 1, .progress = look_at_cache, .user = &seen};
    ck_assert_int_eq(nb_train_params(p, d, &opt, cache, J_seeded), NN_OK);
    ck_assert_uint_eq(seen.calls, IT);
    ck_assert(z11 != 0.0);
    ASSERT_REL(seen.z11_at_0, z11, 1e-14);
    for (size_t i = 0; i < IT; i++)
        ck_assert(J_seeded[i] == J_course[i]);
    for (size_t k = 0; k < nn_params_count(p); k++)
        ck_assert(*nn_params_at(p, k) == *nn_params_at(course, k));
    ck_assert(J_seeded[IT - 1] < J_seeded[0] - 0.01); /* it did train */

    /* Another seed gives other weights. */
    nn_params *other = nb_params_seeded(d, 4, NN_TANH, 3);
    ck_assert(gsl_matrix_get(other->W1, 0, 0) != gsl_matrix_get(by_hand->W1, 0, 0));

    nn_params_free(other);
    nn_cache_free(cache);
    nn_rng_free(rng);
    nn_params_free(by_hand);
    nn_params_free(p);
    nn_params_free(course);
    nn_dataset_free(d);
}
END_TEST

/* A run that blows up is reported, not fatal: nb_train_params returns
 * NN_ENUM for the chapter to name the run, and NULL cache/cost are fine. */
START_TEST(seeded_training_reports_divergence)
{
    nn_dataset *d = nn_data_flower();
    nn_params *p = nb_params_seeded(d, 4, NN_RELU, 1);
    nn_train_options opt = {.learning_rate = 1e6, .iterations = 50};
    ck_assert_int_eq(nb_train_params(p, d, &opt, NULL, NULL), NN_ENUM);
    ck_assert_msg(strstr(nn_errmsg(), "cost") != NULL, "%s", nn_errmsg());
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

/* ---------------------------------------------- the chapter's own table */

/* results/03-activation-functions/derivatives.md: one row per activation,
 * in the table's order, each with a derivative error below 1e-9. */
START_TEST(chapter_table_has_every_activation)
{
    static const char *label[] = {"sigmoid", "tanh", "ReLU", "leaky ReLU", "linear"};
    char *text = nb_slurp("results/03-activation-functions/derivatives.md");
    ck_assert_msg(text != NULL, "%s", nn_errmsg());
    int rows = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| activation", 12) == 0 || strncmp(line, "|---", 4) == 0)
            continue;
        ck_assert_int_lt(rows, NN_ACTIVATION_COUNT);
        /* the first cell, without its surrounding spaces */
        char *name = line + 1, *end = strchr(name, '|');
        ck_assert_ptr_nonnull(end);
        while (*name == ' ')
            name++;
        while (end > name && end[-1] == ' ')
            end--;
        ck_assert_msg((size_t)(end - name) == strlen(label[rows]) &&
                          strncmp(name, label[rows], strlen(label[rows])) == 0,
                      "row %d is '%.*s', expected '%s'", rows, (int)(end - name), name,
                      label[rows]);
        /* columns: activation | g' | points | largest error | ... */
        char *cell = line;
        for (int bar = 0; bar < 3; bar++)
            cell = strchr(cell + 1, '|');
        ck_assert_ptr_nonnull(cell);
        double err = strtod(cell + 1, NULL);
        ck_assert_msg(err > 0.0 && err < 1e-9, "%s: error %g", label[rows], err);
        rows++;
    }
    ck_assert_int_eq(rows, NN_ACTIVATION_COUNT);
    free(text);
}
END_TEST


/* The value of key in a results folder's values.txt (the test fails if absent). */
static double value_of(const char *dir, const char *key)
{
    char path[256];
    snprintf(path, sizeof path, "%s/values.txt", dir);
    char *text = nb_slurp(path);
    ck_assert_msg(text != NULL, "%s", nn_errmsg());
    size_t n = strlen(key);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n"))
        if (strncmp(line, key, n) == 0 && strncmp(line + n, " = ", 3) == 0) {
            double v = strtod(line + n + 3, NULL);
            free(text);
            return v;
        }
    free(text);
    ck_abort_msg("%s: no key %s", path, key);
    return NAN;
}

#define CH3 "results/03-activation-functions"

/* The committed numbers agree with each other and with chapter 6: the tanh
 * network of seed 2 is chapter 6's network, the sigmoid's relative
 * saturation threshold is twice tanh's, and the sweep's n_h = 4 runs at the
 * course's start and rate are the seed study's ReLU runs. */
START_TEST(chapter_results_agree)
{
    ck_assert(value_of(CH3, "tanh_cost") == value_of("results/06-planar-classification",
                                                     "final_cost"));
    ck_assert(value_of(CH3, "tanh_accuracy") == value_of("results/06-planar-classification",
                                                         "train_accuracy"));
    ck_assert_double_eq_tol(value_of(CH3, "sat_sigmoid_rel_z"), 2.0 * value_of(CH3, "sat_tanh_z"),
                            0.0015);
    ck_assert_double_eq_tol(value_of(CH3, "sat_sigmoid_rel_threshold"),
                            value_of(CH3, "saturated") * value_of(CH3, "sat_sigmoid_top"), 1e-12);
    /* the relative criterion is the stricter one for the sigmoid */
    ck_assert(value_of(CH3, "sat_sigmoid_rel") < value_of(CH3, "sat_sigmoid"));
    /* the sweep's course cell (scale 0.01, n_h = 4, rate 1.2, seeds 1 to 10,
     * full length) is the seed study's ReLU runs: the same mean, exactly */
    ck_assert(value_of(CH3 "/relu_sweep", "rate_1") == value_of(CH3, "learning_rate"));
    ck_assert(value_of(CH3 "/relu_sweep", "n_h_1") == value_of(CH3, "n_h"));
    ck_assert(value_of(CH3 "/relu_sweep", "scale_1") == value_of(CH3, "init_scale"));
    ck_assert(value_of(CH3 "/relu_sweep", "iterations") == value_of(CH3, "iterations"));
    ck_assert(value_of(CH3 "/relu_sweep", "s1_4_r1_acc_mean") ==
              value_of(CH3, "seeds_relu_acc_mean"));
    /* the rounding estimate at the worst point: eps |g(z)| / h */
    ASSERT_REL(value_of(CH3, "check_worst_round"),
               DBL_EPSILON / 2.0 * value_of(CH3, "check_worst_g") / value_of(CH3, "check_h"),
               0.02);
    ck_assert(value_of(CH3, "check_worst") <= value_of(CH3, "check_worst_round"));
}
END_TEST

/* relu_sweep/table.md: one row per (start scale, n_h, learning rate): scales
 * 0.01 then 1, within each n_h = 4, 8, 20, within each the rates 1.2 then
 * 0.1; no run diverged, mean accuracies between 50% and 100%. */
START_TEST(chapter_sweep_table)
{
    static const double scale[] = {0.01, 1.0};
    static const int n_h[] = {4, 8, 20};
    static const double rate[] = {1.2, 0.1};
    char *text = nb_slurp(CH3 "/relu_sweep/table.md");
    ck_assert_msg(text != NULL, "%s", nn_errmsg());
    int rows = 0;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "| start", 7) == 0 || strncmp(line, "|---", 4) == 0)
            continue;
        ck_assert_int_lt(rows, 12);
        int h, diverged, seeds;
        double c, r, acc;
        ck_assert_msg(sscanf(line, "| %lf | %d | %lf | %d of %d | %lf%%", &c, &h, &r, &diverged,
                             &seeds, &acc) == 6, "row '%s'", line);
        ck_assert(c == scale[rows / 6]);
        ck_assert_int_eq(h, n_h[rows / 2 % 3]);
        ck_assert(r == rate[rows % 2]);
        ck_assert_int_eq(diverged, 0);
        ck_assert_msg(acc > 50.0 && acc < 100.0, "accuracy %g", acc);
        rows++;
    }
    ck_assert_int_eq(rows, 12);
    free(text);
}
END_TEST

Suite *actstudy_suite(void)
{
    Suite *s = suite_create("actstudy");
    TCase *tc = tcase_create("derivatives");
    tcase_add_test(tc, derivatives_equal_their_unsimplified_forms);
    tcase_add_test(tc, derivative_check_handles_the_kink);
    tcase_add_test(tc, centred_difference_error_is_order_h_squared);
    suite_add_tcase(s, tc);
    tc = tcase_create("linear network");
    tcase_add_test(tc, collapse_by_hand);
    tcase_add_test(tc, trained_linear_network_is_logistic_regression);
    tcase_add_test(tc, three_linear_layers_collapse);
    suite_add_tcase(s, tc);
    tc = tcase_create("saturation and the chapter's table");
    tcase_add_test(tc, saturation_counts_by_hand);
    tcase_add_test(tc, chapter_table_has_every_activation);
    tcase_add_test(tc, chapter_results_agree);
    tcase_add_test(tc, chapter_sweep_table);
    suite_add_tcase(s, tc);
    tc = tcase_create("seeded training");
    tcase_add_test(tc, seeded_training_is_the_course_network);
    tcase_add_test(tc, seeded_training_reports_divergence);
    suite_add_tcase(s, tc);
    return s;
}
