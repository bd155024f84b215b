/* nn_internal.h: helpers shared by the library's modules; not for programs. */
#ifndef NN_INTERNAL_H
#define NN_INTERNAL_H

#include "nn.h"
#include "nn_libm_map.h" /* tanh(x), exp(x), ...: the notebook's own */

/* Returns from the calling function unless A is (rows, cols): nn_expect_matrix. */
#define EXPECT(fn, name, A, rows, cols)                                         \
    do {                                                                        \
        nn_status s_ = nn_expect_matrix(fn, name, A, rows, cols);              \
        if (s_ != NN_OK)                                                        \
            return s_;                                                          \
    } while (0)

/* A name from the input, quoted in a message at most NN__NAME_SHOWN bytes
 * long: printf("'%.*s%s'", NN__SHORT(name)) shows "'abc...'" for a longer
 * one, so that a 16 MiB column name cannot crowd out the reason. */
#define NN__NAME_SHOWN 64
#define NN__SHORT(s)                                                            \
    (int)(strlen(s) > NN__NAME_SHOWN ? NN__NAME_SHOWN : strlen(s)), (s),        \
        (strlen(s) > NN__NAME_SHOWN ? "..." : "")

/* The first of names (in their order) equal to an earlier one, or n if all
 * differ, or (size_t)-1 if memory runs out: a sort, O(n log n), so that a
 * header of a million columns is checked at once (nn_data.c). */
size_t nn__first_repeat(char *const *names, size_t n);

/* The sine and cosine the dataset generators use (nn_data.c): the C
 * library's by default, or these (NULL restores it). */
void nn__data_trig(double (*sin_f)(double), double (*cos_f)(double));
/* The logarithm of nn_rng_randn: the C library's by default, or log_f
 * (NULL restores it). */
void nn__rng_log(double (*log_f)(double));

void nn__add_bias(gsl_matrix *Z, const gsl_vector *b);            /* Z += b, broadcast */
void nn__apply(gsl_matrix *A, const gsl_matrix *Z, double (*g)(double)); /* A = g(Z) */
double nn__cross_entropy(const gsl_matrix *Z, const gsl_matrix *Y); /* J from logits */
void nn__row_means(gsl_vector *db, const gsl_matrix *dZ);          /* (1/m) sum_i */
void nn__matrix_axpy(double alpha, const gsl_matrix *X, gsl_matrix *Y); /* Y += alpha X */

/* The bookkeeping the three trainers (nn_train, nn_train_fast,
 * nn_logreg_train) share.  nn__check_rate: NN_EINVAL naming fn unless the
 * learning rate is a positive number.  nn__records, nn__reports: whether the
 * cost before step it is recorded (opt->cost_every) or reported to the
 * progress hook.  nn__step_cost, with that cost J: NN_ENUM (naming fn, it
 * and the rate) unless J is a number, then records it into cost_history
 * (may be NULL) and calls the hook as those say; *stop is 1 when the hook
 * asks to stop. */
nn_status nn__check_rate(const char *fn, double learning_rate);
static inline int nn__records(const nn_train_options *opt, size_t it)
{
    return it % (opt->cost_every ? opt->cost_every : 1) == 0;
}
static inline int nn__reports(const nn_train_options *opt, size_t it)
{
    return opt->progress && opt->report_every && it % opt->report_every == 0;
}
nn_status nn__step_cost(const char *fn, const nn_train_options *opt, size_t it, double J,
                        double *cost_history, int *stop);

/* The fused core's pass: 1 runs it on the baseline instruction set even where
 * the CPU has AVX2, 0 lets it choose again; for the test that the two agree. */
void nn__fast_baseline(int on);
/* The instruction sets the core may use: 1 where the CPU has AVX2 and FMA
 * and the environment does not say NN_ISA=baseline, else 0 (read once).
 * Either way every result has the same bits. */
int nn__isa_avx2_fma(void);
/* The own functions under their own names (nn_libm.c); nn_tanh and the
 * others are weak aliases of these, so that a program can wrap them
 * (chapter 7 counts the calls). */
double nn__tanh(double x);
double nn__expm1(double x);
double nn__exp(double x);
double nn__log1p(double x);
/* The same without fused multiply-adds: glibc's copies for a CPU without
 * FMA (nn_libm_plain.c). */
double nn__tanh_plain(double x);
double nn__expm1_plain(double x);
double nn__exp_plain(double x);
double nn__log1p_plain(double x);
/* Whether glibc runs its FMA-compiled exp, expm1 and log1p here (its own
 * view of the CPU, GLIBC_TUNABLES included): 1, 0, or -1 where it cannot
 * tell.  For check_vmath and vmath_check, which compare nn_libm.c or
 * nn_libm_plain.c with the copies glibc runs; the notebook's results do not
 * depend on it. */
int nn__glibc_runs_fma(void);

/* For the comparisons of check_vmath and vmath_check: the own functions and
 * their plain versions as block functions, one value at a time (own_tanh,
 * own_exp, own_log1p, plain_tanh, plain_exp, plain_log1p), defined static in
 * the file that says NN__SCALAR_BLOCKS. */
#define NN__SCALAR_BLOCK(name, f)                                                \
    static void name(double *y, const double *x, size_t n)                       \
    {                                                                            \
        for (size_t i = 0; i < n; i++)                                           \
            y[i] = f(x[i]);                                                      \
    }
#define NN__SCALAR_BLOCKS                                                        \
    NN__SCALAR_BLOCK(own_tanh, nn__tanh)                                         \
    NN__SCALAR_BLOCK(own_exp, nn__exp)                                           \
    NN__SCALAR_BLOCK(own_log1p, nn__log1p)                                       \
    NN__SCALAR_BLOCK(plain_tanh, nn__tanh_plain)                                 \
    NN__SCALAR_BLOCK(plain_exp, nn__exp_plain)                                   \
    NN__SCALAR_BLOCK(plain_log1p, nn__log1p_plain)

/* nn_vmath.c: y[i] = nn_tanh(x[i]), nn_exp(x[i]) or nn_log1p(x[i]) for
 * i < n, four at a time in AVX2 lanes where nn__isa_avx2_fma(), with the
 * same bits either way; y may be x. */
void nn__tanh_block(double *y, const double *x, size_t n);
void nn__exp_block(double *y, const double *x, size_t n);
void nn__log1p_block(double *y, const double *x, size_t n);
/* Which of the three compute in lanes here (the others one value at a
 * time), and the same in words, for example "tanh, exp, log1p: avx2+fma
 * lanes". */
enum { NN__LANES_TANH = 1, NN__LANES_EXP = 2, NN__LANES_LOG1P = 4 };
unsigned nn__vmath_lanes(void);
const char *nn__vmath_path(void);
/* Why not all three compute in lanes ("" if they do): no AVX2 or FMA,
 * NN_ISA=baseline, or the lanes disagreed with the scalar functions at
 * start-up (naming the argument), which a test must never see. */
const char *nn__vmath_why(void);
/* The four-lane versions alone, whatever NN_ISA says (vmath_check --lanes):
 * each returns 0 and computes nothing unless the CPU can run it. */
int nn__tanh_lanes(double *y, const double *x, size_t n);
int nn__exp_lanes(double *y, const double *x, size_t n);
int nn__log1p_lanes(double *y, const double *x, size_t n);

#endif
