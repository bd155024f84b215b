/* variants.c: calls into the copies of the fused core that the Makefile
 * compiles with other options (variants.h). */
#include "nb.h"
#include "variants.h"

#define DECLARE(v)                                                                         \
    nn_trainer *nn_trainer_alloc_##v(size_t n_x, size_t n_h, size_t m);                    \
    void nn_trainer_free_##v(nn_trainer *t);                                               \
    nn_status nn_train_fast_##v(nn_params *p, nn_trainer *t, nn_cache *cache,             \
                                const gsl_matrix *X, const gsl_matrix *Y,                  \
                                const nn_train_options *opt, double *cost_history);
DECLARE(plain)
DECLARE(fma)
DECLARE(fast_math)
DECLARE(vector_libm)

int variant_runs_here(variant v)
{
    if (v == VARIANT_PLAIN || v == VARIANT_FAST_MATH)
        return 1;
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

#define TRAIN(v)                                                             \
    do {                                                                     \
        nn_trainer *t = nb_ok(nn_trainer_alloc_##v(p->n_x, p->n_h, X->size2)); \
        nn_status s = nn_train_fast_##v(p, t, NULL, X, Y, opt, cost);        \
        nn_trainer_free_##v(t);                                              \
        return s;                                                            \
    } while (0)

nn_status variant_train(variant v, nn_params *p, const gsl_matrix *X, const gsl_matrix *Y,
                        const nn_train_options *opt, double *cost)
{
    switch (v) {
    case VARIANT_PLAIN: TRAIN(plain);
    case VARIANT_FMA: TRAIN(fma);
    case VARIANT_FAST_MATH: TRAIN(fast_math);
    default: TRAIN(vector_libm);
    }
}
