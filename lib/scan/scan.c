/* The QR decoding pipeline (include/certqr/scan.h): zbar and zxing-cpp,
 * QR only, behind measured preprocessing steps and a finder-pattern
 * locator. No I/O, no clock: the work is bounded by counting it. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>
#include "certqr/scan.h"
#include "scan_internal.h"

#define DEFAULT_WORK_MAX 1000u
/* Pixels of the image the retries work on: the input itself up to this
 * (a 1600x1200 photo, a 1920x1080 screenshot, a fax page at 204x98 dpi,
 * A4 at 150 dpi), else box-downscaled by the smallest integer factor that
 * fits: large enough to keep codes with 1.5 px modules, small enough that
 * a retry costs tens of ms. A limit on the long side instead halved images
 * just over it (a standard-mode fax, 1687x1145: its squashed modules were
 * lost, though both plain decoders read it at its own size). */
#define RETRY_MAX_PIXELS (2200u * 1000u)
/* The locator looks at the image shrunk to at most this many pixels. */
#define LOCATE_MAX_PIXELS (2600u * 1000u)
/* A region is scaled so its modules are about this many pixels. */
#define REGION_MODULE 4.0
/* ...and its long side to at most this. */
#define REGION_MAX 1400u
/* The work allowed per image, counted in pixels weighed by the measured
 * cost per pixel of what is done to them (CPU time of 2 300 passes over
 * the capture benchmark's images, and callgrind; a unit is about 40
 * instructions, a zxing-cpp pass over one pixel): a zbar pass costs about
 * 8 units a pixel on a grey photo (4 on a binarised one), a zxing-cpp
 * pass 1 (2 with its own 3x pyramid), a filter 1 (the 3x upscale 2); every
 * decoder pass has a fixed cost besides (W_PASS), and the locator's search
 * is counted by what it examined (cq_code_regions). Bounds the time spent
 * on an image that holds no readable code (docs/verifying-files.md). */
#define BUDGET_THOROUGH CQ_SCAN_WORK_THOROUGH
#define BUDGET_NORMAL CQ_SCAN_WORK_NORMAL
#define BUDGET_FAST CQ_SCAN_WORK_FAST
#define W_ZBAR 8
#define W_ZBAR_BIN 4   /* zbar on a binarised image: fewer edges to follow */
#define W_ZXING 1
#define W_ZXING_PYR 2  /* zxing-cpp with its own downscaled retries */
#define W_FILTER 1
#define W_PASS 50000u  /* per decoder pass, whatever its size: setting up,
                          and the finder candidates each engine follows */
/* A camera frame (up to about a megapixel: 1280x720, 640x480; also a
 * chat app's 1080x810 photo) is given work in proportion to its pixels:
 * about what one plain zbar pass over it costs, so that a frame that
 * holds no readable code is given up on as fast as zbarimg gives up on
 * it (the next frame is the retry); four times that where the locator
 * found a code's three finder patterns and both timing patterns between
 * them (a code is there: its variants are worth the work). At least
 * FRAME_MIN_WORK, so that a 640x480 frame still reads a likely region. */
#define FRAME_MAX_PIXELS (1000u * 1000u)
/* The largest photo zxing-cpp reads whole, on top of the budget (a 16 Mpx
 * phone camera). */
#define FULL_PASS_MAX_PIXELS (16u * 1000u * 1000u)
#define FRAME_WORK_PER_PIXEL 10u
#define FRAME_CODE_WORK_PER_PIXEL 40u
#define FRAME_MIN_WORK (6u * 1000u * 1000u)
#define MAX_FINDERS 256

struct cq_scan {
	cq_scan_opts o;
	zbar_image_scanner_t *zs;
	struct cq_buf a;          /* the first-pass image */
	struct cq_buf rt;         /* the retry image */
	struct cq_buf b, c;       /* scratch */
	struct cq_buf reg;        /* a region, scaled */
	struct cq_buf blk;        /* block thresholds */
	struct cq_buf sm;         /* a bilevel input, smoothed */
	struct cq_buf bin;        /* the locator's binarised image */
	uint32_t *integral;
	size_t integral_cap;
	cq_finder finders[MAX_FINDERS];
};

/* One call: the input, the result, what the current pass maps back by. */
typedef struct run {
	cq_scan *s;
	const uint8_t *px;
	unsigned w, h;
	size_t stride;
	cq_scan_result *r;
	uint64_t hash[CQ_SCAN_MAX_CODES];   /* of each reported text, for de-duplication */
	size_t cost, budget;
	double sx, sy, offx, offy;          /* pass pixel -> input pixel */
	cq_scan_step step;
	cq_scan_engine engine;
	int found;                          /* new codes in the current pass */
	bool failed;                        /* a decoder ran out of memory */
} run;

int cq_buf_reserve(struct cq_buf *b, size_t n)
{
	if (n == 0) n = 1;   /* never a NULL buffer, even for an empty image */
	if (n <= b->cap) return 0;
	uint8_t *p = realloc(b->p, n);
	if (!p) return -1;
	b->p = p;
	b->cap = n;
	return 0;
}

cq_scan *cq_scan_new(const cq_scan_opts *opts)
{
	cq_scan *s = calloc(1, sizeof *s);
	if (!s) return NULL;
	if (opts) s->o = *opts;
	else {
		s->o.effort = CQ_SCAN_THOROUGH;
		s->o.inverted = true;
	}
	if (!s->o.work_max) s->o.work_max = DEFAULT_WORK_MAX;
	if (s->o.work_max < 200) s->o.work_max = 200;
	if (!(s->o.engines & (CQ_ENGINE_ZBAR | CQ_ENGINE_ZXING))) s->o.engines = CQ_ENGINE_ZBAR | CQ_ENGINE_ZXING;
	s->zs = zbar_image_scanner_create();
	if (!s->zs) { free(s); return NULL; }
	/* Everything off, then QR alone: other symbologies give false hits on
	 * text and tables (docs/verifying-files.md). */
	zbar_image_scanner_set_config(s->zs, 0, ZBAR_CFG_ENABLE, 0);
	zbar_image_scanner_set_config(s->zs, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
	zbar_image_scanner_enable_cache(s->zs, 0);
	return s;
}

void cq_scan_free(cq_scan *s)
{
	if (!s) return;
	zbar_image_scanner_destroy(s->zs);
	free(s->a.p);
	free(s->rt.p);
	free(s->b.p);
	free(s->c.p);
	free(s->reg.p);
	free(s->blk.p);
	free(s->sm.p);
	free(s->bin.p);
	free(s->integral);
	free(s);
}

/* Room for the (w+1)*(h+1) sums of an integral image. */
static int integral_reserve(cq_scan *s, unsigned w, unsigned h)
{
	size_t need = ((size_t)w + 1) * ((size_t)h + 1);
	if (need <= s->integral_cap) return 0;
	uint32_t *p = realloc(s->integral, need * sizeof *p);
	if (!p) return -1;
	s->integral = p;
	s->integral_cap = need;
	return 0;
}

/* FNV-1a: tells texts apart without keeping a too-long one. */
static uint64_t text_hash(const char *t, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) h = (h ^ (uint8_t)t[i]) * 1099511628211u;
	return h;
}

/* A code read by the current pass, corners in the pass image's pixels in
 * the public order (top-left, top-right, bottom-right, bottom-left). */
static void add_code(run *u, const char *text, size_t len, const int x[4], const int y[4])
{
	cq_scan_result *r = u->r;
	uint64_t hh = text_hash(text, len);
	for (size_t i = 0; i < r->n; i++)
		if (r->codes[i].full_len == len && u->hash[i] == hh) return;
	r->n_total++;
	u->found++;
	if (r->n >= CQ_SCAN_MAX_CODES) return;
	cq_scan_code *c = &r->codes[r->n];
	u->hash[r->n++] = hh;
	memset(c, 0, sizeof *c);
	c->full_len = len;
	if (len > CQ_SCAN_TEXT_MAX) {
		c->too_long = true;
	} else {
		memcpy(c->text, text, len);
		c->len = len;
	}
	c->step = u->step;
	c->engine = u->engine;
	c->quality = 1;
	for (int k = 0; k < 4; k++) {
		c->x[k] = (int)lround(x[k] * u->sx + u->offx);
		c->y[k] = (int)lround(y[k] * u->sy + u->offy);
	}
}

/* Whether work on n pixels at this weight fits the budget, with room for
 * the fixed cost of the decoder pass that follows it. */
static bool can(const run *u, size_t n, unsigned weight)
{
	return u->cost + n * weight + W_PASS <= u->budget;
}

/* Counts the work if it fits. */
static bool spend(run *u, size_t n, unsigned weight)
{
	if (!can(u, n, weight)) return false;
	u->cost += n * weight;
	return true;
}


/* One zbar pass over a packed w*h image. */
static void zpass(run *u, const uint8_t *img, unsigned w, unsigned h, unsigned weight)
{
	if (!(u->s->o.engines & CQ_ENGINE_ZBAR) || !spend(u, (size_t)w * h, weight)) return;
	u->cost += W_PASS;
	u->r->passes++;
	zbar_image_t *zi = zbar_image_create();
	if (!zi) { u->failed = true; return; }
	zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
	zbar_image_set_size(zi, w, h);
	zbar_image_set_data(zi, img, (unsigned long)w * h, NULL);
	u->engine = CQ_ENGINE_ZBAR;
	if (zbar_scan_image(u->s->zs, zi) > 0) {
		for (const zbar_symbol_t *sym = zbar_image_first_symbol(zi); sym; sym = zbar_symbol_next(sym)) {
			if (zbar_symbol_get_type(sym) != ZBAR_QRCODE) continue;
			/* zbar's QR corners come top-left, bottom-left, bottom-right,
			 * top-right: reorder to the public order. */
			static const unsigned order[4] = {0, 3, 2, 1};
			unsigned nl = zbar_symbol_get_loc_size(sym);
			int x[4] = {0}, y[4] = {0};
			for (unsigned k = 0; k < 4 && nl; k++) {
				unsigned j = nl == 4 ? order[k] : (k < nl ? k : nl - 1);
				x[k] = zbar_symbol_get_loc_x(sym, j);
				y[k] = zbar_symbol_get_loc_y(sym, j);
			}
			add_code(u, zbar_symbol_get_data(sym), zbar_symbol_get_data_length(sym), x, y);
		}
	}
	zbar_image_destroy(zi);
}

static void zx_sink(void *ctx, const char *text, size_t len, const int x[4], const int y[4])
{
	add_code(ctx, text, len, x, y);
}

/* One zxing-cpp pass. */
static void xpass(run *u, const uint8_t *img, unsigned w, unsigned h, size_t stride, unsigned flags)
{
	if (!(u->s->o.engines & CQ_ENGINE_ZXING) ||
	    !spend(u, (size_t)w * h, flags & CQ_ZX_DOWNSCALE ? W_ZXING_PYR : W_ZXING)) return;
	u->cost += W_PASS;
	u->r->passes++;
	u->engine = CQ_ENGINE_ZXING;
	if (cq_zx_read(img, w, h, stride, flags, zx_sink, u) < 0) u->failed = true;
}

/* An image a pass works on: packed w*h pixels, and how its pixels map to
 * the input's (x * sx + ox, y * sy + oy); module: its module size in
 * pixels if known, else 0. */
typedef struct view {
	const uint8_t *p;
	unsigned w, h;
	double sx, sy, ox, oy;
	double module;
} view;

static void at(run *u, cq_scan_step step, const view *v, double k)
{
	u->step = step;
	u->sx = v->sx / k;
	u->sy = v->sy / k;
	u->offx = v->ox;
	u->offy = v->oy;
}

#define DONE(u) ((u)->r->n || (u)->failed)

/* The variants of an image tried when the plain passes read nothing:
 * binarisations (uneven light, low contrast, noise), a blur over about a
 * module (fax dither, halftone, screen pixels), then (THOROUGH) sharpening
 * (defocus, motion) and a contrast stretch (flat images). Each variant is
 * made only if a pass over it still fits the budget. */
enum { V_FIRST = 1, V_LATER = 2 };

static int variants(run *u, const view *v, unsigned which)
{
	cq_scan *s = u->s;
	unsigned w = v->w, h = v->h;
	size_t n = (size_t)w * h;
	if (cq_buf_reserve(&s->b, n) || integral_reserve(s, w, h)) return -1;
	unsigned rad = (w < h ? w : h) / 40;
	if (rad < 6) rad = 6;
	if (!(which & V_FIRST)) goto later;
	at(u, CQ_STEP_BINARISED, v, 1);
	if (can(u, n, W_FILTER + W_ZBAR_BIN) && spend(u, n, W_FILTER)) {
		cq_binarise_local(v->p, w, h, rad, 4, s->integral, s->b.p);
		zpass(u, s->b.p, w, h, W_ZBAR_BIN);
		if (DONE(u)) return 0;
	}
	xpass(u, v->p, w, h, w, CQ_ZX_HARDER | CQ_ZX_GLOBAL);
	if (DONE(u)) return 0;
	if (v->module >= 2.5 && can(u, n, W_FILTER + W_ZXING) && spend(u, n, W_FILTER)) {
		at(u, CQ_STEP_SMOOTHED, v, 1);
		cq_box_blur(v->p, w, h, v->module >= 5 ? 2 : 1, s->integral, s->b.p);
		xpass(u, s->b.p, w, h, w, CQ_ZX_HARDER);
		if (DONE(u)) return 0;
		zpass(u, s->b.p, w, h, W_ZBAR);
		if (DONE(u)) return 0;
	}
later:
	if (s->o.effort < CQ_SCAN_THOROUGH || !(which & V_LATER)) return 0;
	at(u, CQ_STEP_SHARPENED, v, 1);
	if (can(u, n, W_FILTER + W_ZXING) && spend(u, n, W_FILTER)) {
		cq_sharpen(v->p, w, h, s->integral, s->b.p);
		xpass(u, s->b.p, w, h, w, CQ_ZX_HARDER);
		if (DONE(u)) return 0;
		zpass(u, s->b.p, w, h, W_ZBAR);
		if (DONE(u)) return 0;
	}
	uint8_t lo, hi;
	/* the percentiles cost a filter's pass: not for passes that cannot run */
	if (!can(u, n, W_FILTER + W_ZBAR_BIN)) return 0;
	cq_percentiles(v->p, n, 20, &lo, &hi);
	if (hi > lo) {
		static const int cuts[] = {50, 35, 65};
		at(u, CQ_STEP_STRETCHED, v, 1);
		for (size_t k = 0; k < sizeof cuts / sizeof *cuts && !DONE(u); k++) {
			if (!can(u, n, W_FILTER + W_ZBAR_BIN) || !spend(u, n, W_FILTER)) break;
			int t = lo + (hi - lo) * cuts[k] / 100;
			for (size_t i = 0; i < n; i++) s->b.p[i] = v->p[i] < t ? 0 : 255;
			zpass(u, s->b.p, w, h, W_ZBAR_BIN);
		}
	}
	return 0;
}

/* Upscaled variants for small modules (about 1.2-2.5 px): 2x bilinear,
 * then (THOROUGH) 3x Catmull-Rom; each read as it is by zxing-cpp and
 * binarised by zbar. */
static int upscaled(run *u, const view *v, unsigned which)
{
	cq_scan *s = u->s;
	unsigned w = v->w, h = v->h;
	size_t n4 = (size_t)w * h * 4, n9 = (size_t)w * h * 9;
	/* buffers are only grown for a step the budget allows */
	at(u, CQ_STEP_UPSCALED, v, 2);
	if ((which & V_FIRST) && can(u, n4, W_FILTER + W_ZXING) && spend(u, n4, W_FILTER)) {
		if (cq_buf_reserve(&s->c, n4) || integral_reserve(s, w * 2, h * 2)) return -1;
		cq_upscale2(v->p, w, h, s->c.p);
		xpass(u, s->c.p, w * 2, h * 2, (size_t)w * 2, CQ_ZX_HARDER);
		if (DONE(u)) return 0;
		if (can(u, n4, W_FILTER + W_ZBAR_BIN) && spend(u, n4, W_FILTER)) {
			cq_binarise_local(s->c.p, w * 2, h * 2, 15, 5, s->integral, s->c.p);
			zpass(u, s->c.p, w * 2, h * 2, W_ZBAR_BIN);
			if (DONE(u)) return 0;
		}
	}
	if (s->o.effort < CQ_SCAN_THOROUGH || !(which & V_LATER)) return 0;
	at(u, CQ_STEP_UPSCALED, v, 3);
	if (can(u, n9, 2 * W_FILTER + W_ZXING) && spend(u, n9, 2 * W_FILTER)) {
		if (cq_buf_reserve(&s->c, n9) || integral_reserve(s, w * 3, h * 3)) return -1;
		if (cq_upscale3(v->p, w, h, s->c.p)) return -1;
		xpass(u, s->c.p, w * 3, h * 3, (size_t)w * 3, CQ_ZX_HARDER);
		if (DONE(u)) return 0;
		/* a blurred photo's small code (modules under 2 px: a whole page
		 * in a messenger-sized frame) reads once its edges are sharpened
		 * at the upscaled size */
		if (can(u, n9, W_FILTER + W_ZXING) && spend(u, n9, W_FILTER)) {
			if (cq_buf_reserve(&s->b, n9)) return -1;
			cq_sharpen(s->c.p, w * 3, h * 3, s->integral, s->b.p);
			xpass(u, s->b.p, w * 3, h * 3, (size_t)w * 3, CQ_ZX_HARDER);
			if (DONE(u)) return 0;
		}
		if (can(u, n9, W_FILTER + W_ZBAR_BIN) && spend(u, n9, W_FILTER)) {
			cq_binarise_local(s->c.p, w * 3, h * 3, 10, 8, s->integral, s->c.p);
			zpass(u, s->c.p, w * 3, h * 3, W_ZBAR_BIN);
		}
	}
	return 0;
}

/* Cuts region g (in locator pixels, `lf` input pixels each) out of the
 * input into s->reg: box-downscaled when its modules are large (to about
 * REGION_MODULE pixels) or the region is big, and with its rows (or
 * columns) repeated when its modules are twice as wide as tall (a fax in
 * standard mode), which neither engine reads. Returns 0 if there is
 * nothing usable there. */
static int cut_region(run *u, const cq_region *g, unsigned lf, view *v)
{
	double x0 = g->x0 * lf, y0 = g->y0 * lf, x1 = (g->x1 + 1) * lf, y1 = (g->y1 + 1) * lf;
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > u->w) x1 = u->w;
	if (y1 > u->h) y1 = u->h;
	if (x1 - x0 < 21 || y1 - y0 < 21) return 0;
	unsigned X0 = (unsigned)x0, Y0 = (unsigned)y0, W = (unsigned)(x1 - x0), H = (unsigned)(y1 - y0);
	double m = g->module * lf;
	unsigned f = m > 2 * REGION_MODULE ? (unsigned)(m / REGION_MODULE) : 1;
	unsigned longside = W > H ? W : H;
	while (longside / f > REGION_MAX) f++;
	unsigned rw = W / f, rh = H / f;
	if (rw < 21 || rh < 21) return 0;
	unsigned kx = 1, ky = 1;   /* repeats of columns, rows */
	if (g->aspect > 1.6f) ky = (unsigned)lroundf(g->aspect);
	else if (g->aspect < 1 / 1.6f) kx = (unsigned)lroundf(1 / g->aspect);
	if (kx > 3) kx = 3;
	if (ky > 3) ky = 3;
	size_t n = (size_t)rw * rh * kx * ky;
	if (!spend(u, n, W_FILTER)) return 0;
	if (cq_buf_reserve(&u->s->reg, n) || cq_buf_reserve(&u->s->b, (size_t)rw * rh)) { u->failed = true; return 0; }
	uint8_t *dst = kx * ky > 1 ? u->s->b.p : u->s->reg.p;
	cq_box_downscale(u->px + (size_t)Y0 * u->stride + X0, W, H, u->stride, f, dst);
	if (kx * ky > 1)
		for (unsigned y = 0; y < rh * ky; y++)
			for (unsigned x = 0; x < rw * kx; x++)
				u->s->reg.p[(size_t)y * rw * kx + x] = dst[(size_t)(y / ky) * rw + x / kx];
	*v = (view){u->s->reg.p, rw * kx, rh * ky, (double)f / kx, (double)f / ky, X0, Y0, m / f * (kx > ky ? kx : 1)};
	return 1;
}

/* Reads the likely code regions the locator found, at full resolution:
 * first each as it is (both engines), then (NORMAL, THOROUGH) each one's
 * variants: upscaled when its modules are small, blurred, binarised.
 * Regions are small, so their variants cost little next to one pass over
 * the whole image; the plain passes of all come first so that a costly
 * look-alike cannot use up the budget of the real code. */
static int regions(run *u, const cq_region *g, size_t ng, unsigned lf)
{
	view v;
	for (size_t i = 0; i < ng && !DONE(u); i++) {
		if (!cut_region(u, &g[i], lf, &v)) continue;
		at(u, CQ_STEP_REGION, &v, 1);
		xpass(u, v.p, v.w, v.h, v.w, CQ_ZX_HARDER);
		if (DONE(u)) break;
		zpass(u, v.p, v.w, v.h, W_ZBAR);
	}
	if (u->s->o.effort < CQ_SCAN_NORMAL) return 0;
	for (size_t i = 0; i < ng && !DONE(u); i++) {
		if (!cut_region(u, &g[i], lf, &v)) continue;
		/* finder-based module sizes run large on blurred codes; the
		 * upscales of a large region cost more than they find */
		if (v.module < 4.5 && (size_t)v.w * v.h <= 400u * 1000u && upscaled(u, &v, V_FIRST | V_LATER)) return -1;
		if (DONE(u)) break;
		if (variants(u, &v, V_FIRST | V_LATER)) return -1;
	}
	return 0;
}

/* The work a frame of w*h pixels gets at `per_pixel` units a pixel: at
 * least FRAME_MIN_WORK, at most what its effort allows. */
static size_t frame_budget(unsigned w, unsigned h, unsigned per_pixel, size_t effort_budget)
{
	size_t b = (size_t)w * h * per_pixel;
	if (b < FRAME_MIN_WORK) b = FRAME_MIN_WORK;
	return b < effort_budget ? b : effort_budget;
}

/* Whether the binarised w*h image shows a light-on-dark code (a
 * dark-mode viewer, a negative): two or three of its finder patterns,
 * as the locator groups them (the evidence a frame's retries need the
 * other way round), or more look-alikes than are worth sorting out
 * (noise, dither, a code's own modules: the inverted image is read then,
 * as before). Its work is counted in u. */
#define LIGHT_FINDERS_MAX 16
static bool light_on_dark_code(run *u, const uint8_t *bin, unsigned w, unsigned h)
{
	u->cost += (size_t)w * h * W_FILTER;
	size_t n = cq_find_finders(bin, w, h, 1, 255, u->s->finders, LIGHT_FINDERS_MAX + 1, true);
	if (n > LIGHT_FINDERS_MAX) return true;
	cq_region g[CQ_SCAN_MAX_REGIONS];
	size_t work = 0, ng = cq_code_regions(bin, w, h, u->s->finders, n, g, CQ_SCAN_MAX_REGIONS, SIZE_MAX, &work);
	u->cost += work;
	for (size_t k = 0; k < ng; k++)
		if (g[k].finders >= 2) return true;
	return false;
}

/* A frame this flat (grey levels between its 2nd and 98th percentiles,
 * measured on the first pass's image) defeats zxing-cpp, whose binariser
 * takes an 8x8 block with under 24 levels for a flat one, and zbar reads
 * its small codes only at full size (a dim, washed-out frame: one that
 * zbarimg read and the frame budget had no room to): zxing-cpp reads it
 * stretched to the full range. A uniform frame holds nothing. */
#define FLAT_RANGE 32
static int flat_frame(run *u, const view *v, const uint8_t *first, size_t nfirst)
{
	uint8_t lo, hi;
	cq_percentiles(first, nfirst, 20, &lo, &hi);
	size_t n = (size_t)v->w * v->h;
	if (hi - lo >= FLAT_RANGE || hi - lo < 8 || !can(u, n, W_FILTER + W_ZXING_PYR) || !spend(u, n, W_FILTER)) return 0;
	if (cq_buf_reserve(&u->s->c, n)) return -1;
	for (size_t i = 0; i < n; i++) {
		int x = (v->p[i] - lo) * 255 / (hi - lo);
		u->s->c.p[i] = (uint8_t)(x < 0 ? 0 : x > 255 ? 255 : x);
	}
	at(u, CQ_STEP_STRETCHED, v, 1);
	xpass(u, u->s->c.p, v->w, v->h, v->w, CQ_ZX_HARDER | CQ_ZX_DOWNSCALE);
	return 0;
}

/* Whether nearly every pixel is black or white (sampled on a sparse grid). */
static bool bilevel(const uint8_t *px, unsigned w, unsigned h, size_t stride)
{
	size_t n = 0, grey = 0;
	for (unsigned y = 3; y < h; y += 7)
		for (unsigned x = 3; x < w; x += 7, n++) {
			uint8_t v = px[(size_t)y * stride + x];
			grey += v > 8 && v < 247;
		}
	return n >= 100 && grey * 100 < n;
}

int cq_scan_grey(cq_scan *s, const uint8_t *px, unsigned w, unsigned h,
                 size_t stride, cq_scan_result *r)
{
	memset(r, 0, sizeof *r);
	if (!s || !px || !w || !h || w > CQ_SCAN_MAX_SIDE || h > CQ_SCAN_MAX_SIDE ||
	    (uint64_t)w * h > CQ_SCAN_MAX_PIXELS || stride < w)
		return -1;
	/* The smallest code is 21 modules of at least a pixel. */
	if (w < 21 || h < 21) {
		r->hint = CQ_HINT_NO_CODE;
		return 0;
	}
	run u = {.s = s, .px = px, .w = w, .h = h, .stride = stride, .r = r};
	u.budget = s->o.effort >= CQ_SCAN_THOROUGH ? BUDGET_THOROUGH
	         : s->o.effort >= CQ_SCAN_NORMAL ? BUDGET_NORMAL : BUDGET_FAST;
	unsigned longside = w > h ? w : h, shortside = w < h ? w : h;
	unsigned f1 = (longside + s->o.work_max - 1) / s->o.work_max;
	unsigned f = 1;
	while ((size_t)(w / f) * (h / f) > RETRY_MAX_PIXELS) f++;
	/* keep at least 21 pixels on the short side (a 1 x 30000 strip) */
	if (f1 > shortside / 21) f1 = shortside / 21;
	if (f > shortside / 21) f = shortside / 21;
	if (f1 < 1) f1 = 1;
	if (f < 1) f = 1;
	if (f > f1) f = f1;

	/* 1. The common case: zbar on a box-downscaled copy (averaging also
	 * calms sensor noise and JPEG artefacts), then zxing-cpp on it. These
	 * always run, whatever the image's size. */
	unsigned w1 = w / f1, h1 = h / f1;
	size_t n1 = (size_t)w1 * h1;
	if (cq_buf_reserve(&s->a, n1)) return -1;
	cq_box_downscale(px, w, h, stride, f1, s->a.p);
	size_t effort_budget = u.budget;
	bool frame = (size_t)w * h <= FRAME_MAX_PIXELS;
	if (frame) u.budget = frame_budget(w, h, FRAME_WORK_PER_PIXEL, effort_budget);
	if (u.budget < n1 * (W_ZBAR + W_ZXING) + 2 * W_PASS) u.budget = n1 * (W_ZBAR + W_ZXING) + 2 * W_PASS;
	view va = {s->a.p, w1, h1, f1, f1, 0, 0, 0};
	at(&u, CQ_STEP_DOWNSCALED, &va, 1);
	zpass(&u, s->a.p, w1, h1, W_ZBAR);
	if (DONE(&u)) goto out;
	xpass(&u, s->a.p, w1, h1, w1, CQ_ZX_HARDER);
	if (DONE(&u)) goto out;

	/* 2. The retry image, at most RETRY_MAX_PIXELS (the input
	 * itself for camera frames): small codes need the pixels. zxing-cpp
	 * first (a sixth of zbar's cost on a miss). */
	unsigned ww = w / f, wh = h / f;
	size_t nr = (size_t)ww * wh;
	const uint8_t *rimg = s->a.p;
	if (f < f1) {
		if (cq_buf_reserve(&s->rt, nr)) return -1;
		cq_box_downscale(px, w, h, stride, f, s->rt.p);
		rimg = s->rt.p;
	}
	view vr = {rimg, ww, wh, f, f, 0, 0, 0};
	/* The last step, zxing-cpp on the inverted retry image, comes on top
	 * of the budget: nothing else reads a light-on-dark code. Without
	 * zxing-cpp (the web page's build) the zbar pass there does. */
	size_t keep = !s->o.inverted ? 0
	            : nr * (W_FILTER + (s->o.engines & CQ_ENGINE_ZXING ? W_ZXING : W_ZBAR)) + W_PASS;
	if (f < f1) {
		at(&u, CQ_STEP_FULL, &vr, 1);
		xpass(&u, rimg, ww, wh, ww, CQ_ZX_HARDER | CQ_ZX_DOWNSCALE);
		if (DONE(&u)) goto out;
	}
	if (frame && s->o.effort >= CQ_SCAN_NORMAL) {
		if (flat_frame(&u, &vr, s->a.p, n1)) return -1;
		if (DONE(&u)) goto out;
	}

	/* A bilevel image (a fax, a 1-bit scan; dithered grey) is smoothed
	 * before the code is looked for: dither dots break finder patterns
	 * and defeat both engines at full resolution. */
	bool smoothed = false;
	if (bilevel(px, w, h, stride) && spend(&u, (size_t)w * h, W_FILTER)) {
		smoothed = true;
		if (cq_buf_reserve(&s->sm, (size_t)w * h) || integral_reserve(s, w, h)) return -1;
		for (unsigned y = 0; y < h; y++) memcpy(s->sm.p + (size_t)y * w, px + (size_t)y * stride, w);
		cq_box_blur(s->sm.p, w, h, 1, s->integral, s->sm.p);
		u.px = px = s->sm.p;
		u.stride = stride = w;
		/* The retry image (box-downscaled from the dithered input, which
		 * averages the dots) binarised is what reads dithered faxes;
		 * the regions of a bilevel page rarely do: it goes first. */
		if (s->o.effort >= CQ_SCAN_NORMAL && f > 1) {
			if (variants(&u, &vr, V_FIRST)) return -1;
			if (DONE(&u)) goto out;
		}
	}

	/* 3. Where is the code? Finder patterns on the image shrunk to a few
	 * megapixels, then each likely region read at full resolution. */
	unsigned lf = 1;
	while ((size_t)(w / lf) * (h / lf) > LOCATE_MAX_PIXELS) lf++;
	if (lf > shortside / 21) lf = shortside / 21 ? shortside / 21 : 1;
	unsigned lw = w / lf, lh = h / lf;
	size_t nl = (size_t)lw * lh;
	const uint8_t *limg = smoothed ? NULL : lf == f ? rimg : lf == f1 ? s->a.p : NULL;
	if (!limg) {
		if (cq_buf_reserve(&s->c, nl)) return -1;
		cq_box_downscale(px, w, h, stride, lf, s->c.p);
		limg = s->c.p;
	}
	size_t nf = 0;
	bool located = false;
	if (cq_buf_reserve(&s->bin, nl)) return -1;
	if (spend(&u, nl, 2 * W_FILTER)) {
		if (cq_binarise_blocks(limg, lw, lh, lw, &s->blk, s->bin.p)) return -1;
		nf = cq_find_finders(s->bin.p, lw, lh, 1, 0, s->finders, MAX_FINDERS, false);
		located = true;
	}
	cq_region g[CQ_SCAN_MAX_REGIONS];
	size_t search = 0;
	size_t ng = cq_code_regions(s->bin.p, lw, lh, s->finders, nf, g, s->o.effort >= CQ_SCAN_THOROUGH ? 5 : s->o.effort >= CQ_SCAN_NORMAL ? 3 : 1,
	                            u.budget > u.cost ? u.budget - u.cost : 0, &search);
	u.cost += search;
	if (frame && !smoothed) {
		/* A frame where not even two finder patterns of one code were
		 * seen holds nothing the retries could read (the first passes
		 * found no code, the locator nothing code-like): only the
		 * inverted image is left to try, if a light-on-dark code is seen. */
		bool pair = false, code = false;
		for (size_t k = 0; k < ng; k++) {
			pair |= g[k].finders >= 2;
			code |= g[k].finders == 3 && g[k].timing == 2;
		}
		if (!pair) goto last;
		if (code) u.budget = frame_budget(w, h, FRAME_CODE_WORK_PER_PIXEL, effort_budget);
	}
	/* Regions get at most half of what is left: look-alikes (big
	 * characters, seals, dither) must not starve the whole-image steps. */
	size_t whole = u.budget;
	if (u.budget > u.cost) u.budget = u.cost + (u.budget - u.cost) / 2;
	if (regions(&u, g, ng, lf)) return -1;
	u.budget = whole;
	if (DONE(&u)) goto out;
	/* A large photo whose code the locator could not single out at its
	 * scale (modules near 1.5 px there): zxing-cpp on the input itself,
	 * with its own 3x pyramid, as ZXingReader reads it. It comes on top
	 * of the budget (on a 12 Mpx photo it alone costs most of it), for a
	 * photo of up to FULL_PASS_MAX_PIXELS; the steps after it get what
	 * was left before it. */
	if (f > 1 && s->o.effort >= CQ_SCAN_NORMAL && (size_t)w * h <= FULL_PASS_MAX_PIXELS) {
		view vi = {px, w, h, 1, 1, 0, 0, 0};
		size_t before = u.budget, was = u.cost;
		if (u.budget < u.cost) u.budget = u.cost;
		u.budget += (size_t)w * h * W_ZXING_PYR + W_PASS;
		at(&u, CQ_STEP_FULL, &vi, 1);
		xpass(&u, px, w, h, stride, CQ_ZX_HARDER | CQ_ZX_DOWNSCALE);
		u.budget = before + (u.cost - was);
		if (before < was) u.budget = u.cost;
		if (DONE(&u)) goto out;
	}

	/* 4. The whole retry image: zbar on it, then its variants, then
	 * upscaled (small images only: the region steps cover large ones). */
	if (f < f1) {
		at(&u, CQ_STEP_FULL, &vr, 1);
		zpass(&u, rimg, ww, wh, W_ZBAR);
		if (DONE(&u)) goto out;
	}
	if (s->o.effort >= CQ_SCAN_NORMAL) {
		/* in the order that read most on the benchmark per unit of work:
		 * binarised, 2x, sharpened and stretched, 3x */
		if (variants(&u, &vr, V_FIRST)) return -1;
		if (DONE(&u)) goto out;
		if (upscaled(&u, &vr, V_FIRST)) return -1;
		if (DONE(&u)) goto out;
		if (variants(&u, &vr, V_LATER)) return -1;
		if (DONE(&u)) goto out;
		if (upscaled(&u, &vr, V_LATER)) return -1;
		if (DONE(&u)) goto out;
	}
last:
	if (u.budget < u.cost) u.budget = u.cost;   /* the first passes may have passed it */
	u.budget += keep;
	/* A frame's inverted image is read only where the locator's image
	 * shows a light-on-dark code: on a frame that holds none, this pass
	 * was a sixth of the miss. The look comes on top of the budget too. */
	bool light = true;
	if (s->o.inverted && frame && !smoothed && located) {
		size_t before = u.cost;
		light = light_on_dark_code(&u, s->bin.p, lw, lh);
		u.budget += u.cost - before;
	}
	if (s->o.inverted && light && spend(&u, nr, W_FILTER)) {
		/* light modules on dark: zxing-cpp 1.4 and zbar read neither */
		if (cq_buf_reserve(&s->b, nr)) return -1;
		for (size_t i = 0; i < nr; i++) s->b.p[i] = (uint8_t)(255 - rimg[i]);
		at(&u, CQ_STEP_INVERTED, &vr, 1);
		xpass(&u, s->b.p, ww, wh, ww, CQ_ZX_HARDER);
		if (DONE(&u)) goto out;
		zpass(&u, s->b.p, ww, wh, W_ZBAR);
		if (DONE(&u)) goto out;
	}
	cq_scan_diagnose(rimg, ww, wh, f, g, ng, lf, r);
out:
	r->work = u.cost;
	return u.failed ? -1 : 0;
}

void cq_scan_rgb_to_grey(const uint8_t *rgb, unsigned w, unsigned h, size_t stride, uint8_t *g)
{
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *p = rgb + (size_t)y * stride;
		for (unsigned x = 0; x < w; x++, p += 3)
			*g++ = (uint8_t)((77u * p[0] + 150u * p[1] + 29u * p[2] + 128) >> 8);
	}
}

void cq_scan_yuyv_to_grey(const uint8_t *yuyv, unsigned w, unsigned h, size_t stride, uint8_t *g)
{
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *p = yuyv + (size_t)y * stride;
		for (unsigned x = 0; x < w; x++) *g++ = p[2 * x];
	}
}

const char *cq_scan_step_name(cq_scan_step s)
{
	static const char *const names[] = {"downscaled", "full", "binarised", "upscaled",
	                                    "sharpened", "stretched", "inverted", "region", "smoothed"};
	return (unsigned)s < CQ_STEP_COUNT_ ? names[s] : "?";
}

const char *cq_scan_engine_name(cq_scan_engine e)
{
	return e == CQ_ENGINE_ZBAR ? "zbar" : e == CQ_ENGINE_ZXING ? "zxing" : "?";
}

const char *cq_scan_hint_name(cq_scan_hint h)
{
	static const char *const names[] = {"none", "no-code", "too-small", "too-blurred",
	                                    "low-contrast", "damaged"};
	return (unsigned)h <= CQ_HINT_DAMAGED ? names[h] : "?";
}

const char *cq_scan_hint_text(cq_scan_hint h)
{
	switch (h) {
	case CQ_HINT_NONE: return "已读到二维码 a code was read";
	case CQ_HINT_NO_CODE: return "未找到二维码：请让证书二维码完整地在画面内，并靠近拍摄 no QR code found: get the certificate's whole code in the picture, and move closer";
	case CQ_HINT_TOO_SMALL: return "二维码太小：请靠近拍摄，或以更高分辨率扫描（300 dpi） the QR code is too small: move closer, or scan at a higher resolution (300 dpi)";
	case CQ_HINT_TOO_BLURRED: return "二维码模糊：请对焦、拿稳后重拍，或重新扫描 the QR code is blurred: focus and hold still, or rescan";
	case CQ_HINT_LOW_CONTRAST: return "二维码太暗或对比度太低：请增加光线，避免反光 the QR code is too dark or faint: add light and avoid glare";
	case CQ_HINT_DAMAGED: return "二维码已找到但无法读取（污损、遮挡或不完整）：请展平、擦净后重拍 a QR code was found but could not be read (damaged, covered or cut off): flatten, clean and retake";
	}
	return "?";
}
