/* Chapter 6: planar data classification with one hidden layer.
 *
 * Reproduces every number and figure of README.md beside it:
 *   1. logistic regression on the flower: accuracy and decision boundary;
 *   2. the network (n_h = 4, tanh, learning rate 1.2, 10000 iterations,
 *      W1 then W2 drawn with seed 2, scale 0.01): the cost every 1000
 *      iterations against the course's printed values, the cost curve,
 *      training accuracy and decision boundary;
 *   3. the hidden-layer sweep n_h = 1, 2, 3, 4, 5, 20, 50 (5000 iterations);
 *   4. the four extra datasets, network against logistic regression.
 *
 * usage: 06-planar-classification --data data --out results/06-planar-classification
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nb.h"

enum {
    N_H = 4,              /* hidden units of the main network */
    ITERATIONS = 10000,   /* gradient-descent steps, network and baseline */
    SWEEP_ITERATIONS = 5000,
    REPORT_EVERY = 1000,
    CURVE_EVERY = 10,     /* cost.tsv keeps every 10th iteration */
    CURVE_DENSE = 1000,   /* rates.tsv keeps every one of the first 1000 */
    CURVE_TAIL = 200,     /* and of the last 200 */
};
static const double LEARNING_RATE = NB_COURSE_LEARNING_RATE; /* the baseline's too */

/* The costs the course prints at iterations 0, 1000, ..., 9000.  The first
 * eight are asserted (tests/check_course.c); 8000 is what the assignment's
 * original run printed and 9000 its graded Expected Output. */
static const double COURSE_COST[] = {0.693048, 0.288083, 0.254385, 0.233864, 0.226792,
                                     0.222644, 0.219731, 0.217504, 0.219454, 0.218607};
enum { N_COURSE = sizeof COURSE_COST / sizeof COURSE_COST[0], N_ASSERTED = 8 };

/* The training accuracies the course prints for the hidden-layer sizes of
 * SWEEP, in that order. */
static const double COURSE_SWEEP_ACCURACY[] = {67.5, 67.25, 90.75, 90.5, 91.25, 90.0, 90.25};

static const size_t SWEEP[] = {1, 2, 3, 4, 5, 20, 50};
enum { N_SWEEP = sizeof SWEEP / sizeof SWEEP[0] };
_Static_assert(sizeof COURSE_SWEEP_ACCURACY / sizeof COURSE_SWEEP_ACCURACY[0] == N_SWEEP,
               "one course accuracy per hidden-layer size");

static const char *const EXTRA[] = {"circles", "moons", "blobs", "quantiles"};

/* The held-out evaluation: every HOLD_EVERY-th example (the 5th, 10th, ...)
 * is kept out of training; the flower's classes and petals are in order, so
 * the held-out part samples every petal of both classes. */
enum { HOLD_EVERY = 5 };

/* The tanh network's learning rate (the course's optional exercise). */
static const double RATES[] = {0.01, 0.1, 0.5, 1.2, 2.0, 5.0, 10.0};
enum { N_RATES = sizeof RATES / sizeof RATES[0] };
static const double TARGET_COST = 0.3; /* "reaches J <= 0.3" */
static const double JITTERS = 0.01;    /* more than 1% of steps raise J: it oscillates */

/* The hidden-layer sizes whose sensitivity the figure draws beside n_h = 4. */
#define SENSITIVITY_SHOWN(n_h) ((n_h) == 20 || (n_h) == 50)
enum { N_EXTRA = sizeof EXTRA / sizeof EXTRA[0] };

static int print_progress(size_t iteration, double cost, void *user)
{
    (void)user;
    printf("Cost after iteration %zu: %f\n", iteration, cost);
    return 0;
}

/* The course's network with n_h tanh units (nb_train_course: seed 2,
 * scale 0.01, learning rate 1.2). */
static nn_params *train_network(const nn_dataset *d, size_t n_h, size_t iterations,
                                double *cost_history, nn_progress_fn progress)
{
    return nb_train_course(d, n_h, NN_TANH, iterations, cost_history, progress, REPORT_EVERY);
}

/* The course's network trained from the flower with its first input
 * coordinate one ulp larger: what the last bit of the data is worth. */
static nn_params *train_one_ulp(const nn_dataset *d, size_t n_h, size_t iterations, double *cost)
{
    nn_dataset moved = *d;
    moved.X = nb_ok(gsl_matrix_alloc(d->X->size1, d->X->size2));
    gsl_matrix_memcpy(moved.X, d->X);
    gsl_matrix_set(moved.X, 0, 0, nextafter(gsl_matrix_get(d->X, 0, 0), INFINITY));
    nn_params *p = nb_params_seeded(d, n_h, NN_TANH, NB_COURSE_SEED);
    nn_train_options opt = {.learning_rate = LEARNING_RATE, .iterations = iterations};
    nb_try(nb_train_params(p, &moved, &opt, NULL, cost));
    gsl_matrix_free(moved.X);
    return p;
}


/* The examples of d whose index i has (i % HOLD_EVERY == HOLD_EVERY - 1) ==
 * held, in order. */
static nn_dataset *every_fifth(const nn_dataset *d, int held)
{
    size_t n_x = d->X->size1, m = d->X->size2, n = 0;
    for (size_t i = 0; i < m; i++)
        n += (i % HOLD_EVERY == HOLD_EVERY - 1) == held;
    nn_dataset *s = nb_ok(malloc(sizeof *s));
    s->X = nb_ok(gsl_matrix_alloc(n_x, n));
    s->Y = nb_ok(gsl_matrix_alloc(1, n));
    for (size_t i = 0, k = 0; i < m; i++)
        if ((i % HOLD_EVERY == HOLD_EVERY - 1) == held) {
            for (size_t f = 0; f < n_x; f++)
                gsl_matrix_set(s->X, f, k, gsl_matrix_get(d->X, f, i));
            gsl_matrix_set(s->Y, 0, k, gsl_matrix_get(d->Y, 0, i));
            k++;
        }
    return s;
}

/* heldout.md: each hidden-layer size trained on four fifths of the flower,
 * its accuracy on those and on the fifth it never saw. */
static void heldout(const char *out, FILE *values, const nn_dataset *flower)
{
    nn_dataset *train = every_fifth(flower, 0), *held = every_fifth(flower, 1);
    FILE *f = nb_create(out, "heldout.md");
    fprintf(f, "| hidden units $n_h$ | training accuracy (%zu examples) | held-out accuracy "
               "(%zu examples) | gap |\n|---:|---:|---:|---:|\n", train->X->size2,
            held->X->size2);
    nb_kv(values, "heldout_train_m", "%zu", train->X->size2);
    nb_kv(values, "heldout_m", "%zu", held->X->size2);
    nb_kv(values, "hold_every", "%d", HOLD_EVERY);
    double best = -1.0;
    size_t best_n_h = 0, best_count = 0; /* the smallest size at the best, and how many are */
    for (size_t k = 0; k < N_SWEEP; k++) {
        nn_params *q = train_network(train, SWEEP[k], SWEEP_ITERATIONS, NULL, NULL);
        double c, acc_train, acc_held;
        nb_evaluate(q, train, &c, &acc_train);
        nb_evaluate(q, held, &c, &acc_held);
        fprintf(f, "| %zu | %.2f%% | %.2f%% | %+.2f |\n", SWEEP[k], acc_train, acc_held,
                acc_held - acc_train);
        nb_kv(values, nb_key("heldout_train_%zu", SWEEP[k]), "%.2f", acc_train);
        nb_kv(values, nb_key("heldout_acc_%zu", SWEEP[k]), "%.2f", acc_held);
        if (acc_held > best) {
            best = acc_held;
            best_n_h = SWEEP[k];
            best_count = 1;
        } else if (acc_held == best) {
            best_count++; /* a tie: the same number of held-out examples right */
        }
        nn_params_free(q);
    }
    nb_kv(values, "heldout_best_n_h", "%zu", best_n_h);
    nb_kv(values, "heldout_best_count", "%zu", best_count);
    nb_kv(values, "heldout_one_example", "%.2f", 100.0 / (double)held->X->size2);
    nb_kv(values, "heldout_best", "%.2f", best);
    nn_dataset_free(train);
    nn_dataset_free(held);
}

/* The network trained at RATES[k] from the course's start: its costs into J,
 * ITERATIONS of them; at the course's rate, the course's run (course,
 * course_cost), trained already.  *status is NN_ENUM if the run diverged. */
static nn_params *train_at_rate(size_t k, const nn_dataset *flower, const nn_params *course,
                                const double *course_cost, double *J, nn_status *status)
{
    nn_params *p = nb_params_seeded(flower, N_H, NN_TANH, NB_COURSE_SEED);
    *status = NN_OK;
    if (RATES[k] == LEARNING_RATE) { /* the course's run, trained already */
        nb_try(nn_params_copy(p, course));
        memcpy(J, course_cost, ITERATIONS * sizeof *J);
    } else {
        nn_train_options opt = {.learning_rate = RATES[k], .iterations = ITERATIONS};
        *status = nb_train_params(p, flower, &opt, NULL, J);
    }
    return p;
}

/* Rate k's row of rates.md and its values, from its trained network p and
 * its costs J: how often a step raised J, the largest rise over the second
 * half, when J first reached TARGET_COST. */
static void rate_row(FILE *f, FILE *values, size_t k, const nn_params *p,
                     const nn_dataset *flower, const double *J)
{
    double c, acc;
    nb_evaluate(p, flower, &c, &acc);
    size_t rises = 0;
    double jump = 0.0; /* the largest rise of one step, over the second half */
    for (size_t it = 1; it < ITERATIONS; it++) {
        rises += J[it] > J[it - 1];
        if (it >= ITERATIONS / 2)
            jump = fmax(jump, J[it] - J[it - 1]);
    }
    size_t reach = nb_first_at_or_below(J, ITERATIONS, TARGET_COST);
    char reached[32];
    if (reach < ITERATIONS)
        snprintf(reached, sizeof reached, "%zu", reach);
    else
        snprintf(reached, sizeof reached, "not within %d", ITERATIONS);
    fprintf(f, "| %g | %.6f | %zu | %.1e | %s | %.2f%% |\n", RATES[k], c, rises, jump,
            reached, acc);
    nb_kv(values, nb_key("rate_%zu_jump", k + 1), "%.1e", jump);
    nb_kv(values, nb_key("rate_%zu_diverged", k + 1), "%d", 0);
    nb_kv(values, nb_key("rate_%zu_cost", k + 1), "%.6f", c);
    nb_kv(values, nb_key("rate_%zu_rises", k + 1), "%zu", rises);
    nb_kv(values, nb_key("rate_%zu_rises_share", k + 1), "%.1f",
          100.0 * (double)rises / (ITERATIONS - 1));
    nb_kv(values, nb_key("rate_%zu_reach", k + 1), "%zu", reach);
    nb_kv(values, nb_key("rate_%zu_accuracy", k + 1), "%.2f", acc);
    nb_kv(values, nb_key("rate_%zu_oscillates", k + 1), "%d",
          (double)rises / (ITERATIONS - 1) > JITTERS);
}

/* One row of rates.tsv: iteration it and each rate's cost there. */
static void curve_row(FILE *tsv, size_t it, double *const J[N_RATES])
{
    fprintf(tsv, "%zu", it);
    for (size_t k = 0; k < N_RATES; k++)
        fprintf(tsv, "\t%.6g", J[k][it]);
    fputc('\n', tsv);
}

/* rates.tsv: every rate's cost J[k] per iteration.  Every iteration where
 * the figure can show each step: the first 1000 and the last 200.  Between
 * them, each block of 10 iterations is two rows, the block's lowest cost of
 * each rate (at its first iteration) and its highest (at its sixth), so that
 * the zigzag of the oscillating rates still draws as the band it is, in a
 * tenth of the points. */
static void write_rate_curves(const char *out, double *const J[N_RATES])
{
    FILE *tsv = nb_create(out, "rates.tsv");
    fprintf(tsv, "# iteration");
    for (size_t k = 0; k < N_RATES; k++)
        fprintf(tsv, "\trate %g", RATES[k]);
    fputc('\n', tsv);
    for (size_t it = 0; it < ITERATIONS;) {
        if (it < CURVE_DENSE || it + CURVE_TAIL >= ITERATIONS) {
            curve_row(tsv, it, J);
            it++;
            continue;
        }
        size_t end = it + CURVE_EVERY;
        if (end + CURVE_TAIL > ITERATIONS)
            end = ITERATIONS - CURVE_TAIL;
        for (int high = 0; high <= 1; high++) {
            fprintf(tsv, "%zu", it + (high ? (end - it) / 2 : 0));
            for (size_t k = 0; k < N_RATES; k++) {
                double v = J[k][it];
                for (size_t t = it + 1; t < end; t++)
                    v = high ? fmax(v, J[k][t]) : fmin(v, J[k][t]);
                fprintf(tsv, "\t%.6g", v);
            }
            fputc('\n', tsv);
        }
        it = end;
    }
}

/* rates.md and rates.tsv: the n_h = 4 tanh network trained at each rate of
 * RATES: whether the cost diverged, how often a step raised it, where it
 * ends and when it first reached TARGET_COST. */
static void rates(const char *out, FILE *values, const nn_dataset *flower,
                  const nn_params *course, const double *course_cost)
{
    double *J[N_RATES];
    FILE *f = nb_create(out, "rates.md");
    fprintf(f, "| learning rate | final cost | steps that raised $J$ | largest rise, second half "
               "| reaches $J \\le %.1f$ at | training accuracy |\n"
               "|---:|---:|---:|---:|---:|---:|\n", TARGET_COST);
    for (size_t k = 0; k < N_RATES; k++) {
        J[k] = nb_ok(malloc(ITERATIONS * sizeof *J[k]));
        nn_status st;
        nn_params *p = train_at_rate(k, flower, course, course_cost, J[k], &st);
        if (st == NN_ENUM) { /* a cost that is not a number: the run diverged */
            fprintf(f, "| %g | diverged | | | | |\n", RATES[k]);
            nb_kv(values, nb_key("rate_%zu_diverged", k + 1), "%d", 1);
            for (size_t it = 0; it < ITERATIONS; it++)
                J[k][it] = 0.0; /* drawn as missing (the figure's log axis skips 0) */
            nn_params_free(p);
            continue;
        }
        nb_try(st);
        rate_row(f, values, k, p, flower, J[k]);
        nn_params_free(p);
    }
    for (size_t k = 0; k < N_RATES; k++) {
        nb_kv(values, nb_key("rate_%zu", k + 1), "%g", RATES[k]);
    }
    nb_kv(values, "jitters_percent", "%g", 100.0 * JITTERS);
    nb_kv(values, "target_cost", "%.1f", TARGET_COST);
    write_rate_curves(out, J);
    for (size_t k = 0; k < N_RATES; k++)
        free(J[k]);
}

/* shapes.md: every variable's shape, read off the objects of one forward
 * and backward pass of the trained network. */
static void write_shapes(const char *out, const nn_params *p, const nn_dataset *d)
{
    size_t m = d->X->size2;
    nn_cache *cache = nb_ok(nn_cache_alloc(p->n_h, m));
    nn_grads *grads = nb_ok(nn_grads_alloc(p->n_x, p->n_h, m));
    nb_try(nn_forward(cache, p, d->X));
    nb_try(nn_backward(grads, p, cache, d->X, d->Y));
    nb_write_shapes(nb_create(out, "shapes.md"), p, cache, grads, d->X, d->Y);
    nn_grads_free(grads);
    nn_cache_free(cache);
}

/* The baseline's learning rate on d.  Gradient descent lowers logistic
 * regression's cost at every step when the rate is below 2/beta, beta the
 * curvature bound of nn_logreg_curvature (chapter 3 derives it).  The
 * baseline takes the network's rate where that is below the bound, and the
 * classical safe step 1/beta where it is not; *limit is 2/beta. */
static double logreg_rate(const nn_dataset *d, double *limit)
{
    double beta;
    nb_try(nn_logreg_curvature(&beta, d->X));
    *limit = 2.0 / beta;
    return LEARNING_RATE < *limit ? LEARNING_RATE : 1.0 / beta;
}

/* The largest rise of the cost from one step to the next over the second
 * half of training: a few rounding errors of J (about 1e-15) where descent
 * is stable, of the order of J itself where the rate makes it oscillate. */
static double largest_rise(const double *J, size_t n)
{
    double rise = 0.0;
    for (size_t it = n / 2; it < n; it++)
        rise = fmax(rise, J[it] - J[it - 1]);
    return rise;
}

/* Logistic regression from w = 0, b = 0 at the given rate, for ITERATIONS
 * steps; a rate not below the bound 2/beta is refused, since the cost it
 * ends at would be an accident of the oscillation. */
static nn_logreg *train_logreg(const nn_dataset *d, double rate, double limit,
                               double *final_cost, double *accuracy, double *rise)
{
    if (!(rate < limit))
        nb_die("logistic regression's learning rate %g is not below its bound 2/beta = %g on "
               "this data: its cost would oscillate", rate, limit);
    size_t m = d->X->size2;
    nn_logreg *lr = nb_ok(nn_logreg_alloc(d->X->size1, m));
    nn_train_options opt = {.learning_rate = rate, .iterations = ITERATIONS};
    double *J = nb_ok(malloc(ITERATIONS * sizeof *J));
    nb_try(nn_logreg_train(lr, d->X, d->Y, &opt, J));
    *rise = largest_rise(J, ITERATIONS);
    free(J);
    gsl_matrix *predictions = nb_ok(gsl_matrix_alloc(1, m));
    nb_try(nn_logreg_forward(lr, d->X));
    nb_try(nn_logreg_cost(final_cost, lr, d->Y));
    nb_try(nn_logreg_predict(predictions, lr));
    nb_try(nn_accuracy(accuracy, predictions, d->Y));
    gsl_matrix_free(predictions);
    return lr;
}

/* grid_<name>.grid: the decision regions of a network or of a logistic
 * regression (exactly one of p, lr is not NULL) over d's range. */
static void write_boundary(const char *out, const char *name, const nn_dataset *d,
                           const nn_params *p, const nn_logreg *lr)
{
    char file[128];
    snprintf(file, sizeof file, "grid_%s.grid", name);
    nb_write_boundary(out, file, d->X, p, lr);
}

/* values.txt: the flower's size and its classes. */
static void describe_data(FILE *values, const nn_dataset *flower)
{
    size_t m = flower->X->size2, n_x = flower->X->size1;
    /* The data: X (n_x, m), Y (1, m). */
    size_t ones = 0;
    for (size_t i = 0; i < m; i++)
        ones += gsl_matrix_get(flower->Y, 0, i) == 1.0;
    nb_kv(values, "m", "%zu", m);
    nb_kv(values, "n_x", "%zu", n_x);
    nb_kv(values, "m_red", "%zu", m - ones);
    nb_kv(values, "m_blue", "%zu", ones);
}

/* 1. The baseline on the flower: logistic regression, its values and its
 * decision regions. */
static void baseline(const char *out, FILE *values, const nn_dataset *flower)
{
    double logreg_cost, logreg_acc, logreg_limit, logreg_rise;
    double logreg_alpha = logreg_rate(flower, &logreg_limit);
    nn_logreg *lr = train_logreg(flower, logreg_alpha, logreg_limit, &logreg_cost, &logreg_acc,
                                 &logreg_rise);
    nb_kv(values, "logreg_rate", "%g", logreg_alpha);
    nb_kv(values, "logreg_step_limit", "%.2f", logreg_limit);
    nb_kv(values, "logreg_rise", "%.1e", logreg_rise);
    nb_kv(values, "logreg_accuracy", "%.2f", logreg_acc);
    nb_kv(values, "logreg_cost", "%.6f", logreg_cost);
    nb_kv(values, "logreg_w1", "%.4f", gsl_matrix_get(lr->w, 0, 0));
    nb_kv(values, "logreg_w2", "%.4f", gsl_matrix_get(lr->w, 0, 1));
    nb_kv(values, "logreg_b", "%.4f", gsl_vector_get(lr->b, 0));
    write_boundary(out, "logreg", flower, NULL, lr);
    nn_logreg_free(lr);
}

/* 2. The course's network, reporting as the course does: the costs every
 * 1000 iterations beside the course's (costs.md), the curve (cost.tsv), its
 * shapes and decision regions.  Returns the trained network; *cost_out gets
 * every iteration's cost. */
static nn_params *network(const char *out, FILE *values, const nn_dataset *flower,
                          double **cost_out)
{
    nb_kv(values, "n_h", "%d", N_H);
    nb_kv(values, "learning_rate", "%.1f", LEARNING_RATE);
    nb_kv(values, "iterations", "%d", ITERATIONS);
    double *cost = nb_ok(malloc(ITERATIONS * sizeof *cost));
    nn_params *p = train_network(flower, N_H, ITERATIONS, cost, print_progress);
    double final_cost, accuracy;
    nb_evaluate(p, flower, &final_cost, &accuracy);
    printf("Accuracy: %.2f%%\n", accuracy);
    nb_kv(values, "train_accuracy", "%.2f", accuracy);
    nb_kv(values, "final_cost", "%.6f", final_cost);
    write_shapes(out, p, flower);
    write_boundary(out, "nn", flower, p, NULL);

    FILE *costs = nb_create(out, "costs.md");
    fprintf(costs, "| iteration | cost here | cost printed by the course | difference |\n"
                   "|---:|---:|---:|---:|\n");
    double worst = 0.0;
    for (size_t it = 0; it < ITERATIONS; it += REPORT_EVERY) {
        size_t k = it / REPORT_EVERY;
        nb_kv(values, nb_key("cost_%zu", it), "%.6f", cost[it]);
        double diff = fabs(cost[it] - COURSE_COST[k]);
        if (k < N_ASSERTED) {
            worst = fmax(worst, diff);
            fprintf(costs, "| %zu | %.6f | %.6f | %.1e |\n", it, cost[it], COURSE_COST[k], diff);
        } else {
            /* past the sensitive stretch: shown, not asserted (section 4); marked
             * where the printed digits differ */
            char ours[32], theirs[32];
            snprintf(ours, sizeof ours, "%.6f", cost[it]);
            snprintf(theirs, sizeof theirs, "%.6f", COURSE_COST[k]);
            fprintf(costs, "| %zu | %s | %s | %.1e%s |\n", it, ours, theirs, diff,
                    strcmp(ours, theirs) ? ", differs" : "");
            nb_kv(values, nb_key("course_cost_%zu", it), "%.6f", COURSE_COST[k]);
            nb_kv(values, nb_key("course_diff_%zu", it), "%.1e", diff);
        }
    }
    nb_kv(values, "course_max_diff", "%.1e", worst);
    FILE *curve = nb_create(out, "cost.tsv");
    fprintf(curve, "# iteration\tcost J\n");
    for (size_t it = 0; it < ITERATIONS; it += CURVE_EVERY)
        fprintf(curve, "%zu\t%.9g\n", it, cost[it]);
    fprintf(curve, "%d\t%.9g\n", ITERATIONS - 1, cost[ITERATIONS - 1]);
    *cost_out = cost;
    return p;
}

/* The same network from an input one ulp away: where its costs part from
 * cost[], and the course's printed costs (course.tsv).  Returns its costs. */
static double *one_ulp(const char *out, FILE *values, const nn_dataset *flower,
                       const double *cost)
{
    double *cost_ulp = nb_ok(malloc(ITERATIONS * sizeof *cost_ulp));
    nn_params *u = train_one_ulp(flower, N_H, ITERATIONS, cost_ulp);
    size_t apart = nb_nine_decimals_differ(cost, cost_ulp, ITERATIONS), peak = 0;
    for (size_t it = 0; it < ITERATIONS; it++)
        if (fabs(cost_ulp[it] - cost[it]) > fabs(cost_ulp[peak] - cost[peak]))
            peak = it;
    double ulp_cost, ulp_acc;
    nb_evaluate(u, flower, &ulp_cost, &ulp_acc);
    nb_kv(values, "ulp_apart", "%zu", apart);
    nb_kv(values, "ulp_peak", "%zu", peak);
    nb_kv(values, "ulp_peak_diff", "%.1e", fabs(cost_ulp[peak] - cost[peak]));
    nb_kv(values, "ulp_accuracy", "%.2f", ulp_acc);
    for (size_t it = 8000; it < ITERATIONS; it += REPORT_EVERY) {
        nb_kv(values, nb_key("ulp_cost_%zu", it), "%.6f", cost_ulp[it]);
    }
    nn_params_free(u);
    FILE *course = nb_create(out, "course.tsv");
    fprintf(course, "# iteration\tcost printed by the course\n");
    for (size_t k = 0; k < N_COURSE; k++)
        fprintf(course, "%zu\t%.6f\n", k * REPORT_EVERY, COURSE_COST[k]);
    nb_kv(values, "course_asserted_last", "%d", (N_ASSERTED - 1) * REPORT_EVERY);
    return cost_ulp;
}

/* 3. Hidden-layer sizes, beside the course's accuracies, each trained again
 * from an input one ulp away; sensitivity.tsv, from cost[] and cost_ulp[]
 * too. */
static void hidden_sizes(const char *out, FILE *values, const nn_dataset *flower,
                         const double *cost, const double *cost_ulp)
{
    FILE *sweep = nb_create(out, "hidden_sizes.md");
    fprintf(sweep, "| hidden units $n_h$ | parameters | final cost | training accuracy "
                   "| the course's |\n|---:|---:|---:|---:|---:|\n");
    FILE *sweep_ulp = nb_create(out, "hidden_sizes_ulp.md");
    fprintf(sweep_ulp, "| hidden units $n_h$ | training accuracy | from one ulp of input "
                       "| 9 decimals of $J$ part at |\n|---:|---:|---:|---:|\n");
    nb_kv(values, "sweep_count", "%d", N_SWEEP);
    double *J = nb_ok(malloc(ITERATIONS * sizeof *J));
    double *J_ulp = nb_ok(malloc(ITERATIONS * sizeof *J_ulp));
    FILE *sens = nb_create(out, "sensitivity.tsv");
    fprintf(sens, "# iteration\tn_h = %d, %d iterations", N_H, ITERATIONS);
    for (size_t k = 0; k < N_SWEEP; k++)
        if (SENSITIVITY_SHOWN(SWEEP[k]))
            fprintf(sens, "\tn_h = %zu", SWEEP[k]);
    fputc('\n', sens);
    double *shown[N_SWEEP] = {NULL};
    size_t differ = 0;
    for (size_t k = 0; k < N_SWEEP; k++) {
        nn_params *q = train_network(flower, SWEEP[k], SWEEP_ITERATIONS, J, NULL);
        double q_cost, acc, ulp_cost, ulp_acc;
        nb_evaluate(q, flower, &q_cost, &acc);
        nn_params *u = train_one_ulp(flower, SWEEP[k], SWEEP_ITERATIONS, J_ulp);
        nb_evaluate(u, flower, &ulp_cost, &ulp_acc);
        size_t apart = nb_nine_decimals_differ(J, J_ulp, SWEEP_ITERATIONS);
        int same = fabs(acc - COURSE_SWEEP_ACCURACY[k]) < 0.005;
        differ += !same;
        char apart_text[32];
        if (apart < SWEEP_ITERATIONS)
            snprintf(apart_text, sizeof apart_text, "%zu", apart);
        else
            snprintf(apart_text, sizeof apart_text, "not within %d", SWEEP_ITERATIONS);
        fprintf(sweep, "| %zu | %zu | %.6f | %.2f%% | %.2f%%%s |\n", SWEEP[k],
                nn_params_count(q), q_cost, acc, COURSE_SWEEP_ACCURACY[k],
                same ? "" : ", **differs**");
        fprintf(sweep_ulp, "| %zu | %.2f%% | %.2f%% | %s |\n", SWEEP[k], acc, ulp_acc, apart_text);
        char key[48];
        snprintf(key, sizeof key, "sweep_n_h_%zu", k + 1); /* the list, for the figure */
        nb_kv(values, key, "%zu", SWEEP[k]);
        nb_kv(values, nb_key("sweep_accuracy_%zu", SWEEP[k]), "%.2f", acc);
        nb_kv(values, nb_key("sweep_course_accuracy_%zu", SWEEP[k]), "%.2f",
              COURSE_SWEEP_ACCURACY[k]);
        nb_kv(values, nb_key("sweep_ulp_accuracy_%zu", SWEEP[k]), "%.2f", ulp_acc);
        nb_kv(values, nb_key("sweep_apart_%zu", SWEEP[k]), "%zu", apart);
        snprintf(key, sizeof key, "nh%zu", SWEEP[k]);
        write_boundary(out, key, flower, q, NULL);
        if (SENSITIVITY_SHOWN(SWEEP[k])) {
            shown[k] = nb_ok(malloc(SWEEP_ITERATIONS * sizeof *shown[k]));
            for (size_t it = 0; it < SWEEP_ITERATIONS; it++)
                shown[k][it] = fabs(J_ulp[it] - J[it]);
        }
        nn_params_free(u);
        nn_params_free(q);
    }
    nb_kv(values, "sweep_differ", "%zu", differ);
    nb_kv(values, "sweep_iterations", "%d", SWEEP_ITERATIONS);
    /* |J_ulp - J| every 10th iteration, for the figure */
    for (size_t it = 0; it < ITERATIONS; it += CURVE_EVERY) {
        fprintf(sens, "%zu\t%.3e", it, fabs(cost_ulp[it] - cost[it]));
        for (size_t k = 0; k < N_SWEEP; k++)
            if (shown[k] && it < SWEEP_ITERATIONS) /* the sweep's rows end at 5000 */
                fprintf(sens, "\t%.3e", shown[k][it]);
        fputc('\n', sens);
    }
    for (size_t k = 0; k < N_SWEEP; k++)
        free(shown[k]);
    free(J);
    free(J_ulp);
}

/* 4. Four more datasets: the network against the baseline, each dataset
 * freed once done. */
static void extra_datasets(const char *out, FILE *values, nn_dataset *const *extra_data)
{
    FILE *extra = nb_create(out, "datasets.md");
    fprintf(extra, "| dataset | examples | bound $2/\\beta$ | logistic regression: rate "
                   "| largest rise of $J$, second half | accuracy | network, $n_h = %d$: largest rise "
                   "| accuracy |\n"
                   "|---|---:|---:|---:|---:|---:|---:|---:|\n", N_H);
    double *J_net = nb_ok(malloc(ITERATIONS * sizeof *J_net));
    for (size_t k = 0; k < N_EXTRA; k++) {
        char key[64];
        nn_dataset *d = extra_data[k];
        double lr_cost, lr_acc, q_cost, acc, limit, lr_rise;
        double alpha = logreg_rate(d, &limit);
        nn_logreg *base = train_logreg(d, alpha, limit, &lr_cost, &lr_acc, &lr_rise);
        nn_params *q = train_network(d, N_H, ITERATIONS, J_net, NULL);
        nb_evaluate(q, d, &q_cost, &acc);
        double q_rise = largest_rise(J_net, ITERATIONS);
        fprintf(extra, "| %s | %zu | %.3g | %.3g | %.1e | %.2f%% | %.1e | %.2f%% |\n", EXTRA[k],
                d->X->size2, limit, alpha, lr_rise, lr_acc, q_rise, acc);
        nb_kv(values, nb_key("%s_logreg_rate", EXTRA[k]), "%.3g", alpha);
        nb_kv(values, nb_key("%s_logreg_step_limit", EXTRA[k]), "%.3g", limit);
        nb_kv(values, nb_key("%s_logreg_rise", EXTRA[k]), "%.1e", lr_rise);
        nb_kv(values, nb_key("%s_nn_rise", EXTRA[k]), "%.1e", q_rise);
        nb_kv(values, nb_key("%s_logreg_accuracy", EXTRA[k]), "%.2f", lr_acc);
        nb_kv(values, nb_key("%s_nn_accuracy", EXTRA[k]), "%.2f", acc);
        snprintf(key, sizeof key, "%s_logreg", EXTRA[k]);
        write_boundary(out, key, d, NULL, base);
        snprintf(key, sizeof key, "%s_nn", EXTRA[k]);
        write_boundary(out, key, d, q, NULL);
        nn_params_free(q);
        nn_logreg_free(base);
        nn_dataset_free(d);
    }
    free(J_net);
}

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    nb_args args;
    nb_parse_args(argc, argv,
                  "Chapter 6: logistic regression and a one-hidden-layer network on the "
                  "flower\nand four more planar datasets. Writes values, tables and plot data "
                  "into --out.",
                  &args);
    const char *out = args.out;
    /* every dataset read and checked before any work */
    nn_dataset *flower = nb_read_flower(args.data), *extra_data[N_EXTRA];
    for (size_t k = 0; k < N_EXTRA; k++) {
        char file[64];
        snprintf(file, sizeof file, "%s.csv", EXTRA[k]);
        extra_data[k] = nb_read_planar(args.data, file, NB_EXTRA_M);
    }
    FILE *values = nb_create(out, "values.txt");

    describe_data(values, flower);
    baseline(out, values, flower);
    double *cost;
    nn_params *p = network(out, values, flower, &cost);
    double *cost_ulp = one_ulp(out, values, flower, cost);
    hidden_sizes(out, values, flower, cost, cost_ulp);
    free(cost_ulp);
    heldout(out, values, flower);   /* does a large n_h overfit? */
    rates(out, values, flower, p, cost); /* the learning rate */
    nn_params_free(p);
    free(cost);
    extra_datasets(out, values, extra_data);

    nb_commit();
    nn_dataset_free(flower);
    return 0;
}
