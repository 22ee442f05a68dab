/* Internals of certqr-verify files: what a worker process finds in one file
 * (pages, codes, verdicts, composited fields), sent to the parent as raw
 * structs over a pipe (same binary on both ends). */
#ifndef CERTQR_FILES_INT_H
#define CERTQR_FILES_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "certqr/scan.h"
#include "certqr/verdict.h"
#include "image.h"

#define FILES_MAX_PAGES     200      /* pages read per PDF */
#define FILES_MAX_IMAGES     32      /* embedded images tried per PDF page */
#define FILES_TEXT_MAX    65536      /* bytes of a page's text layer examined */
#define FILES_DIFF_MAX        8
#define FILES_THUMB_W       200      /* thumbnail width in the HTML report */
#define FILES_TIMEOUT_S      60      /* per file, then the worker is killed */

typedef struct fdiff {
	char field[24];          /* name, number, year, hours_public, ... */
	char want[100];          /* signed value */
	char seen[100];          /* what the page shows, or "(not on page)" */
} fdiff;

typedef struct fcode {
	cq_verdict v;
	char text[CQ_SCAN_TEXT_MAX + 1];   /* the QR text as read (--raw) */
	size_t len;
	size_t too_long;         /* the code's text length when over CQ_SCAN_TEXT_MAX (not read), else 0 */
	cq_scan_step step;
	bool from_image;         /* read from an image embedded in the PDF */
	bool composited;         /* page text disagrees with the signed fields */
	unsigned ndiff;
	fdiff diff[FILES_DIFF_MAX];
	unsigned page_certs;     /* certificates (decoded payloads) on this page */
	bool conflict;           /* another code here claims the same number */
	bool text_checked;       /* the page had a text layer to compare with */
} fcode;

typedef struct fpage {
	unsigned page, npages;   /* 1-based; npages of the file */
	unsigned w, h;           /* pixels scanned (rendered or loaded) */
	file_kind kind;
	bool text_layer;
	cq_scan_hint hint;
	double module_px;
	unsigned ncodes;
	unsigned dpi;            /* PDF render resolution, 0 for images */
} fpage;

/* Worker → parent messages. */
enum { MSG_PAGE = 1, MSG_CODE, MSG_THUMB, MSG_ERROR };

typedef struct files_opts {
	unsigned dpi;            /* first PDF render resolution */
	unsigned dpi_retry;      /* second, when nothing was read; 0 = none */
	bool thorough;           /* PDFs: render pages even when images gave codes */
	bool thumbs;             /* produce thumbnails (HTML report) */
} files_opts;

/* work.c: runs in a worker process; writes messages to fd. Returns 0 if the
 * file could be read (even with no code), -1 after sending MSG_ERROR. */
int files_work(const cq_trust *t, const files_opts *o, const char *path, int fd);

/* pdf.c */
typedef struct pdf_doc pdf_doc;
pdf_doc *pdf_open(const uint8_t *b, size_t n, unsigned *npages, char why[256]);
void pdf_close(pdf_doc *d);
/* Renders page i (0-based) at dpi to grey. */
int pdf_render(pdf_doc *d, unsigned i, unsigned dpi, grey_image *out, char why[256]);
/* The page's text layer (malloc'd, UTF-8, at most FILES_TEXT_MAX bytes). */
char *pdf_text(pdf_doc *d, unsigned i);
/* Embedded images of page i, one at a time: calls fn for each, up to max. */
typedef void (*pdf_image_fn)(void *ctx, const grey_image *g);
unsigned pdf_images(pdf_doc *d, unsigned i, unsigned max, pdf_image_fn fn, void *ctx);

/* composite.c: compares a page's text with the signed fields. Returns the
 * number of differences written (at most cap). */
unsigned composite_check(const char *text, const cq_record *r, fdiff *out, unsigned cap);
/* True if the text has any visible characters. */
bool text_has_content(const char *text);

#endif
