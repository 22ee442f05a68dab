/* One file, in a worker process: load or render each page, find the codes,
 * judge them, compare a PDF page's text with the signed fields, and send
 * everything to the parent. A crash or hang in an image or PDF library on a
 * hostile file ends only this process (see main.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "certqr/io.h"
#include "files_int.h"

typedef struct wctx {
	const cq_trust *t;
	const files_opts *o;
	int fd;
	cq_scan *scan;
	/* codes of the current page, de-duplicated by text */
	fcode *codes;
	unsigned ncodes;
} wctx;

static int send_all(int fd, const void *p, size_t n)
{
	const uint8_t *b = p;
	while (n) {
		ssize_t w = write(fd, b, n);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return -1;
		b += w;
		n -= (size_t)w;
	}
	return 0;
}

static int send_msg(int fd, uint32_t type, const void *p, size_t n)
{
	uint32_t h[2] = {type, (uint32_t)n};
	return send_all(fd, h, sizeof h) || send_all(fd, p, n) ? -1 : 0;
}

static int send_error(int fd, const char *why)
{
	send_msg(fd, MSG_ERROR, why, strlen(why) + 1);
	return -1;
}

static void collect(wctx *w, const cq_scan_result *r, bool from_image)
{
	for (size_t i = 0; i < r->n; i++) {
		const cq_scan_code *c = &r->codes[i];
		unsigned k;
		for (k = 0; k < w->ncodes; k++)
			if (w->codes[k].len == c->len && w->codes[k].too_long == (c->too_long ? c->full_len : 0) &&
			    !memcmp(w->codes[k].text, c->text, c->len)) break;
		if (k < w->ncodes || w->ncodes >= CQ_SCAN_MAX_CODES) continue;
		fcode *f = &w->codes[w->ncodes++];
		memset(f, 0, sizeof *f);
		memcpy(f->text, c->text, c->len + 1);
		f->len = c->len;
		f->too_long = c->too_long ? c->full_len : 0;
		f->step = c->step;
		f->from_image = from_image;
	}
}

/* An embedded image is usually the code itself at one pixel per module:
 * enlarge it (nearest neighbour, exact) and give it a white margin. */
static void on_image(void *ctx, const grey_image *g)
{
	wctx *w = ctx;
	unsigned longside = g->w > g->h ? g->w : g->h;
	unsigned k = longside >= 200 ? 1 : (200 + longside - 1) / longside;
	if (k > 16) k = 16;
	unsigned m = 4 * k, W = g->w * k + 2 * m, H = g->h * k + 2 * m;
	if ((uint64_t)W * H > FILES_MAX_PIXELS) return;
	uint8_t *b = malloc((size_t)W * H);
	if (!b) return;
	memset(b, 255, (size_t)W * H);
	for (unsigned y = 0; y < g->h * k; y++)
		for (unsigned x = 0; x < g->w * k; x++)
			b[(size_t)(y + m) * W + x + m] = g->px[(size_t)(y / k) * g->w + x / k];
	cq_scan_result r;
	if (cq_scan_grey(w->scan, b, W, H, W, &r) == 0) collect(w, &r, true);
	free(b);
}

/* Judges the page's codes, flags pages with several certificates, runs the
 * composited check, and sends page, codes and thumbnail. */
static int finish_page(wctx *w, fpage *pg, const char *text, const grey_image *thumb_src)
{
	pg->ncodes = w->ncodes;
	pg->text_layer = text && text_has_content(text);
	unsigned certs = 0;
	for (unsigned i = 0; i < w->ncodes; i++) {
		fcode *c = &w->codes[i];
		if (!w->t) continue;   /* --raw without a trust store: the texts only */
		cq_judge(w->t, c->text, c->len, &c->v);
		if (c->too_long) {
			/* never judged on a cut text: no certificate is that long */
			c->v.status = CQ_ST_NOT_A_CERTIFICATE;
			snprintf(c->v.reason, sizeof c->v.reason,
			         "the QR code holds %zu bytes of text, more than the %d a certificate can have: not read further",
			         c->too_long, CQ_SCAN_TEXT_MAX);
			snprintf(c->v.reason_zh, sizeof c->v.reason_zh, "二维码内容过长（%zu 字节，证书最多 %d 字节），不是继续教育证书",
			         c->too_long, CQ_SCAN_TEXT_MAX);
		}
		if (c->v.decoded) certs++;
	}
	for (unsigned i = 0; i < w->ncodes; i++) {
		fcode *c = &w->codes[i];
		c->page_certs = certs;
		for (unsigned j = 0; j < w->ncodes; j++)
			if (j != i && c->v.decoded && w->codes[j].v.decoded &&
			    !strcmp(c->v.rec.number, w->codes[j].v.rec.number))
				c->conflict = true;
		if (pg->kind == KIND_PDF && pg->text_layer && c->v.signed_ok) {
			c->text_checked = true;
			c->ndiff = composite_check(text, &c->v.rec, c->diff, FILES_DIFF_MAX);
			c->composited = c->ndiff > 0;
		}
	}
	if (send_msg(w->fd, MSG_PAGE, pg, sizeof *pg)) return -1;
	for (unsigned i = 0; i < w->ncodes; i++)
		if (send_msg(w->fd, MSG_CODE, &w->codes[i], sizeof w->codes[i])) return -1;
	if (w->o->thumbs && thumb_src && thumb_src->px) {
		uint8_t *j;
		size_t n;
		if (!thumb_jpeg(thumb_src->px, thumb_src->w, thumb_src->h, FILES_THUMB_W, &j, &n)) {
			int rc = send_msg(w->fd, MSG_THUMB, j, n);
			free(j);
			if (rc) return -1;
		}
	}
	return 0;
}

static int scan_into(wctx *w, const grey_image *g, fpage *pg)
{
	cq_scan_result r;
	if (cq_scan_grey(w->scan, g->px, g->w, g->h, g->w, &r)) return -1;
	collect(w, &r, false);
	pg->hint = w->ncodes ? CQ_HINT_NONE : r.hint;
	pg->module_px = r.module_px;
	return 0;
}

static int do_pdf(wctx *w, const char *path, const uint8_t *b, size_t n)
{
	char why[256];
	unsigned np;
	pdf_doc *d = pdf_open(b, n, &np, why);
	if (!d) return send_error(w->fd, why);
	unsigned todo = np > FILES_MAX_PAGES ? FILES_MAX_PAGES : np;
	for (unsigned i = 0; i < todo; i++) {
		fpage pg = {.page = i + 1, .npages = np, .kind = KIND_PDF};
		grey_image g = {0};
		w->ncodes = 0;
		pdf_images(d, i, FILES_MAX_IMAGES, on_image, w);
		bool rendered = false;
		if (!w->ncodes || w->o->thorough) {
			if (pdf_render(d, i, w->o->dpi, &g, why)) { pdf_close(d); return send_error(w->fd, why); }
			rendered = true;
			pg.dpi = w->o->dpi;
			if (scan_into(w, &g, &pg)) { grey_free(&g); pdf_close(d); return send_error(w->fd, "out of memory"); }
			if (!w->ncodes && w->o->dpi_retry && w->o->dpi_retry != w->o->dpi) {
				grey_image g2 = {0};
				if (!pdf_render(d, i, w->o->dpi_retry, &g2, why)) {
					pg.dpi = w->o->dpi_retry;
					scan_into(w, &g2, &pg);
					grey_free(&g2);
				}
			}
		}
		if (!rendered) {
			/* codes came from images: a small render for the thumbnail */
			if (w->o->thumbs) pdf_render(d, i, 30, &g, why);
			pg.hint = CQ_HINT_NONE;
		}
		pg.w = g.w;
		pg.h = g.h;
		char *text = pdf_text(d, i);
		int rc = finish_page(w, &pg, text, &g);
		free(text);
		grey_free(&g);
		if (rc) { pdf_close(d); return -1; }
	}
	pdf_close(d);
	(void)path;
	return 0;
}

int files_work(const cq_trust *t, const files_opts *o, const char *path, int fd)
{
	char *buf, why[256];
	size_t n;
	fcode codes[CQ_SCAN_MAX_CODES];
	wctx w = {t, o, fd, NULL, codes, 0};
	if (cq_read_file(path, FILES_MAX_BYTES, &buf, &n, why)) return send_error(fd, why);
	file_kind k = files_sniff((const uint8_t *)buf, n);
	if (k == KIND_UNKNOWN) {
		free(buf);
		return send_error(fd, n ? "not a PNG, JPEG or PDF file (by its content)" : "empty file");
	}
	w.scan = cq_scan_new(NULL);
	if (!w.scan) { free(buf); return send_error(fd, "out of memory"); }
	int rc;
	if (k == KIND_PDF) {
		rc = do_pdf(&w, path, (const uint8_t *)buf, n);
	} else {
		grey_image g;
		rc = k == KIND_PNG ? image_load_png((uint8_t *)buf, n, &g, why) : image_load_jpeg((uint8_t *)buf, n, &g, why);
		if (rc) rc = send_error(fd, why);
		else {
			fpage pg = {.page = 1, .npages = 1, .kind = k, .w = g.w, .h = g.h};
			if (scan_into(&w, &g, &pg)) rc = send_error(fd, "out of memory");
			else rc = finish_page(&w, &pg, NULL, &g);
			grey_free(&g);
		}
	}
	free(buf);
	cq_scan_free(w.scan);
	return rc;
}
