/* certqr-verify files: the worker (work.c) and what it finds in one file
 * (pages, codes, verdicts, composited fields), sent to the parent as raw
 * structs over a pipe (same binary on both ends; result.c reads them). */
#ifndef CERTQR_FILES_WORK_H
#define CERTQR_FILES_WORK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "certqr/scan.h"
#include "certqr/verdict.h"
#include "certqr/ocr.h"
#include "certqr/pagecheck.h"
#include "certqr/render.h"

#define FILES_MAX_PAGES     200      /* pages read per PDF (--max-pages); the rest get a row */
#define FILES_MAX_IMAGES     32      /* embedded images tried per PDF page */
#define CQ_PDF_TEXT_MAX    65536      /* bytes of a page's text layer examined */
#define FILES_DIFF_MAX        8
#define FILES_THUMB_W      1300      /* page image in the HTML report: a 150 dpi A4 render whole, larger ones halved */
#define FILES_CROP_W        360      /* crop of a differing region */
#define FILES_TIMEOUT_S      60      /* per file, then the worker is killed */
#define FILES_CPU_S          60      /* CPU seconds per file (RLIMIT_CPU) */
#define FILES_MEM_MB       1536      /* a worker's address space (RLIMIT_AS), MiB */

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
	/* the page check (pagecheck.h) on what the page shows */
	bool corners;            /* the code was found on the page as seen */
	int qx[4], qy[4];
	int8_t page_check;       /* -1: not judged (signature did not verify); cq_page_result */
	char page_reason[200], page_reason_zh[200];
	unsigned npdiff;
	cq_page_diff pdiff[CQ_PAGE_DIFF_MAX];
	double page_scale;       /* pixels per point of the page as seen */
	bool id_read, id_matches;
	char id_tail[8];
	bool print_differs;      /* the page as printed differs from the page as viewed */
	cq_holder holder;        /* --holder-id, set by the parent */
	bool copy;               /* set by the parent: a certificate already reported in an earlier row (copies.h) */
} fcode;

typedef struct fpage {
	unsigned page, npages;   /* 1-based; npages of the file */
	unsigned w, h;           /* pixels scanned (rendered or loaded) */
	cq_file_kind kind;
	bool text_layer;
	cq_scan_hint hint;
	double module_px;
	unsigned ncodes;
	unsigned dpi;            /* PDF render resolution, 0 for images */
} fpage;

/* Worker → parent messages. */
enum { MSG_PAGE = 1, MSG_CODE, MSG_THUMB, MSG_ERROR, MSG_CROP, MSG_LIMIT };
/* MSG_LIMIT: pages from..npages were not read (the page limit). */
typedef struct flimit { uint32_t from, npages; } flimit;
/* MSG_CROP: this header, then a JPEG of the differing region. */
typedef struct fcrop_head { uint32_t code, diff; } fcrop_head;

typedef struct files_opts {
	unsigned dpi;            /* first PDF render resolution */
	unsigned dpi_retry;      /* second, when nothing was read; 0 = none */
	bool thorough;           /* PDFs: render pages even when images gave codes */
	bool thumbs;             /* produce thumbnails and crops (HTML report) */
	const cq_pagefont *font; /* the issuer's font, for the page check */
	unsigned max_pages;      /* PDF pages read; later ones are reported as not checked */
	cq_ocr *ocr;             /* the page check's second opinion (Tesseract, started lazily in each worker), or NULL */
} files_opts;

/* work.c: runs in a worker process; writes messages to fd. Returns 0 if the
 * file could be read (even with no code), -1 after sending MSG_ERROR. */
int files_work(const cq_trust *t, const files_opts *o, const char *path, int fd);

#endif
