#include "certqr/utf8.h"

int cq_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (n == 0) return -1;
	unsigned char c = s[0];
	int len;
	uint32_t v, min;
	if (c < 0x80) { *cp = c; return 1; }
	else if ((c & 0xE0) == 0xC0) { len = 2; v = c & 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { len = 3; v = c & 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { len = 4; v = c & 0x07; min = 0x10000; }
	else return -1;
	if ((size_t)len > n) return -1;
	for (int i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) return -1;
		v = v << 6 | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return -1;
	*cp = v;
	return len;
}

long cq_utf8_count(const char *s, size_t n)
{
	long count = 0;
	for (size_t i = 0; i < n; count++) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) return -1;
		i += (size_t)l;
	}
	return count;
}

/* The list is docs/format.md §4.4: controls, invisible format characters,
 * bidi controls, private use, non-characters, specials. */
static int printable(uint32_t c)
{
	if (c < 0x20 || (c >= 0x7F && c < 0xA0)) return 0;       /* C0, DEL, C1 */
	if (c == 0xAD || c == 0x61C || c == 0x180E) return 0;      /* soft hyphen, bidi mark, MVS */
	if (c >= 0x200B && c <= 0x200F) return 0;                /* zero width, bidi marks */
	if (c >= 0x2028 && c <= 0x202E) return 0;                /* separators, bidi */
	if (c >= 0x2060 && c <= 0x206F) return 0;
	if (c == 0xFEFF || (c >= 0xFFF0 && c <= 0xFFFF)) return 0;
	if (c >= 0xE000 && c <= 0xF8FF) return 0;                /* private use */
	if (c >= 0xF0000) return 0;
	if (c >= 0xE0000 && c <= 0xE007F) return 0;              /* tags */
	if ((c & 0xFFFE) == 0xFFFE || (c >= 0xFDD0 && c <= 0xFDEF)) return 0; /* non-characters */
	return 1;
}

int cq_utf8_printable_char(uint32_t c)
{
	return printable(c);
}

int cq_utf8_printable(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0 || !printable(cp)) return 0;
		i += (size_t)l;
	}
	return 1;
}
