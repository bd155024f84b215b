/* Chapter 5: write initialize_parameters.  Read chapter 5, section 2 (and
 * section 1 for why not zero): chapters/05-initialization/README.md#2-why-small-saturation
 *
 * Grade it with `make grade CHAPTER=5`. */
#include "workbook.h"

/* The course's start:
 *   W1 = 0.01 randn(n_h, n_x),  b1 = 0,  W2 = 0.01 randn(1, n_h),  b2 = 0
 * drawing W1 first, row by row, then W2, one number at a time with
 * nn_rng_randn(rng): the same numbers as numpy's np.random.randn. */
nn_status initialize_parameters(nn_params *p, nn_rng *rng)
{
    NOT_IMPLEMENTED;
}
