/* One file, in a worker process: load or render each page, find the codes,
 * judge them, check the page as seen against each verified code (the page
 * check, pagecheck.h), compare a PDF page's text layer with the signed fields
 * as further evidence, and send everything to the parent. A crash or hang in
 * an image or PDF library on a hostile file ends only this process (see
 * pool.c). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "certqr/io.h"
#include "certqr/pdfimages.h"
#include "composite.h"
#include "work.h"

typedef struct wctx {
	const cq_trust *t;
	const files_opts *o;
	int fd;
	cq_scan *scan;
	/* codes of the current page, de-duplicated by text */
	fcode *codes;
	unsigned ncodes;
} wctx;

static int send_msg(int fd, uint32_t type, const void *p, size_t n)
{
	uint32_t h[2] = {type, (uint32_t)n};
	return cq_write_all(fd, h, sizeof h) || cq_write_all(fd, p, n) ? -1 : 0;
}

static int send_error(int fd, const char *why)
{
	send_msg(fd, MSG_ERROR, why, strlen(why) + 1);
	return -1;
}

/* Codes are de-duplicated by text; one read from the page as seen (not
 * from an embedded image) keeps its corners for the page check. */
static void collect(wctx *w, const cq_scan_result *r, bool from_image)
{
	for (size_t i = 0; i < r->n; i++) {
		const cq_scan_code *c = &r->codes[i];
		unsigned k;
		for (k = 0; k < w->ncodes; k++)
			if (w->codes[k].len == c->len && w->codes[k].too_long == (c->too_long ? c->full_len : 0) &&
			    !memcmp(w->codes[k].text, c->text, c->len)) break;
		fcode *f;
		if (k < w->ncodes) f = &w->codes[k];
		else {
			if (w->ncodes >= CQ_SCAN_MAX_CODES) continue;
			f = &w->codes[w->ncodes++];
			memset(f, 0, sizeof *f);
			memcpy(f->text, c->text, c->len + 1);
			f->len = c->len;
			f->too_long = c->too_long ? c->full_len : 0;
			f->step = c->step;
			f->from_image = from_image;
			f->page_check = -1;
		}
		if (!from_image && !f->corners && !(c->x[0] == c->x[2] && c->y[0] == c->y[2])) {
			f->corners = true;
			memcpy(f->qx, c->x, sizeof f->qx);
			memcpy(f->qy, c->y, sizeof f->qy);
		}
	}
}

/* An embedded image is usually the code itself at one pixel per module:
 * enlarge it (nearest neighbour, exact) and give it a white margin. */
static void on_image(void *ctx, const cq_grey *g)
{
	wctx *w = ctx;
	unsigned longside = g->w > g->h ? g->w : g->h;
	unsigned k = longside >= 200 ? 1 : (200 + longside - 1) / longside;
	if (k > 16) k = 16;
	unsigned m = 4 * k, W = g->w * k + 2 * m, H = g->h * k + 2 * m;
	if ((uint64_t)W * H > CQ_RENDER_MAX_PIXELS) return;
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

/* The worse of two page results: differs, then unreadable, then match. */
static int worse(int a, int b)
{
	static const int rank[] = {0, 2, 1};
	return rank[a] >= rank[b] ? a : b;
}

/* The page check of one verified code on the page as seen; `g2`, when
 * given, is the same page as printed (annotations can differ). */
static void page_check(wctx *w, fcode *c, const cq_grey *g, const cq_grey *g2)
{
	if (!w->o->font) {
		c->page_check = CQ_PAGE_UNREADABLE;
		snprintf(c->page_reason, sizeof c->page_reason, "pages are not judged (--no-page-check)");
		snprintf(c->page_reason_zh, sizeof c->page_reason_zh, "未核对页面（--no-page-check）");
		return;
	}
	char hex[2 * CQ_KEY_ID_BYTES + 1];
	cq_key_id_hex(c->v.key_id, hex);
	if (!c->corners) {
		c->page_check = CQ_PAGE_UNREADABLE;
		snprintf(c->page_reason, sizeof c->page_reason,
		         "the code is not visible on the page as shown (hidden, covered or too small)");
		snprintf(c->page_reason_zh, sizeof c->page_reason_zh, "页面显示中看不到该二维码（被隐藏、遮挡或太小）");
		return;
	}
	const cq_grey *pages[2] = {g, g2};
	for (int k = 0; k < 2 && pages[k]; k++) {
		cq_page_input in = {pages[k]->px, pages[k]->w, pages[k]->h, pages[k]->w, {0}, {0}, c->len, &c->v.rec,
		                    c->v.have_issuer ? c->v.issuer.bureau : "", hex,
		                    cq_trust_layout(w->t, c->v.key_id),   /* the signing key's layout, NULL: built-in */
		                    pages[k]->drop, w->o->ocr ? cq_ocr_read : NULL, w->o->ocr};
		memcpy(in.qx, c->qx, sizeof in.qx);
		memcpy(in.qy, c->qy, sizeof in.qy);
		cq_page_report r;
		char why[256];
		if (cq_page_check(w->o->font, &in, &r, why)) {
			r.result = CQ_PAGE_UNREADABLE;
			snprintf(r.reason, sizeof r.reason, "%.150s", why);
			snprintf(r.reason_zh, sizeof r.reason_zh, "页面检查失败");
		}
		if (k == 1 && r.result != CQ_PAGE_MATCH) c->print_differs = true;
		if (k == 0 || worse(c->page_check, r.result) != c->page_check) {
			c->page_check = (int8_t)r.result;
			snprintf(c->page_reason, sizeof c->page_reason, "%s%.180s", k ? "as printed: " : "", r.reason);
			snprintf(c->page_reason_zh, sizeof c->page_reason_zh, "%s%.180s", k ? "打印时：" : "", r.reason_zh);
			c->npdiff = r.ndiff;
			memcpy(c->pdiff, r.diff, sizeof r.diff);
		}
		if (k == 0) {
			c->page_scale = r.scale;
			c->id_read = r.id_read;
			c->id_matches = r.id_matches;
			memcpy(c->id_tail, r.id_tail, sizeof c->id_tail);
		}
	}
}

static int send_crops(wctx *w, const cq_grey *g)
{
	for (unsigned i = 0; i < w->ncodes; i++) {
		const fcode *c = &w->codes[i];
		for (unsigned d = 0; d < c->npdiff; d++) {
			const cq_page_diff *p = &c->pdiff[d];
			if (p->w <= 1 || p->h <= 1) continue;
			int m = p->h / 2 + 4;
			int x0 = p->x - m < 0 ? 0 : p->x - m, y0 = p->y - m < 0 ? 0 : p->y - m;
			int x1 = p->x + p->w + m > (int)g->w ? (int)g->w : p->x + p->w + m;
			int y1 = p->y + p->h + m > (int)g->h ? (int)g->h : p->y + p->h + m;
			if (x1 - x0 < 4 || y1 - y0 < 4) continue;
			uint8_t *j;
			size_t n;
			if (cq_jpeg_crop(g->px + (size_t)y0 * g->w + x0, (unsigned)(x1 - x0), (unsigned)(y1 - y0), g->w,
			                 FILES_CROP_W, &j, &n))
				continue;
			size_t len = sizeof(fcrop_head) + n;
			uint8_t *msg = malloc(len);
			int rc = -1;
			if (msg) {
				fcrop_head h = {i, d};
				memcpy(msg, &h, sizeof h);
				memcpy(msg + sizeof h, j, n);
				rc = send_msg(w->fd, MSG_CROP, msg, len);
				free(msg);
			}
			free(j);
			if (rc) return -1;
		}
	}
	return 0;
}

/* Judges the page's codes, flags pages with several certificates, runs the
 * page check and the text-layer check, and sends page, codes, thumbnail and
 * crops. */
static int finish_page(wctx *w, fpage *pg, const char *text, const cq_grey *seen, const cq_grey *printed)
{
	pg->ncodes = w->ncodes;
	pg->text_layer = text && text_has_content(text);
	unsigned certs = 0;
	for (unsigned i = 0; i < w->ncodes; i++) {
		fcode *c = &w->codes[i];
		if (!w->t) continue;   /* --raw without a trust store: the texts only */
		if (cq_judge(w->t, c->text, c->len, &c->v)) continue;   /* malformed, never authentic */
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
		if (!c->v.signed_ok) continue;
		if (seen && seen->px) page_check(w, c, seen, printed && printed->px ? printed : NULL);
		if (pg->kind == CQ_KIND_PDF && pg->text_layer) {
			/* the text layer may add evidence against a page, never clear one */
			c->text_checked = true;
			c->ndiff = composite_check(text, &c->v.rec, c->diff, FILES_DIFF_MAX);
			c->composited = c->ndiff > 0;
		}
	}
	if (send_msg(w->fd, MSG_PAGE, pg, sizeof *pg)) return -1;
	for (unsigned i = 0; i < w->ncodes; i++)
		if (send_msg(w->fd, MSG_CODE, &w->codes[i], sizeof w->codes[i])) return -1;
	if (w->o->thumbs && seen && seen->px) {
		uint8_t *j;
		size_t n;
		if (!cq_jpeg_thumb(seen->px, seen->w, seen->h, FILES_THUMB_W, &j, &n)) {
			int rc = send_msg(w->fd, MSG_THUMB, j, n);
			free(j);
			if (rc) return -1;
		}
		if (send_crops(w, seen)) return -1;
	}
	return 0;
}

static int scan_into(wctx *w, const cq_grey *g, fpage *pg)
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
	/* an image's size from its dictionary, before poppler decodes it */
	cq_pdfimg_scan is;
	cq_pdf_scan_images(b, n, &is);
	if (is.pixels > CQ_RENDER_MAX_PIXELS) {
		snprintf(why, sizeof why, "文件中的图像过大 the PDF holds an image of %ux%u pixels, beyond the limit (%u megapixels): not decoded",
		         is.w, is.h, CQ_RENDER_MAX_PIXELS / 1000000u);
		return send_error(w->fd, why);
	}
	cq_pdf *d = cq_pdf_open(b, n, &np, why);
	if (!d) return send_error(w->fd, why);
	unsigned todo = np > w->o->max_pages ? w->o->max_pages : np;
	for (unsigned i = 0; i < todo; i++) {
		fpage pg = {.page = i + 1, .npages = np, .kind = CQ_KIND_PDF};
		cq_grey g = {0}, gp = {0};
		w->ncodes = 0;
		cq_pdf_images(d, i, FILES_MAX_IMAGES, on_image, w);
		/* The page as a viewer shows it, annotations and form fields
		 * included: what the page check judges, and where codes drawn as
		 * vectors are read. */
		if (cq_pdf_render(d, i, w->o->dpi, CQ_PDF_VIEW, &g, why)) { cq_pdf_close(d); return send_error(w->fd, why); }
		pg.dpi = w->o->dpi;
		if (scan_into(w, &g, &pg)) { cq_grey_free(&g); cq_pdf_close(d); return send_error(w->fd, "out of memory"); }
		bool lost = !w->ncodes;
		for (unsigned k = 0; k < w->ncodes; k++) lost |= !w->codes[k].corners;
		if (lost && w->o->dpi_retry && w->o->dpi_retry != w->o->dpi) {
			cq_grey g2 = {0};
			if (!cq_pdf_render(d, i, w->o->dpi_retry, CQ_PDF_VIEW, &g2, why)) {
				fpage p2 = pg;
				unsigned before = w->ncodes;
				for (unsigned k = 0; k < w->ncodes; k++) w->codes[k].corners = false;
				scan_into(w, &g2, &p2);
				bool better = w->ncodes > before;
				for (unsigned k = 0; k < w->ncodes; k++) better |= w->codes[k].corners;
				if (better) { cq_grey_free(&g); g = g2; pg = p2; pg.dpi = w->o->dpi_retry; }
				else cq_grey_free(&g2);
			}
		}
		pg.hint = w->ncodes ? CQ_HINT_NONE : pg.hint;
		/* An annotation can be shown on screen and not printed, or the
		 * other way round: then the page as printed is judged too. */
		if (w->ncodes && cq_pdf_annotations(d, i)) cq_pdf_render(d, i, pg.dpi, CQ_PDF_PRINT, &gp, why);
		pg.w = g.w;
		pg.h = g.h;
		char *text = cq_pdf_text(d, i);
		int rc = finish_page(w, &pg, text, &g, &gp);
		free(text);
		cq_grey_free(&g);
		cq_grey_free(&gp);
		if (rc) { cq_pdf_close(d); return -1; }
	}
	cq_pdf_close(d);
	(void)path;
	if (todo < np) {   /* the rest: reported by the parent as not checked */
		flimit l = {todo + 1, np};
		if (send_msg(w->fd, MSG_LIMIT, &l, sizeof l)) return -1;
	}
	return 0;
}

int files_work(const cq_trust *t, const files_opts *o, const char *path, int fd)
{
	char *buf, why[256];
	size_t n;
	fcode codes[CQ_SCAN_MAX_CODES];
	wctx w = {t, o, fd, NULL, codes, 0};
	if (cq_read_file(path, CQ_RENDER_MAX_BYTES, &buf, &n, why)) return send_error(fd, why);
	cq_file_kind k = cq_file_sniff((const uint8_t *)buf, n);
	if (k == CQ_KIND_UNKNOWN) {
		free(buf);
		return send_error(fd, n ? "not a PNG, JPEG or PDF file (by its content)" : "empty file");
	}
	w.scan = cq_scan_new(NULL);
	if (!w.scan) { free(buf); return send_error(fd, "out of memory"); }
	int rc;
	if (k == CQ_KIND_PDF) {
		rc = do_pdf(&w, path, (const uint8_t *)buf, n);
	} else {
		cq_grey g;
		rc = k == CQ_KIND_PNG ? cq_png_load((uint8_t *)buf, n, &g, why) : cq_jpeg_load((uint8_t *)buf, n, &g, why);
		if (rc) rc = send_error(fd, why);
		else {
			fpage pg = {.page = 1, .npages = 1, .kind = k, .w = g.w, .h = g.h};
			if (scan_into(&w, &g, &pg)) rc = send_error(fd, "out of memory");
			else rc = finish_page(&w, &pg, NULL, &g, NULL);
			cq_grey_free(&g);
		}
	}
	free(buf);
	cq_scan_free(w.scan);
	return rc;
}
