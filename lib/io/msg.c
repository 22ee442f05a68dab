#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/escape.h"
#include "certqr/io.h"

const char *cq_argv0 = "certqr";

int cq_fputs_escaped(const char *s, FILE *f)
{
	return cq_fwrite_escaped(s, strlen(s), f);
}

int cq_fwrite_escaped(const char *s, size_t n, FILE *f)
{
	size_t used;
	char e[CQ_ESCAPE_CHAR_MAX];
	for (size_t i = 0; i < n; i += used) {
		size_t k = cq_escape_char(s + i, n - i, e, &used);
		if (fwrite(e, 1, k, f) != k) return EOF;
	}
	return 0;
}

/* The whole message is escaped: the messages themselves are one line of
 * printable text, and whatever outside text they quote (a file name, a
 * column header, a value) can then neither end the line nor drive the
 * terminal. */
void cq_warn(const char *fmt, ...)
{
	char small[1024], *msg = small;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0) n = 0, small[0] = '\0';
	if ((size_t)n >= sizeof small && (msg = malloc((size_t)n + 1))) {
		va_start(ap, fmt);
		vsnprintf(msg, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (!msg) msg = small;   /* out of memory: the message cut short */
	fprintf(stderr, "%s: ", cq_argv0);
	cq_fputs_escaped(msg, stderr);
	fputc('\n', stderr);
	if (msg != small) free(msg);
}
