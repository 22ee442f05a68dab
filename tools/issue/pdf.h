/* The certificate page: one A4 PDF per record with the Chinese text in a
 * HarfBuzz font subset. Two writers: "direct" (the default: writes the PDF
 * objects itself, a CIDFontType2 with an Identity map and a correct ToUnicode
 * map) and "libharu" (libharu 2.3.0 embedding the subset; about five times
 * slower, because it builds a map over all 65 536 code points per document).
 * Deterministic: no clock, no random IDs; the same certificate gives the same
 * bytes. */
#ifndef CQ_TOOLS_ISSUE_PDF_H
#define CQ_TOOLS_ISSUE_PDF_H

#include <stddef.h>
#include "certqr/layout.h"
#include "certqr/record.h"

typedef struct issue_font issue_font;

/* The layout every page is built from (the built-in one, layout.h), or NULL
 * if it does not parse (a build error: tests/unit/test_layout.c parses it). */
const cq_layout *issue_layout(void);
/* Replaces the built-in layout with a bureau's own text (--layout), parsed
 * strictly; call before any page is built (not thread-safe). 0, or -1 with
 * the reason in zh and en. */
int issue_layout_set(const char *text, size_t n, char zh[256], char en[256]);

/* Opens the font chain of certqr/coverage.h, all TrueType. `path` (with
 * face `index`) replaces its first face when not NULL. Read-only afterwards:
 * one issue_font serves every worker thread. NULL with why[] set when a face
 * cannot be read (naming the Debian package that installs it). */
issue_font *issue_font_open(const char *path, unsigned index, char why[256]);
void issue_font_close(issue_font *f);
/* Whether some face of the chain maps every code point of the UTF-8 text
 * (face0_only: the first face alone). On 0, *missing (if not NULL) is the
 * first code point no face maps. */
int issue_font_covers(const issue_font *f, const char *utf8, int face0_only, uint32_t *missing);
/* The file size of each face, for the batch journal's fingerprint. */
long issue_font_bytes(const issue_font *f);

/* The bureau's seal image (seal.c): a PNG with a transparent background,
 * 64 to 2048 pixels a side, at most 4 MiB, checked strictly. NULL with the
 * reason in Chinese (zh) and English (en) when the file is not one. Read-only
 * afterwards: one issue_seal serves every worker thread. */
typedef struct issue_seal issue_seal;
issue_seal *issue_seal_load(const char *path, char zh[256], char en[256]);
void issue_seal_free(issue_seal *s);
/* A hash of the file's bytes (16 bytes), for the batch journal's fingerprint. */
const uint8_t *issue_seal_hash(const issue_seal *s);

typedef struct issue_cert {
	const cq_record *rec;
	const char *id_number;   /* printed as on today's certificates */
	const char *bureau;      /* issuing bureau, from the delegation */
	const char *qrtext;      /* "CQ1:..." */
	const char *key_id;      /* 16 hex digits, printed small beside the QR */
	char qr_level;           /* 'M' (default) or 'Q' */
	const issue_seal *seal;  /* printed in the layout's seal area; NULL: the placeholder */
} issue_cert;

typedef struct issue_pdf_info {
	int qr_version;
	int qr_modules;          /* symbol width in modules, quiet zone excluded */
	double qr_mm;            /* printed symbol width */
	char qr_level;
} issue_pdf_info;

/* Renders the page into a malloc'd buffer. Thread-safe with distinct
 * arguments. Returns 0, or -1 with why[] set. */
typedef enum { ISSUE_PDF_DIRECT, ISSUE_PDF_LIBHARU } issue_pdf_engine;

int issue_pdf_render(const issue_font *f, const issue_cert *c, issue_pdf_engine engine,
                     unsigned char **out,
                     size_t *len, issue_pdf_info *info, char why[256]);

#endif
