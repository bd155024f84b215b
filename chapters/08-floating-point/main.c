/* Appendix: floating point and reproducibility.
 *
 * The course's flower network (n_h = 4 tanh units, learning rate 1.2,
 * seed 2, 10,000 iterations, the cost before every step), trained
 *   - exactly as the library trains it, and by the fused core rebuilt at
 *     -O0 and at -O3 -mavx2 -mfma without contraction: the program dies
 *     unless all three give nn_train's bits;
 *   - with the C library's functions for a CPU without FMA: glibc's plain
 *     tanh, exp and log1p, by the notebook's port of them (nn_libm_plain.c),
 *     in a copy of the fused core the Makefile builds;
 *   - with the gradient's sums over the examples in two other orders
 *     (sums.c), after checking that the reference order gives nn_train's
 *     bits (the program dies if not);
 *   - by the fused core compiled with FMA contraction, -ffast-math and
 *     a vector libm, SLEEF's (copies the Makefile builds);
 *   - from a start one ulp away in one input or in one weight;
 * and, for each, the first iteration whose cost printed to 9 decimals
 * differs from the exact run's.  Also the gradient's sums in each order at
 * the start and at the end, and the C library's other tanh and exp on the
 * arguments training meets.  Writes values, tables and curves into --out. */
#define _POSIX_C_SOURCE 200809L
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"
#include "nb_copies.h"
#include "sums.h"
#include "nn_internal.h" /* nn__tanh_plain, nn__exp_plain */
#include "vmap.h"

enum {
    N_H = 4,
    ITERATIONS = 10000,   /* the course's run */
    SNAPSHOT_EVERY = 10,  /* the arguments of tanh and exp are kept this often */
    CURVE_EVERY = 10,     /* orders.tsv keeps every 10th iteration ... */
    ZOOM_FROM = 7600,     /* ... and every one from here */
    ZOOM_TO = 8000,       /* to here, where the runs part */
    COURSE_LAST = 7000    /* the last cost the course prints that chapter 6 reproduces */
};
static const double LEARNING_RATE = NB_COURSE_LEARNING_RATE;
/* The costs the course prints at 8000 and 9000 (chapter 6). */
static const double COURSE_COST_8000 = 0.219454, COURSE_COST_9000 = 0.218607;
/* The first flower example as numpy computes it when the course's
 * load_planar_dataset is run again with a recent numpy on a machine with
 * AVX-512 (the course itself never prints it). */
static const double COURSE_FIRST_X[2] = {1.2044422922543192, 3.5761141481288452};

/* ------------------------------------------------------------ the runs */

typedef enum {
    RUN_EXACT,       /* the library: nn_train's order, -O2, no contraction */
    RUN_O0,          /* the fused core rebuilt at -O0 */
    RUN_O3,          /* ... at -O3 -mavx2 -mfma, no contraction */
    RUN_OTHER_LIBM,  /* glibc's functions for a CPU without AVX2 and FMA */
    RUN_LANES,       /* the gradient's sums in four lanes */
    RUN_PAIRWISE,    /* ... pairwise */
    RUN_FMA,         /* the fused core with FMA contraction */
    RUN_FAST_MATH,   /* ... with -ffast-math */
    RUN_VECTOR_LIBM, /* ... with a vector libm's tanh, exp, log1p (SLEEF's) */
    RUN_INPUT_ULP,   /* x_1^(1) one ulp larger */
    RUN_WEIGHT_ULP,  /* W1_11 one ulp larger */
    N_RUNS
} run_id;
static const char *const RUN_KEY[N_RUNS] = {
    "exact", "O0", "O3", "other_libm", "lanes", "pairwise", "fma", "fast_math", "vector_libm",
    "input_ulp", "weight_ulp"};
static const char *const RUN_LABEL[N_RUNS] = {
    "the library as built: `-O2`, sums in order, no contraction",
    "the fused core rebuilt at `-O0`",
    "the fused core rebuilt at `-O3 -mavx2 -mfma -ffp-contract=off`",
    "glibc's `tanh`, `exp`, `log1p` for a CPU without AVX2 and FMA",
    "the gradient's sums in four lanes",
    "the gradient's sums pairwise",
    "FMA contraction: `-mavx2 -mfma -ffp-contract=fast`",
    "`-ffast-math`",
    "a vector libm's `tanh`, `exp`, `log1p` (SLEEF's): `-O3 -ffast-math -mavx2 -mfma`",
    "exact, $x_1^{(1)}$ one ulp larger",
    "exact, $W_{11}^{[1]}$ one ulp larger"};

/* Whether this CPU can run run r (the AVX2 and FMA builds need both). */
static int runs_here(run_id r)
{
    return !(r == RUN_O3 || r == RUN_FMA || r == RUN_VECTOR_LIBM) || nb_copies_avx2_fma();
}

/* Trains run r's network from the course's start (p, changed in place);
 * cost[] gets every iteration's cost. */
static void train(run_id r, nn_params *p, const nn_dataset *data, double *cost)
{
    const gsl_matrix *X = data->X, *Y = data->Y;
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    nn_status s = NN_OK;
    switch (r) {
    case RUN_O0: NB_COPY_TRAIN(s, O0, p, X, Y, &opt, cost); break;
    case RUN_O3: NB_COPY_TRAIN(s, O3, p, X, Y, &opt, cost); break;
    case RUN_FMA: NB_COPY_TRAIN(s, fma, p, X, Y, &opt, cost); break;
    case RUN_FAST_MATH: NB_COPY_TRAIN(s, fast_math, p, X, Y, &opt, cost); break;
    case RUN_VECTOR_LIBM: NB_COPY_TRAIN(s, vector_libm, p, X, Y, &opt, cost); break;
    case RUN_OTHER_LIBM: NB_COPY_TRAIN(s, other_libm, p, X, Y, &opt, cost); break;
    case RUN_LANES:
        s = sums_train(p, X, Y, LEARNING_RATE, ITERATIONS, SUM_LANES, cost);
        break;
    case RUN_PAIRWISE:
        s = sums_train(p, X, Y, LEARNING_RATE, ITERATIONS, SUM_PAIRWISE, cost);
        break;
    case RUN_INPUT_ULP:
    case RUN_WEIGHT_ULP: /* the library's exact core, from the changed start */
        s = nb_train_params(p, data, &opt, NULL, cost);
        break;
    default: /* the exact run: sums.c in the reference order, which check_exact holds to nn_train */
        s = sums_train(p, X, Y, LEARNING_RATE, ITERATIONS, SUM_REFERENCE, cost);
        break;
    }
    nb_try(s);
}

/* The first iteration whose cost differs in any bit; ITERATIONS if none. */
static size_t first_difference(const double *a, const double *b)
{
    size_t it = 0;
    while (it < ITERATIONS && memcmp(&a[it], &b[it], sizeof *a) == 0)
        it++;
    return it;
}

/* One unit in the last place of |x|: the gap to the next double up. */
static double ulp_of(double x)
{
    x = fabs(x);
    return nextafter(x, INFINITY) - x;
}

/* ------------------------------- the C library for another CPU
 *
 * glibc chooses among its versions of exp, tanh (through expm1) and log1p
 * when a program starts, from the CPU's features: on a CPU without FMA, the
 * plain ones.  The notebook's port of those (nn_libm_plain.c) gives their
 * bits on any machine: the copy of the fused core "other_libm" trains with
 * it, and the table compares its tanh and exp with the library's. */

typedef struct {
    size_t n_tanh, n_exp;
    double *tanh_args, *exp_args; /* Z1 and -Z2 of the exact run, every SNAPSHOT_EVERY */
} arguments;


/* ------------------------------------------ the arguments training meets */

/* Z1 (the arguments of tanh) and -Z2 (those of the output sigmoid's exp) of
 * the exact run before iterations 0, SNAPSHOT_EVERY, 2 SNAPSHOT_EVERY, ...
 * Training keeps no state but the parameters, so SNAPSHOT_EVERY iterations
 * at a time give the same bits as one run. */
static arguments arguments_of(const nn_dataset *d)
{
    size_t m = d->X->size2, snaps = ITERATIONS / SNAPSHOT_EVERY;
    arguments a = {.n_tanh = snaps * N_H * m, .n_exp = snaps * m};
    a.tanh_args = nb_ok(malloc(a.n_tanh * sizeof *a.tanh_args));
    a.exp_args = nb_ok(malloc(a.n_exp * sizeof *a.exp_args));
    nn_params *p = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    nn_cache *c = nb_ok(nn_cache_alloc(N_H, m));
    for (size_t s = 0; s < snaps; s++) {
        nb_try(nn_forward(c, p, d->X));
        for (size_t j = 0; j < N_H; j++)
            for (size_t i = 0; i < m; i++)
                a.tanh_args[(s * N_H + j) * m + i] = gsl_matrix_get(c->Z1, j, i);
        for (size_t i = 0; i < m; i++)
            a.exp_args[s * m + i] = -gsl_matrix_get(c->Z2, 0, i);
        nb_try(sums_train(p, d->X, d->Y, LEARNING_RATE, SNAPSHOT_EVERY, SUM_REFERENCE, NULL));
    }
    nn_cache_free(c);
    nn_params_free(p);
    return a;
}

/* How many of y differ from f(x) as this process computes it, and by how
 * many ulps at most. */
static void compare_values(const double *x, const double *y, size_t n, double (*f)(double),
                           size_t *differ, double *most)
{
    *differ = 0;
    *most = 0.0;
    for (size_t i = 0; i < n; i++) {
        double u = (double)nb_ulps(y[i], f(x[i]));
        *differ += u > 0.0;
        *most = fmax(*most, u);
    }
}

/* One row of libm.md and its values: how another tanh and exp compare with
 * the ones this program calls, on the arguments training meets. */
static void libm_row(FILE *f, FILE *values, const char *key, const char *label,
                     const arguments *a, const double *tanh_y, const double *exp_y)
{
    size_t dt, de;
    double ut, ue;
    compare_values(a->tanh_args, tanh_y, a->n_tanh, nn_tanh, &dt, &ut);
    compare_values(a->exp_args, exp_y, a->n_exp, nn_exp, &de, &ue);
    fprintf(f, "| %s | %zu of %zu | %.0f | %zu of %zu | %.0f |\n", label, dt, a->n_tanh, ut, de,
            a->n_exp, ue);
    nb_kv(values, nb_key("%s_tanh_differ", key), "%zu", dt);
    nb_kv(values, nb_key("%s_tanh_ulps", key), "%.0f", ut);
    nb_kv(values, nb_key("%s_exp_differ", key), "%zu", de);
    nb_kv(values, nb_key("%s_exp_ulps", key), "%.0f", ue);
}

/* -------------------------------------------- the gradient's sums, entry by entry */

/* The sum that gives the k-th gradient entry (nn_params_at's order: W1 row
 * by row, b1, W2, b2) is (1/m) (t_1 + ... + t_m); its largest term (1/m)
 * |t_i| and the sum of its terms' sizes (1/m) (|t_1| + ... + |t_m|), which
 * is as large as its running sums can get.  From the backward pass's dZ1
 * and dZ2. */
static void terms(size_t k, const nn_grads *g, const nn_cache *c, const gsl_matrix *X,
                  double *largest, double *size)
{
    size_t m = X->size2, first, rows, cols;
    const nn_theta *layout = g->dtheta;
    size_t block = nn_layout_block_of(layout->L, layout->n, k);
    nn_layout_block(layout->L, layout->n, block, &first, &rows, &cols, NULL);
    size_t r = (k - first) / cols, q = (k - first) % cols; /* entry (r, q) of the block */
    *largest = *size = 0.0;
    for (size_t i = 0; i < m; i++) {
        double t;
        switch (block) {
        case NN_BLOCK_W1: t = gsl_matrix_get(g->dZ1, r, i) * gsl_matrix_get(X, q, i); break;
        case NN_BLOCK_B1: t = gsl_matrix_get(g->dZ1, r, i); break;
        case NN_BLOCK_W2: t = gsl_matrix_get(g->dZ2, 0, i) * gsl_matrix_get(c->A1, q, i); break;
        default: t = gsl_matrix_get(g->dZ2, 0, i); /* b2 */
        }
        *largest = fmax(*largest, fabs(t));
        *size += fabs(t);
    }
    *largest /= (double)m;
    *size /= (double)m;
}

/* The gradient of network p computed with each order's sums, against the
 * reference order: entries that differ, and by how much. */
static void gradient_rows(FILE *f, FILE *values, const char *at_key, const char *at_label,
                          const nn_params *p, const nn_dataset *d, double *size_ulps_max)
{
    size_t m = d->X->size2, n = nn_params_count(p);
    nn_cache *c = nb_ok(nn_cache_alloc(N_H, m));
    nn_grads *ref = nb_ok(nn_grads_alloc(p->n_x, N_H, m));
    nn_grads *g = nb_ok(nn_grads_alloc(p->n_x, N_H, m));
    double *work = nb_ok(malloc(m * sizeof *work));
    nb_try(nn_forward(c, p, d->X));
    nb_try(sums_backward(ref, p, c, d->X, d->Y, SUM_REFERENCE, work));
    static const sum_order orders[] = {SUM_LANES, SUM_PAIRWISE};
    static const char *const order_key[] = {"lanes", "pairwise"};
    static const char *const order_label[] = {"four lanes", "pairwise"};
    for (size_t o = 0; o < 2; o++) {
        nb_try(sums_backward(g, p, c, d->X, d->Y, orders[o], work));
        size_t differ = 0, worst = 0;
        double most = 0.0, most_size = 0.0;
        for (size_t k = 0; k < n; k++) {
            double a = nn_grads_at(g, k), b = nn_grads_at(ref, k), u = (double)nb_ulps(a, b);
            double largest, size;
            terms(k, ref, c, d->X, &largest, &size);
            differ += u > 0.0;
            if (u > most) {
                most = u;
                worst = k;
            }
            most_size = fmax(most_size, fabs(a - b) / ulp_of(size));
        }
        fprintf(f, "| %s | %s | %zu of %zu | %.0f | %.1f |\n", order_label[o], at_label, differ,
                n, most, most_size);
        nb_kv(values, nb_key("grad_%s_%s_differ", order_key[o], at_key), "%zu", differ);
        nb_kv(values, nb_key("grad_%s_%s_ulps", order_key[o], at_key), "%.0f", most);
        nb_kv(values, nb_key("grad_%s_%s_size_ulps", order_key[o], at_key), "%.1f", most_size);
        *size_ulps_max = fmax(*size_ulps_max, most_size);
        /* the entry with the most ulps: its value, its largest term */
        double largest, size;
        terms(worst, ref, c, d->X, &largest, &size);
        nb_kv(values, nb_key("grad_%s_%s_worst_entry", order_key[o], at_key), "%.1e",
              fabs(nn_grads_at(ref, worst)));
        nb_kv(values, nb_key("grad_%s_%s_worst_term", order_key[o], at_key), "%.1e", largest);
    }
    free(work);
    nn_grads_free(g);
    nn_grads_free(ref);
    nn_cache_free(c);
}

/* ------------------------------------------------------------ the runs */

/* Every run's costs and trained network; ran[r] is 0 where this CPU cannot
 * run r. */
typedef struct {
    double *cost[N_RUNS];
    nn_params *net[N_RUNS];
    int ran[N_RUNS];
} runs;

/* The start one ulp away: x_1^(1) or W1_11 the next double up. */
static void perturb(run_id r, nn_params *p, gsl_matrix *X)
{
    if (r == RUN_INPUT_ULP)
        gsl_matrix_set(X, 0, 0, nextafter(gsl_matrix_get(X, 0, 0), INFINITY));
    if (r == RUN_WEIGHT_ULP)
        gsl_matrix_set(p->W1, 0, 0, nextafter(gsl_matrix_get(p->W1, 0, 0), INFINITY));
}

/* Runs every run from the course's start, and fills other_tanh and
 * other_exp with glibc's plain tanh and exp of a (nn_libm_plain.c). */
static void run_all(runs *R, const nn_dataset *d, const arguments *a,
                    double *other_tanh, double *other_exp)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    for (size_t i = 0; i < a->n_tanh; i++)
        other_tanh[i] = nn__tanh_plain(a->tanh_args[i]);
    for (size_t i = 0; i < a->n_exp; i++)
        other_exp[i] = nn__exp_plain(a->exp_args[i]);
    for (run_id r = 0; r < N_RUNS; r++) {
        R->cost[r] = nb_ok(malloc(ITERATIONS * sizeof *R->cost[r]));
        R->net[r] = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
        R->ran[r] = runs_here(r);
        if (!R->ran[r])
            continue;
        printf("%s\n", RUN_KEY[r]);
        nn_dataset moved = *d; /* X a copy, for perturb to change */
        moved.X = nb_ok(gsl_matrix_alloc(n_x, m));
        gsl_matrix_memcpy(moved.X, d->X);
        perturb(r, R->net[r], moved.X);
        train(r, R->net[r], &moved, R->cost[r]);
        gsl_matrix_free(moved.X);
    }
}

/* Dies unless the exact run and the two rebuilt cores give nn_train's
 * parameters and costs, bit for bit. */
static void check_exact(const runs *R, const nn_dataset *d)
{
    size_t m = d->X->size2;
    nn_params *ref = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    double *ref_cost = nb_ok(malloc(ITERATIONS * sizeof *ref_cost));
    nn_cache *c = nb_ok(nn_cache_alloc(N_H, m));
    nn_grads *g = nb_ok(nn_grads_alloc(ref->n_x, N_H, m));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    nb_try(nn_train(ref, c, g, d->X, d->Y, &opt, ref_cost));
    static const run_id must_match[] = {RUN_EXACT, RUN_O0, RUN_O3};
    for (size_t k = 0; k < sizeof must_match / sizeof *must_match; k++) {
        run_id r = must_match[k];
        if (R->ran[r] && (!nb_same_params(R->net[r], ref) ||
                          memcmp(R->cost[r], ref_cost, ITERATIONS * sizeof *ref_cost) != 0))
            nb_die("%s: the parameters or costs differ from nn_train's", RUN_KEY[r]);
    }
    nn_grads_free(g);
    nn_cache_free(c);
    free(ref_cost);
    nn_params_free(ref);
}

/* runs.md, a row per run beside the course's printed costs, and each run's
 * values. */
static void write_runs(FILE *f, FILE *values, const runs *R, const nn_dataset *d)
{
    fprintf(f, "| run | cost first differs at | 9 decimals first differ at "
               "| largest $\\lvert \\Delta J \\rvert$ | $J$ at 8000 | $J$ at 9000 "
               "| accuracy after %d |\n"
               "|---|---:|---:|---:|---:|---:|---:|\n", ITERATIONS);
    fprintf(f, "| the course, as it prints them (numpy) | | | | %.6f | %.6f | |\n",
            COURSE_COST_8000, COURSE_COST_9000);
    nb_kv(values, "course_cost_8000", "%.6f", COURSE_COST_8000);
    nb_kv(values, "course_cost_9000", "%.6f", COURSE_COST_9000);
    const double *J0 = R->cost[RUN_EXACT];
    for (run_id r = 0; r < N_RUNS; r++) {
        char k[64];
        nb_kv(values, nb_key("%s_runs", RUN_KEY[r]), "%d", R->ran[r]);
        if (!R->ran[r]) {
            fprintf(f, "| %s | not run: this CPU lacks AVX2 or FMA | | | | | |\n", RUN_LABEL[r]);
            continue;
        }
        const double *J = R->cost[r];
        size_t first = first_difference(J, J0), peak = 0;
        size_t apart = nb_nine_decimals_differ(J, J0, ITERATIONS);
        double largest = 0.0, early = 0.0, final_cost, acc;
        for (size_t it = 0; it < ITERATIONS; it++) {
            double diff = fabs(J[it] - J0[it]);
            if (diff > largest) {
                largest = diff;
                peak = it;
            }
            if (it <= COURSE_LAST)
                early = fmax(early, diff);
        }
        nb_evaluate(R->net[r], d, &final_cost, &acc);
        char first_s[32] = "none", apart_text[32] = "none";
        if (first < ITERATIONS)
            snprintf(first_s, sizeof first_s, "%zu", first);
        if (apart < ITERATIONS)
            snprintf(apart_text, sizeof apart_text, "%zu", apart);
        fprintf(f, "| %s | %s | %s | %.1e | %.6f | %.6f | %.2f%% |\n", RUN_LABEL[r], first_s,
                apart_text, largest, J[8000], J[9000], acc);
#define KV(name, fmt, v)                                  \
        snprintf(k, sizeof k, "%s_%s", RUN_KEY[r], name); \
        nb_kv(values, k, fmt, v)
        KV("first_diff", "%zu", first); /* ITERATIONS: none */
        KV("apart", "%zu", apart);
        KV("largest", "%.1e", largest);
        KV("peak", "%zu", peak);
        KV("early", "%.0e", early);
        KV("cost_8000", "%.6f", J[8000]);
        KV("cost_9000", "%.6f", J[9000]);
        KV("accuracy", "%.2f", acc);
#undef KV
    }
}

/* Over the causes (every run but the three that keep the bits): how early
 * they change the cost, where the 9 decimals part, how far J at 8000 moves;
 * and the stretch of the exact run where it happens. */
static void write_summary(FILE *values, const runs *R)
{
    const double *J0 = R->cost[RUN_EXACT];
    size_t apart_min = ITERATIONS, apart_max = 0, first_max = 0;
    double move_min = INFINITY, move_max = 0.0, early_max = 0.0;
    for (run_id r = RUN_OTHER_LIBM; r < N_RUNS; r++) {
        if (!R->ran[r])
            continue;
        const double *J = R->cost[r];
        size_t apart = nb_nine_decimals_differ(J, J0, ITERATIONS), first = first_difference(J, J0);
        apart_min = apart < apart_min ? apart : apart_min;
        apart_max = apart > apart_max ? apart : apart_max;
        first_max = first > first_max ? first : first_max;
        for (size_t it = 0; it <= COURSE_LAST; it++)
            early_max = fmax(early_max, fabs(J[it] - J0[it]));
        move_min = fmin(move_min, fabs(J[8000] - J0[8000]));
        move_max = fmax(move_max, fabs(J[8000] - J0[8000]));
    }
    nb_kv(values, "first_diff_max", "%zu", first_max);
    nb_kv(values, "early_max", "%.0e", early_max);
    nb_kv(values, "apart_min", "%zu", apart_min);
    nb_kv(values, "apart_max", "%zu", apart_max);
    nb_kv(values, "move_8000_min", "%.1e", move_min);
    nb_kv(values, "move_8000_max", "%.1e", move_max);
    nb_kv(values, "course_move_8000", "%.1e", fabs(COURSE_COST_8000 - J0[8000]));
    nb_kv(values, "course_move_9000", "%.1e", fabs(COURSE_COST_9000 - J0[9000]));
    /* the exact run's cost: where it is lowest, and how far it climbs after */
    size_t low = 0;
    for (size_t it = 1; it < ITERATIONS; it++)
        if (J0[it] < J0[low])
            low = it;
    size_t high = low;
    for (size_t it = low; it < ITERATIONS; it++)
        if (J0[it] > J0[high])
            high = it;
    nb_kv(values, "bump_low_iteration", "%zu", low);
    nb_kv(values, "bump_low_cost", "%.6f", J0[low]);
    nb_kv(values, "bump_high_iteration", "%zu", high);
    nb_kv(values, "bump_high_cost", "%.6f", J0[high]);
}

/* How fast a difference grows on that stretch: the iterations where one ulp
 * of input has moved the cost by more than GROW_LOW, then by more than
 * GROW_HIGH, and how many it takes per power of ten. */
static void write_growth(FILE *values, const double *J, const double *J0)
{
    const double GROW_LOW = 1e-13, GROW_HIGH = 1e-5;
    size_t from = ZOOM_FROM, to;
    while (from < ITERATIONS && fabs(J[from] - J0[from]) <= GROW_LOW)
        from++;
    to = from;
    while (to < ITERATIONS && fabs(J[to] - J0[to]) <= GROW_HIGH)
        to++;
    nb_kv(values, "grow_low", "%.0e", GROW_LOW);
    nb_kv(values, "grow_high", "%.0e", GROW_HIGH);
    nb_kv(values, "grow_from", "%zu", from);
    nb_kv(values, "grow_to", "%zu", to);
    nb_kv(values, "tenfold_every", "%.0f", (double)(to - from) / log10(GROW_HIGH / GROW_LOW));
}

/* orders.tsv: |J_run - J_exact| per iteration for the figure, every
 * CURVE_EVERY-th iteration and every one from ZOOM_FROM to ZOOM_TO. */
static void write_curves(FILE *tsv, FILE *values, const runs *R)
{
    static const run_id curves[] = {RUN_LANES, RUN_PAIRWISE, RUN_OTHER_LIBM, RUN_VECTOR_LIBM,
                                    RUN_INPUT_ULP};
    const double *J0 = R->cost[RUN_EXACT];
    fprintf(tsv, "# iteration");
    for (size_t c = 0; c < sizeof curves / sizeof *curves; c++)
        fprintf(tsv, "\t%s", RUN_KEY[curves[c]]);
    fputc('\n', tsv);
    nb_kv(values, "zoom_from", "%d", ZOOM_FROM);
    nb_kv(values, "zoom_to", "%d", ZOOM_TO);
    for (size_t it = 0; it < ITERATIONS; it++) {
        if (it % CURVE_EVERY != 0 && (it < ZOOM_FROM || it > ZOOM_TO))
            continue;
        fprintf(tsv, "%zu", it);
        for (size_t c = 0; c < sizeof curves / sizeof *curves; c++)
            if (R->ran[curves[c]])
                fprintf(tsv, "\t%.3e", fabs(R->cost[curves[c]][it] - J0[it]));
            else
                fprintf(tsv, "\t?"); /* not run here: missing */
        fputc('\n', tsv);
    }
}

/* libm.md: the other CPU's tanh and exp, and SLEEF's vector ones, on the
 * arguments training meets. */
static void write_libm(FILE *f, FILE *values, const arguments *a, const double *other_tanh,
                       const double *other_exp)
{
    fprintf(f, "| functions | `tanh` on $Z^{[1]}$: results that differ | by at most, ulps "
               "| `exp` on $-Z^{[2]}$: results that differ | by at most, ulps |\n"
               "|---|---:|---:|---:|---:|\n");
    libm_row(f, values, "other_libm", "glibc's scalar versions for a CPU without AVX2 and FMA",
             a, other_tanh, other_exp);
    if (nb_copies_avx2_fma()) {
        double *vt = nb_ok(malloc(a->n_tanh * sizeof *vt));
        double *ve = nb_ok(malloc(a->n_exp * sizeof *ve));
        vmap_tanh(vt, a->tanh_args, a->n_tanh);
        vmap_exp(ve, a->exp_args, a->n_exp);
        libm_row(f, values, "vector_libm", "SLEEF's vector versions, four lanes", a,
                 vt, ve);
        free(vt);
        free(ve);
    }
    nb_kv(values, "snapshot_every", "%d", SNAPSHOT_EVERY);
    nb_kv(values, "snapshots", "%d", ITERATIONS / SNAPSHOT_EVERY);
}

/* gradient.md: the gradient in each order, at the start and at the exact
 * run's trained network. */
static void write_gradient(FILE *f, FILE *values, const runs *R, const nn_dataset *d)
{
    fprintf(f, "| order of the sums | network | entries that differ from the reference order "
               "| largest difference, in ulps of the entry "
               "| in ulps of the sum of its terms' sizes |\n"
               "|---|---|---:|---:|---:|\n");
    nn_params *start = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    nb_kv(values, "grad_entries", "%zu", nn_params_count(start));
    double size_ulps_max = 0.0;
    gradient_rows(f, values, "start", "at the start", start, d, &size_ulps_max);
    char after[64];
    snprintf(after, sizeof after, "after %d iterations", ITERATIONS);
    gradient_rows(f, values, "trained", after, R->net[RUN_EXACT], d, &size_ulps_max);
    nb_kv(values, "grad_size_ulps_max", "%.1f", size_ulps_max);
    nn_params_free(start);
}

/* The flower's first point against a recent numpy's, digit by digit (16
 * decimals show every digit of both and line them up), and their distance
 * in ulps. */
static void first_point(FILE *values, const nn_dataset *d)
{
    double ulps = 0.0;
    for (size_t f = 0; f < 2; f++) {
        double x = gsl_matrix_get(d->X, f, 0), c = COURSE_FIRST_X[f];
        nb_kv(values, nb_key("first_x%zu", f + 1), "%.16f", x);
        nb_kv(values, nb_key("course_first_x%zu", f + 1), "%.16f", c);
        ulps = fmax(ulps, fabs(x - c) / (nextafter(fabs(c), INFINITY) - fabs(c)));
    }
    nb_kv(values, "first_ulps", "%.0f", ulps);
}

static void study(const nb_args *args, const nn_dataset *d)
{
    FILE *values = nb_create(args->out, "values.txt");
    nb_kv(values, "n_x", "%zu", d->X->size1);
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "m", "%zu", d->X->size2);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "seed", "%d", NB_COURSE_SEED);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    nb_kv(values, "course_last", "%d", COURSE_LAST);
    nb_kv(values, "nine_decimals", "%.0e", 5e-10);
    /* 0: every operation on doubles is rounded to double (no wider format) */
    nb_kv(values, "flt_eval_method", "%d", (int)FLT_EVAL_METHOD);
    first_point(values, d);

    printf("the arguments of tanh and exp\n");
    arguments a = arguments_of(d);
    double *other_tanh = nb_ok(malloc(a.n_tanh * sizeof *other_tanh));
    double *other_exp = nb_ok(malloc(a.n_exp * sizeof *other_exp));
    runs R;
    run_all(&R, d, &a, other_tanh, other_exp);
    check_exact(&R, d);

    write_runs(nb_create(args->out, "runs.md"), values, &R, d);
    write_summary(values, &R);
    write_growth(values, R.cost[RUN_INPUT_ULP], R.cost[RUN_EXACT]);
    write_curves(nb_create(args->out, "orders.tsv"), values, &R);
    write_gradient(nb_create(args->out, "gradient.md"), values, &R, d);
    write_libm(nb_create(args->out, "libm.md"), values, &a, other_tanh, other_exp);

    for (run_id r = 0; r < N_RUNS; r++) {
        free(R.cost[r]);
        nn_params_free(R.net[r]);
    }
    free(other_tanh);
    free(other_exp);
    free(a.tanh_args);
    free(a.exp_args);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Appendix: the flower network trained exactly, rebuilt, with the gradient's\n"
                  "sums in other orders, with fast compiler options, with the C library's\n"
                  "functions for another CPU and from one ulp away; where each run's costs part\n"
                  "from the exact run's in the ninth decimal.  Writes values, tables and curves\n"
                  "into --out.",
                  &args);
    nn_dataset *flower = nb_read_flower(args.data);
    study(&args, flower);
    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
