/* Chapter 4: backpropagation, derived and verified by gradient checking.
 *
 * Reproduces every number, table and figure of README.md beside it:
 *   1. one example through the graph: each factor of the chain rule
 *      (dL/da2, sigma', dz2, da1, g', dz1, and the parameter gradients)
 *      against a centred difference taken at that node;
 *   2. vectorised over m examples: every gradient's shape against its
 *      parameter's, and the vectorised gradient against the mean of the m
 *      one-example gradients;
 *   3. gradient checking for every activation and several shapes, per
 *      block, and the whole battery (every activation, six shapes, 20 seeds);
 *   4. the kink of ReLU and leaky ReLU: entries near it, differences that
 *      straddle it, and the check with them left out;
 *   5. the relative difference against eps from 1e-1 to 1e-12 (the V);
 *   6. deliberately broken backward passes and what the check says;
 *   7. gradient descent on the flower with the analytic and with the
 *      numerical gradient, and the price of the numerical one.
 *
 * usage: 04-backpropagation --data data --out results/04-backpropagation
 *        04-backpropagation --data data --bench   (times the two gradients)
 */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nb.h"
#include "nn_libm_map.h" /* tanh(x), exp(x): the library's own, as the network computes them */

static const double EPS = NN_GRADCHECK_EPS; /* the course's step */

/* ----------------------------------------------------------- small helpers */

/* A network, data and gradients for one random configuration. */
typedef struct {
    nn_gradcheck_config cfg;
    nn_params *p;
    gsl_matrix *X, *Y;
    nn_cache *cache;
    nn_grads *grads;
    nn_gradcheck_work *work;
} problem;

static problem problem_alloc(nn_activation_id hidden, size_t n_x, size_t n_h, size_t m,
                             unsigned long seed)
{
    problem q = {.cfg = {.hidden = hidden, .n_x = n_x, .n_h = n_h, .m = m, .seed = seed,
                         .eps = EPS}};
    q.p = nb_ok(nn_params_alloc(n_x, n_h, hidden));
    q.X = nb_ok(gsl_matrix_alloc(n_x, m));
    q.Y = nb_ok(gsl_matrix_alloc(1, m));
    q.cache = nb_ok(nn_cache_alloc(n_h, m));
    q.grads = nb_ok(nn_grads_alloc(n_x, n_h, m));
    q.work = nb_ok(nn_gradcheck_work_alloc(n_x, n_h, m));
    nb_try(nn_gradcheck_problem(q.p, q.X, q.Y, &q.cfg));
    return q;
}

static void problem_free(problem *q)
{
    nn_gradcheck_work_free(q->work);
    nn_grads_free(q->grads);
    nn_cache_free(q->cache);
    gsl_matrix_free(q->Y);
    gsl_matrix_free(q->X);
    nn_params_free(q->p);
}

static nn_gradcheck_result check(problem *q, double eps, nn_bug bug, int skip_kinks)
{
    nn_gradcheck_result r;
    nn_gradcheck_options opt = {.eps = eps, .bug = bug, .skip_kinks = skip_kinks};
    nb_try(nn_gradcheck(&r, q->work, q->p, q->X, q->Y, &opt));
    return r;
}

static const char *verdict(double diff)
{
    if (diff < NN_GRADCHECK_GOOD)
        return "right";
    if (diff < NN_GRADCHECK_PASS)
        return "right (rounding)";
    if (diff < NN_GRADCHECK_BUG)
        return "suspicious";
    return "**wrong**";
}

/* |a - b| / (|a| + |b|), 0 when both are 0: the relative difference of two scalars. */
static double rel(double a, double b) { return nn_relative_difference(&a, &b, NULL, 1); }

/* ------------------------------------------- 1. one example, node by node */

/* The loss of one example with one node of the graph replaced by t. */
typedef enum { NODE_A2, NODE_Z2, NODE_A1, NODE_Z1, LOCAL_SIGMA, LOCAL_G } node;

typedef struct {
    const nn_params *p;
    const double *x; /* (n_x) */
    double y;
    node which;
    size_t j;        /* the hidden unit, for A1, Z1 and g */
} one_example;

/* L(a) = -(y log a + (1 - y) log(1 - a)), with a correctly rounded log, so
 * that the finite differences through it are the same on every machine. */
static double loss(double a, double y)
{
    return -(y * nb_exact_log(a) + (1.0 - y) * nb_exact_log(1.0 - a));
}

/* Forward through the example with the chosen node set to t. */
static double node_value(double t, void *user)
{
    const one_example *e = user;
    const nn_params *p = e->p;
    const nn_activation *g = &nn_activations[p->hidden];
    if (e->which == LOCAL_SIGMA)
        return nn_sigmoid(t);
    if (e->which == LOCAL_G)
        return g->g(t);
    if (e->which == NODE_A2)
        return loss(t, e->y);
    if (e->which == NODE_Z2)
        return loss(nn_sigmoid(t), e->y);
    double z2 = gsl_vector_get(p->b2, 0);
    for (size_t j = 0; j < p->n_h; j++) {
        double z1 = gsl_vector_get(p->b1, j);
        for (size_t k = 0; k < p->n_x; k++)
            z1 += gsl_matrix_get(p->W1, j, k) * e->x[k];
        if (j == e->j && e->which == NODE_Z1)
            z1 = t;
        double a1 = g->g(z1);
        if (j == e->j && e->which == NODE_A1)
            a1 = t;
        z2 += gsl_matrix_get(p->W2, 0, j) * a1;
    }
    return loss(nn_sigmoid(z2), e->y);
}

static void chain_row(FILE *f, const char *what, const char *formula, double backprop,
                      one_example *e, node which, size_t j, double at)
{
    e->which = which;
    e->j = j;
    double approx = nn_centred_difference(node_value, e, at, EPS);
    fprintf(f, "| %s | %s | %.10f | %.10f | %.1e |\n", what, formula, backprop, approx,
            rel(backprop, approx));
}

static void one_example_chain(const char *out, FILE *values)
{
    enum { N_X = 2, N_H = 2 };
    problem q = problem_alloc(NN_TANH, N_X, N_H, 1, 1);
    nb_try(nn_forward(q.cache, q.p, q.X));
    nb_try(nn_backward(q.grads, q.p, q.cache, q.X, q.Y));
    double x[N_X] = {gsl_matrix_get(q.X, 0, 0), gsl_matrix_get(q.X, 1, 0)};
    double y = gsl_matrix_get(q.Y, 0, 0);
    double z2 = gsl_matrix_get(q.cache->Z2, 0, 0), a2 = gsl_matrix_get(q.cache->A2, 0, 0);
    nb_kv(values, "one_x1", "%.4f", x[0]);
    nb_kv(values, "one_x2", "%.4f", x[1]);
    nb_kv(values, "one_y", "%.0f", y);
    nb_kv(values, "one_z2", "%.4f", z2);
    nb_kv(values, "one_a2", "%.4f", a2);
    one_example e = {.p = q.p, .x = x, .y = y};

    FILE *f = nb_create(out, "chain.md");
    fprintf(f, "| derivative | from | backpropagation | centred difference | relative "
               "difference |\n|---|---|---:|---:|---:|\n");
    /* The output unit: dL/da2 from the cross-entropy, sigma', their product. */
    double dL_da2 = -y / a2 + (1.0 - y) / (1.0 - a2);
    double da2_dz2 = a2 * (1.0 - a2);
    chain_row(f, "$\\partial \\mathcal{L}/\\partial a^{[2]}$", "$-\\frac{y}{a^{[2]}} + "
              "\\frac{1-y}{1-a^{[2]}}$", dL_da2, &e, NODE_A2, 0, a2);
    chain_row(f, "$\\partial a^{[2]}/\\partial z^{[2]}$", "$\\sigma'(z^{[2]}) = "
              "a^{[2]}(1-a^{[2]})$", da2_dz2, &e, LOCAL_SIGMA, 0, z2);
    chain_row(f, "$dz^{[2]}$", "product of the two: $a^{[2]} - y$",
              gsl_matrix_get(q.grads->dZ2, 0, 0), &e, NODE_Z2, 0, z2);
    nb_kv(values, "one_dL_da2", "%.4f", dL_da2);
    nb_kv(values, "one_da2_dz2", "%.4f", da2_dz2);
    nb_kv(values, "one_dz2", "%.4f", gsl_matrix_get(q.grads->dZ2, 0, 0));
    /* The hidden layer: through W2, then g'. */
    for (size_t j = 0; j < N_H; j++) {
        double z1 = gsl_matrix_get(q.cache->Z1, j, 0);
        double da1 = gsl_matrix_get(q.p->W2, 0, j) * gsl_matrix_get(q.grads->dZ2, 0, 0);
        double t = tanh(z1), gprime = 1.0 - t * t;
        char what[96], formula[96];
        snprintf(what, sizeof what, "$da_%zu^{[1]}$", j + 1);
        snprintf(formula, sizeof formula, "$W_{1%zu}^{[2]}\\thinspace dz^{[2]}$", j + 1);
        chain_row(f, what, formula, da1, &e, NODE_A1, j, gsl_matrix_get(q.cache->A1, j, 0));
        snprintf(what, sizeof what, "$\\partial a_%zu^{[1]}/\\partial z_%zu^{[1]}$", j + 1, j + 1);
        snprintf(formula, sizeof formula, "$g'(z_%zu^{[1]}) = 1 - \\tanh^2 z_%zu^{[1]}$", j + 1,
                 j + 1);
        chain_row(f, what, formula, gprime, &e, LOCAL_G, j, z1);
        snprintf(what, sizeof what, "$dz_%zu^{[1]}$", j + 1);
        snprintf(formula, sizeof formula, "product of the two");
        chain_row(f, what, formula, gsl_matrix_get(q.grads->dZ1, j, 0), &e, NODE_Z1, j, z1);
    }
    /* The parameters: nn_backward against nn_numerical_gradient. */
    size_t P = nn_params_count(q.p);
    double approx[N_H * N_X + 2 * N_H + 1];
    nb_try(nn_numerical_gradient(approx, q.p, q.cache, q.X, q.Y, EPS));
    double worst = 0.0;
    for (size_t k = 0; k < P; k++) {
        char what[64];
        const char *formula;
        if (k < N_H * N_X) {
            snprintf(what, sizeof what, "$dW_{%zu%zu}^{[1]}$", k / N_X + 1, k % N_X + 1);
            formula = "$dz_j^{[1]}\\thinspace x_k$";
        } else if (k < N_H * N_X + N_H) {
            snprintf(what, sizeof what, "$db_%zu^{[1]}$", k - N_H * N_X + 1);
            formula = "$dz_j^{[1]}$";
        } else if (k < P - 1) {
            snprintf(what, sizeof what, "$dW_{1%zu}^{[2]}$", k - N_H * N_X - N_H + 1);
            formula = "$dz^{[2]}\\thinspace a_j^{[1]}$";
        } else {
            snprintf(what, sizeof what, "$db^{[2]}$");
            formula = "$dz^{[2]}$";
        }
        double g = nn_grads_at(q.grads, k);
        fprintf(f, "| %s | %s | %.10f | %.10f | %.1e |\n", what, formula, g, approx[k],
                rel(g, approx[k]));
        worst = fmax(worst, rel(g, approx[k]));
    }
    nb_kv(values, "one_worst", "%.0e", worst);
    problem_free(&q);
}

/* ------------------------------------------------ 2. vectorised over m */

static void vectorised(const char *out, FILE *values)
{
    enum { N_X = 3, N_H = 4, M = 10 };
    problem q = problem_alloc(NN_TANH, N_X, N_H, M, 1);
    nb_try(nn_forward(q.cache, q.p, q.X));
    nb_try(nn_backward(q.grads, q.p, q.cache, q.X, q.Y));
    nb_kv(values, "vec_n_x", "%d", N_X);
    nb_kv(values, "vec_n_h", "%d", N_H);
    nb_kv(values, "vec_m", "%d", M);

    /* Every gradient's shape, from the product that makes it, against its parameter's. */
    FILE *f = nb_create(out, "gradient_shapes.md");
    fprintf(f, "| gradient | computed as | shapes multiplied | gradient here | its variable here |"
               " same? |\n|---|---|---|---|---|---|\n");
    const nn_grads *g = q.grads;
    const nn_params *p = q.p;
    const nn_cache *c = q.cache;
    struct {
        const char *name, *formula, *factors;
        size_t r1, c1, r2, c2, gr, gc, pr, pc;
    } rows[] = {
        {"$dW^{[2]}$", "$\\frac{1}{m} dZ^{[2]} A^{[1]T}$", "$(1, m)(m, n_h)$", g->dZ2->size1,
         g->dZ2->size2, c->A1->size2, c->A1->size1, g->dW2->size1, g->dW2->size2, p->W2->size1,
         p->W2->size2},
        {"$db^{[2]}$", "$\\frac{1}{m}\\sum_i dZ^{[2] (i)}$", "sum of $(1, m)$ over $m$",
         g->dZ2->size1, g->dZ2->size2, 0, 0, g->db2->size, 1, p->b2->size, 1},
        {"$dZ^{[1]}$", "$W^{[2]T} dZ^{[2]} \\odot g'(Z^{[1]})$", "$(n_h, 1)(1, m)$",
         p->W2->size2, p->W2->size1, g->dZ2->size1, g->dZ2->size2, g->dZ1->size1,
         g->dZ1->size2, c->Z1->size1, c->Z1->size2},
        {"$dW^{[1]}$", "$\\frac{1}{m} dZ^{[1]} X^T$", "$(n_h, m)(m, n_x)$", g->dZ1->size1,
         g->dZ1->size2, q.X->size2, q.X->size1, g->dW1->size1, g->dW1->size2, p->W1->size1,
         p->W1->size2},
        {"$db^{[1]}$", "$\\frac{1}{m}\\sum_i dZ^{[1] (i)}$", "sum of $(n_h, m)$ over $m$",
         g->dZ1->size1, g->dZ1->size2, 0, 0, g->db1->size, 1, p->b1->size, 1},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) {
        char here[64];
        if (rows[k].r2)
            snprintf(here, sizeof here, "(%zu, %zu)(%zu, %zu)", rows[k].r1, rows[k].c1,
                     rows[k].r2, rows[k].c2);
        else
            snprintf(here, sizeof here, "(%zu, %zu) over %zu", rows[k].r1, rows[k].c1,
                     rows[k].c1);
        int same = rows[k].gr == rows[k].pr && rows[k].gc == rows[k].pc;
        if (!same)
            nb_die("%s has shape (%zu, %zu), its variable (%zu, %zu)", rows[k].name,
                   rows[k].gr, rows[k].gc, rows[k].pr, rows[k].pc);
        fprintf(f, "| %s | %s | %s = %s | (%zu, %zu) | (%zu, %zu) | yes |\n", rows[k].name,
                rows[k].formula, rows[k].factors, here, rows[k].gr, rows[k].gc, rows[k].pr,
                rows[k].pc);
    }

    /* The vectorised gradient is the mean of the m one-example gradients. */
    size_t P = nn_params_count(p);
    double mean[N_H * N_X + 2 * N_H + 1] = {0}, full[N_H * N_X + 2 * N_H + 1];
    nn_cache *c1 = nb_ok(nn_cache_alloc(N_H, 1));
    nn_grads *g1 = nb_ok(nn_grads_alloc(N_X, N_H, 1));
    for (size_t i = 0; i < M; i++) {
        gsl_matrix_const_view x = gsl_matrix_const_submatrix(q.X, 0, i, N_X, 1);
        gsl_matrix_const_view y = gsl_matrix_const_submatrix(q.Y, 0, i, 1, 1);
        nb_try(nn_forward(c1, p, &x.matrix));
        nb_try(nn_backward(g1, p, c1, &x.matrix, &y.matrix));
        for (size_t k = 0; k < P; k++)
            mean[k] += nn_grads_at(g1, k) / M;
    }
    for (size_t k = 0; k < P; k++)
        full[k] = nn_grads_at(g, k);
    nb_kv(values, "vec_vs_mean", "%.0e", nn_relative_difference(full, mean, NULL, P));
    nn_grads_free(g1);
    nn_cache_free(c1);
    problem_free(&q);
}

/* ------------------------------------ 3. every activation, several shapes */

static const size_t SHAPES[][3] = {{2, 4, 10}, {4, 4, 20}, {10, 20, 100}};
enum { N_SHAPES = sizeof SHAPES / sizeof SHAPES[0] };

static void activations(const char *out, FILE *values)
{
    FILE *f = nb_create(out, "activations.md");
    fprintf(f, "| $g^{[1]}$ | $(n_x, n_h, m)$ | $P$ | $W^{[1]}$ | $b^{[1]}$ | $W^{[2]}$ | "
               "$b^{[2]}$ | overall | $Z^{[1]}$ entries near a kink | verdict |\n"
               "|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
    double worst = 0.0;
    for (int a = 0; a < NN_ACTIVATION_COUNT; a++)
        for (size_t s = 0; s < N_SHAPES; s++) {
            problem q = problem_alloc((nn_activation_id)a, SHAPES[s][0], SHAPES[s][1],
                                      SHAPES[s][2], 1);
            nn_gradcheck_result r = check(&q, EPS, NN_BUG_NONE, 1);
            fprintf(f, "| %s | (%zu, %zu, %zu) | %zu | %.1e | %.1e | %.1e | %.1e | %.1e | %zu "
                       "| %s |\n",
                    nn_activations[a].name, SHAPES[s][0], SHAPES[s][1], SHAPES[s][2],
                    r.n_params, r.diff[NN_BLOCK_W1], r.diff[NN_BLOCK_B1], r.diff[NN_BLOCK_W2],
                    r.diff[NN_BLOCK_B2], r.overall, r.near_kink, verdict(r.overall));
            worst = fmax(worst, r.overall);
            problem_free(&q);
        }
    nb_kv(values, "table_worst", "%.1e", worst);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The battery, and the broken passes over all activations and 20 seeds on
 * the square shape, for the strip figure. */
static void battery(const char *out, FILE *values)
{
    FILE *f = nb_create(out, "battery.tsv");
    fprintf(f, "# column\tactivation\tseed\trelative difference (columns 0-4: nn_backward over "
               "the battery per activation; 5-9: broken passes, n_x = n_h = 4, m = 20)\n");
    double *all = nb_ok(malloc(NN_BATTERY_SIZE * sizeof *all));
    double worst[NN_ACTIVATION_COUNT] = {0};
    size_t good = 0, passed = 0, near = 0, skipped = 0;
    for (size_t k = 0; k < NN_BATTERY_SIZE; k++) {
        nn_gradcheck_config cfg = nn_battery_config(k);
        nn_gradcheck_result r;
        nb_try(nn_gradcheck_config_run(&r, &cfg, NN_BUG_NONE));
        all[k] = r.overall;
        good += r.overall < NN_GRADCHECK_GOOD;
        passed += r.overall < NN_GRADCHECK_PASS;
        near += r.near_kink;
        skipped += r.skipped;
        worst[cfg.hidden] = fmax(worst[cfg.hidden], r.overall);
        fprintf(f, "%d\t%d\t%lu\t%.3e\n", (int)cfg.hidden, (int)cfg.hidden, cfg.seed, r.overall);
    }
    for (int b = 1; b < NN_BUG_COUNT; b++)
        for (int a = 0; a < NN_ACTIVATION_COUNT; a++)
            for (unsigned long seed = 1; seed <= NN_BATTERY_SEEDS; seed++) {
                nn_gradcheck_config cfg = {.hidden = (nn_activation_id)a, .n_x = 4, .n_h = 4,
                                           .m = 20, .seed = seed, .eps = EPS};
                nn_gradcheck_result r;
                nb_try(nn_gradcheck_config_run(&r, &cfg, (nn_bug)b));
                fprintf(f, "%d\t%d\t%lu\t%.3e\n", NN_ACTIVATION_COUNT + b - 1, a, seed,
                        r.overall);
            }
    /* The sigmoid cases again with a step nearer the bottom of the V. */
    double sigmoid_larger_step = 0.0;
    for (size_t k = 0; k < NN_BATTERY_SIZE; k++) {
        nn_gradcheck_config cfg = nn_battery_config(k);
        if (cfg.hidden != NN_SIGMOID)
            continue;
        cfg.eps = 1e-5;
        nn_gradcheck_result r;
        nb_try(nn_gradcheck_config_run(&r, &cfg, NN_BUG_NONE));
        sigmoid_larger_step = fmax(sigmoid_larger_step, r.overall);
    }
    nb_kv(values, "battery_max_sigmoid_eps5", "%.1e", sigmoid_larger_step);
    qsort(all, NN_BATTERY_SIZE, sizeof *all, cmp_double);
    nb_kv(values, "battery_cases", "%zu", (size_t)NN_BATTERY_SIZE);
    nb_kv(values, "battery_seeds", "%d", NN_BATTERY_SEEDS);
    nb_kv(values, "battery_passed", "%zu", passed);
    nb_kv(values, "battery_good", "%zu", good);
    nb_kv(values, "battery_median", "%.1e", all[NN_BATTERY_SIZE / 2]);
    nb_kv(values, "battery_max", "%.1e", all[NN_BATTERY_SIZE - 1]);
    nb_kv(values, "battery_near", "%zu", near);
    nb_kv(values, "battery_skipped", "%zu", skipped);
    for (int a = 0; a < NN_ACTIVATION_COUNT; a++) {
        nb_kv(values, nb_key("battery_max_%s", nn_activations[a].name), "%.1e", worst[a]);
    }
    free(all);
}

/* ----------------------------------------------------------------- 4. kinks */

/* One row of the table: the check with every parameter (*all) and with the
 * straddling ones left out (*away). */
static void kink_row(FILE *f, problem *q, const char *what, double eps,
                     nn_gradcheck_result *all, nn_gradcheck_result *away)
{
    *all = check(q, eps, NN_BUG_NONE, 0);
    *away = check(q, eps, NN_BUG_NONE, 1);
    fprintf(f, "| %s | %s | %g | %zu | %zu | %.1e (%s) | %.1e (%s) |\n",
            nn_activations[q->p->hidden].name, what, eps, all->near_kink, all->straddling,
            all->overall, verdict(all->overall), away->overall, verdict(away->overall));
}

static void kinks(const char *out, FILE *values)
{
    enum { N_X = 3, N_H = 8, M = 50, AT_ORIGIN = 5 };
    FILE *f = nb_create(out, "kinks.md");
    fprintf(f, "| $g^{[1]}$ | data and parameters | $\\varepsilon$ | $Z^{[1]}$ entries within "
               "reach of 0 | parameters whose difference straddles a kink | relative "
               "difference, every parameter | relative difference, straddling ones left out "
               "|\n|---|---|---:|---:|---:|---|---|\n");
    nb_kv(values, "kink_n_h", "%d", N_H);
    nb_kv(values, "kink_m", "%d", M);
    nb_kv(values, "kink_at_origin", "%d", AT_ORIGIN);
    nn_activation_id acts[] = {NN_RELU, NN_LEAKY_RELU};
    for (size_t a = 0; a < 2; a++) {
        problem q = problem_alloc(acts[a], N_X, N_H, M, 1);
        nn_gradcheck_result all, away;
        kink_row(f, &q, "random (seed 1)", EPS, &all, &away);
        kink_row(f, &q, "random (seed 1)", 1e-2, &all, &away);
        /* The course's start, b1 = 0, and five examples at the origin: every
         * unit sits exactly on its kink for those examples. */
        gsl_vector_set_zero(q.p->b1);
        for (size_t i = 0; i < AT_ORIGIN; i++)
            for (size_t l = 0; l < N_X; l++)
                gsl_matrix_set(q.X, l, i, 0.0);
        kink_row(f, &q, "$b^{[1]} = 0$, five examples $x = 0$", EPS, &all, &away);
        nb_kv(values, nb_key("kink_%s_all", nn_activations[acts[a]].name), "%.1e", all.overall);
        nb_kv(values, nb_key("kink_%s_b1", nn_activations[acts[a]].name), "%.1e", all.diff[NN_BLOCK_B1]);
        nb_kv(values, nb_key("kink_%s_away", nn_activations[acts[a]].name), "%.1e", away.overall);
        nb_kv(values, nb_key("kink_%s_straddling", nn_activations[acts[a]].name), "%zu", all.straddling);
        nb_kv(values, nb_key("kink_%s_near", nn_activations[acts[a]].name), "%zu", all.near_kink);
        problem_free(&q);
    }
}

/* --------------------------------------------------------- 5. the V in eps */

/* (J(theta + eps e_k) - J(theta)) / eps: the one-sided difference, for comparison. */
static void forward_difference(double *approx, problem *q, double eps)
{
    double J0, J;
    nb_try(nn_forward(q->cache, q->p, q->X));
    nb_try(nn_cost(&J0, q->cache, q->Y));
    for (size_t k = 0; k < nn_params_count(q->p); k++) {
        double *theta = nn_params_at(q->p, k), keep = *theta, tp = keep + eps;
        *theta = tp;
        nb_try(nn_forward(q->cache, q->p, q->X));
        nb_try(nn_cost(&J, q->cache, q->Y));
        *theta = keep;
        approx[k] = (J - J0) / (tp - keep);
    }
}

/* Least-squares slope of log10 d against log10 eps over lo <= eps <= hi. */
static double slope(const double *eps, const double *d, size_t n, double lo, double hi)
{
    double sx = 0, sy = 0, sxx = 0, sxy = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (eps[i] >= lo * (1 - 1e-9) && eps[i] <= hi * (1 + 1e-9)) {
            double x = log10(eps[i]), y = log10(d[i]);
            sx += x; sy += y; sxx += x * x; sxy += x * y;
            k++;
        }
    return (k * sxy - sx * sy) / (k * sxx - sx * sx);
}

static void eps_sweep(const char *out, FILE *values)
{
    /* eps[i] = 10^(-1 - i/STEPS): eps[AT_COURSE] is the course's 1e-7. */
    enum { N_X = 3, N_H = 8, M = 50, STEPS = 4, N_EPS = 11 * STEPS + 1, AT_COURSE = 6 * STEPS };
    problem q = problem_alloc(NN_TANH, N_X, N_H, M, 1);
    nb_kv(values, "v_n_x", "%d", N_X);
    nb_kv(values, "v_n_h", "%d", N_H);
    nb_kv(values, "v_m", "%d", M);
    double eps[N_EPS], centred[N_EPS], forward[N_EPS];
    size_t P = nn_params_count(q.p);
    double *exact = nb_ok(malloc(P * sizeof *exact)), *approx = nb_ok(malloc(P * sizeof *approx));
    nb_try(nn_forward(q.cache, q.p, q.X));
    nb_try(nn_backward(q.grads, q.p, q.cache, q.X, q.Y));
    for (size_t k = 0; k < P; k++)
        exact[k] = nn_grads_at(q.grads, k);
    FILE *f = nb_create(out, "eps_sweep.tsv");
    fprintf(f, "# eps\tcentred difference\tone-sided difference (relative differences, tanh, "
               "n_x = %d, n_h = %d, m = %d, seed 1)\n", N_X, N_H, M);
    size_t best = 0, best_f = 0;
    for (size_t i = 0; i < N_EPS; i++) {
        eps[i] = nb_exact_pow(10.0, -1.0 - (double)i / STEPS);
        nb_try(nn_numerical_gradient(approx, q.p, q.cache, q.X, q.Y, eps[i]));
        centred[i] = nn_relative_difference(exact, approx, NULL, P);
        forward_difference(approx, &q, eps[i]);
        forward[i] = nn_relative_difference(exact, approx, NULL, P);
        fprintf(f, "%.3e\t%.4e\t%.4e\n", eps[i], centred[i], forward[i]);
        if (centred[i] < centred[best])
            best = i;
        if (forward[i] < forward[best_f])
            best_f = i;
    }
    nb_kv(values, "v_best_eps", "%.1e", eps[best]);
    nb_kv(values, "v_best_diff", "%.1e", centred[best]);
    nb_kv(values, "v_course_diff", "%.1e", centred[AT_COURSE]);
    nb_kv(values, "v_course_forward", "%.1e", forward[AT_COURSE]);
    nb_kv(values, "v_largest_eps_diff", "%.1e", centred[0]);
    nb_kv(values, "v_smallest_eps_diff", "%.1e", centred[N_EPS - 1]);
    /* The two straight sides of the V: truncation for both differences over
     * the same steps, rounding for the centred one. */
    const double trunc_lo = 1e-3, trunc_hi = 1e-1, round_lo = 1e-12, round_hi = 1e-9;
    nb_kv(values, "v_fit_truncation_from", "%.0e", trunc_lo);
    nb_kv(values, "v_fit_truncation_to", "%.0e", trunc_hi);
    nb_kv(values, "v_fit_rounding_from", "%.0e", round_lo);
    nb_kv(values, "v_fit_rounding_to", "%.0e", round_hi);
    nb_kv(values, "v_slope_truncation", "%.2f", slope(eps, centred, N_EPS, trunc_lo, trunc_hi));
    nb_kv(values, "v_slope_forward", "%.2f", slope(eps, forward, N_EPS, trunc_lo, trunc_hi));
    nb_kv(values, "v_slope_rounding", "%.2f", slope(eps, centred, N_EPS, round_lo, round_hi));
    nb_kv(values, "v_best_eps_forward", "%.1e", eps[best_f]);
    nb_kv(values, "v_best_diff_forward", "%.1e", forward[best_f]);
    nb_kv(values, "unit_roundoff", "%.1e", ldexp(1.0, -53));
    nb_kv(values, "u_cbrt", "%.0e", cbrt(ldexp(1.0, -53)));
    nb_kv(values, "u_23", "%.1e", pow(cbrt(ldexp(1.0, -53)), 2.0));
    nb_kv(values, "u_sqrt", "%.0e", sqrt(ldexp(1.0, -53)));
    free(exact);
    free(approx);
    problem_free(&q);
}

/* ------------------------------------------------------ 6. broken passes */

static void broken(const char *out, FILE *values)
{
    FILE *f = nb_create(out, "broken.md");
    fprintf(f, "| backward pass | $W^{[1]}$ | $b^{[1]}$ | $W^{[2]}$ | $b^{[2]}$ | overall | "
               "verdict | overall, $(2, 4, 10)$ | overall, $(1, 1, 1)$ |\n"
               "|---|---:|---:|---:|---:|---:|---|---:|---:|\n");
    problem sq = problem_alloc(NN_TANH, 4, 4, 20, 1);
    problem wide = problem_alloc(NN_TANH, 2, 4, 10, 1);
    problem tiny = problem_alloc(NN_TANH, 1, 1, 1, 1);
    double right = NAN, bug_lo = INFINITY, bug_hi = 0.0; /* overall, (4, 4, 20) */
    for (int b = 0; b < NN_BUG_COUNT; b++) {
        nn_gradcheck_result r = check(&sq, EPS, (nn_bug)b, 1), t = check(&tiny, EPS, (nn_bug)b, 1);
        nn_gradcheck_result w;
        nn_gradcheck_options opt = {.eps = EPS, .bug = (nn_bug)b, .skip_kinks = 1};
        nn_status s = nn_gradcheck(&w, wide.work, wide.p, wide.X, wide.Y, &opt);
        char wide_text[64];
        if (s == NN_EDIM)
            snprintf(wide_text, sizeof wide_text, "refused: shapes do not fit");
        else if (s == NN_OK)
            snprintf(wide_text, sizeof wide_text, "%.1e", w.overall);
        else
            nb_die("%s", nn_errmsg());
        fprintf(f, "| %s | %.1e | %.1e | %.1e | %.1e | %.1e | %s | %s | %.1e |\n",
                nn_bug_descriptions[b], r.diff[NN_BLOCK_W1], r.diff[NN_BLOCK_B1],
                r.diff[NN_BLOCK_W2], r.diff[NN_BLOCK_B2], r.overall, verdict(r.overall),
                wide_text, t.overall);
        nb_kv(values, nb_key("broken_%s", nn_bug_names[b]), "%.1e", r.overall);
        nb_kv(values, nb_key("broken_tiny_%s", nn_bug_names[b]), "%.1e", t.overall);
        if (b == NN_BUG_NONE) {
            right = r.overall;
        } else {
            bug_lo = fmin(bug_lo, r.overall);
            bug_hi = fmax(bug_hi, r.overall);
        }
    }
    /* how far above the right pass the mistakes are, in powers of ten */
    nb_kv(values, "broken_orders_lo", "%.1f", log10(bug_lo / right));
    nb_kv(values, "broken_orders_hi", "%.1f", log10(bug_hi / right));
    problem_free(&tiny);
    problem_free(&wide);
    problem_free(&sq);
}

/* ------------------------------------- 7. descent with either gradient */

enum { DESCENT_ITERATIONS = 1000, DESCENT_EVERY = 100, INIT_SEED = 2 };
static const double LEARNING_RATE = 1.2;

static nn_params *course_start(const nn_dataset *d, size_t n_h)
{
    nn_params *p = nb_ok(nn_params_alloc(d->X->size1, n_h, NN_TANH));
    nn_rng *rng = nb_ok(nn_rng_alloc(INIT_SEED));
    nn_params_init(p, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    return p;
}

/* Gradient descent where the gradient is the centred difference. */
static void descend_numerically(nn_params *p, nn_cache *cache, const nn_dataset *d,
                                double *approx, double *cost)
{
    size_t P = nn_params_count(p);
    for (size_t it = 0; it < DESCENT_ITERATIONS; it++) {
        nb_try(nn_forward(cache, p, d->X));
        nb_try(nn_cost(&cost[it], cache, d->Y));
        nb_try(nn_numerical_gradient(approx, p, cache, d->X, d->Y, EPS));
        for (size_t k = 0; k < P; k++)
            *nn_params_at(p, k) -= LEARNING_RATE * approx[k];
    }
}

static void descent(const char *out, FILE *values, const nn_dataset *d)
{
    enum { N_H = 4 };
    size_t m = d->X->size2, n_x = d->X->size1;
    nn_params *pa = course_start(d, N_H), *pn = course_start(d, N_H);
    nn_cache *cache = nb_ok(nn_cache_alloc(N_H, m));
    nn_grads *grads = nb_ok(nn_grads_alloc(n_x, N_H, m));
    size_t P = nn_params_count(pa);
    double *approx = nb_ok(malloc(P * sizeof *approx));
    double *ja = nb_ok(malloc(DESCENT_ITERATIONS * sizeof *ja));
    double *jn = nb_ok(malloc(DESCENT_ITERATIONS * sizeof *jn));
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = DESCENT_ITERATIONS};
    nb_try(nn_train(pa, cache, grads, d->X, d->Y, &opt, ja));
    descend_numerically(pn, cache, d, approx, jn);

    FILE *curve = nb_create(out, "descent.tsv");
    fprintf(curve, "# iteration\tcost, analytic gradient\tcost, numerical gradient\t|difference|\n");
    FILE *table = nb_create(out, "descent.md");
    fprintf(table, "| iteration | cost, backpropagation | cost, centred differences | "
                   "difference |\n|---:|---:|---:|---:|\n");
    double worst = 0.0, steepest = 0.0;
    size_t worst_at = 0, steepest_at = 0;
    for (size_t it = 0; it < DESCENT_ITERATIONS; it++) {
        double diff = fabs(ja[it] - jn[it]);
        if (diff > worst) {
            worst = diff;
            worst_at = it;
        }
        /* where the cost falls fastest: from it to it + 1 */
        if (it + 1 < DESCENT_ITERATIONS && ja[it] - ja[it + 1] > steepest) {
            steepest = ja[it] - ja[it + 1];
            steepest_at = it;
        }
        fprintf(curve, "%zu\t%.9g\t%.9g\t%.3e\n", it, ja[it], jn[it], diff);
        if (it % DESCENT_EVERY == 0 || it == DESCENT_ITERATIONS - 1)
            fprintf(table, "| %zu | %.9f | %.9f | %.1e |\n", it, ja[it], jn[it], diff);
    }
    /* The two parameter vectors at the end. */
    double *ta = nb_ok(malloc(P * sizeof *ta)), *tn = nb_ok(malloc(P * sizeof *tn));
    for (size_t k = 0; k < P; k++) {
        ta[k] = *nn_params_at(pa, k);
        tn[k] = *nn_params_at(pn, k);
    }
    nb_kv(values, "descent_n_h", "%d", N_H);
    nb_kv(values, "descent_m", "%zu", m);
    nb_kv(values, "descent_iterations", "%d", DESCENT_ITERATIONS);
    nb_kv(values, "descent_learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "descent_first_cost", "%.6f", ja[0]);
    nb_kv(values, "descent_final_cost", "%.6f", ja[DESCENT_ITERATIONS - 1]);
    nb_kv(values, "descent_max_diff", "%.1e", worst);
    nb_kv(values, "descent_max_at", "%zu", worst_at);
    nb_kv(values, "descent_max_cost_a", "%.6f", ja[worst_at]);
    nb_kv(values, "descent_steepest_at", "%zu", steepest_at);
    nb_kv(values, "descent_params_diff", "%.1e", nn_relative_difference(ta, tn, NULL, P));
    nb_kv(values, "descent_P", "%zu", P);
    nb_kv(values, "descent_forwards", "%zu", 2 * P);
    nb_kv(values, "descent_total_forwards", "%zu", 2 * P * DESCENT_ITERATIONS);
    free(ta);
    free(tn);
    free(approx);
    free(ja);
    free(jn);
    nn_grads_free(grads);
    nn_cache_free(cache);
    nn_params_free(pa);
    nn_params_free(pn);
}

/* The price in passes over the data for a few layer sizes on the flower. */
static const size_t PRICE_NH[] = {4, 20, 50, 1000};
enum { N_PRICE = sizeof PRICE_NH / sizeof PRICE_NH[0] };

static void price(const char *out, size_t n_x)
{
    FILE *f = nb_create(out, "price.md");
    fprintf(f, "| $n_x$ | $n_h$ | parameters $P$ | centred differences: forward passes $2P$ | "
               "backpropagation |\n|---:|---:|---:|---:|---|\n");
    for (size_t k = 0; k < N_PRICE; k++) {
        size_t n_h = PRICE_NH[k], P = nn_layout_count(2, (size_t[]){n_x, n_h, 1});
        fprintf(f, "| %zu | %zu | %zu | %zu | 1 forward + 1 backward |\n", n_x, n_h, P, 2 * P);
    }
}

/* -------------------------------------------------------------- benchmark */


/* Prints the time of one analytic and one numerical gradient on the flower. */
static void bench(const nn_dataset *d)
{
    size_t m = d->X->size2, n_x = d->X->size1;
    printf("gradient of J on the flower (m = %zu), tanh: seconds per gradient\n", m);
    printf("%6s %6s %14s %14s %10s %8s\n", "n_h", "P", "backprop", "centred diff", "ratio",
           "2P");
    for (size_t k = 0; k < N_PRICE - 1; k++) {
        size_t n_h = PRICE_NH[k];
        nn_params *p = course_start(d, n_h);
        nn_cache *cache = nb_ok(nn_cache_alloc(n_h, m));
        nn_grads *grads = nb_ok(nn_grads_alloc(n_x, n_h, m));
        size_t P = nn_params_count(p);
        double *approx = nb_ok(malloc(P * sizeof *approx));
        size_t reps = 2000;
        double t0 = nb_seconds();
        for (size_t r = 0; r < reps; r++) {
            nb_try(nn_forward(cache, p, d->X));
            nb_try(nn_backward(grads, p, cache, d->X, d->Y));
        }
        double t_analytic = (nb_seconds() - t0) / (double)reps;
        size_t reps_n = reps / P + 1;
        t0 = nb_seconds();
        for (size_t r = 0; r < reps_n; r++)
            nb_try(nn_numerical_gradient(approx, p, cache, d->X, d->Y, EPS));
        double t_numeric = (nb_seconds() - t0) / (double)reps_n;
        printf("%6zu %6zu %14.3e %14.3e %10.1f %8zu\n", n_h, P, t_analytic, t_numeric,
               t_numeric / t_analytic, 2 * P);
        free(approx);
        nn_grads_free(grads);
        nn_cache_free(cache);
        nn_params_free(p);
    }
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_bench_args(argc, argv,
                  "Chapter 4: backpropagation, checked against centred differences of the "
                  "cost.\nWrites values, tables and plot data into --out; --bench times the "
                  "analytic\nagainst the numerical gradient.",
                  &args);
    nn_dataset *flower = nb_read_flower(args.data);
    if (args.bench) {
        bench(flower);
        nn_dataset_free(flower);
        return 0;
    }
    const char *out = args.out;
    FILE *values = nb_create(out, "values.txt");
    nb_kv(values, "eps", "%.0e", EPS);
    nb_kv(values, "good", "%.0e", NN_GRADCHECK_GOOD);
    nb_kv(values, "pass", "%.0e", NN_GRADCHECK_PASS);
    nb_kv(values, "bug", "%.0e", NN_GRADCHECK_BUG);

    printf("1. one example through the graph\n");
    one_example_chain(out, values);
    printf("2. vectorised over m examples\n");
    vectorised(out, values);
    printf("3. every activation, several shapes; the battery\n");
    activations(out, values);
    battery(out, values);
    printf("4. kinks\n");
    kinks(out, values);
    printf("5. the relative difference against eps\n");
    eps_sweep(out, values);
    printf("6. broken backward passes\n");
    broken(out, values);
    printf("7. gradient descent with either gradient\n");
    descent(out, values, flower);
    price(out, flower->X->size1);

    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
