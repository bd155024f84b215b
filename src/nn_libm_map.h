/* nn_libm_map.h: tanh, expm1, exp and log1p, written by name, call the
 * notebook's own (nn_libm.c).
 *
 * The library's readable code calls tanh(z) and exp(-z) as the chapters
 * write them.  Included after <math.h>, this header makes each such call
 * one of nn_tanh, nn_expm1, nn_exp and nn_log1p, whose bits are the same on
 * every machine, where the C library's depend on its version and on the
 * CPU.  Only calls are mapped (function-like macros): &tanh, or tanh passed
 * as a pointer, is still the C library's.  A file built to measure the C
 * library itself defines NN_HOST_LIBM first (chapter 7's vector-libm copy
 * of the fused core). */
#ifndef NN_LIBM_MAP_H
#define NN_LIBM_MAP_H
#ifndef NN_HOST_LIBM
#include <math.h>
#include "nn.h"
#define tanh(x) nn_tanh(x)
#define expm1(x) nn_expm1(x)
#define exp(x) nn_exp(x)
#define log1p(x) nn_log1p(x)
#endif
#endif
