/* count.c: how many times the training calls libm's transcendental
 * functions and the BLAS, counted by the program itself.
 *
 * The library is linked into this program statically, so its calls to tanh,
 * exp, log1p and gsl_blas_dgemm resolve to the definitions below.  Each one
 * counts the call and passes it on to the real function, which dlsym finds
 * further down the search order (RTLD_NEXT): libm's, and libgsl's.  The
 * results are the same bits; only the counters are extra. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdlib.h>

#include "nb.h"
#include "count.h"

counts calls;

/* The real function called name, looked up once. */
static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (f == NULL)
        nb_die("cannot find %s in the libraries: %s", name, dlerror());
    return f;
}

double tanh(double x)
{
    static double (*f)(double);
    if (f == NULL)
        f = (double (*)(double))real("tanh");
    calls.tanh++;
    return f(x);
}

double exp(double x)
{
    static double (*f)(double);
    if (f == NULL)
        f = (double (*)(double))real("exp");
    calls.exp++;
    return f(x);
}

double log1p(double x)
{
    static double (*f)(double);
    if (f == NULL)
        f = (double (*)(double))real("log1p");
    calls.log1p++;
    return f(x);
}

typedef int (*dgemm_fn)(CBLAS_TRANSPOSE_t, CBLAS_TRANSPOSE_t, double, const gsl_matrix *,
                        const gsl_matrix *, double, gsl_matrix *);

int gsl_blas_dgemm(CBLAS_TRANSPOSE_t ta, CBLAS_TRANSPOSE_t tb, double alpha, const gsl_matrix *A,
                   const gsl_matrix *B, double beta, gsl_matrix *C)
{
    static dgemm_fn f;
    if (f == NULL)
        f = (dgemm_fn)real("gsl_blas_dgemm");
    calls.dgemm++;
    return f(ta, tb, alpha, A, B, beta, C);
}

void counts_reset(void)
{
    calls = (counts){0};
}
