/* Chapter 3: activation functions.
 *
 * Reproduces every number, table and figure of README.md beside it:
 *   1. the five activations and their derivatives over z in [-5, 5];
 *   2. each analytic derivative against a centred difference, and the
 *      centred difference's error as its step h shrinks;
 *   3. the network with linear hidden units on the flower: its collapse to
 *      logistic regression sigma(W' x + b'), W' = W2 W1, b' = W2 b1 + b2;
 *   4. the flower network (n_h = 4, learning rate 1.2, 10000 iterations)
 *      with sigmoid, tanh, ReLU and leaky ReLU hidden units: from seed 2
 *      (cost curves, decision regions) and from seeds 1 to 10 (mean and
 *      spread of the final cost, accuracy and speed); then ReLU alone with
 *      n_h = 4, 8, 20 at learning rates 1.2 and 0.1, seeds 1 to 10;
 *   5. saturation: how many hidden values of the trained tanh and sigmoid
 *      networks have g'(z) < 0.1, and g'(z) < 0.1 g'(0).
 *
 * usage: 03-activation-functions --data data --out results/03-activation-functions
 */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "nb.h"
#include "actstudy.h"

enum {
    N_H = 4,                     /* hidden units, as in chapter 6 */
    ITERATIONS = 10000,          /* gradient-descent steps for every network */
    INIT_SEED = NB_COURSE_SEED,  /* the course's seed: the figures use this run */
    N_SEEDS = 10,                /* the seed studies: seeds 1 .. N_SEEDS */
    CURVE_EVERY = 10,            /* costs.tsv keeps every 10th iteration */
    COST_AT = 1000,              /* the curves compared at this iteration */
    GRID = NB_GRID,              /* decision regions on the notebook's grid */
    N_Z = 1001,                  /* z = -5, -4.99, ..., 5 */
    N_BINS = 20,                 /* saturation histograms */
    SWEEP_ITERATIONS = ITERATIONS, /* the ReLU sweep: steps per run */
    SWEEP_LAST = 1000            /* ... and how far back its "still falling" looks */
};
static const double LEARNING_RATE = NB_COURSE_LEARNING_RATE;
/* The ReLU sweep: hidden units against learning rate (the course's and a
 * twelfth of it) and the scale of the initial weights (the course's, and
 * chapter 5's sigma = 1). */
static const size_t SWEEP_N_H[] = {4, 8, 20};
static const double SWEEP_RATE[] = {NB_COURSE_LEARNING_RATE, 0.1};
static const double SWEEP_SCALE[] = {NN_INIT_SCALE, 1.0};
enum { N_SWEEP_N_H = sizeof SWEEP_N_H / sizeof SWEEP_N_H[0],
       N_SWEEP_RATE = sizeof SWEEP_RATE / sizeof SWEEP_RATE[0],
       N_SWEEP_SCALE = sizeof SWEEP_SCALE / sizeof SWEEP_SCALE[0] };
static const double TARGET_COST = 0.3;   /* "iterations to reach J <= 0.3" */
static const double SATURATED = 0.1;     /* g'(z) below this counts as saturated */
static const double SETTLED = 0.01;      /* a cost within this of its final value has settled */
static const double Z_MAX = 5.0;
static const double H = 1e-5;            /* step of the centred differences */
static const double GRID_MARGIN = NB_GRID_MARGIN;

/* The four hidden activations compared, in the order of every table. */
static const nn_activation_id COMPARED[] = {NN_SIGMOID, NN_TANH, NN_RELU, NN_LEAKY_RELU};
enum { N_COMPARED = sizeof COMPARED / sizeof COMPARED[0] };

/* How the tables name the activations. */
static const char *const LABEL[NN_ACTIVATION_COUNT] = {
    [NN_SIGMOID] = "sigmoid", [NN_TANH] = "tanh", [NN_RELU] = "ReLU",
    [NN_LEAKY_RELU] = "leaky ReLU", [NN_LINEAR] = "linear"};

/* ------------------------------------------------------------------ helpers */

/* Counts the hidden pre-activations that are exactly 0.0 (where ReLU has no
 * derivative) in every forward pass of a training run: the progress hook
 * runs after each iteration's forward pass and before its backward pass. */
typedef struct {
    const nn_cache *cache;
    unsigned long long zeros, seen;
    unsigned runs; /* training runs counted */
} zero_count;

static int count_zeros(size_t iteration, double cost, void *user)
{
    (void)iteration;
    (void)cost;
    zero_count *zc = user;
    const gsl_matrix *Z1 = zc->cache->Z1;
    for (size_t j = 0; j < Z1->size1; j++) {
        const double *z = gsl_matrix_const_ptr(Z1, j, 0);
        for (size_t i = 0; i < Z1->size2; i++)
            zc->zeros += z[i] == 0.0;
    }
    zc->seen += Z1->size1 * Z1->size2;
    return 0;
}

/* The flower network with n_h hidden units of activation g, initialised by
 * nb_params_seeded (W1 then W2 drawn with seed, scale 0.01, b = 0) and
 * trained by nb_train_params at the given learning rate; cost receives the
 * whole history.  A run whose cost becomes NaN or ends above where it
 * started has diverged: the program stops rather than report it, since the
 * README says no run diverged.  zc (may be NULL) counts the exact zeros of
 * Z1 in every forward pass; initial (may be NULL) receives a copy of the
 * weights before training. */
static nn_params *train_network(const nn_dataset *d, nn_activation_id g, size_t n_h,
                                unsigned long seed, double learning_rate, size_t iterations,
                                double *cost, zero_count *zc, nn_params **initial)
{
    nn_params *p = nb_params_seeded(d, n_h, g, seed);
    if (initial) {
        *initial = nb_ok(nn_params_alloc(p->n_x, n_h, g));
        nb_try(nn_params_copy(*initial, p));
    }
    nn_cache *cache = NULL;
    nn_train_options opt = {.learning_rate = learning_rate, .iterations = iterations};
    if (zc) {
        cache = nb_ok(nn_cache_alloc(n_h, d->X->size2));
        zc->cache = cache;
        zc->runs++;
        opt.report_every = 1;
        opt.progress = count_zeros;
        opt.user = zc;
    }
    nn_status s = nb_train_params(p, d, &opt, cache, cost);
    nn_cache_free(cache);
    if (s == NN_ENUM)
        nb_die("%s hidden units, n_h = %zu, seed %lu, learning rate %g diverged: %s",
               nn_activations[g].name, n_h, seed, learning_rate, nn_errmsg());
    nb_try(s);
    if (!(cost[iterations - 1] < cost[0]))
        nb_die("%s hidden units, n_h = %zu, seed %lu, learning rate %g diverged: the cost went "
               "from %g to %g", nn_activations[g].name, n_h, seed, learning_rate, cost[0],
               cost[iterations - 1]);
    return p;
}

/* grid_<name>.grid: the decision regions of a network over the data's range. */
static void write_boundary(const char *out, const char *name, const nn_dataset *d,
                           const nn_params *p)
{
    char file[128];
    snprintf(file, sizeof file, "grid_%s.grid", name);
    nb_write_boundary(out, file, d->X, p, NULL);
}

/* The first iteration from which the cost stays within tol of its final
 * value: where a curve has flattened out for good. */
static size_t settled(const double *cost, double tol)
{
    size_t i = ITERATIONS;
    while (i > 0 && fabs(cost[i - 1] - cost[ITERATIONS - 1]) <= tol)
        i--;
    return i;
}

/* "<prefix><activation><suffix>" as a values.txt key, written into k. */
enum { KEY_LEN = 96 };
static const char *key(char k[KEY_LEN], const char *prefix, nn_activation_id g,
                       const char *suffix)
{
    snprintf(k, KEY_LEN, "%s%s%s", prefix, nn_activations[g].name, suffix);
    return k;
}

/* --------------------------------------------- 1, 2. curves and derivatives */

static void write_curves(const char *out, FILE *values, const double *z)
{
    FILE *f = nb_create(out, "functions.tsv");
    fprintf(f, "# z");
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++)
        fprintf(f, "\t%s", nn_activations[k].name);
    fputc('\n', f);
    for (size_t i = 0; i < N_Z; i++) {
        fprintf(f, "%.4g", z[i]);
        for (int k = 0; k < NN_ACTIVATION_COUNT; k++)
            fprintf(f, "\t%.9g", nn_activations[k].g(z[i]));
        fputc('\n', f);
    }

    /* The derivatives; the figure leaves a gap at ReLU's kink, z = 0. */
    f = nb_create(out, "derivatives.tsv");
    fprintf(f, "# z");
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++)
        fprintf(f, "\t%s'", nn_activations[k].name);
    fputc('\n', f);
    for (size_t i = 0; i < N_Z; i++) {
        fprintf(f, "%.4g", z[i]);
        for (int k = 0; k < NN_ACTIVATION_COUNT; k++)
            fprintf(f, "\t%.9g", nn_activations[k].dg(z[i]));
        fputc('\n', f);
    }
    nb_kv(values, "z_max", "%g", Z_MAX);
    nb_kv(values, "n_z", "%d", N_Z);
    nb_kv(values, "leaky_slope", "%g", NN_LEAKY_SLOPE);
    nb_kv(values, "leaky_at_minus_z_max", "%g", nn_activations[NN_LEAKY_RELU].g(-Z_MAX));
    nb_kv(values, "relu_dg0", "%g", nn_activations[NN_RELU].dg(0.0));
    nb_kv(values, "leaky_relu_dg0", "%g", nn_activations[NN_LEAKY_RELU].dg(0.0));
    nb_kv(values, "sigmoid_dg0", "%g", nn_activations[NN_SIGMOID].dg(0.0));
    nb_kv(values, "tanh_dg0", "%g", nn_activations[NN_TANH].dg(0.0));
    nb_kv(values, "sigmoid_dg_at_5", "%.4f", nn_activations[NN_SIGMOID].dg(Z_MAX));
    nb_kv(values, "tanh_dg_at_5", "%.1e", nn_activations[NN_TANH].dg(Z_MAX));
}

static void write_derivative_check(const char *out, FILE *values, const double *z)
{
    FILE *f = nb_create(out, "derivatives.md");
    fprintf(f, "| activation | $g'(z)$ | points compared | largest error | at $z$ | "
               "centred difference at $z = 0$ | $g'(0)$ used |\n"
               "|---|---|---:|---:|---:|---:|---:|\n");
    /* The largest error over all activations, where it occurs, and there the
     * rounding estimate eps |g(z)| / h (eps the unit roundoff, 2^-53). */
    const double eps = DBL_EPSILON / 2.0;
    double worst_all = 0.0, z_all = 0.0, g_all = 0.0;
    char kb[KEY_LEN];
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        const nn_activation *a = &nn_activations[k];
        double worst, z_worst;
        size_t compared;
        nb_try(act_derivative_check((nn_activation_id)k, z, N_Z, H, &worst, &z_worst, &compared));
        double at0 = act_centred_difference(a, 0.0, H);
        fprintf(f, "| %s | $%s$ | %zu | %.1e | %.2f | %.6g | %g |\n", LABEL[k], a->derivative,
                compared, worst, z_worst, at0, a->dg(0.0));
        nb_kv(values, key(kb, "check_", (nn_activation_id)k, "_worst"), "%.1e", worst);
        nb_kv(values, key(kb, "check_", (nn_activation_id)k, "_points"), "%zu", compared);
        nb_kv(values, key(kb, "check_", (nn_activation_id)k, "_at0"), "%.6g", at0);
        if (worst > worst_all) {
            worst_all = worst;
            z_all = z_worst;
            g_all = fabs(a->g(z_worst));
        }
    }
    nb_kv(values, "check_h", "%.0e", H);
    nb_kv(values, "check_worst", "%.1e", worst_all);
    nb_kv(values, "check_worst_z", "%.2f", z_all);
    nb_kv(values, "check_worst_g", "%.2f", g_all);
    nb_kv(values, "check_worst_round", "%.1e", eps * g_all / H);
    nb_kv(values, "unit_roundoff", "%.1e", eps);
    nb_kv(values, "check_eps_over_h", "%.1e", eps / H);

    /* The centred difference's own error: O(h^2) truncation against the
     * eps / h of rounding, for the two smooth activations the course uses. */
    f = nb_create(out, "steps.md");
    fprintf(f, "| step $\\varepsilon$ | largest error, sigmoid | $\\varepsilon^2 / 48$ "
               "| largest error, tanh | $\\varepsilon^2 / 3$ |\n|---:|---:|---:|---:|---:|\n");
    double best_tanh = INFINITY, best_h = 0.0;
    for (int e = 1; e <= 9; e++) {
        double h = nb_exact_pow(10.0, -e), w[2], zw;
        size_t n;
        nb_try(act_derivative_check(NN_SIGMOID, z, N_Z, h, &w[0], &zw, &n));
        nb_try(act_derivative_check(NN_TANH, z, N_Z, h, &w[1], &zw, &n));
        /* Truncation h^2 |g'''(0)| / 6 with sigma'''(0) = -1/8, tanh'''(0) = -2. */
        fprintf(f, "| $10^{-%d}$ | %.1e | %.1e | %.1e | %.1e |\n", e, w[0], h * h / 48.0, w[1],
                h * h / 3.0);
        nb_kv(values, nb_key("step_tanh_%d", e), "%.1e", w[1]);
        if (w[1] < best_tanh) {
            best_tanh = w[1];
            best_h = h;
        }
    }
    nb_kv(values, "step_best_h", "%.0e", best_h);
}

/* -------------------------------------------------- 3. the linear network */

/* The largest |A(0, i) - B(0, i)| over the columns of two outputs (1, n). */
static double largest_gap(const gsl_matrix *A, const gsl_matrix *B)
{
    double gap = 0.0;
    for (size_t i = 0; i < A->size2; i++)
        gap = fmax(gap, fabs(gsl_matrix_get(A, 0, i) - gsl_matrix_get(B, 0, i)));
    return gap;
}

/* Logistic regression trained directly from w = 0, b = 0, at the network's
 * learning rate and for as many iterations; its cost and accuracy on d. */
static nn_logreg *train_logreg(const nn_dataset *d, double *cost, double *accuracy)
{
    size_t m = d->X->size2;
    nn_logreg *lr = nb_ok(nn_logreg_alloc(d->X->size1, m));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    nb_try(nn_logreg_train(lr, d->X, d->Y, &opt, NULL));
    nb_try(nn_logreg_forward(lr, d->X));
    gsl_matrix *predictions = nb_ok(gsl_matrix_alloc(1, m));
    nb_try(nn_logreg_cost(cost, lr, d->Y));
    nb_try(nn_logreg_predict(predictions, lr));
    nb_try(nn_accuracy(accuracy, predictions, d->Y));
    gsl_matrix_free(predictions);
    return lr;
}

/* A model sigma(w x + b) and how well it fits the flower. */
typedef struct {
    const nn_logreg *model;
    double cost, accuracy;
} linear_fit;

/* linear.md: the network collapsed to W', b' beside logistic regression. */
static void write_linear_table(const char *out, const nn_params *p, const linear_fit *net,
                               const linear_fit *lr)
{
    const nn_logreg *c = net->model, *l = lr->model;
    FILE *f = nb_create(out, "linear.md");
    fprintf(f, "| model | parameters | $w_1$ | $w_2$ | $b$ | final cost | training accuracy |\n"
               "|---|---:|---:|---:|---:|---:|---:|\n");
    fprintf(f, "| network, %d linear hidden units, collapsed to $\\tilde W$, $\\tilde b$ "
               "| %zu | %.4f | %.4f | %.4f | %.6f | %.2f%% |\n", N_H, nn_params_count(p),
            gsl_matrix_get(c->w, 0, 0), gsl_matrix_get(c->w, 0, 1),
            gsl_vector_get(c->b, 0), net->cost, net->accuracy);
    fprintf(f, "| logistic regression | %zu | %.4f | %.4f | %.4f | %.6f | %.2f%% |\n", p->n_x + 1,
            gsl_matrix_get(l->w, 0, 0), gsl_matrix_get(l->w, 0, 1), gsl_vector_get(l->b, 0),
            lr->cost, lr->accuracy);
}

/* The collapse's values: W', b', the network's cost and accuracy, how far
 * sigma(W' x + b') is from the network's output on the data and over the
 * grid's points, and the two models' numbers of parameters. */
static void collapse_values(FILE *values, const nn_params *p, const linear_fit *net,
                            double max_diff, double max_diff_grid, size_t grid_points)
{
    const nn_logreg *c = net->model;
    nb_kv(values, "linear_w1", "%.4f", gsl_matrix_get(c->w, 0, 0));
    nb_kv(values, "linear_w2", "%.4f", gsl_matrix_get(c->w, 0, 1));
    nb_kv(values, "linear_b", "%.4f", gsl_vector_get(c->b, 0));
    nb_kv(values, "linear_cost", "%.6f", net->cost);
    nb_kv(values, "linear_accuracy", "%.2f", net->accuracy);
    nb_kv(values, "linear_max_diff", "%.1e", max_diff);
    nb_kv(values, "linear_max_diff_grid", "%.1e", max_diff_grid);
    nb_kv(values, "grid_points", "%zu", grid_points);
    nb_kv(values, "linear_params", "%zu", nn_params_count(p));
    nb_kv(values, "logreg_params", "%zu", p->n_x + 1);
}

/* Logistic regression's values: how far its w, b are from the collapse's,
 * its own, and the curvature bound beta, whose 2 / beta the learning rate
 * must stay below for the convergence argument of section 4. */
static void logreg_values(FILE *values, const nn_dataset *d, const linear_fit *net,
                          const linear_fit *lr)
{
    const nn_logreg *c = net->model, *l = lr->model;
    double w_diff = fabs(gsl_vector_get(c->b, 0) - gsl_vector_get(l->b, 0));
    for (size_t j = 0; j < d->X->size1; j++)
        w_diff = fmax(w_diff, fabs(gsl_matrix_get(c->w, 0, j) - gsl_matrix_get(l->w, 0, j)));
    nb_kv(values, "linear_vs_logreg", "%.1e", w_diff);
    nb_kv(values, "m", "%zu", d->X->size2);
    nb_kv(values, "logreg_w1", "%.4f", gsl_matrix_get(l->w, 0, 0));
    nb_kv(values, "logreg_w2", "%.4f", gsl_matrix_get(l->w, 0, 1));
    nb_kv(values, "logreg_b", "%.4f", gsl_vector_get(l->b, 0));
    nb_kv(values, "logreg_cost", "%.6f", lr->cost);
    nb_kv(values, "logreg_accuracy", "%.2f", lr->accuracy);
    double L; /* beta, the curvature bound (nn_logreg_curvature) */
    nb_try(nn_logreg_curvature(&L, d->X));
    if (!(LEARNING_RATE < 2.0 / L))
        nb_die("learning rate %g is not below 2/beta = %g: the convergence argument of section 4 "
               "does not apply", LEARNING_RATE, 2.0 / L);
    nb_kv(values, "logreg_L", "%.3f", L);
    nb_kv(values, "logreg_step_limit", "%.2f", 2.0 / L);
}

/* The network with linear hidden units on the flower (cost receives its
 * cost history), the logistic regression it collapses to, and logistic
 * regression trained directly: linear.md, the two decision regions and the
 * values of section 4. */
static void linear_network(const char *out, FILE *values, const nn_dataset *d, double *cost)
{
    size_t m = d->X->size2, n_x = d->X->size1;

    /* The network with linear hidden units, trained as every other. */
    nn_params *p = train_network(d, NN_LINEAR, N_H, INIT_SEED, LEARNING_RATE, ITERATIONS, cost,
                                 NULL, NULL);
    linear_fit net, lr;
    nb_evaluate(p, d, &net.cost, &net.accuracy);
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache, p, d->X));

    /* W' = W2 W1, b' = W2 b1 + b2, and sigma(W' X + b') against A2. */
    nn_logreg *collapsed = nb_ok(nn_logreg_alloc(n_x, m));
    nb_try(act_linear_collapse(collapsed, p));
    nb_try(nn_logreg_forward(collapsed, d->X));
    net.model = collapsed;
    double max_diff = largest_gap(collapsed->A, cache->A2);
    /* ... and over the GRID x GRID points of the figure's grid. */
    gsl_matrix *grid = nb_grid_alloc(d->X, GRID, GRID_MARGIN);
    gsl_matrix *A_net = nb_ok(gsl_matrix_alloc(1, grid->size2));
    gsl_matrix *A_lr = nb_ok(gsl_matrix_alloc(1, grid->size2));
    nb_net_over(A_net, p, grid);
    nb_logreg_over(A_lr, collapsed, grid);
    double max_diff_grid = largest_gap(A_lr, A_net);
    nb_write_grid(nb_create(out, "grid_linear.grid"), grid, GRID, A_net);

    /* Logistic regression trained directly from w = 0, b = 0. */
    nn_logreg *direct = train_logreg(d, &lr.cost, &lr.accuracy);
    lr.model = direct;
    nb_logreg_over(A_lr, direct, grid);
    nb_write_grid(nb_create(out, "grid_logreg.grid"), grid, GRID, A_lr);

    write_linear_table(out, p, &net, &lr);
    collapse_values(values, p, &net, max_diff, max_diff_grid, grid->size2);
    logreg_values(values, d, &net, &lr);
    /* The first hidden unit's weights: nothing special on their own. */
    nb_kv(values, "linear_W1_11", "%.4f", gsl_matrix_get(p->W1, 0, 0));
    nb_kv(values, "linear_W1_12", "%.4f", gsl_matrix_get(p->W1, 0, 1));
    nb_kv(values, "linear_W2_1", "%.4f", gsl_matrix_get(p->W2, 0, 0));

    nn_logreg_free(direct);
    gsl_matrix_free(A_lr);
    gsl_matrix_free(A_net);
    gsl_matrix_free(grid);
    nn_logreg_free(collapsed);
    nn_cache_free(cache);
    nn_params_free(p);
}

/* ------------------------------------------ 4. four activations, ten seeds */

/* The four activations' runs from seeds 1 .. N_SEEDS. */
typedef struct {
    double final[N_COMPARED][N_SEEDS], acc[N_COMPARED][N_SEEDS]; /* cost, accuracy at the end */
    size_t reach[N_COMPARED][N_SEEDS]; /* iterations to reach TARGET_COST */
    nn_params *net[N_COMPARED], *init[N_COMPARED]; /* seed INIT_SEED's, after and before */
    zero_count zc; /* the exact zeros of Z1, over the runs of the kinked activations */
} compared_runs;

/* The four activations from seeds 1 .. N_SEEDS (seeds.tsv); seed
 * INIT_SEED's runs are kept, and so are their initial weights (for section
 * 5), and cost[k] receives their costs. */
static void train_compared(compared_runs *runs, const char *out, const nn_dataset *flower,
                           double *const cost[N_COMPARED])
{
    double *scratch = nb_ok(malloc(ITERATIONS * sizeof *scratch));
    FILE *seeds = nb_create(out, "seeds.tsv");
    fprintf(seeds, "# seed");
    for (size_t k = 0; k < N_COMPARED; k++)
        fprintf(seeds, "\tcost %s\taccuracy %s", nn_activations[COMPARED[k]].name,
                nn_activations[COMPARED[k]].name);
    fputc('\n', seeds);
    for (unsigned long seed = 1; seed <= N_SEEDS; seed++) {
        size_t s = seed - 1;
        printf("seed %lu:", seed);
        fprintf(seeds, "%lu", seed);
        for (size_t k = 0; k < N_COMPARED; k++) {
            nn_activation_id g = COMPARED[k];
            double *J = seed == INIT_SEED ? cost[k] : scratch;
            zero_count *count = nn_activation_has_kink(g) ? &runs->zc : NULL;
            nn_params *p = train_network(flower, g, N_H, seed, LEARNING_RATE, ITERATIONS, J,
                                         count, seed == INIT_SEED ? &runs->init[k] : NULL);
            /* cost and accuracy of the trained network, as chapter 6 reports them */
            double *final = &runs->final[k][s], *acc = &runs->acc[k][s];
            nb_evaluate(p, flower, final, acc);
            runs->reach[k][s] = nb_first_at_or_below(J, ITERATIONS, TARGET_COST);
            printf("  %s %.4f (%.2f%%)", nn_activations[g].name, *final, *acc);
            fprintf(seeds, "\t%.6f\t%.2f", *final, *acc);
            if (seed == INIT_SEED)
                runs->net[k] = p;
            else
                nn_params_free(p);
        }
        printf("\n");
        fputc('\n', seeds);
    }
    free(scratch);
}

/* Seed INIT_SEED's runs: comparison.md, their values and decision regions. */
static void write_comparison(const char *out, FILE *values, const compared_runs *runs,
                             double *const cost[N_COMPARED], const nn_dataset *flower)
{
    char kb[KEY_LEN];
    FILE *table = nb_create(out, "comparison.md");
    fprintf(table, "| hidden units | learning rate | final cost | training accuracy | "
                   "iterations to reach $J \\le %.1f$ |\n|---|---:|---:|---:|---:|\n",
            TARGET_COST);
    for (size_t k = 0; k < N_COMPARED; k++) {
        nn_activation_id g = COMPARED[k];
        size_t s = INIT_SEED - 1;
        fprintf(table, "| %s | %.1f | %.6f | %.2f%% | ", LABEL[g], LEARNING_RATE,
                runs->final[k][s], runs->acc[k][s]);
        if (runs->reach[k][s] < ITERATIONS) {
            fprintf(table, "%zu |\n", runs->reach[k][s]);
            nb_kv(values, key(kb, "", g, "_reach"), "%zu", runs->reach[k][s]);
        } else
            fprintf(table, "not reached |\n");
        nb_kv(values, key(kb, "", g, "_cost"), "%.6f", runs->final[k][s]);
        nb_kv(values, key(kb, "", g, "_cost_at"), "%.4f", cost[k][COST_AT]);
        nb_kv(values, key(kb, "", g, "_settled"), "%zu", settled(cost[k], SETTLED));
        nb_kv(values, key(kb, "", g, "_accuracy"), "%.2f", runs->acc[k][s]);
        write_boundary(out, nn_activations[g].name, flower, runs->net[k]);
    }
}

/* costs.tsv: seed INIT_SEED's cost curves, the four activations' and the
 * linear network's (cost[N_COMPARED]), every CURVE_EVERY-th iteration. */
static void write_cost_curves(const char *out, double *const cost[N_COMPARED + 1])
{
    FILE *curves = nb_create(out, "costs.tsv");
    fprintf(curves, "# iteration");
    for (size_t k = 0; k < N_COMPARED; k++)
        fprintf(curves, "\t%s", nn_activations[COMPARED[k]].name);
    fprintf(curves, "\tlinear\n");
    for (size_t it = 0; it < ITERATIONS; it += CURVE_EVERY) {
        fprintf(curves, "%zu", it);
        for (size_t k = 0; k <= N_COMPARED; k++)
            fprintf(curves, "\t%.9g", cost[k][it]);
        fputc('\n', curves);
    }
}

/* Activation k's row of seeds.md and its values: the mean, spread and range
 * of the final cost and accuracy over the seeds, the seeds that reached
 * TARGET_COST (how fast, and how far behind tanh they end), and best, the
 * seeds in which it has the lowest final cost. */
static void seed_study_row(FILE *study, FILE *values, const compared_runs *runs, size_t k,
                           size_t best)
{
    char kb[KEY_LEN];
    nn_activation_id g = COMPARED[k];
    const double *final = runs->final[k], *acc = runs->acc[k];
    double c_mean = gsl_stats_mean(final, 1, N_SEEDS);
    double c_sd = gsl_stats_sd_m(final, 1, N_SEEDS, c_mean);
    double a_mean = gsl_stats_mean(acc, 1, N_SEEDS);
    double a_sd = gsl_stats_sd_m(acc, 1, N_SEEDS, a_mean);
    double c_min, c_max, a_min, a_max, reached[N_SEEDS];
    gsl_stats_minmax(&c_min, &c_max, final, 1, N_SEEDS);
    gsl_stats_minmax(&a_min, &a_max, acc, 1, N_SEEDS);
    /* the seeds that reached the target: how far behind tanh they end */
    size_t n_reached = 0;
    double r_cost_max = 0.0, r_acc_min = 100.0;
    for (size_t s = 0; s < N_SEEDS; s++)
        if (runs->reach[k][s] < ITERATIONS) {
            reached[n_reached++] = (double)runs->reach[k][s];
            r_cost_max = fmax(r_cost_max, final[s]);
            r_acc_min = fmin(r_acc_min, acc[s]);
        }
    fprintf(study, "| %s | %.4f ± %.4f | %.4f – %.4f | %.2f%% ± %.2f | %.2f – %.2f%% | "
                   "%zu of %d | ", LABEL[g], c_mean, c_sd, c_min, c_max, a_mean, a_sd,
            a_min, a_max, n_reached, N_SEEDS);
    if (n_reached) {
        gsl_sort(reached, 1, n_reached);
        double median = gsl_stats_median_from_sorted_data(reached, 1, n_reached);
        fprintf(study, "%g |", median);
        nb_kv(values, key(kb, "seeds_", g, "_reach_median"), "%g", median);
    } else
        fprintf(study, "– |");
    fprintf(study, " %zu of %d |\n", best, N_SEEDS);
    nb_kv(values, key(kb, "seeds_", g, "_cost_mean"), "%.4f", c_mean);
    nb_kv(values, key(kb, "seeds_", g, "_cost_sd"), "%.4f", c_sd);
    nb_kv(values, key(kb, "seeds_", g, "_cost_min"), "%.4f", c_min);
    nb_kv(values, key(kb, "seeds_", g, "_cost_max"), "%.4f", c_max);
    nb_kv(values, key(kb, "seeds_", g, "_acc_mean"), "%.2f", a_mean);
    nb_kv(values, key(kb, "seeds_", g, "_acc_sd"), "%.2f", a_sd);
    nb_kv(values, key(kb, "seeds_", g, "_acc_min"), "%.2f", a_min);
    nb_kv(values, key(kb, "seeds_", g, "_acc_max"), "%.2f", a_max);
    nb_kv(values, key(kb, "seeds_", g, "_reached"), "%zu", n_reached);
    nb_kv(values, key(kb, "seeds_", g, "_not_reached"), "%zu", N_SEEDS - n_reached);
    if (n_reached) {
        nb_kv(values, key(kb, "seeds_", g, "_reached_cost_max"), "%.4f", r_cost_max);
        nb_kv(values, key(kb, "seeds_", g, "_reached_acc_min"), "%.2f", r_acc_min);
    }
    nb_kv(values, key(kb, "seeds_", g, "_best"), "%zu", best);
}

/* Seeds 1 .. N_SEEDS: seeds.md, each activation's mean and spread. */
static void write_seed_study(const char *out, FILE *values, const compared_runs *runs)
{
    FILE *study = nb_create(out, "seeds.md");
    fprintf(study, "| hidden units | final cost, mean ± sd | range | training accuracy, mean ± sd "
                   "| range | seeds reaching $J \\le %.1f$ | iterations to reach it, median | "
                   "lowest final cost in |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
            TARGET_COST);
    /* best[k]: the seeds in which activation k ends with the lowest cost */
    size_t best[N_COMPARED] = {0};
    for (size_t s = 0; s < N_SEEDS; s++) {
        size_t b = 0;
        for (size_t k = 1; k < N_COMPARED; k++)
            if (runs->final[k][s] < runs->final[b][s])
                b = k;
        best[b]++;
    }
    for (size_t k = 0; k < N_COMPARED; k++)
        seed_study_row(study, values, runs, k, best[k]);
}


/* ------------------------------------------ 5. saturation of a hidden layer */

/* |z| beyond which g'(z) < t, for 0 < t < g'(0): g' is even and falls with
 * |z|.  tanh: 1 - tanh^2 z < t where |z| > artanh sqrt(1 - t).  sigmoid:
 * sigma(1 - sigma) < t where |z| > ln((1 + r) / (1 - r)) = 2 artanh r,
 * r = sqrt(1 - 4 t).  No other activation has this form. */
static double z_saturated(nn_activation_id g, double t)
{
    switch (g) {
    case NN_TANH:
        return atanh(sqrt(1.0 - t));
    case NN_SIGMOID:
        return 2.0 * atanh(sqrt(1.0 - 4.0 * t));
    default:
        nb_die("z_saturated: no saturation threshold for %s hidden units",
               nn_activations[g].name);
    }
}

/* The fraction of the hidden values of p (and per unit, unit[N_H]) at which
 * g'(z) < t, after a forward pass over d. */
static double saturated_share(double *unit, const nn_params *p, const nn_dataset *d, double t)
{
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, d->X->size2));
    nb_try(nn_forward(cache, p, d->X));
    double fraction;
    nb_try(act_saturation(&fraction, unit, p, cache, t));
    nn_cache_free(cache);
    return fraction;
}

/* The histogram of g'(Z1) over the hidden values of p on d: N_BINS bins of
 * the given width from 0, the last also taking the slopes beyond it; and
 * those values' mean activation and largest |z|. */
static void slope_histogram(size_t counts[N_BINS], double *mean_a_out, double *largest_out,
                            const nn_params *p, const nn_dataset *d, double width)
{
    size_t m = d->X->size2;
    const nn_activation *a = &nn_activations[p->hidden];
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache, p, d->X));
    double mean_a = 0.0, largest = 0.0;
    for (size_t b = 0; b < N_BINS; b++)
        counts[b] = 0;
    for (size_t j = 0; j < N_H; j++)
        for (size_t i = 0; i < m; i++) {
            double z = gsl_matrix_get(cache->Z1, j, i), s = a->dg(z);
            mean_a += gsl_matrix_get(cache->A1, j, i);
            largest = fmax(largest, fabs(z));
            size_t b = (size_t)(s / width);
            counts[b < N_BINS ? b : N_BINS - 1]++;
        }
    mean_a /= (double)(N_H * m);
    nn_cache_free(cache);
    *mean_a_out = mean_a;
    *largest_out = largest;
}

/* The rows of saturation.md for one trained network p (p0: the same network
 * before training) and a histogram of g'(Z1) over [0, g'(0)].  Two criteria:
 * g'(z) < SATURATED, the same number for every activation, and
 * g'(z) < SATURATED g'(0), the same share of each one's largest slope; for
 * tanh, g'(0) = 1, they coincide and take one row. */
static void saturation(const char *out, FILE *values, FILE *table, const nn_params *p,
                       const nn_params *p0, const nn_dataset *d)
{
    size_t m = d->X->size2;
    nn_activation_id g = p->hidden;
    const nn_activation *a = &nn_activations[g];
    double top = a->dg(0.0);
    char kb[KEY_LEN];
    for (int relative = 0; relative <= 1; relative++) {
        double t = relative ? SATURATED * top : SATURATED;
        if (relative && t == SATURATED)
            break;
        double unit[N_H], after = saturated_share(unit, p, d, t);
        double before = saturated_share(NULL, p0, d, t), z_sat = z_saturated(g, t);
        if (relative)
            fprintf(table, "| %s | $g'(z) < %.1f\\thinspace g'(0) = %g$ |", LABEL[g], SATURATED, t);
        else if (t == SATURATED * top)
            fprintf(table, "| %s | $g'(z) < %g = %.1f\\thinspace g'(0)$ |", LABEL[g], t, SATURATED);
        else
            fprintf(table, "| %s | $g'(z) < %g$, %g%% of $g'(0)$ |", LABEL[g], t,
                    100.0 * t / top);
        fprintf(table, " $\\lvert z \\rvert > %.3f$ | %.1f%% | %.1f%% |", z_sat, 100.0 * before,
                100.0 * after);
        for (size_t j = 0; j < N_H; j++)
            fprintf(table, " %.1f%% |", 100.0 * unit[j]);
        fputc('\n', table);
        nb_kv(values, key(kb, "sat_", g, relative ? "_rel" : ""), "%.1f", 100.0 * after);
        nb_kv(values, key(kb, "sat_", g, relative ? "_rel_init" : "_init"), "%.1f",
              100.0 * before);
        nb_kv(values, key(kb, "sat_", g, relative ? "_rel_z" : "_z"), "%.3f", z_sat);
        nb_kv(values, key(kb, "sat_", g, relative ? "_rel_threshold" : "_share_of_top"), "%g",
              relative ? t : 100.0 * t / top);
    }

    double mean_a, largest, width = top / N_BINS;
    size_t counts[N_BINS];
    slope_histogram(counts, &mean_a, &largest, p, d, width);

    char file[64];
    snprintf(file, sizeof file, "saturation_%s.tsv", a->name);
    FILE *f = nb_create(out, file);
    fprintf(f, "# g'(z) bin centre\tfraction of the %zu hidden values\n", N_H * m);
    size_t fewest = counts[0];
    for (size_t b = 0; b < N_BINS; b++) {
        fprintf(f, "%.6g\t%.6g\n", (b + 0.5) * width, (double)counts[b] / (double)(N_H * m));
        if (counts[b] < fewest)
            fewest = counts[b];
    }

    double n = (double)(N_H * m);
    nb_kv(values, key(kb, "sat_", g, "_top"), "%g", top);
    nb_kv(values, key(kb, "sat_", g, "_mean_a"), "%.3f", mean_a);
    nb_kv(values, key(kb, "sat_", g, "_largest_z"), "%.1f", largest);
    /* The histogram's first and last bars, and its lowest one between. */
    nb_kv(values, key(kb, "sat_", g, "_bin_first"), "%.1f", 100.0 * (double)counts[0] / n);
    nb_kv(values, key(kb, "sat_", g, "_bin_last"), "%.1f",
          100.0 * (double)counts[N_BINS - 1] / n);
    nb_kv(values, key(kb, "sat_", g, "_bin_fewest"), "%.2f", 100.0 * (double)fewest / n);
}

/* The fraction of ReLU-type hidden values on the flat side, z < 0. */
static double inactive(const nn_params *p, const nn_dataset *d)
{
    size_t m = d->X->size2, n = 0;
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache, p, d->X));
    for (size_t j = 0; j < N_H; j++)
        for (size_t i = 0; i < m; i++)
            n += gsl_matrix_get(cache->Z1, j, i) < 0.0;
    nn_cache_free(cache);
    return 100.0 * (double)n / (double)(N_H * m);
}

/* saturation.md: the trained tanh and sigmoid networks of seed INIT_SEED,
 * before and after training; for the ReLU-type ones, the share of their
 * hidden values on the flat side. */
static void write_saturation(const char *out, FILE *values, const compared_runs *runs,
                             const nn_dataset *flower)
{
    char kb[KEY_LEN];
    FILE *sat = nb_create(out, "saturation.md");
    fprintf(sat, "| hidden units | counted as saturated | that is, where | before training | "
                 "after training |");
    for (size_t j = 1; j <= N_H; j++)
        fprintf(sat, " unit %zu |", j);
    fprintf(sat, "\n|---|---|---|---:|---:|");
    for (size_t j = 1; j <= N_H; j++)
        fprintf(sat, "---:|");
    fputc('\n', sat);
    for (size_t k = 0; k < N_COMPARED; k++)
        if (COMPARED[k] == NN_TANH || COMPARED[k] == NN_SIGMOID)
            saturation(out, values, sat, runs->net[k], runs->init[k], flower);
        else
            nb_kv(values, key(kb, "inactive_", COMPARED[k], ""), "%.1f",
                  inactive(runs->net[k], flower));
}

/* ------------- 4b. ReLU: hidden units against learning rate and start scale */

/* One run of the sweep: ReLU units, W drawn with seed at the given scale,
 * SWEEP_ITERATIONS steps.  The cost is computed only where the table needs
 * it: every SWEEP_LAST-th step (a run that turns NaN is caught there), then
 * at each of the last SWEEP_LAST steps.  Computing a cost changes no
 * weight, so the run is the one that records every cost.  Returns 0 if the
 * cost became NaN or infinite: the run diverged. */
static int sweep_run(const nn_dataset *d, size_t n_h, double scale, double rate,
                     unsigned long seed, nn_trainer *t, double *last, double *cost,
                     double *accuracy)
{
    nn_params *p = nb_ok(nn_params_alloc(d->X->size1, n_h, NN_RELU));
    nn_rng *rng = nb_ok(nn_rng_alloc(seed));
    nn_params_init(p, rng, scale);
    nn_rng_free(rng);
    double early[SWEEP_ITERATIONS / SWEEP_LAST];
    nn_train_options opt = {.learning_rate = rate,
                            .iterations = SWEEP_ITERATIONS - SWEEP_LAST,
                            .cost_every = SWEEP_LAST};
    nn_status s = nn_train_fast(p, t, NULL, d->X, d->Y, &opt, early);
    if (s == NN_OK) {
        opt.iterations = SWEEP_LAST;
        opt.cost_every = 1;
        s = nn_train_fast(p, t, NULL, d->X, d->Y, &opt, last);
    }
    if (s == NN_OK)
        nb_evaluate(p, d, cost, accuracy);
    nn_params_free(p);
    if (s == NN_ENUM || (s == NN_OK && !isfinite(*cost)))
        return 0;
    nb_try(s);
    return 1;
}

/* What the N_SEEDS runs of one (scale, n_h, rate) reached, over the runs
 * that did not diverge: accuracy and cost at the end, and over the last
 * SWEEP_LAST steps how much the cost fell and how many steps raised it. */
typedef struct {
    size_t n; /* runs that did not diverge */
    double acc[N_SEEDS], cost[N_SEEDS], fall[N_SEEDS], rises[N_SEEDS];
} cell_runs;

/* The runs of ReLU networks of n_h units from the given scale at the given
 * rate, seeds 1 .. N_SEEDS. */
static void run_cell(cell_runs *r, const nn_dataset *d, size_t n_h, double scale, double rate)
{
    double last[SWEEP_LAST];
    nn_trainer *t = nb_ok(nn_trainer_alloc(d->X->size1, n_h, d->X->size2));
    printf("ReLU, kappa = %g, n_h = %zu, learning rate %g:", scale, n_h, rate);
    size_t n = 0;
    for (unsigned long seed = 1; seed <= N_SEEDS; seed++) {
        if (!sweep_run(d, n_h, scale, rate, seed, t, last, &r->cost[n], &r->acc[n])) {
            printf(" diverged");
            continue;
        }
        r->fall[n] = last[0] - r->cost[n];
        r->rises[n] = r->cost[n] > last[SWEEP_LAST - 1];
        for (size_t it = 0; it + 1 < SWEEP_LAST; it++)
            r->rises[n] += last[it + 1] > last[it];
        printf(" %.2f%%", r->acc[n]);
        n++;
    }
    printf("\n");
    nn_trainer_free(t);
    r->n = n;
}

/* For the prose: the mean accuracy of each (scale, n_h, rate), the range
 * of the mean rises at each rate, the largest mean |fall|. */
typedef struct {
    double mean_acc[N_SWEEP_SCALE][N_SWEEP_N_H][N_SWEEP_RATE];
    double rises_lo[N_SWEEP_RATE], rises_hi[N_SWEEP_RATE], fall_max;
} sweep_summary;

/* The row of table.md for scale c, n_h i and rate r, its values (keys
 * s<scale index>_<n_h>_r<rate index>_...: index 1 is the course's) and its
 * share of the summary.  Fewer than two runs that did not diverge have no
 * spread: their row is dashes. */
static void report_cell(FILE *f, FILE *values, const cell_runs *runs, size_t c, size_t i,
                        size_t r, sweep_summary *sum)
{
    size_t n_h = SWEEP_N_H[i], n = runs->n;
    double scale = SWEEP_SCALE[c], rate = SWEEP_RATE[r];
    const double *acc = runs->acc, *cost = runs->cost, *fall = runs->fall, *rises = runs->rises;
    char k[KEY_LEN];
    snprintf(k, sizeof k, "s%zu_%zu_r%zu_", c + 1, n_h, r + 1);
    size_t kl = strlen(k);
    snprintf(k + kl, sizeof k - kl, "diverged");
    nb_kv(values, k, "%zu", N_SEEDS - n);
    fprintf(f, "| %g | %zu | %g | %zu of %d |", scale, n_h, rate, N_SEEDS - n, N_SEEDS);
    if (n < 2) {
        fprintf(f, " – | – | – | – | – |\n");
        sum->mean_acc[c][i][r] = NAN;
        return;
    }
    double a_mean = gsl_stats_mean(acc, 1, n), a_sd = gsl_stats_sd_m(acc, 1, n, a_mean);
    double c_mean = gsl_stats_mean(cost, 1, n), c_sd = gsl_stats_sd_m(cost, 1, n, c_mean);
    double f_mean = gsl_stats_mean(fall, 1, n), r_mean = gsl_stats_mean(rises, 1, n);
    double a_min, a_max;
    gsl_stats_minmax(&a_min, &a_max, acc, 1, n);
    fprintf(f, " %.2f%% ± %.2f | %.2f – %.2f%% | %.4f ± %.4f | %.1f | %.4f |\n", a_mean, a_sd,
            a_min, a_max, c_mean, c_sd, r_mean, f_mean);
    sum->mean_acc[c][i][r] = a_mean;
    sum->rises_lo[r] = fmin(sum->rises_lo[r], r_mean);
    sum->rises_hi[r] = fmax(sum->rises_hi[r], r_mean);
    sum->fall_max = fmax(sum->fall_max, fabs(f_mean));
    const char *what[] = {"acc_mean", "acc_sd", "acc_min", "acc_max", "cost_mean", "fall",
                          "rises"};
    const double v[] = {a_mean, a_sd, a_min, a_max, c_mean, f_mean, r_mean};
    const char *fmt[] = {"%.2f", "%.2f", "%.2f", "%.2f", "%.4f", "%.4f", "%.1f"};
    for (size_t w = 0; w < sizeof v / sizeof v[0]; w++) {
        snprintf(k + kl, sizeof k - kl, "%s", what[w]);
        nb_kv(values, k, fmt[w], v[w]);
    }
}

/* The sweep's values for the prose: the (scale, rate) pairs in which the
 * mean accuracy rises with n_h, the range of the rises, the largest fall;
 * then the sweep's settings. */
static void summary_values(FILE *values, const sweep_summary *sum)
{
    size_t rising = 0;
    for (size_t c = 0; c < N_SWEEP_SCALE; c++)
        for (size_t r = 0; r < N_SWEEP_RATE; r++) {
            int up = 1;
            for (size_t i = 0; i + 1 < N_SWEEP_N_H; i++)
                up &= sum->mean_acc[c][i + 1][r] > sum->mean_acc[c][i][r];
            rising += up;
        }
    nb_kv(values, "pairs", "%d", (int)(N_SWEEP_SCALE * N_SWEEP_RATE));
    nb_kv(values, "pairs_rising", "%zu", rising);
    for (size_t r = 0; r < N_SWEEP_RATE; r++) {
        nb_kv(values, nb_key("rises_lo_r%zu", r + 1), "%.1f", sum->rises_lo[r]);
        nb_kv(values, nb_key("rises_hi_r%zu", r + 1), "%.1f", sum->rises_hi[r]);
    }
    nb_kv(values, "fall_max", "%.4f", sum->fall_max);
    for (size_t c = 0; c < N_SWEEP_SCALE; c++) {
        nb_kv(values, nb_key("scale_%zu", c + 1), "%g", SWEEP_SCALE[c]);
    }
    for (size_t r = 0; r < N_SWEEP_RATE; r++) {
        nb_kv(values, nb_key("rate_%zu", r + 1), "%g", SWEEP_RATE[r]);
    }
    for (size_t i = 0; i < N_SWEEP_N_H; i++) {
        nb_kv(values, nb_key("n_h_%zu", i + 1), "%zu", SWEEP_N_H[i]);
    }
    nb_kv(values, "iterations", "%d", SWEEP_ITERATIONS);
    nb_kv(values, "last", "%d", SWEEP_LAST);
    nb_kv(values, "n_seeds", "%d", N_SEEDS);
    nb_kv(values, "runs", "%d", (int)(N_SWEEP_SCALE * N_SWEEP_N_H * N_SWEEP_RATE * N_SEEDS));
}

/* relu_sweep/: ReLU networks with n_h in SWEEP_N_H, started at each scale in
 * SWEEP_SCALE and trained at each rate in SWEEP_RATE, seeds 1 .. N_SEEDS,
 * SWEEP_ITERATIONS steps each: is the four-unit network held back by its
 * size, its learning rate or its start?  The last two columns tell whether
 * the runs had settled: over the last SWEEP_LAST steps, how many steps raised
 * the cost (a rate too large for the network makes it jump up and down) and
 * how much the cost fell in all (still falling: the run had not finished). */
static void relu_sweep(const char *out, const nn_dataset *d)
{
    FILE *values = nb_create(out, "values.txt");
    FILE *f = nb_create(out, "table.md");
    fprintf(f, "| start scale $\\kappa$ | $n_h$ | learning rate | diverged "
               "| training accuracy, mean ± sd | range | final cost, mean ± sd "
               "| steps that raised $J$, of the last %d, mean "
               "| fall of $J$ over those steps, mean |\n"
               "|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n", SWEEP_LAST);
    sweep_summary sum = {.fall_max = 0.0};
    for (size_t r = 0; r < N_SWEEP_RATE; r++) {
        sum.rises_lo[r] = INFINITY;
        sum.rises_hi[r] = -INFINITY;
    }
    for (size_t c = 0; c < N_SWEEP_SCALE; c++)
        for (size_t i = 0; i < N_SWEEP_N_H; i++)
            for (size_t r = 0; r < N_SWEEP_RATE; r++) {
                cell_runs runs;
                run_cell(&runs, d, SWEEP_N_H[i], SWEEP_SCALE[c], SWEEP_RATE[r]);
                report_cell(f, values, &runs, c, i, r, &sum);
            }
    summary_values(values, &sum);
}

/* ------------------------------------------------------------------- main */

/* values.txt: the settings every run of sections 4 and 5 shares. */
static void settings_values(FILE *values)
{
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    nb_kv(values, "init_seed", "%d", INIT_SEED);
    nb_kv(values, "init_scale", "%g", NN_INIT_SCALE);
    nb_kv(values, "n_seeds", "%d", N_SEEDS);
    nb_kv(values, "seed_runs", "%d", (int)(N_COMPARED * N_SEEDS));
    nb_kv(values, "cost_at", "%d", COST_AT);
    nb_kv(values, "target_cost", "%.1f", TARGET_COST);
    nb_kv(values, "saturated", "%.1f", SATURATED);
    nb_kv(values, "settled_tol", "%.2f", SETTLED);
}

/* Everything but the ReLU sweep: sections 1 to 5 and 7 of the README. */
static void main_part(const char *out, const nn_dataset *flower)
{
    FILE *values = nb_create(out, "values.txt");

    /* 1, 2. The activations, their derivatives, the derivative check. */
    double z[N_Z];
    nn_linspace(z, -Z_MAX, Z_MAX, N_Z);
    write_curves(out, values, z);
    write_derivative_check(out, values, z);
    settings_values(values);

    /* 3. Linear hidden units. */
    double *cost[N_COMPARED + 1];
    for (size_t k = 0; k <= N_COMPARED; k++)
        cost[k] = nb_ok(malloc(ITERATIONS * sizeof *cost[k]));
    double *linear_cost = cost[N_COMPARED];
    printf("linear hidden units\n");
    linear_network(out, values, flower, linear_cost);

    /* 4. Four activations, seeds 1 .. N_SEEDS: seed 2's table, cost curves
     * and decision regions, then the mean and spread over the seeds. */
    compared_runs runs = {.net = {NULL}, .init = {NULL}};
    train_compared(&runs, out, flower, cost);
    write_comparison(out, values, &runs, cost, flower);
    write_cost_curves(out, cost);
    nb_kv(values, "relu_zeros", "%llu", runs.zc.zeros);
    nb_kv(values, "relu_values_seen", "%llu", runs.zc.seen);
    nb_kv(values, "relu_runs_counted", "%u", runs.zc.runs);
    write_seed_study(out, values, &runs);

    /* 5. Saturation of the trained tanh and sigmoid networks (seed 2). */
    write_saturation(out, values, &runs, flower);

    for (size_t k = 0; k < N_COMPARED; k++) {
        nn_params_free(runs.net[k]);
        nn_params_free(runs.init[k]);
    }
    for (size_t k = 0; k <= N_COMPARED; k++)
        free(cost[k]);
}

/* The ReLU sweep runs as a part of its own (--part relu_sweep), so that the
 * build can run it on one core while the rest runs on another. */
static const char *const PARTS[] = {"relu_sweep", NULL};

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_part_args(argc, argv,
                       "Chapter 3: the activations and their derivatives, the collapse of a "
                       "network with\nlinear hidden units, and the flower network trained with "
                       "sigmoid, tanh, ReLU\nand leaky ReLU hidden units. Writes values, tables "
                       "and plot data into --out.",
                       PARTS, &args);
    nn_dataset *flower = nb_read_flower(args.data);
    if (nb_runs_part(&args, "main"))
        main_part(args.out, flower);
    if (nb_runs_part(&args, "relu_sweep")) {
        char *dir = nb_part_dir(&args, "relu_sweep");
        relu_sweep(dir, flower);
        free(dir);
    }
    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
