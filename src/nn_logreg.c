/* nn_logreg.c: logistic regression trained by gradient descent, the
 * baseline the network is compared with.  It is the network's output unit
 * applied straight to the input: z = w x + b, a = sigma(z). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_eigen.h>

#include "nn.h"
#include "nn_internal.h"

nn_logreg *nn_logreg_alloc(size_t n_x, size_t m)
{
    if (n_x == 0 || m == 0) {
        nn_error(NN_EINVAL, "nn_logreg_alloc: n_x = %zu and m = %zu must be positive", n_x, m);
        return NULL;
    }
    nn_logreg *lr = calloc(1, sizeof *lr);
    if (lr == NULL)
        goto fail;
    lr->n_x = n_x;
    lr->m = m;
    lr->w = gsl_matrix_calloc(1, n_x);
    lr->b = gsl_vector_calloc(1);
    lr->Z = gsl_matrix_alloc(1, m);
    lr->A = gsl_matrix_alloc(1, m);
    lr->dZ = gsl_matrix_alloc(1, m);
    lr->dw = gsl_matrix_alloc(1, n_x);
    lr->db = gsl_vector_alloc(1);
    if (lr->w && lr->b && lr->Z && lr->A && lr->dZ && lr->dw && lr->db)
        return lr;
fail:
    nn_logreg_free(lr);
    nn_error(NN_ENOMEM, "out of memory allocating logistic regression for n_x = %zu, m = %zu",
             n_x, m);
    return NULL;
}

void nn_logreg_free(nn_logreg *lr)
{
    if (lr == NULL)
        return;
    if (lr->w) gsl_matrix_free(lr->w);
    if (lr->b) gsl_vector_free(lr->b);
    if (lr->Z) gsl_matrix_free(lr->Z);
    if (lr->A) gsl_matrix_free(lr->A);
    if (lr->dZ) gsl_matrix_free(lr->dZ);
    if (lr->dw) gsl_matrix_free(lr->dw);
    if (lr->db) gsl_vector_free(lr->db);
    free(lr);
}

nn_status nn_logreg_forward(nn_logreg *lr, const gsl_matrix *X)
{
    EXPECT("nn_logreg_forward", "X", X, lr->n_x, lr->m);
    /* Z (1, m) = w (1, n_x) . X (n_x, m) + b */
    gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, 1.0, lr->w, X, 0.0, lr->Z);
    nn__add_bias(lr->Z, lr->b);
    nn__apply(lr->A, lr->Z, nn_sigmoid);
    return NN_OK;
}

nn_status nn_logreg_cost(double *J, const nn_logreg *lr, const gsl_matrix *Y)
{
    EXPECT("nn_logreg_cost", "Y", Y, 1, lr->m);
    *J = nn__cross_entropy(lr->Z, Y);
    return NN_OK;
}

nn_status nn_logreg_train(nn_logreg *lr, const gsl_matrix *X, const gsl_matrix *Y,
                          const nn_train_options *opt, double *cost_history)
{
    EXPECT("nn_logreg_train", "Y", Y, 1, lr->m);
    nn_status s = nn__check_rate("nn_logreg_train", opt->learning_rate);
    if (s != NN_OK)
        return s;
    double inv_m = 1.0 / (double)lr->m;
    for (size_t it = 0; it < opt->iterations; it++) {
        double J;
        int stop;
        if ((s = nn_logreg_forward(lr, X)) != NN_OK || (s = nn_logreg_cost(&J, lr, Y)) != NN_OK ||
            (s = nn__step_cost("nn_logreg_train", opt, it, J, cost_history, &stop)) != NN_OK)
            return s;
        if (stop)
            break;
        /* dZ = A - Y;  dw = (1/m) dZ X^T;  db = (1/m) sum_i dZ */
        gsl_matrix_memcpy(lr->dZ, lr->A);
        gsl_matrix_sub(lr->dZ, Y);
        gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, lr->dZ, X, 0.0, lr->dw);
        gsl_matrix_scale(lr->dw, inv_m);
        nn__row_means(lr->db, lr->dZ);
        /* w = w - alpha dw;  b = b - alpha db */
        nn__matrix_axpy(-opt->learning_rate, lr->dw, lr->w);
        gsl_blas_daxpy(-opt->learning_rate, lr->db, lr->b);
    }
    return NN_OK;
}

nn_status nn_logreg_predict(gsl_matrix *predictions, const nn_logreg *lr)
{
    EXPECT("nn_logreg_predict", "predictions", predictions, 1, lr->m);
    for (size_t i = 0; i < lr->m; i++)
        gsl_matrix_set(predictions, 0, i, gsl_matrix_get(lr->A, 0, i) > 0.5 ? 1.0 : 0.0);
    return NN_OK;
}

nn_status nn_logreg_curvature(double *beta, const gsl_matrix *X)
{
    if (X == NULL || X->size1 == 0 || X->size2 == 0)
        return nn_error(NN_EINVAL, "nn_logreg_curvature: X must have rows and columns");
    size_t n = X->size1 + 1, m = X->size2;
    gsl_matrix *S = gsl_matrix_calloc(n, n); /* (1/m) sum_i x~_i x~_i^T, x~ = (x, 1) */
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_eigen_symm_workspace *w = gsl_eigen_symm_alloc(n);
    nn_status st = NN_OK;
    if (S == NULL || eval == NULL || w == NULL) {
        st = nn_error(NN_ENOMEM, "nn_logreg_curvature: out of memory for n_x = %zu", n - 1);
        goto done;
    }
    for (size_t i = 0; i < m; i++)
        for (size_t a = 0; a < n; a++)
            for (size_t b = 0; b < n; b++) {
                double xa = a + 1 < n ? gsl_matrix_get(X, a, i) : 1.0;
                double xb = b + 1 < n ? gsl_matrix_get(X, b, i) : 1.0;
                *gsl_matrix_ptr(S, a, b) += xa * xb / (double)m;
            }
    if (gsl_eigen_symm(S, eval, w) != GSL_SUCCESS) {
        st = nn_error(NN_ENUM, "nn_logreg_curvature: the eigenvalues did not converge");
        goto done;
    }
    *beta = gsl_vector_max(eval) / 4.0; /* sigma' <= 1/4 */
    if (!isfinite(*beta))
        st = nn_error(NN_ENUM, "nn_logreg_curvature: the bound is %g", *beta);
done:
    if (w) gsl_eigen_symm_free(w);
    if (eval) gsl_vector_free(eval);
    if (S) gsl_matrix_free(S);
    return st;
}
