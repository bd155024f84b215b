/* check_net: forward, cost and backward on a case worked out by hand;
 * shapes; the cost's stability; the gradients against centred differences;
 * logistic regression. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "tests.h"

static double s(double z) { return 1.0 / (1.0 + exp(-z)); }

/* n_x = 2, n_h = 2, m = 2, ReLU hidden units:
 *   X = [1 -2; 3 1], W1 = [0.5 -1; 1 1], b1 = [1; 0], W2 = [2 -1], b2 = 0.5, Y = [0 1]
 *   Z1 = W1 X + b1 = [0.5-3+1, -1-1+1; 1+3, -2+1] = [-1.5 -1; 4 -1]
 *   A1 = relu(Z1)  = [0 0; 4 0]
 *   Z2 = W2 A1 + b2 = [2*0 - 4 + 0.5, 0 + 0.5] = [-3.5 0.5]
 *   A2 = [s(-3.5) s(0.5)]
 *   J  = -(1/2) (log(1 - s(-3.5)) + log(s(0.5)))
 *   dZ2 = A2 - Y = [s(-3.5), s(0.5) - 1] =: [u v]
 *   dW2 = (1/2) dZ2 A1^T = (1/2) [0, 4u] = [0, 2u];   db2 = (u + v)/2
 *   dZ1 = W2^T dZ2 * relu'(Z1) = [2u 2v; -u -v] * [0 0; 1 0] = [0 0; -u 0]
 *   dW1 = (1/2) dZ1 X^T = [0 0; -u/2 -3u/2];          db1 = [0; -u/2]        */
typedef struct {
    nn_params *p;
    nn_cache *cache;
    nn_grads *grads;
    gsl_matrix *X, *Y;
} tiny;

static tiny tiny_alloc(void)
{
    tiny t;
    t.p = nn_params_alloc(2, 2, NN_RELU);
    t.cache = nn_cache_alloc(2, 2);
    t.grads = nn_grads_alloc(2, 2, 2);
    t.X = gsl_matrix_alloc(2, 2);
    t.Y = gsl_matrix_alloc(1, 2);
    double X[] = {1, -2, 3, 1}, W1[] = {0.5, -1, 1, 1}, Y[] = {0, 1};
    memcpy(t.X->data, X, sizeof X);
    memcpy(t.Y->data, Y, sizeof Y);
    memcpy(t.p->W1->data, W1, sizeof W1);
    gsl_vector_set(t.p->b1, 0, 1.0);
    gsl_vector_set(t.p->b1, 1, 0.0);
    gsl_matrix_set(t.p->W2, 0, 0, 2.0);
    gsl_matrix_set(t.p->W2, 0, 1, -1.0);
    gsl_vector_set(t.p->b2, 0, 0.5);
    return t;
}

static void tiny_free(tiny *t)
{
    nn_params_free(t->p);
    nn_cache_free(t->cache);
    nn_grads_free(t->grads);
    gsl_matrix_free(t->X);
    gsl_matrix_free(t->Y);
}

#define EQ(A, i, j, want) ck_assert_double_eq_tol(gsl_matrix_get(A, i, j), (want), 1e-15)

START_TEST(forward_by_hand)
{
    tiny t = tiny_alloc();
    ck_assert_int_eq(nn_forward(t.cache, t.p, t.X), NN_OK);
    EQ(t.cache->Z1, 0, 0, -1.5); EQ(t.cache->Z1, 0, 1, -1.0);
    EQ(t.cache->Z1, 1, 0, 4.0);  EQ(t.cache->Z1, 1, 1, -1.0);
    EQ(t.cache->A1, 0, 0, 0.0);  EQ(t.cache->A1, 0, 1, 0.0);
    EQ(t.cache->A1, 1, 0, 4.0);  EQ(t.cache->A1, 1, 1, 0.0);
    EQ(t.cache->Z2, 0, 0, -3.5); EQ(t.cache->Z2, 0, 1, 0.5);
    EQ(t.cache->A2, 0, 0, s(-3.5)); EQ(t.cache->A2, 0, 1, s(0.5));
    double J;
    ck_assert_int_eq(nn_cost(&J, t.cache, t.Y), NN_OK);
    ck_assert_double_eq_tol(J, -0.5 * (log(1 - s(-3.5)) + log(s(0.5))), 1e-15);
    tiny_free(&t);
}
END_TEST

START_TEST(backward_by_hand)
{
    tiny t = tiny_alloc();
    nn_forward(t.cache, t.p, t.X);
    ck_assert_int_eq(nn_backward(t.grads, t.p, t.cache, t.X, t.Y), NN_OK);
    double u = s(-3.5), v = s(0.5) - 1.0;
    EQ(t.grads->dZ2, 0, 0, u);   EQ(t.grads->dZ2, 0, 1, v);
    EQ(t.grads->dW2, 0, 0, 0.0); EQ(t.grads->dW2, 0, 1, 2 * u);
    ck_assert_double_eq_tol(gsl_vector_get(t.grads->db2, 0), (u + v) / 2, 1e-15);
    EQ(t.grads->dZ1, 0, 0, 0.0); EQ(t.grads->dZ1, 0, 1, 0.0);
    EQ(t.grads->dZ1, 1, 0, -u);  EQ(t.grads->dZ1, 1, 1, 0.0);
    EQ(t.grads->dW1, 0, 0, 0.0); EQ(t.grads->dW1, 0, 1, 0.0);
    EQ(t.grads->dW1, 1, 0, -u / 2); EQ(t.grads->dW1, 1, 1, -3 * u / 2);
    ck_assert_double_eq_tol(gsl_vector_get(t.grads->db1, 0), 0.0, 1e-15);
    ck_assert_double_eq_tol(gsl_vector_get(t.grads->db1, 1), -u / 2, 1e-15);
    ck_assert(u > 0.01); /* the case is not trivially zero */
    tiny_free(&t);
}
END_TEST

START_TEST(update_by_hand)
{
    tiny t = tiny_alloc();
    nn_forward(t.cache, t.p, t.X);
    nn_backward(t.grads, t.p, t.cache, t.X, t.Y);
    double u = s(-3.5);
    ck_assert_int_eq(nn_update(t.p, t.grads, 0.5), NN_OK);
    EQ(t.p->W1, 1, 1, 1.0 - 0.5 * (-3 * u / 2));
    EQ(t.p->W2, 0, 1, -1.0 - 0.5 * (2 * u));
    EQ(t.p->W1, 0, 0, 0.5);
    tiny_free(&t);
}
END_TEST

START_TEST(shape_mismatch_names_the_shapes)
{
    nn_params *p = nn_params_alloc(2, 3, NN_TANH);
    nn_cache *c = nn_cache_alloc(3, 5);
    gsl_matrix *X = gsl_matrix_calloc(3, 5);
    ck_assert_int_eq(nn_forward(c, p, X), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "X is (3, 5), expected (2, 5)") != NULL, "%s", nn_errmsg());
    gsl_matrix *Y = gsl_matrix_calloc(1, 4);
    gsl_matrix_free(X);
    X = gsl_matrix_calloc(2, 5);
    ck_assert_int_eq(nn_forward(c, p, X), NN_OK);
    double J;
    ck_assert_int_eq(nn_cost(&J, c, Y), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "Y is (1, 4), expected (1, 5)") != NULL, "%s", nn_errmsg());
    ck_assert_ptr_null(nn_params_alloc(0, 3, NN_TANH));
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    nn_cache_free(c);
    nn_params_free(p);
}
END_TEST

START_TEST(cost_is_finite_when_a_rounds_to_0_or_1)
{
    nn_cache *c = nn_cache_alloc(1, 2);
    gsl_matrix *Y = gsl_matrix_alloc(1, 2);
    gsl_matrix_set(c->Z2, 0, 0, 800.0);  /* a = 1 in double precision */
    gsl_matrix_set(c->Z2, 0, 1, -800.0); /* a = 0 */
    gsl_matrix_set(Y, 0, 0, 0.0);        /* both wrong, by 800 nats each */
    gsl_matrix_set(Y, 0, 1, 1.0);
    double J;
    nn_cost(&J, c, Y);
    ck_assert_double_eq_tol(J, 800.0, 1e-9);
    gsl_matrix_set(Y, 0, 0, 1.0); /* both right */
    gsl_matrix_set(Y, 0, 1, 0.0);
    nn_cost(&J, c, Y);
    ck_assert(isfinite(J) && J >= 0.0 && J < 1e-300);
    gsl_matrix_free(Y);
    nn_cache_free(c);
}
END_TEST

/* Backward against a centred difference of the cost, for every parameter. */
START_TEST(gradients_match_centred_differences)
{
    for (int act = 0; act < NN_ACTIVATION_COUNT; act++) {
        size_t n_x = 3, n_h = 4, m = 7;
        nn_params *p = nn_params_alloc(n_x, n_h, (nn_activation_id)act);
        nn_cache *c = nn_cache_alloc(n_h, m);
        nn_grads *g = nn_grads_alloc(n_x, n_h, m);
        gsl_matrix *X = gsl_matrix_alloc(n_x, m), *Y = gsl_matrix_alloc(1, m);
        nn_rng *rng = nn_rng_alloc(7);
        nn_params_init(p, rng, 1.0);
        for (size_t j = 0; j < n_h; j++) /* non-zero biases, so db1 is exercised */
            gsl_vector_set(p->b1, j, 0.1 * (double)j - 0.15);
        gsl_vector_set(p->b2, 0, 0.2);
        nn_rng_fill_randn(rng, X, 1.0);
        for (size_t i = 0; i < m; i++)
            gsl_matrix_set(Y, 0, i, (double)(i % 2));
        nn_forward(c, p, X);
        nn_backward(g, p, c, X, Y);
        double num2 = 0, diff2 = 0, eps = 1e-6;
        for (size_t k = 0; k < nn_params_count(p); k++) {
            double *theta = nn_params_at(p, k), keep = *theta, Jp, Jm;
            *theta = keep + eps;
            nn_forward(c, p, X);
            nn_cost(&Jp, c, Y);
            *theta = keep - eps;
            nn_forward(c, p, X);
            nn_cost(&Jm, c, Y);
            *theta = keep;
            double approx = (Jp - Jm) / (2 * eps), exact = nn_grads_at(g, k);
            num2 += exact * exact;
            diff2 += (approx - exact) * (approx - exact);
        }
        ck_assert_msg(num2 > 1e-6, "%s: gradient is all zeros", nn_activations[act].name);
        ck_assert_msg(sqrt(diff2 / num2) < 1e-6, "%s: relative error %g",
                      nn_activations[act].name, sqrt(diff2 / num2));
        nn_rng_free(rng);
        gsl_matrix_free(X);
        gsl_matrix_free(Y);
        nn_grads_free(g);
        nn_cache_free(c);
        nn_params_free(p);
    }
}
END_TEST

START_TEST(init_draws_W1_then_W2_row_by_row)
{
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *a = nn_rng_alloc(2), *b = nn_rng_alloc(2);
    nn_params_init(p, a, 0.01);
    for (size_t j = 0; j < 4; j++)
        for (size_t k = 0; k < 2; k++)
            ck_assert(gsl_matrix_get(p->W1, j, k) == nn_rng_randn(b) * 0.01);
    for (size_t j = 0; j < 4; j++)
        ck_assert(gsl_matrix_get(p->W2, 0, j) == nn_rng_randn(b) * 0.01);
    ck_assert(gsl_vector_isnull(p->b1) && gsl_vector_isnull(p->b2));
    ck_assert(gsl_matrix_get(p->W1, 0, 0) == -0.41675784740547062 * 0.01);
    ck_assert_uint_eq(nn_params_count(p), 4 * 2 + 4 + 4 + 1);
    ck_assert_ptr_eq(nn_params_at(p, 8), gsl_vector_ptr(p->b1, 0));
    ck_assert_ptr_eq(nn_params_at(p, 16), gsl_vector_ptr(p->b2, 0));
    ck_assert_ptr_null(nn_params_at(p, 17));
    nn_rng_free(a);
    nn_rng_free(b);
    nn_params_free(p);
}
END_TEST

START_TEST(logistic_regression_learns_a_line)
{
    /* y = 1 exactly when x1 + x2 > 0.5: separable, so gradient descent
     * drives training accuracy to 100% and the cost down. */
    size_t m = 100;
    gsl_matrix *X = gsl_matrix_alloc(2, m), *Y = gsl_matrix_alloc(1, m), *P = gsl_matrix_alloc(1, m);
    nn_rng *rng = nn_rng_alloc(11);
    nn_rng_fill_randn(rng, X, 1.0);
    for (size_t i = 0; i < m; i++) {
        double t = gsl_matrix_get(X, 0, i) + gsl_matrix_get(X, 1, i) - 0.5;
        if (fabs(t) < 0.1) /* a margin */
            gsl_matrix_set(X, 0, i, gsl_matrix_get(X, 0, i) + (t > 0 ? 0.2 : -0.2));
        gsl_matrix_set(Y, 0, i, gsl_matrix_get(X, 0, i) + gsl_matrix_get(X, 1, i) > 0.5);
    }
    nn_logreg *lr = nn_logreg_alloc(2, m);
    double cost[2000], acc, J0;
    nn_logreg_forward(lr, X);
    nn_logreg_cost(&J0, lr, Y);
    ck_assert_double_eq_tol(J0, log(2.0), 1e-15); /* w = 0, b = 0: a = 1/2 */
    nn_train_options opt = {.learning_rate = 1.0, .iterations = 2000};
    ck_assert_int_eq(nn_logreg_train(lr, X, Y, &opt, cost), NN_OK);
    nn_logreg_forward(lr, X);
    nn_logreg_predict(P, lr);
    nn_accuracy(&acc, P, Y);
    ck_assert_double_eq(acc, 100.0);
    ck_assert(cost[1999] < 0.1 * cost[0]);
    /* the learned boundary leans like x1 + x2 = 0.5 */
    double w1 = gsl_matrix_get(lr->w, 0, 0), w2 = gsl_matrix_get(lr->w, 0, 1);
    ck_assert_double_eq_tol(w1 / w2, 1.0, 0.3);
    nn_logreg_free(lr);
    nn_rng_free(rng);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
    gsl_matrix_free(P);
}
END_TEST

START_TEST(logistic_regression_curvature_bound)
{
    /* By hand: x~ = (2, 1) and (-2, 1) give second moments diag(4, 1), so
     * beta = 4/4 = 1; x~ = (3, 1) twice gives [[9, 3], [3, 1]], whose largest
     * eigenvalue is 10, so beta = 10/4. */
    double beta;
    gsl_matrix *X = gsl_matrix_alloc(1, 2);
    gsl_matrix_set(X, 0, 0, 2.0);
    gsl_matrix_set(X, 0, 1, -2.0);
    ck_assert_int_eq(nn_logreg_curvature(&beta, X), NN_OK);
    ck_assert_double_eq_tol(beta, 1.0, 1e-15);
    gsl_matrix_set_all(X, 3.0);
    ck_assert_int_eq(nn_logreg_curvature(&beta, X), NN_OK);
    ck_assert_double_eq_tol(beta, 2.5, 1e-14);
    gsl_matrix_free(X);

    /* What the bound means: on wide inputs with labels no line separates,
     * descent below 2/beta lowers the cost at every step (up to rounding),
     * and ten times above it the cost rises by a large step. */
    size_t m = 200, n = 300;
    X = gsl_matrix_alloc(2, m);
    gsl_matrix *Y = gsl_matrix_alloc(1, m);
    nn_rng *rng = nn_rng_alloc(5);
    nn_rng_fill_randn(rng, X, 10.0);
    for (size_t i = 0; i < m; i++)
        gsl_matrix_set(Y, 0, i, (double)(i % 2));
    ck_assert_int_eq(nn_logreg_curvature(&beta, X), NN_OK);
    double cost[300];
    for (int above = 0; above <= 1; above++) {
        nn_logreg *lr = nn_logreg_alloc(2, m);
        nn_train_options opt = {.learning_rate = (above ? 20.0 : 1.9) / beta, .iterations = n};
        ck_assert_int_eq(nn_logreg_train(lr, X, Y, &opt, cost), NN_OK);
        double rise = 0.0;
        for (size_t it = 1; it < n; it++)
            rise = fmax(rise, cost[it] - cost[it - 1]);
        if (above)
            ck_assert_msg(rise > 1e-2, "rate 20/beta: largest rise %g", rise);
        else
            ck_assert_msg(rise < 1e-13, "rate 1.9/beta: largest rise %g", rise);
        nn_logreg_free(lr);
    }
    nn_rng_free(rng);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
}
END_TEST

/* cost_every = k records the costs before steps 0, k, 2k, ... into
 * ceil(iterations / k) entries, as nn_train does, and writes nothing past
 * them: the entries after are left as they were. */
START_TEST(logistic_regression_records_every_kth_cost)
{
    size_t m = 20;
    gsl_matrix *X = gsl_matrix_alloc(2, m), *Y = gsl_matrix_alloc(1, m);
    nn_rng *rng = nn_rng_alloc(3);
    nn_rng_fill_randn(rng, X, 1.0);
    for (size_t i = 0; i < m; i++)
        gsl_matrix_set(Y, 0, i, gsl_matrix_get(X, 0, i) > 0.0);
    double all[10], record[10], guard = 42.0;
    nn_logreg *a = nn_logreg_alloc(2, m), *b = nn_logreg_alloc(2, m);
    nn_train_options opt = {.learning_rate = 0.5, .iterations = 10};
    ck_assert_int_eq(nn_logreg_train(a, X, Y, &opt, all), NN_OK);
    for (size_t k = 0; k < 10; k++)
        record[k] = guard;
    opt.cost_every = 3; /* steps 0, 3, 6, 9: four entries */
    ck_assert_int_eq(nn_logreg_train(b, X, Y, &opt, record), NN_OK);
    for (size_t k = 0; k < 4; k++)
        ck_assert(record[k] == all[3 * k]);
    for (size_t k = 4; k < 10; k++)
        ck_assert_msg(record[k] == guard, "entry %zu written", k);
    ck_assert(gsl_matrix_equal(a->w, b->w));
    nn_logreg_free(a);
    nn_logreg_free(b);
    nn_rng_free(rng);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
}
END_TEST

/* A progress hook that asks to stop at iteration 30, counting its calls. */
static int stop_at_30(size_t iteration, double cost, void *user)
{
    (void)cost;
    ++*(size_t *)user;
    return iteration == 30;
}

/* The three trainers share their bookkeeping: each calls the hook on the
 * same iterations, stops before the update that follows the hook's "stop",
 * and rejects the same bad rate with the same words. */
START_TEST(the_trainers_report_stop_and_refuse_alike)
{
    tiny a = tiny_alloc(), b = tiny_alloc();
    nn_trainer *t = nn_trainer_alloc(2, 2, 2);
    nn_logreg *lr = nn_logreg_alloc(2, 2);
    size_t calls[3] = {0};
    nn_train_options opt = {.learning_rate = 0.1, .iterations = 100, .report_every = 10,
                            .progress = stop_at_30};
    opt.user = &calls[0];
    ck_assert_int_eq(nn_train(a.p, a.cache, a.grads, a.X, a.Y, &opt, NULL), NN_OK);
    opt.user = &calls[1];
    ck_assert_int_eq(nn_train_fast(b.p, t, NULL, b.X, b.Y, &opt, NULL), NN_OK);
    opt.user = &calls[2];
    ck_assert_int_eq(nn_logreg_train(lr, a.X, a.Y, &opt, NULL), NN_OK);
    for (size_t k = 0; k < 3; k++)
        ck_assert_uint_eq(calls[k], 4); /* iterations 0, 10, 20, 30 */
    /* stopped after 30 forward passes and updates: the same network */
    for (size_t k = 0; k < nn_params_count(a.p); k++)
        ck_assert(*nn_params_at(a.p, k) == *nn_params_at(b.p, k));
    opt.learning_rate = -2.0;
    ck_assert_int_eq(nn_train_fast(b.p, t, NULL, b.X, b.Y, &opt, NULL), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "nn_train_fast: learning rate -2 must be a positive number"),
                  "%s", nn_errmsg());
    ck_assert_int_eq(nn_logreg_train(lr, a.X, a.Y, &opt, NULL), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "nn_logreg_train: learning rate -2 must be a positive number"),
                  "%s", nn_errmsg());
    nn_logreg_free(lr);
    nn_trainer_free(t);
    tiny_free(&a);
    tiny_free(&b);
}
END_TEST

START_TEST(training_rejects_a_bad_learning_rate)
{
    tiny t = tiny_alloc();
    nn_train_options opt = {.learning_rate = -1.0, .iterations = 10};
    ck_assert_int_eq(nn_train(t.p, t.cache, t.grads, t.X, t.Y, &opt, NULL), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "-1") != NULL, "%s", nn_errmsg());
    tiny_free(&t);
}
END_TEST

Suite *net_suite(void)
{
    Suite *s = suite_create("net");
    TCase *tc = tcase_create("network");
    tcase_add_test(tc, forward_by_hand);
    tcase_add_test(tc, backward_by_hand);
    tcase_add_test(tc, update_by_hand);
    tcase_add_test(tc, shape_mismatch_names_the_shapes);
    tcase_add_test(tc, cost_is_finite_when_a_rounds_to_0_or_1);
    tcase_add_test(tc, gradients_match_centred_differences);
    tcase_add_test(tc, init_draws_W1_then_W2_row_by_row);
    tcase_add_test(tc, logistic_regression_learns_a_line);
    tcase_add_test(tc, logistic_regression_curvature_bound);
    tcase_add_test(tc, logistic_regression_records_every_kth_cost);
    tcase_add_test(tc, the_trainers_report_stop_and_refuse_alike);
    tcase_add_test(tc, training_rejects_a_bad_learning_rate);
    suite_add_tcase(s, tc);
    return s;
}
