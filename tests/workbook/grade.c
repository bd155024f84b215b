/* grade: grades the workbook's functions, one line each.
 *
 *   grade [CHAPTER]      every function, or those of chapter 1-6
 *
 * Linked with the learner's files (make grade) or the reference answers
 * (make grade-solutions): the table below takes the functions by their
 * course names, and the graded tests (tests/check_course_units.c) take
 * them only through it.  Each function is graded in its own process with a
 * time limit, so a crash or an endless loop fails that function and the
 * grading goes on.  Exit status 0 when every graded function passes. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>

#include "graded.h"
#include "workbook.h"

static const workbook_fns yours = {
    .who = "your code",
    .layer_sizes = layer_sizes,
    .forward_propagation = forward_propagation,
    .sigmoid = sigmoid,
    .sigmoid_prime = sigmoid_prime,
    .tanh_prime = tanh_prime,
    .relu = relu,
    .relu_prime = relu_prime,
    .compute_cost = compute_cost,
    .backward_propagation = backward_propagation,
    .numerical_gradient = numerical_gradient,
    .relative_difference = relative_difference,
    .initialize_parameters = initialize_parameters,
    .update_parameters = update_parameters,
    .nn_model = nn_model,
    .predict = predict,
};

#define NOT_IMPLEMENTED_TEXT "not implemented"

_Noreturn void workbook_not_implemented(const char *function)
{
    ck_abort_msg(NOT_IMPLEMENTED_TEXT " (%s still starts with NOT_IMPLEMENTED)", function);
}

/* A GSL call that refuses its arguments (a copy between matrices of
 * different sizes, an index out of range) or cannot allocate fails the
 * function at once, naming GSL's reason. */
static void gsl_refused(const char *reason, const char *file, int line, int gsl_errno)
{
    if (gsl_errno == GSL_ENOMEM)
        ck_abort_msg("out of memory: GSL could not allocate (%s); is a size far too large?",
                     reason);
    ck_abort_msg("a GSL call refused its arguments: %s (%s:%d); do the shapes fit?", reason,
                 file, line);
}

/* gsl_blas_dgemm as GSL computes it (the same call of the reference BLAS,
 * so the same bits), but a product whose shapes do not fit fails the
 * function naming the matrices and their shapes, where GSL says "invalid
 * length".  Defined here, it takes the place of GSL's in the grader. */
static void describe(char *out, size_t len, const gsl_matrix *A, CBLAS_TRANSPOSE_t t)
{
    const char *name = graded_name_of(A);
    snprintf(out, len, "%s%s (%zu, %zu)", name ? name : "a matrix", t == CblasNoTrans ? "" : "^T",
             t == CblasNoTrans ? A->size1 : A->size2, t == CblasNoTrans ? A->size2 : A->size1);
}

int gsl_blas_dgemm(CBLAS_TRANSPOSE_t TransA, CBLAS_TRANSPOSE_t TransB, double alpha,
                   const gsl_matrix *A, const gsl_matrix *B, double beta, gsl_matrix *C)
{
    const size_t M = C->size1, N = C->size2;
    const size_t MA = TransA == CblasNoTrans ? A->size1 : A->size2;
    const size_t NA = TransA == CblasNoTrans ? A->size2 : A->size1;
    const size_t MB = TransB == CblasNoTrans ? B->size1 : B->size2;
    const size_t NB = TransB == CblasNoTrans ? B->size2 : B->size1;
    if (M != MA || N != NB || NA != MB) {
        char a[64], b[64], c[64];
        describe(a, sizeof a, A, TransA);
        describe(b, sizeof b, B, TransB);
        describe(c, sizeof c, C, CblasNoTrans);
        if (NA != MB)
            ck_abort_msg("gsl_blas_dgemm: %s times %s: the sizes in the middle, %zu and %zu, "
                         "differ (a transpose missing or one too many?)", a, b, NA, MB);
        ck_abort_msg("gsl_blas_dgemm: %s times %s is (%zu, %zu), but the result %s is not", a, b,
                     MA, NB, c);
    }
    cblas_dgemm(CblasRowMajor, TransA, TransB, (int)M, (int)N, (int)NA, alpha, A->data,
                (int)A->tda, B->data, (int)B->tda, beta, C->data, (int)C->tda);
    return GSL_SUCCESS;
}

/* The learner's file that holds function g: named after its chapter's
 * folder (the start of g's section link), in the workbook folder (make
 * grade says which in WORKBOOK; workbook by default). */
static void exercise_file(char *out, size_t len, const graded_function *g)
{
    const char *folder = g->section + strlen("chapters/");
    const char *workbook = getenv("WORKBOOK");
    snprintf(out, len, "%s/%.*s.c", workbook && *workbook ? workbook : "workbook",
             (int)strcspn(folder, "/"), folder);
}

/* What grading a function found. */
typedef enum { UNGRADED, PASSED, TODO, FAILED } verdict;
static verdict verdicts[GRADED_FUNCTIONS];
static char messages[GRADED_FUNCTIONS][1024];

static int index_of(const char *name, size_t len)
{
    for (int f = 0; f < GRADED_FUNCTIONS; f++)
        if (strlen(graded_functions[f].name) == len &&
            strncmp(graded_functions[f].name, name, len) == 0)
            return f;
    return -1;
}

/* Grades function f in a process of its own (once), keeping the verdict
 * and the failure's message. */
static verdict grade(int f)
{
    if (verdicts[f] != UNGRADED)
        return verdicts[f];
    SRunner *sr = srunner_create(graded_suite_of(&yours, graded_functions[f].name));
    srunner_set_fork_status(sr, CK_FORK);
    srunner_run_all(sr, CK_SILENT);
    TestResult **r = srunner_failures(sr);
    verdicts[f] = PASSED;
    if (srunner_ntests_failed(sr) > 0) {
        const char *msg = tr_msg(r[0]);
        size_t who = strlen(yours.who);
        if (strncmp(msg, yours.who, who) == 0 && msg[who] == ':')
            msg += who + 2; /* "your code: " says nothing here */
        if (strstr(msg, "Test timeout expired"))
            snprintf(messages[f], sizeof messages[f],
                     "did not finish within its time limit (an endless loop?)");
        else
            snprintf(messages[f], sizeof messages[f], "%s%s",
                     tr_rtype(r[0]) == CK_ERROR ? "crashed: " : "", msg);
        verdicts[f] = strncmp(messages[f], NOT_IMPLEMENTED_TEXT, strlen(NOT_IMPLEMENTED_TEXT))
                          ? FAILED : TODO;
    }
    free(r);
    srunner_free(sr);
    return verdicts[f];
}

/* The first function f needs that fails (graded silently if not yet), or
 * -1.  One not implemented yet does not block: f is graded, and says so if
 * it calls it. */
static int blocking(int f)
{
    const char *p = graded_functions[f].needs;
    while (*p) {
        size_t len = strcspn(p, " ");
        int d = index_of(p, len);
        if (d >= 0 && grade(d) == FAILED)
            return d;
        p += len + (p[len] == ' ');
    }
    return -1;
}

/* The line for function f; returns the function to work on next because
 * of it (f, one it needs, or -1 when it passes). */
static int report(int f)
{
    const graded_function *g = &graded_functions[f];
    char where[4096];
    exercise_file(where, sizeof where, g);
    int d = blocking(f);
    if (d >= 0) {
        printf("WAIT  %s: needs %s, which does not pass yet\n", g->name,
               graded_functions[d].name);
        return d;
    }
    verdict v = grade(f);
    const char *msg = messages[f];
    char other[64] = "";
    if (v == PASSED) {
        printf("PASS  %s\n", g->name);
        return -1;
    }
    if (v == TODO && sscanf(msg, NOT_IMPLEMENTED_TEXT " (%63s", other) == 1 &&
        strcmp(other, g->name) != 0) {
        printf("WAIT  %s: needs %s, which is not implemented yet\n", g->name, other);
        int o = index_of(other, strlen(other));
        return o >= 0 ? o : f;
    }
    const char *replaced = getenv("GRADE_REPLACED"); /* files make grade could not use */
    if (v == TODO && replaced && strstr(replaced, where))
        printf("TODO  %s: not graded, %s does not compile or link (above)\n", g->name, where);
    else if (v == TODO)
        printf("TODO  %s: not implemented yet (%s)\n", g->name, where);
    else
        printf("FAIL  %s: %s (%s)\n", g->name, msg, where);
    return f;
}

int main(int argc, char **argv)
{
    int chapter = 0;
    if (argc > 2 || (argc == 2 && (sscanf(argv[1], "%d", &chapter) != 1 || chapter < 1 ||
                                   chapter > 6))) {
        fprintf(stderr, "usage: %s [CHAPTER], CHAPTER from 1 to 6\n", argv[0]);
        return 2;
    }
    gsl_set_error_handler(gsl_refused);
#ifndef __SANITIZE_ADDRESS__
    /* a runaway allocation fails (NULL) instead of taking the machine */
    struct rlimit as = {(rlim_t)4 << 30, (rlim_t)4 << 30};
    setrlimit(RLIMIT_AS, &as);
#endif
    int graded = 0, passed = 0, next = -1;
    for (int f = 0; f < GRADED_FUNCTIONS; f++) {
        if (chapter && GRADED_CHAPTER(&graded_functions[f]) != chapter)
            continue;
        graded++;
        int work_on = report(f);
        if (work_on < 0)
            passed++;
        else if (next < 0)
            next = work_on;
    }
    printf("%d of %d functions pass\n", passed, graded);
    if (next >= 0) {
        char where[4096];
        exercise_file(where, sizeof where, &graded_functions[next]);
        printf("next: %s, in %s; its derivation: %s\n", graded_functions[next].name, where,
               graded_functions[next].section);
    }
    return passed == graded ? 0 : 1;
}
