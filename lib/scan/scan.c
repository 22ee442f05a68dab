/* The QR decoding pipeline (include/certqr/scan.h): zbar, QR only, behind
 * measured preprocessing steps. No I/O, no clock. */
#include <stdlib.h>
#include <string.h>
#include <zbar.h>
#include "certqr/scan.h"
#include "scan_internal.h"

#define DEFAULT_WORK_MAX 1000u

struct cq_scan {
	cq_scan_opts o;
	zbar_image_scanner_t *zs;
	struct cq_buf a, b, c;   /* working image, scratch, scratch */
	uint32_t *integral;
	size_t integral_cap;
};

int cq_buf_reserve(struct cq_buf *b, size_t n)
{
	if (n <= b->cap) return 0;
	uint8_t *p = realloc(b->p, n);
	if (!p) return -1;
	b->p = p;
	b->cap = n;
	return 0;
}

cq_scan *cq_scan_new(const cq_scan_opts *opts)
{
	cq_scan *s = calloc(1, sizeof *s);
	if (!s) return NULL;
	if (opts) s->o = *opts;
	else {
		s->o.effort = CQ_SCAN_THOROUGH;
		s->o.inverted = true;
	}
	if (!s->o.work_max) s->o.work_max = DEFAULT_WORK_MAX;
	if (s->o.work_max < 200) s->o.work_max = 200;
	s->zs = zbar_image_scanner_create();
	if (!s->zs) { free(s); return NULL; }
	/* Everything off, then QR alone: other symbologies give false hits on
	 * text and tables (docs/verifying-files.md). */
	zbar_image_scanner_set_config(s->zs, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s->zs, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_enable_cache(s->zs, 0);
	return s;
}

void cq_scan_free(cq_scan *s)
{
	if (!s) return;
	zbar_image_scanner_destroy(s->zs);
	free(s->a.p);
	free(s->b.p);
	free(s->c.p);
	free(s->integral);
	free(s);
}

/* Room for the (w+1)*(h+1) sums of an integral image. */
static int integral_reserve(cq_scan *s, unsigned w, unsigned h)
{
	size_t need = ((size_t)w + 1) * ((size_t)h + 1);
	if (need <= s->integral_cap) return 0;
	uint32_t *p = realloc(s->integral, need * sizeof *p);
	if (!p) return -1;
	s->integral = p;
	s->integral_cap = need;
	return 0;
}

/* One zbar pass over a packed w*h image. `scale` maps its pixels back to
 * input pixels. Returns the number of new distinct codes, -1 on failure. */
static int zpass(cq_scan *s, const uint8_t *img, unsigned w, unsigned h,
                 double scale, double offx, double offy, cq_scan_step step,
                 cq_scan_result *r)
{
	zbar_image_t *zi = zbar_image_create();
	if (!zi) return -1;
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, w, h);
	zbar_image_set_data(zi, img, (unsigned long)w * h, NULL);
	r->passes++;
	int found = 0;
	if (zbar_scan_image(s->zs, zi) > 0) {
		for (const zbar_symbol_t *sym = zbar_image_first_symbol(zi); sym;
		     sym = zbar_symbol_next(sym)) {
			if (zbar_symbol_get_type(sym) != ZBAR_QRCODE) continue;
			const char *d = zbar_symbol_get_data(sym);
			size_t len = zbar_symbol_get_data_length(sym);
			size_t keep = len > CQ_SCAN_TEXT_MAX ? CQ_SCAN_TEXT_MAX : len;
			size_t i;
			for (i = 0; i < r->n; i++)
				if (r->codes[i].len == keep && !memcmp(r->codes[i].text, d, keep)) break;
			if (i < r->n) continue;
			r->n_total++;
			found++;
			if (r->n >= CQ_SCAN_MAX_CODES) continue;
			cq_scan_code *c = &r->codes[r->n++];
			memcpy(c->text, d, keep);
			c->text[keep] = 0;
			c->len = keep;
			c->truncated = keep < len;
			c->quality = zbar_symbol_get_quality(sym);
			c->step = step;
			unsigned nl = zbar_symbol_get_loc_size(sym);
			for (unsigned k = 0; k < 4; k++) {
				unsigned j = nl ? (k < nl ? k : nl - 1) : 0;
				int px = nl ? zbar_symbol_get_loc_x(sym, j) : 0;
				int py = nl ? zbar_symbol_get_loc_y(sym, j) : 0;
				c->x[k] = (int)(px * scale + offx);
				c->y[k] = (int)(py * scale + offy);
			}
		}
	}
	zbar_image_destroy(zi);
	return found;
}

/* Long side of the image the retries work on: large enough to keep codes
 * with 1.5 px modules, small enough that a retry costs tens of ms. */
#define RETRY_MAX 1600u

int cq_scan_grey(cq_scan *s, const uint8_t *px, unsigned w, unsigned h,
                 size_t stride, cq_scan_result *r)
{
	memset(r, 0, sizeof *r);
	if (!s || !px || !w || !h || w > CQ_SCAN_MAX_SIDE || h > CQ_SCAN_MAX_SIDE ||
	    (uint64_t)w * h > CQ_SCAN_MAX_PIXELS || stride < w)
		return -1;
	unsigned longside = w > h ? w : h;
	unsigned f1 = (longside + s->o.work_max - 1) / s->o.work_max;
	unsigned f = (longside + RETRY_MAX - 1) / RETRY_MAX;
	if (f1 < 1) f1 = 1;
	if (f < 1) f = 1;
	if (f > f1) f = f1;
	/* 1. The common case: one pass over a box-downscaled copy (averaging
	 * also calms sensor noise and JPEG artefacts). */
	unsigned w1 = w / f1, h1 = h / f1;
	if (cq_buf_reserve(&s->a, (size_t)w1 * h1)) return -1;
	cq_box_downscale(px, w, h, stride, f1, s->a.p);
	if (zpass(s, s->a.p, w1, h1, f1, 0, 0, CQ_STEP_DOWNSCALED, r) < 0) return -1;
	if (r->n) return 0;

	/* 2. The retry image, at most RETRY_MAX on its long side (the input
	 * itself for camera frames): small codes need the pixels. */
	unsigned ww = w / f, wh = h / f;
	if (f < f1) {
		if (cq_buf_reserve(&s->a, (size_t)ww * wh)) return -1;
		cq_box_downscale(px, w, h, stride, f, s->a.p);
		if (zpass(s, s->a.p, ww, wh, f, 0, 0, CQ_STEP_FULL, r) < 0) return -1;
		if (r->n) return 0;
	}
	size_t n = (size_t)ww * wh;
	if (s->o.effort >= CQ_SCAN_NORMAL) {
		if (cq_buf_reserve(&s->b, n) || cq_buf_reserve(&s->c, n * 4) || integral_reserve(s, ww, wh)) return -1;
		/* Local-mean binarisation: uneven light, low contrast, noise. */
		unsigned rad = (ww < wh ? ww : wh) / 40;
		if (rad < 6) rad = 6;
		cq_binarise_local(s->a.p, ww, wh, rad, 4, s->integral, s->b.p);
		if (zpass(s, s->b.p, ww, wh, f, 0, 0, CQ_STEP_BINARISED, r) < 0) return -1;
		if (r->n) return 0;
		/* 2x upscale, then binarise at the new size: modules of 1.2-2 px
		 * (small or blurred codes); windows of 31 and (thorough) 15 px. */
		if (integral_reserve(s, ww * 2, wh * 2)) return -1;
		static const unsigned radii[] = {15, 7};
		size_t nr = s->o.effort >= CQ_SCAN_THOROUGH ? 2 : 1;
		for (size_t k = 0; k < nr; k++) {
			cq_upscale2(s->a.p, ww, wh, s->c.p);
			cq_binarise_local(s->c.p, ww * 2, wh * 2, radii[k], 5, s->integral, s->c.p);
			if (zpass(s, s->c.p, ww * 2, wh * 2, f / 2.0, 0, 0, CQ_STEP_UPSCALED, r) < 0) return -1;
			if (r->n) return 0;
		}
	}
	if (s->o.effort >= CQ_SCAN_THOROUGH) {
		/* Unsharp mask: soft edges from defocus or motion. */
		cq_sharpen(s->a.p, ww, wh, s->integral, s->b.p);
		if (zpass(s, s->b.p, ww, wh, f, 0, 0, CQ_STEP_SHARPENED, r) < 0) return -1;
		if (r->n) return 0;
		cq_upscale2(s->b.p, ww, wh, s->c.p);
		if (zpass(s, s->c.p, ww * 2, wh * 2, f / 2.0, 0, 0, CQ_STEP_SHARPENED, r) < 0) return -1;
		if (r->n) return 0;
		/* 3x bicubic, binarised: the smallest codes (modules near 1.3 px). */
		if (cq_buf_reserve(&s->c, n * 9) || integral_reserve(s, ww * 3, wh * 3)) return -1;
		if (cq_upscale3(s->a.p, ww, wh, s->c.p)) return -1;
		cq_binarise_local(s->c.p, ww * 3, wh * 3, 10, 8, s->integral, s->c.p);
		if (zpass(s, s->c.p, ww * 3, wh * 3, f / 3.0, 0, 0, CQ_STEP_UPSCALED, r) < 0) return -1;
		if (r->n) return 0;
		/* Contrast stretch, then a sweep of global thresholds. */
		uint8_t lo, hi;
		cq_percentiles(s->a.p, n, 20, &lo, &hi);
		if (hi > lo) {
			static const int cuts[] = {50, 35, 65};
			for (size_t k = 0; k < sizeof cuts / sizeof *cuts; k++) {
				int t = lo + (hi - lo) * cuts[k] / 100;
				for (size_t i = 0; i < n; i++) s->b.p[i] = s->a.p[i] < t ? 0 : 255;
				if (zpass(s, s->b.p, ww, wh, f, 0, 0, CQ_STEP_STRETCHED, r) < 0) return -1;
				if (r->n) return 0;
			}
		}
	}
	if (s->o.inverted) {
		if (cq_buf_reserve(&s->b, n)) return -1;
		for (size_t i = 0; i < n; i++) s->b.p[i] = (uint8_t)(255 - s->a.p[i]);
		if (zpass(s, s->b.p, ww, wh, f, 0, 0, CQ_STEP_INVERTED, r) < 0) return -1;
		if (r->n) return 0;
	}
	cq_scan_diagnose(s->a.p, ww, wh, f, r);
	return 0;
}

void cq_scan_rgb_to_grey(const uint8_t *rgb, unsigned w, unsigned h, size_t stride, uint8_t *g)
{
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *p = rgb + (size_t)y * stride;
		for (unsigned x = 0; x < w; x++, p += 3)
			*g++ = (uint8_t)((77u * p[0] + 150u * p[1] + 29u * p[2] + 128) >> 8);
	}
}

void cq_scan_yuyv_to_grey(const uint8_t *yuyv, unsigned w, unsigned h, size_t stride, uint8_t *g)
{
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *p = yuyv + (size_t)y * stride;
		for (unsigned x = 0; x < w; x++) *g++ = p[2 * x];
	}
}

const char *cq_scan_step_name(cq_scan_step s)
{
	static const char *const names[] = {"downscaled", "full", "binarised", "upscaled",
	                                    "sharpened", "stretched", "inverted"};
	return (unsigned)s < CQ_STEP_COUNT_ ? names[s] : "?";
}

const char *cq_scan_hint_name(cq_scan_hint h)
{
	static const char *const names[] = {"none", "no-code", "too-small", "too-blurred",
	                                    "low-contrast", "damaged"};
	return (unsigned)h <= CQ_HINT_DAMAGED ? names[h] : "?";
}

const char *cq_scan_hint_text(cq_scan_hint h)
{
	switch (h) {
	case CQ_HINT_NONE: return "a code was read";
	case CQ_HINT_NO_CODE: return "no QR code found on the page";
	case CQ_HINT_TOO_SMALL: return "a QR code seems present but is too small: scan at a higher resolution";
	case CQ_HINT_TOO_BLURRED: return "a QR code seems present but is too blurred: rescan or retake in focus";
	case CQ_HINT_LOW_CONTRAST: return "a QR code seems present but the contrast is too low: rescan with more light";
	case CQ_HINT_DAMAGED: return "a QR code seems present but could not be decoded (damaged, cut off or covered)";
	}
	return "?";
}
