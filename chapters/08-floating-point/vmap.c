/* vmap.c (appendix): see vmap.h.  The loops are plain C; the options
 * chapter.mk compiles them with make GCC call _ZGVdN4v_tanh and
 * _ZGVdN4v_exp, four arguments per call: SLEEF's, which the program links before
 * glibc's libmvec (chapter.mk). */
#include <math.h>

#include "vmap.h"

void vmap_tanh(double *restrict y, const double *restrict x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = tanh(x[i]);
}

void vmap_exp(double *restrict y, const double *restrict x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = exp(x[i]);
}
