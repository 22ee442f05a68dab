/* The export's character encoding: UTF-8 as certqr reads it, or GBK, the
 * encoding of Excel's plain "CSV" on a Chinese Windows. */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/utf8.h"
#include "batch.h"

int batch_is_utf8(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) return 0;
		i += (size_t)l;
	}
	return 1;
}

/* GBK (read as GB 18030, its superset) to UTF-8 with iconv(3). */
char *batch_from_gbk(const char *in, size_t n, size_t *outlen, char why[256])
{
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) { snprintf(why, 256, "iconv: GB18030 not available: %s", strerror(errno)); return NULL; }
	size_t cap = n * 3 / 2 + 16, left = cap;
	char *out = malloc(cap + 1), *op = out;
	char *ip = (char *)in;
	size_t il = n;
	if (!out) { iconv_close(cd); snprintf(why, 256, "out of memory"); return NULL; }
	if (iconv(cd, &ip, &il, &op, &left) == (size_t)-1) {
		/* byte offset → line number for the message */
		unsigned long line = 1;
		for (const char *p = in; p < ip; p++) line += *p == '\n';
		snprintf(why, 256, "line %lu is neither UTF-8 nor GBK (%s)", line, strerror(errno));
		free(out);
		iconv_close(cd);
		return NULL;
	}
	iconv_close(cd);
	*outlen = cap - left;
	out[*outlen] = '\0';
	return out;
}
