/* actstudy.c: derivative checks, the linear network's collapse into
 * logistic regression, and the saturation of a hidden layer (chapter 3). */
#include <math.h>

#include <gsl/gsl_blas.h>

#include "nb.h"
#include "actstudy.h"

double act_centred_difference(const nn_activation *a, double z, double h)
{
    return (a->g(z + h) - a->g(z - h)) / (2.0 * h);
}

nn_status act_derivative_check(nn_activation_id id, const double *z, size_t n, double h,
                              double *worst, double *z_worst, size_t *compared)
{
    if (!(h > 0.0) || !isfinite(h))
        return nn_error(NN_EINVAL, "act_derivative_check: step epsilon = %g must be positive", h);
    const nn_activation *a = nn_activation_get(id);
    if (a == NULL)
        return nn_error(NN_EINVAL, "act_derivative_check: unknown activation id %d", (int)id);
    int kink = nn_activation_has_kink(id);
    double w = 0.0, zw = NAN;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (kink && fabs(z[i]) <= h) /* [z - h, z + h] holds the kink at 0 */
            continue;
        double err = fabs(a->dg(z[i]) - act_centred_difference(a, z[i], h));
        if (k == 0 || err > w) {
            w = err;
            zw = z[i];
        }
        k++;
    }
    if (k == 0)
        return nn_error(NN_EINVAL, "act_derivative_check: %s: none of the %zu points is "
                        "farther than h = %g from the kink", a->name, n, h);
    *worst = w;
    *z_worst = zw;
    *compared = k;
    return NN_OK;
}

nn_status act_affine_compose(gsl_matrix *W, gsl_vector *b, const gsl_matrix *Wa,
                            const gsl_vector *ba, const gsl_matrix *Wb, const gsl_vector *bb)
{
    const char *fn = "act_affine_compose";
    size_t k = Wa->size1, n = Wa->size2, r = Wb->size1;
    if (Wb->size2 != k)
        return nn_error(NN_EDIM, "%s: Wb is (%zu, %zu) but Wa is (%zu, %zu): Wb's columns "
                        "must equal Wa's rows", fn, Wb->size1, Wb->size2, k, n);
    if (ba->size != k || bb->size != r)
        return nn_error(NN_EDIM, "%s: ba has %zu entries (expected %zu), bb has %zu "
                        "(expected %zu)", fn, ba->size, k, bb->size, r);
    NB_EXPECT(fn, "W", W, r, n);
    if (b->size != r)
        return nn_error(NN_EDIM, "%s: b has %zu entries, expected %zu", fn, b->size, r);
    /* W (r, n) = Wb (r, k) . Wa (k, n) */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, Wb, Wa, 0.0, W);
    /* b (r) = Wb (r, k) . ba (k) + bb */
    gsl_vector_memcpy(b, bb);
    gsl_blas_dgemv(CblasNoTrans, 1.0, Wb, ba, 1.0, b);
    return NN_OK;
}

nn_status act_linear_collapse(nn_logreg *lr, const nn_params *p)
{
    if (p->hidden != NN_LINEAR)
        return nn_error(NN_EINVAL, "act_linear_collapse: the hidden units are %s, not linear: "
                        "only a linear hidden layer collapses",
                        nn_activations[p->hidden].name);
    if (lr->n_x != p->n_x)
        return nn_error(NN_EDIM, "act_linear_collapse: logistic regression has n_x = %zu, "
                        "the network n_x = %zu", lr->n_x, p->n_x);
    /* W' = W2 W1, b' = W2 b1 + b2 */
    return act_affine_compose(lr->w, lr->b, p->W1, p->b1, p->W2, p->b2);
}

nn_status act_saturation(double *fraction, double *unit_fraction, const nn_params *p,
                        const nn_cache *cache, double threshold)
{
    size_t n_h = p->n_h, m = cache->m;
    NB_EXPECT("act_saturation", "cache Z1", cache->Z1, n_h, m);
    double (*dg)(double) = nn_activations[p->hidden].dg;
    size_t total = 0;
    for (size_t j = 0; j < n_h; j++) {
        const double *z1 = gsl_matrix_const_ptr(cache->Z1, j, 0);
        size_t count = 0;
        for (size_t i = 0; i < m; i++)
            count += dg(z1[i]) < threshold;
        if (unit_fraction)
            unit_fraction[j] = (double)count / (double)m;
        total += count;
    }
    *fraction = (double)total / (double)(n_h * m);
    return NN_OK;
}
