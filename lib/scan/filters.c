/* Image steps of the scan pipeline: plain loops over packed grey bytes. */
#include <stdlib.h>
#include <string.h>
#include "scan_internal.h"

void cq_box_downscale(const uint8_t *in, unsigned w, unsigned h, size_t stride,
                      unsigned f, uint8_t *out)
{
	unsigned ow = w / f, oh = h / f;
	if (f == 1) {
		for (unsigned y = 0; y < h; y++) memcpy(out + (size_t)y * w, in + y * stride, w);
		return;
	}
	if (f == 2) {
		/* every camera frame's first pass (1280x720 to 640x360): the
		 * general loop below costs six times as much per pixel */
		for (unsigned oy = 0; oy < oh; oy++) {
			const uint8_t *r0 = in + (size_t)(2 * oy) * stride, *r1 = r0 + stride;
			uint8_t *o = out + (size_t)oy * ow;
			for (unsigned ox = 0; ox < ow; ox++)
				o[ox] = (uint8_t)((r0[2 * ox] + r0[2 * ox + 1] + r1[2 * ox] + r1[2 * ox + 1] + 2u) >> 2);
		}
		return;
	}
	uint32_t acc[4096];
	unsigned area = f * f;
	for (unsigned oy = 0; oy < oh; oy++) {
		for (unsigned x0 = 0; x0 < ow; x0 += 4096) {
			unsigned cnt = ow - x0 < 4096 ? ow - x0 : 4096;
			memset(acc, 0, cnt * sizeof *acc);
			for (unsigned dy = 0; dy < f; dy++) {
				const uint8_t *row = in + (size_t)(oy * f + dy) * stride + (size_t)x0 * f;
				for (unsigned ox = 0; ox < cnt; ox++) {
					uint32_t s = 0;
					for (unsigned dx = 0; dx < f; dx++) s += row[ox * f + dx];
					acc[ox] += s;
				}
			}
			uint8_t *o = out + (size_t)oy * ow + x0;
			for (unsigned ox = 0; ox < cnt; ox++) o[ox] = (uint8_t)((acc[ox] + area / 2) / area);
		}
	}
}

static void integral_image(const uint8_t *in, unsigned w, unsigned h, uint32_t *I)
{
	size_t W = (size_t)w + 1;
	memset(I, 0, W * sizeof *I);
	for (unsigned y = 0; y < h; y++) {
		uint32_t row = 0;
		I[(y + 1) * W] = 0;
		for (unsigned x = 0; x < w; x++) {
			row += in[(size_t)y * w + x];
			I[(y + 1) * W + x + 1] = I[y * W + x + 1] + row;
		}
	}
}

static inline uint32_t box_mean(const uint32_t *I, unsigned w, unsigned h, unsigned x,
                                unsigned y, unsigned r)
{
	size_t W = (size_t)w + 1;
	unsigned x0 = x > r ? x - r : 0, y0 = y > r ? y - r : 0;
	unsigned x1 = x + r + 1 < w ? x + r + 1 : w, y1 = y + r + 1 < h ? y + r + 1 : h;
	uint32_t s = I[y1 * W + x1] - I[y0 * W + x1] - I[y1 * W + x0] + I[y0 * W + x0];
	uint32_t area = (x1 - x0) * (y1 - y0);
	return area ? s / area : 0;   /* empty only for an empty image */
}

void cq_binarise_local(const uint8_t *in, unsigned w, unsigned h, unsigned r,
                       int bias, uint32_t *I, uint8_t *out)
{
	integral_image(in, w, h, I);
	size_t W = (size_t)w + 1;
	for (unsigned y = 0; y < h; y++) {
		unsigned y0 = y > r ? y - r : 0, y1 = y + r + 1 < h ? y + r + 1 : h;
		const uint32_t *top = I + (size_t)y0 * W, *bot = I + (size_t)y1 * W;
		const uint8_t *row = in + (size_t)y * w;
		uint8_t *o = out + (size_t)y * w;
		for (unsigned x = 0; x < w; x++) {
			unsigned x0 = x > r ? x - r : 0, x1 = x + r + 1 < w ? x + r + 1 : w;
			uint32_t sum = bot[x1] - top[x1] - bot[x0] + top[x0];
			uint32_t area = (x1 - x0) * (y1 - y0);
			/* darker than the window's mean by more than bias, without a
			 * division per pixel */
			o[x] = ((uint32_t)row[x] + (uint32_t)bias) * area < sum ? 0 : 255;
		}
	}
}

void cq_upscale2(const uint8_t *in, unsigned w, unsigned h, uint8_t *out)
{
	unsigned W = 2 * w;
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *a = in + (size_t)y * w;
		const uint8_t *b = in + (size_t)(y + 1 < h ? y + 1 : y) * w;
		uint8_t *o0 = out + (size_t)(2 * y) * W, *o1 = o0 + W;
		for (unsigned x = 0; x < w; x++) {
			unsigned x1 = x + 1 < w ? x + 1 : x;
			o0[2 * x] = a[x];
			o0[2 * x + 1] = (uint8_t)((a[x] + a[x1] + 1) / 2);
			o1[2 * x] = (uint8_t)((a[x] + b[x] + 1) / 2);
			o1[2 * x + 1] = (uint8_t)((a[x] + a[x1] + b[x] + b[x1] + 2) / 4);
		}
	}
}

void cq_sharpen(const uint8_t *in, unsigned w, unsigned h, uint32_t *I, uint8_t *out)
{
	integral_image(in, w, h, I);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) {
			int p = in[(size_t)y * w + x];
			int m = (int)box_mean(I, w, h, x, y, 2);
			int v = p + (3 * (p - m)) / 2;
			out[(size_t)y * w + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
		}
}

void cq_box_blur(const uint8_t *in, unsigned w, unsigned h, unsigned r, uint32_t *I, uint8_t *out)
{
	integral_image(in, w, h, I);
	for (unsigned y = 0; y < h; y++)
		for (unsigned x = 0; x < w; x++) out[(size_t)y * w + x] = (uint8_t)box_mean(I, w, h, x, y, r);
}

void cq_percentiles(const uint8_t *in, size_t n, unsigned permille, uint8_t *lo, uint8_t *hi)
{
	size_t hist[256] = {0};
	for (size_t i = 0; i < n; i++) hist[in[i]]++;
	size_t acc = 0, a = n * permille / 1000, b = n - n * permille / 1000;
	int l = -1, hh = 255;
	for (int v = 0; v < 256; v++) {
		acc += hist[v];
		if (l < 0 && acc > a) l = v;
		if (acc >= b) { hh = v; break; }
	}
	*lo = (uint8_t)(l < 0 ? 0 : l);
	*hi = (uint8_t)hh;
}

/* Catmull-Rom 3x. Output pixel 3i+k samples the source at i + (k-1)/3, so
 * k = 1 copies and k = 0, 2 use the fixed weights for t = 2/3 and 1/3
 * (in 27ths). Separable: rows into a temporary, then columns. */
static inline int clampi(int v, int lo, int hi) { return v < lo ? lo : v > hi ? hi : v; }

int cq_upscale3(const uint8_t *in, unsigned w, unsigned h, uint8_t *out)
{
	unsigned W = 3 * w, H = 3 * h;
	int16_t *t = malloc((size_t)W * h * sizeof *t);
	if (!t) return -1;
	static const int wa[4] = {-1, 9, 21, -2};   /* taps i-2..i+1 */
	static const int wb[4] = {-2, 21, 9, -1};   /* taps i-1..i+2 */
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *s = in + (size_t)y * w;
		int16_t *o = t + (size_t)y * W;
		int last = (int)w - 1;
		for (int i = 0; i <= last; i++) {
			int a = 0, b = 0;
			for (int k = 0; k < 4; k++) {
				a += wa[k] * s[clampi(i - 2 + k, 0, last)];
				b += wb[k] * s[clampi(i - 1 + k, 0, last)];
			}
			o[3 * i] = (int16_t)((a * 8 + 13) / 27);      /* 3 fractional bits */
			o[3 * i + 1] = (int16_t)(s[i] * 8);
			o[3 * i + 2] = (int16_t)((b * 8 + 13) / 27);
		}
	}
	int last = (int)h - 1;
	for (int i = 0; i <= last; i++) {
		uint8_t *o0 = out + (size_t)(3 * i) * W, *o1 = o0 + W, *o2 = o1 + W;
		const int16_t *r[5];
		for (int k = 0; k < 5; k++) r[k] = t + (size_t)clampi(i - 2 + k, 0, last) * W;
		for (unsigned x = 0; x < W; x++) {
			int a = wa[0] * r[0][x] + wa[1] * r[1][x] + wa[2] * r[2][x] + wa[3] * r[3][x];
			int b = wb[0] * r[1][x] + wb[1] * r[2][x] + wb[2] * r[3][x] + wb[3] * r[4][x];
			o0[x] = (uint8_t)clampi((a + 108) / 216, 0, 255);
			o1[x] = (uint8_t)clampi((r[2][x] + 4) / 8, 0, 255);
			o2[x] = (uint8_t)clampi((b + 108) / 216, 0, 255);
		}
	}
	(void)H;
	free(t);
	return 0;
}
