/* Why nothing was read: looks for QR finder patterns (dark-light-dark runs
 * in the ratio 1:1:3:1:1, the test QR readers start from) and measures
 * edge sharpness and contrast, so a page without a readable code gets a
 * useful hint rather than silence. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "scan_internal.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* Run lengths r[0..4] alternating dark/light/dark/light/dark. */
static int finder_ratio(const unsigned r[5])
{
	unsigned tot = r[0] + r[1] + r[2] + r[3] + r[4];
	if (tot < 7) return 0;
	double m = tot / 7.0, tol = m * 0.6;
	for (int i = 0; i < 5; i++) {
		double want = i == 2 ? 3 * m : m;
		double d = r[i] - want;
		if (d < 0) d = -d;
		if (d > (i == 2 ? 2 * tol : tol)) return 0;
	}
	return 1;
}

/* Cross-check of a horizontal finder candidate: the column through its
 * centre must show the same 1:1:3:1:1 pattern of about the same size. */
static int vertical_ok(const uint8_t *bin, unsigned w, unsigned h, unsigned cx, unsigned cy, double mod)
{
	if (bin[(size_t)cy * w + cx]) return 0;
	unsigned r[5] = {0};
	unsigned y = cy;
	/* centre run up and down */
	while (y > 0 && !bin[(size_t)(y - 1) * w + cx]) y--;
	unsigned top = y;
	y = cy;
	while (y + 1 < h && !bin[(size_t)(y + 1) * w + cx]) y++;
	r[2] = y - top + 1;
	unsigned yy = top;
	for (int k = 1; k >= 0; k--) {       /* light, then dark, above */
		uint8_t want = k == 1 ? 255 : 0;
		unsigned len = 0;
		while (yy > 0 && bin[(size_t)(yy - 1) * w + cx] == want) { yy--; len++; }
		r[k] = len;
	}
	yy = y;
	for (int k = 3; k <= 4; k++) {       /* light, then dark, below */
		uint8_t want = k == 3 ? 255 : 0;
		unsigned len = 0;
		while (yy + 1 < h && bin[(size_t)(yy + 1) * w + cx] == want) { yy++; len++; }
		r[k] = len;
	}
	if (!finder_ratio(r)) return 0;
	double m2 = (r[0] + r[1] + r[2] + r[3] + r[4]) / 7.0;
	return m2 > mod * 0.6 && m2 < mod * 1.6;
}

void cq_scan_diagnose(const uint8_t *img, unsigned w, unsigned h, unsigned f,
                      cq_scan_result *r)
{
	size_t n = (size_t)w * h;
	uint8_t lo, hi;
	cq_percentiles(img, n, 2, &lo, &hi);   /* a small code on a white page is ~0.5% */
	int contrast = hi - lo;
	/* Sharpness: how steep the edges are. Among horizontal steps that are
	 * edges at all (|dx| >= contrast/8), the 90th percentile of |dx|
	 * relative to the contrast: near 1 when an edge spans one pixel, small
	 * when blur smears it over many. */
	size_t hist[256] = {0}, cnt = 0;
	int floor_ = contrast / 8 > 4 ? contrast / 8 : 4;
	for (unsigned y = 0; y < h; y += 2)
		for (unsigned x = 0; x + 1 < w; x++) {
			int d = img[(size_t)y * w + x + 1] - img[(size_t)y * w + x];
			if (d < 0) d = -d;
			if (d >= floor_) { hist[d]++; cnt++; }
		}
	size_t acc = 0;
	int g90 = 0;
	for (int v = 255; v >= 0 && cnt; v--) {
		acc += hist[v];
		if (acc * 10 >= cnt) { g90 = v; break; }
	}
	r->sharpness = contrast > 0 ? 255.0 * (g90 < contrast ? g90 : contrast) / contrast : 0;

	/* Finder candidates on a local-mean binarisation, every other row. */
	uint8_t *bin = malloc(n);
	uint32_t *I = malloc(((size_t)w + 1) * (h + 1) * sizeof *I);
	double mods[512];
	unsigned hx[512], hy[512];
	int hv[512];
	size_t nm = 0;
	if (bin && I && contrast >= 16) {
		unsigned rad = (w < h ? w : h) / 40;
		cq_binarise_local(img, w, h, rad < 6 ? 6 : rad, 2, I, bin);
		for (unsigned y = 0; y < h && nm < 512; y++) {
			const uint8_t *row = bin + (size_t)y * w;
			unsigned runs[5] = {0};
			int k = 0;
			unsigned x = 0;
			while (x < w && row[x]) x++;           /* start on dark */
			for (; x < w && nm < 512; ) {
				unsigned len = 0;
				uint8_t v = row[x];
				while (x < w && row[x] == v) { x++; len++; }
				if (k < 5) { runs[k++] = len; }
				else { memmove(runs, runs + 1, 4 * sizeof *runs); runs[4] = len; }
				/* runs[] ends on a dark run when v == 0 */
				if (k == 5 && v == 0 && finder_ratio(runs)) {
					double m = (runs[0] + runs[1] + runs[2] + runs[3] + runs[4]) / 7.0;
					unsigned cx = x - runs[4] - runs[3] - runs[2] / 2 - 1;
					hx[nm] = cx;
					hy[nm] = y;
					hv[nm] = vertical_ok(bin, w, h, cx, y, m);
					mods[nm++] = m;
				}
			}
		}
	}
	free(bin);
	free(I);
	/* A real finder pattern is 7 modules tall: its centre shows on several
	 * scanned rows at the same place, or passes the vertical cross-check
	 * (big modules). Letters rarely do either. */
	double conf[512];
	size_t nc = 0;
	for (size_t i = 0; i < nm; i++) {
		int ok = hv[i];
		/* below 2 px the vertical run lengths are too noisy to check */
		for (size_t j = 0; j < nm && !ok && mods[i] < 2; j++) {
			if (j == i || hy[j] == hy[i]) continue;
			double dx = (double)hx[j] - hx[i], dy = (double)hy[j] - hy[i];
			double tol = mods[i] > 2 ? mods[i] : 2;   /* rows are 1 apart */
			if (dx < 0) dx = -dx;
			if (dy < 0) dy = -dy;
			if (dx <= tol && dy <= 3 * mods[i] + 2 && mods[j] > mods[i] * 0.6 && mods[j] < mods[i] * 1.6) ok = 1;
		}
		if (ok) conf[nc++] = mods[i];
	}
	memcpy(mods, conf, nc * sizeof *conf);
	nm = nc;
	double module = 0;
	if (nm) {
		qsort(mods, nm, sizeof *mods, cmp_double);
		module = mods[nm / 2] * f;
	}
	r->module_px = module;
	/* Thresholds measured on the benchmark corpus (docs/verifying-files.md). */
	if (nm >= 3) {
		if (contrast < 40) r->hint = CQ_HINT_LOW_CONTRAST;
		else if (module < 2.0) r->hint = CQ_HINT_TOO_SMALL;
		else if (r->sharpness < 60) r->hint = CQ_HINT_TOO_BLURRED;
		else r->hint = CQ_HINT_DAMAGED;
	} else if (contrast >= 40 && r->sharpness < 40) {
		r->hint = CQ_HINT_TOO_BLURRED;
	} else if (contrast > 8 && contrast < 40) {
		r->hint = CQ_HINT_LOW_CONTRAST;
	} else {
		r->hint = CQ_HINT_NO_CODE;
	}
}
