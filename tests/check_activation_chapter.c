/* check_activation_chapter: chapter 3's library module (nn_actstudy) and
 * its committed results.  check_activation.c already compares each g' with
 * a central difference on its own grid; here the derivatives are compared
 * with the unsimplified forms of the derivation and with the chapter's own
 * derivative check, the linear network's collapse to W', b' is verified to
 * 1e-12, and the chapter's derivative table is read back. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "nn_actstudy.h"
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
    /* tanh z = 2 sigma(2z) - 1, so tanh'(z) = 4 sigma'(2z) */
    for (int i = -500; i <= 500; i++) {
        double z = i * 0.01;
        ck_assert_double_eq_tol(t->g(z), 2.0 * s->g(2.0 * z) - 1.0, 1e-15);
        ck_assert_double_eq_tol(t->dg(z), 4.0 * s->dg(2.0 * z), 1e-15);
    }
}
END_TEST

/* The chapter's check on a grid that includes the kink at 0 exactly:
 * every derivative agrees with its central difference, the kink is
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
        ck_assert_int_eq(nn_derivative_check((nn_activation_id)k, z, N, h, &worst, &z_worst,
                                             &compared), NN_OK);
        int kink = k == NN_RELU || k == NN_LEAKY_RELU;
        ck_assert_int_eq(nn_activation_has_kink((nn_activation_id)k), kink);
        ck_assert_uint_eq(compared, kink ? N - 1 : N);
        ck_assert_msg(worst < 1e-9, "%s: largest error %g at z = %g", nn_activations[k].name,
                      worst, z_worst);
        ck_assert(fabs(z_worst) <= 10.0);
    }
    /* At the kink the central difference is the mean of the one-sided slopes,
     * not the library's g'(0) = 1: the check had to skip it. */
    ck_assert_double_eq_tol(nn_central_difference(&nn_activations[NN_RELU], 0.0, h), 0.5, 1e-12);
    ck_assert_double_eq_tol(nn_central_difference(&nn_activations[NN_LEAKY_RELU], 0.0, h),
                            (1.0 + NN_LEAKY_SLOPE) / 2.0, 1e-12);
    ck_assert(nn_activations[NN_RELU].dg(0.0) == 1.0);
    /* Only the kink: one point, skipped, leaves nothing to compare. */
    double worst, zw, zero = 0.0, tiny = 0.5 * h;
    size_t n;
    ck_assert_int_eq(nn_derivative_check(NN_RELU, &zero, 1, h, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(nn_derivative_check(NN_LEAKY_RELU, &tiny, 1, h, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(nn_derivative_check(NN_TANH, &zero, 1, 0.0, &worst, &zw, &n), NN_EINVAL);
    ck_assert_int_eq(nn_derivative_check(NN_ACTIVATION_COUNT, &zero, 1, h, &worst, &zw, &n),
                     NN_EINVAL);
}
END_TEST

/* The central difference's error is h^2 |g'''| / 6 + O(h^4): for tanh,
 * whose |g'''| is largest (2) at z = 0, dividing h by 10 divides the
 * largest error by 100, and its value matches h^2 / 3. */
START_TEST(central_difference_error_is_order_h_squared)
{
    enum { N = 401 };
    double z[N];
    nn_linspace(z, -2.0, 2.0, N);
    double e1, e2, zw;
    size_t n;
    ck_assert_int_eq(nn_derivative_check(NN_TANH, z, N, 1e-2, &e1, &zw, &n), NN_OK);
    ck_assert_int_eq(nn_derivative_check(NN_TANH, z, N, 1e-3, &e2, &zw, &n), NN_OK);
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
    ck_assert_int_eq(nn_linear_collapse(lr, p), NN_OK);
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
    ck_assert_int_eq(nn_linear_collapse(lr, p), NN_OK);
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
    ck_assert_int_eq(nn_linear_collapse(lr, p), NN_OK);
    ck_assert_int_eq(nn_logreg_forward(lr, d->X), NN_OK);
    ck_assert_msg(max_diff(lr->Z, c->Z2) < 1e-12, "Z differs by %g", max_diff(lr->Z, c->Z2));

    /* Guard: with tanh hidden units the same composition does not give the
     * network's output, and nn_linear_collapse refuses. */
    p->hidden = NN_TANH;
    ck_assert_int_eq(nn_linear_collapse(lr, p), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "tanh") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nn_affine_compose(lr->w, lr->b, p->W1, p->b1, p->W2, p->b2), NN_OK);
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
 * W3 . + b3, composed twice with nn_affine_compose, against applying them
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
    ck_assert_int_eq(nn_affine_compose(M2, c2, W[0], b[0], W[1], b[1]), NN_OK);
    ck_assert_int_eq(nn_affine_compose(M3, c3, M2, c2, W[2], b[2]), NN_OK);
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
    ck_assert_int_eq(nn_affine_compose(M3, c3, W[0], b[0], W[2], b[2]), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "(2, 4)") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nn_affine_compose(M3, c2, M2, c2, W[2], b[2]), NN_EDIM);

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
    ck_assert_int_eq(nn_saturation(&all, unit, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(unit[0], 0.5, 1e-15);  /* 1.9, -3 */
    ck_assert_double_eq_tol(unit[1], 0.75, 1e-15); /* 2.1, -2.1, -1.85 */
    ck_assert_double_eq_tol(all, 5.0 / 8.0, 1e-15);
    p->hidden = NN_SIGMOID;
    ck_assert_int_eq(nn_saturation(&all, NULL, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(all, 3.0 / 8.0, 1e-15); /* -3, 2.1, -2.1 */
    p->hidden = NN_RELU; /* relu' < 0.1 exactly where z < 0 */
    ck_assert_int_eq(nn_saturation(&all, unit, p, c, 0.1), NN_OK);
    ck_assert_double_eq_tol(all, 3.0 / 8.0, 1e-15);
    nn_cache *wrong = nn_cache_alloc(3, 4);
    ck_assert_int_eq(nn_saturation(&all, NULL, p, wrong, 0.1), NN_EDIM);
    nn_cache_free(wrong);
    nn_cache_free(c);
    nn_params_free(p);
}
END_TEST

START_TEST(cost_reaches_a_target)
{
    double J[] = {0.69, 0.5, 0.31, 0.3, 0.29, 0.35};
    ck_assert_uint_eq(nn_cost_reaches(J, 6, 0.3), 3);
    ck_assert_uint_eq(nn_cost_reaches(J, 6, 0.7), 0);
    ck_assert_uint_eq(nn_cost_reaches(J, 6, 0.2), 6); /* never */
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

Suite *activation_chapter_suite(void)
{
    Suite *s = suite_create("activation_chapter");
    TCase *tc = tcase_create("derivatives");
    tcase_add_test(tc, derivatives_equal_their_unsimplified_forms);
    tcase_add_test(tc, derivative_check_handles_the_kink);
    tcase_add_test(tc, central_difference_error_is_order_h_squared);
    suite_add_tcase(s, tc);
    tc = tcase_create("linear network");
    tcase_add_test(tc, collapse_by_hand);
    tcase_add_test(tc, trained_linear_network_is_logistic_regression);
    tcase_add_test(tc, three_linear_layers_collapse);
    suite_add_tcase(s, tc);
    tc = tcase_create("saturation and the chapter's table");
    tcase_add_test(tc, saturation_counts_by_hand);
    tcase_add_test(tc, cost_reaches_a_target);
    tcase_add_test(tc, chapter_table_has_every_activation);
    suite_add_tcase(s, tc);
    return s;
}
