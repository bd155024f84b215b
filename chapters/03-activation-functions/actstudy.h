/* actstudy.h: what chapter 3 needs to study the activations: derivatives
 * checked against centred differences, the collapse of a network with linear
 * hidden units into logistic regression, and how saturated a trained hidden
 * layer is.  Same conventions as nn.h: X is (n_x, m), examples are columns. */
#ifndef ACTSTUDY_H
#define ACTSTUDY_H

#include "nn.h"

/* (g(z + h) - g(z - h)) / (2 h): the centred difference, error O(h^2) where
 * g is smooth on [z - h, z + h]. */
double act_centred_difference(const nn_activation *a, double z, double h);

/* For activation id, the largest |g'(z) - centred difference| over the n points z[0..n-1].
 * Points whose interval [z - h, z + h] contains a kink (|z| <= h for ReLU
 * and leaky ReLU) are skipped: there the centred difference mixes the two
 * one-sided slopes.  *worst, *z_worst (where it occurs) and *compared (the
 * number of points used) are written; NN_EINVAL if h <= 0 or no point was
 * compared. */
nn_status act_derivative_check(nn_activation_id id, const double *z, size_t n, double h,
                              double *worst, double *z_worst, size_t *compared);

/* Composition of two affine maps, x -> Wa x + ba followed by u -> Wb u + bb:
 *   W = Wb Wa   (rows of Wb, columns of Wa)
 *   b = Wb ba + bb
 * Wa (k, n), ba (k), Wb (r, k), bb (r), W (r, n), b (r).  NN_EDIM names the
 * shapes that do not fit. */
nn_status act_affine_compose(gsl_matrix *W, gsl_vector *b, const gsl_matrix *Wa,
                            const gsl_vector *ba, const gsl_matrix *Wb, const gsl_vector *bb);

/* A network whose hidden units are linear computes
 *   a^[2] = sigma(W2 (W1 x + b1) + b2) = sigma(W' x + b'),
 *   W' = W2 W1 (1, n_x),   b' = W2 b1 + b2 (1),
 * logistic regression.  Writes W' into lr->w and b' into lr->b.
 * NN_EINVAL unless p->hidden is NN_LINEAR; NN_EDIM unless lr->n_x == p->n_x. */
nn_status act_linear_collapse(nn_logreg *lr, const nn_params *p);

/* After a forward pass: the fraction (0 to 1) of the n_h m hidden
 * pre-activations Z1 at which g'(z) < threshold, over all units in
 * *fraction and, when unit_fraction is not NULL, per unit (n_h entries). */
nn_status act_saturation(double *fraction, double *unit_fraction, const nn_params *p,
                        const nn_cache *cache, double threshold);


#endif
