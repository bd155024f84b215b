/* vmath_check: the fused core's tanh, exp and log1p against the notebook's
 * own, and those against the C library's, bit for bit.
 *
 *   vmath_check [--lanes | --glibc]        (make check-vmath)
 *
 * By default it checks nn__tanh_block, nn__exp_block and nn__log1p_block,
 * as the core calls them, against nn_tanh, nn_exp and nn_log1p
 * (nn_libm.c), and says for each whether the block computes in four AVX2
 * lanes or calls those one value at a time.  With --lanes it checks the
 * lanes themselves (nn__tanh_lanes, ...) wherever the CPU can run them,
 * whatever NN_ISA says.  With --glibc it checks the own scalar functions
 * against the C library's: where glibc runs its copies compiled for FMA,
 * nn_libm.c's; where it runs its plain copies (a CPU without FMA, or
 * GLIBC_TUNABLES=glibc.cpu.hwcaps=-AVX2,-FMA), nn_libm_plain.c's.
 * For each function it compares on more than 10^8 arguments, in groups:
 *   - uniform in value over the range training meets and past the lanes'
 *     cut-off: [-25, 25] for tanh (which stops at 22), [-600, 600] and
 *     [-40, 40] for exp (which stops at 512), [0, 1] (the cost's
 *     arguments) and [-1, 3] for log1p;
 *   - uniform in exponent: |x| from 2^-60 to past the cut-off, every
 *     exponent equally likely, random significand and sign;
 *   - normal, as hidden values are, with standard deviations 0.5, 2 and 6;
 *   - random bit patterns: every finite double, subnormals, infinities and
 *     NaNs;
 *   - a grid over the bit patterns of |x| from 0 to 32 (tanh), 1024 (exp)
 *     or 2^60 (log1p), both signs;
 *   - the 2^17 doubles on each side of every branch boundary, both signs:
 *     for tanh, its own at |x| = 2^-55, 1 and 22, those of expm1 at u = 2|x|
 *     (where its high word reaches 0x3c900000, 0x3fd62e43, 0x3ff0a2b2 and
 *     0x4043687a), and every u = (j - 1/2) ln2, j = 1 .. 64, where expm1's
 *     k steps from j - 1 to j (its scaling changes at j = 20 and 57); for
 *     exp, its cut-offs |x| = 2^-54 and 512 and the points (j + 1/2) ln2/128
 *     where k steps, for j around every multiple of 128 (where the table
 *     index wraps) up to 1024 and every j up to 600; for log1p, its cut-offs
 *     x = 2^-29, 0.41422 (high word 0x3fda827a) and 2^53, and for every
 *     power of two 2^e up to 2^60, x = 2^e - 1 (1 + x = 2^e, where k steps
 *     and the |f| < 2^-20 shortcut begins) and x = 2^e sqrt(2) - 1 (where
 *     1 + x is halved, significand 0x6a09e);
 *   - special values.
 * The blocks passed have every length from 1 to 37 (the four-lane groups
 * and the padded tails), some computed in place.  It prints each group's
 * count and mismatches and the totals; the exit status is 1 on any
 * mismatch. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn_internal.h"


enum { CHUNK = 1 << 16 };
static const double LN2 = 0x1.62e42fefa39efp-1, TWO_PI = 0x1.921fb54442d18p+2;

typedef void block_fn(double *y, const double *x, size_t n);

static double xs[CHUNK], ys[CHUNK];
static block_fn *block;          /* the function under test ... */
static double (*libm_f)(double); /* ... and the one it must equal */
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

/* The scalar functions as blocks, one value at a time (nn_internal.h). */
NN__SCALAR_BLOCKS

static void tanh_lanes(double *y, const double *x, size_t n) { (void)nn__tanh_lanes(y, x, n); }
static void exp_lanes(double *y, const double *x, size_t n) { (void)nn__exp_lanes(y, x, n); }
static void log1p_lanes(double *y, const double *x, size_t n)
{
    (void)nn__log1p_lanes(y, x, n);
}

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
 * when in_place), compares each with libm_f, counts into *bad. */
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
        double want = libm_f(xs[i]);
        if (bits_of(ys[i]) != bits_of(want)) {
            if (*bad < 5)
                printf("  mismatch: f(%a) = %a, the block gives %a\n", xs[i], want, ys[i]);
            (*bad)++;
        }
    }
}

static void report(const char *group, unsigned long long n, unsigned long long bad)
{
    printf("  %-64s %12llu %10llu\n", group, n, bad);
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

static double lo, hi;
static double draw_uniform(void) { return lo + (hi - lo) * uniform01(); }

static int top_exponent;
static double draw_exponent(void) /* |x| from 2^-60 to 2^(top_exponent + 1) */
{
    uint64_t r = next();
    uint64_t e = (uint64_t)(0x3ff - 60) + (r >> 1) % (uint64_t)(61 + top_exponent);
    return from_bits((r & 0x800fffffffffffffULL) | e << 52);
}

static double sd;
static double draw_normal(void) /* Box-Muller */
{
    double u = uniform01(), v = uniform01();
    return sd * sqrt(-2.0 * log1p(-u)) * cos(TWO_PI * v);
}

static double draw_bits(void) { return from_bits(next()); }

/* The `side` doubles below b and the `side` from b up, with both signs. */
static void around(double b, size_t side, unsigned long long *n, unsigned long long *bad)
{
    for (int sign = 0; sign < 2; sign++) {
        uint64_t start = bits_of(b) - side;
        for (size_t part = 0; part < 2 * side; part += CHUNK) {
            size_t w = 2 * side - part < CHUNK ? 2 * side - part : CHUNK;
            for (size_t i = 0; i < w; i++)
                xs[i] = from_bits((start + part + i) | (uint64_t)sign << 63);
            compare(w, part % (2 * CHUNK) == 0, bad);
            *n += w;
        }
    }
}

/* every 2^38-th bit pattern of |x| from 0 to end, both signs */
static void grid(const char *group, double end)
{
    unsigned long long n = 0, bad = 0;
    const uint64_t step = 1ULL << 38;
    size_t k = 0;
    for (uint64_t b = 0; b < bits_of(end); b += step) {
        xs[k++] = from_bits(b);
        xs[k++] = -from_bits(b);
        if (k == CHUNK) {
            compare(k, 0, &bad);
            n += k;
            k = 0;
        }
    }
    compare(k, 0, &bad);
    report(group, n + k, bad);
}

static void common_groups(void)
{
    sd = 0.5;
    random_group("normal, sd 0.5", 4000000, draw_normal, 0);
    sd = 2.0;
    random_group("normal, sd 2", 4000000, draw_normal, 0);
    sd = 6.0;
    random_group("normal, sd 6", 4000000, draw_normal, 0);
    random_group("random bit patterns (every double, NaN and inf too)", 5000000, draw_bits, 0);
}

static void specials(const double *v, size_t nv)
{
    unsigned long long bad = 0;
    for (size_t i = 0; i < nv; i++) {
        xs[2 * i] = v[i];
        xs[2 * i + 1] = -v[i];
    }
    compare(2 * nv, 0, &bad);
    report("special values: zeros, subnormals, edges, huge, inf, NaN", 2 * nv, bad);
}

static void check_tanh(void)
{
    unsigned long long before = total, before_bad = total_bad;
    printf("tanh\n");
    lo = -25.0, hi = 25.0;
    random_group("uniform in [-25, 25]", 30000000, draw_uniform, 0);
    top_exponent = 5;
    random_group("uniform in exponent, 2^-60 <= |x| < 2^6, both signs", 30000000,
                 draw_exponent, 1);
    common_groups();
    grid("a grid: every 2^38-th double from 0 to 32, both signs", 32.0);

    unsigned long long n = 0, bad = 0;
    const double tanh_edges[] = {0x1p-55, 1.0, 22.0};
    for (size_t i = 0; i < sizeof tanh_edges / sizeof tanh_edges[0]; i++)
        around(tanh_edges[i], 1 << 17, &n, &bad);
    report("tanh's branches: |x| = 2^-55, 1, 22", n, bad);
    n = bad = 0;
    const uint32_t expm1_high_words[] = {0x3c900000, 0x3fd62e43, 0x3ff0a2b2, 0x4043687a};
    for (size_t i = 0; i < sizeof expm1_high_words / sizeof expm1_high_words[0]; i++)
        around(from_bits((uint64_t)expm1_high_words[i] << 32) / 2.0, 1 << 17, &n, &bad);
    report("expm1's branches at 2|x|: high word 0x3c900000 .. 0x4043687a", n, bad);
    n = bad = 0;
    for (int j = 1; j <= 64; j++)
        around((j - 0.5) * LN2 / 2.0, 1 << 17, &n, &bad);
    report("expm1's k steps: 2|x| = (j - 1/2) ln2, j = 1 .. 64", n, bad);

    const double v[] = {
        0.0, DBL_TRUE_MIN, 2 * DBL_TRUE_MIN, DBL_MIN - DBL_TRUE_MIN, DBL_MIN, 0x1p-56, 0x1p-55,
        0x1.fffffffffffffp-56, 0x1p-54, 0.5, 1.0, 0x1.fffffffffffffp-1, 2.0, LN2, LN2 / 2, 19.0,
        20.0, 21.0, 0x1.5ffffffffffffp+4, 22.0, 0x1.6000000000001p+4, 25.0, 40.0, 710.0, 1e300,
        DBL_MAX, INFINITY, NAN, from_bits(0x7ff0000000000001ULL),
        from_bits(0x7ff8000000000123ULL), from_bits(0x7fffffffffffffffULL)};
    specials(v, sizeof v / sizeof v[0]);
    printf("  %-64s %12llu %10llu\n\n", "tanh, all", total - before, total_bad - before_bad);
}

static void check_exp(void)
{
    unsigned long long before = total, before_bad = total_bad;
    printf("exp\n");
    lo = -40.0, hi = 40.0;
    random_group("uniform in [-40, 40]", 30000000, draw_uniform, 0);
    lo = -600.0, hi = 600.0;
    random_group("uniform in [-600, 600]", 10000000, draw_uniform, 0);
    top_exponent = 9;
    random_group("uniform in exponent, 2^-60 <= |x| < 2^10, both signs", 30000000,
                 draw_exponent, 1);
    common_groups();
    grid("a grid: every 2^38-th double from 0 to 1024, both signs", 1024.0);

    unsigned long long n = 0, bad = 0;
    around(0x1p-54, 1 << 17, &n, &bad);
    around(512.0, 1 << 17, &n, &bad);
    report("exp's cut-offs: |x| = 2^-54, 512", n, bad);
    n = bad = 0;
    for (int m = 1; m <= 8; m++) /* both signs: around() takes each b and -b */
        for (int j = 128 * m - 2; j <= 128 * m + 1; j++)
            around((j + 0.5) * LN2 / 128.0, 1 << 14, &n, &bad);
    for (int j = 0; j <= 600; j++)
        around((j + 0.5) * LN2 / 128.0, 1 << 12, &n, &bad);
    report("exp's k steps: |x| = (j + 1/2) ln2/128, j near 128 m and j <= 600", n, bad);

    const double v[] = {
        0.0, DBL_TRUE_MIN, DBL_MIN, 0x1p-55, 0x1.fffffffffffffp-55, 0x1p-54, 0.5, 1.0, LN2,
        LN2 / 128, 0x1.fffffffffffffp+8, 512.0, 700.0, 709.78, 710.0, 745.0, 746.0, 1e300,
        DBL_MAX, INFINITY, NAN, from_bits(0x7ff0000000000001ULL),
        from_bits(0x7ff8000000000123ULL), from_bits(0x7fffffffffffffffULL)};
    specials(v, sizeof v / sizeof v[0]);
    printf("  %-64s %12llu %10llu\n\n", "exp, all", total - before, total_bad - before_bad);
}

static void check_log1p(void)
{
    unsigned long long before = total, before_bad = total_bad;
    printf("log1p\n");
    lo = 0.0, hi = 1.0;
    random_group("uniform in [0, 1]", 30000000, draw_uniform, 0);
    lo = -1.0, hi = 3.0;
    random_group("uniform in [-1, 3]", 10000000, draw_uniform, 0);
    top_exponent = 59;
    random_group("uniform in exponent, 2^-60 <= |x| < 2^60, both signs", 30000000,
                 draw_exponent, 1);
    common_groups();
    grid("a grid: every 2^38-th double from 0 to 2^60, both signs", 0x1p60);

    unsigned long long n = 0, bad = 0;
    around(0x1p-29, 1 << 17, &n, &bad);
    around(from_bits(0x3fda827a00000000ULL), 1 << 17, &n, &bad);
    around(0x1p53, 1 << 17, &n, &bad);
    report("log1p's cut-offs: x = 2^-29, 0.41422, 2^53", n, bad);
    n = bad = 0;
    for (int e = 1; e <= 60; e++) {
        around(ldexp(1.0, e) - 1.0, 1 << 14, &n, &bad);
        around(ldexp(from_bits(0x3ff6a09e00000000ULL), e - 1) - 1.0, 1 << 14, &n, &bad);
    }
    report("1 + x = 2^e and 2^e sqrt(2), e = 1 .. 60", n, bad);

    const double v[] = {
        0.0, DBL_TRUE_MIN, DBL_MIN, 0x1p-54, 0x1p-29, 0x1.fffffffffffffp-30, 0.25, 0.5, 1.0,
        0x1.fffffffffffffp-1, 0x1.0000000000001p+0, 2.0, 3.0, 0x1p53, 0x1.fffffffffffffp+52,
        1e300, DBL_MAX, INFINITY, NAN, from_bits(0x7ff0000000000001ULL),
        from_bits(0x7ff8000000000123ULL), from_bits(0x7fffffffffffffffULL)};
    specials(v, sizeof v / sizeof v[0]);
    printf("  %-64s %12llu %10llu\n\n", "log1p, all", total - before, total_bad - before_bad);
}

/* The functions checked: the block the core calls, the lanes, the own
 * scalar function and its plain port as blocks (nn_internal.h), the own and
 * the C library's scalar functions, the bit of nn__vmath_lanes() that says
 * the block computes in the lanes, and the groups of arguments. */
typedef struct {
    block_fn *block, *lanes, *own, *plain;
    double (*own_f)(double), (*libm)(double);
    unsigned bit;
    void (*check)(void);
} checked_function;
static const checked_function FUNCTIONS[] = {
    {nn__tanh_block, tanh_lanes, own_tanh, plain_tanh, nn__tanh, tanh, NN__LANES_TANH,
     check_tanh},
    {nn__exp_block, exp_lanes, own_exp, plain_exp, nn__exp, exp, NN__LANES_EXP, check_exp},
    {nn__log1p_block, log1p_lanes, own_log1p, plain_log1p, nn__log1p, log1p, NN__LANES_LOG1P,
     check_log1p},
};

/* The mode the command line asks for: *lanes (--lanes), *glibc (--glibc) or
 * neither.  Returns -1 to go on, else the exit status: 0 after --help, 1
 * after an unexpected argument. */
static int parse_mode(int argc, char **argv, int *lanes, int *glibc)
{
    const char *mode = argc == 2 ? argv[1] : "";
    if (strcmp(mode, "--help") == 0) {
        printf("usage: vmath_check [--lanes | --glibc]\n"
               "Compares the fused core's tanh, exp and log1p with the notebook's own (nn_libm.c),\n"
               "bit for bit, on more than 10^8 arguments each; exits 1 on any mismatch.\n"
               "--lanes checks the four-lane versions even where the core does not use them;\n"
               "--glibc checks the own functions against the C library's: the FMA versions,\n"
               "or the plain ones (nn_libm_plain.c) where glibc runs its plain copies.\n");
        return 0;
    }
    *lanes = strcmp(mode, "--lanes") == 0;
    *glibc = strcmp(mode, "--glibc") == 0;
    if (argc > 2 || (argc == 2 && !*lanes && !*glibc)) {
        fprintf(stderr, "vmath_check: unexpected argument '%s' (see --help)\n", argv[argc - 1]);
        return 1;
    }
    return -1;
}

/* Whether this machine can run the check the mode asks for: --lanes needs
 * AVX2 and FMA, --glibc needs to know which copies glibc runs (*fma_copies:
 * 1 its FMA copies, 0 its plain ones).  If not, says why on stderr. */
static int can_check(int lanes, int glibc, int *fma_copies)
{
    double probe = 0.5;
    if (lanes && !nn__tanh_lanes(&probe, &probe, 1)) {
        fprintf(stderr, "vmath_check: --lanes: this CPU cannot run the lanes (AVX2 and FMA)\n");
        return 0;
    }
    *fma_copies = glibc ? nn__glibc_runs_fma() : 1;
    if (*fma_copies < 0) {
        fprintf(stderr, "vmath_check: --glibc: cannot tell which copies glibc runs here\n");
        return 0;
    }
    return 1;
}

/* What the core computes, what is checked against what, and the columns. */
static void print_heading(int lanes, int glibc, int fma_copies)
{
    printf("the fused core computes: %s\n", nn__vmath_path());
    if (glibc)
        printf("checking: the C library's tanh, exp and log1p against %s\n\n",
               fma_copies ? "nn_libm.c's (glibc runs its FMA copies here)"
                          : "nn_libm_plain.c's (glibc runs its plain copies here)");
    else
        printf("checking: %s against nn_tanh, nn_exp, nn_log1p\n\n",
               lanes ? "the four-lane versions (--lanes)"
                     : "nn__tanh_block, nn__exp_block, nn__log1p_block");
    printf("  %-64s %12s %10s\n", "arguments", "checked", "mismatches");
}

/* block and libm_f for f in the mode: the own function against the C
 * library's (glibc), or the lanes or the block against the own function;
 * used is nn__vmath_lanes().  Returns 1 if the block would call the scalar
 * function itself on a CPU that can run the lanes (a trivial comparison is a
 * failure), else 0. */
static int choose_pair(const checked_function *f, int lanes, int glibc, int fma_copies,
                       unsigned used)
{
    if (glibc) { /* the C library's is the one compared with */
        block = fma_copies ? f->own : f->plain;
        libm_f = f->libm;
        return 0;
    }
    block = lanes ? f->lanes : f->block;
    libm_f = f->own_f;
    if (!lanes && !(used & f->bit)) {
        printf("(the block calls the scalar function itself here: %s)\n", nn__vmath_why());
        const char *isa = getenv("NN_ISA");
        double probe = 0.5;
        if (nn__tanh_lanes(&probe, &probe, 1) && !(isa && strcmp(isa, "baseline") == 0)) {
            fprintf(stderr, "vmath_check: the lanes are declined on a CPU that has AVX2 "
                            "and FMA: %s\n", nn__vmath_why());
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    int lanes = 0, glibc = 0, fma_copies = 1;
    int status = parse_mode(argc, argv, &lanes, &glibc);
    if (status >= 0)
        return status;
    if (!can_check(lanes, glibc, &fma_copies))
        return 1;
    unsigned used = nn__vmath_lanes();
    print_heading(lanes, glibc, fma_copies);
    for (size_t k = 0; k < sizeof FUNCTIONS / sizeof FUNCTIONS[0]; k++) {
        if (choose_pair(&FUNCTIONS[k], lanes, glibc, fma_copies, used))
            return 1;
        FUNCTIONS[k].check();
    }

    printf("  %-64s %12llu %10llu\n", "total", total, total_bad);
    if (fclose(stdout) != 0) {
        perror("vmath_check: stdout");
        return 1;
    }
    return total_bad == 0 ? 0 : 1;
}
