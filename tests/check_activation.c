/* check_activation: each g' against a centred difference of g. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "tests.h"

START_TEST(table_has_all_five)
{
    static const char *names[] = {"sigmoid", "tanh", "relu", "leaky_relu", "linear"};
    ck_assert_int_eq(NN_ACTIVATION_COUNT, 5);
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        nn_activation_id id;
        ck_assert_int_eq(nn_activation_find(names[k], &id), NN_OK);
        ck_assert_int_eq(id, k);
        ck_assert_str_eq(nn_activation_get(id)->name, names[k]);
        ck_assert_ptr_nonnull(nn_activations[k].g);
        ck_assert_ptr_nonnull(nn_activations[k].dg);
    }
    nn_activation_id id;
    ck_assert_int_eq(nn_activation_find("softmax", &id), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "'softmax'") != NULL, "%s", nn_errmsg());
}
END_TEST

/* z from -6 to 6, skipping a band of 1e-3 around the ReLU kink at 0. */
START_TEST(derivatives_match_centred_differences)
{
    const double h = 1e-5;
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++) {
        const nn_activation *a = &nn_activations[k];
        double worst = 0.0;
        for (int i = -600; i <= 600; i++) {
            double z = i * 0.01 + 0.003; /* never exactly on a grid of 0.01 */
            if (fabs(z) < 1e-3)
                continue;
            double numeric = (a->g(z + h) - a->g(z - h)) / (2 * h);
            worst = fmax(worst, fabs(numeric - a->dg(z)));
        }
        ck_assert_msg(worst < 1e-9, "%s: largest error %g", a->name, worst);
    }
}
END_TEST

START_TEST(known_values)
{
    ck_assert_double_eq_tol(nn_sigmoid(0.0), 0.5, 1e-15);
    ck_assert_double_eq_tol(nn_sigmoid_prime(0.0), 0.25, 1e-15);
    ck_assert_double_eq_tol(nn_activations[NN_TANH].dg(0.0), 1.0, 1e-15);
    ck_assert(nn_activations[NN_RELU].dg(-2.0) == 0.0);
    ck_assert(nn_activations[NN_RELU].dg(2.0) == 1.0);
    ck_assert(nn_activations[NN_LEAKY_RELU].g(-2.0) == -0.02);
    ck_assert(nn_activations[NN_LEAKY_RELU].dg(-2.0) == 0.01);
    /* the derivatives of sigmoid and tanh vanish for large |z| */
    ck_assert(nn_sigmoid_prime(20.0) < 1e-8);
    ck_assert(nn_activations[NN_TANH].dg(-20.0) < 1e-16);
}
END_TEST

Suite *activation_suite(void)
{
    Suite *s = suite_create("activation");
    TCase *tc = tcase_create("table");
    tcase_add_test(tc, table_has_all_five);
    tcase_add_test(tc, derivatives_match_centred_differences);
    tcase_add_test(tc, known_values);
    suite_add_tcase(s, tc);
    return s;
}
