/* Grey frame -> QR texts. With libcertqr-scan (certqr/scan.h) when the
 * build has it (KIOSK_HAVE_SCAN): the pipeline shared with the file
 * verifier, one cheap pass per video frame, thorough for dropped files.
 * Without it: zbar directly, QR only, which is the same first pass. */
#include <stdlib.h>
#include <string.h>
#include "kiosk.h"
#ifdef KIOSK_HAVE_SCAN
#include "certqr/scan.h"
#else
#include <zbar.h>
#endif

struct kiosk_decoder {
#ifdef KIOSK_HAVE_SCAN
	cq_scan *scan;
	cq_scan_result r;
#else
	zbar_image_scanner_t *zs;
#endif
};

kiosk_decoder *decoder_new(bool video)
{
	kiosk_decoder *d = calloc(1, sizeof *d);
	if (!d) return NULL;
#ifdef KIOSK_HAVE_SCAN
	cq_scan_opts o = {video ? CQ_SCAN_FAST : CQ_SCAN_THOROUGH, video ? 1280 : 0, !video};
	d->scan = cq_scan_new(&o);
	if (!d->scan) { free(d); return NULL; }
#else
	(void)video;
	d->zs = zbar_image_scanner_create();
	if (!d->zs) { free(d); return NULL; }
	zbar_image_scanner_set_config(d->zs, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(d->zs, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
#endif
	return d;
}

void decoder_free(kiosk_decoder *d)
{
	if (!d) return;
#ifdef KIOSK_HAVE_SCAN
	cq_scan_free(d->scan);
#else
	zbar_image_scanner_destroy(d->zs);
#endif
	free(d);
}

static void add(kiosk_codes *out, const char *text, size_t n)
{
	if (out->n >= KIOSK_MAX_CODES) return;
	if (n >= sizeof out->text[0]) n = sizeof out->text[0] - 1;
	for (size_t i = 0; i < out->n; i++)
		if (out->len[i] == n && !memcmp(out->text[i], text, n)) return;
	memcpy(out->text[out->n], text, n);
	out->text[out->n][n] = '\0';
	out->len[out->n++] = n;
}

int decoder_run(kiosk_decoder *d, const kiosk_frame *f, kiosk_codes *out)
{
	out->n = 0;
#ifdef KIOSK_HAVE_SCAN
	if (cq_scan_grey(d->scan, f->grey, f->w, f->h, f->stride, &d->r)) return -1;
	for (size_t i = 0; i < d->r.n; i++) add(out, d->r.codes[i].text, d->r.codes[i].len);
#else
	zbar_image_t *img = zbar_image_create();
	if (!img) return -1;
	zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(img, f->w, f->h);
	uint8_t *copy = NULL;
	if (f->stride != f->w) {
		copy = malloc((size_t)f->w * f->h);
		if (!copy) { zbar_image_destroy(img); return -1; }
		for (unsigned y = 0; y < f->h; y++) memcpy(copy + (size_t)y * f->w, f->grey + (size_t)y * f->stride, f->w);
	}
	zbar_image_set_data(img, copy ? copy : f->grey, (unsigned long)f->w * f->h, NULL);
	if (zbar_scan_image(d->zs, img) > 0)
		for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s; s = zbar_symbol_next(s))
			if (zbar_symbol_get_type(s) == ZBAR_QRCODE)
				add(out, zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
	zbar_image_destroy(img);
	free(copy);
#endif
	return 0;
}
