/* nn_fast.c: the training loop of nn_train, fused, with the same bits.
 *
 * nn_train runs the six equations a matrix at a time: gsl_blas_dgemm for
 * each product, a pass over (n_h, m) for each element-wise step, and the
 * cost from its own exp and log1p.  Here one pass over the examples does all
 * of it, a block of examples at a time, and nothing is computed twice:
 *   - g'(z) comes from a = g(z) where the activation allows it: tanh
 *     1 - a a, sigmoid a (1 - a), so tanh is called once per hidden value;
 *   - the output sigmoid and the cost share exp(-z) for z > 0, and the two
 *     softplus terms of the cost share one exp and one log1p for every z;
 *   - the cost is computed only on the iterations that record it;
 *   - Z1, A1 and dZ1 live in a block-sized buffer, not in (n_h, m) matrices.
 * Every value is the one the readable code computes, bit for bit, because
 * every operation is the same IEEE operation on the same operands in the
 * same order:
 *   - gslcblas's dgemm (NoTrans, NoTrans) starts C at 0.0 and adds
 *     W[j][k] x[k] for k = 0, 1, ..., skipping a zero W[j][k]; (NoTrans,
 *     Trans) sums its products from 0.0 over the examples in order, then
 *     adds the sum to C = 0.0;  both are reproduced term by term;
 *   - every sum over examples runs over i = 0, 1, ..., m - 1, as the one
 *     pass does; the n_h sums of one kind run side by side, one per lane of
 *     a vector, each in that order;
 *   - the compiler contracts nothing into FMA (-std=c11 implies
 *     -ffp-contract=off) and no -ffast-math is used;
 *   - tanh, exp and log1p go through nn__tanh_block, nn__exp_block and
 *     nn__log1p_block, which return the C library's tanh, exp and log1p bit
 *     for bit, four at a time with AVX2 where the CPU and the library allow
 *     (nn_vmath.c; make check-vmath compares them on more than 10^8
 *     arguments each).
 * The test check_fast.c holds the two to equality after 10,000 iterations
 * for every activation and several shapes, costs included, on the baseline
 * instructions and on AVX2. */
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"
#include "nn_internal.h"

/* Examples per block: enough independent libm calls in a row to keep the
 * pipeline full, few enough for the block to stay in L1. */
enum { BLOCK = 32 };

/* The hidden units in groups of LANES, one group a vector: every lane runs
 * the operations of its own unit, in the order the readable code runs them,
 * so a lane's result is that unit's value, bit for bit.  This matters for the
 * sums over the examples (dW1, db1, dW2): each is a chain of additions in the
 * order i = 0, 1, ..., which cannot be split across examples without changing
 * the rounding, but n_h such chains can run side by side, one per lane.  The
 * last group is padded with units whose weights are 0; they are computed and
 * never read. */
enum { LANES = 4 };
typedef double vd __attribute__((vector_size(LANES * sizeof(double))));
typedef long long vm __attribute__((vector_size(LANES * sizeof(long long))));

static inline __attribute__((always_inline)) vd splat(double x)
{
    return (vd){x, x, x, x};
}

/* mask ? a : b, lane by lane (mask lanes are all ones or all zeros) */
static inline __attribute__((always_inline)) vd pick(vm mask, vd a, vd b)
{
    return (vd)(((vm)a & mask) | ((vm)b & ~mask));
}

struct nn_trainer {
    size_t n_x, n_h, m;
    size_t groups;     /* ceil(n_h / LANES) */
    vd *W1;            /* (n_x, groups): W1 transposed, one row per input */
    vd *b1, *W2;       /* (groups) */
    vd *Z1, *A1;       /* (BLOCK, groups): a block of examples, one row each */
    vd *dZ1;           /* (BLOCK): one group's dZ1 over a block */
    vd *dW1;           /* (n_x, groups): running sums over the examples */
    vd *db1, *dW2;     /* (groups) */
};

/* n vectors, 32-byte aligned, zeroed: padded lanes start (and stay) 0. */
static vd *vectors(size_t n)
{
    vd *v = aligned_alloc(sizeof(vd), n * sizeof(vd));
    if (v)
        memset(v, 0, n * sizeof(vd));
    return v;
}

nn_trainer *nn_trainer_alloc(size_t n_x, size_t n_h, size_t m)
{
    if (n_x == 0 || n_h == 0 || m == 0) {
        nn_error(NN_EINVAL, "nn_trainer_alloc: n_x = %zu, n_h = %zu and m = %zu must be "
                 "positive", n_x, n_h, m);
        return NULL;
    }
    nn_trainer *t = calloc(1, sizeof *t);
    if (t == NULL)
        goto fail;
    size_t G = (n_h + LANES - 1) / LANES;
    t->n_x = n_x;
    t->n_h = n_h;
    t->m = m;
    t->groups = G;
    t->W1 = vectors(n_x * G);
    t->b1 = vectors(G);
    t->W2 = vectors(G);
    t->Z1 = vectors(BLOCK * G);
    t->A1 = vectors(BLOCK * G);
    t->dZ1 = vectors(BLOCK);
    t->dW1 = vectors(n_x * G);
    t->db1 = vectors(G);
    t->dW2 = vectors(G);
    if (t->W1 && t->b1 && t->W2 && t->Z1 && t->A1 && t->dZ1 && t->dW1 && t->db1 && t->dW2)
        return t;
fail:
    nn_trainer_free(t);
    nn_error(NN_ENOMEM, "out of memory for a trainer with n_x = %zu, n_h = %zu, m = %zu", n_x,
             n_h, m);
    return NULL;
}

void nn_trainer_free(nn_trainer *t)
{
    if (t == NULL)
        return;
    free(t->W1);
    free(t->b1);
    free(t->W2);
    free(t->Z1);
    free(t->A1);
    free(t->dZ1);
    free(t->dW1);
    free(t->db1);
    free(t->dW2);
    free(t);
}

/* y[i] = tanh, exp or log1p of x[i] for i < n: the notebook's own bits, four at
 * a time where the CPU allows (nn_vmath.c).  Chapter 7 builds copies of this
 * file with NN_FAST_PLAIN_LIBM defined, which call the library value by
 * value, to count those calls and to see what compilers make of them. */
#ifdef NN_FAST_PLAIN_LIBM
static void tanh_block(double *y, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = tanh(x[i]);
}
static void exp_block(double *y, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = exp(x[i]);
}
static void log1p_block(double *y, const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        y[i] = log1p(x[i]);
}
#else
#define tanh_block nn__tanh_block
#define exp_block nn__exp_block
#define log1p_block nn__log1p_block
#endif

/* A = g(Z) for count values, through libm where g needs it. */
static inline void activate_libm(nn_activation_id hidden, double *A, const double *Z,
                                 size_t count)
{
    if (hidden == NN_TANH) {
        tanh_block(A, Z, count);
    } else { /* nn_sigmoid, 1 / (1 + exp(-z)), its exp a block at a time */
        for (size_t k = 0; k < count; k++) {
            A[k] = -Z[k];
        }
        exp_block(A, A, count);
        for (size_t k = 0; k < count; k++) {
            A[k] = 1.0 / (1.0 + A[k]);
        }
    }
}

/* g'(z), from a = g(z) where that gives the same bits as the table's g'. */
static inline __attribute__((always_inline)) vd slope(nn_activation_id hidden, vd z, vd a)
{
    switch (hidden) {
    case NN_TANH: return 1.0 - a * a;          /* tanh_prime: t = tanh(z) = a */
    case NN_SIGMOID: return a * (1.0 - a);     /* nn_sigmoid_prime: s = sigma(z) = a */
    case NN_RELU: return pick(z < 0.0, splat(0.0), splat(1.0));
    case NN_LEAKY_RELU: return pick(z < 0.0, splat(NN_LEAKY_SLOPE), splat(1.0));
    default: return splat(1.0);
    }
}

/* What the steps of one pass read: the sizes, the network's W2 and b2 as the
 * readable code reads them, and the trainer's vectors.  Filled once per pass;
 * the steps are inlined into pass_with, so that its fields are local
 * variables there, as they were when the pass was one function. */
struct pass_view {
    size_t n_x, n_h, G, tdx; /* G groups of units; tdx: X's row stride */
    size_t row;              /* doubles in one example's row of Z1, A1 */
    const double *W2;        /* p->W2->data, as dgemm and the cost read it */
    double b2;
    vd *W1v, *b1v, *W2v, *Z1, *A1, *dZ1, *dW1, *db1, *dW2;
};

/* The parameters in lanes (padding stays 0), the sums from 0. */
static inline __attribute__((always_inline)) void params_to_lanes(const struct pass_view *v,
                                                                  const nn_params *p)
{
    const size_t n_x = v->n_x, row = v->row, G = v->G;
    for (size_t j = 0; j < v->n_h; j++) {
        for (size_t k = 0; k < n_x; k++) {
            ((double *)v->W1v)[k * row + j] = p->W1->data[j * p->W1->tda + k];
        }
        ((double *)v->b1v)[j] = p->b1->data[j * p->b1->stride];
        ((double *)v->W2v)[j] = v->W2[j];
    }
    memset(v->dW1, 0, n_x * G * sizeof *v->dW1);
    memset(v->db1, 0, G * sizeof *v->db1);
    memset(v->dW2, 0, G * sizeof *v->dW2);
}

/* One term W[j][k] x[k] of Z1 = W1 X as gslcblas's dgemm (NoTrans, NoTrans)
 * adds it, `if (temp != 0.0) C += temp * B`, lane by lane: the term of a zero
 * weight is skipped, so that 0 inf and 0 NaN never enter the sum.  A lane adds
 * +0.0 in its place, which leaves the sum as it is: a sum that starts at +0.0
 * is never -0.0, and s + 0.0 = s for every other s. */
static inline __attribute__((always_inline)) vd dgemm_term(vm w_nonzero, vd w, double x)
{
    return pick(w_nonzero, w * x, splat(0.0));
}

/* Z1 = W1 X for the group g of units and the nb examples from i0, in dgemm's
 * order: from 0.0, k ascending, a zero weight skipped; k outside, so that the
 * examples of the block run side by side. */
static inline __attribute__((always_inline)) void
weighted_inputs(const struct pass_view *v, const gsl_matrix *X, size_t g, size_t i0, size_t nb)
{
    const size_t G = v->G;
    vd *Z1 = v->Z1;
    for (size_t i = 0; i < nb; i++) {
        Z1[i * G + g] = splat(0.0);
    }
    for (size_t k = 0; k < v->n_x; k++) {
        const vd w = v->W1v[k * G + g];
        const vm nonzero = w != 0.0;
        const double *x = X->data + k * v->tdx + i0;
        for (size_t i = 0; i < nb; i++) {
            Z1[i * G + g] += dgemm_term(nonzero, w, x[i]);
        }
    }
}

/* tanh and the sigmoid go through libm (activate_libm), a block at a time;
 * the others are computed in the lanes. */
static inline __attribute__((always_inline)) int uses_libm(nn_activation_id hidden)
{
    return hidden == NN_TANH || hidden == NN_SIGMOID;
}

/* g(z) lane by lane for the activations that need no libm, with the
 * comparisons of nn_activation.c's relu, leaky_relu and linear. */
static inline __attribute__((always_inline)) vd activate_lanes(nn_activation_id hidden, vd z)
{
    switch (hidden) {
    case NN_RELU: return pick(z > 0.0, z, splat(0.0));
    case NN_LEAKY_RELU: return pick(z > 0.0, z, NN_LEAKY_SLOPE * z);
    default: return z;
    }
}

/* Z1 = Z1 + b1 after the product, as nn__add_bias adds it; A1 = g(Z1) where g
 * needs no libm. */
static inline __attribute__((always_inline)) void
add_bias_activate(nn_activation_id hidden, const struct pass_view *v, size_t g, size_t nb)
{
    const size_t G = v->G;
    for (size_t i = 0; i < nb; i++) {
        vd z = v->Z1[i * G + g] + v->b1v[g];
        v->Z1[i * G + g] = z;
        if (!uses_libm(hidden)) {
            v->A1[i * G + g] = activate_lanes(hidden, z);
        }
    }
}

/* The hidden layer for the nb examples from i0: Z1 = W1 X + b1, A1 = g(Z1). */
static inline __attribute__((always_inline)) void
hidden_layer(nn_activation_id hidden, const struct pass_view *v, const gsl_matrix *X, size_t i0,
             size_t nb)
{
    const size_t row = v->row;
    double *z1d = (double *)v->Z1, *a1d = (double *)v->A1;
    for (size_t g = 0; g < v->G; g++) {
        weighted_inputs(v, X, g, i0, nb);
        add_bias_activate(hidden, v, g, nb);
    }
    if (uses_libm(hidden)) {
        if (row == v->n_h) { /* no padding: one run over the block */
            activate_libm(hidden, a1d, z1d, nb * row);
        } else {
            for (size_t i = 0; i < nb; i++) {
                activate_libm(hidden, a1d + i * row, z1d + i * row, v->n_h);
            }
        }
    }
}

/* Z2 = W2 A1 + b2 for the block, as Z1: dgemm's sum (from 0.0, j ascending,
 * the term of a zero weight skipped), then the bias as nn__add_bias adds it. */
static inline __attribute__((always_inline)) void output_sums(const struct pass_view *v,
                                                              double *z2, size_t nb)
{
    const double *W2 = v->W2, *a1d = (const double *)v->A1;
    for (size_t i = 0; i < nb; i++) {
        z2[i] = 0.0;
    }
    for (size_t j = 0; j < v->n_h; j++) {
        if (W2[j] != 0.0) { /* dgemm's `if (temp != 0.0)` */
            for (size_t i = 0; i < nb; i++) {
                z2[i] += W2[j] * a1d[i * v->row + j];
            }
        }
    }
    for (size_t i = 0; i < nb; i++) {
        z2[i] += v->b2;
    }
}

/* A2 = sigma(Z2) = 1 / (1 + exp(-Z2)), as nn_sigmoid computes it, and
 * dZ2 = A2 - Y; e receives exp(-Z2), which the cost shares.  Four examples
 * per vector, then the rest one by one. */
static inline __attribute__((always_inline)) void
output_activation(const double *z2, const double *Y, double *e, double *a2, double *dz2, size_t nb)
{
    for (size_t i = 0; i < nb; i++) {
        e[i] = -z2[i];
    }
    exp_block(e, e, nb); /* exp(-z2); for z2 > 0, the cost's exp too */
    size_t i4 = 0;
    for (; i4 + LANES <= nb; i4 += LANES) {
        vd ev, y;
        memcpy(&ev, e + i4, sizeof ev);
        memcpy(&y, Y + i4, sizeof y);
        vd a = 1.0 / (1.0 + ev);
        vd d = a - y;
        memcpy(a2 + i4, &a, sizeof a);
        memcpy(dz2 + i4, &d, sizeof d);
    }
    for (size_t i = i4; i < nb; i++) {
        a2[i] = 1.0 / (1.0 + e[i]);
        dz2[i] = a2[i] - Y[i];
    }
}

/* softplus(x) = log(1 + e^x) as nn_net.c computes it,
 * x > 0 ? x + log1p(exp(-x)) : log1p(exp(x)), given L = log1p(exp(-|x|)):
 * the one value both branches need, and the same for x and -x. */
static inline __attribute__((always_inline)) double softplus_given(double x, double L)
{
    return x > 0.0 ? x + L : L;
}

/* sum plus the block's terms of nn__cross_entropy's sum, in its order:
 * y log sigma(z) + (1 - y) log(1 - sigma(z)) = -y softplus(-z) - (1 - y) softplus(z).
 * softplus(-z2) and softplus(z2) share log1p(exp(-|z2|)), whose exp is e's
 * exp(-z2) for z2 > 0, and exp(z2), a block call of its own, for the rest. */
static inline __attribute__((always_inline)) double
add_log_likelihood(double sum, const double *z2, const double *e, const double *Y, size_t nb)
{
    double ez[BLOCK]; /* exp(z2) of the examples with z2 <= 0, in order */
    double L[BLOCK];  /* log1p(exp(-|z2|)) */
    size_t n_ez = 0, k = 0;
    for (size_t i = 0; i < nb; i++) {
        if (!(z2[i] > 0.0)) {
            ez[n_ez++] = z2[i];
        }
    }
    exp_block(ez, ez, n_ez);
    for (size_t i = 0; i < nb; i++) {
        L[i] = z2[i] > 0.0 ? e[i] : ez[k++];
    }
    log1p_block(L, L, nb);
    for (size_t i = 0; i < nb; i++) {
        double sp_minus = softplus_given(-z2[i], L[i]); /* softplus(-z2) */
        double sp_plus = softplus_given(z2[i], L[i]);   /* softplus(z2) */
        sum += Y[i] * -sp_minus + (1.0 - Y[i]) * -sp_plus;
    }
    return sum;
}

/* The block's Z1, A1, Z2 and A2 into the cache's (n_h, m) and (1, m) rows. */
static inline __attribute__((always_inline)) void
copy_to_cache(nn_cache *cache, const struct pass_view *v, size_t i0, size_t nb, const double *z2,
              const double *a2)
{
    const double *z1d = (const double *)v->Z1, *a1d = (const double *)v->A1;
    for (size_t j = 0; j < v->n_h; j++) {
        double *z = gsl_matrix_ptr(cache->Z1, j, i0), *a = gsl_matrix_ptr(cache->A1, j, i0);
        for (size_t i = 0; i < nb; i++) {
            z[i] = z1d[i * v->row + j];
            a[i] = a1d[i * v->row + j];
        }
    }
    memcpy(gsl_matrix_ptr(cache->Z2, 0, i0), z2, nb * sizeof *z2);
    memcpy(gsl_matrix_ptr(cache->A2, 0, i0), a2, nb * sizeof *a2);
}

/* (W2^T dZ2)[j][i] as gslcblas's dgemm (Trans, NoTrans) computes it with
 * beta = 0: C = 0.0, then C += W2[j] dZ2[i] unless W2[j] is 0.  The 0.0 + is
 * that addition, which turns a product of -0.0 into +0.0; a zero W2[j] leaves
 * C at +0.0, whatever dZ2[i] is. */
static inline __attribute__((always_inline)) vd dgemm_transposed_term(vm w2_nonzero, vd w2,
                                                                      double dz2)
{
    return pick(w2_nonzero, 0.0 + w2 * dz2, splat(0.0));
}

/* dZ1 = W2^T dZ2 * g'(Z1) for one example and a group of units, the product
 * by g' after dgemm's, as nn_backward takes it. */
static inline __attribute__((always_inline)) vd
hidden_error(nn_activation_id hidden, vm w2_nonzero, vd w2, double dz2, vd z, vd a)
{
    return dgemm_transposed_term(w2_nonzero, w2, dz2) * slope(hidden, z, a);
}

/* dZ1 for the group g of units over the block, and the running sums
 * dW2 += dZ2 A1^T and db1 += dZ1; where n_x >= 2, dW1's first two rows
 * += dZ1 X^T as well, so that four chains of additions overlap.  Returns the
 * rows of dW1 done (2 or 0). */
static inline __attribute__((always_inline)) size_t
hidden_error_sums(nn_activation_id hidden, const struct pass_view *v, const gsl_matrix *X,
                  size_t g, size_t i0, size_t nb, const double *dz2)
{
    const size_t G = v->G;
    const vd w2 = v->W2v[g];
    const vm w2_nonzero = w2 != 0.0;
    const vd *Z1 = v->Z1, *A1 = v->A1;
    vd *dZ1 = v->dZ1, *dW1 = v->dW1;
    vd w2_sum = v->dW2[g], b1_sum = v->db1[g];
    size_t k = 0;
    if (v->n_x >= 2) {
        const double *x0 = X->data + i0, *x1 = x0 + v->tdx;
        vd s0 = dW1[g], s1 = dW1[G + g];
        for (size_t i = 0; i < nb; i++) {
            vd z = Z1[i * G + g], a = A1[i * G + g];
            vd d = hidden_error(hidden, w2_nonzero, w2, dz2[i], z, a);
            dZ1[i] = d;
            w2_sum += dz2[i] * a;
            b1_sum += d;
            s0 += d * x0[i];
            s1 += d * x1[i];
        }
        dW1[g] = s0;
        dW1[G + g] = s1;
        k = 2;
    } else {
        for (size_t i = 0; i < nb; i++) {
            vd z = Z1[i * G + g], a = A1[i * G + g];
            vd d = hidden_error(hidden, w2_nonzero, w2, dz2[i], z, a);
            dZ1[i] = d;
            w2_sum += dz2[i] * a;
            b1_sum += d;
        }
    }
    v->dW2[g] = w2_sum;
    v->db1[g] = b1_sum;
    return k;
}

/* dW1 += dZ1 X^T for the group g of units, rows k of dW1 on from the first
 * not done: two at a time, so that two chains of additions overlap, then the
 * last one if n_x - k is odd. */
static inline __attribute__((always_inline)) void
input_weight_sums(const struct pass_view *v, const gsl_matrix *X, size_t g, size_t i0, size_t nb,
                  size_t k)
{
    const size_t G = v->G, n_x = v->n_x;
    const vd *dZ1 = v->dZ1;
    vd *dW1 = v->dW1;
    for (; k + 1 < n_x; k += 2) {
        const double *x0 = X->data + k * v->tdx + i0, *x1 = x0 + v->tdx;
        vd s0 = dW1[k * G + g], s1 = dW1[(k + 1) * G + g];
        for (size_t i = 0; i < nb; i++) {
            s0 += dZ1[i] * x0[i];
            s1 += dZ1[i] * x1[i];
        }
        dW1[k * G + g] = s0;
        dW1[(k + 1) * G + g] = s1;
    }
    if (k < n_x) {
        const double *x0 = X->data + k * v->tdx + i0;
        vd s0 = dW1[k * G + g];
        for (size_t i = 0; i < nb; i++) {
            s0 += dZ1[i] * x0[i];
        }
        dW1[k * G + g] = s0;
    }
}

/* One pass over the examples: the forward pass, the cost when cost is not
 * NULL, and the gradients' running sums (t->dW1, t->db1, t->dW2, *db2);
 * cache (may be NULL) receives Z1, A1, Z2 and A2.  Inlined once per
 * activation, so that no switch runs per value. */
static inline __attribute__((always_inline)) void
pass_with(const nn_activation_id hidden, const nn_params *p, nn_trainer *t, const gsl_matrix *X,
          const gsl_matrix *Yrow, double *cost, nn_cache *cache, double *db2_sum)
{
    const size_t m = t->m;
    const struct pass_view v = {
        .n_x = t->n_x, .n_h = t->n_h, .G = t->groups, .tdx = X->tda,
        .row = t->groups * LANES,
        .W2 = p->W2->data, .b2 = p->b2->data[0],
        .W1v = t->W1, .b1v = t->b1, .W2v = t->W2, .Z1 = t->Z1, .A1 = t->A1, .dZ1 = t->dZ1,
        .dW1 = t->dW1, .db1 = t->db1, .dW2 = t->dW2,
    };
    double z2[BLOCK], e[BLOCK], a2[BLOCK], dz2[BLOCK];
    double db2 = 0.0, sum = 0.0;
    params_to_lanes(&v, p);
    for (size_t i0 = 0; i0 < m; i0 += BLOCK) {
        const size_t nb = m - i0 < BLOCK ? m - i0 : BLOCK;
        const double *Y = Yrow->data + i0;
        hidden_layer(hidden, &v, X, i0, nb);
        output_sums(&v, z2, nb);
        output_activation(z2, Y, e, a2, dz2, nb);
        if (cost) {
            sum = add_log_likelihood(sum, z2, e, Y, nb);
        }
        if (cache) {
            copy_to_cache(cache, &v, i0, nb, z2, a2);
        }
        /* The sums over the examples run in their order, i = 0, 1, ...:
         * db2, and per unit (per lane) dW2 = dZ2 A1^T, db1, dW1 = dZ1 X^T. */
        for (size_t i = 0; i < nb; i++) {
            db2 += dz2[i];
        }
        for (size_t g = 0; g < v.G; g++) {
            size_t k = hidden_error_sums(hidden, &v, X, g, i0, nb, dz2);
            input_weight_sums(&v, X, g, i0, nb, k);
        }
    }
    if (cost) {
        *cost = -sum / (double)m;
    }
    *db2_sum = db2;
}

/* The pass for each activation, compiled twice: for AVX2 (four lanes in one
 * instruction) and for the baseline x86-64 (two instructions of two lanes);
 * each lane's operations are the same either way, and so are the bits.  A
 * build for AVX2 (-mavx2) needs only the first. */
#define PASS_ARGS const nn_params *p, nn_trainer *t, const gsl_matrix *X, const gsl_matrix *Y, \
                  double *cost, nn_cache *cache, double *db2_sum
#ifdef NN_FAST_ONLY /* a copy for one activation (chapters 7 and 8): that pass alone */
#define PASS_SWITCH pass_with(NN_FAST_ONLY, p, t, X, Y, cost, cache, db2_sum);
#else
#define PASS_SWITCH                                                                     \
    switch (p->hidden) {                                                                \
    case NN_TANH: pass_with(NN_TANH, p, t, X, Y, cost, cache, db2_sum); break;         \
    case NN_SIGMOID: pass_with(NN_SIGMOID, p, t, X, Y, cost, cache, db2_sum); break;   \
    case NN_RELU: pass_with(NN_RELU, p, t, X, Y, cost, cache, db2_sum); break;         \
    case NN_LEAKY_RELU: pass_with(NN_LEAKY_RELU, p, t, X, Y, cost, cache, db2_sum); break; \
    default: pass_with(NN_LINEAR, p, t, X, Y, cost, cache, db2_sum);                   \
    }
#endif

static void pass_baseline(PASS_ARGS)
{
    PASS_SWITCH
}

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
__attribute__((target("avx2"))) static void pass_avx2(PASS_ARGS)
{
    PASS_SWITCH
}
#endif

/* -1: not chosen yet; atomic, since the library may train from several
 * threads at once (nn_vmath.c chooses its lanes the same way) */
static atomic_int use_baseline = -1;

void nn__fast_baseline(int on)
{
    use_baseline = on ? 1 : -1;
}

static void pass(PASS_ARGS)
{
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__AVX2__)
    int baseline = atomic_load(&use_baseline);
    if (baseline < 0) {
        baseline = !nn__isa_avx2_fma(); /* NN_ISA=baseline forces it */
        atomic_store(&use_baseline, baseline);
    }
    if (!baseline) {
        pass_avx2(p, t, X, Y, cost, cache, db2_sum);
        return;
    }
#endif
    pass_baseline(p, t, X, Y, cost, cache, db2_sum);
}

/* The means of the running sums, then theta = theta - learning_rate dtheta
 * (daxpy's order). */
static void update(nn_params *p, const nn_trainer *t, double db2, double learning_rate)
{
    const size_t n_x = t->n_x, n_h = t->n_h, row = t->groups * LANES, tdw = p->W1->tda;
    const double *dW1 = (const double *)t->dW1, *db1 = (const double *)t->db1;
    const double *dW2 = (const double *)t->dW2;
    const double inv_m = 1.0 / (double)t->m, alpha = -learning_rate;
    for (size_t j = 0; j < n_h; j++) {
        double *w = p->W1->data + j * tdw;
        for (size_t k = 0; k < n_x; k++)
            w[k] += alpha * ((0.0 + dW1[k * row + j]) * inv_m);
        p->b1->data[j * p->b1->stride] += alpha * (inv_m * db1[j]);
        p->W2->data[j] += alpha * ((0.0 + dW2[j]) * inv_m);
    }
    p->b2->data[0] += alpha * (inv_m * db2);
}

nn_status nn_train_fast(nn_params *p, nn_trainer *t, nn_cache *cache, const gsl_matrix *X,
                        const gsl_matrix *Y, const nn_train_options *opt,
                        double *cost_history)
{
    const char *fn = "nn_train_fast";
#ifdef NN_FAST_ONLY
    if (p->hidden != NN_FAST_ONLY)
        return nn_error(NN_EINVAL, "%s: this copy of the core trains %s hidden units only, not %s",
                        fn, nn_activations[NN_FAST_ONLY].name, nn_activations[p->hidden].name);
#endif
    if (t->n_x != p->n_x || t->n_h != p->n_h)
        return nn_error(NN_EDIM, "%s: the trainer is for n_x = %zu, n_h = %zu, the network has "
                        "n_x = %zu, n_h = %zu", fn, t->n_x, t->n_h, p->n_x, p->n_h);
    EXPECT(fn, "X", X, p->n_x, t->m);
    EXPECT(fn, "Y", Y, 1, t->m);
    if (cache) {
        EXPECT(fn, "cache Z1", cache->Z1, p->n_h, t->m);
        EXPECT(fn, "cache A1", cache->A1, p->n_h, t->m);
        EXPECT(fn, "cache Z2", cache->Z2, 1, t->m);
        EXPECT(fn, "cache A2", cache->A2, 1, t->m);
    }
    nn_status s = nn__check_rate(fn, opt->learning_rate);
    if (s != NN_OK)
        return s;
    for (size_t it = 0; it < opt->iterations; it++) {
        int report = nn__reports(opt, it), record = nn__records(opt, it), stop;
        double J = NAN, db2;
        pass(p, t, X, Y, record || report ? &J : NULL, report ? cache : NULL, &db2);
        /* as in nn_train: stop before the update that follows a bad cost
         * or a progress hook that asks to stop */
        if ((record || report) &&
            ((s = nn__step_cost(fn, opt, it, J, cost_history, &stop)) != NN_OK || stop))
            return s;
        update(p, t, db2, opt->learning_rate);
    }
    return NN_OK;
}
