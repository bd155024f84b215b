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
#include <sys/stat.h>

#include <gsl/gsl_math.h>

#include "nn.h"

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
            r[k] = a * sin(4.0 * t[k]) + nn_rng_randn(rng) * 0.2;
        for (size_t k = 0; k < N; k++) {
            size_t i = N * j + k;
            gsl_matrix_set(d->X, 0, i, r[k] * sin(t[k]));
            gsl_matrix_set(d->X, 1, i, r[k] * cos(t[k]));
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
    *x1 = radius * cos(s);
    *x2 = radius * sin(s);
}

/* The upper moon (cos s, sin s), or the lower one (1 - cos s, 1/2 - sin s). */
static void moon_point(int half, size_t k, size_t n, double unused, double *x1, double *x2)
{
    (void)unused;
    double s = M_PI * (double)k / (double)(n - 1);
    *x1 = half ? 1.0 - cos(s) : cos(s);
    *x2 = half ? 0.5 - sin(s) : sin(s);
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

/* What is wrong with one line of a CSV, if it is not its numbers: NULL when
 * the line is plain text ending in at most a '\n'. */
static const char *line_trouble(const char *line, size_t len, size_t lineno)
{
    if (strlen(line) != len)
        return "contains a NUL byte (a binary file?)";
    if (lineno == 1 && strncmp(line, "\xEF\xBB\xBF", 3) == 0)
        return "starts with a byte-order mark (save the file as UTF-8 without one)";
    if (len >= 2 && line[len - 2] == '\r' && line[len - 1] == '\n')
        return "ends in a carriage return: Windows line endings (convert them to \\n)";
    for (size_t k = 0; k < len; k++)
        if ((unsigned char)line[k] < 0x20 && line[k] != '\n' && line[k] != '\t')
            return "contains a control character (a binary file?)";
    return NULL;
}

/* Opens path for reading as a CSV file, refusing a directory. */
static FILE *open_csv(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        nn_error(NN_EIO, "%s is a directory, expected a CSV file", path);
        return NULL;
    }
    return f;
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

/* The header's column names, split at commas (without the '\n'). */
static nn_status split_header(const char *line, const char *path, nn_csv_columns *c)
{
    size_t n = 1;
    for (const char *p = line; *p && *p != '\n'; p++)
        n += *p == ',';
    c->names = calloc(n, sizeof *c->names);
    if (c->names == NULL)
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
        for (size_t j = 0; j < k; j++)
            if (strcmp(c->names[j], c->names[k]) == 0)
                return nn_error(NN_EDATA, "%s:1:%zu: the column name '%s' appears twice", path,
                                (size_t)(p - line) + 1, c->names[k]);
        p += len + (p[len] == ',');
    }
    return NN_OK;
}

/* The examples after the header: every line n_cols finite numbers, column
 * label_col (0 or 1) the label, the others the features in order; with
 * label_col = n_cols there is no label (Y = 0).  names (n_cols, header
 * order) are for the messages. */
static nn_dataset *read_rows(FILE *f, const char *path, char *const *names, size_t n_cols,
                             size_t label_col)
{
    const size_t n_x = label_col < n_cols ? n_cols - 1 : n_cols, last = n_cols - 1;
    char *line = NULL;
    size_t cap = 0, m = 0;
    ssize_t len;
    nn_dataset *d = NULL;
    const char *trouble;
    for (size_t lineno = 2; (len = getline(&line, &cap, f)) >= 0; lineno++, m++)
        if ((trouble = line_trouble(line, (size_t)len, lineno)) != NULL) {
            nn_error(NN_EDATA, "%s:%zu: the line %s", path, lineno, trouble);
            goto fail;
        }
    if (ferror(f)) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        goto fail;
    }
    if (m == 0) {
        nn_error(NN_EDATA, "%s: no examples after the header", path);
        goto fail;
    }
    if ((d = nn_dataset_alloc(n_x, m)) == NULL)
        goto fail;
    rewind(f);
    if (getline(&line, &cap, f) < 0) { /* the header again */
        nn_error(NN_EIO, "cannot reread %s", path);
        goto fail;
    }
    for (size_t i = 0; i < m; i++) {
        size_t lineno = i + 2;
        if (getline(&line, &cap, f) < 0) {
            nn_error(NN_EIO, "%s:%zu: cannot reread the line", path, lineno);
            goto fail;
        }
        char *p = line;
        for (size_t k = 0, feature = 0; k <= last; k++) {
            char *end;
            size_t col = (size_t)(p - line) + 1;
            const char *field = k == label_col ? "label" : "feature";
            char want = k < last ? ',' : '\n';
            errno = 0;
            double v = strtod(p, &end);
            int range = errno == ERANGE;
            size_t shown = strcspn(p, ",\n");
            int w = shown > 24 ? 24 : (int)shown;
            if (end == p) {
                if (*p == ',' || *p == '\n' || *p == '\0')
                    nn_error(NN_EDATA, "%s:%zu:%zu: %s %s is missing (the header has %zu "
                             "columns)", path, lineno, col, field, names[k], n_cols);
                else
                    nn_error(NN_EDATA, "%s:%zu:%zu: %s %s '%.*s' is not a number", path, lineno,
                             col, field, names[k], w, p);
                goto fail;
            }
            if (!isfinite(v) && !range) {
                nn_error(NN_EDATA, "%s:%zu:%zu: %s %s is %s, expected a finite number", path,
                         lineno, col, field, names[k], isnan(v) ? "NaN" : "infinite");
                goto fail;
            }
            if (range) {
                nn_error(NN_EDATA, "%s:%zu:%zu: %s %s '%.*s' %s double precision", path, lineno,
                         col, field, names[k], w, p, fabs(v) > 1.0 ? "overflows" : "underflows");
                goto fail;
            }
            if (!(*end == want || (k == last && *end == '\0'))) {
                if (k < last && (*end == '\n' || *end == '\0'))
                    nn_error(NN_EDATA, "%s:%zu:%zu: the line ends after %zu fields, expected %zu "
                             "(the header's)", path, lineno, (size_t)(end - line) + 1, k + 1,
                             n_cols);
                else if (k == last && *end == ',')
                    nn_error(NN_EDATA, "%s:%zu:%zu: more fields than the header's %zu", path,
                             lineno, (size_t)(end - line) + 1, n_cols);
                else
                    nn_error(NN_EDATA, "%s:%zu:%zu: %s %s '%.*s' is not a number", path,
                             lineno, col, field, names[k], w, p);
                goto fail;
            }
            if (k != label_col)
                gsl_matrix_set(d->X, feature++, i, v);
            else if (v != 0.0 && v != 1.0) {
                nn_error(NN_EDATA, "%s:%zu:%zu: label %s = %g, expected 0 or 1", path, lineno,
                         col, names[k], v);
                goto fail;
            } else
                gsl_matrix_set(d->Y, 0, i, v);
            p = end + 1;
        }
    }
    free(line);
    return d;
fail:
    free(line);
    nn_dataset_free(d);
    return NULL;
}

/* Reads the header: its line troubles, then its names into c. */
static nn_status read_header(FILE *f, const char *path, nn_csv_columns *c)
{
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    nn_status s = NN_OK;
    const char *trouble;
    errno = 0;
    if ((len = getline(&line, &cap, f)) < 0)
        s = ferror(f) ? nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno))
                      : nn_error(NN_EDATA, "%s is empty, expected a header of column names",
                                 path);
    else if ((trouble = line_trouble(line, (size_t)len, 1)) != NULL)
        s = nn_error(NN_EDATA, "%s:1: the header %s", path, trouble);
    else
        s = split_header(line, path, c);
    free(line);
    return s;
}

nn_dataset *nn_dataset_read_csv_stream(FILE *f, const char *path)
{
    nn_csv_columns c = {0};
    nn_dataset *d = NULL;
    nn_status s = read_header(f, path, &c);
    if (s == NN_OK) {
        /* the notebook's own format: x1, ..., xn, then y */
        int ok = c.n_x >= 1 && strcmp(c.names[c.n_x], "y") == 0;
        for (size_t k = 0; ok && k < c.n_x; k++) {
            char want[32];
            snprintf(want, sizeof want, "x%zu", k + 1);
            ok = strcmp(c.names[k], want) == 0;
        }
        if (!ok)
            nn_error(NN_EDATA, "%s:1: the header is not x1,...,xn,y (n >= 1 features, then the "
                     "label)", path);
        else
            d = read_rows(f, path, c.names, c.n_x + 1, c.n_x);
    } else if (strstr(nn_errmsg(), "expected a header of column names")) {
        nn_error(NN_EDATA, "%s is empty, expected a header x1,...,xn,y", path);
    }
    nn_csv_columns_free(&c);
    return d;
}

nn_dataset *nn_dataset_read_csv_labelled(const char *path, const char *label,
                                         nn_csv_columns *columns)
{
    FILE *f = open_csv(path);
    if (f == NULL)
        return NULL;
    nn_csv_columns c = {0};
    nn_dataset *d = NULL;
    if (read_header(f, path, &c) == NN_OK) {
        size_t label_col = c.n_x;
        if (label) {
            for (label_col = 0; label_col <= c.n_x; label_col++)
                if (strcmp(c.names[label_col], label) == 0)
                    break;
        }
        if (label_col > c.n_x)
            nn_error(NN_EDATA, "%s:1: no column is named '%s' (the label, --label)", path, label);
        else if (c.n_x == 0)
            nn_error(NN_EDATA, "%s:1: the header names only the label; at least one feature "
                     "column is needed", path);
        else if ((d = read_rows(f, path, c.names, c.n_x + 1, label_col)) != NULL && columns) {
            /* the label's name last, the features in their order */
            char *l = c.names[label_col];
            memmove(c.names + label_col, c.names + label_col + 1,
                    (c.n_x - label_col) * sizeof *c.names);
            c.names[c.n_x] = l;
            *columns = c;
            c.names = NULL;
        }
    }
    nn_csv_columns_free(&c);
    fclose(f);
    return d;
}

nn_dataset *nn_dataset_read_csv_features(const char *path, nn_csv_columns *columns)
{
    FILE *f = open_csv(path);
    if (f == NULL)
        return NULL;
    nn_csv_columns c = {0};
    nn_dataset *d = NULL;
    if (read_header(f, path, &c) == NN_OK &&
        (d = read_rows(f, path, c.names, c.n_x + 1, c.n_x + 1)) != NULL && columns) {
        /* every column a feature; no label name */
        char **names = realloc(c.names, (c.n_x + 2) * sizeof *names);
        if (names == NULL) {
            nn_dataset_free(d);
            d = NULL;
            nn_error(NN_ENOMEM, "out of memory reading %s", path);
        } else {
            c.names = names;
            c.n_x++;
            c.names[c.n_x] = NULL;
            *columns = c;
            c.names = NULL;
        }
    }
    nn_csv_columns_free(&c);
    fclose(f);
    return d;
}
