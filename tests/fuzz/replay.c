/* replay: runs a fuzz target on files, as make check does with the
 * committed corpus and every input that ever crashed a target:
 *
 *   replay-csv FILE...    replay-fill FILE...
 *
 * Built with the ordinary compiler; a crash or a trap fails the check. */
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int main(int argc, char **argv)
{
    for (int k = 1; k < argc; k++) {
        FILE *f = fopen(argv[k], "rb");
        if (f == NULL) {
            fprintf(stderr, "replay: cannot read %s\n", argv[k]);
            return 1;
        }
        size_t cap = 1 << 16, n = 0;
        unsigned char *data = malloc(cap);
        for (size_t got; data && (got = fread(data + n, 1, cap - n, f)) > 0; ) {
            n += got;
            if (n == cap) {
                unsigned char *more = realloc(data, cap *= 2);
                if (more == NULL)
                    free(data);
                data = more;
            }
        }
        fclose(f);
        if (data == NULL) {
            fprintf(stderr, "replay: out of memory reading %s\n", argv[k]);
            return 1;
        }
        LLVMFuzzerTestOneInput(data, n);
        free(data);
    }
    printf("replay: %d inputs, no crash\n", argc - 1);
    return 0;
}
