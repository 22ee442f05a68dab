/* PNG (libpng's simplified API) and JPEG (libjpeg-turbo) to grey pixels,
 * with every size bounded before anything is allocated; grey pixels back to
 * JPEG for thumbnails and crops (include/certqr/render.h). */
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>
#include "certqr/dropout.h"
#include "certqr/render.h"

cq_file_kind cq_file_sniff(const uint8_t *b, size_t n)
{
	if (n >= 8 && !memcmp(b, "\x89PNG\r\n\x1a\n", 8)) return CQ_KIND_PNG;
	if (n >= 3 && b[0] == 0xFF && b[1] == 0xD8 && b[2] == 0xFF) return CQ_KIND_JPEG;
	/* "%PDF-" may follow a little junk (the PDF spec allows 1024 bytes) */
	size_t lim = n < 1024 ? n : 1024;
	for (size_t i = 0; i + 5 <= lim; i++)
		if (!memcmp(b + i, "%PDF-", 5)) return CQ_KIND_PDF;
	return CQ_KIND_UNKNOWN;
}

const char *cq_file_kind_name(cq_file_kind k)
{
	switch (k) {
	case CQ_KIND_PNG: return "png";
	case CQ_KIND_JPEG: return "jpeg";
	case CQ_KIND_PDF: return "pdf";
	default: return "unknown";
	}
}

void cq_grey_free(cq_grey *g)
{
	free(g->px);
	free(g->drop);
	g->px = g->drop = NULL;
	g->w = g->h = 0;
}

static int size_ok(unsigned long w, unsigned long h, char why[256])
{
	if (!w || !h || w > CQ_RENDER_MAX_SIDE || h > CQ_RENDER_MAX_SIDE ||
	    (unsigned long long)w * h > CQ_RENDER_MAX_PIXELS) {
		snprintf(why, 256, "image size %lux%lu is outside the limits (at most %u pixels a side, %u megapixels)",
		         w, h, CQ_RENDER_MAX_SIDE, CQ_RENDER_MAX_PIXELS / 1000000u);
		return 0;
	}
	return 1;
}

/* A colour PNG: read as RGB over white, then grey (libpng's weights) and
 * the dropout plane. Above this size the RGB copy is not made: grey only. */
#define PNG_COLOUR_MAX_PIXELS (40u * 1000u * 1000u)
static int png_colour(png_image *im, cq_grey *out, char why[256])
{
	im->format = PNG_FORMAT_RGB;
	size_t np = (size_t)im->width * im->height;
	uint8_t *rgb = malloc(3 * np);
	out->px = malloc(np);
	out->drop = malloc(np);
	png_color bg = {255, 255, 255};
	if (!rgb || !out->px || !out->drop) {
		snprintf(why, 256, "out of memory");
		goto fail;
	}
	if (!png_image_finish_read(im, &bg, rgb, (png_int_32)(3 * im->width), NULL)) {
		snprintf(why, 256, "damaged PNG: %s", im->message);
		goto fail;
	}
	for (size_t i = 0; i < np; i++) {
		unsigned r = rgb[3 * i], g = rgb[3 * i + 1], b = rgb[3 * i + 2];
		out->px[i] = cq_grey_of(r, g, b);
		out->drop[i] = cq_dropout_of(r, g, b);
	}
	free(rgb);
	out->w = im->width;
	out->h = im->height;
	return 0;
fail:
	free(rgb);
	cq_grey_free(out);
	png_image_free(im);
	return -1;
}

int cq_png_load(const uint8_t *b, size_t n, cq_grey *out, char why[256])
{
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	memset(out, 0, sizeof *out);
	if (!png_image_begin_read_from_memory(&im, b, n)) {
		snprintf(why, 256, "not a readable PNG: %s", im.message);
		return -1;
	}
	if (!size_ok(im.width, im.height, why)) { png_image_free(&im); return -1; }
	if ((im.format & PNG_FORMAT_FLAG_COLOR) && (size_t)im.width * im.height <= PNG_COLOUR_MAX_PIXELS)
		return png_colour(&im, out, why);
	im.format = PNG_FORMAT_GRAY;   /* alpha composited over white below */
	out->px = malloc((size_t)im.width * im.height);
	if (!out->px) { png_image_free(&im); snprintf(why, 256, "out of memory"); return -1; }
	/* Background for transparent pixels: white (paper). */
	png_color bg = {255, 255, 255};
	if (!png_image_finish_read(&im, &bg, out->px, (png_int_32)im.width, NULL)) {
		snprintf(why, 256, "damaged PNG: %s", im.message);
		cq_grey_free(out);
		png_image_free(&im);
		return -1;
	}
	out->w = im.width;
	out->h = im.height;
	return 0;
}

struct jerr { struct jpeg_error_mgr pub; jmp_buf jb; char msg[JMSG_LENGTH_MAX]; };

static void jerr_exit(j_common_ptr c)
{
	struct jerr *e = (struct jerr *)c->err;
	c->err->format_message(c, e->msg);
	longjmp(e->jb, 1);
}

static void jerr_quiet(j_common_ptr c, int level) { (void)c; (void)level; }

int cq_jpeg_load(const uint8_t *b, size_t n, cq_grey *out, char why[256])
{
	struct jpeg_decompress_struct d;
	struct jerr e;
	memset(out, 0, sizeof *out);
	memset(&e, 0, sizeof e);
	d.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jerr_exit;
	e.pub.emit_message = jerr_quiet;   /* warnings (e.g. premature end) are not fatal */
	uint8_t *volatile px = NULL, *volatile drop = NULL, *volatile ycc = NULL;
	if (setjmp(e.jb)) {
		snprintf(why, 256, "damaged JPEG: %s", e.msg);
		jpeg_destroy_decompress(&d);
		free(px);
		free(drop);
		free(ycc);
		return -1;
	}
	jpeg_create_decompress(&d);
	jpeg_mem_src(&d, b, (unsigned long)n);
	jpeg_read_header(&d, TRUE);
	if (!size_ok(d.image_width, d.image_height, why)) { jpeg_destroy_decompress(&d); return -1; }
	/* A progressive (or multi-scan) JPEG keeps every coefficient of the
	 * image until the last scan: 2 bytes a sample and component, on top of
	 * the pixels. Refused from the header when that exceeds the budget. */
	unsigned long long need = (unsigned long long)d.image_width * d.image_height;
	if (jpeg_has_multiple_scans(&d)) need += need * 2 * (unsigned)d.num_components;
	if (need > CQ_RENDER_MAX_DECODE_BYTES) {
		snprintf(why, 256, "image %ux%u%s needs %llu MiB to decode, more than the %u MiB allowed",
		         d.image_width, d.image_height, jpeg_has_multiple_scans(&d) ? " (progressive JPEG)" : "",
		         need >> 20, CQ_RENDER_MAX_DECODE_BYTES >> 20);
		jpeg_destroy_decompress(&d);
		return -1;
	}
	/* a colour JPEG is read as YCbCr: Y is the grey, exactly as before, and
	 * the brightest of R, G, B the dropout plane */
	bool colour = d.jpeg_color_space == JCS_YCbCr && d.num_components == 3;
	d.out_color_space = colour ? JCS_YCbCr : JCS_GRAYSCALE;
	d.dct_method = JDCT_ISLOW;
	jpeg_start_decompress(&d);
	px = malloc((size_t)d.output_width * d.output_height);
	if (colour) {
		drop = malloc((size_t)d.output_width * d.output_height);
		ycc = malloc((size_t)3 * d.output_width);
	}
	if (!px || (colour && (!drop || !ycc))) { free(px); free(drop); free(ycc); jpeg_destroy_decompress(&d); snprintf(why, 256, "out of memory"); return -1; }
	while (d.output_scanline < d.output_height) {
		size_t y = d.output_scanline;
		JSAMPROW row = colour ? ycc : px + y * d.output_width;
		jpeg_read_scanlines(&d, &row, 1);
		if (colour)
			for (size_t x = 0; x < d.output_width; x++) {
				int Y = ycc[3 * x], cb = ycc[3 * x + 1] - 128, cr = ycc[3 * x + 2] - 128;
				/* JFIF's inverse transform, in 1/65536 */
				int r = Y + ((91881 * cr + 32768) >> 16), g = Y - ((22554 * cb + 46802 * cr - 32768) >> 16),
				    bl = Y + ((116130 * cb + 32768) >> 16);
				int hi = r > g ? r : g, lo = r < g ? r : g;
				hi = hi > bl ? hi : bl;
				lo = lo < bl ? lo : bl;
				int m = 2 * hi - lo;   /* brightness plus colourfulness: render.h */
				px[y * d.output_width + x] = (uint8_t)Y;
				drop[y * d.output_width + x] = (uint8_t)(m < 0 ? 0 : m > 255 ? 255 : m);
			}
	}
	out->w = d.output_width;
	out->h = d.output_height;
	jpeg_finish_decompress(&d);
	jpeg_destroy_decompress(&d);
	free(ycc);
	out->px = px;
	out->drop = drop;
	return 0;
}

typedef struct plane { uint8_t *px; unsigned w, h; } plane;

/* One grey plane to JPEG (quality 70) in a malloc'd buffer. */
static int jpeg_encode(const plane *im, uint8_t **jpg, size_t *n)
{
	struct jpeg_compress_struct c;
	struct jerr e;
	memset(&e, 0, sizeof e);
	c.err = jpeg_std_error(&e.pub);
	e.pub.error_exit = jerr_exit;
	static unsigned char *b;     /* one thread per process (workers are processes) */
	static unsigned long len;
	b = NULL;
	len = 0;
	if (setjmp(e.jb)) {
		jpeg_destroy_compress(&c);
		free(b);
		return -1;
	}
	jpeg_create_compress(&c);
	jpeg_mem_dest(&c, &b, &len);
	c.image_width = im->w;
	c.image_height = im->h;
	c.input_components = 1;
	c.in_color_space = JCS_GRAYSCALE;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 70, TRUE);
	jpeg_start_compress(&c, TRUE);
	while (c.next_scanline < im->h) {
		JSAMPROW row = im->px + (size_t)c.next_scanline * im->w;
		jpeg_write_scanlines(&c, &row, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	*jpg = b;
	*n = len;
	return 0;
}

int cq_jpeg_crop(const uint8_t *px, unsigned w, unsigned h, size_t stride, unsigned maxw, uint8_t **jpg, size_t *n)
{
	if (!w || !h || !maxw) return -1;
	unsigned f = (w + maxw - 1) / maxw;
	if (f < 1) f = 1;
	plane t = {NULL, w / f, h / f};
	if (!t.w || !t.h) return -1;
	t.px = malloc((size_t)t.w * t.h);
	if (!t.px) return -1;
	for (unsigned y = 0; y < t.h; y++)
		for (unsigned x = 0; x < t.w; x++) {
			unsigned s = 0;
			for (unsigned dy = 0; dy < f; dy++)
				for (unsigned dx = 0; dx < f; dx++) s += px[(size_t)(y * f + dy) * stride + x * f + dx];
			t.px[(size_t)y * t.w + x] = (uint8_t)(s / (f * f));
		}
	int rc = jpeg_encode(&t, jpg, n);
	free(t.px);
	return rc;
}

int cq_jpeg_thumb(const uint8_t *px, unsigned w, unsigned h, unsigned maxw, uint8_t **jpg, size_t *n)
{
	return cq_jpeg_crop(px, w, h, w, maxw, jpg, n);
}
