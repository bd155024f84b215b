/* Chapter 6, the reference answers: update_parameters, nn_model, predict. */
#include "workbook.h"

static void step(gsl_matrix *W, const gsl_matrix *dW, double rate)
{
    for (size_t j = 0; j < W->size1; j++)
        for (size_t k = 0; k < W->size2; k++)
            gsl_matrix_set(W, j, k, gsl_matrix_get(W, j, k) - rate * gsl_matrix_get(dW, j, k));
}

static void step_vector(gsl_vector *b, const gsl_vector *db, double rate)
{
    for (size_t j = 0; j < b->size; j++)
        gsl_vector_set(b, j, gsl_vector_get(b, j) - rate * gsl_vector_get(db, j));
}

nn_status update_parameters(nn_params *p, const nn_grads *grads, double learning_rate)
{
    step(p->W1, grads->dW1, learning_rate);
    step_vector(p->b1, grads->db1, learning_rate);
    step(p->W2, grads->dW2, learning_rate);
    step_vector(p->b2, grads->db2, learning_rate);
    return NN_OK;
}

nn_params *nn_model(const gsl_matrix *X, const gsl_matrix *Y, size_t n_h, size_t num_iterations,
                    nn_rng *rng, double *costs)
{
    size_t n_x, n_h_default, n_y, m = X->size2;
    if (layer_sizes(&n_x, &n_h_default, &n_y, X, Y) != NN_OK)
        return NULL;
    nn_params *p = nn_params_alloc(n_x, n_h, NN_TANH);
    nn_cache *cache = nn_cache_alloc(n_h, m);
    nn_grads *grads = nn_grads_alloc(n_x, n_h, m);
    nn_status s = p && cache && grads ? initialize_parameters(p, rng) : NN_ENOMEM;
    for (size_t i = 0; i < num_iterations && s == NN_OK; i++) {
        double J;
        if ((s = forward_propagation(cache, p, X)) != NN_OK ||
            (s = compute_cost(&J, cache, Y)) != NN_OK)
            break;
        if (costs)
            costs[i] = J;
        if ((s = backward_propagation(grads, p, cache, X, Y)) == NN_OK)
            s = update_parameters(p, grads, 1.2);
    }
    nn_cache_free(cache);
    nn_grads_free(grads);
    if (s != NN_OK) {
        nn_params_free(p);
        return NULL;
    }
    return p;
}

nn_status predict(gsl_matrix *predictions, const nn_params *p, const gsl_matrix *X)
{
    nn_cache *cache = nn_cache_alloc(p->n_h, X->size2);
    if (cache == NULL)
        return NN_ENOMEM;
    nn_status s = forward_propagation(cache, p, X);
    for (size_t i = 0; s == NN_OK && i < X->size2; i++)
        gsl_matrix_set(predictions, 0, i, gsl_matrix_get(cache->A2, 0, i) > 0.5 ? 1.0 : 0.0);
    nn_cache_free(cache);
    return s;
}
