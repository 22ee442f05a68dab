/* The page check (include/certqr/pagecheck.h): rectify the page from the
 * QR code's corners, draw the signed text where the layout puts it, align
 * on the printed labels, and compare ink both ways, glyph by glyph. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/idnum.h"
#include "certqr/utf8.h"
#include "page_int.h"

#define MM_PT        2.834645669
/* px per point below which text is too small to judge (110 dpi). Genuine
 * issued pages rendered at 62-104 dpi came out "differs" at many scales (a
 * digit's or glyph's ink off by more than the limit: 4-6 of 6 pages at 96 and
 * 104 dpi), and none did at 110-200 dpi (6 pages, every 3 dpi): below, a page
 * is unreadable, never composited. */
#define MIN_SCALE    1.53
#define MAX_SCALE    2.1      /* finer captures are resampled down to this */
#define COVER_INK    110      /* glyph coverage counted as ink */
#define GLYPH_ERR    0.55     /* (missing + extra) / glyph ink that makes a glyph of fixed text differ */
/* A glyph of a signed value differs at a much smaller share: the values are
 * what a forger edits, one stroke at a time (伟→玮 is 0.20, 英→芳 0.34),
 * while a genuine capture's value glyphs, scans and photos included, stay
 * under 0.10 once aligned. Fixed text keeps the lenient figure: its small
 * marks (：, units) and long lines carry more noise. */
#define VALUE_ERR    0.15
#define SMALL_PX     11.0     /* runs drawn smaller than this are judged leniently */
/* A capture whose row labels' glyphs differ from the issuer's print by more
 * than this on average is soft: a value glyph up to BLUR_DOUBT times its
 * limit there makes the page unreadable, not different. Photos at 112-200
 * dpi with a lens blur of 0.8 px: 0.000-0.008; of 1.2-1.6 px: 0.013-0.13,
 * where a genuine 135 dpi photo at 0.045 had one issuer glyph at 0.19. */
#define BLUR_LABEL_ERR 0.03
#define BLUR_DOUBT   2.0
#define LIGHT        0.3f     /* print at least this light in every channel is light */
#define ALIGN_HIT    0.55     /* share of a label's ink found for it to count as aligned */
#define ALIGN_HIT_LOOSE 0.75  /* the same against the ink dilated by a pixel (a first look) */

const char *cq_page_result_name(cq_page_result r)
{
	return r == CQ_PAGE_MATCH ? "match" : r == CQ_PAGE_DIFFERS ? "differs" : "unreadable";
}

const char *cq_page_result_name_zh(cq_page_result r)
{
	return r == CQ_PAGE_MATCH ? "一致" : r == CQ_PAGE_DIFFERS ? "不一致" : "无法判读";
}

/* QR version from the text length: alphanumeric mode at level M (the
 * issuer's default; level Q codes are two versions larger, which moves the
 * symbol's corner by about a point — the alignment on labels absorbs it). */
static int qr_modules(size_t len)
{
	static const unsigned cap[] = {20, 38, 61, 90, 122, 154, 178, 221, 262, 311, 366, 419, 483, 528, 600,
	                               656, 734, 816, 909, 970, 1035, 1134, 1248, 1326, 1451};
	for (int v = 0; v < (int)(sizeof cap / sizeof *cap); v++)
		if (len <= cap[v]) return 17 + 4 * (v + 1);
	return 17 + 4 * 25;
}

typedef struct canvas {
	uint8_t *g, *ink, *inkd, *seen;   /* grey, ink, ink dilated by 1, explained */
	uint8_t *speck;                   /* marks over the print (find_marks): SPECK, STAMP bits, or NULL */
	int w, h;
	double s, x0, y1;                 /* page point (x,y) -> ((x-x0)s, (y1-y)s) */
} canvas;

static void to_canvas(const canvas *c, double x, double y, double *u, double *v)
{
	*u = (x - c->x0) * c->s;
	*v = (c->y1 - y) * c->s;
}

static void to_page(const canvas *c, double u, double v, double *x, double *y)
{
	*x = c->x0 + u / c->s;
	*y = c->y1 - v / c->s;
}

static inline double sample(const cq_page_input *in, const uint8_t *src, double x, double y)
{
	if (x < 0) x = 0;
	if (y < 0) y = 0;
	if (x > in->w - 1.001) x = in->w - 1.001;
	if (y > in->h - 1.001) y = in->h - 1.001;
	int ix = (int)x, iy = (int)y;
	double fx = x - ix, fy = y - iy;
	const uint8_t *p = src + (size_t)iy * in->stride + ix;
	double a = p[0] + (p[1] - p[0]) * fx;
	double b = p[in->stride] + (p[in->stride + 1] - p[in->stride]) * fx;
	return a + (b - a) * fy;
}

/* llround for |x| < 2^52, inline: the integer part is exact, and so is
 * the fraction left. */
static inline int64_t round_away(double x)
{
	int64_t t = (int64_t)x;
	double f = x - (double)t;
	return f >= 0.5 ? t + 1 : f <= -0.5 ? t - 1 : t;
}

/* Canvas row v resampled from the plane src through H, sub x sub samples
 * a pixel, summed into sum[0..w). */
static void resample_row(const cq_page_input *in, const uint8_t *src, const hmat *H, const canvas *c, int sub, int v,
                         uint32_t *sum)
{
	/* image = H (x0 + u/s, y1 - v/s, 1): numerator and denominator are
	 * linear in u along a row (no division when H is affine: h[8] is 1) */
	const double *hm = H->m;
	double is = 1.0 / c->s;
	bool affine = fabs(hm[6]) < 1e-12 && fabs(hm[7]) < 1e-12 && fabs(hm[8] - 1) < 1e-12;
	memset(sum, 0, sizeof *sum * (size_t)c->w);
	for (int j = 0; j < sub; j++) {
		double y = c->y1 - (v + (j + 0.5) / sub) * is, x = c->x0 + 0.5 / sub * is;
		double nx = hm[0] * x + hm[1] * y + hm[2], ny = hm[3] * x + hm[4] * y + hm[5];
		double nw = hm[6] * x + hm[7] * y + hm[8];
		double sx = hm[0] * is / sub, sy = hm[3] * is / sub, sw = hm[6] * is / sub;
		if (in->w > 2 && in->h > 2) {
			/* fixed point, 16 fractional bits; a perspective map is
			 * exact every 16 samples and linear in between (a fraction
			 * of a pixel off at most on a page) */
			int64_t maxx = (int64_t)(in->w - 2) << 16, maxy = (int64_t)(in->h - 2) << 16;
			int total = c->w * sub;
			for (int t0 = 0; t0 < total; t0 += 16) {
				int t1 = t0 + 16 < total ? t0 + 16 : total;
				double w0 = nw + sw * t0, w1 = nw + sw * t1;
				if (fabs(w0) < 1e-12) w0 = 1e-12;
				if (fabs(w1) < 1e-12) w1 = 1e-12;
				double ax0 = (nx + sx * t0) / w0, ay0 = (ny + sy * t0) / w0;
				double ax1 = (nx + sx * t1) / w1, ay1 = (ny + sy * t1) / w1;
				if (affine) { ax0 = nx + sx * t0; ay0 = ny + sy * t0; ax1 = nx + sx * t1; ay1 = ny + sy * t1; }
				int64_t fx = round_away(ax0 * 65536), fy = round_away(ay0 * 65536);
				int64_t dfx = round_away((ax1 - ax0) * 65536 / (t1 - t0)), dfy = round_away((ay1 - ay0) * 65536 / (t1 - t0));
				int64_t ex = fx + dfx * (t1 - 1 - t0), ey = fy + dfy * (t1 - 1 - t0);
				if (fx >= 0 && fx <= maxx && ex >= 0 && ex <= maxx && fy >= 0 && fy <= maxy && ey >= 0 && ey <= maxy) {
					/* both ends inside, so every sample between: no clamping */
					for (int t = t0; t < t1; t++, fx += dfx, fy += dfy) {
						unsigned qx = (unsigned)(fx & 0xFFFF) >> 8, qy = (unsigned)(fy & 0xFFFF) >> 8;
						const uint8_t *q = src + (size_t)(fy >> 16) * in->stride + (size_t)(fx >> 16);
						unsigned top = q[0] * (256 - qx) + q[1] * qx, bot = q[in->stride] * (256 - qx) + q[in->stride + 1] * qx;
						sum[sub == 1 ? t : t >> 1] += (top * (256 - qy) + bot * qy) >> 16;
					}
					continue;
				}
				for (int t = t0; t < t1; t++, fx += dfx, fy += dfy) {
					int64_t X = fx < 0 ? 0 : fx > maxx ? maxx : fx, Y = fy < 0 ? 0 : fy > maxy ? maxy : fy;
					unsigned qx = (unsigned)(X & 0xFFFF) >> 8, qy = (unsigned)(Y & 0xFFFF) >> 8;
					const uint8_t *q = src + (size_t)(Y >> 16) * in->stride + (size_t)(X >> 16);
					unsigned top = q[0] * (256 - qx) + q[1] * qx, bot = q[in->stride] * (256 - qx) + q[in->stride + 1] * qx;
					sum[sub == 1 ? t : t >> 1] += (top * (256 - qy) + bot * qy) >> 16;
				}
			}
			continue;
		}
		for (int u = 0; u < c->w; u++)
			for (int i = 0; i < sub; i++) {
				double iw = 1.0 / (fabs(nw) < 1e-12 ? 1e-12 : nw);
				sum[u] += (uint32_t)(sample(in, src, nx * iw, ny * iw) + 0.5);
				nx += sx;
				ny += sy;
				nw += sw;
			}
	}
}

/* Where the layout prints text in colour (the title, the seal's caption):
 * boxes in page points, generously sized (a CJK character is as wide as
 * its size). There the page is read in grey, not the dropout plane. */
typedef struct zone { double x0, y0, x1, y1; } zone;
#define MAX_ZONES 8
static int colour_zones(const cq_layout *L, zone *z)
{
	int n = 0;
	for (int i = 0; i < L->n && n < MAX_ZONES; i++) {
		const cq_layout_item *it = &L->item[i];
		if (it->kind != CQ_LI_TEXT || it->beside_qr) continue;
		float hi = fmaxf(it->rgb[0], fmaxf(it->rgb[1], it->rgb[2])), lo = fminf(it->rgb[0], fminf(it->rgb[1], it->rgb[2]));
		if (hi - lo < 0.15f) continue;
		long nc = cq_utf8_count(it->tmpl, strlen(it->tmpl));
		double w = (double)((nc > 0 ? nc : 0) + 1) * it->size;
		double x0 = it->align == CQ_AL_LEFT ? it->x : it->align == CQ_AL_RIGHT ? it->x - w : it->x - w / 2;
		z[n++] = (zone){x0 - it->size, it->y - 0.4 * it->size, x0 + w + it->size, it->y + 1.1 * it->size};
	}
	return n;
}

/* The page, resampled into page space; then its ink by a local threshold
 * against the paper's brightness (tiles' 95th percentile, spread to their
 * neighbours), so shading and photo light do not read as ink. A colour
 * picture is read through its dropout plane (render.h: marks in colour
 * are not print), save where the layout itself prints in colour. */
static int build_canvas(const cq_page_input *in, const cq_layout *L, const hmat *H, double s_obs, bool fine, canvas *c)
{
	c->g = calloc((size_t)c->w * c->h, 1);
	c->ink = calloc((size_t)c->w * c->h, 1);
	c->inkd = calloc((size_t)c->w * c->h, 1);
	c->seen = calloc((size_t)c->w * c->h, 1);
	if (!c->g || !c->ink || !c->inkd || !c->seen) return -1;
	int sub = fine && s_obs / c->s > 1.6 ? 2 : 1;   /* the coarse pass does without */
	uint32_t *sum = calloc((size_t)c->w, sizeof *sum), *sum2 = calloc((size_t)c->w, sizeof *sum2);
	if (!sum || !sum2) { free(sum); free(sum2); return -1; }
	zone z[MAX_ZONES];
	int nz = in->drop ? colour_zones(L, z) : 0;
	for (int v = 0; v < c->h; v++) {
		resample_row(in, in->drop ? in->drop : in->px, H, c, sub, v, sum);
		double py = c->y1 - (v + 0.5) / c->s;
		bool again = false;
		for (int i = 0; i < nz; i++) again |= py >= z[i].y0 && py <= z[i].y1;
		if (again) {
			resample_row(in, in->px, H, c, sub, v, sum2);
			for (int i = 0; i < nz; i++) {
				if (py < z[i].y0 || py > z[i].y1) continue;
				int u0 = (int)floor((z[i].x0 - c->x0) * c->s), u1 = (int)ceil((z[i].x1 - c->x0) * c->s);
				for (int u = u0 < 0 ? 0 : u0; u < u1 && u < c->w; u++) sum[u] = sum2[u];
			}
		}
		uint8_t *row = c->g + (size_t)v * c->w;
		if (sub == 1)
			for (int u = 0; u < c->w; u++) row[u] = (uint8_t)sum[u];
		else
			for (int u = 0; u < c->w; u++) row[u] = (uint8_t)((sum[u] + 2) >> 2);
	}
	free(sum2);
	free(sum);
	int T = (int)ceil(8 * c->s);   /* tile: 8 points */
	if (T < 8) T = 8;
	int tw = (c->w + T - 1) / T, th = (c->h + T - 1) / T;
	uint8_t *tile = calloc((size_t)tw * th, 1), *tmax = calloc((size_t)tw * th, 1);
	if (!tile || !tmax) { free(tile); free(tmax); return -1; }
	for (int ty = 0; ty < th; ty++)
		for (int tx = 0; tx < tw; tx++) {
			/* every other pixel of the tile is enough for its 95th percentile */
			unsigned hist[256] = {0}, n = 0;
			for (int v = ty * T; v < (ty + 1) * T && v < c->h; v += 2) {
				const uint8_t *row = c->g + (size_t)v * c->w;
				int u1 = (tx + 1) * T < c->w ? (tx + 1) * T : c->w;
				for (int u = tx * T; u < u1; u += 2) { hist[row[u]]++; n++; }
			}
			/* the darkest level k with at least `want` pixels at or
			 * under it, found from the paper's end */
			unsigned want = n - n / 20, cum = n;
			int k = 255;
			while (k > 0 && cum - hist[k] >= want) cum -= hist[k--];
			tile[ty * tw + tx] = (uint8_t)k;
		}
	for (int ty = 0; ty < th; ty++)
		for (int tx = 0; tx < tw; tx++) {
			int m = 0;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int yy = ty + dy, xx = tx + dx;
					if (yy >= 0 && yy < th && xx >= 0 && xx < tw && tile[yy * tw + xx] > m) m = tile[yy * tw + xx];
				}
			tmax[ty * tw + tx] = (uint8_t)m;
		}
	/* ink: darker than 70% of the paper around it, by at least 35 levels
	 * (the paper's level per tile, its neighbours' brightest) */
	for (int v = 0; v < c->h; v++) {
		const uint8_t *row = c->g + (size_t)v * c->w;
		uint8_t *out = c->ink + (size_t)v * c->w;
		const uint8_t *tr = tmax + (size_t)(v / T) * tw;
		for (int tx = 0; tx < tw; tx++) {
			int bg = tr[tx];
			int thr = bg * 7 / 10;
			if (bg - 35 < thr) thr = bg - 35;
			int u1 = (tx + 1) * T < c->w ? (tx + 1) * T : c->w;
			for (int u = tx * T; u < u1; u++) out[u] = row[u] < thr;
		}
	}
	free(tile);
	free(tmax);
	/* the ink dilated by a pixel (3 x 3): along rows, then down columns */
	uint8_t *hd = malloc((size_t)c->w * c->h);
	if (!hd) return -1;
	/* eight bytes at a time where the neighbours are inside the row */
	for (int v = 0; v < c->h; v++) {
		const uint8_t *a = c->ink + (size_t)v * c->w;
		uint8_t *o = hd + (size_t)v * c->w;
		int u = 0;
		for (; u < c->w && (u == 0 || u + 9 > c->w); u++) o[u] = a[u] | (u > 0 ? a[u - 1] : 0) | (u + 1 < c->w ? a[u + 1] : 0);
		for (; u + 9 <= c->w; u += 8) {
			uint64_t l, m, r;
			memcpy(&l, a + u - 1, 8);
			memcpy(&m, a + u, 8);
			memcpy(&r, a + u + 1, 8);
			m |= l | r;
			memcpy(o + u, &m, 8);
		}
		for (; u < c->w; u++) o[u] = a[u] | a[u - 1] | (u + 1 < c->w ? a[u + 1] : 0);
	}
	for (int v = 0; v < c->h; v++) {
		const uint8_t *a = hd + (size_t)v * c->w, *up = v > 0 ? a - c->w : a, *dn = v + 1 < c->h ? a + c->w : a;
		uint8_t *o = c->inkd + (size_t)v * c->w;
		int u = 0;
		for (; u + 8 <= c->w; u += 8) {
			uint64_t x, y, d;
			memcpy(&x, a + u, 8);
			memcpy(&y, up + u, 8);
			memcpy(&d, dn + u, 8);
			x |= y | d;
			memcpy(o + u, &x, 8);
		}
		for (; u < c->w; u++) o[u] = a[u] | up[u] | dn[u];
	}
	free(hd);
	return 0;
}

static void canvas_free(canvas *c)
{
	free(c->speck);
	c->speck = NULL;
	free(c->g);
	free(c->ink);
	free(c->inkd);
	free(c->seen);
}

/* A text run of the layout, drawn for this canvas: binary expected ink and
 * its dilation, placed at (px0, py0) in the canvas before any shift. */
typedef struct xrun {
	const cq_layout_run *lr;
	pf_run r;
	uint8_t *e, *ed;
	int px0, py0;
	int ink;
	int *pts;            /* expected ink pixels as x, y pairs (alignment) */
	bool fixed;          /* fixed text only (labels, titles): an anchor */
	bool small;
	bool light;          /* lighter than the labels: an anchor, not counted as lost */
	double cu, cv;       /* centre in the canvas */
	double u0;           /* the run's origin in the canvas, exactly */
	int dx, dy;          /* final shift */
	bool aligned;
	double hit;
} xrun;

static int xrun_make(const cq_pagefont *f, const canvas *c, const cq_layout *L, double full, double module,
                     const cq_layout_run *lr, xrun *x)
{
	memset(x, 0, sizeof *x);
	x->lr = lr;
	double w = pf_width(f, lr->text, lr->size);
	double ax = lr->beside_qr ? L->qr_x + full + lr->x : lr->x;
	double ay = lr->beside_qr ? L->qr_y + 4 * module : lr->y;
	if (lr->align == CQ_AL_CENTRE) ax -= w / 2;
	else if (lr->align == CQ_AL_RIGHT) ax -= w;
	double u, v;
	to_canvas(c, ax, ay, &u, &v);
	double px = lr->size * c->s;
	if (pf_draw(f, lr->text, px, u - floor(u), &x->r)) return -1;
	x->u0 = u;
	/* small or faint print (the key id, notes) fades first in a scan:
	 * judged on added ink, or on ink gone altogether */
	x->small = px < SMALL_PX || lr->size <= 8 || (lr->rgb[0] >= 0.4f && lr->rgb[1] >= 0.4f && lr->rgb[2] >= 0.4f);
	/* print lighter than the labels' 0.25 grey (the seal's caption)
	 * fades before them in a small photo: an anchor where it is found,
	 * but a page is not unreadable for want of it (a red title is not
	 * light: the colour dropout keeps it) */
	x->light = lr->rgb[0] >= LIGHT && lr->rgb[1] >= LIGHT && lr->rgb[2] >= LIGHT;
	x->px0 = (int)floor(u) - x->r.ox;
	x->py0 = (int)lround(v) - x->r.oy;
	size_t n = (size_t)x->r.w * x->r.h;
	x->e = calloc(n, 1);
	x->ed = calloc(n, 1);
	if (!x->e || !x->ed) return -1;
	for (size_t i = 0; i < n; i++) {
		x->e[i] = x->r.m[i] >= COVER_INK;
		x->ink += x->e[i];
	}
	for (int yy = 0; yy < x->r.h; yy++)
		for (int xx = 0; xx < x->r.w; xx++) {
			if (!x->e[(size_t)yy * x->r.w + xx]) continue;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int a = yy + dy, b = xx + dx;
					if (a >= 0 && a < x->r.h && b >= 0 && b < x->r.w) x->ed[(size_t)a * x->r.w + b] = 1;
				}
		}
	x->pts = malloc(sizeof *x->pts * 2 * (size_t)(x->ink + 1));
	if (!x->pts) return -1;
	int np = 0;
	for (int yy = 0; yy < x->r.h; yy++)
		for (int xx = 0; xx < x->r.w; xx++)
			if (x->e[(size_t)yy * x->r.w + xx]) { x->pts[np++] = xx; x->pts[np++] = yy; }
	x->fixed = !lr->unknown;
	for (int i = 0; i < lr->nseg; i++)
		if (lr->seg[i].field != CQ_F_LABEL) x->fixed = false;
	x->cu = x->px0 + x->r.w / 2.0;
	x->cv = x->py0 + x->r.h / 2.0;
	return 0;
}

static void xrun_free(xrun *x)
{
	pf_run_free(&x->r);
	free(x->e);
	free(x->ed);
	free(x->pts);
}

static inline int at(const canvas *c, const uint8_t *m, int u, int v)
{
	return u >= 0 && v >= 0 && u < c->w && v < c->h ? m[(size_t)v * c->w + u] : 0;
}

#define SPECK 1   /* a toner speck on a speckled page */
#define STAMP 2   /* inside a stamp's or seal's outline */

/* Ink the run needs but the page lacks, plus page ink the run does not
 * explain, inside the run's box (columns x0..x1), at shift d. */
static void mismatch(const canvas *c, const xrun *x, int dx, int dy, int x0, int x1, long *miss, long *extra)
{
	*miss = *extra = 0;
	for (int yy = 0; yy < x->r.h; yy++)
		for (int xx = x0; xx < x1; xx++) {
			size_t i = (size_t)yy * x->r.w + xx;
			int u = x->px0 + xx + dx, v = x->py0 + yy + dy;
			if (x->e[i] && !at(c, c->inkd, u, v)) (*miss)++;
			if (!x->ed[i] && at(c, c->ink, u, v) && !(c->speck && (at(c, c->speck, u, v) & (x->fixed ? SPECK | STAMP : SPECK))))
				(*extra)++;
		}
}

/* Marks over the print, found once before the runs are judged (bits of
 * canvas.speck), each by a rule about the capture, never about a value.
 *
 * Toner specks. A scan of a worn print or a dusty glass scatters small
 * dots over the page; the page check would read each one inside a glyph's
 * box as added ink. A page is speckled when more than SPECK_PAGE dots lie
 * alone (no other ink within half a value em) in the checked region, the
 * layout's frames and lines aside: then every dot of ink no larger than
 * SPECK_PT2 square points counts as no ink where ink is added (a clean
 * capture has none alone, a speckled scan in the corpus 64-293). Nothing
 * is cleared by it: a dot a forger adds (王→玉) still makes its glyph
 * doubtful by the raw count (judge_runs), and the reader's second opinion
 * then weighs both characters against the raw ink; digits are read by
 * their templates whatever the specks; ink missing is never excused.
 *
 * Stamps. A unit's seal pressed over the page is an outline (a ring, a
 * frame) larger than STAMP_EM value ems both ways and thin (its ink under
 * STAMP_FILL of its box): nothing the layout prints outside its frames and
 * rules, which are set aside first. On a grey scan it is as dark as the
 * red title, so colour cannot drop it. Ink inside its box is not counted
 * as added to fixed text (the title, labels) nor as ink from nowhere; it
 * still counts against every value glyph it touches, and a label or value
 * it covers still needs its own ink. */
#define SPECK_PT2   10.0
#define SPECK_PAGE  30
#define STAMP_EM    2.5
#define STAMP_FILL  0.25
static int find_marks(canvas *c, double em_px)
{
	size_t n = (size_t)c->w * c->h;
	int *lab = malloc(n * sizeof *lab), *stack = malloc(n * sizeof *stack);
	uint8_t *sp = calloc(n, 1);
	if (!lab || !stack || !sp) { free(lab); free(stack); free(sp); return -1; }
	memset(lab, 0, n * sizeof *lab);
	long maxa = (long)ceil(SPECK_PT2 * c->s * c->s);
	int R = (int)ceil(em_px / 2), alone = 0, id = 0;
	for (size_t p0 = 0; p0 < n; p0++) {
		if (!c->ink[p0] || lab[p0] || c->seen[p0]) continue;
		id++;
		long area = 0, top = 0;
		int x0 = c->w, y0 = c->h, x1 = 0, y1 = 0;
		stack[top++] = (int)p0;
		lab[p0] = id;
		/* flood fill, 8-connected, stopped being counted past a speck's size */
		while (top) {
			int p = stack[--top], px = p % c->w, py = p / c->w;
			area++;
			if (px < x0) x0 = px;
			if (px > x1) x1 = px;
			if (py < y0) y0 = py;
			if (py > y1) y1 = py;
			for (int dy = -1; dy <= 1; dy++)
				for (int dx = -1; dx <= 1; dx++) {
					int qx = px + dx, qy = py + dy;
					if (qx < 0 || qy < 0 || qx >= c->w || qy >= c->h) continue;
					size_t q = (size_t)qy * c->w + qx;
					if (c->ink[q] && !lab[q] && !c->seen[q]) { lab[q] = id; stack[top++] = (int)q; }
				}
		}
		if (x1 - x0 >= STAMP_EM * em_px && y1 - y0 >= STAMP_EM * em_px &&
		    area <= STAMP_FILL * (double)(x1 - x0 + 1) * (y1 - y0 + 1)) {
			for (int y = y0; y <= y1; y++)
				for (int x = x0; x <= x1; x++) sp[(size_t)y * c->w + x] |= STAMP;
			continue;
		}
		if (area > maxa) continue;
		for (int y = y0; y <= y1; y++)
			for (int x = x0; x <= x1; x++)
				if (lab[(size_t)y * c->w + x] == id) sp[(size_t)y * c->w + x] |= SPECK;
		long other = 0;
		for (int y = y0 - R < 0 ? 0 : y0 - R; y <= y1 + R && y < c->h && !other; y++)
			for (int x = x0 - R < 0 ? 0 : x0 - R; x <= x1 + R && x < c->w; x++)
				if (c->ink[(size_t)y * c->w + x] && lab[(size_t)y * c->w + x] != id) { other = 1; break; }
		alone += !other;
	}
	free(lab);
	free(stack);
	if (alone <= SPECK_PAGE)
		for (size_t i = 0; i < n; i++) sp[i] &= (uint8_t)~SPECK;
	c->speck = sp;
	return 0;
}

/* Best shift of the run's ink between columns gx0..gx1 of its drawing:
 * coarse (every other pixel, against the dilated ink) then fine. Returns
 * the share of that ink found; `loose` measures it against the dilated ink
 * throughout (a first look, where the page may still be a few per cent
 * off in scale and each glyph a pixel off its shape). */
static double search_cols(const canvas *c, const xrun *x, int gx0, int gx1, int cx, int cy, int R, bool loose, int *odx,
                          int *ody)
{
	double best = -1, hit = 0;
	int bx = cx, by = cy, step = R > 3 ? 2 : 1;
	/* the points of those columns, as canvas offsets before any shift */
	int *p = malloc(sizeof *p * 2 * (size_t)(x->ink + 1));
	if (!p) { *odx = cx; *ody = cy; return 0; }
	long n = 0;
	for (int i = 0; i < 2 * x->ink; i += 2)
		if (x->pts[i] >= gx0 && x->pts[i] < gx1) { p[2 * n] = x->px0 + x->pts[i]; p[2 * n + 1] = x->py0 + x->pts[i + 1]; n++; }
	if (!n) { free(p); *odx = cx; *ody = cy; return 0; }
	for (int pass = 0; pass < 2; pass++) {
		int x0 = pass ? bx - step + 1 : cx - R, x1 = pass ? bx + step - 1 : cx + R;
		int y0 = pass ? by - step + 1 : cy - R, y1 = pass ? by + step - 1 : cy + R;
		int st = pass ? 1 : step;
		const uint8_t *m = !loose && (pass || step == 1) ? c->ink : c->inkd;
		best = -1;
		for (int dy = y0; dy <= y1; dy += st)
			for (int dx = x0; dx <= x1; dx += st) {
				long h = 0;
				for (long i = 0; i < n; i++) {
					int u = p[2 * i] + dx, v = p[2 * i + 1] + dy;
					if ((unsigned)u < (unsigned)c->w && (unsigned)v < (unsigned)c->h) h += m[(size_t)v * c->w + u];
				}
				/* ties go to the smaller move */
				double score = (double)h / n - 1e-4 * (abs(dx - cx) + abs(dy - cy));
				if (score > best) { best = score; *odx = dx; *ody = dy; hit = (double)h / n; }
			}
		bx = *odx;
		by = *ody;
	}
	free(p);
	return hit;
}

static void refine(const canvas *c, xrun *x, int cx, int cy, int R)
{
	long best = -1;
	for (int dy = cy - R; dy <= cy + R; dy++)
		for (int dx = cx - R; dx <= cx + R; dx++) {
			long m, e;
			mismatch(c, x, dx, dy, 0, x->r.w, &m, &e);
			long score = (m + e) * 16 + abs(dx - cx) + abs(dy - cy);
			if (best < 0 || score < best) { best = score; x->dx = dx; x->dy = dy; }
		}
}

/* Least-squares affine shift field over the aligned anchors:
 * d(u,v) = a0 + a1 u + a2 v, per axis. */
typedef struct shift_fit { double ax[3], ay[3]; } shift_fit;

static int fit3(const double *u, const double *v, const double *d, const bool *use, int n, double out[3])
{
	double A[3][4] = {{0}};
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!use[i]) continue;
		double r[3] = {1, u[i], v[i]};
		for (int a = 0; a < 3; a++) {
			for (int b = 0; b < 3; b++) A[a][b] += r[a] * r[b];
			A[a][3] += r[a] * d[i];
		}
		k++;
	}
	if (k < 4) return -1;
	for (int col = 0; col < 3; col++) {
		int p = col;
		for (int r = col + 1; r < 3; r++)
			if (fabs(A[r][col]) > fabs(A[p][col])) p = r;
		if (fabs(A[p][col]) < 1e-9) return -1;
		for (int q = 0; q < 4; q++) { double t = A[col][q]; A[col][q] = A[p][q]; A[p][q] = t; }
		for (int r = 0; r < 3; r++) {
			if (r == col) continue;
			double f = A[r][col] / A[col][col];
			for (int q = col; q < 4; q++) A[r][q] -= f * A[col][q];
		}
	}
	for (int a = 0; a < 3; a++) out[a] = A[a][3] / A[a][a];
	return 0;
}

static void add_diff(cq_page_report *o, cq_field f, const char *want, const char *seen, int x, int y, int w, int h)
{
	for (unsigned i = 0; i < o->ndiff; i++)
		if (o->diff[i].field == f) {
			cq_page_diff *d = &o->diff[i];
			if (w <= 0 || h <= 0) return;                 /* no region to add */
			if (d->w <= 0 || d->h <= 0) { d->x = x; d->y = y; d->w = w; d->h = h; return; }
			int x1 = d->x + d->w > x + w ? d->x + d->w : x + w, y1 = d->y + d->h > y + h ? d->y + d->h : y + h;
			if (x < d->x) d->x = x;
			if (y < d->y) d->y = y;
			d->w = x1 - d->x;
			d->h = y1 - d->y;
			return;
		}
	if (o->ndiff >= CQ_PAGE_DIFF_MAX) return;
	cq_page_diff *d = &o->diff[o->ndiff++];
	d->field = f;
	snprintf(d->want, sizeof d->want, "%s", want);
	snprintf(d->seen, sizeof d->seen, "%s", seen);
	d->x = x; d->y = y; d->w = w; d->h = h;
}

/* The image region of a canvas box. */
static void region(const canvas *c, const hmat *H, const cq_page_input *in, int u0, int v0, int u1, int v1, int *x,
                   int *y, int *w, int *h)
{
	double minx = 1e9, miny = 1e9, maxx = -1e9, maxy = -1e9;
	for (int k = 0; k < 4; k++) {
		double px, py, ix, iy;
		to_page(c, k & 1 ? u1 : u0, k & 2 ? v1 : v0, &px, &py);
		h_apply(H, px, py, &ix, &iy);
		if (ix < minx) minx = ix;
		if (iy < miny) miny = iy;
		if (ix > maxx) maxx = ix;
		if (iy > maxy) maxy = iy;
	}
	if (minx < 0) minx = 0;
	if (miny < 0) miny = 0;
	if (maxx > in->w) maxx = in->w;
	if (maxy > in->h) maxy = in->h;
	*x = (int)minx;
	*y = (int)miny;
	*w = maxx > minx ? (int)(maxx - minx) : 1;
	*h = maxy > miny ? (int)(maxy - miny) : 1;
}

/* ---- reading characters of a known font: the ID number, changed digits ---- */

typedef struct glyphs {
	pf_run g[11];
	uint8_t *e[11], *ed[11];
	int ink[11];
	double adv[11];
	pf_run ph[11][4];      /* coverage at a quarter-pixel phases, for reading */
	/* each phase's ink as rows of bits, the columns read_chars compares
	 * (ox - 1 onwards, ncol of them; NULL when wider than 64) */
	uint64_t *bits[11][4];
	int ncol[11][4];
} glyphs;
static const char READ_SET[] = "0123456789X";

static int glyphs_make(const cq_pagefont *f, double px, glyphs *G)
{
	memset(G, 0, sizeof *G);
	for (int k = 0; k < 11; k++) {
		char t[2] = {READ_SET[k], 0};
		if (pf_draw(f, t, px, 0, &G->g[k])) return -1;
		for (int p = 0; p < 4; p++) {
			pf_run *r = &G->ph[k][p];
			if (pf_draw(f, t, px, p / 4.0, r)) return -1;
		}
		G->adv[k] = pf_width(f, t, px);
		for (int p = 0; p < 4; p++) {
			const pf_run *r = &G->ph[k][p];
			int x1 = r->ox + (int)ceil(G->adv[k]) + 1;
			if (x1 > r->w) x1 = r->w;
			G->ncol[k][p] = x1 - (r->ox - 1);
			if (G->ncol[k][p] > 64 || G->ncol[k][p] < 0) continue;
			G->bits[k][p] = calloc((size_t)r->h, sizeof *G->bits[k][p]);
			if (!G->bits[k][p]) return -1;
			for (int y = 0; y < r->h; y++)
				for (int j = 0; j < G->ncol[k][p]; j++)
					if (r->m[(size_t)y * r->w + r->ox - 1 + j] >= COVER_INK) G->bits[k][p][y] |= 1ull << j;
		}
		size_t n = (size_t)G->g[k].w * G->g[k].h;
		G->e[k] = malloc(n);
		G->ed[k] = calloc(n, 1);
		if (!G->e[k] || !G->ed[k]) return -1;
		for (size_t i = 0; i < n; i++) {
			G->e[k][i] = G->g[k].m[i] >= COVER_INK;
			G->ink[k] += G->e[k][i];
		}
		int w = G->g[k].w, h = G->g[k].h;
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++)
				if (G->e[k][(size_t)y * w + x])
					for (int q = -1; q <= 1; q++)
						for (int r = -1; r <= 1; r++)
							if (y + q >= 0 && y + q < h && x + r >= 0 && x + r < w) G->ed[k][(size_t)(y + q) * w + x + r] = 1;
	}
	return 0;
}

static void glyphs_free(glyphs *G)
{
	for (int k = 0; k < 11; k++) {
		pf_run_free(&G->g[k]);
		free(G->e[k]);
		free(G->ed[k]);
		for (int p = 0; p < 4; p++) {
			pf_run_free(&G->ph[k][p]);
			free(G->bits[k][p]);
		}
	}
}

/* Reads up to max characters of READ_SET from pen (u, baseline v).
 * Returns how many were read; each must explain most of its box's ink. */
/* Reading compares the page's ink with each candidate glyph drawn at the
 * pen's quarter-pixel phase, pixel for pixel, after one calibration: the
 * page's grey is thresholded where the area inked equals what the
 * issuer's digits ink. A renderer or a scanner that draws strokes bolder
 * or thinner (cairo against the issuer's FreeType, toner, JPEG) then no
 * longer favours 8 over 6 and 5. */
static int calibrated_threshold(const canvas *c, int u0, int v0, int u1, int v1, long want)
{
	unsigned hist[256] = {0};
	for (int v = v0 < 0 ? 0 : v0; v < v1 && v < c->h; v++)
		for (int u = u0 < 0 ? 0 : u0; u < u1 && u < c->w; u++) hist[c->g[(size_t)v * c->w + u]]++;
	long acc = 0;
	int t = 0;
	for (; t < 255; t++) {
		acc += hist[t];
		if (acc >= want) break;
	}
	return t + 1;
}

/* The threshold for a run of the layout: its expected ink over its box. */
static int run_threshold(const canvas *c, const xrun *x)
{
	return calibrated_threshold(c, x->px0 + x->dx, x->py0 + x->dy, x->px0 + x->dx + x->r.w, x->py0 + x->dy + x->r.h, x->ink);
}

static long char_cost(const canvas *c, int thr, const pf_run *r, int adv, int x0, int y0)
{
	long cost = 0;
	for (int yy = 0; yy < r->h; yy++) {
		int v = y0 + yy;
		const uint8_t *m = r->m + (size_t)yy * r->w;
		for (int xx = r->ox - 1; xx < r->ox + adv + 1 && xx < r->w; xx++) {
			int u = x0 + xx;
			int ink = (unsigned)u < (unsigned)c->w && (unsigned)v < (unsigned)c->h && c->g[(size_t)v * c->w + u] < thr;
			cost += ink != (m[xx] >= COVER_INK);
		}
	}
	return cost;
}

/* The page's ink under a threshold, as rows of bits: a window of the
 * canvas (pixels outside it are no ink), so that a candidate glyph is
 * compared 64 pixels at a time. */
typedef struct bitwin {
	uint64_t *b;
	int u0, v0, words, rows;
} bitwin;

static int bitwin_make(const canvas *c, int thr, int u0, int v0, int u1, int v1, bitwin *w)
{
	w->u0 = u0;
	w->v0 = v0;
	w->rows = v1 - v0;
	w->words = (u1 - u0 + 63) / 64 + 1;   /* one more: a read may straddle the last */
	w->b = calloc((size_t)w->rows * (size_t)w->words, sizeof *w->b);
	if (!w->b) return -1;
	for (int y = 0; y < w->rows; y++) {
		int v = v0 + y;
		if ((unsigned)v >= (unsigned)c->h) continue;
		const uint8_t *g = c->g + (size_t)v * c->w;
		uint64_t *row = w->b + (size_t)y * w->words;
		int ua = u0 < 0 ? 0 : u0, ub = u1 < c->w ? u1 : c->w;
		for (int u = ua; u < ub; u++)
			if (g[u] < thr) row[(u - u0) >> 6] |= 1ull << ((u - u0) & 63);
	}
	return 0;
}

/* 64 pixels of row y from column col of the window. */
static inline uint64_t bitwin_get(const bitwin *w, int y, int col)
{
	const uint64_t *row = w->b + (size_t)y * w->words + (col >> 6);
	int sh = col & 63;
	return sh ? row[0] >> sh | row[1] << (64 - sh) : row[0];
}

/* char_cost for a glyph at (x0, y0), from the window: the same count. */
static long char_cost_bits(const bitwin *w, const glyphs *G, int k, int p, const pf_run *r, int x0, int y0)
{
	int ncol = G->ncol[k][p];
	uint64_t mask = ncol >= 64 ? ~0ull : (1ull << ncol) - 1;
	int col = x0 + r->ox - 1 - w->u0, y = y0 - w->v0;
	long cost = 0;
	for (int yy = 0; yy < r->h; yy++) cost += __builtin_popcountll((bitwin_get(w, y + yy, col) ^ G->bits[k][p][yy]) & mask);
	return cost;
}

/* The candidate that leaves the fewest pixels different at one place,
 * within a pixel of the drift so far; its cost over its ink. */
typedef struct fit {
	int k, dx, dy;
	double cost;
} fit;

static fit best_at(const canvas *c, const bitwin *win, const glyphs *G, int thr, int nk, int p, int base, int v, int cdx,
                   int cdy)
{
	fit f = {-1, 0, 0, 0};
	long best = -1;
	for (int k = 0; k < nk; k++) {
		const pf_run *r = &G->ph[k][p];
		int adv = (int)ceil(G->adv[k]);
		for (int dy = cdy - 1; dy <= cdy + 1; dy++)
			for (int dx = cdx - 1; dx <= cdx + 1; dx++) {
				long cost = win ? char_cost_bits(win, G, k, p, r, base - r->ox + dx, v - r->oy + dy)
				                : char_cost(c, thr, r, adv, base - r->ox + dx, v - r->oy + dy);
				if (best < 0 || cost < best) { best = cost; f.k = k; f.dx = dx; f.dy = dy; }
			}
	}
	if (f.k >= 0) f.cost = (double)best / (G->ink[f.k] ? G->ink[f.k] : 1);
	return f;
}

/* Reads up to max characters of READ_SET from pen (u, baseline v): at each
 * place the candidate (and shift by a pixel) that leaves the fewest pixels
 * different, accepted when that is under 60 % of its ink. Returns how many
 * were read. With guess, the reading goes on past a place it cannot read:
 * guess gets all max places, each the candidate that fits best (what a
 * digit there most looks like, not a reading). */
#define DRIFT_MAX 3           /* pixels a read may drift from where the pen was put */
#define READ_COST 0.6         /* a reading leaves at most this share of its glyph's ink different */
static int read_chars(const canvas *c, const glyphs *G, int thr, double u, int v, int max, bool allow_x, char *out,
                      char *guess)
{
	int n = 0, nk = allow_x ? 11 : 10, read = -1;
	/* the window every candidate of every place may touch */
	double maxadv = 0, avg = 0;
	bool fast = true;
	for (int k = 0; k < nk; k++) {
		if (G->adv[k] > maxadv) maxadv = G->adv[k];
		for (int p = 0; p < 4; p++) fast &= G->bits[k][p] != NULL;
	}
	for (int k = 0; k < 10; k++) avg += G->ink[k] / 10.0;
	const pf_run *r0 = &G->ph[0][0];
	bitwin win = {0};
	if (fast && bitwin_make(c, thr, (int)floor(u) - 4 - DRIFT_MAX, v - r0->oy - 2 - DRIFT_MAX,
	                        (int)ceil(u + max * maxadv) + 70 + DRIFT_MAX, v - r0->oy + r0->h + 2 + DRIFT_MAX, &win))
		fast = false;
	/* where the last character fitted, a pixel either way: a photo's
	 * curvature left after rectification drifts along eighteen digits by
	 * more than the pixel each place searches */
	int cdx = 0, cdy = 0;
	for (; n < max; n++) {
		double fu = u - floor(u);
		int p = (int)lround(fu * 4), base = (int)floor(u);
		if (p == 4) { p = 0; base++; }
		fit f = best_at(c, fast ? &win : NULL, G, thr, nk, p, base, v, cdx, cdy);
		if (f.k < 0) break;
		if (f.cost > READ_COST) {
			/* light that changes along the line (a flash's glare, a
			 * shadow) moves the ink's grey: the line's one threshold
			 * made this place too bold or too thin. Once more, with the
			 * threshold where this place and its neighbours ink as much
			 * as they should: the two read before it, or at the line's
			 * start an average two after it */
			double a, b, want = avg;
			const char *q1 = n >= 1 ? strchr(READ_SET, guess ? guess[n - 1] : out[n - 1]) : NULL;
			const char *q2 = n >= 2 ? strchr(READ_SET, guess ? guess[n - 2] : out[n - 2]) : NULL;
			if (q1 && q2) {
				a = u - G->adv[q1 - READ_SET] - G->adv[q2 - READ_SET];
				b = u + G->adv[0];
				want += G->ink[q1 - READ_SET] + G->ink[q2 - READ_SET];
			} else {
				a = u;
				b = u + 3 * G->adv[0];
				want *= 3;
			}
			int lthr = calibrated_threshold(c, (int)floor(a) + cdx - 1, v - r0->oy + cdy - 1, (int)ceil(b) + cdx + 1,
			                                v - r0->oy + r0->h + cdy + 1, (long)want);
			bitwin lw = {0};
			bool lfast = fast && !bitwin_make(c, lthr, (int)floor(u) - 4 - DRIFT_MAX, v - r0->oy - 2 - DRIFT_MAX,
			                                  (int)ceil(u + maxadv) + 70 + DRIFT_MAX, v - r0->oy + r0->h + 2 + DRIFT_MAX, &lw);
			fit l = best_at(c, lfast ? &lw : NULL, G, lthr, nk, p, base, v, cdx, cdy);
			free(lw.b);
			if (l.k >= 0 && l.cost < f.cost) f = l;
		}
		if (f.cost > READ_COST) {
			if (!guess) break;
			if (read < 0) read = n;
		}
		if (read < 0) out[n] = READ_SET[f.k];
		if (guess) guess[n] = READ_SET[f.k];
		u += G->adv[f.k];
		if (f.dx >= -DRIFT_MAX && f.dx <= DRIFT_MAX) cdx = f.dx;
		if (f.dy >= -DRIFT_MAX && f.dy <= DRIFT_MAX) cdy = f.dy;
	}
	if (guess) guess[n] = 0;
	if (read >= 0) n = read;
	out[n] = 0;
	free(win.b);
	return n;
}

/* ---- the check ---- */

/* Copies at most cap-1 bytes of UTF-8, never cutting a character. */
static void copy_utf8(char *dst, size_t cap, const char *src)
{
	size_t n = strlen(src);
	if (n >= cap) {
		n = cap - 1;
		while (n && ((unsigned char)src[n] & 0xC0) == 0x80) n--;
	}
	memcpy(dst, src, n);
	dst[n] = 0;
}

static int unreadable(cq_page_report *o, const char *en, const char *zh)
{
	o->result = CQ_PAGE_UNREADABLE;
	snprintf(o->reason, sizeof o->reason, "%s", en);
	snprintf(o->reason_zh, sizeof o->reason_zh, "%s", zh);
	return 0;
}

static const char *seg_value(const cq_layout_run *lr, cq_field f, char *buf, size_t cap)
{
	for (int i = 0; i < lr->nseg; i++)
		if (lr->seg[i].field == f) {
			size_t n = lr->seg[i].len < cap - 1 ? lr->seg[i].len : cap - 1;
			memcpy(buf, lr->text + lr->seg[i].off, n);
			buf[n] = 0;
			return buf;
		}
	buf[0] = 0;
	return buf;
}

static bool numeric_field(cq_field f)
{
	return f == CQ_F_NUMBER || f == CQ_F_YEAR || f == CQ_F_HOURS_PUBLIC || f == CQ_F_HOURS_COMPULSORY ||
	       f == CQ_F_HOURS_PROFESSIONAL || f == CQ_F_HOURS_TOTAL || f == CQ_F_REVISION;
}

/* The field a glyph of a run belongs to. */
static cq_field glyph_field(const xrun *x, int gi)
{
	size_t off = x->r.g[gi].off;
	for (int i = 0; i < x->lr->nseg; i++)
		if (off >= x->lr->seg[i].off && off < x->lr->seg[i].off + x->lr->seg[i].len) return x->lr->seg[i].field;
	return CQ_F_LABEL;
}

#define MAX_ANCHORS (3 * CQ_LAYOUT_RUNS)
/* A place of fixed text found on the page. Light print (the seal's grey
 * caption) is searched for so that it is judged where it is, but fixes
 * geometry (geo) only in a strict look, and only where two or more of its
 * places (the whole, its ends) are found within 2 px of each other: faded,
 * it matches a few pixels off as readily as in place (a 3024x4032 photo:
 * its ends "found" 6 and 12 px off, which bent the fit across the page),
 * while it is the only fixed text at the lower right, which a scan's
 * corners a pixel or two off leave loose. 70 desk photos: 3 composited
 * when every place found counted, 1 when none did, 0 so; the corner
 * jitter of pagecheck.sh needs it. */
typedef struct anchor { double cu, cv; int dx, dy; bool ok, light, geo; } anchor;

typedef struct ctx {
	const cq_pagefont *f;
	const cq_page_input *in;
	const cq_layout *L;
	hmat H;
	canvas c;
	cq_layout_run runs[CQ_LAYOUT_RUNS], next[CQ_LAYOUT_RUNS];
	xrun x[CQ_LAYOUT_RUNS];
	double drawn_s;      /* the scale the runs were drawn at (0: none) */
	int n;
	double full, module;
	glyphs G;
	bool have_glyphs;
	shift_fit fit;
	anchor anch[MAX_ANCHORS];
	int nanch, nfirm;     /* anchors, and those not of light print */
	double scale_obs;
	bool fitted;
	double mean_dx, mean_dy;
	char id[24];
	int washed;          /* glyphs whose ink light washed out (glare): unreadable, not different */
	int blurred;         /* values a blurred capture leaves in doubt: unreadable, not different */
	double label_err;    /* the labels' mean glyph error: how well the capture shows the issuer's print */
} ctx;

static void predicted(const ctx *k, double u, double v, int *dx, int *dy)
{
	if (k->fitted) {
		*dx = (int)lround(k->fit.ax[0] + k->fit.ax[1] * u + k->fit.ax[2] * v);
		*dy = (int)lround(k->fit.ay[0] + k->fit.ay[1] * u + k->fit.ay[2] * v);
	} else {
		*dx = (int)lround(k->mean_dx);
		*dy = (int)lround(k->mean_dy);
	}
}

/* Reads what a numeric value shows, from the start of its segment. */
static void read_seen(ctx *k, const xrun *x, cq_field f, char *seen, size_t cap)
{
	snprintf(seen, cap, "(不同 differs)");
	if (!k->have_glyphs || !numeric_field(f)) return;
	for (int i = 0; i < x->lr->nseg; i++) {
		if (x->lr->seg[i].field != f) continue;
		char pre[CQ_LAYOUT_RUN_MAX];
		memcpy(pre, x->lr->text, x->lr->seg[i].off);
		pre[x->lr->seg[i].off] = 0;
		double u = x->u0 + pf_width(k->f, pre, x->lr->size * k->c.s) + x->dx;
		char got[24];
		if (read_chars(&k->c, &k->G, run_threshold(&k->c, x), u, x->py0 + x->r.oy + x->dy, 13, false, got, NULL) > 0)
			snprintf(seen, cap, "%s", got);
		return;
	}
}

static void region(const canvas *c, const hmat *H, const cq_page_input *in, int u0, int v0, int u1, int v1, int *x,
                   int *y, int *w, int *h);

/* Glare: light added over the print (a flash's reflection) lifts the ink
 * towards the paper until it is no longer ink, and adds none. What is left
 * where the glyph lacks ink is a faint trace of its strokes: darker than
 * the paper between them, too light to be print. Such a glyph cannot be
 * read, which is not the same as showing another one. A value a forger
 * removed leaves no trace (a white box or erased pixels are as light on
 * the strokes as between them), and a value drawn instead adds ink: both
 * still differ. */
#define WASH_TRACE   10       /* the missing strokes at least this much darker than between them */
static bool washed(const canvas *c, const xrun *x, int x0, int x1, int dx, int dy)
{
	long miss = 0, extra = 0, nb = 0, sm = 0, sb = 0;
	for (int yy = 0; yy < x->r.h; yy++)
		for (int xx = x0 < 0 ? 0 : x0; xx < x1 && xx < x->r.w; xx++) {
			size_t i = (size_t)yy * x->r.w + xx;
			int u = x->px0 + xx + dx, v = x->py0 + yy + dy;
			if (u < 0 || v < 0 || u >= c->w || v >= c->h) continue;
			int g = c->g[(size_t)v * c->w + u];
			if (!x->ed[i]) {
				nb++;
				sb += g;
				extra += c->ink[(size_t)v * c->w + u];
			} else if (x->e[i] && !c->inkd[(size_t)v * c->w + u]) {
				miss++;
				sm += g;
			}
		}
	if (!nb || !miss || extra * 4 > miss) return false;
	double trace = (double)sb / nb - (double)sm / miss;
	return trace >= WASH_TRACE;
}

/* Numbers are read, not only compared: a changed digit can differ from the
 * signed one by a few strokes, within what blur does to a scan, while the
 * best of ten templates tells 3 from 5 plainly. */
static void read_numbers(ctx *k, const xrun *x, cq_page_report *o)
{
	if (!k->have_glyphs || fabs(x->lr->size - k->L->value_size) > 0.01) return;
	for (int si = 0; si < x->lr->nseg; si++) {
		const cq_layout_seg *sg = &x->lr->seg[si];
		if (!numeric_field(sg->field) || !sg->len || sg->len > 20) continue;
		char want[24], pre[CQ_LAYOUT_RUN_MAX], got[24];
		memcpy(want, x->lr->text + sg->off, sg->len);
		want[sg->len] = 0;
		memcpy(pre, x->lr->text, sg->off);
		pre[sg->off] = 0;
		double u = x->u0 + pf_width(k->f, pre, x->lr->size * k->c.s) + x->dx;
		int n = read_chars(&k->c, &k->G, run_threshold(&k->c, x), u, x->py0 + x->r.oy + x->dy, (int)sg->len + 1, false, got, NULL);
		if (n == (int)sg->len && !memcmp(got, want, sg->len)) continue;
		/* read as far as it goes, all as signed, then nothing more:
		 * the place is in doubt (blur), which shows no other number */
		if (n < (int)sg->len && !memcmp(got, want, (size_t)n)) { k->blurred++; continue; }
		int g0 = -1, g1 = -1;
		for (int g = 0; g < x->r.n; g++)
			if (x->r.g[g].off >= sg->off && x->r.g[g].off < sg->off + sg->len) { if (g0 < 0) g0 = g; g1 = g; }
		if (g0 < 0) continue;
		if (washed(&k->c, x, x->r.g[g0].x0, x->r.g[g1].x1, x->dx, x->dy)) { k->washed++; continue; }
		int rx, ry, rw, rh;
		region(&k->c, &k->H, k->in, x->px0 + x->dx + x->r.g[g0].x0, x->py0 + x->dy, x->px0 + x->dx + x->r.g[g1].x1,
		       x->py0 + x->dy + x->r.h, &rx, &ry, &rw, &rh);
		add_diff(o, sg->field, want, n ? got : "(不同 differs)", rx, ry, rw, rh);
	}
}

/* Whether two expanded runs print the same text the same way (member by
 * member: a struct's padding is not compared). */
static bool run_same(const cq_layout_run *a, const cq_layout_run *b)
{
	if (strcmp(a->text, b->text) || a->x != b->x || a->y != b->y || a->size != b->size || a->align != b->align ||
	    a->font != b->font || a->beside_qr != b->beside_qr || a->unknown != b->unknown || a->row != b->row ||
	    a->item != b->item || a->nseg != b->nseg)
		return false;
	for (int i = 0; i < 3; i++)
		if (a->rgb[i] != b->rgb[i]) return false;
	for (int i = 0; i < a->nseg && i < CQ_LAYOUT_SEGS; i++)
		if (a->seg[i].off != b->seg[i].off || a->seg[i].len != b->seg[i].len || a->seg[i].field != b->seg[i].field) return false;
	return true;
}

static int layout_runs(ctx *k, cq_page_report *o, char why[256])
{
	cq_layout_values vals = {k->in->rec, k->id[0] ? k->id : NULL, k->in->issuer, k->in->key_id};
	cq_err e;
	int n = cq_layout_expand(k->L, &vals, k->next, CQ_LAYOUT_RUNS, &e);
	if (n < 0) { snprintf(why, 256, "layout: %s", e.msg); return -1; }
	/* A run drawn for a look at the same scale, with the same text, is
	 * drawn alike (the canvas' origin depends on the layout only): kept,
	 * its alignment cleared. Only the ID number's run changes once read. */
	bool same_scale = k->n == n && k->drawn_s == k->c.s;
	for (int i = 0; i < k->n; i++) {
		xrun *x = &k->x[i];
		if (same_scale && run_same(&k->next[i], &k->runs[i])) {
			x->dx = x->dy = 0;
			x->aligned = false;
			x->hit = 0;
			continue;
		}
		xrun_free(x);
		memset(x, 0, sizeof *x);
		x->lr = &k->runs[i];
	}
	if (!same_scale) k->n = 0;
	k->drawn_s = k->c.s;
	for (int i = 0; i < n; i++) {
		xrun *x = &k->x[i];
		if (i < k->n && x->e) continue;                     /* kept */
		if (i < k->n && run_same(&k->next[i], &k->runs[i])) continue;   /* kept, empty */
		k->runs[i] = k->next[i];
		memset(x, 0, sizeof *x);
		x->lr = &k->runs[i];
		if (!k->runs[i].text[0]) continue;
		if (xrun_make(k->f, &k->c, k->L, k->full, k->module, &k->runs[i], x)) {
			k->n = n;          /* every entry is drawn, kept or cleared: freed at the end */
			k->drawn_s = 0;
			snprintf(why, 256, "out of memory drawing the expected text");
			return -1;
		}
	}
	k->n = n;
	(void)o;
	return 0;
}

/* A displacement field d(u,v) = a0 + a1 u + a2 v from the points in use,
 * for prediction while anchors are still few: a direction in which the
 * points spread less than `span` pixels keeps a zero slope (a column of
 * labels says nothing about the slope across it). -1 without points. */
static int fit_field(const double *u, const double *v, const double *d, const bool *use, int n, double span, double out[3])
{
	double u0 = 1e9, u1 = -1e9, v0 = 1e9, v1 = -1e9;
	int k = 0;
	for (int i = 0; i < n; i++) {
		if (!use[i]) continue;
		u0 = fmin(u0, u[i]); u1 = fmax(u1, u[i]);
		v0 = fmin(v0, v[i]); v1 = fmax(v1, v[i]);
		k++;
	}
	if (!k) return -1;
	bool su = u1 - u0 >= span, sv = v1 - v0 >= span;
	if (su && sv && k >= 4 && fit3(u, v, d, use, n, out) == 0) return 0;
	/* one slope or none: least squares on the terms kept */
	double m = 0, mu = 0, mv = 0;
	for (int i = 0; i < n; i++)
		if (use[i]) { m += d[i]; mu += u[i]; mv += v[i]; }
	m /= k; mu /= k; mv /= k;
	double num = 0, den = 0;
	for (int i = 0; i < n; i++) {
		if (!use[i]) continue;
		double t = su ? u[i] - mu : v[i] - mv;
		num += t * (d[i] - m);
		den += t * t;
	}
	double slope = (su || sv) && den > 1e-9 ? num / den : 0;
	out[0] = m - slope * (su ? mu : sv ? mv : 0);
	out[1] = su ? slope : 0;
	out[2] = !su && sv ? slope : 0;
	return 0;
}

/* Finds the fixed text (labels, titles) and fits the small remaining
 * displacement of the rectified page to it. The map comes from the code's
 * corners, exact at the code and the worse the farther from it (a corner a
 * pixel off tilts the whole page; a photo's perspective bends it). So the
 * anchors are searched nearest the code first, each around the place the
 * anchors found so far predict, in a window that grows with the distance
 * from the nearest one found: a label is never taken for its neighbour
 * one row up, however wrong the corners were. */
static int align(ctx *k, cq_page_report *o, int R, bool loose)
{
	double u[MAX_ANCHORS + 4], v[MAX_ANCHORS + 4], ddx[MAX_ANCHORS + 4], ddy[MAX_ANCHORS + 4];
	bool use[MAX_ANCHORS + 4];
	int run_of[MAX_ANCHORS], part_of[MAX_ANCHORS], gx0s[MAX_ANCHORS], gx1s[MAX_ANCHORS];
	int na = 0, nanch = 0;
	k->fitted = false;
	double sx = 0, sy = 0;
	o->runs = 0;
	o->runs_aligned = 0;
	/* the parts: each fixed run, and for a long one its two ends (anchors
	 * spread across the page fix its scale and perspective) */
	for (int i = 0; i < k->n; i++) {
		xrun *x = &k->x[i];
		if (!x->e || !x->fixed || x->small) continue;
		if (!x->light) o->runs++;
		x->aligned = false;
		x->hit = 0;
		x->dx = x->dy = 0;
		int parts = x->r.n >= 8 ? 3 : 1;
		for (int p = 0; p < parts && nanch < MAX_ANCHORS; p++) {
			int g0 = p == 2 ? x->r.n - 4 : 0, g1 = p == 1 ? 4 : x->r.n;
			int gx0 = p ? x->r.g[g0].x0 : 0, gx1 = p ? x->r.g[g1 - 1].x1 : x->r.w;
			anchor *a = &k->anch[nanch];
			a->cu = x->px0 + (gx0 + gx1) / 2.0;
			a->cv = x->cv;
			a->dx = a->dy = 0;
			a->ok = false;
			a->light = x->light;
			run_of[nanch] = i;
			part_of[nanch] = p;
			gx0s[nanch] = gx0;
			gx1s[nanch] = gx1;
			nanch++;
		}
	}
	k->nanch = nanch;
	k->nfirm = 0;
	for (int i = 0; i < nanch; i++) k->nfirm += !k->anch[i].light;
	/* the code's corners: no displacement there but the decoder's pixel */
	double qu[4], qv[4];
	{
		double bx = k->L->qr_x + 4 * k->module, by = k->L->qr_y + 4 * k->module, S = k->L->qr_mm * MM_PT;
		double px[4] = {bx, bx + S, bx + S, bx}, py[4] = {by + S, by + S, by, by};
		for (int i = 0; i < 4; i++) to_canvas(&k->c, px[i], py[i], &qu[i], &qv[i]);
	}
	double cu = (qu[0] + qu[2]) / 2, cv = (qv[0] + qv[2]) / 2;
	/* nearest the code first */
	int order[MAX_ANCHORS];
	for (int i = 0; i < nanch; i++) order[i] = i;
	for (int i = 1; i < nanch; i++)
		for (int j = i; j > 0; j--) {
			const anchor *a = &k->anch[order[j]], *b = &k->anch[order[j - 1]];
			if (hypot(a->cu - cu, a->cv - cv) >= hypot(b->cu - cu, b->cv - cv)) break;
			int t = order[j]; order[j] = order[j - 1]; order[j - 1] = t;
		}
	/* the field so far: the code's corners, then each anchor found */
	int m = 0;
	for (int i = 0; i < 4; i++) { u[m] = qu[i]; v[m] = qv[i]; ddx[m] = ddy[m] = 0; use[m] = true; m++; }
	double span = 8 * k->c.s * 13;     /* a few rows of labels */
	for (int oi = 0; oi < nanch; oi++) {
		int ai = order[oi];
		anchor *a = &k->anch[ai];
		xrun *x = &k->x[run_of[ai]];
		double fx[3], fy[3];
		int pdx = 0, pdy = 0;
		if (fit_field(u, v, ddx, use, m, span, fx) == 0 && fit_field(u, v, ddy, use, m, span, fy) == 0) {
			pdx = (int)lround(fx[0] + fx[1] * a->cu + fx[2] * a->cv);
			pdy = (int)lround(fy[0] + fy[1] * a->cu + fy[2] * a->cv);
		}
		/* how far the prediction may be off: what the nearest known point
		 * is, times the corners' and a photo's worst relative error */
		double near = 1e9;
		for (int i = 0; i < m; i++)
			if (use[i]) near = fmin(near, hypot(u[i] - a->cu, v[i] - a->cv));
		int r = (int)ceil(3 + 0.06 * near);
		if (r > R) r = R;
		int dx = pdx, dy = pdy;
		double hit = search_cols(&k->c, x, gx0s[ai], gx1s[ai], pdx, pdy, r, loose, &dx, &dy);
		a->dx = dx;
		a->dy = dy;
		a->ok = hit >= (loose ? ALIGN_HIT_LOOSE : ALIGN_HIT);
		if (part_of[ai] == 0) {
			x->dx = dx;
			x->dy = dy;
			x->hit = hit;
			x->aligned = a->ok;
			/* light print found counts among the labels, lost it
			 * does not (it fades first) */
			if (a->ok) o->runs_aligned++;
			if (a->ok && x->light) o->runs++;
		}
		a->geo = a->ok && !a->light;
		if (a->geo) { u[m] = a->cu; v[m] = a->cv; ddx[m] = dx; ddy[m] = dy; use[m] = true; m++; }
	}
	for (int i = 0; i < nanch && !loose; i++) {
		anchor *a = &k->anch[i];
		if (!a->light || !a->ok) continue;
		bool agree = true;
		int nok = 0;
		for (int j = 0; j < nanch; j++)
			if (run_of[j] == run_of[i] && k->anch[j].ok) {
				nok++;
				if (abs(a->dx - k->anch[j].dx) > 2 || abs(a->dy - k->anch[j].dy) > 2) agree = false;
			}
		a->geo = agree && nok >= 2;
	}
	for (int i = 0; i < nanch; i++) {
		const anchor *a = &k->anch[i];
		u[i] = a->cu;
		v[i] = a->cv;
		ddx[i] = a->dx;
		ddy[i] = a->dy;
		use[i] = a->geo;
		if (use[i]) { na++; sx += a->dx; sy += a->dy; }
	}
	if (!na) return -1;
	k->mean_dx = sx / na;
	k->mean_dy = sy / na;
	if (fit3(u, v, ddx, use, nanch, k->fit.ax) == 0 && fit3(u, v, ddy, use, nanch, k->fit.ay) == 0) {
		/* once more without the anchors the fit does not explain */
		for (int i = 0; i < nanch; i++) {
			if (!use[i]) continue;
			double px = k->fit.ax[0] + k->fit.ax[1] * u[i] + k->fit.ax[2] * v[i];
			double py = k->fit.ay[0] + k->fit.ay[1] * u[i] + k->fit.ay[2] * v[i];
			if (fabs(px - ddx[i]) > 2.5 || fabs(py - ddy[i]) > 2.5) use[i] = false;
		}
		k->fitted = fit3(u, v, ddx, use, nanch, k->fit.ax) == 0 && fit3(u, v, ddy, use, nanch, k->fit.ay) == 0;
	}
	return 0;
}

/* The page's geometry again, from every label found and the code's
 * corners: the corners alone are a pixel or two off, which the code's small
 * size magnifies across the page, and a photo's perspective shows only
 * across the page. A homography when enough anchors were found, else an
 * affine map. */
static int refit(ctx *k, const double qsx[4], const double qsy[4])
{
	double sx[MAX_ANCHORS + 4], sy[MAX_ANCHORS + 4], dx[MAX_ANCHORS + 4], dy[MAX_ANCHORS + 4];
	int n = 0;
	/* the code's corners count too: they fix the lower left of the page */
	for (int i = 0; i < 4; i++) {
		sx[n] = qsx[i];
		sy[n] = qsy[i];
		dx[n] = k->in->qx[i];
		dy[n] = k->in->qy[i];
		n++;
	}
	for (int i = 0; i < k->nanch; i++) {
		const anchor *a = &k->anch[i];
		if (!a->geo) continue;
		to_page(&k->c, a->cu, a->cv, &sx[n], &sy[n]);
		double px, py;
		to_page(&k->c, a->cu + a->dx, a->cv + a->dy, &px, &py);
		h_apply(&k->H, px, py, &dx[n], &dy[n]);
		n++;
	}
	hmat H;
	if (h_fit(sx, sy, dx, dy, n, n >= 10, &H)) return -1;
	k->H = H;
	return 0;
}

/* The ID number: read in the issuer's font where the layout prints it. */
static void read_id(ctx *k, cq_page_report *o)
{
	for (int i = 0; i < k->n; i++) {
		const cq_layout_run *lr = k->x[i].lr;
		if (!lr->unknown || !k->have_glyphs) continue;
		/* the value run with the ID is empty: place the pen as xrun would */
		double ax = lr->x, ay = lr->y, uu, vv;
		to_canvas(&k->c, ax, ay, &uu, &vv);
		int dx, dy;
		predicted(k, uu, vv, &dx, &dy);
		char got[24], guess[24], best_guess[24] = "";
		int best_n = -1;
		/* eighteen digits fill the box: their average ink calibrates it */
		long want = 0;
		for (int q = 0; q < 10; q++) want += k->G.ink[q];
		want = want * 18 / 10;
		double em = 2 * k->G.adv[0];
		int thr = calibrated_threshold(&k->c, (int)floor(uu + dx) - 2, (int)lround(vv) + dy - (int)ceil(em * 0.9),
		                               (int)ceil(uu + dx + 18 * k->G.adv[0]) + 2, (int)lround(vv) + dy + (int)ceil(em * 0.15), want);
		for (int ry = -1; ry <= 1; ry++) {
			int n = read_chars(&k->c, &k->G, thr, uu + dx, (int)lround(vv) + dy + ry, 18, true, got, guess);
			if (n > 0) {
				/* once more, calibrated on the digits read (four 1s ink far
				 * less than the average digit) */
				long w2 = 0;
				for (int q = 0; q < 18; q++)
					w2 += q < n ? k->G.ink[strchr(READ_SET, got[q]) - READ_SET] : want / 18;
				int thr2 = calibrated_threshold(&k->c, (int)floor(uu + dx) - 2, (int)lround(vv) + dy - (int)ceil(em * 0.9),
				                                (int)ceil(uu + dx + 18 * k->G.adv[0]) + 2,
				                                (int)lround(vv) + dy + (int)ceil(em * 0.15), w2);
				char got2[24], guess2[24];
				int n2 = read_chars(&k->c, &k->G, thr2, uu + dx, (int)lround(vv) + dy + ry, 18, true, got2, guess2);
				if (n2 >= n) { n = n2; memcpy(got, got2, sizeof got); memcpy(guess, guess2, sizeof guess); }
			}
			if (n > best_n) {
				best_n = n;
				snprintf(k->id, sizeof k->id, "%s", got);
				memcpy(best_guess, guess, sizeof best_guess);
			}
			if (n == 18) break;
		}
		o->id_read = best_n == 18;
		if (o->id_read) {
			cq_err e;
			o->id_valid = cq_idnum_validate(k->id, &e) == 0;
			o->id_matches = o->id_valid && cq_record_id_matches(k->in->rec, k->id);
			snprintf(o->id_tail, sizeof o->id_tail, "%s", k->id + 14);
		} else {
			/* what could not be read is still the ID number's place: the
			 * rest drawn as the digits it looks most like, so that its
			 * ink counts against the ID number, not as ink from nowhere,
			 * and a digit too faint to read is judged as that digit
			 * washed out, not as a 0 drawn where a 4 is printed */
			size_t n = strlen(k->id);
			for (; n < 18; n++) k->id[n] = n < strlen(best_guess) ? best_guess[n] : '0';
			k->id[18] = 0;
		}
		return;
	}
}

/* Whether a run's centre lies inside the layout's seal area. */
static bool in_seal(const ctx *k, const xrun *x)
{
	double px, py;
	to_page(&k->c, x->cu, x->cv, &px, &py);
	return cq_layout_in_seal(k->L, px, py);
}

/* ---- the second opinion: what the page shows, read (cq_page_input.read) ---- */

#define READ_DOUBT   0.5      /* of a value glyph's limit: a field this doubtful is read */
#define READ_CONF    70.0f    /* a character read with less confidence is no reading */
#define READ_BETTER  0.6      /* the read character's drawing leaves at most this share of the signed one's error */
#define READ_MAX     6        /* lines read per page at most */

/* The fields read: the ones printed in characters the digit templates do
 * not cover (names, bureaus, dates, reduction notes). */
static bool read_field(cq_field f)
{
	return f == CQ_F_NAME || f == CQ_F_ISSUER || f == CQ_F_ISSUED || f == CQ_F_REDUCTION;
}

/* The error of a drawing's columns x0..x1 against the page's ink, at the
 * run's shift and a pixel or two either way, over `denom` pixels: the same
 * measure for the signed character and for the one read, so that the two
 * are compared on equal terms. */
static double hyp_err(const canvas *c, const pf_run *r, int px0, int py0, int dx, int dy, int x0, int x1, long denom)
{
	double best = 1e9;
	if (x0 < 0) x0 = 0;
	if (x1 > r->w) x1 = r->w;
	for (int sy = -2; sy <= 2; sy++)
		for (int sx = -2; sx <= 2; sx++) {
			long miss = 0, extra = 0;
			for (int yy = 0; yy < r->h; yy++)
				for (int xx = x0; xx < x1; xx++) {
					int u = px0 + xx + dx + sx, v = py0 + yy + dy + sy;
					bool e = r->m[(size_t)yy * r->w + xx] >= COVER_INK, ed = e;
					for (int q = -1; q <= 1 && !ed; q++)
						for (int w = -1; w <= 1 && !ed; w++) {
							int a = yy + q, b = xx + w;
							ed = a >= 0 && a < r->h && b >= 0 && b < r->w && r->m[(size_t)a * r->w + b] >= COVER_INK;
						}
					if (e && !at(c, c->inkd, u, v)) miss++;
					if (!ed && at(c, c->ink, u, v)) extra++;
				}
			double err = (double)(miss + extra) / (double)(denom > 0 ? denom : 1);
			if (err < best) best = err;
		}
	return best;
}

/* Puts a UTF-8 encoding of cp at *p (room for 4 bytes). */
static size_t put_utf8(char *p, uint32_t cp)
{
	if (cp < 0x80) { p[0] = (char)cp; return 1; }
	if (cp < 0x800) { p[0] = (char)(0xC0 | cp >> 6); p[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
	if (cp < 0x10000) {
		p[0] = (char)(0xE0 | cp >> 12); p[1] = (char)(0x80 | (cp >> 6 & 0x3F)); p[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	p[0] = (char)(0xF0 | cp >> 18); p[1] = (char)(0x80 | (cp >> 12 & 0x3F)); p[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	p[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Lines the reading got[0..n) up with glyphs g0..g0+m of run x (edit
 * distance): per[i] is glyph g0+i's reading when the two line up as a
 * match or a substitution, else {0, 0}. -1 when the reading is too far
 * from the signed text to line up (more than half of it inserted or
 * dropped): no reading at all. */
static int align_reading(const xrun *x, int g0, int m, const cq_ocr_char *got, int n, cq_ocr_char *per)
{
	unsigned short D[PF_GLYPHS + 1][PF_GLYPHS + 1];
	if (m > PF_GLYPHS || n > PF_GLYPHS) return -1;
	for (int i = 0; i <= m; i++) D[i][0] = (unsigned short)i;
	for (int j = 0; j <= n; j++) D[0][j] = (unsigned short)j;
	for (int i = 1; i <= m; i++)
		for (int j = 1; j <= n; j++) {
			int sub = D[i - 1][j - 1] + (x->r.g[g0 + i - 1].cp != got[j - 1].cp);
			int del = D[i - 1][j] + 1, ins = D[i][j - 1] + 1;
			int b = sub < del ? sub : del;
			D[i][j] = (unsigned short)(b < ins ? b : ins);
		}
	memset(per, 0, sizeof *per * (size_t)m);
	int i = m, j = n, gaps = 0;
	while (i > 0 && j > 0) {
		if (D[i][j] == D[i - 1][j - 1] + (x->r.g[g0 + i - 1].cp != got[j - 1].cp)) { per[i - 1] = got[j - 1]; i--; j--; }
		else if (D[i][j] == D[i - 1][j] + 1) { i--; gaps++; }
		else { j--; gaps++; }
	}
	gaps += i + j;
	return 2 * gaps > m ? -1 : 0;
}

/* The field's glyphs g0..g1 of run x, cut from the rectified page (the
 * dropout plane for colour: a seal is not read) with a margin, read. */
static int read_line(ctx *k, const xrun *x, int g0, int g1, cq_ocr_char *got, int max)
{
	const canvas *c = &k->c;
	int pad = (int)ceil(0.4 * x->lr->size * c->s);
	int u0 = x->px0 + x->dx + x->r.g[g0].x0 - pad, u1 = x->px0 + x->dx + x->r.g[g1].x1 + pad;
	int v0 = x->py0 + x->dy + x->r.g[g0].y0 - pad / 2, v1 = x->py0 + x->dy + x->r.g[g0].y1 + pad / 2;
	if (u0 < 0) u0 = 0;
	if (v0 < 0) v0 = 0;
	if (u1 > c->w) u1 = c->w;
	if (v1 > c->h) v1 = c->h;
	if (u1 - u0 < 4 || v1 - v0 < 4) return -1;
	/* on a white border (the engine reads a line better with room around
	 * it), the paper levelled to white: a grey scan's toner background is
	 * no ink to the reader either */
	int m = pad, W = u1 - u0 + 2 * m, H = v1 - v0 + 2 * m;
	uint8_t *b = malloc((size_t)W * H);
	if (!b) return -1;
	memset(b, 255, (size_t)W * H);
	unsigned hist[256] = {0};
	for (int v = v0; v < v1; v++)
		for (int u = u0; u < u1; u++) hist[c->g[(size_t)v * c->w + u]]++;
	unsigned total = (unsigned)((u1 - u0) * (v1 - v0)), cum = 0;
	int paper = 255;
	for (int t = 255; t > 0; t--) {
		cum += hist[t];
		if (cum >= total / 4) { paper = t; break; }
	}
	if (paper < 32) paper = 32;
	for (int v = v0; v < v1; v++)
		for (int u = u0; u < u1; u++) {
			int g = c->g[(size_t)v * c->w + u] * 255 / paper;
			b[(size_t)(v - v0 + m) * W + (u - u0 + m)] = (uint8_t)(g > 255 ? 255 : g);
		}
	int n = k->in->read(k->in->read_ctx, b, (unsigned)W, (unsigned)H, (size_t)W, got, max);
	free(b);
	return n;
}

/* A value field the ink comparison doubts (a glyph above half its limit)
 * is read. A character read confidently as another one, which the issuer's
 * font draws, and whose drawing explains the page's ink clearly better
 * than the signed character's, is an edit (提→捷: 11 % of the signed
 * glyph's ink, too close to a genuine capture's 9.5 % for a threshold, is
 * a plain difference between two hypotheses). Anything else the reader
 * says — agreement, a rare character it cannot read, a line it splits
 * otherwise — is no evidence either way. A field the ink already found
 * different gets the reading as what the page shows. */
static void second_opinion(ctx *k, const xrun *x, const double *errg, cq_page_report *o)
{
	const canvas *c = &k->c;
	if (!k->in->read || x->small || !x->lr->nseg) return;
	for (int si = 0; si < x->lr->nseg; si++) {
		const cq_layout_seg *sg = &x->lr->seg[si];
		if (!read_field(sg->field) || !sg->len) continue;
		int g0 = -1, g1 = -1;
		double worst = 0;
		for (int g = 0; g < x->r.n; g++)
			if (x->r.g[g].off >= sg->off && x->r.g[g].off < sg->off + sg->len) {
				if (g0 < 0) g0 = g;
				g1 = g;
				if (errg[g] > worst) worst = errg[g];
			}
		if (g0 < 0 || worst <= VALUE_ERR * READ_DOUBT || o->reads >= READ_MAX) continue;
		cq_ocr_char got[PF_GLYPHS];
		o->reads++;
		int n = read_line(k, x, g0, g1, got, PF_GLYPHS);
		/* spaces are the reader's, not the issuer's */
		int m = 0;
		for (int i = 0; i < n; i++)
			if (got[i].cp != ' ' && got[i].cp != 0x3000) got[m++] = got[i];
		n = m;
		/* each glyph's reading, where the reading lines up with the signed
		 * text (a dot the reader drops, a character it splits: those
		 * glyphs have none) */
		int m0 = g1 - g0 + 1;
		cq_ocr_char per[PF_GLYPHS];
		if (n <= 0 || align_reading(x, g0, m0, got, n, per)) continue;
		char want[100];
		seg_value(x->lr, sg->field, want, sizeof want);
		bool differs = false;
		for (int i = 0; i < m0; i++) differs |= per[i].cp && per[i].cp != x->r.g[g0 + i].cp;
		if (!differs) continue;
		/* the run as the page would print it if the reading were right */
		char alt[CQ_LAYOUT_RUN_MAX];
		size_t len = 0, head = x->r.g[g0].off, tail = sg->off + sg->len;
		memcpy(alt, x->lr->text, head);
		len = head;
		for (int i = 0; i < m0 && len + 4 < sizeof alt; i++) len += put_utf8(alt + len, per[i].cp ? per[i].cp : x->r.g[g0 + i].cp);
		size_t rest = strlen(x->lr->text + tail);
		if (len + rest >= sizeof alt) continue;
		memcpy(alt + len, x->lr->text + tail, rest + 1);
		double u = x->u0;
		pf_run ar;
		if (pf_draw(k->f, alt, x->lr->size * c->s, u - floor(u), &ar)) continue;
		/* what the page shows: the signed characters, save those read as
		 * others whose drawing explains the ink better */
		char shown[sizeof o->diff[0].seen];
		size_t sl = 0;
		bool edit = false;
		double minink = 0.12 * x->lr->size * c->s * x->lr->size * c->s;
		for (int i = 0; i < m0; i++) {
			int g = g0 + i;
			uint32_t cp = x->r.g[g].cp;
			if (ar.n == x->r.n && per[i].cp && per[i].cp != cp && per[i].conf >= READ_CONF && pf_has(k->f, per[i].cp) &&
			    !x->r.g[g].missing && errg[g] > VALUE_ERR * READ_DOUBT) {
				int cx0 = x->r.g[g].x0 < ar.g[g].x0 ? x->r.g[g].x0 : ar.g[g].x0;
				int cx1 = x->r.g[g].x1 > ar.g[g].x1 ? x->r.g[g].x1 : ar.g[g].x1;
				long gs = 0, ga = 0;
				for (int yy = 0; yy < x->r.h; yy++)
					for (int xx = cx0; xx < cx1; xx++) gs += xx >= 0 && xx < x->r.w && x->e[(size_t)yy * x->r.w + xx];
				for (int yy = 0; yy < ar.h; yy++)
					for (int xx = cx0; xx < cx1; xx++) ga += xx >= 0 && xx < ar.w && ar.m[(size_t)yy * ar.w + xx] >= COVER_INK;
				long denom = gs > ga ? gs : ga;
				if (denom < minink) denom = (long)minink;
				double es = hyp_err(c, &x->r, x->px0, x->py0, x->dx, x->dy, cx0, cx1, denom);
				double ea = hyp_err(c, &ar, x->px0, x->py0, x->dx, x->dy, cx0, cx1, denom);
				if (ea <= READ_BETTER * es) { edit = true; cp = per[i].cp; }
			}
			char b[4];
			size_t l = put_utf8(b, cp);
			if (sl + l >= sizeof shown) break;
			memcpy(shown + sl, b, l);
			sl += l;
		}
		shown[sl] = 0;
		pf_run_free(&ar);
		if (!edit) continue;
		bool flagged = false;
		for (unsigned d = 0; d < o->ndiff; d++)
			if (o->diff[d].field == sg->field) {
				flagged = true;
				memcpy(o->diff[d].seen, shown, sizeof shown);
			}
		if (flagged) continue;
		int rx, ry, rw, rh;
		region(c, &k->H, k->in, x->px0 + x->dx + x->r.g[g0].x0, x->py0 + x->dy, x->px0 + x->dx + x->r.g[g1].x1,
		       x->py0 + x->dy + x->r.h, &rx, &ry, &rw, &rh);
		add_diff(o, sg->field, want, shown, rx, ry, rw, rh);
	}
}

static void judge_runs(ctx *k, cq_page_report *o)
{
	canvas *c = &k->c;
	/* the labels first: their glyphs say how well this capture shows the
	 * issuer's print, before the values are judged by it */
	double lsum = 0;
	long ln = 0;
	for (int pass = 0; pass < 2; pass++)
	for (int i = 0; i < k->n; i++) {
		xrun *x = &k->x[i];
		if (!x->e || x->fixed != (pass == 0)) continue;
		if (pass == 1) k->label_err = ln ? lsum / ln : 0;
		int dx, dy;
		predicted(k, x->cu, x->cv, &dx, &dy);
		refine(c, x, dx, dy, 1);
		if (x->fixed && in_seal(k, x)) {
			/* the seal's caption is where the seal is pressed: fixed
			 * text under a stamp by design, no field, not judged */
			for (int yy = 0; yy < x->r.h; yy++)
				for (int xx = 0; xx < x->r.w; xx++) {
					int u = x->px0 + xx + x->dx, v = x->py0 + yy + x->dy;
					if (u >= 0 && v >= 0 && u < c->w && v < c->h) c->seen[(size_t)v * c->w + u] = 1;
				}
			continue;
		}
		/* light print fades first: judged as small print is */
		bool faint = x->small || x->light;
		bool sample = x->fixed && !faint;
		read_numbers(k, x, o);
		double errg[PF_GLYPHS] = {0};
		double minink = 0.12 * x->lr->size * c->s * x->lr->size * c->s;
		for (int g = 0; g < x->r.n; g++) {
			int x0 = x->r.g[g].x0, x1 = x->r.g[g].x1;
			if (x0 < 0) x0 = 0;
			if (x1 > x->r.w) x1 = x->r.w;
			long gi = 0, miss, extra;
			if (x->r.g[g].missing) {
				/* no face of the chain draws it: not judged, its place is not extra */
				for (int yy = 0; yy < x->r.h; yy++)
					for (int xx = x0; xx < x1; xx++) {
						int u = x->px0 + xx + x->dx, v = x->py0 + yy + x->dy;
						if (u >= 0 && v >= 0 && u < c->w && v < c->h) c->seen[(size_t)v * c->w + u] = 1;
					}
				continue;
			}
			for (int yy = 0; yy < x->r.h; yy++)
				for (int xx = x0; xx < x1; xx++) gi += x->e[(size_t)yy * x->r.w + xx];
			mismatch(c, x, x->dx, x->dy, x0, x1, &miss, &extra);
			double err = (double)(miss + extra) / (gi > minink ? gi : minink);
			/* the doubt counts specks as ink (find_specks) */
			double raw = err;
			if (c->speck) {
				uint8_t *sp = c->speck;
				long m3, e3;
				c->speck = NULL;
				mismatch(c, x, x->dx, x->dy, x0, x1, &m3, &e3);
				c->speck = sp;
				raw = (double)(m3 + e3) / (gi > minink ? gi : minink);
			}
			cq_field gf = glyph_field(x, g);
			double limit = gf == CQ_F_LABEL || gf == CQ_F_KEY_ID ? GLYPH_ERR : VALUE_ERR;
			int bgx = 0, bgy = 0;
			if (err > limit * 0.8)
				/* the glyph alone, a pixel or two either way: what is left
				 * of a photo's curvature, not another glyph */
				for (int gy = -2; gy <= 2; gy++)
					for (int gx = -2; gx <= 2; gx++) {
						long m2, e2;
						if (!gx && !gy) continue;
						mismatch(c, x, x->dx + gx, x->dy + gy, x0, x1, &m2, &e2);
						double err2 = (double)(m2 + e2) / (gi > minink ? gi : minink);
						if (err2 < err) { err = err2; miss = m2; extra = e2; bgx = gx; bgy = gy; }
					}
			/* what this glyph explains, where it fits best */
			for (int yy = 0; yy < x->r.h; yy++)
				for (int xx = x0; xx < x1; xx++) {
					if (!x->ed[(size_t)yy * x->r.w + xx]) continue;
					for (int q = -1; q <= 1; q++)
						for (int r = -1; r <= 1; r++) {
							int u = x->px0 + xx + x->dx + bgx + r, v = x->py0 + yy + x->dy + bgy + q;
							if (u >= 0 && v >= 0 && u < c->w && v < c->h) c->seen[(size_t)v * c->w + u] = 1;
						}
				}
			if (sample && gf == CQ_F_LABEL) { lsum += err; ln++; }
			errg[g] = err > raw ? err : raw;
			if (!faint && err > o->worst_glyph) o->worst_glyph = err;
			if (faint ? extra <= 1.5 * (gi > minink ? gi : minink) : err <= limit) continue;
			if (!faint && washed(c, x, x0, x1, x->dx + bgx, x->dy + bgy)) { k->washed++; continue; }
			/* a capture whose labels already differ this much from the
			 * issuer's print (blur, a soft photo) cannot tell a stroke
			 * added from a stroke spread: a value glyph a little past its
			 * limit there is in doubt, not different */
			if (!faint && limit == VALUE_ERR && k->label_err > BLUR_LABEL_ERR && err <= BLUR_DOUBT * limit) {
				k->blurred++;
				continue;
			}
			cq_field f = gf;
			if (f == CQ_F_KEY_ID) f = CQ_F_LABEL;
			char want[100], seen[100];
			if (f == CQ_F_LABEL) copy_utf8(want, sizeof want, x->lr->text);
			else seg_value(x->lr, f, want, sizeof want);
			if (f == CQ_F_ID_NUMBER) {
				snprintf(want, sizeof want, "…%s", k->in->rec->id_hint);
				if (o->id_tail[0]) snprintf(seen, sizeof seen, "…%s", o->id_tail);
				else snprintf(seen, sizeof seen, "(无法读出 not readable)");
			} else if (f == CQ_F_LABEL)
				snprintf(seen, sizeof seen, "(不同 differs)");
			else
				read_seen(k, x, f, seen, sizeof seen);
			int rx, ry, rw, rh;
			region(c, &k->H, k->in, x->px0 + x->dx + x0, x->py0 + x->dy, x->px0 + x->dx + x1, x->py0 + x->dy + x->r.h,
			       &rx, &ry, &rw, &rh);
			add_diff(o, f, want, seen, rx, ry, rw, rh);
		}
		second_opinion(k, x, errg, o);
		/* what this run explains: small print its whole box (a footer or
		 * note touched up is no field) */
		if (faint)
			for (int yy = 0; yy < x->r.h; yy++)
				for (int xx = 0; xx < x->r.w; xx++) {
					int u = x->px0 + xx + x->dx, v = x->py0 + yy + x->dy;
					if (u >= 0 && v >= 0 && u < c->w && v < c->h) c->seen[(size_t)v * c->w + u] = 1;
				}
	}
}

static void mark_rect(canvas *c, double x0, double y0, double x1, double y1)
{
	double u0, v0, u1, v1;
	to_canvas(c, x0, y1, &u0, &v0);
	to_canvas(c, x1, y0, &u1, &v1);
	for (int v = (int)floor(v0); v < (int)ceil(v1); v++)
		for (int u = (int)floor(u0); u < (int)ceil(u1); u++)
			if (u >= 0 && v >= 0 && u < c->w && v < c->h) c->seen[(size_t)v * c->w + u] = 1;
}

/* Lines, frames, the seal's area and the code: ink there is expected. */
static void mark_drawn(ctx *k)
{
	canvas *c = &k->c;
	const cq_layout *L = k->L;
	double pad = 4.0;   /* a photo's residual curvature along a long frame line */
	for (int i = 0; i < L->n; i++) {
		const cq_layout_item *it = &L->item[i];
		double t = it->lw / 2 + pad;
		switch (it->kind) {
		case CQ_LI_RECT:
			mark_rect(c, it->x - t, it->y - t, it->x + it->w + t, it->y + t);
			mark_rect(c, it->x - t, it->y + it->h - t, it->x + it->w + t, it->y + it->h + t);
			mark_rect(c, it->x - t, it->y - t, it->x + t, it->y + it->h + t);
			mark_rect(c, it->x + it->w - t, it->y - t, it->x + it->w + t, it->y + it->h + t);
			break;
		case CQ_LI_LINE:
			mark_rect(c, fmin(it->x, it->w) - t, fmin(it->y, it->h) - t, fmax(it->x, it->w) + t, fmax(it->y, it->h) + t);
			break;
		case CQ_LI_CIRCLE:
			/* the seal: a printed or stamped seal may cover its area */
			mark_rect(c, it->x - it->w - 8, it->y - it->w - 8, it->x + it->w + 8, it->y + it->w + 8);
			break;
		case CQ_LI_SEAL:
			/* the bureau's seal image (any colour) or its placeholder,
			 * and a stamp pressed over it */
			mark_rect(c, it->x - 8, it->y - 8, it->x + it->w + 8, it->y + it->h + 8);
			break;
		case CQ_LI_QR:
			mark_rect(c, L->qr_x - 1, L->qr_y - 1, L->qr_x + k->full + 1, L->qr_y + k->full + 1);
			break;
		default: break;
		}
	}
}

/* The frame's corners, 18 points square inside it, are where staples and
 * punched holes go; the layout prints nothing there and no value fits:
 * ink there is not judged. */
#define CORNER_PT 18.0
static bool in_corner(const ctx *k, int u, int v)
{
	double x, y;
	to_page(&k->c, u, v, &x, &y);
	bool nx = x < k->L->check_x0 + CORNER_PT || x > k->L->check_x1 - CORNER_PT;
	bool ny = y < k->L->check_y0 + CORNER_PT || y > k->L->check_y1 - CORNER_PT;
	return nx && ny;
}

/* Ink inside the checked region that nothing in the layout explains:
 * counted in cells of 6 points; a cell with more than a stroke's worth is
 * extra, given to the nearest run's field when it lies on that run's line. */
static void find_extra(ctx *k, cq_page_report *o)
{
	canvas *c = &k->c;
	int C = (int)ceil(6 * c->s);
	double u0, v0, u1, v1;
	to_canvas(c, k->L->check_x0 + 3, k->L->check_y1 - 3, &u0, &v0);
	to_canvas(c, k->L->check_x1 - 3, k->L->check_y0 + 3, &u1, &v1);
	long thresh = (long)(0.05 * C * C) + 3;
	for (int cv = (int)v0; cv + C <= (int)v1; cv += C)
		for (int cu = (int)u0; cu + C <= (int)u1; cu += C) {
			long n = 0;
			for (int v = cv; v < cv + C; v++)
				for (int u = cu; u < cu + C; u++)
					n += c->ink[(size_t)v * c->w + u] && !c->seen[(size_t)v * c->w + u] && !(c->speck && c->speck[(size_t)v * c->w + u]);
			if (n <= thresh) continue;
			if (in_corner(k, cu + C / 2, cv + C / 2)) continue;
			/* which line is it on? */
			cq_field f = CQ_F_EXTRA;
			const xrun *best = NULL;
			double bd = 1e9;
			for (int i = 0; i < k->n; i++) {
				const xrun *x = &k->x[i];
				if (!x->e) continue;
				int ry0 = x->py0 + x->dy, ry1 = ry0 + x->r.h;
				int rx0 = x->px0 + x->dx, rx1 = rx0 + x->r.w + (int)(2 * x->lr->size * c->s);
				int mu = cu + C / 2, mv = cv + C / 2;
				if (mv < ry0 || mv > ry1 || mu < rx0 || mu > rx1) continue;
				double d = fabs((double)mu - (x->cu + x->dx));
				if (d < bd) { bd = d; best = x; }
			}
			if (best) {
				/* the nearest glyph's field */
				int g = best->r.n - 1;
				for (int q = 0; q < best->r.n; q++)
					if (best->px0 + best->dx + best->r.g[q].x1 >= cu + C / 2) { g = q; break; }
				if (g >= 0) f = glyph_field(best, g);
				if (f == CQ_F_KEY_ID) f = CQ_F_LABEL;
			}
			char want[100], seen[100];
			if (f == CQ_F_EXTRA) { snprintf(want, sizeof want, "(无 nothing)"); snprintf(seen, sizeof seen, "(多余内容 extra ink)"); }
			else if (f == CQ_F_LABEL) { copy_utf8(want, sizeof want, best->lr->text); snprintf(seen, sizeof seen, "(不同 differs)"); }
			else if (f == CQ_F_ID_NUMBER) {
				snprintf(want, sizeof want, "…%s", k->in->rec->id_hint);
				if (o->id_tail[0]) snprintf(seen, sizeof seen, "…%s", o->id_tail);
				else snprintf(seen, sizeof seen, "(无法读出 not readable)");
			} else {
				seg_value(best->lr, f, want, sizeof want);
				read_seen(k, best, f, seen, sizeof seen);
			}
			int rx, ry, rw, rh;
			region(c, &k->H, k->in, cu, cv, cu + C, cv + C, &rx, &ry, &rw, &rh);
			add_diff(o, f, want, seen, rx, ry, rw, rh);
		}
}

/* One look at the page through the current map: the canvas at scale sc,
 * the layout's runs drawn for it, the labels searched within R pixels.
 * *found: anchors found. -1 with why[] when out of memory. */
static int look(ctx *k, cq_page_report *o, double sc, double s_obs, bool fine, int R, bool loose, int *found, char why[256])
{
	const cq_layout *L = k->L;
	canvas_free(&k->c);
	k->c.g = k->c.ink = k->c.inkd = k->c.seen = NULL;
	k->c.s = sc;
	k->c.x0 = L->check_x0 - 4;
	k->c.y1 = L->check_y1 + 4;
	k->c.w = (int)ceil((L->check_x1 - L->check_x0 + 8) * sc);
	k->c.h = (int)ceil((L->check_y1 - L->check_y0 + 8) * sc);
	if (build_canvas(k->in, k->L, &k->H, s_obs, fine, &k->c)) { snprintf(why, 256, "out of memory"); return -1; }
	if (layout_runs(k, o, why)) return -1;
	*found = 0;
	if (align(k, o, R, loose)) return 0;
	for (int i = 0; i < k->nanch; i++) *found += k->anch[i].geo;
	return 0;
}

int cq_page_check(const cq_pagefont *f, const cq_page_input *in, cq_page_report *o, char why[256])
{
	memset(o, 0, sizeof *o);
	if (!f || !in || !in->px || !in->rec || !in->w || !in->h || in->stride < in->w) {
		snprintf(why, 256, "page check: bad arguments");
		return -1;
	}
	ctx *k = calloc(1, sizeof *k);
	if (!k) { snprintf(why, 256, "out of memory"); return -1; }
	cq_layout local;
	if (in->layout) k->L = in->layout;
	else {
		if (cq_layout_default(&local)) { free(k); snprintf(why, 256, "the built-in layout does not parse"); return -1; }
		k->L = &local;
	}
	k->f = f;
	k->in = in;
	const cq_layout *L = k->L;
	int w = qr_modules(in->qr_text_len);
	k->module = cq_layout_module_pt(L, w);
	k->full = k->module * (w + 8);
	double S = L->qr_mm * MM_PT, bx = L->qr_x + 4 * k->module, by = L->qr_y + 4 * k->module;
	/* lib/scan's corner order (include/certqr/scan.h): top-left,
	 * top-right, bottom-right, bottom-left of the symbol as printed (page
	 * y grows upwards) */
	double sx[4] = {bx, bx + S, bx + S, bx}, sy[4] = {by + S, by + S, by, by};
	double dx[4], dy[4];
	for (int i = 0; i < 4; i++) { dx[i] = in->qx[i]; dy[i] = in->qy[i]; }
	int rc = 0;
	double area = 0;
	for (int i = 0; i < 4; i++) area += dx[i] * dy[(i + 1) % 4] - dx[(i + 1) % 4] * dy[i];
	double s_obs = sqrt(fabs(area) / 2) / S;
	/* the first map is affine: four corners a pixel off give a wild
	 * perspective across the page; the labels give it instead */
	if (h_fit(sx, sy, dx, dy, 4, 0, &k->H) || !(s_obs > 0)) {
		unreadable(o, "the code's corners give no page geometry", "二维码位置无法确定页面");
		goto done;
	}
	o->scale = s_obs;
	k->scale_obs = s_obs;
	if (s_obs < MIN_SCALE) {
		unreadable(o, "the page is too small in the picture to read its text (scan at 150 dpi or more)",
		           "图像中页面太小，无法判读文字（请以 150 dpi 以上扫描）");
		goto done;
	}
	/* the checked region must be in the picture */
	double cx[4] = {L->check_x0, L->check_x1, L->check_x0, L->check_x1}, cy[4] = {L->check_y0, L->check_y0, L->check_y1, L->check_y1};
	for (int i = 0; i < 4; i++) {
		double ix, iy;
		h_apply(&k->H, cx[i], cy[i], &ix, &iy);
		double m = 2 * s_obs;
		if (ix < -m || iy < -m || ix > in->w + m || iy > in->h + m) {
			unreadable(o, "the whole certificate is not in the picture (only the code, or the page is cut off)",
			           "图像中没有完整的证书页面（只有二维码，或页面被裁切）");
			goto done;
		}
	}
	/* Looks at half the scale find the labels and correct the geometry;
	 * the fine look then needs only a small search. */
	double s_fin = s_obs < MAX_SCALE ? s_obs : MAX_SCALE, s1 = s_fin >= 1.7 ? s_fin / 2 : s_fin;
	/* First looks, loose: the labels nearest the code first, a wide
	 * window; each look's labels correct the map for the next, until a
	 * look finds no more. The corners' own perspective is tried once when
	 * their affine map finds too little. */
	bool tried_persp = false;
	int found = 0;
	for (int look_i = 0; look_i < 5; look_i++) {
		int got;
		if (look(k, o, s1, s_obs, s1 == s_fin, (int)ceil(18.0 * s1) + 2, true, &got, why)) { rc = -1; goto done; }
		if (got < 3 && !found && !tried_persp && h_from4(sx, sy, dx, dy, &k->H) == 0) {
			tried_persp = true;
			continue;
		}
		if (got <= found || got < 3) break;
		found = got;
		if (refit(k, sx, sy)) break;
		if (found >= k->nfirm) break;
	}
	if (found < 3) {
		unreadable(o, "the printed labels cannot be found: the page is too blurred, covered, or not this layout",
		           "找不到证书上的标签文字：页面模糊、被遮挡或版式不符");
		goto done;
	}
	/* then strict: at half the scale again when the fine look is finer,
	 * and the fine look with a small search */
	for (int pass = s1 < s_fin ? 0 : 1; pass < 2; pass++) {
		double sc = pass ? s_fin : s1;
		int got;
		if (look(k, o, sc, s_obs, pass == 1, (int)ceil((pass ? 1.5 : 4.0) * sc) + 2, false, &got, why)) { rc = -1; goto done; }
		/* a page is judged only where its labels are found: with more
		 * than a quarter of them (two at least) missing, the geometry is
		 * not the page's, and every field would seem to differ */
		unsigned lost = o->runs - o->runs_aligned, allowed = o->runs / 4 > 2 ? o->runs / 4 : 2;
		if (!got || lost > allowed) {
			unreadable(o, "the printed labels cannot be found: the page is too blurred, covered, or not this layout",
			           "找不到证书上的标签文字：页面模糊、被遮挡或版式不符");
			goto done;
		}
		if (pass == 0 && refit(k, sx, sy)) break;
	}
	k->have_glyphs = glyphs_make(f, L->value_size * k->c.s, &k->G) == 0;
	read_id(k, o);
	if (k->id[0] && layout_runs(k, o, why)) { rc = -1; goto done; }
	/* the frames, lines and the code first: their ink is no mark */
	mark_drawn(k);
	if (find_marks(&k->c, L->value_size * k->c.s)) { snprintf(why, 256, "out of memory"); rc = -1; goto done; }
	judge_runs(k, o);
	find_extra(k, o);
	/* the holder binding, read from the page. An ID number that cannot
	 * be read binds nothing and proves no edit: its digits were still
	 * compared with the digits they look most like (read_id), so ink
	 * that is no digit has been found above; a page whose holder cannot
	 * be read is unreadable, never authentic */
	if (o->id_read && (!o->id_valid || !o->id_matches)) {
		char want[16], seen[48];
		snprintf(want, sizeof want, "…%s", in->rec->id_hint);
		snprintf(seen, sizeof seen, "…%s", o->id_tail);
		add_diff(o, CQ_F_ID_NUMBER, want, seen, 0, 0, 0, 0);
	}
	if (!o->ndiff && k->washed) {
		unreadable(o, "light washes out part of the printed values (glare): retake the photo without flash",
		           "强光（反光）使部分打印内容无法辨认：请避免闪光灯重新拍摄");
	} else if (!o->ndiff && k->blurred) {
		unreadable(o, "the picture is too blurred to compare the printed values: take a sharper picture, or scan at 150 dpi or more",
		           "图像过于模糊，无法比对打印内容：请拍摄更清晰的照片，或以 150 dpi 以上扫描");
	} else if (!o->ndiff && !o->id_read) {
		unreadable(o, "the printed ID number cannot be read: take a sharper picture, or scan at 150 dpi or more",
		           "无法读出打印的身份证号：请拍摄更清晰的照片，或以 150 dpi 以上扫描");
	} else if (o->ndiff) {
		o->result = CQ_PAGE_DIFFERS;
		snprintf(o->reason, sizeof o->reason, "the page shows something other than the signed certificate");
		snprintf(o->reason_zh, sizeof o->reason_zh, "页面内容与签名证书不一致");
	} else {
		o->result = CQ_PAGE_MATCH;
		snprintf(o->reason, sizeof o->reason, "the page shows every signed field");
		snprintf(o->reason_zh, sizeof o->reason_zh, "页面内容与签名证书一致");
	}
done:
	if (k->have_glyphs) glyphs_free(&k->G);
	for (int i = 0; i < k->n; i++) xrun_free(&k->x[i]);
	canvas_free(&k->c);
	free(k);
	return rc;
}
