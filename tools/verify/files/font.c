/* The issuer's font chain for the page check (font.h). */
#include <stdlib.h>
#include "certqr/io.h"
#include "font.h"

int files_font_open(files_font *f, const char *path, char why[256])
{
	*f = (files_font){0};
	if (cq_map_file(path, 64u << 20, &f->map[0], &f->len[0], why) ||
	    !(f->pf = cq_pagefont_new(f->map[0], f->len[0], 0, why))) {
		cq_unmap_file(f->map[0], f->len[0]);
		f->map[0] = NULL;
		return -1;
	}
	/* the fallback faces of the issuer's chain, for rare characters of
	 * names (missing ones only leave those characters unjudged) */
	for (int i = 1; i < CQ_FONT_CHAIN_LEN; i++) {
		char fwhy[256];
		if (cq_map_file(cq_font_chain[i].path, 64u << 20, &f->map[i], &f->len[i], fwhy) == 0 &&
		    cq_pagefont_add(f->pf, f->map[i], f->len[i], cq_font_chain[i].index, fwhy)) {
			cq_unmap_file(f->map[i], f->len[i]);
			f->map[i] = NULL;
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
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) cq_unmap_file(f->map[i], f->len[i]);
	cq_ocr_free(f->ocr);
	free(f->ocrdata);
	*f = (files_font){0};
}
