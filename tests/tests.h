/* tests.h: the suites the runner collects, one per module. */
#ifndef TESTS_H
#define TESTS_H

#include <check.h>

Suite *rng_suite(void);
Suite *data_suite(void);
Suite *data_trig_suite(void);
Suite *activation_suite(void);
Suite *actstudy_suite(void);
Suite *net_suite(void);
Suite *course_suite(void);
Suite *course_units_suite(void);
Suite *graded_seam_suite(void);
Suite *notebook_suite(void);
Suite *gradcheck_suite(void);
Suite *shapes_suite(void);
Suite *loops_suite(void);
Suite *init_suite(void);
Suite *markdown_suite(void);
Suite *fast_suite(void);
Suite *includes_suite(void);
Suite *vmath_suite(void);
Suite *sums_suite(void);
Suite *saved_model_suite(void);
Suite *theta_suite(void);

/* Writes text into path (the test fails if it cannot): inputs for a test. */
void write_file(const char *path, const char *text);

/* |a - b| <= tol * max(1, |b|): a relative tolerance (Check's is absolute). */
#define ASSERT_REL(a, b, tol)                                                   \
    do {                                                                        \
        double a_ = (a), b_ = (b), t_ = (tol) * (fabs(b_) > 1.0 ? fabs(b_) : 1.0); \
        ck_assert_msg(fabs(a_ - b_) <= t_, "%s = %.17g, expected %.17g (tol %g)", #a, \
                      a_, b_, (double)(tol));                                   \
    } while (0)

#endif
