#include <stdarg.h>
#include <stdio.h>
#include "certqr/io.h"

const char *cq_argv0 = "certqr";

void cq_warn(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cq_argv0);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}
