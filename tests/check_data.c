/* check_data: the flower is the course's, the other datasets are what
 * their definitions say, and the committed CSV files are what make writes. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"
#include "nb.h" /* nb_exact_sin, nb_exact_cos */
#include "nn_internal.h"
#include "tests.h"

/* FNV-1a over the dataset's CSV text: one number that pins every digit. */
static uint64_t csv_hash(const nn_dataset *d)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_int_eq(nn_dataset_write_csv(d, f, "memory"), NN_OK);
    fclose(f);
    uint64_t h = 14695981039346656037ULL;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)text[k]) * 1099511628211ULL;
    free(text);
    return h;
}

/* Distance in units in the last place. */
static double ulps(double a, double b)
{
    return fabs(a - b) / (nextafter(fabs(b), INFINITY) - fabs(b));
}

START_TEST(linspace_is_numpys)
{
    double t[200];
    nn_linspace(t, 3.12, 6.24, 200);
    double step = (6.24 - 3.12) / 199.0;
    for (size_t k = 0; k < 199; k++)
        ck_assert(t[k] == 3.12 + (double)k * step);
    ck_assert(t[199] == 6.24); /* the last point is exactly stop */
}
END_TEST

START_TEST(flower_first_example_is_the_courses)
{
    nn_dataset *d = nn_data_flower();
    ck_assert_ptr_nonnull(d);
    double x1 = gsl_matrix_get(d->X, 0, 0), x2 = gsl_matrix_get(d->X, 1, 0);
    /* The course's numpy prints (1.2044422922543192, 3.5761141481288452)
     * where it computes sin and cos with SIMD routines (up to 4 ulp from the
     * correctly rounded value); glibc's sin and cos are correctly rounded
     * here (check_data_trig.c compares all 1200 calls with MPFR), which
     * moves the last digit.  Same formula, same stream: within
     * 2 ulp of the course, and exactly our recorded value. */
    ck_assert_msg(ulps(x1, 1.2044422922543192) <= 2.0, "x1 = %.17g", x1);
    ck_assert_msg(ulps(x2, 3.5761141481288452) <= 2.0, "x2 = %.17g", x2);
    ck_assert_msg(x1 == 1.204442292254319 && x2 == 3.5761141481288448, "x = (%.17g, %.17g)",
                  x1, x2);
    ck_assert(gsl_matrix_get(d->Y, 0, 0) == 0.0);
    nn_dataset_free(d);
}
END_TEST

START_TEST(flower_shape_classes_and_checksum)
{
    nn_dataset *d = nn_data_flower();
    ck_assert_uint_eq(d->X->size1, 2);
    ck_assert_uint_eq(d->X->size2, 400);
    for (size_t i = 0; i < 400; i++)
        ck_assert(gsl_matrix_get(d->Y, 0, i) == (i < 200 ? 0.0 : 1.0));
    uint64_t h = csv_hash(d);
    ck_assert_msg(h == 0xd04f86a19c7e6fe4ULL, "flower CSV hash %#llx", (unsigned long long)h);
    nn_dataset_free(d);
}
END_TEST

START_TEST(committed_csv_equals_the_generator)
{
    nn_dataset *want = nn_data_flower(), *got = nn_dataset_read_csv("data/flower.csv");
    ck_assert_msg(got != NULL, "%s", nn_errmsg());
    ck_assert(gsl_matrix_equal(want->X, got->X));
    ck_assert(gsl_matrix_equal(want->Y, got->Y));
    nn_dataset_free(want);
    nn_dataset_free(got);
}
END_TEST

/* Counts of y = 1 and a sanity range for every extra dataset. */
START_TEST(extra_datasets_follow_their_definitions)
{
    nn_dataset *c = nn_data_circles(3, 200, 0.5, 0.0);
    /* without noise: outer points on the unit circle, inner on radius 0.5 */
    for (size_t i = 0; i < 200; i++) {
        double r = hypot(gsl_matrix_get(c->X, 0, i), gsl_matrix_get(c->X, 1, i));
        double want = gsl_matrix_get(c->Y, 0, i) == 1.0 ? 0.5 : 1.0;
        ck_assert_double_eq_tol(r, want, 1e-12);
    }
    nn_dataset_free(c);

    nn_dataset *q = nn_data_gaussian_quantiles(6, 200, 0.5);
    double max_in = 0.0, min_out = INFINITY;
    size_t ones = 0;
    for (size_t i = 0; i < 200; i++) {
        double r = hypot(gsl_matrix_get(q->X, 0, i), gsl_matrix_get(q->X, 1, i));
        if (gsl_matrix_get(q->Y, 0, i) == 1.0) {
            ones++;
            min_out = fmin(min_out, r);
        } else
            max_in = fmax(max_in, r);
    }
    ck_assert_uint_eq(ones, 100);
    ck_assert(max_in <= min_out); /* split at the median radius */
    nn_dataset_free(q);

    nn_dataset *b = nn_data_blobs(5, 200, 6);
    ones = 0;
    for (size_t i = 0; i < 200; i++)
        ones += gsl_matrix_get(b->Y, 0, i) == 1.0;
    ck_assert_uint_eq(ones, 100); /* 200 = 34 + 34 + 33 + 33 + 33 + 33: centres 1, 3, 5 */
    nn_dataset_free(b);

    nn_dataset *m = nn_data_moons(4, 200, 0.0);
    /* without noise, the lower moon is the upper one moved by (1, -1/2) and flipped */
    ck_assert_double_eq_tol(gsl_matrix_get(m->X, 0, 100), 0.0, 1e-15);
    ck_assert_double_eq_tol(gsl_matrix_get(m->X, 1, 100), 0.5, 1e-15);
    ck_assert_double_eq_tol(gsl_matrix_get(m->X, 0, 0), 1.0, 1e-15);
    nn_dataset_free(m);
}
END_TEST

START_TEST(bad_csv_is_named_with_its_line)
{
    const char *path = "build/test_bad.csv";
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs("x1,x2,y\n1,2,0\n3,oops,1\n", f);
    fclose(f);
    ck_assert_ptr_null(nn_dataset_read_csv(path));
    ck_assert_msg(strstr(nn_errmsg(), "build/test_bad.csv:3") != NULL, "%s", nn_errmsg());
    f = fopen(path, "w");
    fputs("x1,x2,y\n1,2,0.5\n", f);
    fclose(f);
    ck_assert_ptr_null(nn_dataset_read_csv(path));
    ck_assert_msg(strstr(nn_errmsg(), "label") != NULL, "%s", nn_errmsg());
    remove(path);
    ck_assert_ptr_null(nn_dataset_read_csv("build/no_such_file.csv"));
}
END_TEST

/* The datasets as mkdata writes them: with correctly rounded sin and cos,
 * so that the comparisons with the committed files hold whatever the host's
 * C library rounds (check_data_trig.c checks that glibc's agree here). */
static void correctly_rounded_trig(void) { nn__data_trig(nb_exact_sin, nb_exact_cos); }

Suite *data_suite(void)
{
    Suite *s = suite_create("data");
    TCase *tc = tcase_create("datasets");
    tcase_add_checked_fixture(tc, correctly_rounded_trig, NULL);
    tcase_add_test(tc, linspace_is_numpys);
    tcase_add_test(tc, flower_first_example_is_the_courses);
    tcase_add_test(tc, flower_shape_classes_and_checksum);
    tcase_add_test(tc, committed_csv_equals_the_generator);
    tcase_add_test(tc, extra_datasets_follow_their_definitions);
    tcase_add_test(tc, bad_csv_is_named_with_its_line);
    suite_add_tcase(s, tc);
    return s;
}
