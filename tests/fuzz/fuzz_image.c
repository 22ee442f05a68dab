/* The image front end of `certqr-verify files` and the kiosk, as far as the
 * project's own code goes: file sniffing, the PNG/JPEG loaders' size
 * bounds and conversion to grey (lib/render/image.c, over libpng
 * and libjpeg-turbo), and the QR scanning pipeline (lib/scan/, over zbar and
 * zxing-cpp): the locator, regions,
 * downscaling, binarisation, upscaling, sharpening, the no-code hints.
 * Inputs are image files; a first byte 'G' instead gives a raw grey image
 * (width and height bytes, then pixels), which reaches the pipeline without
 * a codec. Invariants: a loaded image has pixels within the bounds it
 * claims; every code read is NUL-terminated text within its bound. */
#include "fuzz.h"
#include "certqr/scan.h"
#include "certqr/render.h"

static cq_scan *scan;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc; (void)argv;
	fz_init();
	cq_scan_opts o = {.effort = CQ_SCAN_NORMAL, .work_max = 400, .inverted = true};
	scan = cq_scan_new(&o);
	if (!scan) abort();
	return 0;
}

static void run_scan(const uint8_t *px, unsigned w, unsigned h)
{
	cq_scan_result r;
	if (cq_scan_grey(scan, px, w, h, w, &r) != 0) return;
	FZ_CHECK(r.n <= CQ_SCAN_MAX_CODES && r.n <= r.n_total);
	for (size_t i = 0; i < r.n; i++) {
		FZ_CHECK(r.codes[i].len <= CQ_SCAN_TEXT_MAX && r.codes[i].text[r.codes[i].len] == 0);
		/* a text over the bound is reported by its length, never cut */
		FZ_CHECK(r.codes[i].too_long ? r.codes[i].len == 0 && r.codes[i].full_len > CQ_SCAN_TEXT_MAX
		                             : r.codes[i].len == r.codes[i].full_len);
	}
	/* the budget, plus zxing-cpp on the inverted image and on a large
	 * photo itself (2 units a pixel and a pass each), unless the first two
	 * passes alone went past it */
	FZ_CHECK(r.work <= CQ_SCAN_WORK_NORMAL + 4 * (size_t)w * h + 100000 || r.passes <= 2);
	FZ_CHECK(cq_scan_hint_name(r.hint) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char why[256];
	cq_grey g = { 0 };
	if (size >= 3 && data[0] == 'G') {
		unsigned w = 1 + data[1] % 128, h = 1 + data[2] % 128;
		uint8_t *px = malloc((size_t)w * h);
		if (!px) abort();
		for (size_t i = 0; i < (size_t)w * h; i++) px[i] = size > 3 ? data[3 + i % (size - 3)] : 0;
		run_scan(px, w, h);
		free(px);
		return 0;
	}
	cq_file_kind k = cq_file_sniff(data, size);
	FZ_CHECK(cq_file_kind_name(k) != NULL);
	int rc = -1;
	if (size >= 8 && !memcmp(data, "\x89PNG", 4)) rc = cq_png_load(data, size, &g, why);
	else if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8) rc = cq_jpeg_load(data, size, &g, why);
	if (rc == 0) {
		FZ_CHECK(g.px && g.w > 0 && g.h > 0);
		volatile uint8_t last = g.px[(size_t)g.w * g.h - 1]; /* ASan checks the claimed size */
		(void)last;
		if ((size_t)g.w * g.h <= 300 * 300) run_scan(g.px, g.w, g.h);
		cq_grey_free(&g);
	}
	return 0;
}
