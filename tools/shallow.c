/* shallow: the notebook's network on your own data.
 *
 *   shallow train --data FILE.csv --out DIR [options]   train, save the model
 *   shallow predict --model DIR --data FILE.csv         predictions to stdout
 *   shallow gradcheck --data FILE.csv [options]         check backpropagation
 *
 * The CSV has a header of column names and numbers below it; the label
 * (0 or 1) is the column named by --label, else the last.  See shallow(1)
 * and the README's "Your own data". */
#define _GNU_SOURCE /* renameat2: the swap in one step */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nb.h"

#define VERSION "1.0.0"

static const char *const USAGE =
    "usage: shallow train --data FILE.csv --out DIR [--label COLUMN] [--n_h N]\n"
    "                     [--activation NAME] [--learning-rate A] [--iterations N]\n"
    "                     [--init-scale S] [--seed S] [--holdout FRACTION] [--quiet]\n"
    "       shallow predict --model DIR --data FILE.csv [--label COLUMN]\n"
    "       shallow gradcheck --data FILE.csv [--label COLUMN] [--n_h N] [--activation NAME]\n"
    "                         [--seed S] [--eps E]\n"
    "       shallow --version | --help | COMMAND --help\n"
    "A network with one hidden layer, as the notebook derives it, on any CSV with a header\n"
    "row of column names; the label column (0 or 1) is --label, else the last.\n";

static const char *const TRAIN_HELP =
    "usage: shallow train --data FILE.csv --out DIR [options]\n"
    "Trains the network by gradient descent and writes into DIR (created, or replaced\n"
    "whole if it holds an earlier model): model.txt, the parameters, which predict reads;\n"
    "cost.tsv, the cost curve; summary.txt; cost.svg; and for two features boundary.svg,\n"
    "the decision regions.  DIR is complete or untouched; a directory holding anything\n"
    "else is refused before training.  FILE.csv may be a pipe or /dev/stdin.\n"
    "  --label COLUMN       the label column (default: the last)\n"
    "  --n_h N              hidden units (default 4)\n"
    "  --activation NAME    sigmoid, tanh, relu, leaky_relu or linear (default tanh)\n"
    "  --learning-rate A    the step of gradient descent (default 1.2)\n"
    "  --iterations N       steps of gradient descent (default 10000)\n"
    "  --init-scale S       initial weights are S N(0, 1) (default 0.01)\n"
    "  --seed S             the initial weights' and the holdout's seed (default 2)\n"
    "  --holdout FRACTION   keep this fraction of the examples out of training and report\n"
    "                       the accuracy on them (default 0)\n"
    "  --quiet              no progress line\n"
    "The defaults are the course's network.\n";

static const char *const PREDICT_HELP =
    "usage: shallow predict --model DIR --data FILE.csv [--label COLUMN]\n"
    "Writes one line per example to stdout, \"prediction,probability\" under a header.\n"
    "The data has the model's feature columns, in the model's order; when it also has the\n"
    "label column (--label, else the model's label name), the accuracy goes to stderr.\n";

static const char *const GRADCHECK_HELP =
    "usage: shallow gradcheck --data FILE.csv [--label COLUMN] [--n_h N] [--activation NAME]\n"
    "                         [--seed S] [--eps E] [--init-scale S]\n"
    "Compares backpropagation's gradient with centred differences of the cost on your data,\n"
    "at random weights (S N(0, 1), default S = 1, from --seed, default 1) and step --eps\n"
    "(default 1e-7), for every parameter.  Exits 1 if the relative difference is 1e-6 or more.\n";

/* ------------------------------------------------------------- options */

typedef struct {
    const char *data, *out, *model, *label;
    size_t n_h, iterations;
    nn_activation_id activation;
    double learning_rate, init_scale, holdout, eps;
    unsigned long seed;
    int quiet;
} options;

enum { O_DATA = 256, O_OUT, O_MODEL, O_LABEL, O_NH, O_ACT, O_RATE, O_ITS, O_SCALE, O_SEED,
       O_HOLD, O_QUIET, O_EPS, O_HELP, O_END };

static const struct option OPTIONS[] = {
    {"data", required_argument, NULL, O_DATA},
    {"out", required_argument, NULL, O_OUT},
    {"model", required_argument, NULL, O_MODEL},
    {"label", required_argument, NULL, O_LABEL},
    {"n_h", required_argument, NULL, O_NH},
    {"activation", required_argument, NULL, O_ACT},
    {"learning-rate", required_argument, NULL, O_RATE},
    {"iterations", required_argument, NULL, O_ITS},
    {"init-scale", required_argument, NULL, O_SCALE},
    {"seed", required_argument, NULL, O_SEED},
    {"holdout", required_argument, NULL, O_HOLD},
    {"quiet", no_argument, NULL, O_QUIET},
    {"eps", required_argument, NULL, O_EPS},
    {"help", no_argument, NULL, O_HELP},
    {NULL, 0, NULL, 0},
};

static const char *option_name(int val)
{
    for (const struct option *q = OPTIONS; q->name; q++)
        if (q->val == val)
            return q->name;
    return "?";
}

/* A path option's value that is really the next option (--out --quiet), or
 * nothing at all, is refused: ./--quiet names such a file. */
static const char *path_value(int val, const char *value)
{
    if (value[0] == '\0')
        nb_die("--%s is empty; give a path", option_name(val));
    if (value[0] == '-')
        nb_die("--%s '%.*s%s' looks like an option; for a path of that name write ./%.*s%s",
               option_name(val), NB_SHORT(value), NB_SHORT(value));
    return value;
}

/* Dies naming what is wrong with arg, an option getopt did not take. */
static _Noreturn void unknown_option(const char *arg, const char *command)
{
    if (arg[0] == '-' && arg[1] != '-' && arg[1] && arg[2])
        nb_die("unknown option '%.*s%s' (long options take two dashes, as in -%.*s%s; see "
               "shallow %s --help)", NB_SHORT(arg), NB_SHORT(arg), command);
    size_t len = strcspn(arg + 2, "=");
    const struct option *match = NULL;
    size_t n_match = 0;
    for (const struct option *q = OPTIONS; q->name && arg[0] == '-' && arg[1] == '-'; q++)
        if (strncmp(q->name, arg + 2, len) == 0) {
            if (strlen(q->name) == len) { /* exact: it was given a value it takes none of */
                n_match = 1;
                match = q;
                break;
            }
            n_match++;
            match = q;
        }
    if (n_match == 1 && match->has_arg == no_argument && arg[2 + len] == '=')
        nb_die("--%s takes no value (see shallow %s --help)", match->name, command);
    if (n_match > 1)
        nb_die("option '%.*s%s' is ambiguous: it starts more than one option's name (see shallow "
               "%s --help)", NB_SHORT(arg), command);
    nb_die("unknown option '%.*s%s' for shallow %s (see shallow %s --help)",
           len + 2 > 64 ? 64 : (int)len + 2, arg, len + 2 > 64 ? "..." : "", command, command);
}

/* Parses the options `allowed` (O_ codes, 0-terminated) for a subcommand;
 * refuses anything else, a repeat, or an extra argument, naming the option
 * as the user wrote it. */
static void parse(int argc, char **argv, const int *allowed, const char *help, options *o)
{
    int given[O_END] = {0};
    opterr = 0;
    optind = 1;
    for (;;) {
        int at = optind; /* "+": no reordering, so argv[at] is being read */
        int c = getopt_long(argc, argv, "+:", OPTIONS, NULL);
        if (c == -1)
            break;
        if (c == O_HELP) {
            fputs(help, stdout);
            exit(EXIT_SUCCESS);
        }
        if (c == ':')
            nb_die("--%s needs a value (see shallow %s --help)", option_name(optopt), argv[0]);
        if (c == '?')
            unknown_option(argv[at], argv[0]);
        int ok = 0;
        for (const int *a = allowed; *a; a++)
            ok |= *a == c;
        if (!ok)
            nb_die("--%s is not an option of shallow %s (see shallow %s --help)", option_name(c),
                   argv[0], argv[0]);
        if (given[c]++)
            nb_die("--%s is given twice; give it once", option_name(c));
        switch (c) {
        case O_DATA: o->data = path_value(c, optarg); break;
        case O_OUT: o->out = path_value(c, optarg); break;
        case O_MODEL: o->model = path_value(c, optarg); break;
        case O_LABEL: o->label = optarg; break;
        case O_NH: o->n_h = nb_parse_ulong("--n_h", optarg, 1, NN_SAVED_MODEL_NH_MAX); break;
        case O_ACT: nb_try(nn_activation_find(optarg, &o->activation)); break;
        case O_RATE: o->learning_rate = nb_parse_double("--learning-rate", optarg, 1e-300, 1e300); break;
        case O_ITS: o->iterations = nb_parse_ulong("--iterations", optarg, 1, 1000000000); break;
        case O_SCALE: o->init_scale = nb_parse_double("--init-scale", optarg, 0.0, 1e6); break;
        case O_SEED: o->seed = nb_parse_ulong("--seed", optarg, 1, 4294967295UL); break;
        case O_HOLD: o->holdout = nb_parse_double("--holdout", optarg, 0.0, 0.9); break;
        case O_QUIET: o->quiet = 1; break;
        case O_EPS: o->eps = nb_parse_double("--eps", optarg, 1e-15, 1.0); break;
        }
    }
    if (optind < argc)
        nb_die("unexpected argument '%.*s%s' (see shallow %s --help)", NB_SHORT(argv[optind]),
               argv[0]);
}

/* How many examples of d are of class 1. */
static size_t ones(const nn_dataset *d)
{
    size_t n = 0;
    for (size_t i = 0; i < d->X->size2; i++)
        n += gsl_matrix_get(d->Y, 0, i) == 1.0;
    return n;
}

/* The user's data: its features and label by name. */
static nn_dataset *read_data(const char *path, const char *label, nn_csv_columns *cols)
{
    nn_dataset *d = nn_dataset_read_csv_labelled(path, label, cols);
    if (d == NULL)
        nb_die("%s", nn_errmsg());
    size_t n1 = ones(d);
    if (n1 == 0 || n1 == d->X->size2)
        nb_die("%s: every label is %d; training needs examples of both classes", path,
               n1 ? 1 : 0);
    return d;
}

/* The columns of d listed in idx, as a new dataset. */
static nn_dataset *subset(const nn_dataset *d, const size_t *idx, size_t n)
{
    nn_dataset *s = nb_ok(nn_dataset_alloc(d->X->size1, n));
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < d->X->size1; k++)
            gsl_matrix_set(s->X, k, i, gsl_matrix_get(d->X, k, idx[i]));
        gsl_matrix_set(s->Y, 0, i, gsl_matrix_get(d->Y, 0, idx[i]));
    }
    return s;
}


/* ---------------------------------------------------------- the --out DIR
 *
 * DIR is checked before training: a directory that train did not write is
 * never replaced, and whatever would make the final swap fail (no right to
 * write beside DIR, a name too long) shows before any work is done.  The
 * new model is written into DIR.tmp.XXXXXX beside it, then swapped in with
 * every signal blocked: DIR is complete or untouched. */

/* What train writes into DIR, and the helper files it removes itself. */
static const char *const OUTPUTS[] = {"model.txt", "cost.tsv", "summary.txt", "cost.svg",
                                      "boundary.svg", NULL};
static const char *const HELPERS[] = {"figures.gp", "boundary.grid", "points.tsv", NULL};

static int is_output(const char *name)
{
    for (const char *const *k = OUTPUTS; *k; k++)
        if (strcmp(name, *k) == 0)
            return 1;
    return 0;
}

/* The entries of dir (shown as `what`), each of which must be a regular file
 * that train writes: dies on any other, saying `then` after the reason.
 * Returns how many there are; *has_model says whether model.txt is one. */
static size_t scan_outputs(const char *dir, const char *what, const char *then, int *has_model)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        nb_die("%s: %s", what, strerror(errno));
    size_t n = 0;
    *has_model = 0;
    errno = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL; errno = 0) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char *path = nb_join(dir, e->d_name, "");
        struct stat st;
        int regular = lstat(path, &st) == 0 && S_ISREG(st.st_mode);
        free(path);
        if (!is_output(e->d_name) || !regular) {
            char *name = nb_ok(strdup(e->d_name));
            closedir(d);
            nb_die("%s holds '%.*s%s', which %s: %s", what, NB_SHORT(name),
                   is_output(name) ? "is not a regular file" : "shallow train does not write",
                   then);
        }
        n++;
        *has_model |= strcmp(e->d_name, "model.txt") == 0;
    }
    int e = errno;
    closedir(d);
    if (e != 0)
        nb_die("%s: cannot list it: %s", what, strerror(e));
    return n;
}

/* DIR without its trailing slashes; dies on a name that cannot be a model
 * directory of ours, or on one that holds anything train does not write. */
static char *check_out(const char *given)
{
    size_t len = strlen(given);
    while (len > 1 && given[len - 1] == '/')
        len--;
    char *out = nb_ok(strndup(given, len));
    const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
    if (strcmp(out, "/") == 0 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
        nb_die("--out '%s' cannot be replaced; name a new directory, as in --out model", given);
    struct stat st;
    if (lstat(out, &st) != 0) {
        if (errno != ENOENT)
            nb_die("--out %s: %s", out, strerror(errno));
        return out;
    }
    if (S_ISLNK(st.st_mode))
        nb_die("--out %s is a symbolic link; give the directory itself", out);
    if (!S_ISDIR(st.st_mode))
        nb_die("--out %s is a file; give a directory to create or to replace", out);
    struct stat here;
    if (stat(".", &here) == 0 && here.st_dev == st.st_dev && here.st_ino == st.st_ino)
        nb_die("--out %s is the current directory; give another, as in --out model", given);
    /* its files are removed after the swap: the directory must be writable */
    if (access(out, W_OK | X_OK) != 0)
        nb_die("--out %s: %s (train replaces it, and removes its files)", out, strerror(errno));
    char *what;
    if (asprintf(&what, "--out %s", out) < 0)
        nb_die("out of memory");
    int has_model;
    if (scan_outputs(out, what, "refusing to replace it", &has_model) > 0 && !has_model)
        nb_die("--out %s holds files but no model.txt: refusing to replace it", out);
    free(what);
    return out;
}

/* DIR.tmp.XXXXXX, created; dies if it cannot be. */
static char *make_pending(const char *out)
{
    size_t len = strlen(out) + 12;
    char *dir = nb_ok(malloc(len));
    snprintf(dir, len, "%s.tmp.XXXXXX", out);
    if (mkdtemp(dir) == NULL) {
        int e = errno;
        const char *base = strrchr(out, '/') ? strrchr(out, '/') + 1 : out;
        if (e == ENAMETOOLONG && strlen(base) < 256)
            nb_die("cannot create a directory beside %s: %s (train writes into %s.tmp.XXXXXX "
                   "first: the name of --out may have %zu bytes at most)", out, strerror(e),
                   base, (size_t)255 - 11);
        nb_die("cannot create a directory beside %s: %s", out, strerror(e));
    }
    mode_t mask = umask(0);
    umask(mask);
    chmod(dir, 0777 & ~mask);
    return dir;
}

/* The directory being replaced, for messages. */
static const char *target;

/* The directory being written, and its files' paths, built beforehand so
 * that a signal handler can remove them (unlink and rmdir are
 * async-signal-safe; opendir is not). */
static char *pending;
static char *pending_files[sizeof OUTPUTS / sizeof *OUTPUTS + sizeof HELPERS / sizeof *HELPERS];

static void remove_pending(void)
{
    if (pending == NULL)
        return;
    nb_run_stop(); /* gnuplot, if it is drawing */
    for (size_t k = 0; pending_files[k]; k++)
        unlink(pending_files[k]);
    rmdir(pending);
}

static int remove_entry(const char *path, const struct stat *st, int type, struct FTW *at)
{
    (void)st;
    (void)at;
    return type == FTW_DP ? rmdir(path) : unlink(path), 0;
}

/* At exit: the same, and then whatever else is in the directory (what a
 * misbehaving figures' program made), links not followed. */
static void remove_pending_all(void)
{
    if (pending == NULL)
        return;
    remove_pending();
    nftw(pending, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Whether sig's default action ends the process, and it is ours to catch:
 * not KILL and STOP, which cannot be, nor those that stop, continue or are
 * ignored by default, nor PIPE and XFSZ, which train ignores (the write
 * fails, and says so). */
static int ends_process(int sig)
{
    switch (sig) {
    case SIGKILL: case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU: case SIGCONT:
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGPIPE: case SIGXFSZ:
        return 0;
    default:
        return 1;
    }
}

static void on_signal(int sig)
{
    remove_pending();
    signal(sig, SIG_DFL);
    raise(sig);
}

/* Catches every signal that would end the process, so that it removes the
 * pending directory first (a signal ignored by whoever started us stays
 * ignored); then creates the directory with every signal blocked, so that
 * no signal finds it made and not yet known to the handler. */
static void start_pending(const char *out)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigfillset(&sa.sa_mask);
    for (int sig = 1; sig <= SIGRTMAX; sig++) {
        struct sigaction old;
        if (ends_process(sig) && sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_IGN)
            sigaction(sig, &sa, NULL); /* fails harmlessly on numbers the C library keeps */
    }
    atexit(remove_pending_all);
    sigset_t all, old;
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, &old);
    char *dir = make_pending(out);
    size_t n = 0;
    for (const char *const *k = OUTPUTS; *k; k++)
        pending_files[n++] = nb_join(dir, *k, "");
    for (const char *const *k = HELPERS; *k; k++)
        pending_files[n++] = nb_join(dir, *k, "");
    pending_files[n] = NULL;
    pending = dir;
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Removes what train wrote into dir, then dir; warns, naming the file and
 * the reason, if something stays. */
static void remove_model_dir(const char *dir)
{
    for (const char *const *k = OUTPUTS; *k; k++) {
        char *path = nb_join(dir, *k, "");
        if (unlink(path) != 0 && errno != ENOENT)
            nb_warn("the new model is in place, but the earlier one's %s stays: %s", path,
                    strerror(errno));
        free(path);
    }
    if (rmdir(dir) != 0 && errno != ENOENT)
        nb_warn("the new model is in place, but the earlier one stays in %s: %s", dir,
                strerror(errno));
}

/* The new directory holds exactly what train writes, regular files all:
 * whatever the program that drew the figures did, nothing else is swapped
 * in. */
static void check_pending(int planar)
{
    char *what;
    if (asprintf(&what, "the new %s", target) < 0)
        nb_die("out of memory");
    int has_model;
    size_t n = scan_outputs(pending, what, "nothing was changed", &has_model);
    if (n != (planar ? 5u : 4u) || !has_model)
        nb_die("%s holds %zu files, not the %d train wrote (the figures' program removed or "
               "added one?); nothing was changed", what, n, planar ? 5 : 4);
    free(what);
}

/* The swap.  With every signal blocked: DIR checked again (it may have
 * changed during training), the new directory checked, the summary line
 * written to stdout (if that fails, nothing is changed), then the new
 * directory and DIR exchanged in one step, and the earlier model removed.
 * At no moment is there no DIR, and a signal waits for the end. */
static void swap_in(const char *out, int planar, const char *summary)
{
    sigset_t every, old;
    sigfillset(&every);
    sigprocmask(SIG_BLOCK, &every, &old);
    free(check_out(out));
    check_pending(planar);
    fputs(summary, stdout);
    nb_put_escaped(stdout, out);
    fputs("/\n", stdout);
    if (fflush(stdout) != 0 || ferror(stdout))
        nb_die("cannot write to standard output: %s; nothing was changed", strerror(errno));
    struct stat st;
    int exists = lstat(out, &st) == 0;
    int e = renameat2(AT_FDCWD, pending, AT_FDCWD, out,
                      exists ? RENAME_EXCHANGE : RENAME_NOREPLACE);
    if (e != 0 && (errno == EINVAL || errno == ENOSYS) && !exists)
        e = rename(pending, out); /* a file system without renameat2's flags */
    else if (e != 0 && (errno == EINVAL || errno == ENOSYS)) {
        /* no exchange here: DIR aside, the new one in */
        size_t len = strlen(out) + 12;
        char *aside = nb_ok(malloc(len));
        snprintf(aside, len, "%s.old.XXXXXX", out);
        if (mkdtemp(aside) == NULL || rename(out, aside) != 0) {
            int why = errno;
            rmdir(aside);
            nb_die("cannot move the earlier %s aside: %s; nothing was changed (whatever standard "
                   "output says)", out, strerror(why));
        }
        if ((e = rename(pending, out)) != 0) {
            int why = errno;
            rename(aside, out);
            errno = why;
        } else {
            free(pending);
            pending = aside; /* what remains to remove: the earlier model */
        }
    }
    if (e != 0)
        nb_die("cannot rename the new model into %s: %s; nothing was changed (whatever standard "
               "output says)", out, strerror(errno));
    /* pending now names the earlier model, or nothing */
    char *earlier = pending;
    pending = NULL;
    if (exists)
        remove_model_dir(earlier);
    free(earlier);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ------------------------------------------------------------- training */

typedef struct {
    size_t iterations;
    double start, last;
    int show;             /* a progress line on the terminal */
    double first;         /* the cost before the first step */
    size_t diverged_at;   /* 0, or the iteration the cost blew up at, + 1 */
    double diverged_cost;
} progress_state;

/* Called on the iterations whose cost is recorded: stops training when the
 * cost has blown up (ten times where it started, and more than ten nats
 * above it), and draws one progress line on a terminal, at most ten times a
 * second. */
static int on_progress(size_t it, double cost, void *user)
{
    progress_state *s = user;
    if (it == 0)
        s->first = cost;
    if (cost > 10.0 * s->first && cost > s->first + 10.0) {
        s->diverged_at = it + 1;
        s->diverged_cost = cost;
        return 1;
    }
    if (!s->show)
        return 0;
    double now = nb_seconds();
    if (it > 0 && now - s->last < 0.1)
        return 0;
    s->last = now;
    double left = it ? (now - s->start) / (double)it * (double)(s->iterations - it) : 0.0;
    fprintf(stderr, "\rshallow: iteration %zu of %zu, cost %.6f, %.1f s left   ", it,
            s->iterations, cost, left);
    fflush(stderr);
    return 0;
}

/* The examples split by --holdout: a shuffle from the seed, the first part
 * held out (*held NULL without a holdout).  The training part must have
 * both classes. */
static nn_dataset *split(const nn_dataset *all, const options *o, nn_dataset **held)
{
    size_t m = all->X->size2, m_hold = (size_t)floor(o->holdout * (double)m);
    *held = NULL;
    if (o->holdout == 0.0)
        return (nn_dataset *)all;
    if (m_hold == 0 || m_hold == m)
        nb_die("--holdout %g of %zu examples leaves no example on one side", o->holdout, m);
    size_t *order = nb_ok(malloc(m * sizeof *order));
    nn_rng *rng = nb_ok(nn_rng_alloc(o->seed));
    for (size_t i = 0; i < m; i++)
        order[i] = i;
    for (size_t i = m - 1; i > 0; i--) {
        size_t j = (size_t)(nn_rng_uniform(rng) * (double)(i + 1));
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    *held = subset(all, order, m_hold);
    nn_dataset *d = subset(all, order + m_hold, m - m_hold);
    size_t n1 = ones(d);
    if (n1 == 0 || n1 == d->X->size2)
        nb_die("--holdout %g leaves %zu examples for training, all of class %d; training needs "
               "both classes (give more data or a smaller --holdout)", o->holdout, d->X->size2,
               n1 ? 1 : 0);
    nn_rng_free(rng);
    free(order);
    return d;
}

/* What training gives. */
typedef struct {
    nn_params *p;
    double *cost;       /* n_costs recorded costs, every `every` iterations */
    size_t n_costs, every;
    double elapsed, final_cost, train_acc, held_cost, held_acc;
} fit_result;

/* Gradient descent from the course's start (W1 then W2 from the seed's
 * stream), stopped with one line if the cost blows up. */
static fit_result fit(const nn_dataset *d, const nn_dataset *held, const options *o)
{
    size_t n_x = d->X->size1, m = d->X->size2;
    fit_result f = {.held_cost = NAN, .held_acc = NAN};
    f.p = nb_ok(nn_params_alloc(n_x, o->n_h, o->activation));
    nn_rng *rng = nb_ok(nn_rng_alloc(o->seed));
    nn_params_init(f.p, rng, o->init_scale);
    nn_rng_free(rng);
    f.every = o->iterations > 1000 ? (o->iterations + 999) / 1000 : 1;
    f.n_costs = (o->iterations + f.every - 1) / f.every;
    f.cost = nb_ok(malloc(f.n_costs * sizeof *f.cost));
    progress_state ps = {o->iterations, nb_seconds(), 0.0, !o->quiet && isatty(STDERR_FILENO), 0,
                         0, 0};
    /* the hook runs where the cost is recorded anyway: no extra work */
    nn_train_options opt = {.learning_rate = o->learning_rate, .iterations = o->iterations,
                            .cost_every = f.every, .progress = on_progress,
                            .report_every = f.every, .user = &ps};
    nn_trainer *trainer = nb_ok(nn_trainer_alloc(n_x, o->n_h, m));
    nn_status s = nn_train_fast(f.p, trainer, NULL, d->X, d->Y, &opt, f.cost);
    nn_trainer_free(trainer);
    f.elapsed = nb_seconds() - ps.start;
    if (ps.show)
        fputs("\r\033[K", stderr);
    if (ps.diverged_at)
        nb_die("training diverged: the cost rose from %.6f to %.6g by iteration %zu; try a "
               "smaller --learning-rate (now %g) or --init-scale (now %g); nothing was written",
               ps.first, ps.diverged_cost, ps.diverged_at - 1, o->learning_rate, o->init_scale);
    if (s == NN_ENUM) {
        const char *why = strstr(nn_errmsg(), "the cost is");
        nb_die("training diverged: %.*s; try a smaller --learning-rate (now %g) or "
               "--init-scale (now %g); nothing was written",
               why ? (int)strcspn(why, "(") - 1 : 0, why ? why : "", o->learning_rate,
               o->init_scale);
    }
    nb_try(s);
    nb_evaluate(f.p, d, &f.final_cost, &f.train_acc);
    if (held)
        nb_evaluate(f.p, held, &f.held_cost, &f.held_acc);
    return f;
}

static FILE *create(const char *name)
{
    char *path = nb_join(pending, name, "");
    FILE *f = fopen(path, "w");
    if (f == NULL)
        nb_die("cannot create the new %s/%s (nothing was changed): %s", target, name,
               strerror(errno));
    free(path);
    return f;
}

static void finish(FILE *f, const char *name)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        nb_die("cannot write the new %s/%s (nothing was changed): %s", target, name,
               strerror(errno));
}

/* Removes a helper file from the pending directory. */
static void remove_helper(const char *name)
{
    char *path = nb_join(pending, name, "");
    if (unlink(path) != 0 && errno != ENOENT)
        nb_die("cannot remove %s: %s", path, strerror(errno));
    free(path);
}

/* The figures' script: constant text.  The axis labels (column names) come
 * in as gnuplot's ARG1 and ARG2, strings that are never parsed as script;
 * ARG3 is 1 for the decision regions.  It runs inside the new directory. */
static const char FIGURES_GP[] =
    "set terminal svg size 880,520 dynamic font 'Helvetica,15'\n"
    "set border 3 lc rgb '#555555'\nset tics nomirror\nset grid lc rgb '#dddddd'\n"
    "set output 'cost.svg'\nset title 'Cost during training'\n"
    "set xlabel 'iteration'\nset ylabel 'cost J'\nunset key\n"
    "plot 'cost.tsv' using 1:2 with lines lw 2 lc rgb '#1f5fa8'\n"
    "if (ARG3 eq '1') {\n"
    "  set output 'boundary.svg'\n  set title 'Decision regions and the training data'\n"
    "  set xlabel ARG1 noenhanced\n  set ylabel ARG2 noenhanced\n"
    "  set key outside right\n  set autoscale fix\n"
    "  set palette defined (0 '#f6c9c4', 1 '#c6dbef')\n  unset colorbox\n"
    "  plot 'boundary.grid' using 1:2:3 with image notitle, "
    "'points.tsv' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.6 "
    "lc rgb '#c0392b' title 'y = 0', "
    "'points.tsv' using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.6 "
    "lc rgb '#1f5fa8' title 'y = 1'\n"
    "}\n";

/* name as an axis label an SVG file can hold: valid UTF-8 (a stray byte
 * becomes U+FFFD), a tab a space, and at most LABEL_MAX bytes, then "...":
 * the model keeps the whole name, the figure shows what fits.  gnuplot
 * itself escapes < and &. */
enum { LABEL_MAX = 200 };
static char *svg_text(const char *name)
{
    char *t = nb_ok(malloc(LABEL_MAX + 8)), *q = t;
    for (const char *p = name; *p; ) {
        size_t n = nb_utf8_char(p);
        if ((size_t)(q - t) + (n ? n : 3) > LABEL_MAX) {
            memcpy(q, "...", 3);
            q += 3;
            break;
        }
        if (n == 0) {
            memcpy(q, "\xEF\xBF\xBD", 3);
            q += 3;
            p++;
        } else if (*p == '\t') {
            *q++ = ' ';
            p++;
        } else {
            memcpy(q, p, n);
            q += n;
            p += n;
        }
    }
    *q = '\0';
    return t;
}

/* Whether path is a whole SVG file: gnuplot does not always notice that a
 * write failed (a full disk), so its end is looked at. */
static int whole_svg(const char *name)
{
    char *path = nb_join(pending, name, "");
    FILE *f = fopen(path, "rb");
    free(path);
    char end[17] = "";
    int ok = f && fseek(f, -16, SEEK_END) == 0 && fread(end, 1, 16, f) == 16 &&
             strstr(end, "</svg>") != NULL;
    if (f)
        fclose(f);
    return ok;
}

/* gnuplot draws the figures in a second; one that hangs is stopped. */
#define GNUPLOT_SECONDS 120.0

/* cost.svg and, for two features, boundary.svg, drawn by gnuplot started
 * with an argument vector: no shell, and the names as data. */
static void draw(int planar, const char *xlabel, const char *ylabel)
{
    FILE *g = create("figures.gp");
    fputs(FIGURES_GP, g);
    finish(g, "figures.gp");
    char *x = svg_text(xlabel), *y = svg_text(ylabel);
    char *gnuplot = getenv("GNUPLOT") && getenv("GNUPLOT")[0] ? getenv("GNUPLOT") : "gnuplot";
    char *argv[] = {gnuplot, "-c", "figures.gp", x, y, planar ? "1" : "0", NULL};
    char msg[512];
    int status = nb_run(argv, pending, GNUPLOT_SECONDS, NULL, 0, msg, sizeof msg);
    if (status == -1)
        nb_die("%s%s", msg, strstr(msg, "No such file") ? " (is gnuplot installed? make deps)" : "");
    if (status != 0 && msg[0])
        nb_die("%s could not draw the figures: %s", gnuplot, msg);
    if (status != 0)
        nb_die("%s could not draw the figures: it exited with status %d", gnuplot, status);
    if (!whole_svg("cost.svg") || (planar && !whole_svg("boundary.svg")))
        nb_die("%s wrote an incomplete figure into the new %s (a full disk?); nothing was "
               "changed", gnuplot, target);
    free(x);
    free(y);
    for (const char *const *k = HELPERS; *k; k++)
        remove_helper(*k);
}

/* Everything train writes, into the pending directory. */
static void write_outputs(const options *o, const fit_result *f, const nn_dataset *all,
                          const nn_dataset *d, const nn_dataset *held,
                          const nn_csv_columns *cols)
{
    size_t n_x = all->X->size1, m = all->X->size2;
    FILE *out = create("model.txt");
    char comment[128];
    snprintf(comment, sizeof comment,
             "a network with one hidden layer, trained by shallow %s; see shallow(1)", VERSION);
    nb_try(nn_saved_model_write(out, f->p, cols->names, cols->names[n_x], comment));
    finish(out, "model.txt");

    out = create("cost.tsv");
    fprintf(out, "# iteration\tcost\n");
    for (size_t k = 0; k < f->n_costs; k++)
        fprintf(out, "%zu\t%.9f\n", k * f->every, f->cost[k]);
    finish(out, "cost.tsv");

    out = create("summary.txt");
    fprintf(out, "data              %s (%zu examples, %zu features, label '%s')\n", o->data, m,
            n_x, cols->names[n_x]);
    fprintf(out, "network           n_x = %zu, n_h = %zu, %s hidden units, sigmoid output\n", n_x,
            o->n_h, nn_activations[o->activation].name);
    fprintf(out, "training          %zu iterations at learning rate %g from %g N(0, 1), seed %lu\n",
            o->iterations, o->learning_rate, o->init_scale, o->seed);
    fprintf(out, "examples          %zu for training, %zu held out\n", d->X->size2,
            held ? held->X->size2 : 0);
    fprintf(out, "final cost        %.6f\n", f->final_cost);
    fprintf(out, "training accuracy %.2f%%\n", f->train_acc);
    if (held)
        fprintf(out, "held-out accuracy %.2f%%\n", f->held_acc);
    fprintf(out, "time              %.2f s\n", f->elapsed);
    finish(out, "summary.txt");

    int planar = n_x == 2;
    if (planar) {
        gsl_matrix *grid = nb_grid_alloc(all->X, NB_GRID, NB_GRID_MARGIN);
        gsl_matrix *A = nb_ok(gsl_matrix_alloc(1, grid->size2));
        nb_net_over(A, f->p, grid);
        out = create("boundary.grid");
        nb_write_grid(out, grid, NB_GRID, A);
        finish(out, "boundary.grid");
        out = create("points.tsv");
        for (size_t i = 0; i < m; i++)
            fprintf(out, "%.17g\t%.17g\t%g\n", gsl_matrix_get(all->X, 0, i),
                    gsl_matrix_get(all->X, 1, i), gsl_matrix_get(all->Y, 0, i));
        finish(out, "points.tsv");
        gsl_matrix_free(A);
        gsl_matrix_free(grid);
    }
    draw(planar, cols->names[0], n_x > 1 ? cols->names[1] : "");
}

/* The decision regions need the features' range, and a margin around it,
 * as finite numbers: checked before training, not after. */
static void check_drawable(const gsl_matrix *X, const char *data)
{
    for (size_t k = 0; k < 2; k++) {
        gsl_vector_const_view row = gsl_matrix_const_row(X, k);
        double lo, hi;
        gsl_vector_minmax(&row.vector, &lo, &hi);
        if (!isfinite(hi - lo + 2.0 * NB_GRID_MARGIN) || !isfinite(hi + NB_GRID_MARGIN) ||
            !isfinite(lo - NB_GRID_MARGIN))
            nb_die("%s: feature %zu spans %g to %g, too wide to draw the decision regions "
                   "over; rescale it", data, k + 1, lo, hi);
    }
}

static void train(int argc, char **argv)
{
    static const int allowed[] = {O_DATA, O_OUT, O_LABEL, O_NH, O_ACT, O_RATE, O_ITS, O_SCALE,
                                  O_SEED, O_HOLD, O_QUIET, 0};
    options o = {.n_h = 4, .iterations = 10000, .activation = NN_TANH,
                 .learning_rate = NB_COURSE_LEARNING_RATE, .init_scale = NN_INIT_SCALE,
                 .seed = NB_COURSE_SEED};
    parse(argc, argv, allowed, TRAIN_HELP, &o);
    if (o.data == NULL || o.out == NULL)
        nb_die("shallow train needs --data FILE.csv and --out DIR (see shallow train --help)");
    char *out = check_out(o.out);
    target = out;
    /* can the new directory be made beside it?  (removed at once, with every
     * signal blocked in between) */
    sigset_t every, unblocked;
    sigfillset(&every);
    sigprocmask(SIG_BLOCK, &every, &unblocked);
    char *probe = make_pending(out);
    if (rmdir(probe) != 0)
        nb_die("cannot remove %s: %s", probe, strerror(errno));
    sigprocmask(SIG_SETMASK, &unblocked, NULL);
    free(probe);

    nn_csv_columns cols;
    nn_dataset *all = read_data(o.data, o.label, &cols), *held;
    for (size_t k = 0; k <= cols.n_x; k++)
        nb_try(nn_saved_model_check_name(cols.names[k], k < cols.n_x ? "feature" : "label"));
    if (cols.n_x == 2)
        check_drawable(all->X, o.data);
    nn_dataset *d = split(all, &o, &held);
    fit_result f = fit(d, held, &o);

    /* a SIGPIPE on stdout would kill the program mid-write: the write fails
     * instead, and is reported */
    signal(SIGPIPE, SIG_IGN);
    start_pending(out);
    write_outputs(&o, &f, all, d, held, &cols);
    char summary[256];
    int n = snprintf(summary, sizeof summary, "trained on %zu examples: cost %.6f, training "
                     "accuracy %.2f%%", d->X->size2, f.final_cost, f.train_acc);
    if (held)
        n += snprintf(summary + n, sizeof summary - (size_t)n, ", held-out accuracy %.2f%%",
                      f.held_acc);
    snprintf(summary + n, sizeof summary - (size_t)n, "; wrote ");
    swap_in(out, cols.n_x == 2, summary);

    free(f.cost);
    nn_params_free(f.p);
    if (held) {
        nn_dataset_free(held);
        nn_dataset_free(d);
    }
    nn_dataset_free(all);
    nn_csv_columns_free(&cols);
    free(out);
}

/* ----------------------------------------------------------- prediction */

static void predict(int argc, char **argv)
{
    static const int allowed[] = {O_MODEL, O_DATA, O_LABEL, 0};
    options o = {0};
    parse(argc, argv, allowed, PREDICT_HELP, &o);
    if (o.model == NULL || o.data == NULL)
        nb_die("shallow predict needs --model DIR and --data FILE.csv (see shallow predict --help)");
    char *path = nb_join(o.model, "model.txt", "");
    nn_saved_model *model = nn_saved_model_read(path);
    if (model == NULL) {
        if (access(path, F_OK) != 0 && errno == ENOENT)
            nb_die("%s (is --model a directory that shallow train wrote?)", nn_errmsg());
        nb_die("%s", nn_errmsg());
    }
    nn_params *p = model->params;
    size_t n_x = p->n_x;
    /* the data's header decides whether it has the label */
    const char *label = o.label ? o.label : model->label;
    int labelled = 0;
    nn_csv_columns cols;
    nn_dataset *d = nn_dataset_read_csv_maybe_labelled(o.data, label, &labelled, &cols);
    if (d == NULL)
        nb_die("%s", nn_errmsg());
    if (o.label && !labelled)
        nb_die("%s:1: no column is named '%s' (--label)", o.data, o.label);
    if (cols.n_x != n_x)
        nb_die("%s has %zu feature columns, the model %zu ('%.*s%s', ...)", o.data, cols.n_x,
               n_x, NB_SHORT(model->features[0]));
    for (size_t k = 0; k < n_x; k++)
        if (strcmp(cols.names[k], model->features[k]) != 0)
            nb_die("%s:1: feature column %zu is '%.*s%s', the model's is '%.*s%s'", o.data, k + 1,
                   NB_SHORT(cols.names[k]), NB_SHORT(model->features[k]));
    size_t m = d->X->size2, correct = 0;
    gsl_matrix *A2 = nb_ok(gsl_matrix_alloc(1, m));
    nb_net_over(A2, p, d->X);
    /* every probability a number before the first line is printed */
    for (size_t i = 0; i < m; i++)
        if (isnan(gsl_matrix_get(A2, 0, i)))
            nb_die("%s: the output for example %zu (%s line %zu) is NaN: the model's weights are "
                   "too large for this data", path, i + 1, o.data, i + 2);
    /* A reader that stops early (head) closes the pipe: the writes then fail
     * with EPIPE instead of a SIGPIPE killing the program, and the accuracy
     * is still reported.  Any other failure to write is one line, and no
     * accuracy. */
    signal(SIGPIPE, SIG_IGN);
    printf("prediction,probability\n");
    for (size_t i = 0; i < m; i++) {
        double a = gsl_matrix_get(A2, 0, i);
        int yhat = a > 0.5;
        printf("%d,%.17g\n", yhat, a);
        correct += yhat == (int)gsl_matrix_get(d->Y, 0, i);
    }
    if ((fflush(stdout) != 0 || ferror(stdout)) && errno != EPIPE)
        nb_die("cannot write to standard output: %s", strerror(errno));
    if (labelled)
        fprintf(stderr, "shallow: accuracy %.2f%% (%zu of %zu examples)\n",
                100.0 * (double)correct / (double)m, correct, m);
    gsl_matrix_free(A2);
    nn_dataset_free(d);
    nn_saved_model_free(model);
    nn_csv_columns_free(&cols);
    free(path);
}

/* ------------------------------------------------------ gradient check */

static void gradcheck(int argc, char **argv)
{
    static const int allowed[] = {O_DATA, O_LABEL, O_NH, O_ACT, O_SEED, O_EPS, O_SCALE, 0};
    options o = {.n_h = 4, .activation = NN_TANH, .seed = 1, .eps = NN_GRADCHECK_EPS,
                 .init_scale = 1.0};
    parse(argc, argv, allowed, GRADCHECK_HELP, &o);
    if (o.data == NULL)
        nb_die("shallow gradcheck needs --data FILE.csv (see shallow gradcheck --help)");
    nn_csv_columns cols;
    nn_dataset *d = read_data(o.data, o.label, &cols);
    size_t n_x = d->X->size1, m = d->X->size2;
    double P = (double)nn_layout_count(2, (size_t[]){n_x, o.n_h, 1});
    if (2.0 * P * P * (double)m > 1e10)
        nb_die("a check of %g parameters on %zu examples takes 2 P^2 m = %.2g multiply-adds; "
               "use fewer examples or a smaller --n_h", P, m, 2.0 * P * P * (double)m);
    nn_params *p = nb_ok(nn_params_alloc(n_x, o.n_h, o.activation));
    nn_rng *rng = nb_ok(nn_rng_alloc(o.seed));
    nn_params_init(p, rng, o.init_scale);
    nn_gradcheck_work *w = nb_ok(nn_gradcheck_work_alloc(n_x, o.n_h, m));
    nn_gradcheck_result r;
    nn_gradcheck_options go = {.eps = o.eps, .bug = NN_BUG_NONE, .skip_kinks = 1};
    nb_try(nn_gradcheck(&r, w, p, d->X, d->Y, &go));
    int pass = r.overall < NN_GRADCHECK_PASS;
    printf("%s: n_x = %zu, n_h = %zu, m = %zu, %s, %zu parameters, eps = %g\n", o.data, n_x,
           o.n_h, m, nn_activations[o.activation].name, r.n_params, o.eps);
    for (int b = 0; b < NN_BLOCKS; b++)
        printf("  %-3s relative difference %.3g\n", nn_block_names[b], r.diff[b]);
    printf("overall relative difference %.3g: %s (threshold %g)\n", r.overall,
           pass ? "pass" : "FAIL", NN_GRADCHECK_PASS);
    if (r.straddling)
        printf("(%zu parameters left out: their differences straddle a kink)\n", r.straddling);
    nn_gradcheck_work_free(w);
    nn_rng_free(rng);
    nn_params_free(p);
    nn_dataset_free(d);
    nn_csv_columns_free(&cols);
    if (!pass)
        exit(EXIT_FAILURE);
}

int main(int argc, char **argv)
{
    char *name = "shallow";
    nb_init(1, &name);
    /* A closed standard stream is opened on /dev/null, so that no file
     * opened later takes its number (and receives messages or results);
     * results on a closed stdout would be lost, so that is refused. */
    int stdout_closed = 0;
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0) {
            stdout_closed |= fd == STDOUT_FILENO;
            if (open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY) != fd)
                return EXIT_FAILURE;
        }
    if (stdout_closed)
        nb_die("standard output is closed; give it a file or a pipe");
    /* a file-size limit makes a write fail (and be reported), not kill */
    signal(SIGXFSZ, SIG_IGN);
    if (argc < 2)
        nb_die("a command is needed: train, predict or gradcheck (see shallow --help)");
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
        fputs(USAGE, stdout);
        return 0;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("shallow %s\n", VERSION);
        return 0;
    }
    if (strcmp(argv[1], "train") == 0)
        train(argc - 1, argv + 1);
    else if (strcmp(argv[1], "predict") == 0)
        predict(argc - 1, argv + 1);
    else if (strcmp(argv[1], "gradcheck") == 0)
        gradcheck(argc - 1, argv + 1);
    else
        nb_die("unknown command '%.*s%s' (known: train, predict, gradcheck; see shallow --help)",
               NB_SHORT(argv[1]));
    return 0;
}
