/* check_data_trig: the flower's sines and cosines are correctly rounded.
 *
 * mkdata writes the committed datasets with MPFR's correctly rounded sin and
 * cos (nb_exact_sin, nb_exact_cos, which nb_init installs), whatever the host's C
 * library rounds.  The appendix says that glibc's are those too on the
 * flower's arguments, so that the last-digit differences from the course's
 * numpy come from numpy's SIMD routines, not from the C library; and the
 * library's generator, which calls the C library's unless told otherwise,
 * gives the committed flower here.  nn_data_flower
 * calls, for each of the 400 examples, sin(4 t), sin(t) and cos(t).  Here
 * the same t are drawn again exactly as nn_data_flower draws them (checked:
 * the same x, bit for bit), and every one of those 1200 calls is recomputed
 * in MPFR at 200 bits and rounded to the nearest double.  MPFR's result is
 * correctly rounded at any precision, so that double is the correctly
 * rounded value unless the 200-bit result sits on a midpoint between two
 * doubles; the test also computes it straight at 53 bits and checks both
 * agree, so no double rounding hides in it. */
#include <math.h>

#include <mpfr.h>

#include "nn.h"
#include "tests.h"

enum { PRECISION = 200, M = 400, N = M / 2 };

typedef enum { SIN_4T, SIN_T, COS_T, CALLS } call;
static const char *const CALL_NAMES[CALLS] = {"sin(4 t)", "sin(t)", "cos(t)"};

/* f(arg) correctly rounded to a double: at 200 bits then to nearest, and
 * (the same, or the test fails) at 53 bits directly. */
static double mpfr_reference(call c, double arg)
{
    mpfr_t x, y, y53;
    mpfr_inits2(PRECISION, x, y, (mpfr_ptr)0);
    mpfr_init2(y53, 53);
    ck_assert_int_eq(mpfr_set_d(x, arg, MPFR_RNDN), 0); /* exact */
    if (c == COS_T) {
        mpfr_cos(y, x, MPFR_RNDN);
        mpfr_cos(y53, x, MPFR_RNDN);
    } else {
        mpfr_sin(y, x, MPFR_RNDN);
        mpfr_sin(y53, x, MPFR_RNDN);
    }
    double d = mpfr_get_d(y, MPFR_RNDN), d53 = mpfr_get_d(y53, MPFR_RNDN);
    ck_assert_msg(d == d53, "%s of %.17g: %.17g at 200 bits, %.17g at 53", CALL_NAMES[c], arg,
                  d, d53);
    mpfr_clears(x, y, y53, (mpfr_ptr)0);
    return d;
}

/* The arguments nn_data_flower passes: t[i] for example i (class j = i / N). */
static void flower_arguments(double t_of[M], double r_of[M])
{
    nn_rng *rng = nn_rng_alloc(1);
    ck_assert_ptr_nonnull(rng);
    double t[N];
    for (size_t j = 0; j < 2; j++) {
        nn_linspace(t, 3.12 * (double)j, 3.12 * (double)(j + 1), N);
        for (size_t k = 0; k < N; k++)
            t[k] += nn_rng_randn(rng) * 0.2;
        for (size_t k = 0; k < N; k++) {
            t_of[N * j + k] = t[k];
            r_of[N * j + k] = 4.0 * sin(4.0 * t[k]) + nn_rng_randn(rng) * 0.2;
        }
    }
    nn_rng_free(rng);
}

START_TEST(glibc_sin_and_cos_are_correctly_rounded_on_the_flower)
{
    double t[M], r[M];
    flower_arguments(t, r);
    /* the arguments are the generator's: they give its x bit for bit */
    nn_dataset *d = nn_data_flower();
    ck_assert_ptr_nonnull(d);
    for (size_t i = 0; i < M; i++)
        ck_assert_msg(gsl_matrix_get(d->X, 0, i) == r[i] * sin(t[i]) &&
                          gsl_matrix_get(d->X, 1, i) == r[i] * cos(t[i]),
                      "example %zu is not the generator's", i);
    nn_dataset_free(d);

    size_t equal[CALLS] = {0}, first_differing = M;
    for (size_t i = 0; i < M; i++) {
        for (call c = 0; c < CALLS; c++) {
            double arg = c == SIN_4T ? 4.0 * t[i] : t[i];
            double ours = c == COS_T ? cos(arg) : sin(arg);
            ck_assert(isfinite(ours) && ours != 0.0); /* not passing trivially */
            if (ours == mpfr_reference(c, arg))
                equal[c]++;
            else if (first_differing == M)
                first_differing = i;
        }
        if (i == 0) /* the example chapter 6 quotes */
            ck_assert_msg(first_differing == M, "example 1: glibc is not correctly rounded");
    }
    for (call c = 0; c < CALLS; c++)
        ck_assert_msg(equal[c] == M, "%s: glibc correctly rounded on %zu of %d examples (first "
                      "difference at example %zu)", CALL_NAMES[c], equal[c], M,
                      first_differing + 1);
}
END_TEST

/* The reference is what it claims: sin 1 correctly rounded is the double
 * 0.8414709848078965 (sin 1 = 0.84147098480789650665...), cos 0 is 1, and a
 * double one ulp away is told apart. */
START_TEST(the_reference_is_correctly_rounded)
{
    double s = mpfr_reference(SIN_T, 1.0);
    ck_assert(s == 0.8414709848078965);
    ck_assert(nextafter(s, 2.0) != s && nextafter(s, 0.0) != s);
    ck_assert(mpfr_reference(COS_T, 0.0) == 1.0);
    ck_assert(mpfr_reference(SIN_4T, 4.0 * 0.25) == s);
}
END_TEST

Suite *data_trig_suite(void)
{
    Suite *s = suite_create("data_trig");
    TCase *tc = tcase_create("flower sin and cos against MPFR");
    tcase_add_test(tc, glibc_sin_and_cos_are_correctly_rounded_on_the_flower);
    tcase_add_test(tc, the_reference_is_correctly_rounded);
    suite_add_tcase(s, tc);
    return s;
}
