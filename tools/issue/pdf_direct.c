/* The page written object by object (the default writer). PDF 1.4: one page,
 * a Type0 font over a CIDFontType2 (the HarfBuzz subset as FontFile2,
 * Identity-H encoding of the subset's glyph ids, CIDToGIDMap /Identity, a
 * ToUnicode map so the text extracts exactly), and the QR code as a 1-bit
 * image. Every stream is Flate-compressed. Nothing depends on the clock:
 * the document ID is a hash of the document's content. */
#include <hb.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include "certqr/certqr.h"
#include "page.h"

typedef struct buf { unsigned char *p; size_t n, cap; int oom; } buf;

static void put(buf *b, const void *d, size_t n)
{
	if (b->oom) return;
	if (b->n + n > b->cap) {
		size_t nc = b->cap ? b->cap : 4096;
		while (nc < b->n + n) nc *= 2;
		unsigned char *np = realloc(b->p, nc);
		if (!np) { b->oom = 1; return; }
		b->p = np;
		b->cap = nc;
	}
	memcpy(b->p + b->n, d, n);
	b->n += n;
}

static void pf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void pf(buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof tmp) { b->oom = 1; return; }
	put(b, tmp, (size_t)n);
}

/* Numbers as PDF writes them: at most two decimals, no trailing zeros. */
static const char *num(char out[24], double v)
{
	long c = (long)(v * 100 + (v < 0 ? -0.5 : 0.5));
	if (c % 100 == 0) snprintf(out, 24, "%ld", c / 100);
	else snprintf(out, 24, "%s%ld.%02ld", c < 0 ? "-" : "", labs(c) / 100, labs(c) % 100);
	if (strchr(out, '.') && out[strlen(out) - 1] == '0') out[strlen(out) - 1] = '\0';
	return out;
}

typedef struct glyphs {
	hb_font_t *font;
	unsigned upem;
	struct { uint16_t gid; uint32_t cp; int width; } used[512];
	int n;
} glyphs;

static int glyph_of(glyphs *g, uint32_t cp, uint16_t *gid)
{
	hb_codepoint_t id = 0;
	if (!hb_font_get_nominal_glyph(g->font, cp, &id) || id > 0xFFFF) return -1;
	*gid = (uint16_t)id;
	for (int i = 0; i < g->n; i++)
		if (g->used[i].gid == id) return 0;
	if (g->n == (int)(sizeof g->used / sizeof *g->used)) return -1;
	g->used[g->n].gid = (uint16_t)id;
	g->used[g->n].cp = cp;
	g->used[g->n].width = (int)((long)hb_font_get_glyph_h_advance(g->font, id) * 1000 / (long)g->upem);
	g->n++;
	return 0;
}

static int cmp_used(const void *a, const void *b)
{
	return (int)*(const uint16_t *)a - (int)*(const uint16_t *)b;
}

static int content(buf *c, glyphs *g, const page *p)
{
	char a[24], b2[24], c2[24], d[24];
	for (int i = 0; i < p->n; i++) {
		const page_op *o = &p->op[i];
		switch (o->kind) {
		case OP_TEXT: {
			pf(c, "%s %s %s rg\nBT\n/F1 %s Tf\n", num(a, o->rgb[0]), num(b2, o->rgb[1]), num(c2, o->rgb[2]), num(d, o->size));
			pf(c, "%s %s Td\n<", num(a, o->x), num(b2, o->y));
			size_t n = strlen(o->text);
			for (size_t k = 0; k < n;) {
				uint32_t cp;
				uint16_t gid;
				int l = cq_utf8_next((const unsigned char *)o->text + k, n - k, &cp);
				if (l < 0 || glyph_of(g, cp, &gid)) return -1;
				pf(c, "%04X", gid);
				k += (size_t)l;
			}
			pf(c, "> Tj\nET\n");
			break;
		}
		case OP_LINE: case OP_RECT: case OP_CIRCLE:
			pf(c, "%s %s %s RG\n%s w\n", num(a, o->rgb[0]), num(b2, o->rgb[1]), num(c2, o->rgb[2]), num(d, o->lw));
			if (o->kind == OP_LINE)
				pf(c, "%s %s m\n", num(a, o->x), num(b2, o->y)), pf(c, "%s %s l\nS\n", num(a, o->w), num(b2, o->h));
			else if (o->kind == OP_RECT)
				pf(c, "%s %s %s %s re\nS\n", num(a, o->x), num(b2, o->y), num(c2, o->w), num(d, o->h));
			else {
				/* four Bézier quarter arcs */
				double x = o->x, y = o->y, r = o->w, k = r * 0.5522847498;
				pf(c, "%s %s m\n", num(a, x + r), num(b2, y));
				double pts[4][6] = {
					{x + r, y + k, x + k, y + r, x, y + r}, {x - k, y + r, x - r, y + k, x - r, y},
					{x - r, y - k, x - k, y - r, x, y - r}, {x + k, y - r, x + r, y - k, x + r, y}};
				for (int q = 0; q < 4; q++) {
					pf(c, "%s %s ", num(a, pts[q][0]), num(b2, pts[q][1]));
					pf(c, "%s %s ", num(a, pts[q][2]), num(b2, pts[q][3]));
					pf(c, "%s %s c\n", num(a, pts[q][4]), num(b2, pts[q][5]));
				}
				pf(c, "S\n");
			}
			break;
		case OP_QR:
			pf(c, "q\n%s 0 0 %s ", num(a, o->w), num(b2, o->h));
			pf(c, "%s %s cm\n/Q Do\nQ\n", num(a, o->x), num(b2, o->y));
			break;
		}
	}
	return c->oom ? -1 : 0;
}

/* Writes one stream object, Flate-compressed. */
static int stream_obj(buf *out, size_t *xref, int id, const char *dict, const unsigned char *d,
                      size_t n, int level)
{
	uLongf zn = compressBound((uLong)n);
	unsigned char *z = malloc(zn);
	if (!z || compress2(z, &zn, d, (uLong)n, level) != Z_OK) { free(z); return -1; }
	xref[id] = out->n;
	pf(out, "%d 0 obj\n<< %s /Filter /FlateDecode /Length %lu >>\nstream\n", id, dict, (unsigned long)zn);
	put(out, z, zn);
	pf(out, "\nendstream\nendobj\n");
	free(z);
	return 0;
}

static void utf16_hex(buf *b, const char *s)
{
	size_t n = strlen(s);
	pf(b, "<FEFF");
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) break;
		if (cp >= 0x10000) {
			cp -= 0x10000;
			pf(b, "%04X%04X", 0xD800 + (cp >> 10), 0xDC00 + (cp & 0x3FF));
		} else pf(b, "%04X", cp);
		i += (size_t)l;
	}
	pf(b, ">");
}

enum { O_CATALOG = 1, O_PAGES, O_PAGE, O_CONTENT, O_TYPE0, O_CIDFONT, O_DESC, O_FILE, O_TOUNI, O_IMAGE, O_INFO, O_COUNT };

int pdf_render_direct(const issue_font *f, const page *p, unsigned char **out, size_t *len, char why[256])
{
	int rc = -1;
	buf o = {0}, c = {0}, tu = {0};
	unsigned char *img = NULL;
	glyphs *g = calloc(1, sizeof *g);
	hb_face_t *sf = page_subset(f, p);
	hb_blob_t *blob = NULL;
	if (!g || !sf) { snprintf(why, 256, g ? "font subsetting failed" : "out of memory"); goto done; }
	g->font = hb_font_create(sf);
	g->upem = hb_face_get_upem(sf);
	if (content(&c, g, p)) { snprintf(why, 256, "a character is missing from the font subset"); goto done; }
	blob = hb_face_reference_blob(sf);
	unsigned fl;
	const unsigned char *fd = (const unsigned char *)hb_blob_get_data(blob, &fl);
	size_t xref[O_COUNT] = {0};
	char a[24], b[24], cc[24], d[24];

	/* a subset tag of six capitals, from the subset's bytes */
	unsigned char h[16];
	crypto_generichash(h, sizeof h, fd, fl, NULL, 0);
	char name[96];
	snprintf(name, sizeof name, "%c%c%c%c%c%c+%s", 'A' + h[0] % 26, 'A' + h[1] % 26, 'A' + h[2] % 26,
	         'A' + h[3] % 26, 'A' + h[4] % 26, 'A' + h[5] % 26, f->psname);

	pf(&o, "%%PDF-1.4\n%%\xE2\xE3\xCF\xD3\n");
	xref[O_CATALOG] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", O_CATALOG, O_PAGES);
	xref[O_PAGES] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Pages /Kids [%d 0 R] /Count 1 >>\nendobj\n", O_PAGES, O_PAGE);
	xref[O_PAGE] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s]\n", O_PAGE, O_PAGES, num(a, PAGE_W), num(b, PAGE_H));
	pf(&o, "/Resources << /Font << /F1 %d 0 R >> /XObject << /Q %d 0 R >> /ProcSet [/PDF /Text /ImageB] >>\n", O_TYPE0, O_IMAGE);
	pf(&o, "/Contents %d 0 R >>\nendobj\n", O_CONTENT);
	if (stream_obj(&o, xref, O_CONTENT, "", c.p, c.n, 6)) goto nomem;

	xref[O_TYPE0] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H\n", O_TYPE0, name);
	pf(&o, "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n", O_CIDFONT, O_TOUNI);

	qsort(g->used, (size_t)g->n, sizeof g->used[0], cmp_used);
	xref[O_CIDFONT] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s\n", O_CIDFONT, name);
	pf(&o, "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n");
	pf(&o, "/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000\n/W [", O_DESC);
	for (int i = 0; i < g->n; i++) pf(&o, "%s%u [%d]", i ? " " : "", g->used[i].gid, g->used[i].width);
	pf(&o, "] >>\nendobj\n");

	/* metrics from the subset's head table and the font's extents */
	hb_blob_t *head = hb_face_reference_table(sf, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl;
	const unsigned char *hd = (const unsigned char *)hb_blob_get_data(head, &hl);
	int bbox[4] = {0, -200, 1000, 900};
	if (hl >= 44)
		for (int i = 0; i < 4; i++)
			bbox[i] = (int)((long)(int16_t)(hd[36 + 2 * i] << 8 | hd[37 + 2 * i]) * 1000 / (long)g->upem);
	hb_blob_destroy(head);
	hb_font_extents_t ext = {0};
	hb_font_get_h_extents(g->font, &ext);
	long asc = (long)ext.ascender * 1000 / (long)g->upem, desc = (long)ext.descender * 1000 / (long)g->upem;
	xref[O_DESC] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /FontDescriptor /FontName /%s /Flags 4\n", O_DESC, name);
	pf(&o, "/FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %ld /Descent %ld /CapHeight %ld /StemV 80\n",
	   bbox[0], bbox[1], bbox[2], bbox[3], asc, desc, asc);
	pf(&o, "/FontFile2 %d 0 R >>\nendobj\n", O_FILE);
	char dict[64];
	snprintf(dict, sizeof dict, "/Length1 %u", fl);
	if (stream_obj(&o, xref, O_FILE, dict, fd, fl, 9)) goto nomem;

	pf(&tu, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	for (int i = 0; i < g->n; i += 100) {
		int k = g->n - i < 100 ? g->n - i : 100;
		pf(&tu, "%d beginbfchar\n", k);
		for (int j = i; j < i + k; j++) {
			uint32_t cp = g->used[j].cp;
			if (cp >= 0x10000) pf(&tu, "<%04X> <%04X%04X>\n", g->used[j].gid, 0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF));
			else pf(&tu, "<%04X> <%04X>\n", g->used[j].gid, cp);
		}
		pf(&tu, "endbfchar\n");
	}
	pf(&tu, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	if (tu.oom || stream_obj(&o, xref, O_TOUNI, "", tu.p, tu.n, 6)) goto nomem;

	int side;
	size_t il;
	img = page_qr_image(p->qr, &side, &il);
	if (!img) goto nomem;
	snprintf(dict, sizeof dict, "/Type /XObject /Subtype /Image /Width %d /Height %d", side, side);
	char idict[160];
	snprintf(idict, sizeof idict, "%s /ColorSpace /DeviceGray /BitsPerComponent 1", dict);
	if (stream_obj(&o, xref, O_IMAGE, idict, img, il, 9)) goto nomem;

	const cq_record *r = p->rec;
	xref[O_INFO] = o.n;
	pf(&o, "%d 0 obj\n<< /Title ", O_INFO);
	utf16_hex(&o, p->title);
	pf(&o, "\n/Creator (certqr-issue %s) /Producer (certqr)\n", CERTQR_VERSION);
	pf(&o, "/CreationDate (D:%04u%02u%02u000000Z) >>\nendobj\n", r->issued.y, r->issued.m, r->issued.d);

	size_t xpos = o.n;
	pf(&o, "xref\n0 %d\n0000000000 65535 f \n", O_COUNT);
	for (int i = 1; i < O_COUNT; i++) pf(&o, "%010zu 00000 n \n", xref[i]);
	unsigned char id[16];
	crypto_generichash(id, sizeof id, o.p, o.n, NULL, 0);
	pf(&o, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<", O_COUNT, O_CATALOG, O_INFO);
	for (int i = 0; i < 16; i++) pf(&o, "%02x", id[i]);
	pf(&o, "> <");
	for (int i = 0; i < 16; i++) pf(&o, "%02x", id[i]);
	pf(&o, ">] >>\nstartxref\n%zu\n%%%%EOF\n", xpos);
	(void)cc; (void)d;
	if (o.oom) goto nomem;
	*out = o.p;
	*len = o.n;
	o.p = NULL;
	rc = 0;
	goto done;
nomem:
	snprintf(why, 256, "out of memory writing the PDF");
done:
	free(img);
	free(o.p);
	free(c.p);
	free(tu.p);
	hb_blob_destroy(blob);
	if (g && g->font) hb_font_destroy(g->font);
	free(g);
	if (sf) hb_face_destroy(sf);
	return rc;
}
