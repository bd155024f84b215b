/* shallow: the notebook's network on your own data.
 *
 *   shallow train --data FILE.csv --out DIR [options]   train, save the model
 *   shallow predict --model DIR --data FILE.csv         predictions to stdout
 *   shallow gradcheck --data FILE.csv [options]         check backpropagation
 *
 * The CSV has a header of column names and numbers below it; the label
 * (0 or 1) is the column named by --label, else the last.  See shallow(1)
 * and the README's "Your own data". */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
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
#define MODEL_FORMAT 1

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
    "the decision regions.  DIR is complete or untouched.\n"
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

/* Parses the options `allowed` (a string of O_ codes as chars - 255) for a
 * subcommand; refuses anything else, a repeat, or an extra argument. */
static void parse(int argc, char **argv, const int *allowed, const char *help, options *o)
{
    static const struct option all[] = {
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
    int given[O_END] = {0};
    opterr = 0;
    optind = 1;
    int c;
    while ((c = getopt_long(argc, argv, ":", all, NULL)) != -1) {
        if (c == O_HELP) {
            fputs(help, stdout);
            exit(EXIT_SUCCESS);
        }
        if (c == ':')
            nb_die("option %s needs a value (see shallow %s --help)", argv[optind - 1], argv[0]);
        int ok = 0;
        for (const int *a = allowed; *a; a++)
            ok |= *a == c;
        if (c == '?' || !ok)
            nb_die("unknown option '%s' for shallow %s (see shallow %s --help)",
                   argv[optind - 1], argv[0], argv[0]);
        if (given[c]++)
            for (const struct option *q = all; q->name; q++)
                if (q->val == c)
                    nb_die("--%s is given twice; give it once", q->name);
        switch (c) {
        case O_DATA: o->data = optarg; break;
        case O_OUT: o->out = optarg; break;
        case O_MODEL: o->model = optarg; break;
        case O_LABEL: o->label = optarg; break;
        case O_NH: o->n_h = nb_parse_ulong("--n_h", optarg, 1, 100000); break;
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
        nb_die("unexpected argument '%s' (see shallow %s --help)", argv[optind], argv[0]);
}

/* The user's data: its features and label by name. */
static nn_dataset *read_data(const char *path, const char *label, nn_csv_columns *cols)
{
    nn_dataset *d = nn_dataset_read_csv_labelled(path, label, cols);
    if (d == NULL)
        nb_die("%s", nn_errmsg());
    size_t ones = 0, m = d->X->size2;
    for (size_t i = 0; i < m; i++)
        ones += gsl_matrix_get(d->Y, 0, i) == 1.0;
    if (ones == 0 || ones == m)
        nb_die("%s: every label is %d; training needs examples of both classes", path,
               ones ? 1 : 0);
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

static double seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
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
    double now = seconds();
    if (it > 0 && now - s->last < 0.1)
        return 0;
    s->last = now;
    double left = it ? (now - s->start) / (double)it * (double)(s->iterations - it) : 0.0;
    fprintf(stderr, "\rshallow: iteration %zu of %zu, cost %.6f, %.1f s left   ", it,
            s->iterations, cost, left);
    fflush(stderr);
    return 0;
}

/* The directory being written, removed whole if the program dies. */
static char *pending_dir;

static void remove_pending(void)
{
    if (pending_dir == NULL)
        return;
    DIR *dir = opendir(pending_dir);
    if (dir) {
        for (struct dirent *e; (e = readdir(dir)) != NULL; ) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", pending_dir, e->d_name);
            unlink(path);
        }
        closedir(dir);
    }
    rmdir(pending_dir);
}

static FILE *create(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (f == NULL)
        nb_die("cannot create %s: %s", path, strerror(errno));
    return f;
}

static void finish(FILE *f, const char *name)
{
    int bad = ferror(f);
    if (fclose(f) != 0 || bad)
        nb_die("cannot write %s: %s", name, strerror(errno));
}

static void write_matrix(FILE *f, const char *name, const gsl_matrix *A)
{
    fprintf(f, "%s\n", name);
    for (size_t j = 0; j < A->size1; j++)
        for (size_t k = 0; k < A->size2; k++)
            fprintf(f, "%.17g%c", gsl_matrix_get(A, j, k), k + 1 < A->size2 ? ' ' : '\n');
}

static void write_vector(FILE *f, const char *name, const gsl_vector *v)
{
    fprintf(f, "%s\n", name);
    for (size_t j = 0; j < v->size; j++)
        fprintf(f, "%.17g%c", gsl_vector_get(v, j), j + 1 < v->size ? ' ' : '\n');
}

/* The figures, drawn by gnuplot in the notebook's style. */
static void draw(const char *dir, int planar, const char *xlabel, const char *ylabel)
{
    char script[4096];
    snprintf(script, sizeof script, "%s/figures.gp", dir);
    FILE *g = create(dir, "figures.gp");
    fprintf(g, "set terminal svg size 880,520 dynamic font 'Helvetica,15'\n"
               "set border 3 lc rgb '#555555'\nset tics nomirror\nset grid lc rgb '#dddddd'\n"
               "set output '%s/cost.svg'\nset title 'Cost during training'\n"
               "set xlabel 'iteration'\nset ylabel 'cost J'\nunset key\n"
               "plot '%s/cost.tsv' using 1:2 with lines lw 2 lc rgb '#1f5fa8'\n",
            dir, dir);
    if (planar)
        fprintf(g, "set output '%s/boundary.svg'\nset title 'Decision regions and the training data'\n"
                   "set xlabel '%s'\nset ylabel '%s'\nset key outside right\nset autoscale fix\n"
                   "set palette defined (0 '#f6c9c4', 1 '#c6dbef')\nunset colorbox\n"
                   "plot '%s/boundary.grid' using 1:2:3 with image notitle, "
                   "'%s/points.tsv' using 1:($3 == 0 ? $2 : 1/0) with points pt 7 ps 0.6 "
                   "lc rgb '#c0392b' title 'y = 0', "
                   "'%s/points.tsv' using 1:($3 == 1 ? $2 : 1/0) with points pt 7 ps 0.6 "
                   "lc rgb '#1f5fa8' title 'y = 1'\n",
                dir, xlabel, ylabel, dir, dir, dir);
    finish(g, script);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "gnuplot '%s' 2>&1", script);
    FILE *p = popen(cmd, "r");
    char msg[256] = "";
    if (p == NULL || (fgets(msg, sizeof msg, p), pclose(p)) != 0) {
        msg[strcspn(msg, "\n")] = '\0';
        nb_die("gnuplot could not draw the figures%s%s (is gnuplot installed? make deps)",
               msg[0] ? ": " : "", msg);
    }
    unlink(script);
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
    size_t out_len = strlen(o.out);
    while (out_len > 1 && o.out[out_len - 1] == '/')
        out_len--;
    char *out = strndup(o.out, out_len);
    struct stat st;
    if (stat(out, &st) == 0) {
        char model[4096];
        snprintf(model, sizeof model, "%s/model.txt", out);
        DIR *dir = S_ISDIR(st.st_mode) ? opendir(out) : NULL;
        int empty = 1;
        for (struct dirent *e; dir && (e = readdir(dir)) != NULL; )
            empty &= strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0;
        if (dir)
            closedir(dir);
        if (!S_ISDIR(st.st_mode))
            nb_die("--out %s is a file; give a directory to create or to replace", out);
        if (!empty && access(model, F_OK) != 0)
            nb_die("--out %s holds files but no model.txt: refusing to replace it", out);
    }

    nn_csv_columns cols;
    nn_dataset *all = read_data(o.data, o.label, &cols);
    size_t n_x = all->X->size1, m = all->X->size2;

    /* the holdout: a shuffle from the seed, the first part held out */
    size_t *order = nb_ok(malloc(m * sizeof *order)), m_hold = (size_t)floor(o.holdout * m);
    nn_rng *rng = nb_ok(nn_rng_alloc(o.seed));
    for (size_t i = 0; i < m; i++)
        order[i] = i;
    for (size_t i = m - 1; i > 0; i--) {
        size_t j = (size_t)(nn_rng_uniform(rng) * (double)(i + 1));
        size_t t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    if (o.holdout > 0.0 && (m_hold == 0 || m_hold == m))
        nb_die("--holdout %g of %zu examples leaves no example on one side", o.holdout, m);
    nn_dataset *held = m_hold ? subset(all, order, m_hold) : NULL;
    nn_dataset *d = m_hold ? subset(all, order + m_hold, m - m_hold) : all;
    size_t m_train = d->X->size2;

    /* the course's start: W1 then W2 from the seed's stream */
    nn_params *p = nb_ok(nn_params_alloc(n_x, o.n_h, o.activation));
    nb_try(nn_rng_seed(rng, o.seed));
    nn_params_init(p, rng, o.init_scale);
    size_t every = o.iterations > 1000 ? (o.iterations + 999) / 1000 : 1;
    size_t n_costs = (o.iterations + every - 1) / every;
    double *cost = nb_ok(malloc(n_costs * sizeof *cost));
    progress_state ps = {o.iterations, seconds(), 0.0, !o.quiet && isatty(STDERR_FILENO), 0, 0,
                         0};
    /* the hook runs where the cost is recorded anyway: no extra work */
    nn_train_options opt = {.learning_rate = o.learning_rate, .iterations = o.iterations,
                            .cost_every = every, .progress = on_progress,
                            .report_every = every, .user = &ps};
    nn_trainer *trainer = nb_ok(nn_trainer_alloc(n_x, o.n_h, m_train));
    nn_status s = nn_train_fast(p, trainer, NULL, d->X, d->Y, &opt, cost);
    double elapsed = seconds() - ps.start;
    if (ps.show)
        fputs("\r\033[K", stderr);
    if (ps.diverged_at)
        nb_die("training diverged: the cost rose from %.6f to %.6g by iteration %zu; try a "
               "smaller --learning-rate (now %g) or --init-scale (now %g); nothing was written",
               ps.first, ps.diverged_cost, ps.diverged_at - 1, o.learning_rate, o.init_scale);
    if (s == NN_ENUM) {
        const char *why = strstr(nn_errmsg(), "the cost is");
        nb_die("training diverged: %.*s; try a smaller --learning-rate (now %g) or "
               "--init-scale (now %g); nothing was written",
               why ? (int)strcspn(why, "(") - 1 : 0, why ? why : "", o.learning_rate,
               o.init_scale);
    }
    nb_try(s);
    double final_cost, train_acc, held_cost = NAN, held_acc = NAN;
    nb_evaluate(p, d, &final_cost, &train_acc);
    if (held)
        nb_evaluate(p, held, &held_cost, &held_acc);

    /* Everything goes into a new directory beside DIR, swapped in at the end;
     * nothing interrupts the writing. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    size_t len = strlen(out) + 16;
    pending_dir = nb_ok(malloc(len));
    snprintf(pending_dir, len, "%s.tmp.XXXXXX", out);
    if (mkdtemp(pending_dir) == NULL) {
        int e = errno;
        free(pending_dir);
        pending_dir = NULL;
        nb_die("cannot create a directory beside %s: %s", out, strerror(e));
    }
    chmod(pending_dir, 0755);
    atexit(remove_pending);

    FILE *f = create(pending_dir, "model.txt");
    fprintf(f, "# a network with one hidden layer, trained by shallow %s; see shallow(1)\n",
            VERSION);
    fprintf(f, "format %d\nn_x %zu\nn_h %zu\nactivation %s\nfeatures ", MODEL_FORMAT, n_x, o.n_h,
            nn_activations[o.activation].name);
    for (size_t k = 0; k < n_x; k++)
        fprintf(f, "%s%c", cols.names[k], k + 1 < n_x ? ',' : '\n');
    fprintf(f, "label %s\n", cols.names[n_x]);
    write_matrix(f, "W1", p->W1);
    write_vector(f, "b1", p->b1);
    write_matrix(f, "W2", p->W2);
    write_vector(f, "b2", p->b2);
    finish(f, "model.txt");

    f = create(pending_dir, "cost.tsv");
    fprintf(f, "# iteration\tcost\n");
    for (size_t k = 0; k < n_costs; k++)
        fprintf(f, "%zu\t%.9f\n", k * every, cost[k]);
    finish(f, "cost.tsv");

    f = create(pending_dir, "summary.txt");
    fprintf(f, "data            %s (%zu examples, %zu features, label '%s')\n", o.data, m, n_x,
            cols.names[n_x]);
    fprintf(f, "network         n_x = %zu, n_h = %zu, %s hidden units, sigmoid output\n", n_x,
            o.n_h, nn_activations[o.activation].name);
    fprintf(f, "training        %zu iterations at learning rate %g from %g N(0, 1), seed %lu\n",
            o.iterations, o.learning_rate, o.init_scale, o.seed);
    fprintf(f, "examples        %zu for training, %zu held out\n", m_train, m_hold);
    fprintf(f, "final cost      %.6f\n", final_cost);
    fprintf(f, "train accuracy  %.2f%%\n", train_acc);
    if (held)
        fprintf(f, "holdout accuracy %.2f%%\n", held_acc);
    fprintf(f, "time            %.2f s\n", elapsed);
    finish(f, "summary.txt");

    int planar = n_x == 2;
    if (planar) {
        gsl_matrix *grid = nb_grid_alloc(all->X, NB_GRID, NB_GRID_MARGIN);
        gsl_matrix *A = nb_ok(gsl_matrix_alloc(1, grid->size2));
        nb_net_over(A, p, grid);
        f = create(pending_dir, "boundary.grid");
        nb_write_grid(f, grid, NB_GRID, A);
        finish(f, "boundary.grid");
        f = create(pending_dir, "points.tsv");
        for (size_t i = 0; i < m; i++)
            fprintf(f, "%.17g\t%.17g\t%g\n", gsl_matrix_get(all->X, 0, i),
                    gsl_matrix_get(all->X, 1, i), gsl_matrix_get(all->Y, 0, i));
        finish(f, "points.tsv");
        gsl_matrix_free(A);
        gsl_matrix_free(grid);
    }
    draw(pending_dir, planar, cols.names[0], n_x > 1 ? cols.names[1] : "");
    if (planar) {
        char path[4096];
        snprintf(path, sizeof path, "%s/boundary.grid", pending_dir);
        unlink(path);
        snprintf(path, sizeof path, "%s/points.tsv", pending_dir);
        unlink(path);
    }

    /* swap: the old DIR aside, the new one in, the old one removed */
    char *aside = NULL;
    if (stat(out, &st) == 0) {
        aside = nb_ok(malloc(len + 8));
        snprintf(aside, len + 8, "%s.old.XXXXXX", out);
        if (mkdtemp(aside) == NULL || rename(out, aside) != 0)
            nb_die("cannot move the earlier %s aside: %s", out, strerror(errno));
    }
    if (rename(pending_dir, out) != 0) {
        int e = errno;
        if (aside)
            rename(aside, out);
        nb_die("cannot rename the new model into %s: %s", out, strerror(e));
    }
    free(pending_dir);
    pending_dir = aside; /* removed at exit */
    sigprocmask(SIG_SETMASK, &old, NULL);

    printf("trained on %zu examples: cost %.6f, training accuracy %.2f%%", m_train, final_cost,
           train_acc);
    if (held)
        printf(", held-out accuracy %.2f%%", held_acc);
    printf("; wrote %s/\n", out);
    nn_trainer_free(trainer);
    free(cost);
    nn_params_free(p);
    if (held) {
        nn_dataset_free(held);
        nn_dataset_free(d);
    }
    nn_dataset_free(all);
    nn_rng_free(rng);
    free(order);
    nn_csv_columns_free(&cols);
    free(out);
}

/* ----------------------------------------------------------- prediction */

/* Reads DIR/model.txt, dying with file:line on anything unexpected. */
static nn_params *read_model(const char *dir, nn_csv_columns *cols)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/model.txt", dir);
    char *text = nb_slurp(path);
    if (text == NULL)
        nb_die("%s (is --model a directory that shallow train wrote?)", nn_errmsg());
    size_t line = 0, n_x = 0, n_h = 0;
    int format = 0;
    char act[32] = "", features[8192] = "", label[256] = "";
    nn_params *p = NULL;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        line++;
        if (l[0] == '#')
            continue;
        if (sscanf(l, "format %d", &format) == 1 || sscanf(l, "n_x %zu", &n_x) == 1 ||
            sscanf(l, "n_h %zu", &n_h) == 1 || sscanf(l, "activation %31s", act) == 1 ||
            sscanf(l, "features %8191s", features) == 1 || sscanf(l, "label %255s", label) == 1)
            continue;
        gsl_matrix *M = NULL;
        gsl_vector *v = NULL;
        size_t rows = 0;
        if (strcmp(l, "W1") == 0 || strcmp(l, "b1") == 0 || strcmp(l, "W2") == 0 ||
            strcmp(l, "b2") == 0) {
            if (p == NULL) {
                nn_activation_id id;
                if (format != MODEL_FORMAT || n_x == 0 || n_h == 0 ||
                    nn_activation_find(act, &id) != NN_OK || !features[0] || !label[0])
                    nb_die("%s:%zu: the header (format %d, n_x, n_h, activation, features, "
                           "label) is incomplete before %s", path, line, MODEL_FORMAT, l);
                p = nb_ok(nn_params_alloc(n_x, n_h, id));
            }
            if (l[0] == 'W')
                M = l[1] == '1' ? p->W1 : p->W2;
            else
                v = l[1] == '1' ? p->b1 : p->b2;
            rows = M ? M->size1 : 1;
        } else
            nb_die("%s:%zu: unexpected line '%.40s'", path, line, l);
        size_t cols_n = M ? M->size2 : v->size;
        for (size_t r = 0; r < rows; r++) {
            char *row = strtok_r(NULL, "\n", &save);
            line++;
            for (size_t k = 0; k < cols_n; k++) {
                char *end;
                double x = row ? strtod(row, &end) : NAN;
                if (row == NULL || end == row || !isfinite(x))
                    nb_die("%s:%zu: expected %zu finite numbers for %s", path, line, cols_n, l);
                if (M)
                    gsl_matrix_set(M, r, k, x);
                else
                    gsl_vector_set(v, k, x);
                row = end;
            }
        }
    }
    free(text);
    if (p == NULL)
        nb_die("%s: no parameters in the model", path);
    cols->n_x = n_x;
    cols->names = nb_ok(calloc(n_x + 1, sizeof *cols->names));
    char *fs = NULL;
    size_t k = 0;
    for (char *name = strtok_r(features, ",", &fs); name && k < n_x; name = strtok_r(NULL, ",", &fs))
        cols->names[k++] = nb_ok(strdup(name));
    if (k != n_x)
        nb_die("%s: %zu feature names for n_x = %zu", path, k, n_x);
    cols->names[n_x] = nb_ok(strdup(label));
    return p;
}

static void predict(int argc, char **argv)
{
    static const int allowed[] = {O_MODEL, O_DATA, O_LABEL, 0};
    options o = {0};
    parse(argc, argv, allowed, PREDICT_HELP, &o);
    if (o.model == NULL || o.data == NULL)
        nb_die("shallow predict needs --model DIR and --data FILE.csv (see shallow predict --help)");
    nn_csv_columns want;
    nn_params *p = read_model(o.model, &want);
    size_t n_x = want.n_x;
    /* the data's header decides whether it has the label */
    FILE *h = fopen(o.data, "r");
    if (h == NULL)
        nb_die("cannot read %s: %s", o.data, strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    ssize_t got = getline(&line, &cap, h);
    fclose(h);
    const char *label = o.label ? o.label : want.names[n_x];
    int labelled = 0;
    if (got > 0) {
        size_t llen = strlen(label);
        for (char *q = line; q; q = strchr(q, ',')) {
            if (*q == ',')
                q++;
            if (strncmp(q, label, llen) == 0 && (q[llen] == ',' || q[llen] == '\n' || !q[llen]))
                labelled = 1;
        }
    }
    free(line);
    if (o.label && !labelled)
        nb_die("%s:1: no column is named '%s' (--label)", o.data, o.label);
    nn_csv_columns cols;
    nn_dataset *d = labelled ? nn_dataset_read_csv_labelled(o.data, label, &cols)
                             : nn_dataset_read_csv_features(o.data, &cols);
    if (d == NULL)
        nb_die("%s", nn_errmsg());
    if (cols.n_x != n_x)
        nb_die("%s has %zu feature columns, the model %zu (%s, ...)", o.data, cols.n_x, n_x,
               want.names[0]);
    for (size_t k = 0; k < n_x; k++)
        if (strcmp(cols.names[k], want.names[k]) != 0)
            nb_die("%s:1: feature column %zu is '%s', the model's is '%s'", o.data, k + 1,
                   cols.names[k], want.names[k]);
    size_t m = d->X->size2, correct = 0;
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, m));
    nb_try(nn_forward(cache, p, d->X));
    printf("prediction,probability\n");
    for (size_t i = 0; i < m; i++) {
        double a = gsl_matrix_get(cache->A2, 0, i);
        int yhat = a > 0.5;
        printf("%d,%.17g\n", yhat, a);
        correct += yhat == (int)gsl_matrix_get(d->Y, 0, i);
    }
    if (labelled)
        fprintf(stderr, "shallow: accuracy %.2f%% (%zu of %zu examples)\n",
                100.0 * (double)correct / (double)m, correct, m);
    nn_cache_free(cache);
    nn_dataset_free(d);
    nn_params_free(p);
    nn_csv_columns_free(&cols);
    nn_csv_columns_free(&want);
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
    double P = (double)(o.n_h * n_x + 2 * o.n_h + 1);
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
        nb_die("unknown command '%s' (known: train, predict, gradcheck; see shallow --help)",
               argv[1]);
    return 0;
}
