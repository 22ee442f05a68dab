/* Why nothing was read, so the user learns what to do (move closer, hold
 * still, add light, clean the paper) rather than meeting silence. Built
 * on what the pipeline already has: the finder patterns the locator found
 * (lib/scan/locate.c), plus contrast and edge steepness measured where a
 * code seems to be, or over the whole image when none was seen. Costs one
 * pass over the retry image at most; thresholds are measured on the hint
 * class of the capture benchmark (docs/verifying-files.md). */
#include <math.h>
#include <string.h>
#include "scan_internal.h"

/* Contrast (2nd to 98th percentile, grey levels) and sharpness of the
 * window [x0,x1)x[y0,y1) of img. Sharpness: among horizontal steps that are
 * edges at all (|dx| >= contrast/8), the 90th percentile of |dx| relative to
 * the contrast, on a 0..255 scale: near 255 when an edge spans one pixel,
 * small when blur smears it over many. */
static void measure(const uint8_t *img, unsigned w, unsigned x0, unsigned y0, unsigned x1, unsigned y1,
                    int *contrast, double *sharpness)
{
	size_t hist[256] = {0}, n = 0;
	unsigned ys = (y1 - y0) > 400 ? 2 : 1;
	for (unsigned y = y0; y < y1; y += ys)
		for (unsigned x = x0; x < x1; x++) { hist[img[(size_t)y * w + x]]++; n++; }
	size_t acc = 0, a = n * 2 / 100, b = n - n * 2 / 100;
	int lo = -1, hi = 255;
	for (int v = 0; v < 256; v++) {
		acc += hist[v];
		if (lo < 0 && acc > a) lo = v;
		if (acc >= b) { hi = v; break; }
	}
	*contrast = hi - (lo < 0 ? 0 : lo);
	memset(hist, 0, sizeof hist);
	size_t cnt = 0;
	int floor_ = *contrast / 8 > 4 ? *contrast / 8 : 4;
	for (unsigned y = y0; y < y1; y += ys)
		for (unsigned x = x0; x + 1 < x1; x++) {
			int d = img[(size_t)y * w + x + 1] - img[(size_t)y * w + x];
			if (d < 0) d = -d;
			if (d >= floor_) { hist[d]++; cnt++; }
		}
	acc = 0;
	int g90 = 0;
	for (int v = 255; v >= 0 && cnt; v--) {
		acc += hist[v];
		if (acc * 10 >= cnt) { g90 = v; break; }
	}
	*sharpness = *contrast > 0 ? 255.0 * (g90 < *contrast ? g90 : *contrast) / *contrast : 0;
}

void cq_scan_diagnose(const uint8_t *img, unsigned w, unsigned h, unsigned f,
                      const cq_region *g, size_t ng, unsigned lf, cq_scan_result *r)
{
	/* A code was seen if the locator found three of its finders, or two
	 * (the third hidden): lone finders are too often letters. */
	size_t best = ng;
	for (size_t i = 0; i < ng; i++)
		if (g[i].finders >= 2) { best = i; break; }
	int contrast;
	double sharp;
	if (best < ng) {
		/* measured on the code's neighbourhood, in retry-image pixels */
		double k = (double)lf / f;
		double x0 = g[best].x0 * k, y0 = g[best].y0 * k, x1 = g[best].x1 * k, y1 = g[best].y1 * k;
		unsigned X0 = x0 > 0 ? (unsigned)x0 : 0, Y0 = y0 > 0 ? (unsigned)y0 : 0;
		unsigned X1 = x1 < w ? (unsigned)x1 : w, Y1 = y1 < h ? (unsigned)y1 : h;
		if (X1 <= X0 + 2 || Y1 <= Y0 + 2) { X0 = 0; Y0 = 0; X1 = w; Y1 = h; }
		measure(img, w, X0, Y0, X1, Y1, &contrast, &sharp);
		r->module_px = g[best].module * lf;
		r->sharpness = sharp;
		if (contrast < 25) r->hint = CQ_HINT_LOW_CONTRAST;
		else if (r->module_px < 1.6) r->hint = CQ_HINT_TOO_SMALL;
		else if (sharp < 60) r->hint = CQ_HINT_TOO_BLURRED;
		else r->hint = CQ_HINT_DAMAGED;
		return;
	}
	measure(img, w, 0, 0, w, h, &contrast, &sharp);
	r->module_px = 0;
	r->sharpness = sharp;
	/* a uniform picture (a blank page, a covered lens) holds nothing; a
	 * faint one may hold a faint code */
	if (contrast < 3) { r->hint = CQ_HINT_NO_CODE; return; }
	if (contrast < 25) { r->hint = CQ_HINT_LOW_CONTRAST; return; }
	if (sharp < 40) { r->hint = CQ_HINT_TOO_BLURRED; return; }
	/* Modules under about 1.2 px leave no finder pattern to see: "no
	 * code" then, whose text also says to move closer. */
	r->hint = CQ_HINT_NO_CODE;
}
