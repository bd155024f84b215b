/* count.c: how many times the training calls tanh, exp and log1p and the
 * BLAS, counted by the program itself.
 *
 * The library is linked into this program statically.  Its tanh, exp and
 * log1p are the notebook's own, nn_tanh, nn_exp and nn_log1p (nn_libm.c),
 * defined there as weak names of nn__tanh, nn__exp and nn__log1p: the
 * definitions below take their place, count the call and pass it on.  Its
 * calls to gsl_blas_dgemm resolve to the definition below too, which
 * passes them on to the real function, found by dlsym further down the
 * search order (RTLD_NEXT): libgsl's.  The results are the same bits; only
 * the counters are extra. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <gsl/gsl_blas.h>
#include <math.h>
#include <stdlib.h>

#include "nb.h"
#include "count.h"
#include "nn_internal.h"

counts calls;

/* The real function called name, looked up once. */
static void *real(const char *name)
{
    void *f = dlsym(RTLD_NEXT, name);
    if (f == NULL)
        nb_die("cannot find %s in the libraries: %s", name, dlerror());
    return f;
}

double nn_tanh(double x)
{
    calls.tanh++;
    return nn__tanh(x);
}

double nn_exp(double x)
{
    calls.exp++;
    return nn__exp(x);
}

double nn_log1p(double x)
{
    calls.log1p++;
    return nn__log1p(x);
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
