/* Chapter 4: write compute_cost, backward_propagation and the gradient
 * check.  Read chapter 4, sections 2 and 3:
 * chapters/04-backpropagation/README.md#2-vectorised-over-m-examples
 *
 * Grade them with `make grade CHAPTER=4`. */
#include "workbook.h"

/* The cross-entropy cost of the m predictions a = A2 (1, m) for labels Y
 * (1, m):
 *   J = -(1/m) sum_i ( y_i log a_i + (1 - y_i) log(1 - a_i) )
 * into *J; cache->A2 holds a.
 * (chapters/04-backpropagation/README.md#1-one-example-through-the-graph) */
nn_status compute_cost(double *J, const nn_cache *cache, const gsl_matrix *Y)
{
    NOT_IMPLEMENTED;
}

/* The gradients of J, each with the shape of what it differentiates:
 *   dZ2 = A2 - Y                      (1, m)
 *   dW2 = (1/m) dZ2 A1^T              (1, n_h)
 *   db2 = (1/m) sum over i of dZ2     (1)
 *   dZ1 = W2^T dZ2 * (1 - A1^2)       (n_h, m), * entry by entry: tanh' = 1 - A1^2
 *   dW1 = (1/m) dZ1 X^T               (n_h, n_x)
 *   db1 = (1/m) sum over i of dZ1     (n_h), one sum per row
 * into grads->dZ2, dW2, db2, dZ1, dW1, db1.  gsl_blas_dgemm(CblasNoTrans,
 * CblasTrans, alpha, A, B, 0.0, C) sets C = alpha A B^T.
 * (chapters/04-backpropagation/README.md#2-vectorised-over-m-examples) */
nn_status backward_propagation(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                               const gsl_matrix *X, const gsl_matrix *Y)
{
    NOT_IMPLEMENTED;
}

/* The gradient check's numerical gradient.  The parameters are one vector
 * theta = p->theta->theta (W1 row by row, b1, W2, b2; section 3).  For each
 * k, move theta_k by +eps and by -eps, compute J each time with your
 * forward_propagation and compute_cost (cache is their workspace), and set
 *   approx[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps),
 * then put theta_k back as it was.
 * (chapters/04-backpropagation/README.md#3-gradient-checking) */
nn_status numerical_gradient(double *approx, nn_params *p, nn_cache *cache, const gsl_matrix *X,
                             const gsl_matrix *Y, double eps)
{
    NOT_IMPLEMENTED;
}

/* ||g - a||_2 / (||g||_2 + ||a||_2) over n entries, 0 when both are zero:
 * below 1e-7 the gradient is right. */
double relative_difference(const double *g, const double *a, size_t n)
{
    NOT_IMPLEMENTED;
}
