/* Chapter 3: write the activations and their derivatives.  Read chapter 3,
 * sections 1 and 2: chapters/03-activation-functions/README.md#1-five-activations
 *
 * Grade them with `make grade CHAPTER=3`. */
#include "workbook.h"

/* sigma(z) = 1 / (1 + e^-z)
 * (chapters/03-activation-functions/README.md#1-five-activations) */
double sigmoid(double z)
{
    NOT_IMPLEMENTED;
}

/* sigma'(z) = sigma(z) (1 - sigma(z))
 * (chapters/03-activation-functions/README.md#2-their-derivatives-step-by-step) */
double sigmoid_prime(double z)
{
    NOT_IMPLEMENTED;
}

/* tanh'(z) = 1 - tanh(z)^2
 * (chapters/03-activation-functions/README.md#2-their-derivatives-step-by-step) */
double tanh_prime(double z)
{
    NOT_IMPLEMENTED;
}

/* ReLU(z) = max(0, z)
 * (chapters/03-activation-functions/README.md#1-five-activations) */
double relu(double z)
{
    NOT_IMPLEMENTED;
}

/* ReLU'(z) = 0 for z < 0, 1 for z > 0; at the kink z = 0 take 1, as the
 * library does (chapter 3, "ReLU's slope at zero"). */
double relu_prime(double z)
{
    NOT_IMPLEMENTED;
}
