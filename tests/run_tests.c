/* run_tests: every suite, Check's summary line, non-zero exit on failure. */
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_errno.h>

#include "tests.h"

void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    ck_assert_int_eq(fclose(f), 0);
}

int main(void)
{
    gsl_set_error_handler_off();
    SRunner *sr = srunner_create(rng_suite());
    srunner_add_suite(sr, data_suite());
    srunner_add_suite(sr, data_trig_suite());
    srunner_add_suite(sr, activation_suite());
    srunner_add_suite(sr, actstudy_suite());
    srunner_add_suite(sr, net_suite());
    srunner_add_suite(sr, course_suite());
    srunner_add_suite(sr, course_units_suite());
    srunner_add_suite(sr, graded_seam_suite());
    srunner_add_suite(sr, notebook_suite());
    srunner_add_suite(sr, gradcheck_suite());
    srunner_add_suite(sr, shapes_suite());
    srunner_add_suite(sr, loops_suite());
    srunner_add_suite(sr, init_suite());
    srunner_add_suite(sr, markdown_suite());
    srunner_add_suite(sr, fast_suite());
    srunner_add_suite(sr, includes_suite());
    srunner_add_suite(sr, vmath_suite());
    srunner_add_suite(sr, sums_suite());
    srunner_add_suite(sr, saved_model_suite());
    srunner_add_suite(sr, theta_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
