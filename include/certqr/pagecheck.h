/* The page check: does the page a person sees show what the QR code signed?
 *
 * Input is what is seen — a rendered PDF page (annotations and form fields
 * drawn), a scan or a photo — as 8-bit grey pixels, with the corners of the
 * certificate's QR code found in it (scan.h) and the verified record. The
 * layout (layout.h) says where each label and value is printed relative to
 * the code; the code's corners give position, scale, rotation and
 * perspective. The page is rectified, every text run of the layout is drawn
 * again from the signed values with the issuer's font (FreeType), aligned
 * on the printed labels, and compared with the page's ink both ways: ink
 * the signed text needs but the page lacks, and ink the page has where the
 * layout has none (a changed digit, an added annotation, a value moved off
 * its line, a reworded label). The printed ID number is read (template
 * matching in the same font) and checked against the signed holder hash.
 *
 * Result: MATCH (every field shows the signed value), DIFFERS (each
 * differing field named, with the signed value, what the page shows where
 * it could be read, and the region in input pixels), or UNREADABLE (too
 * small, blurred, cut off or covered to judge). Pure: no I/O, no clock;
 * the font's bytes come from the caller. libcertqr-page.a (lib/page/).
 *
 * Errors: functions returning int give 0, or -1 with a sentence in why[256]
 * (bad arguments, out of memory); a page that cannot be judged is not an
 * error but CQ_PAGE_UNREADABLE with a reason. */
#ifndef CERTQR_PAGECHECK_H
#define CERTQR_PAGECHECK_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include <stdint.h>
#include "layout.h"
#include "record.h"

#define CQ_PAGE_DIFF_MAX 12

typedef enum cq_page_result { CQ_PAGE_MATCH = 0, CQ_PAGE_DIFFERS, CQ_PAGE_UNREADABLE } cq_page_result;
const char *cq_page_result_name(cq_page_result r);     /* "match", "differs", "unreadable" */
const char *cq_page_result_name_zh(cq_page_result r);  /* "一致", "不一致", "无法判读" */

/* The issuer's font (a TrueType face, .ttc index) from its bytes, which must
 * outlive the handle. NULL with why[] if FreeType cannot use it. */
typedef struct cq_pagefont cq_pagefont;
cq_pagefont *cq_pagefont_new(const uint8_t *ttf, size_t n, unsigned index, char why[256]);
/* A fallback face of the issuer's font chain (certqr/coverage.h), tried in
 * the order added for characters the faces before lack (rare characters of
 * names). Its bytes must outlive the handle; FreeType opens the face only
 * when a character first needs it (most pages need the first face alone),
 * and a face it cannot use is then skipped. At most 4 faces. 0, or -1 with
 * why[] (too many faces, no bytes). A character no face has is not judged. */
int cq_pagefont_add(cq_pagefont *f, const uint8_t *ttf, size_t n, unsigned index, char why[256]);
void cq_pagefont_free(cq_pagefont *f);

typedef struct cq_page_diff {
	cq_field field;
	char want[100];              /* signed value (ID number: "…" + last four) */
	char seen[100];              /* what the page shows, or a description */
	int x, y, w, h;              /* the region in input pixels (for a crop) */
} cq_page_diff;

typedef struct cq_page_report {
	cq_page_result result;
	char reason[200];            /* English: why unreadable, or a summary */
	char reason_zh[200];
	cq_page_diff diff[CQ_PAGE_DIFF_MAX];
	unsigned ndiff;
	/* the printed ID number as read: valid, and bound to the signed hash */
	bool id_read, id_valid, id_matches;
	char id_tail[8];             /* its last four characters, if read */
	double scale;                /* pixels per point seen */
	unsigned runs, runs_aligned; /* fixed text runs (light ones only if found), and how many were found */
	double worst_glyph;          /* worst per-glyph mismatch (0..), for tuning */
	unsigned reads;              /* lines given to the reader (cq_page_input.read) */
} cq_page_report;

/* A reader of printed text (certqr/ocr.h gives one with Tesseract), asked
 * about the value fields whose ink the comparison doubts: one line of grey
 * pixels (0 = black) in, its characters out, each with a confidence
 * 0..100. Returns how many were read (at most max), or -1 when it cannot
 * read (then the page is judged by ink alone, as without a reader). */
typedef struct cq_ocr_char { uint32_t cp; float conf; } cq_ocr_char;
typedef int (*cq_page_reader)(void *ctx, const uint8_t *grey, unsigned w, unsigned h, size_t stride, cq_ocr_char *out,
                              int max);

typedef struct cq_page_input {
	const uint8_t *px;           /* grey, 0 = black */
	unsigned w, h;
	size_t stride;
	int qx[4], qy[4];            /* the QR's corners as cq_scan returns them */
	size_t qr_text_len;          /* length of the QR text (gives the version) */
	const cq_record *rec;        /* the verified record */
	const char *issuer;          /* bureau name from the delegation */
	const char *key_id;          /* 16 hex digits of the signing key id */
	const cq_layout *layout;     /* the signing key's (cq_trust_layout), NULL: the built-in one */
	/* The colour dropout plane of the same picture (render.h), or NULL for
	 * a grey source: judged instead of px, so that a seal or a pen mark in
	 * colour is not read as print, except where the layout itself prints
	 * in colour (its title, the seal's caption), read in px. */
	const uint8_t *drop;
	/* The second opinion, or NULL. Only a confident reading of another
	 * character, whose drawing in the issuer's font explains the page's ink
	 * better than the signed character does, is evidence of an edit; a
	 * reading that agrees, or an unreadable one (a rare character), never
	 * clears a difference the ink shows nor makes one. */
	cq_page_reader read;
	void *read_ctx;
} cq_page_input;

/* Judges one page. Returns 0 with *out filled, -1 with why[] on bad
 * arguments or memory. */
CQ_MUST_USE int cq_page_check(const cq_pagefont *f, const cq_page_input *in, cq_page_report *out, char why[256]);

#endif
