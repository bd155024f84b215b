/* check_vmath: the block tanh, exp and log1p of the fused core
 * (nn__tanh_block, nn__exp_block, nn__log1p_block: four AVX2 lanes at a
 * time where the CPU allows) return the notebook's own functions' bits
 * (nn_libm.c); those equal glibc's FMA-compiled functions where glibc runs
 * them, and the same functions without fma() (nn_libm_plain.c) equal
 * glibc's plain ones where glibc runs those (GLIBC_TUNABLES=glibc.cpu.
 * hwcaps=-AVX2,-FMA; make check-vmath runs that too): on
 * every branch boundary (of tanh and the expm1 it calls; exp's cut-offs
 * and steps of k; log1p's cut-offs, steps of k and halvings), on random
 * arguments, on special values, for every block length and in place.
 * make check-vmath runs the same comparison on more than 10^8 arguments
 * each. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
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

/* The scalar functions as blocks, one value at a time (nn_internal.h). */
NN__SCALAR_BLOCKS

/* Test i's pair: i % 3 is the function (TANH, EXP, LOG1P), i / 3 what is
 * compared with what:
 *   0: the core's blocks against the own scalar function;
 *   1: the own function against glibc's, where glibc runs its FMA copies;
 *   2: the plain own function against glibc's, where glibc runs its plain
 *      copies.
 * NULL when pair 1 or 2 cannot be checked here. */
static block_fn *way(int i)
{
    static block_fn *const blocks[] = {nn__tanh_block, nn__exp_block, nn__log1p_block};
    static block_fn *const own[] = {own_tanh, own_exp, own_log1p};
    static block_fn *const plain[] = {plain_tanh, plain_exp, plain_log1p};
    static double (*const own_f[])(double) = {nn__tanh, nn__exp, nn__log1p};
    static double (*const glibc[])(double) = {tanh, exp, log1p}; /* the C library's */
    const int f = i % 3, pair = i / 3, fma_copies = nn__glibc_runs_fma();
    if (pair == 0) {
        libm_f = own_f[f];
        return blocks[f];
    }
    libm_f = glibc[f];
    if (pair == 1)
        return fma_copies == 1 ? own[f] : NULL;
    return fma_copies == 0 ? plain[f] : NULL;
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
    if (f == NULL)
        return;
    const double ln2 = 0x1.62e42fefa39efp-1;
    size_t n = 0, edges = 0;
    if (_i % 3 == TANH) {
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
    } else if (_i % 3 == LOG1P) {
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
    if (f == NULL)
        return;
    const int fn = _i % 3;
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
                xs[i] = centre[fn] + width[fn] * u;
            else
                xs[i] = from_bits((r & 0x800fffffffffffffULL) |
                                  (uint64_t)(0x3ff - 60 + (r >> 1) % exponents[fn]) << 52);
        }
        compare(f, N);
    }
}
END_TEST

START_TEST(special_values)
{
    block_fn *f = way(_i);
    if (f == NULL)
        return;
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
    if (_i % 3 != EXP) /* tanh and log1p keep the sign of zero */
        ck_assert(signbit(ys[0]) == 0 && signbit(ys[1]) != 0);
}
END_TEST

START_TEST(every_length_in_place_and_empty)
{
    block_fn *f = way(_i);
    if (f == NULL)
        return;
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

/* Where the CPU can run the lanes and NN_ISA does not forbid them, all
 * three functions run in lanes: a path that switched itself off would make
 * every test above compare the scalar functions with themselves. */
START_TEST(the_lanes_run_where_the_cpu_has_them)
{
    const char *isa = getenv("NN_ISA");
    if (!nn__tanh_lanes(&(double){0.5}, &(double){0.5}, 1) || (isa && strcmp(isa, "baseline") == 0))
        return; /* no AVX2 and FMA, or asked not to */
    ck_assert_msg(nn__vmath_lanes() == (NN__LANES_TANH | NN__LANES_EXP | NN__LANES_LOG1P),
                  "the lanes are declined on a CPU that has AVX2 and FMA: %s", nn__vmath_why());
}
END_TEST

/* NN_ISA=baseline: no lanes, one value at a time, and the fused core on its
 * baseline pass, with the same bits as nn_train.  (Check runs each test in
 * a process of its own, in which nothing has read NN_ISA yet.) */
START_TEST(isa_baseline_gives_the_same_bits)
{
    ck_assert_int_eq(setenv("NN_ISA", "baseline", 1), 0);
    ck_assert_int_eq(nn__isa_avx2_fma(), 0);
    ck_assert_uint_eq(nn__vmath_lanes(), 0);
    nn_dataset *d = nn_data_flower();
    ck_assert_ptr_nonnull(d);
    nn_params *a = nn_params_alloc(2, 4, NN_TANH), *b = nn_params_alloc(2, 4, NN_TANH);
    nn_rng *rng = nn_rng_alloc(2);
    nn_params_init(a, rng, NN_INIT_SCALE);
    ck_assert_int_eq(nn_params_copy(b, a), NN_OK);
    size_t m = d->X->size2;
    nn_cache *cache = nn_cache_alloc(4, m);
    nn_grads *grads = nn_grads_alloc(2, 4, m);
    nn_trainer *t = nn_trainer_alloc(2, 4, m);
    double ca[300], cb[300];
    nn_train_options opt = {.learning_rate = 1.2, .iterations = 300};
    ck_assert_int_eq(nn_train(a, cache, grads, d->X, d->Y, &opt, ca), NN_OK);
    ck_assert_int_eq(nn_train_fast(b, t, cache, d->X, d->Y, &opt, cb), NN_OK);
    ck_assert_msg(memcmp(ca, cb, sizeof ca) == 0, "the costs differ");
    for (size_t k = 0; k < nn_params_count(a); k++)
        ck_assert(bits_of(*nn_params_at(a, k)) == bits_of(*nn_params_at(b, k)));
    nn_trainer_free(t);
    nn_grads_free(grads);
    nn_cache_free(cache);
    nn_rng_free(rng);
    nn_params_free(a);
    nn_params_free(b);
    nn_dataset_free(d);
}
END_TEST

Suite *vmath_suite(void)
{
    Suite *s = suite_create("vmath");
    TCase *tc = tcase_create("tanh, exp and log1p");
    tcase_add_loop_test(tc, special_values, 0, 9);
    tcase_add_loop_test(tc, every_length_in_place_and_empty, 0, 9);
    tcase_add_test(tc, isa_baseline_gives_the_same_bits);
    tcase_add_test(tc, the_lanes_run_where_the_cpu_has_them);
    suite_add_tcase(s, tc);
    TCase *many = tcase_create("many");
    tcase_set_timeout(many, 120);
    tcase_set_tags(many, "long"); /* millions of arguments: not under valgrind */
    tcase_add_loop_test(many, every_branch_boundary, 0, 9);
    tcase_add_loop_test(many, random_arguments, 0, 9);
    suite_add_tcase(s, many);
    return s;
}
