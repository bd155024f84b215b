/* vmath_check: the fused core's four-lane tanh against the C library's
 * tanh, bit for bit.
 *
 *   vmath_check            (make check-vmath)
 *
 * Checks the lanes themselves (nn__tanh_lanes) where the CPU can run them,
 * whichever way nn__tanh_block has chosen, and says which way that is;
 * elsewhere it checks nn__tanh_block.  It compares on more than 10^8
 * arguments, in groups:
 *   - uniform in value over [-25, 25], the range training meets and past
 *     the cut-off at 22;
 *   - uniform in exponent: |x| from 2^-60 to 2^5, every exponent equally
 *     likely, random significand and sign;
 *   - normal, as hidden values are, with standard deviations 0.5, 2 and 6;
 *   - random bit patterns: every finite double, subnormals, infinities and
 *     NaNs;
 *   - a grid over the bit patterns of |x| from 0 to 32, both signs;
 *   - the 2^17 doubles on each side of every branch boundary, both signs:
 *     tanh's |x| = 2^-55, 1 and 22; the ones of expm1 at u = 2|x|, where
 *     its high word reaches 0x3c900000, 0x3fd62e43, 0x3ff0a2b2 and
 *     0x4043687a; and every u = (j - 1/2) ln2 (x = u/2), j = 1 .. 64, where
 *     expm1's k steps from j - 1 to j (and its scaling changes at j = 20 and
 *     57);
 *   - special values.
 * The blocks passed have every length from 1 to 37 (the four-lane groups
 * and the padded tails), some computed in place.  It prints how the block
 * computes, each group's count and mismatches, and the total; the exit
 * status is 1 on any mismatch. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_internal.h"

enum { CHUNK = 1 << 16 };
static const double LN2 = 0x1.62e42fefa39efp-1, TWO_PI = 0x1.921fb54442d18p+2;

static double xs[CHUNK], ys[CHUNK];
static void (*block)(double *y, const double *x, size_t n) = nn__tanh_block;
static unsigned long long total, total_bad;

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

static void lanes(double *y, const double *x, size_t n) { (void)nn__tanh_lanes(y, x, n); }

/* splitmix64: a fixed sequence, so a mismatch can be found again. */
static uint64_t state = 0x5eed5eed5eed5eedULL;
static uint64_t next(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform01(void) { return (double)(next() >> 11) * 0x1p-53; }

/* Computes xs[0 .. n) by blocks of lengths 1, 2, ..., 37, 1, ... (in place
 * when in_place), compares each with tanh, counts into *bad. */
static void compare(size_t n, int in_place, unsigned long long *bad)
{
    static size_t len = 0;
    for (size_t i = 0; i < n;) {
        size_t w = 1 + len++ % 37;
        if (w > n - i)
            w = n - i;
        if (in_place) {
            memcpy(ys + i, xs + i, w * sizeof *ys);
            block(ys + i, ys + i, w);
        } else {
            block(ys + i, xs + i, w);
        }
        i += w;
    }
    for (size_t i = 0; i < n; i++) {
        double want = tanh(xs[i]);
        if (bits_of(ys[i]) != bits_of(want)) {
            if (*bad < 5)
                printf("  mismatch: tanh(%a) = %a, the block gives %a\n", xs[i], want, ys[i]);
            (*bad)++;
        }
    }
}

static void report(const char *group, unsigned long long n, unsigned long long bad)
{
    printf("%-58s %12llu %10llu\n", group, n, bad);
    fflush(stdout);
    total += n;
    total_bad += bad;
}

/* count arguments drawn by draw(), in chunks */
static void random_group(const char *group, unsigned long long count, double (*draw)(void),
                         int in_place)
{
    unsigned long long bad = 0;
    for (unsigned long long done = 0; done < count;) {
        size_t n = count - done < CHUNK ? (size_t)(count - done) : CHUNK;
        for (size_t i = 0; i < n; i++)
            xs[i] = draw();
        compare(n, in_place, &bad);
        done += n;
    }
    report(group, count, bad);
}

static double draw_uniform(void) { return -25.0 + 50.0 * uniform01(); }

static double draw_exponent(void)
{
    uint64_t r = next();
    uint64_t e = 0x3ff - 60 + (r >> 1) % 66; /* 2^-60 .. 2^5 */
    return from_bits((r & 0x800fffffffffffffULL) | e << 52);
}

static double sd;
static double draw_normal(void) /* Box-Muller */
{
    double u = uniform01(), v = uniform01();
    return sd * sqrt(-2.0 * log1p(-u)) * cos(TWO_PI * v);
}

static double draw_bits(void) { return from_bits(next()); }

/* The 2^17 doubles below b and the 2^17 from b up, with both signs. */
static void around(double b, unsigned long long *n, unsigned long long *bad)
{
    enum { SIDE = 1 << 17 };
    for (int sign = 0; sign < 2; sign++) {
        uint64_t start = bits_of(b) - SIDE;
        for (size_t part = 0; part < 2 * SIDE; part += CHUNK) {
            for (size_t i = 0; i < CHUNK; i++)
                xs[i] = from_bits((start + part + i) | (uint64_t)sign << 63);
            compare(CHUNK, part % (2 * CHUNK) == 0, bad);
            *n += CHUNK;
        }
    }
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        int help = strcmp(argv[1], "--help") == 0;
        fprintf(help ? stdout : stderr,
                "usage: vmath_check\n"
                "Compares nn__tanh_block with the C library's tanh, bit for bit, on more\n"
                "than 10^8 arguments; exits 1 on any mismatch.\n");
        return help ? 0 : 1;
    }
    double probe = 0.5;
    if (nn__tanh_lanes(&probe, &probe, 1)) {
        block = lanes;
        printf("checking: the avx2+fma lanes (nn__tanh_lanes)\n");
    } else {
        printf("checking: nn__tanh_block (this CPU cannot run the lanes)\n");
    }
    printf("nn__tanh_block computes with: %s\n\n", nn__vmath_path());
    printf("%-58s %12s %10s\n", "arguments", "checked", "mismatches");

    random_group("uniform in [-25, 25]", 30000000, draw_uniform, 0);
    random_group("uniform in exponent, 2^-60 <= |x| < 2^6, both signs", 30000000,
                 draw_exponent, 1);
    sd = 0.5;
    random_group("normal, sd 0.5", 4000000, draw_normal, 0);
    sd = 2.0;
    random_group("normal, sd 2", 4000000, draw_normal, 0);
    sd = 6.0;
    random_group("normal, sd 6", 4000000, draw_normal, 0);
    random_group("random bit patterns (every double, NaN and inf too)", 5000000, draw_bits, 0);

    /* every 2^38-th bit pattern of |x| from 0 to 32, both signs */
    {
        unsigned long long n = 0, bad = 0;
        const uint64_t end = bits_of(32.0), step = 1ULL << 38;
        size_t k = 0;
        for (uint64_t b = 0; b < end; b += step) {
            xs[k++] = from_bits(b);
            xs[k++] = -from_bits(b);
            if (k == CHUNK) {
                compare(k, 0, &bad);
                n += k;
                k = 0;
            }
        }
        compare(k, 0, &bad);
        report("a grid: every 2^38-th double from 0 to 32, both signs", n + k, bad);
    }

    /* branch boundaries */
    {
        unsigned long long n = 0, bad = 0;
        const double tanh_edges[] = {0x1p-55, 1.0, 22.0};
        for (size_t i = 0; i < sizeof tanh_edges / sizeof tanh_edges[0]; i++)
            around(tanh_edges[i], &n, &bad);
        report("tanh's branches: |x| = 2^-55, 1, 22", n, bad);
        n = bad = 0;
        const uint32_t expm1_high_words[] = {0x3c900000, 0x3fd62e43, 0x3ff0a2b2, 0x4043687a};
        for (size_t i = 0; i < sizeof expm1_high_words / sizeof expm1_high_words[0]; i++)
            around(from_bits((uint64_t)expm1_high_words[i] << 32) / 2.0, &n, &bad);
        report("expm1's branches at 2|x|: high word 0x3c900000 .. 0x4043687a", n, bad);
        n = bad = 0;
        for (int j = 1; j <= 64; j++)
            around((j - 0.5) * LN2 / 2.0, &n, &bad);
        report("expm1's k steps: 2|x| = (j - 1/2) ln2, j = 1 .. 64", n, bad);
    }

    /* special values */
    {
        const double specials[] = {
            0.0, DBL_TRUE_MIN, 2 * DBL_TRUE_MIN, DBL_MIN - DBL_TRUE_MIN, DBL_MIN, 0x1p-56,
            0x1p-55, 0x1.fffffffffffffp-56, 0x1p-54, 0.5, 1.0, 0x1.fffffffffffffp-1, 2.0,
            LN2, LN2 / 2, 19.0, 20.0, 21.0, 0x1.5ffffffffffffp+4, 22.0, 0x1.6000000000001p+4,
            25.0, 40.0, 710.0, 1e300, DBL_MAX, INFINITY, NAN, from_bits(0x7ff0000000000001ULL),
            from_bits(0x7ff8000000000123ULL), from_bits(0x7fffffffffffffffULL)};
        const size_t ns = sizeof specials / sizeof specials[0];
        unsigned long long bad = 0;
        for (size_t i = 0; i < ns; i++) {
            xs[2 * i] = specials[i];
            xs[2 * i + 1] = -specials[i];
        }
        compare(2 * ns, 0, &bad);
        report("special values: zeros, subnormals, edges, huge, inf, NaN", 2 * ns, bad);
    }

    printf("%-58s %12llu %10llu\n", "total", total, total_bad);
    if (fclose(stdout) != 0) {
        perror("vmath_check: stdout");
        return 1;
    }
    return total_bad == 0 ? 0 : 1;
}
