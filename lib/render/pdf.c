/* PDF pages through poppler-glib (include/certqr/render.h): rendering with
 * cairo into an image surface at a chosen resolution, as viewed or as
 * printed, the text layer, and the images embedded in a page (a
 * certificate's QR is usually one, at one pixel per module). */
#include <cairo.h>
#include <poppler.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/render.h"

struct cq_pdf { PopplerDocument *doc; GBytes *bytes; };

cq_pdf *cq_pdf_open(const uint8_t *b, size_t n, unsigned *npages, char why[256])
{
	cq_pdf *d = calloc(1, sizeof *d);
	GError *err = NULL;
	if (!d) { snprintf(why, 256, "out of memory"); return NULL; }
	d->bytes = g_bytes_new(b, n);
	d->doc = poppler_document_new_from_bytes(d->bytes, NULL, &err);
	if (!d->doc) {
		snprintf(why, 256, "not a readable PDF: %s", err ? err->message : "unknown error");
		if (err) g_error_free(err);
		g_bytes_unref(d->bytes);
		free(d);
		return NULL;
	}
	int np = poppler_document_get_n_pages(d->doc);
	if (np <= 0) {
		snprintf(why, 256, "PDF has no pages");
		cq_pdf_close(d);
		return NULL;
	}
	*npages = (unsigned)np;
	return d;
}

void cq_pdf_close(cq_pdf *d)
{
	if (!d) return;
	g_object_unref(d->doc);
	g_bytes_unref(d->bytes);
	free(d);
}

/* Cairo RGB24/ARGB32 surface to grey (alpha over white). */
static int surface_to_grey(cairo_surface_t *s, cq_grey *out)
{
	cairo_surface_flush(s);
	int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
	int stride = cairo_image_surface_get_stride(s);
	cairo_format_t f = cairo_image_surface_get_format(s);
	const uint8_t *p = cairo_image_surface_get_data(s);
	if (!p || w <= 0 || h <= 0 || (unsigned)w > CQ_RENDER_MAX_SIDE || (unsigned)h > CQ_RENDER_MAX_SIDE) return -1;
	if (f != CAIRO_FORMAT_RGB24 && f != CAIRO_FORMAT_ARGB32 && f != CAIRO_FORMAT_A8) return -1;
	out->px = malloc((size_t)w * h);
	if (!out->px) return -1;
	out->w = (unsigned)w;
	out->h = (unsigned)h;
	if (f == CAIRO_FORMAT_A8) {   /* a stencil mask: coverage means ink */
		for (int y = 0; y < h; y++)
			for (int x = 0; x < w; x++) out->px[(size_t)y * w + x] = (uint8_t)(255 - p[(size_t)y * stride + x]);
		return 0;
	}
	/* the dropout plane (render.h), kept only when some pixel has colour */
	out->drop = malloc((size_t)w * h);
	bool colour = false;
	for (int y = 0; y < h; y++) {
		const uint32_t *row = (const uint32_t *)(p + (size_t)y * stride);
		uint8_t *o = out->px + (size_t)y * w, *od = out->drop ? out->drop + (size_t)y * w : NULL;
		for (int x = 0; x < w; x++) {
			uint32_t v = row[x];
			unsigned r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
			unsigned y8 = (77u * r + 150u * g + 29u * b + 128) >> 8;
			unsigned hi = r > g ? r : g, lo = r < g ? r : g;
			hi = hi > b ? hi : b;
			lo = lo < b ? lo : b;
			unsigned m = 2 * hi - lo;   /* brightness plus colourfulness: render.h */
			colour |= hi != lo;
			if (f == CAIRO_FORMAT_ARGB32) {   /* premultiplied: add white behind */
				unsigned a = v >> 24;
				y8 = y8 + (255 - a);
				if (y8 > 255) y8 = 255;
				m = m + (255 - a);
				if (m > 255) m = 255;
			}
			o[x] = (uint8_t)y8;
			if (od) od[x] = (uint8_t)(m > 255 ? 255 : m);
		}
	}
	if (!colour) { free(out->drop); out->drop = NULL; }
	return 0;
}

int cq_pdf_render(cq_pdf *d, unsigned i, unsigned dpi, cq_pdf_mode mode, cq_grey *out, char why[256])
{
	memset(out, 0, sizeof *out);
	PopplerPage *pg = poppler_document_get_page(d->doc, (int)i);
	if (!pg) { snprintf(why, 256, "page %u cannot be opened", i + 1); return -1; }
	double pw, ph;
	poppler_page_get_size(pg, &pw, &ph);
	double sc = dpi / 72.0;
	double W = pw * sc, H = ph * sc;
	if (!(W >= 1 && H >= 1 && W <= CQ_RENDER_MAX_SIDE && H <= CQ_RENDER_MAX_SIDE && W * H <= CQ_RENDER_MAX_PIXELS)) {
		snprintf(why, 256, "page %u size %.0fx%.0f pt is outside the limits at %u dpi", i + 1, pw, ph, dpi);
		g_object_unref(pg);
		return -1;
	}
	cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)W, (int)H);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, sc, sc);
	/* glyph outlines as drawn, not snapped to the pixel grid: what the
	 * page check compares with, and what a scan of the print shows */
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_antialias(fo, CAIRO_ANTIALIAS_GRAY);
	cairo_set_font_options(cr, fo);
	cairo_font_options_destroy(fo);
	/* poppler 22.12: poppler_page_render draws every annotation and form
	 * widget not flagged hidden or no-view (their appearance streams), as a
	 * viewer does; render_for_printing (POPPLER_PRINT_ALL) those flagged
	 * for printing. */
	if (mode == CQ_PDF_PRINT) poppler_page_render_for_printing(pg, cr);
	else poppler_page_render(pg, cr);
	cairo_destroy(cr);
	int rc = 0;
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || surface_to_grey(s, out)) {
		snprintf(why, 256, "page %u could not be rendered", i + 1);
		rc = -1;
	}
	cairo_surface_destroy(s);
	g_object_unref(pg);
	return rc;
}

unsigned cq_pdf_annotations(cq_pdf *d, unsigned i)
{
	PopplerPage *pg = poppler_document_get_page(d->doc, (int)i);
	if (!pg) return 0;
	GList *map = poppler_page_get_annot_mapping(pg);
	unsigned n = 0;
	for (GList *l = map; l; l = l->next) {
		PopplerAnnotMapping *m = l->data;
		PopplerAnnotType t = poppler_annot_get_annot_type(m->annot);
		if (t != POPPLER_ANNOT_LINK && t != POPPLER_ANNOT_POPUP) n++;
	}
	poppler_page_free_annot_mapping(map);
	g_object_unref(pg);
	return n;
}

char *cq_pdf_text(cq_pdf *d, unsigned i)
{
	PopplerPage *pg = poppler_document_get_page(d->doc, (int)i);
	if (!pg) return NULL;
	char *t = poppler_page_get_text(pg);
	g_object_unref(pg);
	if (!t) return NULL;
	size_t n = strlen(t);
	if (n > CQ_PDF_TEXT_MAX) n = CQ_PDF_TEXT_MAX;
	char *out = malloc(n + 1);
	if (out) { memcpy(out, t, n); out[n] = 0; }
	g_free(t);
	return out;
}

unsigned cq_pdf_images(cq_pdf *d, unsigned i, unsigned max, cq_pdf_image_fn fn, void *ctx)
{
	PopplerPage *pg = poppler_document_get_page(d->doc, (int)i);
	if (!pg) return 0;
	GList *map = poppler_page_get_image_mapping(pg);
	unsigned n = 0;
	for (GList *l = map; l && n < max; l = l->next) {
		PopplerImageMapping *m = l->data;
		cairo_surface_t *s = poppler_page_get_image(pg, m->image_id);
		if (!s) continue;
		cq_grey g = {0};
		if (cairo_surface_status(s) == CAIRO_STATUS_SUCCESS && !surface_to_grey(s, &g)) {
			n++;
			fn(ctx, &g);
			cq_grey_free(&g);
		}
		cairo_surface_destroy(s);
	}
	poppler_page_free_image_mapping(map);
	g_object_unref(pg);
	return n;
}
