/* Image steps of the scan pipeline (lib/scan/filters.c, diagnose.c). All
 * images are packed 8-bit grey unless a stride is given. */
#ifndef CERTQR_SCAN_INTERNAL_H
#define CERTQR_SCAN_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "certqr/scan.h"

#ifdef __cplusplus
extern "C" {
#endif

struct cq_buf { uint8_t *p; size_t cap; };
int cq_buf_reserve(struct cq_buf *b, size_t n);

/* Mean of f*f blocks; out is (w/f)*(h/f). f == 1 packs the rows. */
void cq_box_downscale(const uint8_t *in, unsigned w, unsigned h, size_t stride,
                      unsigned f, uint8_t *out);
/* Pixel darker than (local mean over a (2r+1)^2 window) - bias: 0, else 255.
 * `integral` holds (w+1)*(h+1) entries. */
void cq_binarise_local(const uint8_t *in, unsigned w, unsigned h, unsigned r,
                       int bias, uint32_t *integral, uint8_t *out);
/* Bilinear 2x: out is (2w)*(2h). */
void cq_upscale2(const uint8_t *in, unsigned w, unsigned h, uint8_t *out);
/* Catmull-Rom 3x: out is (3w)*(3h). -1 if out of memory. */
int cq_upscale3(const uint8_t *in, unsigned w, unsigned h, uint8_t *out);
/* Unsharp mask with a 5x5 box: out = in + 1.5 (in - blur). */
void cq_sharpen(const uint8_t *in, unsigned w, unsigned h, uint32_t *integral, uint8_t *out);
/* Mean over the (2r+1)^2 window: dithering (fax), halftone, screen pixels. */
void cq_box_blur(const uint8_t *in, unsigned w, unsigned h, unsigned r, uint32_t *integral, uint8_t *out);
/* The grey levels below which `permille`/1000 of the pixels lie, and above
 * which the same share lies. */
void cq_percentiles(const uint8_t *in, size_t n, unsigned permille, uint8_t *lo, uint8_t *hi);


/* Code location (lib/scan/locate.c). */
typedef struct cq_finder {
	float x, y;            /* centre */
	float module;          /* module size, pixels */
	float aspect;          /* module width / height: 2 on a fax in standard mode */
	unsigned hits;         /* rows that crossed it */
} cq_finder;
typedef struct cq_region {
	float x0, y0, x1, y1;  /* bounding box, quiet zone and slack included */
	float module;
	float aspect;
	unsigned finders;      /* 3: a triple of finders, 2: a pair, 1: a lone finder */
	unsigned timing;       /* a triple's timing patterns that alternate as a
	                          code's do (0-2): 2 is strong evidence of a code */
} cq_region;
#define CQ_SCAN_MAX_REGIONS 6
/* Local threshold on 8x8 blocks against the mean of the 5x5 blocks around
 * (light 255, dark 0); out is packed w*h. -1 if out of memory. */
int cq_binarise_blocks(const uint8_t *in, unsigned w, unsigned h, size_t stride,
                       struct cq_buf *scratch, uint8_t *out);
/* Finder-pattern candidates in a binarised image, rows `step` apart,
 * merged by place; returns how many (at most max). `dark` is the value
 * of a dark module: 0, or 255 to find the finders of a light-on-dark
 * code. With `stop`, the search ends at the max-th candidate (for a
 * caller that needs to know whether there are that many), otherwise it
 * goes on merging rows into the candidates it has. */
size_t cq_find_finders(const uint8_t *bin, unsigned w, unsigned h, unsigned step, uint8_t dark,
                       cq_finder *out, size_t max, bool stop);
/* Likely code regions from finders found in bin (w*h), best first (at
 * most max, at most CQ_SCAN_MAX_REGIONS). Coordinates as the finders'.
 * The search for triples stops before its cost could pass `limit`; *work
 * gets that cost, in the pipeline's work units (triples scored, pixels
 * walked along timing patterns). */
size_t cq_code_regions(const uint8_t *bin, unsigned w, unsigned h, const cq_finder *f, size_t n,
                       cq_region *out, size_t max, size_t limit, size_t *work);

/* Fills r->hint, r->module_px, r->sharpness for an image nothing was read
 * in: img is the retry image (w*h, f input pixels a pixel), g the ng code
 * regions the locator found on its image (lf input pixels a pixel). */
void cq_scan_diagnose(const uint8_t *img, unsigned w, unsigned h, unsigned f,
                      const cq_region *g, size_t ng, unsigned lf, cq_scan_result *r);

/* zxing-cpp (lib/scan/zxing.cpp): one ReadBarcodes call, QR only, on a
 * grey image; each valid code goes to `sink` with its text (UTF-8) and its
 * corners top-left, top-right, bottom-right, bottom-left of the symbol, in
 * image pixels. Returns the number of codes, or -1 (out of memory or any
 * other failure inside zxing-cpp). */
enum {
	CQ_ZX_HARDER = 1,      /* tryHarder + tryRotate: every row, both ways */
	CQ_ZX_GLOBAL = 2,      /* global histogram threshold instead of local */
	CQ_ZX_DOWNSCALE = 4    /* zxing's own downscaled retries (ZXingReader's default) */
};
typedef void (*cq_zx_sink)(void *ctx, const char *text, size_t len, const int x[4], const int y[4]);
int cq_zx_read(const uint8_t *px, unsigned w, unsigned h, size_t stride, unsigned flags,
               cq_zx_sink sink, void *ctx);

#ifdef __cplusplus
}
#endif
#endif
