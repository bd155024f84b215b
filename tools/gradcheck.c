/* gradcheck: compare nn_backward's gradient with centred differences.
 *
 *   gradcheck                          the default battery: every activation,
 *                                      six shapes, seeds 1 .. 20
 *   gradcheck --activation relu --n_x 3 --n_h 5 --m 40 --seed 7 --eps 1e-6
 *                                      one configuration
 *
 * Every option that is given fixes that dimension of the battery; the ones
 * left out range over it (`--n_h 50` checks n_h = 50 in each battery shape).
 * One line per case, then a summary.  A case is "good" below the course's
 * 1e-7, "ok" below the threshold (1e-6 unless --threshold says otherwise:
 * at eps = 1e-7 rounding alone reaches a few 1e-7 when the gradient is
 * small, as it is behind a sigmoid layer), and fails at or above it; the
 * exit status is 1 if any case fails.  A shape whose check would take more
 * than MAX_MULTIPLY_ADDS multiply-adds is refused before anything runs.  `make
 * gradcheck` runs it with GRADCHECK_ARGS. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

#include "nb.h"

static const char *const USAGE =
    "usage: gradcheck [--activation NAME] [--n_x N] [--n_h N] [--m N] [--seed S | --seeds N]\n"
    "                 [--eps E] [--threshold T] [--bug NAME] [--keep-kinks] [--quiet]\n"
    "Checks the backward pass of the one-hidden-layer network against centred differences\n"
    "of the cost, on random data and parameters drawn from the seed. Options fix one\n"
    "dimension of the default battery; the others range over it:\n"
    "  --activation NAME  sigmoid, tanh, relu, leaky_relu or linear (default: all five)\n"
    "  --n_x, --n_h, --m  input features, hidden units, examples (default: the battery's\n"
    "                     shapes (1,1,1) (2,4,10) (4,4,20) (3,8,50) (5,3,7) (10,20,100))\n"
    "  --seed S           one seed, 1 .. 4294967295 (default: seeds 1 .. 20)\n"
    "  --seeds N          seeds 1 .. N\n"
    "  --eps E            the step of the centred difference (default 1e-7)\n"
    "  --threshold T      a case fails when its overall relative difference is >= T\n"
    "                     (default 1e-6; below 1e-7 it is reported as good)\n"
    "  --bug NAME         check a deliberately broken backward pass instead: no_inv_m,\n"
    "                     dW2_doubled, wrong_derivative, derivative_of_A, transposed\n"
    "  --keep-kinks       also compare parameters whose difference straddles a kink of\n"
    "                     ReLU or leaky ReLU (left out by default)\n"
    "  --quiet            print only failing cases and the summary\n"
    "A check takes 2 P forward passes (P = n_h n_x + 2 n_h + 1 parameters) of about P m\n"
    "multiply-adds each; shapes above 2 P^2 m = 1e10 are refused.\n";

/* The most one case may take, in multiply-adds (2 P^2 m): the largest
 * battery shape takes 1.2e7; this allows, for example, n_x = 2, n_h = 1000,
 * m = 100 or n_x = 10, n_h = 50, m = 10000. */
static const double MAX_MULTIPLY_ADDS = 1e10;

enum { OPT_NX = 256, OPT_NH, OPT_M, OPT_SEEDS, OPT_THRESHOLD, OPT_BUG, OPT_KEEP, OPT_QUIET };

/* What the command line asks for: 0 (or -1 for the activation) leaves that
 * dimension of the battery free. */
typedef struct {
    int activation, keep_kinks, quiet;
    size_t n_x, n_h, m;
    unsigned long seed, n_seeds;
    double eps, threshold;
    nn_bug bug;
} options;

/* The options, each given at most once; dies with one line on anything
 * else.  Returns 0 when --help was printed. */
static int parse_options(int argc, char **argv, options *o)
{
    static const struct option longopts[] = {
        {"activation", required_argument, NULL, 'a'},
        {"n_x", required_argument, NULL, OPT_NX},
        {"n_h", required_argument, NULL, OPT_NH},
        {"m", required_argument, NULL, OPT_M},
        {"seed", required_argument, NULL, 's'},
        {"seeds", required_argument, NULL, OPT_SEEDS},
        {"eps", required_argument, NULL, 'e'},
        {"threshold", required_argument, NULL, OPT_THRESHOLD},
        {"bug", required_argument, NULL, OPT_BUG},
        {"keep-kinks", no_argument, NULL, OPT_KEEP},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    *o = (options){.activation = -1, .n_seeds = NN_BATTERY_SEEDS, .eps = NN_GRADCHECK_EPS,
                   .threshold = NN_GRADCHECK_PASS, .bug = NN_BUG_NONE};
    int seeds_given = 0;
    opterr = 0;
    int c, given[OPT_QUIET + 1] = {0};
    while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        if (c > 0 && c <= OPT_QUIET && c != 'h' && c != ':' && c != '?' && given[c]++)
            for (const struct option *lo = longopts; lo->name; lo++)
                if (lo->val == c)
                    nb_die("--%s is given twice; give it once", lo->name);
        switch (c) {
        case 'a': {
            nn_activation_id id;
            nb_try(nn_activation_find(optarg, &id));
            o->activation = (int)id;
            break;
        }
        case OPT_NX: o->n_x = nb_parse_ulong("--n_x", optarg, 1, 1000); break;
        case OPT_NH: o->n_h = nb_parse_ulong("--n_h", optarg, 1, 1000); break;
        case OPT_M: o->m = nb_parse_ulong("--m", optarg, 1, 100000); break;
        case 's': o->seed = nb_parse_ulong("--seed", optarg, 1, 4294967295UL); break;
        case OPT_SEEDS:
            o->n_seeds = nb_parse_ulong("--seeds", optarg, 1, 100000);
            seeds_given = 1;
            break;
        case 'e': o->eps = nb_parse_double("--eps", optarg, 1e-15, 1.0); break;
        case OPT_THRESHOLD: o->threshold = nb_parse_double("--threshold", optarg, 1e-16, 1.0); break;
        case OPT_BUG: nb_try(nn_bug_find(optarg, &o->bug)); break;
        case OPT_KEEP: o->keep_kinks = 1; break;
        case OPT_QUIET: o->quiet = 1; break;
        case 'h': fputs(USAGE, stdout); return 0;
        case ':': nb_die("option %s needs a value (see --help)", argv[optind - 1]);
        default: nb_die("unknown option '%s' (see --help)", argv[optind - 1]);
        }
    }
    if (optind < argc)
        nb_die("unexpected argument '%s' (see --help)", argv[optind]);
    if (o->seed != 0 && seeds_given)
        nb_die("give --seed or --seeds, not both");
    return 1;
}

/* The shapes: the battery's, with the given sizes put in, without repeats;
 * dies on a shape whose check would take more than MAX_MULTIPLY_ADDS. */
static size_t battery_shapes(const options *o, size_t shapes[NN_BATTERY_SHAPES][3])
{
    size_t n_shapes = 0;
    for (size_t k = 0; k < NN_BATTERY_SHAPES; k++) {
        size_t s[3] = {o->n_x ? o->n_x : nn_battery_shapes[k][0],
                       o->n_h ? o->n_h : nn_battery_shapes[k][1],
                       o->m ? o->m : nn_battery_shapes[k][2]};
        int seen = 0;
        for (size_t q = 0; q < n_shapes; q++)
            seen |= shapes[q][0] == s[0] && shapes[q][1] == s[1] && shapes[q][2] == s[2];
        if (seen)
            continue;
        /* One check is 2 P forward passes of about P m multiply-adds each. */
        double P = (double)nn_layout_count(2, (size_t[]){s[0], s[1], 1});
        double multiply_adds = 2.0 * P * P * (double)s[2];
        if (multiply_adds > MAX_MULTIPLY_ADDS)
            nb_die("n_x = %zu, n_h = %zu, m = %zu: one check takes 2 P^2 m = %.1e multiply-adds "
                   "(P = %.0f), more than the limit of %.0e; give a smaller --n_x, --n_h or --m",
                   s[0], s[1], s[2], multiply_adds, P, MAX_MULTIPLY_ADDS);
        for (int d = 0; d < 3; d++)
            shapes[n_shapes][d] = s[d];
        n_shapes++;
    }
    return n_shapes;
}

/* The verdicts so far. */
typedef struct {
    size_t cases, failed, good, near_total, skipped_total;
    double worst;
    char worst_case[160];
} tally;

/* One case: checked, printed (unless quiet and passing) and counted. */
static void run_case(const options *o, const nn_gradcheck_config *cfg, tally *t)
{
    nn_gradcheck_result r;
    nn_status s = nn_gradcheck_config_run(&r, cfg, o->bug);
    if (s != NN_OK && s != NN_EDIM && s != NN_ENUM)
        nb_die("%s", nn_errmsg()); /* out of memory: not a verdict on the pass */
    const char *act = nn_activations[cfg->hidden].name;
    char name[160];
    snprintf(name, sizeof name, "%-10s n_x=%-3zu n_h=%-3zu m=%-4zu seed=%-3lu", act, cfg->n_x,
             cfg->n_h, cfg->m, cfg->seed);
    t->cases++;
    if (s != NN_OK) { /* shapes the pass cannot fit, or a cost that overflowed */
        t->failed++;
        printf("FAIL  %s  %s\n", name, nn_errmsg());
        return;
    }
    int ok = r.overall < o->threshold;
    t->failed += !ok;
    t->good += r.overall < NN_GRADCHECK_GOOD;
    t->near_total += r.near_kink;
    t->skipped_total += r.skipped;
    if (r.overall > t->worst) {
        t->worst = r.overall;
        snprintf(t->worst_case, sizeof t->worst_case, "%s n_x=%zu n_h=%zu m=%zu seed=%lu", act,
                 cfg->n_x, cfg->n_h, cfg->m, cfg->seed);
    }
    if (!o->quiet || !ok)
        printf("%s  %s  W1 %.1e  b1 %.1e  W2 %.1e  b2 %.1e  overall %.2e  "
               "near kink %zu  skipped %zu\n",
               !ok ? "FAIL" : r.overall < NN_GRADCHECK_GOOD ? "good" : "ok  ", name,
               r.diff[NN_BLOCK_W1], r.diff[NN_BLOCK_B1], r.diff[NN_BLOCK_W2],
               r.diff[NN_BLOCK_B2], r.overall, r.near_kink, r.skipped);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    options o;
    if (!parse_options(argc, argv, &o))
        return 0;
    size_t shapes[NN_BATTERY_SHAPES][3];
    size_t n_shapes = battery_shapes(&o, shapes);

    tally t = {.worst = -1.0};
    for (int act = 0; act < NN_ACTIVATION_COUNT; act++) {
        if (o.activation >= 0 && act != o.activation)
            continue;
        for (size_t k = 0; k < n_shapes; k++) {
            unsigned long first = o.seed ? o.seed : 1, last = o.seed ? o.seed : o.n_seeds;
            for (unsigned long sd = first; sd <= last; sd++) {
                nn_gradcheck_config cfg = {.hidden = (nn_activation_id)act,
                                           .n_x = shapes[k][0],
                                           .n_h = shapes[k][1],
                                           .m = shapes[k][2],
                                           .seed = sd,
                                           .eps = o.eps,
                                           .keep_kinks = o.keep_kinks};
                run_case(&o, &cfg, &t);
            }
        }
    }
    printf("gradcheck: %zu case%s (backward: %s, eps = %g): %zu passed (%zu good, below %g), "
           "%zu failed (threshold %g)",
           t.cases, t.cases == 1 ? "" : "s",
           o.bug == NN_BUG_NONE ? "nn_backward" : nn_bug_names[o.bug], o.eps, t.cases - t.failed,
           t.good, NN_GRADCHECK_GOOD, t.failed, o.threshold);
    if (t.worst >= 0.0)
        printf("; largest relative difference %.2e (%s)", t.worst, t.worst_case);
    printf("; Z1 entries near a kink %zu, parameters skipped %zu\n", t.near_total,
           t.skipped_total);
    return t.failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
