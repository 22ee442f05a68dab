/* Where a code is, before reading it: QR finder patterns (the three nested
 * squares, dark-light-dark runs in the ratio 1:1:3:1:1 on every line
 * through their centre) found on a block-thresholded image, confirmed
 * across, merged, and grouped into likely code regions. A multi-megapixel
 * photo holding a small code is then read from a full-resolution crop
 * instead of a copy shrunk below readable size, and an image without a
 * readable code gets a hint from what was (or was not) found. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "scan_internal.h"

/* ---- block threshold (the idea of zxing's HybridBinarizer) ---------- */

#define BLK 8
#define MIN_RANGE 24   /* a block with less contrast is flat: no edge inside */

/* Eight pixels at a time in a 64-bit word (SWAR): a block is eight
 * pixels wide, and the compiler vectorises none of these loops at -O2.
 * Bytes of a word: 0xff where a's byte is above b's, else 0. Per byte,
 * the low seven bits compare without borrowing from the next byte (one
 * more taken off, so that the top bit says "above"), the top bits
 * decide where they differ. */
#define ONES 0x0101010101010101ull
#define TOPS 0x8080808080808080ull
static inline uint64_t bytes_above(uint64_t a, uint64_t b)
{
	uint64_t low = ((a | TOPS) - ((b & ~TOPS) + ONES)) & TOPS;
	uint64_t gt = ((a & ~b) | (~(a ^ b) & low)) & TOPS;
	return (gt >> 7) * 0xff;
}

static inline uint64_t load8(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return v;
}

/* Minimum, maximum and sum of an 8x8 block: byte by byte down the rows,
 * then across the eight columns. */
static void block_stats8(const uint8_t *p, size_t stride, unsigned *mn, unsigned *mx, unsigned *sum)
{
	uint64_t lo = load8(p), hi = lo, s = 0;
	for (unsigned y = 0; y < BLK; y++, p += stride) {
		uint64_t v = load8(p), up = bytes_above(v, hi), down = bytes_above(lo, v);
		hi = (v & up) | (hi & ~up);
		lo = (v & down) | (lo & ~down);
		s += (v & 0x00ff00ff00ff00ffull) + ((v >> 8) & 0x00ff00ff00ff00ffull);   /* four 16-bit sums */
	}
	unsigned a = 255, b = 0;
	for (unsigned k = 0; k < 64; k += 8) {
		unsigned l = (unsigned)(lo >> k) & 0xff, h = (unsigned)(hi >> k) & 0xff;
		a = l < a ? l : a;
		b = h > b ? h : b;
	}
	*mn = a;
	*mx = b;
	*sum = (unsigned)((s * 0x0001000100010001ull) >> 48);
}

/* The sum of block means avg[ylo..yhi][x] (a column of the 5x5 window). */
static inline unsigned column_sum(const uint8_t *avg, unsigned bw, unsigned ylo, unsigned yhi, unsigned x)
{
	unsigned s = 0;
	for (unsigned y = ylo; y <= yhi; y++) s += avg[(size_t)y * bw + x];
	return s;
}

int cq_binarise_blocks(const uint8_t *in, unsigned w, unsigned h, size_t stride,
                       struct cq_buf *scratch, uint8_t *out)
{
	unsigned bw = (w + BLK - 1) / BLK, bh = (h + BLK - 1) / BLK;
	if (cq_buf_reserve(scratch, (size_t)bw * bh)) return -1;
	uint8_t *avg = scratch->p;
	for (unsigned by = 0; by < bh; by++)
		for (unsigned bx = 0; bx < bw; bx++) {
			unsigned x0 = bx * BLK, y0 = by * BLK;
			unsigned x1 = x0 + BLK < w ? x0 + BLK : w, y1 = y0 + BLK < h ? y0 + BLK : h;
			unsigned mn = 255, mx = 0, sum = 0;
			if (x1 - x0 == BLK && y1 - y0 == BLK) block_stats8(in + (size_t)y0 * stride + x0, stride, &mn, &mx, &sum);
			else
				for (unsigned y = y0; y < y1; y++) {
					const uint8_t *row = in + (size_t)y * stride;
					for (unsigned x = x0; x < x1; x++) {
						unsigned v = row[x];
						sum += v;
						if (v < mn) mn = v;
						if (v > mx) mx = v;
					}
				}
			unsigned a = sum / ((x1 - x0) * (y1 - y0));
			if (mx - mn <= MIN_RANGE) {
				/* Flat: assume background (light), unless the blocks
				 * above and to the left say this is inside a dark area. */
				a = mn / 2;
				if (by > 0 && bx > 0) {
					unsigned nb = (avg[(size_t)(by - 1) * bw + bx] + 2u * avg[(size_t)by * bw + bx - 1] +
					               avg[(size_t)(by - 1) * bw + bx - 1]) / 4;
					if (mn < nb) a = nb;
				}
			}
			avg[(size_t)by * bw + bx] = (uint8_t)a;
		}
	for (unsigned by = 0; by < bh; by++) {
		/* Each block's threshold: the mean of the 5x5 blocks around it,
		 * the window clamped inside the image. It slides along the row,
		 * a column in and a column out (summing all 25 for every block
		 * cost the locator a fifth of its time); an image under five
		 * blocks wide sums what there is. */
		unsigned cy = by < 2 ? 2 : by > bh - 3 ? (bh > 4 ? bh - 3 : 2) : by;
		unsigned ylo = cy - 2, yhi = cy + 2 < bh ? cy + 2 : bh - 1;
		unsigned cur = 0, at = 2;
		for (unsigned x = 0; x < (bw > 4 ? 5 : bw); x++) cur += column_sum(avg, bw, ylo, yhi, x);
		unsigned cnt = (yhi - ylo + 1) * (bw > 4 ? 5 : bw);
		for (unsigned bx = 0; bx < bw; bx++) {
			unsigned cx = bx < 2 ? 2 : bx > bw - 3 ? bw - 3 : bx;
			for (; bw > 4 && at < cx; at++)
				cur += column_sum(avg, bw, ylo, yhi, at + 3) - column_sum(avg, bw, ylo, yhi, at - 2);
			unsigned t = cur / cnt;
			unsigned x0 = bx * BLK, y0 = by * BLK;
			unsigned x1 = x0 + BLK < w ? x0 + BLK : w, y1 = y0 + BLK < h ? y0 + BLK : h;
			uint64_t t8 = t * ONES;
			for (unsigned y = y0; y < y1; y++) {
				const uint8_t *row = in + (size_t)y * stride;
				uint8_t *o = out + (size_t)y * w;
				if (x1 - x0 == BLK) {
					uint64_t v = bytes_above(load8(row + x0), t8);
					memcpy(o + x0, &v, 8);
				} else
					for (unsigned x = x0; x < x1; x++) o[x] = row[x] <= t ? 0 : 255;
			}
		}
	}
	return 0;
}

/* ---- finder patterns ------------------------------------------------- */

/* Run lengths r[0..4], dark/light/dark/light/dark: 1:1:3:1:1 within the
 * tolerance QR readers use (half a module on each run). */
static int finder_ratio(const unsigned r[5])
{
	unsigned tot = r[0] + r[1] + r[2] + r[3] + r[4];
	if (tot < 7) return 0;
	float m = tot / 7.0f, tol = m * 0.7f;
	for (int i = 0; i < 5; i++) {
		float want = i == 2 ? 3 * m : m;
		if (fabsf((float)r[i] - want) > (i == 2 ? 2.2f * tol : tol)) return 0;
	}
	return 1;
}

/* The 1:1:3:1:1 runs through (cx, cy) along direction (dx, dy); returns
 * the pattern's width in modules-times-7 (pixels along the line) and its
 * centre offset from (cx, cy), or 0 if the runs do not fit. */
static float cross_runs(const uint8_t *bin, unsigned w, unsigned h, int cx, int cy, int dx, int dy,
                        unsigned maxrun, uint8_t dark, float *centre_off)
{
	if (bin[(size_t)cy * w + (unsigned)cx] != dark) return 0;
	unsigned r[5] = {0};
	int x = cx, y = cy;
#define AT(xx, yy) ((xx) >= 0 && (yy) >= 0 && (unsigned)(xx) < w && (unsigned)(yy) < h)
#define PIX(xx, yy) (bin[(size_t)(yy) * w + (unsigned)(xx)] ^ dark)
	/* centre run, backwards then forwards */
	unsigned back = 0, fwd = 0;
	while (AT(x - dx, y - dy) && !PIX(x - dx, y - dy) && back <= maxrun) { x -= dx; y -= dy; back++; }
	int bx = x, by = y;
	x = cx; y = cy;
	while (AT(x + dx, y + dy) && !PIX(x + dx, y + dy) && fwd <= maxrun) { x += dx; y += dy; fwd++; }
	r[2] = back + fwd + 1;
	int fx = x, fy = y;
	for (int k = 1; k >= 0; k--) {          /* light then dark, backwards */
		uint8_t want = k == 1 ? 255 : 0;
		unsigned len = 0;
		while (AT(bx - dx, by - dy) && PIX(bx - dx, by - dy) == want && len <= maxrun) { bx -= dx; by -= dy; len++; }
		r[k] = len;
	}
	for (int k = 3; k <= 4; k++) {          /* light then dark, forwards */
		uint8_t want = k == 3 ? 255 : 0;
		unsigned len = 0;
		while (AT(fx + dx, fy + dy) && PIX(fx + dx, fy + dy) == want && len <= maxrun) { fx += dx; fy += dy; len++; }
		r[k] = len;
	}
#undef AT
#undef PIX
	if (!finder_ratio(r)) return 0;
	*centre_off = ((float)fwd - (float)back) / 2;
	return (float)(r[0] + r[1] + r[2] + r[3] + r[4]);
}

/* Finder candidates on a binarised w*h image, rows `step` apart. A
 * candidate must show the pattern across its centre both ways (and, for
 * modules over 2 px, diagonally: letters like 回 pass two but rarely three). */
size_t cq_find_finders(const uint8_t *bin, unsigned w, unsigned h, unsigned step, uint8_t dark,
                       cq_finder *out, size_t max, bool stop)
{
	size_t n = 0;
	for (unsigned y = 0; y < h; y += step) {
		const uint8_t *row = bin + (size_t)y * w;
		unsigned runs[5] = {0};
		int k = 0;
		unsigned x = 0;
		while (x < w && row[x] != dark) x++;
		while (x < w) {
			unsigned len = 0;
			uint8_t v = row[x];
			while (x < w && row[x] == v) { x++; len++; }
			if (k < 5) runs[k++] = len;
			else { memmove(runs, runs + 1, 4 * sizeof *runs); runs[4] = len; }
			if (k < 5 || v != dark || !finder_ratio(runs)) continue;
			int cx = (int)(x - runs[4] - runs[3] - (runs[2] + 1) / 2);
			/* No run of a finder is longer than its centre (3 modules),
			 * even seen across a fax's squashed rows: this bounds the
			 * cross-checks on stripes and other repeating patterns. */
			unsigned tot = runs[0] + runs[1] + runs[2] + runs[3] + runs[4];
			unsigned maxrun = 2 * tot + 4;
			float off, wv, wh, wd = 0;
			wv = cross_runs(bin, w, h, cx, (int)y, 0, 1, maxrun, dark, &off);
			if (wv <= 0) continue;
			int cy = (int)lroundf((float)y + off);
			wh = cross_runs(bin, w, h, cx, cy, 1, 0, maxrun, dark, &off);
			if (wh <= 0) continue;
			float fx = (float)cx + off;
			float m = (wv + wh) / 14.0f;
			/* up to 2.5: a fax in standard mode has half the lines */
			if (wv > 2.5f * wh || wh > 2.5f * wv) continue;
			if (m > 2.0f) {
				float d1 = cross_runs(bin, w, h, (int)lroundf(fx), cy, 1, 1, maxrun, dark, &off);
				float d2 = d1 > 0 ? 0 : cross_runs(bin, w, h, (int)lroundf(fx), cy, 1, -1, maxrun, dark, &off);
				wd = d1 > 0 ? d1 : d2;
				if (wd <= 0) continue;
			}
			/* merge with a candidate already found at the same place */
			size_t i;
			for (i = 0; i < n; i++) {
				float ddx = out[i].x - fx, ddy = out[i].y - (float)cy;
				if (ddx * ddx + ddy * ddy < 4 * out[i].module * out[i].module &&
				    m < 1.5f * out[i].module && out[i].module < 1.5f * m) break;
			}
			float asp = wh / wv;
			if (i < n) {
				cq_finder *c = &out[i];
				float t = (float)c->hits;
				c->x = (c->x * t + fx) / (t + 1);
				c->y = (c->y * t + (float)cy) / (t + 1);
				c->module = (c->module * t + m) / (t + 1);
				c->aspect = (c->aspect * t + asp) / (t + 1);
				c->hits++;
			} else if (n < max) {
				out[n].x = fx;
				out[n].y = (float)cy;
				out[n].module = m;
				out[n].aspect = asp;
				out[n].hits = 1;
				n++;
				if (stop && n == max) return n;
			}
		}
	}
	return n;
}

/* ---- regions --------------------------------------------------------- */

static float dist(const cq_finder *a, const cq_finder *b)
{
	return hypotf(a->x - b->x, a->y - b->y);
}

static void grow(cq_region *g, float x, float y)
{
	if (x < g->x0) g->x0 = x;
	if (x > g->x1) g->x1 = x;
	if (y < g->y0) g->y0 = y;
	if (y > g->y1) g->y1 = y;
}

/* The timing pattern between finders p and q: along the line 3 modules
 * from their centres towards r (row or column 6 of the symbol), modules
 * alternate dark and light. Returns 1 if the number of runs there is about
 * the number of modules between the finders, 0 if not: text, tables and
 * seals that happen to hold three square blobs fail this. */
static int timing_ok(const uint8_t *bin, unsigned w, unsigned h, const cq_finder *p, const cq_finder *q,
                     const cq_finder *r, float m, size_t *walked)
{
	float dx = q->x - p->x, dy = q->y - p->y, d = hypotf(dx, dy);
	if (d < 10 * m) return 0;
	float ux = dx / d, uy = dy / d, vx = -uy, vy = ux;
	if (vx * (r->x - p->x) + vy * (r->y - p->y) < 0) { vx = -vx; vy = -vy; }
	float x0 = p->x + 3 * m * vx, y0 = p->y + 3 * m * vy;
	unsigned runs = 0, good = 0, len = 0;
	int last = -1;
	int steps = (int)((d - 9 * m) * 2);   /* every half pixel between the finders' edges */
	float want = (d - 9 * m) / m, most = 1.3f * want + 2;
	for (int i = 0; i < steps; i++, (*walked)++) {
		float t = 4.5f * m + 0.5f * (float)i, fx = x0 + t * ux, fy = y0 + t * uy;
		/* rounded to the nearest pixel (as lroundf, without its call: this
		 * loop is most of the locator's time on a noisy photo) */
		if (fx <= -0.5f || fy <= -0.5f) return 0;
		int x = (int)(fx + 0.5f), y = (int)(fy + 0.5f);
		if ((unsigned)x >= w || (unsigned)y >= h) return 0;
		int v = bin[(size_t)y * w + (unsigned)x] != 0;
		if (v != last) {
			/* a run of about one module (perspective allows some spread);
			 * noise and dither make many short ones */
			if (last >= 0 && len * 0.5f >= 0.5f * m && len * 0.5f <= 1.7f * m) good++;
			/* too many runs already (noise, dither, text): no need
			 * to walk on, the answer is no */
			if ((float)++runs > most) return 0;
			last = v;
			len = 0;
		}
		len++;
	}
	if (len * 0.5f >= 0.5f * m && len * 0.5f <= 1.7f * m) good++;
	return good >= 0.7f * want && (float)runs <= most;
}

/* Three finders of one code: similar modules, two sides about equal and
 * about square to each other, their length (N - 7) modules for N from 21
 * to 177. Returns a score (higher is better), 0 if not a code. `corner`
 * gets the index of the finder at the right angle. The timing patterns
 * (which at most multiply the score by 5) are only looked at when the
 * score could then exceed `floor`: a triple that cannot enter the list of
 * candidates costs no walk along its sides. */
static float triple_score(const uint8_t *bin, unsigned w, unsigned h, const cq_finder *f,
                          size_t a, size_t b, size_t c, size_t *corner, unsigned *timing_out, float floor_,
                          size_t *walked)
{
	const size_t idx[3] = {a, b, c};
	for (int k = 0; k < 3; k++) {
		const cq_finder *p = &f[idx[k]], *q = &f[idx[(k + 1) % 3]], *r = &f[idx[(k + 2) % 3]];
		float m = (p->module + q->module + r->module) / 3;
		if (p->module > 1.6f * m || q->module > 1.6f * m || r->module > 1.6f * m ||
		    p->module < m / 1.6f || q->module < m / 1.6f || r->module < m / 1.6f) return 0;
		float d1 = dist(p, q), d2 = dist(p, r), d3 = dist(q, r);
		if (d3 < d1 || d3 < d2) continue;         /* p must face the longest side */
		float ratio = d1 > d2 ? d1 / d2 : d2 / d1;
		float ux = q->x - p->x, uy = q->y - p->y, vx = r->x - p->x, vy = r->y - p->y;
		float cosang = (ux * vx + uy * vy) / (d1 * d2);
		float side = (d1 + d2) / 2 / m;               /* N - 7 */
		if (ratio > 1.7f || fabsf(cosang) > 0.5f || side < 12 || side > 175) return 0;
		*corner = idx[k];
		/* How well the weakest finder was seen: a real one is crossed by
		 * about three rows per module (its 3-module centre), a look-alike
		 * in text or dither by one or two whatever its size. */
		float seen = fminf(fminf((float)p->hits / p->module, (float)q->hits / q->module), (float)r->hits / r->module);
		if (seen > 3) seen = 3;
		float base = (0.3f + seen) / (1 + fabsf(cosang) * 4 + (ratio - 1) * 2);
		if (5 * base <= floor_) return 0;
		int timing = timing_ok(bin, w, h, p, q, r, m, walked) + timing_ok(bin, w, h, p, r, q, m, walked);
		*timing_out = (unsigned)timing;
		return base * (float)(1 + 2 * timing);
	}
	return 0;
}

typedef struct cand {
	cq_region g;
	float score;
	float cx[3], cy[3];     /* the finders it stands on */
	unsigned nc;
} cand;

#define MAX_CANDS 48

/* The score a candidate must beat to be kept (0 while there is room). */
static float cand_floor(const cand *c, size_t nc)
{
	if (nc < MAX_CANDS) return 0;
	float lo = c[0].score;
	for (size_t k = 1; k < nc; k++) if (c[k].score < lo) lo = c[k].score;
	return lo;
}

/* Keeps the MAX_CANDS best candidates. */
static void offer(cand *c, size_t *nc, const cand *x)
{
	if (*nc < MAX_CANDS) { c[(*nc)++] = *x; return; }
	size_t worst = 0;
	for (size_t k = 1; k < *nc; k++) if (c[k].score < c[worst].score) worst = k;
	if (x->score > c[worst].score) c[worst] = *x;
}

static bool holds(const cq_region *g, float x, float y)
{
	return x >= g->x0 && x <= g->x1 && y >= g->y0 && y <= g->y1;
}

/* Work units (about 40 instructions each) of scoring one triple, and of
 * one step along a timing pattern (callgrind on the capture benchmark). */
#define W_TRIPLE 20
#define W_WALK 2

size_t cq_code_regions(const uint8_t *bin, unsigned w, unsigned h, const cq_finder *f_in, size_t n,
                       cq_region *out, size_t max, size_t limit, size_t *work)
{
	size_t triples = 0, walked = 0;
	if (max > CQ_SCAN_MAX_REGIONS) max = CQ_SCAN_MAX_REGIONS;
	/* The search looks at the 64 best-seen finders (41 664 triples at
	 * most): a dithered fax or a page of small print can show hundreds of
	 * finder-like spots, each crossed by a row or two; a real finder is
	 * crossed by about three rows per module of its size. */
	const cq_finder *f = f_in;
	cq_finder top[64] = {{0}};
	if (n > 1) {   /* best first, also for a few: a search cut short tries them first */
		size_t k = 0;
		for (size_t i = 0; i < n; i++) {   /* insertion, best first, stable */
			size_t j;
			if (k < 64) j = k++;
			else if (f_in[i].hits <= top[63].hits) continue;
			else j = 63;
			while (j > 0 && top[j - 1].hits < f_in[i].hits) { top[j] = top[j - 1]; j--; }
			top[j] = f_in[i];
		}
		f = top;
		n = k;
	}
	cand c[MAX_CANDS];
	size_t nc = 0;
	float floor_ = 0;
	/* Triples: the three finders of a code; the best-seen finders come
	 * first, so a search cut short by `limit` has tried the likely ones. */
	bool over = false;
	/* the most one triple can cost: two walks, each at most twice the
	 * image's width plus height in half-pixel steps */
	size_t most = W_TRIPLE + 2 * W_WALK * 2 * ((size_t)w + h);
	for (size_t a = 0; a < n && !over; a++)
		for (size_t b = a + 1; b < n && !over; b++)
			for (size_t d = b + 1; d < n && !over; d++) {
				size_t corner = a;
				unsigned timing = 0;
				float sc = triple_score(bin, w, h, f, a, b, d, &corner, &timing, floor_, &walked);
				triples++;
				over = triples * W_TRIPLE + walked * W_WALK + most > limit;
				if (sc <= 0) continue;
				cand x = {{f[a].x, f[a].y, f[a].x, f[a].y, 0, 1, 3, timing}, sc, {f[a].x, f[b].x, f[d].x}, {f[a].y, f[b].y, f[d].y}, 3};
				grow(&x.g, f[b].x, f[b].y);
				grow(&x.g, f[d].x, f[d].y);
				/* the fourth corner completes the parallelogram */
				size_t o1 = corner == a ? b : a, o2 = corner == d ? b : d;
				grow(&x.g, f[o1].x + f[o2].x - f[corner].x, f[o1].y + f[o2].y - f[corner].y);
				x.g.module = (f[a].module + f[b].module + f[d].module) / 3;
				x.g.aspect = (f[a].aspect + f[b].aspect + f[d].aspect) / 3;
				/* a finder centre is 3.5 modules inside the symbol: room for
				 * the quiet zone and for perspective */
				float pad = 10 * x.g.module;
				x.g.x0 -= pad; x.g.y0 -= pad; x.g.x1 += pad; x.g.y1 += pad;
				offer(c, &nc, &x);
				floor_ = cand_floor(c, nc);
			}
	/* Pairs: two well-seen finders of about the same module at a code-like
	 * distance, the third hidden (glare, damage, dither, the frame's edge)
	 * or outvoted by look-alikes. The code lies on either side of them, or
	 * between if they are diagonal: the region covers all of that. */
	for (size_t a = 0; a < n; a++)
		for (size_t b = a + 1; b < n; b++) {
			if (f[a].hits < 3 || f[b].hits < 3) continue;
			float m = (f[a].module + f[b].module) / 2, d = dist(&f[a], &f[b]);
			if (f[a].module > 1.5f * f[b].module || f[b].module > 1.5f * f[a].module) continue;
			if (d < 12 * m || d > 250 * m) continue;
			float seen = fminf((float)f[a].hits / f[a].module, (float)f[b].hits / f[b].module);
			if (seen > 3) seen = 3;
			cand x = {{f[a].x, f[a].y, f[a].x, f[a].y, m, (f[a].aspect + f[b].aspect) / 2, 2, 0}, (0.3f + seen) * 1.2f, {f[a].x, f[b].x, 0}, {f[a].y, f[b].y, 0}, 2};
			grow(&x.g, f[b].x, f[b].y);
			float pad = d + 6 * m;
			x.g.x0 -= pad; x.g.y0 -= pad; x.g.x1 += pad; x.g.y1 += pad;
			offer(c, &nc, &x);
		}
	/* Best first; a candidate whose finders all lie in a region already
	 * chosen adds nothing. */
	for (size_t i = 1; i < nc; i++)
		for (size_t j = i; j > 0 && c[j].score > c[j - 1].score; j--) {
			cand t = c[j]; c[j] = c[j - 1]; c[j - 1] = t;
		}
	size_t nr = 0;
	for (size_t i = 0; i < nc && nr < max; i++) {
		size_t k;
		for (k = 0; k < nr; k++) {
			unsigned in = 0;
			for (unsigned j = 0; j < c[i].nc; j++) in += holds(&out[k], c[i].cx[j], c[i].cy[j]);
			if (in == c[i].nc) break;
		}
		if (k == nr) out[nr++] = c[i].g;
	}
	/* Lone finders still say where to look, with room for a code of up
	 * to about version 10 around them. */
	for (size_t i = 0; i < n && nr < max; i++) {
		if (f[i].hits < 2) continue;
		size_t k;
		for (k = 0; k < nr; k++)
			if (holds(&out[k], f[i].x, f[i].y)) break;
		if (k < nr) continue;
		float r = 60 * f[i].module;
		cq_region g = {f[i].x - r, f[i].y - r, f[i].x + r, f[i].y + r, f[i].module, f[i].aspect, 1, 0};
		out[nr++] = g;
	}
	*work = triples * W_TRIPLE + walked * W_WALK;
	return nr;
}
