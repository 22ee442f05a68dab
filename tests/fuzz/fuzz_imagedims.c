/* Image sizes from headers (lib/imagedims.c), read before any decoder
 * allocates for a file from outside. Invariants: a size is given only with
 * 1 (both sides at least 1); a PNG's is the IHDR's as written; a JPEG's is
 * the first frame header's within the input; the result depends on the
 * bytes given only (the input cut at its end gives no size beyond it). */
#include <stdbool.h>
#include "fuzz.h"
#include "certqr/imagedims.h"

static unsigned be16(const uint8_t *p) { return (unsigned)p[0] << 8 | p[1]; }

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned w = 0, h = 0;
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *b = malloc(size ? size : 1);
	if (!b) return 0;
	memcpy(b, data, size);
	int r = cq_image_dims(b, size, &w, &h);
	FZ_CHECK(r >= -1 && r <= 1);
	if (r == 1) {
		FZ_CHECK(w >= 1 && h >= 1);
		if (size >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) {
			FZ_CHECK(size >= 24);
			FZ_CHECK(w == ((unsigned)b[16] << 24 | (unsigned)b[17] << 16 | (unsigned)b[18] << 8 | b[19]));
		} else {
			FZ_CHECK(b[0] == 0xFF && b[1] == 0xD8);
			/* some SOF marker in the input carries exactly this size */
			bool seen = false;
			for (size_t i = 2; i + 9 <= size && !seen; i++)
				seen = b[i] == 0xFF && b[i + 1] >= 0xC0 && b[i + 1] <= 0xCF && be16(b + i + 5) == h && be16(b + i + 7) == w;
			FZ_CHECK(seen);
		}
	}
	if (r == 0) FZ_CHECK(!(size >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF));
	free(b);
	return 0;
}
