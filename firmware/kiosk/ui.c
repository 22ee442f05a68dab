/* The screens, in Simplified Chinese, sized from the window height so they
 * read from a metre away on a 7" panel as on a 24" monitor. Fields shown
 * on a verdict come from the verified payload only (cq_verdict.signed_ok).
 * Text is drawn with the font chain of certqr/coverage.h, each character
 * from the first face that has it, so a name the certificate prints (刘䶮,
 * 张𠈌) is drawn here too, never as a box. */
#include <stdio.h>
#include <string.h>
#include <SDL.h>
#include <SDL_image.h>
#include <SDL_ttf.h>
#include "certqr/coverage.h"
#include "certqr/utf8.h"
#include "kiosk.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

enum { F_SMALL, F_TEXT, F_FIELD, F_LARGE, F_HUGE, F_COUNT };
static const double font_scale[F_COUNT] = {0.032, 0.042, 0.052, 0.072, 0.110};

struct kiosk_ui {
	SDL_Window *win;
	SDL_Renderer *r;
	TTF_Font *font[F_COUNT];                 /* the first face: layout metrics */
	TTF_Font *face[F_COUNT][CQ_FONT_CHAIN_LEN];   /* the chain; face[f][0] == font[f] */
	int nfaces;
	int w, h;
	SDL_Texture *pv;                         /* the camera preview */
	int pv_w, pv_h;
	uint32_t *pv_px;
	char said[4096];                         /* every text drawn on the screen, a line each */
	size_t nsaid;
};

/* What the screen says, for the state log: a test reads what the clerk
 * reads (no jargon, the masked ID, the hints) without OCR. */
static void say(kiosk_ui *u, const char *s, size_t n)
{
	if (u->nsaid + n + 2 > sizeof u->said) return;
	memcpy(u->said + u->nsaid, s, n);
	u->nsaid += n;
	u->said[u->nsaid++] = '\n';
	u->said[u->nsaid] = '\0';
}

const char *ui_said(const kiosk_ui *u) { return u->said; }

kiosk_ui *ui_new(bool fullscreen, unsigned w, unsigned h, const char *font, char why[256])
{
	kiosk_ui *u = calloc(1, sizeof *u);
	if (!u) { WHY("out of memory"); return NULL; }
	if (TTF_Init()) { WHY("SDL_ttf: %s", TTF_GetError()); free(u); return NULL; }
	Uint32 flags = SDL_WINDOW_SHOWN | (fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : SDL_WINDOW_RESIZABLE);
	u->win = SDL_CreateWindow("certqr 证书核验", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, (int)w, (int)h, flags);
	if (!u->win) { WHY("cannot open a window: %s", SDL_GetError()); goto fail; }
	/* Headless drivers (tests, benchmarks) draw in software: asking them for
	 * an accelerated renderer only initialises EGL for nothing. */
	const char *drv = SDL_GetCurrentVideoDriver();
	bool headless = drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy"));
	if (!headless) u->r = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_PRESENTVSYNC);
	if (!u->r) u->r = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_SOFTWARE);
	if (!u->r) { WHY("cannot draw on the window: %s", SDL_GetError()); goto fail; }
	SDL_GetRendererOutputSize(u->r, &u->w, &u->h);
	/* The chain, its first face replaced by --font. A face that is missing
	 * is skipped with a warning (the screen still works; names with its
	 * characters would show boxes), unless it is the first. */
	for (int k = 0; k < CQ_FONT_CHAIN_LEN; k++) {
		const cq_font_face *c = &cq_font_chain[k];
		const char *path = k == 0 && font ? font : c->path;
		int index = k == 0 && font ? 0 : (int)c->index;
		FILE *f = fopen(path, "rb");
		if (!f) {
			if (k == 0) { WHY("%s: no such font (install %s, or give --font)", path, c->package); goto fail; }
			fprintf(stderr, "certqr-kiosk: %s missing (install %s): rare characters of names may show as boxes\n",
			        path, c->package);
			continue;
		}
		fclose(f);
		for (int i = 0; i < F_COUNT; i++) {
			int px = (int)(font_scale[i] * u->h + 0.5);
			TTF_Font *t = TTF_OpenFontIndex(path, px < 8 ? 8 : px, index);
			if (!t) { WHY("%s: %s", path, TTF_GetError()); goto fail; }
			u->face[i][u->nfaces] = t;
		}
		u->nfaces++;
	}
	for (int i = 0; i < F_COUNT; i++) u->font[i] = u->face[i][0];
	return u;
fail:
	ui_free(u);
	return NULL;
}

void ui_free(kiosk_ui *u)
{
	if (!u) return;
	for (int i = 0; i < F_COUNT; i++)
		for (int k = 0; k < u->nfaces; k++) TTF_CloseFont(u->face[i][k]);
	if (u->pv) SDL_DestroyTexture(u->pv);
	free(u->pv_px);
	if (u->r) SDL_DestroyRenderer(u->r);
	if (u->win) SDL_DestroyWindow(u->win);
	TTF_Quit();
	free(u);
}

typedef enum { LEFT, CENTRE, RIGHT } align;

/* The face of the chain that draws cp at size f: the first that has it
 * (the first face, as a box, when none has). */
static int face_for(kiosk_ui *u, int f, uint32_t cp)
{
	for (int k = 0; k < u->nfaces; k++)
		if (TTF_GlyphIsProvided32(u->face[f][k], cp)) return k;
	return 0;
}

/* One line of text as a surface: runs of characters of the same face,
 * rendered and set side by side on the first face's baseline. */
static SDL_Surface *render_line(kiosk_ui *u, int f, const char *s, size_t n, SDL_Color c)
{
	char run[1024];
	SDL_Surface *part[64];
	int nparts = 0, width = 0, top = 0, bottom = TTF_FontHeight(u->font[f]);
	int base = TTF_FontAscent(u->font[f]), off[64];
	for (size_t i = 0; i < n && nparts < 64;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) break;
		int k = face_for(u, f, cp);
		size_t j = i + (size_t)l;
		while (j < n) {
			int m = cq_utf8_next((const unsigned char *)s + j, n - j, &cp);
			if (m < 0 || face_for(u, f, cp) != k) break;
			j += (size_t)m;
		}
		size_t len = j - i < sizeof run - 1 ? j - i : sizeof run - 1;
		memcpy(run, s + i, len);
		run[len] = '\0';
		SDL_Surface *p = TTF_RenderUTF8_Blended(u->face[f][k], run, c);
		i = j;
		if (!p) continue;
		off[nparts] = base - TTF_FontAscent(u->face[f][k]);   /* its top, on the shared baseline */
		if (off[nparts] < top) top = off[nparts];
		if (off[nparts] + p->h > bottom) bottom = off[nparts] + p->h;
		width += p->w;
		part[nparts++] = p;
	}
	if (nparts == 1 && off[0] == 0) return part[0];
	SDL_Surface *out = width > 0 ? SDL_CreateRGBSurfaceWithFormat(0, width, bottom - top, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
	for (int i = 0, x = 0; i < nparts; i++) {
		if (out) {
			SDL_Rect d = {x, off[i] - top, part[i]->w, part[i]->h};
			SDL_SetSurfaceBlendMode(part[i], SDL_BLENDMODE_NONE);
			SDL_BlitSurface(part[i], NULL, out, &d);
		}
		x += part[i]->w;
		SDL_FreeSurface(part[i]);
	}
	return out;
}

static void blit(kiosk_ui *u, SDL_Surface *surf, SDL_Rect *d)
{
	SDL_Texture *t = SDL_CreateTextureFromSurface(u->r, surf);
	SDL_FreeSurface(surf);
	if (!t) return;
	SDL_RenderCopy(u->r, t, NULL, d);
	SDL_DestroyTexture(t);
}

/* Draws one line; shrinks it to fit `maxw` if needed. Returns its height. */
static int text(kiosk_ui *u, int f, const char *s, int x, int y, int maxw, SDL_Color c, align a)
{
	if (!s || !*s) return TTF_FontLineSkip(u->font[f]);
	say(u, s, strlen(s));
	SDL_Surface *surf = render_line(u, f, s, strlen(s), c);
	if (!surf) return 0;
	SDL_Rect d = {x, y, surf->w, surf->h};
	if (maxw > 0 && d.w > maxw) {
		d.h = d.h * maxw / d.w;
		d.w = maxw;
	}
	if (a == CENTRE) d.x = x - d.w / 2;
	else if (a == RIGHT) d.x = x - d.w;
	blit(u, surf, &d);
	return d.h;
}

static bool first_face_has_all(kiosk_ui *u, int f, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0 || (cp >= 0x20 && !TTF_GlyphIsProvided32(u->font[f], cp))) return false;
		i += (size_t)l;
	}
	return true;
}

/* Wrapped paragraph within `w` pixels, centred. Returns its height. */
static int para(kiosk_ui *u, int f, const char *s, int x, int y, int w, SDL_Color c)
{
	if (!s || !*s) return 0;
	say(u, s, strlen(s));
	if (!first_face_has_all(u, f, s)) {
		/* a character from another face: wrap by hand, line by line */
		int h = 0;
		size_t n = strlen(s);
		for (size_t i = 0; i < n;) {
			size_t end = i, fit = i;
			while (end < n && s[end] != '\n') {
				uint32_t cp;
				int l = cq_utf8_next((const unsigned char *)s + end, n - end, &cp);
				if (l < 0) break;
				SDL_Surface *t = render_line(u, f, s + i, end + (size_t)l - i, c);
				int tw = t ? t->w : 0;
				SDL_FreeSurface(t);
				if (tw > w && fit > i) break;
				end += (size_t)l;
				fit = end;
			}
			if (fit == i) fit = end > i ? end : i + 1;
			SDL_Surface *line = render_line(u, f, s + i, fit - i, c);
			if (line) {
				SDL_Rect d = {x - line->w / 2, y + h, line->w, line->h};
				h += line->h;
				blit(u, line, &d);
			}
			i = fit < n && s[fit] == '\n' ? fit + 1 : fit;
		}
		return h;
	}
	TTF_SetFontWrappedAlign(u->font[f], TTF_WRAPPED_ALIGN_CENTER);
	SDL_Surface *surf = TTF_RenderUTF8_Blended_Wrapped(u->font[f], s, c, (Uint32)w);
	if (!surf) return 0;
	SDL_Rect d = {x - surf->w / 2, y, surf->w, surf->h};
	blit(u, surf, &d);
	return d.h;
}

static void fill(kiosk_ui *u, SDL_Color c, int x, int y, int w, int h)
{
	SDL_SetRenderDrawColor(u->r, c.r, c.g, c.b, 255);
	SDL_Rect rc = {x, y, w, h};
	SDL_RenderFillRect(u->r, &rc);
}

static const SDL_Color WHITE = {255, 255, 255, 255}, INK = {20, 24, 28, 255}, PALE = {205, 214, 224, 255},
                       NAVY = {24, 38, 56, 255}, BAR = {14, 24, 36, 255}, GREEN = {20, 122, 58, 255},
                       AMBER = {214, 137, 0, 255}, RED = {178, 34, 34, 255}, SLATE = {60, 72, 88, 255},
                       CARD = {250, 250, 247, 255}, BLUE = {30, 90, 160, 255}, GREY = {90, 96, 104, 255};

static void footer(kiosk_ui *u, const kiosk_state *s, const ui_info *in, SDL_Color bg)
{
	int fh = u->h / 14, y = u->h - fh;
	fill(u, bg, 0, y, u->w, fh);
	char left[160], right[96];
	if (in->have_trust) {
		char d[11];
		cq_date_format(in->trust_date, d);
		if (in->trust_age_days >= 0)
			snprintf(left, sizeof left, "信任库 第 %u 版 · %s（%ld 天前）", (unsigned)in->trust_version, d, in->trust_age_days);
		else
			snprintf(left, sizeof left, "信任库 第 %u 版 · %s", (unsigned)in->trust_version, d);
	} else {
		snprintf(left, sizeof left, "未安装信任库");
	}
	/* the clerk's count; the audit log's seal is for the administrator
	 * (certqr-kiosk audit verify), not the counter */
	snprintf(right, sizeof right, "今日已核验 %u 次", s->checks_today);
	int ty = y + (fh - TTF_FontHeight(u->font[F_SMALL])) / 2;
	text(u, F_SMALL, left, u->w / 40, ty, u->w / 2, in->trust_old ? AMBER : PALE, LEFT);
	text(u, F_SMALL, right, u->w - u->w / 40, ty, u->w / 2, PALE, RIGHT);
}

/* The ID number being typed, masked but for its last four characters, in a
 * band above the footer. */
static void typed_band(kiosk_ui *u, const ui_info *in)
{
	if (!in->typed[0]) return;
	int lh = TTF_FontHeight(u->font[F_FIELD]), bh = lh * 3 / 2, y = u->h - u->h / 14 - bh;
	fill(u, BLUE, 0, y, u->w, bh);
	char b[160];
	snprintf(b, sizeof b, "身份证号：%s　（已输入 %u 位，输入18位后按回车核对持证人）", in->typed, in->typed_len);
	text(u, F_FIELD, b, u->w / 2, y + (bh - lh) / 2, u->w * 95 / 100, WHITE, CENTRE);
}

static void header(kiosk_ui *u, const ui_info *in, SDL_Color bg)
{
	int hh = u->h / 11;
	fill(u, bg, 0, 0, u->w, hh);
	int ty = (hh - TTF_FontHeight(u->font[F_TEXT])) / 2;
	text(u, F_TEXT, "河南省专业技术人员继续教育证书 · 现场核验", u->w / 40, ty, u->w * 2 / 3, WHITE, LEFT);
	text(u, F_TEXT, in->clock, u->w - u->w / 40, ty, u->w / 3, WHITE, RIGHT);
	if (in->audit_unrecorded) {
		/* Under the title bar on every screen, verdicts included: the
		 * checks are not being recorded, so the clerk notes them by hand. */
		/* black and yellow: it stands out on green, amber and red alike */
		static const SDL_Color ALARM = {0, 0, 0, 255}, BAND = {255, 214, 0, 255};
		char b[200];
		snprintf(b, sizeof b, "审计日志无法写入：%llu 条记录未保存，请手工登记并联系管理员 · audit log NOT recording",
		         (unsigned long long)in->audit_unrecorded);
		int bh = TTF_FontHeight(u->font[F_SMALL]) * 3 / 2;
		fill(u, ALARM, 0, hh, u->w, bh);
		text(u, F_SMALL, b, u->w / 2, hh + (bh - TTF_FontHeight(u->font[F_SMALL])) / 2, u->w * 95 / 100, BAND, CENTRE);
	}
}

/* Corner brackets of the target box: where the clerk puts the code. */
static void target(kiosk_ui *u, SDL_Rect r, SDL_Color c)
{
	int t = r.w / 40 < 3 ? 3 : r.w / 40, l = r.w / 5;
	SDL_Rect bars[8] = {
		{r.x, r.y, l, t}, {r.x, r.y, t, l}, {r.x + r.w - l, r.y, l, t}, {r.x + r.w - t, r.y, t, l},
		{r.x, r.y + r.h - t, l, t}, {r.x, r.y + r.h - l, t, l}, {r.x + r.w - l, r.y + r.h - t, l, t},
		{r.x + r.w - t, r.y + r.h - l, t, l},
	};
	SDL_SetRenderDrawColor(u->r, c.r, c.g, c.b, 255);
	SDL_RenderFillRects(u->r, bars, 8);
}

/* The live camera picture (grey), scaled into `box` keeping its shape.
 * Returns the rectangle drawn. */
static SDL_Rect preview(kiosk_ui *u, const ui_info *in, SDL_Rect box)
{
	SDL_Rect d = box;
	if (!in->preview || !in->pw || !in->ph) {
		fill(u, BAR, box.x, box.y, box.w, box.h);
		text(u, F_TEXT, "等待摄像头画面", box.x + box.w / 2, box.y + box.h / 2 - TTF_FontHeight(u->font[F_TEXT]) / 2,
		     box.w, PALE, CENTRE);
		return d;
	}
	if ((long)box.w * in->ph > (long)box.h * in->pw) d.w = (int)((long)box.h * in->pw / in->ph);
	else d.h = (int)((long)box.w * in->ph / in->pw);
	d.x = box.x + (box.w - d.w) / 2;
	d.y = box.y + (box.h - d.h) / 2;
	int pw = (int)in->pw, ph = (int)in->ph;
	if (!u->pv || u->pv_w != pw || u->pv_h != ph) {
		if (u->pv) SDL_DestroyTexture(u->pv);
		free(u->pv_px);
		u->pv = SDL_CreateTexture(u->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STREAMING, pw, ph);
		u->pv_px = malloc((size_t)pw * (size_t)ph * 4);
		u->pv_w = pw;
		u->pv_h = ph;
		if (!u->pv || !u->pv_px) { fill(u, BAR, d.x, d.y, d.w, d.h); return d; }
	}
	for (int y = 0; y < ph; y++) {
		const uint8_t *g = in->preview + (size_t)y * in->pstride;
		uint32_t *o = u->pv_px + (size_t)y * (size_t)pw;
		for (int x = 0; x < pw; x++) o[x] = 0xFF000000u | (uint32_t)g[x] * 0x010101u;
	}
	SDL_UpdateTexture(u->pv, NULL, u->pv_px, pw * 4);
	SDL_RenderCopy(u->r, u->pv, NULL, &d);
	return d;
}

static void draw_idle(kiosk_ui *u, const kiosk_state *s, const ui_info *in)
{
	fill(u, NAVY, 0, 0, u->w, u->h);
	header(u, in, BAR);
	int y = u->h / 11 + u->h / 50;
	y += text(u, F_LARGE, "请将证书二维码放入框内", u->w / 2, y, u->w * 9 / 10, WHITE, CENTRE);
	/* from the footer up: a warning, the English line, the instructions */
	int ft = u->h - u->h / 14, lt = TTF_FontLineSkip(u->font[F_TEXT]), ls = TTF_FontLineSkip(u->font[F_SMALL]);
	const char *warn = NULL;
	char old[200];
	if (!in->have_trust) warn = "未安装信任库：请插入含信任包（.bundle）的U盘";
	else if (in->trust_old) {
		snprintf(old, sizeof old, "信任库已 %ld 天未更新（超过 %u 天）：请插入含新信任包的U盘", in->trust_age_days,
		         in->trust_max_days);
		warn = old;
	} else if (in->audit_problem) warn = "审计日志校验异常，请联系管理员（核验仍可进行）";
	int by = ft - u->h / 60 - (warn ? lt : 0) - ls - lt;
	int ty = by;
	if (!in->typed[0]) {   /* else the typed ID's band stands there */
		ty += text(u, F_TEXT, "二维码朝上平放，保持一秒钟；也可用扫码枪扫描；核对持证人请输入18位身份证号并按回车", u->w / 2,
		           ty, u->w * 95 / 100, PALE, CENTRE);
		ty += text(u, F_SMALL, "Hold the certificate's QR code in the box · 离线核验，不联网", u->w / 2, ty, u->w * 9 / 10,
		           PALE, CENTRE);
		if (warn) text(u, F_TEXT, warn, u->w / 2, ty, u->w * 95 / 100, AMBER, CENTRE);
	} else if (warn)
		text(u, F_TEXT, warn, u->w / 2, by, u->w * 95 / 100, AMBER, CENTRE);
	SDL_Rect box = {u->w / 10, y + u->h / 60, u->w * 8 / 10, by - y - u->h / 30};
	SDL_Rect d = preview(u, in, box);
	/* the lower part of the picture is kept for the scanner's hint, so the
	 * box does not move when one appears */
	int lh = TTF_FontHeight(u->font[F_LARGE]), bh = lh + u->h / 40, side = (d.h - bh) * 85 / 100;
	SDL_Rect tg = {d.x + (d.w - side) / 2, d.y + (d.h - bh - side) / 2, side, side};
	const char *hint = hint_words(s->hint);
	target(u, tg, hint ? AMBER : WHITE);
	if (hint) {
		/* what the scanner says, large, on a band across the picture */
		fill(u, INK, d.x, d.y + d.h - bh, d.w, bh);
		text(u, F_LARGE, hint, u->w / 2, d.y + d.h - bh + (bh - lh) / 2, d.w, AMBER, CENTRE);
	}
	typed_band(u, in);
	footer(u, s, in, BAR);
}

static void draw_camera_missing(kiosk_ui *u, const kiosk_state *s, const ui_info *in)
{
	fill(u, SLATE, 0, 0, u->w, u->h);
	header(u, in, BAR);
	int y = u->h / 6;
	y += text(u, F_HUGE, "未检测到摄像头", u->w / 2, y, u->w * 9 / 10, AMBER, CENTRE);
	y += u->h / 25;
	static const char *const steps[] = {
		"1. 检查摄像头的USB线是否插好",
		"2. 拔下摄像头，等待五秒后重新插入",
		"3. 摄像头恢复后本画面会自动消失，无需重启",
		"4. 仍无法恢复请联系技术人员；其间可用扫码枪扫描证书",
	};
	for (size_t i = 0; i < 4; i++) {
		y += text(u, F_FIELD, steps[i], u->w / 8, y, u->w * 3 / 4, WHITE, LEFT);
		y += u->h / 60;
	}
	y += u->h / 40;
	char why[200];
	snprintf(why, sizeof why, "Camera not found: %s", s->camera_why);
	text(u, F_SMALL, why, u->w / 2, y, u->w * 9 / 10, PALE, CENTRE);
	footer(u, s, in, BAR);
}

static void field_row(kiosk_ui *u, int f, const char *label, const char *value, int x, int *y, int w)
{
	int lw = w * 28 / 100;
	text(u, F_TEXT, label, x, *y + (TTF_FontAscent(u->font[f]) - TTF_FontAscent(u->font[F_TEXT])), lw - 10, GREY, LEFT);
	*y += text(u, f, value, x + lw, *y, w - lw, INK, LEFT) + u->h / 90;
}

/* What the clerk is told to do under a verdict without signed fields (also
 * in the state log). A newer format is not a forgery: this kiosk cannot
 * judge it yet. */
void ui_advice(const cq_verdict *v, const char **title, const char **advice)
{
	if (v->status == CQ_ST_NOT_A_CERTIFICATE) {
		*title = "请扫描证书上的核验二维码";
		*advice = "这个二维码不是河南省继续教育证书的核验码";
	} else if (v->status == CQ_ST_UNKNOWN_VERSION) {
		*title = "本机无法核验此版本的证书";
		*advice = "证书使用了较新的格式：请更新核验程序后再核验，或向发证机关（人社部门）核实";
	} else {
		*title = "请勿采信此证书";
		*advice = "如有疑问，请持证人向发证机关（人社部门）核实";
	}
}

/* The reason in the clerk's words: the verdict's own sentences name key
 * ids and reason codes, which mean nothing at the counter (they stay in the
 * audit log and the state log). */
static const char *clerk_reason(const cq_verdict *v)
{
	switch (v->status) {
	case CQ_ST_FORGED: return "二维码内容与签名不符：证书被改动或伪造";
	case CQ_ST_UNKNOWN_ISSUER: return "签发机关不在本机信任库的授权名单中：可能是伪造的证书；若为新设立的发证机关，请更新信任库";
	case CQ_ST_OUT_OF_SCOPE: return "签发机关无权签发这个编号或地区的证书";
	case CQ_ST_OUTSIDE_KEY_WINDOW: return "签发日期不在签发机关的授权期限内";
	case CQ_ST_KEY_COMPROMISED: return "签发机关的签名密钥已泄露，此证书不予采信；请持证人到发证机关重新核发";
	case CQ_ST_MALFORMED: return "二维码内容不完整或格式不对";
	case CQ_ST_UNKNOWN_VERSION: return "证书二维码的版本较新，本机核验软件需要更新";
	default: return v->reason_zh;   /* revoked (with its reason), superseded, not a certificate */
	}
}

static void draw_verdict(kiosk_ui *u, const kiosk_state *s, const ui_info *in)
{
	const cq_verdict *v = &s->v;
	SDL_Color bg = s->colour == COL_GREEN ? GREEN : s->colour == COL_AMBER ? AMBER : RED;
	fill(u, bg, 0, 0, u->w, u->h);
	header(u, in, BAR);
	int band = u->h * 30 / 100, y = u->h / 11 + u->h / 40;
	char head[200], sub[400];
	if (v->status == CQ_ST_AUTHENTIC && s->page.result == CQ_PAGE_DIFFERS) {
		snprintf(head, sizeof head, "合成证书");
		snprintf(sub, sizeof sub, "二维码签名有效，但页面显示的内容与签名不一致：%s。请勿采信此页面", s->page.fields_zh);
	} else if (v->status == CQ_ST_AUTHENTIC && s->page.result == CQ_PAGE_UNREADABLE) {
		snprintf(head, sizeof head, "真实有效 · 页面无法判读");
		snprintf(sub, sizeof sub, "二维码签名有效，但%s。请核对纸面原件与下方签名内容", s->page.zh);
	} else if (s->holder == CQ_HOLDER_MISMATCH) {
		snprintf(head, sizeof head, "持证人不符");
		snprintf(sub, sizeof sub, "证书真实，但输入的身份证号（尾号 %s）不是本证书持证人的：疑似冒用他人证书", s->holder_hint);
	} else if (v->status == CQ_ST_AUTHENTIC) {
		const cq_compliance *c = &v->compliance;
		if (s->colour == COL_GREEN) {
			snprintf(head, sizeof head, "真实有效 · 学时达标");
			snprintf(sub, sizeof sub, "%u 年度要求：公需 %u、专业 %u、合计 %u 学时", (unsigned)v->rec.year,
			         (unsigned)c->req_pub, (unsigned)c->req_prof, (unsigned)c->req_total);
		} else if (v->have_compliance && c->known) {
			snprintf(head, sizeof head, "真实有效 · 学时未达标");
			int n = snprintf(sub, sizeof sub, "%u 年度要求合计 %u 学时，尚差", (unsigned)v->rec.year, (unsigned)c->req_total);
			if (c->short_pub) n += snprintf(sub + n, sizeof sub - (size_t)n, " 公需 %u", (unsigned)c->short_pub);
			if (c->short_prof) n += snprintf(sub + n, sizeof sub - (size_t)n, " 专业 %u", (unsigned)c->short_prof);
			if (c->short_comp) n += snprintf(sub + n, sizeof sub - (size_t)n, " 必修 %u", (unsigned)c->short_comp);
			if (c->short_total) snprintf(sub + n, sizeof sub - (size_t)n, " 合计 %u", (unsigned)c->short_total);
		} else {
			snprintf(head, sizeof head, "真实有效 · 无法判断学时");
			snprintf(sub, sizeof sub, "信任库中没有 %u 年度、本地区的学时规定", (unsigned)v->rec.year);
		}
	} else {
		snprintf(head, sizeof head, "%s", cq_status_title_zh(v->status));
		snprintf(sub, sizeof sub, "%s", clerk_reason(v));
	}
	if (s->page.result == CQ_PAGE_MATCH) {
		size_t n = strlen(sub);
		snprintf(sub + n, sizeof sub - n, "%s页面核对：与签名内容一致", n ? "；" : "");
	}
	y += text(u, F_HUGE, head, u->w / 2, y, u->w * 9 / 10, WHITE, CENTRE);
	y += para(u, F_TEXT, sub, u->w / 2, y + u->h / 80, u->w * 9 / 10, WHITE);
	if (y < band) y = band;
	y += u->h / 40;
	/* The card with the signed fields: dark ink on white, like the paper. */
	int cx = u->w / 20, cw = u->w - 2 * cx, ch = u->h - u->h / 14 - u->h / 40 - y;
	if (v->signed_ok && ch > 0) {
		fill(u, CARD, cx, y, cw, ch);
		int x = cx + u->w / 30, yy = y + u->h / 50, fw = cw - u->w / 15;
		char b[256], d[11];
		field_row(u, F_HUGE, "姓名", v->rec.name, x, &yy, fw);
		field_row(u, F_LARGE, "证书管理号", v->rec.number, x, &yy, fw);
		snprintf(b, sizeof b, "%u 年度 · 第 %u 版", (unsigned)v->rec.year, (unsigned)v->rec.revision);
		field_row(u, F_FIELD, "年度", b, x, &yy, fw);
		int n = snprintf(b, sizeof b, "公需 %u · 专业 %u · 合计 %u", (unsigned)v->rec.hours_public,
		                 (unsigned)v->rec.hours_professional, cq_record_total(&v->rec));
		if (v->rec.has_compulsory) snprintf(b + n, sizeof b - (size_t)n, "（必修 %u）", (unsigned)v->rec.hours_compulsory);
		field_row(u, F_FIELD, "学时", b, x, &yy, fw);
		if (v->rec.reduction) {
			snprintf(b, sizeof b, "%s，在岗 %u 个月", cq_reduction_name_zh(v->rec.reduction), (unsigned)v->rec.months_at_post);
			field_row(u, F_FIELD, "减免", b, x, &yy, fw);
		}
		cq_date_format(v->rec.issued, d);
		snprintf(b, sizeof b, "%s · %s", v->have_issuer ? v->issuer.bureau : "", d);
		field_row(u, F_FIELD, "发证机关", b, x, &yy, fw);
		if (s->holder == CQ_HOLDER_NOT_CHECKED)
			snprintf(b, sizeof b, "尾号 %s · 输入身份证号可核对持证人", v->rec.id_hint);
		else
			snprintf(b, sizeof b, "%s（输入尾号 %s，证书尾号 %s）", cq_holder_name_zh(s->holder), s->holder_hint, v->rec.id_hint);
		field_row(u, F_FIELD, "身份证", b, x, &yy, fw);
	} else if (ch > 0) {
		int yy = y + ch / 4;
		const char *title, *advice;
		ui_advice(v, &title, &advice);
		yy += text(u, F_LARGE, title, u->w / 2, yy, u->w * 9 / 10, WHITE, CENTRE);
		yy += u->h / 40;
		para(u, F_TEXT, advice, u->w / 2, yy, u->w * 9 / 10, WHITE);
	}
	typed_band(u, in);
	footer(u, s, in, BAR);
}

static void draw_message(kiosk_ui *u, const kiosk_state *s, const ui_info *in, SDL_Color bg, const char *title)
{
	fill(u, bg, 0, 0, u->w, u->h);
	header(u, in, BAR);
	int y = u->h / 4;
	y += text(u, F_HUGE, title, u->w / 2, y, u->w * 9 / 10, WHITE, CENTRE);
	y += u->h / 20;
	y += para(u, F_FIELD, s->msg_zh, u->w / 2, y, u->w * 85 / 100, WHITE);
	y += u->h / 40;
	para(u, F_SMALL, s->msg_en, u->w / 2, y, u->w * 85 / 100, PALE);
	footer(u, s, in, BAR);
}

void ui_draw(kiosk_ui *u, const kiosk_state *s, const ui_info *in)
{
	int w, h;
	SDL_GetRendererOutputSize(u->r, &w, &h);
	if (h != u->h) {
		/* Window resized (laptop): fonts follow the height. */
		for (int i = 0; i < F_COUNT; i++) {
			int px = (int)(font_scale[i] * h + 0.5);
			for (int k = 0; k < u->nfaces; k++) TTF_SetFontSize(u->face[i][k], px < 8 ? 8 : px);
		}
	}
	u->w = w;
	u->h = h;
	u->nsaid = 0;
	u->said[0] = '\0';
	switch (s->screen) {
	case SCR_IDLE: draw_idle(u, s, in); break;
	case SCR_CAMERA_MISSING: draw_camera_missing(u, s, in); break;
	case SCR_VERDICT: draw_verdict(u, s, in); break;
	case SCR_TRUST: draw_message(u, s, in, s->trust_ok ? GREEN : RED, s->trust_ok ? "信任库已更新" : "信任库未更新"); break;
	case SCR_NOTICE: draw_message(u, s, in, BLUE, "提示"); break;
	}
}

void ui_present(kiosk_ui *u) { SDL_RenderPresent(u->r); }

int ui_screenshot(kiosk_ui *u, const char *path, char why[256])
{
	SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, u->w, u->h, 24, SDL_PIXELFORMAT_RGB24);
	if (!s) { WHY("%s", SDL_GetError()); return -1; }
	int rc = SDL_RenderReadPixels(u->r, NULL, SDL_PIXELFORMAT_RGB24, s->pixels, s->pitch);
	size_t n = strlen(path);
	if (!rc) rc = n > 4 && !strcmp(path + n - 4, ".bmp") ? SDL_SaveBMP(s, path) : IMG_SavePNG(s, path);
	if (rc) WHY("%s: %s", path, SDL_GetError());
	SDL_FreeSurface(s);
	return rc ? -1 : 0;
}
