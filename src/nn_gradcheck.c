/* nn_gradcheck.c: the numerical gradient, relative differences per block,
 * the kinks of ReLU, deliberately broken backward passes and the battery of
 * random configurations.  See the gradient-checking section of nn.h. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nn.h"
#include "nn_internal.h"

/* ------------------------------------------------------ parameter blocks */

const char *const nn_block_names[NN_BLOCKS] = {"W1", "b1", "W2", "b2"};

void nn_block_range(size_t n_x, size_t n_h, nn_block b, size_t *first, size_t *count)
{
    const size_t n[3] = {n_x, n_h, 1};
    size_t rows, cols;
    nn_layout_block(2, n, (size_t)b, first, &rows, &cols, NULL);
    *count = rows * cols;
}

/* -------------------------------------------------- differences, scalars */

double nn_centred_difference(double (*f)(double x, void *user), void *user, double x,
                             double eps)
{
    double xp = x + eps, xm = x - eps;
    return (f(xp, user) - f(xm, user)) / (xp - xm);
}

double nn_relative_difference(const double *g, const double *a, const unsigned char *skip,
                              size_t n)
{
    double gg = 0.0, aa = 0.0, dd = 0.0;
    for (size_t k = 0; k < n; k++) {
        if (skip && skip[k])
            continue;
        gg += g[k] * g[k];
        aa += a[k] * a[k];
        dd += (g[k] - a[k]) * (g[k] - a[k]);
    }
    double denom = sqrt(gg) + sqrt(aa);
    if (denom == 0.0)
        return 0.0;
    return sqrt(dd) / denom;
}

/* ------------------------------------------------------ broken backwards */

const char *const nn_bug_names[NN_BUG_COUNT] = {
    [NN_BUG_NONE] = "none",
    [NN_BUG_NO_INV_M] = "no_inv_m",
    [NN_BUG_DW2_DOUBLED] = "dW2_doubled",
    [NN_BUG_WRONG_DERIVATIVE] = "wrong_derivative",
    [NN_BUG_DERIVATIVE_OF_A] = "derivative_of_A",
    [NN_BUG_TRANSPOSED] = "transposed",
};

const char *const nn_bug_descriptions[NN_BUG_COUNT] = {
    [NN_BUG_NONE] = "none: `nn_backward` as derived",
    [NN_BUG_NO_INV_M] = "missing $\\frac{1}{m}$ in $dW^{[1]}$ and $dW^{[2]}$",
    [NN_BUG_DW2_DOUBLED] = "$dW^{[2]}$ doubled",
    [NN_BUG_WRONG_DERIVATIVE] = "derivative of the wrong activation: $\\sigma'(Z^{[1]})$ "
                                "(for a sigmoid layer, $\\tanh'$)",
    [NN_BUG_DERIVATIVE_OF_A] = "$g'(A^{[1]})$ in place of $g'(Z^{[1]})$",
    [NN_BUG_TRANSPOSED] = "transposed product $dW^{[1]} = \\frac{1}{m} X\\thinspace dZ^{[1]T}$",
};

nn_status nn_bug_find(const char *name, nn_bug *bug)
{
    for (int k = 0; k < NN_BUG_COUNT; k++)
        if (strcmp(nn_bug_names[k], name) == 0) {
            *bug = (nn_bug)k;
            return NN_OK;
        }
    return nn_error(NN_EINVAL,
                    "unknown mistake '%s' (known: none, no_inv_m, dW2_doubled, "
                    "wrong_derivative, derivative_of_A, transposed)",
                    name);
}

/* nn_backward line for line, with the one mistake marked where it goes. */
nn_status nn_backward_broken(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                             const gsl_matrix *X, const gsl_matrix *Y, nn_bug bug)
{
    const char *fn = "nn_backward_broken";
    if ((unsigned)bug >= NN_BUG_COUNT)
        return nn_error(NN_EINVAL, "%s: unknown mistake %d", fn, (int)bug);
    if (bug == NN_BUG_NONE)
        return nn_backward(grads, p, cache, X, Y);
    size_t m = cache->m, n_h = p->n_h;
    EXPECT(fn, "X", X, p->n_x, m);
    EXPECT(fn, "Y", Y, 1, m);
    EXPECT(fn, "dZ1", grads->dZ1, n_h, m);
    EXPECT(fn, "dW1", grads->dW1, n_h, p->n_x);
    double inv_m = 1.0 / (double)m;
    if (bug == NN_BUG_TRANSPOSED && p->n_x != n_h)
        return nn_error(NN_EDIM,
                        "%s: X (%zu, %zu) . dZ1^T (%zu, %zu) is (%zu, %zu), dW1 is (%zu, %zu)",
                        fn, p->n_x, m, m, n_h, p->n_x, n_h, n_h, p->n_x);

    /* dZ2 = A2 - Y */
    gsl_matrix_memcpy(grads->dZ2, cache->A2);
    gsl_matrix_sub(grads->dZ2, Y);
    /* dW2 = (1/m) dZ2 A1^T */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, grads->dZ2, cache->A1, 0.0, grads->dW2);
    if (bug == NN_BUG_DW2_DOUBLED)
        gsl_matrix_scale(grads->dW2, 2.0 * inv_m); /* mistake: 2/m */
    else if (bug != NN_BUG_NO_INV_M)               /* mistake: no 1/m */
        gsl_matrix_scale(grads->dW2, inv_m);
    /* db2 = (1/m) sum_i dZ2 */
    nn__row_means(grads->db2, grads->dZ2);
    /* dZ1 = W2^T dZ2 * g'(Z1) */
    gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, p->W2, grads->dZ2, 0.0, grads->dZ1);
    double (*dg)(double) = nn_activations[p->hidden].dg;
    const gsl_matrix *at = cache->Z1;
    if (bug == NN_BUG_WRONG_DERIVATIVE) /* mistake: another activation's g' */
        dg = nn_activations[p->hidden == NN_SIGMOID ? NN_TANH : NN_SIGMOID].dg;
    if (bug == NN_BUG_DERIVATIVE_OF_A) /* mistake: g' evaluated at A1 */
        at = cache->A1;
    for (size_t j = 0; j < n_h; j++) {
        const double *z1 = gsl_matrix_const_ptr(at, j, 0);
        double *dz1 = gsl_matrix_ptr(grads->dZ1, j, 0);
        for (size_t i = 0; i < m; i++)
            dz1[i] *= dg(z1[i]);
    }
    /* dW1 = (1/m) dZ1 X^T */
    if (bug == NN_BUG_TRANSPOSED) /* mistake: X dZ1^T, which fits only when n_x = n_h */
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, X, grads->dZ1, 0.0, grads->dW1);
    else
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, grads->dZ1, X, 0.0, grads->dW1);
    if (bug != NN_BUG_NO_INV_M) /* mistake: no 1/m */
        gsl_matrix_scale(grads->dW1, inv_m);
    /* db1 = (1/m) sum_i dZ1 */
    nn__row_means(grads->db1, grads->dZ1);
    return NN_OK;
}

/* ----------------------------------------------------- the network check */

/* J at the parameters p as they are: one forward pass and the cost. */
static nn_status cost_at(double *J, const nn_params *p, nn_cache *cache, const gsl_matrix *X,
                         const gsl_matrix *Y)
{
    nn_status s = nn_forward(cache, p, X);
    return s == NN_OK ? nn_cost(J, cache, Y) : s;
}

/* The name of the block parameter k belongs to, in nn_params_at's order. */
static const char *block_of(const nn_params *p, size_t k)
{
    return nn_block_names[nn_layout_block_of(p->theta->L, p->theta->n, k)];
}

nn_status nn_numerical_gradient(double *approx, nn_params *p, nn_cache *cache,
                                const gsl_matrix *X, const gsl_matrix *Y, double eps)
{
    const char *fn = "nn_numerical_gradient";
    EXPECT(fn, "X", X, p->n_x, cache->m);
    EXPECT(fn, "Y", Y, 1, cache->m);
    EXPECT(fn, "cache Z1", cache->Z1, p->n_h, cache->m);
    if (!(eps > 0.0 && eps <= 1.0))
        return nn_error(NN_EINVAL, "%s: eps = %g must be in (0, 1]", fn, eps);
    size_t P = nn_params_count(p);
    for (size_t k = 0; k < P; k++) {
        double *theta = nn_params_at(p, k), keep = *theta, Jp, Jm;
        double tp = keep + eps, tm = keep - eps;
        nn_status s;
        *theta = tp; /* J(theta + eps e_k) */
        if ((s = cost_at(&Jp, p, cache, X, Y)) == NN_OK) {
            *theta = tm; /* J(theta - eps e_k) */
            s = cost_at(&Jm, p, cache, X, Y);
        }
        *theta = keep;
        if (s != NN_OK)
            return s;
        if (!isfinite(Jp) || !isfinite(Jm))
            return nn_error(NN_ENUM, "%s: the cost is not finite with parameter %zu (%s) "
                            "moved: J(theta + eps e_k) = %g, J(theta - eps e_k) = %g",
                            fn, k, block_of(p, k), Jp, Jm);
        approx[k] = (Jp - Jm) / (tp - tm);
    }
    return NN_OK;
}

size_t nn_gradcheck_kinks(unsigned char *straddles, size_t *near, const nn_params *p,
                          const nn_cache *cache, const gsl_matrix *X, double eps)
{
    size_t n_x = p->n_x, n_h = p->n_h, m = cache->m, P = nn_params_count(p);
    size_t crossing = 0, close = 0;
    if (straddles)
        memset(straddles, 0, P);
    if (!nn_activation_has_kink(p->hidden)) {
        if (near)
            *near = 0;
        return 0;
    }
    size_t first_w1, first_b1, count;
    nn_block_range(n_x, n_h, NN_BLOCK_W1, &first_w1, &count);
    nn_block_range(n_x, n_h, NN_BLOCK_B1, &first_b1, &count);
    for (size_t j = 0; j < n_h; j++) {
        for (size_t i = 0; i < m; i++) {
            double z = fabs(gsl_matrix_get(cache->Z1, j, i)), reach = 1.0;
            for (size_t l = 0; l < n_x; l++)
                reach = fmax(reach, fabs(gsl_matrix_get(X, l, i)));
            if (z < eps * reach)
                close++;
            if (straddles == NULL)
                continue;
            /* W1[j][l] moves Z1[j][i] by +-eps X[l][i]; b1[j] by +-eps. */
            for (size_t l = 0; l < n_x; l++)
                if (z < eps * fabs(gsl_matrix_get(X, l, i)))
                    straddles[first_w1 + j * n_x + l] = 1; /* W1 row by row */
            if (z < eps)
                straddles[first_b1 + j] = 1;
        }
    }
    if (straddles)
        for (size_t k = 0; k < P; k++)
            crossing += straddles[k];
    if (near)
        *near = close;
    return crossing;
}

struct nn_gradcheck_work {
    size_t n_x, n_h, m, P;
    nn_cache *cache;
    nn_grads *grads;
    double *exact, *approx;
    unsigned char *straddles;
};

nn_gradcheck_work *nn_gradcheck_work_alloc(size_t n_x, size_t n_h, size_t m)
{
    if (n_x == 0 || n_h == 0 || m == 0) {
        nn_error(NN_EINVAL,
                 "nn_gradcheck_work_alloc: n_x = %zu, n_h = %zu and m = %zu must be positive",
                 n_x, n_h, m);
        return NULL;
    }
    nn_gradcheck_work *w = calloc(1, sizeof *w);
    if (w == NULL)
        goto fail;
    w->n_x = n_x;
    w->n_h = n_h;
    w->m = m;
    const size_t n[3] = {n_x, n_h, 1};
    w->P = nn_layout_count(2, n);
    w->cache = nn_cache_alloc(n_h, m);
    w->grads = nn_grads_alloc(n_x, n_h, m);
    w->exact = malloc(w->P * sizeof *w->exact);
    w->approx = malloc(w->P * sizeof *w->approx);
    w->straddles = malloc(w->P);
    if (w->cache && w->grads && w->exact && w->approx && w->straddles)
        return w;
fail:
    nn_gradcheck_work_free(w);
    nn_error(NN_ENOMEM, "out of memory allocating a gradient check for n_x = %zu, n_h = %zu, "
             "m = %zu", n_x, n_h, m);
    return NULL;
}

void nn_gradcheck_work_free(nn_gradcheck_work *w)
{
    if (w == NULL)
        return;
    nn_cache_free(w->cache);
    nn_grads_free(w->grads);
    free(w->exact);
    free(w->approx);
    free(w->straddles);
    free(w);
}

const double *nn_gradcheck_work_exact(const nn_gradcheck_work *w) { return w->exact; }
const double *nn_gradcheck_work_approx(const nn_gradcheck_work *w) { return w->approx; }

nn_status nn_gradcheck(nn_gradcheck_result *res, nn_gradcheck_work *w, nn_params *p,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       const nn_gradcheck_options *opt)
{
    const char *fn = "nn_gradcheck";
    if (p->n_x != w->n_x || p->n_h != w->n_h)
        return nn_error(NN_EDIM, "%s: the network has n_x = %zu, n_h = %zu, the workspace "
                        "n_x = %zu, n_h = %zu", fn, p->n_x, p->n_h, w->n_x, w->n_h);
    EXPECT(fn, "X", X, p->n_x, w->m);
    EXPECT(fn, "Y", Y, 1, w->m);
    if (!(opt->eps > 0.0 && opt->eps <= 1.0))
        return nn_error(NN_EINVAL, "%s: eps = %g must be in (0, 1]", fn, opt->eps);
    nn_status s;
    /* The gradient under test: one forward and one backward pass. */
    if ((s = nn_forward(w->cache, p, X)) != NN_OK)
        return s;
    if ((s = nn_backward_broken(w->grads, p, w->cache, X, Y, opt->bug)) != NN_OK)
        return s;
    memcpy(w->exact, w->grads->dtheta->theta->data, w->P * sizeof *w->exact);
    /* The kinks, from the forward pass at theta. */
    memset(res, 0, sizeof *res);
    res->n_params = w->P;
    res->straddling = nn_gradcheck_kinks(w->straddles, &res->near_kink, p, w->cache, X, opt->eps);
    if (!opt->skip_kinks)
        memset(w->straddles, 0, w->P);
    else
        res->skipped = res->straddling;
    /* The numerical gradient: two forward passes per parameter. */
    if ((s = nn_numerical_gradient(w->approx, p, w->cache, X, Y, opt->eps)) != NN_OK)
        return s;
    for (int b = 0; b < NN_BLOCKS; b++) {
        size_t first, count;
        nn_block_range(p->n_x, p->n_h, (nn_block)b, &first, &count);
        res->diff[b] = nn_relative_difference(w->exact + first, w->approx + first,
                                              w->straddles + first, count);
    }
    res->overall = nn_relative_difference(w->exact, w->approx, w->straddles, w->P);
    double gg = 0.0;
    for (size_t k = 0; k < w->P; k++)
        gg += w->exact[k] * w->exact[k];
    res->grad_norm = sqrt(gg);
    if (!isfinite(res->overall))
        return nn_error(NN_ENUM, "%s: the relative difference is %g", fn, res->overall);
    return NN_OK;
}

/* ------------------------------------------------- configurations, battery */

nn_status nn_gradcheck_problem(nn_params *p, gsl_matrix *X, gsl_matrix *Y,
                               const nn_gradcheck_config *cfg)
{
    const char *fn = "nn_gradcheck_problem";
    if (p->n_x != cfg->n_x || p->n_h != cfg->n_h)
        return nn_error(NN_EDIM, "%s: the network has n_x = %zu, n_h = %zu, the configuration "
                        "n_x = %zu, n_h = %zu", fn, p->n_x, p->n_h, cfg->n_x, cfg->n_h);
    EXPECT(fn, "X", X, cfg->n_x, cfg->m);
    EXPECT(fn, "Y", Y, 1, cfg->m);
    nn_rng *rng = nn_rng_alloc(cfg->seed);
    if (rng == NULL)
        return NN_EINVAL; /* nn_rng_alloc named the seed */
    p->hidden = cfg->hidden;
    nn_rng_fill_randn(rng, X, 1.0);
    for (size_t i = 0; i < cfg->m; i++)
        gsl_matrix_set(Y, 0, i, nn_rng_uniform(rng) < 0.5 ? 1.0 : 0.0);
    nn_rng_fill_randn(rng, p->W1, 1.0 / sqrt((double)cfg->n_x));
    gsl_matrix_view b1 = gsl_matrix_view_vector(p->b1, cfg->n_h, 1);
    nn_rng_fill_randn(rng, &b1.matrix, 0.5);
    nn_rng_fill_randn(rng, p->W2, 1.0 / sqrt((double)cfg->n_h));
    gsl_matrix_view b2 = gsl_matrix_view_vector(p->b2, 1, 1);
    nn_rng_fill_randn(rng, &b2.matrix, 0.5);
    nn_rng_free(rng);
    return NN_OK;
}

nn_status nn_gradcheck_config_run(nn_gradcheck_result *res, const nn_gradcheck_config *cfg,
                                  nn_bug bug)
{
    nn_status s = NN_ENOMEM;
    nn_params *p = nn_params_alloc(cfg->n_x, cfg->n_h, cfg->hidden);
    nn_gradcheck_work *w = p ? nn_gradcheck_work_alloc(cfg->n_x, cfg->n_h, cfg->m) : NULL;
    gsl_matrix *X = w ? gsl_matrix_alloc(cfg->n_x, cfg->m) : NULL;
    gsl_matrix *Y = X ? gsl_matrix_alloc(1, cfg->m) : NULL;
    if (p == NULL || w == NULL) {
        s = NN_EINVAL; /* the allocators named the bad sizes */
        goto done;
    }
    if (Y == NULL) {
        s = nn_error(NN_ENOMEM, "out of memory allocating data for n_x = %zu, m = %zu",
                     cfg->n_x, cfg->m);
        goto done;
    }
    if ((s = nn_gradcheck_problem(p, X, Y, cfg)) != NN_OK)
        goto done;
    nn_gradcheck_options opt = {.eps = cfg->eps, .bug = bug, .skip_kinks = !cfg->keep_kinks};
    s = nn_gradcheck(res, w, p, X, Y, &opt);
done:
    if (Y) gsl_matrix_free(Y);
    if (X) gsl_matrix_free(X);
    nn_gradcheck_work_free(w);
    nn_params_free(p);
    return s;
}

/* From a single unit and example to a layer wider than its input (and the
 * one square shape, where a transposed product fits). */
const size_t nn_battery_shapes[NN_BATTERY_SHAPES][3] = {
    {1, 1, 1}, {2, 4, 10}, {4, 4, 20}, {3, 8, 50}, {5, 3, 7}, {10, 20, 100},
};

nn_gradcheck_config nn_battery_config(size_t k)
{
    size_t seed = k % NN_BATTERY_SEEDS;
    size_t shape = (k / NN_BATTERY_SEEDS) % NN_BATTERY_SHAPES;
    size_t act = k / (NN_BATTERY_SEEDS * NN_BATTERY_SHAPES) % NN_ACTIVATION_COUNT;
    nn_gradcheck_config cfg = {
        .hidden = (nn_activation_id)act,
        .n_x = nn_battery_shapes[shape][0],
        .n_h = nn_battery_shapes[shape][1],
        .m = nn_battery_shapes[shape][2],
        .seed = seed + 1,
        .eps = NN_GRADCHECK_EPS,
    };
    return cfg;
}
