/* Frame sources. Every source has the life of a camera: open (fails while
 * the device is missing), frames, and "lost" when the device goes away; the
 * main loop treats them all alike, so the tests' directory source exercises
 * the same camera-missing path as a USB camera being unplugged. */
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <SDL.h>
#include <SDL_image.h>
#include <zbar.h>
#include "certqr/dropout.h"
#include "certqr/imagedims.h"
#include "kiosk.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)
#define MAX_SIDE 8192
#define MAX_FILES 100000

typedef enum { K_V4L2, K_DIR, K_PLAY, K_Y4M } src_kind;

struct kiosk_source {
	src_kind kind;
	char path[160];
	char desc[200];
	bool open;
	uint8_t *buf;            /* the current frame */
	size_t cap;
	/* v4l2 */
	zbar_video_t *vdo;
	/* dir / play */
	char last[256];
	char **list;             /* play: the files, in order */
	size_t nlist, next;
	/* y4m */
	FILE *f;
	unsigned yw, yh;
	size_t chroma;           /* bytes of chroma planes after each Y plane */
	unsigned frameno;
};

kiosk_source *src_new(const char *spec, char why[256])
{
	static const struct { const char *prefix; src_kind kind; } kinds[] = {
		{"v4l2:", K_V4L2}, {"dir:", K_DIR}, {"play:", K_PLAY}, {"y4m:", K_Y4M},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		size_t l = strlen(kinds[i].prefix);
		if (strncmp(spec, kinds[i].prefix, l) || !spec[l]) continue;
		kiosk_source *s = calloc(1, sizeof *s);
		if (!s) { WHY("out of memory"); return NULL; }
		s->kind = kinds[i].kind;
		if (snprintf(s->path, sizeof s->path, "%s", spec + l) >= (int)sizeof s->path) {
			free(s);
			WHY("source path too long");
			return NULL;
		}
		snprintf(s->desc, sizeof s->desc, "%s", spec);
		return s;
	}
	WHY("source '%s': expected v4l2:DEVICE, dir:DIR, play:DIR or y4m:FILE", spec);
	return NULL;
}

const char *src_describe(const kiosk_source *s) { return s->desc; }

static int ensure(kiosk_source *s, size_t n)
{
	if (n <= s->cap) return 0;
	uint8_t *b = realloc(s->buf, n);
	if (!b) return -1;
	s->buf = b;
	s->cap = n;
	return 0;
}

int image_load_grey(const char *path, uint8_t **grey, uint8_t **drop, unsigned *w, unsigned *h, char why[256])
{
	if (drop) *drop = NULL;
	/* the size from the header first: SDL_image allocates the whole
	 * surface a PNG or JPEG declares before it reads a pixel */
	uint8_t head[65536];
	FILE *hf = fopen(path, "rb");
	if (!hf) { WHY("%s: %s", path, strerror(errno)); return -1; }
	size_t hn = fread(head, 1, sizeof head, hf);
	fclose(hf);
	unsigned hw = 0, hh = 0;
	int d = cq_image_dims(head, hn, &hw, &hh);
	if (d < 0) { WHY("%s: damaged PNG or JPEG header", path); return -1; }
	if (d > 0 && (hw > MAX_SIDE || hh > MAX_SIDE)) {
		WHY("%s: image %ux%u is larger than %dx%d", path, hw, hh, MAX_SIDE, MAX_SIDE);
		return -1;
	}
	SDL_Surface *img = IMG_Load(path);
	if (!img) { WHY("%s: cannot read image: %s", path, IMG_GetError()); return -1; }
	if (img->w <= 0 || img->h <= 0 || img->w > MAX_SIDE || img->h > MAX_SIDE) {
		WHY("%s: image %dx%d is larger than %dx%d", path, img->w, img->h, MAX_SIDE, MAX_SIDE);
		SDL_FreeSurface(img);
		return -1;
	}
	SDL_Surface *rgb = SDL_ConvertSurfaceFormat(img, SDL_PIXELFORMAT_RGB24, 0);
	SDL_FreeSurface(img);
	if (!rgb) { WHY("%s: %s", path, SDL_GetError()); return -1; }
	size_t np = (size_t)rgb->w * (size_t)rgb->h;
	uint8_t *g = malloc(np), *dp = drop ? malloc(np) : NULL;
	if (!g || (drop && !dp)) { free(g); free(dp); SDL_FreeSurface(rgb); WHY("out of memory"); return -1; }
	/* grey and the colour dropout plane as certqr-verify files computes
	 * them (certqr/dropout.h): the page check judges the same planes */
	bool colour = false;
	for (int y = 0; y < rgb->h; y++) {
		const uint8_t *p = (const uint8_t *)rgb->pixels + (size_t)y * (size_t)rgb->pitch;
		for (int x = 0; x < rgb->w; x++, p += 3) {
			size_t i = (size_t)y * (size_t)rgb->w + (size_t)x;
			g[i] = cq_grey_of(p[0], p[1], p[2]);
			if (dp) dp[i] = cq_dropout_of(p[0], p[1], p[2]);
			colour |= p[0] != p[1] || p[1] != p[2];
		}
	}
	if (dp && !colour) { free(dp); dp = NULL; }
	if (drop) *drop = dp;
	*w = (unsigned)rgb->w;
	*h = (unsigned)rgb->h;
	*grey = g;
	SDL_FreeSurface(rgb);
	return 0;
}

static int frame_file(const struct dirent *d)
{
	if (d->d_name[0] == '.') return 0;
	const char *dot = strrchr(d->d_name, '.');
	if (!dot) return 0;
	static const char *const ext[] = {".pgm", ".ppm", ".pnm", ".png", ".jpg", ".jpeg", ".bmp"};
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++)
		if (!strcasecmp(dot, ext[i])) return strlen(d->d_name) < 200;
	return 0;
}

/* Loads dir/name into the frame buffer. */
static int load_into(kiosk_source *s, const char *name, kiosk_frame *f, char why[256])
{
	char p[800];
	snprintf(p, sizeof p, "%s/%s", s->path, name);
	uint8_t *g;
	unsigned w, h;
	if (image_load_grey(p, &g, NULL, &w, &h, why)) return -1;
	free(s->buf);
	s->buf = g;
	s->cap = (size_t)w * h;
	f->grey = g;
	f->w = w;
	f->h = h;
	f->stride = w;
	snprintf(f->name, sizeof f->name, "%s", name);
	return 0;
}

static int open_y4m(kiosk_source *s, char why[256])
{
	s->f = fopen(s->path, "rb");
	if (!s->f) { WHY("%.160s: %.80s", s->path, strerror(errno)); return -1; }
	char hdr[256];
	if (!fgets(hdr, sizeof hdr, s->f) || strncmp(hdr, "YUV4MPEG2 ", 10)) {
		WHY("%s: not a YUV4MPEG2 file", s->path);
		goto bad;
	}
	unsigned w = 0, h = 0;
	const char *cs = "420jpeg";
	for (char *t = strtok(hdr + 10, " \n"); t; t = strtok(NULL, " \n")) {
		if (t[0] == 'W') w = (unsigned)strtoul(t + 1, NULL, 10);
		else if (t[0] == 'H') h = (unsigned)strtoul(t + 1, NULL, 10);
		else if (t[0] == 'C') cs = t + 1;
	}
	if (!w || !h || w > MAX_SIDE || h > MAX_SIDE) { WHY("%s: bad frame size", s->path); goto bad; }
	size_t cw = (w + 1) / 2, ch = (h + 1) / 2;
	if (!strncmp(cs, "mono", 4)) s->chroma = 0;
	else if (!strncmp(cs, "420", 3)) s->chroma = 2 * cw * ch;
	else if (!strncmp(cs, "422", 3)) s->chroma = 2 * cw * h;
	else if (!strncmp(cs, "444", 3) && cs[3] != 'a') s->chroma = 2 * (size_t)w * h;
	else { WHY("%s: colour space C%.16s not supported (mono, 420, 422, 444)", s->path, cs); goto bad; }
	s->yw = w;
	s->yh = h;
	if (ensure(s, (size_t)w * h)) { WHY("out of memory"); goto bad; }
	return 0;
bad:
	fclose(s->f);
	s->f = NULL;
	return -1;
}

static src_rc next_y4m(kiosk_source *s, kiosk_frame *f, char why[256])
{
	char line[128];
	if (!fgets(line, sizeof line, s->f)) return SRC_END;
	if (strncmp(line, "FRAME", 5)) { WHY("%s: frame %u: no FRAME marker", s->path, s->frameno + 1); return SRC_END; }
	size_t n = (size_t)s->yw * s->yh;
	if (fread(s->buf, 1, n, s->f) != n || fseek(s->f, (long)s->chroma, SEEK_CUR)) return SRC_END;
	s->frameno++;
	f->grey = s->buf;
	f->w = s->yw;
	f->h = s->yh;
	f->stride = s->yw;
	snprintf(f->name, sizeof f->name, "frame %u", s->frameno);
	return SRC_FRAME;
}

static void free_list(kiosk_source *s)
{
	for (size_t i = 0; i < s->nlist; i++) free(s->list[i]);
	free(s->list);
	s->list = NULL;
	s->nlist = s->next = 0;
}

int src_open(kiosk_source *s, char why[256])
{
	if (s->open) return 0;
	struct stat st;
	switch (s->kind) {
	case K_V4L2: {
		if (stat(s->path, &st) != 0) { WHY("%.160s: %.80s", s->path, strerror(errno)); return -1; }
		s->vdo = zbar_video_create();
		if (!s->vdo) { WHY("out of memory"); return -1; }
		zbar_video_request_size(s->vdo, 1280, 720);
		if (zbar_video_open(s->vdo, s->path) || zbar_negotiate_format(s->vdo, NULL) ||
		    zbar_video_enable(s->vdo, 1)) {
			WHY("%.160s: %.80s", s->path, zbar_video_error_string(s->vdo, 0));
			zbar_video_destroy(s->vdo);
			s->vdo = NULL;
			return -1;
		}
		break;
	}
	case K_DIR:
		if (stat(s->path, &st) != 0 || !S_ISDIR(st.st_mode)) {
			WHY("%.160s: %.80s", s->path, errno ? strerror(errno) : "not a directory");
			return -1;
		}
		break;
	case K_PLAY: {
		struct dirent **names;
		int n = scandir(s->path, &names, frame_file, alphasort);
		if (n < 0) { WHY("%.160s: %.80s", s->path, strerror(errno)); return -1; }
		s->list = calloc((size_t)n + 1, sizeof *s->list);
		for (int i = 0; i < n; i++) {
			if (s->list && (size_t)i < MAX_FILES) s->list[s->nlist++] = strdup(names[i]->d_name);
			free(names[i]);
		}
		free(names);
		if (!s->list) { WHY("out of memory"); return -1; }
		break;
	}
	case K_Y4M:
		if (open_y4m(s, why)) return -1;
		break;
	}
	s->open = true;
	return 0;
}

src_rc src_next(kiosk_source *s, kiosk_frame *f, char why[256])
{
	if (!s->open) return SRC_LOST;
	switch (s->kind) {
	case K_V4L2: {
		struct pollfd p = {.fd = zbar_video_get_fd(s->vdo), .events = POLLIN};
		if (p.fd < 0) { WHY("%s: no descriptor", s->path); return SRC_LOST; }
		int r = poll(&p, 1, 0);
		if (r == 0) return SRC_NONE;
		if (r < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) { WHY("%s: device gone", s->path); return SRC_LOST; }
		zbar_image_t *img = zbar_video_next_image(s->vdo);
		if (!img) { WHY("%.160s: %.80s", s->path, zbar_video_error_string(s->vdo, 0)); return SRC_LOST; }
		zbar_image_t *y = zbar_image_convert(img, zbar_fourcc('Y', '8', '0', '0'));
		zbar_image_destroy(img);
		if (!y) { WHY("%s: cannot convert the camera's format to grey", s->path); return SRC_LOST; }
		unsigned w = zbar_image_get_width(y), h = zbar_image_get_height(y);
		if (!w || !h || w > MAX_SIDE || h > MAX_SIDE || ensure(s, (size_t)w * h)) {
			zbar_image_destroy(y);
			WHY("%s: bad frame", s->path);
			return SRC_NONE;
		}
		memcpy(s->buf, zbar_image_get_data(y), (size_t)w * h);
		zbar_image_destroy(y);
		f->grey = s->buf;
		f->w = w;
		f->h = h;
		f->stride = w;
		snprintf(f->name, sizeof f->name, "camera");
		return SRC_FRAME;
	}
	case K_DIR: {
		/* New files arrive like frames: the first name after the last one read. */
		struct dirent **names;
		int n = scandir(s->path, &names, frame_file, alphasort);
		if (n < 0) { WHY("%.160s: %.80s", s->path, strerror(errno)); return SRC_LOST; }
		const char *pick = NULL;
		for (int i = 0; i < n && !pick; i++)
			if (strcmp(names[i]->d_name, s->last) > 0) pick = names[i]->d_name;
		src_rc rc = SRC_NONE;
		if (pick) {
			snprintf(s->last, sizeof s->last, "%s", pick);
			if (load_into(s, pick, f, why) == 0) rc = SRC_FRAME;
		}
		for (int i = 0; i < n; i++) free(names[i]);
		free(names);
		return rc;
	}
	case K_PLAY:
		while (s->next < s->nlist) {
			const char *name = s->list[s->next++];
			if (load_into(s, name, f, why) == 0) return SRC_FRAME;
		}
		return SRC_END;
	case K_Y4M:
		return next_y4m(s, f, why);
	}
	return SRC_END;
}

void src_close(kiosk_source *s)
{
	if (s->vdo) {
		zbar_video_enable(s->vdo, 0);
		zbar_video_destroy(s->vdo);
		s->vdo = NULL;
	}
	if (s->f) fclose(s->f);
	s->f = NULL;
	free_list(s);
	s->open = false;
}

void src_free(kiosk_source *s)
{
	if (!s) return;
	src_close(s);
	free(s->buf);
	free(s);
}
