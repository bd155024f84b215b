/* check_markdown: the READMEs render on GitHub as written.
 *
 * Each README is parsed by cmark-gfm, GitHub's own parser, with its table
 * and autolink extensions, and fails on
 *   - a value marker inside an HTML block: the line shows raw
 *     (CONTRIBUTING.md, "Markdown that renders everywhere");
 *   - a math span that Markdown changed: emphasis, a link or raw HTML formed
 *     inside it, or a backslash escape eaten (\, \; \{ \\ ...), found by
 *     comparing every $...$ of the source with the same span of the parse;
 *   - display math written with $$: it goes in a ```math fence;
 *   - an image, link or #anchor (GitHub's heading slugs) that does not
 *     resolve.
 * Every problem is printed as file:line: what, and the test fails on any. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <glob.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>

#include "nb.h"
#include "tests.h"

/* Marks in the parse's text: an inline node that is not plain text. */
#define MARK_NODE '\x01' /* emphasis, strong, link, image or raw HTML opened or closed */
#define MARK_CODE '\x02' /* a code span (its dollars are not math) */

typedef struct {
    char *s;
    size_t n, cap;
} str;

static void str_put(str *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        ck_assert_ptr_nonnull(b->s);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

static void str_putc(str *b, char c) { str_put(b, &c, 1); }

/* Whitespace runs become one space, so that source lines and the parse's
 * soft breaks compare equal. */
static void squeeze(str *b)
{
    size_t k = 0;
    for (size_t i = 0; i < b->n; i++) {
        int space = isspace((unsigned char)b->s[i]);
        if (space && k > 0 && b->s[k - 1] == ' ')
            continue;
        b->s[k++] = space ? ' ' : b->s[i];
    }
    b->n = k;
    if (b->s)
        b->s[k] = '\0';
}

/* The math spans of a text, in order, as one string each in spans[]:
 * $$...$$ and $...$ (the opening $ not followed by a space, the closing one
 * not preceded by one), skipping \$. */
typedef struct {
    char *text[512];
    int display[512];
    size_t n;
} spans;

static void spans_free(spans *sp)
{
    for (size_t k = 0; k < sp->n; k++)
        free(sp->text[k]);
    sp->n = 0;
}

static void find_spans(const char *s, spans *sp)
{
    sp->n = 0;
    for (size_t i = 0; s[i]; i++) {
        if (s[i] == '\\' && s[i + 1]) {
            i++;
            continue;
        }
        if (s[i] != '$')
            continue;
        int display = s[i + 1] == '$';
        size_t start = i + 1 + (size_t)display, j;
        if (!display && (s[start] == ' ' || s[start] == '\0'))
            continue;
        for (j = start; s[j]; j++) {
            if (s[j] == '\\' && s[j + 1]) {
                j++;
                continue;
            }
            if (s[j] == '$' && (display ? s[j + 1] == '$' : s[j - 1] != ' '))
                break;
        }
        if (s[j] == '\0' || sp->n == sizeof sp->text / sizeof sp->text[0])
            return;
        sp->display[sp->n] = display;
        sp->text[sp->n++] = strndup(s + start, j - start);
        i = j + (size_t)display;
    }
}

/* --------------------------------------------------------------- a file */

typedef struct {
    const char *path;
    char **lines; /* lines[1..n_lines] of the source */
    size_t n_lines;
    char *slugs[512]; /* GitHub's anchors of the headings */
    size_t n_slugs;
    size_t problems;
    size_t math_spans;
} md_file;

static void problem(md_file *f, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void problem(md_file *f, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: ", f->path, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    f->problems++;
}

static int node_is(cmark_node *node, const char *type)
{
    return strcmp(cmark_node_get_type_string(node), type) == 0;
}

/* The text of a leaf block as the parse has it: text as text, a code span
 * as MARK_CODE, anything else that is not text framed by MARK_NODE. */
static void parsed_text(cmark_node *node, str *b)
{
    for (cmark_node *c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
        switch (cmark_node_get_type(c)) {
        case CMARK_NODE_TEXT: {
            const char *t = cmark_node_get_literal(c);
            str_put(b, t, strlen(t));
            break;
        }
        case CMARK_NODE_CODE: str_putc(b, MARK_CODE); break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK: str_putc(b, ' '); break;
        case CMARK_NODE_HTML_INLINE: {
            const char *t = cmark_node_get_literal(c);
            /* a marker is HTML on purpose: it is kept as written */
            if (strncmp(t, "<!--", 4) == 0)
                str_put(b, t, strlen(t));
            else
                str_putc(b, MARK_NODE);
            break;
        }
        default:
            str_putc(b, MARK_NODE);
            parsed_text(c, b);
            str_putc(b, MARK_NODE);
        }
    }
}

/* The source of lines [first, last], code spans as MARK_CODE.  In a table
 * row the cells are separated by '|' in the source and by MARK_NODE here,
 * which cannot change a math span that has no '|'. */
static void source_text(const md_file *f, int first, int last, str *b)
{
    str raw = {0};
    for (int l = first; l <= last && l <= (int)f->n_lines; l++) {
        str_put(&raw, f->lines[l], strlen(f->lines[l]));
        str_putc(&raw, '\n');
    }
    for (size_t i = 0; i < raw.n; i++) {
        if (raw.s[i] == '\\' && raw.s[i + 1] == '`') {
            str_put(b, raw.s + i, 2);
            i++;
            continue;
        }
        if (raw.s[i] != '`') {
            str_putc(b, raw.s[i]);
            continue;
        }
        size_t run = 0;
        while (raw.s[i + run] == '`')
            run++;
        /* the closing run of the same length */
        size_t j = i + run;
        for (; j < raw.n; j++) {
            if (raw.s[j] != '`')
                continue;
            size_t r = 0;
            while (raw.s[j + r] == '`')
                r++;
            if (r == run)
                break;
            j += r - 1;
        }
        if (j >= raw.n) { /* no closing run: literal backticks */
            str_put(b, raw.s + i, run);
            i += run - 1;
            continue;
        }
        str_putc(b, MARK_CODE);
        i = j + run - 1;
    }
    free(raw.s);
}

/* A math span as a reader should see it in a message. */
static void show(char *out, size_t len, const char *span)
{
    size_t k = 0;
    for (; *span && k + 8 < len; span++) {
        if (*span == MARK_NODE) {
            k += (size_t)snprintf(out + k, len - k, "<tag>");
        } else if (*span == MARK_CODE) {
            k += (size_t)snprintf(out + k, len - k, "<code>");
        } else
            out[k++] = *span;
    }
    out[k] = '\0';
}

static void check_math(md_file *f, cmark_node *block, int first, int last)
{
    str parsed = {0}, source = {0};
    parsed_text(block, &parsed);
    source_text(f, first, last, &source);
    if (node_is(block, "table_row"))
        for (size_t i = 0; i < source.n; i++)
            if (source.s[i] == '|')
                source.s[i] = ' ';
    squeeze(&parsed);
    squeeze(&source);
    spans want, got;
    find_spans(source.s ? source.s : "", &want);
    find_spans(parsed.s ? parsed.s : "", &got);
    f->math_spans += want.n;
    for (size_t k = 0; k < want.n; k++) {
        char w[200], g[200];
        show(w, sizeof w, want.text[k]);
        if (want.display[k])
            problem(f, first, "display math $$%s$$ written with $$: put it in a ```math fence", w);
        if (k >= got.n) {
            problem(f, first, "math $%s$ is not a math span once Markdown has parsed the line", w);
            break;
        }
        if (strcmp(want.text[k], got.text[k]) != 0) {
            show(g, sizeof g, got.text[k]);
            const char *why = strchr(got.text[k], MARK_NODE) ? "emphasis, a link or HTML formed"
                              : strchr(got.text[k], MARK_CODE) ? "a code span formed"
                                                                : "a backslash escape was eaten";
            problem(f, first, "math $%s$ comes out of Markdown as $%s$ (%s)", w, g, why);
            break;
        }
    }
    spans_free(&want);
    spans_free(&got);
    free(parsed.s);
    free(source.s);
}

/* GitHub's anchor for a heading: its text in lower case, letters, digits,
 * '-' and '_' kept, spaces made '-', everything else dropped; a repeated
 * anchor gets -1, -2, ... */
static void add_slug(md_file *f, cmark_node *heading)
{
    str text = {0}, slug = {0};
    for (cmark_node *c = cmark_node_first_child(heading); c; c = cmark_node_next(c)) {
        const char *t = cmark_node_get_literal(c);
        cmark_node_type type = cmark_node_get_type(c);
        if (t && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE))
            str_put(&text, t, strlen(t));
    }
    for (size_t i = 0; i < text.n; i++) {
        unsigned char c = (unsigned char)text.s[i];
        if (c >= 0x80 || isalnum(c) || c == '-' || c == '_')
            str_putc(&slug, (char)tolower(c));
        else if (c == ' ')
            str_putc(&slug, '-');
    }
    str_putc(&slug, '\0');
    size_t same = 0;
    for (size_t k = 0; k < f->n_slugs; k++) {
        const char *s = f->slugs[k];
        size_t len = strlen(slug.s);
        if (strncmp(s, slug.s, len) == 0 && (s[len] == '\0' || s[len] == '-'))
            same += strcmp(s, slug.s) == 0 || (s[len] == '-' && isdigit((unsigned char)s[len + 1]));
    }
    char *name = malloc(slug.n + 24);
    ck_assert_ptr_nonnull(name);
    if (same)
        snprintf(name, slug.n + 24, "%s-%zu", slug.s, same);
    else
        snprintf(name, slug.n + 24, "%s", slug.s);
    if (f->n_slugs < sizeof f->slugs / sizeof f->slugs[0])
        f->slugs[f->n_slugs++] = name;
    else
        free(name);
    free(text.s);
    free(slug.s);
}

static int md_parse(md_file *f, cmark_node **doc);
static void md_free(md_file *f);

static int has_slug(const md_file *f, const char *anchor)
{
    for (size_t k = 0; k < f->n_slugs; k++)
        if (strcmp(f->slugs[k], anchor) == 0)
            return 1;
    return 0;
}

static void check_link(md_file *f, cmark_node *link)
{
    const char *url = cmark_node_get_url(link);
    int line = cmark_node_get_start_line(link);
    if (line <= 0)
        line = cmark_node_get_start_line(cmark_node_parent(link));
    const char *kind = cmark_node_get_type(link) == CMARK_NODE_IMAGE ? "image" : "link";
    if (url == NULL || url[0] == '\0') {
        problem(f, line, "%s with no target", kind);
        return;
    }
    if (strstr(url, "://") || strncmp(url, "mailto:", 7) == 0)
        return;
    const char *hash = strchr(url, '#');
    size_t path_len = hash ? (size_t)(hash - url) : strlen(url);
    const char *slash = strrchr(f->path, '/');
    size_t dir_len = slash ? (size_t)(slash - f->path + 1) : 0;
    char *path = malloc(dir_len + path_len + 1);
    ck_assert_ptr_nonnull(path);
    memcpy(path, f->path, dir_len);
    memcpy(path + dir_len, url, path_len);
    path[dir_len + path_len] = '\0';
    struct stat st;
    if (path_len > 0 && stat(path, &st) != 0) {
        problem(f, line, "%s target %s: no such file (%s)", kind, url, path);
    } else if (hash && hash[1] != 'L') {
        /* an anchor in this file or in another README */
        if (path_len == 0) {
            if (!has_slug(f, hash + 1))
                problem(f, line, "link to #%s: no heading has that anchor here", hash + 1);
        } else if (path_len > 3 && strcmp(path + dir_len + path_len - 3, ".md") == 0) {
            md_file other = {.path = path};
            cmark_node *doc;
            if (md_parse(&other, &doc)) {
                if (!has_slug(&other, hash + 1))
                    problem(f, line, "link to %s: no heading of %s has that anchor", url, path);
                cmark_node_free(doc);
            }
            md_free(&other);
        }
    } else if (hash && (hash[1] == 'L') && path_len > 0 && S_ISREG(st.st_mode)) {
        /* #Lfirst-Llast: the lines exist */
        unsigned long first = 0, last = 0;
        sscanf(hash, "#L%lu-L%lu", &first, &last);
        char *src = nb_slurp(path);
        size_t n = 0;
        for (const char *p = src; p && *p; p++)
            n += *p == '\n';
        if (first == 0 || last < first || last > n)
            problem(f, line, "link %s: %s has %zu lines", url, path, n);
        free(src);
    }
    free(path);
}

/* Reads and parses f->path, collecting its lines and heading anchors. */
static int md_parse(md_file *f, cmark_node **doc)
{
    char *text = nb_slurp(f->path);
    if (text == NULL)
        return 0;
    cmark_gfm_core_extensions_ensure_registered();
    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    static const char *extensions[] = {"table", "autolink", "strikethrough", "tagfilter"};
    for (size_t k = 0; k < sizeof extensions / sizeof extensions[0]; k++)
        cmark_parser_attach_syntax_extension(parser, cmark_find_syntax_extension(extensions[k]));
    cmark_parser_feed(parser, text, strlen(text));
    *doc = cmark_parser_finish(parser);
    cmark_parser_free(parser);
    /* lines[1..n] */
    size_t n = 1;
    for (const char *p = text; *p; p++)
        n += *p == '\n';
    f->lines = calloc(n + 2, sizeof *f->lines);
    ck_assert_ptr_nonnull(f->lines);
    char *save = NULL;
    f->n_lines = 0;
    for (char *p = text, *eol; p; p = eol ? eol + 1 : NULL) {
        eol = strchr(p, '\n');
        f->lines[++f->n_lines] = strndup(p, eol ? (size_t)(eol - p) : strlen(p));
    }
    (void)save;
    free(text);
    cmark_iter *it = cmark_iter_new(*doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE; ) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(node) == CMARK_NODE_HEADING)
            add_slug(f, node);
    }
    cmark_iter_free(it);
    return 1;
}

static void md_free(md_file *f)
{
    for (size_t l = 1; l <= f->n_lines; l++)
        free(f->lines[l]);
    free(f->lines);
    for (size_t k = 0; k < f->n_slugs; k++)
        free(f->slugs[k]);
}

/* Checks one file; returns its number of problems. */
static size_t md_check(const char *path, size_t *math_spans)
{
    md_file f = {.path = path};
    cmark_node *doc;
    if (!md_parse(&f, &doc)) {
        fprintf(stderr, "%s: %s\n", path, nn_errmsg());
        return 1;
    }
    cmark_iter *it = cmark_iter_new(doc);
    for (cmark_event_type ev; (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE; ) {
        if (ev != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(it);
        int first = cmark_node_get_start_line(node), last = cmark_node_get_end_line(node);
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_HTML_BLOCK: {
            const char *t = cmark_node_get_literal(node);
            if (strstr(t, "<!--v:"))
                problem(&f, first, "a value marker starts an HTML block, so the line shows raw "
                                   "(start the line with a word)");
            break;
        }
        case CMARK_NODE_PARAGRAPH:
        case CMARK_NODE_HEADING:
            if (!node_is(cmark_node_parent(node), "table_cell"))
                check_math(&f, node, first, last);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE: check_link(&f, node); break;
        default:
            if (node_is(node, "table_row"))
                check_math(&f, node, first, first);
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    md_free(&f);
    if (math_spans)
        *math_spans += f.math_spans;
    return f.problems;
}

START_TEST(readmes_render_as_written)
{
    glob_t g;
    ck_assert_int_eq(glob("chapters/*/README.md", 0, NULL, &g), 0);
    ck_assert_uint_ge(g.gl_pathc, 6);
    size_t problems = md_check("README.md", NULL) + md_check("CONTRIBUTING.md", NULL) +
                      md_check("chapters/GLOSSARY.md", NULL), math = 0;
    for (size_t k = 0; k < g.gl_pathc; k++)
        problems += md_check(g.gl_pathv[k], &math);
    /* guard against passing trivially: the chapters are full of math */
    ck_assert_uint_ge(math, 500);
    ck_assert_msg(problems == 0, "%zu Markdown problems in the READMEs (listed above)", problems);
    globfree(&g);
}
END_TEST

/* Each known way for Markdown to break a README is caught. */
START_TEST(each_pitfall_is_caught)
{
    static const struct {
        const char *text;
        size_t problems;
    } cases[] = {
        {"fine: $z^{[1]}_j$ and $a_j^{[1]}$, `$not math$`, <!--v:x-->1<!--/v-->.\n", 0},
        {"a paragraph\n<!--v:x-->1<!--/v--> starts a line\n", 1},
        {"the unit $z^{[1]}_j$ and the weight $w_{jk}$\n", 1},       /* emphasis */
        {"the example $a^{[1](i)}$\n", 2},                          /* a link, to nowhere */
        {"a gap $a\\,b$\n", 1},                                      /* escape eaten */
        {"| a |\n|---|\n| $x|y$ |\n", 1},                            /* cell split */
        {"$$\nx = 1\n$$\n", 1},                                      /* $$ display */
        {"```math\nx \\\\ y_{1}^{*} _{2}\n```\n", 0},                /* a fence is safe */
        {"![a figure](nowhere.svg) and [a section](#nowhere)\n", 2},
        {"# A title\n\n[up](#a-title) and [code](test_md.md#L1-L1)\n", 0},
        {"[code](test_md.md#L2-L9)\n", 1},
    };
    mkdir("build", 0755);
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        write_file("build/test_md.md", cases[k].text);
        size_t got = md_check("build/test_md.md", NULL);
        ck_assert_msg(got == cases[k].problems, "case %zu (%s): %zu problems, expected %zu", k,
                      cases[k].text, got, cases[k].problems);
    }
}
END_TEST

/* ------------------------------------------------- one sitting per chapter
 *
 * A chapter's main line is its prose outside the "Going further" and
 * "Reproduce it" sections, fenced blocks and tables: what a learner reads
 * to get through it.  Its words are counted as whitespace-separated tokens
 * holding a letter or a digit (an inline formula without spaces is one),
 * after HTML comments and tags and the targets of links are dropped. */
enum { MAIN_LINE_WORDS = 2500 };

typedef struct {
    size_t words;       /* of the main line */
    int try_it, remember, reproduce; /* the line of each heading, 0 if absent */
    int first_further, last_further; /* the first and last "Going further" heading */
} chapter_shape;

/* The words of one line of prose, counted in place (the line is changed). */
static size_t prose_words(char *line)
{
    /* drop <!-- ... -->, then <tags>, then "](target)" */
    for (char *a; (a = strstr(line, "<!--")) != NULL;) {
        char *b = strstr(a + 4, "-->");
        memmove(a, b ? b + 3 : a + strlen(a), strlen(b ? b + 3 : a + strlen(a)) + 1);
    }
    for (char *a = line; (a = strchr(a, '<')) != NULL;) {
        char *b = strchr(a, '>');
        if (b == NULL)
            break;
        *a = ' ';
        memmove(a + 1, b + 1, strlen(b + 1) + 1);
    }
    for (char *a; (a = strstr(line, "](")) != NULL;) {
        char *b = strchr(a + 2, ')');
        if (b == NULL)
            break;
        memmove(a + 1, b + 1, strlen(b + 1) + 1);
    }
    size_t words = 0;
    for (char *t = strtok(line, " \t\n"); t; t = strtok(NULL, " \t\n"))
        for (const unsigned char *c = (const unsigned char *)t; *c; c++)
            if (isalnum(*c) || *c >= 0x80) {
                words++;
                break;
            }
    return words;
}

static chapter_shape chapter_measure(const char *path)
{
    chapter_shape c = {0};
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "%s: cannot open", path);
    char *line = NULL;
    size_t cap = 0;
    int n = 0, fence = 0, skip = 0;
    while (getline(&line, &cap, f) != -1) {
        n++;
        if (strncmp(line, "```", 3) == 0) {
            fence = !fence;
            continue;
        }
        if (fence)
            continue;
        if (strncmp(line, "## ", 3) == 0) {
            const char *t = line + 3;
            int further = strncmp(t, "Going further", 13) == 0;
            skip = further || strncmp(t, "Reproduce it", 12) == 0;
            if (further) {
                c.first_further = c.first_further ? c.first_further : n;
                c.last_further = n;
            }
            if (strncmp(t, "Try it", 6) == 0)
                c.try_it = n;
            if (strncmp(t, "What to remember", 16) == 0)
                c.remember = n;
            if (strncmp(t, "Reproduce it", 12) == 0)
                c.reproduce = n;
        }
        const char *s = line + strspn(line, " ");
        if (skip || *s == '|')
            continue;
        c.words += prose_words(line);
    }
    free(line);
    fclose(f);
    return c;
}

/* A problem with a chapter's shape, or "" if none. */
static const char *shape_problem(const chapter_shape *c)
{
    if (!c->remember || !c->try_it || !c->reproduce)
        return "it lacks \"What to remember\", \"Try it\" or \"Reproduce it\"";
    if (!(c->remember < c->try_it && c->try_it < c->reproduce))
        return "\"What to remember\", \"Try it\" and \"Reproduce it\" are out of order";
    if (c->first_further && !(c->try_it < c->first_further && c->last_further < c->reproduce))
        return "a \"Going further\" section is not between \"Try it\" and \"Reproduce it\"";
    if (c->words > MAIN_LINE_WORDS)
        return "its main line is longer than one sitting";
    return "";
}

START_TEST(each_chapter_reads_in_one_sitting)
{
    glob_t g;
    ck_assert_int_eq(glob("chapters/*/README.md", 0, NULL, &g), 0);
    size_t bad = 0;
    for (size_t k = 0; k < g.gl_pathc; k++) {
        chapter_shape c = chapter_measure(g.gl_pathv[k]);
        const char *problem = shape_problem(&c);
        if (*problem)
            fprintf(stderr, "%s: main line %zu words (at most %d): %s\n", g.gl_pathv[k],
                    c.words, MAIN_LINE_WORDS, problem);
        /* guard against counting nothing: every chapter has a real main line */
        ck_assert_msg(c.words > 1000, "%s: only %zu words counted", g.gl_pathv[k], c.words);
        bad += *problem != '\0';
    }
    globfree(&g);
    ck_assert_msg(bad == 0, "%zu chapters out of shape (listed above)", bad);
}
END_TEST

/* The measure itself: what counts, what does not, and each shape problem. */
START_TEST(the_measure_counts_the_main_line)
{
    mkdir("build", 0755);
    write_file("build/test_shape.md",
               "# T\n\nOne two <!--v:x-->3<!--/v--> [four](a.md#b) $x_{1}^{2}$ <b>six</b>.\n"
               "```math\nnot counted here\n```\n| a | table |\n## What to remember\n\nseven\n"
               "## Try it\n\neight nine\n## Going further: ten\n\nnot counted\n"
               "## Reproduce it\n\nnot counted\n");
    chapter_shape c = chapter_measure("build/test_shape.md");
    /* T, One, two, 3, four, x_1^2, six., What, to, remember, seven, Try, it, eight, nine */
    ck_assert_uint_eq(c.words, 15);
    ck_assert_str_eq(shape_problem(&c), "");
    c.first_further = c.last_further = c.try_it - 1;
    ck_assert_str_ne(shape_problem(&c), "");
    c = chapter_measure("build/test_shape.md");
    c.words = MAIN_LINE_WORDS + 1;
    ck_assert_str_ne(shape_problem(&c), "");
    c.words = 15;
    c.try_it = 0;
    ck_assert_str_ne(shape_problem(&c), "");
}
END_TEST

Suite *markdown_suite(void)
{
    Suite *s = suite_create("markdown");
    TCase *tc = tcase_create("cmark-gfm");
    tcase_add_test(tc, each_pitfall_is_caught);
    tcase_add_test(tc, readmes_render_as_written);
    tcase_add_test(tc, the_measure_counts_the_main_line);
    tcase_add_test(tc, each_chapter_reads_in_one_sitting);
    suite_add_tcase(s, tc);
    return s;
}
