/* nn_libm_plain.c: nn_libm.c without fused multiply-adds.
 *
 * glibc builds its tanh, expm1, exp and log1p twice on x86-64: for CPUs
 * with FMA, where the compiler fuses some products and sums, and for the
 * others, where it cannot.  nn_libm.c is the first, with fma() where those
 * copies fuse; compiled again with NN_LIBM_PLAIN, every such step is a
 * product and a sum, each rounded: the second.  Chapter 8 trains with these
 * to show what the C library of another CPU does to the course's numbers,
 * with the same bits on every machine (nn__tanh_plain, nn__expm1_plain,
 * nn__exp_plain, nn__log1p_plain; tests/check_vmath.c compares them with
 * glibc's plain copies where those run). */
#define NN_LIBM_PLAIN 1
#include "nn_libm.c"
