/* check_includes: the three parts use only what they may.
 *
 *   the core (src/)               GSL, libm and its own headers
 *   the notebook (src/notebook/)  the core and its own headers
 *   a chapter (chapters/C/)       the core, the notebook and its own headers
 *   a tool (tools/)               the core and the notebook
 *
 * Every #include "..." of a part must name a header of a part it may use;
 * <...> includes are system headers.  The build enforces the core's rule
 * too: src/ is compiled with -Isrc alone. */
#define _POSIX_C_SOURCE 200809L
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb.h"
#include "tests.h"

static int is_file(const char *dir, const char *name, size_t len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%.*s", dir, (int)len, name);
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The number of quoted includes in the files matching pattern that name no
 * header in the allowed directories (each printed as file:line). */
static size_t bad_includes(const char *pattern, const char *const *allowed, size_t n_allowed)
{
    glob_t g;
    size_t bad = 0;
    if (glob(pattern, 0, NULL, &g) != 0)
        return 0;
    for (size_t k = 0; k < g.gl_pathc; k++) {
        char *text = nb_slurp(g.gl_pathv[k]);
        ck_assert_msg(text != NULL, "%s", nn_errmsg());
        size_t line = 1;
        for (char *p = text; *p; p++) {
            if (p == text || p[-1] == '\n') {
                const char *q = p;
                while (*q == ' ' || *q == '\t')
                    q++;
                if (strncmp(q, "#include \"", 10) == 0) {
                    const char *name = q + 10, *end = strchr(name, '"');
                    size_t len = end ? (size_t)(end - name) : 0;
                    int ok = 0;
                    for (size_t a = 0; a < n_allowed && !ok; a++)
                        ok = len > 0 && memchr(name, '/', len) == NULL &&
                             is_file(allowed[a], name, len);
                    if (!ok) {
                        fprintf(stderr, "%s:%zu: #include \"%.*s\" is not a header this part may "
                                        "use\n", g.gl_pathv[k], line, (int)len, name);
                        bad++;
                    }
                }
            }
            line += *p == '\n';
        }
        free(text);
    }
    globfree(&g);
    return bad;
}

START_TEST(the_core_includes_only_itself)
{
    static const char *const core[] = {"src"};
    ck_assert_uint_eq(bad_includes("src/*.[ch]", core, 1), 0);
}
END_TEST

START_TEST(the_notebook_includes_only_itself_and_the_core)
{
    static const char *const notebook[] = {"src/notebook", "src"};
    ck_assert_uint_eq(bad_includes("src/notebook/*.[ch]", notebook, 2), 0);
}
END_TEST

START_TEST(each_chapter_includes_only_itself_the_notebook_and_the_core)
{
    glob_t g;
    ck_assert_int_eq(glob("chapters/*/main.c", 0, NULL, &g), 0);
    ck_assert_uint_ge(g.gl_pathc, 6);
    for (size_t k = 0; k < g.gl_pathc; k++) {
        char dir[256], pattern[300];
        snprintf(dir, sizeof dir, "%s", g.gl_pathv[k]);
        *strrchr(dir, '/') = '\0';
        snprintf(pattern, sizeof pattern, "%s/*.[ch]", dir);
        const char *const chapter[] = {dir, "src/notebook", "src"};
        ck_assert_msg(bad_includes(pattern, chapter, 3) == 0, "%s", dir);
    }
    globfree(&g);
}
END_TEST

START_TEST(the_tools_include_only_the_notebook_and_the_core)
{
    static const char *const tool[] = {"src/notebook", "src"};
    ck_assert_uint_eq(bad_includes("tools/*.c", tool, 2), 0);
}
END_TEST

/* The check is not blind: a core file that includes the notebook fails it. */
START_TEST(a_core_file_that_includes_the_notebook_is_caught)
{
    mkdir("build", 0755);
    mkdir("build/test_includes", 0755);
    write_file("build/test_includes/nn_bad.c", "#include <math.h>\n#include \"nn.h\"\n#include \"nb.h\"\n");
    static const char *const core[] = {"src"};
    ck_assert_uint_eq(bad_includes("build/test_includes/*.c", core, 1), 1);
}
END_TEST

Suite *includes_suite(void)
{
    Suite *s = suite_create("includes");
    TCase *tc = tcase_create("include rules");
    tcase_add_test(tc, the_core_includes_only_itself);
    tcase_add_test(tc, the_notebook_includes_only_itself_and_the_core);
    tcase_add_test(tc, each_chapter_includes_only_itself_the_notebook_and_the_core);
    tcase_add_test(tc, the_tools_include_only_the_notebook_and_the_core);
    tcase_add_test(tc, a_core_file_that_includes_the_notebook_is_caught);
    suite_add_tcase(s, tc);
    return s;
}
