/* init.h: how the parameters start, and what that start does to the
 * first steps of training (chapter 5).
 *
 * nn.h's nn_params_init draws W1 then W2 as scale * N(0, 1) from one stream
 * and zeroes the biases.  This module adds the other starts the chapter
 * compares, and the measurements it takes of a start:
 *
 *   init_fill        every weight the same constant (0 is the zero start)
 *   init_fanin  W1 = gain/sqrt(n_x) N(0, 1), W2 = gain/sqrt(n_h) N(0, 1),
 *                         drawn in nn_params_init's order from the one stream
 *   init_rows_spread        how far apart the hidden units' weight rows are
 *   init_units_spread       ... and their whole parameters (W1 row, b1, W2)
 *   init_probe              saturation, slopes and gradient norms at one point
 *
 * Same conventions as nn.h: X is (n_x, m), W1 is (n_h, n_x), row j of W1 is
 * hidden unit j's weights.  No function here prints, exits or allocates
 * inside a loop.
 */
#ifndef INIT_H
#define INIT_H

#include "nn.h"

/* W1 = value everywhere, W2 = value everywhere, b1 = 0, b2 = 0.
 * value = 0 is the network's zero start (every parameter 0). */
void init_fill(nn_params *p, double value);

/* W1 = (gain / sqrt(n_x)) randn(n_h, n_x), then W2 = (gain / sqrt(n_h)) randn(1, n_h),
 * row by row from the one stream (the order of nn_params_init); b1 = 0, b2 = 0.
 * gain = 1 gives Var(w) = 1/n_prev (for tanh), gain = sqrt(2) gives 2/n_prev
 * (He, for ReLU).  NN_EINVAL unless gain is a positive number. */
nn_status init_fanin(nn_params *p, nn_rng *rng, double gain);

/* The largest |W(j, k) - W(l, k)| over any two rows j, l and any column k:
 * max over columns of (column max - column min).  Exactly 0 if and only if
 * every row of W equals every other as numbers: +0 and -0 count as equal,
 * and a NaN entry, which no comparison sees, is ignored. */
double init_rows_spread(const gsl_matrix *W);

/* The largest difference between any two hidden units' parameters: between
 * two rows of W1, two entries of b1 or two entries of W2 (unit j owns row j
 * of W1, b1(j) and W2(0, j)).  0 exactly when the units' parameters are
 * equal as numbers, that is when the units are interchangeable. */
double init_units_spread(const nn_params *p);

/* A tanh activation is saturated when |a| > NN_SATURATED.  Its slope
 * g'(z) = 1 - a^2 is then below NN_FLAT_SLOPE = 1 - 0.99^2 (about 0.0199):
 * it passes back less than 2% of the gradient it would pass at z = 0. */
#define NN_SATURATED 0.99
#define NN_FLAT_SLOPE (1.0 - NN_SATURATED * NN_SATURATED)

/* What one forward and one backward pass at the current parameters show. */
typedef struct {
    double cost;       /* J */
    double saturated;  /* fraction of the n_h m hidden activations with |a| > 0.99 */
    double flat;       /* fraction with g'(z) < NN_FLAT_SLOPE (for tanh: |a| > 0.99) */
    double mean_slope; /* mean of g'(z) over the n_h m hidden pre-activations */
    double z1_rms;     /* root mean square of Z1's entries */
    double norm_dW1;   /* ||dW1||, Frobenius */
    double norm_dW2;   /* ||dW2|| */
    size_t flat_units; /* hidden units with g'(z) < NN_FLAT_SLOPE on every example:
                          stuck (a saturated tanh, a dead ReLU) */
} init_probe_result;

/* Forward pass, cost and backward pass on (X, Y) into cache and grads (which
 * must be allocated for X's m), then the measurements above.  The parameters
 * are not changed.  NN_ENUM if the cost is not finite. */
nn_status init_probe(init_probe_result *r, const nn_params *p, nn_cache *cache, nn_grads *grads,
                   const gsl_matrix *X, const gsl_matrix *Y);


#endif
