/* nbfill: fill a chapter README's markers and code links, or check them.
 *
 *   nbfill README RESULTS_DIR          rewrite README (atomically) if it differs
 *   nbfill --check README RESULTS_DIR  exit 1 naming the first marker that differs
 *
 * Either way a line that starts with a value marker is refused, naming it. */
#include <stdlib.h>
#include <string.h>

#include "nb.h"

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    int check = argc > 1 && strcmp(argv[1], "--check") == 0;
    if (argc != 3 + check)
        nb_die("usage: nbfill [--check] README RESULTS_DIR");
    const char *readme = argv[1 + check], *results = argv[2 + check];
    char *text = nb_ok(nb_slurp(readme));
    char *filled, diff[256];
    nb_try(nb_fill(text, readme, results, &filled, diff, sizeof diff));
    if (diff[0] != '\0') {
        if (check)
            nb_die("%s disagrees with %s at %s: run make", readme, results, diff);
        fputs(filled, nb_create_prose_path(readme));
        nb_commit();
    }
    free(text);
    free(filled);
    return 0;
}
