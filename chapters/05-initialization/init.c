/* init.c: the starts chapter 5 compares and what it measures at a start.
 * See init.h. */
#include <math.h>

#include "nn.h"
#include "init.h"

void init_fill(nn_params *p, double value)
{
    gsl_matrix_set_all(p->W1, value);
    gsl_vector_set_zero(p->b1);
    gsl_matrix_set_all(p->W2, value);
    gsl_vector_set_zero(p->b2);
}

nn_status init_fanin(nn_params *p, nn_rng *rng, double gain)
{
    if (!(gain > 0.0) || !isfinite(gain))
        return nn_error(NN_EINVAL, "init_fanin: gain %g must be a positive number",
                        gain);
    /* W1 (n_h, n_x): its units see n_x inputs; W2 (1, n_h): n_h inputs. */
    nn_rng_fill_randn(rng, p->W1, gain / sqrt((double)p->n_x));
    gsl_vector_set_zero(p->b1);
    nn_rng_fill_randn(rng, p->W2, gain / sqrt((double)p->n_h));
    gsl_vector_set_zero(p->b2);
    return NN_OK;
}

double init_rows_spread(const gsl_matrix *W)
{
    double spread = 0.0;
    for (size_t k = 0; k < W->size2; k++) {
        double lo = gsl_matrix_get(W, 0, k), hi = lo;
        for (size_t j = 1; j < W->size1; j++) {
            double w = gsl_matrix_get(W, j, k);
            lo = fmin(lo, w);
            hi = fmax(hi, w);
        }
        spread = fmax(spread, hi - lo);
    }
    return spread;
}

/* sqrt(sum of squares) of every entry, scaled against overflow. */
static double frobenius(const gsl_matrix *A)
{
    double big = 0.0;
    for (size_t j = 0; j < A->size1; j++)
        for (size_t k = 0; k < A->size2; k++)
            big = fmax(big, fabs(gsl_matrix_get(A, j, k)));
    if (big == 0.0 || !isfinite(big))
        return big;
    double sum = 0.0;
    for (size_t j = 0; j < A->size1; j++)
        for (size_t k = 0; k < A->size2; k++) {
            double a = gsl_matrix_get(A, j, k) / big;
            sum += a * a;
        }
    return big * sqrt(sum);
}

nn_status init_probe(init_probe_result *r, const nn_params *p, nn_cache *cache, nn_grads *grads,
                   const gsl_matrix *X, const gsl_matrix *Y)
{
    nn_status s;
    double J;
    if ((s = nn_forward(cache, p, X)) != NN_OK || (s = nn_cost(&J, cache, Y)) != NN_OK)
        return s;
    if (!isfinite(J))
        return nn_error(NN_ENUM, "init_probe: the cost is %g at these parameters", J);
    if ((s = nn_backward(grads, p, cache, X, Y)) != NN_OK)
        return s;

    double (*dg)(double) = nn_activations[p->hidden].dg;
    size_t n_h = p->n_h, m = cache->m, saturated = 0, flat = 0, flat_units = 0;
    double slope = 0.0, z2 = 0.0;
    for (size_t j = 0; j < n_h; j++) {
        const double *z1 = gsl_matrix_const_ptr(cache->Z1, j, 0);
        const double *a1 = gsl_matrix_const_ptr(cache->A1, j, 0);
        size_t flat_here = 0;
        for (size_t i = 0; i < m; i++) {
            double d = dg(z1[i]);
            saturated += fabs(a1[i]) > NN_SATURATED;
            flat_here += d < NN_FLAT_SLOPE;
            slope += d;
            z2 += z1[i] * z1[i];
        }
        flat += flat_here;
        flat_units += flat_here == m;
    }
    double count = (double)(n_h * m);
    r->cost = J;
    r->saturated = (double)saturated / count;
    r->flat = (double)flat / count;
    r->mean_slope = slope / count;
    r->z1_rms = sqrt(z2 / count);
    r->norm_dW1 = frobenius(grads->dW1);
    r->norm_dW2 = frobenius(grads->dW2);
    r->flat_units = flat_units;
    return NN_OK;
}

double init_units_spread(const nn_params *p)
{
    /* W1's rows, then b1 and W2, whose entries are one per unit. */
    double spread = init_rows_spread(p->W1);
    gsl_vector_const_view w2 = gsl_matrix_const_row(p->W2, 0);
    const gsl_vector *per_unit[] = {p->b1, &w2.vector};
    for (size_t k = 0; k < 2; k++) {
        double lo, hi;
        gsl_vector_minmax(per_unit[k], &lo, &hi);
        spread = fmax(spread, hi - lo);
    }
    return spread;
}
