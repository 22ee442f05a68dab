/* The image sizes a PDF declares (lib/pdfimages.c), read from a file from
 * outside before poppler decodes it: the part of the PDF path that is
 * certqr's own code (the text layer is fuzz_composite's). Invariants: the
 * largest size is the product of its sides, given exactly when an image was
 * counted; no more images than dictionaries opened ("<<"); the same bytes
 * give the same answer; reads stay inside the input (an exact-size copy). */
#include <stdbool.h>
#include "fuzz.h"
#include "certqr/pdfimages.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *b = malloc(size ? size : 1);
	if (!b) return 0;
	memcpy(b, data, size);
	cq_pdfimg_scan s, again;
	cq_pdf_scan_images(b, size, &s);
	FZ_CHECK((s.images > 0) == (s.pixels > 0));
	FZ_CHECK((s.images > 0) == (s.w > 0 && s.h > 0));
	FZ_CHECK(s.pixels == (uint64_t)s.w * s.h || s.w == 0xffffffffu || s.h == 0xffffffffu);
	unsigned opens = 0;
	for (size_t i = 0; i + 1 < size; i++)
		if (b[i] == '<' && b[i + 1] == '<') { opens++; i++; }
	FZ_CHECK(s.images <= opens);
	cq_pdf_scan_images(b, size, &again);
	FZ_CHECK(!memcmp(&s, &again, sizeof s));
	free(b);
	return 0;
}
