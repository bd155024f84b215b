/* Chapter 2: forward propagation.
 *
 * Reproduces every number, table and figure of README.md beside it:
 *   1. trains the flower network with chapter 6's trainer (nb_train_course:
 *      n_h = 4, tanh, 10000 iterations, learning rate 1.2, W1 then W2 drawn
 *      with seed 2, scale 0.01) and writes its parameters, one row per
 *      hidden unit;
 *   2. computes its forward pass on the flower three ways, unit by unit,
 *      example by example and vectorised (nn_forward), and in plain C loops
 *      with three summation orders; the largest differences from the
 *      vectorised pass (and the entry where the ulps are most, traced back
 *      to its sum), and the work each way does (BLAS calls, flops);
 *   3. the output unit's vote over the hidden units' half-planes, per sign
 *      pattern of the examples, and what crossing each unit's line does to it;
 *   4. the figures' data: each hidden unit's line w_j x + b_j = 0 clipped
 *      to the plot, the network's decision regions, and every unit's
 *      activation over the plane.
 * With --bench it instead times the three ways (and the plain C loop) on
 * M_BENCH random points, then on a wider random network (WIDE inputs and
 * hidden units), and prints the times and their ratios; it writes no file,
 * because timings vary from run to run.
 *
 * usage: 02-forward-propagation --data data --out results/02-forward-propagation
 *        02-forward-propagation --data data --bench
 */
#define _POSIX_C_SOURCE 199309L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "loops.h"

enum {
    N_H = 4,
    ITERATIONS = 10000,
    BENCH_SEED = 4,      /* the benchmark's random points */
    M_BENCH = 100000,
    WIDE = 64,           /* n_x = n_h of the benchmark's wider network */
    GRID = 200,          /* decision regions: 200 x 200, as in chapter 6 */
    UNIT_GRID = 120      /* each hidden unit's activation: 120 x 120 */
};
static const double GRID_MARGIN = 1.0;
static const double BENCH_SECONDS = 1.0; /* each way is repeated for about this long */

/* ------------------------------------------------------------ the ways */

typedef enum { VECTORISED, UNITS, EXAMPLES, LOOP, LOOP_BIAS_FIRST, LOOP_FMA, N_WAYS } way;
static const char *const WAY_KEY[N_WAYS] = {"vectorised", "units", "examples",
                                            "loop",       "loop_bias_first", "loop_fma"};
static const char *const WAY_NAME[N_WAYS] = {
    "vectorised: `nn_forward`",
    "unit by unit: `loops_forward_units`",
    "example by example: `loops_forward_examples`",
    "plain C loop, the order of BLAS: `loops_forward_plain`",
    "plain C loop, bias added first",
    "plain C loop, fused multiply-add",
};

static void run(way w, nn_cache *cache, const nn_params *p, const gsl_matrix *X, loops_ops *ops)
{
    switch (w) {
    case VECTORISED:
        nb_try(nn_forward(cache, p, X));
        loops_ops_of_nn_forward(ops, p, X->size2);
        break;
    case UNITS: nb_try(loops_forward_units(cache, p, X, ops)); break;
    case EXAMPLES: nb_try(loops_forward_examples(cache, p, X, ops)); break;
    case LOOP: nb_try(loops_forward_plain(cache, p, X, LOOPS_ORDER_BLAS, ops)); break;
    case LOOP_BIAS_FIRST:
        nb_try(loops_forward_plain(cache, p, X, LOOPS_ORDER_BIAS_FIRST, ops));
        break;
    case LOOP_FMA: nb_try(loops_forward_plain(cache, p, X, LOOPS_ORDER_FMA, ops)); break;
    default: nb_die("unknown way %d", (int)w);
    }
}

/* Entries (of Z1, A1, Z2, A2) where two passes differ at all. */
static size_t entries_differing(const nn_cache *a, const nn_cache *b)
{
    const gsl_matrix *A[] = {a->Z1, a->A1, a->Z2, a->A2}, *B[] = {b->Z1, b->A1, b->Z2, b->A2};
    size_t n = 0;
    for (size_t k = 0; k < 4; k++)
        for (size_t r = 0; r < A[k]->size1; r++)
            for (size_t c = 0; c < A[k]->size2; c++)
                n += gsl_matrix_get(A[k], r, c) != gsl_matrix_get(B[k], r, c);
    return n;
}

/* Predictions (A2 > 0.5) that differ between two passes. */
static size_t predictions_differing(const nn_cache *a, const nn_cache *b)
{
    size_t n = 0;
    for (size_t i = 0; i < a->m; i++)
        n += (gsl_matrix_get(a->A2, 0, i) > 0.5) != (gsl_matrix_get(b->A2, 0, i) > 0.5);
    return n;
}

/* The largest difference in Z1 and Z2 between two passes, in units in the
 * last place of the largest term of the sum that made the entry
 * (|w_k x_k| or |b|): rounding errors of a sum are of that size, whatever
 * the size of the result.  The terms are taken from pass b. */
static double term_ulps(const nn_cache *a, const nn_cache *b, const nn_params *p,
                        const gsl_matrix *X)
{
    double worst = 0.0;
    for (size_t i = 0; i < b->m; i++) {
        for (size_t j = 0; j < p->n_h; j++) {
            double big = fabs(gsl_vector_get(p->b1, j));
            for (size_t k = 0; k < p->n_x; k++)
                big = fmax(big, fabs(gsl_matrix_get(p->W1, j, k) * gsl_matrix_get(X, k, i)));
            double d = fabs(gsl_matrix_get(a->Z1, j, i) - gsl_matrix_get(b->Z1, j, i));
            worst = fmax(worst, d / (nextafter(big, INFINITY) - big));
        }
        double big = fabs(gsl_vector_get(p->b2, 0));
        for (size_t j = 0; j < p->n_h; j++)
            big = fmax(big, fabs(gsl_matrix_get(p->W2, 0, j) * gsl_matrix_get(b->A1, j, i)));
        double d = fabs(gsl_matrix_get(a->Z2, 0, i) - gsl_matrix_get(b->Z2, 0, i));
        worst = fmax(worst, d / (nextafter(big, INFINITY) - big));
    }
    return worst;
}

/* The entry (of Z1, A1, Z2, A2) where two passes are the most ulps apart,
 * traced back to the sum that made it: the layer l, that sum's result
 * z (Z1 or Z2 from pass b) and its largest term in size (|w_k x_k|,
 * |W2_j a_j| or |b|).  A small z made of large terms that nearly cancel is
 * where a rounding of the terms counts for many ulps of the result. */
typedef struct {
    int layer;
    double z, term;
    double term_ulps; /* the difference there, in ulps of that largest term */
} worst_entry;

static double largest_term(const nn_params *p, const gsl_matrix *X, const nn_cache *b, int layer,
                           size_t j, size_t i)
{
    if (layer == 1) {
        double big = fabs(gsl_vector_get(p->b1, j));
        for (size_t k = 0; k < p->n_x; k++)
            big = fmax(big, fabs(gsl_matrix_get(p->W1, j, k) * gsl_matrix_get(X, k, i)));
        return big;
    }
    double big = fabs(gsl_vector_get(p->b2, 0));
    for (size_t k = 0; k < p->n_h; k++)
        big = fmax(big, fabs(gsl_matrix_get(p->W2, 0, k) * gsl_matrix_get(b->A1, k, i)));
    return big;
}

static worst_entry most_ulps(const nn_cache *a, const nn_cache *b, const nn_params *p,
                             const gsl_matrix *X)
{
    const gsl_matrix *A[] = {a->Z1, a->A1, a->Z2, a->A2}, *B[] = {b->Z1, b->A1, b->Z2, b->A2};
    const gsl_matrix *Z[] = {b->Z1, b->Z1, b->Z2, b->Z2};
    uint64_t most = 0;
    worst_entry w = {0, 0.0, 0.0, 0.0};
    for (size_t k = 0; k < 4; k++)
        for (size_t r = 0; r < A[k]->size1; r++)
            for (size_t c = 0; c < A[k]->size2; c++) {
                uint64_t u = nb_ulps(gsl_matrix_get(A[k], r, c), gsl_matrix_get(B[k], r, c));
                if (u > most) {
                    int layer = k < 2 ? 1 : 2;
                    double term = largest_term(p, X, b, layer, r, c);
                    double d = fabs(gsl_matrix_get(A[k], r, c) - gsl_matrix_get(B[k], r, c));
                    most = u;
                    w = (worst_entry){layer, gsl_matrix_get(Z[k], r, c), term,
                                      d / (nextafter(term, INFINITY) - term)};
                }
            }
    return w;
}

static void compare_ways(const char *out, FILE *values, const nn_params *p, const gsl_matrix *X)
{
    size_t m = X->size2, n_h = p->n_h;
    nn_cache *cache[N_WAYS];
    loops_ops ops[N_WAYS] = {{0}};
    for (way w = 0; w < N_WAYS; w++) {
        cache[w] = nb_ok(nn_cache_alloc(n_h, m));
        run(w, cache[w], p, X, &ops[w]);
    }
    size_t entries = 2 * n_h * m + 2 * m;
    nb_kv(values, "entries", "%zu", entries);

    /* agreement.md: the ways that add in the vectorised pass's order;
     * orders.md: the loops that add in another order, with the size of the
     * difference in ulps (Going further). */
    FILE *agree = nb_create(out, "agreement.md");
    fprintf(agree, "| way, compared with the vectorised pass | entries that differ | "
                   "largest difference | predictions that differ |\n|---|---:|---:|---:|\n");
    FILE *orders = nb_create(out, "orders.md");
    fprintf(orders, "| way, compared with the vectorised pass | entries that differ | "
                    "largest difference | in ulps of the result | in ulps of the largest "
                    "term | predictions that differ |\n|---|---:|---:|---:|---:|---:|\n");
    for (way w = UNITS; w < N_WAYS; w++) {
        double max_abs;
        uint64_t max_ulps;
        nb_try(loops_cache_diff(cache[w], cache[VECTORISED], &max_abs, &max_ulps));
        size_t differ = entries_differing(cache[w], cache[VECTORISED]);
        size_t preds = predictions_differing(cache[w], cache[VECTORISED]);
        double tu = term_ulps(cache[w], cache[VECTORISED], p, X);
        if (w <= LOOP)
            fprintf(agree, "| %s | %zu of %zu | %.1e | %zu |\n", WAY_NAME[w], differ, entries,
                    max_abs, preds);
        else
            fprintf(orders, "| %s | %zu of %zu | %.1e | %llu | %.1f | %zu |\n", WAY_NAME[w],
                    differ, entries, max_abs, (unsigned long long)max_ulps, tu, preds);
        nb_kv(values, nb_key("diff_%s", WAY_KEY[w]), "%.1e", max_abs);
        nb_kv(values, nb_key("ulps_%s", WAY_KEY[w]), "%llu", (unsigned long long)max_ulps);
        nb_kv(values, nb_key("term_ulps_%s", WAY_KEY[w]), "%.1f", tu);
        nb_kv(values, nb_key("differ_%s", WAY_KEY[w]), "%zu", differ);
        nb_kv(values, nb_key("predictions_%s", WAY_KEY[w]), "%zu", preds);
        if (max_ulps > 0) {
            worst_entry e = most_ulps(cache[w], cache[VECTORISED], p, X);
            nb_kv(values, nb_key("worst_layer_%s", WAY_KEY[w]), "%d", e.layer);
            nb_kv(values, nb_key("worst_z_%s", WAY_KEY[w]), "%.3g", e.z);
            nb_kv(values, nb_key("worst_term_%s", WAY_KEY[w]), "%.1f", e.term);
            nb_kv(values, nb_key("worst_term_ulps_%s", WAY_KEY[w]), "%.1f", e.term_ulps);
        }
        printf("%-52s %4zu of %zu entries differ, by at most %.1e (%llu ulp)\n", WAY_NAME[w],
               differ, entries, max_abs, (unsigned long long)max_ulps);
    }

    FILE *tab = nb_create(out, "work.md");
    fprintf(tab, "| way | steps of its outer loop | BLAS calls | flops | of which in BLAS | "
                 "flops per BLAS call | activations |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (way w = VECTORISED; w <= LOOP; w++) {
        const loops_ops *k = &ops[w];
        char per[32] = "(no BLAS)";
        if (k->blas_calls)
            snprintf(per, sizeof per, "%.0f", (double)k->blas_flops / (double)k->blas_calls);
        char steps[32] = "none";
        if (k->loop_steps)
            snprintf(steps, sizeof steps, "%zu", k->loop_steps);
        fprintf(tab, "| %s | %s | %zu | %zu | %zu | %s | %zu |\n", WAY_NAME[w], steps,
                k->blas_calls, k->flops, k->blas_flops, per, k->activations);
        nb_kv(values, nb_key("blas_calls_%s", WAY_KEY[w]), "%zu", k->blas_calls);
        nb_kv(values, nb_key("flops_%s", WAY_KEY[w]), "%zu", k->flops);
        nb_kv(values, nb_key("blas_flops_%s", WAY_KEY[w]), "%zu", k->blas_flops);
    }
    nb_kv(values, "activations", "%zu", ops[VECTORISED].activations);
    for (way w = 0; w < N_WAYS; w++)
        nn_cache_free(cache[w]);
}

/* ------------------------------------------------- the output unit's vote */

/* Where every tanh unit is saturated, a_j is about sign(z_j) = +-1 and the
 * output unit computes z2 = sum_j W2_j sign(z_j) + b2: a weighted vote of the
 * half-planes.  wedges.md: each sign pattern that occurs among the examples,
 * in the order of its examples' mean angle around the origin, its vote,
 * the class the vote gives, and what the examples there are and get. */
typedef struct {
    unsigned pattern; /* bit j set: z_j > 0 */
    size_t count, ones, predicted_ones, errors;
    double sx, sy;    /* sums of the examples' coordinates */
} wedge;

static int by_angle(const void *a, const void *b)
{
    const wedge *u = a, *v = b;
    double ta = atan2(u->sy, u->sx), tb = atan2(v->sy, v->sx);
    return (ta > tb) - (ta < tb);
}

/* crossings.md: what crossing each unit's line does to the vote.  Two sign
 * patterns that occur among the examples and differ in z_j alone lie on
 * either side of unit j's line; the vote differs between them by
 * 2 |W2_j|, and its sign may or may not change.  Per unit: its output
 * weight, that step, the pairs, and in how many the vote's sign changes.
 * keep_unit is the unit whose crossings never change it (0 if there is no
 * such unit, or more than one); flip_units counts the units whose
 * crossings always do. */
static void write_crossings(FILE *f, FILE *values, const nn_params *p, const wedge *w,
                            const double *vote, size_t n)
{
    fprintf(f, "| unit $j$ | output weight $W_{1j}^{[2]}$ | crossing its line moves the vote by "
               "$2 \\lvert W_{1j}^{[2]} \\rvert$ | pairs of sign patterns that differ in $z_j$ "
               "alone | of which the vote changes sign |\n|---:|---:|---:|---:|---:|\n");
    size_t keep = 0, keepers = 0, flippers = 0;
    for (size_t j = 0; j < p->n_h; j++) {
        size_t pairs = 0, flips = 0;
        for (size_t k = 0; k < n; k++)
            for (size_t l = k + 1; l < n; l++)
                if ((w[k].pattern ^ w[l].pattern) == 1u << j) {
                    pairs++;
                    flips += (vote[k] > 0.0) != (vote[l] > 0.0);
                }
        double w2 = gsl_matrix_get(p->W2, 0, j);
        fprintf(f, "| %zu | %.4f | %.2f | %zu | %zu |\n", j + 1, w2, 2.0 * fabs(w2), pairs, flips);
        if (pairs > 0 && flips == 0)
            keep = j + 1, keepers++;
        if (pairs > 0 && flips == pairs)
            flippers++;
    }
    nb_kv(values, "keep_unit", "%zu", keepers == 1 ? keep : 0);
    nb_kv(values, "keep_unit_step", "%.2f",
          keepers == 1 ? 2.0 * fabs(gsl_matrix_get(p->W2, 0, keep - 1)) : 0.0);
    nb_kv(values, "flip_units", "%zu", flippers);
}

static size_t write_wedges(const char *out, FILE *f, FILE *values, const nn_params *p,
                           const nn_dataset *d)
{
    size_t m = d->X->size2, n_h = p->n_h;
    if (n_h > 8)
        nb_die("the vote table needs n_h <= 8 (n_h = %zu)", n_h);
    nn_cache *c = nb_ok(nn_cache_alloc(n_h, m));
    nb_try(nn_forward(c, p, d->X));
    wedge w[256] = {{0}};
    for (unsigned k = 0; k < 256; k++)
        w[k].pattern = k;
    for (size_t i = 0; i < m; i++) {
        unsigned k = 0;
        for (size_t j = 0; j < n_h; j++)
            k |= (unsigned)(gsl_matrix_get(c->Z1, j, i) > 0.0) << j;
        w[k].count++;
        w[k].ones += gsl_matrix_get(d->Y, 0, i) == 1.0;
        int predicted = gsl_matrix_get(c->A2, 0, i) > 0.5;
        w[k].predicted_ones += predicted;
        w[k].errors += predicted != (gsl_matrix_get(d->Y, 0, i) == 1.0);
        w[k].sx += gsl_matrix_get(d->X, 0, i);
        w[k].sy += gsl_matrix_get(d->X, 1, i);
    }
    size_t n = 0;
    for (unsigned k = 0; k < 256; k++)
        if (w[k].count)
            w[n++] = w[k];
    qsort(w, n, sizeof w[0], by_angle);
    fprintf(f, "| signs of $z_1, \\dots, z_{%zu}$ | vote $\\sum_j W_{1j}^{[2]} \\operatorname{sign}(z_j) "
               "+ b^{[2]}$ | the vote says | examples | of which $y = 1$ | the network predicts "
               "$\\hat y = 1$ for | errors |\n|---|---:|---|---:|---:|---:|---:|\n", n_h);
    size_t agree = 0, errors = 0;
    double vote_at[256];
    for (size_t k = 0; k < n; k++) {
        char signs[32] = "";
        double vote = gsl_vector_get(p->b2, 0);
        for (size_t j = 0; j < n_h; j++) {
            int plus = (w[k].pattern >> j) & 1u;
            strcat(signs, plus ? "+" : "−");
            vote += gsl_matrix_get(p->W2, 0, j) * (plus ? 1.0 : -1.0);
        }
        size_t says = vote > 0.0;
        agree += says ? w[k].predicted_ones : w[k].count - w[k].predicted_ones;
        vote_at[k] = vote;
        errors += w[k].errors;
        fprintf(f, "| %s | %.2f | %s | %zu | %zu | %zu | %zu |\n", signs, vote,
                says ? "$\\hat y = 1$ (blue)" : "$\\hat y = 0$ (red)", w[k].count, w[k].ones,
                w[k].predicted_ones, w[k].errors);
    }
    /* The errors in the two wedges whose vote is closest to zero. */
    size_t close[2] = {0, 0};
    for (size_t k = 0; k < n; k++)
        if (fabs(vote_at[k]) < fabs(vote_at[close[0]]))
            close[0] = k;
    close[1] = close[0] == 0 && n > 1 ? 1 : 0;
    for (size_t k = 0; k < n; k++)
        if (k != close[0] && fabs(vote_at[k]) < fabs(vote_at[close[1]]))
            close[1] = k;
    nb_kv(values, "errors", "%zu", errors);
    nb_kv(values, "errors_near_zero_vote", "%zu",
          w[close[0]].errors + (n > 1 ? w[close[1]].errors : 0));
    nb_kv(values, "wedges", "%zu", n);
    nb_kv(values, "vote_agrees", "%zu", agree);
    write_crossings(nb_create(out, "crossings.md"), values, p, w, vote_at, n);
    nn_cache_free(c);
    return n;
}

/* ----------------------------------------------------------- the figures */

/* The segment of w1 x + w2 y + b = 0 inside [x0, x1] x [y0, y1]: 1 if the
 * line crosses the box, with the segment's ends in s[0..3]. */
static int clip_line(double w1, double w2, double b, double x0, double x1, double y0, double y1,
                     double s[4])
{
    double pt[4][2];
    int n = 0;
    if (fabs(w2) > 1e-12)
        for (int k = 0; k < 2; k++) {
            double x = k ? x1 : x0, y = -(w1 * x + b) / w2;
            if (y >= y0 && y <= y1)
                pt[n][0] = x, pt[n][1] = y, n++;
        }
    if (fabs(w1) > 1e-12)
        for (int k = 0; k < 2; k++) {
            double y = k ? y1 : y0, x = -(w2 * y + b) / w1;
            if (x >= x0 && x <= x1)
                pt[n][0] = x, pt[n][1] = y, n++;
        }
    /* The two points farthest apart (a corner may be found twice). */
    double best = 0.0;
    for (int i = 0; i < n; i++)
        for (int j = i + 1; j < n; j++) {
            double d = hypot(pt[i][0] - pt[j][0], pt[i][1] - pt[j][1]);
            if (d > best) {
                best = d;
                s[0] = pt[i][0], s[1] = pt[i][1], s[2] = pt[j][0], s[3] = pt[j][1];
            }
        }
    return best > 0.0;
}

/* hidden_lines.tsv: for each unit, a block with its segment's two ends
 * (gnuplot index j - 1); hidden_arrows.tsv: from the point ARROW_AT of the
 * way along each segment, an arrow of length ARROW along w_j, pointing to
 * the side where z_j > 0. */
static const double ARROW = 0.9, ARROW_AT = 0.8;

static size_t write_lines(const char *out, const nn_params *p, const gsl_matrix *grid)
{
    double x0 = gsl_matrix_get(grid, 0, 0), y0 = gsl_matrix_get(grid, 1, 0);
    double x1 = gsl_matrix_get(grid, 0, grid->size2 - 1);
    double y1 = gsl_matrix_get(grid, 1, grid->size2 - 1);
    FILE *lines = nb_create(out, "hidden_lines.tsv");
    FILE *arrows = nb_create(out, "hidden_arrows.tsv");
    fprintf(lines, "# x1\tx2\tunit j: the line w_j1 x1 + w_j2 x2 + b_j = 0 inside the plot\n");
    fprintf(arrows, "# x1\tx2\tdx1\tdx2\tunit j: along w_j, from a point of the line\n");
    size_t crossing = 0;
    for (size_t j = 0; j < p->n_h; j++) {
        double w1 = gsl_matrix_get(p->W1, j, 0), w2 = gsl_matrix_get(p->W1, j, 1);
        double b = gsl_vector_get(p->b1, j), s[4];
        if (j > 0)
            fprintf(lines, "\n\n");
        if (!clip_line(w1, w2, b, x0, x1, y0, y1, s)) {
            fprintf(lines, "# unit %zu: the line misses the plot\n", j + 1);
            continue;
        }
        crossing++;
        fprintf(lines, "%.6f\t%.6f\t%zu\n%.6f\t%.6f\t%zu\n", s[0], s[1], j + 1, s[2], s[3], j + 1);
        double norm = hypot(w1, w2);
        fprintf(arrows, "%.6f\t%.6f\t%.6f\t%.6f\t%zu\n", s[0] + ARROW_AT * (s[2] - s[0]),
                s[1] + ARROW_AT * (s[3] - s[1]), ARROW * w1 / norm, ARROW * w2 / norm, j + 1);
    }
    return crossing;
}

/* grid_units.grid: "x1 x2 a_1 ... a_n_h a2" on a regular grid, a blank line
 * after each grid row, from one forward pass over the grid. */
static void write_unit_grid(const char *out, const nn_params *p, const gsl_matrix *X)
{
    gsl_matrix *grid = nb_grid_alloc(X, UNIT_GRID, GRID_MARGIN);
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, grid->size2));
    nb_try(nn_forward(cache, p, grid));
    FILE *f = nb_create(out, "grid_units.grid");
    for (size_t r = 0; r < UNIT_GRID; r++) {
        for (size_t c = 0; c < UNIT_GRID; c++) {
            size_t i = r * UNIT_GRID + c;
            fprintf(f, "%.5g %.5g", gsl_matrix_get(grid, 0, i), gsl_matrix_get(grid, 1, i));
            for (size_t j = 0; j < p->n_h; j++)
                fprintf(f, " %.4f", gsl_matrix_get(cache->A1, j, i));
            fprintf(f, " %.4f\n", gsl_matrix_get(cache->A2, 0, i));
        }
        fputc('\n', f);
    }
    nn_cache_free(cache);
    gsl_matrix_free(grid);
}

/* ------------------------------------------------------------- benchmark */


/* The parts of the vectorised pass, timed alone: the two products, and the
 * n_h m + m activations (every way evaluates the same ones). */
static void products_only(nn_cache *c, const nn_params *p, const gsl_matrix *X)
{
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W1, X, 0.0, c->Z1);
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, p->W2, c->A1, 0.0, c->Z2);
}

static void activations_only(nn_cache *c, const nn_params *p)
{
    double (*g)(double) = nn_activations[p->hidden].g;
    for (size_t j = 0; j < p->n_h; j++) {
        const double *z = gsl_matrix_const_ptr(c->Z1, j, 0);
        double *a = gsl_matrix_ptr(c->A1, j, 0);
        for (size_t i = 0; i < c->m; i++)
            a[i] = g(z[i]);
    }
    const double *z = gsl_matrix_const_ptr(c->Z2, 0, 0);
    double *a = gsl_matrix_ptr(c->A2, 0, 0);
    for (size_t i = 0; i < c->m; i++)
        a[i] = nn_sigmoid(z[i]);
}

enum { PRODUCTS = N_WAYS, ACTIVATIONS };

/* Seconds per pass of one way (or part), repeated for about BENCH_SECONDS. */
static double time_way(int w, nn_cache *cache, const nn_params *p, const gsl_matrix *X,
                       size_t *passes)
{
    size_t n = 1;
    double t;
    for (;;) {
        double t0 = nb_seconds();
        for (size_t k = 0; k < n; k++) {
            if (w == PRODUCTS)
                products_only(cache, p, X);
            else if (w == ACTIVATIONS)
                activations_only(cache, p);
            else
                run((way)w, cache, p, X, NULL);
        }
        t = nb_seconds() - t0;
        if (t >= BENCH_SECONDS || n >= ((size_t)1 << 30))
            break;
        /* Aim a little past BENCH_SECONDS so that the next round is the last. */
        double want = t > 0.0 ? 1.1 * BENCH_SECONDS / t * (double)n : 16.0 * (double)n;
        n = want > 2.0 * (double)n ? (size_t)want : 2 * n;
    }
    *passes = n;
    return t / (double)n;
}

static void bench_network(const char *what, const nn_params *p, size_t m)
{
    gsl_matrix *X = nb_ok(gsl_matrix_alloc(p->n_x, m));
    nn_rng *rng = nb_ok(nn_rng_alloc(BENCH_SEED));
    for (size_t f = 0; f < p->n_x; f++)
        for (size_t i = 0; i < m; i++)
            gsl_matrix_set(X, f, i, -4.0 + 8.0 * nn_rng_uniform(rng));
    nn_rng_free(rng);
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, m));
    printf("%s, n_x = %zu, n_h = %zu, on m = %zu random points:\n\n", what, p->n_x, p->n_h, m);
    printf("  %-52s %7s %12s %14s\n", "way", "passes", "ms per pass", "vs vectorised");
    double base = 0.0;
    for (int w = VECTORISED; w <= ACTIVATIONS; w++) {
        if (w == LOOP_BIAS_FIRST || w == LOOP_FMA)
            continue;
        size_t passes;
        double t = time_way(w, cache, p, X, &passes);
        if (w == VECTORISED)
            base = t;
        const char *name = w == PRODUCTS      ? "  of which the two dgemm products"
                           : w == ACTIVATIONS ? "  of which the activations g and sigma"
                                              : WAY_NAME[w];
        printf("  %-52s %7zu %12.3f %13.2fx\n", name, passes, 1e3 * t, t / base);
        fflush(stdout);
    }
    printf("\n");
    nn_cache_free(cache);
    gsl_matrix_free(X);
}

static void bench(const nn_params *flower_net)
{
    printf("Forward propagation, each way repeated for at least %.0f s; the last column is\n"
           "how many times longer a pass takes than nn_forward's.\n\n", BENCH_SECONDS);
    bench_network("The trained flower network", flower_net, M_BENCH);
    /* A wider network, where the products outweigh the activations. */
    nn_params *wide = nb_ok(nn_params_alloc(WIDE, WIDE, NN_TANH));
    nn_rng *rng = nb_ok(nn_rng_alloc(NB_COURSE_SEED));
    nn_params_init(wide, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    bench_network("A wider network with random weights", wide, M_BENCH / WIDE * 4);
    nn_params_free(wide);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_bench_args(argc, argv,
                  "Chapter 2: the forward pass of the trained flower network computed unit by\n"
                  "unit, example by example and vectorised; their differences, the work each\n"
                  "does, and the hidden units' lines. Writes values, tables and plot data into\n"
                  "--out; with --bench, times the three ways and prints the times instead.",
                  &args);
    nn_dataset *flower = nb_read_flower(args.data);
    /* The network of chapter 6, trained the same way by the same function. */
    nn_params *p = nb_train_course(flower, N_H, NN_TANH, ITERATIONS, NULL, NULL, 0);
    if (args.bench) {
        bench(p);
        nn_params_free(p);
        nn_dataset_free(flower);
        return 0;
    }
    const char *out = args.out;
    FILE *values = nb_create(out, "values.txt");
    size_t m = flower->X->size2, n_x = flower->X->size1;
    nb_kv(values, "m", "%zu", m);
    nb_kv(values, "n_x", "%zu", n_x);
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "learning_rate", "%.1f", NB_COURSE_LEARNING_RATE);
    nb_kv(values, "init_seed", "%d", NB_COURSE_SEED);
    nb_kv(values, "init_scale", "%.2f", NN_INIT_SCALE);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    /* Cost and accuracy after training, as chapter 6 reports them. */
    double final_cost, accuracy;
    nb_evaluate(p, flower, &final_cost, &accuracy);
    nb_kv(values, "final_cost", "%.6f", final_cost);
    nb_kv(values, "train_accuracy", "%.2f", accuracy);
    nb_kv(values, "m_bench", "%d", M_BENCH);

    /* 1. The trained parameters, one row per hidden unit. */
    FILE *params = nb_create(out, "parameters.md");
    fprintf(params, "| hidden unit $j$ | $w_{j1}$ | $w_{j2}$ | $b_j$ | its weight in the output "
                    "unit, $W_{1j}^{[2]}$ |\n|---:|---:|---:|---:|---:|\n");
    for (size_t j = 0; j < N_H; j++) {
        fprintf(params, "| %zu | %.4f | %.4f | %.4f | %.4f |\n", j + 1,
                gsl_matrix_get(p->W1, j, 0), gsl_matrix_get(p->W1, j, 1),
                gsl_vector_get(p->b1, j), gsl_matrix_get(p->W2, 0, j));
        nb_kv(values, nb_key("W2_%zu", j + 1), "%.4f", gsl_matrix_get(p->W2, 0, j));
    }
    nb_kv(values, "b2", "%.4f", gsl_vector_get(p->b2, 0));

    /* 2. The three ways, and the plain C loops. */
    compare_ways(out, values, p, flower->X);

    /* 3. The output unit's vote over the hidden units' half-planes. */
    write_wedges(out, nb_create(out, "wedges.md"), values, p, flower);

    /* 4. The figures' data. */
    gsl_matrix *grid = nb_grid_alloc(flower->X, GRID, GRID_MARGIN);
    gsl_matrix *A = nb_ok(gsl_matrix_alloc(1, grid->size2));
    nb_net_over(A, p, grid);
    nb_write_grid(nb_create(out, "grid_nn.grid"), grid, GRID, A);
    nb_kv(values, "lines_in_plot", "%zu", write_lines(out, p, grid));
    nb_kv(values, "plot_x1_min", "%.6f", gsl_matrix_get(grid, 0, 0));
    nb_kv(values, "plot_x1_max", "%.6f", gsl_matrix_get(grid, 0, grid->size2 - 1));
    nb_kv(values, "plot_x2_min", "%.6f", gsl_matrix_get(grid, 1, 0));
    nb_kv(values, "plot_x2_max", "%.6f", gsl_matrix_get(grid, 1, grid->size2 - 1));
    gsl_matrix_free(A);
    gsl_matrix_free(grid);
    write_unit_grid(out, p, flower->X);

    nb_commit();
    nn_params_free(p);
    nn_dataset_free(flower);
    return 0;
}
