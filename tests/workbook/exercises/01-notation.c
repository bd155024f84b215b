/* Chapter 1: write layer_sizes.  Read chapter 1, sections 3 and 4 (the
 * shapes, read off the objects):
 * chapters/01-notation/README.md#4-the-table-read-off-the-objects
 *
 * Grade it with `make grade CHAPTER=1`. */
#include "workbook.h"

/* The sizes of the three layers, from the data:
 *   n_x = the number of rows of X   (X is (n_x, m): one column per example)
 *   n_h = 4                         (the course's hidden layer)
 *   n_y = the number of rows of Y   (Y is (n_y, m))
 * A gsl_matrix A has A->size1 rows and A->size2 columns. */
nn_status layer_sizes(size_t *n_x, size_t *n_h, size_t *n_y, const gsl_matrix *X,
                      const gsl_matrix *Y)
{
    NOT_IMPLEMENTED;
}
