/* check_shapes: the shapes nb_shapes_read reports are the objects' shapes
 * and the ones derived by hand; the symbolic shapes evaluate correctly;
 * mismatches are caught; chapter 1's committed dimension table is what the
 * library allocates. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"
#include "nb_shapes.h"
#include "tests.h"

typedef struct {
    nn_params *p;
    nn_cache *c;
    nn_grads *g;
    gsl_matrix *X, *Y;
    nb_shape s[NB_SHAPES_COUNT];
} net;

static net net_alloc(size_t n_x, size_t n_h, size_t m)
{
    net n;
    n.p = nn_params_alloc(n_x, n_h, NN_TANH);
    n.c = nn_cache_alloc(n_h, m);
    n.g = nn_grads_alloc(n_x, n_h, m);
    n.X = gsl_matrix_calloc(n_x, m);
    n.Y = gsl_matrix_calloc(1, m);
    ck_assert_ptr_nonnull(n.p);
    ck_assert_ptr_nonnull(n.c);
    ck_assert_ptr_nonnull(n.g);
    ck_assert_int_eq(nb_shapes_read(n.s, n.p, n.c, n.g, n.X, n.Y), NN_OK);
    return n;
}

static void net_free(net *n)
{
    nn_params_free(n->p);
    nn_cache_free(n->c);
    nn_grads_free(n->g);
    gsl_matrix_free(n->X);
    gsl_matrix_free(n->Y);
}

/* The shapes written out by hand, in nb_shapes_read's order, for n_y = 1. */
static void expected(size_t n_x, size_t n_h, size_t m, size_t want[NB_SHAPES_COUNT][2])
{
    size_t w[NB_SHAPES_COUNT][2] = {
        {n_x, m}, {1, m},                         /* X Y */
        {n_h, n_x}, {n_h, 1}, {1, n_h}, {1, 1},   /* W1 b1 W2 b2 */
        {n_h, m}, {n_h, m}, {1, m}, {1, m},       /* Z1 A1 Z2 A2 */
        {1, m}, {1, n_h}, {1, 1},                 /* dZ2 dW2 db2 */
        {n_h, m}, {n_h, n_x}, {n_h, 1},           /* dZ1 dW1 db1 */
    };
    memcpy(want, w, sizeof w);
}

START_TEST(shapes_are_the_objects_and_the_derivation)
{
    static const size_t sizes[][3] = {{2, 4, 1}, {2, 4, 400}, {3, 5, 10}, {7, 1, 2}};
    static const char *const names[NB_SHAPES_COUNT] = {
        "X", "Y", "W1", "b1", "W2", "b2", "Z1", "A1", "Z2", "A2",
        "dZ2", "dW2", "db2", "dZ1", "dW1", "db1"};
    for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        size_t n_x = sizes[k][0], n_h = sizes[k][1], m = sizes[k][2];
        net n = net_alloc(n_x, n_h, m);
        size_t want[NB_SHAPES_COUNT][2];
        expected(n_x, n_h, m, want);
        for (size_t v = 0; v < NB_SHAPES_COUNT; v++) {
            ck_assert_str_eq(n.s[v].name, names[v]);
            ck_assert_msg(n.s[v].rows == want[v][0] && n.s[v].cols == want[v][1],
                          "%s is (%zu, %zu), expected (%zu, %zu) at (%zu, %zu, %zu)",
                          n.s[v].name, n.s[v].rows, n.s[v].cols, want[v][0], want[v][1], n_x,
                          n_h, m);
        }
        /* read off the objects, not computed from the sizes */
        ck_assert_uint_eq(nb_shapes_find(n.s, "dW1")->rows, n.g->dW1->size1);
        ck_assert_uint_eq(nb_shapes_find(n.s, "b1")->rows, n.p->b1->size);
        ck_assert_uint_eq(nb_shapes_check_symbols(n.s, n_x, n_h, m), 0);
        size_t checked = 0;
        ck_assert_uint_eq(nb_shapes_check_grads(n.s, &checked), 0);
        ck_assert_uint_eq(checked, 6);
        net_free(&n);
    }
}
END_TEST

START_TEST(symbols_evaluate)
{
    size_t r, c;
    ck_assert_int_eq(nb_shapes_eval("(n_h, m)", 2, 4, 7, &r, &c), NN_OK);
    ck_assert_uint_eq(r, 4);
    ck_assert_uint_eq(c, 7);
    ck_assert_int_eq(nb_shapes_eval("(n_y, n_x)", 2, 4, 7, &r, &c), NN_OK);
    ck_assert_uint_eq(r, 1);
    ck_assert_uint_eq(c, 2);
    ck_assert_int_eq(nb_shapes_eval("(12,1)", 2, 4, 7, &r, &c), NN_OK);
    ck_assert_uint_eq(r, 12);
    ck_assert_uint_eq(c, 1);
    static const char *const bad[] = {"(n_h m)", "(q, m)", "n_h, m", "(n_h, m", "(n_h, m))",
                                      "(n_hx, m)", "(m_, 1)", ""};
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        ck_assert_msg(nb_shapes_eval(bad[k], 2, 4, 7, &r, &c) == NN_EINVAL, "'%s' accepted",
                      bad[k]);
        ck_assert_msg(strstr(nn_errmsg(), bad[k]) != NULL, "%s", nn_errmsg());
    }
}
END_TEST

START_TEST(mismatches_are_caught_and_named)
{
    net n = net_alloc(2, 4, 5);
    nb_shape s[NB_SHAPES_COUNT];
    memcpy(s, n.s, sizeof s);
    /* a gradient with the wrong shape */
    for (size_t v = 0; v < NB_SHAPES_COUNT; v++)
        if (strcmp(s[v].name, "db1") == 0)
            s[v].rows = 3;
    ck_assert_uint_eq(nb_shapes_check_grads(s, NULL), 1);
    ck_assert_msg(strstr(nn_errmsg(), "db1 is (3, 1) but b1 is (4, 1)") != NULL, "%s",
                  nn_errmsg());
    ck_assert_uint_eq(nb_shapes_check_symbols(s, 2, 4, 5), 1);
    /* a variable whose object disagrees with its derived shape */
    memcpy(s, n.s, sizeof s);
    s[6].cols = 6; /* Z1 */
    ck_assert_uint_eq(nb_shapes_check_symbols(s, 2, 4, 5), 1);
    ck_assert_msg(strstr(nn_errmsg(), "Z1 is (4, 6), but (n_h, m) is (4, 5)") != NULL, "%s",
                  nn_errmsg());
    ck_assert_uint_eq(nb_shapes_check_grads(s, NULL), 1); /* dZ1 no longer matches Z1 */
    /* X with the wrong number of columns is refused */
    gsl_matrix *X = gsl_matrix_calloc(2, 6);
    ck_assert_int_eq(nb_shapes_read(s, n.p, n.c, n.g, X, n.Y), NN_EDIM);
    ck_assert_msg(strstr(nn_errmsg(), "X is (2, 6), expected (2, 5)") != NULL, "%s", nn_errmsg());
    gsl_matrix_free(X);
    net_free(&n);
}
END_TEST

/* Chapter 1's table: each configuration column holds, row by row, the
 * shapes the library allocates for that (n_x, n_h, m). */
START_TEST(chapter_1_table_is_the_objects)
{
    char *text = nb_slurp("results/01-notation/dimensions.md");
    ck_assert_ptr_nonnull(text);
    size_t sizes[8][3], n_cfg = 0;
    const char *t = text;
    const char *key = "$(n_x, n_h, m) = (";
    while ((t = strstr(t, key)) != NULL && n_cfg < 8) {
        t += strlen(key);
        ck_assert_int_eq(sscanf(t, "%zu, %zu, %zu", &sizes[n_cfg][0], &sizes[n_cfg][1],
                                &sizes[n_cfg][2]), 3);
        n_cfg++;
    }
    ck_assert_uint_ge(n_cfg, 2);
    net nets[8];
    for (size_t k = 0; k < n_cfg; k++)
        nets[k] = net_alloc(sizes[k][0], sizes[k][1], sizes[k][2]);
    /* the data rows follow the header and the separator line */
    char *line = strchr(strchr(text, '\n') + 1, '\n') + 1;
    size_t rows = 0;
    for (; *line == '|'; line = strchr(line, '\n') + 1, rows++) {
        ck_assert_uint_lt(rows, NB_SHAPES_COUNT);
        const nb_shape *s = &nets[0].s[rows];
        char cell[64];
        snprintf(cell, sizeof cell, "| $%s$ | $%s$ |", s->latex, s->symbols);
        ck_assert_msg(strstr(line, cell) != NULL, "row %zu lacks %s", rows + 1, cell);
        /* skip the four symbolic columns */
        const char *c = line;
        for (int bar = 0; bar < 5; bar++)
            c = strchr(c, '|') + 1;
        for (size_t k = 0; k < n_cfg; k++) {
            size_t r, q;
            ck_assert_int_eq(sscanf(c, " (%zu, %zu) |", &r, &q), 2);
            const nb_shape *o = &nets[k].s[rows];
            ck_assert_msg(r == o->rows && q == o->cols, "%s: table (%zu, %zu), object (%zu, %zu)",
                          o->name, r, q, o->rows, o->cols);
            c = strchr(c, '|') + 1;
        }
        int grows = strstr(s->symbols, "m)") != NULL;
        ck_assert_msg(strncmp(c, grows ? " yes |" : " no |", grows ? 6 : 5) == 0,
                      "%s: grows with m should be %s", s->name, grows ? "yes" : "no");
    }
    ck_assert_uint_eq(rows, NB_SHAPES_COUNT);
    for (size_t k = 0; k < n_cfg; k++)
        net_free(&nets[k]);
    free(text);
}
END_TEST

Suite *shapes_suite(void)
{
    Suite *s = suite_create("shapes");
    TCase *tc = tcase_create("dimensions");
    tcase_add_test(tc, shapes_are_the_objects_and_the_derivation);
    tcase_add_test(tc, symbols_evaluate);
    tcase_add_test(tc, mismatches_are_caught_and_named);
    tcase_add_test(tc, chapter_1_table_is_the_objects);
    suite_add_tcase(s, tc);
    return s;
}
