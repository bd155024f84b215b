/* loops.h (chapter 2): forward propagation written three ways, and the work each does.
 *
 * nn_forward computes the vectorised form, two matrix products for all m
 * examples at once:
 *     Z1 = W1 X + b1,  A1 = g(Z1),  Z2 = W2 A1 + b2,  A2 = sigma(Z2).
 * Chapter 2 derives it from smaller pieces, and this module computes those
 * pieces as they are derived, into the same nn_cache:
 *
 *   loops_forward_units     unit by unit: each of the n_h hidden units is a
 *                        logistic regression z_j = w_j^T x + b_j with g in
 *                        place of sigma, run over all m examples (one BLAS
 *                        product per unit), then the output unit on A1;
 *   loops_forward_examples  example by example: for i = 1 .. m, the equations
 *                        for one example, z1 = W1 x + b1 (a matrix-vector
 *                        product) ... a2 = sigma(z2), filling column i;
 *   loops_forward_plain      example by example in plain C loops, no BLAS, with
 *                        the sum w_1 x_1 + ... + w_n x_n + b taken in a
 *                        chosen order, to show where rounding differences
 *                        come from.
 *
 * None of them allocates.  Each adds the work it did to a loops_ops (which
 * may be NULL): BLAS calls, floating-point operations, activations. */
#ifndef LOOPS_H
#define LOOPS_H

#include <stdint.h>

#include "nn.h"

typedef struct {
    size_t blas_calls;  /* calls into BLAS (dgemm, dgemv, ddot) */
    size_t loop_steps;  /* passes through the function's outer C loop */
    size_t flops;       /* multiplications and additions of the products and
                           biases: 2 n_h n_x m + n_h m + 2 n_h m + m for one pass,
                           counting one addition per term, as BLAS does */
    size_t blas_flops;  /* those of them done inside BLAS calls */
    size_t activations; /* evaluations of g and sigma: n_h m + m */
} loops_ops;

/* Unit by unit: for j = 1 .. n_h, row j of Z1 = (row j of W1) X + b1_j and
 * row j of A1 = g(row j of Z1); then Z2 = W2 A1 + b2, A2 = sigma(Z2).
 * n_h + 1 BLAS calls. */
nn_status loops_forward_units(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                           loops_ops *ops);

/* Example by example: for i = 1 .. m, with x = column i of X,
 * z1 = W1 x + b1 (dgemv), a1 = g(z1), z2 = W2 a1 + b2 (ddot), a2 = sigma(z2),
 * written into column i of the cache.  2 m BLAS calls. */
nn_status loops_forward_examples(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                              loops_ops *ops);

/* The order in which loops_forward_plain adds up z = w_1 x_1 + ... + w_n x_n + b. */
typedef enum {
    LOOPS_ORDER_BLAS,       /* ((w_1 x_1 + w_2 x_2) + ...) + b: the order of the
                            reference BLAS, then the bias */
    LOOPS_ORDER_BIAS_FIRST, /* ((b + w_1 x_1) + w_2 x_2) + ...: the bias first */
    LOOPS_ORDER_FMA,        /* fma(w_n, x_n, ... fma(w_2, x_2, w_1 x_1)) + b: each
                            multiply-add rounded once, as optimised BLAS do */
    LOOPS_ORDER_COUNT
} loops_order;

/* Example by example in plain C (no BLAS), each z summed in the given order. */
nn_status loops_forward_plain(nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                          loops_order order, loops_ops *ops);

/* Adds to ops what nn_forward does for m examples: two dgemm calls, the
 * bias additions and the activations. */
void loops_ops_of_nn_forward(loops_ops *ops, const nn_params *p, size_t m);

/* How far apart two forward passes are, over Z1, A1, Z2 and A2 (same
 * shapes, else NN_EDIM): the largest |a - b| and the largest distance in
 * units in the last place (the number of doubles from a to b; 0 means
 * bit-for-bit equal up to the sign of zero). */
nn_status loops_cache_diff(const nn_cache *a, const nn_cache *b, double *max_abs,
                        uint64_t *max_ulps);

#endif
