/* nn_rng.c: numpy's legacy random stream (np.random.seed / rand / randn)
 * reproduced on GSL's MT19937.
 *
 * 1. Seeding.  gsl_rng_set(r, s) runs Matsumoto and Nishimura's init_genrand,
 *    exactly what np.random.seed(s) runs, for every s in 1 .. 2^32 - 1.
 *    GSL replaces s = 0 by 4357 where numpy keeps 0, so 0 is refused.
 * 2. Uniforms.  numpy builds a 53-bit double from two 32-bit words, the
 *    first one first: a = w1 >> 5 (27 bits), b = w2 >> 6 (26 bits),
 *    u = (a 2^26 + b) / 2^53.  (gsl_rng_uniform uses one word: different.)
 * 3. Normals.  Marsaglia's polar method as numpy's legacy_gauss writes it:
 *    draw x1 = 2u - 1, then x2 = 2u - 1, until 0 < r2 = x1^2 + x2^2 < 1;
 *    f = sqrt(-2 log(r2) / r2); return f x2 and keep f x1 for the next call.
 */
#include <math.h>
#include <stdlib.h>

#include "nn.h"
#include "nn_internal.h"

nn_rng *nn_rng_alloc(unsigned long seed)
{
    nn_rng *rng = malloc(sizeof *rng);
    if (rng == NULL) {
        nn_error(NN_ENOMEM, "out of memory allocating a random stream");
        return NULL;
    }
    rng->r = gsl_rng_alloc(gsl_rng_mt19937);
    if (rng->r == NULL) {
        free(rng);
        nn_error(NN_ENOMEM, "out of memory allocating a random stream");
        return NULL;
    }
    if (nn_rng_seed(rng, seed) != NN_OK) {
        nn_rng_free(rng);
        return NULL;
    }
    return rng;
}

void nn_rng_free(nn_rng *rng)
{
    if (rng == NULL)
        return;
    gsl_rng_free(rng->r);
    free(rng);
}

nn_status nn_rng_seed(nn_rng *rng, unsigned long seed)
{
    if (seed == 0 || seed > 0xffffffffUL)
        return nn_error(NN_EINVAL,
                        "seed %lu is out of range: seeds are 1 to 4294967295 "
                        "(GSL maps seed 0 to 4357, so it cannot match numpy's 0)",
                        seed);
    gsl_rng_set(rng->r, seed);
    rng->has_gauss = 0;
    rng->gauss = 0.0;
    return NN_OK;
}

uint32_t nn_rng_next32(nn_rng *rng)
{
    return (uint32_t)gsl_rng_get(rng->r);
}

double nn_rng_uniform(nn_rng *rng)
{
    /* Two statements: the order of the two draws is part of the stream. */
    uint32_t a = nn_rng_next32(rng) >> 5;
    uint32_t b = nn_rng_next32(rng) >> 6;
    return (a * 67108864.0 + b) / 9007199254740992.0;
}

/* The logarithm of the normal draws: the C library's, unless a program
 * gives a correctly rounded one (nn__rng_log; the notebook's programs do,
 * with MPFR), so that the draws do not depend on the host's C library. */
static double (*rng_log)(double) = log;

void nn__rng_log(double (*log_f)(double)) { rng_log = log_f ? log_f : log; }

double nn_rng_randn(nn_rng *rng)
{
    if (rng->has_gauss) {
        rng->has_gauss = 0;
        return rng->gauss;
    }
    double x1, x2, r2;
    do {
        x1 = 2.0 * nn_rng_uniform(rng) - 1.0;
        x2 = 2.0 * nn_rng_uniform(rng) - 1.0;
        r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1.0 || r2 == 0.0);
    double f = sqrt(-2.0 * rng_log(r2) / r2);
    rng->gauss = f * x1;
    rng->has_gauss = 1;
    return f * x2;
}

void nn_rng_fill_randn(nn_rng *rng, gsl_matrix *A, double scale)
{
    for (size_t i = 0; i < A->size1; i++)
        for (size_t j = 0; j < A->size2; j++) {
            double z = nn_rng_randn(rng);
            gsl_matrix_set(A, i, j, z * scale);
        }
}
