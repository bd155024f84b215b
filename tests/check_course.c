/* check_course: the notebook reproduces the course's printed numbers.
 * The flower, n_h = 4 tanh units, learning rate 1.2, 10000 iterations,
 * W1 then W2 drawn with seed 2 and scale 0.01. */
#include <math.h>
#include <stdlib.h>

#include "nn.h"
#include "tests.h"

/* What the course prints at iterations 0, 1000, ..., 7000.  (8000 and 9000
 * move by about 1e-4 with floating-point details and are not asserted.) */
static const double COURSE[] = {0.693048, 0.288083, 0.254385, 0.233864,
                                0.226792, 0.222644, 0.219731, 0.217504};

START_TEST(flower_network_reproduces_the_course)
{
    nn_dataset *d = nn_data_flower();
    size_t m = d->X->size2;
    nn_params *p = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    nn_params_init(p, rng, 0.01);
    nn_cache *c = nn_cache_alloc(4, m);
    nn_grads *g = nn_grads_alloc(2, 4, m);
    double *cost = malloc(10000 * sizeof *cost);
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 10000};
    ck_assert_int_eq(nn_train(p, c, g, d->X, d->Y, &opt, cost), NN_OK);
    for (size_t k = 0; k < 8; k++)
        ck_assert_msg(fabs(cost[1000 * k] - COURSE[k]) < 1e-6, "cost at %zu = %.9f, course %.6f",
                      1000 * k, cost[1000 * k], COURSE[k]);
    gsl_matrix *P = gsl_matrix_alloc(1, m);
    double acc;
    nn_forward(c, p, d->X);
    nn_predict(P, c);
    nn_accuracy(&acc, P, d->Y);
    ck_assert_msg(acc >= 90.0 && acc <= 91.0, "accuracy %.2f%%, course 90%%", acc);
    gsl_matrix_free(P);
    free(cost);
    nn_grads_free(g);
    nn_cache_free(c);
    nn_rng_free(rng);
    nn_params_free(p);
    nn_dataset_free(d);
}
END_TEST

/* The course reports 47% for logistic regression on the flower: no line
 * separates the petals. */
START_TEST(logistic_regression_is_near_chance)
{
    nn_dataset *d = nn_data_flower();
    size_t m = d->X->size2;
    nn_logreg *lr = nn_logreg_alloc(2, m);
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 10000};
    ck_assert_int_eq(nn_logreg_train(lr, d->X, d->Y, &opt, NULL), NN_OK);
    gsl_matrix *P = gsl_matrix_alloc(1, m);
    double acc;
    nn_logreg_forward(lr, d->X);
    nn_logreg_predict(P, lr);
    nn_accuracy(&acc, P, d->Y);
    ck_assert_msg(fabs(acc - 47.0) <= 1.0, "accuracy %.2f%%, course 47%%", acc);
    gsl_matrix_free(P);
    nn_logreg_free(lr);
    nn_dataset_free(d);
}
END_TEST

Suite *course_suite(void)
{
    Suite *s = suite_create("course");
    TCase *tc = tcase_create("planar reproduction");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, flower_network_reproduces_the_course);
    tcase_add_test(tc, logistic_regression_is_near_chance);
    suite_add_tcase(s, tc);
    return s;
}
