/* Grey frame -> QR texts, through libcertqr-scan (certqr/scan.h): the
 * pipeline shared with the file verifier.
 *
 * Dropped files get its thorough path. Video frames are many and cheap
 * retries, so the kiosk spends as little as it can on each (docs/kiosk.md,
 * "Speed"; a Pi 4 must keep up with the camera):
 *   - while a code is held in view, only the region where it was last seen
 *     (its bounding box grown by half on each side) is scanned, at half
 *     resolution, or at full resolution when the code was found only there
 *     (a small code: the whole certificate in view);
 *   - otherwise the whole frame at half resolution (2x2 box average), and
 *     every fifth frame that finds nothing, also at full resolution, for
 *     codes too small to read at half.
 * If the region misses (the certificate moved), the same frame is searched
 * whole. Codes come back in frame coordinates. */
#include <stdlib.h>
#include <string.h>
#include "certqr/scan.h"
#include "kiosk.h"

struct kiosk_decoder {
	cq_scan *scan;
	cq_scan_result r;
	bool video;
	uint8_t *half;
	size_t half_cap;
	bool have_roi;
	bool roi_full;                 /* the code was read at full resolution only */
	int rx0, ry0, rx1, ry1;       /* last code's bounding box, frame pixels */
	unsigned misses;               /* consecutive search frames without a code */
	/* what the last full-resolution pass saw: a code too small for the
	 * half-resolution frames shows only there, once in five misses, and
	 * its hint stands for the frames between */
	cq_scan_hint full_hint;
	unsigned full_age;
};

kiosk_decoder *decoder_new(bool video)
{
	kiosk_decoder *d = calloc(1, sizeof *d);
	if (!d) return NULL;
	cq_scan_opts o = {.effort = video ? CQ_SCAN_FAST : CQ_SCAN_THOROUGH, .inverted = !video};
	d->scan = cq_scan_new(&o);
	if (!d->scan) { free(d); return NULL; }
	d->video = video;
	return d;
}

void decoder_free(kiosk_decoder *d)
{
	if (!d) return;
	cq_scan_free(d->scan);
	free(d->half);
	free(d);
}

/* Scans the w x h region at (x0, y0) of f, halved when `half`. Results go
 * to d->r with corners mapped back to frame pixels. */
static int scan_region(kiosk_decoder *d, const kiosk_frame *f, unsigned x0, unsigned y0,
                       unsigned w, unsigned h, bool half)
{
	const uint8_t *src = f->grey + (size_t)y0 * f->stride + x0;
	if (!half || w < 64 || h < 64)
		return cq_scan_grey(d->scan, src, w, h, f->stride, &d->r) ? -1 : 1;
	unsigned hw = w / 2, hh = h / 2;
	if ((size_t)hw * hh > d->half_cap) {
		uint8_t *b = realloc(d->half, (size_t)hw * hh);
		if (!b) return -1;
		d->half = b;
		d->half_cap = (size_t)hw * hh;
	}
	for (unsigned y = 0; y < hh; y++) {
		const uint8_t *a = src + (size_t)(2 * y) * f->stride, *b = a + f->stride;
		uint8_t *o = d->half + (size_t)y * hw;
		for (unsigned x = 0; x < hw; x++)
			o[x] = (uint8_t)((a[2 * x] + a[2 * x + 1] + b[2 * x] + b[2 * x + 1] + 2) >> 2);
	}
	if (cq_scan_grey(d->scan, d->half, hw, hh, hw, &d->r)) return -1;
	for (size_t i = 0; i < d->r.n; i++)
		for (int k = 0; k < 4; k++) {
			d->r.codes[i].x[k] *= 2;
			d->r.codes[i].y[k] *= 2;
		}
	return 2;
}

static void shift(kiosk_decoder *d, unsigned x0, unsigned y0)
{
	for (size_t i = 0; i < d->r.n; i++)
		for (int k = 0; k < 4; k++) {
			d->r.codes[i].x[k] += (int)x0;
			d->r.codes[i].y[k] += (int)y0;
		}
}

/* Remembers where the first code is, and at which resolution it was
 * read, for the next frame. */
static void remember(kiosk_decoder *d, const kiosk_frame *f, bool full)
{
	d->roi_full = full;
	const cq_scan_code *c = &d->r.codes[0];
	int x0 = c->x[0], x1 = c->x[0], y0 = c->y[0], y1 = c->y[0];
	for (int k = 1; k < 4; k++) {
		if (c->x[k] < x0) x0 = c->x[k];
		if (c->x[k] > x1) x1 = c->x[k];
		if (c->y[k] < y0) y0 = c->y[k];
		if (c->y[k] > y1) y1 = c->y[k];
	}
	int mw = (x1 - x0) / 2 + 16, mh = (y1 - y0) / 2 + 16;
	d->rx0 = x0 - mw < 0 ? 0 : x0 - mw;
	d->ry0 = y0 - mh < 0 ? 0 : y0 - mh;
	d->rx1 = x1 + mw > (int)f->w ? (int)f->w : x1 + mw;
	d->ry1 = y1 + mh > (int)f->h ? (int)f->h : y1 + mh;
	d->have_roi = x1 > x0 && y1 > y0;
}

static int video_frame(kiosk_decoder *d, const kiosk_frame *f)
{
	if (d->have_roi) {
		unsigned x0 = (unsigned)d->rx0, y0 = (unsigned)d->ry0;
		if (scan_region(d, f, x0, y0, (unsigned)(d->rx1 - d->rx0), (unsigned)(d->ry1 - d->ry0), !d->roi_full) < 0) return -1;
		shift(d, x0, y0);
		if (d->r.n) { remember(d, f, d->roi_full); return 0; }
		d->have_roi = false;
	}
	if (scan_region(d, f, 0, 0, f->w, f->h, true) < 0) return -1;
	d->full_age++;
	bool full = false;
	if (!d->r.n && ++d->misses % 5 == 0) {
		if (scan_region(d, f, 0, 0, f->w, f->h, false) < 0) return -1;
		full = true;
		d->full_hint = d->r.n ? CQ_HINT_NONE : d->r.hint;
		d->full_age = 0;
	}
	if (!d->r.n && d->r.hint == CQ_HINT_NO_CODE && d->full_age < 5 && d->full_hint > CQ_HINT_NO_CODE)
		d->r.hint = d->full_hint;
	if (d->r.n) {
		d->misses = 0;
		remember(d, f, full);
	}
	return 0;
}

int decoder_run(kiosk_decoder *d, const kiosk_frame *f, kiosk_codes *out)
{
	out->n = 0;
	out->hint = CQ_HINT_NO_CODE;
	if (d->video ? video_frame(d, f) : cq_scan_grey(d->scan, f->grey, f->w, f->h, f->stride, &d->r)) return -1;
	out->hint = d->r.n ? CQ_HINT_NONE : d->r.hint;
	for (size_t i = 0; i < d->r.n && out->n < KIOSK_MAX_CODES; i++) {
		size_t n = d->r.codes[i].len;
		/* No certificate's text comes near the buffer: a longer one is
		 * reported by its length, never judged cut. */
		bool longer = d->r.codes[i].too_long || n >= sizeof out->text[0];
		out->too_long[out->n] = longer ? d->r.codes[i].full_len : 0;
		if (longer) n = 0;
		memcpy(out->text[out->n], d->r.codes[i].text, n);
		out->text[out->n][n] = '\0';
		memcpy(out->x[out->n], d->r.codes[i].x, sizeof out->x[0]);
		memcpy(out->y[out->n], d->r.codes[i].y, sizeof out->y[0]);
		out->len[out->n++] = n;
	}
	return 0;
}
