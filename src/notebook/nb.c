/* nb.c: the programs' shared plumbing: messages, arguments, atomic outputs. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <getopt.h>
#include <ctype.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gsl/gsl_errno.h>

#include "nb.h"
#include "nb_shapes.h"

static const char *program = "program";

enum { MAX_OUTPUTS = 256 };
static struct {
    FILE *f;
    char *tmp, *path;
    int prose; /* words, not numbers: not checked for non-finite values */
} outputs[MAX_OUTPUTS];
/* read by the signal handler: only ever grows by one after the entry is set */
static volatile sig_atomic_t n_outputs;

/* SIGINT, SIGTERM, SIGHUP: delete the temporary outputs, then die of the
 * signal as if there were no handler.  unlink is async-signal-safe. */
static void on_signal(int sig)
{
    for (sig_atomic_t k = 0; k < n_outputs; k++)
        if (outputs[k].tmp)
            unlink(outputs[k].tmp);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* At exit: what was printed on stdout must have been written, or the exit
 * status says it was not (a full disk, a closed pipe, /dev/full). */
static int dying; /* nb_die has said what went wrong: say nothing more */

static void close_stdout(void)
{
    int bad = ferror(stdout);
    if (fclose(stdout) != 0 || bad) {
        if (dying)
            _exit(EXIT_FAILURE);
        int e = errno;
        fprintf(stderr, "%s: cannot write to standard output: %s\n", program,
                e ? strerror(e) : "write error");
        _exit(EXIT_FAILURE);
    }
}

void nb_init(int argc, char **argv)
{
    if (argc > 0 && argv[0] != NULL) {
        const char *slash = strrchr(argv[0], '/');
        program = slash ? slash + 1 : argv[0];
    }
    gsl_set_error_handler_off(); /* the library checks shapes itself */
    nb_exact_math();             /* sin, cos and log the same on every machine */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    for (int k = 0; k < 3; k++) {
        int sig = k == 0 ? SIGINT : k == 1 ? SIGTERM : SIGHUP;
        struct sigaction old;
        /* a signal ignored by whoever started us stays ignored */
        if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sig, &sa, NULL);
    }
    atexit(close_stdout);
}

/* Forgets every output; with discard, closes and deletes the temporary files too. */
static void forget_outputs(int discard)
{
    for (size_t k = 0; k < (size_t)n_outputs; k++) {
        if (discard) {
            if (outputs[k].f)
                fclose(outputs[k].f);
            unlink(outputs[k].tmp);
        }
        free(outputs[k].tmp);
        free(outputs[k].path);
    }
    n_outputs = 0;
}

size_t nb_utf8_char(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t n = p[0] < 0x80 ? 1 : (p[0] & 0xE0) == 0xC0 ? 2 : (p[0] & 0xF0) == 0xE0 ? 3
             : (p[0] & 0xF8) == 0xF0 ? 4 : 0;
    if (p[0] == 0 || n == 0 || (n == 2 && p[0] < 0xC2) || (n == 4 && p[0] > 0xF4))
        return 0;
    for (size_t k = 1; k < n; k++)
        if ((p[k] & 0xC0) != 0x80)
            return 0;
    if ((n == 3 && ((p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xED && p[1] >= 0xA0))) ||
        (n == 4 && ((p[0] == 0xF0 && p[1] < 0x90) || (p[0] == 0xF4 && p[1] >= 0x90))))
        return 0; /* overlong, a surrogate, or beyond U+10FFFF */
    return n;
}

/* The code point of the valid UTF-8 character of n bytes at s. */
static unsigned long code_point(const unsigned char *s, size_t n)
{
    static const unsigned char lead_bits[5] = {0, 0x7F, 0x1F, 0x0F, 0x07};
    unsigned long u = s[0] & lead_bits[n];
    for (size_t k = 1; k < n; k++)
        u = (u << 6) | (s[k] & 0x3F);
    return u;
}

/* Characters that change how a terminal shows what follows: the C0 and C1
 * controls, DEL, and the bidirectional marks, embeddings, overrides and
 * isolates (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). */
static int is_control(unsigned long u)
{
    return u < 0x20 || (u >= 0x7F && u < 0xA0) || u == 0x200E || u == 0x200F ||
           (u >= 0x202A && u <= 0x202E) || (u >= 0x2066 && u <= 0x2069);
}

/* One character of text for a terminal: controls (above) are escaped as
 * \n, \r, \t, \xHH or \uHHHH, and so are bytes that are not UTF-8 (\xHH);
 * returns how many bytes of s it took. */
static size_t put_char(FILE *f, const char *s)
{
    size_t n = nb_utf8_char(s);
    if (n == 0) {
        fprintf(f, "\\x%02x", (unsigned char)s[0]);
        return 1;
    }
    unsigned long u = code_point((const unsigned char *)s, n);
    if (u == '\n')
        fputs("\\n", f);
    else if (u == '\r')
        fputs("\\r", f);
    else if (u == '\t')
        fputs("\\t", f);
    else if (is_control(u))
        fprintf(f, u < 0x80 ? "\\x%02lx" : "\\u%04lx", u);
    else
        fwrite(s, 1, n, f);
    return n;
}

void nb_put_escaped(FILE *f, const char *s)
{
    for (size_t k = 0; s[k]; )
        k += put_char(f, s + k);
}

/* Writes s to f as one line, escaped as nb_put_escaped does, so that text
 * from the input can neither break the line nor drive the terminal; a
 * message longer than 16 KiB loses its middle, never its end, where the
 * reason is. */
static void put_line(FILE *f, const char *s)
{
    size_t len = strlen(s), head = len, tail = 0;
    if (len > 16384) {
        head = 8192;
        tail = 8192;
    }
    for (size_t k = 0; k < len; ) {
        if (k >= head && tail) {
            fputs(" [...] ", f);
            k = len - tail;
            while (k < len && ((unsigned char)s[k] & 0xC0) == 0x80)
                k++; /* not in the middle of a character */
            tail = 0;
        }
        k += put_char(f, s + k);
    }
    fputc('\n', f);
}

/* "program: message" on stderr, as one line. */
static void say(const char *fmt, va_list ap)
{
    va_list again;
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    char *msg = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (msg)
        vsnprintf(msg, (size_t)n + 1, fmt, again);
    va_end(again);
    fprintf(stderr, "%s: ", program);
    put_line(stderr, msg ? msg : "out of memory for a message");
    free(msg);
}

void nb_die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
    forget_outputs(1);
    dying = 1;
    exit(EXIT_FAILURE);
}

void nb_warn(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say(fmt, ap);
    va_end(ap);
}

void nb_try(nn_status s)
{
    if (s != NN_OK)
        nb_die("%s", nn_errmsg());
}

void *nb_ok(void *p)
{
    if (p == NULL)
        nb_die("%s", nn_errmsg());
    return p;
}

static void require_dir(const char *option, const char *dir)
{
    struct stat st;
    if (stat(dir, &st) != 0)
        nb_die("%s %s: %s", option, dir, strerror(errno));
    if (!S_ISDIR(st.st_mode))
        nb_die("%s %s: not a directory", option, dir);
}

/* Whether name is "main" or one of parts (NULL-terminated). */
static int known_part(const char *name, const char *const *parts)
{
    if (strcmp(name, "main") == 0)
        return 1;
    for (size_t i = 0; parts[i]; i++)
        if (strcmp(name, parts[i]) == 0)
            return 1;
    return 0;
}

/* --help: the usage lines and the purpose, then exit. */
static void print_usage(const char *purpose, int has_bench, const char *const *parts)
{
    printf("usage: %s --data DIR --out DIR\n", program);
    if (parts) {
        printf("       %s --data DIR --out DIR --part main", program);
        for (size_t i = 0; parts[i]; i++)
            printf("|%s", parts[i]);
        printf("\n");
    }
    if (has_bench)
        printf("       %s --data DIR --bench\n", program);
    printf("%s\n", purpose);
    if (parts)
        printf("Without --part it runs every part; part P other than main writes "
               "into DIR/P/.\n");
    exit(EXIT_SUCCESS);
}

/* --part NAME: dies unless the program has parts, NAME is one of them and
 * --part was not given before. */
static void take_part(nb_args *args, const char *name, const char *const *parts)
{
    if (parts == NULL)
        nb_die("--part: %s has no parts; it takes --data DIR --out DIR", program);
    if (args->part)
        nb_die("--part is given twice ('%s', then '%s'); give it once", args->part, name);
    if (!known_part(name, parts)) {
        char list[256] = "main";
        for (size_t i = 0; parts[i]; i++)
            snprintf(list + strlen(list), sizeof list - strlen(list), ", %s", parts[i]);
        nb_die("--part '%s': %s has the parts %s", name, program, list);
    }
    args->part = name;
}

/* The directories the options name: --data, and --out unless --bench
 * (which writes no files and takes no --out). */
static void check_dirs(const nb_args *args)
{
    if (args->bench) {
        if (args->data == NULL || args->out != NULL)
            nb_die("--bench takes --data DIR and no --out: it writes no files (see --help)");
        require_dir("--data", args->data);
        return;
    }
    if (args->data == NULL || args->out == NULL)
        nb_die("both --data DIR and --out DIR are required (see --help)");
    require_dir("--data", args->data);
    require_dir("--out", args->out);
}

static void parse_args(int argc, char **argv, const char *purpose, nb_args *args, int has_bench,
                       const char *const *parts)
{
    static const struct option longopts[] = {
        {"out", required_argument, NULL, 'o'},
        {"data", required_argument, NULL, 'd'},
        {"help", no_argument, NULL, 'h'},
        {"bench", no_argument, NULL, 'b'},
        {"part", required_argument, NULL, 'p'},
        {NULL, 0, NULL, 0},
    };
    args->out = args->data = args->part = NULL;
    args->bench = 0;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:d:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'o':
            if (args->out)
                nb_die("--out is given twice ('%s', then '%s'); give it once", args->out, optarg);
            args->out = optarg;
            break;
        case 'd':
            if (args->data)
                nb_die("--data is given twice ('%s', then '%s'); give it once", args->data,
                       optarg);
            args->data = optarg;
            break;
        case 'b':
            if (!has_bench)
                nb_die("--bench: %s has no benchmark; it takes --data DIR --out DIR", program);
            if (args->bench)
                nb_die("--bench is given twice; give it once");
            args->bench = 1;
            break;
        case 'p': take_part(args, optarg, parts); break;
        case 'h': print_usage(purpose, has_bench, parts); break;
        case ':': nb_die("option %s needs a value (see --help)", argv[optind - 1]);
        default: nb_die("unknown option '%s' (see --help)", argv[optind - 1]);
        }
    }
    if (optind < argc)
        nb_die("unexpected argument '%s' (see --help)", argv[optind]);
    check_dirs(args);
}

void nb_parse_args(int argc, char **argv, const char *purpose, nb_args *args)
{
    parse_args(argc, argv, purpose, args, 0, NULL);
}

void nb_parse_bench_args(int argc, char **argv, const char *purpose, nb_args *args)
{
    parse_args(argc, argv, purpose, args, 1, NULL);
}

void nb_parse_part_args(int argc, char **argv, const char *purpose, const char *const *parts,
                        nb_args *args)
{
    parse_args(argc, argv, purpose, args, 0, parts);
}

int nb_runs_part(const nb_args *args, const char *name)
{
    return args->part == NULL || strcmp(args->part, name) == 0;
}


unsigned long nb_parse_ulong(const char *option, const char *text, unsigned long lo,
                             unsigned long hi)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(text, &end, 10);
    if (*text == '\0' || *end != '\0' || errno != 0 || !isdigit((unsigned char)text[0]) ||
        v < lo || v > hi)
        nb_die("%s '%.*s%s' is not a whole number from %lu to %lu", option, NB_SHORT(text), lo,
               hi);
    return v;
}

double nb_parse_double(const char *option, const char *text, double lo, double hi)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (*text == '\0' || *end != '\0' || errno != 0 || isspace((unsigned char)text[0]) ||
        !isfinite(v) || v < lo || v > hi)
        nb_die("%s '%.*s%s' is not a number from %g to %g", option, NB_SHORT(text), lo, hi);
    return v;
}

char *nb_join(const char *dir, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(name) + strlen(suffix) + 2;
    char *s = malloc(n);
    if (s == NULL)
        nb_die("out of memory");
    snprintf(s, n, "%s/%s%s", dir, name, suffix);
    return s;
}

char *nb_part_dir(const nb_args *args, const char *name)
{
    char *dir = nb_join(args->out, name, "");
    if (mkdir(dir, 0755) != 0 && errno != EEXIST)
        nb_die("cannot create %s: %s", dir, strerror(errno));
    require_dir("--out", dir);
    return dir;
}

FILE *nb_create(const char *dir, const char *name)
{
    if (name[0] == '\0' || strchr(name, '/'))
        nb_die("'%s' is not a file name", name);
    if (n_outputs == MAX_OUTPUTS)
        nb_die("more than %d output files", MAX_OUTPUTS);
    char *tmp = nb_join(dir, name, ".tmp.XXXXXX");
    int fd = mkstemp(tmp);
    if (fd < 0) {
        int e = errno;
        free(tmp);
        nb_die("cannot create %s/%s: %s", dir, name, strerror(e));
    }
    fchmod(fd, 0644);
    FILE *f = fdopen(fd, "w");
    outputs[n_outputs].f = f;
    outputs[n_outputs].tmp = tmp;
    outputs[n_outputs].path = nb_join(dir, name, "");
    outputs[n_outputs].prose = 0;
    n_outputs++;
    if (f == NULL)
        nb_die("cannot open %s/%s: %s", dir, name, strerror(errno));
    return f;
}

FILE *nb_create_path(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (path[0] == '\0' || (slash && slash[1] == '\0'))
        nb_die("'%s' is not a file name", path);
    if (slash == NULL)
        return nb_create(".", path);
    char *dir = strndup(path, (size_t)(slash - path));
    if (dir == NULL)
        nb_die("out of memory");
    FILE *f = nb_create(dir[0] ? dir : "/", slash + 1);
    free(dir);
    return f;
}

/* The first non-finite number in a file the program wrote ("nan", "inf",
 * "-inf", "infinity" as a whole field), as its line; 0 if there is none. */
static size_t non_finite_line(const char *path, char *token, size_t token_len)
{
    char *text = nb_slurp(path);
    if (text == NULL)
        nb_die("%s", nn_errmsg());
    size_t line = 1, found = 0;
    const char *sep = " \t\n|,=();:";
    for (const char *p = text; *p && !found; ) {
        size_t len = strcspn(p, sep);
        if (len > 0 && len < 16) {
            char t[16];
            size_t k;
            for (k = 0; k < len; k++)
                t[k] = (char)tolower((unsigned char)p[k]);
            t[k] = '\0';
            const char *u = t[0] == '-' || t[0] == '+' ? t + 1 : t;
            if (strcmp(u, "nan") == 0 || strcmp(u, "inf") == 0 || strcmp(u, "infinity") == 0) {
                found = line;
                snprintf(token, token_len, "%.*s", (int)len, p);
            }
        }
        p += len;
        if (*p) {
            line += *p == '\n';
            p++;
        }
    }
    free(text);
    return found;
}

FILE *nb_create_prose_path(const char *path)
{
    FILE *f = nb_create_path(path);
    outputs[n_outputs - 1].prose = 1;
    return f;
}

void nb_commit(void)
{
    size_t n = (size_t)n_outputs;
    for (size_t k = 0; k < n; k++) {
        FILE *f = outputs[k].f;
        outputs[k].f = NULL;
        int bad = ferror(f);
        if (fclose(f) != 0 || bad)
            nb_die("cannot write %s: %s", outputs[k].path, strerror(errno));
    }
    /* No non-finite number may reach a result. */
    for (size_t k = 0; k < n; k++) {
        char token[32];
        size_t line = outputs[k].prose ? 0 : non_finite_line(outputs[k].tmp, token, sizeof token);
        if (line)
            nb_die("%s:%zu: the result '%s' is not a finite number; nothing was written",
                   outputs[k].path, line, token);
    }
    /* All or nothing: keep a hard link to every file about to be replaced,
     * rename the new files into place, and on any failure put the old ones
     * back.  No signal interrupts this. */
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    char **backup = calloc(n ? n : 1, sizeof *backup);
    if (backup == NULL)
        nb_die("out of memory");
    const char *why = NULL;
    size_t failed = 0, done = 0;
    int e = 0;
    for (size_t k = 0; k < n && why == NULL; k++) {
        struct stat st;
        if (lstat(outputs[k].path, &st) != 0) {
            if (errno != ENOENT) {
                why = "cannot look at", failed = k, e = errno;
            }
            continue;
        }
        if (S_ISDIR(st.st_mode)) {
            why = "cannot replace", failed = k, e = EISDIR;
            break;
        }
        size_t len = strlen(outputs[k].tmp) + 5;
        if ((backup[k] = malloc(len)) == NULL)
            nb_die("out of memory");
        snprintf(backup[k], len, "%s.old", outputs[k].tmp);
        if (link(outputs[k].path, backup[k]) != 0) {
            why = "cannot keep a copy of", failed = k, e = errno;
            free(backup[k]);
            backup[k] = NULL;
        }
    }
    for (; done < n && why == NULL; done++)
        if (rename(outputs[done].tmp, outputs[done].path) != 0)
            why = "cannot rename into", failed = done, e = errno;
    if (why) {
        for (size_t k = 0; k < done; k++) {
            if (backup[k])
                rename(backup[k], outputs[k].path);
            else
                unlink(outputs[k].path);
        }
    }
    for (size_t k = 0; k < n; k++) {
        if (backup[k])
            unlink(backup[k]);
        free(backup[k]);
    }
    free(backup);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (why)
        nb_die("%s %s: %s; nothing was changed", why, outputs[failed].path, strerror(e));
    forget_outputs(0);
}

void nb_kv(FILE *f, const char *key, const char *fmt, ...)
{
    va_list ap;
    fprintf(f, "%s = ", key);
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
    fputc('\n', f);
}

uint64_t nb_ulps(double a, double b)
{
    if (a == b)
        return 0;
    if (isnan(a) || isnan(b))
        return UINT64_MAX;
    /* Map the doubles onto the integers in order: negatives below zero. */
    int64_t ia, ib;
    memcpy(&ia, &a, sizeof ia);
    memcpy(&ib, &b, sizeof ib);
    if (ia < 0)
        ia = INT64_MIN - ia;
    if (ib < 0)
        ib = INT64_MIN - ib;
    return ia > ib ? (uint64_t)ia - (uint64_t)ib : (uint64_t)ib - (uint64_t)ia;
}

const char *nb_key(const char *fmt, ...)
{
    static char key[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(key, sizeof key, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof key)
        nb_die("a values.txt key longer than %zu bytes", sizeof key - 1);
    return key;
}

nn_dataset *nb_read_dataset(const char *dir, const char *name)
{
    char *path = nb_join(dir, name, "");
    nn_dataset *d = nn_dataset_read_csv(path);
    free(path);
    return nb_ok(d);
}

/* Dies unless d has n_x features, m examples and both classes (and, when
 * per_class is not 0, that many of each). */
static void expect_dataset(const nn_dataset *d, const char *dir, const char *name, size_t n_x,
                           size_t m, size_t per_class)
{
    size_t ones = 0, have = d->X->size2;
    for (size_t i = 0; i < have; i++)
        ones += gsl_matrix_get(d->Y, 0, i) == 1.0;
    if (d->X->size1 != n_x)
        nb_die("%s/%s has %zu features, expected %zu (regenerate it: make data)", dir, name,
               d->X->size1, n_x);
    if (have != m)
        nb_die("%s/%s has %zu examples, expected %zu (regenerate it: make data)", dir, name, have,
               m);
    if (ones == 0 || ones == have)
        nb_die("%s/%s has examples of class %d only, expected both classes (regenerate it: make "
               "data)", dir, name, ones ? 1 : 0);
    if (per_class && (ones != per_class || have - ones != per_class))
        nb_die("%s/%s has %zu examples of class 1 and %zu of class 0, expected %zu of each "
               "(regenerate it: make data)", dir, name, ones, have - ones, per_class);
}

nn_dataset *nb_read_planar(const char *dir, const char *name, size_t m)
{
    nn_dataset *d = nb_read_dataset(dir, name);
    expect_dataset(d, dir, name, 2, m, 0);
    return d;
}

nn_dataset *nb_read_flower(const char *dir)
{
    nn_dataset *d = nb_read_dataset(dir, "flower.csv");
    expect_dataset(d, dir, "flower.csv", 2, NB_FLOWER_M, NB_FLOWER_M / 2);
    return d;
}

/* ------------------------------------------------- decision-boundary grids */

gsl_matrix *nb_grid_alloc(const gsl_matrix *X, size_t n, double margin)
{
    if (X->size1 != 2 || n < 2)
        nb_die("a decision-boundary grid needs 2-D data and n >= 2 (got %zu rows, n = %zu)",
               X->size1, n);
    gsl_matrix *grid = gsl_matrix_alloc(2, n * n);
    if (grid == NULL)
        nb_die("out of memory allocating a %zu x %zu grid", n, n);
    double lo[2], hi[2];
    for (size_t f = 0; f < 2; f++) {
        gsl_vector_const_view row = gsl_matrix_const_row(X, f);
        gsl_vector_minmax(&row.vector, &lo[f], &hi[f]);
        lo[f] -= margin;
        hi[f] += margin;
    }
    for (size_t r = 0; r < n; r++)
        for (size_t c = 0; c < n; c++) {
            gsl_matrix_set(grid, 0, r * n + c, lo[0] + (hi[0] - lo[0]) * (double)c / (double)(n - 1));
            gsl_matrix_set(grid, 1, r * n + c, lo[1] + (hi[1] - lo[1]) * (double)r / (double)(n - 1));
        }
    return grid;
}

void nb_write_grid(FILE *f, const gsl_matrix *grid, size_t n, const gsl_matrix *A)
{
    for (size_t r = 0; r < n; r++) {
        for (size_t c = 0; c < n; c++) {
            size_t i = r * n + c;
            fprintf(f, "%.6g %.6g %d\n", gsl_matrix_get(grid, 0, i), gsl_matrix_get(grid, 1, i),
                    gsl_matrix_get(A, 0, i) > 0.5);
        }
        fputc('\n', f);
    }
}

void nb_net_over(gsl_matrix *A, const nn_params *p, const gsl_matrix *X)
{
    /* a batch of columns at a time: the cache, n_h by the batch, stays
     * under 2^24 numbers whatever n_h and the number of columns are */
    size_t m = X->size2, batch = ((size_t)1 << 24) / p->n_h;
    if (batch == 0)
        batch = 1;
    if (batch > m)
        batch = m;
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, batch)), *last = NULL;
    for (size_t start = 0; start < m; start += batch) {
        size_t b = m - start < batch ? m - start : batch;
        if (b < batch && last == NULL)
            last = nb_ok(nn_cache_alloc(p->n_h, b));
        nn_cache *c = b < batch ? last : cache;
        gsl_matrix_const_view Xb = gsl_matrix_const_submatrix(X, 0, start, X->size1, b);
        nb_try(nn_forward(c, p, &Xb.matrix));
        gsl_matrix_view out = gsl_matrix_submatrix(A, 0, start, 1, b);
        gsl_matrix_memcpy(&out.matrix, c->A2);
    }
    nn_cache_free(last);
    nn_cache_free(cache);
}

void nb_logreg_over(gsl_matrix *A, const nn_logreg *lr, const gsl_matrix *grid)
{
    nn_logreg *g = nb_ok(nn_logreg_alloc(lr->n_x, grid->size2));
    gsl_matrix_memcpy(g->w, lr->w);
    gsl_vector_memcpy(g->b, lr->b);
    nb_try(nn_logreg_forward(g, grid));
    gsl_matrix_memcpy(A, g->A);
    nn_logreg_free(g);
}

void nb_write_boundary(const char *out, const char *file, const gsl_matrix *X,
                       const nn_params *p, const nn_logreg *lr)
{
    if ((p == NULL) == (lr == NULL))
        nb_die("nb_write_boundary %s: give a network or a logistic regression, not %s", file,
               p ? "both" : "neither");
    gsl_matrix *grid = nb_grid_alloc(X, NB_GRID, NB_GRID_MARGIN);
    gsl_matrix *A = nb_ok(gsl_matrix_alloc(1, grid->size2));
    if (p)
        nb_net_over(A, p, grid);
    else
        nb_logreg_over(A, lr, grid);
    nb_write_grid(nb_create(out, file), grid, NB_GRID, A);
    gsl_matrix_free(A);
    gsl_matrix_free(grid);
}

/* ----------------------------------------------------------- shape tables */

/* Rows of the table: a variable and the gradients printed beside it. */
static const char *const SHAPE_ROWS[][4] = {
    {"X"}, {"W1", "dW1"}, {"b1", "db1"}, {"Z1", "A1", "dZ1"},
    {"W2", "dW2"}, {"b2", "db2"}, {"Z2", "A2", "dZ2"}, {"Y"},
};

void nb_write_shapes(FILE *f, const nn_params *p, const nn_cache *c, const nn_grads *g,
                     const gsl_matrix *X, const gsl_matrix *Y)
{
    nb_shape shapes[NB_SHAPES_COUNT];
    nb_try(nb_shapes_read(shapes, p, c, g, X, Y));
    if (nb_shapes_check_grads(shapes, NULL) != 0)
        nb_die("%s", nn_errmsg());
    size_t m = c->m;
    fprintf(f, "| variable | shape | here | grows with $m$? |\n|---|---|---|---|\n");
    for (size_t r = 0; r < sizeof SHAPE_ROWS / sizeof SHAPE_ROWS[0]; r++) {
        const nb_shape *first = nb_ok((void *)nb_shapes_find(shapes, SHAPE_ROWS[r][0]));
        size_t rows_m, cols_m, rows_m1, cols_m1;
        nb_try(nb_shapes_eval(first->symbols, p->n_x, p->n_h, m, &rows_m, &cols_m));
        nb_try(nb_shapes_eval(first->symbols, p->n_x, p->n_h, m + 1, &rows_m1, &cols_m1));
        fputs("| ", f);
        for (size_t k = 0; k < 4 && SHAPE_ROWS[r][k]; k++) {
            const nb_shape *s = nb_ok((void *)nb_shapes_find(shapes, SHAPE_ROWS[r][k]));
            fprintf(f, "%s$%s$", k ? ", " : "", s->latex);
        }
        fprintf(f, " | $%s$ | (%zu, %zu) | %s |\n", first->symbols, first->rows, first->cols,
                rows_m1 != rows_m || cols_m1 != cols_m ? "yes" : "no");
    }
}

/* ------------------------------------------------------ the course's network */

nn_params *nb_params_seeded(const nn_dataset *d, size_t n_h, nn_activation_id hidden,
                            unsigned long seed)
{
    nn_params *p = nb_ok(nn_params_alloc(d->X->size1, n_h, hidden));
    nn_rng *rng = nb_ok(nn_rng_alloc(seed));
    nn_params_init(p, rng, NN_INIT_SCALE);
    nn_rng_free(rng);
    return p;
}

nn_status nb_train_params(nn_params *p, const nn_dataset *d, const nn_train_options *opt,
                          nn_cache *cache, double *cost)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    nn_trainer *trainer = nb_ok(nn_trainer_alloc(n_x, p->n_h, m));
    nn_status s = nn_train_fast(p, trainer, cache, d->X, d->Y, opt, cost);
    nn_trainer_free(trainer);
    return s;
}

nn_params *nb_train_course(const nn_dataset *d, size_t n_h, nn_activation_id hidden,
                           size_t iterations, double *cost, nn_progress_fn progress,
                           size_t report_every)
{
    nn_params *p = nb_params_seeded(d, n_h, hidden, NB_COURSE_SEED);
    nn_train_options opt = {.learning_rate = NB_COURSE_LEARNING_RATE,
                            .iterations = iterations,
                            .report_every = report_every,
                            .progress = progress};
    nb_try(nb_train_params(p, d, &opt, NULL, cost));
    return p;
}

size_t nb_nine_decimals_differ(const double *a, const double *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char x[40], y[40];
        snprintf(x, sizeof x, "%.9f", a[i]);
        snprintf(y, sizeof y, "%.9f", b[i]);
        if (strcmp(x, y) != 0)
            return i;
    }
    return n;
}

int nb_same_params(const nn_params *a, const nn_params *b)
{
    const gsl_vector *x = a->theta->theta, *y = b->theta->theta;
    return nn_theta_same_layout(a->theta, b->theta) &&
           memcmp(x->data, y->data, x->size * sizeof *x->data) == 0;
}

size_t nb_first_at_or_below(const double *cost, size_t n, double target)
{
    for (size_t i = 0; i < n; i++)
        if (cost[i] <= target)
            return i;
    return n;
}

void nb_evaluate(const nn_params *p, const nn_dataset *d, double *cost, double *accuracy)
{
    size_t m = d->X->size2;
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, m));
    gsl_matrix *predictions = gsl_matrix_alloc(1, m);
    if (predictions == NULL)
        nb_die("out of memory");
    nb_try(nn_forward(cache, p, d->X));
    nb_try(nn_cost(cost, cache, d->Y));
    nb_try(nn_predict(predictions, cache));
    nb_try(nn_accuracy(accuracy, predictions, d->Y));
    gsl_matrix_free(predictions);
    nn_cache_free(cache);
}
