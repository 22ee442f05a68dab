/* The decoding pipeline (include/certqr/scan.h) on codes drawn with
 * libqrencode: exact text, each retry step where it is needed, stride,
 * corners in the documented order from both engines at any rotation, a
 * small code in a large photo found by its finder patterns, several codes,
 * a text over the bound reported as such, hints for images without a
 * readable code, a bounded amount of work on noise, and argument bounds. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <qrencode.h>
#include "certqr/scan.h"
#include "../../lib/scan/scan_internal.h"

#define TEXT "CQ1:H60FUKW8AD*B %9-RN 8RYOF::0O-9QZ04%U224448000C00W004R3HA4MLON8EDB13%N7"

/* Draws `text` with modules of `mod` pixels (fractional: area-averaged, as a
 * camera sees it) at (x0, y0) into a w*h image of the given stride, dark
 * modules `dk`, light ones `lt`. */
static void draw_grey(uint8_t *img, unsigned w, unsigned h, size_t stride, const char *text, double mod,
                      unsigned x0, unsigned y0, int dk, int lt)
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
			img[(size_t)(y0 + y) * stride + x0 + x] = (uint8_t)(lt - (int)dark * (lt - dk) / 16);
		}
	QRcode_free(q);
}

/* Black on white, or white on black if `invert`. */
static void draw(uint8_t *img, unsigned w, unsigned h, size_t stride, const char *text, double mod,
                 unsigned x0, unsigned y0, int invert)
{
	draw_grey(img, w, h, stride, text, mod, x0, y0, invert ? 255 : 0, invert ? 0 : 255);
}

/* Draws `text` with modules of `mod` pixels turned by `deg` about (cx, cy);
 * returns the symbol's corners (top-left, top-right, bottom-right,
 * bottom-left as drawn) in x[], y[]. */
static void draw_turned(uint8_t *img, unsigned w, unsigned h, const char *text, double mod, double deg,
                        double cx, double cy, double x[4], double y[4])
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	assert_non_null(q);
	double a = deg * M_PI / 180, c = cos(a), s = sin(a), n = q->width;
	for (unsigned py = 0; py < h; py++)
		for (unsigned px = 0; px < w; px++) {
			unsigned dark = 0;
			for (int sy = 0; sy < 4; sy++)
				for (int sx = 0; sx < 4; sx++) {
					double dx = px + (sx + 0.5) / 4 - cx, dy = py + (sy + 0.5) / 4 - cy;
					double u = (c * dx + s * dy) / mod + n / 2, v = (-s * dx + c * dy) / mod + n / 2;
					if (u >= 0 && v >= 0 && u < n && v < n && (q->data[(int)v * q->width + (int)u] & 1)) dark++;
				}
			if (dark) img[(size_t)py * w + px] = (uint8_t)(255 - dark * 255 / 16);
		}
	static const double cu[4] = {0, 1, 1, 0}, cv[4] = {0, 0, 1, 1};
	for (int k = 0; k < 4; k++) {
		double u = (cu[k] - 0.5) * n * mod, v = (cv[k] - 0.5) * n * mod;
		x[k] = cx + c * u - s * v;
		y[k] = cy + s * u + c * v;
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

/* Scans a w*h image with the default options and checks that it holds
 * TEXT alone, read at `step`; returns the result. */
static cq_scan_result read_text_at(const uint8_t *img, unsigned w, unsigned h, cq_scan_step step)
{
	cq_scan *s = cq_scan_new(NULL);
	assert_non_null(s);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	cq_scan_free(s);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, step);
	return r;
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
	assert_int_equal(r.codes[0].engine, CQ_ENGINE_ZBAR);
	assert_false(r.codes[0].too_long);
	assert_int_equal(r.codes[0].full_len, strlen(TEXT));
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
	assert_int_not_equal(r.codes[0].step, CQ_STEP_DOWNSCALED);
	cq_scan_free(s);
	/* modules of 1.4 px in a photo: its region is read upscaled */
	uint8_t *big = page(1150, 1700, 200);
	draw(big, 1700, 1150, 1700, TEXT, 1.4, 850, 383, 0);
	s = cq_scan_new(NULL);
	assert_int_equal(cq_scan_grey(s, big, 1700, 1150, 1700, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_UPSCALED);
	cq_scan_free(s);
	free(big);
	/* the fast setting (video frames) makes few passes: the next frame retries */
	cq_scan_opts o = {.effort = CQ_SCAN_FAST};
	s = cq_scan_new(&o);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_true(r.passes <= 4);
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

/* A box blur of radius r, in place (for the blurred-code hint). */
static void blur(uint8_t *img, unsigned w, unsigned h, int r)
{
	uint8_t *t = malloc((size_t)w * h);
	assert_non_null(t);
	for (int pass = 0; pass < 2; pass++) {   /* rows, then columns */
		for (unsigned y = 0; y < h; y++)
			for (unsigned x = 0; x < w; x++) {
				unsigned sum = 0, n = 0;
				for (int k = -r; k <= r; k++) {
					int xx = pass ? (int)x : (int)x + k, yy = pass ? (int)y + k : (int)y;
					if (xx < 0 || yy < 0 || xx >= (int)w || yy >= (int)h) continue;
					sum += img[(size_t)yy * w + (size_t)xx];
					n++;
				}
				t[(size_t)y * w + x] = (uint8_t)(sum / n);
			}
		memcpy(img, t, (size_t)w * h);
	}
	free(t);
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
	/* a code with its middle covered: found, not readable */
	draw(img, 640, 480, 640, TEXT, 5, 150, 100, 0);
	for (unsigned y = 170; y < 300; y++) memset(img + y * 640 + 150, 255, 205);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_DAMAGED);
	assert_true(r.module_px > 4 && r.module_px < 6.5);
	/* the same code, defocused */
	memset(img, 255, 640 * 480);
	draw(img, 640, 480, 640, TEXT, 5, 150, 100, 0);
	blur(img, 640, 480, 7);
	blur(img, 640, 480, 7);
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_TOO_BLURRED);
	/* grey on grey, four levels apart, under sensor noise */
	memset(img, 255, 640 * 480);
	draw(img, 640, 480, 640, TEXT, 5, 150, 100, 0);
	uint32_t x = 7;
	for (size_t i = 0; i < 640 * 480; i++) {
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		img[i] = (uint8_t)(100 + img[i] / 64 + (int)(x % 7) - 3);
	}
	assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_LOW_CONTRAST);
	cq_scan_free(s);
	free(img);
}

static void corners_in_order_from_both_engines(void **state)
{
	(void)state;
	static const double angles[] = {0, 30, 90, 200, 315};
	static const unsigned engines[] = {CQ_ENGINE_ZBAR, CQ_ENGINE_ZXING};
	for (size_t e = 0; e < 2; e++) {
		cq_scan_opts o = {.effort = CQ_SCAN_THOROUGH, .engines = engines[e]};
		cq_scan *s = cq_scan_new(&o);
		for (size_t i = 0; i < sizeof angles / sizeof *angles; i++) {
			uint8_t *img = page(480, 640, 255);
			double x[4], y[4];
			draw_turned(img, 640, 480, TEXT, 5, angles[i], 320, 240, x, y);
			cq_scan_result r;
			assert_int_equal(cq_scan_grey(s, img, 640, 480, 640, &r), 0);
			assert_int_equal(r.n, 1);
			assert_string_equal(r.codes[0].text, TEXT);
			assert_int_equal(r.codes[0].engine, engines[e]);
			for (int k = 0; k < 4; k++) {
				/* within 2 px, plus the first pass's downscale */
				double tol = 2.5;
				if (fabs(r.codes[0].x[k] - x[k]) > tol || fabs(r.codes[0].y[k] - y[k]) > tol)
					fail_msg("%s at %.0f deg, corner %d: (%d,%d) want (%.1f,%.1f)", cq_scan_engine_name(engines[e]),
					         angles[i], k, r.codes[0].x[k], r.codes[0].y[k], x[k], y[k]);
			}
			free(img);
		}
		cq_scan_free(s);
	}
}

static void small_code_in_large_photo_found_by_region(void **state)
{
	(void)state;
	unsigned w = 4032, h = 3024;   /* a phone photo; modules of 2.2 px */
	uint8_t *img = page(h, w, 200);
	double x[4], y[4];
	draw_turned(img, w, h, TEXT, 2.2, 12, 3100, 900, x, y);
	cq_scan_result r = read_text_at(img, w, h, CQ_STEP_REGION);
	for (int k = 0; k < 4; k++) {
		assert_true(fabs(r.codes[0].x[k] - x[k]) < 3);
		assert_true(fabs(r.codes[0].y[k] - y[k]) < 3);
	}
	free(img);
}

static void text_over_the_bound_is_reported_not_cut(void **state)
{
	(void)state;
	char big[1501];
	for (size_t i = 0; i < 1500; i++) big[i] = (char)('A' + i % 26);
	big[1500] = 0;
	uint8_t *img = page(800, 800, 255);
	draw(img, 800, 800, 800, big, 4, 40, 40, 0);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, 800, 800, 800, &r), 0);
	assert_int_equal(r.n, 1);
	assert_true(r.codes[0].too_long);
	assert_int_equal(r.codes[0].full_len, 1500);
	assert_int_equal(r.codes[0].len, 0);
	assert_string_equal(r.codes[0].text, "");
	/* the largest text that fits is returned whole */
	big[CQ_SCAN_TEXT_MAX] = 0;
	memset(img, 255, 800 * 800);
	draw(img, 800, 800, 800, big, 4, 40, 40, 0);
	assert_int_equal(cq_scan_grey(s, img, 800, 800, 800, &r), 0);
	assert_int_equal(r.n, 1);
	assert_false(r.codes[0].too_long);
	assert_int_equal(r.codes[0].len, CQ_SCAN_TEXT_MAX);
	assert_memory_equal(r.codes[0].text, big, CQ_SCAN_TEXT_MAX);
	cq_scan_free(s);
	free(img);
}

static void strips_and_tiny_images(void **state)
{
	(void)state;
	/* 1 x 30000 and 30000 x 1 (a hostile PNG once took the downscale to
	 * zero width), and 20 x 20: no code fits, nothing is read or touched
	 * out of bounds */
	uint8_t *px = malloc(30000);
	assert_non_null(px);
	memset(px, 128, 30000);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, px, 1, 30000, 1, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_NO_CODE);
	assert_int_equal(cq_scan_grey(s, px, 30000, 1, 30000, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(cq_scan_grey(s, px, 20, 20, 20, &r), 0);
	assert_int_equal(r.passes, 0);
	/* 25 x 20000: still narrow, scanned without a zero-sized step */
	uint8_t *tall = malloc(25u * 20000u);
	assert_non_null(tall);
	memset(tall, 200, 25u * 20000u);
	assert_int_equal(cq_scan_grey(s, tall, 25, 20000, 25, &r), 0);
	assert_int_equal(r.n, 0);
	cq_scan_free(s);
	free(tall);
	free(px);
}

static void work_on_noise_is_bounded(void **state)
{
	(void)state;
	unsigned w = 1600, h = 1200;
	uint8_t *img = malloc((size_t)w * h);
	assert_non_null(img);
	uint32_t x = 12345;
	for (size_t i = 0; i < (size_t)w * h; i++) {   /* xorshift: the same noise every run */
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		img[i] = (uint8_t)x;
	}
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 0);
	/* every pass and filter is counted against the budget (the noise
	 * shows finder look-alikes, whose small regions cost little each) */
	assert_true(r.passes >= 4);
	assert_true(r.work > (size_t)w * h && r.work <= CQ_SCAN_WORK_THOROUGH + 2 * (size_t)w * h + 50000);
	cq_scan_free(s);
	free(img);
}

/* The retries work on the input itself up to 2.2 megapixels (a
 * 1600x1200 photo, a standard-mode fax page), else on a copy shrunk by
 * the smallest integer factor that fits. A code with 1.6 px modules is
 * read by zxing-cpp on that retry image just under the limit, at full
 * resolution (corners to 2 px); just over it, the retry image is halved
 * (0.8 px modules) and the code is read from its region instead. */
static void retry_image_is_the_input_up_to_2_2_megapixels(void **state)
{
	(void)state;
	static const unsigned size[2][2] = {{1700, 1150}, {2100, 1200}};   /* 1.96 and 2.52 Mpx */
	for (int i = 0; i < 2; i++) {
		unsigned w = size[i][0], h = size[i][1];
		uint8_t *img = page(h, w, 200);
		draw(img, w, h, w, TEXT, 1.6, w / 2, h / 3, 0);
		cq_scan_result r = read_text_at(img, w, h, i == 0 ? CQ_STEP_FULL : CQ_STEP_REGION);
		assert_true(abs(r.codes[0].x[0] - (int)(w / 2)) <= 2 && abs(r.codes[0].y[0] - (int)(h / 3)) <= 2);
		free(img);
	}
}

/* Floyd-Steinberg error diffusion to black and white: a fax of grey. */
static void dither(uint8_t *img, unsigned w, unsigned h)
{
	int *e = calloc((size_t)w * h, sizeof *e);
	assert_non_null(e);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			size_t i = (size_t)y * w + x;
			int v = img[i] + e[i] / 16, o = v < 128 ? 0 : 255, err = v - o;
			img[i] = (uint8_t)o;
			if (x + 1 < w) e[i + 1] += err * 7;
			if (y + 1 < h) {
				if (x) e[i + w - 1] += err * 3;
				e[i + w] += err * 5;
				if (x + 1 < w) e[i + w + 1] += err;
			}
		}
	free(e);
}

/* A bilevel page (a fax of a grey page, dithered) larger than the retry
 * size: its retry image (box-downscaled, which averages the dots) is
 * binarised and read before the locator's regions are, in four passes
 * (the first two, zxing-cpp on the retry image, then that one). */
static void bilevel_page_read_binarised_before_regions(void **state)
{
	(void)state;
	unsigned w = 1728, h = 2200;   /* A4 at 204x196 dpi */
	uint8_t *img = page(h, w, 200);
	draw_grey(img, w, h, w, TEXT, 3, w / 2, h / 3, 40, 230);
	dither(img, w, h);
	cq_scan_result r = read_text_at(img, w, h, CQ_STEP_BINARISED);
	assert_int_equal(r.passes, 4);
	free(img);
}

/* A camera frame (up to a megapixel) gets work in proportion to its
 * pixels: about one plain zbar pass (10 units a pixel), and nothing but
 * the inverted image after the locator when it saw no finder patterns;
 * four times that where the locator saw a code's
 * three finder patterns and timing patterns. An image over a megapixel
 * gets the effort's whole budget. */
static void frames_get_work_in_proportion(void **state)
{
	(void)state;
	unsigned w = 1280, h = 720;
	uint8_t *img = page(h, 1400, 200);
	uint32_t x = 4242;
	for (size_t i = 0; i < (size_t)1400 * h; i++) {   /* a grey desk under sensor noise */
		x ^= x << 13; x ^= x >> 17; x ^= x << 5;
		img[i] = (uint8_t)(150 + (i % 1400) / 20 + (int)(x % 9));
	}
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, 1400, &r), 0);
	assert_int_equal(r.n, 0);
	/* no finder pattern seen, of either colour: the first passes and
	 * zxing-cpp on the frame itself, nothing more */
	assert_int_equal(r.passes, 3);
	assert_true(r.work <= (size_t)w * h * 10);
	/* the same scene, 1400x720: more than a megapixel, more work */
	cq_scan_result r2;
	assert_int_equal(cq_scan_grey(s, img, 1400, h, 1400, &r2), 0);
	assert_int_equal(r2.n, 0);
	assert_true(r2.work > (size_t)1400 * h * 10);
	assert_true(r2.work <= CQ_SCAN_WORK_THOROUGH + 2 * (size_t)1400 * h + 50000);
	/* a code whose data is covered, finders and timing patterns intact:
	 * found, worth more work, not read */
	draw(img, w, h, 1400, TEXT, 4, 500, 200, 0);
	for (unsigned y = 200 + 9 * 4; y < 200 + 34 * 4; y++) memset(img + (size_t)y * 1400 + 500 + 9 * 4, 255, 25 * 4);
	assert_int_equal(cq_scan_grey(s, img, w, h, 1400, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.hint, CQ_HINT_DAMAGED);
	/* more than a frame without a code can get (10 a pixel, and the
	 * inverted pass on top: 2 a pixel and a pass) */
	assert_true(r.work > (size_t)w * h * 12 + 50000);
	assert_true(r.work <= (size_t)w * h * 40 + 2 * (size_t)w * h + 50000);
	cq_scan_free(s);
	free(img);
}

/* A frame's inverted image is read only where the locator sees a
 * light-on-dark code's finder patterns: not on a frame that shows none
 * (frames_get_work_in_proportion), but on one with a light-on-dark code,
 * read or not. */
static void frame_inverted_only_where_seen(void **state)
{
	(void)state;
	unsigned w = 1280, h = 720;
	uint8_t *img = page(h, w, 200);
	for (unsigned y = 150; y < 450; y++) memset(img + (size_t)y * w + 400, 20, 300);
	draw_grey(img, w, h, w, TEXT, 4, 440, 190, 235, 20);
	cq_scan *s = cq_scan_new(NULL);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_INVERTED);
	/* its data covered: the inverted pass still runs (after the first
	 * three), and reads nothing */
	for (unsigned y = 190 + 9 * 4; y < 190 + 34 * 4; y++) memset(img + (size_t)y * w + 440 + 9 * 4, 20, 25 * 4);
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.passes, 4);
	cq_scan_free(s);
	free(img);
}

/* Without zxing-cpp (the web page's build: zbar alone), the inverted pass
 * on top of a frame's budget is zbar's, and reads a light-on-dark code. */
static void frame_inverted_read_by_zbar_alone(void **state)
{
	(void)state;
	unsigned w = 1280, h = 720;
	uint8_t *img = page(h, w, 200);
	for (unsigned y = 150; y < 450; y++) memset(img + (size_t)y * w + 400, 20, 300);
	draw_grey(img, w, h, w, TEXT, 4, 440, 190, 235, 20);
	cq_scan_opts o = {.effort = CQ_SCAN_THOROUGH, .inverted = true, .engines = CQ_ENGINE_ZBAR};
	cq_scan *s = cq_scan_new(&o);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_INVERTED);
	assert_int_equal(r.codes[0].engine, CQ_ENGINE_ZBAR);
	cq_scan_free(s);
	free(img);
}

/* A washed-out frame (22 grey levels between dark and light modules):
 * zxing-cpp, which reads what zbar cannot at a frame's first pass (here
 * the only engine), sees every block as flat, whole or downscaled;
 * stretched to the full range, the frame is read. */
static void flat_frame_read_stretched(void **state)
{
	(void)state;
	unsigned w = 1280, h = 720;
	uint8_t *img = page(h, w, 146);
	for (unsigned y = 0; y < h; y++) memset(img + (size_t)y * w, 128, 400);   /* a dim desk beside the page */
	draw_grey(img, w, h, w, TEXT, 2, 700, 250, 124, 146);
	cq_scan_opts o = {.effort = CQ_SCAN_THOROUGH, .inverted = true, .engines = CQ_ENGINE_ZXING};
	cq_scan *s = cq_scan_new(&o);
	cq_scan_result r;
	assert_int_equal(cq_scan_grey(s, img, w, h, w, &r), 0);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.codes[0].text, TEXT);
	assert_int_equal(r.codes[0].step, CQ_STEP_STRETCHED);
	/* the pass after the first three */
	assert_int_equal(r.passes, 3);
	cq_scan_free(s);
	free(img);
}

/* The locator's block threshold (lib/scan/locate.c), written for speed,
 * against its definition: each 8x8 block's mean (a flat block: half its
 * minimum, or its dark neighbours' mean), the threshold of a pixel the
 * mean of the 5x5 blocks around its block, clamped inside the image.
 * Sizes under and over five blocks, partial blocks, a stride. */
static void locator_threshold_as_defined(void **state)
{
	(void)state;
	static const unsigned sizes[][2] = {{8, 8}, {21, 13}, {33, 40}, {41, 9}, {100, 77}, {203, 64}};
	uint32_t x = 99;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		unsigned w = sizes[k][0], h = sizes[k][1], stride = w + 3;
		uint8_t *in = malloc((size_t)stride * h), *out = malloc((size_t)w * h), *want = malloc((size_t)w * h);
		assert_true(in && out && want);
		for (size_t i = 0; i < (size_t)stride * h; i++) {
			x ^= x << 13; x ^= x >> 17; x ^= x << 5;
			/* patches of flat grey beside noisy ones */
			in[i] = (uint8_t)((i / 24) % 3 ? 90 + x % 12 : x % 256);
		}
		unsigned bw = (w + 7) / 8, bh = (h + 7) / 8;
		uint8_t avg[32][32];
		for (unsigned by = 0; by < bh; by++)
			for (unsigned bx = 0; bx < bw; bx++) {
				unsigned mn = 255, mx = 0, sum = 0, n = 0;
				for (unsigned yy = by * 8; yy < by * 8 + 8 && yy < h; yy++)
					for (unsigned xx = bx * 8; xx < bx * 8 + 8 && xx < w; xx++, n++) {
						unsigned v = in[(size_t)yy * stride + xx];
						sum += v;
						mn = v < mn ? v : mn;
						mx = v > mx ? v : mx;
					}
				unsigned a = sum / n;
				if (mx - mn <= 24) {
					a = mn / 2;
					if (by > 0 && bx > 0) {
						unsigned nb = (avg[by - 1][bx] + 2u * avg[by][bx - 1] + avg[by - 1][bx - 1]) / 4;
						if (mn < nb) a = nb;
					}
				}
				avg[by][bx] = (uint8_t)a;
			}
		for (unsigned yy = 0; yy < h; yy++)
			for (unsigned xx = 0; xx < w; xx++) {
				int by = (int)(yy / 8), bx = (int)(xx / 8);
				int cy = by < 2 ? 2 : by > (int)bh - 3 ? ((int)bh > 4 ? (int)bh - 3 : 2) : by;
				int cx = bx < 2 ? 2 : bx > (int)bw - 3 ? ((int)bw > 4 ? (int)bw - 3 : 2) : bx;
				unsigned sum = 0, n = 0;
				for (int j = cy - 2; j <= cy + 2; j++)
					for (int i = cx - 2; i <= cx + 2; i++)
						if (j < (int)bh && i < (int)bw) { sum += avg[j][i]; n++; }
				want[(size_t)yy * w + xx] = in[(size_t)yy * stride + xx] <= sum / n ? 0 : 255;
			}
		struct cq_buf scratch = {0};
		assert_int_equal(cq_binarise_blocks(in, w, h, stride, &scratch, out), 0);
		assert_memory_equal(out, want, (size_t)w * h);
		/* and the 2x box downscale (a frame's first pass): rounded means */
		cq_box_downscale(in, w, h, stride, 2, out);
		for (unsigned yy = 0; yy < h / 2; yy++)
			for (unsigned xx = 0; xx < w / 2; xx++) {
				const uint8_t *p = in + (size_t)(2 * yy) * stride + 2 * xx;
				assert_int_equal(out[(size_t)yy * (w / 2) + xx], (p[0] + p[1] + p[stride] + p[stride + 1] + 2) / 4);
			}
		free(scratch.p);
		free(in);
		free(out);
		free(want);
	}
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
	assert_string_equal(cq_scan_step_name(CQ_STEP_REGION), "region");
	assert_string_equal(cq_scan_step_name(CQ_STEP_SMOOTHED), "smoothed");
	assert_string_equal(cq_scan_step_name(CQ_STEP_COUNT_), "?");
	assert_string_equal(cq_scan_engine_name(CQ_ENGINE_ZXING), "zxing");
	assert_string_equal(cq_scan_hint_name(CQ_HINT_TOO_BLURRED), "too-blurred");
	/* Chinese first, English beside it, each saying what to do */
	assert_non_null(strstr(cq_scan_hint_text(CQ_HINT_TOO_SMALL), "靠近"));
	assert_non_null(strstr(cq_scan_hint_text(CQ_HINT_TOO_SMALL), "move closer"));
	assert_non_null(strstr(cq_scan_hint_text(CQ_HINT_LOW_CONTRAST), "add light"));
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
		cmocka_unit_test(corners_in_order_from_both_engines),
		cmocka_unit_test(small_code_in_large_photo_found_by_region),
		cmocka_unit_test(text_over_the_bound_is_reported_not_cut),
		cmocka_unit_test(strips_and_tiny_images),
		cmocka_unit_test(work_on_noise_is_bounded),
		cmocka_unit_test(retry_image_is_the_input_up_to_2_2_megapixels),
		cmocka_unit_test(bilevel_page_read_binarised_before_regions),
		cmocka_unit_test(frames_get_work_in_proportion),
		cmocka_unit_test(frame_inverted_only_where_seen),
		cmocka_unit_test(frame_inverted_read_by_zbar_alone),
		cmocka_unit_test(flat_frame_read_stretched),
		cmocka_unit_test(locator_threshold_as_defined),
		cmocka_unit_test(bounds),
		cmocka_unit_test(names_and_converters),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
