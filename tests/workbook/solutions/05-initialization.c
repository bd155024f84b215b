/* Chapter 5, the reference answer: initialize_parameters. */
#include "workbook.h"

static void randn_times(gsl_matrix *W, nn_rng *rng, double scale)
{
    for (size_t j = 0; j < W->size1; j++) /* row by row, as numpy draws */
        for (size_t k = 0; k < W->size2; k++)
            gsl_matrix_set(W, j, k, nn_rng_randn(rng) * scale);
}

nn_status initialize_parameters(nn_params *p, nn_rng *rng)
{
    randn_times(p->W1, rng, 0.01);
    gsl_vector_set_zero(p->b1);
    randn_times(p->W2, rng, 0.01);
    gsl_vector_set_zero(p->b2);
    return NN_OK;
}
