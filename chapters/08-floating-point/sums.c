/* sums.c (appendix): nn_backward with its sums over the examples in a
 * chosen order, and nn_train's loop around it; see sums.h. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "sums.h"

static double pairwise(const double *t, size_t n)
{
    if (n == 1)
        return t[0];
    size_t half = n / 2;
    return pairwise(t, half) + pairwise(t + half, n - half);
}

double sum_ordered(sum_order order, const double *t, size_t n)
{
    switch (order) {
    case SUM_LANES: {
        double s[4] = {0.0, 0.0, 0.0, 0.0};
        for (size_t i = 0; i < n; i++)
            s[i % 4] += t[i];
        return (s[0] + s[1]) + (s[2] + s[3]);
    }
    case SUM_PAIRWISE:
        return n == 0 ? 0.0 : pairwise(t, n);
    default: {
        double s = 0.0;
        for (size_t i = 0; i < n; i++)
            s += t[i];
        return s;
    }
    }
}

/* The sum over i of a[i] b[i] in the given order: the products first, each
 * rounded, into work, then their sum. */
static double dot_ordered(sum_order order, const double *a, const double *b, size_t m,
                          double *work)
{
    for (size_t i = 0; i < m; i++)
        work[i] = a[i] * b[i];
    return sum_ordered(order, work, m);
}

nn_status sums_backward(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                        const gsl_matrix *X, const gsl_matrix *Y, sum_order order,
                        double *work)
{
    const char *fn = "sums_backward";
    size_t m = cache->m, n_x = p->n_x, n_h = p->n_h;
    NB_EXPECT(fn, "X", X, n_x, m);
    NB_EXPECT(fn, "Y", Y, 1, m);
    NB_EXPECT(fn, "dZ1", grads->dZ1, n_h, m);
    NB_EXPECT(fn, "dW1", grads->dW1, n_h, n_x);
    double inv_m = 1.0 / (double)m;

    /* dZ2 (1, m) = A2 - Y */
    gsl_matrix_memcpy(grads->dZ2, cache->A2);
    gsl_matrix_sub(grads->dZ2, Y);
    const double *dZ2 = gsl_matrix_const_ptr(grads->dZ2, 0, 0);
    /* dW2 (1, n_h) = (1/m) dZ2 (1, m) . A1^T (m, n_h): entry j sums dZ2_i A1_ji */
    for (size_t j = 0; j < n_h; j++)
        gsl_matrix_set(grads->dW2, 0, j,
                       dot_ordered(order, dZ2, gsl_matrix_const_ptr(cache->A1, j, 0), m, work) *
                           inv_m);
    /* db2 (1) = (1/m) sum_i dZ2 */
    gsl_vector_set(grads->db2, 0, inv_m * sum_ordered(order, dZ2, m));
    /* dZ1 (n_h, m) = W2^T (n_h, 1) . dZ2 (1, m) * g'(Z1): no sum over the examples */
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, p->W2, grads->dZ2, 0.0, grads->dZ1);
    double (*dg)(double) = nn_activations[p->hidden].dg;
    for (size_t j = 0; j < n_h; j++) {
        const double *z1 = gsl_matrix_const_ptr(cache->Z1, j, 0);
        double *dz1 = gsl_matrix_ptr(grads->dZ1, j, 0);
        for (size_t i = 0; i < m; i++)
            dz1[i] *= dg(z1[i]);
    }
    /* dW1 (n_h, n_x) = (1/m) dZ1 (n_h, m) . X^T (m, n_x): entry (j, k) sums dZ1_ji X_ki */
    for (size_t j = 0; j < n_h; j++) {
        const double *dZ1_j = gsl_matrix_const_ptr(grads->dZ1, j, 0);
        for (size_t k = 0; k < n_x; k++)
            gsl_matrix_set(grads->dW1, j, k,
                           dot_ordered(order, dZ1_j, gsl_matrix_const_ptr(X, k, 0), m, work) *
                               inv_m);
        /* db1_j = (1/m) sum_i dZ1_ji */
        gsl_vector_set(grads->db1, j, inv_m * sum_ordered(order, dZ1_j, m));
    }
    return NN_OK;
}

nn_status sums_train(nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                     double learning_rate, size_t iterations, sum_order order, double *cost)
{
    size_t m = X->size2;
    nn_cache *cache = nn_cache_alloc(p->n_h, m);
    nn_grads *grads = nn_grads_alloc(p->n_x, p->n_h, m);
    double *work = malloc(m * sizeof *work);
    nn_status s = NN_OK;
    if (cache == NULL || grads == NULL || work == NULL)
        s = nn_error(NN_ENOMEM, "sums_train: out of memory for m = %zu", m);
    for (size_t it = 0; it < iterations && s == NN_OK; it++) {
        double J;
        if ((s = nn_forward(cache, p, X)) != NN_OK || (s = nn_cost(&J, cache, Y)) != NN_OK)
            break;
        if (!isfinite(J)) {
            s = nn_error(NN_ENUM, "sums_train: the cost is %g at iteration %zu", J, it);
            break;
        }
        if (cost)
            cost[it] = J;
        if ((s = sums_backward(grads, p, cache, X, Y, order, work)) == NN_OK)
            s = nn_update(p, grads, learning_rate);
    }
    free(work);
    nn_grads_free(grads);
    nn_cache_free(cache);
    return s;
}
