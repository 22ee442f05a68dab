/* The images a PDF declares, read from its bytes before poppler decodes
 * anything: an image XObject's dictionary (/Subtype /Image, /Width,
 * /Height) is never compressed (streams cannot sit in object streams), so
 * a 5 KB file declaring a 30000 x 30000 image is found from its header, as
 * a PNG's is from its IHDR.
 *
 * Pure and bounded: one pass over the bytes, a dictionary nesting of at
 * most CQ_PDFIMG_DEPTH (deeper dictionaries are not looked into). Sizes
 * given by reference (/Width 12 0 R) are not resolved: such images are not
 * counted, and the decoder's own limits (the worker's address space) apply
 * to them. */
#ifndef CERTQR_PDFIMAGES_H
#define CERTQR_PDFIMAGES_H

#include <stddef.h>
#include <stdint.h>

#define CQ_PDFIMG_DEPTH 32

typedef struct cq_pdfimg_scan {
	unsigned images;          /* image dictionaries with a direct width and height */
	unsigned w, h;            /* the largest of them by pixels (0 if none) */
	uint64_t pixels;          /* w * h */
} cq_pdfimg_scan;

/* Scans b[0..n). Never fails: bytes that are not PDF syntax are skipped. */
void cq_pdf_scan_images(const uint8_t *b, size_t n, cq_pdfimg_scan *out);

#endif
