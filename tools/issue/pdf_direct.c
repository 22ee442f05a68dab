/* The page written object by object (the default writer). PDF 1.4: one page,
 * two Type0 fonts over CIDFontType2 subsets (HarfBuzz subsets as FontFile2,
 * Identity-H encoding of the subset's glyph ids, CIDToGIDMap /Identity, a
 * ToUnicode map so the text extracts exactly), and the QR code as a 1-bit
 * image. Every stream is Flate-compressed.
 *
 * Font F1 holds the page's fixed text plus every digit, X and A-F: its
 * character set depends on the bureau and on which optional lines the page
 * has, not on the holder, so its finished objects are cached and reused
 * byte for byte (compressed once, at zlib's level 9). F2, F3, ... hold the
 * holder's name, subset per certificate: one font per face of the chain the
 * name needs (most names: one; a name with a character of Extension B:
 * two, WenQuanYi Zen Hei and HanaMin). Streams made per certificate use zlib level
 * 1: about 7% less CPU than level 6, and the level-9 F1 wins the bytes back.
 * The output depends only on the certificate, never on the batch or the clock;
 * the document ID is a hash of the document's content. */
#include <pthread.h>
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

/* A font subset, written: the compressed FontFile2 and ToUnicode streams,
 * the widths, and the code point → glyph map for the content stream. */
typedef struct fontobj {
	uint8_t key[32];              /* hash of the code point set (cache key) */
	const issue_face *src;
	unsigned char *file_z, *tu_z;
	size_t file_zn, tu_zn;
	unsigned file_n;              /* Length1 */
	char *widths;                 /* the /W array */
	char name[96];                /* TAG+PostScriptName */
	int bbox[4];
	long asc, desc;
	size_t n;
	uint32_t *cp;                 /* sorted */
	uint16_t *gid;
} fontobj;

static void fontobj_free(fontobj *f)
{
	if (!f) return;
	free(f->file_z); free(f->tu_z); free(f->widths); free(f->cp); free(f->gid);
	free(f);
}

unsigned char *deflate_buf(const unsigned char *d, size_t n, int level, size_t *zn)
{
	uLongf z = compressBound((uLong)n);
	unsigned char *o = malloc(z);
	if (!o || compress2(o, &z, d, (uLong)n, level) != Z_OK) { free(o); return NULL; }
	*zn = z;
	return o;
}

static void set_key(const hb_set_t *s, uint8_t key[32])
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, 32);
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	while (hb_set_next(s, &cp)) {
		uint8_t b[4] = {(uint8_t)(cp >> 24), (uint8_t)(cp >> 16), (uint8_t)(cp >> 8), (uint8_t)cp};
		crypto_generichash_update(&st, b, 4);
	}
	crypto_generichash_final(&st, key, 32);
}

static fontobj *fontobj_build(const issue_face *f, const hb_set_t *cps, int level)
{
	fontobj *o = calloc(1, sizeof *o);
	hb_face_t *sf = o ? font_subset(f, cps) : NULL;
	hb_font_t *font = NULL;
	hb_blob_t *blob = NULL;
	buf w = {0}, tu = {0};
	if (!sf) goto fail;
	set_key(cps, o->key);
	o->src = f;
	font = hb_font_create(sf);
	unsigned upem = hb_face_get_upem(sf);
	size_t n = hb_set_get_population(cps);
	/* zeroed: the analyzer cannot tell that only the o->n entries filled below are read */
	o->cp = calloc(n ? n : 1, sizeof *o->cp);
	o->gid = calloc(n ? n : 1, sizeof *o->gid);
	if (!o->cp || !o->gid || !upem) goto fail;
	/* cmap of the subset: sorted by code point (hb_set_next ascends) */
	hb_codepoint_t cp = HB_SET_VALUE_INVALID, g;
	while (hb_set_next(cps, &cp)) {
		if (!hb_font_get_nominal_glyph(font, cp, &g) || g > 0xFFFF) continue;
		o->cp[o->n] = cp;
		o->gid[o->n] = (uint16_t)g;
		o->n++;
	}
	/* widths and ToUnicode, by glyph id (every glyph of the subset is
	 * reached from exactly the code points that map to it) */
	unsigned ng = hb_face_get_glyph_count(sf);
	uint32_t *uni = calloc(ng ? ng : 1, sizeof *uni);
	if (!uni) goto fail;
	for (size_t i = 0; i < o->n; i++) if (o->gid[i] < ng && !uni[o->gid[i]]) uni[o->gid[i]] = o->cp[i];
	pf(&w, "[");
	pf(&tu, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
	        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
	        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
	        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
	unsigned mapped = 0;
	for (unsigned gi = 1; gi < ng; gi++) if (uni[gi]) mapped++;
	unsigned done = 0;
	for (unsigned gi = 1; gi < ng; gi++) {
		if (!uni[gi]) continue;
		long adv = (long)hb_font_get_glyph_h_advance(font, gi) * 1000 / (long)upem;
		pf(&w, "%s%u [%ld]", done ? " " : "", gi, adv);
		if (done % 100 == 0) pf(&tu, "%u beginbfchar\n", mapped - done < 100 ? mapped - done : 100);
		uint32_t c = uni[gi];
		if (c >= 0x10000) pf(&tu, "<%04X> <%04X%04X>\n", gi, 0xD800 + ((c - 0x10000) >> 10), 0xDC00 + ((c - 0x10000) & 0x3FF));
		else pf(&tu, "<%04X> <%04X>\n", gi, c);
		done++;
		if (done % 100 == 0 || done == mapped) pf(&tu, "endbfchar\n");
	}
	free(uni);
	pf(&w, "]");
	pf(&tu, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
	put(&w, "", 1);
	if (w.oom || tu.oom) goto fail;
	o->widths = (char *)w.p;
	w.p = NULL;
	o->tu_z = deflate_buf(tu.p, tu.n, level, &o->tu_zn);
	blob = hb_face_reference_blob(sf);
	unsigned fl;
	const unsigned char *fd = (const unsigned char *)hb_blob_get_data(blob, &fl);
	o->file_n = fl;
	o->file_z = deflate_buf(fd, fl, level, &o->file_zn);
	if (!o->tu_z || !o->file_z) goto fail;
	/* a subset tag of six capitals, from the subset's bytes */
	unsigned char h[16];
	crypto_generichash(h, sizeof h, fd, fl, NULL, 0);
	snprintf(o->name, sizeof o->name, "%c%c%c%c%c%c+%s", 'A' + h[0] % 26, 'A' + h[1] % 26, 'A' + h[2] % 26,
	         'A' + h[3] % 26, 'A' + h[4] % 26, 'A' + h[5] % 26, f->psname);
	/* metrics from the subset's head table and the font's extents */
	hb_blob_t *head = hb_face_reference_table(sf, HB_TAG('h', 'e', 'a', 'd'));
	unsigned hl;
	const unsigned char *hd = (const unsigned char *)hb_blob_get_data(head, &hl);
	int bb[4] = {0, -200, 1000, 900};
	if (hl >= 44)
		for (int i = 0; i < 4; i++)
			bb[i] = (int)((long)(int16_t)(hd[36 + 2 * i] << 8 | hd[37 + 2 * i]) * 1000 / (long)upem);
	memcpy(o->bbox, bb, sizeof bb);
	hb_blob_destroy(head);
	hb_font_extents_t ext = {0};
	hb_font_get_h_extents(font, &ext);
	o->asc = (long)ext.ascender * 1000 / (long)upem;
	o->desc = (long)ext.descender * 1000 / (long)upem;
	free(tu.p);
	hb_blob_destroy(blob);
	hb_font_destroy(font);
	hb_face_destroy(sf);
	return o;
fail:
	free(w.p);
	free(tu.p);
	hb_blob_destroy(blob);
	if (font) hb_font_destroy(font);
	if (sf) hb_face_destroy(sf);
	fontobj_free(o);
	return NULL;
}

static int fontobj_gid(const fontobj *o, uint32_t cp, uint16_t *gid)
{
	size_t lo = 0, hi = o->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (o->cp[mid] == cp) { *gid = o->gid[mid]; return 0; }
		if (o->cp[mid] < cp) lo = mid + 1; else hi = mid;
	}
	return -1;
}

/* The fixed-text fonts, built once each and shared by every thread. */
#define FIXED_CACHE 64
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static fontobj *cache[FIXED_CACHE];
static size_t ncache;

static const fontobj *fixed_font(const issue_face *f, const hb_set_t *cps)
{
	uint8_t key[32];
	set_key(cps, key);
	pthread_mutex_lock(&cache_mu);
	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->src == f && !memcmp(cache[i]->key, key, 32)) {
			pthread_mutex_unlock(&cache_mu);
			return cache[i];
		}
	pthread_mutex_unlock(&cache_mu);
	fontobj *o = fontobj_build(f, cps, 9);   /* outside the lock: two threads may both build; one is kept */
	if (!o) return NULL;
	pthread_mutex_lock(&cache_mu);
	for (size_t i = 0; i < ncache; i++)
		if (cache[i]->src == f && !memcmp(cache[i]->key, key, 32)) {
			fontobj_free(o);
			o = cache[i];
			pthread_mutex_unlock(&cache_mu);
			return o;
		}
	if (ncache < FIXED_CACHE) cache[ncache++] = o;
	else { fontobj_free(o); o = NULL; }   /* more page variants than a batch can have */
	pthread_mutex_unlock(&cache_mu);
	return o;
}

void pdf_direct_cache_clear(const issue_font *f)
{
	pthread_mutex_lock(&cache_mu);
	size_t w = 0;
	for (size_t i = 0; i < ncache; i++) {
		int mine = 0;
		for (int k = 0; k < f->n; k++) mine |= cache[i]->src == &f->face[k];
		if (mine) fontobj_free(cache[i]);
		else cache[w++] = cache[i];
	}
	ncache = w;
	pthread_mutex_unlock(&cache_mu);
}

/* fo[0]: the fixed text (/F1); fo[1 + k]: the name's characters of chain
 * face k (/F(2 + k)), NULL when the name has none. */
static int content(buf *c, const fontobj *const *fo, const page *p)
{
	char a[24], b2[24], c2[24], d[24];
	for (int i = 0; i < p->n; i++) {
		const page_op *o = &p->op[i];
		switch (o->kind) {
		case OP_TEXT: {
			int fi = o->font ? 1 + o->face : 0;
			const fontobj *fn = fo[fi];
			if (!fn) return -1;
			pf(c, "%s %s %s rg\nBT\n/F%d %s Tf\n", num(a, o->rgb[0]), num(b2, o->rgb[1]), num(c2, o->rgb[2]),
			   fi + 1, num(d, o->size));
			pf(c, "%s %s Td\n<", num(a, o->x), num(b2, o->y));
			size_t n = strlen(o->text);
			for (size_t k = 0; k < n;) {
				uint32_t cp;
				uint16_t gid;
				int l = cq_utf8_next((const unsigned char *)o->text + k, n - k, &cp);
				if (l < 0 || fontobj_gid(fn, cp, &gid)) return -1;
				static const char hx[] = "0123456789ABCDEF";
				char g4[4] = {hx[gid >> 12], hx[gid >> 8 & 15], hx[gid >> 4 & 15], hx[gid & 15]};
				put(c, g4, 4);
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
		case OP_SEAL:
			pf(c, "q\n%s 0 0 %s ", num(a, o->w), num(b2, o->h));
			pf(c, "%s %s cm\n/%s Do\nQ\n", num(a, o->x), num(b2, o->y), o->kind == OP_QR ? "Q" : "S");
			break;
		}
	}
	return c->oom ? -1 : 0;
}

static void raw_stream(buf *out, size_t *xref, int id, const char *dict, const unsigned char *z, size_t zn)
{
	xref[id] = out->n;
	pf(out, "%d 0 obj\n<< %s%s/Filter /FlateDecode /Length %zu >>\nstream\n", id, dict, *dict ? " " : "", zn);
	put(out, z, zn);
	pf(out, "\nendstream\nendobj\n");
}

/* Writes one stream object, Flate-compressed. */
static int stream_obj(buf *out, size_t *xref, int id, const char *dict, const unsigned char *d, size_t n, int level)
{
	size_t zn;
	unsigned char *z = deflate_buf(d, n, level, &zn);
	if (!z) return -1;
	raw_stream(out, xref, id, dict, z, zn);
	free(z);
	return 0;
}

/* Type0 font, CIDFontType2, descriptor, FontFile2, ToUnicode: five objects from `id`. */
static void font_objs(buf *o, size_t *xref, int id, const fontobj *f)
{
	xref[id] = o->n;
	pf(o, "%d 0 obj\n<< /Type /Font /Subtype /Type0 /BaseFont /%s /Encoding /Identity-H\n", id, f->name);
	pf(o, "/DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>\nendobj\n", id + 1, id + 4);
	xref[id + 1] = o->n;
	pf(o, "%d 0 obj\n<< /Type /Font /Subtype /CIDFontType2 /BaseFont /%s\n", id + 1, f->name);
	pf(o, "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>\n");
	pf(o, "/FontDescriptor %d 0 R /CIDToGIDMap /Identity /DW 1000\n/W ", id + 2);
	put(o, f->widths, strlen(f->widths));
	pf(o, " >>\nendobj\n");
	xref[id + 2] = o->n;
	pf(o, "%d 0 obj\n<< /Type /FontDescriptor /FontName /%s /Flags 4\n", id + 2, f->name);
	pf(o, "/FontBBox [%d %d %d %d] /ItalicAngle 0 /Ascent %ld /Descent %ld /CapHeight %ld /StemV 80\n",
	   f->bbox[0], f->bbox[1], f->bbox[2], f->bbox[3], f->asc, f->desc, f->asc);
	pf(o, "/FontFile2 %d 0 R >>\nendobj\n", id + 3);
	char dict[40];
	snprintf(dict, sizeof dict, "/Length1 %u", f->file_n);
	raw_stream(o, xref, id + 3, dict, f->file_z, f->file_zn);
	raw_stream(o, xref, id + 4, "", f->tu_z, f->tu_zn);
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

/* Objects: catalog, pages, page, content, then five per font (F1, then one
 * per chain face the name uses), the QR image, the info dictionary, and
 * with a seal its image and soft mask. */
enum { O_CATALOG = 1, O_PAGES, O_PAGE, O_CONTENT, O_F1, O_MAX = O_F1 + 5 * (1 + CQ_FONT_CHAIN_LEN) + 4 };

int pdf_render_direct(const issue_font *f, const page *p, unsigned char **out, size_t *len, char why[256])
{
	int rc = -1;
	buf o = {0}, c = {0};
	unsigned char *img = NULL;
	fontobj *name[CQ_FONT_CHAIN_LEN] = {NULL};
	const fontobj *fo[1 + CQ_FONT_CHAIN_LEN] = {NULL};
	hb_set_t *fixed = hb_set_create(), *nm = hb_set_create();
	static const char always[] = "0123456789XABCDEF ";
	for (const char *a = always; *a; a++) hb_set_add(fixed, (hb_codepoint_t)*a);
	page_text_set(p, 0, -1, fixed);
	fo[0] = fixed_font(&f->face[0], fixed);
	int ok = fo[0] != NULL, nfonts = 1, fid[1 + CQ_FONT_CHAIN_LEN] = {O_F1};
	for (int k = 0; k < f->n && ok; k++) {
		hb_set_clear(nm);
		page_text_set(p, 1, k, nm);
		if (hb_set_is_empty(nm)) continue;
		fo[1 + k] = name[k] = fontobj_build(&f->face[k], nm, 1);
		ok = name[k] != NULL;
		fid[1 + k] = O_F1 + 5 * nfonts++;
	}
	if (!ok) { snprintf(why, 256, "font subsetting failed"); goto done; }
	if (content(&c, fo, p)) { snprintf(why, 256, "a character is missing from the font subset"); goto done; }
	const int o_image = O_F1 + 5 * nfonts, o_info = o_image + 1, o_seal = o_info + 1;
	const int o_count = p->seal ? o_seal + 2 : o_info + 1;
	size_t xref[O_MAX] = {0};
	char a[24], b[24];
	pf(&o, "%%PDF-1.4\n%%\xE2\xE3\xCF\xD3\n");
	xref[O_CATALOG] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Catalog /Pages %d 0 R >>\nendobj\n", O_CATALOG, O_PAGES);
	xref[O_PAGES] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Pages /Kids [%d 0 R] /Count 1 >>\nendobj\n", O_PAGES, O_PAGE);
	xref[O_PAGE] = o.n;
	pf(&o, "%d 0 obj\n<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %s %s]\n", O_PAGE, O_PAGES, num(a, PAGE_W), num(b, PAGE_H));
	pf(&o, "/Resources << /Font <<");
	for (int k = 0; k < 1 + f->n; k++)
		if (fo[k]) pf(&o, " /F%d %d 0 R", k + 1, fid[k]);
	pf(&o, " >> /XObject << /Q %d 0 R", o_image);
	if (p->seal) pf(&o, " /S %d 0 R", o_seal);
	pf(&o, " >> /ProcSet [/PDF /Text /ImageB%s] >>\n", p->seal ? " /ImageC" : "");
	pf(&o, "/Contents %d 0 R >>\nendobj\n", O_CONTENT);
	if (stream_obj(&o, xref, O_CONTENT, "", c.p, c.n, 1)) goto nomem;
	for (int k = 0; k < 1 + f->n; k++)
		if (fo[k]) font_objs(&o, xref, fid[k], fo[k]);
	int side;
	size_t il;
	img = page_qr_image(p->qr, &side, &il);
	if (!img) goto nomem;
	char idict[160];
	snprintf(idict, sizeof idict, "/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 1", side, side);
	if (stream_obj(&o, xref, o_image, idict, img, il, 1)) goto nomem;
	const cq_record *r = p->rec;
	if (p->seal) {
		/* the seal: 8-bit RGB with its alpha as a soft mask, compressed once */
		const issue_seal *sl = p->seal;
		snprintf(idict, sizeof idict, "/Type /XObject /Subtype /Image /Width %u /Height %u /ColorSpace /DeviceRGB "
		         "/BitsPerComponent 8 /SMask %d 0 R", sl->w, sl->h, o_seal + 1);
		raw_stream(&o, xref, o_seal, idict, sl->rgb_z, sl->rgb_zn);
		snprintf(idict, sizeof idict, "/Type /XObject /Subtype /Image /Width %u /Height %u /ColorSpace /DeviceGray "
		         "/BitsPerComponent 8", sl->w, sl->h);
		raw_stream(&o, xref, o_seal + 1, idict, sl->alpha_z, sl->alpha_zn);
	}
	xref[o_info] = o.n;
	pf(&o, "%d 0 obj\n<< /Title ", o_info);
	utf16_hex(&o, p->title);
	pf(&o, "\n/Creator (certqr-issue %s) /Producer (certqr)\n", CERTQR_VERSION);
	pf(&o, "/CreationDate (D:%04u%02u%02u000000Z) >>\nendobj\n", r->issued.y, r->issued.m, r->issued.d);
	size_t xpos = o.n;
	pf(&o, "xref\n0 %d\n0000000000 65535 f \n", o_count);
	for (int i = 1; i < o_count; i++) pf(&o, "%010zu 00000 n \n", xref[i]);
	unsigned char id[16];
	if (!o.oom) crypto_generichash(id, sizeof id, o.p, o.n, NULL, 0);
	pf(&o, "trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /ID [<", o_count, O_CATALOG, o_info);
	for (int i = 0; i < 16; i++) pf(&o, "%02x", id[i]);
	pf(&o, "> <");
	for (int i = 0; i < 16; i++) pf(&o, "%02x", id[i]);
	pf(&o, ">] >>\nstartxref\n%zu\n%%%%EOF\n", xpos);
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
	for (int k = 0; k < CQ_FONT_CHAIN_LEN; k++) fontobj_free(name[k]);
	hb_set_destroy(fixed);
	hb_set_destroy(nm);
	return rc;
}
