/* steps.h: the readable training loop, changed one step at a time into the
 * library's fused core (nn_train_fast).  Every step trains the tanh network
 * and gives the same bits as nn_train. */
#ifndef STEPS_H
#define STEPS_H

#include "nn.h"

typedef enum {
    STEP_READABLE,      /* nn_train: the six equations a matrix at a time */
    STEP_SLOPE_FROM_A,  /* g'(Z1) = 1 - A1^2 from the forward pass's A1 */
    STEP_ONE_EXP,       /* the output sigmoid and the cost share exp(-z2) */
    STEP_COST_RECORDED, /* the cost only on the iterations that record it */
    STEP_FUSED,         /* one pass over the examples, in blocks, units in lanes */
    STEP_TANH_LANES,    /* nn_train_fast: and tanh, exp, log1p four at a time, the same bits */
    N_STEPS
} step_id;

extern const char *const STEP_NAME[N_STEPS];

/* iterations steps of gradient descent on the tanh network p from step s's
 * code; the cost of every cost_every-th iteration goes to cost[it /
 * cost_every] (for STEP_READABLE, STEP_SLOPE_FROM_A and STEP_ONE_EXP the
 * cost is computed on every iteration whatever cost_every says: that is
 * what the next step removes). */
nn_status step_train(step_id s, nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                     double learning_rate, size_t iterations, size_t cost_every, double *cost);

#endif
