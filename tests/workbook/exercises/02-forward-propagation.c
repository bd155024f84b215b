/* Chapter 2: write forward_propagation.  Read chapter 2, section 4 (all m
 * examples at once): chapters/02-forward-propagation/README.md#4-all-m-examples-at-once
 *
 * Grade it with `make grade CHAPTER=2`. */
#include "workbook.h"

/* For the m examples in the columns of X (n_x, m):
 *   Z1 = W1 X + b1        (n_h, m)   W1 (n_h, n_x), b1 (n_h) added to every column
 *   A1 = tanh(Z1)         (n_h, m)
 *   Z2 = W2 A1 + b2       (1, m)     W2 (1, n_h), b2 (1)
 *   A2 = sigmoid(Z2)      (1, m)     your sigmoid (chapter 3), or 1 / (1 + exp(-z))
 * into cache->Z1, cache->A1, cache->Z2, cache->A2; p->W1, p->b1, p->W2,
 * p->b2 hold the parameters.  gsl_blas_dgemm(CblasNoTrans, CblasNoTrans,
 * 1.0, A, B, 0.0, C) sets C = A B; gsl_matrix_get, gsl_matrix_set and
 * gsl_vector_get read and write one entry. */
nn_status forward_propagation(nn_cache *cache, const nn_params *p, const gsl_matrix *X)
{
    NOT_IMPLEMENTED;
}
