/* nb_run.c: starting another program, with no shell in between.
 *
 * The program and each of its arguments are given as separate strings, so
 * that nothing in them (a column name, a path) is ever parsed as a command:
 * see nb_run in nb.h. */
#define _GNU_SOURCE /* pipe2, posix_spawn_file_actions_addchdir_np */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "nb.h"

extern char **environ;

/* The child being waited for, for nb_run_stop from a signal handler. */
static volatile pid_t running = 0;

void nb_run_stop(void)
{
    pid_t pid = running;
    if (pid > 0) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
    }
}

/* Appends what can be read from fd to buf (up to cap - 1 bytes, the rest
 * read and dropped); 0 at the end of the stream. */
static int drain(int fd, char *buf, size_t cap, size_t *n)
{
    char chunk[4096];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return 1;
    if (got <= 0)
        return 0;
    if (buf && cap > 0) {
        size_t take = (size_t)got;
        if (take > cap - 1 - *n)
            take = cap - 1 - *n;
        memcpy(buf + *n, chunk, take);
        *n += take;
        buf[*n] = '\0';
    }
    return 1;
}

int nb_run(char *const argv[], const char *dir, char *out, size_t out_cap, char *err,
           size_t err_cap)
{
    int to_out[2] = {-1, -1}, to_err[2] = {-1, -1};
    if (out && out_cap)
        out[0] = '\0';
    if (err && err_cap)
        err[0] = '\0';
    if (pipe2(to_out, O_CLOEXEC) != 0 || pipe2(to_err, O_CLOEXEC) != 0) {
        if (err && err_cap)
            snprintf(err, err_cap, "cannot create a pipe: %s", strerror(errno));
        for (int k = 0; k < 2; k++) {
            if (to_out[k] >= 0)
                close(to_out[k]);
            if (to_err[k] >= 0)
                close(to_err[k]);
        }
        return -1;
    }
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, to_out[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, to_err[1], STDERR_FILENO);
    if (dir)
        posix_spawn_file_actions_addchdir_np(&fa, dir);
    /* the child starts with no signal blocked, and with the default action
     * for those this process ignores or handles (a file-size limit kills
     * the child, which is then reported, instead of truncating its output) */
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    const int reset[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGXFSZ, SIGUSR1, SIGUSR2,
                         SIGALRM};
    for (size_t k = 0; k < sizeof reset / sizeof *reset; k++)
        sigaddset(&defaults, reset[k]);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &defaults);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    pid_t pid;
    int e = posix_spawnp(&pid, argv[0], &fa, &at, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(to_out[1]);
    close(to_err[1]);
    if (e != 0) {
        if (err && err_cap)
            snprintf(err, err_cap, "cannot run %s: %s", argv[0], strerror(e));
        close(to_out[0]);
        close(to_err[0]);
        return -1;
    }
    running = pid;
    /* both pipes read to their end, so that the child never blocks on one */
    size_t n_out = 0, n_err = 0;
    struct pollfd p[2] = {{.fd = to_out[0], .events = POLLIN}, {.fd = to_err[0], .events = POLLIN}};
    while (p[0].fd >= 0 || p[1].fd >= 0) {
        if (poll(p, 2, -1) < 0) {
            if (errno == EINTR)
                continue;
            break;
        }
        for (int k = 0; k < 2; k++)
            if (p[k].fd >= 0 && p[k].revents &&
                !drain(p[k].fd, k ? err : out, k ? err_cap : out_cap, k ? &n_err : &n_out)) {
                close(p[k].fd);
                p[k].fd = -1;
            }
    }
    for (int k = 0; k < 2; k++)
        if (p[k].fd >= 0)
            close(p[k].fd);
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            running = 0;
            if (err && err_cap)
                snprintf(err, err_cap, "cannot wait for %s: %s", argv[0], strerror(errno));
            return -1;
        }
    running = 0;
    if (err && err_cap)
        err[strcspn(err, "\n")] = '\0'; /* its first line */
    if (WIFSIGNALED(status)) {
        if (err && err_cap)
            snprintf(err, err_cap, "%s was killed by signal %d (%s)", argv[0], WTERMSIG(status),
                     strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
