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
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
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

/* Appends what can be read from fd (non-blocking) to buf, up to cap - 1
 * bytes kept, the rest read and dropped: 1 if something was read, 0 at the
 * end of the stream, -1 if nothing is there now. */
static int drain(int fd, char *buf, size_t cap, size_t *n)
{
    char chunk[4096];
    ssize_t got = read(fd, chunk, sizeof chunk);
    if (got < 0 && (errno == EINTR || errno == EAGAIN))
        return -1;
    if (got <= 0)
        return 0;
    if (buf && cap > 0 && *n < cap - 1) {
        size_t take = (size_t)got < cap - 1 - *n ? (size_t)got : cap - 1 - *n;
        memcpy(buf + *n, chunk, take);
        *n += take;
        buf[*n] = '\0';
    }
    return 1;
}

double nb_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* A program named by a relative path is found from here, not from dir. */
static char *program_path(const char *name, const char *dir)
{
    if (dir == NULL || strchr(name, '/') == NULL || name[0] == '/')
        return strdup(name);
    char *cwd = getcwd(NULL, 0);
    if (cwd == NULL)
        return NULL;
    size_t len = strlen(cwd) + strlen(name) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s/%s", cwd, name);
    free(cwd);
    return path;
}

/* Starts argv with its stdout and stderr on the write ends given. */
static int spawn(pid_t *pid, char *const argv[], const char *dir, int out_fd, int err_fd)
{
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&fa, out_fd, STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&fa, err_fd, STDERR_FILENO);
    if (dir)
        posix_spawn_file_actions_addchdir_np(&fa, dir);
    /* the child starts with no signal blocked, and with the default action
     * for those this process ignores or handles (a file-size limit kills
     * the child, which is then reported, instead of truncating its output) */
    posix_spawnattr_t at;
    posix_spawnattr_init(&at);
    sigset_t none, defaults;
    sigemptyset(&none);
    sigfillset(&defaults);
    sigdelset(&defaults, SIGKILL);
    sigdelset(&defaults, SIGSTOP);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setsigdefault(&at, &defaults);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
    char *path = program_path(argv[0], dir);
    int e = path ? posix_spawnp(pid, path, &fa, &at, argv, environ) : errno;
    free(path);
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    return e;
}

int nb_run(char *const argv[], const char *dir, double timeout, char *out, size_t out_cap,
           char *err, size_t err_cap)
{
    int to_out[2] = {-1, -1}, to_err[2] = {-1, -1};
    char scratch[256];
    if (err == NULL || err_cap == 0) {
        err = scratch;
        err_cap = sizeof scratch;
    }
    if (out && out_cap)
        out[0] = '\0';
    err[0] = '\0';
    if (pipe2(to_out, O_CLOEXEC | O_NONBLOCK) != 0 || pipe2(to_err, O_CLOEXEC | O_NONBLOCK) != 0) {
        snprintf(err, err_cap, "cannot create a pipe: %s", strerror(errno));
        for (int k = 0; k < 2; k++) {
            if (to_out[k] >= 0)
                close(to_out[k]);
            if (to_err[k] >= 0)
                close(to_err[k]);
        }
        return -1;
    }
    pid_t pid;
    int e = spawn(&pid, argv, dir, to_out[1], to_err[1]);
    close(to_out[1]);
    close(to_err[1]);
    if (e != 0) {
        snprintf(err, err_cap, "cannot run %s: %s", argv[0], strerror(e));
        close(to_out[0]);
        close(to_err[0]);
        return -1;
    }
    running = pid;
    /* Both pipes are read as the child writes, so that it never blocks on a
     * full one; once the child has ended, what is left is read and the
     * pipes are let go, even if a program it started still holds them. */
    size_t n_out = 0, n_err = 0;
    struct pollfd p[2] = {{.fd = to_out[0], .events = POLLIN}, {.fd = to_err[0], .events = POLLIN}};
    double deadline = timeout > 0 ? nb_seconds() + timeout : 0.0;
    int status = 0, ended = 0, timed_out = 0;
    while (!ended) {
        int ready = poll(p, 2, 50);
        for (int k = 0; k < 2 && ready > 0; k++)
            if (p[k].fd >= 0 && p[k].revents &&
                drain(p[k].fd, k ? err : out, k ? err_cap : out_cap, k ? &n_err : &n_out) == 0)
                p[k].fd = -p[k].fd - 1; /* at its end: poll skips a negative fd */
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid || (w < 0 && errno != EINTR))
            ended = 1;
        else if (deadline > 0.0 && nb_seconds() > deadline) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            ended = timed_out = 1;
        }
    }
    running = 0;
    for (int k = 0; k < 2; k++) {
        int fd = p[k].fd >= 0 ? p[k].fd : -p[k].fd - 1;
        while (p[k].fd >= 0 &&
               drain(fd, k ? err : out, k ? err_cap : out_cap, k ? &n_err : &n_out) == 1)
            ;
        close(fd);
    }
    err[strcspn(err, "\n")] = '\0'; /* its first line */
    if (timed_out) {
        snprintf(err, err_cap, "%s took more than %g s and was stopped", argv[0], timeout);
        return 128 + SIGKILL;
    }
    if (WIFSIGNALED(status)) {
        snprintf(err, err_cap, "%s was killed by signal %d (%s)", argv[0], WTERMSIG(status),
                 strsignal(WTERMSIG(status)));
        return 128 + WTERMSIG(status);
    }
    return WEXITSTATUS(status);
}
