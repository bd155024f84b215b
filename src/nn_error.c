/* nn_error.c: the library's one error channel.
 * A failing function records one line here and returns its status; the
 * program decides whether and how to show it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nn.h"

/* Room for two paths of PATH_MAX and the reason. */
enum { MESSAGE_MAX = 12288 };
static _Thread_local char last_message[MESSAGE_MAX] = "no error";

const char *nn_errmsg(void) { return last_message; }

nn_status nn_error(nn_status status, const char *fmt, ...)
{
    char local[MESSAGE_MAX];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(local, sizeof local, fmt, ap);
    va_end(ap);
    char *whole = local;
    if (n >= (int)sizeof local && (whole = malloc((size_t)n + 1)) != NULL)
        vsnprintf(whole, (size_t)n + 1, fmt, again);
    va_end(again);
    if (n < 0 || whole == NULL) { /* no memory for a long message: its start */
        memcpy(last_message, local, sizeof last_message);
        last_message[sizeof last_message - 1] = '\0';
        return status;
    }
    size_t len = (size_t)n;
    if (len < sizeof last_message) {
        memcpy(last_message, whole, len + 1);
    } else {
        /* Too long: the middle goes, never the end, where the reason is (a
         * message quoting a 100,000-byte path still ends "File name too long"). */
        static const char elided[] = " [...] ";
        size_t tail = (sizeof last_message - sizeof elided) / 2;
        size_t head = sizeof last_message - sizeof elided - tail;
        memcpy(last_message, whole, head);
        memcpy(last_message + head, elided, sizeof elided - 1);
        memcpy(last_message + head + sizeof elided - 1, whole + len - tail, tail);
        last_message[head + sizeof elided - 1 + tail] = '\0';
    }
    if (whole != local)
        free(whole);
    return status;
}
