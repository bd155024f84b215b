/* graded.h: the functions the course grades, taken through a table.
 *
 * The course's week-3 assignment has the learner write initialize_parameters,
 * forward_propagation, compute_cost, backward_propagation, update_parameters,
 * nn_model and predict, and grades each against its "Expected Output".  The
 * graded tests (check_course_units.c) call them only through a graded_week3
 * table, so that the same tests grade the notebook's own functions
 * (graded_reference, the library's) and a learner's: a table of their
 * functions, with the same signatures, linked beside the library, with no
 * renaming at link time and no -D substitution. */
#ifndef GRADED_H
#define GRADED_H

#include <check.h>

#include "nn.h"

typedef struct {
    const char *who; /* whose functions: named in every failure */
    /* W1 = scale randn(n_h, n_x), b1 = 0, W2 = scale randn(1, n_h), b2 = 0 */
    void (*initialize_parameters)(nn_params *p, nn_rng *rng, double scale);
    /* Z1, A1, Z2, A2 into the cache */
    nn_status (*forward_propagation)(nn_cache *cache, const nn_params *p, const gsl_matrix *X);
    /* J from the cache's A2 (or Z2) and Y */
    nn_status (*compute_cost)(double *J, const nn_cache *cache, const gsl_matrix *Y);
    /* dZ2, dW2, db2, dZ1, dW1, db1 */
    nn_status (*backward_propagation)(nn_grads *grads, const nn_params *p,
                                      const nn_cache *cache, const gsl_matrix *X,
                                      const gsl_matrix *Y);
    /* theta = theta - learning_rate dtheta */
    nn_status (*update_parameters)(nn_params *p, const nn_grads *grads, double learning_rate);
    /* the training loop, recording the cost as opt->cost_every says */
    nn_status (*nn_model)(nn_params *p, nn_cache *cache, nn_grads *grads, const gsl_matrix *X,
                          const gsl_matrix *Y, const nn_train_options *opt,
                          double *cost_history);
    /* 1 where the cache's A2 > 0.5, else 0 */
    nn_status (*predict)(gsl_matrix *predictions, const nn_cache *cache);
} graded_week3;

/* The notebook's own: nn_params_init, nn_forward, nn_cost, nn_backward,
 * nn_update, nn_train, nn_predict. */
extern const graded_week3 graded_reference;

/* The course's graded tests of fns, one Check test per function.  With
 * graded_reference it also holds the tests that only the library must pass
 * (its refusals, its exact bits). */
Suite *course_units_suite_for(const graded_week3 *fns);

#endif
