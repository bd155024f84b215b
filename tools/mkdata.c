/* mkdata: write one of the notebook's datasets as CSV.
 *
 *   mkdata NAME OUT.csv     NAME: flower, circles, moons, blobs, quantiles
 *
 * Each is generated from its definition (src/nn_data.c) with a fixed seed,
 * and with correctly rounded sines, cosines and logarithms (MPFR's, which
 * nb_init installs: nb_exact.c), so the committed files can be regenerated
 * byte for byte whatever the host's C library rounds. */
#include <string.h>

#include "nb.h"

/* The seeds of the four extra datasets: one each, fixed. */
enum { SEED_CIRCLES = 3, SEED_MOONS = 4, SEED_BLOBS = 5, SEED_QUANTILES = 6 };

int main(int argc, char **argv)
{
    nb_init(argc, argv);
    if (argc != 3)
        nb_die("usage: mkdata NAME OUT.csv (NAME: flower, circles, moons, blobs, quantiles)");
    const char *name = argv[1];
    nn_dataset *d;
    if (strcmp(name, "flower") == 0)
        d = nn_data_flower();
    else if (strcmp(name, "circles") == 0)
        d = nn_data_circles(SEED_CIRCLES, NB_EXTRA_M, 0.5, 0.3);
    else if (strcmp(name, "moons") == 0)
        d = nn_data_moons(SEED_MOONS, NB_EXTRA_M, 0.2);
    else if (strcmp(name, "blobs") == 0)
        d = nn_data_blobs(SEED_BLOBS, NB_EXTRA_M, 6);
    else if (strcmp(name, "quantiles") == 0)
        d = nn_data_gaussian_quantiles(SEED_QUANTILES, NB_EXTRA_M, 0.5);
    else
        nb_die("unknown dataset '%s' (known: flower, circles, moons, blobs, quantiles)", name);
    nb_ok(d);

    nb_try(nn_dataset_write_csv(d, nb_create_path(argv[2]), argv[2]));
    nb_commit();
    nn_dataset_free(d);
    return 0;
}
