/* vmap.h (appendix): a vector libm's tanh and exp over an array, as GCC
 * calls them in a loop it vectorises: chapter.mk compiles vmap.c with -O3
 * -ffast-math -mavx2 -mfma, and the loops then call the four-lane versions
 * under their GNU-ABI names, which SLEEF's library provides (linked before
 * glibc's libmvec, whose bits depend on glibc's choice).  Only on a CPU
 * with AVX2 and FMA. */
#ifndef VMAP_H
#define VMAP_H

#include <stddef.h>

/* y[i] = tanh(x[i]) and y[i] = exp(x[i]) for i < n, four at a time. */
void vmap_tanh(double *y, const double *x, size_t n);
void vmap_exp(double *y, const double *x, size_t n);

#endif
