/* Chapter 3: activation functions.
 *
 * Reproduces every number, table and figure of README.md beside it:
 *   1. the five activations and their derivatives over z in [-5, 5];
 *   2. each analytic derivative against a central difference, and the
 *      central difference's error as its step h shrinks;
 *   3. the network with linear hidden units on the flower: its collapse to
 *      logistic regression sigma(W' x + b'), W' = W2 W1, b' = W2 b1 + b2;
 *   4. the flower network (n_h = 4, learning rate 1.2, 10000 iterations)
 *      with sigmoid, tanh, ReLU and leaky ReLU hidden units: from seed 2
 *      (cost curves, decision regions) and from seeds 1 to 10 (mean and
 *      spread of the final cost, accuracy and speed);
 *   5. saturation: how many hidden values of the trained tanh and sigmoid
 *      networks have g'(z) < 0.1.
 *
 * usage: 03-activation-functions --data data --out results/03-activation-functions
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "nb.h"
#include "nn_actstudy.h"

enum {
    N_H = 4,             /* hidden units, as in chapter 6 */
    ITERATIONS = 10000,  /* gradient-descent steps for every network */
    INIT_SEED = 2,       /* the course's seed: the figures use this run */
    N_SEEDS = 10,        /* the seed study: seeds 1 .. N_SEEDS */
    CURVE_EVERY = 10,    /* costs.tsv keeps every 10th iteration */
    GRID = 200,          /* decision regions on a 200 x 200 grid */
    N_Z = 1001,          /* z = -5, -4.99, ..., 5 */
    N_BINS = 20          /* saturation histograms */
};
static const double LEARNING_RATE = 1.2;
static const double TARGET_COST = 0.3;   /* "iterations to reach J <= 0.3" */
static const double SATURATED = 0.1;     /* g'(z) below this counts as saturated */
static const double SETTLED = 0.01;      /* a cost within this of its final value has settled */
static const double Z_MAX = 5.0;
static const double H = 1e-5;            /* step of the central differences */
static const double GRID_MARGIN = 1.0;

/* The four hidden activations compared, in the order of every table. */
static const nn_activation_id COMPARED[] = {NN_SIGMOID, NN_TANH, NN_RELU, NN_LEAKY_RELU};
enum { N_COMPARED = sizeof COMPARED / sizeof COMPARED[0] };

/* How the tables name the activations. */
static const char *const LABEL[NN_ACTIVATION_COUNT] = {
    [NN_SIGMOID] = "sigmoid", [NN_TANH] = "tanh", [NN_RELU] = "ReLU",
    [NN_LEAKY_RELU] = "leaky ReLU", [NN_LINEAR] = "linear"};

/* ------------------------------------------------------------------ helpers */

/* Accuracy of a trained network on (X, Y), in percent. */
static double net_accuracy(const nn_params *p, const nn_dataset *d)
{
    size_t m = d->X->size2;
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, m));
    gsl_matrix *predictions = nb_ok(gsl_matrix_alloc(1, m));
    double acc;
    nb_try(nn_forward(cache, p, d->X));
    nb_try(nn_predict(predictions, cache));
    nb_try(nn_accuracy(&acc, predictions, d->Y));
    gsl_matrix_free(predictions);
    nn_cache_free(cache);
    return acc;
}

/* Counts the hidden pre-activations that are exactly 0.0 (where ReLU has no
 * derivative) in every forward pass of a training run: the progress hook
 * runs after each iteration's forward pass and before its backward pass. */
typedef struct {
    const nn_cache *cache;
    unsigned long long zeros, seen;
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

/* The flower network with hidden activation g: W1 then W2 drawn with seed,
 * scale 0.01, trained with the learning rate 1.2.  A run whose cost becomes
 * NaN or ends above where it started has diverged: the program stops rather
 * than report it, since the README says every activation trains with 1.2. */
static nn_params *train_network(const nn_dataset *d, nn_activation_id g, unsigned long seed,
                                double *cost, zero_count *zc)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    nn_params *p = nb_ok(nn_params_alloc(n_x, N_H, g));
    nn_rng *rng = nb_ok(nn_rng_alloc(seed));
    nn_params_init(p, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nn_grads *grads = nb_ok(nn_grads_alloc(n_x, N_H, m));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    if (zc) {
        zc->cache = cache;
        opt.report_every = 1;
        opt.progress = count_zeros;
        opt.user = zc;
    }
    nn_status s = nn_train(p, cache, grads, d->X, d->Y, &opt, cost);
    if (s == NN_ENUM)
        nb_die("%s hidden units, seed %lu, learning rate %g diverged: %s", nn_activations[g].name,
               seed, LEARNING_RATE, nn_errmsg());
    nb_try(s);
    if (!(cost[ITERATIONS - 1] < cost[0]))
        nb_die("%s hidden units, seed %lu, learning rate %g diverged: the cost went from %g "
               "to %g", nn_activations[g].name, seed, LEARNING_RATE, cost[0],
               cost[ITERATIONS - 1]);
    nn_grads_free(grads);
    nn_cache_free(cache);
    return p;
}

/* grid_<name>.grid: the decision regions of a network or of a logistic
 * regression (exactly one of p, lr is not NULL) over the data's range. */
static void write_boundary(const char *out, const char *name, const nn_dataset *d,
                           const nn_params *p, const nn_logreg *lr)
{
    gsl_matrix *grid = nb_grid_alloc(d->X, GRID, GRID_MARGIN);
    gsl_matrix *A = nb_ok(gsl_matrix_alloc(1, grid->size2));
    if (p)
        nb_net_over(A, p, grid);
    else
        nb_logreg_over(A, lr, grid);
    char file[128];
    snprintf(file, sizeof file, "grid_%s.grid", name);
    nb_write_grid(nb_create(out, file), grid, GRID, A);
    gsl_matrix_free(A);
    gsl_matrix_free(grid);
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

/* "<prefix>_<activation>" as a values.txt key. */
static const char *key(const char *prefix, nn_activation_id g, const char *suffix)
{
    static char k[96];
    snprintf(k, sizeof k, "%s%s%s", prefix, nn_activations[g].name, suffix);
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
               "central difference at $z = 0$ | $g'(0)$ used |\n"
               "|---|---|---:|---:|---:|---:|---:|\n");
    double worst_smooth = 0.0, worst_all = 0.0;
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        const nn_activation *a = &nn_activations[k];
        double worst, z_worst;
        size_t compared;
        nb_try(nn_derivative_check((nn_activation_id)k, z, N_Z, H, &worst, &z_worst, &compared));
        double at0 = nn_central_difference(a, 0.0, H);
        fprintf(f, "| %s | $%s$ | %zu | %.1e | %.2f | %.6g | %g |\n", LABEL[k], a->derivative,
                compared, worst, z_worst, at0, a->dg(0.0));
        nb_kv(values, key("check_", (nn_activation_id)k, "_worst"), "%.1e", worst);
        nb_kv(values, key("check_", (nn_activation_id)k, "_points"), "%zu", compared);
        nb_kv(values, key("check_", (nn_activation_id)k, "_at0"), "%.6g", at0);
        worst_all = fmax(worst_all, worst);
        if (!nn_activation_has_kink((nn_activation_id)k))
            worst_smooth = fmax(worst_smooth, worst);
    }
    nb_kv(values, "check_h", "%.0e", H);
    nb_kv(values, "check_worst", "%.1e", worst_all);

    /* The central difference's own error: O(h^2) truncation against the
     * eps / h of rounding, for the two smooth activations the course uses. */
    f = nb_create(out, "steps.md");
    fprintf(f, "| step $h$ | largest error, sigmoid | $h^2 / 48$ | largest error, tanh | "
               "$h^2 / 3$ |\n|---:|---:|---:|---:|---:|\n");
    double best_tanh = INFINITY, best_h = 0.0;
    for (int e = 1; e <= 9; e++) {
        double h = pow(10.0, -e), w[2], zw;
        size_t n;
        nb_try(nn_derivative_check(NN_SIGMOID, z, N_Z, h, &w[0], &zw, &n));
        nb_try(nn_derivative_check(NN_TANH, z, N_Z, h, &w[1], &zw, &n));
        /* Truncation h^2 |g'''(0)| / 6 with sigma'''(0) = -1/8, tanh'''(0) = -2. */
        fprintf(f, "| $10^{-%d}$ | %.1e | %.1e | %.1e | %.1e |\n", e, w[0], h * h / 48.0, w[1],
                h * h / 3.0);
        char k[32];
        snprintf(k, sizeof k, "step_tanh_%d", e);
        nb_kv(values, k, "%.1e", w[1]);
        if (w[1] < best_tanh) {
            best_tanh = w[1];
            best_h = h;
        }
    }
    nb_kv(values, "step_best_h", "%.0e", best_h);
}

/* -------------------------------------------------- 3. the linear network */

static void linear_network(const char *out, FILE *values, const nn_dataset *d, double *cost)
{
    size_t m = d->X->size2, n_x = d->X->size1;

    /* The network with linear hidden units, trained as every other. */
    nn_params *p = train_network(d, NN_LINEAR, INIT_SEED, cost, NULL);
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache, p, d->X));
    double net_cost, net_acc = net_accuracy(p, d);
    nb_try(nn_cost(&net_cost, cache, d->Y));

    /* W' = W2 W1, b' = W2 b1 + b2, and sigma(W' X + b') against A2. */
    nn_logreg *collapsed = nb_ok(nn_logreg_alloc(n_x, m));
    nb_try(nn_linear_collapse(collapsed, p));
    nb_try(nn_logreg_forward(collapsed, d->X));
    double max_diff = 0.0;
    for (size_t i = 0; i < m; i++)
        max_diff = fmax(max_diff, fabs(gsl_matrix_get(collapsed->A, 0, i) -
                                       gsl_matrix_get(cache->A2, 0, i)));
    /* ... and over the 40000 points of the figure's grid. */
    gsl_matrix *grid = nb_grid_alloc(d->X, GRID, GRID_MARGIN);
    gsl_matrix *A_net = nb_ok(gsl_matrix_alloc(1, grid->size2));
    gsl_matrix *A_lr = nb_ok(gsl_matrix_alloc(1, grid->size2));
    nb_net_over(A_net, p, grid);
    nb_logreg_over(A_lr, collapsed, grid);
    double max_diff_grid = 0.0;
    for (size_t i = 0; i < grid->size2; i++)
        max_diff_grid = fmax(max_diff_grid, fabs(gsl_matrix_get(A_lr, 0, i) -
                                                 gsl_matrix_get(A_net, 0, i)));
    nb_write_grid(nb_create(out, "grid_linear.grid"), grid, GRID, A_net);

    /* Logistic regression trained directly from w = 0, b = 0. */
    nn_logreg *lr = nb_ok(nn_logreg_alloc(n_x, m));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = ITERATIONS};
    nb_try(nn_logreg_train(lr, d->X, d->Y, &opt, NULL));
    nb_try(nn_logreg_forward(lr, d->X));
    double lr_cost, lr_acc;
    gsl_matrix *predictions = nb_ok(gsl_matrix_alloc(1, m));
    nb_try(nn_logreg_cost(&lr_cost, lr, d->Y));
    nb_try(nn_logreg_predict(predictions, lr));
    nb_try(nn_accuracy(&lr_acc, predictions, d->Y));
    nb_logreg_over(A_lr, lr, grid);
    nb_write_grid(nb_create(out, "grid_logreg.grid"), grid, GRID, A_lr);

    FILE *f = nb_create(out, "linear.md");
    fprintf(f, "| model | parameters | $w_1$ | $w_2$ | $b$ | final cost | training accuracy |\n"
               "|---|---:|---:|---:|---:|---:|---:|\n");
    fprintf(f, "| network, %d linear hidden units, collapsed to $W'$, $b'$ | %zu | %.4f | %.4f | "
               "%.4f | %.6f | %.2f%% |\n", N_H, nn_params_count(p),
            gsl_matrix_get(collapsed->w, 0, 0), gsl_matrix_get(collapsed->w, 0, 1),
            gsl_vector_get(collapsed->b, 0), net_cost, net_acc);
    fprintf(f, "| logistic regression | %zu | %.4f | %.4f | %.4f | %.6f | %.2f%% |\n", n_x + 1,
            gsl_matrix_get(lr->w, 0, 0), gsl_matrix_get(lr->w, 0, 1), gsl_vector_get(lr->b, 0),
            lr_cost, lr_acc);

    nb_kv(values, "linear_w1", "%.4f", gsl_matrix_get(collapsed->w, 0, 0));
    nb_kv(values, "linear_w2", "%.4f", gsl_matrix_get(collapsed->w, 0, 1));
    nb_kv(values, "linear_b", "%.4f", gsl_vector_get(collapsed->b, 0));
    nb_kv(values, "linear_cost", "%.6f", net_cost);
    nb_kv(values, "linear_accuracy", "%.2f", net_acc);
    nb_kv(values, "linear_max_diff", "%.1e", max_diff);
    nb_kv(values, "linear_max_diff_grid", "%.1e", max_diff_grid);
    nb_kv(values, "linear_params", "%zu", nn_params_count(p));
    double w_diff = fabs(gsl_vector_get(collapsed->b, 0) - gsl_vector_get(lr->b, 0));
    for (size_t j = 0; j < n_x; j++)
        w_diff = fmax(w_diff,
                      fabs(gsl_matrix_get(collapsed->w, 0, j) - gsl_matrix_get(lr->w, 0, j)));
    nb_kv(values, "linear_vs_logreg", "%.1e", w_diff);
    nb_kv(values, "m", "%zu", m);
    nb_kv(values, "logreg_w1", "%.4f", gsl_matrix_get(lr->w, 0, 0));
    nb_kv(values, "logreg_w2", "%.4f", gsl_matrix_get(lr->w, 0, 1));
    nb_kv(values, "logreg_b", "%.4f", gsl_vector_get(lr->b, 0));
    nb_kv(values, "logreg_cost", "%.6f", lr_cost);
    nb_kv(values, "logreg_accuracy", "%.2f", lr_acc);
    /* The first hidden unit's weights: nothing special on their own. */
    nb_kv(values, "linear_W1_11", "%.4f", gsl_matrix_get(p->W1, 0, 0));
    nb_kv(values, "linear_W1_12", "%.4f", gsl_matrix_get(p->W1, 0, 1));
    nb_kv(values, "linear_W2_1", "%.4f", gsl_matrix_get(p->W2, 0, 0));

    gsl_matrix_free(predictions);
    nn_logreg_free(lr);
    gsl_matrix_free(A_lr);
    gsl_matrix_free(A_net);
    gsl_matrix_free(grid);
    nn_logreg_free(collapsed);
    nn_cache_free(cache);
    nn_params_free(p);
}

/* ------------------------------------------ 5. saturation of a hidden layer */

/* One row of saturation.md and a histogram of g'(Z1) over [0, g'(0)]. */
static void saturation(const char *out, FILE *values, FILE *table, const nn_params *p,
                       const nn_dataset *d)
{
    size_t m = d->X->size2;
    nn_activation_id g = p->hidden;
    const nn_activation *a = &nn_activations[g];
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache, p, d->X));
    double fraction, unit[N_H], at_init;
    nb_try(nn_saturation(&fraction, unit, p, cache, SATURATED));
    /* The same units before training: W1, W2 drawn with the same seed. */
    nn_params *p0 = nb_ok(nn_params_alloc(p->n_x, N_H, g));
    nn_rng *rng = nb_ok(nn_rng_alloc(INIT_SEED));
    nn_params_init(p0, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    nn_cache *cache0 = nb_ok(nn_cache_alloc(N_H, m));
    nb_try(nn_forward(cache0, p0, d->X));
    nb_try(nn_saturation(&at_init, NULL, p0, cache0, SATURATED));
    nn_cache_free(cache0);
    nn_params_free(p0);

    /* |z| beyond which g'(z) < 0.1: g' is even and falls with |z|. */
    double z_sat = g == NN_TANH ? atanh(sqrt(1.0 - SATURATED))
                                : log((1.0 + sqrt(1.0 - 4.0 * SATURATED)) /
                                      (1.0 - sqrt(1.0 - 4.0 * SATURATED)));
    double mean_a = 0.0, largest = 0.0;
    size_t counts[N_BINS] = {0};
    double top = a->dg(0.0), width = top / N_BINS;
    for (size_t j = 0; j < N_H; j++)
        for (size_t i = 0; i < m; i++) {
            double z = gsl_matrix_get(cache->Z1, j, i), s = a->dg(z);
            mean_a += gsl_matrix_get(cache->A1, j, i);
            largest = fmax(largest, fabs(z));
            size_t b = (size_t)(s / width);
            counts[b < N_BINS ? b : N_BINS - 1]++;
        }
    mean_a /= (double)(N_H * m);

    fprintf(table, "| %s | $\\lvert z \\rvert > %.3f$ | %.1f%% | %.1f%% |", LABEL[g], z_sat,
            100.0 * at_init, 100.0 * fraction);
    for (size_t j = 0; j < N_H; j++)
        fprintf(table, " %.1f%% |", 100.0 * unit[j]);
    fprintf(table, " %.1f | %.3f |\n", largest, mean_a);

    char file[64];
    snprintf(file, sizeof file, "saturation_%s.tsv", a->name);
    FILE *f = nb_create(out, file);
    fprintf(f, "# g'(z) bin centre\tfraction of the %zu hidden values\n", N_H * m);
    for (size_t b = 0; b < N_BINS; b++)
        fprintf(f, "%.6g\t%.6g\n", (b + 0.5) * width, (double)counts[b] / (double)(N_H * m));

    nb_kv(values, key("sat_", g, ""), "%.1f", 100.0 * fraction);
    nb_kv(values, key("sat_", g, "_init"), "%.1f", 100.0 * at_init);
    nb_kv(values, key("sat_", g, "_z"), "%.3f", z_sat);
    nb_kv(values, key("sat_", g, "_top"), "%g", top);
    nb_kv(values, key("sat_", g, "_mean_a"), "%.3f", mean_a);
    nb_kv(values, key("sat_", g, "_largest_z"), "%.1f", largest);
    nn_cache_free(cache);
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

/* ------------------------------------------------------------------- main */

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Chapter 3: the activations and their derivatives, the collapse of a network "
                  "with\nlinear hidden units, and the flower network trained with sigmoid, tanh, "
                  "ReLU\nand leaky ReLU hidden units. Writes values, tables and plot data into "
                  "--out.",
                  &args);
    const char *out = args.out;
    nn_dataset *flower = nb_read_dataset(args.data, "flower.csv");
    FILE *values = nb_create(out, "values.txt");

    /* 1, 2. The activations, their derivatives, the derivative check. */
    double z[N_Z];
    nn_linspace(z, -Z_MAX, Z_MAX, N_Z);
    write_curves(out, values, z);
    write_derivative_check(out, values, z);

    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    nb_kv(values, "init_seed", "%d", INIT_SEED);
    nb_kv(values, "n_seeds", "%d", N_SEEDS);
    nb_kv(values, "target_cost", "%.1f", TARGET_COST);
    nb_kv(values, "saturated", "%.1f", SATURATED);
    nb_kv(values, "settled_tol", "%.2f", SETTLED);

    /* 3. Linear hidden units. */
    double *cost[N_COMPARED + 1];
    for (size_t k = 0; k <= N_COMPARED; k++)
        cost[k] = nb_ok(malloc(ITERATIONS * sizeof *cost[k]));
    double *linear_cost = cost[N_COMPARED];
    printf("linear hidden units\n");
    linear_network(out, values, flower, linear_cost);

    /* 4. Four activations, seeds 1 .. N_SEEDS; seed 2's runs are kept. */
    nn_params *net[N_COMPARED] = {NULL};
    double final[N_COMPARED][N_SEEDS], acc[N_COMPARED][N_SEEDS];
    size_t reach[N_COMPARED][N_SEEDS];
    zero_count zc = {0};
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
            zero_count *count = nn_activation_has_kink(g) ? &zc : NULL;
            nn_params *p = train_network(flower, g, seed, J, count);
            /* cost and accuracy of the trained network, as chapter 6 reports them */
            nb_evaluate(p, flower, &final[k][s], &acc[k][s]);
            reach[k][s] = nn_cost_reaches(J, ITERATIONS, TARGET_COST);
            printf("  %s %.4f (%.2f%%)", nn_activations[g].name, final[k][s], acc[k][s]);
            fprintf(seeds, "\t%.6f\t%.2f", final[k][s], acc[k][s]);
            if (seed == INIT_SEED)
                net[k] = p;
            else
                nn_params_free(p);
        }
        printf("\n");
        fputc('\n', seeds);
    }
    free(scratch);

    /* Seed 2: the table, cost curves and decision regions. */
    FILE *table = nb_create(out, "comparison.md");
    fprintf(table, "| hidden units | learning rate | final cost | training accuracy | "
                   "iterations to reach $J \\le %.1f$ |\n|---|---:|---:|---:|---:|\n",
            TARGET_COST);
    for (size_t k = 0; k < N_COMPARED; k++) {
        nn_activation_id g = COMPARED[k];
        size_t s = INIT_SEED - 1;
        fprintf(table, "| %s | %.1f | %.6f | %.2f%% | ", LABEL[g], LEARNING_RATE, final[k][s],
                acc[k][s]);
        if (reach[k][s] < ITERATIONS) {
            fprintf(table, "%zu |\n", reach[k][s]);
            nb_kv(values, key("", g, "_reach"), "%zu", reach[k][s]);
        } else
            fprintf(table, "not reached |\n");
        nb_kv(values, key("", g, "_cost"), "%.6f", final[k][s]);
        nb_kv(values, key("", g, "_cost_1000"), "%.4f", cost[k][1000]);
        nb_kv(values, key("", g, "_settled"), "%zu", settled(cost[k], SETTLED));
        nb_kv(values, key("", g, "_accuracy"), "%.2f", acc[k][s]);
        write_boundary(out, nn_activations[g].name, flower, net[k], NULL);
    }
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
    nb_kv(values, "relu_zeros", "%llu", zc.zeros);
    nb_kv(values, "relu_values_seen", "%llu", zc.seen);

    /* Seeds 1 .. N_SEEDS: mean and spread. */
    FILE *study = nb_create(out, "seeds.md");
    fprintf(study, "| hidden units | final cost, mean ± sd | range | training accuracy, mean ± sd "
                   "| range | seeds reaching $J \\le %.1f$ | iterations to reach it, median | "
                   "lowest final cost in |\n|---|---:|---:|---:|---:|---:|---:|---:|\n",
            TARGET_COST);
    size_t best[N_COMPARED] = {0};
    for (size_t s = 0; s < N_SEEDS; s++) {
        size_t b = 0;
        for (size_t k = 1; k < N_COMPARED; k++)
            if (final[k][s] < final[b][s])
                b = k;
        best[b]++;
    }
    for (size_t k = 0; k < N_COMPARED; k++) {
        nn_activation_id g = COMPARED[k];
        double c_mean = gsl_stats_mean(final[k], 1, N_SEEDS);
        double c_sd = gsl_stats_sd_m(final[k], 1, N_SEEDS, c_mean);
        double a_mean = gsl_stats_mean(acc[k], 1, N_SEEDS);
        double a_sd = gsl_stats_sd_m(acc[k], 1, N_SEEDS, a_mean);
        double c_min, c_max, a_min, a_max, reached[N_SEEDS];
        gsl_stats_minmax(&c_min, &c_max, final[k], 1, N_SEEDS);
        gsl_stats_minmax(&a_min, &a_max, acc[k], 1, N_SEEDS);
        size_t n_reached = 0;
        for (size_t s = 0; s < N_SEEDS; s++)
            if (reach[k][s] < ITERATIONS)
                reached[n_reached++] = (double)reach[k][s];
        fprintf(study, "| %s | %.4f ± %.4f | %.4f – %.4f | %.2f%% ± %.2f | %.2f – %.2f%% | "
                       "%zu of %d | ", LABEL[g], c_mean, c_sd, c_min, c_max, a_mean, a_sd,
                a_min, a_max, n_reached, N_SEEDS);
        if (n_reached) {
            gsl_sort(reached, 1, n_reached);
            double median = gsl_stats_median_from_sorted_data(reached, 1, n_reached);
            fprintf(study, "%g |", median);
            nb_kv(values, key("seeds_", g, "_reach_median"), "%g", median);
        } else
            fprintf(study, "– |");
        fprintf(study, " %zu of %d |\n", best[k], N_SEEDS);
        nb_kv(values, key("seeds_", g, "_cost_mean"), "%.4f", c_mean);
        nb_kv(values, key("seeds_", g, "_cost_sd"), "%.4f", c_sd);
        nb_kv(values, key("seeds_", g, "_cost_min"), "%.4f", c_min);
        nb_kv(values, key("seeds_", g, "_cost_max"), "%.4f", c_max);
        nb_kv(values, key("seeds_", g, "_acc_mean"), "%.2f", a_mean);
        nb_kv(values, key("seeds_", g, "_acc_sd"), "%.2f", a_sd);
        nb_kv(values, key("seeds_", g, "_acc_min"), "%.2f", a_min);
        nb_kv(values, key("seeds_", g, "_acc_max"), "%.2f", a_max);
        nb_kv(values, key("seeds_", g, "_reached"), "%zu", n_reached);
        nb_kv(values, key("seeds_", g, "_best"), "%zu", best[k]);
    }

    /* 5. Saturation of the trained tanh and sigmoid networks (seed 2). */
    FILE *sat = nb_create(out, "saturation.md");
    fprintf(sat, "| hidden units | $g'(z) < %.1f$ where | before training | after training |",
            SATURATED);
    for (size_t j = 1; j <= N_H; j++)
        fprintf(sat, " unit %zu |", j);
    fprintf(sat, " largest $\\lvert z \\rvert$ | mean $a^{[1]}$ |\n|---|---|---:|---:|");
    for (size_t j = 1; j <= N_H; j++)
        fprintf(sat, "---:|");
    fprintf(sat, "---:|---:|\n");
    for (size_t k = 0; k < N_COMPARED; k++)
        if (COMPARED[k] == NN_TANH || COMPARED[k] == NN_SIGMOID)
            saturation(out, values, sat, net[k], flower);
        else
            nb_kv(values, key("inactive_", COMPARED[k], ""), "%.1f", inactive(net[k], flower));

    nb_commit();
    for (size_t k = 0; k < N_COMPARED; k++)
        nn_params_free(net[k]);
    for (size_t k = 0; k <= N_COMPARED; k++)
        free(cost[k]);
    nn_dataset_free(flower);
    return 0;
}
