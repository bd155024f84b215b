/* Chapter 6: write update_parameters, nn_model and predict.  Read chapter
 * 6, sections 3 and 4:
 * chapters/06-planar-classification/README.md#3-the-model-one-hidden-layer
 *
 * Grade them with `make grade CHAPTER=6`. */
#include "workbook.h"

/* One step of gradient descent, for W1, b1, W2 and b2:
 *   theta = theta - learning_rate dtheta
 * (chapters/06-planar-classification/README.md#3-the-model-one-hidden-layer) */
nn_status update_parameters(nn_params *p, const nn_grads *grads, double learning_rate)
{
    NOT_IMPLEMENTED;
}

/* The whole training, as the course's nn_model:
 *   1. layer_sizes for n_x (the n_h given replaces its 4);
 *   2. p = nn_params_alloc(n_x, n_h, NN_TANH), a cache nn_cache_alloc(n_h, m)
 *      and gradients nn_grads_alloc(n_x, n_h, m);
 *   3. initialize_parameters(p, rng);
 *   4. num_iterations times: forward_propagation, compute_cost (into
 *      costs[i] when costs is not NULL), backward_propagation,
 *      update_parameters with learning rate 1.2.
 * Free the cache and the gradients; return p (NULL on an error).
 * (chapters/06-planar-classification/README.md#4-training-reproduced) */
nn_params *nn_model(const gsl_matrix *X, const gsl_matrix *Y, size_t n_h, size_t num_iterations,
                    nn_rng *rng, double *costs)
{
    NOT_IMPLEMENTED;
}

/* predictions (1, m) = 1 where A2 > 0.5, else 0, for the examples in X:
 * a forward pass (into a cache you allocate with nn_cache_alloc(p->n_h, m)
 * and free), then the threshold.
 * (chapters/06-planar-classification/README.md#4-training-reproduced) */
nn_status predict(gsl_matrix *predictions, const nn_params *p, const gsl_matrix *X)
{
    NOT_IMPLEMENTED;
}
