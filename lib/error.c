#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "certqr/error.h"

int cq_fail(cq_err *e, cq_code code, const char *field, const char *fmt, ...)
{
	if (!e) return -1;
	e->code = code;
	snprintf(e->field, sizeof e->field, "%s", field ? field : "");
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void cq_err_clear(cq_err *e)
{
	if (e) memset(e, 0, sizeof *e);
}

const char *cq_code_name(cq_code c)
{
	static const char *const names[] = {
		"ok", "field", "format", "version", "not_certqr", "signature",
		"key", "passphrase", "corrupt", "limit", "nomem", "crypto",
	};
	return (unsigned)c < sizeof names / sizeof *names ? names[c] : "unknown";
}
