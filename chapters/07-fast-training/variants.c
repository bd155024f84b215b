/* variants.c: calls into the copies of the fused core that the Makefile
 * compiles with other options (variants.h, nb_copies.h). */
#include "nb_copies.h"
#include "variants.h"

int variant_runs_here(variant v)
{
    return v == VARIANT_PLAIN || v == VARIANT_FAST_MATH || nb_copies_avx2_fma();
}

nn_status variant_train(variant v, nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                        const nn_train_options *opt, double *cost)
{
    nn_status s;
    switch (v) {
    case VARIANT_PLAIN: NB_COPY_TRAIN(s, plain, p, X, Y, opt, cost); break;
    case VARIANT_FMA: NB_COPY_TRAIN(s, fma, p, X, Y, opt, cost); break;
    case VARIANT_FAST_MATH: NB_COPY_TRAIN(s, fast_math, p, X, Y, opt, cost); break;
    default: NB_COPY_TRAIN(s, vector_libm, p, X, Y, opt, cost); break;
    }
    return s;
}
