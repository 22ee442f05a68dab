/* Image sizes from PNG and JPEG headers (include/certqr/imagedims.h). */
#include <string.h>
#include "certqr/imagedims.h"

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }
static unsigned long be32(const uint8_t *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

int cq_image_dims(const uint8_t *b, size_t n, unsigned *w, unsigned *h)
{
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) {
		/* the first chunk must be IHDR, 13 bytes */
		if (n < 24 || be32(b + 8) != 13 || memcmp(b + 12, "IHDR", 4)) return -1;
		unsigned long W = be32(b + 16), H = be32(b + 20);
		if (!W || !H || W > 0x7fffffffUL || H > 0x7fffffffUL) return -1;
		*w = (unsigned)W;
		*h = (unsigned)H;
		return 1;
	}
	if (n < 3 || b[0] != 0xFF || b[1] != 0xD8 || b[2] != 0xFF) return 0;
	size_t at = 2;
	while (at + 4 <= n) {
		if (b[at] != 0xFF) return -1;
		unsigned m = b[at + 1];
		if (m == 0xFF) { at++; continue; }   /* fill byte */
		if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) { at += 2; continue; }   /* no length */
		if (m == 0xD9 || m == 0xDA) return -1;   /* end or scan data before any frame header */
		unsigned len = be16(b + at + 2);
		if (len < 2) return -1;
		/* SOF0..SOF15 but DHT (C4), JPG (C8), DAC (CC) */
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) {
			if (len < 8 || at + 2 + 7 > n) return -1;
			unsigned H = be16(b + at + 5), W = be16(b + at + 7);
			if (!W || !H) return -1;   /* a height defined later (DNL) is refused */
			*w = W;
			*h = H;
			return 1;
		}
		at += 2 + (size_t)len;
	}
	return -1;
}
