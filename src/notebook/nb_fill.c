/* nb_fill.c: numbers, tables and code line ranges in a chapter's README come
 * from the run and from the sources.
 *
 * A value marker <!--v:key-->text<!--/v--> has its text replaced by the
 * value of key in RESULTS/values.txt ("key = value" lines).  A table marker
 * <!--t:name--> ... <!--/t--> has everything between the two replaced by the
 * contents of RESULTS/name.md, on lines of its own.  A name part/key reads
 * RESULTS/part/ instead: what a program's part (--part) wrote.  A code link
 * [`name`](path.c#Lfirst-Llast) has its line range replaced by the lines of
 * name's definition in path (relative to the README).  Nobody types a number
 * the program computed, nor a line number. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nb.h"

char *nb_slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        nn_error(NN_EIO, "cannot read %s: %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(f);
        nn_error(NN_EIO, "%s is a directory, expected a file", path);
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
    int bad = ferror(f), e = errno;
    fclose(f);
    if (s == NULL || bad) {
        free(s);
        nn_error(bad ? NN_EIO : NN_ENOMEM, "cannot read %s: %s", path,
                 bad ? strerror(e) : "out of memory");
        return NULL;
    }
    s[n] = '\0';
    if (strlen(s) != n) {
        size_t line = 1;
        for (const char *p = s; *p; p++)
            line += *p == '\n';
        free(s);
        nn_error(NN_EDATA, "%s:%zu: contains a NUL byte (a binary file?)", path, line);
        return NULL;
    }
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

/* The 1-based line of position p in text. */
static size_t line_of(const char *text, const char *p)
{
    size_t line = 1;
    for (const char *q = text; q < p; q++)
        line += *q == '\n';
    return line;
}

/* A marker's name is a key, or part/key for what a program's part wrote into
 * RESULTS/part/: one slash at most, and a part of letters, digits, '_' and
 * '-' (so never ".."). */
static int part_name_ok(const char *name, size_t len)
{
    const char *slash = memchr(name, '/', len);
    if (slash == NULL)
        return 1;
    size_t rest = len - (size_t)(slash - name) - 1;
    if (slash == name || rest == 0 || memchr(slash + 1, '/', rest))
        return 0;
    for (const char *c = name; c < slash; c++)
        if (!isalnum((unsigned char)*c) && *c != '_' && *c != '-')
            return 0;
    return 1;
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

/* Where a line's text begins once Markdown has taken its container marks:
 * indentation, "> " of a quote, "- ", "* ", "+ " or "1. " of a list item. */
static const char *line_content(const char *p)
{
    for (;;) {
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '>') {
            p++;
            continue;
        }
        if ((*p == '-' || *p == '*' || *p == '+') && (p[1] == ' ' || p[1] == '\t')) {
            p += 2;
            continue;
        }
        const char *q = p;
        while (isdigit((unsigned char)*q))
            q++;
        if (q > p && q - p <= 9 && (*q == '.' || *q == ')') && (q[1] == ' ' || q[1] == '\t')) {
            p = q + 2;
            continue;
        }
        return p;
    }
}

/* STYLE.md section 9: a line that starts with a value marker opens an HTML
 * block in CommonMark, which ends the paragraph above and leaves the rest of
 * the line unrendered.  Lines inside fenced code blocks are not Markdown. */
static nn_status check_line_starts(const char *text, const char *readme)
{
    char fence = 0;
    size_t line = 1;
    for (const char *p = text; *p; line++) {
        const char *eol = strchr(p, '\n');
        const char *c = line_content(p);
        if (fence == 0 && (strncmp(c, "```", 3) == 0 || strncmp(c, "~~~", 3) == 0))
            fence = *c;
        else if (fence != 0 && c[0] == fence && c[1] == fence && c[2] == fence)
            fence = 0;
        else if (fence == 0 && strncmp(c, "<!--v:", 6) == 0) {
            const char *end = strstr(c, "-->");
            int len = end && (!eol || end < eol) ? (int)(end + 3 - c) : 6;
            return nn_error(NN_EDATA,
                            "%s:%zu: the line starts with the value marker %.*s, which Markdown "
                            "renders as raw HTML (start the line with a word)",
                            readme, line, len > 60 ? 60 : len, c);
        }
        if (eol == NULL)
            break;
        p = eol + 1;
    }
    return NN_OK;
}

static int is_ident(int c) { return isalnum((unsigned char)c) || c == '_'; }

/* The lines [*first, *last] of name's definition in a C source: the line at
 * column 0 where name is followed by '(' (a function), '[' or " =" (a table),
 * up to the first line that starts with '}'.  A prototype (';' before '{')
 * is skipped.  0 if there is none. */
static int find_definition(const char *src, const char *name, size_t name_len, size_t *first,
                           size_t *last)
{
    size_t line = 1;
    for (const char *p = src; *p; line++) {
        const char *eol = strchr(p, '\n');
        size_t len = eol ? (size_t)(eol - p) : strlen(p);
        if (is_ident(*p)) {
            for (const char *q = p; q + name_len <= p + len; q++) {
                if (strncmp(q, name, name_len) != 0 || (q > p && is_ident(q[-1])))
                    continue;
                const char *after = q + name_len;
                if (*after != '(' && *after != '[' && strncmp(after, " =", 2) != 0)
                    continue;
                const char *brace = strpbrk(after, "{;");
                if (brace == NULL || *brace == ';')
                    break;
                size_t end = line_of(p, brace) + line - 1;
                for (const char *r = strchr(brace, '\n'); r; r = strchr(r + 1, '\n')) {
                    end++;
                    if (r[1] == '}') {
                        *first = line;
                        *last = end;
                        return 1;
                    }
                }
                return 0;
            }
        }
        if (eol == NULL)
            break;
        p = eol + 1;
    }
    return 0;
}

/* [`name`](path#Lfirst-Llast) with path ending in .c or .h: the range is
 * rewritten to name's definition in path, read relative to the README. */
static nn_status fill_code_links(const char *text, const char *readme, buf *b, char *first_diff,
                                 size_t diff_len)
{
    const char *slash = strrchr(readme, '/');
    size_t dir_len = slash ? (size_t)(slash - readme + 1) : 0;
    const char *p = text;
    for (const char *open; (open = strstr(p, "[`")) != NULL; ) {
        const char *name = open + 2;
        size_t name_len = 0;
        while (is_ident(name[name_len]))
            name_len++;
        const char *path = name + name_len + 3;
        if (name_len == 0 || strncmp(name + name_len, "`](", 3) != 0) {
            put(b, p, (size_t)(name - p));
            p = name;
            continue;
        }
        size_t path_len = strcspn(path, "#) \n");
        const char *range = path + path_len;
        int c_file = path_len > 2 && (strncmp(range - 2, ".c", 2) == 0 ||
                                      strncmp(range - 2, ".h", 2) == 0);
        if (!c_file || strncmp(range, "#L", 2) != 0) {
            put(b, p, (size_t)(path - p));
            p = path;
            continue;
        }
        const char *close = strchr(range, ')');
        const char *eol = strchr(range, '\n');
        if (close == NULL || (eol && eol < close))
            return nn_error(NN_EDATA, "%s:%zu: code link `%.*s` has no closing ')'", readme,
                            line_of(text, open), (int)name_len, name);
        char *file = malloc(dir_len + path_len + 1);
        if (file == NULL)
            return nn_error(NN_ENOMEM, "out of memory");
        memcpy(file, readme, dir_len);
        memcpy(file + dir_len, path, path_len);
        file[dir_len + path_len] = '\0';
        char *src = nb_slurp(file);
        size_t first, last;
        int found = src != NULL && find_definition(src, name, name_len, &first, &last);
        free(src);
        if (!found) {
            nn_status s = nn_error(NN_EDATA, "%s:%zu: code link `%.*s`: %s%s", readme,
                                   line_of(text, open), (int)name_len, name,
                                   src == NULL ? "cannot read " : "no definition in ", file);
            free(file);
            return s;
        }
        free(file);
        char lines[64];
        int n = snprintf(lines, sizeof lines, "#L%zu-L%zu", first, last);
        put(b, p, (size_t)(range - p));
        put(b, lines, (size_t)n);
        note_diff(first_diff, diff_len, "code", name, name_len, range, (size_t)(close - range),
                  lines, (size_t)n);
        p = close;
    }
    put(b, p, strlen(p));
    return b->failed ? nn_error(NN_ENOMEM, "out of memory filling code links") : NN_OK;
}

/* The next marker at or after p: an opening one, <!--v: or <!--t:, or with
 * closing also a closing tag, <!--/v--> or <!--/t-->.  NULL if none. */
static const char *next_marker(const char *p, int closing)
{
    const char *m = strstr(p, "<!--");
    while (m && strncmp(m, "<!--v:", 6) != 0 && strncmp(m, "<!--t:", 6) != 0 &&
           (!closing || (strncmp(m, "<!--/v-->", 9) != 0 && strncmp(m, "<!--/t-->", 9) != 0)))
        m = strstr(m + 4, "<!--");
    return m;
}

/* One marker: <!--v:name-->body<!--/v--> or <!--t:name-->body<!--/t-->. */
typedef struct {
    int table;             /* t, else v */
    const char *name;      /* name_len characters */
    size_t name_len;
    const char *body;      /* the text the marker's value replaces, up to close */
    const char *close;     /* the closing tag, close_tag */
    const char *close_tag;
    size_t line;           /* the README's line of the opening marker */
} marker;

/* The marker that opens at open, its name, body and closing tag checked. */
static nn_status parse_marker(marker *mk, const char *text, const char *open, const char *readme)
{
    size_t line = line_of(text, open);
    int table = open[4] == 't';
    const char *name = open + 6, *name_end = strstr(name, "-->");
    size_t name_len = name_end ? (size_t)(name_end - name) : 0;
    if (name_end == NULL || name_len == 0 || name_len > 200 ||
        memchr(name, '\n', name_len) || !part_name_ok(name, name_len))
        return nn_error(NN_EDATA, "%s:%zu: malformed marker %.6s...", readme, line, open);
    const char *body = name_end + 3;
    const char *close_tag = table ? "<!--/t-->" : "<!--/v-->";
    const char *close = strstr(body, close_tag);
    /* the next marker of any kind must be this one's closing tag: else
     * filling would swallow the text up to some later closing tag */
    const char *next = next_marker(body, 1);
    if (close == NULL || next != close)
        return nn_error(NN_EDATA, "%s:%zu: marker %c:%.*s is not closed by %s before %s",
                        readme, line, open[4], (int)name_len, name, close_tag,
                        next ? "the next marker" : "the end of the file");
    if (!table && memchr(body, '\n', (size_t)(close - body)))
        return nn_error(NN_EDATA, "%s:%zu: value marker v:%.*s spans lines; a value is "
                        "one line", readme, line, (int)name_len, name);
    *mk = (marker){.table = table, .name = name, .name_len = name_len, .body = body,
                   .close = close, .close_tag = close_tag, .line = line};
    return NN_OK;
}

/* nb_slurp(path) for the marker mk; NULL, the error said as the marker's, if
 * the file cannot be read. */
static char *slurp_for(const marker *mk, const char *path, const char *readme)
{
    char *s = nb_slurp(path);
    if (s == NULL) {
        char why[512];
        snprintf(why, sizeof why, "%s", nn_errmsg());
        nn_error(NN_EDATA, "%s:%zu: %s marker %c:%.*s: %s", readme, mk->line,
                 mk->table ? "table" : "value", mk->table ? 't' : 'v', (int)mk->name_len,
                 mk->name, why);
    }
    return s;
}

/* What the markers read under RESULTS: a file name's room, and the
 * values.txt files, each read on first use (a README may have tables only). */
typedef struct {
    const char *results_dir;
    char *path;               /* path_cap bytes */
    size_t path_cap;
    char *values;             /* RESULTS/values.txt */
    char *part_values;        /* the last part's values.txt, for part/key ... */
    char part[201];           /* ... and that part's "part/" */
    size_t part_len;
} results;

/* A table marker's body: RESULTS/name.md, on lines of its own. */
static nn_status fill_table(const marker *mk, results *r, const char *readme, buf *b,
                            char *first_diff, size_t diff_len)
{
    snprintf(r->path, r->path_cap, "%s/%.*s.md", r->results_dir, (int)mk->name_len, mk->name);
    char *t = slurp_for(mk, r->path, readme);
    if (t == NULL)
        return NN_EDATA;
    size_t start = b->n;
    /* blank lines around the table so that Markdown sees a table */
    size_t t_len = strlen(t);
    while (t_len > 0 && t[t_len - 1] == '\n')
        t_len--;
    put(b, "\n\n", 2);
    put(b, t, t_len);
    put(b, "\n\n", 2);
    free(t);
    if (!b->failed)
        note_diff(first_diff, diff_len, "t", mk->name, mk->name_len, mk->body,
                  (size_t)(mk->close - mk->body), b->s + start, b->n - start);
    return NN_OK;
}

/* The values.txt a value marker reads: RESULTS/values.txt for a key, or
 * RESULTS/part/values.txt for part/key (dir_part is the length of "part/",
 * 0 for a key); NULL if it cannot be read. */
static const char *values_for(const marker *mk, size_t dir_part, results *r, const char *readme)
{
    const char *name = mk->name;
    if (dir_part == 0) {
        if (r->values == NULL) {
            snprintf(r->path, r->path_cap, "%s/values.txt", r->results_dir);
            r->values = slurp_for(mk, r->path, readme);
        }
        return r->values;
    }
    if (r->part_len != dir_part || strncmp(r->part, name, dir_part) != 0) {
        free(r->part_values); /* another part than the last one */
        r->part_values = NULL;
    }
    if (r->part_values == NULL) {
        snprintf(r->path, r->path_cap, "%s/%.*svalues.txt", r->results_dir, (int)dir_part,
                 name);
        if ((r->part_values = slurp_for(mk, r->path, readme)) == NULL)
            return NULL;
        r->part_len = dir_part;
        memcpy(r->part, name, dir_part);
    }
    return r->part_values;
}

/* A value marker's body: the value of key in RESULTS/values.txt, or of
 * part/key in RESULTS/part/values.txt. */
static nn_status fill_value(const marker *mk, results *r, const char *readme, buf *b,
                            char *first_diff, size_t diff_len)
{
    const char *name = mk->name;
    size_t name_len = mk->name_len;
    const char *slash = memchr(name, '/', name_len);
    size_t dir_part = slash ? (size_t)(slash - name) + 1 : 0; /* "part/" */
    const char *values = values_for(mk, dir_part, r, readme);
    if (values == NULL)
        return NN_EDATA;
    const char *v;
    size_t v_len;
    if (!lookup(values, name + dir_part, name_len - dir_part, &v, &v_len))
        return nn_error(NN_EDATA, "%s:%zu: value marker v:%.*s: no such key in %s/%.*svalues.txt",
                        readme, mk->line, (int)name_len, name, r->results_dir, (int)dir_part,
                        name);
    put(b, v, v_len);
    note_diff(first_diff, diff_len, "v", name, name_len, mk->body, (size_t)(mk->close - mk->body),
              v, v_len);
    return NN_OK;
}

/* The markers, as described at the top. */
static nn_status fill_markers(const char *text, const char *readme, const char *results_dir,
                              buf *b, char *first_diff, size_t diff_len)
{
    size_t dir_len = strlen(results_dir);
    results r = {.results_dir = results_dir, .path = malloc(dir_len + 300),
                 .path_cap = dir_len + 300};
    if (r.path == NULL)
        return nn_error(NN_ENOMEM, "out of memory");
    nn_status status = NN_OK;
    const char *p = text;
    for (;;) {
        const char *open = next_marker(p, 0);
        if (open == NULL) {
            put(b, p, strlen(p));
            break;
        }
        marker mk = {0};
        if ((status = parse_marker(&mk, text, open, readme)) != NN_OK)
            goto done;
        put(b, p, (size_t)(mk.body - p));
        status = mk.table ? fill_table(&mk, &r, readme, b, first_diff, diff_len)
                          : fill_value(&mk, &r, readme, b, first_diff, diff_len);
        if (status != NN_OK)
            goto done;
        put(b, mk.close, strlen(mk.close_tag));
        p = mk.close + strlen(mk.close_tag);
    }
    if (b->failed)
        status = nn_error(NN_ENOMEM, "out of memory filling markers");
done:
    free(r.path);
    free(r.values);
    free(r.part_values);
    return status;
}

nn_status nb_fill(const char *text, const char *readme, const char *results_dir, char **out,
                  char *first_diff, size_t diff_len)
{
    *out = NULL;
    if (first_diff && diff_len)
        first_diff[0] = '\0';
    nn_status status = check_line_starts(text, readme);
    if (status != NN_OK)
        return status;
    buf marked = {0}, linked = {0};
    status = fill_markers(text, readme, results_dir, &marked, first_diff, diff_len);
    if (status == NN_OK)
        status = fill_code_links(marked.s ? marked.s : "", readme, &linked, first_diff,
                                 diff_len);
    free(marked.s);
    if (status != NN_OK) {
        free(linked.s);
        return status;
    }
    *out = linked.s ? linked.s : calloc(1, 1);
    return *out ? NN_OK : nn_error(NN_ENOMEM, "out of memory");
}
