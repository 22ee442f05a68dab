/* Grey frame -> QR texts, through libcertqr-scan (certqr/scan.h): the
 * pipeline shared with the file verifier. Video frames get the cheap path
 * (one zbar pass; the next frame is the retry), dropped files the thorough
 * one (binarisation, upscaling, inverted codes). */
#include <stdlib.h>
#include <string.h>
#include "certqr/scan.h"
#include "kiosk.h"

struct kiosk_decoder {
	cq_scan *scan;
	cq_scan_result r;
};

kiosk_decoder *decoder_new(bool video)
{
	kiosk_decoder *d = calloc(1, sizeof *d);
	if (!d) return NULL;
	cq_scan_opts o = {video ? CQ_SCAN_FAST : CQ_SCAN_THOROUGH, 0, !video};
	d->scan = cq_scan_new(&o);
	if (!d->scan) { free(d); return NULL; }
	return d;
}

void decoder_free(kiosk_decoder *d)
{
	if (!d) return;
	cq_scan_free(d->scan);
	free(d);
}

int decoder_run(kiosk_decoder *d, const kiosk_frame *f, kiosk_codes *out)
{
	out->n = 0;
	if (cq_scan_grey(d->scan, f->grey, f->w, f->h, f->stride, &d->r)) return -1;
	for (size_t i = 0; i < d->r.n && out->n < KIOSK_MAX_CODES; i++) {
		size_t n = d->r.codes[i].len;
		if (n >= sizeof out->text[0]) n = sizeof out->text[0] - 1;
		memcpy(out->text[out->n], d->r.codes[i].text, n);
		out->text[out->n][n] = '\0';
		out->len[out->n++] = n;
	}
	return 0;
}
