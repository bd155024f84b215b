/* nb_copies.h: the copies of the fused core (src/nn_fast.c) that the Makefile
 * compiles with options of their own ("copies of the fused core" there), for
 * chapters 7 and 8 to measure what compiler options make of it.  Each copy
 * has names of its own (nn_train_fast_O3, nn_trainer_alloc_O3, ...), calls
 * tanh, exp and log1p value by value, and trains tanh hidden
 * units only.  Not part of the library: a program that uses a copy links its
 * object (its chapter.mk names it). */
#ifndef NB_COPIES_H
#define NB_COPIES_H

#include "nb.h"

/* The copy's three functions, with nn.h's types: the copy's definitions
 * (nn_fast.c renamed) are declared through the same types by nn.h, so a
 * change of signature cannot compile on one side only.  The Makefile reads
 * the list of copies from the NB_COPY_DECLARE lines below (CORE_COPIES). */
#define NB_COPY_DECLARE(v)                                                                 \
    nn_trainer_alloc_fn nn_trainer_alloc_##v;                                              \
    nn_trainer_free_fn nn_trainer_free_##v;                                                \
    nn_train_fast_fn nn_train_fast_##v;
NB_COPY_DECLARE(plain)       /* -O2, as the library is built */
NB_COPY_DECLARE(O0)          /* -O0 */
NB_COPY_DECLARE(O3)          /* -O3 -mavx2 -mfma, no contraction */
NB_COPY_DECLARE(fma)         /* -O2 -mavx2 -mfma -ffp-contract=fast */
NB_COPY_DECLARE(fast_math)   /* -O2 -ffast-math */
NB_COPY_DECLARE(vector_libm) /* -O3 -ffast-math -mavx2 -mfma: glibc's vector functions */
NB_COPY_DECLARE(other_libm)  /* -O2, with glibc's tanh, exp, log1p for a CPU without FMA */
#undef NB_COPY_DECLARE

/* status = copy v's nn_train_fast on p from X, Y, with a trainer of its own
 * allocated (or the program dies) and freed around it. */
#define NB_COPY_TRAIN(status, v, p, X, Y, opt, cost)                                       \
    do {                                                                                   \
        nn_trainer *nb_t_ = nb_ok(nn_trainer_alloc_##v((p)->n_x, (p)->n_h, (X)->size2));  \
        (status) = nn_train_fast_##v((p), nb_t_, NULL, (X), (Y), (opt), (cost));          \
        nn_trainer_free_##v(nb_t_);                                                        \
    } while (0)

/* Whether this CPU runs the copies built for AVX2 and FMA (O3, fma,
 * vector_libm). */
static inline int nb_copies_avx2_fma(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

#endif
