/* check_sums: the appendix's training loop with the gradient's sums in a
 * chosen order (chapters/08-floating-point/sums.c).  In the reference order
 * it is nn_train, bit for bit, for every activation and several shapes; the
 * other orders give the sums worked out by hand on a case where the order
 * shows, and on real data a gradient that differs from the reference one in
 * its last bits only. */
#include <math.h>
#include <string.h>

#include "../chapters/08-floating-point/sums.h"
#include "tests.h"

enum { ITERATIONS = 500 };

/* u = 2^-53, half an ulp of 1: 1 + u rounds back to 1 (ties to even), and
 * 1 + 2u is the next double. */
static const double U = 0x1p-53;

START_TEST(each_order_on_a_case_worked_by_hand)
{
    /* 1, then seven times u.  Exactly 1 + 7u.
     * In order: each 1 + u rounds to 1, so the sum stays 1.
     * Four lanes: s0 = (1 + u) + u = 1, s1 = s2 = s3 = 2u, so
     *   (s0 + s1) + (s2 + s3) = (1 + 2u) + 4u = 1 + 6u (both exact).
     * Pairwise: halves (1, u, u, u) and (u, u, u, u);
     *   ((1 + u) + (u + u)) = 1 + 2u, ((u + u) + (u + u)) = 4u, total 1 + 6u. */
    double t[8] = {1, U, U, U, U, U, U, U};
    ck_assert(sum_ordered(SUM_REFERENCE, t, 8) == 1.0);
    ck_assert(sum_ordered(SUM_LANES, t, 8) == 1.0 + 6 * U);
    ck_assert(sum_ordered(SUM_PAIRWISE, t, 8) == 1.0 + 6 * U);
    /* 1, then four times u: exactly 1 + 4u, and three orders, three sums.
     * In order: 1 each time.
     * Four lanes: s0 = 1 + u = 1, s1 = s2 = s3 = u:
     *   (s0 + s1) + (s2 + s3) = (1 + u) + 2u = 1 + 2u.
     * Pairwise: halves (1, u) and (u, u, u): (1 + u) = 1 and u + (u + u) = 3u;
     *   1 + 3u lies halfway between 1 + 2u and 1 + 4u and rounds to the even
     *   one, 1 + 4u. */
    double v[5] = {1, U, U, U, U};
    ck_assert(sum_ordered(SUM_REFERENCE, v, 5) == 1.0);
    ck_assert(sum_ordered(SUM_LANES, v, 5) == 1.0 + 2 * U);
    ck_assert(sum_ordered(SUM_PAIRWISE, v, 5) == 1.0 + 4 * U);
    /* no terms, one term */
    for (int o = 0; o < N_SUM_ORDERS; o++) {
        ck_assert(sum_ordered((sum_order)o, t, 0) == 0.0);
        ck_assert(sum_ordered((sum_order)o, t + 1, 1) == U);
    }
}
END_TEST

typedef struct {
    size_t n_x, n_h, m;
    double scale, learning_rate;
} shape;

static const shape SHAPES[] = {
    {2, 4, 400, 0.01, 1.2}, /* the flower network's shape */
    {3, 5, 37, 0.5, 0.3},   /* m not a multiple of the four lanes */
    {1, 1, 1, 1.0, 0.1},    /* the smallest network */
    {6, 3, 96, 0.3, 0.2},
};
enum { N_SHAPES = sizeof SHAPES / sizeof SHAPES[0] };

/* X ~ N(0, 1) (n_x, m), Y random 0/1, W ~ scale N(0, 1): the problem of loop index i. */
static void problem(const shape *s, nn_activation_id hidden, unsigned long seed, gsl_matrix **X,
                    gsl_matrix **Y, nn_params **p)
{
    nn_rng *rng = nn_rng_alloc(seed);
    *X = gsl_matrix_alloc(s->n_x, s->m);
    *Y = gsl_matrix_alloc(1, s->m);
    nn_rng_fill_randn(rng, *X, 1.0);
    for (size_t i = 0; i < s->m; i++)
        gsl_matrix_set(*Y, 0, i, i == 0 ? 1.0 : nn_rng_uniform(rng) < 0.5);
    *p = nn_params_alloc(s->n_x, s->n_h, hidden);
    nn_params_init(*p, rng, s->scale);
    nn_rng_free(rng);
}

static double ref_costs[ITERATIONS], costs[ITERATIONS];

/* Loop index _i: the shape and the activation. */
START_TEST(reference_order_is_nn_train_bit_for_bit)
{
    const shape *s = &SHAPES[_i % N_SHAPES];
    nn_activation_id hidden = (nn_activation_id)(_i / N_SHAPES);
    gsl_matrix *X, *Y;
    nn_params *ref, *p;
    problem(s, hidden, 11 + (unsigned long)_i, &X, &Y, &ref);
    p = nn_params_alloc(s->n_x, s->n_h, hidden);
    nn_params_copy(p, ref);
    nn_cache *c = nn_cache_alloc(s->n_h, s->m);
    nn_grads *g = nn_grads_alloc(s->n_x, s->n_h, s->m);
    nn_train_options opt = {.learning_rate = s->learning_rate, .iterations = ITERATIONS};
    ck_assert_int_eq(nn_train(ref, c, g, X, Y, &opt, ref_costs), NN_OK);
    ck_assert_int_eq(sums_train(p, X, Y, s->learning_rate, ITERATIONS, SUM_REFERENCE, costs),
                     NN_OK);
    for (size_t k = 0; k < nn_params_count(p); k++)
        ck_assert_msg(memcmp(nn_params_at(p, k), nn_params_at(ref, k), sizeof(double)) == 0,
                      "%s, m = %zu: parameter %zu is %.17g, nn_train's %.17g",
                      nn_activations[hidden].name, s->m, k, *nn_params_at(p, k),
                      *nn_params_at(ref, k));
    ck_assert_msg(memcmp(costs, ref_costs, sizeof costs) == 0, "%s, m = %zu: the costs differ",
                  nn_activations[hidden].name, s->m);
    /* guard against passing trivially: training moved the cost */
    ck_assert(ref_costs[ITERATIONS - 1] != ref_costs[0]);
    nn_grads_free(g);
    nn_cache_free(c);
    nn_params_free(p);
    nn_params_free(ref);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
}
END_TEST

/* The other orders compute the same gradient: on the flower-shaped
 * problem, each entry within a few roundings of the reference one, and not
 * all of them equal to it. */
START_TEST(other_orders_round_the_same_gradient_otherwise)
{
    gsl_matrix *X, *Y;
    nn_params *p;
    problem(&SHAPES[0], NN_TANH, 5, &X, &Y, &p);
    size_t m = SHAPES[0].m;
    nn_cache *c = nn_cache_alloc(p->n_h, m);
    nn_grads *ref = nn_grads_alloc(p->n_x, p->n_h, m), *g = nn_grads_alloc(p->n_x, p->n_h, m);
    double work[400];
    ck_assert_int_eq(nn_forward(c, p, X), NN_OK);
    ck_assert_int_eq(nn_backward(ref, p, c, X, Y), NN_OK);
    for (int o = SUM_LANES; o < N_SUM_ORDERS; o++) {
        ck_assert_int_eq(sums_backward(g, p, c, X, Y, (sum_order)o, work), NN_OK);
        size_t differ = 0;
        for (size_t k = 0; k < nn_params_count(p); k++) {
            double a = nn_grads_at(g, k), b = nn_grads_at(ref, k);
            differ += a != b;
            ASSERT_REL(a, b, 1e-9);
        }
        ck_assert_msg(differ > 0, "order %d gives the reference gradient exactly", o);
    }
    /* a shape that does not fit is refused */
    gsl_matrix *Xbad = gsl_matrix_alloc(3, m);
    ck_assert_int_eq(sums_backward(g, p, c, Xbad, Y, SUM_LANES, work), NN_EDIM);
    gsl_matrix_free(Xbad);
    nn_grads_free(g);
    nn_grads_free(ref);
    nn_cache_free(c);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
}
END_TEST

Suite *sums_suite(void)
{
    Suite *s = suite_create("sums");
    TCase *tc = tcase_create("orders");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, each_order_on_a_case_worked_by_hand);
    tcase_add_loop_test(tc, reference_order_is_nn_train_bit_for_bit, 0,
                        N_SHAPES * NN_ACTIVATION_COUNT);
    tcase_add_test(tc, other_orders_round_the_same_gradient_otherwise);
    suite_add_tcase(s, tc);
    return s;
}
