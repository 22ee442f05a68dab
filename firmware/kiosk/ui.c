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
};

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
		snprintf(left, sizeof left, "信任库 第 %u 版 · %s", (unsigned)in->trust_version, d);
	} else {
		snprintf(left, sizeof left, "未安装信任库");
	}
	snprintf(right, sizeof right, "今日已核验 %u 次 · 审计 %s", s->checks_today, in->audit_seal);
	int ty = y + (fh - TTF_FontHeight(u->font[F_SMALL])) / 2;
	text(u, F_SMALL, left, u->w / 40, ty, u->w / 2, PALE, LEFT);
	text(u, F_SMALL, right, u->w - u->w / 40, ty, u->w / 2, PALE, RIGHT);
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

static void draw_idle(kiosk_ui *u, const kiosk_state *s, const ui_info *in)
{
	fill(u, NAVY, 0, 0, u->w, u->h);
	header(u, in, BAR);
	int y = u->h / 4;
	y += text(u, F_HUGE, "请将证书二维码放在摄像头下", u->w / 2, y, u->w * 9 / 10, WHITE, CENTRE);
	y += u->h / 30;
	y += text(u, F_TEXT, "二维码朝上，平放于取景框内，保持一秒钟", u->w / 2, y, u->w * 9 / 10, PALE, CENTRE);
	y += u->h / 40;
	y += text(u, F_TEXT, "也可使用扫码枪扫描；核对持证人请输入18位身份证号并按回车", u->w / 2, y, u->w * 9 / 10, PALE, CENTRE);
	y += u->h / 40;
	text(u, F_SMALL, "Hold the certificate's QR code under the camera · 离线核验，不联网", u->w / 2, y, u->w * 9 / 10, PALE, CENTRE);
	int wy = u->h - u->h / 14 - u->h / 9;
	if (!in->have_trust)
		text(u, F_FIELD, "未安装信任库：请插入含信任包（.bundle）的U盘", u->w / 2, wy, u->w * 9 / 10, AMBER, CENTRE);
	else if (in->audit_problem)
		text(u, F_FIELD, "审计日志校验异常，请联系管理员（核验仍可进行）", u->w / 2, wy, u->w * 9 / 10, AMBER, CENTRE);
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
		snprintf(sub, sizeof sub, "%s", v->reason_zh);
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
