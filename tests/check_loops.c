/* check_loops: forward propagation unit by unit, example by example and in
 * plain C loops gives what the vectorised nn_forward gives (bit for bit
 * when the sums are taken in the same order), matches a case worked out by
 * hand, and counts its work as derived in chapter 2. */
#include <math.h>
#include <string.h>

#include "../chapters/02-forward-propagation/loops.h"
#include "nb.h" /* nb_ulps */
#include "tests.h"

/* The hand-worked case of check_net (n_x = 2, n_h = 2, m = 2, ReLU):
 *   X = [1 -2; 3 1], W1 = [0.5 -1; 1 1], b1 = [1; 0], W2 = [2 -1], b2 = 0.5
 *   Z1 = [-1.5 -1; 4 -1], A1 = [0 0; 4 0], Z2 = [-3.5 0.5]. */
static void tiny(nn_params **p, gsl_matrix **X)
{
    *p = nn_params_alloc(2, 2, NN_RELU);
    *X = gsl_matrix_alloc(2, 2);
    double x[] = {1, -2, 3, 1}, w1[] = {0.5, -1, 1, 1};
    memcpy((*X)->data, x, sizeof x);
    memcpy((*p)->W1->data, w1, sizeof w1);
    gsl_vector_set((*p)->b1, 0, 1.0);
    gsl_matrix_set((*p)->W2, 0, 0, 2.0);
    gsl_matrix_set((*p)->W2, 0, 1, -1.0);
    gsl_vector_set((*p)->b2, 0, 0.5);
}

static void run_way(int w, nn_cache *c, const nn_params *p, const gsl_matrix *X, loops_ops *ops)
{
    switch (w) {
    case 0:
        ck_assert_int_eq(nn_forward(c, p, X), NN_OK);
        loops_ops_of_nn_forward(ops, p, X->size2);
        break;
    case 1: ck_assert_int_eq(loops_forward_units(c, p, X, ops), NN_OK); break;
    case 2: ck_assert_int_eq(loops_forward_examples(c, p, X, ops), NN_OK); break;
    default:
        ck_assert_int_eq(loops_forward_plain(c, p, X, (loops_order)(w - 3), ops), NN_OK);
        break;
    }
}
enum { WAYS = 3 + LOOPS_ORDER_COUNT };

START_TEST(every_way_gives_the_hand_worked_values)
{
    nn_params *p;
    gsl_matrix *X;
    tiny(&p, &X);
    for (int w = 0; w < WAYS; w++) {
        nn_cache *c = nn_cache_alloc(2, 2);
        gsl_matrix_set_all(c->Z1, NAN); /* every entry must be written */
        gsl_matrix_set_all(c->A1, NAN);
        gsl_matrix_set_all(c->Z2, NAN);
        gsl_matrix_set_all(c->A2, NAN);
        run_way(w, c, p, X, NULL);
        double z1[] = {-1.5, -1, 4, -1}, a1[] = {0, 0, 4, 0}, z2[] = {-3.5, 0.5};
        for (size_t k = 0; k < 4; k++) {
            ck_assert_msg(c->Z1->data[k] == z1[k], "way %d: Z1[%zu] = %g", w, k, c->Z1->data[k]);
            ck_assert_msg(c->A1->data[k] == a1[k], "way %d: A1[%zu] = %g", w, k, c->A1->data[k]);
        }
        for (size_t i = 0; i < 2; i++) {
            ck_assert_msg(c->Z2->data[i] == z2[i], "way %d: Z2[%zu] = %g", w, i, c->Z2->data[i]);
            ASSERT_REL(c->A2->data[i], 1.0 / (1.0 + exp(-z2[i])), 1e-15);
        }
        nn_cache_free(c);
    }
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

/* A network with large random weights on random data, so that the sums
 * are not exact and rounding shows whenever the order changes. */
static void random_case(size_t n_x, size_t n_h, size_t m, nn_activation_id g, nn_params **p,
                        gsl_matrix **X)
{
    *p = nn_params_alloc(n_x, n_h, g);
    *X = gsl_matrix_alloc(n_x, m);
    nn_rng *rng = nn_rng_alloc(5);
    nn_params_init(*p, rng, 3.0);
    for (size_t j = 0; j < n_h; j++)
        gsl_vector_set((*p)->b1, j, nn_rng_randn(rng));
    gsl_vector_set((*p)->b2, 0, nn_rng_randn(rng));
    nn_rng_fill_randn(rng, *X, 2.0);
    nn_rng_free(rng);
}

/* Bit-for-bit agreement is a property of this build, not of arithmetic:
 * GSL's reference CBLAS (libgslcblas) sums each entry of a product over the
 * inner index in increasing order from zero, loops_forward_plain's BLAS order
 * does the same, and neither contracts a * b + c into a fused multiply-add
 * (the notebook is compiled with -std=c11, so GCC uses -ffp-contract=off;
 * an x86-64 libgslcblas has no FMA instructions).  A libgslcblas compiled
 * with contraction, or a tuned CBLAS, would fail this test; see
 * products_are_rounded_one_by_one below and chapter 2, section 5. */
START_TEST(the_three_ways_agree_bit_for_bit)
{
    static const size_t sizes[][3] = {{2, 4, 400}, {5, 3, 50}, {1, 7, 9}};
    static const nn_activation_id acts[] = {NN_TANH, NN_SIGMOID, NN_RELU};
    for (size_t k = 0; k < 3; k++) {
        nn_params *p;
        gsl_matrix *X;
        random_case(sizes[k][0], sizes[k][1], sizes[k][2], acts[k], &p, &X);
        size_t n_h = p->n_h, m = X->size2;
        nn_cache *v = nn_cache_alloc(n_h, m), *c = nn_cache_alloc(n_h, m);
        ck_assert_int_eq(nn_forward(v, p, X), NN_OK);
        /* not trivially zero: the pass produced something */
        ck_assert(gsl_matrix_max(v->A2) > gsl_matrix_min(v->A2));
        for (int w = 1; w <= 3; w++) { /* units, examples, loop in BLAS order */
            run_way(w, c, p, X, NULL);
            double d;
            uint64_t u;
            ck_assert_int_eq(loops_cache_diff(c, v, &d, &u), NN_OK);
            ck_assert_msg(d == 0.0 && u == 0, "case %zu way %d: differs by %g (%llu ulp)", k, w,
                          d, (unsigned long long)u);
        }
        nn_cache_free(c);
        nn_cache_free(v);
        gsl_matrix_free(X);
        nn_params_free(p);
    }
}
END_TEST

START_TEST(another_order_differs_by_rounding_only)
{
    nn_params *p;
    gsl_matrix *X;
    random_case(2, 4, 400, NN_TANH, &p, &X);
    nn_cache *v = nn_cache_alloc(4, 400), *c = nn_cache_alloc(4, 400);
    ck_assert_int_eq(nn_forward(v, p, X), NN_OK);
    for (int order = LOOPS_ORDER_BIAS_FIRST; order < LOOPS_ORDER_COUNT; order++) {
        ck_assert_int_eq(loops_forward_plain(c, p, X, (loops_order)order, NULL), NN_OK);
        double d;
        uint64_t u;
        ck_assert_int_eq(loops_cache_diff(c, v, &d, &u), NN_OK);
        /* the order matters ... */
        ck_assert_msg(d > 0.0 && u > 0, "order %d: no difference at all", order);
        /* ... but only at the level of rounding: terms are at most ~40 here */
        ck_assert_msg(d < 1e-12, "order %d: differs by %g", order, d);
    }
    ck_assert_int_eq(loops_forward_plain(c, p, X, LOOPS_ORDER_COUNT, NULL), NN_EINVAL);
    nn_cache_free(c);
    nn_cache_free(v);
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

/* The condition the exact agreement needs, checked directly: every product
 * is rounded on its own before it is added.  With a = 1 + 2^-30,
 * a a = 1 + 2^-29 + 2^-60 rounds to 1 + 2^-29, so
 *     z = -(1 + 2^-29) 1 + a a
 * is 0 when each product is rounded and 2^-60 when the second product is
 * fused with the addition.  The BLAS passes and the loops that round each
 * product must give 0; the loop with fma gives 2^-60, which shows that the
 * case tells the two apart. */
START_TEST(products_are_rounded_one_by_one)
{
    const double a = 1.0 + 0x1p-30;
    nn_params *p = nn_params_alloc(2, 1, NN_TANH);
    gsl_matrix *X = gsl_matrix_alloc(2, 1);
    gsl_matrix_set(p->W1, 0, 0, -(1.0 + 0x1p-29));
    gsl_matrix_set(p->W1, 0, 1, a);
    gsl_matrix_set(X, 0, 0, 1.0);
    gsl_matrix_set(X, 1, 0, a);
    nn_cache *c = nn_cache_alloc(1, 1);
    for (int w = 0; w < WAYS; w++) {
        run_way(w, c, p, X, NULL);
        double z = gsl_matrix_get(c->Z1, 0, 0);
        if (w == 3 + LOOPS_ORDER_FMA)
            ck_assert_msg(z == 0x1p-60, "fma loop: z = %a, expected 0x1p-60", z);
        else /* the bias-first loop adds b = 0 first, then rounds like the others */
            ck_assert_msg(z == 0.0, "way %d: z = %a, expected 0 (a product was fused with "
                          "an addition: see the_three_ways_agree_bit_for_bit)", w, z);
    }
    nn_cache_free(c);
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

START_TEST(work_is_counted_as_derived)
{
    size_t n_x = 3, n_h = 5, m = 11;
    nn_params *p;
    gsl_matrix *X;
    random_case(n_x, n_h, m, NN_TANH, &p, &X);
    nn_cache *c = nn_cache_alloc(n_h, m);
    /* products 2 n_h n_x m and 2 n_h m, biases n_h m and m */
    size_t flops = 2 * n_h * n_x * m + n_h * m + 2 * n_h * m + m;
    size_t calls[] = {2, n_h + 1, 2 * m, 0};
    size_t products = 2 * n_h * n_x * m + 2 * n_h * m; /* in BLAS, when BLAS is used */
    size_t blas_flops[] = {products, products, products, 0};
    size_t steps[] = {0, n_h + 1, m, m};
    for (int w = 0; w <= 3; w++) {
        loops_ops ops = {0};
        run_way(w, c, p, X, &ops);
        ck_assert_uint_eq(ops.flops, flops);
        ck_assert_uint_eq(ops.blas_flops, blas_flops[w]);
        ck_assert_uint_eq(ops.blas_calls, calls[w]);
        ck_assert_uint_eq(ops.loop_steps, steps[w]);
        ck_assert_uint_eq(ops.activations, n_h * m + m);
        run_way(w, c, p, X, &ops); /* the counts add up */
        ck_assert_uint_eq(ops.flops, 2 * flops);
    }
    nn_cache_free(c);
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

START_TEST(wrong_shapes_are_refused)
{
    nn_params *p;
    gsl_matrix *X;
    tiny(&p, &X);
    nn_cache *c = nn_cache_alloc(2, 3); /* m = 3, X has 2 columns */
    ck_assert_int_eq(loops_forward_units(c, p, X, NULL), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "loops_forward_units: X is (2, 2), expected (2, 3)") != NULL,
                  "%s", nn_errmsg());
    ck_assert_int_eq(loops_forward_examples(c, p, X, NULL), NN_EDIM);
    ck_assert_int_eq(loops_forward_plain(c, p, X, LOOPS_ORDER_BLAS, NULL), NN_EDIM);
    nn_cache *d = nn_cache_alloc(3, 2); /* n_h = 3, the network has 2 */
    ck_assert_int_eq(loops_forward_units(d, p, X, NULL), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "cache Z1 is (3, 2), expected (2, 2)") != NULL, "%s",
                  nn_errmsg());
    double diff;
    uint64_t u;
    ck_assert_int_eq(loops_cache_diff(c, d, &diff, &u), NN_EDIM);
    nn_cache_free(d);
    nn_cache_free(c);
    gsl_matrix_free(X);
    nn_params_free(p);
}
END_TEST

START_TEST(ulps_count_the_doubles_between)
{
    ck_assert_uint_eq(nb_ulps(1.0, 1.0), 0);
    ck_assert_uint_eq(nb_ulps(-0.0, 0.0), 0);
    ck_assert_uint_eq(nb_ulps(1.0, nextafter(1.0, 2.0)), 1);
    ck_assert_uint_eq(nb_ulps(1.0, 1.0 + 4 * 0x1p-52), 4);
    ck_assert_uint_eq(nb_ulps(nextafter(1.0, 0.0), nextafter(1.0, 2.0)), 2); /* across 2^0 */
    ck_assert_uint_eq(nb_ulps(-0x1p-1074, 0x1p-1074), 2);                    /* across zero */
    ck_assert_uint_eq(nb_ulps(-1.0, nextafter(-1.0, -2.0)), 1);
    ck_assert_uint_eq(nb_ulps(2.0, 1.0), 1ull << 52); /* one binade */
}
END_TEST

Suite *loops_suite(void)
{
    Suite *s = suite_create("loops");
    TCase *tc = tcase_create("forward three ways");
    tcase_add_test(tc, every_way_gives_the_hand_worked_values);
    tcase_add_test(tc, the_three_ways_agree_bit_for_bit);
    tcase_add_test(tc, products_are_rounded_one_by_one);
    tcase_add_test(tc, another_order_differs_by_rounding_only);
    tcase_add_test(tc, work_is_counted_as_derived);
    tcase_add_test(tc, wrong_shapes_are_refused);
    tcase_add_test(tc, ulps_count_the_doubles_between);
    suite_add_tcase(s, tc);
    return s;
}
