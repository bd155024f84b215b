/* sums.h (appendix): nn_train's loop with the sums over the m examples
 * taken in another order, as another BLAS would take them.
 *
 * The gradient has four sums over the examples,
 *     dW1 = (1/m) dZ1 X^T,  db1 = (1/m) sum_i dZ1,
 *     dW2 = (1/m) dZ2 A1^T, db2 = (1/m) sum_i dZ2,
 * each entry a sum of m terms t_1 + ... + t_m.  The reference BLAS that GSL
 * links (gslcblas), and nn__row_means for the biases, add them one by one
 * from 0.0 in the order i = 1, 2, ..., m.  A vectorised BLAS kernel keeps
 * several running sums in the lanes of a vector register and adds them at
 * the end; numpy's sum adds pairs of partial sums.  Each order gives a
 * correctly computed sum, and each rounds differently.
 *
 * sums_backward is nn_backward with those four sums in a chosen order;
 * everything else (dZ2, dZ1 = W2^T dZ2 * g'(Z1), the forward pass, the
 * cost, the update) is the library's.  In SUM_REFERENCE order,
 * sums_train gives nn_train's bits (tests/check_sums.c, and the
 * appendix's program on the flower). */
#ifndef SUMS_H
#define SUMS_H

#include "nn.h"

typedef enum {
    SUM_REFERENCE, /* ((0 + t_1) + t_2) + ... + t_m: gslcblas's running sum */
    SUM_LANES,     /* four running sums, t_i into sum (i - 1) mod 4, then
                      (s_0 + s_1) + (s_2 + s_3): a four-lane vector kernel */
    SUM_PAIRWISE,  /* the sum of the first half plus the sum of the second,
                      each summed the same way, down to single terms */
    N_SUM_ORDERS
} sum_order;

/* t[0] + ... + t[n - 1] in the given order; 0.0 when n is 0. */
double sum_ordered(sum_order order, const double *t, size_t n);

/* nn_backward, with the sums over the examples of dW1, db1, dW2 and db2 in
 * the given order.  work holds m doubles (the terms of one sum); nothing is
 * allocated.  Shapes as nn_backward checks them, else NN_EDIM. */
nn_status sums_backward(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                        const gsl_matrix *X, const gsl_matrix *Y, sum_order order,
                        double *work);

/* nn_train (forward, cost, backward, update, `iterations` times) with
 * sums_backward in the given order; cost (may be NULL) receives the cost
 * before every step.  NN_ENUM if the cost becomes NaN or infinite,
 * NN_ENOMEM if the workspace cannot be allocated. */
nn_status sums_train(nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                     double learning_rate, size_t iterations, sum_order order, double *cost);

#endif
