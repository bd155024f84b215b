/* nn_vmath.c: tanh four arguments at a time, with the C library's bits.
 *
 * The hidden layer's tanh is most of a training iteration's time: 1,600
 * calls for the flower network.  nn__tanh_block computes a block of them
 * with AVX2, four lanes at once, and returns for every argument the very
 * double the C library's tanh returns, so that the fused core's results
 * stay those of the readable core, bit for bit.
 *
 * The lanes follow glibc's tanh (fdlibm's s_tanh.c) and the expm1 it calls
 * (fdlibm's s_expm1.c, Sun Microsystems 1993: "Permission to use, copy,
 * modify, and distribute this software is freely granted, provided that
 * this notice is preserved"; its constants are reproduced below).  On a
 * CPU with AVX2 and FMA, glibc runs a copy of expm1 compiled for that CPU,
 * in which the compiler fused some products and sums into one fused
 * multiply-add, rounded once: those give other bits than a product rounded
 * and then added.  The lanes use _mm256_fmadd_pd exactly where that copy
 * does and separate operations everywhere else; each fused step below says
 * so.  Nothing here relies on the compiler: the library is built with
 * -ffp-contract=off, so an intrinsic multiply and add stay two roundings.
 *
 * Which tanh the block uses is chosen once, at the first call:
 *   - the lanes, if this is x86-64, the CPU has AVX2 and FMA, the C library
 *     runs its FMA copy (glibc's own view of the CPU, tunables included),
 *     and the lanes agree with the library's tanh on arguments where the
 *     FMA copy and a plain one differ, in every branch;
 *   - otherwise the library's tanh, one call per value.
 * A lane whose argument the lanes do not cover (|x| < 2^-55, |x| >= 22,
 * infinities, NaN) is recomputed by the library's tanh: exact by
 * construction, and rare in training.
 *
 * tools/vmath_check.c compares the two on more than 10^8 arguments (make
 * check-vmath); tests/check_vmath.c on a few million (make check). */
#include <math.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "nn_internal.h"

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

enum { UNCHOSEN, LIBM, LANES };
static atomic_int chosen = UNCHOSEN;

/* Whether this CPU can run the lanes: AVX2 and FMA. */
static int cpu_has_lanes(void)
{
#ifdef HAVE_LANES
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

#ifdef HAVE_LANES

#define AVX2_FMA __attribute__((target("avx2,fma")))

typedef __m256d v4; /* four doubles */

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

static inline AVX2_FMA v4 splat(double a) { return _mm256_set1_pd(a); }

/* The double whose bits are b, in every lane. */
static inline AVX2_FMA v4 splat_bits(uint64_t b)
{
    return _mm256_castsi256_pd(_mm256_set1_epi64x((long long)b));
}

/* mask ? b : a, lane by lane (mask lanes all ones or all zeros). */
static inline AVX2_FMA v4 pick(v4 a, v4 b, v4 mask) { return _mm256_blendv_pd(a, b, mask); }

static inline AVX2_FMA v4 lt(v4 a, v4 b) { return _mm256_cmp_pd(a, b, _CMP_LT_OQ); }

/* fdlibm tests the high 32 bits of |u| against constants such as
 * 0x3fd62e42.  For a positive double that order is the order of the
 * values, so "high word < H" is |u| < the double with bits H 00000000,
 * and "high word <= H" is |u| < the double with bits H+1 00000000. */
static inline AVX2_FMA v4 high_word_below(v4 au, uint32_t h)
{
    return lt(au, splat_bits((uint64_t)h << 32));
}

/* y 2^k by adding k to y's exponent field, as fdlibm's SET_HIGH_WORD(y,
 * high + (k << 20)) does; y is normal and stays so. */
static inline AVX2_FMA v4 add_to_exponent(v4 y, __m256i k)
{
    return _mm256_castsi256_pd(_mm256_add_epi64(_mm256_castpd_si256(y), _mm256_slli_epi64(k, 52)));
}

/* expm1(u) = e^u - 1 for the arguments tanh gives it: u = -2|x| in
 * (-2, -2^-54] or u = 2|x| in [2, 44), each lane with the bits of the C
 * library's FMA copy of fdlibm's expm1 (its k = 1 case, 0.5 ln2 < u <
 * 1.5 ln2, never occurs here and is not written). */
static inline AVX2_FMA v4 expm1_lanes(v4 u)
{
    const v4 sign = splat(-0.0);
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
    const v4 half = _mm256_or_pd(splat(0.5), _mm256_and_pd(sign, u)); /* +-0.5, sign of u */
    v4 t = _mm256_round_pd(_mm256_add_pd(_mm256_mul_pd(splat(invln2), u), half),
                           _MM_FROUND_TO_ZERO | _MM_FROUND_NO_EXC);
    t = pick(t, _mm256_or_pd(splat(1.0), _mm256_and_pd(sign, u)), k_is_pm1);
    t = pick(t, _mm256_setzero_pd(), k_is_0);
    /* hi = u - t ln2_hi: the compiler fused it (t ln2_hi is exact, so the
     * fused and the separate forms agree); lo = t ln2_lo is not fused.
     * For k = +-1 fdlibm writes hi = u -+ ln2_hi, lo = +-ln2_lo: the same
     * numbers.  For k = 0 it takes r = u, c = 0: with t = 0, hi = u and
     * lo = 0 give those too. */
    const v4 hi = _mm256_fnmadd_pd(t, splat(ln2_hi), u);
    const v4 lo = _mm256_mul_pd(t, splat(ln2_lo));
    const v4 r = _mm256_sub_pd(hi, lo);
    const v4 c = _mm256_sub_pd(_mm256_sub_pd(hi, r), lo);

    /* 2. expm1(r) by fdlibm's rational function: hfx = r/2, hxs = r^2/2,
     *   r1 = R1 + h2 R2 + h4 R3 with R1 = 1 + hxs Q1, R2 = Q2 + hxs Q3,
     *   R3 = Q4 + hxs Q5, h2 = hxs^2, h4 = h2^2;
     *   t3 = 3 - r1 hfx,  e = hxs ((r1 - t3) / (6 - r t3)).
     * Fused, as the compiler fused them: R1, R2, R3, both sums of r1 (from
     * the left: (R1 + h2 R2) + h4 R3), t3 and 6 - r t3.  Not fused:
     * hfx, hxs, h2, h4 (plain products) and e's final product. */
    const v4 hfx = _mm256_mul_pd(splat(0.5), r);
    const v4 hxs = _mm256_mul_pd(r, hfx);
    const v4 R1 = _mm256_fmadd_pd(hxs, splat(Q1), splat(1.0));
    const v4 h2 = _mm256_mul_pd(hxs, hxs);
    const v4 R2 = _mm256_fmadd_pd(hxs, splat(Q3), splat(Q2));
    const v4 h4 = _mm256_mul_pd(h2, h2);
    const v4 R3 = _mm256_fmadd_pd(hxs, splat(Q5), splat(Q4));
    const v4 r1 = _mm256_fmadd_pd(h4, R3, _mm256_fmadd_pd(h2, R2, R1));
    const v4 t3 = _mm256_fnmadd_pd(r1, hfx, splat(3.0));
    v4 e = _mm256_mul_pd(hxs, _mm256_div_pd(_mm256_sub_pd(r1, t3),
                                            _mm256_fnmadd_pd(r, t3, splat(6.0))));

    /* k = 0: expm1(u) = r - (r e - hxs), the inner one fused. */
    const v4 y0 = _mm256_sub_pd(r, _mm256_fmsub_pd(r, e, hxs));

    /* Otherwise fold c in: e = (r (e - c) - c) - hxs, the first
     * difference fused, the last one not. */
    e = _mm256_sub_pd(_mm256_fmsub_pd(r, _mm256_sub_pd(e, c), c), hxs);

    /* 3. Scale back.  k = -1: 0.5 (r - e) - 0.5, fused (the product by 0.5
     * is exact, so fused and separate agree). */
    const v4 ym1 = _mm256_fmadd_pd(splat(0.5), _mm256_sub_pd(r, e), splat(-0.5));

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
    const v4 y_far = _mm256_sub_pd(splat(1.0), e_minus_r);
    const v4 y_low = _mm256_sub_pd(_mm256_sub_pd(splat(1.0), two_mk), e_minus_r);
    const v4 y_high =
        _mm256_add_pd(_mm256_sub_pd(r, _mm256_add_pd(e, two_mk)), splat(1.0));
    const v4 far = _mm256_or_pd(lt(t, splat(-1.5)), lt(splat(56.5), t));
    const v4 high = lt(splat(19.5), t);
    v4 y = add_to_exponent(pick(pick(y_low, y_high, high), y_far, far), k);
    y = pick(y, _mm256_sub_pd(y, splat(1.0)), far);

    return pick(pick(y, ym1, k_is_pm1), y0, k_is_0);
}

/* tanh(x) for 2^-55 <= |x| < 22, by fdlibm's tanh:
 *   |x| >= 1:  1 - 2 / (expm1(2|x|) + 2)
 *   |x| <  1:  -t / (t + 2), t = expm1(-2|x|)
 * with the sign of x.  Nothing here is fused (tanh itself is one copy,
 * compiled without FMA); 2|x| is |x| + |x| there, and -2|x| a product:
 * both exact. */
static inline AVX2_FMA v4 tanh_lanes(v4 x)
{
    const v4 sign = splat(-0.0);
    const v4 ax = _mm256_andnot_pd(sign, x);
    const v4 big = _mm256_cmp_pd(ax, splat(1.0), _CMP_GE_OQ);
    const v4 t = expm1_lanes(pick(_mm256_mul_pd(ax, splat(-2.0)), _mm256_add_pd(ax, ax), big));
    const v4 q = _mm256_div_pd(pick(_mm256_xor_pd(t, sign), splat(2.0), big),
                               _mm256_add_pd(t, splat(2.0)));
    const v4 z = pick(q, _mm256_sub_pd(splat(1.0), q), big);
    return _mm256_xor_pd(z, _mm256_and_pd(sign, x));
}

/* The lanes outside 2^-55 <= |x| < 22, NaN included, as a 4-bit mask. */
static inline AVX2_FMA int uncovered(v4 x)
{
    const v4 ax = _mm256_andnot_pd(splat(-0.0), x);
    return _mm256_movemask_pd(_mm256_or_pd(_mm256_cmp_pd(ax, splat(0x1p-55), _CMP_NGE_UQ),
                                           _mm256_cmp_pd(ax, splat(22.0), _CMP_NLT_UQ)));
}

/* y[i] = tanh(x[i]) four at a time, y may be x; a short tail is padded
 * to four lanes with 0.5. */
static AVX2_FMA void tanh_block_lanes(double *y, const double *x, size_t n)
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
        const v4 z = tanh_lanes(v);
        const int rare = uncovered(v);
        if (w == 4 && !rare) {
            _mm256_storeu_pd(y + i, z);
            continue;
        }
        _mm256_storeu_pd(in, v);
        _mm256_storeu_pd(out, z);
        for (size_t l = 0; l < w; l++)
            y[i + l] = rare & (1 << l) ? tanh(in[l]) : out[l];
    }
}

/* Arguments at which glibc's tanh with its FMA copy of expm1 and one with
 * a plain copy differ in the last bit: three in each branch (|x| below
 * 0.5 ln2 / 2, below 1.5 ln2 / 2, below 1, and above 1). */
static const double fma_witnesses[] = {
    0x1.0b1a22c811f21p-3,  0x1.bcf9618344068p-4,  -0x1.1f8e4ba344accp-3,
    -0x1.7b32ad1e5c681p-3, -0x1.bfb8f7dd1b6e4p-3, -0x1.81a2fcc8bfe63p-3,
    0x1.b566f36e266d3p-1,  0x1.afd6fa733b292p-1,  -0x1.b0bec2eb43faep-1,
    0x1.da3fe84468923p+0,  0x1.d722557d2bfd4p+0,  0x1.9170b4c65bc9fp+0,
};

/* Whether the lanes give the library's tanh: the CPU can run them, glibc
 * runs its FMA copy, and the two agree on the witnesses and on a sweep of
 * 2,000 arguments over every branch, both signs. */
static int lanes_match_libm(void)
{
    if (!cpu_has_lanes())
        return 0;
#ifdef HAVE_GLIBC_X86
    if (!CPU_FEATURE_ACTIVE(AVX2) || !CPU_FEATURE_ACTIVE(FMA))
        return 0;
#endif
    enum { NW = sizeof fma_witnesses / sizeof fma_witnesses[0], SWEEP = 2000 };
    double x[NW + SWEEP], y[NW + SWEEP];
    for (size_t i = 0; i < NW; i++)
        x[i] = fma_witnesses[i];
    for (size_t i = 0; i < SWEEP; i++) /* 2^-56 .. 30, both signs */
        x[NW + i] = (i % 2 ? -1.0 : 1.0) * ldexp(1.0 + (double)(i % 7) / 7.0, -56 + (int)(i / 33));
    tanh_block_lanes(y, x, NW + SWEEP);
    for (size_t i = 0; i < NW + SWEEP; i++) {
        double want = tanh(x[i]);
        if (memcmp(&y[i], &want, sizeof want) != 0)
            return 0;
    }
    return 1;
}

#endif /* HAVE_LANES */

static int choose(void)
{
    int c = atomic_load_explicit(&chosen, memory_order_relaxed);
    if (c == UNCHOSEN) {
#ifdef HAVE_LANES
        c = lanes_match_libm() ? LANES : LIBM;
#else
        c = LIBM;
#endif
        atomic_store_explicit(&chosen, c, memory_order_relaxed);
    }
    return c;
}

void nn__tanh_block(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (choose() == LANES) {
        tanh_block_lanes(y, x, n);
        return;
    }
#endif
    for (size_t i = 0; i < n; i++)
        y[i] = tanh(x[i]);
}

int nn__tanh_lanes(double *y, const double *x, size_t n)
{
#ifdef HAVE_LANES
    if (cpu_has_lanes()) {
        tanh_block_lanes(y, x, n);
        return 1;
    }
#else
    (void)y, (void)x, (void)n;
#endif
    return 0;
}

const char *nn__vmath_path(void)
{
    return choose() == LANES ? "avx2+fma lanes" : "the C library, one call per value";
}
