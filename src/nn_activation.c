/* nn_activation.c: the hidden-layer activations and their derivatives.
 *
 *   sigmoid     g(z) = 1 / (1 + e^-z)          g'(z) = g(z) (1 - g(z))
 *   tanh        g(z) = tanh z                  g'(z) = 1 - tanh^2 z
 *   ReLU        g(z) = max(0, z)               g'(z) = 0 (z < 0), 1 (z >= 0)
 *   leaky ReLU  g(z) = max(0.01 z, z)          g'(z) = 0.01 (z < 0), 1 (z >= 0)
 *   linear      g(z) = z                       g'(z) = 1
 *
 * ReLU and leaky ReLU have no derivative at z = 0; the table returns the
 * right-hand slope there.  A z that is exactly 0.0 in double precision is
 * rare on real data, and either one-sided slope is a valid subgradient.
 */
#include <math.h>
#include <string.h>

#include "nn.h"
#include "nn_internal.h"

double nn_sigmoid(double z) { return 1.0 / (1.0 + exp(-z)); }

double nn_sigmoid_prime(double z)
{
    double s = nn_sigmoid(z);
    return s * (1.0 - s);
}

static double tanh_g(double z) { return tanh(z); }

static double tanh_prime(double z)
{
    double t = tanh(z);
    return 1.0 - t * t;
}

static double relu(double z) { return z > 0.0 ? z : 0.0; }
static double relu_prime(double z) { return z < 0.0 ? 0.0 : 1.0; }
static double leaky_relu(double z) { return z > 0.0 ? z : NN_LEAKY_SLOPE * z; }
static double leaky_relu_prime(double z) { return z < 0.0 ? NN_LEAKY_SLOPE : 1.0; }
static double linear(double z) { return z; }
static double linear_prime(double z) { (void)z; return 1.0; }

const nn_activation nn_activations[NN_ACTIVATION_COUNT] = {
    [NN_SIGMOID] = {"sigmoid", "\\sigma(z) = 1/(1+e^{-z})",
                    "\\sigma(z)(1-\\sigma(z))", nn_sigmoid, nn_sigmoid_prime},
    [NN_TANH] = {"tanh", "\\tanh z", "1-\\tanh^2 z", tanh_g, tanh_prime},
    [NN_RELU] = {"relu", "\\max(0, z)", "0 \\ (z<0),\\ 1 \\ (z \\ge 0)", relu,
                 relu_prime},
    [NN_LEAKY_RELU] = {"leaky_relu", "\\max(0.01 z, z)",
                       "0.01 \\ (z<0),\\ 1 \\ (z \\ge 0)", leaky_relu,
                       leaky_relu_prime},
    [NN_LINEAR] = {"linear", "z", "1", linear, linear_prime},
};

const nn_activation *nn_activation_get(nn_activation_id id)
{
    if ((unsigned)id >= NN_ACTIVATION_COUNT)
        return NULL;
    return &nn_activations[id];
}

int nn_activation_has_kink(nn_activation_id id)
{
    return id == NN_RELU || id == NN_LEAKY_RELU;
}

nn_status nn_activation_find(const char *name, nn_activation_id *id)
{
    for (int k = 0; k < NN_ACTIVATION_COUNT; k++)
        if (strcmp(nn_activations[k].name, name) == 0) {
            *id = (nn_activation_id)k;
            return NN_OK;
        }
    return nn_error(NN_EINVAL,
                    "unknown activation '%.*s%s' (known: sigmoid, tanh, relu, "
                    "leaky_relu, linear)",
                    NN__SHORT(name));
}
