/* hostilegen: writes the hostile inputs of tests/sh/hostile_decode.sh
 * deterministic and small on disk, so that no test keeps
 * megabytes of bombs in the repository:
 *   qbomb OUT N            PDF whose one page's content is N "q" operators
 *   inflate OUT MIB        PDF whose content inflates to MIB MiB of path
 *                          operators (Flate twice over)
 *   bigimage OUT W H       PDF page drawing a W x H grey image (Flate twice)
 *   pngbomb OUT W H        PNG header for W x H RGBA with one short IDAT
 *   progjpeg OUT W H       progressive JPEG of W x H (a flat page, a few
 *                          marks, so it stays small)
 *   pages OUT N [QRTEXT]   PDF of N small blank pages; the last holds a QR
 *                          code of QRTEXT as an image (libqrencode)
 *   grid OUT N QRTEXT      grey PNG of N codes side by side, QRTEXT with
 *                          "-1".."-N" appended (a file with many results)
 * Exit 0, or 2 with a message. */
#include <qrencode.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <jpeglib.h>

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("hostilegen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(2);
}

typedef struct buf { uint8_t *p; size_t n, cap; } buf;

static void put(buf *b, const void *p, size_t n)
{
	if (b->n + n > b->cap) {
		size_t c = b->cap ? b->cap : 65536;
		while (c < b->n + n) c *= 2;
		if (!(b->p = realloc(b->p, c))) die("out of memory");
		b->cap = c;
	}
	if (n) memcpy(b->p + b->n, p, n);   /* put(b, NULL, 0) only reserves */
	b->n += n;
}

static void putf(buf *b, const char *fmt, ...)
{
	char t[512];
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(t, sizeof t, fmt, ap);
	va_end(ap);
	put(b, t, (size_t)k);
}

/* zlib stream of `unit` repeated `times` times: the unit is compressed once
 * with a full flush (no back-reference crosses it), and that segment is
 * repeated, so gigabytes cost no time. The checksum is computed as zlib
 * would (adler32_combine). */
static void deflate_repeat(buf *out, const uint8_t *unit, size_t ulen, uint64_t times)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	if (deflateInit(&z, 9) != Z_OK) die("zlib");
	uint8_t seg[1 << 16];
	z.next_out = seg;
	z.avail_out = sizeof seg;
	z.next_in = (uint8_t *)unit;
	z.avail_in = (uInt)ulen;
	if (deflate(&z, Z_FULL_FLUSH) != Z_OK || z.avail_in) die("zlib segment");
	size_t first = sizeof seg - z.avail_out;   /* header + segment */
	/* the repeatable part: the first segment without the 2-byte header */
	put(out, seg, first);
	const uint8_t *rep = seg + 2;
	size_t rlen = first - 2;
	for (uint64_t i = 1; i < times; i++) put(out, rep, rlen);
	uint8_t fin[16];
	z.next_out = fin;
	z.avail_out = sizeof fin;
	z.avail_in = 0;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END) die("zlib end");
	/* drop the adler32 zlib computed for one unit; write the real one */
	size_t flen = sizeof fin - z.avail_out - 4;
	put(out, fin, flen);
	uLong a1 = adler32(1L, unit, (uInt)ulen), a = a1;
	for (uint64_t i = 1; i < times; i++) a = adler32_combine(a, a1, (z_off_t)ulen);
	uint8_t ad[4] = {(uint8_t)(a >> 24), (uint8_t)(a >> 16), (uint8_t)(a >> 8), (uint8_t)a};
	put(out, ad, 4);
	deflateEnd(&z);
}

static void deflate_once(buf *out, const uint8_t *p, size_t n)
{
	uLongf cap = compressBound(n);
	size_t at = out->n;
	put(out, NULL, 0);
	if (out->cap - at < cap) {
		if (!(out->p = realloc(out->p, at + cap))) die("out of memory");
		out->cap = at + cap;
	}
	if (compress2(out->p + at, &cap, p, n, 9) != Z_OK) die("zlib");
	out->n = at + cap;
}

/* A PDF from objects 1..n (object 1 the catalog); offsets fixed up. */
typedef struct pdf { buf b; size_t off[4096]; unsigned n; } pdf;

static void obj_begin(pdf *d)
{
	if (d->n + 1 >= sizeof d->off / sizeof *d->off) die("too many objects");
	d->off[++d->n] = d->b.n;
	putf(&d->b, "%u 0 obj\n", d->n);
}

static void stream_obj(pdf *d, const char *dict, const buf *data)
{
	obj_begin(d);
	putf(&d->b, "<< %s /Length %zu >>\nstream\n", dict, data->n);
	put(&d->b, data->p, data->n);
	putf(&d->b, "\nendstream\nendobj\n");
}

static void pdf_write(pdf *d, const char *path)
{
	size_t x = d->b.n;
	putf(&d->b, "xref\n0 %u\n0000000000 65535 f \n", d->n + 1);
	for (unsigned i = 1; i <= d->n; i++) putf(&d->b, "%010zu 00000 n \n", d->off[i]);
	putf(&d->b, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", d->n + 1, x);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(d->b.p, 1, d->b.n, f) != d->b.n || fclose(f)) die("%s: cannot write", path);
}

/* Catalog (1), pages (2), one page (3) with content object 4 and an
 * optional image (5); the content stream's bytes are given. */
static void one_page(const char *path, const char *cdict, const buf *content, const char *idict, const buf *img)
{
	pdf d = {0};
	putf(&d.b, "%%PDF-1.5\n%%\xe2\xe3\xcf\xd3\n");
	obj_begin(&d);
	putf(&d.b, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	obj_begin(&d);
	putf(&d.b, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	obj_begin(&d);
	putf(&d.b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R%s >>\nendobj\n",
	     img ? " /Resources << /XObject << /Im0 5 0 R >> >>" : "");
	stream_obj(&d, cdict, content);
	if (img) stream_obj(&d, idict, img);
	pdf_write(&d, path);
	free(d.b.p);
}

static void qbomb(const char *path, uint64_t n)
{
	static uint8_t unit[65536];
	for (size_t i = 0; i < sizeof unit; i += 2) memcpy(unit + i, "q\n", 2);
	buf c = {0};
	deflate_repeat(&c, unit, sizeof unit, n / (sizeof unit / 2));
	one_page(path, "/Filter /FlateDecode", &c, NULL, NULL);
	free(c.p);
}

/* Flate over Flate: the inner stream is itself the repetition of one
 * segment, so the outer compression is quick and tiny. */
static void twice(buf *out, const uint8_t *unit, size_t ulen, uint64_t times)
{
	buf inner = {0};
	deflate_repeat(&inner, unit, ulen, times);
	deflate_once(out, inner.p, inner.n);
	free(inner.p);
}

static void inflate_bomb(const char *path, uint64_t mib)
{
	static const char op[] = "0 0 m 595 842 l S\n1 0 0 1 0 0 cm\n";
	static uint8_t unit[65536 - 65536 % (sizeof op - 1)];
	for (size_t i = 0; i < sizeof unit; i += sizeof op - 1) memcpy(unit + i, op, sizeof op - 1);
	buf c = {0};
	twice(&c, unit, sizeof unit, (mib << 20) / sizeof unit);
	one_page(path, "/Filter [/FlateDecode /FlateDecode]", &c, NULL, NULL);
	free(c.p);
}

static void bigimage(const char *path, unsigned w, unsigned h)
{
	uint8_t *row = malloc(w);
	if (!row) die("out of memory");
	memset(row, 200, w);
	buf img = {0}, c = {0};
	twice(&img, row, w, h);
	free(row);
	putf(&c, "q 500 0 0 700 40 70 cm /Im0 Do Q\n");
	char dict[200];
	snprintf(dict, sizeof dict,
	         "/Type /XObject /Subtype /Image /Width %u /Height %u /ColorSpace /DeviceGray /BitsPerComponent 8 "
	         "/Filter [/FlateDecode /FlateDecode]", w, h);
	one_page(path, "", &c, dict, &img);
	free(img.p);
	free(c.p);
}

static void be32(buf *b, uint32_t v)
{
	uint8_t x[4] = {(uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
	put(b, x, 4);
}

static void png_chunk(buf *b, const char *type, const uint8_t *p, size_t n)
{
	be32(b, (uint32_t)n);
	size_t at = b->n;
	put(b, type, 4);
	if (n) put(b, p, n);
	be32(b, (uint32_t)crc32(0, b->p + at, (uInt)(n + 4)));
}

static void pngbomb(const char *path, unsigned w, unsigned h)
{
	buf b = {0}, z = {0};
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	uint8_t ihdr[13] = {0};
	ihdr[0] = (uint8_t)(w >> 24); ihdr[1] = (uint8_t)(w >> 16); ihdr[2] = (uint8_t)(w >> 8); ihdr[3] = (uint8_t)w;
	ihdr[4] = (uint8_t)(h >> 24); ihdr[5] = (uint8_t)(h >> 16); ihdr[6] = (uint8_t)(h >> 8); ihdr[7] = (uint8_t)h;
	ihdr[8] = 8;
	ihdr[9] = 6;   /* RGBA */
	png_chunk(&b, "IHDR", ihdr, sizeof ihdr);
	/* a few rows of the image, then the file ends */
	size_t rowlen = (size_t)w * 4 + 1, rows = 4;
	uint8_t *raw = calloc(rows, rowlen);
	if (!raw) die("out of memory");
	deflate_once(&z, raw, rows * rowlen);
	free(raw);
	png_chunk(&b, "IDAT", z.p, z.n > 512 ? 512 : z.n);
	png_chunk(&b, "IEND", NULL, 0);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b.p, 1, b.n, f) != b.n || fclose(f)) die("%s: cannot write", path);
	free(b.p);
	free(z.p);
}

static void progjpeg(const char *path, unsigned w, unsigned h)
{
	FILE *f = fopen(path, "wb");
	if (!f) die("%s: cannot write", path);
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = w;
	c.image_height = h;
	c.input_components = 3;
	c.in_color_space = JCS_RGB;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 90, TRUE);
	jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	uint8_t *row = malloc((size_t)w * 3);
	if (!row) die("out of memory");
	uint32_t s = 12345;
	while (c.next_scanline < h) {
		unsigned y = c.next_scanline;
		for (unsigned x = 0; x < w; x++) {
			uint8_t v = 245;
			/* a sparse field of marks: something for every scan to carry */
			if (((x / 8) + (y / 8) * 7) % 97 == 0) { s = s * 1103515245u + 12345u; v = (uint8_t)(s >> 24); }
			row[3 * x] = row[3 * x + 1] = row[3 * x + 2] = v;
		}
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	free(row);
	if (fclose(f)) die("%s: cannot write", path);
}

static void pages(const char *path, unsigned n, const char *text)
{
	if (n < 1 || n > 4000) die("pages: 1..4000");
	QRcode *q = text ? QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) : NULL;
	if (text && !q) die("qrencode failed");
	pdf d = {0};
	putf(&d.b, "%%PDF-1.5\n");
	obj_begin(&d);
	putf(&d.b, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	obj_begin(&d);
	putf(&d.b, "<< /Type /Pages /Kids [");
	for (unsigned i = 0; i < n; i++) putf(&d.b, "%u 0 R ", 3 + 2 * i);
	putf(&d.b, "] /Count %u >>\nendobj\n", n);
	buf empty = {0}, draw = {0};
	putf(&draw, "q 200 0 0 200 20 20 cm /Im0 Do Q\n");
	for (unsigned i = 0; i < n; i++) {
		bool last = q && i == n - 1;
		obj_begin(&d);
		putf(&d.b, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 240 240] /Contents %u 0 R%s >>\nendobj\n", 4 + 2 * i,
		     last ? "" : "");
		if (last) {
			char res[80];
			/* the image is the object after the content */
			snprintf(res, sizeof res, "%u 0 R", 5 + 2 * i);
			d.b.n -= strlen(" >>\nendobj\n");
			putf(&d.b, " /Resources << /XObject << /Im0 %s >> >> >>\nendobj\n", res);
		}
		stream_obj(&d, "", last ? &draw : &empty);
	}
	if (q) {
		/* modules as 8-bit grey with a 4-module white margin */
		unsigned m = (unsigned)q->width + 8;
		buf px = {0};
		for (unsigned y = 0; y < m; y++)
			for (unsigned x = 0; x < m; x++) {
				uint8_t v = 255;
				if (x >= 4 && y >= 4 && x < m - 4 && y < m - 4 && (q->data[(y - 4) * q->width + (x - 4)] & 1)) v = 0;
				put(&px, &v, 1);
			}
		char dict[200];
		snprintf(dict, sizeof dict, "/Type /XObject /Subtype /Image /Width %u /Height %u /ColorSpace /DeviceGray "
		         "/BitsPerComponent 8", m, m);
		stream_obj(&d, dict, &px);
		free(px.p);
		QRcode_free(q);
	}
	pdf_write(&d, path);
	free(d.b.p);
	free(draw.p);
	free(empty.p);
}

static void grid(const char *path, unsigned n, const char *text)
{
	if (n < 1 || n > 64) die("grid: 1..64 codes");
	enum { S = 4 };   /* pixels per module */
	QRcode *q[64];
	unsigned side = 0;
	for (unsigned i = 0; i < n; i++) {
		char t[1200];
		snprintf(t, sizeof t, "%s-%u", text, i + 1);
		if (!(q[i] = QRcode_encodeString(t, 0, QR_ECLEVEL_M, QR_MODE_8, 1))) die("qrencode failed");
		if ((unsigned)q[i]->width > side) side = (unsigned)q[i]->width;
	}
	unsigned cell = (side + 8) * S, W = cell * n, H = cell;
	size_t rowlen = (size_t)W + 1;
	uint8_t *raw = malloc(rowlen * H);
	if (!raw) die("out of memory");
	memset(raw, 255, rowlen * H);
	for (unsigned y = 0; y < H; y++) raw[y * rowlen] = 0;   /* filter: none */
	for (unsigned i = 0; i < n; i++)
		for (unsigned y = 0; y < (unsigned)q[i]->width * S; y++)
			for (unsigned x = 0; x < (unsigned)q[i]->width * S; x++)
				if (q[i]->data[(y / S) * q[i]->width + x / S] & 1)
					raw[(size_t)(y + 4 * S) * rowlen + 1 + i * cell + 4 * S + x] = 0;
	buf b = {0}, z = {0};
	put(&b, "\x89PNG\r\n\x1a\n", 8);
	uint8_t ihdr[13] = {(uint8_t)(W >> 24), (uint8_t)(W >> 16), (uint8_t)(W >> 8), (uint8_t)W,
	                    (uint8_t)(H >> 24), (uint8_t)(H >> 16), (uint8_t)(H >> 8), (uint8_t)H, 8, 0, 0, 0, 0};
	png_chunk(&b, "IHDR", ihdr, sizeof ihdr);
	deflate_once(&z, raw, rowlen * H);
	png_chunk(&b, "IDAT", z.p, z.n);
	png_chunk(&b, "IEND", NULL, 0);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(b.p, 1, b.n, f) != b.n || fclose(f)) die("%s: cannot write", path);
	for (unsigned i = 0; i < n; i++) QRcode_free(q[i]);
	free(raw);
	free(b.p);
	free(z.p);
}

static unsigned long num(const char *s)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end) die("'%s' is not a number", s);
	return v;
}

int main(int argc, char **argv)
{
	if (argc < 3) die("usage: hostilegen qbomb|inflate|bigimage|pngbomb|progjpeg|pages|grid OUT ARGS...");
	const char *k = argv[1], *out = argv[2];
	if (!strcmp(k, "qbomb") && argc == 4) qbomb(out, num(argv[3]));
	else if (!strcmp(k, "inflate") && argc == 4) inflate_bomb(out, num(argv[3]));
	else if (!strcmp(k, "bigimage") && argc == 5) bigimage(out, (unsigned)num(argv[3]), (unsigned)num(argv[4]));
	else if (!strcmp(k, "pngbomb") && argc == 5) pngbomb(out, (unsigned)num(argv[3]), (unsigned)num(argv[4]));
	else if (!strcmp(k, "progjpeg") && argc == 5) progjpeg(out, (unsigned)num(argv[3]), (unsigned)num(argv[4]));
	else if (!strcmp(k, "grid") && argc == 5) grid(out, (unsigned)num(argv[3]), argv[4]);
	else if (!strcmp(k, "pages") && (argc == 4 || argc == 5)) pages(out, (unsigned)num(argv[3]), argc == 5 ? argv[4] : NULL);
	else die("unknown or incomplete command '%s'", k);
	return 0;
}
