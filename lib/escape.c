/* Escaping outside text for terminals and line-based outputs (certqr/escape.h). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include "certqr/escape.h"
#include "certqr/utf8.h"

size_t cq_escape_char(const char *s, size_t n, char out[CQ_ESCAPE_CHAR_MAX], size_t *used)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;
	int l = cq_utf8_next((const unsigned char *)s, n, &cp);
	*used = l > 0 ? (size_t)l : 1;
	if (l < 0) return (size_t)snprintf(out, CQ_ESCAPE_CHAR_MAX, "\\x%02x", c);
	switch (cp) {
	case '\\': memcpy(out, "\\\\", 3); return 2;
	case '\n': memcpy(out, "\\n", 3); return 2;
	case '\r': memcpy(out, "\\r", 3); return 2;
	case '\t': memcpy(out, "\\t", 3); return 2;
	default: break;
	}
	if (cp < 0x20 || cp == 0x7F) return (size_t)snprintf(out, CQ_ESCAPE_CHAR_MAX, "\\x%02x", (unsigned)cp);
	if (!cq_utf8_printable_char(cp)) return (size_t)snprintf(out, CQ_ESCAPE_CHAR_MAX, "\\u{%04x}", (unsigned)cp);
	memcpy(out, s, (size_t)l);
	out[l] = '\0';
	return (size_t)l;
}

size_t cq_escape_text(const char *s, size_t n, char *out, size_t cap)
{
	size_t need = 0, end = 0, used;
	char e[CQ_ESCAPE_CHAR_MAX];
	bool room = true;
	for (size_t i = 0; i < n; i += used) {
		size_t k = cq_escape_char(s + i, n - i, e, &used);
		if (room && end + k < cap) {
			memcpy(out + end, e, k);
			end += k;
		} else
			room = false;   /* cut between escapes, never inside one */
		need += k;
	}
	if (cap) out[end] = '\0';
	return need;
}
