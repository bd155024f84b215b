/* check_vmath: the block tanh, exp and log1p of the fused core
 * (nn__tanh_block, nn__exp_block, nn__log1p_block: four AVX2 lanes at a
 * time where the CPU and the library allow) return the C library's bit for
 * bit: on
 * every branch boundary (of tanh and the expm1 it calls; exp's cut-offs
 * and steps of k; log1p's cut-offs, steps of k and halvings), on random
 * arguments, on special values, for every block length and in place.
 * make check-vmath runs the same comparison on more than 10^8 arguments
 * each. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "nn_internal.h"
#include "tests.h"

static uint64_t bits_of(double x)
{
    uint64_t u;
    memcpy(&u, &x, sizeof u);
    return u;
}

static double from_bits(uint64_t u)
{
    double x;
    memcpy(&x, &u, sizeof x);
    return x;
}

static uint64_t state;
static uint64_t next(void) /* splitmix64 */
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

typedef void block_fn(double *y, const double *x, size_t n);

enum { TANH, EXP, LOG1P };
static double (*libm_f)(double);

/* Test i's function: TANH, EXP or LOG1P, as the core calls it. */
static block_fn *way(int i)
{
    static block_fn *const blocks[] = {nn__tanh_block, nn__exp_block, nn__log1p_block};
    static double (*const libm[])(double) = {tanh, exp, log1p};
    libm_f = libm[i];
    return blocks[i];
}

enum { N = 1 << 14 };
static double xs[N], ys[N];

/* f over xs[0 .. n) in blocks of 1, 2, ..., 11 values, every result equal
 * to libm_f's in every bit; returns the number compared. */
static size_t compare(block_fn *f, size_t n)
{
    for (size_t i = 0, w = 1; i < n; i += w, w = w % 11 + 1)
        f(ys + i, xs + i, w < n - i ? w : n - i);
    /* one assertion per call: each of Check's assertions costs a system call */
    size_t bad = 0, first = 0;
    for (size_t i = 0; i < n; i++)
        if (bits_of(ys[i]) != bits_of(libm_f(xs[i])) && bad++ == 0)
            first = i;
    ck_assert_msg(bad == 0, "%zu of %zu differ, the first: f(%a) = %a, the block gives %a",
                  bad, n, xs[first], libm_f(xs[first]), ys[first]);
    return n;
}

/* 2^12 doubles on each side of b, both signs. */
static size_t around(block_fn *f, double b)
{
    size_t n = 0;
    for (int sign = 0; sign < 2; sign++)
        for (size_t half = 0; half < 2; half++) {
            for (size_t i = 0; i < 4096; i++)
                xs[i] = from_bits((bits_of(b) - 4096 + half * 4096 + i) | (uint64_t)sign << 63);
            n += compare(f, 4096);
        }
    return n;
}

START_TEST(every_branch_boundary)
{
    block_fn *f = way(_i);
    const double ln2 = 0x1.62e42fefa39efp-1;
    size_t n = 0, edges = 0;
    if (_i == TANH) {
        /* tanh's: |x| = 2^-55 (tiny), 1 (which expm1), 22 (saturated) */
        n += around(f, 0x1p-55) + around(f, 1.0) + around(f, 22.0);
        /* expm1's at u = 2|x|: its high word reaches 0x3fd62e43 (k = 0
         * ends), 0x3ff0a2b2 (k = +-1 ends), 0x4043687a (56 ln2) */
        n += around(f, from_bits(0x3fd62e4300000000ULL) / 2.0);
        n += around(f, from_bits(0x3ff0a2b200000000ULL) / 2.0);
        n += around(f, from_bits(0x4043687a00000000ULL) / 2.0);
        /* expm1's k = j - 1 to j, u = (j - 1/2) ln2; its scaling changes
         * at 20 and 57 */
        for (int j = 1; j <= 64; j++)
            n += around(f, (j - 0.5) * ln2 / 2.0);
        edges = 70;
    } else if (_i == LOG1P) {
        /* log1p's cut-offs (2^-29, 0.41422, 2^53); 1 + x = 2^e, where k
         * steps and the |f| < 2^-20 shortcut begins; 1 + x = 2^e sqrt(2),
         * where it is halved */
        n += around(f, 0x1p-29) + around(f, from_bits(0x3fda827a00000000ULL)) +
             around(f, 0x1p53);
        for (int e = 1; e <= 60; e++)
            n += around(f, ldexp(1.0, e) - 1.0) +
                 around(f, ldexp(from_bits(0x3ff6a09e00000000ULL), e - 1) - 1.0);
        edges = 3 + 120;
    } else {
        /* exp's cut-offs, and k = round(128 x / ln2) stepping to j + 1,
         * with the table index wrapping at j = 127, 255, ... */
        n += around(f, 0x1p-54) + around(f, 512.0);
        for (int j = 0; j < 140; j++)
            n += around(f, (j + 0.5) * ln2 / 128.0);
        for (int m = 2; m <= 8; m++)
            n += around(f, (128 * m - 0.5) * ln2 / 128.0);
        edges = 2 + 140 + 7;
    }
    ck_assert_uint_eq(n, edges * 4 * 4096);
}
END_TEST

START_TEST(random_arguments)
{
    block_fn *f = way(_i);
    state = 2024;
    for (int round = 0; round < 64; round++) {
        for (size_t i = 0; i < N; i++) {
            uint64_t r = next();
            /* uniform in [-25, 25] for tanh, [-600, 600] for exp, [0, 1]
             * for log1p; or uniform in exponent, 2^-60 .. 2^6, 2^10 or 2^60,
             * both signs */
            static const double width[] = {25.0, 600.0, 0.5}, centre[] = {0.0, 0.0, 0.5};
            static const unsigned exponents[] = {66, 70, 120};
            const double u = 2.0 * (double)(r >> 11) * 0x1p-53 - 1.0; /* [-1, 1) */
            if (i % 2)
                xs[i] = centre[_i] + width[_i] * u;
            else
                xs[i] = from_bits((r & 0x800fffffffffffffULL) |
                                  (uint64_t)(0x3ff - 60 + (r >> 1) % exponents[_i]) << 52);
        }
        compare(f, N);
    }
}
END_TEST

START_TEST(special_values)
{
    block_fn *f = way(_i);
    const double v[] = {0.0, DBL_TRUE_MIN, DBL_MIN, 0x1.fffffffffffffp-56, 0x1p-55, 0x1p-54,
                        0x1p-29, 0.5, 1.0, 0x1.5ffffffffffffp+4, 22.0, 0x1.fffffffffffffp+8,
                        512.0, 709.0, 710.0, 746.0, 0x1p53, 1e300, DBL_MAX, INFINITY, NAN,
                        from_bits(0x7ff0000000000001ULL), from_bits(0x7ff8000000000123ULL)};
    const size_t nv = sizeof v / sizeof v[0];
    for (size_t i = 0; i < nv; i++) {
        xs[2 * i] = v[i];
        xs[2 * i + 1] = -v[i];
    }
    compare(f, 2 * nv);
    if (_i != EXP) /* tanh and log1p keep the sign of zero */
        ck_assert(signbit(ys[0]) == 0 && signbit(ys[1]) != 0);
}
END_TEST

START_TEST(every_length_in_place_and_empty)
{
    block_fn *f = way(_i);
    double x[40] = {0.0}, y[40] = {0.0};
    for (size_t n = 0; n <= 40; n++) {
        for (size_t i = 0; i < n; i++)
            x[i] = y[i] = (double)(i * 7 % 13) - 6.3 + (double)n / 64.0;
        f(y, y, n);
        for (size_t i = 0; i < n; i++)
            ck_assert_msg(bits_of(y[i]) == bits_of(libm_f(x[i])), "n = %zu, f(%a)", n, x[i]);
    }
    y[0] = 42.0;
    f(y, x, 0);
    ck_assert(y[0] == 42.0);
}
END_TEST

Suite *vmath_suite(void)
{
    Suite *s = suite_create("vmath");
    TCase *tc = tcase_create("tanh, exp and log1p");
    tcase_add_loop_test(tc, special_values, 0, 3);
    tcase_add_loop_test(tc, every_length_in_place_and_empty, 0, 3);
    suite_add_tcase(s, tc);
    TCase *many = tcase_create("many");
    tcase_set_timeout(many, 120);
    tcase_set_tags(many, "long"); /* millions of arguments: not under valgrind */
    tcase_add_loop_test(many, every_branch_boundary, 0, 3);
    tcase_add_loop_test(many, random_arguments, 0, 3);
    suite_add_tcase(s, many);
    return s;
}
