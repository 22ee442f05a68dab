/* Inside the page check (include/certqr/pagecheck.h): glyph drawing and
 * plane geometry. */
#ifndef CQ_LIB_PAGE_INT_H
#define CQ_LIB_PAGE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "certqr/pagecheck.h"

#define PF_GLYPHS 96

/* One text run drawn at a pixel size: coverage 0..255, the baseline origin
 * of its first glyph at (ox, oy), and each glyph's box and byte offset. */
typedef struct pf_run {
	uint8_t *m;
	int w, h, ox, oy;
	int n;
	struct { int x0, x1, y0, y1; size_t off; uint32_t cp; bool missing; } g[PF_GLYPHS];
} pf_run;

/* Draws UTF-8 text at px pixels per em, its origin frac_x (0..1) pixels
 * right of ox. -1 if out of memory or a character is missing. */
int pf_draw(const cq_pagefont *f, const char *utf8, double px, double frac_x, pf_run *out);
void pf_run_free(pf_run *r);
/* Whether some face draws cp. */
bool pf_has(const cq_pagefont *f, uint32_t cp);
/* Advance width of UTF-8 text at `size` (any unit per em), as the issuer
 * computes it: unhinted advances, no kerning. */
double pf_width(const cq_pagefont *f, const char *utf8, double size);

/* 3x3 homography, row-major, h[8] = 1. */
typedef struct hmat { double m[9]; } hmat;
/* The homography taking src[i] to dst[i] (four points). -1 if degenerate. */
int h_from4(const double sx[4], const double sy[4], const double dx[4], const double dy[4], hmat *h);
void h_apply(const hmat *h, double x, double y, double *ox, double *oy);
/* Least squares over n pairs: affine (persp 0) or homography (persp 1). */
int h_fit(const double *sx, const double *sy, const double *dx, const double *dy, int n, int persp, hmat *h);

#endif
