/* check_notebook: every number and table a chapter README quotes is the
 * one its program wrote into results/, and the marker filler itself works. */
#define _POSIX_C_SOURCE 200809L
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb.h"
#include "tests.h"

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

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
        ck_assert_msg(nb_fill(text, results, &filled, diff, sizeof diff) == NN_OK, "%s: %s",
                      readme, nn_errmsg());
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
    ck_assert_int_eq(nb_fill(in, "build/test_fill", &out, diff, sizeof diff), NN_OK);
    ck_assert_str_eq(out, "Accuracy <!--v:acc-->90.50<!--/v-->%, J = "
                          "<!--v:cost_0-->0.693048<!--/v-->.\n"
                          "<!--t:t-->\n\n| a |\n|---|\n| 1 |\n\n<!--/t-->\nend\n");
    ck_assert_str_eq(diff, "v:acc");
    char *again;
    ck_assert_int_eq(nb_fill(out, "build/test_fill", &again, diff, sizeof diff), NN_OK);
    ck_assert_str_eq(again, out); /* filling is idempotent */
    ck_assert_str_eq(diff, "");
    free(again);
    free(out);
}
END_TEST

START_TEST(fill_reports_missing_and_malformed_markers)
{
    mkdir("build/test_fill", 0755);
    write_file("build/test_fill/values.txt", "acc = 90.50\n");
    char *out;
    ck_assert_int_eq(nb_fill("<!--v:nope-->1<!--/v-->", "build/test_fill", &out, NULL, 0),
                     NN_EDATA);
    ck_assert_msg(strstr(nn_errmsg(), "v:nope") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nb_fill("<!--v:acc-->1", "build/test_fill", &out, NULL, 0), NN_EDATA);
    ck_assert_msg(strstr(nn_errmsg(), "no closing") != NULL, "%s", nn_errmsg());
    ck_assert_int_eq(nb_fill("<!--t:absent-->x<!--/t-->", "build/test_fill", &out, NULL, 0),
                     NN_EDATA);
    /* ordinary comments are left alone */
    ck_assert_int_eq(nb_fill("a <!-- note --> b", "build/test_fill", &out, NULL, 0), NN_OK);
    ck_assert_str_eq(out, "a <!-- note --> b");
    free(out);
}
END_TEST

Suite *notebook_suite(void)
{
    Suite *s = suite_create("notebook");
    TCase *tc = tcase_create("README markers");
    tcase_add_test(tc, committed_readmes_agree_with_results);
    tcase_add_test(tc, fill_replaces_values_and_tables);
    tcase_add_test(tc, fill_reports_missing_and_malformed_markers);
    suite_add_tcase(s, tc);
    return s;
}
