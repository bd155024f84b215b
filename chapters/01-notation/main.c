/* Chapter 1: notation, and the dimension of every variable.
 *
 * Reproduces every number, table and figure of README.md beside it:
 *   1. networks for several sizes (n_x, n_h, m): allocate, initialise, run
 *      forward and backward, then read every variable's shape off the
 *      objects (nb_shapes_read) into the dimension table, compare it with
 *      the shape derived in symbols, and check that every gradient has the
 *      shape of what it differentiates;
 *   2. the bias broadcast: W1 X + b1 equals W1 X + b1 1^T, the sum with an
 *      explicit (n_h, m) matrix of copies of b1;
 *   3. the network diagram for n_x = 2, n_h = 4, n_y = 1: node, edge and
 *      label coordinates for gnuplot, sizes taken from the objects;
 *   4. examples stacked as columns: the first flower examples x^(i) and the
 *      last, and their z^[1](i), read off columns of X and Z1 of the flower
 *      network, for the figure that stacks them into X and Z1.
 *
 * usage: 01-notation --data data --out results/01-notation
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "nb_shapes.h"

/* The sizes the table shows.  The first two differ only in m: one example
 * of the flower, then all of it; the others use random data. */
typedef struct {
    size_t n_x, n_h, m;
    int flower; /* 1: the flower's first m examples; 0: random numbers */
} config;
static const config CONFIGS[] = {{2, 4, 1, 1}, {2, 4, 400, 1}, {3, 5, 10, 0}, {10, 2, 1000, 0}};
enum { N_CONFIGS = sizeof CONFIGS / sizeof CONFIGS[0] };

enum {
    INIT_SEED = 2,  /* the parameters, as in the course */
    DATA_SEED = 3,  /* random X and Y for the configurations that are not the flower */
    FIGURE = 0,     /* the configuration the network diagram draws (its m is irrelevant) */
    STACKED = 1,    /* the configuration whose columns the stacking figure shows: all the flower */
    FIRST_COLUMNS = 3 /* the stacking figure shows examples 1 .. FIRST_COLUMNS, then the last */
};

/* One network of one configuration, after one forward and one backward pass. */
typedef struct {
    nn_params *p;
    nn_cache *cache;
    nn_grads *grads;
    gsl_matrix *X, *Y;
    nb_shape shapes[NB_SHAPES_COUNT];
} network;

static network build(const config *c, const nn_dataset *flower)
{
    network n;
    n.X = nb_ok(gsl_matrix_alloc(c->n_x, c->m));
    n.Y = nb_ok(gsl_matrix_alloc(1, c->m));
    if (c->flower) {
        gsl_matrix_const_view x = gsl_matrix_const_submatrix(flower->X, 0, 0, c->n_x, c->m);
        gsl_matrix_const_view y = gsl_matrix_const_submatrix(flower->Y, 0, 0, 1, c->m);
        gsl_matrix_memcpy(n.X, &x.matrix);
        gsl_matrix_memcpy(n.Y, &y.matrix);
    } else {
        nn_rng *rng = nb_ok(nn_rng_alloc(DATA_SEED));
        nn_rng_fill_randn(rng, n.X, 1.0);
        for (size_t i = 0; i < c->m; i++)
            gsl_matrix_set(n.Y, 0, i, nn_rng_uniform(rng) < 0.5 ? 0.0 : 1.0);
        nn_rng_free(rng);
    }
    n.p = nb_ok(nn_params_alloc(c->n_x, c->n_h, NN_TANH));
    nn_rng *rng = nb_ok(nn_rng_alloc(INIT_SEED));
    nn_params_init(n.p, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    n.cache = nb_ok(nn_cache_alloc(c->n_h, c->m));
    n.grads = nb_ok(nn_grads_alloc(c->n_x, c->n_h, c->m));
    nb_try(nn_forward(n.cache, n.p, n.X));
    nb_try(nn_backward(n.grads, n.p, n.cache, n.X, n.Y));
    nb_try(nb_shapes_read(n.shapes, n.p, n.cache, n.grads, n.X, n.Y));
    return n;
}

static void destroy(network *n)
{
    nn_params_free(n->p);
    nn_cache_free(n->cache);
    nn_grads_free(n->grads);
    gsl_matrix_free(n->X);
    gsl_matrix_free(n->Y);
}

/* The shape for one example: the symbols with m = 1. */
static void one_example(char *out, size_t len, const char *symbols)
{
    const char *m = strstr(symbols, ", m)");
    if (m)
        snprintf(out, len, "%.*s, 1)", (int)(m - symbols), symbols);
    else
        snprintf(out, len, "%s", symbols);
}

/* dimensions.md: one row per variable, its shape for one example and for m
 * in symbols, then the shape read off the objects of each configuration,
 * then whether it changed between the two configurations that differ only
 * in m.  Returns the number of variables that grow with m. */
static size_t write_dimensions(FILE *f, network net[N_CONFIGS])
{
    fprintf(f, "| one example | shape | $m$ examples | shape |");
    for (size_t k = 0; k < N_CONFIGS; k++)
        fprintf(f, " $(n_x, n_h, m) = (%zu, %zu, %zu)$ |", CONFIGS[k].n_x, CONFIGS[k].n_h,
                CONFIGS[k].m);
    fprintf(f, " grows with $m$? |\n|---|---|---|---|");
    for (size_t k = 0; k < N_CONFIGS; k++)
        fprintf(f, "---|");
    fprintf(f, "---|\n");
    size_t grows = 0;
    for (size_t v = 0; v < NB_SHAPES_COUNT; v++) {
        const nb_shape *s = &net[0].shapes[v], *t = &net[1].shapes[v];
        char one[32];
        one_example(one, sizeof one, s->symbols);
        fprintf(f, "| $%s$ | $%s$ | $%s$ | $%s$ |", s->one, one, s->latex, s->symbols);
        for (size_t k = 0; k < N_CONFIGS; k++)
            fprintf(f, " (%zu, %zu) |", net[k].shapes[v].rows, net[k].shapes[v].cols);
        int changed = s->rows != t->rows || s->cols != t->cols;
        grows += changed;
        fprintf(f, " %s |\n", changed ? "yes" : "no");
    }
    return grows;
}

/* Z1 computed with b1 broadcast (nn_forward) against W1 X + B with B the
 * explicit (n_h, m) matrix b1 1^T.  The largest difference. */
static double broadcast_difference(const network *n)
{
    size_t n_h = n->p->n_h, m = n->cache->m;
    gsl_matrix *B = nb_ok(gsl_matrix_alloc(n_h, m));
    gsl_matrix *Z = nb_ok(gsl_matrix_alloc(n_h, m));
    gsl_matrix *ones = nb_ok(gsl_matrix_alloc(1, m));
    gsl_matrix_set_all(ones, 1.0);
    gsl_matrix_const_view b = gsl_matrix_const_view_vector(n->p->b1, n_h, 1);
    /* B (n_h, m) = b1 (n_h, 1) . 1^T (1, m): column i of B is b1 */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, &b.matrix, ones, 0.0, B);
    /* Z = W1 X + B */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, n->p->W1, n->X, 0.0, Z);
    gsl_matrix_add(Z, B);
    gsl_matrix_sub(Z, n->cache->Z1);
    double lo, hi;
    gsl_matrix_minmax(Z, &lo, &hi);
    gsl_matrix_free(ones);
    gsl_matrix_free(Z);
    gsl_matrix_free(B);
    return fmax(fabs(lo), fabs(hi));
}

/* The network diagram: nodes (x, y, label), edges (x, y, dx, dy) stopping
 * at the circles, and per layer its title position and size. */
enum { LAYER_GAP = 4 };
static const double NODE_GAP = 1.5, RADIUS = 0.5;

static double node_y(size_t k, size_t n) { return ((double)(n - 1) / 2.0 - (double)k) * NODE_GAP; }

static void write_diagram(const char *out, FILE *values, const nn_params *p)
{
    /* The layer sizes come from the objects: W1 is (n^[1], n^[0]), W2 is (n^[2], n^[1]). */
    size_t n[3] = {p->W1->size2, p->W1->size1, p->W2->size1};
    FILE *nodes = nb_create(out, "network_nodes.tsv");
    fprintf(nodes, "# x\ty\tlayer\tunit\n");
    for (size_t l = 0; l < 3; l++)
        for (size_t k = 0; k < n[l]; k++)
            fprintf(nodes, "%zu\t%g\t%zu\t%zu\n", LAYER_GAP * l, node_y(k, n[l]), l, k + 1);
    FILE *edges = nb_create(out, "network_edges.tsv");
    fprintf(edges, "# x\ty\tdx\tdy\tlayer\n");
    size_t arrows[3] = {0, 0, 0}; /* arrows into layer l: one per entry of W^[l] */
    for (size_t l = 1; l < 3; l++)
        for (size_t j = 0; j < n[l]; j++)
            for (size_t k = 0; k < n[l - 1]; k++) {
                double x0 = LAYER_GAP * (double)(l - 1), y0 = node_y(k, n[l - 1]);
                double x1 = LAYER_GAP * (double)l, y1 = node_y(j, n[l]);
                double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
                double ux = dx / len, uy = dy / len;
                fprintf(edges, "%.6f\t%.6f\t%.6f\t%.6f\t%zu\n", x0 + RADIUS * ux,
                        y0 + RADIUS * uy, dx - 2 * RADIUS * ux, dy - 2 * RADIUS * uy, l);
                arrows[l]++;
            }
    nb_kv(values, "arrows_1", "%zu", arrows[1]);
    nb_kv(values, "arrows_2", "%zu", arrows[2]);
    /* One line per layer: x, the y above its top node, layer, size; and for
     * l >= 1 the shapes of W^[l] and b^[l] read off the parameters. */
    FILE *layers = nb_create(out, "network_layers.tsv");
    fprintf(layers, "# x\ty_top\tlayer\tsize\tW_rows\tW_cols\tb_rows\n");
    const gsl_matrix *W[3] = {NULL, p->W1, p->W2};
    const gsl_vector *b[3] = {NULL, p->b1, p->b2};
    for (size_t l = 0; l < 3; l++)
        fprintf(layers, "%zu\t%g\t%zu\t%zu\t%zu\t%zu\t%zu\n", LAYER_GAP * l,
                node_y(0, n[l]) + RADIUS, l, n[l], W[l] ? W[l]->size1 : 0,
                W[l] ? W[l]->size2 : 0, b[l] ? b[l]->size : 0);
}

/* columns.tsv: one line per example the stacking figure shows (the first
 * FIRST_COLUMNS and the last): i, then column i of X, then column i of Z1,
 * as the network computed them.  The figure draws each as a separate column
 * x^(i), z^[1](i) and as column i of X and Z1. */
static void write_columns(const char *out, FILE *values, const network *n)
{
    size_t n_x = n->X->size1, n_h = n->cache->Z1->size1, m = n->X->size2;
    if (m <= FIRST_COLUMNS)
        nb_die("the stacking figure needs more than %d examples, got m = %zu", FIRST_COLUMNS, m);
    FILE *f = nb_create(out, "columns.tsv");
    fprintf(f, "# i");
    for (size_t k = 1; k <= n_x; k++)
        fprintf(f, "\tx%zu", k);
    for (size_t j = 1; j <= n_h; j++)
        fprintf(f, "\tz%zu", j);
    fprintf(f, "\n");
    for (size_t s = 0; s <= FIRST_COLUMNS; s++) {
        size_t i = s < FIRST_COLUMNS ? s : m - 1; /* 0-based column */
        fprintf(f, "%zu", i + 1);
        for (size_t k = 0; k < n_x; k++)
            fprintf(f, "\t%.3f", gsl_matrix_get(n->X, k, i));
        for (size_t j = 0; j < n_h; j++)
            fprintf(f, "\t%.4f", gsl_matrix_get(n->cache->Z1, j, i));
        fprintf(f, "\n");
    }
    nb_kv(values, "columns_shown", "%d", FIRST_COLUMNS);
    nb_kv(values, "columns_x11", "%.3f", gsl_matrix_get(n->X, 0, 0));
    nb_kv(values, "columns_x21", "%.3f", gsl_matrix_get(n->X, 1, 0));
}

/* 5. The training loop on one page: the course's flower network (chapter 6)
 * trained by forward, cost, backward and update, and what it ends at. */
enum { LOOP_N_H = 4, LOOP_ITERATIONS = 10000 };
static void training_loop(FILE *values, const nn_dataset *flower)
{
    double *cost = nb_ok(malloc(LOOP_ITERATIONS * sizeof *cost));
    nn_params *p = nb_train_course(flower, LOOP_N_H, NN_TANH, LOOP_ITERATIONS, cost, NULL, 0);
    double final_cost, accuracy;
    nb_evaluate(p, flower, &final_cost, &accuracy);
    nb_kv(values, "loop_n_h", "%d", LOOP_N_H);
    nb_kv(values, "loop_rate", "%g", NB_COURSE_LEARNING_RATE);
    nb_kv(values, "loop_iterations", "%d", LOOP_ITERATIONS);
    nb_kv(values, "loop_first_cost", "%.6f", cost[0]);
    nb_kv(values, "loop_final_cost", "%.6f", final_cost);
    nb_kv(values, "loop_accuracy", "%.2f", accuracy);
    printf("the flower network: cost %.6f -> %.6f after %d iterations, accuracy %.2f%%\n",
           cost[0], final_cost, LOOP_ITERATIONS, accuracy);
    nn_params_free(p);
    free(cost);
}

/* The flower, read from data; dies unless the configurations are what the
 * chapter needs: the first two differ in m alone, and the flower has the n_x
 * and the examples of those that read it. */
static nn_dataset *read_flower_for_configs(const char *data)
{
    if (CONFIGS[0].n_x != CONFIGS[1].n_x || CONFIGS[0].n_h != CONFIGS[1].n_h ||
        CONFIGS[0].m == CONFIGS[1].m)
        nb_die("the first two configurations must differ in m alone");
    nn_dataset *flower = nb_read_flower(data);
    for (size_t k = 0; k < N_CONFIGS; k++) {
        if (CONFIGS[k].flower && (CONFIGS[k].n_x != flower->X->size1 ||
                                  CONFIGS[k].m > flower->X->size2))
            nb_die("flower.csv has n_x = %zu, m = %zu; the configuration (n_x, n_h, m) = "
                   "(%zu, %zu, %zu) needs n_x = %zu and at least %zu examples", flower->X->size1,
                   flower->X->size2, CONFIGS[k].n_x, CONFIGS[k].n_h, CONFIGS[k].m, CONFIGS[k].n_x,
                   CONFIGS[k].m);
    }
    return flower;
}

/* 1. Every configuration: build, run, read the shapes, check them against
 * the symbols and each gradient against what it differentiates; the
 * dimension table and the counts. */
static void build_and_check(const char *out, FILE *values, const nn_dataset *flower,
                            network net[N_CONFIGS])
{
    size_t symbol_checks = 0, symbol_mismatches = 0, grad_checks = 0, grad_mismatches = 0;
    for (size_t k = 0; k < N_CONFIGS; k++) {
        const config *c = &CONFIGS[k];
        net[k] = build(c, flower);
        size_t bad = nb_shapes_check_symbols(net[k].shapes, c->n_x, c->n_h, c->m);
        if (bad)
            printf("n_x = %zu, n_h = %zu, m = %zu: %s\n", c->n_x, c->n_h, c->m, nn_errmsg());
        symbol_checks += NB_SHAPES_COUNT;
        symbol_mismatches += bad;
        size_t checked;
        bad = nb_shapes_check_grads(net[k].shapes, &checked);
        if (bad)
            printf("n_x = %zu, n_h = %zu, m = %zu: %s\n", c->n_x, c->n_h, c->m, nn_errmsg());
        grad_checks += checked;
        grad_mismatches += bad;
        printf("n_x = %zu, n_h = %zu, m = %zu: %zu shapes, %zu gradients checked\n", c->n_x,
               c->n_h, c->m, (size_t)NB_SHAPES_COUNT, checked);
    }
    size_t grows = write_dimensions(nb_create(out, "dimensions.md"), net);

    nb_kv(values, "configurations", "%d", N_CONFIGS);
    nb_kv(values, "variables", "%d", NB_SHAPES_COUNT);
    nb_kv(values, "grow_with_m", "%zu", grows);
    nb_kv(values, "fixed_in_m", "%zu", NB_SHAPES_COUNT - grows);
    nb_kv(values, "symbol_checks", "%zu", symbol_checks);
    nb_kv(values, "symbol_mismatches", "%zu", symbol_mismatches);
    nb_kv(values, "gradient_checks", "%zu", grad_checks);
    nb_kv(values, "gradient_mismatches", "%zu", grad_mismatches);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Chapter 1: the dimension of every variable of a one-hidden-layer network,\n"
                  "read off the objects for several sizes, and the network diagram. Writes\n"
                  "values, the dimension table and the diagram's coordinates into --out.",
                  &args);
    const char *out = args.out;
    nn_dataset *flower = read_flower_for_configs(args.data);
    FILE *values = nb_create(out, "values.txt");

    /* 1. Every configuration: build, run, read the shapes, check them. */
    network net[N_CONFIGS];
    build_and_check(out, values, flower, net);

    /* The example network: n_x = 2, n_h = 4, n_y = 1, and the flower's m. */
    const network *fig = &net[FIGURE];
    nb_kv(values, "n_x", "%zu", fig->p->W1->size2);
    nb_kv(values, "n_h", "%zu", fig->p->W1->size1);
    nb_kv(values, "n_y", "%zu", fig->p->W2->size1);
    nb_kv(values, "n_params", "%zu", nn_params_count(fig->p));
    nb_kv(values, "flower_m", "%zu", flower->X->size2);

    /* 2. The broadcast, on the flower configuration. */
    double bd = broadcast_difference(&net[1]);
    nb_kv(values, "broadcast_max_diff", "%g", bd);
    printf("W1 X + b1 (broadcast) - (W1 X + b1 1^T): largest difference %g\n", bd);

    /* 3. The diagram. */
    write_diagram(out, values, fig->p);

    /* 4. The examples stacked as columns, from the flower network. */
    write_columns(out, values, &net[STACKED]);

    /* 5. The training loop. */
    training_loop(values, flower);

    nb_commit();
    for (size_t k = 0; k < N_CONFIGS; k++)
        destroy(&net[k]);
    nn_dataset_free(flower);
    return 0;
}
