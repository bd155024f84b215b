/* nn.h: a neural network with one hidden layer, on GSL, and the parameter
 * layout (nn_theta) for a network of any depth.
 *
 * Conventions used everywhere in this library and in the chapters:
 *
 *   Examples are columns.  X is (n_x, m), Y is (1, m): column i is example i.
 *   n_x = n^[0] input features, n_h = n^[1] hidden units, n_y = n^[2] = 1.
 *
 *   W1 (n_h, n_x)   b1 (n_h)   Z1, A1 (n_h, m)
 *   W2 (1,   n_h)   b2 (1)     Z2, A2 (1,   m)
 *
 *   b1 and b2 are column vectors broadcast over the m columns.
 *   Gradients carry the name of what they differentiate, prefixed by d:
 *   dW1 has W1's shape, dZ1 has Z1's shape, and so on.
 *
 * Errors: every function that can fail returns an nn_status (NN_OK is 0).
 * nn_errmsg() then gives one line naming the problem (for shapes, the
 * shapes).  Library code never prints and never exits; hot loops (forward,
 * backward, update, the training loop) never allocate: they write into
 * caches the caller allocated once.
 */
#ifndef NN_H
#define NN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_vector.h>

/* ------------------------------------------------------------------ errors */

typedef enum {
    NN_OK = 0,
    NN_EDIM,   /* shapes do not fit: the message names them */
    NN_EINVAL, /* a bad argument value */
    NN_ENOMEM, /* an allocation failed */
    NN_EIO,    /* a file could not be read or written */
    NN_EDATA,  /* a file was read but its contents are wrong */
    NN_ENUM    /* a computation produced NaN or infinity */
} nn_status;

/* The message of the last error raised in this thread: one line, no newline. */
const char *nn_errmsg(void);

/* Record an error (printf-style) and return its status; for the library's
 * own modules and for programs that report through the same channel. */
nn_status nn_error(nn_status status, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The check every function makes on entry: NN_OK if A is (rows, cols), else
 * NN_EDIM with a message naming fn, the object and both shapes ("nn_forward:
 * X is (3, 400), expected (2, 400)"), or NN_EINVAL if A is NULL. */
nn_status nn_expect_matrix(const char *fn, const char *name, const gsl_matrix *A,
                           size_t rows, size_t cols);

/* ------------------------------------- random stream identical to numpy's */

/* numpy's legacy RandomState on GSL's MT19937: the same seeding
 * (init_genrand), the same 53-bit uniforms and the same polar-method normals,
 * so that seed s gives the numbers np.random.seed(s) gives. */
typedef struct {
    gsl_rng *r;       /* MT19937 */
    int has_gauss;    /* a second normal from the last polar draw is kept */
    double gauss;     /* ... and this is it */
} nn_rng;

/* Seeds must be 1 .. 2^32 - 1: GSL silently replaces seed 0 by 4357, which
 * numpy does not, so seed 0 is refused (NN_EINVAL) rather than misreproduced. */
nn_rng *nn_rng_alloc(unsigned long seed);
void nn_rng_free(nn_rng *rng);
nn_status nn_rng_seed(nn_rng *rng, unsigned long seed); /* clears the kept normal */
uint32_t nn_rng_next32(nn_rng *rng);                    /* raw 32-bit word */
double nn_rng_uniform(nn_rng *rng);                     /* [0, 1), 53 bits */
double nn_rng_randn(nn_rng *rng);                       /* N(0, 1) */
/* A = scale * randn(rows, cols), filled row by row as numpy fills it. */
void nn_rng_fill_randn(nn_rng *rng, gsl_matrix *A, double scale);

/* ----------------------------------------------------- the own libm
 *
 * tanh, expm1, exp and log1p with the same bits on every machine: glibc
 * 2.36's FMA-compiled algorithms written out in C, with fma() where those
 * fuse (nn_libm.c).  The library calls them wherever the chapters write
 * tanh, exp and log1p, so that no result depends on the host's C library
 * or CPU.  Special values (NaN, infinities, overflow) as the C library's.
 * The fused core computes them four at a time in AVX2 lanes where the CPU
 * has AVX2 and FMA, with the same bits; the environment variable
 * NN_ISA=baseline makes it use no lanes (CI builds so, as another CPU). */
double nn_tanh(double x);
double nn_expm1(double x);
double nn_exp(double x);
double nn_log1p(double x);

/* ------------------------------------------------------------- activations */

typedef enum {
    NN_SIGMOID = 0,
    NN_TANH,
    NN_RELU,
    NN_LEAKY_RELU, /* slope 0.01 for z < 0 */
    NN_LINEAR,     /* the identity */
    NN_ACTIVATION_COUNT
} nn_activation_id;

typedef struct {
    const char *name;          /* "sigmoid", "tanh", "relu", "leaky_relu", "linear" */
    const char *formula;       /* g(z) in LaTeX, for tables */
    const char *derivative;    /* g'(z) in LaTeX, for tables */
    double (*g)(double z);
    double (*dg)(double z);    /* g'(z); at a kink, the right-hand slope */
} nn_activation;

#define NN_LEAKY_SLOPE 0.01

/* The table, indexed by nn_activation_id. */
extern const nn_activation nn_activations[NN_ACTIVATION_COUNT];
const nn_activation *nn_activation_get(nn_activation_id id);
/* 1 if g has a kink (no derivative) at z = 0: ReLU and leaky ReLU; else 0. */
int nn_activation_has_kink(nn_activation_id id);
/* Look up by name; NN_EINVAL (naming the bad name) when unknown. */
nn_status nn_activation_find(const char *name, nn_activation_id *id);

double nn_sigmoid(double z);
double nn_sigmoid_prime(double z);

/* ---------------------------------------------------- the parameter layout
 *
 * A network of L layers, n[0] inputs and n[l] units in layer l, has its
 * parameters in one vector theta, block after block:
 *
 *     W^[1] row by row, b^[1], W^[2] row by row, b^[2], ..., W^[L], b^[L]
 *
 * Block 2(l-1) is W^[l], (n[l], n[l-1]); block 2l-1 is b^[l], (n[l]).  This
 * is the one place the layout is defined: the matrices W[l] and vectors b[l]
 * are views of theta, so a copy is one memcpy, an update one loop over
 * theta, and a gradient check a loop over its entries.  The gradients dW^[l],
 * db^[l] are an nn_theta too, laid out alike. */

/* Number of scalars in theta: the sum over l of n[l] n[l-1] + n[l]. */
size_t nn_layout_count(size_t L, const size_t *n);
/* Block k (0 .. 2L-1): its first index in theta, its rows and columns
 * (b^[l] is n[l] rows of 1), and its name "W<l>" or "b<l>" (name may be
 * NULL; 8 bytes are enough for l < 10^5). */
void nn_layout_block(size_t L, const size_t *n, size_t k, size_t *first, size_t *rows,
                     size_t *cols, char name[8]);
/* The block that index i (< nn_layout_count) belongs to. */
size_t nn_layout_block_of(size_t L, const size_t *n, size_t i);

typedef struct {
    size_t L;          /* layers */
    size_t *n;         /* n[0] .. n[L] */
    gsl_vector *theta; /* every parameter, in the layout's order */
    gsl_matrix **W;    /* W[1] .. W[L], views of theta (W[0] is NULL) */
    gsl_vector **b;    /* b[1] .. b[L], views of theta (b[0] is NULL) */
} nn_theta;

/* All zero.  NULL on failure (see nn_errmsg), naming a zero size. */
nn_theta *nn_theta_alloc(size_t L, const size_t *n);
void nn_theta_free(nn_theta *t);
/* 1 if a and b have the same L and sizes n[0] .. n[L]. */
int nn_theta_same_layout(const nn_theta *a, const nn_theta *b);

/* ------------------------------------------------------------ the network */

/* The one-hidden-layer network: L = 2, n = (n_x, n_h, 1).  W1, b1, W2, b2
 * are theta->W[1], theta->b[1], theta->W[2], theta->b[2], under the names
 * the chapters use. */
typedef struct {
    size_t n_x, n_h;        /* n_y is always 1 */
    nn_activation_id hidden; /* g^[1]; the output unit is always a sigmoid */
    gsl_matrix *W1;          /* (n_h, n_x) */
    gsl_vector *b1;          /* (n_h) */
    gsl_matrix *W2;          /* (1, n_h) */
    gsl_vector *b2;          /* (1) */
    nn_theta *theta;         /* all four, in one vector */
} nn_params;

/* Everything the forward pass computes for m examples, kept for backward. */
typedef struct {
    size_t m;
    gsl_matrix *Z1, *A1;     /* (n_h, m) */
    gsl_matrix *Z2, *A2;     /* (1, m) */
} nn_cache;

/* Gradients of the cost J, with the shapes of what they differentiate. */
typedef struct {
    gsl_matrix *dZ1;         /* (n_h, m) */
    gsl_matrix *dZ2;         /* (1, m) */
    gsl_matrix *dW1;         /* (n_h, n_x) */
    gsl_vector *db1;         /* (n_h) */
    gsl_matrix *dW2;         /* (1, n_h) */
    gsl_vector *db2;         /* (1) */
    nn_theta *dtheta;        /* dW1, db1, dW2, db2 in one vector, laid out as theta */
} nn_grads;

/* All parameters and biases zero.  NULL on failure (see nn_errmsg). */
nn_params *nn_params_alloc(size_t n_x, size_t n_h, nn_activation_id hidden);
void nn_params_free(nn_params *p);
nn_status nn_params_copy(nn_params *dst, const nn_params *src);

/* W1 = scale * randn(n_h, n_x), then W2 = scale * randn(1, n_h), both row by
 * row from the one stream; b1 = 0, b2 = 0.  The course uses scale = 0.01. */
#define NN_INIT_SCALE 0.01
void nn_params_init(nn_params *p, nn_rng *rng, double scale);

/* Number of scalar parameters: n_h n_x + n_h + n_h + 1. */
size_t nn_params_count(const nn_params *p);
/* The k-th scalar parameter, theta[k] (W1 row by row, b1, W2, b2); NULL
 * past the end. */
double *nn_params_at(nn_params *p, size_t k);

nn_cache *nn_cache_alloc(size_t n_h, size_t m);
void nn_cache_free(nn_cache *c);
nn_grads *nn_grads_alloc(size_t n_x, size_t n_h, size_t m);
void nn_grads_free(nn_grads *g);
/* The k-th scalar gradient, in the order of nn_params_at. */
double nn_grads_at(const nn_grads *g, size_t k);

/* Z1 = W1 X + b1, A1 = g(Z1), Z2 = W2 A1 + b2, A2 = sigma(Z2).
 * X is (n_x, m) with m = cache->m. */
nn_status nn_forward(nn_cache *cache, const nn_params *p, const gsl_matrix *X);

/* J = -(1/m) sum_i ( y log a + (1 - y) log(1 - a) ), a = A2.
 * Computed from Z2 as log a = -log(1 + e^-z), log(1 - a) = -log(1 + e^z),
 * so it stays finite when a rounds to 0 or 1.  Needs a forward pass. */
nn_status nn_cost(double *J, const nn_cache *cache, const gsl_matrix *Y);

/* dZ2 = A2 - Y
 * dW2 = (1/m) dZ2 A1^T            db2 = (1/m) sum over examples of dZ2
 * dZ1 = W2^T dZ2 * g'(Z1)        (element-wise)
 * dW1 = (1/m) dZ1 X^T             db1 = (1/m) sum over examples of dZ1 */
nn_status nn_backward(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                      const gsl_matrix *X, const gsl_matrix *Y);

/* theta = theta - learning_rate * dtheta for W1, b1, W2, b2. */
nn_status nn_update(nn_params *p, const nn_grads *grads, double learning_rate);

/* prediction(i) = 1 if A2(i) > 0.5 else 0; needs a forward pass.
 * predictions is (1, m). */
nn_status nn_predict(gsl_matrix *predictions, const nn_cache *cache);

/* Percentage of examples whose prediction equals Y. */
nn_status nn_accuracy(double *percent, const gsl_matrix *predictions,
                      const gsl_matrix *Y);

/* Called every report_every iterations with the cost before that
 * iteration's update; a non-zero return stops training early. */
typedef int (*nn_progress_fn)(size_t iteration, double cost, void *user);

typedef struct {
    double learning_rate;
    size_t iterations;
    size_t report_every;     /* 0: never report */
    nn_progress_fn progress; /* may be NULL */
    void *user;
    /* Which costs are recorded: 0 or 1, the cost before every step, into
     * cost_history[it]; k > 1, only those before steps 0, k, 2k, ..., into
     * cost_history[it / k], which then needs ceil(iterations / k) entries.
     * nn_train_fast computes no other cost, except at progress reports. */
    size_t cost_every;
} nn_train_options;

/* Gradient descent: for i = 0 .. iterations - 1: forward, cost (recorded in
 * cost_history as opt->cost_every says, when cost_history is not NULL),
 * backward, update.  The readable loop the chapters teach; nn_train_fast
 * below gives the same bits faster.
 * cache and grads must be allocated for X's m; nothing is allocated here.
 * NN_ENUM if the cost becomes NaN or infinite. */
nn_status nn_train(nn_params *p, nn_cache *cache, nn_grads *grads,
                   const gsl_matrix *X, const gsl_matrix *Y,
                   const nn_train_options *opt, double *cost_history);

/* The same training, fused (nn_fast.c): one pass over the examples per
 * iteration, a block at a time, with nothing computed twice and the cost
 * computed only when it is recorded or reported.  The parameters and every
 * recorded cost equal nn_train's bit for bit (tests/check_fast.c), as long
 * as GSL multiplies with its reference BLAS (libgslcblas, which the build
 * links): the fused sums repeat its order, and another BLAS sums in other
 * orders.  This is the one-hidden-layer network's fast path, and stays so:
 * a deeper network is built from per-layer forward and backward pairs on
 * nn_theta (CONTRIBUTING.md, "The seams for what follows").  The
 * trainer is the workspace for n_x, n_h and m; nothing is allocated while
 * training.  cache (may be NULL) receives the forward pass on the
 * iterations where opt->progress is called, for a hook to read.
 * NN_ENUM if a computed cost is NaN or infinite; a cost that is not
 * computed is not checked. */
typedef struct nn_trainer nn_trainer;
/* The three functions' types: the Makefile compiles nn_fast.c again under
 * other names for chapters 7 and 8 (src/notebook/nb_copies.h), and every
 * copy is declared with these types, so that the compiler checks each
 * against its definition. */
typedef nn_trainer *nn_trainer_alloc_fn(size_t n_x, size_t n_h, size_t m);
typedef void nn_trainer_free_fn(nn_trainer *t);
typedef nn_status nn_train_fast_fn(nn_params *p, nn_trainer *t, nn_cache *cache,
                                   const gsl_matrix *X, const gsl_matrix *Y,
                                   const nn_train_options *opt, double *cost_history);
nn_trainer_alloc_fn nn_trainer_alloc;
nn_trainer_free_fn nn_trainer_free;
nn_train_fast_fn nn_train_fast;

/* ------------------------------------------------ logistic regression */

/* a = sigma(w x + b) with w a row: no hidden layer, same conventions
 * (X is (n_x, m), Y is (1, m)); the network's output unit on its own. */
typedef struct {
    size_t n_x, m;
    gsl_matrix *w;          /* (1, n_x), a row as W2 is */
    gsl_vector *b;          /* (1) */
    gsl_matrix *Z, *A, *dZ; /* (1, m): workspace for m examples */
    gsl_matrix *dw;         /* (1, n_x) */
    gsl_vector *db;         /* (1) */
} nn_logreg;

/* w = 0, b = 0, with workspace for m examples. */
nn_logreg *nn_logreg_alloc(size_t n_x, size_t m);
void nn_logreg_free(nn_logreg *lr);
/* Z = w X + b, A = sigma(Z); X is (n_x, lr->m). */
nn_status nn_logreg_forward(nn_logreg *lr, const gsl_matrix *X);
/* Cross-entropy of the last forward pass, computed from Z as nn_cost is. */
nn_status nn_logreg_cost(double *J, const nn_logreg *lr, const gsl_matrix *Y);
/* Gradient descent from the current w, b: each iteration forward, cost
 * (recorded in cost_history as opt->cost_every says, as nn_train does), dZ = A - Y, dw = (1/m) dZ X^T,
 * db = (1/m) sum dZ, w -= alpha dw, b -= alpha db. */
nn_status nn_logreg_train(nn_logreg *lr, const gsl_matrix *X, const gsl_matrix *Y,
                          const nn_train_options *opt, double *cost_history);
/* prediction(i) = 1 if A(i) > 0.5; needs a forward pass. */
nn_status nn_logreg_predict(gsl_matrix *predictions, const nn_logreg *lr);
/* beta, a bound on the curvature of the cost over (w, b): its Hessian is
 * (1/m) sum_i sigma'(z_i) x~_i x~_i^T with x~ = (x, 1) and sigma' <= 1/4, so
 * beta = lambda_max((1/m) sum_i x~_i x~_i^T) / 4.  Gradient descent at a
 * fixed rate below 2/beta lowers the cost at every step. */
nn_status nn_logreg_curvature(double *beta, const gsl_matrix *X);

/* ------------------------------------------------------------- datasets */

/* A labelled 2-D (or n_x-D) dataset, examples as columns. */
typedef struct {
    gsl_matrix *X; /* (n_x, m) */
    gsl_matrix *Y; /* (1, m), entries 0 or 1 */
} nn_dataset;

nn_dataset *nn_dataset_alloc(size_t n_x, size_t m);
void nn_dataset_free(nn_dataset *d);

/* The course's "flower": seed 1, m = 400, 200 per class, a = 4 petals. */
nn_dataset *nn_data_flower(void);
/* Four more, 200 points each, from their definitions (see nn_data.c). */
nn_dataset *nn_data_circles(unsigned long seed, size_t m, double factor, double noise);
nn_dataset *nn_data_moons(unsigned long seed, size_t m, double noise);
nn_dataset *nn_data_blobs(unsigned long seed, size_t m, size_t centers);
nn_dataset *nn_data_gaussian_quantiles(unsigned long seed, size_t m, double cov);

/* CSV with header "x1,...,xn,y", one example per line, %.17g, to an open
 * stream (name is for the message); the caller makes the write atomic. */
nn_status nn_dataset_write_csv(const nn_dataset *d, FILE *f, const char *name);
/* Reading CSV is one pass over the stream, so a pipe, a FIFO or /dev/stdin
 * reads like a file.  A line longer than NN_CSV_LINE_MAX bytes, a NUL byte,
 * or more than NN_CSV_VALUES_MAX numbers is refused; so is a FIFO that
 * nothing writes to within NN_CSV_FIFO_WAIT_MS, and a terminal. */
#define NN_CSV_LINE_MAX (1 << 24)
#define NN_CSV_VALUES_MAX (1 << 28)
#define NN_CSV_FIFO_WAIT_MS 5000

/* Reads what nn_dataset_write_csv wrote; any malformed line is NN_EDATA
 * with the file name, line and column in the message, and what is wrong. */
nn_dataset *nn_dataset_read_csv(const char *path);
/* The same from an open stream, read once; name is for the messages.  The
 * stream is left open. */
nn_dataset *nn_dataset_read_csv_stream(FILE *f, const char *name);

/* Any CSV of numbers with a header of column names: the column named label
 * (the last one when label is NULL) is Y, entries 0 or 1, and the others, in
 * their order, are the n_x features.  columns (may be NULL) receives the
 * names, the features' first and the label's last; free it with
 * nn_csv_columns_free.  A name is anything but a comma, a newline or a
 * control character other than the tab.  Errors name file:line:column and
 * what is wrong. */
typedef struct {
    size_t n_x;
    char **names; /* n_x + 1: the features, then the label */
} nn_csv_columns;
nn_dataset *nn_dataset_read_csv_labelled(const char *path, const char *label,
                                         nn_csv_columns *columns);
void nn_csv_columns_free(nn_csv_columns *c);
/* The same for data without a label: every column is a feature, Y is 0, and
 * columns->names[n_x] is NULL. */
nn_dataset *nn_dataset_read_csv_features(const char *path, nn_csv_columns *columns);
/* The column named label is Y if the header has one (*labelled = 1); if not,
 * every column is a feature (*labelled = 0), as nn_dataset_read_csv_features. */
nn_dataset *nn_dataset_read_csv_maybe_labelled(const char *path, const char *label,
                                               int *labelled, nn_csv_columns *columns);
/* The three above, from an open stream (name is for the messages). */
typedef enum { NN_CSV_LABEL, NN_CSV_NO_LABEL, NN_CSV_LABEL_IF_PRESENT } nn_csv_label;
nn_dataset *nn_dataset_read_csv_from(FILE *f, const char *name, nn_csv_label mode,
                                     const char *label, int *labelled, nn_csv_columns *columns);

/* ------------------------------------------- saved models (nn_saved_model.c)
 *
 * A trained network with the names of its columns, as a text file that
 * shallow train writes and shallow predict reads (its layout is in
 * nn_saved_model.c).  The reader is strict: each item once and in order,
 * every row complete, every number whole and finite, the sizes bounded
 * (below) and checked against the bytes of the file before anything is
 * allocated; anything else is NN_EDATA naming file:line and the problem. */
#define NN_SAVED_MODEL_FORMAT 1
#define NN_SAVED_MODEL_NX_MAX ((size_t)1 << 24)
#define NN_SAVED_MODEL_NH_MAX ((size_t)100000)
#define NN_SAVED_MODEL_BYTES_MAX (1 << 30)
typedef struct {
    nn_params *params;
    char **features; /* params->n_x names, in the order of W1's columns */
    char *label;
} nn_saved_model;
/* NN_OK if name can be kept in a model file: not empty, no comma, no
 * control character but the tab (what is a column name in a CSV header);
 * what ("feature", "label") is for the message. */
nn_status nn_saved_model_check_name(const char *name, const char *what);
/* Writes p with its column names (and a comment line, if not NULL). */
nn_status nn_saved_model_write(FILE *f, const nn_params *p, char *const *features,
                               const char *label, const char *comment);
/* Reads a model from len bytes of text (name is for the messages), or from
 * a regular file of at most NN_SAVED_MODEL_BYTES_MAX bytes; NULL on error. */
nn_saved_model *nn_saved_model_parse(const char *text, size_t len, const char *name);
nn_saved_model *nn_saved_model_read(const char *path);
void nn_saved_model_free(nn_saved_model *m);

/* numpy.linspace(start, stop, n): start + k step, the last point exactly stop. */
void nn_linspace(double *out, double start, double stop, size_t n);

/* ------------------------------------------------ gradient checking (nn_gradcheck.c)
 *
 *
 * The numerical gradient of the cost J by centred differences,
 *
 *     dtheta_approx[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps),
 *
 * two forward passes per scalar parameter, compared with the gradient a
 * backward pass computes through the relative difference
 *
 *     ||g - g_approx||_2 / (||g||_2 + ||g_approx||_2),
 *
 * per parameter block (W1, b1, W2, b2) and over all of them.  ReLU and leaky
 * ReLU have a kink at z = 0 where J has no derivative; a centred difference
 * whose two evaluations fall on both sides of it measures the mean of the
 * two slopes, not either of them.  nn_gradcheck_kinks finds exactly which
 * parameters' differences straddle a kink so that they can be left out.
 *
 * Deliberately broken backward passes (nn_backward_broken) show what the
 * check catches.  They live here, never in nn_net.c.
 *
 * Same conventions as above: X is (n_x, m), Y is (1, m), parameters are
 * numbered as nn_params_at numbers them (W1 row by row, b1, W2, b2).
 */
/* The course's step and its reading of the relative difference: below
 * about 1e-7 the gradient is right, above 1e-3 there is almost surely a bug. */
#define NN_GRADCHECK_EPS 1e-7
#define NN_GRADCHECK_GOOD 1e-7
#define NN_GRADCHECK_BUG 1e-3
/* What the battery passes: at eps = 1e-7 the rounding error of J alone
 * gives a few 1e-7 when the gradient is small (behind a sigmoid layer). */
#define NN_GRADCHECK_PASS 1e-6

/* ------------------------------------------------------ parameter blocks */

typedef enum { NN_BLOCK_W1 = 0, NN_BLOCK_B1, NN_BLOCK_W2, NN_BLOCK_B2, NN_BLOCKS } nn_block;

/* "W1", "b1", "W2", "b2". */
extern const char *const nn_block_names[NN_BLOCKS];
/* The indices first .. first + count - 1 of block b in nn_params_at's order
 * (nn_layout_block for n = (n_x, n_h, 1)). */
void nn_block_range(size_t n_x, size_t n_h, nn_block b, size_t *first, size_t *count);

/* -------------------------------------------------- differences, scalars */

/* (f(x + eps) - f(x - eps)) / ((x + eps) - (x - eps)): the centred difference,
 * divided by the step the two rounded arguments really are apart (2 eps up
 * to rounding).  The error is O(eps^2) from truncation, O(u |f| / eps) from
 * rounding (u = 2^-53). */
double nn_centred_difference(double (*f)(double x, void *user), void *user, double x,
                             double eps);

/* ||g - a||_2 / (||g||_2 + ||a||_2) over the n entries whose skip[k] is 0
 * (skip may be NULL: all of them).  0 when both vectors are zero there. */
double nn_relative_difference(const double *g, const double *a, const unsigned char *skip,
                              size_t n);

/* ------------------------------------------------------ broken backwards */

/* Backward passes with one deliberate mistake each.  NN_BUG_NONE is
 * nn_backward itself. */
typedef enum {
    NN_BUG_NONE = 0,
    NN_BUG_NO_INV_M,        /* dW1, dW2 without the 1/m */
    NN_BUG_DW2_DOUBLED,     /* dW2 = (2/m) dZ2 A1^T */
    NN_BUG_WRONG_DERIVATIVE,/* g'(Z1) of another activation (sigmoid's, or tanh's for sigmoid) */
    NN_BUG_DERIVATIVE_OF_A, /* g'(A1) in place of g'(Z1) */
    NN_BUG_TRANSPOSED,      /* dW1 = (1/m) X dZ1^T: only fits when n_x = n_h */
    NN_BUG_COUNT
} nn_bug;

/* "none", "no_inv_m", "dW2_doubled", "wrong_derivative", "derivative_of_A", "transposed". */
extern const char *const nn_bug_names[NN_BUG_COUNT];
/* One line of what the mistake is, in Markdown with LaTeX. */
extern const char *const nn_bug_descriptions[NN_BUG_COUNT];
/* Look up by name; NN_EINVAL naming the bad name (and the known ones). */
nn_status nn_bug_find(const char *name, nn_bug *bug);

/* nn_backward with the mistake `bug`, same arguments and shapes.  The
 * transposed product is NN_EDIM (naming both shapes) unless n_x = n_h. */
nn_status nn_backward_broken(nn_grads *grads, const nn_params *p, const nn_cache *cache,
                             const gsl_matrix *X, const gsl_matrix *Y, nn_bug bug);

/* ----------------------------------------------------- the network check */

/* approx[k] = (J(theta + eps e_k) - J(theta - eps e_k)) / (2 eps) for every
 * parameter k (the realised step, as nn_centred_difference); 2 P forward
 * passes for P = nn_params_count(p).  Each parameter is restored exactly.
 * cache is allocated for X's m; nothing is allocated.  NN_ENUM, naming the
 * parameter, if J is not finite at either side (approx is then incomplete). */
nn_status nn_numerical_gradient(double *approx, nn_params *p, nn_cache *cache,
                                const gsl_matrix *X, const gsl_matrix *Y, double eps);

/* For a hidden activation with a kink at 0 (ReLU, leaky ReLU) and a cache
 * holding the forward pass at theta: straddles[k] = 1 when the centred
 * difference of parameter k moves some Z1 entry across 0, that is when
 *   W1[j][l]: |Z1[j][i]| < eps |X[l][i]| for some example i,
 *   b1[j]:    |Z1[j][i]| < eps          for some example i,
 * and 0 otherwise (always 0 for W2, b2 and for smooth activations).
 * *near is the number of entries Z1[j][i] within reach of the kink,
 * |Z1[j][i]| < eps max(1, max_l |X[l][i]|).  Returns how many parameters
 * straddle.  straddles may be NULL. */
size_t nn_gradcheck_kinks(unsigned char *straddles, size_t *near, const nn_params *p,
                          const nn_cache *cache, const gsl_matrix *X, double eps);

typedef struct {
    double eps;        /* the step, NN_GRADCHECK_EPS in the course */
    nn_bug bug;        /* NN_BUG_NONE checks nn_backward itself */
    int skip_kinks;    /* compare only the parameters whose difference
                          stays on one side of every kink */
} nn_gradcheck_options;

typedef struct {
    double diff[NN_BLOCKS]; /* relative difference per block */
    double overall;         /* over every compared parameter */
    double grad_norm;       /* ||g||_2 of the backward pass's gradient */
    size_t n_params;        /* P */
    size_t near_kink;       /* Z1 entries within reach of 0 (see nn_gradcheck_kinks) */
    size_t straddling;      /* parameters whose difference crosses a kink */
    size_t skipped;         /* parameters left out of the comparison */
} nn_gradcheck_result;

/* Workspace for checks of networks of one shape: a cache and gradients for
 * m examples, the two flattened gradients and the kink flags. */
typedef struct nn_gradcheck_work nn_gradcheck_work;
nn_gradcheck_work *nn_gradcheck_work_alloc(size_t n_x, size_t n_h, size_t m);
void nn_gradcheck_work_free(nn_gradcheck_work *w);
/* The two gradients of the last nn_gradcheck, flattened in nn_params_at's
 * order (P entries each); valid until the workspace is freed. */
const double *nn_gradcheck_work_exact(const nn_gradcheck_work *w);
const double *nn_gradcheck_work_approx(const nn_gradcheck_work *w);

/* One check at theta = p: a forward and a backward pass (nn_backward or the
 * broken one), the numerical gradient, the kinks, the relative differences.
 * p is left as it was.  NN_EINVAL for eps not in (0, 1]. */
nn_status nn_gradcheck(nn_gradcheck_result *res, nn_gradcheck_work *w, nn_params *p,
                       const gsl_matrix *X, const gsl_matrix *Y,
                       const nn_gradcheck_options *opt);

/* ------------------------------------------------- configurations, battery */

/* A check on random data: what the gradcheck program takes on its command line. */
typedef struct {
    nn_activation_id hidden;
    size_t n_x, n_h, m;
    unsigned long seed;
    double eps;
    int keep_kinks; /* 0 (the default): leave out the parameters whose difference
                       straddles a kink; 1: compare them too */
} nn_gradcheck_config;

/* The random problem of a configuration, from nn_rng seeded with seed:
 * X = randn(n_x, m), then Y(i) = [uniform < 1/2], then
 * W1 = randn(n_h, n_x) / sqrt(n_x), b1 = randn(n_h) / 2,
 * W2 = randn(1, n_h) / sqrt(n_h), b2 = randn(1) / 2, each row by row.
 * Weights of that size keep z of order 1, where every activation bends;
 * non-zero biases make db1 and db2 count.  p, X, Y have the config's shapes. */
nn_status nn_gradcheck_problem(nn_params *p, gsl_matrix *X, gsl_matrix *Y,
                               const nn_gradcheck_config *cfg);

/* Allocates the problem of cfg, checks it with the backward pass `bug`
 * (leaving out straddled parameters of ReLU and leaky ReLU unless
 * cfg->keep_kinks), frees it.  The status is nn_gradcheck's (NN_EDIM for a
 * transposed product that does not fit, NN_ENUM for a cost that is not
 * finite), NN_EINVAL for bad sizes, seed or eps, NN_ENOMEM. */
nn_status nn_gradcheck_config_run(nn_gradcheck_result *res, const nn_gradcheck_config *cfg,
                                  nn_bug bug);

/* The default battery: every activation, the shapes below, seeds 1 .. 20,
 * eps = NN_GRADCHECK_EPS, in that nesting (activation outermost). */
enum { NN_BATTERY_SEEDS = 20, NN_BATTERY_SHAPES = 6 };
extern const size_t nn_battery_shapes[NN_BATTERY_SHAPES][3]; /* (n_x, n_h, m) */
#define NN_BATTERY_SIZE ((size_t)NN_ACTIVATION_COUNT * NN_BATTERY_SHAPES * NN_BATTERY_SEEDS)
/* The k-th configuration of the battery, k < NN_BATTERY_SIZE. */
nn_gradcheck_config nn_battery_config(size_t k);

#endif
