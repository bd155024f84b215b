/* Chapter 2, the reference answer: forward_propagation. */
#include "workbook.h"

/* A = g(Z + b), b broadcast over the columns; Z holds W A_prev already. */
static void add_bias_and_activate(gsl_matrix *Z, gsl_matrix *A, const gsl_vector *b,
                                  double (*g)(double))
{
    for (size_t j = 0; j < Z->size1; j++)
        for (size_t i = 0; i < Z->size2; i++) {
            double z = gsl_matrix_get(Z, j, i) + gsl_vector_get(b, j);
            gsl_matrix_set(Z, j, i, z);
            gsl_matrix_set(A, j, i, g(z));
        }
}

nn_status forward_propagation(nn_cache *cache, const nn_params *p, const gsl_matrix *X)
{
    /* Z1 = W1 X + b1, A1 = tanh(Z1) */
    if (gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W1, X, 0.0, cache->Z1))
        return nn_error(NN_EDIM, "forward_propagation: W1 X does not fit Z1");
    add_bias_and_activate(cache->Z1, cache->A1, p->b1, tanh);
    /* Z2 = W2 A1 + b2, A2 = sigmoid(Z2) */
    if (gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W2, cache->A1, 0.0, cache->Z2))
        return nn_error(NN_EDIM, "forward_propagation: W2 A1 does not fit Z2");
    add_bias_and_activate(cache->Z2, cache->A2, p->b2, sigmoid);
    return NN_OK;
}
