/* certqr-verify files: what the page check reads from disk (font.c) — the
 * issuer's font chain and the reader's language data — read once in the
 * parent before the workers fork. */
#ifndef CERTQR_FILES_FONT_H
#define CERTQR_FILES_FONT_H

#include "certqr/coverage.h"
#include "certqr/ocr.h"
#include "certqr/pagecheck.h"

typedef struct files_font {
	cq_pagefont *pf;         /* NULL until opened */
	/* The chain is mapped once before the workers fork, not read: they
	 * share its pages, and only those a page's text needs are read (the
	 * fallbacks, about 100 MB, when a rare character first needs them). */
	const uint8_t *map[CQ_FONT_CHAIN_LEN];
	size_t len[CQ_FONT_CHAIN_LEN];
	cq_ocr *ocr;             /* the page check's second opinion, or NULL */
	char *ocrdata;           /* its language data (the engine starts in a worker, when a field is doubted) */
} files_font;

/* Opens `path` (the issuing font) and adds the fallback faces of the
 * chain (certqr/coverage.h) that can be read: a missing fallback only
 * leaves the rare characters it holds unjudged. Then reads the reader's
 * language data (ocr.h; missing: a warning, and no reader). 0, or -1 with
 * the reason in why (the main font unreadable or not a font). */
int files_font_open(files_font *f, const char *path, char why[256]);
void files_font_close(files_font *f);

#endif
