/* nn_saved_model.c: a trained network as a text file, written and read back.
 *
 *   # any comment lines
 *   format 1
 *   n_x 2                 features
 *   n_h 4                 hidden units
 *   activation tanh       g^[1]
 *   features x1,x2        the feature columns' names, in order
 *   label y               the label column's name
 *   W1                    then n_h rows of n_x numbers
 *   b1                    then one row of n_h numbers
 *   W2                    then one row of n_h numbers
 *   b2                    then one number
 *
 * The reader is strict, because a model file may come from anywhere: every
 * item exactly once and in this order, every row complete with nothing
 * after it, every number read whole and finite, and the sizes bounded and
 * compared with the bytes left in the file before anything is allocated.
 * Its messages name the line and what is wrong. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nn.h"
#include "nn_internal.h"

/* ---------------------------------------------------------------- names */

nn_status nn_saved_model_check_name(const char *name, const char *what)
{
    if (name == NULL || name[0] == '\0')
        return nn_error(NN_EINVAL, "the %s has no name", what);
    for (const char *p = name; *p; p++)
        if (*p == ',' || ((unsigned char)*p < 0x20 && *p != '\t') || *p == 0x7f)
            return nn_error(NN_EINVAL, "the %s name '%.*s%s' holds a %s, which a model file "
                            "cannot keep", what, NN__SHORT(name),
                            *p == ',' ? "comma" : "control character");
    return NN_OK;
}

/* ---------------------------------------------------------------- write */

static void write_row(FILE *f, const double *x, size_t n, size_t stride)
{
    for (size_t k = 0; k < n; k++)
        fprintf(f, "%.17g%c", x[k * stride], k + 1 < n ? ' ' : '\n');
}

nn_status nn_saved_model_write(FILE *f, const nn_params *p, char *const *features,
                               const char *label, const char *comment)
{
    nn_status s;
    for (size_t k = 0; k < p->n_x; k++)
        if ((s = nn_saved_model_check_name(features[k], "feature")) != NN_OK)
            return s;
    if ((s = nn_saved_model_check_name(label, "label")) != NN_OK)
        return s;
    if (comment)
        fprintf(f, "# %s\n", comment);
    fprintf(f, "format %d\nn_x %zu\nn_h %zu\nactivation %s\nfeatures ", NN_SAVED_MODEL_FORMAT,
            p->n_x, p->n_h, nn_activations[p->hidden].name);
    for (size_t k = 0; k < p->n_x; k++)
        fprintf(f, "%s%c", features[k], k + 1 < p->n_x ? ',' : '\n');
    fprintf(f, "label %s\n", label);
    /* The blocks in the layout's order (nn.h): a W^[l] as its rows, a b^[l]
     * as one row. */
    const nn_theta *t = p->theta;
    for (size_t k = 0; k < 2 * t->L; k++) {
        size_t first, rows, cols, lines;
        char name[8];
        nn_layout_block(t->L, t->n, k, &first, &rows, &cols, name);
        fprintf(f, "%s\n", name);
        lines = k % 2 == 0 ? rows : 1;
        for (size_t r = 0; r < lines; r++)
            write_row(f, t->theta->data + first + r * (rows * cols / lines), rows * cols / lines,
                      1);
    }
    if (ferror(f))
        return nn_error(NN_EIO, "cannot write the model: %s", strerror(errno));
    return NN_OK;
}

/* ----------------------------------------------------------------- read */

void nn_saved_model_free(nn_saved_model *m)
{
    if (m == NULL)
        return;
    if (m->features && m->params)
        for (size_t k = 0; k < m->params->n_x; k++)
            free(m->features[k]);
    free(m->features);
    free(m->label);
    nn_params_free(m->params);
    free(m);
}

/* The reader's position: the text, the current line and its number. */
typedef struct {
    const char *name, *text, *end;
    const char *line; /* the current line, NULL past the end */
    size_t len;       /* its length, without the '\n' */
    size_t lineno;
} cursor;

/* Moves to the next line; 0 at the end of the text. */
static int advance(cursor *c)
{
    const char *next = c->line ? c->line + c->len + 1 : c->text;
    if (next >= c->end) {
        c->line = NULL;
        return 0;
    }
    c->line = next;
    c->len = (size_t)((const char *)memchr(next, '\n', (size_t)(c->end - next)) - next);
    c->lineno++;
    return 1;
}

/* The next line that is not a comment; 0 at the end. */
static int advance_item(cursor *c)
{
    while (advance(c))
        if (c->len == 0 || c->line[0] != '#')
            return 1;
    return 0;
}

/* The items, in their order. */
enum { FORMAT, N_X, N_H, ACTIVATION, FEATURES, LABEL, SEC_W1, SEC_B1, SEC_W2, SEC_B2, ITEMS };
static const char *const ITEM[ITEMS] = {"format", "n_x", "n_h", "activation", "features",
                                        "label", "W1", "b1", "W2", "b2"};
static const char ORDER[] = "format, n_x, n_h, activation, features, label, W1, b1, W2, b2";

/* Which item a line starts with, or ITEMS. */
static int item_of(const cursor *c)
{
    for (int k = 0; k < ITEMS; k++) {
        size_t n = strlen(ITEM[k]);
        if (c->len >= n && memcmp(c->line, ITEM[k], n) == 0 &&
            (c->len == n || c->line[n] == ' '))
            return k;
    }
    return ITEMS;
}

/* Checks that the line is item `want`, and gives its value (after "key "). */
static nn_status expect_item(cursor *c, int want, size_t *seen_at, char **value)
{
    if (!advance_item(c))
        return nn_error(NN_EDATA, "%s:%zu: the file ends before %s (cut short?)", c->name,
                        c->lineno, ITEM[want]);
    int k = item_of(c);
    if (k == ITEMS) {
        char shown[48];
        snprintf(shown, sizeof shown, "%.*s%s", (int)(c->len < 40 ? c->len : 40), c->line,
                 c->len > 40 ? "..." : "");
        return nn_error(NN_EDATA, "%s:%zu: expected %s, found '%s'", c->name, c->lineno,
                        ITEM[want], shown);
    }
    if (k != want) {
        if (seen_at[k])
            return nn_error(NN_EDATA, "%s:%zu: %s is given twice (first on line %zu)", c->name,
                            c->lineno, ITEM[k], seen_at[k]);
        return nn_error(NN_EDATA, "%s:%zu: expected %s, found %s (the items come in the order "
                        "%s)", c->name, c->lineno, ITEM[want], ITEM[k], ORDER);
    }
    seen_at[k] = c->lineno;
    size_t n = strlen(ITEM[k]);
    if (want >= SEC_W1) {
        if (c->len != n)
            return nn_error(NN_EDATA, "%s:%zu: text after %s, whose numbers go on the lines "
                            "below it", c->name, c->lineno, ITEM[k]);
        return NN_OK;
    }
    if (c->len <= n + 1)
        return nn_error(NN_EDATA, "%s:%zu: %s has no value", c->name, c->lineno, ITEM[k]);
    *value = strndup(c->line + n + 1, c->len - n - 1);
    if (*value == NULL)
        return nn_error(NN_ENOMEM, "out of memory reading %s", c->name);
    return NN_OK;
}

/* A whole number in [1, hi], all of the text. */
static nn_status parse_size(const cursor *c, const char *key, const char *text, size_t hi,
                            size_t *out)
{
    char *end;
    errno = 0;
    /* digits only, no sign, no blank, no leading zero */
    unsigned long long v = text[0] >= '1' && text[0] <= '9' ? strtoull(text, &end, 10) : 0;
    if (v == 0 || errno || *end || v > hi)
        return nn_error(NN_EDATA, "%s:%zu: %s '%.40s' is not a whole number from 1 to %zu",
                        c->name, c->lineno, key, text, hi);
    *out = (size_t)v;
    return NN_OK;
}

/* The length of the decimal number at p, in the form %.17g prints:
 * -?digits(.digits)?(e[+-]?digits)?; 0 if p does not start with one. */
static size_t number_length(const char *p)
{
    const char *q = p + (*p == '-');
    const char *digits = q;
    while (*q >= '0' && *q <= '9')
        q++;
    if (q == digits)
        return 0;
    if (*q == '.') {
        const char *frac = ++q;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q == frac)
            return 0;
    }
    if (*q == 'e' || *q == 'E') {
        q += q[1] == '+' || q[1] == '-' ? 2 : 1;
        const char *exp = q;
        while (*q >= '0' && *q <= '9')
            q++;
        if (q == exp)
            return 0;
    }
    return (size_t)(q - p);
}

/* A row of exactly n finite numbers, one space apart, into x (stride). */
static nn_status parse_row(cursor *c, const char *section, size_t row, size_t rows, double *x,
                           size_t n, size_t stride)
{
    if (!advance(c))
        return nn_error(NN_EDATA, "%s:%zu: the file ends after %zu of the %zu rows of %s (cut "
                        "short?)", c->name, c->lineno, row, rows, section);
    const char *p = c->line, *eol = c->line + c->len;
    for (size_t k = 0; k < n; k++) {
        if (p == eol)
            return nn_error(NN_EDATA, "%s:%zu: row %zu of %s has %zu numbers, expected %zu",
                            c->name, c->lineno, row + 1, section, k, n);
        if (*p == ' ')
            return nn_error(NN_EDATA, "%s:%zu: row %zu of %s has two spaces before number %zu "
                            "(one space between numbers)", c->name, c->lineno, row + 1, section,
                            k + 1);
        const char *space = memchr(p, ' ', (size_t)(eol - p));
        size_t len = (size_t)((space ? space : eol) - p);
        errno = 0;
        double v = number_length(p) == len ? strtod(p, NULL) : NAN;
        if (!isfinite(v) || (errno == ERANGE && v == 0.0))
            return nn_error(NN_EDATA, "%s:%zu: number %zu of %s's row %zu, '%.*s%s', %s",
                            c->name, c->lineno, k + 1, section, row + 1,
                            (int)(len < 32 ? len : 32), p, len > 32 ? "..." : "",
                            isnan(v) ? "is not a decimal number (as in -0.25 or 1.5e-07)"
                            : isinf(v) ? "overflows double precision"
                                       : "underflows double precision");
        x[k * stride] = v;
        p += len;
        if (k + 1 < n && p < eol)
            p++; /* the space */
    }
    if (p != eol)
        return nn_error(NN_EDATA, "%s:%zu: row %zu of %s has more than %zu numbers", c->name,
                        c->lineno, row + 1, section, n);
    return NN_OK;
}

/* The lines as lines: no NUL, a final newline, no carriage return, no
 * control character but the tab, no byte-order mark. */
static nn_status check_text(const char *name, const char *text, size_t len)
{
    if (len == 0)
        return nn_error(NN_EDATA, "%s is empty", name);
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        return nn_error(NN_EDATA, "%s:1: the file starts with a byte-order mark (save it as UTF-8 "
                        "without one)", name);
    size_t line = 1;
    for (size_t k = 0; k < len; k++) {
        unsigned char ch = (unsigned char)text[k];
        if (ch == '\n') {
            line++;
            continue;
        }
        if (ch == '\0')
            return nn_error(NN_EDATA, "%s:%zu: the line contains a NUL byte (a binary file?)",
                            name, line);
        if (ch == '\r' && k + 1 < len && text[k + 1] == '\n')
            return nn_error(NN_EDATA, "%s:%zu: the line ends in a carriage return: Windows line "
                            "endings (convert them to \\n)", name, line);
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f)
            return nn_error(NN_EDATA, "%s:%zu: the line contains the control character 0x%02x",
                            name, line, ch);
    }
    if (text[len - 1] != '\n')
        return nn_error(NN_EDATA, "%s:%zu: the file ends in the middle of a line (cut short?)",
                        name, line);
    return NN_OK;
}

/* features: exactly n_x names, none empty, none twice, none the label. */
static nn_status split_features(const cursor *c, size_t line, const char *value, size_t n_x,
                                char **names)
{
    const char *p = value;
    size_t k = 0;
    for (;;) {
        size_t len = strcspn(p, ",");
        if (k == n_x)
            return nn_error(NN_EDATA, "%s:%zu: more than n_x = %zu feature names", c->name, line,
                            n_x);
        if (len == 0)
            return nn_error(NN_EDATA, "%s:%zu: feature name %zu is empty", c->name, line, k + 1);
        if ((names[k++] = strndup(p, len)) == NULL)
            return nn_error(NN_ENOMEM, "out of memory reading %s", c->name);
        if (p[len] == '\0')
            break;
        p += len + 1;
    }
    if (k != n_x)
        return nn_error(NN_EDATA, "%s:%zu: %zu feature names for n_x = %zu", c->name, line, k,
                        n_x);
    size_t repeat = nn__first_repeat(names, n_x);
    if (repeat == (size_t)-1)
        return nn_error(NN_ENOMEM, "out of memory reading %s", c->name);
    if (repeat < n_x)
        return nn_error(NN_EDATA, "%s:%zu: the feature name '%.*s%s' appears twice", c->name,
                        line, NN__SHORT(names[repeat]));
    return NN_OK;
}

/* The items format to label, each checked; their texts in value[]. */
static nn_status read_header(cursor *c, size_t *seen_at, char **value, size_t *n_x, size_t *n_h,
                             nn_activation_id *id)
{
    nn_status s;
    for (int k = FORMAT; k <= LABEL; k++) {
        if ((s = expect_item(c, k, seen_at, &value[k])) != NN_OK)
            return s;
        if (k == FORMAT && strcmp(value[k], "1") != 0)
            return nn_error(NN_EDATA, "%s:%zu: unknown format version '%.20s' (this program "
                            "reads format %d)", c->name, c->lineno, value[k],
                            NN_SAVED_MODEL_FORMAT);
        if (k == N_X || k == N_H) {
            size_t hi = k == N_X ? NN_SAVED_MODEL_NX_MAX : NN_SAVED_MODEL_NH_MAX;
            if ((s = parse_size(c, ITEM[k], value[k], hi, k == N_X ? n_x : n_h)) != NN_OK)
                return s;
        }
        if (k == ACTIVATION && nn_activation_find(value[k], id) != NN_OK)
            return nn_error(NN_EDATA, "%s:%zu: %s", c->name, c->lineno, nn_errmsg());
        if (k == LABEL && strchr(value[k], ','))
            return nn_error(NN_EDATA, "%s:%zu: the label name holds a comma", c->name,
                            c->lineno);
    }
    return NN_OK;
}

/* Before allocating: every number takes two bytes at least (a digit and a
 * space or a newline), so the sizes must fit in what is left. */
static nn_status check_room(const cursor *c, const size_t *seen_at, size_t n_x, size_t n_h)
{
    size_t P = nn_layout_count(2, (size_t[]){n_x, n_h, 1});
    size_t left = (size_t)(c->end - (c->line + c->len + 1));
    if (left == 0)
        return nn_error(NN_EDATA, "%s:%zu: the file ends before W1 (cut short?)", c->name,
                        c->lineno);
    if (P > left / 2)
        return nn_error(NN_EDATA, "%s:%zu: n_x = %zu and n_h = %zu make %zu parameters, more "
                        "than the %zu bytes left in the file can hold (cut short, or sizes too "
                        "large?)", c->name, seen_at[N_H], n_x, n_h, P, left);
    return NN_OK;
}

/* The features' names, none of them the label's. */
static nn_status read_names(const cursor *c, const size_t *seen_at, char **value,
                            nn_saved_model *m)
{
    size_t n_x = m->params->n_x;
    nn_status s = split_features(c, seen_at[FEATURES], value[FEATURES], n_x, m->features);
    if (s != NN_OK)
        return s;
    for (size_t k = 0; k < n_x; k++)
        if (strcmp(m->features[k], value[LABEL]) == 0)
            return nn_error(NN_EDATA, "%s:%zu: the label '%.*s%s' is also a feature's name",
                            c->name, seen_at[LABEL], NN__SHORT(value[LABEL]));
    m->label = value[LABEL];
    value[LABEL] = NULL;
    return NN_OK;
}

/* The blocks W1, b1, W2, b2 in the layout's order (nn.h), straight into
 * theta: a W^[l] as its rows, a b^[l] as one row. */
static nn_status read_blocks(cursor *c, size_t *seen_at, const nn_theta *t)
{
    nn_status s;
    for (size_t k = 0; k < 2 * t->L; k++) {
        size_t first, rows, cols;
        char name[8];
        nn_layout_block(t->L, t->n, k, &first, &rows, &cols, name);
        if ((s = expect_item(c, SEC_W1 + (int)k, seen_at, NULL)) != NN_OK)
            return s;
        size_t lines = k % 2 == 0 ? rows : 1, per_line = rows * cols / lines;
        for (size_t r = 0; r < lines; r++)
            if ((s = parse_row(c, name, r, lines, t->theta->data + first + r * per_line,
                               per_line, 1)) != NN_OK)
                return s;
    }
    if (advance_item(c))
        return nn_error(NN_EDATA, "%s:%zu: '%.*s%s' after b2, where the model ends", c->name,
                        c->lineno, (int)(c->len < 40 ? c->len : 40), c->line,
                        c->len > 40 ? "..." : "");
    return NN_OK;
}

nn_saved_model *nn_saved_model_parse(const char *text, size_t len, const char *name)
{
    if (check_text(name, text, len) != NN_OK)
        return NULL;
    cursor c = {.name = name, .text = text, .end = text + len};
    size_t seen_at[ITEMS] = {0}, n_x = 0, n_h = 0;
    char *value[LABEL + 1] = {NULL};
    nn_activation_id id = NN_TANH;
    nn_saved_model *m = calloc(1, sizeof *m);
    if (m == NULL) {
        nn_error(NN_ENOMEM, "out of memory reading %s", name);
        return NULL;
    }
    if (read_header(&c, seen_at, value, &n_x, &n_h, &id) != NN_OK ||
        check_room(&c, seen_at, n_x, n_h) != NN_OK)
        goto fail;
    if ((m->features = calloc(n_x, sizeof *m->features)) == NULL ||
        (m->params = nn_params_alloc(n_x, n_h, id)) == NULL) {
        nn_error(NN_ENOMEM, "out of memory reading %s (n_x = %zu, n_h = %zu)", name, n_x, n_h);
        goto fail;
    }
    if (read_names(&c, seen_at, value, m) != NN_OK ||
        read_blocks(&c, seen_at, m->params->theta) != NN_OK)
        goto fail;
    for (int k = FORMAT; k <= LABEL; k++)
        free(value[k]);
    return m;
fail:
    for (int k = FORMAT; k <= LABEL; k++)
        free(value[k]);
    nn_saved_model_free(m);
    return NULL;
}

nn_saved_model *nn_saved_model_read(const char *path)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    char *text = NULL;
    nn_saved_model *m = NULL;
    if (fstat(fd, &st) != 0) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        nn_error(NN_EIO, "%s is not a regular file", path);
    } else if (st.st_size > NN_SAVED_MODEL_BYTES_MAX) {
        nn_error(NN_EDATA, "%s is %lld bytes, more than a model may have (%d)", path,
                 (long long)st.st_size, NN_SAVED_MODEL_BYTES_MAX);
    } else if ((text = malloc((size_t)st.st_size + 1)) == NULL) {
        nn_error(NN_ENOMEM, "out of memory reading %s", path);
    } else {
        size_t n = 0, want = (size_t)st.st_size;
        ssize_t got = 1;
        while (n < want && (got = read(fd, text + n, want - n)) > 0)
            n += (size_t)got;
        if (got < 0)
            nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        else
            m = nn_saved_model_parse(text, n, path);
    }
    free(text);
    close(fd);
    return m;
}
