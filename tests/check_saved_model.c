/* check_saved_model: the model file round-trips bit for bit and whatever
 * names a CSV header can hold; the strict reader refuses each kind of
 * damage with file:line; the CSV reader takes a stream in one pass; a long
 * error message keeps its end. */
#define _POSIX_C_SOURCE 200809L
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"
#include "tests.h"

/* A network with awkward values: extremes, a subnormal, a negative zero. */
static nn_params *awkward_params(void)
{
    nn_params *p = nn_params_alloc(3, 2, NN_LEAKY_RELU);
    ck_assert_ptr_nonnull(p);
    const double w[6] = {1.0 / 3.0, -0.0, 4.9406564584124654e-324, 1.7976931348623157e308,
                         -2.2250738585072014e-308, 0.1};
    memcpy(p->W1->data, w, sizeof w);
    gsl_vector_set(p->b1, 0, -1e-300);
    gsl_vector_set(p->b1, 1, 12345.678901234567);
    gsl_matrix_set(p->W2, 0, 0, 0.5);
    gsl_matrix_set(p->W2, 0, 1, -7.25e-17);
    gsl_vector_set(p->b2, 0, 2.0 / 3.0);
    return p;
}

static char *to_text(const nn_params *p, char *const *features, const char *label, size_t *len)
{
    char *text = NULL;
    FILE *f = open_memstream(&text, len);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(nn_saved_model_write(f, p, features, label, "a test"), NN_OK);
    fclose(f);
    return text;
}

START_TEST(round_trip_is_bit_for_bit_with_odd_names)
{
    nn_params *p = awkward_params();
    char *features[3] = {" spaced ", "tab\there 'quoted' \"double\" \\", "\xff\xfe not UTF-8"};
    size_t len;
    char *text = to_text(p, features, "label with $(touch x) `y`", &len);
    nn_saved_model *m = nn_saved_model_parse(text, len, "mem");
    ck_assert_msg(m != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(m->params->hidden, NN_LEAKY_RELU);
    for (int k = 0; k < 3; k++)
        ck_assert_str_eq(m->features[k], features[k]);
    ck_assert_str_eq(m->label, "label with $(touch x) `y`");
    ck_assert_mem_eq(m->params->W1->data, p->W1->data, 6 * sizeof(double));
    ck_assert_mem_eq(m->params->b1->data, p->b1->data, 2 * sizeof(double));
    ck_assert_mem_eq(m->params->W2->data, p->W2->data, 2 * sizeof(double));
    ck_assert_mem_eq(m->params->b2->data, p->b2->data, sizeof(double));
    nn_saved_model_free(m);
    free(text);
    nn_params_free(p);
}
END_TEST

START_TEST(names_a_file_cannot_keep_are_refused_on_writing)
{
    nn_params *p = awkward_params();
    char *f1[3] = {"a", "b,c", "d"}, *f2[3] = {"a", "", "d"}, *f3[3] = {"a", "b\nc", "d"};
    char *ok[3] = {"a", "b", "d"};
    FILE *f = fopen("/dev/null", "w");
    ck_assert_int_eq(nn_saved_model_write(f, p, f1, "y", NULL), NN_EINVAL);
    ck_assert_msg(strstr(nn_errmsg(), "comma") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nn_saved_model_write(f, p, f2, "y", NULL), NN_EINVAL);
    ck_assert_int_eq(nn_saved_model_write(f, p, f3, "y", NULL), NN_EINVAL);
    ck_assert_int_eq(nn_saved_model_write(f, p, ok, "y\r", NULL), NN_EINVAL);
    ck_assert_int_eq(nn_saved_model_write(f, p, ok, "y", NULL), NN_OK);
    fclose(f);
    nn_params_free(p);
}
END_TEST

/* The text of a good model with `from` replaced by `to` once; must differ. */
static char *damaged(const char *good, const char *from, const char *to)
{
    const char *at = strstr(good, from);
    ck_assert_msg(at != NULL, "no '%s' in the model", from);
    size_t n = strlen(good) - strlen(from) + strlen(to) + 1;
    char *s = malloc(n);
    snprintf(s, n, "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    return s;
}

START_TEST(each_damage_is_refused_with_its_line)
{
    nn_params *p = awkward_params();
    char *features[3] = {"a", "b", "c"};
    size_t len;
    char *good = to_text(p, features, "y", &len);
    static const char *const cases[][3] = {
        /* from, to, what the message must say */
        {"format 1\n", "format 2\n", "mem:2: unknown format version '2'"},
        {"n_x 3\n", "n_x 3\nn_x 3\n", "mem:4: n_x is given twice (first on line 3)"},
        {"n_h 2\n", "", "mem:4: expected n_h, found activation"},
        {"n_h 2\n", "n_h 1000\n", "make 5001 parameters, more than the"},
        {"n_x 3\n", "n_x 16777217\n", "not a whole number from 1 to 16777216"},
        {"n_x 3\n", "n_x 18446744073709551617\n", "not a whole number"},
        {"activation leaky_relu\n", "activation softmax\n", "mem:5: unknown activation 'softmax'"},
        {"features a,b,c\n", "features a,b\n", "mem:6: 2 feature names for n_x = 3"},
        {"features a,b,c\n", "features a,b,a\n", "the feature name 'a' appears twice"},
        {"label y\n", "label b\n", "the label 'b' is also a feature's name"},
        {"label y\n", "label \n", "mem:7: label has no value"},
        {"b1\n", "b1\n1 2 3\n", "mem:12: row 1 of b1 has more than 2 numbers"},
        {"b2\n", "b2\nb2\n", "mem:16: number 1 of b2's row 1, 'b2', is not a decimal number"},
        {"0.5 ", "0.5x ", "'0.5x', is not a decimal number"},
        {"0.5 ", "0.5  ", "mem:14: row 1 of W2 has two spaces before number 2"},
        {"0.5 ", "nan ", "'nan', is not a decimal number"},
        {"0.5 ", "-inf ", "'-inf', is not a decimal number"},
        {"0.5 ", "0x1p-1 ", "'0x1p-1', is not a decimal number"},
        {"0.5 ", "+0.5 ", "'+0.5', is not a decimal number"},
        {"0.5 ", "1e999 ", "'1e999', overflows double precision"},
        {"0.5 ", "1e-999 ", "'1e-999', underflows double precision"},
        {"n_h 2\n", "n_h 02\n", "mem:4: n_h '02' is not a whole number"},
        {"# a test\n", "# a test\r\n", "mem:1: the line ends in a carriage return"},
        {"# a test\n", "\xEF\xBB\xBF# a test\n", "starts with a byte-order mark"},
        {"label y\n", "label y\x1b\n", "mem:7: the line contains the control character 0x1b"},
        {"W1\n", "\nW1\n", "mem:8: expected W1, found ''"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
        char *bad = damaged(good, cases[k][0], cases[k][1]);
        ck_assert_ptr_null(nn_saved_model_parse(bad, strlen(bad), "mem"));
        ck_assert_msg(strstr(nn_errmsg(), cases[k][2]) != NULL, "case %zu: '%s' does not say '%s'",
                      k, nn_errmsg(), cases[k][2]);
        free(bad);
    }
    /* cut anywhere: refused, never read as a shorter model */
    for (size_t cut = 0; cut < len; cut++) {
        nn_saved_model *m = nn_saved_model_parse(good, cut, "mem");
        ck_assert_msg(m == NULL, "the model cut after %zu of %zu bytes was accepted", cut, len);
    }
    /* a NUL inside */
    char *nul = malloc(len);
    memcpy(nul, good, len);
    nul[20] = '\0';
    ck_assert_ptr_null(nn_saved_model_parse(nul, len, "mem"));
    ck_assert_msg(strstr(nn_errmsg(), "NUL byte") != NULL, "%s", nn_errmsg());
    free(nul);
    free(good);
    nn_params_free(p);
}
END_TEST

START_TEST(csv_reads_a_stream_once_with_odd_names)
{
    static const char text[] = " a ,b\tc,y,it's \"q\"\n1,2,1,3\n4,5,0,6\n";
    FILE *f = fmemopen((void *)text, sizeof text - 1, "r");
    int labelled = -1;
    nn_csv_columns c;
    nn_dataset *d = nn_dataset_read_csv_from(f, "mem.csv", NN_CSV_LABEL_IF_PRESENT, "y",
                                             &labelled, &c);
    fclose(f);
    ck_assert_msg(d != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(labelled, 1);
    ck_assert_uint_eq(c.n_x, 3);
    ck_assert_str_eq(c.names[0], " a ");
    ck_assert_str_eq(c.names[1], "b\tc");
    ck_assert_str_eq(c.names[2], "it's \"q\"");
    ck_assert_str_eq(c.names[3], "y");
    ck_assert_double_eq(gsl_matrix_get(d->X, 2, 1), 6.0);
    ck_assert_double_eq(gsl_matrix_get(d->Y, 0, 0), 1.0);
    nn_dataset_free(d);
    nn_csv_columns_free(&c);
    /* without the label's column, every column is a feature */
    f = fmemopen((void *)text, sizeof text - 1, "r");
    d = nn_dataset_read_csv_from(f, "mem.csv", NN_CSV_LABEL_IF_PRESENT, "absent", &labelled, &c);
    fclose(f);
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(labelled, 0);
    ck_assert_uint_eq(c.n_x, 4);
    ck_assert_ptr_null(c.names[4]);
    nn_dataset_free(d);
    nn_csv_columns_free(&c);
}
END_TEST

START_TEST(csv_repeated_name_found_among_many)
{
    /* 200,000 columns, the last two equal: found, named, and at its column */
    size_t n = 200000, len = 0;
    char *text = NULL;
    FILE *f = open_memstream(&text, &len);
    for (size_t k = 0; k < n; k++)
        fprintf(f, "c%zu,", k == n - 1 ? n - 2 : k);
    fputs("y\n", f);
    fclose(f);
    f = fmemopen(text, len, "r");
    ck_assert_ptr_null(nn_dataset_read_csv_from(f, "wide.csv", NN_CSV_LABEL, NULL, NULL, NULL));
    fclose(f);
    char want[64];
    snprintf(want, sizeof want, "the column name 'c%zu' appears twice", n - 2);
    ck_assert_msg(strstr(nn_errmsg(), want) != NULL, "%s", nn_errmsg());
    free(text);
}
END_TEST

START_TEST(a_long_message_keeps_its_end)
{
    size_t n = 100000;
    char *path = malloc(n + 1);
    memset(path, 'p', n);
    path[n] = '\0';
    nn_error(NN_EIO, "cannot read %s: %s", path, "File name too long");
    const char *msg = nn_errmsg();
    ck_assert_uint_lt(strlen(msg), 16384);
    ck_assert_msg(strncmp(msg, "cannot read ppp", 15) == 0, "%.40s", msg);
    ck_assert_str_eq(msg + strlen(msg) - 20, ": File name too long");
    ck_assert_ptr_nonnull(strstr(msg, " [...] "));
    free(path);
}
END_TEST

Suite *saved_model_suite(void)
{
    Suite *s = suite_create("saved_model");
    TCase *tc = tcase_create("model files and input");
    tcase_add_test(tc, round_trip_is_bit_for_bit_with_odd_names);
    tcase_add_test(tc, names_a_file_cannot_keep_are_refused_on_writing);
    tcase_add_test(tc, each_damage_is_refused_with_its_line);
    tcase_add_test(tc, csv_reads_a_stream_once_with_odd_names);
    tcase_add_test(tc, csv_repeated_name_found_among_many);
    tcase_add_test(tc, a_long_message_keeps_its_end);
    suite_add_tcase(s, tc);
    return s;
}
