/* nn_error.c: the library's one error channel.
 * A failing function records one line here and returns its status; the
 * program decides whether and how to show it. */
#include <stdarg.h>
#include <stdio.h>

#include "nn.h"

static _Thread_local char last_message[512] = "no error";

const char *nn_errmsg(void) { return last_message; }

nn_status nn_error(nn_status status, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(last_message, sizeof last_message, fmt, ap);
    va_end(ap);
    return status;
}
