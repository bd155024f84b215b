/* nb_shapes.h: the shape of every variable of the network, read off the
 * objects themselves, beside the shape the derivation gives it in symbols.
 *
 * Chapter 1 derives the shapes; this module lets a program (and the tests)
 * compare that derivation with what the library actually allocates:
 *
 *   x, X   (n_x, 1), (n_x, m)      W1, dW1   (n_h, n_x)     b1, db1   (n_h, 1)
 *   z1, Z1 (n_h, 1), (n_h, m)      a1, A1    (n_h, 1), (n_h, m)      dZ1 like Z1
 *   W2, dW2 (n_y, n_h)             b2, db2   (n_y, 1)
 *   z2, Z2 (n_y, 1), (n_y, m)      a2, A2    (n_y, 1), (n_y, m)      dZ2 like Z2
 *   y, Y   (n_y, 1), (n_y, m)      with n_y = 1.
 *
 * A bias b is stored as a gsl_vector of n entries; its shape is the column
 * (n, 1), added to each of the m columns (broadcast). */
#ifndef NB_SHAPES_H
#define NB_SHAPES_H

#include "nn.h"

/* One variable. */
typedef struct {
    const char *name;    /* as in the code: "X", "W1", "dZ1", ... */
    const char *latex;   /* for m examples: "X", "W^{[1]}", "dZ^{[1]}", ... */
    const char *one;     /* for one example: "x", "W^{[1]}", "dz^{[1]}", ... */
    const char *symbols; /* the derived shape for m examples: "(n_h, n_x)", "(n_h, m)" */
    const char *of;      /* a gradient: the name of the variable it differentiates; else NULL */
    size_t rows, cols;   /* read from the object */
} nb_shape;

/* X, Y, then the parameters, the forward pass and the backward pass in the
 * order they are computed: X Y W1 b1 W2 b2 Z1 A1 Z2 A2 dZ2 dW2 db2 dZ1 dW1 db1. */
enum { NB_SHAPES_COUNT = 16 };

/* Fills shapes[NB_SHAPES_COUNT] from the objects.  X is (n_x, m) and Y is
 * (1, m) with m = cache->m, as nn_forward and nn_backward require; anything
 * else is NN_EDIM naming the object.  The gradients' shapes are read, not
 * checked: nb_shapes_check_grads compares them. */
nn_status nb_shapes_read(nb_shape shapes[NB_SHAPES_COUNT], const nn_params *p,
                         const nn_cache *cache, const nn_grads *grads, const gsl_matrix *X,
                         const gsl_matrix *Y);

/* The shape a symbolic string such as "(n_h, m)" or "(1, n_x)" stands for
 * with the given sizes (symbols n_x, n_h, n_y, m and whole numbers).
 * NN_EINVAL naming the string if it is not of that form. */
nn_status nb_shapes_eval(const char *symbols, size_t n_x, size_t n_h, size_t m, size_t *rows,
                         size_t *cols);

/* Number of variables whose shape read off the object differs from its
 * symbolic shape evaluated at (n_x, n_h, m); the first one is named in
 * nn_errmsg().  0 when the derivation and the objects agree. */
size_t nb_shapes_check_symbols(const nb_shape shapes[NB_SHAPES_COUNT], size_t n_x, size_t n_h,
                               size_t m);

/* Number of gradients (dZ2 dW2 db2 dZ1 dW1 db1) whose shape differs from
 * the shape of the variable they differentiate; the first one is named in
 * nn_errmsg().  *checked (may be NULL) is set to the number compared. */
size_t nb_shapes_check_grads(const nb_shape shapes[NB_SHAPES_COUNT], size_t *checked);

/* The entry of shapes[] called name ("W1"), or NULL. */
const nb_shape *nb_shapes_find(const nb_shape shapes[NB_SHAPES_COUNT], const char *name);

#endif
