/* Finding and reading QR codes in a grey image: the decoding pipeline shared
 * by certqr-verify (scans, photos, rendered PDF pages) and the kiosk (camera
 * frames). Built as its own archive, libcertqr-scan.a (lib/scan/), linked
 * with zbar; it does no I/O, prints nothing and reads no clock.
 *
 * The pipeline (docs/verifying-files.md has the measurements behind it):
 *   1. the image is box-downscaled so its long side is at most `work_max`
 *      pixels (default 1000: a 1280x720 frame is halved, an A4 page at
 *      300 dpi quartered) and zbar (QR only) scans it: the common case;
 *   2. only if that finds nothing, the retries allowed by `effort`, on the
 *      image at up to 1600 pixels (the input itself for camera frames),
 *      cheapest first: plain, local-mean binarisation, 2x upscale +
 *      binarisation (small or blurred codes), sharpening, 3x bicubic +
 *      binarisation, contrast stretch with a threshold sweep, then the
 *      inverted image (light modules on dark). The first step that reads a
 *      code ends the search;
 *   3. codes read in a step are de-duplicated by text and their corners are
 *      mapped back to the coordinates of the input image.
 * When nothing is read, a hint says why it probably failed (no code-like
 * pattern at all, code too small, too blurred, too little contrast).
 *
 * Usage:
 *     cq_scan *s = cq_scan_new(NULL);              // default options
 *     cq_scan_result r;
 *     if (cq_scan_grey(s, pixels, w, h, stride, &r) == 0)
 *         for (size_t i = 0; i < r.n; i++) use(r.codes[i].text, r.codes[i].len);
 *     cq_scan_free(s);
 * One cq_scan per thread; a handle is reused across images (zbar keeps its
 * buffers). Text is copied out of zbar, so results outlive the call. */
#ifndef CERTQR_SCAN_H
#define CERTQR_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CQ_SCAN_MAX_CODES   8      /* codes reported per image; more are counted */
#define CQ_SCAN_TEXT_MAX 1024      /* longer texts are cut (flag `truncated`) */
#define CQ_SCAN_MAX_SIDE 30000     /* refuse wider or taller images */
#define CQ_SCAN_MAX_PIXELS (120u * 1000u * 1000u)

/* How hard to try when the first pass reads nothing. */
typedef enum cq_scan_effort {
	CQ_SCAN_FAST = 0,     /* one pass (plus full resolution if downscaled):
	                         for video frames, where the next frame retries */
	CQ_SCAN_NORMAL = 1,   /* + binarisation, upscale, inverted */
	CQ_SCAN_THOROUGH = 2  /* + sharpening, several thresholds: files */
} cq_scan_effort;

typedef struct cq_scan_opts {
	cq_scan_effort effort;
	unsigned work_max;    /* long side of the first pass; 0 = default 1000 */
	bool inverted;        /* try the inverted image when all else failed */
} cq_scan_opts;

/* Which step read a code (also reported by --raw and in docs). */
typedef enum cq_scan_step {
	CQ_STEP_DOWNSCALED = 0,  /* first pass at work size (or native if small) */
	CQ_STEP_FULL,            /* the retry image (up to 1600 px), plain */
	CQ_STEP_BINARISED,       /* local-mean threshold */
	CQ_STEP_UPSCALED,        /* 2x bilinear (small codes) */
	CQ_STEP_SHARPENED,       /* unsharp mask (blur) */
	CQ_STEP_STRETCHED,       /* contrast stretch + threshold sweep */
	CQ_STEP_INVERTED,        /* light-on-dark */
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
	char text[CQ_SCAN_TEXT_MAX + 1];  /* NUL-terminated; may hold NULs if binary */
	size_t len;
	bool truncated;
	int x[4], y[4];        /* corners in input-image pixels (zbar's order);
	                          all equal when zbar gave no location */
	int quality;           /* zbar's quality */
	cq_scan_step step;     /* the step that read it */
} cq_scan_code;

typedef struct cq_scan_result {
	cq_scan_code codes[CQ_SCAN_MAX_CODES];
	size_t n;              /* codes in codes[] */
	size_t n_total;        /* distinct codes seen (> n if more than the max) */
	unsigned passes;       /* zbar passes run */
	cq_scan_hint hint;
	double module_px;      /* estimated module size in input pixels, 0 if unknown */
	double sharpness;      /* mean edge strength (0..255 scale), for the hint */
} cq_scan_result;

/* NULL opts = {CQ_SCAN_THOROUGH, 1000, true}. Returns NULL if out of memory. */
typedef struct cq_scan cq_scan;
cq_scan *cq_scan_new(const cq_scan_opts *opts);
void cq_scan_free(cq_scan *s);

/* Scans one 8-bit grey image (0 = black), rows `stride` bytes apart.
 * Returns 0 (r->n may be 0: see r->hint), or -1 if the arguments are out of
 * bounds (size, stride) or memory ran out. */
int cq_scan_grey(cq_scan *s, const uint8_t *pixels, unsigned width, unsigned height,
                 size_t stride, cq_scan_result *r);

/* Converters for callers holding colour frames; write width*height bytes. */
void cq_scan_rgb_to_grey(const uint8_t *rgb, unsigned width, unsigned height,
                         size_t stride, uint8_t *grey);
void cq_scan_yuyv_to_grey(const uint8_t *yuyv, unsigned width, unsigned height,
                          size_t stride, uint8_t *grey);

const char *cq_scan_step_name(cq_scan_step s);   /* "downscaled", … */
const char *cq_scan_hint_name(cq_scan_hint h);   /* "no-code", "too-small", … */
const char *cq_scan_hint_text(cq_scan_hint h);   /* a sentence for people */

#endif
