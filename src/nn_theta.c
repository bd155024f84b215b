/* nn_theta.c: the parameter layout.  Every parameter of a network in one
 * vector theta, W^[1], b^[1], ..., W^[L], b^[L], with each W^[l] and b^[l]
 * a view of it.  The layout is written here and nowhere else; see nn.h. */
#include <stdio.h>
#include <stdlib.h>

#include "nn.h"
#include "nn_internal.h"

size_t nn_layout_count(size_t L, const size_t *n)
{
    size_t count = 0;
    for (size_t l = 1; l <= L; l++)
        count += n[l] * n[l - 1] + n[l]; /* W^[l], then b^[l] */
    return count;
}

void nn_layout_block(size_t L, const size_t *n, size_t k, size_t *first, size_t *rows,
                     size_t *cols, char name[8])
{
    size_t start = 0, l = k / 2 + 1;
    for (size_t j = 1; j < l && j <= L; j++)
        start += n[j] * n[j - 1] + n[j];
    int is_b = k % 2 == 1;
    if (is_b)
        start += n[l] * n[l - 1]; /* b^[l] follows W^[l] */
    *first = start;
    *rows = n[l];
    *cols = is_b ? 1 : n[l - 1];
    if (name)
        snprintf(name, 8, "%c%zu", is_b ? 'b' : 'W', l % 100000);
}

size_t nn_layout_block_of(size_t L, const size_t *n, size_t i)
{
    size_t k = 0, end = 0;
    for (size_t l = 1; l <= L; l++) {
        if (i < (end += n[l] * n[l - 1]))
            return k;
        k++;
        if (i < (end += n[l]))
            return k;
        k++;
    }
    return k;
}

nn_theta *nn_theta_alloc(size_t L, const size_t *n)
{
    for (size_t l = 0; l <= L; l++)
        if (n[l] == 0) {
            nn_error(NN_EINVAL, "nn_theta_alloc: layer %zu has n[%zu] = 0 units", l, l);
            return NULL;
        }
    if (L == 0) {
        nn_error(NN_EINVAL, "nn_theta_alloc: a network needs at least one layer");
        return NULL;
    }
    nn_theta *t = calloc(1, sizeof *t);
    if (t == NULL)
        goto fail;
    t->L = L;
    t->n = malloc((L + 1) * sizeof *t->n);
    t->W = calloc(L + 1, sizeof *t->W);
    t->b = calloc(L + 1, sizeof *t->b);
    if (t->n == NULL || t->W == NULL || t->b == NULL)
        goto fail;
    for (size_t l = 0; l <= L; l++)
        t->n[l] = n[l];
    if ((t->theta = gsl_vector_calloc(nn_layout_count(L, n))) == NULL)
        goto fail;
    for (size_t l = 1; l <= L; l++) {
        size_t first, rows, cols;
        nn_layout_block(L, n, 2 * (l - 1), &first, &rows, &cols, NULL);
        t->W[l] = gsl_matrix_alloc_from_block(t->theta->block, first, rows, cols, cols);
        nn_layout_block(L, n, 2 * l - 1, &first, &rows, &cols, NULL);
        t->b[l] = gsl_vector_alloc_from_block(t->theta->block, first, rows, 1);
        if (t->W[l] == NULL || t->b[l] == NULL)
            goto fail;
    }
    return t;
fail:
    nn_theta_free(t);
    nn_error(NN_ENOMEM, "out of memory allocating the parameters of %zu layers", L);
    return NULL;
}

void nn_theta_free(nn_theta *t)
{
    if (t == NULL)
        return;
    for (size_t l = 1; t->W && t->b && l <= t->L; l++) {
        if (t->W[l]) gsl_matrix_free(t->W[l]); /* a view: frees the view alone */
        if (t->b[l]) gsl_vector_free(t->b[l]);
    }
    if (t->theta) gsl_vector_free(t->theta);
    free(t->n);
    free(t->W);
    free(t->b);
    free(t);
}

int nn_theta_same_layout(const nn_theta *a, const nn_theta *b)
{
    if (a->L != b->L)
        return 0;
    for (size_t l = 0; l <= a->L; l++)
        if (a->n[l] != b->n[l])
            return 0;
    return 1;
}
