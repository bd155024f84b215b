/* nn_vmath.c: tanh, exp and log1p four arguments at a time, with the bits
 * of the notebook's own (nn_libm.c).
 *
 * The hidden layer's tanh is most of a training iteration's time (1,600
 * calls for the flower network), the output sigmoid's exp the next (400),
 * and the cost's log1p (400 when the cost is recorded).  nn__tanh_block,
 * nn__exp_block and nn__log1p_block compute a block of them with AVX2,
 * four lanes at once, and return for every argument the very double
 * nn_tanh, nn_exp and nn_log1p return, so that the fused core's results
 * stay those of the readable core, bit for bit.
 *
 * Those are glibc 2.36's FMA-compiled tanh, exp and log1p written out in
 * C, and the lanes are the same algorithms: fdlibm's tanh and the expm1 it
 * calls (s_tanh.c, s_expm1.c), fdlibm's log1p (s_log1p.c), whose constants
 * are reproduced below under fdlibm's notice:
 *
 *   Copyright (C) 1993 by Sun Microsystems, Inc. All rights reserved.
 *   Developed at SunPro, a Sun Microsystems, Inc. business.
 *   Permission to use, copy, modify, and distribute this
 *   software is freely granted, provided that this notice
 *   is preserved.
 *
 * and glibc's exp (Szabolcs Nagy's, from Arm's optimized-routines), with
 * its table of 2^(i/128): nn_exp_table.h, written by tools/mkexptab.py.
 *
 * glibc's FMA copies fuse some products and sums into one fused
 * multiply-add, rounded once: those give other bits than a product rounded
 * and then added.  The lanes use _mm256_fmadd_pd exactly where those
 * copies do, as nn_libm.c uses fma(), and separate operations everywhere
 * else; each fused step below says so.  (Some of these choices change a
 * result too rarely for any test to see, exp's fused C4 + r C5 for one:
 * they follow the copies' machine code, not the tests.)  Nothing here
 * relies on the compiler: the library is built with -ffp-contract=off, so
 * an intrinsic multiply and add stay two roundings.
 *
 * The lanes run where nn__isa_avx2_fma() (the CPU has AVX2 and FMA, and
 * NN_ISA is not "baseline") and they agree with nn_libm.c's functions on
 * arguments that tell fused from separate steps apart, in every branch;
 * otherwise the blocks call those functions one value at a time.  A lane
 * whose argument the lanes do not cover (for tanh |x| < 2^-55 or |x| >=
 * 22, for exp |x| < 2^-54 or |x| >= 512, for log1p x < 2^-29, x >= 2^53 and
 * 1 + x within 2^-20 of a power of two; infinities, NaN) is recomputed by
 * the scalar function: the same bits by definition, and rare in training.
 * Both call the public names (nn_tanh, ...), which a program may wrap to
 * count the calls (chapter 7).
 *
 * tools/vmath_check.c compares the lanes and the scalar functions with
 * each other, and with glibc's FMA copies where those run, on more than
 * 10^8 arguments each (make check-vmath); tests/check_vmath.c on a few
 * million (make check). */
#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_internal.h"
#include "nn_libm_const.h" /* fdlibm's and glibc's constants, and the exp table */

#if defined(__x86_64__) && defined(__GNUC__)
#define HAVE_LANES 1
#include <immintrin.h>
#if defined(__has_include)
#if __has_include(<sys/platform/x86.h>)
#include <sys/platform/x86.h> /* glibc's view of the CPU, as its ifuncs see it */
#define HAVE_GLIBC_X86 1
#endif
#endif
#endif

#ifdef HAVE_LANES

/* Whether this CPU can run the lanes: AVX2 and FMA. */
static int cpu_has_lanes(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define AVX2_FMA __attribute__((target("avx2,fma")))

typedef __m256d v4; /* four doubles */

/* a in every lane. */
static inline AVX2_FMA v4 v4_all(double a) { return _mm256_set1_pd(a); }

/* The double whose bits are b, in every lane. */
static inline AVX2_FMA v4 v4_all_bits(uint64_t b)
{
    return _mm256_castsi256_pd(_mm256_set1_epi64x((long long)b));
}

/* mask ? b : a, lane by lane (mask lanes all ones or all zeros): the blend
 * instruction's order, unlike nn_fast.c's pick(mask, a, b). */
static inline AVX2_FMA v4 blend(v4 a, v4 b, v4 mask) { return _mm256_blendv_pd(a, b, mask); }

/* a < b, lane by lane, as a mask (false where either is NaN). */
static inline AVX2_FMA v4 lt(v4 a, v4 b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }

/* fdlibm tests the high 32 bits of |u| against constants such as
 * 0x3fd62e42.  For a positive double that order is the order of the
 * values, so "high word < H" is |u| < the double with bits H 00000000,
 * and "high word <= H" is |u| < the double with bits H+1 00000000. */
static inline AVX2_FMA v4 high_word_below(v4 au, uint32_t h)
{
    return lt(au, v4_all_bits((uint64_t)h << 32));
}

/* The lanes outside lo <= |x| < hi, NaN included, as a 4-bit mask. */
static inline AVX2_FMA int outside(v4 x, double lo, double hi)
{
    const v4 ax = _mm256_andnot_pd(v4_all(-0.0), x);
    return _mm256_movemask_pd(_mm256_or_pd(_mm256_cmp_pd(ax, v4_all(lo), _CMP_NGE_UQ),
                                           _mm256_cmp_pd(ax, v4_all(hi), _CMP_NLT_UQ)));
}

/* y 2^k by adding k to y's exponent field, as fdlibm's SET_HIGH_WORD(y,
 * high + (k << 20)) does; y is normal and stays so. */
static inline AVX2_FMA v4 add_to_exponent(v4 y, __m256i k)
{
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(y), _mm256_slli_epi64(k, 52)));
}

/* ------------------------------------------------------ tanh and expm1 */


/* expm1(u) = e^u - 1 for the arguments tanh gives it: u = -2|x| in
 * (-2, -2^-54] or u = 2|x| in [2, 44), each lane with the bits of the C
 * library's FMA copy of fdlibm's expm1 (its k = 1 case, 0.5 ln2 < u <
 * 1.5 ln2, never occurs here and is not written). */
static inline AVX2_FMA v4 expm1_lanes(v4 u)
{
    const v4 sign = v4_all(-0.0);
    const v4 au = _mm256_andnot_pd(sign, u);

    /* 1. Argument reduction, u = k ln2 + r with |r| <= 0.5 ln2, and c the
     * rounding error of r (u = k ln2 + r + c):
     *   |u| <= 0.5 ln2 (high word <= 0x3fd62e42): k = 0, r = u;
     *   |u| <  1.5 ln2 (high word <  0x3ff0a2b2): k = +-1 (the sign of u);
     *   otherwise k = (int)(u / ln2 +- 0.5), truncated.
     * fdlibm computes the last k as invln2 * u + 0.5 in two roundings
     * (the compiler did not fuse them), so do the lanes. */
    const v4 k_is_0 = high_word_below(au, 0x3fd62e43);
    const v4 k_is_pm1 = high_word_below(au, 0x3ff0a2b2);
    const v4 half = _mm256_or_pd(v4_all(0.5), _mm256_and_pd(sign, u)); /* +-0.5, sign of u */
    v4 t = _mm256_round_pd(_mm256_add_pd(_mm256_mul_pd(v4_all(invln2), u), half),
                           _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    t = blend(t, _mm256_or_pd(v4_all(1.0), _mm256_and_pd(sign, u)), k_is_pm1);
    t = blend(t, _mm256_setzero_pd(), k_is_0);
    /* hi = u - t ln2_hi: the compiler fused it (t ln2_hi is exact, so the
     * fused and the separate forms agree); lo = t ln2_lo is not fused.
     * For k = +-1 fdlibm writes hi = u -+ ln2_hi, lo = +-ln2_lo: the same
     * numbers.  For k = 0 it takes r = u, c = 0: with t = 0, hi = u and
     * lo = 0 give those too. */
    const v4 hi = _mm256_fnmadd_pd(t, v4_all(ln2_hi), u);
    const v4 lo = _mm256_mul_pd(t, v4_all(ln2_lo));
    const v4 r = _mm256_sub_pd(hi, lo);
    const v4 c = _mm256_sub_pd(_mm256_sub_pd(hi, r), lo);

    /* 2. expm1(r) by fdlibm's rational function: hfx = r/2, hxs = r^2/2,
     *   r1 = R1 + h2 R2 + h4 R3 with R1 = 1 + hxs Q1, R2 = Q2 + hxs Q3,
     *   R3 = Q4 + hxs Q5, h2 = hxs^2, h4 = h2^2;
     *   t3 = 3 - r1 hfx,  e = hxs ((r1 - t3) / (6 - r t3)).
     * Fused, as the compiler fused them: R1, R2, R3, both sums of r1 (from
     * the left: (R1 + h2 R2) + h4 R3), t3 and 6 - r t3.  Not fused:
     * hfx, hxs, h2, h4 (plain products) and e's final product. */
    const v4 hfx = _mm256_mul_pd(v4_all(0.5), r);
    const v4 hxs = _mm256_mul_pd(r, hfx);
    const v4 R1 = _mm256_fmadd_pd(hxs, v4_all(Q1), v4_all(1.0));
    const v4 h2 = _mm256_mul_pd(hxs, hxs);
    const v4 R2 = _mm256_fmadd_pd(hxs, v4_all(Q3), v4_all(Q2));
    const v4 h4 = _mm256_mul_pd(h2, h2);
    const v4 R3 = _mm256_fmadd_pd(hxs, v4_all(Q5), v4_all(Q4));
    const v4 r1 = _mm256_fmadd_pd(h4, R3, _mm256_fmadd_pd(h2, R2, R1));
    const v4 t3 = _mm256_fnmadd_pd(r1, hfx, v4_all(3.0));
    v4 e = _mm256_mul_pd(hxs, _mm256_div_pd(_mm256_sub_pd(r1, t3),
                                            _mm256_fnmadd_pd(r, t3, v4_all(6.0))));

    /* k = 0: expm1(u) = r - (r e - hxs), the inner one fused. */
    const v4 y0 = _mm256_sub_pd(r, _mm256_fmsub_pd(r, e, hxs));

    /* Otherwise fold c in: e = (r (e - c) - c) - hxs, the first
     * difference fused, the last one not. */
    e = _mm256_sub_pd(_mm256_fmsub_pd(r, _mm256_sub_pd(e, c), c), hxs);

    /* 3. Scale back.  k = -1: 0.5 (r - e) - 0.5, fused (the product by 0.5
     * is exact, so fused and separate agree). */
    const v4 ym1 = _mm256_fmadd_pd(v4_all(0.5), _mm256_sub_pd(r, e), v4_all(-0.5));

    /* Other k: y = 2^k (something near 1), by adding k to the exponent.
     *   k <= -2 or k > 56:  2^k (1 - (e - r)) - 1
     *   k < 20:             2^k ((1 - 2^-k) - (e - r))
     *   20 <= k <= 56:      2^k ((r - (e + 2^-k)) + 1)
     * 1 - 2^-k is exact for these k, as fdlibm's high-word construction of
     * it is.  No step here is a product: nothing to fuse. */
    const __m256i k = _mm256_cvtepi32_epi64(_mm256_cvtpd_epi32(t));
    const v4 two_mk = _mm256_castsi256_pd(
        _mm256_slli_epi64(_mm256_sub_epi64(_mm256_set1_epi64x(1023), k), 52)); /* 2^-k */
    const v4 e_minus_r = _mm256_sub_pd(e, r);
    const v4 y_far = _mm256_sub_pd(v4_all(1.0), e_minus_r);
    const v4 y_low = _mm256_sub_pd(_mm256_sub_pd(v4_all(1.0), two_mk), e_minus_r);
    const v4 y_high =
        _mm256_add_pd(_mm256_sub_pd(r, _mm256_add_pd(e, two_mk)), v4_all(1.0));
    const v4 far = _mm256_or_pd(lt(t, v4_all(-1.5)), lt(v4_all(56.5), t));
    const v4 high = lt(v4_all(19.5), t);
    v4 y = add_to_exponent(blend(blend(y_low, y_high, high), y_far, far), k);
    y = blend(y, _mm256_sub_pd(y, v4_all(1.0)), far);

    return blend(blend(y, ym1, k_is_pm1), y0, k_is_0);
}

/* tanh(x) for 2^-55 <= |x| < 22 (*rare: the other lanes), by fdlibm's tanh:
 *   |x| >= 1:  1 - 2 / (expm1(2|x|) + 2)
 *   |x| <  1:  -t / (t + 2), t = expm1(-2|x|)
 * with the sign of x.  Nothing here is fused (tanh itself is one copy,
 * compiled without FMA); 2|x| is |x| + |x| there, and -2|x| a product:
 * both exact. */
static inline AVX2_FMA v4 tanh_lanes(v4 x, int *rare)
{
    *rare = outside(x, 0x1p-55, 22.0);
    const v4 sign = v4_all(-0.0);
    const v4 ax = _mm256_andnot_pd(sign, x);
    const v4 big = _mm256_cmp_pd(ax, v4_all(1.0), _CMP_GE_OQ);
    const v4 t = expm1_lanes(blend(_mm256_mul_pd(ax, v4_all(-2.0)), _mm256_add_pd(ax, ax), big));
    const v4 q = _mm256_div_pd(blend(_mm256_xor_pd(t, sign), v4_all(2.0), big),
                               _mm256_add_pd(t, v4_all(2.0)));
    const v4 z = blend(q, _mm256_sub_pd(v4_all(1.0), q), big);
    return _mm256_xor_pd(z, _mm256_and_pd(sign, x));
}

/* ------------------------------------------------------------------- exp */


/* exp(x) for 2^-54 <= |x| < 512 (*rare: the other lanes), each lane with
 * the bits of the C library's FMA copy:
 *   exp(x) = 2^(k/N) exp(r),  x = k ln2/N + r,  |r| <= ln2/2N,
 *   2^(k/N) = 2^(k/N - i/N) H_i (1 + T_i), i = k mod N,
 *   exp(x) ~ s + s tmp,  s = 2^(k/N - i/N) H_i,
 *   tmp = T_i + r + r^2 (C2 + r C3) + r^4 (C4 + r C5). */
static inline AVX2_FMA v4 exp_lanes(v4 x, int *rare)
{
    *rare = outside(x, 0x1p-54, 512.0);
    /* k = round(x N/ln2): x InvLn2N + Shift fused (one rounding, to an
     * integer in the low bits of kd, which ki keeps), then Shift off. */
    v4 kd = _mm256_fmadd_pd(x, v4_all(InvLn2N), v4_all(Shift));
    const __m256i ki = _mm256_castpd_si256(kd);
    kd = _mm256_sub_pd(kd, v4_all(Shift));
    /* r = x - k ln2/N as (x + kd NegLn2hiN) + kd NegLn2loN, both fused */
    const v4 r = _mm256_fmadd_pd(kd, v4_all(NegLn2loN), _mm256_fmadd_pd(kd, v4_all(NegLn2hiN), x));
    /* the table's two words for i = k mod N; k << 45 moves k/N into the
     * exponent of H_i (whose word has i << 45 taken off) */
    const __m256i i2 = _mm256_slli_epi64(_mm256_and_si256(ki, _mm256_set1_epi64x(N_EXP - 1)), 1);
    const long long *tab = (const long long *)exp_table;
    const v4 tail = _mm256_castsi256_pd(_mm256_i64gather_epi64(tab, i2, 8));
    const v4 scale = _mm256_castsi256_pd(_mm256_add_epi64(
        _mm256_i64gather_epi64(tab + 1, i2, 8), _mm256_slli_epi64(ki, 52 - 7)));
    /* tmp = ((T_i + r) + r2 (C2 + r C3)) + (r2 r2) (C4 + r C5): the two
     * inner polynomials and the two outer products fused, T_i + r and the
     * squares not */
    const v4 r2 = _mm256_mul_pd(r, r);
    const v4 c23 = _mm256_fmadd_pd(r, v4_all(C3), v4_all(C2));
    const v4 c45 = _mm256_fmadd_pd(r, v4_all(C5), v4_all(C4));
    const v4 tmp = _mm256_fmadd_pd(_mm256_mul_pd(r2, r2), c45,
                                   _mm256_fmadd_pd(r2, c23, _mm256_add_pd(tail, r)));
    /* s + s tmp, fused */
    return _mm256_fmadd_pd(scale, tmp, scale);
}

/* ----------------------------------------------------------------- log1p */


/* log1p(x) for 2^-29 <= x < 2^53, each lane with the bits of the C
 * library's FMA copy of fdlibm's log1p; *rare: the other lanes, and those
 * where fdlibm takes its |f| < 2^-20 shortcut (1 + x within 2^-20 of a
 * power of two). */
static inline AVX2_FMA v4 log1p_lanes(v4 x, int *rare)
{
    const __m256i low20 = _mm256_set1_epi64x(0xfffff);
    /* 1. Reduction, 1 + x = 2^k (1 + f) with sqrt(2)/2 < 1 + f < sqrt(2).
     * Below 0.41422 (high word < 0x3fda827a): k = 0, f = x.  Otherwise
     * u = 1 + x, k its exponent, c = the rounding error of u over u:
     *   c = (1 - (u - x)) / u  if k > 0 (u >= 2),
     *   c = (x - (u - 1)) / u  if k = 0;
     * then u's significand hu (high word's low 20 bits) below 0x6a09e
     * (sqrt(2)) makes 1 + f = u / 2^k, and above it 1 + f = u / 2^(k+1),
     * with hu = (0x100000 - hu) >> 2 for the shortcut test.  Nothing here
     * is fused. */
    const v4 small = high_word_below(x, 0x3fda827a);
    const v4 u = _mm256_add_pd(x, v4_all(1.0));
    const __m256i ub = _mm256_castpd_si256(u);
    const v4 c = _mm256_div_pd(
        blend(_mm256_sub_pd(x, _mm256_sub_pd(u, v4_all(1.0))),
             _mm256_sub_pd(v4_all(1.0), _mm256_sub_pd(u, x)),
             _mm256_cmp_pd(u, v4_all(2.0), _CMP_GE_OQ)),
        u);
    __m256i hu = _mm256_and_si256(_mm256_srli_epi64(ub, 32), low20);
    __m256i k = _mm256_sub_epi64(_mm256_srli_epi64(ub, 52), _mm256_set1_epi64x(1023));
    const __m256i halve = _mm256_cmpgt_epi64(hu, _mm256_set1_epi64x(0x6a09d));
    k = _mm256_sub_epi64(k, halve); /* halve is -1 where true */
    const __m256i normal =
        _mm256_or_si256(_mm256_and_si256(ub, _mm256_set1_epi64x(0x000fffffffffffff)),
                        _mm256_blendv_epi8(_mm256_set1_epi64x(0x3ff0000000000000),
                                           _mm256_set1_epi64x(0x3fe0000000000000), halve));
    hu = _mm256_blendv_epi8(hu, _mm256_srli_epi64(_mm256_sub_epi64(_mm256_set1_epi64x(0x100000),
                                                                   hu), 2), halve);
    const v4 shortcut = _mm256_andnot_pd(
        small, _mm256_castsi256_pd(_mm256_cmpeq_epi64(hu, _mm256_setzero_si256())));
    const v4 f = blend(_mm256_sub_pd(_mm256_castsi256_pd(normal), v4_all(1.0)), x, small);
    k = _mm256_andnot_si256(_mm256_castpd_si256(small), k);
    /* k as a double: k + 1.5 2^52 has k in its low bits */
    const v4 kd = _mm256_sub_pd(
        _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(v4_all(0x1.8p52)), k)),
        v4_all(0x1.8p52));

    const v4 covered = _mm256_and_pd(_mm256_cmp_pd(x, v4_all(0x1p-29), _CMP_GE_OQ),
                                     _mm256_cmp_pd(x, v4_all(0x1p53), _CMP_LT_OQ));
    *rare = _mm256_movemask_pd(_mm256_andnot_pd(shortcut, covered)) ^ 0xf;

    /* 2. log(1+f) = f - (hfsq - s (hfsq + R)), hfsq = f^2/2, s = f/(2+f),
     * z = s^2, R = z Lp1 + z2 R2 + z4 R3 + z6 R4 with R2 = Lp2 + z Lp3,
     * R3 = Lp4 + z Lp5, R4 = Lp6 + z Lp7, z2 = z^2, z4 = z2^2, z6 = z2 z4.
     * Fused, as the compiler fused them: R2, R3, R4, and R's three sums,
     * the first as z Lp1 + (z2 R2) (z2 R2 rounded first).  Not fused:
     * hfsq (as (0.5 f) f), the powers of z, and s (hfsq + R). */
    const v4 hfsq = _mm256_mul_pd(_mm256_mul_pd(v4_all(0.5), f), f);
    const v4 s = _mm256_div_pd(f, _mm256_add_pd(f, v4_all(2.0)));
    const v4 z = _mm256_mul_pd(s, s);
    const v4 R2 = _mm256_fmadd_pd(z, v4_all(Lp3), v4_all(Lp2));
    const v4 R3 = _mm256_fmadd_pd(z, v4_all(Lp5), v4_all(Lp4));
    const v4 R4 = _mm256_fmadd_pd(z, v4_all(Lp7), v4_all(Lp6));
    const v4 z2 = _mm256_mul_pd(z, z);
    const v4 z4 = _mm256_mul_pd(z2, z2);
    const v4 z6 = _mm256_mul_pd(z2, z4);
    v4 R = _mm256_fmadd_pd(z, v4_all(Lp1), _mm256_mul_pd(z2, R2));
    R = _mm256_fmadd_pd(z6, R4, _mm256_fmadd_pd(z4, R3, R));
    const v4 sR = _mm256_mul_pd(s, _mm256_add_pd(hfsq, R));

    /* 3. k = 0: f - (hfsq - s (hfsq + R)), nothing fused.  Otherwise
     * k ln2_hi - ((hfsq - (s (hfsq + R) + (k ln2_lo + c))) - f), with
     * k ln2_lo + c and the outer k ln2_hi - (...) fused. */
    const v4 y0 = _mm256_sub_pd(f, _mm256_sub_pd(hfsq, sR));
    const v4 inner = _mm256_sub_pd(
        _mm256_sub_pd(hfsq, _mm256_add_pd(sR, _mm256_fmadd_pd(kd, v4_all(ln2_lo), c))), f);
    const v4 yk = _mm256_fmsub_pd(kd, v4_all(ln2_hi), inner);
    return blend(yk, y0, _mm256_castsi256_pd(_mm256_cmpeq_epi64(k, _mm256_setzero_si256())));
}

/* --------------------------------------------------------------- blocks */

/* y[i] = f(x[i]) four at a time, y may be x; a short tail is padded to
 * four lanes with 0.5; a lane f leaves to the scalar function (its bit set
 * in rare) calls libm_f.  Inlined into each caller, so f is too. */
static inline __attribute__((always_inline)) AVX2_FMA void
block_lanes(double *y, const double *x, size_t n, v4 (*f)(v4, int *), double (*libm_f)(double))
{
    for (size_t i = 0; i < n; i += 4) {
        const size_t w = n - i < 4 ? n - i : 4;
        double in[4] = {0.5, 0.5, 0.5, 0.5}, out[4];
        v4 v;
        if (w == 4) {
            v = _mm256_loadu_pd(x + i);
        } else {
            for (size_t l = 0; l < w; l++)
                in[l] = x[i + l];
            v = _mm256_loadu_pd(in);
        }
        int rare;
        const v4 z = f(v, &rare);
        if (w == 4 && !rare) {
            _mm256_storeu_pd(y + i, z);
            continue;
        }
        _mm256_storeu_pd(in, v);
        _mm256_storeu_pd(out, z);
        for (size_t l = 0; l < w; l++)
            y[i + l] = rare & (1 << l) ? libm_f(in[l]) : out[l];
    }
}

static AVX2_FMA void tanh_block_lanes(double *y, const double *x, size_t n)
{
    block_lanes(y, x, n, tanh_lanes, nn_tanh);
}

static AVX2_FMA void exp_block_lanes(double *y, const double *x, size_t n)
{
    block_lanes(y, x, n, exp_lanes, nn_exp);
}

static AVX2_FMA void log1p_block_lanes(double *y, const double *x, size_t n)
{
    block_lanes(y, x, n, log1p_lanes, nn_log1p);
}

/* Arguments at which glibc's function with its FMA copy and with a plain
 * copy differ in the last bit: where a fused step computed separately
 * would show.  tanh: three in each branch (|x|
 * below 0.5 ln2 / 2, below 1.5 ln2 / 2, below 1, and above 1).  log1p:
 * four below 0.41422 (k = 0), four up to 1, four above.  exp: twelve in
 * (-30, 30). */
static const double tanh_witnesses[] = {
    0x1.0b1a22c811f21p-3,  0x1.bcf9618344068p-4,  -0x1.1f8e4ba344accp-3,
    -0x1.7b32ad1e5c681p-3, -0x1.bfb8f7dd1b6e4p-3, -0x1.81a2fcc8bfe63p-3,
    0x1.b566f36e266d3p-1,  0x1.afd6fa733b292p-1,  -0x1.b0bec2eb43faep-1,
    0x1.da3fe84468923p+0,  0x1.d722557d2bfd4p+0,  0x1.9170b4c65bc9fp+0,
};
static const double log1p_witnesses[] = {
    0x1.a83ef3138f08dp-3, 0x1.004e7f2b2a57bp-2, 0x1.80499a21b487bp-2, 0x1.06b0836e07a9fp-2,
    0x1.caf091e14c21dp-2, 0x1.172e00766951ap-1, 0x1.0a3c7dcae506p-1,  0x1.e6ad5d84141b2p-2,
    0x1.2e1210bb0df12p+2, 0x1.7245917bef6e1p+0, 0x1.bd9b6c03b1118p+0, 0x1.ef444b462e4b1p+0,
};
static const double exp_witnesses[] = {
    0x1.4f5b130c818aap+4,  -0x1.c9c86e0c32513p+4, -0x1.ca1a541da2256p+0,
    0x1.ccbfbaed8f13cp+3,  -0x1.beebe9b632b25p-7, 0x1.aca3c45431696p+4,
    0x1.a1a814a73329cp-5,  0x1.a24b5d4738d6ep+4,  0x1.72c204acfb9f8p+2,
    -0x1.bb385440ee242p+4, -0x1.4f8146430cd8dp+4, 0x1.87c149800c978p+3,
};

/* Why the lanes were declined, for nn__vmath_why: empty if they were not. */
static char declined[160];

/* Whether lanes(x) is the scalar libm_f(x), bit for bit, on the witnesses and on a
 * sweep of 2,000 arguments from 2^-56 to about 2^(e_top + 1), both signs. */
static int agree(void (*lanes)(double *, const double *, size_t), double (*libm_f)(double),
                 const double *witnesses, size_t n_witnesses, int e_top)
{
    enum { SWEEP = 2000, MAX_W = 16 };
    double x[MAX_W + SWEEP], y[MAX_W + SWEEP];
    size_t n = 0;
    for (size_t i = 0; i < n_witnesses && i < MAX_W; i++)
        x[n++] = witnesses[i];
    for (size_t i = 0; i < SWEEP; i++)
        x[n++] = (i % 2 ? -1.0 : 1.0) *
                 ldexp(1.0 + (double)(i % 7) / 7.0, -56 + (int)(i * (size_t)(56 + e_top) / SWEEP));
    lanes(y, x, n);
    for (size_t i = 0; i < n; i++) {
        double want = libm_f(x[i]);
        if (memcmp(&y[i], &want, sizeof want) != 0) {
            snprintf(declined, sizeof declined,
                     "the lanes gave %a where the scalar function gives %a, at x = %a", y[i],
                     want, x[i]);
            return 0;
        }
    }
    return 1;
}

static int tanh_agrees(void)
{
    return agree(tanh_block_lanes, nn__tanh, tanh_witnesses,
                 sizeof tanh_witnesses / sizeof tanh_witnesses[0], 5); /* to 30 */
}

static int exp_agrees(void)
{
    return agree(exp_block_lanes, nn__exp, exp_witnesses,
                 sizeof exp_witnesses / sizeof exp_witnesses[0], 10); /* to 1000 */
}

static int log1p_agrees(void)
{
    return agree(log1p_block_lanes, nn__log1p, log1p_witnesses,
                 sizeof log1p_witnesses / sizeof log1p_witnesses[0], 10); /* to 1000 */
}

/* ------------------------------------------------------------ dispatch */

#endif /* HAVE_LANES */

/* Whether the lanes leave x to the scalar function (their *rare), decided
 * here without them: the one-value-at-a-time blocks call the public name
 * (nn_tanh, ...) exactly for these values and the internal one otherwise,
 * so that a program that wraps the public names to count calls (chapter 7)
 * counts the same calls on every CPU.  The bits are the same either way. */
static int tanh_rare(double x) { return !(fabs(x) >= 0x1p-55 && fabs(x) < 22.0); }
static int exp_rare(double x) { return !(fabs(x) >= 0x1p-54 && fabs(x) < 512.0); }
static int log1p_rare(double x)
{
    if (!(x >= 0x1p-29 && x < 0x1p53))
        return 1;
    if (x < 0x1.a827ap-2) /* high word below 0x3fda827a: k = 0, no shortcut */
        return 0;
    uint64_t ub;
    const double u = x + 1.0;
    memcpy(&ub, &u, sizeof ub);
    uint64_t hu = (ub >> 32) & 0xfffff;
    if (hu > 0x6a09d)
        hu = (0x100000 - hu) >> 2;
    return hu == 0; /* 1 + x within 2^-20 of a power of two */
}

#ifdef HAVE_LANES

enum { WAY_UNCHOSEN, WAY_SCALAR, WAY_LANES };
static atomic_int tanh_way = WAY_UNCHOSEN, exp_way = WAY_UNCHOSEN, log1p_way = WAY_UNCHOSEN;

/* Whether to use the lanes, decided at the first call: when
 * nn__isa_avx2_fma() and agrees() says the lanes and the scalar functions
 * agree. */
static int use_lanes(atomic_int *way, int (*agrees)(void))
{
    int c = atomic_load_explicit(way, memory_order_relaxed);
    if (c == WAY_UNCHOSEN) {
        c = nn__isa_avx2_fma() && agrees() ? WAY_LANES : WAY_SCALAR;
        /* A disagreement means the lanes no longer repeat nn_libm.c step for
         * step: someone changed one and not the other.  Make both compute
         * the same operations in the same order again; tools/vmath_check
         * --lanes names the arguments where they differ. */
        atomic_store_explicit(way, c, memory_order_relaxed);
    }
    return c == WAY_LANES;
}

#endif /* HAVE_LANES */

void nn__tanh_block(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (use_lanes(&tanh_way, tanh_agrees)) {
        tanh_block_lanes(y, x, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++)
        y[i] = tanh_rare(x[i]) ? nn_tanh(x[i]) : nn__tanh(x[i]);
}

void nn__exp_block(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (use_lanes(&exp_way, exp_agrees)) {
        exp_block_lanes(y, x, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++)
        y[i] = exp_rare(x[i]) ? nn_exp(x[i]) : nn__exp(x[i]);
}

void nn__log1p_block(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (use_lanes(&log1p_way, log1p_agrees)) {
        log1p_block_lanes(y, x, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++)
        y[i] = log1p_rare(x[i]) ? nn_log1p(x[i]) : nn__log1p(x[i]);
}

int nn__tanh_lanes(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (cpu_has_lanes()) {
        tanh_block_lanes(y, x, n);
        return 1;
    }
#endif
    (void)y, (void)x, (void)n;
    return 0;
}

int nn__exp_lanes(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (cpu_has_lanes()) {
        exp_block_lanes(y, x, n);
        return 1;
    }
#endif
    (void)y, (void)x, (void)n;
    return 0;
}

int nn__log1p_lanes(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (cpu_has_lanes()) {
        log1p_block_lanes(y, x, n);
        return 1;
    }
#endif
    (void)y, (void)x, (void)n;
    return 0;
}

unsigned nn__vmath_lanes(void)
{
#ifdef HAVE_LANES
    return (use_lanes(&tanh_way, tanh_agrees) ? NN__LANES_TANH : 0) |
           (use_lanes(&exp_way, exp_agrees) ? NN__LANES_EXP : 0) |
           (use_lanes(&log1p_way, log1p_agrees) ? NN__LANES_LOG1P : 0);
#else
    return 0;
#endif
}

const char *nn__vmath_path(void)
{
    static const char *const ways[8] = {
        "tanh, exp, log1p: one value at a time",
        "tanh: avx2+fma lanes; exp, log1p: one value at a time",
        "exp: avx2+fma lanes; tanh, log1p: one value at a time",
        "tanh, exp: avx2+fma lanes; log1p: one value at a time",
        "log1p: avx2+fma lanes; tanh, exp: one value at a time",
        "tanh, log1p: avx2+fma lanes; exp: one value at a time",
        "exp, log1p: avx2+fma lanes; tanh: one value at a time",
        "tanh, exp, log1p: avx2+fma lanes",
    };
    return ways[nn__vmath_lanes()];
}

int nn__glibc_runs_fma(void)
{
#ifdef HAVE_GLIBC_X86
    return CPU_FEATURE_ACTIVE(AVX2) && CPU_FEATURE_ACTIVE(FMA);
#else
    return -1;
#endif
}

const char *nn__vmath_why(void)
{
#ifdef HAVE_LANES
    if (nn__vmath_lanes() == (NN__LANES_TANH | NN__LANES_EXP | NN__LANES_LOG1P))
        return "";
    if (!cpu_has_lanes())
        return "the CPU lacks AVX2 or FMA";
    if (!nn__isa_avx2_fma())
        return "NN_ISA=baseline";
    return declined;
#else
    return "not an x86-64 build with GCC or clang";
#endif
}

int nn__isa_avx2_fma(void)
{
    static atomic_int isa = -1;
    int v = atomic_load_explicit(&isa, memory_order_relaxed);
    if (v < 0) {
        const char *e = getenv("NN_ISA");
#ifdef HAVE_LANES
        v = !(e && strcmp(e, "baseline") == 0) && cpu_has_lanes();
#else
        (void)e;
        v = 0;
#endif
        atomic_store_explicit(&isa, v, memory_order_relaxed);
    }
    return v;
}
