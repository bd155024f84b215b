/* count.h: calls counted while the program runs (count.c). */
#ifndef COUNT_H
#define COUNT_H

typedef struct {
    unsigned long long tanh, exp, log1p; /* libm */
    unsigned long long dgemm;            /* gsl_blas_dgemm */
} counts;

extern counts calls;
void counts_reset(void);

#endif
