/* The certificate page: the font, the layout (as a display list), the QR
 * symbol and the font subset. The writers are pdf_direct.c and pdf_haru.c. */
#include <hb-ot.h>
#include <math.h>
#include <pthread.h>
#include <hb-subset.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/layout.h"
#include "page.h"

static int face_open(issue_face *f, const char *path, unsigned index, const char *package, char why[256])
{
	f->blob = hb_blob_create_from_file_or_fail(path);
	if (!f->blob) {
		if (package) snprintf(why, 256, "%s: cannot read the font file (install the Debian package %s)", path, package);
		else snprintf(why, 256, "%s: cannot read the font file", path);
		return -1;
	}
	if (index >= hb_face_count(f->blob)) {
		snprintf(why, 256, "%s: not a TrueType font, or no face %u in it", path, index);
		return -1;
	}
	f->face = hb_face_create(f->blob, index);
	hb_face_make_immutable(f->face);
	f->font = hb_font_create(f->face);
	hb_font_make_immutable(f->font);
	f->upem = hb_face_get_upem(f->face);
	f->unicodes = hb_set_create();
	hb_face_collect_unicodes(f->face, f->unicodes);
	unsigned len = sizeof f->psname;
	if (!hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &len, f->psname))
		snprintf(f->psname, sizeof f->psname, "CertQRFont");
	for (char *p = f->psname; *p; p++)   /* a PDF name without escapes */
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-')) *p = '-';
	hb_blob_t *glyf = hb_face_reference_table(f->face, HB_TAG('g', 'l', 'y', 'f'));
	unsigned glen = hb_blob_get_length(glyf);
	hb_blob_destroy(glyf);
	if (hb_set_get_population(f->unicodes) == 0 || glen == 0 || f->upem == 0) {
		/* A CIDFontType2 needs TrueType outlines (no CFF). */
		snprintf(why, 256, "%s: face %u has no TrueType outlines (glyf) or no cmap", path, index);
		return -1;
	}
	return 0;
}

static void face_close(issue_face *f)
{
	hb_set_destroy(f->unicodes);
	hb_font_destroy(f->font);
	hb_face_destroy(f->face);
	hb_blob_destroy(f->blob);
}

issue_font *issue_font_open(const char *path, unsigned index, char why[256])
{
	issue_font *f = calloc(1, sizeof *f);
	if (!f) { snprintf(why, 256, "out of memory"); return NULL; }
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) {
		const cq_font_face *c = &cq_font_chain[i];
		int mine = i == 0 && (path || index);   /* --font, or another face of the first */
		f->n = i + 1;
		if (face_open(&f->face[i], mine && path ? path : c->path, mine ? index : c->index, path && mine ? NULL : c->package,
		              why)) {
			issue_font_close(f);
			return NULL;
		}
	}
	return f;
}

void issue_font_close(issue_font *f)
{
	if (!f) return;
	pdf_direct_cache_clear(f);
	for (int i = 0; i < f->n; i++) face_close(&f->face[i]);
	free(f);
}

long issue_font_bytes(const issue_font *f)
{
	long n = 0;
	for (int i = 0; i < f->n; i++) n = n * 31 + (long)hb_blob_get_length(f->face[i].blob);
	return n;
}

int issue_font_face_for(const issue_font *f, uint32_t cp)
{
	for (int i = 0; i < f->n; i++)
		if (hb_set_has(f->face[i].unicodes, cp)) return i;
	return -1;
}

static void add_text(hb_set_t *s, const char *t)
{
	size_t n = strlen(t);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)t + i, n - i, &cp);
		if (l < 0) { i++; continue; }
		hb_set_add(s, cp);
		i += (size_t)l;
	}
}

int issue_font_covers(const issue_font *f, const char *utf8, int face0_only, uint32_t *missing)
{
	size_t n = strlen(utf8);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)utf8 + i, n - i, &cp);
		int k = l < 0 ? -1 : issue_font_face_for(f, cp);
		if (k < 0 || (face0_only && k != 0)) {
			if (missing) *missing = l < 0 ? 0xFFFD : cp;
			return 0;
		}
		i += (size_t)l;
	}
	return 1;
}

/* Advance width of UTF-8 text in one face at `size` points (no kerning:
 * the writers place glyphs by their advances alone). */
static double text_width(const issue_face *f, const char *t, size_t n, double size)
{
	long adv = 0;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		hb_codepoint_t g = 0;
		int l = cq_utf8_next((const unsigned char *)t + i, n - i, &cp);
		if (l < 0) break;
		hb_font_get_nominal_glyph(f->font, cp, &g);
		adv += hb_font_get_glyph_h_advance(f->font, g);
		i += (size_t)l;
	}
	return (double)adv * size / f->upem;
}

/* ---- layout ---- */

enum { LEFT, CENTRE, RIGHT };

static const char *keep(page *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(p->strings + p->used, PAGE_TEXT - p->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= PAGE_TEXT - p->used) return "";
	const char *s = p->strings + p->used;
	p->used += (size_t)n + 1;
	return s;
}

static page_op *op(page *p, page_opkind k, float r, float g, float b)
{
	page_op *o = &p->op[p->n < PAGE_OPS ? p->n++ : PAGE_OPS - 1];
	memset(o, 0, sizeof *o);
	o->kind = k;
	o->rgb[0] = r; o->rgb[1] = g; o->rgb[2] = b;
	return o;
}

static void text(page *p, const issue_font *f, const char *s, double size, double x, double y,
                 int align, float grey)
{
	double w = text_width(&f->face[0], s, strlen(s), size);
	page_op *o = op(p, OP_TEXT, grey, grey, grey);
	o->text = s;
	o->size = (float)size;
	o->x = (float)(align == CENTRE ? x - w / 2 : align == RIGHT ? x - w : x);
	o->y = (float)y;
}

/* The holder's name, left-aligned at x: one text op per run of characters
 * that the same face of the chain draws. */
static void name_runs(page *p, const issue_font *f, const char *s, double size, double x, double y)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) return;   /* page_build's check reports it */
		int k = issue_font_face_for(f, cp);
		size_t j = i + (size_t)l;
		while (j < n) {
			int m = cq_utf8_next((const unsigned char *)s + j, n - j, &cp);
			if (m < 0 || issue_font_face_for(f, cp) != k) break;
			j += (size_t)m;
		}
		const char *run = keep(p, "%.*s", (int)(j - i), s + i);
		page_op *o = op(p, OP_TEXT, 0, 0, 0);
		o->text = run;
		o->size = (float)size;
		o->x = (float)x;
		o->y = (float)y;
		o->font = 1;
		o->face = k < 0 ? 0 : k;
		x += text_width(&f->face[o->face], s + i, j - i, size);
		i = j;
	}
}

/* The seal area: the bureau's image fitted into it (its proportions kept,
 * centred), or the placeholder: a circle inscribed in the area and its
 * caption. */
static void seal_ops(page *p, const issue_font *f, const issue_seal *s, const cq_layout_item *it)
{
	double cx = it->x + it->w / 2, cy = it->y + it->h / 2;
	if (s) {
		double k = fmin(it->w / s->w, it->h / s->h), w = s->w * k, h = s->h * k;
		page_op *o = op(p, OP_SEAL, 0, 0, 0);
		o->x = (float)(cx - w / 2); o->y = (float)(cy - h / 2); o->w = (float)w; o->h = (float)h;
		p->seal = s;
		return;
	}
	page_op *o = op(p, OP_CIRCLE, it->rgb[0], it->rgb[1], it->rgb[2]);
	o->lw = (float)it->lw;
	o->x = (float)cx; o->y = (float)cy; o->w = (float)(fmin(it->w, it->h) / 2);
	/* the caption's baseline a third of its size under the centre: its
	 * ink sits across the middle */
	text(p, f, keep(p, "%s", it->tmpl), it->size, cx, cy - 0.36 * it->size, CENTRE, 0);
	memcpy(p->op[p->n - 1].rgb, it->rgb, sizeof it->rgb);
}

/* The layout (include/certqr/layout.h): parsed once, read-only after. */
static cq_layout g_layout;
static int g_layout_rc = -1;
static pthread_once_t g_layout_once = PTHREAD_ONCE_INIT;
static void layout_init(void) { g_layout_rc = cq_layout_default(&g_layout); }

const cq_layout *issue_layout(void)
{
	pthread_once(&g_layout_once, layout_init);
	return g_layout_rc ? NULL : &g_layout;
}

int issue_layout_set(const char *text, size_t n, char zh[256], char en[256])
{
	cq_err e;
	cq_layout *L = malloc(sizeof *L);
	if (!L) { snprintf(zh, 256, "内存不足"); snprintf(en, 256, "out of memory"); return -1; }
	pthread_once(&g_layout_once, layout_init);
	if (cq_layout_parse(text, n, L, &e)) {
		snprintf(zh, 256, "版式文件无法解析（%.200s）", e.msg);
		snprintf(en, 256, "the layout does not parse: %.200s", e.msg);
		free(L);
		return -1;
	}
	g_layout = *L;
	g_layout_rc = 0;
	free(L);
	return 0;
}

int page_build(const issue_font *f, const issue_cert *c, page *p, char why[256])
{
	const cq_record *r = c->rec;
	const cq_layout *L = issue_layout();
	memset(p, 0, sizeof *p);
	p->rec = r;
	if (!L) { snprintf(why, 256, "the built-in layout does not parse"); return -1; }
	/* "CQ1:" + base45 is all QR alphanumeric characters: one alphanumeric
	 * segment, the same symbol QRcode_encodeString finds, without its
	 * mode analysis (about 12% of the encoding time). */
	QRecLevel lv = c->qr_level == 'Q' ? QR_ECLEVEL_Q : QR_ECLEVEL_M;
	QRinput *in = QRinput_new2(0, lv);
	size_t tl = strlen(c->qrtext);
	if (in && QRinput_check(QR_MODE_AN, (int)tl, (const unsigned char *)c->qrtext) == 0 &&
	    QRinput_append(in, QR_MODE_AN, (int)tl, (const unsigned char *)c->qrtext) == 0)
		p->qr = QRcode_encodeInput(in);
	else
		p->qr = QRcode_encodeString(c->qrtext, 0, lv, QR_MODE_8, 1);
	if (in) QRinput_free(in);
	if (!p->qr) { snprintf(why, 256, "QR encoding failed"); return -1; }
	snprintf(p->title, sizeof p->title, "河南省专业技术人员继续教育证书 %s %u", r->number, r->year);
	/* the QR code, quiet zone included in the image */
	double module = cq_layout_module_pt(L, p->qr->width), full = module * (p->qr->width + 8);
	/* every text run of the layout with this certificate's values, drawn in
	 * the layout's order among its lines, frames and the code */
	static __thread cq_layout_run runs[CQ_LAYOUT_RUNS];
	cq_layout_values vals = {r, c->id_number, c->bureau, c->key_id};
	cq_err e;
	int nr = cq_layout_expand(L, &vals, runs, CQ_LAYOUT_RUNS, &e);
	if (nr < 0) { snprintf(why, 256, "layout: %s", e.msg); return -1; }
	int run = 0;
	for (int i = 0; i < L->n; i++) {
		const cq_layout_item *it = &L->item[i];
		page_op *o;
		switch (it->kind) {
		case CQ_LI_RECT:
		case CQ_LI_LINE:
		case CQ_LI_CIRCLE:
			o = op(p, it->kind == CQ_LI_RECT ? OP_RECT : it->kind == CQ_LI_LINE ? OP_LINE : OP_CIRCLE,
			       it->rgb[0], it->rgb[1], it->rgb[2]);
			o->lw = (float)it->lw;
			o->x = (float)it->x; o->y = (float)it->y; o->w = (float)it->w; o->h = (float)it->h;
			break;
		case CQ_LI_QR:
			o = op(p, OP_QR, 0, 0, 0); o->x = (float)L->qr_x; o->y = (float)L->qr_y; o->w = o->h = (float)full;
			break;
		case CQ_LI_SEAL:
			seal_ops(p, f, c->seal, it);
			break;
		case CQ_LI_TEXT:
		case CQ_LI_ROW:
			/* runs come in item order; items not printed have none */
			for (; run < nr && runs[run].item == i; run++) {
				const cq_layout_run *u = &runs[run];
				double x = u->beside_qr ? L->qr_x + full + u->x : u->x;
				double y = u->beside_qr ? L->qr_y + 4 * module : u->y;
				if (u->font == 1 && u->align == CQ_AL_LEFT) {
					/* the holder's name: per face of the font chain */
					name_runs(p, f, u->text, u->size, x, y);
					continue;
				}
				text(p, f, keep(p, "%s", u->text), u->size, x, y,
				     u->align == CQ_AL_CENTRE ? CENTRE : u->align == CQ_AL_RIGHT ? RIGHT : LEFT, 0);
				memcpy(p->op[p->n - 1].rgb, u->rgb, sizeof u->rgb);
				p->op[p->n - 1].font = u->font;
			}
			break;
		}
	}
	for (int i = 0; i < p->n; i++) {
		const page_op *t = &p->op[i];
		uint32_t cp;
		if (t->kind == OP_TEXT && !issue_font_covers(f, t->text, 0, &cp)) {
			snprintf(why, 256, "no font of the chain has U+%04X in \"%s\"", (unsigned)cp, t->text);
			page_free(p);
			return -1;
		}
		if (t->kind == OP_TEXT && t->font == 0 && !issue_font_covers(f, t->text, 1, &cp)) {
			snprintf(why, 256, "the certificate font has no glyph for U+%04X in \"%s\"", (unsigned)cp, t->text);
			page_free(p);
			return -1;
		}
	}
	return 0;
}

void page_free(page *p)
{
	if (p->qr) QRcode_free(p->qr);
	p->qr = NULL;
}

hb_face_t *font_subset(const issue_face *f, const hb_set_t *unicodes)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	if (!in) return NULL;
	hb_set_union(hb_subset_input_unicode_set(in), unicodes);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	hb_set_t *drop = hb_subset_input_set(in, HB_SUBSET_SETS_DROP_TABLE_TAG);
	static const hb_tag_t dropped[] = {
		HB_TAG('G','S','U','B'), HB_TAG('G','P','O','S'), HB_TAG('G','D','E','F'),
		HB_TAG('k','e','r','n'), HB_TAG('g','a','s','p'), HB_TAG('E','B','D','T'),
		HB_TAG('E','B','L','C'), HB_TAG('E','B','S','C'), HB_TAG('V','D','M','X'),
		HB_TAG('h','d','m','x'), HB_TAG('L','T','S','H'), HB_TAG('D','S','I','G'),
	};
	for (size_t i = 0; i < sizeof dropped / sizeof *dropped; i++) hb_set_add(drop, dropped[i]);
	hb_face_t *s = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	return s;
}

void page_text_set(const page *p, int font, int face, hb_set_t *s)
{
	for (int i = 0; i < p->n; i++)
		if (p->op[i].kind == OP_TEXT && (font < 0 || p->op[i].font == font) && (face < 0 || p->op[i].face == face))
			add_text(s, p->op[i].text);
}

hb_face_t *page_subset(const issue_font *f, const page *p, int face)
{
	hb_set_t *s = hb_set_create();
	page_text_set(p, -1, face, s);
	hb_face_t *r = font_subset(&f->face[face], s);
	hb_set_destroy(s);
	return r;
}

unsigned char *page_qr_image(const QRcode *q, int *side, size_t *len)
{
	int w = q->width + 8, stride = (w + 7) / 8;
	unsigned char *img = malloc((size_t)stride * (size_t)w);
	if (!img) return NULL;
	memset(img, 0xFF, (size_t)stride * (size_t)w);
	for (int y = 0; y < q->width; y++)
		for (int x = 0; x < q->width; x++)
			if (q->data[y * q->width + x] & 1) {
				int X = x + 4, Y = y + 4;
				img[Y * stride + X / 8] &= (unsigned char)~(0x80 >> (X % 8));
			}
	*side = w;
	*len = (size_t)stride * (size_t)w;
	return img;
}

int issue_pdf_render(const issue_font *f, const issue_cert *c, issue_pdf_engine engine,
                     unsigned char **out, size_t *len, issue_pdf_info *info, char why[256])
{
	page *p = malloc(sizeof *p);
	if (!p) { snprintf(why, 256, "out of memory"); return -1; }
	int rc = page_build(f, c, p, why);
	if (rc == 0) {
		rc = engine == ISSUE_PDF_LIBHARU ? pdf_render_haru(f, p, out, len, why)
		                                 : pdf_render_direct(f, p, out, len, why);
		if (rc == 0 && info) {
			info->qr_version = p->qr->version;
			info->qr_modules = p->qr->width;
			info->qr_mm = issue_layout()->qr_mm;
			info->qr_level = c->qr_level == 'Q' ? 'Q' : 'M';
		}
		page_free(p);
	}
	free(p);
	return rc;
}
