/* check_init: the starts of chapter 5 and what it measures at a start.
 * Symmetry is exact (not approximate) under training from equal units,
 * and a symmetric network is one unit trained on two learning rates;
 * seeds give different draws in nn_params_init's order; saturation,
 * slopes and gradient norms on a case worked out by hand; the saturated
 * fraction rises with the scale. */
#include <math.h>
#include <stdlib.h>

#include "nn.h"
#include "../chapters/05-initialization/init.h"
#include "tests.h"

/* Trains p on (X, Y) for n iterations at learning rate 1.2. */
static void train(nn_params *p, const gsl_matrix *X, const gsl_matrix *Y, size_t n)
{
    size_t m = X->size2;
    nn_cache *c = nn_cache_alloc(p->n_h, m);
    nn_grads *g = nn_grads_alloc(p->n_x, p->n_h, m);
    nn_train_options opt = {.learning_rate = 1.2, .iterations = n};
    ck_assert_int_eq(nn_train(p, c, g, X, Y, &opt, NULL), NN_OK);
    nn_grads_free(g);
    nn_cache_free(c);
}

/* ------------------------------------------------------------- symmetry */

START_TEST(constant_start_keeps_units_identical)
{
    /* Every weight 0.5 on the flower: the weights move a long way, and the
     * four units stay equal bit for bit. */
    nn_dataset *d = nn_data_flower();
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    init_fill(p, 0.5);
    ck_assert_double_eq(init_units_spread(p), 0.0);
    train(p, d->X, d->Y, 3000);
    ck_assert_msg(fabs(gsl_matrix_get(p->W1, 0, 0) - 0.5) > 1.0, "W1 did not move: %g",
                  gsl_matrix_get(p->W1, 0, 0));
    ck_assert_msg(gsl_vector_get(p->b1, 0) != 0.0, "b1 did not move");
    for (size_t j = 1; j < 4; j++) {
        ck_assert(gsl_matrix_get(p->W1, j, 0) == gsl_matrix_get(p->W1, 0, 0));
        ck_assert(gsl_matrix_get(p->W1, j, 1) == gsl_matrix_get(p->W1, 0, 1));
        ck_assert(gsl_vector_get(p->b1, j) == gsl_vector_get(p->b1, 0));
        ck_assert(gsl_matrix_get(p->W2, 0, j) == gsl_matrix_get(p->W2, 0, 0));
    }
    ck_assert_double_eq(init_rows_spread(p->W1), 0.0);
    ck_assert_double_eq(init_units_spread(p), 0.0);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

START_TEST(zero_start_is_stationary_with_tanh)
{
    /* tanh(0) = 0 and W2 = 0 make every hidden gradient zero; the flower's
     * balanced classes make db2 = 1/2 - mean(y) = 0 as well. */
    nn_dataset *d = nn_data_flower();
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    init_fill(p, 0.0);
    train(p, d->X, d->Y, 2000);
    for (size_t k = 0; k < nn_params_count(p); k++)
        ck_assert_double_eq(*nn_params_at(p, k), 0.0);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

START_TEST(zero_start_on_unbalanced_classes_moves_but_stays_symmetric)
{
    /* Sigmoid units from zero on the flower's first 300 points (200 red,
     * 100 blue): db2 != 0, then W2, then W1 move, with every row equal. */
    nn_dataset *full = nn_data_flower();
    gsl_matrix_view X = gsl_matrix_submatrix(full->X, 0, 0, 2, 300);
    gsl_matrix_view Y = gsl_matrix_submatrix(full->Y, 0, 0, 1, 300);
    double ones = 0.0;
    for (size_t i = 0; i < 300; i++)
        ones += gsl_matrix_get(&Y.matrix, 0, i);
    ck_assert_double_eq(ones, 100.0); /* the premise: the classes are unbalanced */
    nn_params *p = nn_params_alloc(2, 5, NN_SIGMOID);
    init_fill(p, 0.0);
    train(p, &X.matrix, &Y.matrix, 1000);
    ck_assert_msg(gsl_matrix_get(p->W1, 0, 0) != 0.0 && gsl_matrix_get(p->W1, 0, 1) != 0.0,
                  "W1 did not move");
    ck_assert_double_eq(init_rows_spread(p->W1), 0.0);
    ck_assert_double_eq(init_units_spread(p), 0.0);
    nn_params_free(p);
    nn_dataset_free(full);
}
END_TEST

START_TEST(random_start_separates_the_units)
{
    nn_dataset *d = nn_data_flower();
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    nn_params_init(p, rng, 0.01);
    double start = init_rows_spread(p->W1);
    ck_assert(start > 0.0 && start < 0.1);
    train(p, d->X, d->Y, 1000);
    ck_assert_msg(init_rows_spread(p->W1) > 100 * start, "rows %g apart, started %g",
                  init_rows_spread(p->W1), start);
    nn_rng_free(rng);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

/* Largest |A2 - A2'| of two networks on X. */
static double output_gap(const nn_params *p, const nn_params *q, const gsl_matrix *X)
{
    nn_cache *cp = nn_cache_alloc(p->n_h, X->size2), *cq = nn_cache_alloc(q->n_h, X->size2);
    ck_assert_int_eq(nn_forward(cp, p, X), NN_OK);
    ck_assert_int_eq(nn_forward(cq, q, X), NN_OK);
    double gap = 0.0;
    for (size_t i = 0; i < X->size2; i++)
        gap = fmax(gap, fabs(gsl_matrix_get(cp->A2, 0, i) - gsl_matrix_get(cq->A2, 0, i)));
    nn_cache_free(cq);
    nn_cache_free(cp);
    return gap;
}

START_TEST(symmetric_network_is_one_unit_on_two_rates)
{
    /* n_h = 4 equal units (w, b, v) compute what one unit (w, b, V = 4 v)
     * computes.  Gradient descent at rate alpha on the four units moves
     * V = 4 v by 4 alpha dV and w by alpha/4 dw (dw of the one unit carries
     * V = 4 v): so the one unit trained with rate 4 alpha on W2 and alpha/4 on
     * W1, b1 must stay the same function, while the one unit trained at
     * alpha alone must not. */
    const double alpha = 1.2;
    const size_t n = 1500;
    nn_dataset *d = nn_data_flower();
    size_t m = d->X->size2;
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_params *two = nn_params_alloc(2, 1, NN_TANH), *one = nn_params_alloc(2, 1, NN_TANH);
    init_fill(p, 0.5);
    init_fill(two, 0.5);
    gsl_matrix_set(two->W2, 0, 0, 4 * 0.5); /* V = n_h v */
    nn_params_copy(one, two);
    ck_assert_double_eq_tol(output_gap(p, two, d->X), 0.0, 1e-15); /* the same function */
    train(p, d->X, d->Y, n);
    train(one, d->X, d->Y, n);
    nn_cache *c = nn_cache_alloc(1, m);
    nn_grads *g = nn_grads_alloc(2, 1, m);
    for (size_t it = 0; it < n; it++) {
        ck_assert_int_eq(nn_forward(c, two, d->X), NN_OK);
        ck_assert_int_eq(nn_backward(g, two, c, d->X, d->Y), NN_OK);
        gsl_matrix_set(two->W1, 0, 0, gsl_matrix_get(two->W1, 0, 0) -
                                          alpha / 4 * gsl_matrix_get(g->dW1, 0, 0));
        gsl_matrix_set(two->W1, 0, 1, gsl_matrix_get(two->W1, 0, 1) -
                                          alpha / 4 * gsl_matrix_get(g->dW1, 0, 1));
        gsl_vector_set(two->b1, 0, gsl_vector_get(two->b1, 0) - alpha / 4 * gsl_vector_get(g->db1, 0));
        gsl_matrix_set(two->W2, 0, 0, gsl_matrix_get(two->W2, 0, 0) -
                                          4 * alpha * gsl_matrix_get(g->dW2, 0, 0));
        gsl_vector_set(two->b2, 0, gsl_vector_get(two->b2, 0) - alpha * gsl_vector_get(g->db2, 0));
    }
    /* The weights moved a long way, so the agreement is not the start's. */
    ck_assert_msg(fabs(gsl_matrix_get(p->W1, 0, 0) - 0.5) > 1.0, "W1 did not move");
    ASSERT_REL(gsl_matrix_get(two->W1, 0, 0), gsl_matrix_get(p->W1, 0, 0), 1e-9);
    ASSERT_REL(gsl_matrix_get(two->W2, 0, 0), 4 * gsl_matrix_get(p->W2, 0, 0), 1e-9);
    double gap_two = output_gap(p, two, d->X), gap_one = output_gap(p, one, d->X);
    ck_assert_msg(gap_two < 1e-9, "two rates: outputs %g apart", gap_two);
    ck_assert_msg(gap_one > 1e-3, "one rate: outputs only %g apart", gap_one);
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(one);
    nn_params_free(two);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

START_TEST(spreads_by_hand)
{
    /* W1 = [1 2; 1 5; 0 2]: column spreads 1 and 3. */
    nn_params *p = nn_params_alloc(2, 3, NN_TANH);
    double W1[] = {1, 2, 1, 5, 0, 2};
    for (size_t k = 0; k < 6; k++)
        *nn_params_at(p, k) = W1[k];
    ck_assert_double_eq(init_rows_spread(p->W1), 3.0);
    ck_assert_double_eq(init_units_spread(p), 3.0); /* b1 = W2 = 0 */
    gsl_vector_set(p->b1, 2, -4.0);               /* b1 = (0, 0, -4): spread 4 */
    ck_assert_double_eq(init_units_spread(p), 4.0);
    gsl_matrix_set(p->W2, 0, 1, 7.5);             /* W2 = (0, 7.5, 0): spread 7.5 */
    ck_assert_double_eq(init_units_spread(p), 7.5);
    gsl_vector_set(p->b2, 0, 100.0);              /* b2 is shared, not a unit's */
    ck_assert_double_eq(init_units_spread(p), 7.5);
    nn_params_free(p);
}
END_TEST

/* ---------------------------------------------------------------- seeds */

START_TEST(seeds_give_different_weights)
{
    nn_params *a = nn_params_alloc(2, 4, NN_TANH), *b = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(1);
    nn_params_init(a, rng, 0.01);
    nn_rng_seed(rng, 2);
    nn_params_init(b, rng, 0.01);
    size_t differ = 0;
    for (size_t k = 0; k < nn_params_count(a); k++)
        differ += *nn_params_at(a, k) != *nn_params_at(b, k);
    ck_assert_uint_eq(differ, 4 * 2 + 4); /* every weight; the biases are 0 in both */
    nn_rng_seed(rng, 1);                  /* the same seed again: the same bits */
    nn_params_init(b, rng, 0.01);
    for (size_t k = 0; k < nn_params_count(a); k++)
        ck_assert(*nn_params_at(a, k) == *nn_params_at(b, k));
    nn_rng_free(rng);
    nn_params_free(b);
    nn_params_free(a);
}
END_TEST

START_TEST(fanin_draws_in_init_order)
{
    /* n_x = 2, n_h = 4: W1 = randn(4, 2) / sqrt(2), then W2 = randn(1, 4) / 2,
     * the same draws nn_params_init takes, here read off the stream one by one. */
    nn_params *p = nn_params_alloc(2, 4, NN_RELU);
    nn_rng *rng = nn_rng_alloc(3), *ref = nn_rng_alloc(3);
    gsl_vector_set_all(p->b1, 9.0);
    ck_assert_int_eq(init_fanin(p, rng, 1.0), NN_OK);
    for (size_t j = 0; j < 4; j++)
        for (size_t k = 0; k < 2; k++)
            ck_assert_double_eq_tol(gsl_matrix_get(p->W1, j, k), nn_rng_randn(ref) / sqrt(2.0),
                                    1e-15);
    for (size_t j = 0; j < 4; j++)
        ck_assert_double_eq_tol(gsl_matrix_get(p->W2, 0, j), nn_rng_randn(ref) / 2.0, 1e-15);
    for (size_t j = 0; j < 4; j++)
        ck_assert_double_eq(gsl_vector_get(p->b1, j), 0.0);
    /* gain sqrt(2) (He) scales the same draws by sqrt(2) */
    nn_params *q = nn_params_alloc(2, 4, NN_RELU);
    nn_rng_seed(rng, 3);
    ck_assert_int_eq(init_fanin(q, rng, sqrt(2.0)), NN_OK);
    ASSERT_REL(gsl_matrix_get(q->W1, 1, 1), sqrt(2.0) * gsl_matrix_get(p->W1, 1, 1), 1e-14);
    ASSERT_REL(gsl_matrix_get(q->W2, 0, 3), sqrt(2.0) * gsl_matrix_get(p->W2, 0, 3), 1e-14);
    ck_assert_int_eq(init_fanin(q, rng, 0.0), NN_EINVAL);
    ck_assert_int_eq(init_fanin(q, rng, NAN), NN_EINVAL);
    nn_params_free(q);
    nn_rng_free(ref);
    nn_rng_free(rng);
    nn_params_free(p);
}
END_TEST

/* ------------------------------------------------------------ the probe */

START_TEST(probe_by_hand)
{
    /* n_x = 1, n_h = 2, m = 4, tanh, X = [-3 -1 0.5 4], Y = [0 1 1 0],
     * W1 = [1; 100], b1 = 0, W2 = [0.5 -0.25], b2 = 0.
     *   unit 1: z = -3, -1, 0.5, 4:  |tanh z| > 0.99 for z = -3 and 4 only
     *   unit 2: z = -300, -100, 50, 400: all saturated, slope below 0.0199
     *   saturated = flat = (2 + 4) / 8;  one unit flat on every example
     *   mean slope = (sum over unit 1 of 1 - tanh^2 z + 4 * ~0) / 8
     *   rms z = sqrt((9 + 1 + 0.25 + 16 + 90000 + 10000 + 2500 + 160000) / 8) */
    nn_params *p = nn_params_alloc(1, 2, NN_TANH);
    gsl_matrix_set(p->W1, 0, 0, 1.0);
    gsl_matrix_set(p->W1, 1, 0, 100.0);
    gsl_matrix_set(p->W2, 0, 0, 0.5);
    gsl_matrix_set(p->W2, 0, 1, -0.25);
    gsl_matrix *X = gsl_matrix_alloc(1, 4), *Y = gsl_matrix_alloc(1, 4);
    double x[] = {-3, -1, 0.5, 4}, y[] = {0, 1, 1, 0};
    for (size_t i = 0; i < 4; i++) {
        gsl_matrix_set(X, 0, i, x[i]);
        gsl_matrix_set(Y, 0, i, y[i]);
    }
    nn_cache *c = nn_cache_alloc(2, 4);
    nn_grads *g = nn_grads_alloc(1, 2, 4);
    init_probe_result r;
    ck_assert_int_eq(init_probe(&r, p, c, g, X, Y), NN_OK);
    ck_assert_double_eq(r.saturated, 6.0 / 8.0);
    ck_assert_double_eq(r.flat, 6.0 / 8.0);
    ck_assert_uint_eq(r.flat_units, 1);
    double slope = 0.0;
    for (size_t i = 0; i < 4; i++)
        slope += 1.0 - tanh(x[i]) * tanh(x[i]);
    ASSERT_REL(r.mean_slope, slope / 8.0, 1e-12);
    ASSERT_REL(r.z1_rms, sqrt((9 + 1 + 0.25 + 16 + 90000 + 10000 + 2500 + 160000) / 8.0), 1e-14);
    /* The norms from the gradients themselves; dW1 must not be zero. */
    double w1 = hypot(gsl_matrix_get(g->dW1, 0, 0), gsl_matrix_get(g->dW1, 1, 0));
    double w2 = hypot(gsl_matrix_get(g->dW2, 0, 0), gsl_matrix_get(g->dW2, 0, 1));
    ck_assert(w1 > 0.0 && w2 > 0.0);
    ASSERT_REL(r.norm_dW1, w1, 1e-14);
    ASSERT_REL(r.norm_dW2, w2, 1e-14);
    double J;
    nn_cost(&J, c, Y);
    ck_assert_double_eq(r.cost, J);
    /* the probe changes no parameter */
    ck_assert_double_eq(gsl_matrix_get(p->W1, 1, 0), 100.0);
    nn_grads_free(g);
    nn_cache_free(c);
    gsl_matrix_free(Y);
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

/* Mean over seeds 1..5 of the probe at scale s on the flower. */
static init_probe_result probe_at(const nn_dataset *d, nn_activation_id hidden, double s)
{
    nn_params *p = nn_params_alloc(2, 4, hidden);
    nn_cache *c = nn_cache_alloc(4, d->X->size2);
    nn_grads *g = nn_grads_alloc(2, 4, d->X->size2);
    nn_rng *rng = nn_rng_alloc(1);
    init_probe_result sum = {0}, r;
    for (unsigned long seed = 1; seed <= 5; seed++) {
        nn_rng_seed(rng, seed);
        nn_params_init(p, rng, s);
        ck_assert_int_eq(init_probe(&r, p, c, g, d->X, d->Y), NN_OK);
        sum.saturated += r.saturated / 5;
        sum.flat += r.flat / 5;
        sum.mean_slope += r.mean_slope / 5;
    }
    nn_rng_free(rng);
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(p);
    return sum;
}

START_TEST(saturation_rises_with_scale)
{
    nn_dataset *d = nn_data_flower();
    const double scales[] = {0.01, 0.3, 1.0, 3.0, 10.0, 100.0};
    double last_sat = -1.0, last_slope = 2.0;
    for (size_t k = 0; k < 6; k++) {
        init_probe_result r = probe_at(d, NN_TANH, scales[k]);
        ck_assert_msg(r.saturated > last_sat || (k == 0 && r.saturated == 0.0),
                      "scale %g: saturated %g after %g", scales[k], r.saturated, last_sat);
        ck_assert_msg(r.mean_slope < last_slope, "scale %g: slope %g after %g", scales[k],
                      r.mean_slope, last_slope);
        last_sat = r.saturated;
        last_slope = r.mean_slope;
    }
    ck_assert_msg(last_sat > 0.9, "at scale 100 only %g saturated", last_sat);
    nn_dataset_free(d);
}
END_TEST

START_TEST(relu_slopes_do_not_depend_on_scale)
{
    /* relu(c z) = c relu(z): with b = 0 the signs of z, and so the slopes,
     * are the same at every scale. */
    nn_dataset *d = nn_data_flower();
    init_probe_result small = probe_at(d, NN_RELU, 0.01), large = probe_at(d, NN_RELU, 10.0);
    ck_assert(small.flat > 0.3 && small.flat < 0.7);
    ck_assert_double_eq(small.flat, large.flat);
    ck_assert_double_eq(small.mean_slope, large.mean_slope);
    nn_dataset_free(d);
}
END_TEST

START_TEST(flat_slope_is_the_slope_at_saturation)
{
    /* tanh'(z) = 1 - tanh^2 z at |tanh z| = NN_SATURATED is NN_FLAT_SLOPE,
     * and just inside and outside the threshold the probe's two counts agree. */
    double z = atanh(NN_SATURATED);
    ASSERT_REL(nn_activations[NN_TANH].dg(z), NN_FLAT_SLOPE, 1e-9);
    ck_assert(NN_FLAT_SLOPE > 0.0199 && NN_FLAT_SLOPE < 0.02); /* 1 - 0.99^2 = 0.0199 */
    ck_assert(nn_activations[NN_TANH].dg(z * 0.999) > NN_FLAT_SLOPE);
    ck_assert(nn_activations[NN_TANH].dg(z * 1.001) < NN_FLAT_SLOPE);
}
END_TEST

Suite *init_suite(void)
{
    Suite *s = suite_create("init");
    TCase *sym = tcase_create("symmetry");
    tcase_set_timeout(sym, 60);
    tcase_add_test(sym, constant_start_keeps_units_identical);
    tcase_add_test(sym, zero_start_is_stationary_with_tanh);
    tcase_add_test(sym, zero_start_on_unbalanced_classes_moves_but_stays_symmetric);
    tcase_add_test(sym, random_start_separates_the_units);
    tcase_add_test(sym, symmetric_network_is_one_unit_on_two_rates);
    tcase_add_test(sym, spreads_by_hand);
    suite_add_tcase(s, sym);
    TCase *draws = tcase_create("draws");
    tcase_add_test(draws, seeds_give_different_weights);
    tcase_add_test(draws, fanin_draws_in_init_order);
    suite_add_tcase(s, draws);
    TCase *probe = tcase_create("probe");
    tcase_set_timeout(probe, 30);
    tcase_add_test(probe, probe_by_hand);
    tcase_add_test(probe, saturation_rises_with_scale);
    tcase_add_test(probe, relu_slopes_do_not_depend_on_scale);
    tcase_add_test(probe, flat_slope_is_the_slope_at_saturation);
    suite_add_tcase(s, probe);
    return s;
}
