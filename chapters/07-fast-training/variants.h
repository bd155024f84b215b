/* variants.h: the fused core (src/nn_fast.c) compiled again, calling the C
 * library's tanh, exp and log1p value by value, as built and with options that trade
 * exactness for speed; the Makefile builds each copy under names of its own,
 * so the program can run them side by side with the library's. */
#ifndef VARIANTS_H
#define VARIANTS_H

#include "nn.h"

typedef enum {
    VARIANT_PLAIN,       /* as the library is built, but libm value by value */
    VARIANT_FMA,         /* -mavx2 -mfma -ffp-contract=fast: a * b + c in one rounding */
    VARIANT_FAST_MATH,   /* -ffast-math: reassociation and friends */
    VARIANT_VECTOR_LIBM, /* -O3 -ffast-math -mavx2 -mfma: SLEEF's vector tanh, exp, log1p */
    N_VARIANTS
} variant;

/* Whether this CPU can run variant v (the AVX2 and FMA builds need both). */
int variant_runs_here(variant v);
/* nn_train_fast as variant v computes it. */
nn_status variant_train(variant v, nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                        const nn_train_options *opt, double *cost);

#endif
