/* nb_shapes.c: every variable's shape, read off the objects, beside the
 * shape chapter 1 derives for it in symbols (chapters 1 and 6). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"
#include "nb_shapes.h"

static void matrix_shape(nb_shape *s, const char *name, const char *latex, const char *one,
                         const char *symbols, const char *of, const gsl_matrix *A)
{
    *s = (nb_shape){name, latex, one, symbols, of, A->size1, A->size2};
}

/* A bias is a gsl_vector: its n entries are read off the object, and its
 * one column is given here, by construction (a vector has no second
 * dimension to read): the column (n, 1) that is added to each of the m
 * columns. */
static void vector_shape(nb_shape *s, const char *name, const char *latex, const char *one,
                         const char *symbols, const char *of, const gsl_vector *b)
{
    *s = (nb_shape){name, latex, one, symbols, of, b->size, 1};
}

nn_status nb_shapes_read(nb_shape shapes[NB_SHAPES_COUNT], const nn_params *p,
                         const nn_cache *c, const nn_grads *g, const gsl_matrix *X,
                         const gsl_matrix *Y)
{
    const char *fn = "nb_shapes_read";
    if (p == NULL || c == NULL || g == NULL)
        return nn_error(NN_EINVAL, "%s: the parameters, cache and gradients are all needed", fn);
    NB_EXPECT(fn, "X", X, p->n_x, c->m);
    NB_EXPECT(fn, "Y", Y, 1, c->m);
    nb_shape *s = shapes;
    matrix_shape(s++, "X", "X", "x", "(n_x, m)", NULL, X);
    matrix_shape(s++, "Y", "Y", "y", "(n_y, m)", NULL, Y);
    matrix_shape(s++, "W1", "W^{[1]}", "W^{[1]}", "(n_h, n_x)", NULL, p->W1);
    vector_shape(s++, "b1", "b^{[1]}", "b^{[1]}", "(n_h, 1)", NULL, p->b1);
    matrix_shape(s++, "W2", "W^{[2]}", "W^{[2]}", "(n_y, n_h)", NULL, p->W2);
    vector_shape(s++, "b2", "b^{[2]}", "b^{[2]}", "(n_y, 1)", NULL, p->b2);
    matrix_shape(s++, "Z1", "Z^{[1]}", "z^{[1]}", "(n_h, m)", NULL, c->Z1);
    matrix_shape(s++, "A1", "A^{[1]}", "a^{[1]}", "(n_h, m)", NULL, c->A1);
    matrix_shape(s++, "Z2", "Z^{[2]}", "z^{[2]}", "(n_y, m)", NULL, c->Z2);
    matrix_shape(s++, "A2", "A^{[2]}", "a^{[2]} = \\hat y", "(n_y, m)", NULL, c->A2);
    matrix_shape(s++, "dZ2", "dZ^{[2]}", "dz^{[2]}", "(n_y, m)", "Z2", g->dZ2);
    matrix_shape(s++, "dW2", "dW^{[2]}", "dW^{[2]}", "(n_y, n_h)", "W2", g->dW2);
    vector_shape(s++, "db2", "db^{[2]}", "db^{[2]}", "(n_y, 1)", "b2", g->db2);
    matrix_shape(s++, "dZ1", "dZ^{[1]}", "dz^{[1]}", "(n_h, m)", "Z1", g->dZ1);
    matrix_shape(s++, "dW1", "dW^{[1]}", "dW^{[1]}", "(n_h, n_x)", "W1", g->dW1);
    vector_shape(s++, "db1", "db^{[1]}", "db^{[1]}", "(n_h, 1)", "b1", g->db1);
    return NN_OK;
}

/* One dimension: a symbol or a whole number; advances *t past it. */
static int eval_dim(const char **t, size_t n_x, size_t n_h, size_t m, size_t *out)
{
    static const struct {
        const char *sym;
        int which;
    } syms[] = {{"n_x", 0}, {"n_h", 1}, {"n_y", 2}, {"m", 3}};
    while (**t == ' ')
        (*t)++;
    if (isdigit((unsigned char)**t)) {
        char *end;
        *out = strtoul(*t, &end, 10);
        *t = end;
        return 1;
    }
    for (size_t k = 0; k < sizeof syms / sizeof syms[0]; k++) {
        size_t len = strlen(syms[k].sym);
        if (strncmp(*t, syms[k].sym, len) == 0 && !isalnum((unsigned char)(*t)[len]) &&
            (*t)[len] != '_') {
            size_t v[] = {n_x, n_h, 1, m};
            *out = v[syms[k].which];
            *t += len;
            return 1;
        }
    }
    return 0;
}

nn_status nb_shapes_eval(const char *symbols, size_t n_x, size_t n_h, size_t m, size_t *rows,
                         size_t *cols)
{
    const char *t = symbols;
    if (t == NULL || *t++ != '(' || !eval_dim(&t, n_x, n_h, m, rows) || *t++ != ',' ||
        !eval_dim(&t, n_x, n_h, m, cols) || *t++ != ')' || *t != '\0')
        return nn_error(NN_EINVAL,
                        "nb_shapes_eval: '%s' is not a shape '(r, c)' in n_x, n_h, n_y, m",
                        symbols ? symbols : "(null)");
    return NN_OK;
}

size_t nb_shapes_check_symbols(const nb_shape shapes[NB_SHAPES_COUNT], size_t n_x, size_t n_h,
                               size_t m)
{
    size_t bad = 0;
    for (size_t k = 0; k < NB_SHAPES_COUNT; k++) {
        size_t rows, cols;
        const nb_shape *s = &shapes[k];
        if (nb_shapes_eval(s->symbols, n_x, n_h, m, &rows, &cols) != NN_OK) {
            bad++;
            continue;
        }
        if (rows != s->rows || cols != s->cols) {
            if (bad == 0)
                nn_error(NN_EDIM, "%s is (%zu, %zu), but %s is (%zu, %zu) at n_x = %zu, "
                         "n_h = %zu, m = %zu", s->name, s->rows, s->cols, s->symbols, rows,
                         cols, n_x, n_h, m);
            bad++;
        }
    }
    return bad;
}

const nb_shape *nb_shapes_find(const nb_shape shapes[NB_SHAPES_COUNT], const char *name)
{
    for (size_t k = 0; k < NB_SHAPES_COUNT; k++)
        if (strcmp(shapes[k].name, name) == 0)
            return &shapes[k];
    return NULL;
}

size_t nb_shapes_check_grads(const nb_shape shapes[NB_SHAPES_COUNT], size_t *checked)
{
    size_t bad = 0, n = 0;
    for (size_t k = 0; k < NB_SHAPES_COUNT; k++) {
        const nb_shape *g = &shapes[k];
        if (g->of == NULL)
            continue;
        n++;
        const nb_shape *v = nb_shapes_find(shapes, g->of);
        if (v == NULL || v->rows != g->rows || v->cols != g->cols) {
            if (bad == 0)
                nn_error(NN_EDIM, "%s is (%zu, %zu) but %s is (%zu, %zu)", g->name, g->rows,
                         g->cols, g->of, v ? v->rows : 0, v ? v->cols : 0);
            bad++;
        }
    }
    if (checked)
        *checked = n;
    return bad;
}
