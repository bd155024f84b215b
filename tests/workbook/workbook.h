/* workbook.h: the functions the course has the learner write, in C on GSL.
 *
 * Every function takes and returns the library's objects (nn.h): examples
 * are columns, X is (n_x, m), Y is (1, m), the parameters W1 (n_h, n_x),
 * b1 (n_h), W2 (1, n_h), b2 (1) live in an nn_params, the forward pass's
 * Z1, A1 (n_h, m), Z2, A2 (1, m) in an nn_cache, the gradients in an
 * nn_grads.  The caller allocates them; a function fills them in and
 * returns NN_OK, or an nn_status naming what went wrong (nn_error).
 *
 * An exercise's body starts as NOT_IMPLEMENTED: the grader reports the
 * function as not implemented until you replace that line. */
#ifndef WORKBOOK_H
#define WORKBOOK_H

#include <gsl/gsl_blas.h>
#include <gsl/gsl_matrix.h>
#include <math.h>

#include "nn.h"

/* Reports the function as not implemented (defined by the grader). */
_Noreturn void workbook_not_implemented(const char *function);
#define NOT_IMPLEMENTED workbook_not_implemented(__func__)

/* Chapter 1.  The sizes of the network for inputs X and labels Y:
 * n_x = rows of X, n_h = 4 (the course's choice), n_y = rows of Y. */
nn_status layer_sizes(size_t *n_x, size_t *n_h, size_t *n_y, const gsl_matrix *X,
                      const gsl_matrix *Y);

/* Chapter 2.  Z1 = W1 X + b1, A1 = tanh(Z1), Z2 = W2 A1 + b2, A2 = sigmoid(Z2),
 * into the cache (its m is X's number of columns). */
nn_status forward_propagation(nn_cache *cache, const nn_params *p, const gsl_matrix *X);

/* Chapter 3.  The activations and their derivatives, at one number z. */
double sigmoid(double z);       /* 1 / (1 + e^-z) */
double sigmoid_prime(double z); /* sigma(z) (1 - sigma(z)) */
double tanh_prime(double z);    /* 1 - tanh(z)^2 */
double relu(double z);          /* max(0, z) */
double relu_prime(double z);    /* 0 for z < 0, else 1 (1 at the kink, as the library) */

/* Chapter 4.  J = -(1/m) sum_i ( y log a + (1 - y) log(1 - a) ), a = A2. */
nn_status compute_cost(double *J, const nn_cache *cache, const gsl_matrix *Y);

/* Chapter 4.  With A1 = tanh(Z1), so g'(Z1) = 1 - A1^2:
 *   dZ2 = A2 - Y                    dW2 = (1/m) dZ2 A1^T    db2 = (1/m) sum_i dZ2
 *   dZ1 = W2^T dZ2 * (1 - A1^2)     dW1 = (1/m) dZ1 X^T     db1 = (1/m) sum_i dZ1 */
nn_status backward_propagation(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                               const gsl_matrix *X, const gsl_matrix *Y);

/* Chapter 4.  The gradient check.  approx[k] = (J(theta + eps e_k) -
 * J(theta - eps e_k)) / (2 eps) for every parameter k of p->theta->theta (W1
 * row by row, b1, W2, b2), J from your forward_propagation and compute_cost
 * (cache is their workspace); every parameter is put back as it was. */
nn_status numerical_gradient(double *approx, nn_params *p, nn_cache *cache, const gsl_matrix *X,
                             const gsl_matrix *Y, double eps);
/* ||g - a||_2 / (||g||_2 + ||a||_2) over n entries (0 when both are zero). */
double relative_difference(const double *g, const double *a, size_t n);

/* Chapter 5.  W1 = 0.01 randn(n_h, n_x), b1 = 0, W2 = 0.01 randn(1, n_h),
 * b2 = 0, each W drawn row by row from rng (nn_rng_randn), W1 first. */
nn_status initialize_parameters(nn_params *p, nn_rng *rng);

/* Chapter 6.  theta = theta - learning_rate dtheta, for W1, b1, W2 and b2. */
nn_status update_parameters(nn_params *p, const nn_grads *grads, double learning_rate);

/* Chapter 6.  The whole training: layer_sizes for n_x (the n_h given
 * replaces its 4), initialize_parameters from rng, then num_iterations of forward, cost,
 * backward and update at learning rate 1.2; costs[i] is the cost before
 * update i (costs may be NULL).  Returns the trained network (NULL on
 * error, with nn_error naming it). */
nn_params *nn_model(const gsl_matrix *X, const gsl_matrix *Y, size_t n_h, size_t num_iterations,
                    nn_rng *rng, double *costs);

/* Chapter 6.  predictions (1, m) = 1 where A2 > 0.5, else 0, for X. */
nn_status predict(gsl_matrix *predictions, const nn_params *p, const gsl_matrix *X);

#endif
