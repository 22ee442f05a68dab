#include <string.h>
#include "certqr/textline.h"

void cq_lines_init(cq_lines *it, const char *text, size_t n)
{
	it->text = text;
	it->n = n;
	it->off = 0;
	it->lineno = 0;
}

int cq_lines_next(cq_lines *it, char *buf, size_t cap, const char *what, cq_err *e)
{
	if (it->off >= it->n) return 0;
	const char *line = it->text + it->off;
	const char *nl = memchr(line, '\n', it->n - it->off);
	size_t len = nl ? (size_t)(nl - line) : it->n - it->off;
	it->off += len + (nl ? 1 : 0);
	it->lineno++;
	if (len >= cap)
		return cq_fail(e, CQ_E_LIMIT, what, "line %zu longer than %zu bytes", it->lineno, cap - 1);
	if (memchr(line, '\0', len))
		return cq_fail(e, CQ_E_FORMAT, what, "line %zu: NUL byte", it->lineno);
	memcpy(buf, line, len);
	buf[len] = '\0';
	if (len && buf[len - 1] == '\r') buf[len - 1] = '\0';
	char *hash = strchr(buf, '#');
	if (hash) *hash = '\0';
	return 1;
}

int cq_split_fields(char *line, char **f, int max)
{
	int k = 0;
	for (char *p = line; *p;) {
		while (*p == ' ' || *p == '\t') *p++ = '\0';
		if (!*p) break;
		if (k == max) return max + 1;
		f[k++] = p;
		while (*p && *p != ' ' && *p != '\t') p++;
	}
	return k;
}

int cq_field_uint(const char *s, unsigned max, unsigned *out)
{
	unsigned v = 0;
	size_t n = strlen(s);
	if (n == 0 || n > 4 || (n > 1 && s[0] == '0')) return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v > max) return -1;
	*out = v;
	return 0;
}
