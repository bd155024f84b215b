/* check_rng: the random stream is numpy's, bit for bit. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "tests.h"

START_TEST(raw_words_after_seed_1)
{
    static const uint32_t want[] = {1791095845u, 4282876139u, 3093770124u, 4005303368u, 491263u};
    nn_rng *rng = nn_rng_alloc(1);
    ck_assert_ptr_nonnull(rng);
    for (size_t k = 0; k < 5; k++)
        ck_assert_uint_eq(nn_rng_next32(rng), want[k]);
    nn_rng_free(rng);
}
END_TEST

START_TEST(randn_after_seed_1_and_2)
{
    static const double want1[] = {1.6243453636632417, -0.61175641365007538, -0.5281717522634557,
                                   -1.0729686221561705, 0.86540762932467852};
    static const double want2[] = {-0.41675784740547062, -0.056266827226329474, -2.136196095668454,
                                   1.6402708084049886};
    nn_rng *rng = nn_rng_alloc(1);
    for (size_t k = 0; k < 5; k++)
        ck_assert_msg(nn_rng_randn(rng) == want1[k], "seed 1, randn #%zu", k);
    ck_assert_int_eq(nn_rng_seed(rng, 2), NN_OK);
    for (size_t k = 0; k < 4; k++)
        ck_assert_msg(nn_rng_randn(rng) == want2[k], "seed 2, randn #%zu", k);
    nn_rng_free(rng);
}
END_TEST

START_TEST(reseeding_clears_the_kept_normal)
{
    nn_rng *rng = nn_rng_alloc(1);
    nn_rng_randn(rng); /* draws a pair, keeps the second */
    ck_assert_int_eq(rng->has_gauss, 1);
    nn_rng_seed(rng, 1);
    ck_assert_int_eq(rng->has_gauss, 0);
    ck_assert(nn_rng_randn(rng) == 1.6243453636632417);
    nn_rng_free(rng);
}
END_TEST

START_TEST(uniform_is_53_bits_from_two_words)
{
    nn_rng *a = nn_rng_alloc(1), *b = nn_rng_alloc(1);
    uint32_t w1 = nn_rng_next32(b) >> 5, w2 = nn_rng_next32(b) >> 6;
    double u = nn_rng_uniform(a);
    ck_assert(u == (w1 * 67108864.0 + w2) / 9007199254740992.0);
    ck_assert(u >= 0.0 && u < 1.0);
    nn_rng_free(a);
    nn_rng_free(b);
}
END_TEST

START_TEST(seed_0_is_refused)
{
    ck_assert_ptr_null(nn_rng_alloc(0));
    ck_assert_msg(strstr(nn_errmsg(), "seed 0") != NULL, "message: %s", nn_errmsg());
    ck_assert_ptr_null(nn_rng_alloc(4294967296UL));
}
END_TEST

START_TEST(matrices_fill_row_by_row)
{
    nn_rng *a = nn_rng_alloc(2), *b = nn_rng_alloc(2);
    gsl_matrix *W = gsl_matrix_alloc(2, 3);
    nn_rng_fill_randn(a, W, 0.01);
    for (size_t i = 0; i < 2; i++)
        for (size_t j = 0; j < 3; j++)
            ck_assert(gsl_matrix_get(W, i, j) == nn_rng_randn(b) * 0.01);
    gsl_matrix_free(W);
    nn_rng_free(a);
    nn_rng_free(b);
}
END_TEST

Suite *rng_suite(void)
{
    Suite *s = suite_create("rng");
    TCase *tc = tcase_create("numpy legacy stream");
    tcase_add_test(tc, raw_words_after_seed_1);
    tcase_add_test(tc, randn_after_seed_1_and_2);
    tcase_add_test(tc, reseeding_clears_the_kept_normal);
    tcase_add_test(tc, uniform_is_53_bits_from_two_words);
    tcase_add_test(tc, seed_0_is_refused);
    tcase_add_test(tc, matrices_fill_row_by_row);
    suite_add_tcase(s, tc);
    return s;
}
