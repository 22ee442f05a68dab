/* The bureau's seal image (--seal FILE.png): read once, checked strictly,
 * kept as RGB plus an alpha plane and their Flate streams, shared read-only
 * by every worker thread. A seal is printed over the paper, so it must be
 * a real PNG with a transparent background: an opaque picture would print
 * as a white box with the seal in it. */
#include <png.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/io.h"
#include "page.h"

#define SEAL_FILE_MAX (4u << 20)
#define SEAL_SIDE_MIN 64u
#define SEAL_SIDE_MAX 2048u

static issue_seal *fail(issue_seal *s, png_image *im, char *buf, char zh[256], char en[256], const char *path,
                        const char *z, const char *e)
{
	snprintf(zh, 256, "%s：%s", path, z);
	snprintf(en, 256, "%s: %s", path, e);
	if (im) png_image_free(im);
	free(buf);
	issue_seal_free(s);
	return NULL;
}

issue_seal *issue_seal_load(const char *path, char zh[256], char en[256])
{
	char *buf, why[256];
	size_t n;
	if (cq_read_file(path, SEAL_FILE_MAX, &buf, &n, why)) {
		snprintf(zh, 256, "印章图片无法读取（不超过 4 MiB 的 PNG 文件）");
		snprintf(en, 256, "%s", why);
		return NULL;
	}
	if (n < 8 || memcmp(buf, "\x89PNG\r\n\x1a\n", 8))
		return fail(NULL, NULL, buf, zh, en, path, "不是 PNG 图片：印章须为带透明背景的 PNG",
		            "not a PNG image: the seal must be a PNG with a transparent background");
	png_image im;
	memset(&im, 0, sizeof im);
	im.version = PNG_IMAGE_VERSION;
	if (!png_image_begin_read_from_memory(&im, buf, n))
		return fail(NULL, &im, buf, zh, en, path, "PNG 文件已损坏，无法解码", "a damaged PNG that cannot be decoded");
	if (im.width < SEAL_SIDE_MIN || im.height < SEAL_SIDE_MIN || im.width > SEAL_SIDE_MAX || im.height > SEAL_SIDE_MAX) {
		char z[160], e[160];
		snprintf(z, sizeof z, "图片为 %u×%u 像素，印章图片每边须在 %u 到 %u 像素之间", im.width, im.height, SEAL_SIDE_MIN, SEAL_SIDE_MAX);
		snprintf(e, sizeof e, "the image is %ux%u pixels; a seal image is %u to %u pixels a side", im.width, im.height,
		         SEAL_SIDE_MIN, SEAL_SIDE_MAX);
		return fail(NULL, &im, buf, zh, en, path, z, e);
	}
	if (!(im.format & PNG_FORMAT_FLAG_ALPHA))
		return fail(NULL, &im, buf, zh, en, path, "图片没有透明通道：请导出为背景透明的 PNG（RGBA）",
		            "the image has no transparency: export the seal as a PNG with a transparent background (RGBA)");
	issue_seal *s = calloc(1, sizeof *s);
	unsigned char *rgba = NULL;
	if (s) {
		s->w = im.width;
		s->h = im.height;
		rgba = malloc((size_t)s->w * s->h * 4);
		s->rgb = malloc((size_t)s->w * s->h * 3);
		s->alpha = malloc((size_t)s->w * s->h);
	}
	if (!s || !rgba || !s->rgb || !s->alpha) {
		free(rgba);
		return fail(s, &im, buf, zh, en, path, "内存不足", "out of memory");
	}
	im.format = PNG_FORMAT_RGBA;
	if (!png_image_finish_read(&im, NULL, rgba, 0, NULL)) {
		free(rgba);
		return fail(s, &im, buf, zh, en, path, "PNG 文件已损坏，无法解码", "a damaged PNG that cannot be decoded");
	}
	size_t np = (size_t)s->w * s->h, clear = 0, ink = 0;
	for (size_t i = 0; i < np; i++) {
		memcpy(s->rgb + 3 * i, rgba + 4 * i, 3);
		s->alpha[i] = rgba[4 * i + 3];
		clear += s->alpha[i] < 16;
		ink += s->alpha[i] >= 128;
	}
	free(rgba);
	/* a seal is a ring and characters on a clear ground: most of its
	 * square is transparent, and some of it is ink */
	if (clear < np / 5)
		return fail(s, NULL, buf, zh, en, path, "背景不透明（透明部分不足 20%）：请导出为背景透明的 PNG",
		            "the background is not transparent (under 20% clear): export the seal with a transparent background");
	if (ink < np / 100)
		return fail(s, NULL, buf, zh, en, path, "图片几乎全透明，看不到印章", "the image is almost entirely transparent: no seal in it");
	crypto_generichash(s->hash, sizeof s->hash, (const unsigned char *)buf, n, NULL, 0);
	free(buf);
	buf = NULL;
	s->rgb_z = deflate_buf(s->rgb, np * 3, 9, &s->rgb_zn);
	s->alpha_z = deflate_buf(s->alpha, np, 9, &s->alpha_zn);
	if (!s->rgb_z || !s->alpha_z) return fail(s, NULL, NULL, zh, en, path, "内存不足", "out of memory");
	return s;
}

void issue_seal_free(issue_seal *s)
{
	if (!s) return;
	free(s->rgb);
	free(s->alpha);
	free(s->rgb_z);
	free(s->alpha_z);
	free(s);
}

const uint8_t *issue_seal_hash(const issue_seal *s) { return s->hash; }
