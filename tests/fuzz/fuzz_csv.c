/* fuzz_csv: the CSV loader on any bytes.  It must return a dataset or NULL
 * with a one-line message, and never crash, leak or read out of bounds.
 * A libFuzzer target (make fuzz); tests/fuzz/replay.c runs it on the
 * committed corpus and regressions in make check. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <string.h>

#include "nn.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    FILE *f = fmemopen((void *)data, size, "r");
    if (size == 0 || f == NULL) {
        if (f)
            fclose(f);
        return 0;
    }
    nn_dataset *d = nn_dataset_read_csv_stream(f, "fuzz.csv");
    fclose(f);
    if (d == NULL) {
        /* the message is one line */
        if (strchr(nn_errmsg(), '\n') != NULL)
            __builtin_trap();
        return 0;
    }
    /* what was accepted is finite and labelled 0 or 1 */
    for (size_t i = 0; i < d->X->size2; i++) {
        double y = gsl_matrix_get(d->Y, 0, i);
        if (y != 0.0 && y != 1.0)
            __builtin_trap();
        for (size_t k = 0; k < d->X->size1; k++) {
            double x = gsl_matrix_get(d->X, k, i);
            if (x - x != 0.0)
                __builtin_trap();
        }
    }
    nn_dataset_free(d);
    return 0;
}
