/* steps.c: from nn_train to nn_train_fast, one change at a time.
 *
 * Steps 1 to 3 are nn_train's loop (src/nn_net.c) with one thing removed
 * each; step 4 is the library's fused core calling libm value by value (a
 * copy the Makefile compiles), and step 5 the library's fused core
 * itself, nn_train_fast.  The program checks that every
 * step ends with the same parameters, bit for bit, and records the same
 * costs, and counts what each one calls (count.c). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "nn_libm_map.h" /* tanh(x), exp(x), log1p(x): the library's own, as nn_train calls them */
#include "steps.h"
#include "variants.h"

const char *const STEP_NAME[N_STEPS] = {
    [STEP_READABLE] = "readable", [STEP_SLOPE_FROM_A] = "slope from A",
    [STEP_ONE_EXP] = "one exp", [STEP_COST_RECORDED] = "cost when recorded",
    [STEP_FUSED] = "fused", [STEP_TANH_LANES] = "libm in lanes"};

/* Step 1.  nn_backward, except that g'(Z1) comes from A1: tanh_prime(z)
 * computes t = tanh(z) and returns 1 - t t, and A1 already holds tanh(z),
 * so 1 - a a is the same operation on the same operand.  tanh runs once per
 * hidden value instead of twice. */
static void backward_slope_from_a(nn_grads *g, const nn_params *p, const nn_cache *c,
                                  const gsl_matrix *X, const gsl_matrix *Y)
{
    size_t m = c->m, n_h = p->n_h;
    double inv_m = 1.0 / (double)m;
    gsl_matrix_memcpy(g->dZ2, c->A2); /* dZ2 = A2 - Y */
    gsl_matrix_sub(g->dZ2, Y);
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, g->dZ2, c->A1, 0.0, g->dW2);
    gsl_matrix_scale(g->dW2, inv_m);
    double sum = 0.0; /* db2 */
    for (size_t i = 0; i < m; i++)
        sum += gsl_matrix_get(g->dZ2, 0, i);
    gsl_vector_set(g->db2, 0, inv_m * sum);
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, p->W2, g->dZ2, 0.0, g->dZ1);
    for (size_t j = 0; j < n_h; j++) {
        const double *a1 = gsl_matrix_const_ptr(c->A1, j, 0);
        double *dz1 = gsl_matrix_ptr(g->dZ1, j, 0);
        for (size_t i = 0; i < m; i++)
            dz1[i] *= 1.0 - a1[i] * a1[i]; /* was dg(z1[i]) = tanh_prime(z1[i]) */
    }
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, g->dZ1, X, 0.0, g->dW1);
    gsl_matrix_scale(g->dW1, inv_m);
    for (size_t j = 0; j < n_h; j++) { /* db1 */
        const double *dz1 = gsl_matrix_const_ptr(g->dZ1, j, 0);
        double s = 0.0;
        for (size_t i = 0; i < m; i++)
            s += dz1[i];
        gsl_vector_set(g->db1, j, inv_m * s);
    }
}

/* Step 2.  nn_forward and nn_cost in one, with one exp per example where
 * nn_train calls three: nn_sigmoid's exp(-z2), and the two softplus terms'
 * exp(-|z2|) each.  With e = exp(-z2) and L = log1p(exp(-|z2|)):
 *   a2 = 1 / (1 + e), as nn_sigmoid computes it;
 *   softplus(-z2) = L, plus -z2 when z2 < 0;
 *   softplus(z2)  = L, plus z2 when z2 > 0;
 * and exp(-|z2|) is e itself when z2 > 0.  Only z2 <= 0 costs a second exp.
 * The cost is computed when J is not NULL. */
static void forward_one_exp(nn_cache *c, const nn_params *p, const gsl_matrix *X,
                            const gsl_matrix *Y, double *J)
{
    size_t m = c->m, n_h = p->n_h;
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W1, X, 0.0, c->Z1);
    for (size_t j = 0; j < n_h; j++) {
        double b = gsl_vector_get(p->b1, j), *z1 = gsl_matrix_ptr(c->Z1, j, 0);
        double *a1 = gsl_matrix_ptr(c->A1, j, 0);
        for (size_t i = 0; i < m; i++) {
            z1[i] += b;
            a1[i] = tanh(z1[i]);
        }
    }
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W2, c->A1, 0.0, c->Z2);
    double b2 = gsl_vector_get(p->b2, 0), sum = 0.0;
    for (size_t i = 0; i < m; i++) {
        double *z2 = gsl_matrix_ptr(c->Z2, 0, i), y = gsl_matrix_get(Y, 0, i);
        *z2 += b2;
        double e = exp(-*z2);
        gsl_matrix_set(c->A2, 0, i, 1.0 / (1.0 + e));
        if (J) {
            double L = log1p(*z2 > 0.0 ? e : exp(*z2));
            double sp_minus = *z2 < 0.0 ? -*z2 + L : L;
            double sp_plus = *z2 > 0.0 ? *z2 + L : L;
            sum += y * -sp_minus + (1.0 - y) * -sp_plus;
        }
    }
    if (J)
        *J = -sum / (double)m;
}

nn_status step_train(step_id s, nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                     double learning_rate, size_t iterations, size_t cost_every, double *cost)
{
    if (p->hidden != NN_TANH)
        return nn_error(NN_EINVAL, "step_train: the steps are written for tanh hidden units");
    size_t n_x = p->n_x, n_h = p->n_h, m = X->size2;
    nn_train_options opt = {.learning_rate = learning_rate, .iterations = iterations,
                            .cost_every = cost_every};
    if (s == STEP_FUSED)
        return variant_train(VARIANT_PLAIN, p, X, Y, &opt, cost);
    if (s == STEP_TANH_LANES) {
        nn_trainer *t = nb_ok(nn_trainer_alloc(n_x, n_h, m));
        nn_status st = nn_train_fast(p, t, NULL, X, Y, &opt, cost);
        nn_trainer_free(t);
        return st;
    }
    nn_cache *c = nb_ok(nn_cache_alloc(n_h, m));
    nn_grads *g = nb_ok(nn_grads_alloc(n_x, n_h, m));
    nn_status st = NN_OK;
    if (s == STEP_READABLE) {
        opt.cost_every = 1;
        double *all = nb_ok(malloc(iterations * sizeof *all));
        st = nn_train(p, c, g, X, Y, &opt, all);
        for (size_t it = 0; it < iterations; it += cost_every)
            cost[it / cost_every] = all[it];
        free(all);
    } else {
        for (size_t it = 0; it < iterations && st == NN_OK; it++) {
            int record = it % cost_every == 0;
            double J = NAN;
            if (s == STEP_SLOPE_FROM_A) {
                nb_try(nn_forward(c, p, X));
                nb_try(nn_cost(&J, c, Y));
            } else {
                forward_one_exp(c, p, X, Y, s == STEP_ONE_EXP || record ? &J : NULL);
            }
            if (record)
                cost[it / cost_every] = J;
            backward_slope_from_a(g, p, c, X, Y);
            st = nn_update(p, g, learning_rate);
        }
    }
    nn_grads_free(g);
    nn_cache_free(c);
    return st;
}
