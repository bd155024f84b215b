/* nn_data.c: the datasets, generated from their definitions with the
 * numpy-compatible stream, and their CSV form.
 *
 * flower (the course's planar data): seed 1, m = 400, N = 200 per class,
 *   a = 4.  For class j = 0, then j = 1:
 *     t = linspace(3.12 j, 3.12 (j + 1), N) + 0.2 randn(N)
 *     r = a sin(4 t) + 0.2 randn(N)
 *     x = (r sin t, r cos t), y = j
 * circles: half the points on the unit circle (y = 0), half on a circle of
 *   radius `factor` (y = 1), at evenly spaced angles, plus N(0, noise^2) on
 *   each coordinate.
 * moons: two interleaving half circles: (cos s, sin s) with y = 0 and
 *   (1 - cos s, 1/2 - sin s) with y = 1, s evenly spaced on [0, pi], plus
 *   N(0, noise^2) noise.
 * blobs: `centers` centres drawn uniformly in [-10, 10]^2, m points split
 *   evenly among them, each a centre plus N(0, 1) noise; y = centre index
 *   mod 2.
 * gaussian quantiles: m points from an isotropic N(0, cov I); the m/2
 *   nearest to the mean are y = 0, the rest y = 1 (split at the median radius).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_math.h>

#include "nn.h"
#include "nn_internal.h"

/* The sines and cosines of the generators: the C library's, unless a
 * program gives correctly rounded ones (nn__data_trig): mkdata does, with
 * MPFR, so that the committed datasets are the same whatever the host's C
 * library rounds. */
static double (*data_sin)(double) = sin;
static double (*data_cos)(double) = cos;

void nn__data_trig(double (*sin_f)(double), double (*cos_f)(double))
{
    data_sin = sin_f ? sin_f : sin;
    data_cos = cos_f ? cos_f : cos;
}

nn_dataset *nn_dataset_alloc(size_t n_x, size_t m)
{
    if (n_x == 0 || m == 0) {
        nn_error(NN_EINVAL, "nn_dataset_alloc: n_x = %zu and m = %zu must be positive", n_x, m);
        return NULL;
    }
    nn_dataset *d = calloc(1, sizeof *d);
    if (d != NULL) {
        d->X = gsl_matrix_calloc(n_x, m);
        d->Y = gsl_matrix_calloc(1, m);
        if (d->X && d->Y)
            return d;
    }
    nn_dataset_free(d);
    nn_error(NN_ENOMEM, "out of memory allocating a dataset of %zu x %zu", n_x, m);
    return NULL;
}

void nn_dataset_free(nn_dataset *d)
{
    if (d == NULL)
        return;
    if (d->X) gsl_matrix_free(d->X);
    if (d->Y) gsl_matrix_free(d->Y);
    free(d);
}

void nn_linspace(double *out, double start, double stop, size_t n)
{
    if (n == 0)
        return;
    if (n == 1) {
        out[0] = start;
        return;
    }
    double step = (stop - start) / (double)(n - 1);
    for (size_t k = 0; k < n; k++)
        out[k] = start + (double)k * step;
    out[n - 1] = stop;
}

/* A dataset and a stream together, freeing both on failure. */
static nn_dataset *start(unsigned long seed, size_t n_x, size_t m, nn_rng **rng)
{
    *rng = nn_rng_alloc(seed);
    if (*rng == NULL)
        return NULL;
    nn_dataset *d = nn_dataset_alloc(n_x, m);
    if (d == NULL) {
        nn_rng_free(*rng);
        *rng = NULL;
    }
    return d;
}

nn_dataset *nn_data_flower(void)
{
    enum { m = 400, N = m / 2 };
    const double a = 4.0; /* maximum ray of the flower */
    nn_rng *rng;
    nn_dataset *d = start(1, 2, m, &rng);
    if (d == NULL)
        return NULL;
    double t[N], r[N];
    for (size_t j = 0; j < 2; j++) {
        nn_linspace(t, 3.12 * (double)j, 3.12 * (double)(j + 1), N);
        for (size_t k = 0; k < N; k++)
            t[k] += nn_rng_randn(rng) * 0.2;
        for (size_t k = 0; k < N; k++)
            r[k] = a * data_sin(4.0 * t[k]) + nn_rng_randn(rng) * 0.2;
        for (size_t k = 0; k < N; k++) {
            size_t i = N * j + k;
            gsl_matrix_set(d->X, 0, i, r[k] * data_sin(t[k]));
            gsl_matrix_set(d->X, 1, i, r[k] * data_cos(t[k]));
            gsl_matrix_set(d->Y, 0, i, (double)j);
        }
    }
    nn_rng_free(rng);
    return d;
}

/* Adds N(0, noise^2) to every coordinate, example by example. */
static void add_noise(nn_dataset *d, nn_rng *rng, double noise)
{
    for (size_t i = 0; i < d->X->size2; i++)
        for (size_t f = 0; f < d->X->size1; f++) {
            double e = nn_rng_randn(rng) * noise;
            gsl_matrix_set(d->X, f, i, gsl_matrix_get(d->X, f, i) + e);
        }
}

/* Two classes of points, half each: the first m/2 examples get y = 0, the
 * rest y = 1; point() places example k of the n in its half. */
typedef void (*half_point)(int half, size_t k, size_t n, double param, double *x1, double *x2);

static void two_halves(nn_dataset *d, half_point point, double param)
{
    size_t m = d->X->size2, n_out = m / 2, n_in = m - n_out;
    for (size_t i = 0; i < m; i++) {
        int half = i >= n_out;
        double x1, x2;
        point(half, half ? i - n_out : i, half ? n_in : n_out, param, &x1, &x2);
        gsl_matrix_set(d->X, 0, i, x1);
        gsl_matrix_set(d->X, 1, i, x2);
        gsl_matrix_set(d->Y, 0, i, half);
    }
}

/* Evenly spaced angles on the unit circle (y = 0) or on radius factor (y = 1). */
static void circle_point(int half, size_t k, size_t n, double factor, double *x1, double *x2)
{
    double s = 2.0 * M_PI * (double)k / (double)n, radius = half ? factor : 1.0;
    *x1 = radius * data_cos(s);
    *x2 = radius * data_sin(s);
}

/* The upper moon (cos s, sin s), or the lower one (1 - cos s, 1/2 - sin s). */
static void moon_point(int half, size_t k, size_t n, double unused, double *x1, double *x2)
{
    (void)unused;
    double s = M_PI * (double)k / (double)(n - 1);
    *x1 = half ? 1.0 - data_cos(s) : data_cos(s);
    *x2 = half ? 0.5 - data_sin(s) : data_sin(s);
}

nn_dataset *nn_data_circles(unsigned long seed, size_t m, double factor, double noise)
{
    if (m < 2 || !(factor > 0.0 && factor < 1.0) || !(noise >= 0.0)) {
        nn_error(NN_EINVAL, "nn_data_circles: needs m >= 2 (got %zu), 0 < factor < 1 "
                 "(got %g), noise >= 0 (got %g)", m, factor, noise);
        return NULL;
    }
    nn_rng *rng;
    nn_dataset *d = start(seed, 2, m, &rng);
    if (d == NULL)
        return NULL;
    two_halves(d, circle_point, factor);
    add_noise(d, rng, noise);
    nn_rng_free(rng);
    return d;
}

nn_dataset *nn_data_moons(unsigned long seed, size_t m, double noise)
{
    if (m < 4 || !(noise >= 0.0)) {
        nn_error(NN_EINVAL, "nn_data_moons: needs m >= 4 (got %zu), noise >= 0 (got %g)",
                 m, noise);
        return NULL;
    }
    nn_rng *rng;
    nn_dataset *d = start(seed, 2, m, &rng);
    if (d == NULL)
        return NULL;
    two_halves(d, moon_point, 0.0);
    add_noise(d, rng, noise);
    nn_rng_free(rng);
    return d;
}

nn_dataset *nn_data_blobs(unsigned long seed, size_t m, size_t centers)
{
    if (centers < 2 || centers > m || centers > 64) {
        nn_error(NN_EINVAL, "nn_data_blobs: needs 2 <= centers <= min(m, 64), got %zu "
                 "centres for m = %zu", centers, m);
        return NULL;
    }
    nn_rng *rng;
    nn_dataset *d = start(seed, 2, m, &rng);
    if (d == NULL)
        return NULL;
    double cx[64], cy[64];
    for (size_t c = 0; c < centers; c++) {
        double u = nn_rng_uniform(rng);
        double v = nn_rng_uniform(rng);
        cx[c] = -10.0 + 20.0 * u;
        cy[c] = -10.0 + 20.0 * v;
    }
    /* The first m mod centers centres get one point more. */
    size_t i = 0;
    for (size_t c = 0; c < centers; c++) {
        size_t n = m / centers + (c < m % centers);
        for (size_t k = 0; k < n; k++, i++) {
            gsl_matrix_set(d->X, 0, i, cx[c]);
            gsl_matrix_set(d->X, 1, i, cy[c]);
            gsl_matrix_set(d->Y, 0, i, (double)(c % 2));
        }
    }
    add_noise(d, rng, 1.0);
    nn_rng_free(rng);
    return d;
}

typedef struct {
    double r2;
    size_t i;
} radius_index;

static int by_radius(const void *a, const void *b)
{
    const radius_index *p = a, *q = b;
    if (p->r2 != q->r2)
        return p->r2 < q->r2 ? -1 : 1;
    return p->i < q->i ? -1 : p->i > q->i; /* ties by index: a total order */
}

nn_dataset *nn_data_gaussian_quantiles(unsigned long seed, size_t m, double cov)
{
    if (m < 2 || !(cov > 0.0)) {
        nn_error(NN_EINVAL, "nn_data_gaussian_quantiles: needs m >= 2 (got %zu), cov > 0 "
                 "(got %g)", m, cov);
        return NULL;
    }
    nn_rng *rng;
    nn_dataset *d = start(seed, 2, m, &rng);
    if (d == NULL)
        return NULL;
    radius_index *order = malloc(m * sizeof *order);
    if (order == NULL) {
        nn_rng_free(rng);
        nn_dataset_free(d);
        nn_error(NN_ENOMEM, "out of memory generating gaussian quantiles");
        return NULL;
    }
    add_noise(d, rng, sqrt(cov)); /* X starts at 0: now X ~ N(0, cov I) */
    for (size_t i = 0; i < m; i++) {
        double x = gsl_matrix_get(d->X, 0, i), y = gsl_matrix_get(d->X, 1, i);
        order[i] = (radius_index){x * x + y * y, i};
    }
    qsort(order, m, sizeof *order, by_radius);
    for (size_t k = 0; k < m; k++)
        gsl_matrix_set(d->Y, 0, order[k].i, k < m / 2 ? 0.0 : 1.0);
    free(order);
    nn_rng_free(rng);
    return d;
}

/* ------------------------------------------------------------------- CSV */

nn_status nn_dataset_write_csv(const nn_dataset *d, FILE *f, const char *name)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    for (size_t k = 0; k < n_x; k++)
        fprintf(f, "x%zu,", k + 1);
    fprintf(f, "y\n");
    for (size_t i = 0; i < m; i++) {
        for (size_t k = 0; k < n_x; k++)
            fprintf(f, "%.17g,", gsl_matrix_get(d->X, k, i));
        fprintf(f, "%.17g\n", gsl_matrix_get(d->Y, 0, i));
    }
    if (ferror(f))
        return nn_error(NN_EIO, "cannot write %s: %s", name, strerror(errno));
    return NN_OK;
}

/* ------------------------------------------------------------ reading CSV
 *
 * One pass over the stream, so that a pipe, a FIFO or /dev/stdin reads as
 * well as a file: each line is checked and parsed as it comes, into a
 * growing buffer, and the dataset is built at the end.  Every line is
 * bounded (NN_CSV_LINE_MAX), and so is the number of values. */

/* One line at a time, with its '\n' (the last one may lack it). */
typedef struct {
    FILE *f;
    const char *path;
    char *buf;
    size_t cap, lineno;
} line_reader;

/* Reads the next line into r->buf and returns its length: 0 at the end of
 * the file, -1 (with the error set) on a NUL byte, a line over the bound or
 * a read error.  A NUL stops the reading at once: /dev/zero is refused
 * after one byte, not after filling the memory. */
static long next_line(line_reader *r)
{
    size_t n = 0;
    int c = 0;
    const char *what = r->lineno == 0 ? "the header" : "the line";
    while ((c = getc_unlocked(r->f)) != EOF) {
        if (c == '\0')
            return nn_error(NN_EDATA, "%s:%zu: %s contains a NUL byte (a binary file?)", r->path,
                            r->lineno + 1, what), -1;
        if (n >= NN_CSV_LINE_MAX)
            return nn_error(NN_EDATA, "%s:%zu: %s is longer than %d bytes", r->path,
                            r->lineno + 1, what, NN_CSV_LINE_MAX), -1;
        if (n + 2 > r->cap) {
            size_t cap = r->cap ? 2 * r->cap : 256;
            if (cap > (size_t)NN_CSV_LINE_MAX + 2)
                cap = (size_t)NN_CSV_LINE_MAX + 2;
            char *buf = realloc(r->buf, cap);
            if (buf == NULL)
                return nn_error(NN_ENOMEM, "out of memory reading %s", r->path), -1;
            r->buf = buf;
            r->cap = cap;
        }
        r->buf[n++] = (char)c;
        if (c == '\n')
            break;
    }
    if (c == EOF && ferror(r->f))
        return nn_error(NN_EIO, "cannot read %s: %s", r->path, strerror(errno)), -1;
    if (n > 0) {
        r->buf[n] = '\0';
        r->lineno++;
    }
    return (long)n;
}

/* What is wrong with one line of a CSV, if it is not its numbers: NULL when
 * the line is plain text ending in at most a '\n'. */
static const char *line_trouble(const char *line, size_t len, size_t lineno)
{
    if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        return "starts with a byte-order mark (save the file as UTF-8 without one)";
    if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n')
        return "ends in a carriage return: Windows line endings (convert them to \\n)";
    if (memchr(line, '\r', len))
        return "contains a carriage return: old Mac line endings? (convert them to \\n)";
    if (line[0] == '\n' || line[0] == '\0')
        return "is empty (remove the blank line)";
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)line[k] < 0x20 && line[k] != '\n' && line[k] != '\t')
            return "contains a control character (a binary file?)";
    return NULL;
}

/* Opens path for reading as a CSV file: a file, a pipe or a FIFO, not a
 * directory or a terminal.  A FIFO that no program writes to within
 * NN_CSV_FIFO_WAIT_MS is refused instead of waited for for ever. */
static FILE *open_csv(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    struct pollfd p = {.fd = fd, .events = POLLIN};
    int flags, ready = 1;
    FILE *f = NULL;
    if (fstat(fd, &st) != 0)
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
    else if (S_ISDIR(st.st_mode))
        nn_error(NN_EIO, "%s is a directory, expected a CSV file", path);
    else if (isatty(fd))
        nn_error(NN_EIO, "%s is a terminal, expected a CSV file (give a file, or pipe one in)",
                 path);
    else if (S_ISFIFO(st.st_mode) && (ready = poll(&p, 1, NN_CSV_FIFO_WAIT_MS)) == 0)
        nn_error(NN_EIO, "%s is a pipe that nothing wrote to in %d s", path,
                 NN_CSV_FIFO_WAIT_MS / 1000);
    else if (ready < 0 || (flags = fcntl(fd, F_GETFL)) < 0 ||
             fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) != 0 || (f = fdopen(fd, "r")) == NULL)
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
    if (f == NULL)
        close(fd);
    return f;
}

void nn_csv_columns_free(nn_csv_columns *c)
{
    if (c == NULL)
        return;
    for (size_t k = 0; k <= c->n_x && c->names; k++)
        free(c->names[k]);
    free(c->names);
    c->names = NULL;
    c->n_x = 0;
}

/* For nn__first_repeat: a name and its position, ordered by name, then by
 * position (no global state: the library may run in several threads). */
typedef struct {
    const char *name;
    size_t k;
} name_at;

static int by_name(const void *a, const void *b)
{
    const name_at *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->k > y->k) - (x->k < y->k);
}

size_t nn__first_repeat(char *const *names, size_t n)
{
    name_at *at = malloc(n * sizeof *at);
    size_t first = n;
    if (at == NULL)
        return (size_t)-1;
    for (size_t k = 0; k < n; k++)
        at[k] = (name_at){names[k], k};
    qsort(at, n, sizeof *at, by_name);
    /* equal names are adjacent, earliest first: the later of a pair repeats */
    for (size_t k = 1; k < n; k++)
        if (strcmp(at[k].name, at[k - 1].name) == 0 && at[k].k < first)
            first = at[k].k;
    free(at);
    return first;
}

/* The header's column names, split at commas (without the '\n'). */
static nn_status split_header(const char *line, const char *path, nn_csv_columns *c)
{
    size_t n = 1;
    for (const char *p = line; *p && *p != '\n'; p++)
        n += *p == ',';
    if ((c->names = calloc(n, sizeof *c->names)) == NULL)
        return nn_error(NN_ENOMEM, "out of memory reading %s", path);
    c->n_x = n - 1;
    const char *p = line;
    for (size_t k = 0; k < n; k++) {
        size_t len = strcspn(p, ",\n");
        if (len == 0)
            return nn_error(NN_EDATA, "%s:1:%zu: column %zu of the header has no name", path,
                            (size_t)(p - line) + 1, k + 1);
        if ((c->names[k] = strndup(p, len)) == NULL)
            return nn_error(NN_ENOMEM, "out of memory reading %s", path);
        p += len + (p[len] == ',');
    }
    size_t repeat = nn__first_repeat(c->names, n), col = 1;
    if (repeat == (size_t)-1)
        return nn_error(NN_ENOMEM, "out of memory reading %s", path);
    if (repeat == n)
        return NN_OK;
    for (size_t k = 0; k < repeat; k++)
        col += strlen(c->names[k]) + 1;
    return nn_error(NN_EDATA, "%s:1:%zu: the column name '%.*s%s' appears twice", path, col,
                    NN__SHORT(c->names[repeat]));
}

/* Parses one line of numbers (lineno, n_cols fields) into row: column
 * label_col (0 or 1) is the label; label_col = n_cols: no label.  names
 * (header order) are for the messages. */
static nn_status parse_row(const char *line, size_t lineno, const char *path,
                           char *const *names, size_t n_cols, size_t label_col, double *row)
{
    const size_t last = n_cols - 1;
    const char *p = line;
    for (size_t k = 0; k <= last; k++) {
        char *end;
        size_t col = (size_t)(p - line) + 1;
        const char *field = k == label_col ? "label" : "feature";
        char want = k < last ? ',' : '\n';
        errno = 0;
        double v = strtod(p, &end);
        int range = errno == ERANGE;
        size_t shown = strcspn(p, ",\n");
        int w = shown > 24 ? 24 : (int)shown;
        const char *more = shown > 24 ? "..." : "";
        while (end > p && (*end == ' ' || *end == '\t'))
            end++; /* blanks around a number are allowed, as strtod allows them before */
        if (end == p) {
            if (*p == ',' || *p == '\n' || *p == '\0')
                return nn_error(NN_EDATA, "%s:%zu:%zu: %s %.*s%s is missing (the header has %zu "
                                "columns)", path, lineno, col, field, NN__SHORT(names[k]),
                                n_cols);
            return nn_error(NN_EDATA, "%s:%zu:%zu: %s %.*s%s '%.*s%s' is not a number", path,
                            lineno, col, field, NN__SHORT(names[k]), w, p, more);
        }
        if (!isfinite(v) && !range)
            return nn_error(NN_EDATA, "%s:%zu:%zu: %s %.*s%s is %s, expected a finite number",
                            path, lineno, col, field, NN__SHORT(names[k]),
                            isnan(v) ? "NaN" : "infinite");
        if (range)
            return nn_error(NN_EDATA, "%s:%zu:%zu: %s %.*s%s '%.*s%s' %s double precision", path,
                            lineno, col, field, NN__SHORT(names[k]), w, p, more,
                            fabs(v) > 1.0 ? "overflows" : "underflows");
        if (!(*end == want || (k == last && *end == '\0'))) {
            if (k < last && (*end == '\n' || *end == '\0'))
                return nn_error(NN_EDATA, "%s:%zu:%zu: the line ends after %zu fields, expected "
                                "%zu (the header's)", path, lineno, (size_t)(end - line) + 1,
                                k + 1, n_cols);
            if (k == last && *end == ',')
                return nn_error(NN_EDATA, "%s:%zu:%zu: more fields than the header's %zu", path,
                                lineno, (size_t)(end - line) + 1, n_cols);
            return nn_error(NN_EDATA, "%s:%zu:%zu: %s %.*s%s '%.*s%s' is not a number", path,
                            lineno, col, field, NN__SHORT(names[k]), w, p, more);
        }
        if (k == label_col && v != 0.0 && v != 1.0)
            return nn_error(NN_EDATA, "%s:%zu:%zu: label %.*s%s = %g, expected 0 or 1", path,
                            lineno, col, NN__SHORT(names[k]), v);
        row[k] = v;
        p = end + 1;
    }
    return NN_OK;
}

/* The examples after the header, in one pass: every line n_cols finite
 * numbers, column label_col (0 or 1) the label, the others the features in
 * order; with label_col = n_cols there is no label (Y = 0). */
static nn_dataset *read_rows(line_reader *r, char *const *names, size_t n_cols,
                             size_t label_col)
{
    const size_t n_x = label_col < n_cols ? n_cols - 1 : n_cols;
    double *values = NULL; /* row after row, n_cols each */
    size_t m = 0, cap = 0;
    nn_dataset *d = NULL;
    const char *trouble;
    long len;
    while ((len = next_line(r)) > 0) {
        if ((trouble = line_trouble(r->buf, (size_t)len, r->lineno)) != NULL) {
            nn_error(NN_EDATA, "%s:%zu: the line %s", r->path, r->lineno, trouble);
            goto fail;
        }
        if (m == cap) {
            if (cap >= NN_CSV_VALUES_MAX / n_cols) {
                nn_error(NN_EDATA, "%s:%zu: more than %d numbers; the reader stops there", r->path,
                         r->lineno, NN_CSV_VALUES_MAX);
                goto fail;
            }
            size_t more = cap ? 2 * cap : 64;
            if (more > NN_CSV_VALUES_MAX / n_cols)
                more = NN_CSV_VALUES_MAX / n_cols;
            double *grown = realloc(values, more * n_cols * sizeof *values);
            if (grown == NULL) {
                nn_error(NN_ENOMEM, "out of memory reading %s at line %zu", r->path, r->lineno);
                goto fail;
            }
            values = grown;
            cap = more;
        }
        if (parse_row(r->buf, r->lineno, r->path, names, n_cols, label_col,
                      values + m * n_cols) != NN_OK)
            goto fail;
        m++;
    }
    if (len < 0)
        goto fail;
    if (m == 0) {
        nn_error(NN_EDATA, "%s: no examples after the header", r->path);
        goto fail;
    }
    if ((d = nn_dataset_alloc(n_x, m)) == NULL)
        goto fail;
    for (size_t i = 0; i < m; i++) {
        const double *row = values + i * n_cols;
        for (size_t k = 0, feature = 0; k < n_cols; k++)
            if (k == label_col)
                gsl_matrix_set(d->Y, 0, i, row[k]);
            else
                gsl_matrix_set(d->X, feature++, i, row[k]);
    }
fail:
    free(values);
    return d;
}

/* Reads the header: its line troubles, then its names into c. */
static nn_status read_header(line_reader *r, nn_csv_columns *c)
{
    const char *trouble;
    long len = next_line(r);
    if (len < 0)
        return NN_EDATA;
    if (len == 0)
        return nn_error(NN_EDATA, "%s is empty, expected a header of column names", r->path);
    if ((trouble = line_trouble(r->buf, (size_t)len, 1)) != NULL)
        return nn_error(NN_EDATA, "%s:1: the header %s", r->path, trouble);
    return split_header(r->buf, r->path, c);
}

nn_dataset *nn_dataset_read_csv_from(FILE *f, const char *path, nn_csv_label mode,
                                     const char *label, int *labelled, nn_csv_columns *columns)
{
    line_reader r = {.f = f, .path = path};
    nn_csv_columns c = {0};
    nn_dataset *d = NULL;
    if (read_header(&r, &c) != NN_OK)
        goto done;
    size_t n_cols = c.n_x + 1, label_col = n_cols; /* no label */
    if (mode != NN_CSV_NO_LABEL) {
        label_col = c.n_x;
        if (label)
            for (label_col = 0; label_col < n_cols; label_col++)
                if (strcmp(c.names[label_col], label) == 0)
                    break;
        if (label_col == n_cols && mode == NN_CSV_LABEL) {
            nn_error(NN_EDATA, "%s:1: no column is named '%.*s%s' (the label, --label)", path,
                     NN__SHORT(label));
            goto done;
        }
        if (label_col < n_cols && c.n_x == 0) {
            nn_error(NN_EDATA, "%s:1: the header names only the label; at least one feature "
                     "column is needed", path);
            goto done;
        }
    }
    if ((d = read_rows(&r, c.names, n_cols, label_col)) == NULL)
        goto done;
    if (labelled)
        *labelled = label_col < n_cols;
    if (columns == NULL)
        goto done;
    if (label_col < n_cols) {
        /* the label's name last, the features in their order */
        char *l = c.names[label_col];
        memmove(c.names + label_col, c.names + label_col + 1,
                (c.n_x - label_col) * sizeof *c.names);
        c.names[c.n_x] = l;
    } else {
        /* every column a feature; no label name */
        char **names = realloc(c.names, (n_cols + 1) * sizeof *names);
        if (names == NULL) {
            nn_dataset_free(d);
            d = NULL;
            nn_error(NN_ENOMEM, "out of memory reading %s", path);
            goto done;
        }
        c.names = names;
        c.n_x = n_cols;
        c.names[n_cols] = NULL;
    }
    *columns = c;
    c.names = NULL;
done:
    free(r.buf);
    nn_csv_columns_free(&c);
    return d;
}

nn_dataset *nn_dataset_read_csv_stream(FILE *f, const char *path)
{
    nn_csv_columns c = {0};
    nn_dataset *d = nn_dataset_read_csv_from(f, path, NN_CSV_LABEL, NULL, NULL, &c);
    if (d == NULL) {
        if (strstr(nn_errmsg(), "expected a header of column names"))
            nn_error(NN_EDATA, "%s is empty, expected a header x1,...,xn,y", path);
        return NULL;
    }
    /* the notebook's own format: x1, ..., xn, then y */
    int ok = strcmp(c.names[c.n_x], "y") == 0;
    for (size_t k = 0; ok && k < c.n_x; k++) {
        char want[32];
        snprintf(want, sizeof want, "x%zu", k + 1);
        ok = strcmp(c.names[k], want) == 0;
    }
    nn_csv_columns_free(&c);
    if (!ok) {
        nn_dataset_free(d);
        nn_error(NN_EDATA, "%s:1: the header is not x1,...,xn,y (n >= 1 features, then the "
                 "label)", path);
        return NULL;
    }
    return d;
}

/* Opens path and reads it with nn_dataset_read_csv_from. */
static nn_dataset *read_csv_path(const char *path, nn_csv_label mode, const char *label,
                                 int *labelled, nn_csv_columns *columns)
{
    FILE *f = open_csv(path);
    if (f == NULL)
        return NULL;
    nn_dataset *d = nn_dataset_read_csv_from(f, path, mode, label, labelled, columns);
    fclose(f);
    return d;
}

nn_dataset *nn_dataset_read_csv(const char *path)
{
    FILE *f = open_csv(path);
    if (f == NULL)
        return NULL;
    nn_dataset *d = nn_dataset_read_csv_stream(f, path);
    fclose(f);
    return d;
}

nn_dataset *nn_dataset_read_csv_labelled(const char *path, const char *label,
                                         nn_csv_columns *columns)
{
    return read_csv_path(path, NN_CSV_LABEL, label, NULL, columns);
}

nn_dataset *nn_dataset_read_csv_features(const char *path, nn_csv_columns *columns)
{
    return read_csv_path(path, NN_CSV_NO_LABEL, NULL, NULL, columns);
}

nn_dataset *nn_dataset_read_csv_maybe_labelled(const char *path, const char *label,
                                               int *labelled, nn_csv_columns *columns)
{
    return read_csv_path(path, NN_CSV_LABEL_IF_PRESENT, label, labelled, columns);
}
