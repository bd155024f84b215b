/* check_gradcheck: the centred difference on functions with known
 * derivatives; the relative difference on hand-worked vectors; the block
 * layout; the kink detector on a hand-built case; the default battery; and
 * every deliberately broken backward pass caught, in the blocks it breaks. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "tests.h"

static double f_sin(double x, void *u) { (void)u; return sin(x); }
static double f_exp(double x, void *u) { (void)u; return exp(x); }
static double f_cube(double x, void *u) { (void)u; return x * x * x; }
static double f_log(double x, void *u) { (void)u; return log(x); }

/* |a - b| / (|a| + |b|) */
static double rel1(double a, double b) { return fabs(a - b) / (fabs(a) + fabs(b)); }

START_TEST(centred_difference_of_known_derivatives)
{
    struct {
        double (*f)(double, void *);
        double x, dfdx;
    } cases[] = {
        {f_sin, 1.0, cos(1.0)},
        {f_exp, 0.5, exp(0.5)},
        {f_cube, 2.0, 12.0},
        {f_log, 0.25, 4.0},
        {f_sin, -2.5, cos(-2.5)},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        double d = nn_centred_difference(cases[k].f, NULL, cases[k].x, NN_GRADCHECK_EPS);
        double r = rel1(d, cases[k].dfdx);
        ck_assert_msg(r < 1e-9, "case %zu: relative difference %g", k, r);
        /* the test can fail: a large step is visibly wrong (truncation) */
        double coarse = nn_centred_difference(cases[k].f, NULL, cases[k].x, 0.1);
        ck_assert_msg(rel1(coarse, cases[k].dfdx) > 1e-5, "case %zu: eps 0.1 too good", k);
    }
    /* truncation is O(eps^2): ten times smaller a step, a hundred times smaller error
     * (for sin at 1 the error is eps^2 cos(1) / 6) */
    double e1 = nn_centred_difference(f_sin, NULL, 1.0, 1e-2) - cos(1.0);
    double e2 = nn_centred_difference(f_sin, NULL, 1.0, 1e-3) - cos(1.0);
    ck_assert_double_eq_tol(e1 / e2, 100.0, 0.1);
    ck_assert_double_eq_tol(e1, -1e-4 * cos(1.0) / 6.0, 1e-9);
}
END_TEST

START_TEST(relative_difference_by_hand)
{
    double g[] = {3, 4}, a[] = {3, 4}, b[] = {0, 0}, c[] = {-3, -4}, e1[] = {1, 0}, e2[] = {0, 1};
    ck_assert_double_eq(nn_relative_difference(g, a, NULL, 2), 0.0);
    ck_assert_double_eq(nn_relative_difference(b, b, NULL, 2), 0.0); /* both zero */
    ck_assert_double_eq(nn_relative_difference(g, b, NULL, 2), 1.0); /* 5 / (5 + 0) */
    ck_assert_double_eq(nn_relative_difference(g, c, NULL, 2), 1.0); /* 10 / (5 + 5) */
    ck_assert_double_eq_tol(nn_relative_difference(e1, e2, NULL, 2), sqrt(2.0) / 2.0, 1e-16);
    /* left-out entries do not count: compare only the second */
    unsigned char skip[] = {1, 0};
    double h[] = {100, 4};
    ck_assert_double_eq(nn_relative_difference(g, h, skip, 2), 0.0);
}
END_TEST

START_TEST(blocks_follow_params_at)
{
    nn_params *p = nn_params_alloc(3, 4, NN_TANH);
    size_t first, count, total = 0;
    double *expect[NN_BLOCKS] = {gsl_matrix_ptr(p->W1, 0, 0), gsl_vector_ptr(p->b1, 0),
                                 gsl_matrix_ptr(p->W2, 0, 0), gsl_vector_ptr(p->b2, 0)};
    size_t sizes[NN_BLOCKS] = {12, 4, 4, 1};
    for (int b = 0; b < NN_BLOCKS; b++) {
        nn_block_range(3, 4, (nn_block)b, &first, &count);
        ck_assert_uint_eq(first, total);
        ck_assert_uint_eq(count, sizes[b]);
        ck_assert_ptr_eq(nn_params_at(p, first), expect[b]);
        total += count;
    }
    ck_assert_uint_eq(total, nn_params_count(p));
    ck_assert_str_eq(nn_block_names[NN_BLOCK_B1], "b1");
    nn_params_free(p);
}
END_TEST

/* The problem of a configuration, allocated. */
typedef struct {
    nn_params *p;
    gsl_matrix *X, *Y;
    nn_gradcheck_work *w;
} prob;

static prob prob_alloc(nn_activation_id act, size_t n_x, size_t n_h, size_t m,
                       unsigned long seed)
{
    nn_gradcheck_config cfg = {act, n_x, n_h, m, seed, NN_GRADCHECK_EPS, 0};
    prob q = {nn_params_alloc(n_x, n_h, act), gsl_matrix_alloc(n_x, m), gsl_matrix_alloc(1, m),
              nn_gradcheck_work_alloc(n_x, n_h, m)};
    ck_assert_int_eq(nn_gradcheck_problem(q.p, q.X, q.Y, &cfg), NN_OK);
    return q;
}

static void prob_free(prob *q)
{
    nn_params_free(q->p);
    gsl_matrix_free(q->X);
    gsl_matrix_free(q->Y);
    nn_gradcheck_work_free(q->w);
}

START_TEST(numerical_gradient_restores_the_parameters)
{
    prob q = prob_alloc(NN_TANH, 3, 5, 8, 4);
    nn_params *copy = nn_params_alloc(3, 5, NN_TANH);
    nn_params_copy(copy, q.p);
    nn_cache *c = nn_cache_alloc(5, 8);
    double approx[3 * 5 + 2 * 5 + 1];
    ck_assert_int_eq(nn_numerical_gradient(approx, q.p, c, q.X, q.Y, 1e-3), NN_OK);
    for (size_t k = 0; k < nn_params_count(q.p); k++)
        ck_assert(*nn_params_at(q.p, k) == *nn_params_at(copy, k)); /* bit for bit */
    ck_assert_int_eq(nn_numerical_gradient(approx, q.p, c, q.X, q.Y, 0.0), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "eps = 0") != NULL, "%s", nn_errmsg());
    nn_cache_free(c);
    nn_params_free(copy);
    prob_free(&q);
}
END_TEST

/* A cost that is not finite stops the numerical gradient with NN_ENUM,
 * naming the parameter, and leaves the parameters as they were. */
START_TEST(a_cost_that_is_not_finite_is_reported)
{
    prob q = prob_alloc(NN_TANH, 2, 3, 5, 1);
    nn_cache *c = nn_cache_alloc(3, 5);
    double approx[2 * 3 + 2 * 3 + 1];
    ck_assert_int_eq(nn_numerical_gradient(approx, q.p, c, q.X, q.Y, 1e-3), NN_OK);
    gsl_vector_set(q.p->b2, 0, NAN); /* J is NaN whichever parameter moves */
    double w11 = gsl_matrix_get(q.p->W1, 0, 0);
    ck_assert_int_eq(nn_numerical_gradient(approx, q.p, c, q.X, q.Y, 1e-3), NN_ENUM);
    ck_assert_msg(strstr(nn_errmsg(), "not finite with parameter 0 (W1)") != NULL, "%s",
                  nn_errmsg());
    ck_assert(isnan(gsl_vector_get(q.p->b2, 0)));
    ck_assert(gsl_matrix_get(q.p->W1, 0, 0) == w11); /* restored, bit for bit */
    nn_gradcheck_result r;
    nn_gradcheck_options opt = {.eps = NN_GRADCHECK_EPS};
    ck_assert_int_eq(nn_gradcheck(&r, q.w, q.p, q.X, q.Y, &opt), NN_ENUM);
    ck_assert_msg(strstr(nn_errmsg(), "nn_numerical_gradient: the cost is not finite") != NULL,
                  "%s", nn_errmsg());
    nn_cache_free(c);
    prob_free(&q);
}
END_TEST

/* The hand-worked ReLU case of check_net: X = [1 -2; 3 1] (examples
 * x = (1, 3) and (-2, 1)), W1 = [0.5 -1; 1 1], b1 = [1; 0], so
 * Z1 = [-1.5 -1; 4 -1].  Parameters are numbered W1 (0 .. 3), b1 (4, 5),
 * W2 (6, 7), b2 (8). */
START_TEST(kinks_by_hand)
{
    nn_params *p = nn_params_alloc(2, 2, NN_RELU);
    nn_cache *c = nn_cache_alloc(2, 2);
    gsl_matrix *X = gsl_matrix_alloc(2, 2);
    double Xv[] = {1, -2, 3, 1}, W1[] = {0.5, -1, 1, 1};
    memcpy(X->data, Xv, sizeof Xv);
    memcpy(p->W1->data, W1, sizeof W1);
    gsl_vector_set(p->b1, 0, 1.0);
    gsl_matrix_set(p->W2, 0, 0, 2.0);
    gsl_matrix_set(p->W2, 0, 1, -1.0);
    nn_forward(c, p, X);
    /* eps = 0.4:
     *   Z1[0][0] = -1.5: x = (1, 3): W1[0][1] moves it by 1.2 (no), nothing crosses
     *   Z1[0][1] = -1:   x = (-2, 1): W1[0][0] moves it by 0.8 (no)
     *   Z1[1][*] = 4, -1: nothing within 0.4 |x| except none (|x| <= 3 -> 1.2 < 4;
     *                    -1 vs 0.8, 0.4) -> nothing straddles at 0.4 */
    unsigned char s[9];
    size_t near;
    ck_assert_uint_eq(nn_gradcheck_kinks(s, &near, p, c, X, 0.4), 0);
    ck_assert_uint_eq(near, 0);
    /* eps = 0.6:
     *   Z1[0][0] = -1.5 < 0.6 * 3 = 1.8: W1[0][1] straddles
     *   Z1[0][1] = -1   < 0.6 * 2 = 1.2: W1[0][0] straddles
     *   Z1[1][1] = -1   < 0.6 * 2 = 1.2: W1[1][0] straddles
     *   no |Z1| < 0.6, so no bias straddles; W2, b2 never do.
     *   near: entries with |z| < 0.6 max(1, |x|max): -1.5 < 1.8, -1 < 1.2,
     *   4 > 1.8, -1 < 1.2: three. */
    ck_assert_uint_eq(nn_gradcheck_kinks(s, &near, p, c, X, 0.6), 3);
    unsigned char want[9] = {1, 1, 1, 0, 0, 0, 0, 0, 0};
    ck_assert_mem_eq(s, want, 9);
    ck_assert_uint_eq(near, 3);
    /* a bias on its kink: b1[1] = -4 puts Z1[1][0] at exactly 0 */
    gsl_vector_set(p->b1, 1, -4.0);
    nn_forward(c, p, X);
    ck_assert_double_eq(gsl_matrix_get(c->Z1, 1, 0), 0.0);
    ck_assert_uint_eq(nn_gradcheck_kinks(s, &near, p, c, X, 1e-7), 3);
    unsigned char want2[9] = {0, 0, 1, 1, 0, 1, 0, 0, 0}; /* W1[1][0], W1[1][1], b1[1] */
    ck_assert_mem_eq(s, want2, 9);
    /* smooth activations have no kink */
    p->hidden = NN_TANH;
    ck_assert_uint_eq(nn_gradcheck_kinks(s, &near, p, c, X, 0.6), 0);
    ck_assert_uint_eq(near, 0);
    gsl_matrix_free(X);
    nn_cache_free(c);
    nn_params_free(p);
}
END_TEST

/* On the kink, the centred difference measures the mean of the two slopes;
 * leaving the straddling parameters out restores agreement. */
START_TEST(kink_breaks_the_check_and_skipping_repairs_it)
{
    nn_activation_id acts[] = {NN_RELU, NN_LEAKY_RELU};
    for (size_t a = 0; a < 2; a++) {
        prob q = prob_alloc(acts[a], 3, 6, 30, 2);
        gsl_vector_set_zero(q.p->b1);
        for (size_t l = 0; l < 3; l++) /* two examples at the origin */
            gsl_matrix_set(q.X, l, 0, 0.0), gsl_matrix_set(q.X, l, 1, 0.0);
        nn_gradcheck_result all, away;
        nn_gradcheck_options opt = {.eps = NN_GRADCHECK_EPS, .skip_kinks = 0};
        ck_assert_int_eq(nn_gradcheck(&all, q.w, q.p, q.X, q.Y, &opt), NN_OK);
        opt.skip_kinks = 1;
        ck_assert_int_eq(nn_gradcheck(&away, q.w, q.p, q.X, q.Y, &opt), NN_OK);
        ck_assert_uint_eq(all.straddling, 6); /* every b1[j]; W1 cannot move z at x = 0 */
        ck_assert_uint_ge(all.near_kink, 12);
        ck_assert_uint_eq(all.skipped, 0);
        ck_assert_uint_eq(away.skipped, 6);
        ck_assert_msg(all.diff[NN_BLOCK_B1] > NN_GRADCHECK_BUG, "b1 %g", all.diff[NN_BLOCK_B1]);
        ck_assert_msg(all.diff[NN_BLOCK_W1] < NN_GRADCHECK_PASS, "W1 %g", all.diff[NN_BLOCK_W1]);
        ck_assert_msg(away.overall < NN_GRADCHECK_GOOD, "away %g", away.overall);
        /* The numerical db1[j] takes the mean (1 + slope)/2 of the two one-sided
         * slopes at the two origin examples, backpropagation the right-hand 1:
         * they differ by (1 - slope)/2 W2[j] (dZ2[0] + dZ2[1]) / m. */
        double slope = acts[a] == NN_RELU ? 0.0 : NN_LEAKY_SLOPE;
        nn_cache *c = nn_cache_alloc(6, 30);
        nn_forward(c, q.p, q.X);
        double dz2 = 0.0;
        for (size_t i = 0; i < 2; i++)
            dz2 += gsl_matrix_get(c->A2, 0, i) - gsl_matrix_get(q.Y, 0, i);
        const double *g = nn_gradcheck_work_exact(q.w), *n = nn_gradcheck_work_approx(q.w);
        for (size_t j = 0; j < 6; j++) {
            double want = (1.0 - slope) / 2.0 * gsl_matrix_get(q.p->W2, 0, j) * dz2 / 30.0;
            ck_assert_msg(fabs(want) > 1e-3, "unit %zu: the kink's share %g is too small", j,
                          want);
            ck_assert_double_eq_tol(g[18 + j] - n[18 + j], want, 1e-8);
        }
        nn_cache_free(c);
        prob_free(&q);
    }
}
END_TEST

/* nn_gradcheck_config_run leaves straddling parameters out unless keep_kinks,
 * exactly as nn_gradcheck does with skip_kinks; 0.01 makes some straddle. */
START_TEST(config_run_keeps_kinks_on_request)
{
    nn_gradcheck_config cfg = {NN_RELU, 3, 8, 50, 1, 1e-2, 0};
    prob q = prob_alloc(NN_RELU, 3, 8, 50, 1);
    for (int keep = 0; keep <= 1; keep++) {
        cfg.keep_kinks = keep;
        nn_gradcheck_result r, direct;
        ck_assert_int_eq(nn_gradcheck_config_run(&r, &cfg, NN_BUG_NONE), NN_OK);
        nn_gradcheck_options opt = {.eps = 1e-2, .skip_kinks = !keep};
        ck_assert_int_eq(nn_gradcheck(&direct, q.w, q.p, q.X, q.Y, &opt), NN_OK);
        ck_assert_uint_gt(r.straddling, 0);
        ck_assert_uint_eq(r.skipped, keep ? 0 : r.straddling);
        ck_assert(r.overall == direct.overall);
        ck_assert_uint_eq(r.skipped, direct.skipped);
    }
    prob_free(&q);
}
END_TEST

START_TEST(default_battery_passes)
{
    size_t good = 0, with_kinks = 0;
    for (size_t k = 0; k < NN_BATTERY_SIZE; k++) {
        nn_gradcheck_config cfg = nn_battery_config(k);
        nn_gradcheck_result r;
        ck_assert_int_eq(nn_gradcheck_config_run(&r, &cfg, NN_BUG_NONE), NN_OK);
        ck_assert_msg(r.grad_norm > 1e-3, "%s n_x=%zu n_h=%zu m=%zu seed=%lu: gradient %g",
                      nn_activations[cfg.hidden].name, cfg.n_x, cfg.n_h, cfg.m, cfg.seed,
                      r.grad_norm);
        ck_assert_msg(r.overall < NN_GRADCHECK_PASS,
                      "%s n_x=%zu n_h=%zu m=%zu seed=%lu: relative difference %g",
                      nn_activations[cfg.hidden].name, cfg.n_x, cfg.n_h, cfg.m, cfg.seed,
                      r.overall);
        ck_assert_uint_eq(r.n_params, cfg.n_h * cfg.n_x + 2 * cfg.n_h + 1);
        ck_assert_uint_le(r.skipped, r.n_params / 2); /* the check did not skip its way out */
        good += r.overall < NN_GRADCHECK_GOOD;
        with_kinks += nn_activation_has_kink(cfg.hidden);
    }
    ck_assert_uint_eq(NN_BATTERY_SIZE, 5 * 6 * 20);
    ck_assert_uint_eq(with_kinks, 2 * 6 * 20);
    ck_assert_msg(good >= NN_BATTERY_SIZE * 95 / 100, "only %zu good", good);
    /* the battery covers seeds 1 .. 20, every activation, every shape */
    nn_gradcheck_config last = nn_battery_config(NN_BATTERY_SIZE - 1);
    ck_assert_uint_eq(last.seed, 20);
    ck_assert_int_eq(last.hidden, NN_LINEAR);
    ck_assert_uint_eq(last.m, 100);
}
END_TEST

/* Each mistake is caught, in the blocks it touches and not in the others. */
START_TEST(broken_backward_passes_are_caught)
{
    prob q = prob_alloc(NN_TANH, 4, 4, 20, 1);
    /* which blocks each mistake breaks: W1 b1 W2 b2 */
    static const int breaks[NN_BUG_COUNT][NN_BLOCKS] = {
        [NN_BUG_NONE] = {0, 0, 0, 0},
        [NN_BUG_NO_INV_M] = {1, 0, 1, 0},
        [NN_BUG_DW2_DOUBLED] = {0, 0, 1, 0},
        [NN_BUG_WRONG_DERIVATIVE] = {1, 1, 0, 0},
        [NN_BUG_DERIVATIVE_OF_A] = {1, 1, 0, 0},
        [NN_BUG_TRANSPOSED] = {1, 0, 0, 0},
    };
    for (int b = 0; b < NN_BUG_COUNT; b++) {
        nn_gradcheck_result r;
        nn_gradcheck_options opt = {.eps = NN_GRADCHECK_EPS, .bug = (nn_bug)b};
        ck_assert_int_eq(nn_gradcheck(&r, q.w, q.p, q.X, q.Y, &opt), NN_OK);
        if (b == NN_BUG_NONE)
            ck_assert_msg(r.overall < NN_GRADCHECK_GOOD, "correct pass: %g", r.overall);
        else
            ck_assert_msg(r.overall > NN_GRADCHECK_BUG, "%s: overall %g", nn_bug_names[b],
                          r.overall);
        for (int k = 0; k < NN_BLOCKS; k++) {
            if (breaks[b][k])
                ck_assert_msg(r.diff[k] > NN_GRADCHECK_BUG, "%s: %s %g", nn_bug_names[b],
                              nn_block_names[k], r.diff[k]);
            else
                ck_assert_msg(r.diff[k] < NN_GRADCHECK_PASS, "%s: %s %g", nn_bug_names[b],
                              nn_block_names[k], r.diff[k]);
        }
    }
    prob_free(&q);
    /* every activation and 20 seeds: each mistake that is a mistake is caught */
    for (int b = 1; b < NN_BUG_COUNT; b++)
        for (int a = 0; a < NN_ACTIVATION_COUNT; a++) {
            /* g'(A) = g'(Z) when g' is constant (linear) or depends only on
             * the sign of z, which g keeps (leaky ReLU): no mistake there */
            int harmless = b == NN_BUG_DERIVATIVE_OF_A && (a == NN_LINEAR || a == NN_LEAKY_RELU);
            for (unsigned long seed = 1; seed <= 20; seed++) {
                nn_gradcheck_config cfg = {(nn_activation_id)a, 4, 4, 20, seed,
                                           NN_GRADCHECK_EPS, 0};
                nn_gradcheck_result r;
                ck_assert_int_eq(nn_gradcheck_config_run(&r, &cfg, (nn_bug)b), NN_OK);
                if (harmless)
                    ck_assert_msg(r.overall < NN_GRADCHECK_PASS, "%s, %s, seed %lu: %g",
                                  nn_bug_names[b], nn_activations[a].name, seed, r.overall);
                else
                    ck_assert_msg(r.overall > NN_GRADCHECK_BUG, "%s, %s, seed %lu: %g",
                                  nn_bug_names[b], nn_activations[a].name, seed, r.overall);
            }
        }
}
END_TEST

/* A transposed product that does not fit is refused by the shape check; a
 * single example and unit hides a missing 1/m and a transposition. */
START_TEST(what_shapes_and_tiny_cases_hide)
{
    prob q = prob_alloc(NN_TANH, 2, 4, 10, 1);
    nn_gradcheck_result r;
    nn_gradcheck_options opt = {.eps = NN_GRADCHECK_EPS, .bug = NN_BUG_TRANSPOSED};
    ck_assert_int_eq(nn_gradcheck(&r, q.w, q.p, q.X, q.Y, &opt), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "is (2, 4), dW1 is (4, 2)") != NULL, "%s", nn_errmsg());
    prob_free(&q);
    nn_gradcheck_config tiny = {NN_TANH, 1, 1, 1, 1, NN_GRADCHECK_EPS, 0};
    ck_assert_int_eq(nn_gradcheck_config_run(&r, &tiny, NN_BUG_NO_INV_M), NN_OK);
    ck_assert(r.overall < NN_GRADCHECK_GOOD);
    ck_assert_int_eq(nn_gradcheck_config_run(&r, &tiny, NN_BUG_TRANSPOSED), NN_OK);
    ck_assert(r.overall < NN_GRADCHECK_GOOD);
    ck_assert_int_eq(nn_gradcheck_config_run(&r, &tiny, NN_BUG_DW2_DOUBLED), NN_OK);
    ck_assert(r.overall > NN_GRADCHECK_BUG);
}
END_TEST

START_TEST(bad_arguments_are_named)
{
    nn_bug bug;
    ck_assert_int_eq(nn_bug_find("transposed", &bug), NN_OK);
    ck_assert_int_eq(bug, NN_BUG_TRANSPOSED);
    ck_assert_int_eq(nn_bug_find("typo", &bug), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "'typo'") != NULL, "%s", nn_errmsg());
    ck_assert_ptr_null(nn_gradcheck_work_alloc(2, 0, 3));
    ck_assert_msg(strstr(nn_errmsg(), "n_h = 0") != NULL, "%s", nn_errmsg());
    nn_gradcheck_result r;
    nn_gradcheck_config zero_seed = {NN_TANH, 2, 3, 4, 0, NN_GRADCHECK_EPS, 0};
    ck_assert_int_eq(nn_gradcheck_config_run(&r, &zero_seed, NN_BUG_NONE), NN_EINVAL);
    nn_gradcheck_config big_eps = {NN_TANH, 2, 3, 4, 1, 2.0, 0};
    ck_assert_int_eq(nn_gradcheck_config_run(&r, &big_eps, NN_BUG_NONE), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "eps = 2") != NULL, "%s", nn_errmsg());
    prob q = prob_alloc(NN_TANH, 2, 3, 4, 1);
    gsl_matrix *X5 = gsl_matrix_calloc(2, 5);
    nn_gradcheck_options opt = {.eps = NN_GRADCHECK_EPS};
    ck_assert_int_eq(nn_gradcheck(&r, q.w, q.p, X5, q.Y, &opt), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "X is (2, 5), expected (2, 4)") != NULL, "%s",
                  nn_errmsg());
    gsl_matrix_free(X5);
    prob_free(&q);
}
END_TEST

Suite *gradcheck_suite(void)
{
    Suite *s = suite_create("gradcheck");
    TCase *tc = tcase_create("gradient checking");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, centred_difference_of_known_derivatives);
    tcase_add_test(tc, relative_difference_by_hand);
    tcase_add_test(tc, blocks_follow_params_at);
    tcase_add_test(tc, numerical_gradient_restores_the_parameters);
    tcase_add_test(tc, a_cost_that_is_not_finite_is_reported);
    tcase_add_test(tc, kinks_by_hand);
    tcase_add_test(tc, kink_breaks_the_check_and_skipping_repairs_it);
    tcase_add_test(tc, config_run_keeps_kinks_on_request);
    tcase_add_test(tc, default_battery_passes);
    tcase_add_test(tc, broken_backward_passes_are_caught);
    tcase_add_test(tc, what_shapes_and_tiny_cases_hide);
    tcase_add_test(tc, bad_arguments_are_named);
    suite_add_tcase(s, tc);
    return s;
}
