/* graded.h: the functions the course has the learner write, taken through a
 * table.
 *
 * The workbook (tests/workbook/workbook.h) declares them with the course's
 * names: layer_sizes, forward_propagation, the activations and their
 * derivatives, compute_cost, backward_propagation, the gradient check,
 * initialize_parameters, update_parameters, nn_model and predict.  The
 * graded tests (check_course_units.c) call them only through a
 * workbook_fns table, so that the same tests grade the notebook's own
 * functions (graded_reference, built on the library), the reference answers
 * and a learner's: a table of their functions, linked beside the library,
 * with no renaming at link time and no -D substitution. */
#ifndef GRADED_H
#define GRADED_H

#include <check.h>
#include <stdlib.h>

#include "nn.h"

typedef struct {
    const char *who; /* whose functions: named in every failure */
    nn_status (*layer_sizes)(size_t *n_x, size_t *n_h, size_t *n_y, const gsl_matrix *X,
                             const gsl_matrix *Y);
    nn_status (*forward_propagation)(nn_cache *cache, const nn_params *p, const gsl_matrix *X);
    double (*sigmoid)(double z);
    double (*sigmoid_prime)(double z);
    double (*tanh_prime)(double z);
    double (*relu)(double z);
    double (*relu_prime)(double z);
    nn_status (*compute_cost)(double *J, const nn_cache *cache, const gsl_matrix *Y);
    nn_status (*backward_propagation)(nn_grads *grads, const nn_params *p,
                                      const nn_cache *cache, const gsl_matrix *X,
                                      const gsl_matrix *Y);
    nn_status (*numerical_gradient)(double *approx, nn_params *p, nn_cache *cache,
                                    const gsl_matrix *X, const gsl_matrix *Y, double eps);
    double (*relative_difference)(const double *g, const double *a, size_t n);
    nn_status (*initialize_parameters)(nn_params *p, nn_rng *rng);
    nn_status (*update_parameters)(nn_params *p, const nn_grads *grads, double learning_rate);
    nn_params *(*nn_model)(const gsl_matrix *X, const gsl_matrix *Y, size_t n_h,
                           size_t num_iterations, nn_rng *rng, double *costs);
    nn_status (*predict)(gsl_matrix *predictions, const nn_params *p, const gsl_matrix *X);
} workbook_fns;

/* The graded functions, in the workbook's order: the name, the section
 * that derives it (whose chapter's exercise file holds it), and the graded
 * functions its test calls too. */
typedef struct {
    const char *name;
    const char *section; /* "chapters/NN-name/README.md#...", from the top */
    const char *needs;   /* "a b", or "" */
} graded_function;
/* The chapter of g's section and exercise file: NN of chapters/NN-name. */
#define GRADED_CHAPTER(g) atoi((g)->section + sizeof "chapters/" - 1)
enum { GRADED_FUNCTIONS = 15 };
extern const graded_function graded_functions[GRADED_FUNCTIONS];

/* The names of the objects a graded test passes ("W1", "dZ1", "X", ...),
 * so that the grader names a matrix of the wrong shape; graded_name_of is
 * NULL for an object it was not told of. */
void graded_name(const void *object, const char *name);
const char *graded_name_of(const void *object);

/* The notebook's own, on the library: nn_forward, nn_cost, nn_backward,
 * nn_numerical_gradient, nn_update, nn_train, ... */
extern const workbook_fns graded_reference;

/* The graded tests of fns, a test case per function named after it, for
 * one chapter's functions (0: all).  Each Check test runs in its own
 * process, so a crash or an endless loop fails one function.  With
 * graded_reference it also holds the tests only the library must pass
 * (its refusals, its exact bits).  A test of one function calls no other
 * graded function but those its graded_function names as needs. */
Suite *graded_suite(const workbook_fns *fns, int chapter);
/* The test case of one function alone. */
Suite *graded_suite_of(const workbook_fns *fns, const char *function);

#endif
