/* One pixel's grey and colour dropout values from R, G, B (0..255), as
 * every certqr reader computes them (lib/render for certqr-verify files,
 * the kiosk's dropped pictures), so that the page check (pagecheck.h)
 * judges the same planes whichever verifier read the file.
 *
 * Grey: luminance, rounded (77 R + 150 G + 29 B) / 256. Dropout: the
 * brightest channel plus its colourfulness, 2 max - min, at most 255:
 * black print stays black, a red seal or a blue pen fades to paper
 * (render.h, cq_grey.drop). Pure, header only. */
#ifndef CERTQR_DROPOUT_H
#define CERTQR_DROPOUT_H

#include <stdint.h>

static inline uint8_t cq_grey_of(unsigned r, unsigned g, unsigned b)
{
	return (uint8_t)((77u * r + 150u * g + 29u * b + 128) >> 8);
}

static inline uint8_t cq_dropout_of(unsigned r, unsigned g, unsigned b)
{
	unsigned hi = r > g ? r : g, lo = r < g ? r : g;
	hi = hi > b ? hi : b;
	lo = lo < b ? lo : b;
	unsigned m = 2 * hi - lo;
	return (uint8_t)(m > 255 ? 255 : m);
}

#endif
