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
 *     pass does;
 *   - the compiler contracts nothing into FMA (-std=c11 implies
 *     -ffp-contract=off) and no -ffast-math is used;
 *   - tanh, exp and log1p go through nn__tanh_block, nn__exp_block and
 *     nn__log1p_block, which return the C library's tanh, exp and log1p bit
 *     for bit, four at a time with AVX2 where the CPU and the library allow
 *     (nn_vmath.c; make check-vmath compares them on more than 10^8
 *     arguments each).
 * The test check_fast.c holds the two to equality after 10,000 iterations
 * for every activation and several shapes, costs included. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"
#include "nn_internal.h"

/* Examples per block: enough independent libm calls in a row to keep the
 * pipeline full, few enough for the block to stay in L1. */
enum { BLOCK = 32 };

struct nn_trainer {
    size_t n_x, n_h, m;
    double *Z1;    /* (n_h, BLOCK): one block of examples */
    double *A1;    /* (n_h, BLOCK) */
    double *dZ1;   /* (BLOCK): one unit's row of a block */
    double *dW1;   /* (n_h, n_x): running sums over the examples */
    double *db1;   /* (n_h) */
    double *dW2;   /* (n_h) */
};

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
    t->n_x = n_x;
    t->n_h = n_h;
    t->m = m;
    t->Z1 = malloc(n_h * BLOCK * sizeof *t->Z1);
    t->A1 = malloc(n_h * BLOCK * sizeof *t->A1);
    t->dZ1 = malloc(BLOCK * sizeof *t->dZ1);
    t->dW1 = malloc(n_h * n_x * sizeof *t->dW1);
    t->db1 = malloc(n_h * sizeof *t->db1);
    t->dW2 = malloc(n_h * sizeof *t->dW2);
    if (t->Z1 && t->A1 && t->dZ1 && t->dW1 && t->db1 && t->dW2)
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
    free(t->dZ1);
    free(t->Z1);
    free(t->A1);
    free(t->dW1);
    free(t->db1);
    free(t->dW2);
    free(t);
}

/* A1 = g(Z1) over a block of nb examples in each of the n_h rows. */
static inline void activate(nn_activation_id hidden, double *A, const double *Z, size_t count)
{
    switch (hidden) {
    case NN_TANH: /* tanh's bits, four at a time where the CPU allows (nn_vmath.c) */
        nn__tanh_block(A, Z, count);
        break;
    case NN_SIGMOID: /* nn_sigmoid, 1 / (1 + exp(-z)), its exp a block at a time */
        for (size_t k = 0; k < count; k++)
            A[k] = -Z[k];
        nn__exp_block(A, A, count);
        for (size_t k = 0; k < count; k++)
            A[k] = 1.0 / (1.0 + A[k]);
        break;
    case NN_RELU:
        for (size_t k = 0; k < count; k++)
            A[k] = Z[k] > 0.0 ? Z[k] : 0.0;
        break;
    case NN_LEAKY_RELU:
        for (size_t k = 0; k < count; k++)
            A[k] = Z[k] > 0.0 ? Z[k] : NN_LEAKY_SLOPE * Z[k];
        break;
    default:
        memcpy(A, Z, count * sizeof *A);
    }
}

/* g'(z), from a = g(z) where that gives the same bits as the table's g'. */
static inline double slope(nn_activation_id hidden, double z, double a)
{
    switch (hidden) {
    case NN_TANH: return 1.0 - a * a;          /* tanh_prime: t = tanh(z) = a */
    case NN_SIGMOID: return a * (1.0 - a);     /* nn_sigmoid_prime: s = sigma(z) = a */
    case NN_RELU: return z < 0.0 ? 0.0 : 1.0;
    case NN_LEAKY_RELU: return z < 0.0 ? NN_LEAKY_SLOPE : 1.0;
    default: return 1.0;
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
    const size_t n_x = t->n_x, n_h = t->n_h, m = t->m, tdx = X->tda;
    const double *W1 = p->W1->data, *b1 = p->b1->data, *W2 = p->W2->data;
    const size_t tdw = p->W1->tda, sb1 = p->b1->stride;
    const double b2 = p->b2->data[0];
    double *Z1 = t->Z1, *A1 = t->A1, *dZ1 = t->dZ1;
    double *dW1 = t->dW1, *db1 = t->db1, *dW2 = t->dW2;
    double z2[BLOCK], e[BLOCK], a2[BLOCK], dz2[BLOCK];
    double db2 = 0.0, sum = 0.0;
    memset(dW1, 0, n_h * n_x * sizeof *dW1);
    memset(db1, 0, n_h * sizeof *db1);
    memset(dW2, 0, n_h * sizeof *dW2);

    for (size_t i0 = 0; i0 < m; i0 += BLOCK) {
        const size_t nb = m - i0 < BLOCK ? m - i0 : BLOCK;
        const double *Y = Yrow->data + i0;
        /* Z1 = W1 X + b1 in dgemm's order (from 0.0, k ascending, a zero
         * weight skipped), element by element; A1 = g(Z1) */
        for (size_t j = 0; j < n_h; j++) {
            double *z1 = Z1 + j * BLOCK;
            for (size_t i = 0; i < nb; i++)
                z1[i] = 0.0;
            for (size_t k = 0; k < n_x; k++) {
                const double w = W1[j * tdw + k], *x = X->data + k * tdx + i0;
                if (w != 0.0)
                    for (size_t i = 0; i < nb; i++)
                        z1[i] += w * x[i];
            }
            for (size_t i = 0; i < nb; i++)
                z1[i] += b1[j * sb1];
            activate(hidden, A1 + j * BLOCK, z1, nb);
        }
        /* Z2 = W2 A1 + b2 likewise, A2 = sigma(Z2), dZ2 = A2 - Y */
        for (size_t i = 0; i < nb; i++)
            z2[i] = 0.0;
        for (size_t j = 0; j < n_h; j++)
            if (W2[j] != 0.0)
                for (size_t i = 0; i < nb; i++)
                    z2[i] += W2[j] * A1[j * BLOCK + i];
        for (size_t i = 0; i < nb; i++)
            z2[i] += b2;
        for (size_t i = 0; i < nb; i++)
            e[i] = -z2[i];
        nn__exp_block(e, e, nb); /* exp(-z2); for z2 > 0, the cost's exp too */
        for (size_t i = 0; i < nb; i++) {
            a2[i] = 1.0 / (1.0 + e[i]);
            dz2[i] = a2[i] - Y[i];
        }
        if (cost) {
            /* softplus(-z2) and softplus(z2) share log1p(exp(-|z2|)) */
            double ez[BLOCK]; /* exp(z2) of the examples with z2 <= 0, in order */
            double L[BLOCK];  /* log1p(exp(-|z2|)) */
            size_t n_ez = 0, k = 0;
            for (size_t i = 0; i < nb; i++)
                if (!(z2[i] > 0.0))
                    ez[n_ez++] = z2[i];
            nn__exp_block(ez, ez, n_ez);
            for (size_t i = 0; i < nb; i++)
                L[i] = z2[i] > 0.0 ? e[i] : ez[k++];
            nn__log1p_block(L, L, nb);
            for (size_t i = 0; i < nb; i++) {
                double sp_minus = z2[i] < 0.0 ? -z2[i] + L[i] : L[i]; /* softplus(-z2) */
                double sp_plus = z2[i] > 0.0 ? z2[i] + L[i] : L[i];   /* softplus(z2) */
                sum += Y[i] * -sp_minus + (1.0 - Y[i]) * -sp_plus;
            }
        }
        if (cache) {
            for (size_t j = 0; j < n_h; j++) {
                memcpy(gsl_matrix_ptr(cache->Z1, j, i0), Z1 + j * BLOCK, nb * sizeof *Z1);
                memcpy(gsl_matrix_ptr(cache->A1, j, i0), A1 + j * BLOCK, nb * sizeof *A1);
            }
            memcpy(gsl_matrix_ptr(cache->Z2, 0, i0), z2, nb * sizeof *z2);
            memcpy(gsl_matrix_ptr(cache->A2, 0, i0), a2, nb * sizeof *a2);
        }
        /* The sums over the examples run in their order, i = 0, 1, ...:
         * db2, and per unit dW2 = dZ2 A1^T, db1, dW1 = dZ1 X^T. */
        for (size_t i = 0; i < nb; i++)
            db2 += dz2[i];
        for (size_t j = 0; j < n_h; j++) {
            const double *z1 = Z1 + j * BLOCK, *a1 = A1 + j * BLOCK;
            double *dz1 = dZ1;
            /* dZ1 = W2^T dZ2 * g'(Z1); dgemm leaves 0.0 where W2 is 0 */
            for (size_t i = 0; i < nb; i++)
                dz1[i] = (W2[j] != 0.0 ? 0.0 + W2[j] * dz2[i] : 0.0) *
                         slope(hidden, z1[i], a1[i]);
            /* four sums at once where n_x >= 2, so that their chains of
             * additions overlap: dW2[j], db1[j], dW1[j][0], dW1[j][1] */
            double w2_sum = dW2[j], b1_sum = db1[j], *dw1 = dW1 + j * n_x;
            size_t k = 0;
            if (n_x >= 2) {
                const double *x0 = X->data + i0, *x1 = x0 + tdx;
                double s0 = dw1[0], s1 = dw1[1];
                for (size_t i = 0; i < nb; i++) {
                    w2_sum += dz2[i] * a1[i];
                    b1_sum += dz1[i];
                    s0 += dz1[i] * x0[i];
                    s1 += dz1[i] * x1[i];
                }
                dw1[0] = s0;
                dw1[1] = s1;
                k = 2;
            } else {
                for (size_t i = 0; i < nb; i++) {
                    w2_sum += dz2[i] * a1[i];
                    b1_sum += dz1[i];
                }
            }
            dW2[j] = w2_sum;
            db1[j] = b1_sum;
            for (; k + 1 < n_x; k += 2) {
                const double *x0 = X->data + k * tdx + i0, *x1 = x0 + tdx;
                double s0 = dw1[k], s1 = dw1[k + 1];
                for (size_t i = 0; i < nb; i++) {
                    s0 += dz1[i] * x0[i];
                    s1 += dz1[i] * x1[i];
                }
                dw1[k] = s0;
                dw1[k + 1] = s1;
            }
            if (k < n_x) {
                const double *x0 = X->data + k * tdx + i0;
                double s0 = dw1[k];
                for (size_t i = 0; i < nb; i++)
                    s0 += dz1[i] * x0[i];
                dw1[k] = s0;
            }
        }
    }
    if (cost)
        *cost = -sum / (double)m;
    *db2_sum = db2;
}

static void pass(const nn_params *p, nn_trainer *t, const gsl_matrix *X, const gsl_matrix *Y,
                 double *cost, nn_cache *cache, double *db2_sum)
{
    switch (p->hidden) {
    case NN_TANH: pass_with(NN_TANH, p, t, X, Y, cost, cache, db2_sum); break;
    case NN_SIGMOID: pass_with(NN_SIGMOID, p, t, X, Y, cost, cache, db2_sum); break;
    case NN_RELU: pass_with(NN_RELU, p, t, X, Y, cost, cache, db2_sum); break;
    case NN_LEAKY_RELU: pass_with(NN_LEAKY_RELU, p, t, X, Y, cost, cache, db2_sum); break;
    default: pass_with(NN_LINEAR, p, t, X, Y, cost, cache, db2_sum);
    }
}

/* The means of the running sums, then theta = theta - learning_rate dtheta
 * (daxpy's order). */
static void update(nn_params *p, const nn_trainer *t, double db2, double learning_rate)
{
    const size_t n_x = t->n_x, n_h = t->n_h, tdw = p->W1->tda;
    const double *dW1 = t->dW1, *db1 = t->db1, *dW2 = t->dW2;
    const double inv_m = 1.0 / (double)t->m, alpha = -learning_rate;
    for (size_t j = 0; j < n_h; j++) {
        double *w = p->W1->data + j * tdw;
        for (size_t k = 0; k < n_x; k++)
            w[k] += alpha * ((0.0 + dW1[j * n_x + k]) * inv_m);
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
    if (t->n_x != p->n_x || t->n_h != p->n_h)
        return nn_error(NN_EDIM, "%s: the trainer is for n_x = %zu, n_h = %zu, the network has "
                        "n_x = %zu, n_h = %zu", fn, t->n_x, t->n_h, p->n_x, p->n_h);
    EXPECT(fn, "X", X, p->n_x, t->m);
    EXPECT(fn, "Y", Y, 1, t->m);
    if (cache)
        EXPECT(fn, "cache Z1", cache->Z1, p->n_h, t->m);
    if (!(opt->learning_rate > 0.0) || !isfinite(opt->learning_rate))
        return nn_error(NN_EINVAL, "%s: learning rate %g must be a positive number", fn,
                        opt->learning_rate);
    const size_t every = opt->cost_every ? opt->cost_every : 1;
    for (size_t it = 0; it < opt->iterations; it++) {
        int report = opt->progress && opt->report_every && it % opt->report_every == 0;
        int record = it % every == 0;
        double J = NAN, db2;
        pass(p, t, X, Y, record || report ? &J : NULL, report ? cache : NULL, &db2);
        /* as in nn_train: stop before the update that follows a bad cost
         * or a progress hook that asks to stop */
        if (record || report) {
            if (!isfinite(J))
                return nn_error(NN_ENUM, "%s: the cost is %g at iteration %zu "
                                "(learning rate %g too large?)", fn, J, it,
                                opt->learning_rate);
            if (record && cost_history)
                cost_history[it / every] = J;
            if (report && opt->progress(it, J, opt->user))
                break;
        }
        update(p, t, db2, opt->learning_rate);
    }
    return NN_OK;
}
