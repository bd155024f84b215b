/* fuzz_model: the model reader on any bytes.  It must return a model or
 * NULL with a one-line message, never crash, leak or read out of bounds, and
 * never allocate more than a few times the input (make fuzz runs it with an
 * allocation limit).  What it accepts must survive the round trip: written
 * back by nn_saved_model_write and read again, the same names and the same bits.
 * A libFuzzer target (make fuzz); tests/fuzz/replay.c runs it on the
 * committed corpus and regressions in make check. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

static int same_bits(const double *a, const double *b, size_t n, size_t sa, size_t sb)
{
    for (size_t k = 0; k < n; k++)
        if (memcmp(&a[k * sa], &b[k * sb], sizeof *a) != 0)
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    nn_saved_model *m = nn_saved_model_parse((const char *)data, size, "fuzz.model");
    if (m == NULL) {
        if (strchr(nn_errmsg(), '\n') != NULL)
            __builtin_trap();
        return 0;
    }
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (f == NULL || nn_saved_model_write(f, m->params, m->features, m->label, "again") != NN_OK)
        __builtin_trap();
    fclose(f);
    nn_saved_model *again = nn_saved_model_parse(text, len, "fuzz.model, written back");
    if (again == NULL)
        __builtin_trap();
    const nn_params *p = m->params, *q = again->params;
    if (p->n_x != q->n_x || p->n_h != q->n_h || p->hidden != q->hidden ||
        strcmp(m->label, again->label) != 0)
        __builtin_trap();
    for (size_t k = 0; k < p->n_x; k++)
        if (strcmp(m->features[k], again->features[k]) != 0)
            __builtin_trap();
    if (!same_bits(p->W1->data, q->W1->data, p->n_h * p->n_x, 1, 1) ||
        !same_bits(p->b1->data, q->b1->data, p->n_h, p->b1->stride, q->b1->stride) ||
        !same_bits(p->W2->data, q->W2->data, p->n_h, 1, 1) ||
        !same_bits(p->b2->data, q->b2->data, 1, 1, 1))
        __builtin_trap();
    nn_saved_model_free(again);
    nn_saved_model_free(m);
    free(text);
    return 0;
}
