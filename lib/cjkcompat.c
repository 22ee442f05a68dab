/* CJK compatibility ideographs to unified ideographs (NFC): a binary search
 * in the generated table. Why names are normalised: certqr/cjkcompat.h. */
#include <string.h>
#include "certqr/cjkcompat.h"
#include "certqr/utf8.h"
#include "cjkcompat_table.h"

uint32_t cq_cjk_compat_unified(uint32_t c)
{
	size_t lo = 0, hi = sizeof cjk_compat / sizeof *cjk_compat;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cjk_compat[mid][0] == c) return cjk_compat[mid][1];
		if (cjk_compat[mid][0] < c) lo = mid + 1; else hi = mid;
	}
	return 0;
}

static int put_utf8(uint32_t c, char *out, size_t cap, size_t *o)
{
	unsigned char b[4];
	int k;
	if (c < 0x80) { b[0] = (unsigned char)c; k = 1; }
	else if (c < 0x800) { b[0] = (unsigned char)(0xC0 | c >> 6); b[1] = (unsigned char)(0x80 | (c & 0x3F)); k = 2; }
	else if (c < 0x10000) {
		b[0] = (unsigned char)(0xE0 | c >> 12); b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3F));
		b[2] = (unsigned char)(0x80 | (c & 0x3F)); k = 3;
	} else {
		b[0] = (unsigned char)(0xF0 | c >> 18); b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3F));
		b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3F)); b[3] = (unsigned char)(0x80 | (c & 0x3F)); k = 4;
	}
	if ((size_t)k >= cap - *o) return -1;   /* keep room for the NUL */
	memcpy(out + *o, b, (size_t)k);
	*o += (size_t)k;
	return 0;
}

long cq_cjk_normalise(const char *in, size_t n, char *out, size_t cap)
{
	size_t o = 0;
	if (cap == 0) return -1;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int l = cq_utf8_next((const unsigned char *)in + i, n - i, &c);
		if (l < 0) return -1;
		uint32_t u = cq_cjk_compat_unified(c);
		if (put_utf8(u ? u : c, out, cap, &o)) return -1;
		i += (size_t)l;
	}
	out[o] = '\0';
	return (long)o;
}
