/* Image steps of the scan pipeline (lib/scan/filters.c, diagnose.c). All
 * images are packed 8-bit grey unless a stride is given. */
#ifndef CERTQR_SCAN_INTERNAL_H
#define CERTQR_SCAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include "certqr/scan.h"

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
/* The grey levels below which `permille`/1000 of the pixels lie, and above
 * which the same share lies. */
void cq_percentiles(const uint8_t *in, size_t n, unsigned permille, uint8_t *lo, uint8_t *hi);
/* Fills r->hint, r->module_px, r->sharpness for an image nothing was read in. */
void cq_scan_diagnose(const uint8_t *img, unsigned w, unsigned h, unsigned f,
                      cq_scan_result *r);

#endif
