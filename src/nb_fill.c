/* nb_fill.c: numbers and tables in a chapter's README come from its results.
 *
 * A value marker <!--v:key-->text<!--/v--> has its text replaced by the
 * value of key in RESULTS/values.txt ("key = value" lines).  A table marker
 * <!--t:name--> ... <!--/t--> has everything between the two replaced by the
 * contents of RESULTS/name.md, on lines of its own.  Nobody types a number
 * the program computed. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"

char *nb_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 4096, n = 0;
    char *s = malloc(cap);
    while (s != NULL) {
        n += fread(s + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *t = realloc(s, cap *= 2);
        if (t == NULL)
            free(s);
        s = t;
    }
    int bad = ferror(f);
    fclose(f);
    if (s == NULL || bad) {
        free(s);
        nn_error(bad ? NN_EIO : NN_ENOMEM, "cannot read %s", path);
        return NULL;
    }
    s[n] = '\0';
    return s;
}

/* A growing string. */
typedef struct {
    char *s;
    size_t n, cap;
    int failed;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->failed)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t cap = (b->n + n + 1) * 2;
        char *t = realloc(b->s, cap);
        if (t == NULL) {
            b->failed = 1;
            return;
        }
        b->s = t;
        b->cap = cap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* The value of key in a values.txt text, as a pointer and length. */
static int lookup(const char *values, const char *key, size_t key_len, const char **v,
                  size_t *v_len)
{
    for (const char *line = values; *line; ) {
        const char *eol = strchr(line, '\n');
        size_t len = eol ? (size_t)(eol - line) : strlen(line);
        if (len > key_len + 3 && strncmp(line, key, key_len) == 0 &&
            strncmp(line + key_len, " = ", 3) == 0) {
            *v = line + key_len + 3;
            *v_len = len - key_len - 3;
            return 1;
        }
        line += len + (eol != NULL);
    }
    return 0;
}

static void note_diff(char *first_diff, size_t diff_len, const char *kind, const char *name,
                      size_t name_len, const char *old, size_t old_len, const char *new,
                      size_t new_len)
{
    if (first_diff == NULL || first_diff[0] != '\0')
        return;
    if (old_len == new_len && memcmp(old, new, old_len) == 0)
        return;
    snprintf(first_diff, diff_len, "%s:%.*s", kind, (int)name_len, name);
}

nn_status nb_fill(const char *text, const char *results_dir, char **out, char *first_diff,
                  size_t diff_len)
{
    *out = NULL;
    if (first_diff && diff_len)
        first_diff[0] = '\0';
    size_t dir_len = strlen(results_dir);
    char *path = malloc(dir_len + 300);
    if (path == NULL)
        return nn_error(NN_ENOMEM, "out of memory");
    snprintf(path, dir_len + 300, "%s/values.txt", results_dir);
    char *values = NULL; /* read on first use: a README may have tables only */
    buf b = {0};
    nn_status status = NN_OK;
    const char *p = text;
    for (;;) {
        const char *open = strstr(p, "<!--");
        while (open && strncmp(open, "<!--v:", 6) != 0 && strncmp(open, "<!--t:", 6) != 0)
            open = strstr(open + 4, "<!--");
        if (open == NULL) {
            put(&b, p, strlen(p));
            break;
        }
        int table = open[4] == 't';
        const char *name = open + 6, *name_end = strstr(name, "-->");
        size_t name_len = name_end ? (size_t)(name_end - name) : 0;
        if (name_end == NULL || name_len == 0 || name_len > 200 ||
            memchr(name, '\n', name_len) || memchr(name, '/', name_len)) {
            status = nn_error(NN_EDATA, "malformed marker near '%.30s'", open);
            goto done;
        }
        const char *body = name_end + 3;
        const char *close_tag = table ? "<!--/t-->" : "<!--/v-->";
        const char *close = strstr(body, close_tag);
        if (close == NULL) {
            status = nn_error(NN_EDATA, "marker %c:%.*s has no closing %s", open[4],
                              (int)name_len, name, close_tag);
            goto done;
        }
        put(&b, p, (size_t)(body - p));
        if (table) {
            snprintf(path, dir_len + 300, "%s/%.*s.md", results_dir, (int)name_len, name);
            char *t = nb_slurp(path);
            if (t == NULL) {
                status = nn_error(NN_EDATA, "table marker t:%.*s: %s", (int)name_len, name,
                                  nn_errmsg());
                goto done;
            }
            size_t start = b.n;
            /* blank lines around the table so that Markdown sees a table */
            size_t t_len = strlen(t);
            while (t_len > 0 && t[t_len - 1] == '\n')
                t_len--;
            put(&b, "\n\n", 2);
            put(&b, t, t_len);
            put(&b, "\n\n", 2);
            free(t);
            if (!b.failed)
                note_diff(first_diff, diff_len, "t", name, name_len, body, (size_t)(close - body),
                          b.s + start, b.n - start);
        } else {
            if (values == NULL) {
                snprintf(path, dir_len + 300, "%s/values.txt", results_dir);
                if ((values = nb_slurp(path)) == NULL) {
                    status = nn_error(NN_EDATA, "value marker v:%.*s: %s", (int)name_len, name,
                                      nn_errmsg());
                    goto done;
                }
            }
            const char *v;
            size_t v_len;
            if (!lookup(values, name, name_len, &v, &v_len)) {
                status = nn_error(NN_EDATA, "value marker v:%.*s: no such key in %s/values.txt",
                                  (int)name_len, name, results_dir);
                goto done;
            }
            put(&b, v, v_len);
            note_diff(first_diff, diff_len, "v", name, name_len, body, (size_t)(close - body), v,
                      v_len);
        }
        put(&b, close, strlen(close_tag));
        p = close + strlen(close_tag);
    }
    if (b.failed)
        status = nn_error(NN_ENOMEM, "out of memory filling markers");
done:
    free(path);
    free(values);
    if (status != NN_OK)
        free(b.s);
    else
        *out = b.s ? b.s : calloc(1, 1);
    return status;
}
