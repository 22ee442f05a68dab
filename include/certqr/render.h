/* Pages as pixels: PNG and JPEG images and PDF pages (poppler, cairo) loaded
 * or rendered to 8-bit grey, and grey pixels encoded as JPEG (thumbnails and
 * crops in reports). Shared by certqr-verify files and the kiosk; built as
 * libcertqr-render.a (lib/render/). No printing, no exit; it reads no files
 * itself (callers pass bytes).
 *
 * Errors: functions returning int give 0, or -1 with a sentence in why[256];
 * functions returning a pointer give NULL (with why[] when they take one).
 * Every size is bounded before anything is allocated. */
#ifndef CERTQR_RENDER_H
#define CERTQR_RENDER_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include <stdint.h>

#define CQ_RENDER_MAX_BYTES   (256u << 20)      /* callers refuse larger files */
#define CQ_RENDER_MAX_SIDE    30000u
#define CQ_RENDER_MAX_PIXELS  (120u * 1000u * 1000u)
/* What one image may need to decode, estimated from its header (a
 * progressive JPEG's coefficients, the pixels): well inside a worker's
 * address-space limit (certqr-verify files --mem-limit, 1536 MiB). */
#define CQ_RENDER_MAX_DECODE_BYTES (512u << 20)
#define CQ_PDF_TEXT_MAX       65536             /* bytes of a page's text layer */

typedef enum { CQ_KIND_UNKNOWN = 0, CQ_KIND_PNG, CQ_KIND_JPEG, CQ_KIND_PDF } cq_file_kind;

typedef struct cq_grey {
	uint8_t *px;          /* w*h bytes, 0 = black; malloc'd */
	unsigned w, h;
	/* Colour dropout, as form scanners do it: each pixel's brightest
	 * channel plus its colourfulness (2 max - min of R, G, B, at most 255;
	 * w*h bytes, malloc'd), or NULL when the source has no colour. Black
	 * print stays black; a red seal, a blue or red pen fade to paper.
	 * What the page check judges: marks in colour are not the issuer's
	 * print, and they cannot hide print under them (black over red stays
	 * black). Scanning reads px. */
	uint8_t *drop;
} cq_grey;

/* By content (magic bytes), never by name. */
cq_file_kind cq_file_sniff(const uint8_t *b, size_t n);
const char *cq_file_kind_name(cq_file_kind k);   /* "png", "jpeg", "pdf", "unknown" */

/* PNG / JPEG bytes to grey (transparency over white). */
CQ_MUST_USE int cq_png_load(const uint8_t *b, size_t n, cq_grey *out, char why[256]);
CQ_MUST_USE int cq_jpeg_load(const uint8_t *b, size_t n, cq_grey *out, char why[256]);
void cq_grey_free(cq_grey *g);

/* Grey pixels (w*h, rows `stride` bytes apart) box-averaged to at most
 * `maxw` wide, as a JPEG in a malloc'd buffer. */
int cq_jpeg_thumb(const uint8_t *px, unsigned w, unsigned h, unsigned maxw, uint8_t **jpg, size_t *n);
int cq_jpeg_crop(const uint8_t *px, unsigned w, unsigned h, size_t stride, unsigned maxw, uint8_t **jpg, size_t *n);

/* PDF documents. */
typedef struct cq_pdf cq_pdf;
CQ_MUST_USE cq_pdf *cq_pdf_open(const uint8_t *b, size_t n, unsigned *npages, char why[256]);
void cq_pdf_close(cq_pdf *d);
/* How a page is drawn: as a viewer shows it on screen (annotations and form
 * fields that are not hidden from view), or as it prints (those flagged
 * for printing). A forger can make the two differ. */
typedef enum { CQ_PDF_VIEW = 0, CQ_PDF_PRINT = 1 } cq_pdf_mode;
/* Renders page i (0-based) at dpi to grey, white behind. */
int cq_pdf_render(cq_pdf *d, unsigned i, unsigned dpi, cq_pdf_mode mode, cq_grey *out, char why[256]);
/* Annotations on page i other than links (FreeText, stamps, form widgets...). */
unsigned cq_pdf_annotations(cq_pdf *d, unsigned i);
/* The page's text layer (malloc'd, UTF-8, at most CQ_PDF_TEXT_MAX bytes), or NULL. */
char *cq_pdf_text(cq_pdf *d, unsigned i);
/* Embedded images of page i, one at a time: calls fn for each, up to max.
 * Returns how many were passed. */
typedef void (*cq_pdf_image_fn)(void *ctx, const cq_grey *g);
unsigned cq_pdf_images(cq_pdf *d, unsigned i, unsigned max, cq_pdf_image_fn fn, void *ctx);

#endif
