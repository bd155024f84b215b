/* nb.h: what the notebook's programs share besides the network itself.
 *
 * Unlike the nn_ library, the nb_die family prints and exits: it is the one
 * place that decides what a user of a program sees.  Outputs are written to
 * temporary files and renamed into place only by nb_commit() at the very
 * end, so a program that fails leaves every earlier output as it was. */
#ifndef NB_H
#define NB_H

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "nn.h"

/* In a function that returns nn_status: return NN_EDIM (or NN_EINVAL)
 * unless A is (rows, cols), as the library's own functions do. */
#define NB_EXPECT(fn, name, A, rows, cols)                                      \
    do {                                                                        \
        nn_status s_ = nn_expect_matrix(fn, name, A, rows, cols);               \
        if (s_ != NN_OK)                                                        \
            return s_;                                                          \
    } while (0)

/* Remember the program's name for messages; switch off GSL's abort(). */
void nb_init(int argc, char **argv);
/* Correctly rounded sin, cos and log (MPFR's, rounded once) for the
 * datasets and the normal draws, so that they do not depend on the host's
 * C library (nb_exact.c); nb_init installs them. */
double nb_exact_sin(double x);
double nb_exact_cos(double x);
double nb_exact_log(double x);
double nb_exact_pow(double x, double y); /* x^y, for steps such as 10^-7 */
void nb_exact_math(void);

/* "program: message" on stderr, temporary outputs removed, exit status 1.
 * The message is one line whatever it quotes: control characters in it are
 * escaped (\n, \x1b), and a huge one loses its middle, never its end. */
_Noreturn void nb_die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same line, and the program goes on. */
void nb_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* s on f with what could break a line or drive a terminal escaped: control
 * characters (C0, DEL, C1) as \n, \t, \x1b, \u009b, and bytes that are
 * not UTF-8 as \xHH. */
void nb_put_escaped(FILE *f, const char *s);
/* A name from the input, for a message: printf("'%.*s%s'", NB_SHORT(name))
 * shows at most 64 bytes of it, then "...". */
#define NB_SHORT(s)                                                             \
    (int)(strlen(s) > 64 ? 64 : strlen(s)), (s), (strlen(s) > 64 ? "..." : "")
/* The length of the UTF-8 character s starts with (1 to 4), or 0 if s
 * does not start with a valid one (or is empty). */
size_t nb_utf8_char(const char *s);
/* "dir/name" followed by suffix, allocated (free() it): no path is cut
 * short.  Dies if memory runs out. */
char *nb_join(const char *dir, const char *name, const char *suffix);
/* Dies with nn_errmsg() unless s is NN_OK. */
void nb_try(nn_status s);
/* Dies with nn_errmsg() if p is NULL; returns p. */
void *nb_ok(void *p);

/* Runs the program argv[0] (looked up in PATH; a relative path is taken
 * from here) with the argument vector argv (NULL-terminated), in the
 * directory dir (NULL: this one), standard input from /dev/null: no shell,
 * so no argument is ever parsed as a command.  What it writes to stdout
 * goes into out (at most out_cap - 1 bytes kept; out may be NULL), the
 * first line of its stderr into err (may be NULL).  A run longer than
 * timeout seconds (0: no limit) is killed.  Returns its exit status, 128 +
 * the signal that killed it (err then names the signal, or the timeout),
 * or -1 if it could not be started (err says why). */
int nb_run(char *const argv[], const char *dir, double timeout, char *out, size_t out_cap,
           char *err, size_t err_cap);
/* For a signal handler: kills the program nb_run is waiting for, if any,
 * and reaps it (async-signal-safe). */
void nb_run_stop(void);

/* The options every chapter program takes: --out DIR for results and
 * --data DIR for the datasets (both must exist). */
typedef struct {
    const char *out;
    const char *data;
    const char *part; /* --part NAME, or NULL: every part */
    int bench;
} nb_args;
/* Parses argv; --help prints usage (which names the program's purpose) and
 * exits 0; anything unknown, missing or extra dies naming it, and so does
 * --bench: this program has no benchmark. */
void nb_parse_args(int argc, char **argv, const char *purpose, nb_args *args);
/* The same for a program with a benchmark: --data DIR --bench (no --out)
 * sets args->bench, and the program then times its work and prints the
 * figures to stdout, writing no file: timings vary, committed outputs must not. */
void nb_parse_bench_args(int argc, char **argv, const char *purpose, nb_args *args);
/* The same for a program whose long studies run apart, so that the build can
 * schedule them on different cores: parts names them (NULL-terminated), and
 * --part NAME runs one of them, or "main", everything else.  Without --part
 * the program runs every part.  A part other than main writes into
 * OUT/NAME/ (nb_part_dir), with its own values.txt. */
void nb_parse_part_args(int argc, char **argv, const char *purpose, const char *const *parts,
                        nb_args *args);
/* Whether this run does the part called name ("main" for the rest). */
int nb_runs_part(const nb_args *args, const char *name);
/* OUT/name/, created if missing; free() it. */
char *nb_part_dir(const nb_args *args, const char *name);

/* Strict conversions for command-line values: the whole string must be a
 * number in [lo, hi]; otherwise die naming the option and the value. */
unsigned long nb_parse_ulong(const char *option, const char *text, unsigned long lo,
                             unsigned long hi);
double nb_parse_double(const char *option, const char *text, double lo, double hi);

/* dir/name, written to a temporary file until nb_commit(). */
FILE *nb_create(const char *dir, const char *name);
/* The same for a path "dir/name" or "name". */
FILE *nb_create_path(const char *path);
/* The same for prose (a README), whose words may include "NaN". */
FILE *nb_create_prose_path(const char *path);
/* Closes every file nb_create opened and renames them all into place, or
 * none: if one cannot be, the files already replaced are put back.  Dies,
 * writing nothing, if a file other than prose holds a non-finite number
 * (a field "nan", "inf", "-inf" or "infinity"). */
void nb_commit(void);

/* The number of doubles from a to b: 0 if a == b (+0 and -0 are equal),
 * counted on the integers that order the doubles (negatives below zero);
 * UINT64_MAX if either is NaN. */
uint64_t nb_ulps(double a, double b);

/* Seconds on a monotonic clock, for timing (nb_run.c): only differences mean
 * anything. */
double nb_seconds(void);

/* "key = value" lines for results/<chapter>/values.txt. */
void nb_kv(FILE *f, const char *key, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A key built like printf's output, for nb_kv: nb_kv(values, nb_key("rate_%zu",
 * k + 1), "%g", rate).  The buffer is reused by the next call; the program
 * dies if the key does not fit. */
const char *nb_key(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads dir/name as a dataset, dying with a clear message if it is bad. */
nn_dataset *nb_read_dataset(const char *dir, const char *name);
/* The notebook's datasets, checked up front: the course's flower has 400
 * points, 200 of each class; the four extra datasets 200 points each. */
#define NB_FLOWER_M 400
#define NB_EXTRA_M 200
/* dir/flower.csv, dying unless it is the flower's shape: 2 features, 400
 * examples, 200 of each class. */
nn_dataset *nb_read_flower(const char *dir);
/* dir/name, dying unless it has 2 features (points in the plane), m
 * examples and both classes. */
nn_dataset *nb_read_planar(const char *dir, const char *name, size_t m);

/* ------------------------------------------------ decision-boundary grids */

/* The (2, n n) matrix of a regular n-by-n grid over X's two rows, from
 * min - margin to max + margin on each axis, x varying fastest. */
gsl_matrix *nb_grid_alloc(const gsl_matrix *X, size_t n, double margin);
/* "x y class" lines, class = 1 where A > 0.5, a blank line after each grid
 * row: gnuplot's grid format, drawn `with image`.  A is (1, n n). */
void nb_write_grid(FILE *f, const gsl_matrix *grid, size_t n, const gsl_matrix *A);
/* The network's A2 over the columns of X (a grid, or examples); A is (1,
 * columns of X).  The forward pass runs on batches of columns, so that its
 * cache stays under 2^24 numbers for any n_h; each column is computed alone,
 * so the bits are those of one pass over all of them. */
void nb_net_over(gsl_matrix *A, const nn_params *p, const gsl_matrix *X);
/* Logistic regression's A over a grid. */
void nb_logreg_over(gsl_matrix *A, const nn_logreg *lr, const gsl_matrix *grid);

/* The notebook's decision-region figures: an NB_GRID x NB_GRID grid reaching
 * NB_GRID_MARGIN beyond the data on every side. */
enum { NB_GRID = 200 };
#define NB_GRID_MARGIN 1.0
/* Writes out/file: the decision regions over X's range of a network or of a
 * logistic regression (exactly one of p, lr is not NULL), as nb_write_grid. */
void nb_write_boundary(const char *out, const char *file, const gsl_matrix *X,
                       const nn_params *p, const nn_logreg *lr);

/* A Markdown table of every variable's shape, read off the objects by
 * nb_shapes_read: variable (with its gradient beside it), shape in symbols,
 * shape here, and whether the derivation makes it grow with m.  Dies if a
 * gradient's shape differs from its variable's.  X is (n_x, m), Y (1, m). */
void nb_write_shapes(FILE *f, const nn_params *p, const nn_cache *cache, const nn_grads *grads,
                     const gsl_matrix *X, const gsl_matrix *Y);

/* The course's network (chapter 6): W1 then W2 drawn from np.random.seed(2)
 * at scale 0.01, b = 0, then `iterations` steps of gradient descent at
 * learning rate 1.2.  cost (may be NULL) receives the cost before each step;
 * progress (may be NULL) is called every report_every iterations. */
#define NB_COURSE_SEED 2
#define NB_COURSE_LEARNING_RATE 1.2
nn_params *nb_train_course(const nn_dataset *d, size_t n_h, nn_activation_id hidden,
                           size_t iterations, double *cost, nn_progress_fn progress,
                           size_t report_every);

/* The same network from any seed, trained with any options, in two steps.
 * nb_params_seeded: W1 then W2 drawn from np.random.seed(seed) at scale
 * NN_INIT_SCALE (0.01), b = 0, for d's n_x and the given n_h and hidden.
 * nb_train_params: gradient descent on p in place, from its current values,
 * with opt (learning rate, iterations, progress hook and its user pointer).
 * cost (may be NULL) receives the costs opt->cost_every asks for; cache
 * (may be NULL) holds the forward pass on the iterations where the progress
 * hook is called, so that a hook given it through opt->user can read Z1 and
 * A1.  Trains with nn_train_fast, which gives nn_train's bits; returns its
 * status, NN_ENUM if the cost became NaN or infinite, for the caller to
 * report; only running out of memory dies.  nb_train_course is
 * nb_params_seeded(NB_COURSE_SEED) followed by nb_train_params at
 * NB_COURSE_LEARNING_RATE, dying on any error. */
nn_params *nb_params_seeded(const nn_dataset *d, size_t n_h, nn_activation_id hidden,
                            unsigned long seed);
nn_status nb_train_params(nn_params *p, const nn_dataset *d, const nn_train_options *opt,
                          nn_cache *cache, double *cost);

/* The first index whose cost, printed with 9 decimals as the course prints
 * it (%.9f), differs between a and b; n if none does: where two runs come apart. */
size_t nb_nine_decimals_differ(const double *a, const double *b, size_t n);
/* Whether a and b hold the same parameters, bit for bit (0.0 and -0.0
 * differ here). */
int nb_same_params(const nn_params *a, const nn_params *b);
/* The first iteration whose cost is at or below target ("iterations to
 * reach J <= 0.3", chapters 3 and 5); n if none is (a NaN never is). */
size_t nb_first_at_or_below(const double *cost, size_t n, double target);

/* Cost and training accuracy (percent) of a trained network on d. */
void nb_evaluate(const nn_params *p, const nn_dataset *d, double *cost, double *accuracy);

/* ------------------------- README markers filled from results and sources
 *
 * In a chapter's README.md,
 *     <!--v:key-->text<!--/v-->        text becomes key's value in values.txt
 *     <!--t:name-->                    everything up to <!--/t--> becomes
 *     ...                              the table results/<chapter>/name.md
 *     <!--/t-->
 *     [`name`](path.c#L1-L2)           the range becomes the lines of name's
 *                                      definition in path (relative to README)
 * nb_fill returns the filled text in *out (malloc'd) and, when first_diff is
 * not NULL, names there the first marker or code link whose text changed
 * ("" if none).  A line that starts with a value marker (CONTRIBUTING.md,
 * "Markdown that renders everywhere"), a marker without a value, a
 * malformed marker or a code link to a definition that is not there is
 * NN_EDATA, with a message that begins "readme:line:". */
nn_status nb_fill(const char *text, const char *readme, const char *results_dir, char **out,
                  char *first_diff, size_t diff_len);

/* A whole file in memory (malloc'd, NUL-terminated); NULL with nn_errmsg. */
char *nb_slurp(const char *path);

#endif
