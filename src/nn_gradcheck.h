/* nn_gradcheck.h: gradient checking for the one-hidden-layer network.
 *
 * The numerical gradient of the cost J by centred differences,
 *
 *     dtheta_approx[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps),
 *
 * two forward passes per scalar parameter, compared with the gradient a
 * backward pass computes through the relative difference
 *
 *     ||g - g_approx||_2 / (||g||_2 + ||g_approx||_2),
 *
 * per parameter block (W1, b1, W2, b2) and over all of them.  ReLU and leaky
 * ReLU have a kink at z = 0 where J has no derivative; a centred difference
 * whose two evaluations fall on both sides of it measures the mean of the
 * two slopes, not either of them.  nn_gradcheck_kinks finds exactly which
 * parameters' differences straddle a kink so that they can be left out.
 *
 * Deliberately broken backward passes (nn_backward_broken) show what the
 * check catches.  They live here, never in nn_net.c.
 *
 * Same conventions as nn.h: X is (n_x, m), Y is (1, m), parameters are
 * numbered as nn_params_at numbers them (W1 row by row, b1, W2, b2).
 */
#ifndef NN_GRADCHECK_H
#define NN_GRADCHECK_H

#include "nn.h"

/* The course's step and its reading of the relative difference: below
 * about 1e-7 the gradient is right, above 1e-3 there is almost surely a bug. */
#define NN_GRADCHECK_EPS 1e-7
#define NN_GRADCHECK_GOOD 1e-7
#define NN_GRADCHECK_BUG 1e-3
/* What the battery passes: at eps = 1e-7 the rounding error of J alone
 * gives a few 1e-7 when the gradient is small (behind a sigmoid layer). */
#define NN_GRADCHECK_PASS 1e-6

/* ------------------------------------------------------ parameter blocks */

typedef enum { NN_BLOCK_W1 = 0, NN_BLOCK_B1, NN_BLOCK_W2, NN_BLOCK_B2, NN_BLOCKS } nn_block;

/* "W1", "b1", "W2", "b2". */
extern const char *const nn_block_names[NN_BLOCKS];
/* The indices first .. first + count - 1 of block b in nn_params_at's order. */
void nn_block_range(size_t n_x, size_t n_h, nn_block b, size_t *first, size_t *count);

/* -------------------------------------------------- differences, scalars */

/* (f(x + eps) - f(x - eps)) / ((x + eps) - (x - eps)): the centred difference,
 * divided by the step the two rounded arguments really are apart (2 eps up
 * to rounding).  The error is O(eps^2) from truncation, O(u |f| / eps) from
 * rounding (u = 2^-53). */
double nn_centred_difference(double (*f)(double x, void *user), void *user, double x,
                             double eps);

/* ||g - a||_2 / (||g||_2 + ||a||_2) over the n entries whose skip[k] is 0
 * (skip may be NULL: all of them).  0 when both vectors are zero there. */
double nn_relative_difference(const double *g, const double *a, const unsigned char *skip,
                              size_t n);

/* ------------------------------------------------------ broken backwards */

/* Backward passes with one deliberate mistake each.  NN_BUG_NONE is
 * nn_backward itself. */
typedef enum {
    NN_BUG_NONE = 0,
    NN_BUG_NO_INV_M,        /* dW1, dW2 without the 1/m */
    NN_BUG_DW2_DOUBLED,     /* dW2 = (2/m) dZ2 A1^T */
    NN_BUG_WRONG_DERIVATIVE,/* g'(Z1) of another activation (sigmoid's, or tanh's for sigmoid) */
    NN_BUG_DERIVATIVE_OF_A, /* g'(A1) in place of g'(Z1) */
    NN_BUG_TRANSPOSED,      /* dW1 = (1/m) X dZ1^T: only fits when n_x = n_h */
    NN_BUG_COUNT
} nn_bug;

/* "none", "no_inv_m", "dW2_doubled", "wrong_derivative", "derivative_of_A", "transposed". */
extern const char *const nn_bug_names[NN_BUG_COUNT];
/* One line of what the mistake is, in Markdown with LaTeX. */
extern const char *const nn_bug_descriptions[NN_BUG_COUNT];
/* Look up by name; NN_EINVAL naming the bad name (and the known ones). */
nn_status nn_bug_find(const char *name, nn_bug *bug);

/* nn_backward with the mistake `bug`, same arguments and shapes.  The
 * transposed product is NN_EDIM (naming both shapes) unless n_x = n_h. */
nn_status nn_backward_broken(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                             const gsl_matrix *X, const gsl_matrix *Y, nn_bug bug);

/* ----------------------------------------------------- the network check */

/* approx[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps) for every
 * parameter k (the realised step, as nn_centred_difference); 2 P forward
 * passes for P = nn_params_count(p).  Each parameter is restored exactly.
 * cache is allocated for X's m; nothing is allocated.  NN_ENUM, naming the
 * parameter, if J is not finite at either side (approx is then incomplete). */
nn_status nn_numerical_gradient(double *approx, nn_params *p, nn_cache *cache,
                                const gsl_matrix *X, const gsl_matrix *Y, double eps);

/* For a hidden activation with a kink at 0 (ReLU, leaky ReLU) and a cache
 * holding the forward pass at theta: straddles[k] = 1 when the centred
 * difference of parameter k moves some Z1 entry across 0, that is when
 *   W1[j][l]: |Z1[j][i]| < eps |X[l][i]| for some example i,
 *   b1[j]:    |Z1[j][i]| < eps          for some example i,
 * and 0 otherwise (always 0 for W2, b2 and for smooth activations).
 * *near is the number of entries Z1[j][i] within reach of the kink,
 * |Z1[j][i]| < eps max(1, max_l |X[l][i]|).  Returns how many parameters
 * straddle.  straddles may be NULL. */
size_t nn_gradcheck_kinks(unsigned char *straddles, size_t *near, const nn_params *p,
                          const nn_cache *cache, const gsl_matrix *X, double eps);

typedef struct {
    double eps;        /* the step, NN_GRADCHECK_EPS in the course */
    nn_bug bug;        /* NN_BUG_NONE checks nn_backward itself */
    int skip_kinks;    /* compare only the parameters whose difference
                          stays on one side of every kink */
} nn_gradcheck_options;

typedef struct {
    double diff[NN_BLOCKS]; /* relative difference per block */
    double overall;         /* over every compared parameter */
    double grad_norm;       /* ||g||_2 of the backward pass's gradient */
    size_t n_params;        /* P */
    size_t near_kink;       /* Z1 entries within reach of 0 (see nn_gradcheck_kinks) */
    size_t straddling;      /* parameters whose difference crosses a kink */
    size_t skipped;         /* parameters left out of the comparison */
} nn_gradcheck_result;

/* Workspace for checks of networks of one shape: a cache and gradients for
 * m examples, the two flattened gradients and the kink flags. */
typedef struct nn_gradcheck_work nn_gradcheck_work;
nn_gradcheck_work *nn_gradcheck_work_alloc(size_t n_x, size_t n_h, size_t m);
void nn_gradcheck_work_free(nn_gradcheck_work *w);
/* The two gradients of the last nn_gradcheck, flattened in nn_params_at's
 * order (P entries each); valid until the workspace is freed. */
const double *nn_gradcheck_work_exact(const nn_gradcheck_work *w);
const double *nn_gradcheck_work_approx(const nn_gradcheck_work *w);

/* One check at theta = p: a forward and a backward pass (nn_backward or the
 * broken one), the numerical gradient, the kinks, the relative differences.
 * p is left as it was.  NN_EINVAL for eps not in (0, 1]. */
nn_status nn_gradcheck(nn_gradcheck_result *res, nn_gradcheck_work *w, nn_params *p,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       const nn_gradcheck_options *opt);

/* ------------------------------------------------- configurations, battery */

/* A check on random data: what the gradcheck program takes on its command line. */
typedef struct {
    nn_activation_id hidden;
    size_t n_x, n_h, m;
    unsigned long seed;
    double eps;
    int keep_kinks; /* 0 (the default): leave out the parameters whose difference
                       straddles a kink; 1: compare them too */
} nn_gradcheck_config;

/* The random problem of a configuration, from nn_rng seeded with seed:
 * X = randn(n_x, m), then Y(i) = [uniform < 1/2], then
 * W1 = randn(n_h, n_x) / sqrt(n_x), b1 = randn(n_h) / 2,
 * W2 = randn(1, n_h) / sqrt(n_h), b2 = randn(1) / 2, each row by row.
 * Weights of that size keep z of order 1, where every activation bends;
 * non-zero biases make db1 and db2 count.  p, X, Y have the config's shapes. */
nn_status nn_gradcheck_problem(nn_params *p, gsl_matrix *X, gsl_matrix *Y,
                               const nn_gradcheck_config *cfg);

/* Allocates the problem of cfg, checks it with the backward pass `bug`
 * (leaving out straddled parameters of ReLU and leaky ReLU unless
 * cfg->keep_kinks), frees it.  The status is nn_gradcheck's (NN_EDIM for a
 * transposed product that does not fit, NN_ENUM for a cost that is not
 * finite), NN_EINVAL for bad sizes, seed or eps, NN_ENOMEM. */
nn_status nn_gradcheck_config_run(nn_gradcheck_result *res, const nn_gradcheck_config *cfg,
                                  nn_bug bug);

/* The default battery: every activation, the shapes below, seeds 1 .. 20,
 * eps = NN_GRADCHECK_EPS, in that nesting (activation outermost). */
enum { NN_BATTERY_SEEDS = 20, NN_BATTERY_SHAPES = 6 };
extern const size_t nn_battery_shapes[NN_BATTERY_SHAPES][3]; /* (n_x, n_h, m) */
#define NN_BATTERY_SIZE ((size_t)NN_ACTIVATION_COUNT * NN_BATTERY_SHAPES * NN_BATTERY_SEEDS)
/* The k-th configuration of the battery, k < NN_BATTERY_SIZE. */
nn_gradcheck_config nn_battery_config(size_t k);

#endif
