/* Chapter 7: the same network, fast.
 *
 * The course's flower network (n_x = 2, n_h = 4 tanh units, m = 400,
 * learning rate 1.2, seed 2), trained by each step from nn_train to
 * nn_train_fast (steps.c):
 *   - what each step calls per iteration, counted (count.c), and the
 *     arithmetic and memory passes it does, from its loops;
 *   - that every step ends with the same parameters and records the same
 *     costs, bit for bit, after ITERATIONS iterations (the program dies if
 *     not);
 * and the fused core compiled as the fast options would compile it (FMA
 * contraction, -ffast-math, a vector libm), against the exact one: where
 * the costs part from it, with the parting that one ulp of input or weight
 * causes for comparison.  Writes values, tables and curves into --out. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"
#include "count.h"
#include "steps.h"
#include "variants.h"

enum {
    N_H = 4,
    ITERATIONS = 10000,   /* the course's run */
    COST_EVERY = 1000,    /* the steps that record every 1000th cost */
    COUNT_ITERATIONS = 1000, /* calls are counted over this many iterations */
    CURVE_EVERY = 10,     /* precision.tsv keeps every 10th iteration */
    COURSE_LAST = 7000    /* the last cost the course prints that chapter 6 reproduces */
};
static const double LEARNING_RATE = NB_COURSE_LEARNING_RATE;

/* ------------------------------------------------------------ the steps */

/* Arithmetic and memory of one iteration of step s, from its loops: the
 * terms that grow with m, per example (the update and the scalings by 1/m,
 * which do not, are left out).  "Passes" counts the loops that stream
 * through a whole (n_h, m) matrix, Z1, A1 or dZ1, reading or writing each
 * element once; the fused core keeps a block of examples in a buffer that
 * stays in the first-level cache, and makes none. */
typedef struct {
    double flops_per_example;
    int passes;
} step_ops;

static step_ops ops_of_step(step_id s, size_t n_x, size_t n_h)
{
    double nx = (double)n_x, nh = (double)n_h;
    /* forward: Z1 = W1 X (a multiply and an add per term), + b1, Z2 = W2 A1,
     * + b2, sigma: 1 + e and 1 / (1 + e) */
    double forward = 2 * nx * nh + nh + 2 * nh + 1 + 2;
    /* cost: one softplus adds z2, 1 - y, two products, their sum, the total */
    double cost = 6;
    /* backward: A2 - Y; dW2 = dZ2 A1^T; db2; W2^T dZ2 (dgemm adds its
     * product to 0); g' = 1 - a a and its product; dW1 = dZ1 X^T; db1 */
    double backward = 1 + 2 * nh + 1 + 2 * nh + 3 * nh + 2 * nx * nh + nh;
    step_ops w = {forward + cost + backward, 0};
    if (s >= STEP_COST_RECORDED) /* the cost on one iteration in COST_EVERY */
        w.flops_per_example = forward + backward + cost / COST_EVERY;
    /* passes over (n_h, m) matrices in nn_train's loop:
     *   Z1: dgemm zeroes it, adds one term per input (n_x), + b1, read by g;
     *       read again by g' (until step 1);
     *   A1: written by g, read by Z2 = W2 A1 and by dW2 = dZ2 A1^T; read by
     *       g' from step 1 on (in place of Z1);
     *   dZ1: zeroed, W2^T dZ2 added, times g', read by dW1 once per input
     *       (n_x) and by db1. */
    int z1 = (int)n_x + 4, a1 = 3, dz1 = 4 + (int)n_x;
    w.passes = s >= STEP_FUSED ? 0 : z1 + a1 + dz1;
    return w;
}

/* "1st", "2nd", "3rd", "4th", ..., "11th", ..., "1000th", in a static buffer. */
static const char *ordinal(size_t n)
{
    static char text[32];
    size_t tens = n % 100, ones = n % 10;
    const char *suffix = tens >= 11 && tens <= 13 ? "th"
                       : ones == 1 ? "st" : ones == 2 ? "nd" : ones == 3 ? "rd" : "th";
    snprintf(text, sizeof text, "%zu%s", n, suffix);
    return text;
}

/* What step s removes, for steps.md; the label of the step that records the
 * cost less often names COST_EVERY (in a static buffer). */
static const char *step_removes(step_id s)
{
    static const char *const removes[N_STEPS] = {
        [STEP_READABLE] = "(the six equations, a matrix at a time)",
        [STEP_SLOPE_FROM_A] = "the second $\\tanh$: $g' = 1 - a^2$ from $A^{[1]}$",
        [STEP_ONE_EXP] = "two of the three `exp` per example",
        [STEP_COST_RECORDED] = NULL, /* below: it names COST_EVERY */
        [STEP_FUSED] = "the $(n_h, m)$ matrices and the BLAS calls: one pass in blocks",
        [STEP_TANH_LANES] = "the calls: `tanh`, `exp`, `log1p` four values at a time, the "
                            "same bits"};
    static char cost_removed[80];
    if (removes[s])
        return removes[s];
    snprintf(cost_removed, sizeof cost_removed, "the cost, except every %s iteration",
             ordinal(COST_EVERY));
    return cost_removed;
}

/* Step s trained ITERATIONS iterations from start; dies unless its
 * parameters and recorded costs are those of the readable loop (*ref and
 * ref_cost), bit for bit.  The readable step, the first, sets *ref and
 * ref_cost; the others record into cost. */
static void train_and_compare(step_id s, const nn_params *start, const nn_dataset *d,
                              nn_params **ref, double *ref_cost, double *cost)
{
    size_t every = s < STEP_COST_RECORDED ? 1 : COST_EVERY;
    nn_params *p = nb_ok(nn_params_alloc(d->X->size1, N_H, NN_TANH));
    nb_try(nn_params_copy(p, start));
    nb_try(step_train(s, p, d->X, d->Y, LEARNING_RATE, ITERATIONS, every,
                      s == STEP_READABLE ? ref_cost : cost));
    if (s == STEP_READABLE) {
        *ref = p;
        return;
    }
    if (!nb_same_params(p, *ref))
        nb_die("step '%s' ends with other parameters than the readable loop", STEP_NAME[s]);
    for (size_t it = 0; it < ITERATIONS; it += every) {
        if (memcmp(&cost[it / every], &ref_cost[it], sizeof *cost) != 0)
            nb_die("step '%s' records the cost %.17g at iteration %zu, the readable "
                   "loop %.17g", STEP_NAME[s], cost[it / every], it, ref_cost[it]);
    }
    nn_params_free(p);
}

/* The calls of one step per iteration. */
typedef struct {
    double tanh, exp, log1p, dgemm;
} per_iteration;

/* Step s's calls, counted over COUNT_ITERATIONS iterations from start (cost:
 * room for the costs it records), per iteration. */
static per_iteration count_calls(step_id s, const nn_params *start, const nn_dataset *d,
                                 double *cost)
{
    nn_params *p = nb_ok(nn_params_alloc(d->X->size1, N_H, NN_TANH));
    nb_try(nn_params_copy(p, start));
    counts_reset();
    nb_try(step_train(s, p, d->X, d->Y, LEARNING_RATE, COUNT_ITERATIONS, COST_EVERY, cost));
    counts c = calls;
    nn_params_free(p);
    double per = 1.0 / COUNT_ITERATIONS;
    return (per_iteration){.tanh = (double)c.tanh * per, .exp = (double)c.exp * per,
                           .log1p = (double)c.log1p * per, .dgemm = (double)c.dgemm * per};
}

/* Step s's row of steps.md and of steps.tsv, and its values: its calls per
 * iteration c, the arithmetic and passes of its loops over m examples, and
 * lanes, the values it computes in lanes that step 4 had libm compute. */
static void write_step(FILE *f, FILE *tsv, FILE *values, step_id s, per_iteration c, size_t n_x,
                       size_t m, double lanes)
{
    step_ops w = ops_of_step(s, n_x, N_H);
    fprintf(f, "| %d. %s | %s | %g | %g | %g | %g | %.0f | %d | %s |\n", (int)s, STEP_NAME[s],
            step_removes(s), c.tanh, c.exp, c.log1p, c.dgemm, w.flops_per_example * (double)m,
            w.passes, s == STEP_READABLE ? "(the reference)" : "yes");
    fprintf(tsv, "%d\t%g\t%g\t%g\t%d\t%g\n", (int)s, c.tanh, c.exp, c.log1p, w.passes, lanes);
    char k[64];
#define KV(name, fmt, v)                                  \
    snprintf(k, sizeof k, "step%d_%s", (int)s, name); \
    nb_kv(values, k, fmt, v)
    KV("tanh", "%g", c.tanh);
    KV("exp", "%g", c.exp);
    KV("log1p", "%g", c.log1p);
    KV("libm", "%g", c.tanh + c.exp + c.log1p);
    KV("dgemm", "%g", c.dgemm);
    KV("flops", "%.0f", w.flops_per_example * (double)m);
    KV("passes", "%d", w.passes);
    KV("lanes", "%g", lanes);
    KV("bytes", "%.0f", (double)w.passes * (double)(N_H * m) * sizeof(double));
    /* the examples whose z2 <= 0 need a second exp for the cost */
    if (s == STEP_ONE_EXP) {
        KV("second_exp", "%g", c.exp - (double)m);
    }
#undef KV
}

/* steps.md, steps.tsv and their values: each step trained ITERATIONS
 * iterations from the same start, the program dying unless its parameters
 * and recorded costs are those of the readable loop, bit for bit; then its
 * calls per iteration, counted over COUNT_ITERATIONS. */
static void steps_study(const char *out, FILE *values, const nn_dataset *d)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    nn_params *start = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    nn_params *ref = NULL;
    double *ref_cost = nb_ok(malloc(ITERATIONS * sizeof *ref_cost));
    double *cost = nb_ok(malloc(ITERATIONS * sizeof *cost));
    FILE *f = nb_create(out, "steps.md");
    fprintf(f, "| step | what it removes | `tanh` | `exp` | `log1p` | BLAS products "
               "| arithmetic | passes over an $(n_h, m)$ matrix | same bits as readable |\n"
               "|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    double fused_libm = 0.0; /* step 4's calls per iteration */
    FILE *tsv = nb_create(out, "steps.tsv");
    fprintf(tsv, "# step\ttanh\texp\tlog1p\tpasses\tin lanes\n");
    for (step_id s = 0; s < N_STEPS; s++) {
        train_and_compare(s, start, d, &ref, ref_cost, cost);
        per_iteration c = count_calls(s, start, d, cost);
        double libm = c.tanh + c.exp + c.log1p;
        /* the values step 4 had libm compute, less those libm still computes */
        double lanes = s == STEP_TANH_LANES ? fused_libm - libm : 0.0;
        if (s == STEP_FUSED)
            fused_libm = libm;
        write_step(f, tsv, values, s, c, n_x, m, lanes);
    }
    /* how much arithmetic there is next to the libm calls: per call */
    nb_kv(values, "n_x", "%zu", n_x);
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "m", "%zu", m);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    nb_kv(values, "cost_every", "%d", COST_EVERY);
    nb_kv(values, "count_iterations", "%d", COUNT_ITERATIONS);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "matrix_bytes", "%zu", N_H * m * sizeof(double));
    nb_kv(values, "param_bytes", "%zu", nn_params_count(start) * sizeof(double));
    nn_params_free(ref);
    nn_params_free(start);
    free(cost);
    free(ref_cost);
}

/* ------------------------------------------- what fast options do to J */

/* The runs compared with the exact one: the core compiled with other
 * options (variants.h), and the exact core from a start one ulp away. */
typedef enum { RUN_EXACT, RUN_INPUT_ULP, RUN_WEIGHT_ULP, RUN_FMA, RUN_FAST_MATH, RUN_VECTOR_LIBM,
               N_RUNS } run_id;
static const char *const RUN_KEY[N_RUNS] = {"exact", "input_ulp", "weight_ulp", "fma",
                                            "fast_math", "vector_libm"};
static const char *const RUN_LABEL[N_RUNS] = {
    "the core as built (`-O2`, no contraction)",
    "exact core, $x_1^{(1)}$ one ulp larger",
    "exact core, $W_{11}^{[1]}$ one ulp larger",
    "`-mavx2 -mfma -ffp-contract=fast`, as `-march=native` builds here",
    "`-ffast-math`",
    "`-O3 -ffast-math -mavx2 -mfma`: a vector libm's `tanh`, `exp`, `log1p` (SLEEF's)"};

/* Trains run r's network from the course's start; cost[] gets every
 * iteration's cost.  Returns 0 if this CPU cannot run that variant. */
static int run(run_id r, const nn_dataset *d, double *cost, nn_params **trained)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    nn_params *p = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    gsl_matrix *X = nb_ok(gsl_matrix_alloc(n_x, m));
    gsl_matrix_memcpy(X, d->X);
    if (r == RUN_INPUT_ULP)
        gsl_matrix_set(X, 0, 0, nextafter(gsl_matrix_get(X, 0, 0), INFINITY));
    if (r == RUN_WEIGHT_ULP)
        gsl_matrix_set(p->W1, 0, 0, nextafter(gsl_matrix_get(p->W1, 0, 0), INFINITY));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    nn_status s;
    if (r == RUN_FMA || r == RUN_FAST_MATH || r == RUN_VECTOR_LIBM) {
        variant v = r == RUN_FMA ? VARIANT_FMA : r == RUN_FAST_MATH ? VARIANT_FAST_MATH
                                                                    : VARIANT_VECTOR_LIBM;
        if (!variant_runs_here(v)) {
            gsl_matrix_free(X);
            nn_params_free(p);
            return 0;
        }
        s = variant_train(v, p, X, d->Y, &opt, cost);
    } else {
        nn_trainer *t = nb_ok(nn_trainer_alloc(n_x, N_H, m));
        s = nn_train_fast(p, t, NULL, X, d->Y, &opt, cost);
        nn_trainer_free(t);
    }
    nb_try(s);
    gsl_matrix_free(X);
    *trained = p;
    return 1;
}

/* Every run: cost[r] its costs, ran[r] whether this CPU can run it, net[r]
 * its trained network.  Dies unless the exact core, built as the library
 * is, reproduces nn_train (the control). */
static void run_all(const nn_dataset *d, double *cost[N_RUNS], int ran[N_RUNS],
                    nn_params *net[N_RUNS])
{
    for (run_id r = 0; r < N_RUNS; r++) {
        cost[r] = nb_ok(malloc(ITERATIONS * sizeof *cost[r]));
        ran[r] = run(r, d, cost[r], &net[r]);
    }
    /* the control: the exact core, built as the library is, must be nn_train */
    nn_params *ref = nb_params_seeded(d, N_H, NN_TANH, NB_COURSE_SEED);
    double *ref_cost = nb_ok(malloc(ITERATIONS * sizeof *ref_cost));
    nb_try(step_train(STEP_READABLE, ref, d->X, d->Y, LEARNING_RATE, ITERATIONS, 1, ref_cost));
    if (!nb_same_params(net[RUN_EXACT], ref) ||
        memcmp(ref_cost, cost[RUN_EXACT], ITERATIONS * sizeof *ref_cost) != 0)
        nb_die("the fused core does not reproduce nn_train on the flower");
    free(ref_cost);
    nn_params_free(ref);
}

/* The largest |J[it] - exact[it]| for it < n (0 if none). */
static double largest_before(const double *J, const double *exact, size_t n)
{
    double largest = 0.0;
    for (size_t it = 0; it < n; it++)
        largest = fmax(largest, fabs(J[it] - exact[it]));
    return largest;
}

/* Run r's row of precision.md and its values, from its costs J and its
 * network, against the exact run's costs: where they part to 9 decimals,
 * the largest difference and where, the largest before the parting and up
 * to COURSE_LAST, the first that is not 0, and the accuracy. */
static void precision_row(FILE *f, FILE *values, run_id r, const double *J, const double *exact,
                          const nn_params *net, const nn_dataset *d)
{
    const char *key = RUN_KEY[r];
    size_t apart = nb_nine_decimals_differ(J, exact, ITERATIONS);
    double largest = 0.0, acc;
    size_t peak = 0;
    for (size_t it = 0; it < ITERATIONS; it++) {
        if (fabs(J[it] - exact[it]) > largest) {
            largest = fabs(J[it] - exact[it]);
            peak = it;
        }
    }
    nb_kv(values, nb_key("%s_peak", key), "%zu", peak);
    /* the largest difference before the parting */
    double before = largest_before(J, exact, apart < ITERATIONS ? apart : ITERATIONS);
    nb_kv(values, nb_key("%s_before", key), "%.0e", before);
    /* ... and up to the last cost chapter 6 reproduces to 9 decimals */
    double early = largest_before(J, exact, COURSE_LAST + 1);
    nb_kv(values, nb_key("%s_early", key), "%.0e", early);
    double cost;
    nb_evaluate(net, d, &cost, &acc);
    char apart_text[32];
    if (apart == ITERATIONS)
        snprintf(apart_text, sizeof apart_text, "none");
    else
        snprintf(apart_text, sizeof apart_text, "%zu", apart);
    fprintf(f, "| %s | %.9f | %s | %.1e | %.2f%% |\n", RUN_LABEL[r], J[ITERATIONS - 1], apart_text,
            largest, acc);
    nb_kv(values, nb_key("%s_apart", key), "%zu", apart); /* ITERATIONS: none */
    nb_kv(values, nb_key("%s_largest", key), "%.1e", largest);
    nb_kv(values, nb_key("%s_accuracy", key), "%.2f", acc);
    size_t first = 0;
    while (first < ITERATIONS && J[first] == exact[first])
        first++;
    nb_kv(values, nb_key("%s_first_diff", key), "%zu", first);
}

/* precision.tsv's rows: |J_run - J_exact| every CURVE_EVERY iterations,
 * nan for a run this CPU cannot run; 0 is written as 0 (the figure's log
 * axis leaves it out). */
static void write_difference_curves(FILE *tsv, double *const cost[N_RUNS], const int ran[N_RUNS])
{
    for (size_t it = 0; it < ITERATIONS; it += CURVE_EVERY) {
        fprintf(tsv, "%zu", it);
        for (run_id r = RUN_INPUT_ULP; r < N_RUNS; r++) {
            if (ran[r])
                fprintf(tsv, "\t%.3e", fabs(cost[r][it] - cost[RUN_EXACT][it]));
            else
                fprintf(tsv, "\tnan");
        }
        fputc('\n', tsv);
    }
}

/* The exact run's cost J: where it is lowest before the parting region and
 * how far it climbs after (the bump the differences grow on). */
static void bump_values(FILE *values, const double *J)
{
    size_t low = 0;
    for (size_t it = 1; it < ITERATIONS; it++)
        if (J[it] < J[low])
            low = it;
    size_t high = low;
    for (size_t it = low; it < ITERATIONS; it++)
        if (J[it] > J[high])
            high = it;
    nb_kv(values, "bump_low_iteration", "%zu", low);
    nb_kv(values, "bump_low_cost", "%.6f", J[low]);
    nb_kv(values, "bump_high_iteration", "%zu", high);
    nb_kv(values, "bump_high_cost", "%.6f", J[high]);
}

/* precision.md, precision.tsv and their values: every run against the
 * exact one. */
static void precision_study(const char *out, FILE *values, const nn_dataset *d)
{
    double *cost[N_RUNS];
    int ran[N_RUNS];
    nn_params *net[N_RUNS] = {NULL};
    run_all(d, cost, ran, net);
    FILE *f = nb_create(out, "precision.md");
    fprintf(f, "| run | cost at %d | first iteration whose 9 decimals differ from the exact run "
               "| largest $\\lvert \\Delta J \\rvert$ | accuracy after %d |\n"
               "|---|---:|---:|---:|---:|\n", ITERATIONS - 1, ITERATIONS);
    FILE *tsv = nb_create(out, "precision.tsv");
    fprintf(tsv, "# iteration");
    for (run_id r = RUN_INPUT_ULP; r < N_RUNS; r++)
        fprintf(tsv, "\t%s", RUN_KEY[r]);
    fputc('\n', tsv);
    for (run_id r = 0; r < N_RUNS; r++) {
        nb_kv(values, nb_key("%s_runs", RUN_KEY[r]), "%d", ran[r]);
        if (!ran[r]) {
            fprintf(f, "| %s | not run: this CPU lacks AVX2 or FMA | | | |\n", RUN_LABEL[r]);
            continue;
        }
        precision_row(f, values, r, cost[r], cost[RUN_EXACT], net[r], d);
    }
    write_difference_curves(tsv, cost, ran);
    nb_kv(values, "nine_decimals", "%.0e", 5e-10);
    nb_kv(values, "course_last", "%d", COURSE_LAST);
    bump_values(values, cost[RUN_EXACT]);
    for (run_id r = 0; r < N_RUNS; r++) {
        free(cost[r]);
        nn_params_free(net[r]);
    }
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Chapter 7: the flower network trained by each step from the readable loop to "
                  "the\nfused core, with what each step calls and whether it gives the same bits; "
                  "then the\nfused core compiled with fast options against the exact one. Writes "
                  "values, tables\nand curves into --out.",
                  &args);
    nn_dataset *flower = nb_read_flower(args.data);
    FILE *values = nb_create(args.out, "values.txt");
    printf("the steps\n");
    steps_study(args.out, values, flower);
    printf("fast options\n");
    precision_study(args.out, values, flower);
    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
