/* bench: how fast the network trains, side by side with numpy.
 *
 *   bench --data DIR [--python PROGRAM] [--quick]
 *
 * In one run it prints
 *   1. the flower (n_h = 4, m = 400, 10,000 iterations at learning rate 1.2
 *      from the course's start): the readable nn_train, the fused
 *      nn_train_fast with the cost on every iteration and on every 1000th,
 *      and the numpy reference (tools/bench_numpy.py) doing the same, as
 *      microseconds per iteration and as ratios;
 *   2. the libm floor: the time of the tanh, exp and log1p calls one
 *      iteration needs, on the arguments training meets, made through the
 *      same functions the core calls (nn__tanh_block, nn__exp_block and
 *      nn__log1p_block, in blocks of 32 as the core calls them: four lanes
 *      at a time where the CPU allows, see nn_vmath.c); and the fused
 *      core's time over it;
 *   3. the scaling table over m and n_h, numpy on one thread.
 * Each figure is the fastest of several runs, the programs interleaved, and
 * every timer is around the training alone.  Timings vary from run to run:
 * they are printed, never written to a file.  Without numpy (make
 * deps-bench installs it) the numpy columns are left out. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "nb.h"
#include "nn_internal.h" /* nn__tanh_block, the core's tanh */


static const char *python = "python3";
static int have_numpy;
static char data_file[64] = "";

static void remove_data_file(void)
{
    if (data_file[0])
        unlink(data_file);
}

/* The problem as raw doubles for the numpy side: n_x, m, X, Y, W1, W2. */
static void write_problem(const gsl_matrix *X, const gsl_matrix *Y, const nn_params *p)
{
    if (data_file[0] == '\0') {
        snprintf(data_file, sizeof data_file, "/tmp/nn-bench-XXXXXX");
        int fd = mkstemp(data_file);
        if (fd < 0)
            nb_die("cannot create a temporary file for the numpy side");
        close(fd);
        atexit(remove_data_file);
    }
    FILE *f = fopen(data_file, "wb");
    if (f == NULL)
        nb_die("cannot write %s", data_file);
    double head[2] = {(double)X->size1, (double)X->size2};
    fwrite(head, sizeof head[0], 2, f);
    for (size_t k = 0; k < X->size1; k++)
        fwrite(gsl_matrix_const_ptr(X, k, 0), sizeof(double), X->size2, f);
    fwrite(Y->data, sizeof(double), Y->size2, f);
    for (size_t j = 0; j < p->n_h; j++)
        fwrite(gsl_matrix_const_ptr(p->W1, j, 0), sizeof(double), p->n_x, f);
    fwrite(p->W2->data, sizeof(double), p->n_h, f);
    if (fclose(f) != 0)
        nb_die("cannot write %s", data_file);
}

/* numpy's microseconds per iteration on the problem last written, or NAN.
 * python and its arguments go to nb_run as an argument vector: no shell. */
static double numpy_time(size_t n_h, size_t iterations, size_t cost_every, int repeats)
{
    if (!have_numpy)
        return NAN;
    char a_nh[32], a_its[32], a_every[32], a_reps[32], out[256];
    snprintf(a_nh, sizeof a_nh, "%zu", n_h);
    snprintf(a_its, sizeof a_its, "%zu", iterations);
    snprintf(a_every, sizeof a_every, "%zu", cost_every);
    snprintf(a_reps, sizeof a_reps, "%d", repeats);
    char *argv[] = {(char *)python, "tools/bench_numpy.py", data_file, a_nh, a_its, a_every,
                    a_reps, NULL};
    double us = NAN;
    if (nb_run(argv, NULL, 0, out, sizeof out, NULL, 0) != 0 || sscanf(out, "%lf", &us) != 1)
        us = NAN;
    return us;
}

static int numpy_available(void)
{
    char *argv[] = {(char *)python, "-c", "import numpy", NULL};
    return nb_run(argv, NULL, 0, NULL, 0, NULL, 0) == 0;
}

/* ------------------------------------------------------------- the C side */

typedef struct {
    const gsl_matrix *X, *Y;
    const nn_params *start;
    nn_params *p;
    nn_cache *cache;
    nn_grads *grads;
    nn_trainer *trainer;
    double *costs;
} run;

static run run_alloc(const gsl_matrix *X, const gsl_matrix *Y, const nn_params *start,
                     size_t iterations)
{
    size_t n_x = X->size1, m = X->size2, n_h = start->n_h;
    run r = {X, Y, start, nb_ok(nn_params_alloc(n_x, n_h, start->hidden)),
             nb_ok(nn_cache_alloc(n_h, m)), nb_ok(nn_grads_alloc(n_x, n_h, m)),
             nb_ok(nn_trainer_alloc(n_x, n_h, m)), malloc(iterations * sizeof(double))};
    if (r.costs == NULL)
        nb_die("out of memory");
    return r;
}

static void run_free(run *r)
{
    nn_params_free(r->p);
    nn_cache_free(r->cache);
    nn_grads_free(r->grads);
    nn_trainer_free(r->trainer);
    free(r->costs);
}

/* Microseconds per iteration: readable (fused = 0) or fused. */
static double c_time(run *r, int fused, size_t iterations, size_t cost_every)
{
    nb_try(nn_params_copy(r->p, r->start));
    nn_train_options opt = {.learning_rate = NB_COURSE_LEARNING_RATE,
                            .iterations = iterations, .cost_every = cost_every};
    double t0 = nb_seconds();
    nn_status s = fused ? nn_train_fast(r->p, r->trainer, NULL, r->X, r->Y, &opt, r->costs)
                        : nn_train(r->p, r->cache, r->grads, r->X, r->Y, &opt, r->costs);
    double t1 = nb_seconds();
    nb_try(s);
    return (t1 - t0) / (double)iterations * 1e6;
}

static double fmin_nan(double a, double b) { return isnan(a) ? b : isnan(b) ? a : fmin(a, b); }

/* --------------------------------------------------------- the libm floor */

enum { SNAPSHOTS = 10 };
typedef struct {
    nn_cache *cache;
    double *z1, *z2; /* SNAPSHOTS copies of Z1 (n_h m) and Z2 (m) */
    size_t n;
} snapshots;

static int snapshot(size_t iteration, double cost, void *user)
{
    (void)iteration;
    (void)cost;
    snapshots *s = user;
    size_t n_h = s->cache->Z1->size1, m = s->cache->Z1->size2;
    if (s->n < SNAPSHOTS) {
        memcpy(s->z1 + s->n * n_h * m, s->cache->Z1->data, n_h * m * sizeof(double));
        memcpy(s->z2 + s->n * m, s->cache->Z2->data, m * sizeof(double));
        s->n++;
    }
    return 0;
}

/* f(x[i]) for i < n, in blocks of 32 as the core calls it; their sum. */
static double sum_blocks(void (*f)(double *, const double *, size_t), const double *x, size_t n)
{
    double acc = 0.0, y[32];
    for (size_t i = 0; i < n; i += 32) {
        size_t w = n - i < 32 ? n - i : 32;
        f(y, x + i, w);
        for (size_t l = 0; l < w; l++)
            acc += y[l];
    }
    return acc;
}

/* The calls of one iteration, averaged over the snapshots: tanh of every
 * hidden value and exp(-z2) of every example; with the cost, log1p and the
 * exp(z2) of the examples with z2 < 0 too.  Fastest of `repeats`. */
static void libm_floor(const snapshots *s, size_t n_h, size_t m, int repeats, double *forward,
                       double *cost)
{
    volatile double sink = 0.0;
    double *arg = malloc(m * sizeof *arg), *ex = malloc(m * sizeof *ex);
    if (arg == NULL || ex == NULL)
        nb_die("out of memory");
    *forward = *cost = INFINITY;
    for (int r = 0; r < repeats; r++) {
        double t0 = nb_seconds(), acc = 0.0;
        for (size_t k = 0; k < s->n; k++) {
            const double *z1 = s->z1 + k * n_h * m, *z2 = s->z2 + k * m;
            acc += sum_blocks(nn__tanh_block, z1, n_h * m);
            for (size_t i = 0; i < m; i++)
                arg[i] = -z2[i];
            acc += sum_blocks(nn__exp_block, arg, m);
        }
        double t1 = nb_seconds();
        for (size_t k = 0; k < s->n; k++) {
            const double *z2 = s->z2 + k * m;
            for (size_t i = 0; i < m; i++)
                arg[i] = z2[i] > 0.0 ? -z2[i] : z2[i];
            for (size_t i = 0; i < m; i += 32)
                nn__exp_block(ex + i, arg + i, m - i < 32 ? m - i : 32);
            acc += sum_blocks(nn__log1p_block, ex, m);
        }
        double t2 = nb_seconds();
        sink += acc;
        *forward = fmin(*forward, (t1 - t0) / (double)s->n * 1e6);
        /* the cost's extra calls: log1p, and exp(z2) where z2 < 0; the
         * loop above also repeats exp(-z2) for z2 > 0, which the core
         * shares, so that share is taken out */
        size_t shared = 0;
        for (size_t k = 0; k < s->n; k++)
            for (size_t i = 0; i < m; i++)
                shared += s->z2[k * m + i] > 0.0;
        double exp_each = (t1 - t0) / (double)s->n / (double)(n_h * m + m);
        *cost = fmin(*cost, ((t2 - t1) / (double)s->n -
                             exp_each * (double)shared / (double)s->n) * 1e6);
    }
    (void)sink;
    free(arg);
    free(ex);
}

/* ------------------------------------------------- the own functions */

/* Nanoseconds per value of f over xs[0 .. n), fastest of five. */
static double ns_per_value(double (*f)(double), const double *xs, size_t n)
{
    volatile double sink = 0.0;
    double best = INFINITY;
    for (int r = 0; r < 5; r++) {
        double t0 = nb_seconds(), acc = 0.0;
        for (size_t i = 0; i < n; i++)
            acc += f(xs[i]);
        sink += acc;
        best = fmin(best, (nb_seconds() - t0) / (double)n * 1e9);
    }
    (void)sink;
    return best;
}

static double fma_of(double x) { return fma(x, 1.0000001, -x); }

/* The notebook's own tanh, exp and log1p one value at a time, beside the
 * same code without fma() (glibc's plain versions) and the C library's;
 * and what one fma() call costs here: a CPU without the instruction
 * emulates it (GLIBC_TUNABLES=glibc.cpu.hwcaps=-FMA shows that cost), and
 * the own functions then use the emulation. */
static void own_functions(int quick)
{
    enum { N = 1 << 16 };
    static double xs[N];
    size_t n = quick ? N / 8 : N;
    for (size_t i = 0; i < n; i++)
        xs[i] = -8.0 + 16.0 * (double)i / (double)n;
    printf("== the own tanh, exp, log1p, one value at a time (ns per value; the lanes do four)\n\n"
           "| function | own (nn_libm.c) | without fma() (nn_libm_plain.c) | the C library's |\n"
           "|---|---:|---:|---:|\n");
    static const struct {
        const char *name;
        double (*own)(double), (*plain)(double), (*libm)(double);
    } fs[] = {{"tanh", nn__tanh, nn__tanh_plain, tanh},
              {"exp", nn__exp, nn__exp_plain, exp},
              {"log1p", nn__log1p, nn__log1p_plain, log1p}};
    for (size_t k = 0; k < 3; k++) {
        if (k == 2)
            for (size_t i = 0; i < n; i++)
                xs[i] = 8.0 * (double)i / (double)n;
        printf("| %s | %.1f | %.1f | %.1f |\n", fs[k].name, ns_per_value(fs[k].own, xs, n),
               ns_per_value(fs[k].plain, xs, n), ns_per_value(fs[k].libm, xs, n));
    }
    printf("\none fma() call through the C library: %.1f ns (the instruction where the CPU has "
           "it and glibc uses it; emulated otherwise)\n\n", ns_per_value(fma_of, xs, n));
}

/* ------------------------------------------------------------------ main */

static void flower(const char *data_dir, int quick)
{
    nn_dataset *d = nb_read_flower(data_dir);
    size_t iterations = quick ? 2000 : 10000, m = d->X->size2;
    int repeats = quick ? 2 : 3;
    nn_params *start = nb_params_seeded(d, 4, NN_TANH, NB_COURSE_SEED);
    run r = run_alloc(d->X, d->Y, start, iterations);
    write_problem(d->X, d->Y, start);
    double ref = INFINITY, every = INFINITY, sparse = INFINITY, np_every = NAN, np_sparse = NAN;
    for (int k = 0; k < repeats; k++) {
        ref = fmin(ref, c_time(&r, 0, iterations, 1));
        every = fmin(every, c_time(&r, 1, iterations, 1));
        sparse = fmin(sparse, c_time(&r, 1, iterations, 1000));
        np_every = fmin_nan(np_every, numpy_time(4, iterations, 1, 1));
        np_sparse = fmin_nan(np_sparse, numpy_time(4, iterations, 1000, 1));
    }
    printf("== the flower: n_x = 2, n_h = 4, m = %zu, %zu iterations, learning rate 1.2, "
           "fastest of %d runs\n\n", m, iterations, repeats);
    printf("| training | cost computed | us per iteration | numpy's time / this |\n");
    printf("|---|---|---:|---:|\n");
    printf("| readable nn_train | every iteration | %.2f | %.2f |\n", ref, np_every / ref);
    printf("| fused nn_train_fast | every iteration | %.2f | %.2f |\n", every, np_every / every);
    printf("| fused nn_train_fast | every 1000th | %.2f | %.2f |\n", sparse, np_sparse / sparse);
    printf("| numpy reference | every iteration | %.2f | 1 |\n", np_every);
    printf("| numpy reference | every 1000th | %.2f | 1 |\n\n", np_sparse);
    printf("fused against readable: %.2fx faster with the same bits\n", ref / every);
    if (have_numpy)
        printf("against numpy: %.2fx faster, same work, cost every 1000th; "
               "%.2fx with the cost on every iteration\n\n",
               np_sparse / sparse, np_every / every);

    /* the floor, on the arguments training meets */
    snapshots s = {r.cache, malloc(SNAPSHOTS * 4 * m * sizeof(double)),
                   malloc(SNAPSHOTS * m * sizeof(double)), 0};
    if (s.z1 == NULL || s.z2 == NULL)
        nb_die("out of memory");
    nb_try(nn_params_copy(r.p, start));
    nn_train_options opt = {.learning_rate = NB_COURSE_LEARNING_RATE, .iterations = iterations,
                            .report_every = iterations / SNAPSHOTS, .progress = snapshot,
                            .user = &s, .cost_every = 1000};
    nb_try(nn_train_fast(r.p, r.trainer, r.cache, d->X, d->Y, &opt, r.costs));
    double fwd, cost;
    libm_floor(&s, 4, m, repeats * 3, &fwd, &cost);
    double floor_sparse = fwd + cost / 1000.0, floor_every = fwd + cost;
    printf("== the libm floor: the calls one iteration needs (%zu tanh, %zu exp; with the "
           "cost, %zu log1p and an exp per example with z2 < 0)\n\n", 4 * m, m, m);
    printf("the calls, as the core makes them: %s\n\n", nn__vmath_path());
    printf("| cost computed | libm floor, us | fused, us | fused / floor |\n|---|---:|---:|---:|\n");
    printf("| every iteration | %.2f | %.2f | %.2f |\n", floor_every, every, every / floor_every);
    printf("| every 1000th | %.2f | %.2f | %.2f |\n\n", floor_sparse, sparse,
           sparse / floor_sparse);
    free(s.z1);
    free(s.z2);
    run_free(&r);
    nn_params_free(start);
    nn_dataset_free(d);
}

/* Random planar data: X ~ N(0, 1), y = 1 where x1 x2 > 0. */
static void scaling(int quick)
{
    static const struct {
        size_t m, n_h;
    } shapes[] = {{400, 4}, {4000, 4}, {40000, 4}, {400000, 4}, {4000, 64}, {4000, 512}};
    size_t iterations = quick ? 20 : 100;
    printf("== scaling: %zu iterations, cost on every iteration, tanh, numpy on one thread\n\n",
           iterations);
    printf("| m | n_h | readable, us | fused, us | numpy, us | numpy's time / fused |\n");
    printf("|---:|---:|---:|---:|---:|---:|\n");
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        size_t m = shapes[k].m, n_h = shapes[k].n_h;
        nn_rng *rng = nb_ok(nn_rng_alloc(1));
        gsl_matrix *X = gsl_matrix_alloc(2, m), *Y = gsl_matrix_alloc(1, m);
        if (X == NULL || Y == NULL)
            nb_die("out of memory");
        nn_rng_fill_randn(rng, X, 1.0);
        for (size_t i = 0; i < m; i++)
            gsl_matrix_set(Y, 0, i, gsl_matrix_get(X, 0, i) * gsl_matrix_get(X, 1, i) > 0.0);
        nn_params *start = nb_ok(nn_params_alloc(2, n_h, NN_TANH));
        nn_params_init(start, rng, NN_INIT_SCALE);
        run r = run_alloc(X, Y, start, iterations);
        write_problem(X, Y, start);
        int repeats = m * n_h > 1000000 ? 1 : 3;
        double ref = INFINITY, fused = INFINITY, np = NAN;
        for (int rep = 0; rep < repeats; rep++) {
            ref = fmin(ref, c_time(&r, 0, iterations, 1));
            fused = fmin(fused, c_time(&r, 1, iterations, 1));
            np = fmin_nan(np, numpy_time(n_h, iterations, 1, 1));
        }
        printf("| %zu | %zu | %.1f | %.1f | %.1f | %.2f |\n", m, n_h, ref, fused, np, np / fused);
        fflush(stdout);
        run_free(&r);
        nn_params_free(start);
        gsl_matrix_free(X);
        gsl_matrix_free(Y);
        nn_rng_free(rng);
    }
    printf("\n");
}

/* --train readable|fused: COUNT_ITERATIONS iterations of the flower with that
 * core and nothing else, for counting instructions under callgrind (make
 * bench), which repeats to the instruction where seconds do not. */
enum { COUNT_ITERATIONS = 1000 };
static void train_only(const char *data_dir, const char *which)
{
    int fused = strcmp(which, "fused") == 0;
    if (!fused && strcmp(which, "readable") != 0)
        nb_die("--train '%s': say readable or fused", which);
    nn_dataset *d = nb_read_flower(data_dir);
    size_t m = d->X->size2;
    nn_params *p = nb_params_seeded(d, 4, NN_TANH, NB_COURSE_SEED);
    nn_train_options opt = {.learning_rate = NB_COURSE_LEARNING_RATE,
                            .iterations = COUNT_ITERATIONS};
    double *cost = nb_ok(malloc(COUNT_ITERATIONS * sizeof *cost));
    if (fused) {
        nn_trainer *t = nb_ok(nn_trainer_alloc(2, 4, m));
        nb_try(nn_train_fast(p, t, NULL, d->X, d->Y, &opt, cost));
        nn_trainer_free(t);
    } else {
        nn_cache *c = nb_ok(nn_cache_alloc(4, m));
        nn_grads *g = nb_ok(nn_grads_alloc(2, 4, m));
        nb_try(nn_train(p, c, g, d->X, d->Y, &opt, cost));
        nn_grads_free(g);
        nn_cache_free(c);
    }
    printf("%s: %d iterations, cost %.9f at the last\n", which, COUNT_ITERATIONS,
           cost[COUNT_ITERATIONS - 1]);
    free(cost);
    nn_params_free(p);
    nn_dataset_free(d);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    const char *data = NULL, *train = NULL;
    int quick = 0;
    for (int k = 1; k < argc; k++) {
        if (strcmp(argv[k], "--data") == 0 && k + 1 < argc) {
            if (data)
                nb_die("--data is given twice; give it once");
            data = argv[++k];
        } else if (strcmp(argv[k], "--python") == 0 && k + 1 < argc)
            python = argv[++k];
        else if (strcmp(argv[k], "--quick") == 0)
            quick = 1;
        else if (strcmp(argv[k], "--train") == 0 && k + 1 < argc)
            train = argv[++k];
        else if (strcmp(argv[k], "--help") == 0) {
            printf("usage: bench --data DIR [--python PROGRAM] [--quick]\n"
                   "       bench --data DIR --train readable|fused\n"
                   "Times training: the readable loop, the fused core and the numpy reference.\n"
                   "--train runs 1000 iterations of one of them and times nothing (for "
                   "callgrind).\n");
            return 0;
        } else
            nb_die("unexpected argument '%s' (see --help)", argv[k]);
    }
    if (data == NULL)
        nb_die("--data DIR is required (see --help)");
    if (train) {
        train_only(data, train);
        return 0;
    }
    /* numpy on one thread, as the C side runs */
    setenv("OPENBLAS_NUM_THREADS", "1", 1);
    setenv("OMP_NUM_THREADS", "1", 1);
    setenv("MKL_NUM_THREADS", "1", 1);
    have_numpy = numpy_available();
    if (!have_numpy)
        printf("(%s cannot import numpy: run 'make deps-bench' for the numpy columns)\n\n", python);
    flower(data, quick);
    scaling(quick);
    own_functions(quick);
    return 0;
}
