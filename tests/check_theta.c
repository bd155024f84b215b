/* check_theta: the parameter layout (nn_theta.c).  Every parameter lives in
 * one vector theta, W^[1] row by row, b^[1], ..., W^[L], b^[L]; the
 * matrices are views of it; the shallow network's W1, b1, W2, b2 and their
 * gradients are the blocks of an L = 2 layout; the update over theta gives
 * the bits the four block updates gave. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_blas.h>

#include "nn.h"
#include "tests.h"

/* A deep layout: 3 inputs, layers of 5, 2 and 1 units. */
static const size_t DEEP[] = {3, 5, 2, 1};
enum { DEEP_L = 3 };

START_TEST(blocks_follow_each_other_in_the_documented_order)
{
    /* W1 is 5 x 3 = 15, b1 5, W2 2 x 5 = 10, b2 2, W3 1 x 2 = 2, b3 1 */
    static const size_t first[] = {0, 15, 20, 30, 32, 34}, rows[] = {5, 5, 2, 2, 1, 1},
                        cols[] = {3, 1, 5, 1, 2, 1};
    static const char *const names[] = {"W1", "b1", "W2", "b2", "W3", "b3"};
    ck_assert_uint_eq(nn_layout_count(DEEP_L, DEEP), 35);
    for (size_t k = 0; k < 2 * DEEP_L; k++) {
        size_t f, r, c;
        char name[8];
        nn_layout_block(DEEP_L, DEEP, k, &f, &r, &c, name);
        ck_assert_uint_eq(f, first[k]);
        ck_assert_uint_eq(r, rows[k]);
        ck_assert_uint_eq(c, cols[k]);
        ck_assert_str_eq(name, names[k]);
        /* every index of the block, and only those, belongs to it */
        for (size_t i = f; i < f + r * c; i++)
            ck_assert_uint_eq(nn_layout_block_of(DEEP_L, DEEP, i), k);
    }
}
END_TEST

START_TEST(the_matrices_are_views_of_theta)
{
    nn_theta *t = nn_theta_alloc(DEEP_L, DEEP);
    ck_assert_ptr_nonnull(t);
    ck_assert(gsl_vector_isnull(t->theta));
    ck_assert_uint_eq(t->theta->size, nn_layout_count(DEEP_L, DEEP));
    for (size_t i = 0; i < t->theta->size; i++)
        gsl_vector_set(t->theta, i, (double)i);
    for (size_t l = 1; l <= DEEP_L; l++) {
        size_t f, r, c;
        nn_layout_block(DEEP_L, DEEP, 2 * (l - 1), &f, &r, &c, NULL);
        ck_assert_uint_eq(t->W[l]->size1, DEEP[l]);
        ck_assert_uint_eq(t->W[l]->size2, DEEP[l - 1]);
        /* W^[l](j, k) is theta[first + j n[l-1] + k]: row by row */
        for (size_t j = 0; j < r; j++)
            for (size_t k = 0; k < c; k++)
                ck_assert(gsl_matrix_get(t->W[l], j, k) == (double)(f + j * c + k));
        nn_layout_block(DEEP_L, DEEP, 2 * l - 1, &f, &r, &c, NULL);
        ck_assert_uint_eq(t->b[l]->size, DEEP[l]);
        for (size_t j = 0; j < r; j++)
            ck_assert(gsl_vector_get(t->b[l], j) == (double)(f + j));
    }
    /* and writing through a view writes theta */
    gsl_matrix_set(t->W[2], 1, 4, -1.0);
    ck_assert(gsl_vector_get(t->theta, 20 + 1 * 5 + 4) == -1.0);
    nn_theta_free(t);
}
END_TEST

START_TEST(a_layer_without_units_is_refused)
{
    static const size_t empty[] = {3, 0, 1};
    ck_assert_ptr_null(nn_theta_alloc(2, empty));
    ck_assert_str_eq(nn_errmsg(), "nn_theta_alloc: layer 1 has n[1] = 0 units");
    ck_assert_ptr_null(nn_theta_alloc(0, DEEP));
    ck_assert_str_eq(nn_errmsg(), "nn_theta_alloc: a network needs at least one layer");
}
END_TEST

START_TEST(the_shallow_network_is_the_two_layer_layout)
{
    nn_params *p = nn_params_alloc(3, 4, NN_TANH);
    nn_grads *g = nn_grads_alloc(3, 4, 7);
    ck_assert_uint_eq(p->theta->L, 2);
    ck_assert(p->W1 == p->theta->W[1] && p->b1 == p->theta->b[1]);
    ck_assert(p->W2 == p->theta->W[2] && p->b2 == p->theta->b[2]);
    ck_assert(g->dW1 == g->dtheta->W[1] && g->db2 == g->dtheta->b[2]);
    ck_assert(nn_theta_same_layout(p->theta, g->dtheta));
    for (int b = 0; b < NN_BLOCKS; b++) {
        size_t first, count, f, r, c;
        char name[8];
        nn_block_range(3, 4, (nn_block)b, &first, &count);
        nn_layout_block(2, p->theta->n, (size_t)b, &f, &r, &c, name);
        ck_assert_uint_eq(first, f);
        ck_assert_uint_eq(count, r * c);
        ck_assert_str_eq(name, nn_block_names[b]);
    }
    for (size_t k = 0; k < nn_params_count(p); k++) {
        ck_assert_ptr_eq(nn_params_at(p, k), p->theta->theta->data + k);
        g->dtheta->theta->data[k] = (double)k;
        ck_assert(nn_grads_at(g, k) == (double)k);
    }
    nn_grads_free(g);
    nn_params_free(p);
}
END_TEST

START_TEST(copy_is_the_whole_vector_and_refuses_another_layout)
{
    nn_params *a = nn_params_alloc(2, 3, NN_RELU), *b = nn_params_alloc(2, 3, NN_TANH);
    nn_params *c = nn_params_alloc(4, 2, NN_TANH);
    nn_rng *rng = nn_rng_alloc(5);
    nn_params_init(a, rng, 1.0);
    gsl_vector_set(a->b2, 0, 0.25);
    ck_assert_int_eq(nn_params_copy(b, a), NN_OK);
    ck_assert_int_eq(b->hidden, NN_RELU);
    ck_assert_mem_eq(b->theta->theta->data, a->theta->theta->data,
                     nn_params_count(a) * sizeof(double));
    /* n = (2, 3, 1) and (4, 2, 1) have the same count, 13, not the same layout */
    ck_assert_uint_eq(nn_params_count(c), nn_params_count(a));
    ck_assert_int_eq(nn_params_copy(c, a), NN_EDIM);
    nn_rng_free(rng);
    nn_params_free(a);
    nn_params_free(b);
    nn_params_free(c);
}
END_TEST

START_TEST(the_update_over_theta_is_the_four_block_updates_bit_for_bit)
{
    nn_params *p = nn_params_alloc(5, 7, NN_TANH), *q = nn_params_alloc(5, 7, NN_TANH);
    nn_grads *g = nn_grads_alloc(5, 7, 3);
    nn_rng *rng = nn_rng_alloc(11);
    nn_params_init(p, rng, 1.0);
    gsl_vector_set_all(p->b1, 0.3);
    gsl_vector_set_all(p->b2, -0.7);
    for (size_t k = 0; k < g->dtheta->theta->size; k++)
        gsl_vector_set(g->dtheta->theta, k, nn_rng_randn(rng));
    nn_params_copy(q, p);
    const double rate = 1.2;
    ck_assert_int_eq(nn_update(p, g, rate), NN_OK);
    /* theta = theta - rate dtheta block by block, each entry on its own */
    for (size_t j = 0; j < 7; j++) {
        for (size_t k = 0; k < 5; k++)
            *gsl_matrix_ptr(q->W1, j, k) += -rate * gsl_matrix_get(g->dW1, j, k);
        *gsl_vector_ptr(q->b1, j) += -rate * gsl_vector_get(g->db1, j);
        *gsl_matrix_ptr(q->W2, 0, j) += -rate * gsl_matrix_get(g->dW2, 0, j);
    }
    *gsl_vector_ptr(q->b2, 0) += -rate * gsl_vector_get(g->db2, 0);
    ck_assert_mem_eq(p->theta->theta->data, q->theta->theta->data,
                     nn_params_count(p) * sizeof(double));
    ck_assert(gsl_vector_get(p->b1, 0) != 0.3); /* and it did move */
    nn_rng_free(rng);
    nn_grads_free(g);
    nn_params_free(p);
    nn_params_free(q);
}
END_TEST

Suite *theta_suite(void)
{
    Suite *s = suite_create("theta");
    TCase *tc = tcase_create("layout");
    tcase_add_test(tc, blocks_follow_each_other_in_the_documented_order);
    tcase_add_test(tc, the_matrices_are_views_of_theta);
    tcase_add_test(tc, a_layer_without_units_is_refused);
    tcase_add_test(tc, the_shallow_network_is_the_two_layer_layout);
    tcase_add_test(tc, copy_is_the_whole_vector_and_refuses_another_layout);
    tcase_add_test(tc, the_update_over_theta_is_the_four_block_updates_bit_for_bit);
    suite_add_tcase(s, tc);
    return s;
}
