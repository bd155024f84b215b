/* Chapter 4, the reference answers: compute_cost, backward_propagation and
 * the gradient check. */
#include "workbook.h"

nn_status compute_cost(double *J, const nn_cache *cache, const gsl_matrix *Y)
{
    size_t m = Y->size2;
    double sum = 0.0;
    for (size_t i = 0; i < m; i++) {
        double a = gsl_matrix_get(cache->A2, 0, i), y = gsl_matrix_get(Y, 0, i);
        sum += y * log(a) + (1.0 - y) * log(1.0 - a);
    }
    *J = -sum / (double)m;
    return NN_OK;
}

/* db = (1/m) sum over the columns of dZ, one entry per row */
static void row_means(gsl_vector *db, const gsl_matrix *dZ)
{
    for (size_t j = 0; j < dZ->size1; j++) {
        double sum = 0.0;
        for (size_t i = 0; i < dZ->size2; i++)
            sum += gsl_matrix_get(dZ, j, i);
        gsl_vector_set(db, j, sum / (double)dZ->size2);
    }
}

nn_status backward_propagation(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                               const gsl_matrix *X, const gsl_matrix *Y)
{
    double inv_m = 1.0 / (double)X->size2;
    /* dZ2 = A2 - Y */
    gsl_matrix_memcpy(grads->dZ2, cache->A2);
    gsl_matrix_sub(grads->dZ2, Y);
    /* dW2 = (1/m) dZ2 A1^T, db2 = (1/m) sum_i dZ2 */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, inv_m, grads->dZ2, cache->A1, 0.0, grads->dW2);
    row_means(grads->db2, grads->dZ2);
    /* dZ1 = W2^T dZ2 * (1 - A1^2) */
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, p->W2, grads->dZ2, 0.0, grads->dZ1);
    for (size_t j = 0; j < grads->dZ1->size1; j++)
        for (size_t i = 0; i < grads->dZ1->size2; i++) {
            double a = gsl_matrix_get(cache->A1, j, i);
            gsl_matrix_set(grads->dZ1, j, i, gsl_matrix_get(grads->dZ1, j, i) * (1.0 - a * a));
        }
    /* dW1 = (1/m) dZ1 X^T, db1 = (1/m) sum_i dZ1 */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, inv_m, grads->dZ1, X, 0.0, grads->dW1);
    row_means(grads->db1, grads->dZ1);
    return NN_OK;
}

static nn_status cost_at(double *J, nn_params *p, nn_cache *cache, const gsl_matrix *X,
                         const gsl_matrix *Y)
{
    nn_status s = forward_propagation(cache, p, X);
    return s == NN_OK ? compute_cost(J, cache, Y) : s;
}

nn_status numerical_gradient(double *approx, nn_params *p, nn_cache *cache, const gsl_matrix *X,
                             const gsl_matrix *Y, double eps)
{
    gsl_vector *theta = p->theta->theta;
    for (size_t k = 0; k < theta->size; k++) {
        double keep = gsl_vector_get(theta, k), J_plus, J_minus;
        nn_status s;
        gsl_vector_set(theta, k, keep + eps);
        s = cost_at(&J_plus, p, cache, X, Y);
        gsl_vector_set(theta, k, keep - eps);
        if (s == NN_OK)
            s = cost_at(&J_minus, p, cache, X, Y);
        gsl_vector_set(theta, k, keep);
        if (s != NN_OK)
            return s;
        approx[k] = (J_plus - J_minus) / (2.0 * eps);
    }
    return NN_OK;
}

double relative_difference(const double *g, const double *a, size_t n)
{
    double gg = 0.0, aa = 0.0, dd = 0.0;
    for (size_t k = 0; k < n; k++) {
        gg += g[k] * g[k];
        aa += a[k] * a[k];
        dd += (g[k] - a[k]) * (g[k] - a[k]);
    }
    double below = sqrt(gg) + sqrt(aa);
    return below == 0.0 ? 0.0 : sqrt(dd) / below;
}
