/* nn_libm_const.h: the constants of the notebook's tanh, expm1, exp and
 * log1p, shared by the scalar functions (nn_libm.c) and the four-lane ones
 * (nn_vmath.c), which must compute with the very same numbers.  fdlibm's
 * under its notice (see nn_libm.c), glibc's exp's from Arm's
 * optimized-routines. */
#ifndef NN_LIBM_CONST_H
#define NN_LIBM_CONST_H

#include <stdint.h>

/* fdlibm's expm1 constants: ln2 in two parts (ln2_hi has 32 significant
 * bits, so k ln2_hi is exact for |k| < 2^20), 1/ln2, and the coefficients
 * Q1..Q5 of its rational approximation, scaled by 2^i for z = r^2/2. */
static const double ln2_hi = 6.93147180369123816490e-01; /* 0x3fe62e42 fee00000 */
static const double ln2_lo = 1.90821492927058770002e-10; /* 0x3dea39ef 35793c76 */
static const double invln2 = 1.44269504088896338700e+00; /* 0x3ff71547 652b82fe */
static const double Q1 = -3.33333333333331316428e-02;    /* 0xbfa11111 111110f4 */
static const double Q2 = 1.58730158725481460165e-03;     /* 0x3f5a01a0 19fe5585 */
static const double Q3 = -7.93650757867487942473e-05;    /* 0xbf14ce19 9eaadbb7 */
static const double Q4 = 4.00821782732936239552e-06;     /* 0x3ed0cfca 86e65239 */
static const double Q5 = -2.01099218183624371326e-07;    /* 0xbe8afdb7 6e09c32d */

/* glibc's exp constants (N = 128): N/ln2; ln2/N in two parts, the first
 * with enough trailing zeros that k ln2hi/N is exact; the rounding shift
 * 1.5 2^52, whose addition rounds to an integer and leaves it in the low
 * bits; and the coefficients of exp(r) - 1 ~ r + C2 r^2 + ... + C5 r^5. */
enum { N_EXP = 128 };
static const double InvLn2N = 0x1.71547652b82fep+7;
static const double NegLn2hiN = -0x1.62e42fefa0000p-8;
static const double NegLn2loN = -0x1.cf79abc9e3b3ap-47;
static const double Shift = 0x1.8p52;
static const double C2 = 0x1.ffffffffffdbdp-2;
static const double C3 = 0x1.555555555543cp-3;
static const double C4 = 0x1.55555cf172b91p-5;
static const double C5 = 0x1.1111167a4d017p-7;

#include "nn_exp_table.h" /* exp_table: T_i and H_i - (i << 45), i = 0 .. 127 */

/* fdlibm's log1p coefficients: log(1+f) = 2s + s R(s^2), s = f/(2+f),
 * R(z) ~ Lp1 z + Lp2 z^2 + ... + Lp7 z^7 (ln2_hi, ln2_lo as for expm1). */
static const double Lp1 = 6.666666666666735130e-01; /* 0x3fe55555 55555593 */
static const double Lp2 = 3.999999999940941908e-01; /* 0x3fd99999 9997fa04 */
static const double Lp3 = 2.857142874366239149e-01; /* 0x3fd24924 94229359 */
static const double Lp4 = 2.222219843214978396e-01; /* 0x3fcc71c5 1d8e78af */
static const double Lp5 = 1.818357216161805012e-01; /* 0x3fc74664 96cb03de */
static const double Lp6 = 1.531383769920937332e-01; /* 0x3fc39a09 d078c69f */
static const double Lp7 = 1.479819860511658591e-01; /* 0x3fc2f112 df3e5244 */

#endif
