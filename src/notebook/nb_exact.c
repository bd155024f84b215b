/* nb_exact.c: correctly rounded sin, cos and log for what the notebook
 * commits.
 *
 * The C library's sin, cos and log are accurate to an ulp or less, but not
 * required to be correctly rounded, and they differ between versions and,
 * for some, between CPUs.  The notebook's datasets (sin, cos) and normal
 * draws (log, in the polar method numpy uses) take them from MPFR instead,
 * rounded once to the nearest double: the one answer every machine agrees
 * on.  nb_init installs them (nn__data_trig, nn__rng_log), so every program
 * of the notebook draws the same numbers everywhere.  glibc 2.36 gives the
 * same doubles for the course's draws and datasets (tests/check_data_trig.c
 * checks the flower's sines and cosines, tests/check_rng.c numpy's normals
 * with glibc's log), so those are numpy's too; among the many normals of
 * chapter 4's gradient-check battery, its log rounds at least one the other
 * way. */
#include <mpfr.h>

#include "nb.h"
#include "nn_internal.h"

/* f(x) rounded once to the nearest double: MPFR rounds correctly at any
 * precision, here straight at 53 bits. */
static double correctly_rounded(double x, int (*f)(mpfr_ptr, mpfr_srcptr, mpfr_rnd_t))
{
    mpfr_t a, y;
    mpfr_init2(a, 53);
    mpfr_init2(y, 53);
    mpfr_set_d(a, x, MPFR_RNDN); /* exact */
    f(y, a, MPFR_RNDN);
    double r = mpfr_get_d(y, MPFR_RNDN); /* exact: y has 53 bits */
    mpfr_clear(a);
    mpfr_clear(y);
    return r;
}

double nb_exact_sin(double x) { return correctly_rounded(x, mpfr_sin); }
double nb_exact_cos(double x) { return correctly_rounded(x, mpfr_cos); }
double nb_exact_log(double x) { return correctly_rounded(x, mpfr_log); }

double nb_exact_pow(double x, double y)
{
    mpfr_t a, b, r;
    mpfr_inits2(53, a, b, r, (mpfr_ptr)0);
    mpfr_set_d(a, x, MPFR_RNDN);
    mpfr_set_d(b, y, MPFR_RNDN);
    mpfr_pow(r, a, b, MPFR_RNDN);
    double z = mpfr_get_d(r, MPFR_RNDN);
    mpfr_clears(a, b, r, (mpfr_ptr)0);
    return z;
}

void nb_exact_math(void)
{
    nn__data_trig(nb_exact_sin, nb_exact_cos);
    nn__rng_log(nb_exact_log);
}
