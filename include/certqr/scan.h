/* Finding and reading QR codes in a grey image: the decoding pipeline shared
 * by certqr-verify (scans, photos, rendered PDF pages) and the kiosk (camera
 * frames). Built as its own archive, libcertqr-scan.a (lib/scan/), linked
 * with zbar and zxing-cpp (through lib/scan/zxing.cpp, the one C++ file,
 * so a program linking it also links libstdc++); it does no I/O, prints
 * nothing and reads no clock.
 *
 * The pipeline (docs/verifying-files.md has the measurements behind it),
 * cheapest first; the first step that reads a code ends the search:
 *   1. the image box-downscaled so its long side is at most `work_max`
 *      pixels (default 1000), one zbar pass: the common case;
 *   2. zxing-cpp on the same image (it reads blur, noise and perspective
 *      zbar misses), then on the retry image (the input up to 2.2 Mpx)
 *      with zxing-cpp's own 3x pyramid;
 *   3. where the code is: QR finder patterns found on the image at up to
 *      about 2.5 megapixels; each likely code region is cut from the input
 *      at full resolution, scaled to about 4 px a module, and read by both
 *      engines (small codes in large photos, screenshots);
 *   4. (NORMAL, THOROUGH) binarised, upscaled, sharpened, stretched and
 *      inverted variants, on the regions when there are any, otherwise on
 *      the retry image;
 *   5. codes are de-duplicated by text and their corners mapped back to
 *      the input image.
 * Every step's size is bounded and the steps are counted, so an image
 * that holds no readable code is given up on in bounded time (on the
 * development machine, THOROUGH: a 1600x1200 photo in 80-250 ms of CPU; a
 * camera frame of up to a megapixel gets work in proportion to its
 * pixels, about one plain zbar pass when nothing code-like is in it).
 * When nothing is read, a hint says why it probably failed, from the
 * finder patterns seen (none, too small, blurred, low contrast, damaged).
 *
 * Usage:
 *     cq_scan *s = cq_scan_new(NULL);              // default options
 *     cq_scan_result r;
 *     if (cq_scan_grey(s, pixels, w, h, stride, &r) == 0)
 *         for (size_t i = 0; i < r.n; i++) use(r.codes[i].text, r.codes[i].len);
 *     cq_scan_free(s);
 * One cq_scan per thread; a handle is reused across images (buffers are
 * kept). Texts are copied out of the engines, so results outlive the call. */
#ifndef CERTQR_SCAN_H
#define CERTQR_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include "error.h"
#include <stdint.h>

#define CQ_SCAN_MAX_CODES   8      /* codes reported per image; more are counted */
#define CQ_SCAN_TEXT_MAX 1024      /* a longer text is not returned (flag `too_long`):
                                      no certificate comes near it */
#define CQ_SCAN_MAX_SIDE 30000     /* refuse wider or taller images */
#define CQ_SCAN_MAX_PIXELS (120u * 1000u * 1000u)
/* The work an image may get, per effort, in units of pixels weighed by
 * the cost of what is done to them (a zbar pass 8 a pixel, 4 on a
 * binarised image, a zxing-cpp pass or a filter 1, plus a fixed 50 000 a
 * decoder pass; a unit is about 40 instructions): bounds the time spent
 * on an image that holds no readable code. An image of up to a megapixel
 * (a camera frame) gets less: 10 units a pixel, 40 where the locator saw
 * a code's finder and timing patterns, at least 6 M. The first two
 * passes (zbar and zxing-cpp at work size) always run, whatever the
 * budget, and two passes come on top of it: zxing-cpp on the inverted
 * image (when asked for: 2 units a pixel and a pass; on a camera frame
 * only where the locator saw a light-on-dark code's finder patterns, a
 * look that also comes on top: 1 unit a pixel), and on a photo over
 * 2.2 Mpx (up to 16 Mpx) zxing-cpp with its pyramid on the photo itself,
 * as ZXingReader reads it (2 units a pixel and a pass); `cq_scan_result.work`
 * never exceeds that otherwise. */
#define CQ_SCAN_WORK_FAST      (10u * 1000u * 1000u)
#define CQ_SCAN_WORK_NORMAL    (14u * 1000u * 1000u)
#define CQ_SCAN_WORK_THOROUGH  (30u * 1000u * 1000u)

/* How hard to try when the first pass reads nothing. */
typedef enum cq_scan_effort {
	CQ_SCAN_FAST = 0,     /* one pass (plus full resolution if downscaled):
	                         for video frames, where the next frame retries */
	CQ_SCAN_NORMAL = 1,   /* + binarisation, upscale, inverted */
	CQ_SCAN_THOROUGH = 2  /* + sharpening, several thresholds: files */
} cq_scan_effort;

/* The decoders behind the pipeline. */
typedef enum cq_scan_engine {
	CQ_ENGINE_ZBAR = 1,
	CQ_ENGINE_ZXING = 2
} cq_scan_engine;

typedef struct cq_scan_opts {
	cq_scan_effort effort;
	unsigned work_max;    /* long side of the first pass; 0 = default 1000 */
	bool inverted;        /* try the inverted image when all else failed */
	unsigned engines;     /* CQ_ENGINE_* bits; 0 = both (tests and
	                         benchmarks restrict it) */
} cq_scan_opts;

/* Which step read a code (also reported by --raw and in docs). */
typedef enum cq_scan_step {
	CQ_STEP_DOWNSCALED = 0,  /* first pass at work size (or native if small) */
	CQ_STEP_FULL,            /* the retry image (the input up to 2.2 Mpx), plain */
	CQ_STEP_BINARISED,       /* local-mean threshold */
	CQ_STEP_UPSCALED,        /* 2x bilinear (small codes) */
	CQ_STEP_SHARPENED,       /* unsharp mask (blur) */
	CQ_STEP_STRETCHED,       /* contrast stretch + threshold sweep */
	CQ_STEP_INVERTED,        /* light-on-dark */
	CQ_STEP_REGION,          /* a region found by its finder patterns,
	                            cut from the input at full resolution */
	CQ_STEP_SMOOTHED,        /* box blur: dithered faxes, halftone, screen
	                            pixels seen by a camera */
	CQ_STEP_COUNT_
} cq_scan_step;

/* Why nothing was read (only meaningful when n == 0). */
typedef enum cq_scan_hint {
	CQ_HINT_NONE = 0,        /* a code was read */
	CQ_HINT_NO_CODE,         /* no finder-pattern-like structure anywhere */
	CQ_HINT_TOO_SMALL,       /* finder patterns seen, modules under ~2 px */
	CQ_HINT_TOO_BLURRED,     /* edges too soft to resolve modules */
	CQ_HINT_LOW_CONTRAST,    /* dark and light too close */
	CQ_HINT_DAMAGED          /* code-like, sharp enough, still unreadable */
} cq_scan_hint;

typedef struct cq_scan_code {
	char text[CQ_SCAN_TEXT_MAX + 1];  /* NUL-terminated; may hold NULs if binary;
	                                     empty when too_long */
	size_t len;            /* bytes in text (0 when too_long) */
	bool too_long;         /* the code's text has more than CQ_SCAN_TEXT_MAX
	                          bytes: reported so, never cut (text is empty) */
	size_t full_len;       /* the code's text length, also when too_long */
	/* The symbol's four outer corners (the edge of its outermost modules,
	 * quiet zone excluded) in input-image pixels, in the symbol's own
	 * order: [0] top-left, [1] top-right, [2] bottom-right, [3] bottom-left
	 * as the code is drawn, i.e. the finder patterns sit at corners 0, 1
	 * and 3, whatever the rotation in the image. Both engines give them
	 * to within one pixel of the image they read; a code read on a
	 * downscaled image is within that scale factor (see `step`). */
	int x[4], y[4];
	int quality;           /* zbar's quality; 1 for zxing-cpp */
	cq_scan_step step;     /* the step that read it */
	cq_scan_engine engine; /* the decoder that read it */
} cq_scan_code;

typedef struct cq_scan_result {
	cq_scan_code codes[CQ_SCAN_MAX_CODES];
	size_t n;              /* codes in codes[] */
	size_t n_total;        /* distinct codes seen (> n if more than the max) */
	unsigned passes;       /* decoder passes run (zbar and zxing-cpp) */
	size_t work;           /* work units spent (CQ_SCAN_WORK_*) */
	cq_scan_hint hint;
	double module_px;      /* estimated module size in input pixels, 0 if unknown */
	double sharpness;      /* mean edge strength (0..255 scale), for the hint */
} cq_scan_result;

/* NULL opts = {CQ_SCAN_THOROUGH, 1000, true, both engines}. Returns NULL if
 * out of memory. */
typedef struct cq_scan cq_scan;
cq_scan *cq_scan_new(const cq_scan_opts *opts);
void cq_scan_free(cq_scan *s);

/* Scans one 8-bit grey image (0 = black), rows `stride` bytes apart.
 * Returns 0 (r->n may be 0: see r->hint), or -1 if the arguments are out of
 * bounds (size, stride) or memory ran out. An image under 21 pixels on a
 * side cannot hold a code: 0 with hint CQ_HINT_NO_CODE. */
CQ_MUST_USE int cq_scan_grey(cq_scan *s, const uint8_t *pixels, unsigned width, unsigned height,
                 size_t stride, cq_scan_result *r);

/* Converters for callers holding colour frames; write width*height bytes. */
void cq_scan_rgb_to_grey(const uint8_t *rgb, unsigned width, unsigned height,
                         size_t stride, uint8_t *grey);
void cq_scan_yuyv_to_grey(const uint8_t *yuyv, unsigned width, unsigned height,
                          size_t stride, uint8_t *grey);

const char *cq_scan_step_name(cq_scan_step s);   /* "downscaled", … */
const char *cq_scan_engine_name(cq_scan_engine e); /* "zbar", "zxing" */
const char *cq_scan_hint_name(cq_scan_hint h);   /* "no-code", "too-small", … */
const char *cq_scan_hint_text(cq_scan_hint h);   /* a sentence for people */

#endif
