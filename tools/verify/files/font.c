/* The issuer's font chain for the page check (font.h). */
#include <stdlib.h>
#include "certqr/io.h"
#include "font.h"

int files_font_open(files_font *f, const char *path, char why[256])
{
	size_t len = 0;
	*f = (files_font){0};
	if (cq_read_file(path, 64u << 20, &f->main, &len, why) ||
	    !(f->pf = cq_pagefont_new((const uint8_t *)f->main, len, 0, why))) {
		free(f->main);
		f->main = NULL;
		return -1;
	}
	/* the fallback faces of the issuer's chain, for rare characters of
	 * names (missing ones only leave those characters unjudged) */
	for (int i = 1; i < CQ_FONT_CHAIN_LEN; i++) {
		size_t n;
		char fwhy[256];
		if (cq_read_file(cq_font_chain[i].path, 64u << 20, &f->fallback[i], &n, fwhy) == 0 &&
		    cq_pagefont_add(f->pf, (const uint8_t *)f->fallback[i], n, cq_font_chain[i].index, fwhy)) {
			free(f->fallback[i]);
			f->fallback[i] = NULL;
		}
	}
	size_t n;
	char owhy[256];
	if (cq_read_file(CQ_OCR_DATA, 64u << 20, &f->ocrdata, &n, owhy) == 0)
		f->ocr = cq_ocr_new((const uint8_t *)f->ocrdata, n);
	else
		cq_warn("页面核对不使用文字识别 the page check reads no text (OCR): %s (install tesseract-ocr-chi-sim)", owhy);
	return 0;
}

void files_font_close(files_font *f)
{
	cq_pagefont_free(f->pf);
	free(f->main);
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) free(f->fallback[i]);
	cq_ocr_free(f->ocr);
	free(f->ocrdata);
	*f = (files_font){0};
}
