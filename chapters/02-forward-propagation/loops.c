/* loops.c (chapter 2): forward propagation unit by unit, example by example, and in
 * plain C loops; see loops.h.  Each writes the same nn_cache nn_forward
 * writes, so that the results can be compared entry by entry. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "loops.h"

/* Adds to ops: BLAS calls, flops inside them, flops outside them, activations. */
static void count(loops_ops *ops, size_t blas_calls, size_t blas_flops, size_t other_flops,
                  size_t activations)
{
    if (ops) {
        ops->blas_calls += blas_calls;
        ops->blas_flops += blas_flops;
        ops->flops += blas_flops + other_flops;
        ops->activations += activations;
    }
}

static void count_step(loops_ops *ops)
{
    if (ops)
        ops->loop_steps++;
}

static nn_status check(const char *fn, nn_cache *cache, const nn_params *p, const gsl_matrix *X)
{
    size_t m = cache->m;
    NB_EXPECT(fn, "X", X, p->n_x, m);
    NB_EXPECT(fn, "cache Z1", cache->Z1, p->n_h, m);
    NB_EXPECT(fn, "cache A1", cache->A1, p->n_h, m);
    NB_EXPECT(fn, "cache Z2", cache->Z2, 1, m);
    NB_EXPECT(fn, "cache A2", cache->A2, 1, m);
    return NN_OK;
}

/* One logistic-regression-like unit over all m examples:
 * z (1, m) = w (1, n) . In (n, m) + b, a = act(z). */
static void unit(gsl_matrix *z, gsl_matrix *a, const gsl_matrix *w, double b,
                 const gsl_matrix *In, double (*act)(double), loops_ops *ops)
{
    size_t n = In->size1, m = In->size2;
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, w, In, 0.0, z);
    double *zi = gsl_matrix_ptr(z, 0, 0), *ai = gsl_matrix_ptr(a, 0, 0);
    for (size_t i = 0; i < m; i++) {
        zi[i] += b;
        ai[i] = act(zi[i]);
    }
    count(ops, 1, 2 * n * m, m, m);
}

nn_status loops_forward_units(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                           loops_ops *ops)
{
    nn_status s = check("loops_forward_units", cache, p, X);
    if (s != NN_OK)
        return s;
    size_t n_x = p->n_x, m = cache->m;
    double (*g)(double) = nn_activations[p->hidden].g;
    /* Hidden unit j: z_j = w_j X + b_j (w_j row j of W1), a_j = g(z_j): row j of Z1 and A1. */
    for (size_t j = 0; j < p->n_h; j++) {
        count_step(ops);
        gsl_matrix_const_view w_j = gsl_matrix_const_submatrix(p->W1, j, 0, 1, n_x);
        gsl_matrix_view z_j = gsl_matrix_submatrix(cache->Z1, j, 0, 1, m);
        gsl_matrix_view a_j = gsl_matrix_submatrix(cache->A1, j, 0, 1, m);
        unit(&z_j.matrix, &a_j.matrix, &w_j.matrix, gsl_vector_get(p->b1, j), X, g, ops);
    }
    /* The output unit: a logistic regression on A1. */
    count_step(ops);
    unit(cache->Z2, cache->A2, p->W2, gsl_vector_get(p->b2, 0), cache->A1, nn_sigmoid, ops);
    return NN_OK;
}

nn_status loops_forward_examples(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                              loops_ops *ops)
{
    nn_status s = check("loops_forward_examples", cache, p, X);
    if (s != NN_OK)
        return s;
    size_t n_x = p->n_x, n_h = p->n_h, m = cache->m;
    double (*g)(double) = nn_activations[p->hidden].g;
    gsl_vector_const_view w2 = gsl_matrix_const_row(p->W2, 0);
    double b2 = gsl_vector_get(p->b2, 0);
    for (size_t i = 0; i < m; i++) {
        count_step(ops);
        gsl_vector_const_view x = gsl_matrix_const_column(X, i);
        gsl_vector_view z1 = gsl_matrix_column(cache->Z1, i);
        gsl_vector_view a1 = gsl_matrix_column(cache->A1, i);
        /* z1 (n_h) = W1 (n_h, n_x) . x (n_x) + b1 */
        gsl_blas_dgemv(CblasNoTrans, 1.0, p->W1, &x.vector, 0.0, &z1.vector);
        for (size_t j = 0; j < n_h; j++) {
            double z = gsl_vector_get(&z1.vector, j) + gsl_vector_get(p->b1, j);
            gsl_vector_set(&z1.vector, j, z);
            gsl_vector_set(&a1.vector, j, g(z));
        }
        /* z2 = W2 (1, n_h) . a1 (n_h) + b2, a2 = sigma(z2) */
        double z2;
        gsl_blas_ddot(&w2.vector, &a1.vector, &z2);
        z2 += b2;
        gsl_matrix_set(cache->Z2, 0, i, z2);
        gsl_matrix_set(cache->A2, 0, i, nn_sigmoid(z2));
        count(ops, 2, 2 * n_h * n_x + 2 * n_h, n_h + 1, n_h + 1);
    }
    return NN_OK;
}

/* z = w . x + b over n terms, x with stride incx, summed in the given order. */
static double affine(const double *w, const double *x, size_t incx, size_t n, double b,
                     loops_order order)
{
    double z = 0.0;
    switch (order) {
    case LOOPS_ORDER_BLAS:
        for (size_t k = 0; k < n; k++)
            z += w[k] * x[k * incx];
        return z + b;
    case LOOPS_ORDER_BIAS_FIRST:
        z = b;
        for (size_t k = 0; k < n; k++)
            z += w[k] * x[k * incx];
        return z;
    case LOOPS_ORDER_FMA:
        for (size_t k = 0; k < n; k++)
            z = fma(w[k], x[k * incx], z);
        return z + b;
    default:
        return NAN;
    }
}

nn_status loops_forward_plain(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                          loops_order order, loops_ops *ops)
{
    nn_status s = check("loops_forward_plain", cache, p, X);
    if (s != NN_OK)
        return s;
    if ((int)order < 0 || order >= LOOPS_ORDER_COUNT)
        return nn_error(NN_EINVAL, "loops_forward_plain: unknown summation order %d", (int)order);
    size_t n_x = p->n_x, n_h = p->n_h, m = cache->m;
    double (*g)(double) = nn_activations[p->hidden].g;
    const double *w2 = gsl_matrix_const_ptr(p->W2, 0, 0);
    size_t tda1 = cache->A1->tda;
    for (size_t i = 0; i < m; i++) {
        count_step(ops);
        const double *x = gsl_matrix_const_ptr(X, 0, i);
        for (size_t j = 0; j < n_h; j++) {
            double z = affine(gsl_matrix_const_ptr(p->W1, j, 0), x, X->tda, n_x,
                              gsl_vector_get(p->b1, j), order);
            gsl_matrix_set(cache->Z1, j, i, z);
            gsl_matrix_set(cache->A1, j, i, g(z));
        }
        double z2 = affine(w2, gsl_matrix_const_ptr(cache->A1, 0, i), tda1, n_h,
                           gsl_vector_get(p->b2, 0), order);
        gsl_matrix_set(cache->Z2, 0, i, z2);
        gsl_matrix_set(cache->A2, 0, i, nn_sigmoid(z2));
    }
    count(ops, 0, 0, 2 * n_h * n_x * m + n_h * m + 2 * n_h * m + m, n_h * m + m);
    return NN_OK;
}

void loops_ops_of_nn_forward(loops_ops *ops, const nn_params *p, size_t m)
{
    size_t n_x = p->n_x, n_h = p->n_h;
    /* Z1 = W1 X (one dgemm) + b1; A1 = g(Z1); Z2 = W2 A1 (one dgemm) + b2; A2 = sigma(Z2) */
    count(ops, 2, 2 * n_h * n_x * m + 2 * n_h * m, n_h * m + m, n_h * m + m);
}

static void diff(const gsl_matrix *A, const gsl_matrix *B, double *max_abs, uint64_t *max_ulps)
{
    for (size_t r = 0; r < A->size1; r++)
        for (size_t c = 0; c < A->size2; c++) {
            double a = gsl_matrix_get(A, r, c), b = gsl_matrix_get(B, r, c);
            double d = fabs(a - b);
            uint64_t u = nb_ulps(a, b);
            if (d > *max_abs || isnan(d))
                *max_abs = d;
            if (u > *max_ulps)
                *max_ulps = u;
        }
}

nn_status loops_cache_diff(const nn_cache *a, const nn_cache *b, double *max_abs,
                        uint64_t *max_ulps)
{
    if (a->Z1->size1 != b->Z1->size1 || a->m != b->m)
        return nn_error(NN_EDIM, "loops_cache_diff: caches for (n_h, m) = (%zu, %zu) and "
                        "(%zu, %zu)", a->Z1->size1, a->m, b->Z1->size1, b->m);
    *max_abs = 0.0;
    *max_ulps = 0;
    diff(a->Z1, b->Z1, max_abs, max_ulps);
    diff(a->A1, b->A1, max_abs, max_ulps);
    diff(a->Z2, b->Z2, max_abs, max_ulps);
    diff(a->A2, b->A2, max_abs, max_ulps);
    return NN_OK;
}
