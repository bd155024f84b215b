/* nn_libm.c: the notebook's own tanh, expm1, exp and log1p, one value at a
 * time, with the same bits on every machine.
 *
 * The C library picks its code for these functions by CPU: on x86-64 with
 * AVX2 and FMA, glibc runs copies compiled with fused multiply-adds, which
 * round some steps once instead of twice, elsewhere plain copies.  The two
 * differ in the last bit on some arguments, and so would every result the
 * notebook commits.  These functions are glibc 2.36's FMA copies written
 * out in C: the same algorithms (fdlibm's tanh, expm1 and log1p, glibc's
 * table-driven exp), with fma() exactly where those copies fuse and a
 * separate product and sum everywhere else.  fma() is exact by definition
 * (one rounding of the exact a b + c), whether the CPU has the instruction
 * or the C library emulates it, so these return the same double on any
 * x86-64 CPU, and on any machine whose C library has a correct fma().
 * The library is built with -ffp-contract=off, so nothing else is fused.
 *
 * They are also the four-lane functions of nn_vmath.c one lane at a time:
 * tests/check_vmath.c and tools/vmath_check.c compare the two, and both
 * with glibc's FMA copies where those run.
 *
 * The constants and the algorithms are fdlibm's and glibc's, the first
 * under fdlibm's notice:
 *
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunPro, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this
 *   software is freely granted, provided that this notice
 *   is preserved.
 *
 * and exp is Szabolcs Nagy's, from Arm's optimized-routines, as in glibc. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "nn_internal.h"
#include "nn_libm_const.h"

/* fma() where glibc's FMA copies fuse.  nn_libm_plain.c compiles this file
 * again with NN_LIBM_PLAIN, where every such step is a product rounded and
 * then a sum rounded: glibc's copies for a CPU without FMA, which are the
 * same source compiled without fused multiply-adds.  Its functions are
 * named nn__tanh_plain, ... */
#ifdef NN_LIBM_PLAIN
#define FMA(a, b, c) ((a) * (b) + (c))
#define NAME(f) nn__##f##_plain
#define CLONES
#else
#define FMA(a, b, c) fma(a, b, c)
#define NAME(f) nn__##f
/* fma() is exact everywhere, but without the instruction the C library
 * emulates it, many times slower.  On x86-64 each function is compiled
 * twice, for the baseline and with the FMA instruction, and the CPU picks
 * at load time: the same bits either way. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CLONES __attribute__((target_clones("fma", "default")))
#else
#define CLONES
#endif
#endif

static inline uint64_t bits(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static inline double from_bits(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static inline uint32_t high_word(double x) { return (uint32_t)(bits(x) >> 32); }

/* x with its high word replaced by h (fdlibm's SET_HIGH_WORD). */
static inline double with_high_word(double x, uint32_t h)
{
    return from_bits(((uint64_t)h << 32) | (bits(x) & 0xffffffffu));
}

/* ------------------------------------------------------------- expm1 */

static const double o_threshold = 7.09782712893383973096e+02; /* 0x40862E42 FEFA39EF */

/* expm1(x) = 2^k (1 + r - e) - 1 for k != 0, with e = r - expm1(r) and
 * its correction c folded in: fdlibm's last step, inlined into each copy
 * of expm1. */
static inline __attribute__((always_inline)) double scale_back(double r, double e, int k)
{
    if (k == -1)
        return FMA(0.5, r - e, -0.5);
    if (k == 1) {
        if (r < -0.25)
            return -2.0 * (e - (r + 0.5));
        return FMA(2.0, r - e, 1.0);
    }
    if (k <= -2 || k > 56) { /* exp(x) - 1 is exp(x) to within an ulp or less */
        double y = 1.0 - (e - r);
        if (k == 1024)
            y = y * 2.0 * 0x1p1023;
        else
            y = with_high_word(y, high_word(y) + ((uint32_t)k << 20));
        return y - 1.0;
    }
    double y;
    if (k < 20) {
        const double one_minus = from_bits((uint64_t)(0x3ff00000u - (0x200000u >> k)) << 32);
        y = one_minus - (e - r); /* (1 - 2^-k) - (e - r) */
    } else {
        const double two_mk = from_bits((uint64_t)((0x3ffu - (uint32_t)k) << 20) << 32);
        y = (r - (e + two_mk)) + 1.0;
    }
    return with_high_word(y, high_word(y) + ((uint32_t)k << 20));
}

CLONES double NAME(expm1)(double x)
{
    uint32_t hx = high_word(x);
    const int negative = (hx & 0x80000000u) != 0;
    hx &= 0x7fffffffu;

    /* Huge and non-finite arguments. */
    if (hx >= 0x4043687Au) {     /* |x| >= 56 ln2 */
        if (hx >= 0x40862E42u) { /* |x| >= 709.78 */
            if (hx >= 0x7ff00000u) {
                if (isnan(x))
                    return x + x;
                return negative ? -1.0 : x; /* expm1(+-inf) = inf, -1 */
            }
            if (x > o_threshold)
                return HUGE_VAL; /* overflow */
        }
        if (negative)
            return -1.0; /* x < -56 ln2: -1 to the last bit */
    }

    /* Argument reduction: x = k ln2 + r, |r| <= 0.5 ln2, and c the rounding
     * error of r.  k ln2_hi is exact (ln2_hi has 32 significant bits); the
     * copy fuses x - t ln2_hi (the same number, as the product is exact). */
    double r, c = 0.0;
    int k;
    if (hx > 0x3fd62e42u) {     /* |x| > 0.5 ln2 */
        double hi, lo;
        if (hx < 0x3FF0A2B2u) { /* and |x| < 1.5 ln2 */
            hi = negative ? x + ln2_hi : x - ln2_hi;
            lo = negative ? -ln2_lo : ln2_lo;
            k = negative ? -1 : 1;
        } else {
            /* invln2 x + 0.5, two roundings: the copy does not fuse them */
            k = (int)(invln2 * x + (negative ? -0.5 : 0.5));
            const double t = k;
            hi = FMA(-t, ln2_hi, x);
            lo = t * ln2_lo;
        }
        r = hi - lo;
        c = (hi - r) - lo;
    } else if (hx < 0x3c900000u) { /* |x| < 2^-54 */
        return x;
    } else {
        k = 0;
        r = x;
    }

    /* expm1(r) by fdlibm's rational function, as glibc evaluates it:
     *   r1 = (R1 + h2 R2) + h4 R3,  R1 = 1 + hxs Q1, R2 = Q2 + hxs Q3,
     *   R3 = Q4 + hxs Q5, h2 = hxs^2, h4 = h2^2,
     *   t = 3 - r1 hfx,  e = hxs ((r1 - t) / (6 - r t)).
     * Fused: R1, R2, R3, both sums of r1, t and 6 - r t. */
    const double hfx = 0.5 * r;
    const double hxs = r * hfx;
    const double R1 = FMA(hxs, Q1, 1.0);
    const double h2 = hxs * hxs;
    const double R2 = FMA(hxs, Q3, Q2);
    const double h4 = h2 * h2;
    const double R3 = FMA(hxs, Q5, Q4);
    const double r1 = FMA(h4, R3, FMA(h2, R2, R1));
    const double t = FMA(-r1, hfx, 3.0);
    double e = hxs * ((r1 - t) / FMA(-r, t, 6.0));
    if (k == 0)
        return r - FMA(r, e, -hxs); /* c is 0 */

    e = FMA(r, e - c, -c) - hxs;
    return scale_back(r, e, k);
}

/* ---------------------------------------------------------------- tanh */

/* fdlibm's tanh, compiled without FMA in glibc (it has one copy), over
 * the expm1 above:
 *   |x| >= 22:  +-1 (to the last bit),
 *   |x| >= 1:   1 - 2 / (expm1(2|x|) + 2),
 *   |x| >= 2^-55:  -t / (t + 2), t = expm1(-2|x|),
 *   smaller:    x (1 + x), which is x to the last bit but for -0.
 * with the sign of x. */
CLONES double NAME(tanh)(double x)
{
    const uint64_t u = bits(x);
    const uint32_t ix = (uint32_t)(u >> 32) & 0x7fffffffu;
    if (ix >= 0x7ff00000u) { /* tanh(+-inf) = +-1, tanh(NaN) = NaN */
        if ((int64_t)u >= 0)
            return 1.0 / x + 1.0;
        return 1.0 / x - 1.0;
    }
    double z;
    if (ix < 0x40360000u) { /* |x| < 22 */
        if ((u << 1) == 0)
            return x; /* +-0 */
        if (ix < 0x3c800000u)
            return x * (1.0 + x); /* |x| < 2^-55 */
        const double ax = fabs(x);
        if (ix >= 0x3ff00000u) { /* |x| >= 1 */
            const double t = NAME(expm1)(ax + ax);
            z = 1.0 - 2.0 / (t + 2.0);
        } else {
            const double t = NAME(expm1)(-2.0 * ax);
            z = -t / (t + 2.0);
        }
    } else {
        z = 1.0; /* 1 - tiny, rounded */
    }
    return (int64_t)u >= 0 ? z : -z;
}

/* ----------------------------------------------------------------- exp */


/* The top 12 bits of x: sign and exponent. */
static inline uint32_t top12(double x) { return (uint32_t)(bits(x) >> 52); }

/* exp(x) where k's scale would leave the range of doubles (512 <= |x| <
 * 1024): glibc's specialcase.  Its FMA copy fuses s + s tmp for k > 0 and
 * nothing for k < 0 (found by comparing with it on the subnormal range). */
static double exp_special(double tmp, uint64_t sbits, uint64_t ki)
{
    if ((ki & 0x80000000u) == 0) { /* k > 0: the exponent overflowed by at most 460 */
        sbits -= 1009ull << 52;
        const double scale = from_bits(sbits);
        return 0x1p1009 * FMA(scale, tmp, scale);
    }
    sbits += 1022ull << 52; /* k < 0: take care in the subnormal range */
    const double scale = from_bits(sbits);
    double y = scale + scale * tmp;
    if (y < 1.0) {
        /* round y to the subnormal precision before scaling, so that it is
         * rounded once */
        double lo = scale - y + scale * tmp;
        const double hi = 1.0 + y;
        lo = 1.0 - hi + y + lo;
        y = (hi + lo) - 1.0;
        if (y == 0.0)
            y = 0.0; /* not -0 */
    }
    return 0x1p-1022 * y;
}

CLONES double NAME(exp)(double x)
{
    uint32_t abstop = top12(x) & 0x7ff;
    if (abstop - top12(0x1p-54) >= top12(512.0) - top12(0x1p-54)) {
        if ((int32_t)(abstop - top12(0x1p-54)) < 0)
            return 1.0 + x; /* |x| < 2^-54: 1 to the last bit, rounded as 1 + x */
        if (abstop >= top12(1024.0)) {
            if (bits(x) == bits(-INFINITY))
                return 0.0;
            if (abstop >= top12(INFINITY))
                return 1.0 + x; /* +inf, NaN */
            return (bits(x) >> 63) ? 0.0 : HUGE_VAL; /* underflow, overflow */
        }
        abstop = 0; /* 512 <= |x| < 1024: below, by exp_special */
    }
    /* x = k ln2/N + r: k = round(x N/ln2) with x InvLn2N + Shift fused,
     * r = (x + kd NegLn2hiN) + kd NegLn2loN, both fused. */
    double kd = FMA(x, InvLn2N, Shift);
    const uint64_t ki = bits(kd);
    kd -= Shift;
    const double r = FMA(kd, NegLn2loN, FMA(kd, NegLn2hiN, x));
    /* 2^(k/N) = scale (1 + tail), from the table */
    const uint64_t idx = 2 * (ki % N_EXP);
    const uint64_t top = ki << (52 - 7);
    const double tail = from_bits(exp_table[idx]);
    const uint64_t sbits = exp_table[idx + 1] + top;
    /* tmp = ((tail + r) + r2 (C2 + r C3)) + (r2 r2) (C4 + r C5): the inner
     * polynomials and the outer products fused, tail + r and the squares
     * not */
    const double r2 = r * r;
    const double tmp = FMA(r2 * r2, FMA(r, C5, C4), FMA(r2, FMA(r, C3, C2), tail + r));
    if (abstop == 0)
        return exp_special(tmp, sbits, ki);
    const double scale = from_bits(sbits);
    return FMA(scale, tmp, scale);
}

/* --------------------------------------------------------------- log1p */


/* 1 + x = 2^k (1 + f), sqrt(2)/2 < 1 + f < sqrt(2): returns f, with c the
 * rounding error of u = 1 + x over u, and hu the high bits of 1 + f that
 * tell whether |f| < 2^-20 (fdlibm's reduction, inlined into each copy). */
static inline __attribute__((always_inline)) double log1p_reduce(double x, int32_t hx, int *k,
                                                                 double *c, uint32_t *hu)
{
    double u;
    if (hx < 0x43400000) {   /* x < 2^53 */
        u = 1.0 + x;
        *hu = high_word(u);
        *k = (int)(*hu >> 20) - 1023;
        *c = *k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
        *c /= u;
    } else {
        u = x;
        *hu = high_word(u);
        *k = (int)(*hu >> 20) - 1023;
        *c = 0.0;
    }
    *hu &= 0x000fffffu;
    if (*hu < 0x6a09e) {
        u = with_high_word(u, *hu | 0x3ff00000u); /* u / 2^k */
    } else {
        *k += 1;
        u = with_high_word(u, *hu | 0x3fe00000u); /* u / 2^(k+1) */
        *hu = (0x00100000u - *hu) >> 2;
    }
    return u - 1.0;
}

CLONES double NAME(log1p)(double x)
{
    const int32_t hx = (int32_t)high_word(x);
    const int32_t ax = hx & 0x7fffffff;
    int k = 1;
    double f = 0.0, c = 0.0;
    uint32_t hu = 0;
    if (hx < 0x3FDA827A) {        /* x < 0.41422 */
        if (ax >= 0x3ff00000) {   /* x <= -1 */
            if (x == -1.0)
                return -HUGE_VAL; /* log1p(-1) = -inf */
            return (x - x) / (x - x); /* NaN */
        }
        if (ax < 0x3e200000) {    /* |x| < 2^-29 */
            if (ax < 0x3c900000)
                return x;         /* |x| < 2^-54 */
            return x - x * x * 0.5; /* the product by 0.5 is exact: fused or not, the same */
        }
        if (hx > 0 || hx <= (int32_t)0xbfd2bec4) { /* -0.2929 < x < 0.41422 */
            k = 0;
            f = x;
            hu = 1;
        }
    } else if (hx >= 0x7ff00000) {
        return x + x; /* +inf, NaN */
    }
    if (k != 0)
        f = log1p_reduce(x, hx, &k, &c, &hu);
    const double hfsq = 0.5 * f * f;
    if (hu == 0) { /* |f| < 2^-20 */
        if (f == 0.0) {
            if (k == 0)
                return 0.0;
            c = FMA(k, ln2_lo, c);
            return FMA(k, ln2_hi, c);
        }
        const double R = hfsq * FMA(-0.66666666666666666, f, 1.0);
        if (k == 0)
            return f - R;
        return FMA(k, ln2_hi, -((R - FMA(k, ln2_lo, c)) - f));
    }
    /* log(1 + f) = f - (hfsq - s (hfsq + R)), s = f/(2 + f), z = s^2,
     * R = ((z Lp1 + z2 R2) + z4 R3) + z6 R4, R2 = Lp2 + z Lp3, R3 = Lp4 +
     * z Lp5, R4 = Lp6 + z Lp7.  Fused: R2, R3, R4 and R's three sums (the
     * first as z Lp1 + (z2 R2), z2 R2 rounded first). */
    const double s = f / (2.0 + f);
    const double z = s * s;
    const double R2 = FMA(z, Lp3, Lp2);
    const double R3 = FMA(z, Lp5, Lp4);
    const double R4 = FMA(z, Lp7, Lp6);
    const double z2 = z * z;
    const double z4 = z2 * z2;
    const double z6 = z2 * z4;
    double R = FMA(z, Lp1, z2 * R2);
    R = FMA(z6, R4, FMA(z4, R3, R));
    const double sR = s * (hfsq + R);
    if (k == 0)
        return f - (hfsq - sR);
    return FMA(k, ln2_hi, -((hfsq - (sR + FMA(k, ln2_lo, c))) - f));
}

#ifndef NN_LIBM_PLAIN
/* The public names, weak so that a program may wrap them. */
double nn_tanh(double x) __attribute__((weak, alias("nn__tanh")));
double nn_expm1(double x) __attribute__((weak, alias("nn__expm1")));
double nn_exp(double x) __attribute__((weak, alias("nn__exp")));
double nn_log1p(double x) __attribute__((weak, alias("nn__log1p")));
#endif
