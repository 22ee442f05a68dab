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
                      const cq_finder *fd, size_t nf, unsigned lf, cq_scan_result *r)
{
	/* The finders that count: seen on more than one row (a real finder is
	 * 7 modules tall), the best-supported first. */
	size_t best = nf;
	unsigned good = 0;
	for (size_t i = 0; i < nf; i++) {
		if (fd[i].hits < 2) continue;
		good++;
		if (best == nf || fd[i].hits > fd[best].hits) best = i;
	}
	int contrast;
	double sharp;
	if (best < nf) {
		/* around the best finder, in retry-image pixels: the code's
		 * neighbourhood, not the page's text or the desk */
		double k = (double)lf / f, cx = fd[best].x * k, cy = fd[best].y * k, m = fd[best].module * k;
		double rad = 12 * m + 8;
		unsigned x0 = cx > rad ? (unsigned)(cx - rad) : 0, y0 = cy > rad ? (unsigned)(cy - rad) : 0;
		unsigned x1 = cx + rad < w ? (unsigned)(cx + rad) : w, y1 = cy + rad < h ? (unsigned)(cy + rad) : h;
		if (x1 <= x0 + 2 || y1 <= y0 + 2) { x0 = 0; y0 = 0; x1 = w; y1 = h; }
		measure(img, w, x0, y0, x1, y1, &contrast, &sharp);
		r->module_px = fd[best].module * lf;
	} else {
		measure(img, w, 0, 0, w, h, &contrast, &sharp);
		r->module_px = 0;
	}
	r->sharpness = sharp;
	if (good) {
		if (contrast < 40) r->hint = CQ_HINT_LOW_CONTRAST;
		else if (r->module_px < 1.6) r->hint = CQ_HINT_TOO_SMALL;
		else if (sharp < 60) r->hint = CQ_HINT_TOO_BLURRED;
		else r->hint = CQ_HINT_DAMAGED;
	} else if (contrast < 40) {
		r->hint = CQ_HINT_LOW_CONTRAST;
	} else if (sharp < 40) {
		r->hint = CQ_HINT_TOO_BLURRED;
	} else {
		r->hint = CQ_HINT_NO_CODE;
	}
}
