/* check_fast: the fused training core (nn_train_fast) equals the readable
 * one (nn_train) bit for bit: the parameters after 10,000 iterations and
 * every cost, for every activation and several shapes, odd block
 * remainders, zero weights, recording every k-th cost, a progress hook that
 * reads the cache and stops, and divergence. */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "nn_internal.h" /* nn__fast_baseline */
#include "tests.h"

enum { ITERATIONS = 10000 };

typedef struct {
    size_t n_x, n_h, m;
    double scale, learning_rate;
    int zero_weights; /* a zero in W1 and in W2, which dgemm skips */
} shape;

static const shape SHAPES[] = {
    {2, 4, 400, 0.01, 1.2, 0},  /* the flower network's shape */
    {3, 5, 37, 0.5, 0.3, 0},    /* a block and 5 examples */
    {1, 1, 1, 1.0, 0.1, 0},     /* the smallest network */
    {2, 7, 65, 0.1, 0.5, 1},    /* two blocks and 1 */
    {6, 3, 96, 0.3, 0.2, 1},    /* three whole blocks */
    {2, 12, 50, 0.2, 0.4, 1},   /* three whole groups of units */
};

typedef struct {
    gsl_matrix *X, *Y;
    nn_params *start;
} problem;

/* X ~ N(0, 1) (n_x, m), Y random 0/1 with both classes, W ~ scale N(0, 1). */
static problem problem_alloc(const shape *s, nn_activation_id hidden, unsigned long seed)
{
    problem pr;
    nn_rng *rng = nn_rng_alloc(seed);
    pr.X = gsl_matrix_alloc(s->n_x, s->m);
    pr.Y = gsl_matrix_alloc(1, s->m);
    nn_rng_fill_randn(rng, pr.X, 1.0);
    for (size_t i = 0; i < s->m; i++)
        gsl_matrix_set(pr.Y, 0, i, i == 0 ? 1.0 : nn_rng_uniform(rng) < 0.5);
    pr.start = nn_params_alloc(s->n_x, s->n_h, hidden);
    nn_params_init(pr.start, rng, s->scale);
    if (s->zero_weights) {
        gsl_matrix_set(pr.start->W1, 0, 0, 0.0);
        gsl_matrix_set(pr.start->W2, 0, s->n_h - 1, 0.0);
    }
    nn_rng_free(rng);
    return pr;
}

static void problem_free(problem *pr)
{
    gsl_matrix_free(pr->X);
    gsl_matrix_free(pr->Y);
    nn_params_free(pr->start);
}

/* The same bits, not merely the same values (0.0 and -0.0 differ here). */
static void assert_same_bits(const double *a, const double *b, size_t n, const char *what,
                             const char *case_name)
{
    for (size_t k = 0; k < n; k++)
        ck_assert_msg(memcmp(&a[k], &b[k], sizeof a[k]) == 0,
                      "%s: %s[%zu]: fast %.17g, readable %.17g", case_name, what, k, a[k], b[k]);
}

static void assert_same_params(const nn_params *a, const nn_params *b, const char *case_name)
{
    assert_same_bits(a->W1->data, b->W1->data, a->n_h * a->n_x, "W1", case_name);
    assert_same_bits(a->b1->data, b->b1->data, a->n_h, "b1", case_name);
    assert_same_bits(a->W2->data, b->W2->data, a->n_h, "W2", case_name);
    assert_same_bits(a->b2->data, b->b2->data, 1, "b2", case_name);
}

/* Trains a copy of pr.start with nn_train, into *ref and costs. */
static nn_status train_readable(const problem *pr, const nn_train_options *opt, nn_params **ref,
                                double *costs)
{
    size_t n_x = pr->X->size1, m = pr->X->size2, n_h = pr->start->n_h;
    *ref = nn_params_alloc(n_x, n_h, pr->start->hidden);
    nn_params_copy(*ref, pr->start);
    nn_cache *cache = nn_cache_alloc(n_h, m);
    nn_grads *grads = nn_grads_alloc(n_x, n_h, m);
    nn_status s = nn_train(*ref, cache, grads, pr->X, pr->Y, opt, costs);
    nn_cache_free(cache);
    nn_grads_free(grads);
    return s;
}

static nn_status train_fast(const problem *pr, const nn_train_options *opt, nn_params **fast,
                            nn_cache *cache, double *costs)
{
    size_t n_x = pr->X->size1, m = pr->X->size2, n_h = pr->start->n_h;
    *fast = nn_params_alloc(n_x, n_h, pr->start->hidden);
    nn_params_copy(*fast, pr->start);
    nn_trainer *t = nn_trainer_alloc(n_x, n_h, m);
    ck_assert_ptr_nonnull(t);
    nn_status s = nn_train_fast(*fast, t, cache, pr->X, pr->Y, opt, costs);
    nn_trainer_free(t);
    return s;
}

static double ref_costs[ITERATIONS], fast_costs[ITERATIONS];

enum { N_SHAPES = sizeof SHAPES / sizeof SHAPES[0] };

/* Loop index _i: the shape, the activation, and whether the fused core runs
 * on the baseline instruction set or (where the CPU has it) on AVX2. */
START_TEST(fast_equals_readable_for_every_activation_and_shape)
{
    const shape *s = &SHAPES[_i % N_SHAPES];
    nn_activation_id hidden = (nn_activation_id)(_i / N_SHAPES % NN_ACTIVATION_COUNT);
    int baseline = _i / (N_SHAPES * NN_ACTIVATION_COUNT);
    nn__fast_baseline(baseline);
    char name[160];
    snprintf(name, sizeof name, "%s, n_x = %zu, n_h = %zu, m = %zu, %s instructions",
             nn_activations[hidden].name, s->n_x, s->n_h, s->m, baseline ? "baseline" : "best");
    problem pr = problem_alloc(s, hidden, 7 + (unsigned long)_i);
    nn_train_options opt = {.learning_rate = s->learning_rate, .iterations = ITERATIONS};
    nn_params *ref, *fast;
    ck_assert_int_eq(train_readable(&pr, &opt, &ref, ref_costs), NN_OK);
    ck_assert_int_eq(train_fast(&pr, &opt, &fast, NULL, fast_costs), NN_OK);
    assert_same_params(fast, ref, name);
    assert_same_bits(fast_costs, ref_costs, ITERATIONS, "cost", name);
    /* guard against passing trivially: training moved the parameters and the cost */
    ck_assert_msg(gsl_vector_get(ref->b2, 0) != gsl_vector_get(pr.start->b2, 0), "%s", name);
    ck_assert_msg(ref_costs[ITERATIONS - 1] < ref_costs[0], "%s: the cost did not fall", name);

    /* only every 1000th cost: the same parameters, the same recorded costs */
    nn_params_free(fast);
    opt.cost_every = 1000;
    double every[ITERATIONS / 1000];
    ck_assert_int_eq(train_fast(&pr, &opt, &fast, NULL, every), NN_OK);
    assert_same_params(fast, ref, name);
    for (size_t k = 0; k < ITERATIONS / 1000; k++)
        assert_same_bits(&every[k], &ref_costs[k * 1000], 1, "every 1000th cost", name);
    nn_params_free(fast);
    nn_params_free(ref);
    problem_free(&pr);
    nn__fast_baseline(0);
}
END_TEST

/* A hook that stops at iteration 250 and copies the cache it is shown. */
typedef struct {
    const nn_cache *cache;
    gsl_matrix *Z1, *A2;
} seen;

static int stop_at_250(size_t iteration, double cost, void *user)
{
    (void)cost;
    seen *s = user;
    if (iteration != 250)
        return 0;
    gsl_matrix_memcpy(s->Z1, s->cache->Z1);
    gsl_matrix_memcpy(s->A2, s->cache->A2);
    return 1;
}

START_TEST(a_progress_hook_sees_the_same_cache_and_stops_at_the_same_place)
{
    const shape *s = &SHAPES[1];
    problem pr = problem_alloc(s, NN_TANH, 3);
    size_t n_x = s->n_x, n_h = s->n_h, m = s->m;
    /* readable */
    nn_params *ref = nn_params_alloc(n_x, n_h, NN_TANH);
    nn_params_copy(ref, pr.start);
    nn_cache *ref_cache = nn_cache_alloc(n_h, m);
    nn_grads *grads = nn_grads_alloc(n_x, n_h, m);
    seen ref_seen = {ref_cache, gsl_matrix_alloc(n_h, m), gsl_matrix_alloc(1, m)};
    nn_train_options opt = {.learning_rate = 0.3, .iterations = 1000, .report_every = 50,
                            .progress = stop_at_250, .user = &ref_seen, .cost_every = 100};
    double ref_c[10], fast_c[10];
    ck_assert_int_eq(nn_train(ref, ref_cache, grads, pr.X, pr.Y, &opt, ref_c), NN_OK);
    /* fused */
    nn_params *fast;
    nn_cache *fast_cache = nn_cache_alloc(n_h, m);
    seen fast_seen = {fast_cache, gsl_matrix_alloc(n_h, m), gsl_matrix_alloc(1, m)};
    opt.user = &fast_seen;
    ck_assert_int_eq(train_fast(&pr, &opt, &fast, fast_cache, fast_c), NN_OK);
    assert_same_params(fast, ref, "stopped at 250");
    assert_same_bits(fast_seen.Z1->data, ref_seen.Z1->data, n_h * m, "Z1 seen", "at 250");
    assert_same_bits(fast_seen.A2->data, ref_seen.A2->data, m, "A2 seen", "at 250");
    assert_same_bits(fast_c, ref_c, 3, "cost", "every 100th");
    gsl_matrix_free(ref_seen.Z1);
    gsl_matrix_free(ref_seen.A2);
    gsl_matrix_free(fast_seen.Z1);
    gsl_matrix_free(fast_seen.A2);
    nn_params_free(ref);
    nn_params_free(fast);
    nn_cache_free(ref_cache);
    nn_cache_free(fast_cache);
    nn_grads_free(grads);
    problem_free(&pr);
}
END_TEST

START_TEST(divergence_is_reported_at_the_same_iteration)
{
    shape s = SHAPES[1];
    problem pr = problem_alloc(&s, NN_RELU, 5);
    nn_train_options opt = {.learning_rate = 1e6, .iterations = 100};
    nn_params *ref, *fast;
    ck_assert_int_eq(train_readable(&pr, &opt, &ref, ref_costs), NN_ENUM);
    char ref_msg[512];
    snprintf(ref_msg, sizeof ref_msg, "%s", nn_errmsg());
    ck_assert_int_eq(train_fast(&pr, &opt, &fast, NULL, fast_costs), NN_ENUM);
    /* the same iteration in the message, the same parameters left behind */
    const char *at = strstr(ref_msg, "at iteration");
    ck_assert_ptr_nonnull(at);
    ck_assert_msg(strstr(nn_errmsg(), at) != NULL, "fast: %s; readable: %s", nn_errmsg(), ref_msg);
    assert_same_params(fast, ref, "diverged");
    nn_params_free(ref);
    nn_params_free(fast);
    problem_free(&pr);
}
END_TEST

START_TEST(the_trainer_checks_its_shapes)
{
    nn_trainer *t = nn_trainer_alloc(2, 4, 10);
    nn_params *p = nn_params_alloc(2, 5, NN_TANH);
    gsl_matrix *X = gsl_matrix_calloc(2, 10), *Y = gsl_matrix_calloc(1, 10);
    nn_train_options opt = {.learning_rate = 1.0, .iterations = 1};
    ck_assert_int_eq(nn_train_fast(p, t, NULL, X, Y, &opt, NULL), NN_EDIM);
    ck_assert_ptr_null(nn_trainer_alloc(2, 0, 10));
    nn_trainer_free(t);
    nn_params_free(p);
    gsl_matrix_free(X);
    gsl_matrix_free(Y);
}
END_TEST

Suite *fast_suite(void)
{
    Suite *s = suite_create("fast");
    TCase *tc = tcase_create("fused core");
    tcase_set_timeout(tc, 600);
    /* 60 configurations, each trained three times (readable, fused, fused
     * recording every 1000th cost) for 10,000 iterations: 1,800,000
     * iterations, too long under valgrind */
    tcase_set_tags(tc, "long");
    tcase_add_loop_test(tc, fast_equals_readable_for_every_activation_and_shape, 0,
                        (int)(2 * NN_ACTIVATION_COUNT * N_SHAPES));
    tcase_add_test(tc, a_progress_hook_sees_the_same_cache_and_stops_at_the_same_place);
    tcase_add_test(tc, divergence_is_reported_at_the_same_iteration);
    tcase_add_test(tc, the_trainer_checks_its_shapes);
    suite_add_tcase(s, tc);
    return s;
}
