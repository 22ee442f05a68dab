/* The decoding pipeline (include/certqr/scan.h) on codes drawn with
 * libqrencode: exact text, each retry step where it is needed, stride,
 * coordinates mapped back from the downscaled pass, several codes, hints
 * for images without a readable code, and argument bounds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <qrencode.h>
#include "certqr/scan.h"

#define TEXT "CQ1:H60FUKW8AD*B %9-RN 8RYOF::0O-9QZ04%U224448000C00W004R3HA4MLON8EDB13%N7"

/* Draws `text` with modules of `mod` pixels (fractional: area-averaged, as a
 * camera sees it) at (x0, y0) into a w*h image of the given stride. */
static void draw(uint8_t *img, unsigned w, unsigned h, size_t stride, const char *text, double mod,
                 unsigned x0, unsigned y0, int invert)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	unsigned side = (unsigned)(q->width * mod + 0.5);
	for (unsigned y = 0; y < side && y0 + y < h; y++)
		for (unsigned x = 0; x < side && x0 + x < w; x++) {
			/* 4x4 supersampling */
			unsigned dark = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					int mx = (int)((x + (sx + 0.5) / 4) / mod), my = (int)((y + (sy + 0.5) / 4) / mod);
					if (mx < q->width && my < q->width && (q->data[my * q->width + mx] & 1)) dark++;
				}
			uint8_t v = (uint8_t)(255 - dark * 255 / 16);
			img[(size_t)(y0 + y) * stride + x0 + x] = invert ? (uint8_t)(255 - v) : v;
		}
	QRcode_free(q);
}

static uint8_t *page(unsigned h, size_t stride, uint8_t bg)
{
	uint8_t *p = malloc(stride * h);
	assert_non_null(p);
	memset(p, bg, stride * h);
	return p;
}

static void clean_code_first_pass(void **state)
{
	(void)state;
	uint8_t *img = page(480, 640, 255);
	draw(img, 640, 480, 640, TEXT, 4, 100, 60, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.codes[0].len, strlen(TEXT));
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_DOWNSCALED);
	assert_int_equal(r.passes, 1);
	assert_int_equal(r.hint, CQ_HINT_NONE);
	cq_scan_free(s);
	free(img);
}

static void stride_is_honoured(void **state)
{
	(void)state;
	size_t stride = 700;
	uint8_t *img = page(480, stride, 255);
	for (unsigned y = 0; y < 480; y++) memset(img + y * stride + 640, 0, 60);   /* junk past the row */
	draw(img, 640, 480, stride, TEXT, 4, 300, 100, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 640, 480, stride, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	cq_scan_free(s);
	free(img);
}

static void large_page_downscaled_and_mapped_back(void **state)
{
	(void)state;
	unsigned w = 2480, h = 3508;   /* A4 at 300 dpi */
	uint8_t *img = page(h, w, 250);
	draw(img, w, h, w, TEXT, 8, 1600, 2700, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.codes[0].step, CQ_STEP_DOWNSCALED);
	for (int k = 0; k < 4; k++) {   /* corners in input pixels, inside the drawn code */
		assert_in_range(r.codes[0].x[k], 1600 - 16, 1600 + 41 * 8 + 16);
		assert_in_range(r.codes[0].y[k], 2700 - 16, 2700 + 41 * 8 + 16);
	}
	cq_scan_free(s);
	free(img);
}

static void inverted_only_when_allowed(void **state)
{
	(void)state;
	uint8_t *img = page(480, 640, 0);
	draw(img, 640, 480, 640, TEXT, 4, 100, 60, 1);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.codes[0].step, CQ_STEP_INVERTED);
	cq_scan_free(s);
	cq_scan_opts o = {.effort = CQ_SCAN_THOROUGH};
	s = cq_scan_new(&o);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	cq_scan_free(s);
	free(img);
}

static void small_modules_need_upscaling(void **state)
{
	(void)state;
	uint8_t *img = page(480, 640, 255);
	draw(img, 640, 480, 640, TEXT, 1.5, 200, 200, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_UPSCALED);
	cq_scan_free(s);
	/* the fast setting (video frames) does not try */
	cq_scan_opts o = {.effort = CQ_SCAN_FAST};
	s = cq_scan_new(&o);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.passes, 1);
	cq_scan_free(s);
	free(img);
}

static void two_codes(void **state)
{
	(void)state;
	uint8_t *img = page(400, 800, 255);
	draw(img, 800, 400, 800, TEXT, 4, 40, 40, 0);
	draw(img, 800, 400, 800, "CQ1:ANOTHER", 5, 500, 60, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 800, 400, 800, &r), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.n_total, 2);
	int a = !strcmp(r.codes[0].text, TEXT) || !strcmp(r.codes[1].text, TEXT);
	int b = !strcmp(r.codes[0].text, "CQ1:ANOTHER") || !strcmp(r.codes[1].text, "CQ1:ANOTHER");
	assert_true(a && b);
	cq_scan_free(s);
	free(img);
}

static void hints_when_nothing_read(void **state)
{
	(void)state;
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	uint8_t *img = page(480, 640, 255);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_NO_CODE);
	assert_true(r.passes > 3);
	/* modules of 1.1 px: finder patterns visible, too small to read */
	draw(img, 640, 480, 640, TEXT, 1.1, 100, 100, 0);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_TOO_SMALL);
	assert_true(r.module_px > 0.5 && r.module_px < 2.5);
	cq_scan_free(s);
	free(img);
}

static void bounds(void **state)
{
	(void)state;
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	uint8_t px[16] = {0};
	assert_int_equal(cq_scan_grey(s, px, 0, 4, 4, &r), -1);
	assert_int_equal(cq_scan_grey(s, px, 4, 0, 4, &r), -1);
	assert_int_equal(cq_scan_grey(s, px, 4, 4, 3, &r), -1);          /* stride < width */
	assert_int_equal(cq_scan_grey(s, px, CQ_SCAN_MAX_SIDE + 1, 1, CQ_SCAN_MAX_SIDE + 1, &r), -1);
	assert_int_equal(cq_scan_grey(s, px, 20000, 20000, 20000, &r), -1);   /* over the pixel bound */
	assert_int_equal(cq_scan_grey(s, NULL, 4, 4, 4, &r), -1);
	assert_int_equal(cq_scan_grey(s, px, 4, 4, 4, &r), 0);
	assert_int_equal(r.n, 0);
	cq_scan_free(s);
	cq_scan_free(NULL);
}

static void names_and_converters(void **state)
{
	(void)state;
	assert_string_equal(cq_scan_step_name(CQ_STEP_UPSCALED), "upscaled");
	assert_string_equal(cq_scan_step_name(CQ_STEP_COUNT_), "?");
	assert_string_equal(cq_scan_hint_name(CQ_HINT_TOO_BLURRED), "too-blurred");
	assert_non_null(strstr(cq_scan_hint_text(CQ_HINT_TOO_SMALL), "too small"));
	uint8_t rgb[6] = {255, 255, 255, 0, 0, 0}, g[2];
	cq_scan_rgb_to_grey(rgb, 2, 1, 6, g);
	assert_int_equal(g[0], 255);
	assert_int_equal(g[1], 0);
	uint8_t yuyv[8] = {10, 128, 20, 128, 30, 128, 40, 128}, y[4];
	cq_scan_yuyv_to_grey(yuyv, 4, 1, 8, y);
	assert_memory_equal(y, ((uint8_t[]){10, 20, 30, 40}), 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(clean_code_first_pass),
		cmocka_unit_test(stride_is_honoured),
		cmocka_unit_test(large_page_downscaled_and_mapped_back),
		cmocka_unit_test(inverted_only_when_allowed),
		cmocka_unit_test(small_modules_need_upscaling),
		cmocka_unit_test(two_codes),
		cmocka_unit_test(hints_when_nothing_read),
		cmocka_unit_test(bounds),
		cmocka_unit_test(names_and_converters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
