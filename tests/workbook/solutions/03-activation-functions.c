/* Chapter 3, the reference answers: the activations and their derivatives. */
#include "workbook.h"

double sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

double sigmoid_prime(double z)
{
    double s = sigmoid(z);
    return s * (1.0 - s);
}

double tanh_prime(double z)
{
    double t = tanh(z);
    return 1.0 - t * t;
}

double relu(double z) { return z > 0.0 ? z : 0.0; }

double relu_prime(double z) { return z < 0.0 ? 0.0 : 1.0; }
