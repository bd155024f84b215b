/* check_notebook: every number and table a chapter README quotes is the
 * one its program wrote into results/, and the marker filler itself works. */
#define _POSIX_C_SOURCE 200809L
#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb.h"
#include "tests.h"

START_TEST(committed_readmes_agree_with_results)
{
    glob_t g;
    ck_assert_int_eq(glob("chapters/*/README.md", 0, NULL, &g), 0);
    ck_assert_uint_ge(g.gl_pathc, 1);
    for (size_t k = 0; k < g.gl_pathc; k++) {
        const char *readme = g.gl_pathv[k];
        char chapter[256], results[300];
        snprintf(chapter, sizeof chapter, "%s", readme + strlen("chapters/"));
        *strchr(chapter, '/') = '\0';
        snprintf(results, sizeof results, "results/%s", chapter);
        char *text = nb_slurp(readme), *filled, diff[256];
        ck_assert_msg(text != NULL, "%s", nn_errmsg());
        ck_assert_msg(strstr(text, "<!--v:") != NULL, "%s quotes no result", readme);
        ck_assert_msg(nb_fill(text, readme, results, &filled, diff, sizeof diff) == NN_OK, "%s",
                      nn_errmsg());
        ck_assert_msg(diff[0] == '\0', "%s disagrees with %s at marker %s (run make)", readme,
                      results, diff);
        ck_assert_str_eq(filled, text);
        free(filled);
        free(text);
    }
    globfree(&g);
}
END_TEST

START_TEST(fill_replaces_values_and_tables)
{
    mkdir("build/test_fill", 0755);
    write_file("build/test_fill/values.txt", "acc = 90.50\ncost_0 = 0.693048\n");
    write_file("build/test_fill/t.md", "| a |\n|---|\n| 1 |\n");
    const char *in = "Accuracy <!--v:acc-->?<!--/v-->%, J = <!--v:cost_0-->old<!--/v-->.\n"
                     "<!--t:t-->\nstale\n<!--/t-->\nend\n";
    char *out, diff[64];
    ck_assert_int_eq(nb_fill(in, "test.md", "build/test_fill", &out, diff, sizeof diff), NN_OK);
    ck_assert_str_eq(out, "Accuracy <!--v:acc-->90.50<!--/v-->%, J = "
                          "<!--v:cost_0-->0.693048<!--/v-->.\n"
                          "<!--t:t-->\n\n| a |\n|---|\n| 1 |\n\n<!--/t-->\nend\n");
    ck_assert_str_eq(diff, "v:acc");
    char *again;
    ck_assert_int_eq(nb_fill(out, "test.md", "build/test_fill", &again, diff, sizeof diff), NN_OK);
    ck_assert_str_eq(again, out); /* filling is idempotent */
    ck_assert_str_eq(diff, "");
    free(again);
    free(out);
}
END_TEST

/* part/key and part/table read what a program's part wrote into RESULTS/part/;
 * a name that could leave RESULTS is malformed. */
START_TEST(fill_reads_a_part_of_the_results)
{
    mkdir("build/test_fill", 0755);
    mkdir("build/test_fill/sweep", 0755);
    mkdir("build/test_fill/other", 0755);
    write_file("build/test_fill/values.txt", "acc = 90.50\n");
    write_file("build/test_fill/sweep/values.txt", "acc = 66.75\n");
    write_file("build/test_fill/other/values.txt", "acc = 12.00\n");
    write_file("build/test_fill/sweep/t.md", "| s |\n");
    const char *in = "x <!--v:acc-->?<!--/v--> <!--v:sweep/acc-->?<!--/v--> "
                     "<!--v:other/acc-->?<!--/v--> <!--v:sweep/acc-->?<!--/v-->\n"
                     "<!--t:sweep/t-->\n<!--/t-->\n";
    char *out;
    ck_assert_int_eq(nb_fill(in, "test.md", "build/test_fill", &out, NULL, 0), NN_OK);
    ck_assert_str_eq(out, "x <!--v:acc-->90.50<!--/v--> <!--v:sweep/acc-->66.75<!--/v--> "
                          "<!--v:other/acc-->12.00<!--/v--> <!--v:sweep/acc-->66.75<!--/v-->\n"
                          "<!--t:sweep/t-->\n\n| s |\n\n<!--/t-->\n");
    free(out);
    ck_assert_int_eq(nb_fill("x <!--v:sweep/nope-->1<!--/v-->", "test.md", "build/test_fill", &out,
                             NULL, 0),
                     NN_EDATA);
    ck_assert_msg(strstr(nn_errmsg(), "no such key in build/test_fill/sweep/values.txt"),
                  "%s", nn_errmsg());
    const char *bad[] = {"x <!--v:../acc-->1<!--/v-->", "x <!--v:a/b/acc-->1<!--/v-->",
                         "x <!--v:/acc-->1<!--/v-->", "x <!--v:sweep/-->1<!--/v-->",
                         "<!--t:../t-->\n<!--/t-->"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(nb_fill(bad[i], "test.md", "build/test_fill", &out, NULL, 0), NN_EDATA);
        ck_assert_msg(strstr(nn_errmsg(), "malformed marker"), "%s: %s", bad[i], nn_errmsg());
    }
}
END_TEST

START_TEST(fill_reports_missing_and_malformed_markers)
{
    mkdir("build/test_fill", 0755);
    write_file("build/test_fill/values.txt", "acc = 90.50\n");
    char *out;
    ck_assert_int_eq(nb_fill("x <!--v:nope-->1<!--/v-->", "test.md", "build/test_fill", &out, NULL, 0),
                     NN_EDATA);
    ck_assert_msg(strstr(nn_errmsg(), "v:nope") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nb_fill("x <!--v:acc-->1", "test.md", "build/test_fill", &out, NULL, 0), NN_EDATA);
    ck_assert_msg(strstr(nn_errmsg(), "not closed") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nb_fill("a\n\n<!--t:absent-->x<!--/t-->", "test.md", "build/test_fill", &out,
                             NULL, 0),
                     NN_EDATA);
    /* the reason is quoted once, not garbled by rewriting the buffer it came from */
    ck_assert_msg(strstr(nn_errmsg(), "test.md:3: table marker t:absent: cannot read "
                                      "build/test_fill/absent.md: No such file") == nn_errmsg(),
                  "%s", nn_errmsg());
    /* ordinary comments are left alone */
    ck_assert_int_eq(nb_fill("a <!-- note --> b", "test.md", "build/test_fill", &out, NULL, 0), NN_OK);
    ck_assert_str_eq(out, "a <!-- note --> b");
    free(out);
}
END_TEST

START_TEST(fill_refuses_a_line_that_starts_with_a_value_marker)
{
    mkdir("build/test_fill", 0755);
    write_file("build/test_fill/values.txt", "acc = 90.50\n");
    static const char *bad[] = {
        "text\n<!--v:acc-->1<!--/v--> starts this line\n",
        "text\n  <!--v:acc-->1<!--/v--> after spaces\n",
        "text\n- <!--v:acc-->1<!--/v--> in a list item\n",
        "text\n> 12. <!--v:acc-->1<!--/v--> in a quoted numbered item\n",
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        char *out = NULL;
        ck_assert_int_eq(nb_fill(bad[k], "ch/README.md", "build/test_fill", &out, NULL, 0),
                         NN_EDATA);
        ck_assert_ptr_null(out);
        ck_assert_msg(strncmp(nn_errmsg(), "ch/README.md:2: the line starts with the value "
                                           "marker <!--v:acc-->", 56) == 0,
                      "%s", nn_errmsg());
    }
    /* a word first is fine, and so is a marker shown inside a code fence */
    char *out;
    ck_assert_int_eq(nb_fill("text\nis <!--v:acc-->1<!--/v-->\n```\n<!--v:acc-->x<!--/v-->\n```\n",
                             "ch/README.md", "build/test_fill", &out, NULL, 0),
                     NN_OK);
    ck_assert_str_eq(out, "text\nis <!--v:acc-->90.50<!--/v-->\n```\n<!--v:acc-->90.50<!--/v-->\n```\n");
    free(out);
}
END_TEST

START_TEST(fill_sets_code_links_to_the_definition)
{
    mkdir("build/test_fill", 0755);
    write_file("build/test_fill/code.c", "/* f: a comment that names f(x) */\n"
                                          "static int f(int x);\n"
                                          "\n"
                                          "static int f(int x)\n"
                                          "{\n"
                                          "    return g(x);\n"
                                          "}\n"
                                          "const int table[2] = {\n"
                                          "    1, 2,\n"
                                          "};\n");
    const char *in = "See [`f`](code.c#L1-L1) and [`table`](code.c#L99-L100), "
                     "[`f`](code.c) and [text](code.c#L1).\n";
    char *out, diff[64];
    ck_assert_int_eq(nb_fill(in, "build/test_fill/README.md", "build/test_fill", &out, diff,
                             sizeof diff),
                     NN_OK);
    ck_assert_str_eq(out, "See [`f`](code.c#L4-L7) and [`table`](code.c#L8-L10), "
                          "[`f`](code.c) and [text](code.c#L1).\n");
    ck_assert_str_eq(diff, "code:f");
    free(out);
    ck_assert_int_eq(nb_fill("x\n[`g`](code.c#L1-L2)\n", "build/test_fill/README.md",
                             "build/test_fill", &out, NULL, 0),
                     NN_EDATA);
    ck_assert_str_eq(nn_errmsg(), "build/test_fill/README.md:2: code link `g`: no definition in "
                                  "build/test_fill/code.c");
}
END_TEST

/* A result that is not a finite number is never written: the program dies
 * (exit status 1) and the old file stays. */
START_TEST(commit_refuses_a_non_finite_result)
{
    mkdir("build/test_commit", 0755);
    write_file("build/test_commit/values.txt", "cost = 0.5\n");
    nb_kv(nb_create("build/test_commit", "values.txt"), "cost", "%g", -NAN);
    nb_commit();
}
END_TEST

START_TEST(the_refused_result_left_the_old_file_alone)
{
    char *text = nb_slurp("build/test_commit/values.txt");
    ck_assert_ptr_nonnull(text);
    ck_assert_str_eq(text, "cost = 0.5\n");
    free(text);
    glob_t g;
    ck_assert_int_eq(glob("build/test_commit/*.tmp.*", 0, NULL, &g), GLOB_NOMATCH);
}
END_TEST

/* Where two runs part: the first cost whose 9 printed decimals differ, not
 * the first bit; and parameters compared bit for bit. */
START_TEST(nine_decimals_and_same_params)
{
    const double a[] = {0.693048, 0.2880831234, 0.2543850001, 0.2338641},
                 b[] = {0.693048, 0.2880831234000001, 0.2543850006, 0.2338641};
    ck_assert_uint_eq(nb_nine_decimals_differ(a, b, 4), 2); /* 0.254385000 vs ...001 */
    ck_assert_uint_eq(nb_nine_decimals_differ(a, b, 2), 2); /* a last-bit difference only */
    ck_assert_uint_eq(nb_nine_decimals_differ(a, a, 4), 4);
    nn_params *p = nn_params_alloc(2, 3, NN_TANH), *q = nn_params_alloc(2, 3, NN_TANH);
    nn_rng *rng = nn_rng_alloc(1);
    nn_params_init(p, rng, 0.5);
    nn_params_copy(q, p);
    ck_assert(nb_same_params(p, q));
    *nn_params_at(q, nn_params_count(q) - 1) = -0.0; /* b2 is +0.0 */
    ck_assert(!nb_same_params(p, q));
    nn_rng_free(rng);
    nn_params_free(p);
    nn_params_free(q);
}
END_TEST

/* "iterations to reach J <= 0.3" (chapters 3 and 5) */
START_TEST(first_at_or_below_target)
{
    double cost[] = {0.9, 0.5, NAN, 0.3, 0.2};
    ck_assert_uint_eq(nb_first_at_or_below(cost, 5, 0.6), 1);
    ck_assert_uint_eq(nb_first_at_or_below(cost, 5, 0.3), 3); /* at the target counts */
    ck_assert_uint_eq(nb_first_at_or_below(cost, 5, 0.25), 4);
    ck_assert_uint_eq(nb_first_at_or_below(cost, 5, 0.1), 5);  /* never: n */
    ck_assert_uint_eq(nb_first_at_or_below(cost, 3, 0.4), 3);  /* NaN is not reached */
    ck_assert_uint_eq(nb_first_at_or_below(cost, 5, 1.0), 0);  /* the start counts */
}
END_TEST

Suite *notebook_suite(void)
{
    Suite *s = suite_create("notebook");
    TCase *tc = tcase_create("README markers");
    tcase_add_test(tc, committed_readmes_agree_with_results);
    tcase_add_test(tc, fill_replaces_values_and_tables);
    tcase_add_test(tc, fill_reads_a_part_of_the_results);
    tcase_add_test(tc, nine_decimals_and_same_params);
    tcase_add_test(tc, fill_reports_missing_and_malformed_markers);
    tcase_add_test(tc, fill_refuses_a_line_that_starts_with_a_value_marker);
    tcase_add_test(tc, fill_sets_code_links_to_the_definition);
    tcase_add_test(tc, first_at_or_below_target);
    tcase_add_exit_test(tc, commit_refuses_a_non_finite_result, EXIT_FAILURE);
    tcase_add_test(tc, the_refused_result_left_the_old_file_alone);
    suite_add_tcase(s, tc);
    return s;
}
