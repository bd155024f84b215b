/* nn_net.c: the one-hidden-layer network: parameters, forward propagation,
 * cost, backpropagation, the gradient-descent update, prediction and the
 * training loop.  Every formula below is the one in nn.h and in the
 * chapters, with the same names. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>

#include "nn.h"
#include "nn_internal.h"

/* ------------------------------------------------------------ shape checks */

nn_status nn_expect_matrix(const char *fn, const char *name, const gsl_matrix *A,
                               size_t rows, size_t cols)
{
    if (A == NULL)
        return nn_error(NN_EINVAL, "%s: %s is NULL", fn, name);
    if (A->size1 != rows || A->size2 != cols)
        return nn_error(NN_EDIM, "%s: %s is (%zu, %zu), expected (%zu, %zu)", fn,
                        name, A->size1, A->size2, rows, cols);
    return NN_OK;
}


/* -------------------------------------------------------------- parameters */

nn_params *nn_params_alloc(size_t n_x, size_t n_h, nn_activation_id hidden)
{
    if (n_x == 0 || n_h == 0) {
        nn_error(NN_EINVAL, "nn_params_alloc: n_x = %zu and n_h = %zu must be positive",
                 n_x, n_h);
        return NULL;
    }
    if (nn_activation_get(hidden) == NULL) {
        nn_error(NN_EINVAL, "nn_params_alloc: unknown activation id %d", (int)hidden);
        return NULL;
    }
    nn_params *p = calloc(1, sizeof *p);
    const size_t n[3] = {n_x, n_h, 1};
    if (p == NULL || (p->theta = nn_theta_alloc(2, n)) == NULL) {
        free(p);
        nn_error(NN_ENOMEM, "out of memory allocating parameters for n_x = %zu, n_h = %zu",
                 n_x, n_h);
        return NULL;
    }
    p->n_x = n_x;
    p->n_h = n_h;
    p->hidden = hidden;
    p->W1 = p->theta->W[1];
    p->b1 = p->theta->b[1];
    p->W2 = p->theta->W[2];
    p->b2 = p->theta->b[2];
    return p;
}

void nn_params_free(nn_params *p)
{
    if (p == NULL)
        return;
    nn_theta_free(p->theta);
    free(p);
}

nn_status nn_params_copy(nn_params *dst, const nn_params *src)
{
    if (!nn_theta_same_layout(dst->theta, src->theta))
        return nn_error(NN_EDIM,
                        "nn_params_copy: source has n_x = %zu, n_h = %zu, "
                        "destination n_x = %zu, n_h = %zu",
                        src->n_x, src->n_h, dst->n_x, dst->n_h);
    dst->hidden = src->hidden;
    gsl_vector_memcpy(dst->theta->theta, src->theta->theta);
    return NN_OK;
}

void nn_params_init(nn_params *p, nn_rng *rng, double scale)
{
    for (size_t l = 1; l <= p->theta->L; l++) {
        nn_rng_fill_randn(rng, p->theta->W[l], scale); /* W^[l] = randn(n[l], n[l-1]) scale */
        gsl_vector_set_zero(p->theta->b[l]);           /* b^[l] = 0 */
    }
}

size_t nn_params_count(const nn_params *p)
{
    return p->theta->theta->size;
}

double *nn_params_at(nn_params *p, size_t k)
{
    return k < p->theta->theta->size ? gsl_vector_ptr(p->theta->theta, k) : NULL;
}

double nn_grads_at(const nn_grads *g, size_t k)
{
    return k < g->dtheta->theta->size ? gsl_vector_get(g->dtheta->theta, k) : NAN;
}

/* ------------------------------------------------------ caches, gradients */

nn_cache *nn_cache_alloc(size_t n_h, size_t m)
{
    if (n_h == 0 || m == 0) {
        nn_error(NN_EINVAL, "nn_cache_alloc: n_h = %zu and m = %zu must be positive", n_h, m);
        return NULL;
    }
    nn_cache *c = calloc(1, sizeof *c);
    if (c == NULL)
        goto fail;
    c->m = m;
    c->Z1 = gsl_matrix_alloc(n_h, m);
    c->A1 = gsl_matrix_alloc(n_h, m);
    c->Z2 = gsl_matrix_alloc(1, m);
    c->A2 = gsl_matrix_alloc(1, m);
    if (c->Z1 && c->A1 && c->Z2 && c->A2)
        return c;
fail:
    nn_cache_free(c);
    nn_error(NN_ENOMEM, "out of memory allocating a cache for n_h = %zu, m = %zu", n_h, m);
    return NULL;
}

void nn_cache_free(nn_cache *c)
{
    if (c == NULL)
        return;
    if (c->Z1) gsl_matrix_free(c->Z1);
    if (c->A1) gsl_matrix_free(c->A1);
    if (c->Z2) gsl_matrix_free(c->Z2);
    if (c->A2) gsl_matrix_free(c->A2);
    free(c);
}

nn_grads *nn_grads_alloc(size_t n_x, size_t n_h, size_t m)
{
    if (n_x == 0 || n_h == 0 || m == 0) {
        nn_error(NN_EINVAL,
                 "nn_grads_alloc: n_x = %zu, n_h = %zu and m = %zu must be positive",
                 n_x, n_h, m);
        return NULL;
    }
    nn_grads *g = calloc(1, sizeof *g);
    const size_t n[3] = {n_x, n_h, 1};
    if (g == NULL || (g->dtheta = nn_theta_alloc(2, n)) == NULL)
        goto fail;
    g->dW1 = g->dtheta->W[1];
    g->db1 = g->dtheta->b[1];
    g->dW2 = g->dtheta->W[2];
    g->db2 = g->dtheta->b[2];
    g->dZ1 = gsl_matrix_alloc(n_h, m);
    g->dZ2 = gsl_matrix_alloc(1, m);
    if (g->dZ1 && g->dZ2)
        return g;
fail:
    nn_grads_free(g);
    nn_error(NN_ENOMEM, "out of memory allocating gradients for n_x = %zu, n_h = %zu, m = %zu",
             n_x, n_h, m);
    return NULL;
}

void nn_grads_free(nn_grads *g)
{
    if (g == NULL)
        return;
    if (g->dZ1) gsl_matrix_free(g->dZ1);
    if (g->dZ2) gsl_matrix_free(g->dZ2);
    nn_theta_free(g->dtheta);
    free(g);
}

/* ----------------------------------------------------------------- forward */

/* Z = Z + b, b broadcast over Z's columns. */
void nn__add_bias(gsl_matrix *Z, const gsl_vector *b)
{
    for (size_t j = 0; j < Z->size1; j++) {
        double bj = gsl_vector_get(b, j);
        double *row = gsl_matrix_ptr(Z, j, 0);
        for (size_t i = 0; i < Z->size2; i++)
            row[i] += bj;
    }
}

/* A = g(Z), element by element. */
void nn__apply(gsl_matrix *A, const gsl_matrix *Z, double (*g)(double))
{
    for (size_t j = 0; j < Z->size1; j++) {
        const double *z = gsl_matrix_const_ptr(Z, j, 0);
        double *a = gsl_matrix_ptr(A, j, 0);
        for (size_t i = 0; i < Z->size2; i++)
            a[i] = g(z[i]);
    }
}

nn_status nn_forward(nn_cache *cache, const nn_params *p, const gsl_matrix *X)
{
    const char *fn = "nn_forward";
    size_t m = cache->m;
    EXPECT(fn, "X", X, p->n_x, m);
    EXPECT(fn, "cache Z1", cache->Z1, p->n_h, m);

    /* Z1 (n_h, m) = W1 (n_h, n_x) . X (n_x, m) + b1 */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W1, X, 0.0, cache->Z1);
    nn__add_bias(cache->Z1, p->b1);
    /* A1 = g^[1](Z1) */
    nn__apply(cache->A1, cache->Z1, nn_activations[p->hidden].g);
    /* Z2 (1, m) = W2 (1, n_h) . A1 (n_h, m) + b2 */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W2, cache->A1, 0.0, cache->Z2);
    nn__add_bias(cache->Z2, p->b2);
    /* A2 = sigma(Z2) */
    nn__apply(cache->A2, cache->Z2, nn_sigmoid);
    return NN_OK;
}

/* log(1 + e^x) without overflow for large x or loss of precision for small. */
static double softplus(double x)
{
    return x > 0.0 ? x + log1p(exp(-x)) : log1p(exp(x));
}

/* -(1/m) sum(y log sigma(z) + (1 - y) log(1 - sigma(z))) over a (1, m) row,
 * with log sigma(z) = -softplus(-z) and log(1 - sigma(z)) = -softplus(z). */
double nn__cross_entropy(const gsl_matrix *Z, const gsl_matrix *Y)
{
    size_t m = Z->size2;
    double sum = 0.0;
    for (size_t i = 0; i < m; i++) {
        double z = gsl_matrix_get(Z, 0, i), y = gsl_matrix_get(Y, 0, i);
        sum += y * -softplus(-z) + (1.0 - y) * -softplus(z);
    }
    return -sum / (double)m;
}

nn_status nn_cost(double *J, const nn_cache *cache, const gsl_matrix *Y)
{
    EXPECT("nn_cost", "Y", Y, 1, cache->m);
    *J = nn__cross_entropy(cache->Z2, Y);
    return NN_OK;
}

/* ---------------------------------------------------------------- backward */

/* db = (1/m) sum over the columns of dZ (numpy: sum(axis=1, keepdims=True)). */
void nn__row_means(gsl_vector *db, const gsl_matrix *dZ)
{
    double inv_m = 1.0 / (double)dZ->size2;
    for (size_t j = 0; j < dZ->size1; j++) {
        const double *row = gsl_matrix_const_ptr(dZ, j, 0);
        double sum = 0.0;
        for (size_t i = 0; i < dZ->size2; i++)
            sum += row[i];
        gsl_vector_set(db, j, inv_m * sum);
    }
}

nn_status nn_backward(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                      const gsl_matrix *X, const gsl_matrix *Y)
{
    const char *fn = "nn_backward";
    size_t m = cache->m, n_h = p->n_h;
    EXPECT(fn, "X", X, p->n_x, m);
    EXPECT(fn, "Y", Y, 1, m);
    EXPECT(fn, "dZ1", grads->dZ1, n_h, m);
    EXPECT(fn, "dW1", grads->dW1, n_h, p->n_x);
    double inv_m = 1.0 / (double)m;

    /* dZ2 (1, m) = A2 - Y */
    gsl_matrix_memcpy(grads->dZ2, cache->A2);
    gsl_matrix_sub(grads->dZ2, Y);
    /* dW2 (1, n_h) = (1/m) dZ2 (1, m) . A1^T (m, n_h) */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, grads->dZ2, cache->A1, 0.0, grads->dW2);
    gsl_matrix_scale(grads->dW2, inv_m);
    /* db2 (1) = (1/m) sum_i dZ2 */
    nn__row_means(grads->db2, grads->dZ2);
    /* dZ1 (n_h, m) = W2^T (n_h, 1) . dZ2 (1, m) * g'(Z1) */
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, p->W2, grads->dZ2, 0.0, grads->dZ1);
    double (*dg)(double) = nn_activations[p->hidden].dg;
    for (size_t j = 0; j < n_h; j++) {
        const double *z1 = gsl_matrix_const_ptr(cache->Z1, j, 0);
        double *dz1 = gsl_matrix_ptr(grads->dZ1, j, 0);
        for (size_t i = 0; i < m; i++)
            dz1[i] *= dg(z1[i]);
    }
    /* dW1 (n_h, n_x) = (1/m) dZ1 (n_h, m) . X^T (m, n_x) */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, grads->dZ1, X, 0.0, grads->dW1);
    gsl_matrix_scale(grads->dW1, inv_m);
    /* db1 (n_h) = (1/m) sum_i dZ1 */
    nn__row_means(grads->db1, grads->dZ1);
    return NN_OK;
}

/* Y = Y + alpha X, row by row (rows of a gsl_matrix are contiguous). */
void nn__matrix_axpy(double alpha, const gsl_matrix *X, gsl_matrix *Y)
{
    for (size_t j = 0; j < X->size1; j++) {
        gsl_vector_const_view x = gsl_matrix_const_row(X, j);
        gsl_vector_view y = gsl_matrix_row(Y, j);
        gsl_blas_daxpy(alpha, &x.vector, &y.vector);
    }
}

nn_status nn_update(nn_params *p, const nn_grads *grads, double learning_rate)
{
    EXPECT("nn_update", "dW1", grads->dW1, p->n_h, p->n_x);
    EXPECT("nn_update", "dW2", grads->dW2, 1, p->n_h);
    /* theta = theta - learning_rate dtheta: W1, b1, W2 and b2 at once, as
     * they are one vector (the layout, nn.h) */
    gsl_blas_daxpy(-learning_rate, grads->dtheta->theta, p->theta->theta);
    return NN_OK;
}

/* -------------------------------------------------------------- prediction */

nn_status nn_predict(gsl_matrix *predictions, const nn_cache *cache)
{
    EXPECT("nn_predict", "predictions", predictions, 1, cache->m);
    for (size_t i = 0; i < cache->m; i++)
        gsl_matrix_set(predictions, 0, i, gsl_matrix_get(cache->A2, 0, i) > 0.5 ? 1.0 : 0.0);
    return NN_OK;
}

nn_status nn_accuracy(double *percent, const gsl_matrix *predictions, const gsl_matrix *Y)
{
    EXPECT("nn_accuracy", "Y", Y, 1, predictions->size2);
    size_t correct = 0, m = Y->size2;
    for (size_t i = 0; i < m; i++)
        correct += gsl_matrix_get(predictions, 0, i) == gsl_matrix_get(Y, 0, i);
    *percent = 100.0 * (double)correct / (double)m;
    return NN_OK;
}

/* ---------------------------------------------------------------- training */

nn_status nn__check_rate(const char *fn, double learning_rate)
{
    if (!(learning_rate > 0.0) || !isfinite(learning_rate))
        return nn_error(NN_EINVAL, "%s: learning rate %g must be a positive number", fn,
                        learning_rate);
    return NN_OK;
}

nn_status nn__step_cost(const char *fn, const nn_train_options *opt, size_t it, double J,
                        double *cost_history, int *stop)
{
    *stop = 0;
    if (!isfinite(J))
        return nn_error(NN_ENUM, "%s: the cost is %g at iteration %zu "
                        "(learning rate %g too large?)", fn, J, it, opt->learning_rate);
    if (cost_history && nn__records(opt, it))
        cost_history[it / (opt->cost_every ? opt->cost_every : 1)] = J;
    if (nn__reports(opt, it) && opt->progress(it, J, opt->user))
        *stop = 1;
    return NN_OK;
}

nn_status nn_train(nn_params *p, nn_cache *cache, nn_grads *grads, const gsl_matrix *X,
                   const gsl_matrix *Y, const nn_train_options *opt, double *cost_history)
{
    nn_status s = nn__check_rate("nn_train", opt->learning_rate);
    if (s != NN_OK)
        return s;
    for (size_t it = 0; it < opt->iterations; it++) {
        double J;
        int stop;
        if ((s = nn_forward(cache, p, X)) != NN_OK || (s = nn_cost(&J, cache, Y)) != NN_OK ||
            (s = nn__step_cost("nn_train", opt, it, J, cost_history, &stop)) != NN_OK)
            return s;
        if (stop)
            break;
        if ((s = nn_backward(grads, p, cache, X, Y)) != NN_OK ||
            (s = nn_update(p, grads, opt->learning_rate)) != NN_OK)
            return s;
    }
    return NN_OK;
}
