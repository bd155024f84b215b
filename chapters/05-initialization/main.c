/* Chapter 5: parameter initialisation.
 *
 * Reproduces every number and figure of README.md beside it, on the flower
 * with n_h = 4 hidden units and learning rate 1.2 (chapter 6's network):
 *   1. symmetry: the zero start, a constant start and the random start
 *      (seed 2, scale 0.01), 10000 iterations each; how far apart the
 *      hidden units end up, the accuracy, the one-unit network a symmetric
 *      network amounts to (trained at one learning rate and at the two
 *      rates the derivation predicts), the cost curves and W1's rows;
 *   2. the scale sweep for tanh and for ReLU hidden units: scales 0.001 to
 *      10 and the fan-in scale, each from seeds 1 .. 10: the state at
 *      initialisation, then 1000 iterations of training (the cost curves
 *      are seed 2's).  120 runs of 10000 iterations would take over a
 *      minute; the first 1000 are where the starts differ.
 *
 * usage: 05-initialization --data data --out results/05-initialization
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_sort_double.h>
#include <gsl/gsl_statistics_double.h>

#include "nb.h"
#include "init.h"

enum {
    N_H = 4,              /* hidden units, as in chapter 6 */
    ITERATIONS = 10000,   /* the symmetry runs and the cost curves */
    INIT_SEED = 2,        /* chapter 6's seed: the random start and the curves */
    ROW_DENSE = 100, ROW_EVERY = 10, /* W1's rows: every iteration below 100, every 10th after */
    N_SEEDS = 10,         /* the sweep trains from seeds 1 .. N_SEEDS ... */
    SWEEP_ITERATIONS = 10000, /* ... for this many iterations each, as chapter 6 trains */
    CURVE_DENSE = 1000,     /* the curves keep every iteration below this one ... */
    CURVE_EVERY = 10        /* ... and every 10th after it (the figure's x axis is log) */
};
static const double LEARNING_RATE = 1.2;
static const double CONSTANT = 0.5;    /* the constant start: every weight 0.5 */
static const double TARGET_COST = 0.3; /* "iterations to reach J <= 0.3" */

/* The starts of the sweep: five fixed scales, then the fan-in scale. */
enum { N_FIXED = 5, N_STARTS = N_FIXED + 1, FANIN = N_FIXED };
enum { N_SMALL = 3 }; /* the first three, 0.001 to 0.1, are "the small scales" */
static const double SCALES[N_FIXED] = {0.001, 0.01, 0.1, 1.0, 10.0};
static const char *const START_KEY[N_STARTS] = {"s0001", "s001", "s01", "s1", "s10", "fanin"};

/* ------------------------------------------------------------- training */

/* What a network of n_h hidden units needs to run on m examples: the
 * forward cache, the gradients, the fused trainer and the predictions,
 * allocated once. */
typedef struct {
    nn_cache *cache;
    nn_grads *grads;
    nn_trainer *trainer;
    gsl_matrix *predictions; /* (1, m) */
} workspace;

static workspace work_alloc(size_t n_x, size_t n_h, size_t m)
{
    workspace w = {nb_ok(nn_cache_alloc(n_h, m)), nb_ok(nn_grads_alloc(n_x, n_h, m)),
                   nb_ok(nn_trainer_alloc(n_x, n_h, m)), nb_ok(gsl_matrix_alloc(1, m))};
    return w;
}

static void work_free(workspace *w)
{
    gsl_matrix_free(w->predictions);
    nn_trainer_free(w->trainer);
    nn_grads_free(w->grads);
    nn_cache_free(w->cache);
}

/* Accuracy of a network on (X, Y), in percent. */
static double net_accuracy(const nn_params *p, const nn_dataset *d, workspace *w)
{
    double acc;
    nb_try(nn_forward(w->cache, p, d->X));
    nb_try(nn_predict(w->predictions, w->cache));
    nb_try(nn_accuracy(&acc, w->predictions, d->Y));
    return acc;
}

/* W1 recorded at the iterations row_iteration names, through nn_train's
 * progress hook (called before the update of iteration it, so after it updates). */
typedef struct {
    const nn_params *p;
    double *rows;  /* ROW_BLOCKS blocks of n_h n_x values */
    size_t count;
} row_log;

static void log_rows(row_log *log)
{
    const gsl_matrix *W1 = log->p->W1;
    double *dst = log->rows + log->count * W1->size1 * W1->size2;
    for (size_t j = 0; j < W1->size1; j++)
        for (size_t k = 0; k < W1->size2; k++)
            *dst++ = gsl_matrix_get(W1, j, k);
    log->count++;
}

static int record_rows(size_t iteration, double cost, void *user)
{
    (void)cost;
    if (iteration < ROW_DENSE || iteration % ROW_EVERY == 0)
        log_rows(user);
    return 0;
}

/* Gradient descent from p's current values, with the fused core (the same
 * bits as nn_train, chapter 7).  cost (iterations entries) is NaN from the
 * iteration where the cost stopped being finite.  Returns 1 if training
 * diverged (NN_ENUM), 0 if not; any other error dies. */
static int train(nn_params *p, const nn_dataset *d, workspace *w, size_t iterations,
                 double *cost, row_log *log)
{
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = iterations};
    if (log) {
        opt.report_every = 1; /* record_rows picks the iterations */
        opt.progress = record_rows;
        opt.user = log;
    }
    for (size_t i = 0; i < iterations; i++)
        cost[i] = NAN;
    nn_status s = nn_train_fast(p, w->trainer, w->cache, d->X, d->Y, &opt, cost);
    if (s != NN_OK && s != NN_ENUM)
        nb_try(s);
    if (s == NN_OK && log)
        log_rows(log); /* the weights after the last update */
    return s == NN_ENUM;
}

/* Gradient descent with a learning rate per layer: hidden_factor times
 * LEARNING_RATE for W1 and b1, out_factor times it for W2, LEARNING_RATE
 * itself for b2.  Dies if the cost stops being finite. */
static void train_two_rates(nn_params *q, const nn_dataset *d, workspace *w, size_t iterations,
                            double hidden_factor, double out_factor)
{
    for (size_t it = 0; it < iterations; it++) {
        double J;
        nb_try(nn_forward(w->cache, q, d->X));
        nb_try(nn_cost(&J, w->cache, d->Y));
        if (!isfinite(J))
            nb_die("the one-unit network with two learning rates diverged at iteration %zu", it);
        nb_try(nn_backward(w->grads, q, w->cache, d->X, d->Y));
        /* nn_update applies one rate to every gradient: rescale them first. */
        gsl_matrix_scale(w->grads->dW1, hidden_factor);
        gsl_vector_scale(w->grads->db1, hidden_factor);
        gsl_matrix_scale(w->grads->dW2, out_factor);
        nb_try(nn_update(q, w->grads, LEARNING_RATE));
    }
}

/* ------------------------------------------------------------- symmetry */

/* The one-unit network that computes exactly what a network of identical
 * units computes: unit 0's W1 row and b1, W2 = the sum of W2's entries. */
static nn_params *collapse(const nn_params *p)
{
    nn_params *q = nb_ok(nn_params_alloc(p->n_x, 1, p->hidden));
    for (size_t k = 0; k < p->n_x; k++)
        gsl_matrix_set(q->W1, 0, k, gsl_matrix_get(p->W1, 0, k));
    gsl_vector_set(q->b1, 0, gsl_vector_get(p->b1, 0));
    double w2 = 0.0;
    for (size_t j = 0; j < p->n_h; j++)
        w2 += gsl_matrix_get(p->W2, 0, j);
    gsl_matrix_set(q->W2, 0, 0, w2);
    gsl_vector_set(q->b2, 0, gsl_vector_get(p->b2, 0));
    return q;
}

/* Largest |A2 - A2'| between two networks over d's examples (wp and wq
 * sized for p's and q's n_h). */
static double output_gap(const nn_params *p, workspace *wp, const nn_params *q, workspace *wq,
                         const nn_dataset *d)
{
    nb_try(nn_forward(wp->cache, p, d->X));
    nb_try(nn_forward(wq->cache, q, d->X));
    double gap = 0.0;
    for (size_t i = 0; i < d->X->size2; i++)
        gap = fmax(gap, fabs(gsl_matrix_get(wp->cache->A2, 0, i) -
                             gsl_matrix_get(wq->cache->A2, 0, i)));
    return gap;
}

/* W1's rows recorded over ITERATIONS: those row_iteration names, then the last. */
enum { ROW_BLOCKS = ROW_DENSE + (ITERATIONS - ROW_DENSE) / ROW_EVERY + 1 };

/* The iteration after whose updates block r of the row log was recorded. */
static size_t row_iteration(size_t r)
{
    return r < ROW_DENSE ? r : ROW_DENSE + (r - ROW_DENSE) * ROW_EVERY;
}

/* rows_<name>.tsv: iteration, then W1(j, k) for j = 1..n_h, k = 1..n_x. */
static void write_rows(const char *out, const char *name, const row_log *log, size_t n_h,
                       size_t n_x)
{
    char file[64];
    snprintf(file, sizeof file, "rows_%s.tsv", name);
    FILE *f = nb_create(out, file);
    fprintf(f, "# iteration");
    for (size_t j = 0; j < n_h; j++)
        for (size_t k = 0; k < n_x; k++)
            fprintf(f, "\tW1(%zu,%zu)", j + 1, k + 1);
    fprintf(f, "\n");
    for (size_t r = 0; r < log->count; r++) {
        fprintf(f, "%zu", row_iteration(r));
        for (size_t c = 0; c < n_h * n_x; c++)
            fprintf(f, "\t%.6g", log->rows[r * n_h * n_x + c]);
        fprintf(f, "\n");
    }
}

/* The starts of the symmetry study, each trained for ITERATIONS with
 * n_h = 4, then as one hidden unit (see symmetry()). */
typedef struct {
    const char *key, *label;
    nn_activation_id hidden;
    double value; /* every weight starts at this constant; NAN: random, seed 2 */
} sym_start;

static const sym_start SYM[] = {
    {"zero", "zero", NN_TANH, 0.0},
    {"const", "constant 0.5", NN_TANH, CONSTANT},
    {"random", "random, $0.01\\thinspace\\mathcal N(0, 1)$, seed 2", NN_TANH, NAN},
};
enum { N_SYM = sizeof SYM / sizeof SYM[0] };

static void sym_init(nn_params *p, const sym_start *st)
{
    if (isnan(st->value)) {
        nn_rng *rng = nb_ok(nn_rng_alloc(INIT_SEED));
        nn_params_init(p, rng, NN_INIT_SCALE);
        nn_rng_free(rng);
    } else
        init_fill(p, st->value);
}

/* The largest |gradient| over every parameter at p's current values. */
static double largest_gradient(const nn_params *p, const nn_dataset *d, workspace *w)
{
    nb_try(nn_forward(w->cache, p, d->X));
    nb_try(nn_backward(w->grads, p, w->cache, d->X, d->Y));
    double g = 0.0;
    for (size_t k = 0; k < nn_params_count(p); k++)
        g = fmax(g, fabs(nn_grads_at(w->grads, k)));
    return g;
}

/* In the symmetry study's steps, KV writes a value of the start st under
 * the key <start>_<name>. */
#define KV(name, fmt, v) nb_kv(values, nb_key("%s_%s", st->key, name), fmt, v)

/* The one-unit network that starts as the start st: p collapsed when its
 * units are equal (symmetric), else seed 2's first draws.  A symmetric
 * start also gets a second copy, *two, for the two learning rates. */
static nn_params *one_unit_start(const nn_params *p, const sym_start *st, int symmetric,
                                 nn_params **two, FILE *values)
{
    nn_params *one;
    *two = NULL;
    if (symmetric) {
        one = collapse(p);
        *two = collapse(p);
        KV("collapsed_W2_start", "%g", gsl_matrix_get(one->W2, 0, 0));
    } else {
        one = nb_ok(nn_params_alloc(p->n_x, 1, st->hidden));
        sym_init(one, st);
    }
    return one;
}

/* A trained network p whose units are still identical is the one-unit
 * network collapse(p): its accuracy (into cell) and how far the two
 * networks' outputs differ. */
static void compare_collapsed(char *cell, size_t len, const nn_params *p, const nn_dataset *d,
                              workspace *wp, workspace *wq, const sym_start *st, FILE *values)
{
    nn_params *q = collapse(p);
    double acc_q = net_accuracy(q, d, wq);
    snprintf(cell, len, "%.2f%%", acc_q);
    KV("collapsed_accuracy", "%.2f", acc_q);
    KV("collapsed_gap", "%.1e", output_gap(p, wp, q, wq, d));
    nn_params_free(q);
}

/* The one-unit network two trained at the rates the symmetric network p
 * amounts to, alpha / n_h on W1, b1 and n_h alpha on W2: its accuracy
 * (into cell) and how far its outputs are from p's. */
static void compare_two_rates(char *cell, size_t len, nn_params *two, const nn_params *p,
                              const nn_dataset *d, workspace *wp, workspace *wq,
                              const sym_start *st, FILE *values)
{
    train_two_rates(two, d, wq, ITERATIONS, 1.0 / N_H, (double)N_H);
    double acc_two = net_accuracy(two, d, wq);
    snprintf(cell, len, "%.2f%%", acc_two);
    KV("two_rates_accuracy", "%.2f", acc_two);
    KV("two_rates_gap", "%.1e", output_gap(p, wp, two, wq, d));
}

/* What a start ended as: how far apart its rows and units are, its cost
 * and accuracy, and the one-unit networks' cells. */
typedef struct {
    double rows_diff, units_diff, acc, acc_one;
    char collapsed[32], one_cell[32], two_cell[32];
} sym_result;

/* The start's row of symmetry.md and its values: the costs after training,
 * as every chapter reports them, and W1's first row and W2's first entry. */
static void report_start(FILE *table, FILE *values, const sym_start *st, const sym_result *r,
                         const nn_params *p, const nn_params *one, const nn_dataset *d)
{
    double final_cost, one_final_cost, unused;
    nb_evaluate(p, d, &final_cost, &unused);
    nb_evaluate(one, d, &one_final_cost, &unused);
    fprintf(table, "| %s | %.3g | %.3g | %.6f | %.2f%% | %s | %s | %s |\n", st->label,
            r->rows_diff, r->units_diff, final_cost, r->acc, r->collapsed, r->one_cell,
            r->two_cell);
    KV("rows_diff", "%.3g", r->rows_diff);
    KV("units_diff", "%.3g", r->units_diff);
    KV("final_cost", "%.6f", final_cost);
    KV("accuracy", "%.2f", r->acc);
    KV("one_accuracy", "%.2f", r->acc_one);
    KV("one_final_cost", "%.6f", one_final_cost);
    KV("W1_11", "%.4f", gsl_matrix_get(p->W1, 0, 0));
    KV("W1_12", "%.4f", gsl_matrix_get(p->W1, 0, 1));
    KV("W2_1", "%.4f", gsl_matrix_get(p->W2, 0, 0));
}

/* One start: the n_h-unit network p trained from it (cost gets its
 * history, rows_<start>.tsv its W1 rows) beside its one-unit networks
 * (one_cost and rows are scratch space). */
static void symmetry_start(const char *out, const nn_dataset *d, const sym_start *st,
                           workspace *wp, workspace *wq, double *cost, double *one_cost,
                           double *rows, FILE *table, FILE *values)
{
    size_t n_x = d->X->size1;
    nn_params *p = nb_ok(nn_params_alloc(n_x, N_H, st->hidden));
    sym_init(p, st);
    KV("start_gradient", "%.3g", largest_gradient(p, d, wp));
    int symmetric = init_units_spread(p) == 0.0;
    nn_params *two, *one = one_unit_start(p, st, symmetric, &two, values);

    row_log log = {.p = p, .rows = rows};
    if (train(p, d, wp, ITERATIONS, cost, &log))
        nb_die("the %s start diverged at learning rate %g", st->key, LEARNING_RATE);
    write_rows(out, st->key, &log, N_H, n_x);
    if (train(one, d, wq, ITERATIONS, one_cost, NULL))
        nb_die("the one-unit %s start diverged", st->key);

    sym_result r = {.collapsed = "(units differ)", .one_cell = "(units differ)",
                    .two_cell = "(units differ)"};
    r.rows_diff = init_rows_spread(p->W1);
    r.units_diff = init_units_spread(p);
    r.acc = net_accuracy(p, d, wp);
    r.acc_one = net_accuracy(one, d, wq);
    if (r.units_diff == 0.0) /* identical units: the network is the one-unit network */
        compare_collapsed(r.collapsed, sizeof r.collapsed, p, d, wp, wq, st, values);
    if (symmetric) {
        snprintf(r.one_cell, sizeof r.one_cell, "%.2f%%", r.acc_one);
        compare_two_rates(r.two_cell, sizeof r.two_cell, two, p, d, wp, wq, st, values);
        nn_params_free(two);
    }
    report_start(table, values, st, &r, p, one, d);
    nn_params_free(one);
    nn_params_free(p);
}
#undef KV

/* symmetry_cost.tsv: each start's cost, every iteration below 100, every
 * 10th after, and the last. */
static void write_symmetry_costs(const char *out, double *const cost[N_SYM])
{
    FILE *curves = nb_create(out, "symmetry_cost.tsv");
    fprintf(curves, "# iteration");
    for (size_t s = 0; s < N_SYM; s++)
        fprintf(curves, "\t%s", SYM[s].key);
    fprintf(curves, "\n");
    for (size_t it = 0; it < ITERATIONS; it++)
        if (it < 100 || it % 10 == 0 || it == ITERATIONS - 1) {
            fprintf(curves, "%zu", it);
            for (size_t s = 0; s < N_SYM; s++)
                fprintf(curves, "\t%.9g", cost[s][it]);
            fprintf(curves, "\n");
        }
}

/* Each start trains the n_h-unit network p.  When its units start equal,
 * p computes what the one-unit network collapse(p) computes, and that
 * one-unit network is trained twice from the same start: at the learning
 * rate alpha (one), and at the rates the symmetric network amounts to,
 * n_h alpha on W2 and alpha / n_h on W1, b1 (two).  The random start has no
 * such collapse; its one-unit network takes the first draws of seed 2. */
static void symmetry(const char *out, const nn_dataset *d, FILE *values)
{
    size_t n_x = d->X->size1, m = d->X->size2, blocks = ROW_BLOCKS;
    workspace wp = work_alloc(n_x, N_H, m), wq = work_alloc(n_x, 1, m);
    double *cost[N_SYM], *one_cost = nb_ok(malloc(ITERATIONS * sizeof *one_cost));
    double *rows = nb_ok(malloc(blocks * N_H * n_x * sizeof *rows));
    FILE *table = nb_create(out, "symmetry.md");
    fprintf(table,
            "| start | largest difference between two rows of $W^{[1]}$ | "
            "... between two units ($W^{[1]}$, $b^{[1]}$, $W^{[2]}$) | final cost | accuracy | "
            "the one-unit network it equals | one unit from that network's start, "
            "rate $\\alpha$ | the same, rates $n_h \\alpha$ on $W^{[2]}$ and "
            "$\\alpha / n_h$ on $W^{[1]}$, $b^{[1]}$ |\n"
            "|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (size_t s = 0; s < N_SYM; s++) {
        cost[s] = nb_ok(malloc(ITERATIONS * sizeof *cost[s]));
        symmetry_start(out, d, &SYM[s], &wp, &wq, cost[s], one_cost, rows, table, values);
    }
    write_symmetry_costs(out, cost);
    for (size_t s = 0; s < N_SYM; s++)
        free(cost[s]);
    free(rows);
    free(one_cost);
    work_free(&wq);
    work_free(&wp);
}

/* ------------------------------------------------------------ the sweep */

/* The start k of the sweep from the stream rng: a fixed scale, or the
 * fan-in scale with gain 1 (tanh) or sqrt(2) (ReLU, He). */
static double fanin_gain(nn_activation_id hidden)
{
    return hidden == NN_RELU ? sqrt(2.0) : 1.0;
}

static void sweep_init(nn_params *p, nn_rng *rng, size_t k)
{
    if (k < N_FIXED)
        nn_params_init(p, rng, SCALES[k]);
    else
        nb_try(init_fanin(p, rng, fanin_gain(p->hidden)));
}

/* The cost curves of seed INIT_SEED, nan once a run diverged: every
 * iteration up to CURVE_DENSE, every CURVE_EVERY-th after it. */
static void write_curves(FILE *f, double *const cost[N_STARTS])
{
    fprintf(f, "# iteration");
    for (size_t k = 0; k < N_STARTS; k++)
        fprintf(f, "\t%s", START_KEY[k]);
    fprintf(f, "\n");
    for (size_t it = 0; it < SWEEP_ITERATIONS; it++) {
        if (it >= CURVE_DENSE && it % CURVE_EVERY != 0)
            continue;
        fprintf(f, "%zu", it);
        for (size_t k = 0; k < N_STARTS; k++) {
            if (isfinite(cost[k][it]))
                fprintf(f, "\t%.9g", cost[k][it]);
            else
                fprintf(f, "\tnan");
        }
        fprintf(f, "\n");
    }
}

/* For curves that oscillate from step to step: the least and the largest
 * cost over a window that is the same width on a log axis.  Row t
 * (t = iteration + 1, the figure's x) summarises the iterations whose t'
 * lies within a factor BAND_NUM / BAND_DEN of t; the rows' t grow by about
 * 5% from one to the next (by 1 up to t = 20), up to t = SWEEP_ITERATIONS.
 * Integers only, so that the windows are the same on every machine. */
enum { BAND_NUM = 5, BAND_DEN = 4 };
static void write_bands(FILE *f, double *const cost[N_STARTS])
{
    double factor = (double)BAND_NUM / BAND_DEN;
    fprintf(f, "# seed %d's cost, per start: the least and the largest over the iterations "
               "n with t / %g <= n + 1 <= %g t, where t = this row's iteration + 1\n"
               "# iteration", INIT_SEED, factor, factor);
    for (size_t k = 0; k < N_STARTS; k++)
        fprintf(f, "\t%s_min\t%s_max", START_KEY[k], START_KEY[k]);
    fprintf(f, "\n");
    size_t t = 1;
    for (;;) {
        size_t lo = (BAND_DEN * t + BAND_NUM - 1) / BAND_NUM; /* ceil(t / factor) */
        size_t hi = BAND_NUM * t / BAND_DEN;                  /* floor(t factor) */
        if (hi > SWEEP_ITERATIONS)
            hi = SWEEP_ITERATIONS;
        fprintf(f, "%zu", t - 1);
        for (size_t k = 0; k < N_STARTS; k++) {
            double lo_cost = INFINITY, hi_cost = -INFINITY;
            int finite = 1;
            for (size_t u = lo; u <= hi; u++) {
                double J = cost[k][u - 1];
                finite = finite && isfinite(J);
                lo_cost = fmin(lo_cost, J);
                hi_cost = fmax(hi_cost, J);
            }
            if (finite)
                fprintf(f, "\t%.6g\t%.6g", lo_cost, hi_cost);
            else
                fprintf(f, "\tnan\tnan");
        }
        fprintf(f, "\n");
        if (t == SWEEP_ITERATIONS)
            break;
        t += t / 20 ? t / 20 : 1;
        if (t > SWEEP_ITERATIONS)
            t = SWEEP_ITERATIONS;
    }
}

/* x with three significant digits and no exponent: 3240, 86.3, 0.0936. */
static int sig3(char *buf, size_t len, double x)
{
    int decimals = x == 0.0 ? 2 : 2 - (int)floor(log10(fabs(x)));
    return snprintf(buf, len, "%.*f", decimals > 0 ? decimals : 0, x);
}

/* "mean ± sd" of x[0..n) (with fmt, or three significant digits when fmt
 * is NULL), or "n/a" when n = 0. */
static void mean_sd(char *buf, size_t len, const double *x, size_t n, const char *fmt)
{
    if (n == 0) {
        snprintf(buf, len, "n/a");
        return;
    }
    double mean = gsl_stats_mean(x, 1, n), sd = n > 1 ? gsl_stats_sd(x, 1, n) : 0.0;
    if (fmt) {
        char f[32];
        snprintf(f, sizeof f, "%s ± %s", fmt, fmt);
        snprintf(buf, len, f, mean, sd);
    } else {
        int k = sig3(buf, len, mean);
        k += snprintf(buf + k, len - (size_t)k, " ± ");
        sig3(buf + k, len - (size_t)k, sd);
    }
}

/* "median (min to max)" of x[0..n), sorted in place, each with %.0f; "n/a"
 * when n = 0.  For counts whose spread is skewed (iterations to reach a
 * cost), where a mean and standard deviation would imply negative ones. */
static void median_range(char *buf, size_t len, double *x, size_t n)
{
    if (n == 0) {
        snprintf(buf, len, "n/a");
        return;
    }
    gsl_sort(x, 1, n);
    snprintf(buf, len, "%.0f (%.0f to %.0f)", gsl_stats_median_from_sorted_data(x, 1, n), x[0],
             x[n - 1]);
}

/* ||A - B|| / ||B||, Frobenius: how far A has moved from where it started. */
static double relative_change(const gsl_matrix *A, const gsl_matrix *B)
{
    double diff = 0.0, base = 0.0;
    for (size_t j = 0; j < A->size1; j++)
        for (size_t k = 0; k < A->size2; k++) {
            double a = gsl_matrix_get(A, j, k), b = gsl_matrix_get(B, j, k);
            diff += (a - b) * (a - b);
            base += b * b;
        }
    return sqrt(diff / base);
}

/* The histogram of tanh's activations: N_INNER equal bins over
 * [-NN_SATURATED, NN_SATURATED], and one bin on each side for the saturated
 * activations, |a| > NN_SATURATED (bin 0: a < -0.99, bin N_BINS - 1: a > 0.99). */
enum { N_INNER = 23, N_BINS = N_INNER + 2 }; /* odd: one bin is centred on a = 0 */
static void add_to_histogram(double count[N_BINS], const gsl_matrix *A)
{
    for (size_t j = 0; j < A->size1; j++)
        for (size_t i = 0; i < A->size2; i++) {
            double a = gsl_matrix_get(A, j, i);
            size_t b;
            if (a < -NN_SATURATED)
                b = 0;
            else if (a > NN_SATURATED)
                b = N_BINS - 1;
            else {
                double t = (a + NN_SATURATED) / (2.0 * NN_SATURATED) * N_INNER;
                b = 1 + (t >= N_INNER ? N_INNER - 1 : (size_t)t);
            }
            count[b] += 1.0;
        }
}

/* Bin b's edges. */
static void bin_edges(size_t b, double *lo, double *hi)
{
    double width = 2.0 * NN_SATURATED / N_INNER;
    if (b == 0) {
        *lo = -1.0;
        *hi = -NN_SATURATED;
    } else if (b == N_BINS - 1) {
        *lo = NN_SATURATED;
        *hi = 1.0;
    } else {
        *lo = -NN_SATURATED + (double)(b - 1) * width;
        *hi = *lo + width;
    }
}

/* The root mean square of A's entries. */
static double rms(const gsl_matrix *A)
{
    double sum = 0.0;
    for (size_t j = 0; j < A->size1; j++)
        for (size_t k = 0; k < A->size2; k++)
            sum += gsl_matrix_get(A, j, k) * gsl_matrix_get(A, j, k);
    return sqrt(sum / (double)(A->size1 * A->size2));
}

/* The largest rise of the cost from one iteration to the next over the last
 * half of a curve: 0 for a curve that only falls there. */
static double late_rise(const double *cost, size_t n)
{
    double rise = 0.0;
    for (size_t it = n / 2; it < n; it++)
        rise = fmax(rise, cost[it] - cost[it - 1]); /* fmax skips a NaN */
    return rise;
}

/* What the sweep measures at initialisation, averaged over the seeds. */
enum { P_W1, P_Z1, P_FLAT, P_SATURATED, P_SLOPE, P_DW1, P_DW2, P_COST, N_P };
static const char *const P_KEY[N_P] = {"w1_rms_per_sigma", "z1_rms", "flat", "saturated", "slope",
                                       "dW1", "dW2", "cost0"};

/* What the sweep for one kind of hidden unit works with: the network and
 * its workspace, allocated once, and where it writes. */
typedef struct {
    const nn_dataset *d;
    nn_activation_id hidden;
    const char *act;       /* its name, in keys and file names */
    double x_rms;          /* the inputs' root mean square */
    workspace w;
    nn_params *p;
    nn_rng *rng;
    gsl_matrix *W1_start;  /* W1 before training, for how far it moves */
    double *run_cost;      /* the costs of a run whose curve is not kept */
    FILE *init, *seeds, *values; /* init_<act>.md, seeds_<act>.md, values.txt */
} sweep_work;

/* What the sweep keeps of each start, and over the starts. */
typedef struct {
    double *curve[N_STARTS];        /* seed INIT_SEED's costs */
    double hist[N_STARTS][N_BINS];  /* histogram of the hidden activations at the start */
    char label[N_STARTS][64];       /* the start's name in the tables */
    double acc_mean[N_STARTS];      /* NaN for a start whose every run diverged */
    double dW1_mean[N_STARTS];      /* ||dW1|| at the start, mean over the seeds */
    size_t diverged;                /* runs, over every start */
    /* Over the small scales' runs: accuracy range, least relative move of W1,
     * largest late rise of the cost. */
    double small_acc_min, small_acc_max, small_moved_min, small_rise;
} sweep_result;

/* What the N_SEEDS runs from one start measured. */
typedef struct {
    double at_init[N_P][N_SEEDS]; /* the state at initialisation, per seed */
    double acc[N_SEEDS], moved[N_SEEDS]; /* accuracy, W1's relative move: runs that did not diverge */
    double its[N_SEEDS];          /* iterations to reach TARGET_COST: runs that did */
    size_t n_acc, n_its, n_div;
    size_t stuck;                 /* flat units at the end, over the runs */
} start_runs;

/* init_<act>.md: the state at initialisation, one row per start. */
static FILE *open_init_table(const char *out, const char *act, nn_activation_id hidden)
{
    char file[64];
    snprintf(file, sizeof file, "init_%s.md", act);
    FILE *init = nb_create(out, file);
    char sat_head[64];
    if (hidden == NN_RELU)
        snprintf(sat_head, sizeof sat_head, "flat, $g'(z) = 0$");
    else
        snprintf(sat_head, sizeof sat_head, "saturated, $\\lvert a \\rvert > %g$", NN_SATURATED);
    fprintf(init, "| start | $\\kappa$ of $W^{[1]}$ | rms of the drawn $W^{[1]}$, over $\\kappa$ | "
                  "rms of $z^{[1]}$ | %s | mean $g'(z)$ | "
                  "$\\lVert dW^{[1]} \\rVert$ | $\\lVert dW^{[2]} \\rVert$ | cost $J$ |\n"
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            sat_head);
    return init;
}

/* seeds_<act>.md: what the runs from each start reached. */
static FILE *open_seeds_table(const char *out, const char *act)
{
    char file[64];
    snprintf(file, sizeof file, "seeds_%s.md", act);
    FILE *seeds = nb_create(out, file);
    fprintf(seeds, "| start | diverged | accuracy, mean ± sd | accuracy, min to max | "
                   "reached $J \\le %.1f$ | iterations to reach it, median (range) | "
                   "stuck units at the end | $W^{[1]}$ moved, relative |\n"
                   "|---|---:|---:|---:|---:|---:|---:|---:|\n", TARGET_COST);
    return seeds;
}

/* Start k from seeds 1 .. N_SEEDS: the state at initialisation (the hidden
 * activations into hist), then SWEEP_ITERATIONS of training; curve
 * receives seed INIT_SEED's costs. */
static void run_start(start_runs *r, sweep_work *s, size_t k, double *curve,
                      double hist[N_BINS])
{
    const nn_dataset *d = s->d;
    nn_params *p = s->p;
    workspace *w = &s->w;
    *r = (start_runs){.n_acc = 0};
    for (unsigned long seed = 1; seed <= N_SEEDS; seed++) {
        double *cost = seed == INIT_SEED ? curve : s->run_cost;
        init_probe_result pr;
        nb_try(nn_rng_seed(s->rng, seed));
        sweep_init(p, s->rng, k);
        if (init_probe(&pr, p, w->cache, w->grads, d->X, d->Y) != NN_OK)
            nb_die("%s, start %s, seed %lu: %s", s->act, START_KEY[k], seed, nn_errmsg());
        double v[N_P] = {rms(p->W1), pr.z1_rms, pr.flat, pr.saturated, pr.mean_slope,
                         pr.norm_dW1, pr.norm_dW2, pr.cost};
        for (size_t c = 0; c < N_P; c++)
            r->at_init[c][seed - 1] = v[c];
        add_to_histogram(hist, w->cache->A1); /* init_probe's forward pass */
        gsl_matrix_memcpy(s->W1_start, p->W1);
        if (train(p, d, w, SWEEP_ITERATIONS, cost, NULL)) {
            r->n_div++;
            continue;
        }
        r->moved[r->n_acc] = relative_change(p->W1, s->W1_start);
        r->acc[r->n_acc++] = net_accuracy(p, d, w);
        size_t it = nb_first_at_or_below(cost, SWEEP_ITERATIONS, TARGET_COST);
        if (it < SWEEP_ITERATIONS)
            r->its[r->n_its++] = (double)it;
        nb_try(init_probe(&pr, p, w->cache, w->grads, d->X, d->Y));
        r->stuck += pr.flat_units;
    }
}

/* Start k's scale sigma_w (the fan-in one for n_x inputs), and its name in
 * the tables, into label. */
static double start_scale(char *label, size_t len, size_t k, nn_activation_id hidden, size_t n_x)
{
    double sigma_w = k < N_FIXED ? SCALES[k] : fanin_gain(hidden) / sqrt((double)n_x);
    if (k < N_FIXED)
        snprintf(label, len, "%g", SCALES[k]);
    else
        snprintf(label, len, "%s",
                 hidden == NN_RELU ? "He, $\\sqrt{2/n_{prev}}$" : "fan-in, $1/\\sqrt{n_{prev}}$");
    return sigma_w;
}

/* A start's row of seeds_<act>.md.  Sorts r->its. */
static void write_seeds_row(FILE *seeds, const char *label, start_runs *r)
{
    char acc_ms[64], its_ms[64], range[64] = "n/a";
    mean_sd(acc_ms, sizeof acc_ms, r->acc, r->n_acc, "%.2f%%");
    median_range(its_ms, sizeof its_ms, r->its, r->n_its);
    if (r->n_acc)
        snprintf(range, sizeof range, "%.2f%% to %.2f%%", gsl_stats_min(r->acc, 1, r->n_acc),
                 gsl_stats_max(r->acc, 1, r->n_acc));
    char moved_ms[64];
    mean_sd(moved_ms, sizeof moved_ms, r->moved, r->n_acc, NULL);
    fprintf(seeds, "| %s | %zu of %d | %s | %s | %zu of %zu | %s | %zu of %zu | %s |\n",
            label, r->n_div, N_SEEDS, acc_ms, range, r->n_its, r->n_acc,
            its_ms, r->stuck, r->n_acc * N_H, moved_ms);
}

/* In the steps of one start k, KV writes its value under <act>_<start>_<name>. */
#define KV(name, fmt, v) nb_kv(s->values, nb_key("%s_%s_%s", s->act, START_KEY[k], name), fmt, v)

/* Start k's values at initialisation, each the mean over the seeds (flat
 * and saturated in percent, the drawn W1's rms over its scale sigma_w); the
 * fan-in start's scales; and rms(z1) as sqrt(n_x) rms(x) rms(W1) predicts
 * it from the drawn W1. */
static void init_values(const sweep_work *s, size_t k, double sigma_w, const double mean[N_P])
{
    for (size_t c = 0; c < N_P; c++) {
        if (c == P_FLAT || c == P_SATURATED) {
            KV(P_KEY[c], "%.1f", 100.0 * mean[c]); /* percent */
        } else if (c == P_W1) {
            KV(P_KEY[c], "%.3f", mean[c] / sigma_w); /* the draws over their scale */
        } else {
            KV(P_KEY[c], "%.3g", mean[c]);
        }
    }
    if (k == FANIN) {
        KV("sigma_W1", "%.3g", sigma_w);
        KV("sigma_W2", "%.3g", fanin_gain(s->hidden) / sqrt((double)N_H));
    }
    KV("z1_rms_predicted", "%#.3g", sqrt((double)s->d->X->size1) * s->x_rms * mean[P_W1]);
}

/* Start k's values after training, and its share of res: the runs that
 * diverged, reached the target cost and ended with stuck units; the
 * accuracy and how far W1 moved; the largest late rise of the kept curve. */
static void training_values(const sweep_work *s, size_t k, const start_runs *r,
                            sweep_result *res)
{
    KV("diverged", "%zu", r->n_div);
    res->diverged += r->n_div;
    KV("reached", "%zu", r->n_its);
    KV("stuck", "%zu", r->stuck);
    res->acc_mean[k] = NAN;
    if (r->n_acc) {
        const double *acc = r->acc, *moved = r->moved;
        size_t n_acc = r->n_acc;
        res->acc_mean[k] = gsl_stats_mean(acc, 1, n_acc);
        KV("acc_mean", "%.2f", res->acc_mean[k]);
        KV("acc_min", "%.2f", gsl_stats_min(acc, 1, n_acc));
        KV("acc_max", "%.2f", gsl_stats_max(acc, 1, n_acc));
        KV("acc_sd", "%.2f", gsl_stats_sd(acc, 1, n_acc));
        char moved_mean[32];
        sig3(moved_mean, sizeof moved_mean, gsl_stats_mean(moved, 1, n_acc));
        KV("moved", "%s", moved_mean);
        if (k < N_SMALL) {
            res->small_acc_min = fmin(res->small_acc_min, gsl_stats_min(acc, 1, n_acc));
            res->small_acc_max = fmax(res->small_acc_max, gsl_stats_max(acc, 1, n_acc));
            res->small_moved_min = fmin(res->small_moved_min, gsl_stats_min(moved, 1, n_acc));
        }
    }
    if (r->n_its) {
        KV("its_mean", "%.0f", gsl_stats_mean(r->its, 1, r->n_its));
    }
    double rise = late_rise(res->curve[k], SWEEP_ITERATIONS);
    KV("late_rise", "%.2g", rise);
    if (k < N_SMALL)
        res->small_rise = fmax(res->small_rise, rise);
}
#undef KV

/* Start k of the sweep: its runs, its rows of init_<act>.md and
 * seeds_<act>.md, and its values. */
static void sweep_start(sweep_work *s, size_t k, sweep_result *res)
{
    start_runs r;
    res->curve[k] = nb_ok(malloc(SWEEP_ITERATIONS * sizeof *res->curve[k]));
    run_start(&r, s, k, res->curve[k], res->hist[k]);

    char *label = res->label[k];
    double sigma_w = start_scale(label, sizeof res->label[k], k, s->hidden, s->d->X->size1);
    double mean[N_P];
    for (size_t c = 0; c < N_P; c++)
        mean[c] = gsl_stats_mean(r.at_init[c], 1, N_SEEDS);
    fprintf(s->init, "| %s | %.3g | %.3f | %.3g | %.1f%% | %.3f | %.2e | %.2e | %.3f |\n",
            label, sigma_w, mean[P_W1] / sigma_w, mean[P_Z1],
            100.0 * mean[s->hidden == NN_RELU ? P_FLAT : P_SATURATED], mean[P_SLOPE],
            mean[P_DW1], mean[P_DW2], mean[P_COST]);
    write_seeds_row(s->seeds, label, &r);

    res->dW1_mean[k] = mean[P_DW1];
    init_values(s, k, sigma_w, mean);
    training_values(s, k, &r, res);
}

/* In the steps over all the starts, KV writes a value under <act>_<name>. */
#define KV(name, fmt, v) nb_kv(values, nb_key("%s_%s", act, name), fmt, v)

/* The values over the starts: the runs that diverged, and over the small
 * scales the largest late rise, how much ||dW1|| grows from one scale to
 * the next, ten times larger, the accuracy range and W1's least move. */
static void small_scale_values(FILE *values, const char *act, const sweep_result *res)
{
    KV("diverged", "%zu", res->diverged);
    KV("small_late_rise", "%.2g", res->small_rise);
    double growth_lo = INFINITY, growth_hi = 0.0;
    for (size_t k = 1; k < N_SMALL; k++) {
        growth_lo = fmin(growth_lo, res->dW1_mean[k] / res->dW1_mean[k - 1]);
        growth_hi = fmax(growth_hi, res->dW1_mean[k] / res->dW1_mean[k - 1]);
    }
    KV("small_dW1_growth_lo", "%.1f", growth_lo);
    KV("small_dW1_growth_hi", "%.1f", growth_hi);
    if (isfinite(res->small_acc_min)) {
        KV("small_acc_min", "%.2f", res->small_acc_min);
        KV("small_acc_max", "%.2f", res->small_acc_max);
        KV("small_acc_spread", "%.2f", res->small_acc_max - res->small_acc_min);
        char moved_min[32];
        sig3(moved_min, sizeof moved_min, res->small_moved_min);
        KV("small_moved_min", "%s", moved_min);
    }
}

/* The starts with the lowest and the highest mean accuracy (the first of
 * equals), as values and as a row of extremes; a start whose every run
 * diverged has no mean. */
static void write_extremes(FILE *values, FILE *extremes, const char *act,
                           nn_activation_id hidden, const sweep_result *res)
{
    const double *acc_mean = res->acc_mean;
    size_t lo = N_STARTS, hi = N_STARTS;
    for (size_t k = 0; k < N_STARTS; k++) {
        if (isnan(acc_mean[k]))
            continue;
        if (lo == N_STARTS || acc_mean[k] < acc_mean[lo])
            lo = k;
        if (hi == N_STARTS || acc_mean[k] > acc_mean[hi])
            hi = k;
    }
    if (lo < N_STARTS) {
        KV("acc_mean_min", "%.2f", acc_mean[lo]);
        KV("acc_mean_max", "%.2f", acc_mean[hi]);
        fprintf(extremes, "| %s | %.2f%% | %s | %.2f%% | %s |\n",
                hidden == NN_RELU ? "ReLU" : act, acc_mean[lo], res->label[lo], acc_mean[hi],
                res->label[hi]);
    } else
        fprintf(extremes, "| %s | n/a | every run diverged | n/a | |\n", act);
}
#undef KV

/* activations_tanh.tsv: the histogram of the hidden activations at the
 * start, per start, as a fraction of the N_SEEDS n_h m values. */
static void write_activations(FILE *f, double hist[N_STARTS][N_BINS], size_t m)
{
    fprintf(f, "# bin from\tto\tfraction of the hidden activations at the start, per "
               "start:");
    for (size_t k = 0; k < N_STARTS; k++)
        fprintf(f, " %s", START_KEY[k]);
    fprintf(f, "\n# the first and the last bin hold the saturated activations, "
               "|a| > %g\n", NN_SATURATED);
    double total = (double)(N_SEEDS * N_H * m);
    for (size_t b = 0; b < N_BINS; b++) {
        double from, to;
        bin_edges(b, &from, &to);
        fprintf(f, "%.3f\t%.3f", from, to);
        for (size_t k = 0; k < N_STARTS; k++)
            fprintf(f, "\t%.6f", hist[k][b] / total);
        fprintf(f, "\n");
    }
}

/* The sweep for one kind of hidden unit.  Writes init_<act>.md,
 * seeds_<act>.md, curves_<act>.tsv (and for tanh activations_tanh.tsv),
 * values, and one row of extremes (the starts with the lowest and the
 * highest mean accuracy).  x_rms is the inputs' root mean square. */
static void sweep(const char *out, const nn_dataset *d, nn_activation_id hidden, double x_rms,
                  FILE *values, FILE *extremes)
{
    const char *act = nn_activations[hidden].name;
    size_t n_x = d->X->size1, m = d->X->size2;
    sweep_work s = {.d = d, .hidden = hidden, .act = act, .x_rms = x_rms, .values = values};
    s.w = work_alloc(n_x, N_H, m);
    s.p = nb_ok(nn_params_alloc(n_x, N_H, hidden));
    s.rng = nb_ok(nn_rng_alloc(INIT_SEED));
    s.W1_start = nb_ok(gsl_matrix_alloc(N_H, n_x));
    s.run_cost = nb_ok(malloc(SWEEP_ITERATIONS * sizeof *s.run_cost));
    s.init = open_init_table(out, act, hidden);
    s.seeds = open_seeds_table(out, act);
    sweep_result res = {.small_acc_min = INFINITY, .small_acc_max = -INFINITY,
                        .small_moved_min = INFINITY, .small_rise = 0.0};
    for (size_t k = 0; k < N_STARTS; k++)
        sweep_start(&s, k, &res);
    small_scale_values(values, act, &res);
    write_extremes(values, extremes, act, hidden, &res);

    char file[64];
    snprintf(file, sizeof file, "curves_%s.tsv", act);
    write_curves(nb_create(out, file), res.curve);
    if (hidden == NN_RELU) /* its curves of scale 1 and He's oscillate */
        write_bands(nb_create(out, "bands_relu.tsv"), res.curve);
    if (hidden == NN_TANH)
        write_activations(nb_create(out, "activations_tanh.tsv"), res.hist, m);
    for (size_t k = 0; k < N_STARTS; k++)
        free(res.curve[k]);
    free(s.run_cost);
    gsl_matrix_free(s.W1_start);
    nn_rng_free(s.rng);
    nn_params_free(s.p);
    work_free(&s.w);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Chapter 5: parameter initialisation on the flower: the zero, constant and "
                  "random\nstarts, and a sweep of weight scales for tanh and ReLU hidden units. "
                  "Writes values,\ntables and plot data into --out.",
                  &args);
    nn_dataset *flower = nb_read_flower(args.data);
    FILE *values = nb_create(args.out, "values.txt");
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "n_x", "%zu", flower->X->size1);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "constant", "%.1f", CONSTANT);
    nb_kv(values, "seeds", "%d", N_SEEDS);
    nb_kv(values, "sweep_iterations", "%d", SWEEP_ITERATIONS);
    nb_kv(values, "starts", "%d", N_STARTS);
    nb_kv(values, "runs_per_activation", "%d", N_STARTS * N_SEEDS);
    nb_kv(values, "small_runs", "%d", N_SMALL * N_SEEDS);
    nb_kv(values, "units_per_start", "%d", N_SEEDS * N_H);
    nb_kv(values, "target_cost", "%.1f", TARGET_COST);
    nb_kv(values, "m", "%zu", flower->X->size2);
    /* Saturation: |a| > 0.99, |z| > artanh 0.99, slope below 1 - 0.99^2. */
    nb_kv(values, "saturated_a", "%.2f", NN_SATURATED);
    nb_kv(values, "saturated_z", "%.2f", atanh(NN_SATURATED));
    nb_kv(values, "flat_slope", "%.4f", NN_FLAT_SLOPE);
    nb_kv(values, "flat_slope_percent", "%.2f", 100.0 * NN_FLAT_SLOPE);
    double x2 = 0.0; /* the inputs' root mean square, for the fan-in scale */
    for (size_t k = 0; k < flower->X->size1; k++)
        for (size_t i = 0; i < flower->X->size2; i++)
            x2 += gsl_matrix_get(flower->X, k, i) * gsl_matrix_get(flower->X, k, i);
    double x_rms = sqrt(x2 / (double)(flower->X->size1 * flower->X->size2));
    nb_kv(values, "x_rms", "%.3f", x_rms);
    nb_kv(values, "z_rms_per_sigma", "%.2f", sqrt((double)flower->X->size1) * x_rms);
    nb_kv(values, "band_factor", "%.2f", (double)BAND_NUM / BAND_DEN);

    symmetry(args.out, flower, values);
    FILE *extremes = nb_create(args.out, "extremes.md");
    fprintf(extremes, "| hidden units | lowest mean accuracy | from the start | "
                      "highest mean accuracy | from the start |\n"
                      "|---|---:|---|---:|---|\n");
    sweep(args.out, flower, NN_TANH, x_rms, values, extremes);
    sweep(args.out, flower, NN_RELU, x_rms, values, extremes);

    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
