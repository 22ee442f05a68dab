/* certqr-kiosk: options and the main loop (docs/kiosk.md). */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <SDL.h>
#include "certqr/io.h"
#include "certqr/store.h"
#include "kiosk.h"

#define DEFAULT_STATE "/var/lib/certqr/kiosk"
#define DEFAULT_STICK "/media/certqr-usb"
#define LINE_MAX_INPUT 1024
#define KIOSK_PAGE_FONT "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

static int usage(FILE *out)
{
	fprintf(out,
	        "usage: certqr-kiosk [OPTIONS]\n"
	        "       certqr-kiosk audit verify|export [OPTIONS]   (certqr-kiosk audit -h)\n"
	        "       certqr-kiosk device-key [--key FILE] [--create]\n"
	        "Verifies certificate QR codes held under a camera, typed or scanned by a USB\n"
	        "barcode scanner, or dropped on the window as image files. Offline.\n"
	        "  --source SPEC        v4l2:/dev/video0 (default), dir:DIR (new image files\n"
	        "                       arrive like frames), play:DIR (the files there, in\n"
	        "                       name order, then stop), y4m:FILE (a YUV4MPEG2 video)\n"
	        "  --trust DIR          trust store (default $CERTQR_TRUST or " CQ_STORE_DEFAULT ")\n"
	        "  --state DIR          audit log directory (default $CERTQR_KIOSK_STATE or " DEFAULT_STATE ")\n"
	        "  --device-key FILE    the key that signs the audit log (default: device/device.key\n"
	        "                       beside the state directory; made at the first start)\n"
	        "  --stick DIR          where USB sticks are mounted (default " DEFAULT_STICK ")\n"
	        "  --window WxH         a window instead of full screen (laptops, tests)\n"
	        "  --font FILE          a TrueType font in place of the chain's first face\n"
	        "                       (default: WenQuanYi Zen Hei; docs/fonts.md)\n"
	        "  --page-font FILE     the issuer's font, for the page check (default\n"
	        "                       " KIOSK_PAGE_FONT ")\n"
	        "  --verdict-seconds N  how long a verdict stays up (default 10)\n"
	        "  --dedup-ms N         the same code within N ms does not re-trigger (default 3000)\n"
	        "  --fps N              pace of play:/y4m: sources (default 15)\n"
	        "  --virtual-clock      time advances 1/fps per frame (tests): no waiting\n"
	        "  --exit-when-done     stop when a play:/y4m: source ends\n"
	        "  --input FILE         also read typed lines from FILE as it grows (tests)\n"
	        "  --open FILE          verify an image or PDF file as if dropped on the window\n"
	        "  --state-log FILE     append one JSON line per screen shown\n"
	        "  --screenshot-dir DIR save each screen shown as NNNN-SCREEN.png\n"
	        "  --no-sound           do not open the audio device\n"
	        "  --bundle-max-age N   warn on screen when the trust bundle is older than N\n"
	        "                       days (default 90; its age is always shown)\n"
	        "Exit status: 0 stopped normally, 2 usage error, 3 could not start (no display,\n"
	        "audit log). See certqr-kiosk(1) and docs/kiosk.md.\n");
	return out == stdout ? KIOSK_OK : KIOSK_USAGE;
}

typedef struct opts {
	const char *source, *trust, *state, *stick, *font, *input, *state_log, *shots, *open, *page_font, *device_key;
	unsigned win_w, win_h, verdict_s, dedup_ms, fps, max_age;
	bool virtual_clock, exit_when_done, no_sound;
} opts;

static int parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v < lo || v > hi) return -1;
	*out = (unsigned)v;
	return 0;
}

static int parse_opts(int argc, char **argv, opts *o)
{
	*o = (opts){.verdict_s = 10, .dedup_ms = 3000, .fps = 15, .max_age = 90};
	unsigned seen = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) return usage(stdout), 1;
		bool *flag = !strcmp(a, "--virtual-clock") ? &o->virtual_clock : !strcmp(a, "--exit-when-done") ? &o->exit_when_done
		             : !strcmp(a, "--no-sound") ? &o->no_sound : NULL;
		if (flag) {
			if (*flag) { cq_warn("%s given twice", a); return -1; }
			*flag = true;
			continue;
		}
		if (i + 1 >= argc) { cq_warn("unknown option or missing value: '%s' (try -h)", a); return -1; }
		const char *v = argv[++i];
		const char **str = !strcmp(a, "--source") ? &o->source : !strcmp(a, "--trust") ? &o->trust
		                 : !strcmp(a, "--state") ? &o->state : !strcmp(a, "--stick") ? &o->stick
		                 : !strcmp(a, "--font") ? &o->font : !strcmp(a, "--input") ? &o->input
		                 : !strcmp(a, "--state-log") ? &o->state_log : !strcmp(a, "--screenshot-dir") ? &o->shots
		                 : !strcmp(a, "--open") ? &o->open : !strcmp(a, "--page-font") ? &o->page_font
		                 : !strcmp(a, "--device-key") ? &o->device_key : NULL;
		if (str) {
			if (*str) { cq_warn("%s given twice", a); return -1; }
			*str = v;
			continue;
		}
		int bad = 0;
		static const char *const numeric[] = {"--window", "--verdict-seconds", "--dedup-ms", "--fps", "--bundle-max-age"};
		for (unsigned j = 0; j < 5; j++)
			if (!strcmp(a, numeric[j])) {
				if (seen & 1u << j) { cq_warn("%s given twice", a); return -1; }
				seen |= 1u << j;
			}
		if (!strcmp(a, "--window")) {
			unsigned w, h;
			char ws[16], hs[16];
			if (sscanf(v, "%15[0-9]x%15[0-9]", ws, hs) != 2 || parse_uint(ws, 320, 7680, &w) || parse_uint(hs, 240, 4320, &h))
				bad = 1;
			else { o->win_w = w; o->win_h = h; }
		} else if (!strcmp(a, "--verdict-seconds")) bad = parse_uint(v, 1, 3600, &o->verdict_s);
		else if (!strcmp(a, "--dedup-ms")) bad = parse_uint(v, 0, 600000, &o->dedup_ms);
		else if (!strcmp(a, "--fps")) bad = parse_uint(v, 1, 120, &o->fps);
		else if (!strcmp(a, "--bundle-max-age")) bad = parse_uint(v, 1, 3650, &o->max_age);
		else { cq_warn("unknown option '%s' (try -h)", a); return -1; }
		if (bad) { cq_warn("%s: invalid value '%s'", a, v); return -1; }
	}
	return 0;
}

/* ---- the running kiosk ---- */

typedef struct kiosk {
	opts o;
	kiosk_state st;
	kiosk_ui *ui;
	kiosk_sound *snd;
	kiosk_audit *audit;
	kiosk_devkey *devkey;
	cq_trust *trust;
	const char *trust_dir;
	kiosk_source *src;
	kiosk_decoder *vdec, *fdec;
	kiosk_pagefont *pfont;   /* NULL: pages cannot be judged (said on screen) */
	kiosk_stick stick;
	bool audit_problem;
	FILE *slog;
	unsigned shot_no, drawn_gen;
	char last_clock[32];
	uint64_t vclock, next_open;
	int input_fd;
	char typed[LINE_MAX_INPUT + 1], infile_buf[LINE_MAX_INPUT + 1];
	size_t ntyped, ninfile;
	double latency_ms;     /* of the screen being drawn, if it came from a frame */
	char frame_name[64];
	uint8_t *pv;           /* the camera preview: the last frame, shrunk */
	unsigned pv_w, pv_h;
	size_t pv_cap;
	bool pv_new;
	uint64_t pv_drawn;     /* when the preview alone was last redrawn (monotonic ms) */
	char typed_shown[80];  /* the masked ID on screen */
} kiosk;

static uint64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}
static double mono_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}
static uint64_t now_ms(const kiosk *k) { return k->o.virtual_clock ? k->vclock : mono_ms(); }

static void refresh(kiosk *k, double t0, bool force);

/* A record the log cannot take is counted (auditlog.c) and the clerk sees
 * a red band on every screen until a records_lost record is written. The
 * verdict itself stays on screen: it does not depend on the log, and a
 * counter that went dark on a full card would leave the clerk with the
 * paper alone; the band tells the clerk to note the checks by hand. */
static void audit_event(kiosk *k, const char *type, const char *fields)
{
	char why[256];
	uint64_t before = audit_unrecorded(k->audit);
	int rc = audit_add(k->audit, (int64_t)time(NULL), type, fields, why);
	if (rc < 0) cq_warn("audit log: record not written (%llu so far): %s",
	                    (unsigned long long)audit_unrecorded(k->audit), why);
	else if (rc > 0) cq_warn("audit log: anchor not updated: %s", why);
	if (audit_unrecorded(k->audit) != before) {
		k->st.generation++;
		refresh(k, 0, false);
	}
}

static void info_of(const kiosk *k, ui_info *in)
{
	memset(in, 0, sizeof *in);
	if (k->trust) {
		in->have_trust = true;
		in->trust_version = cq_trust_version(k->trust);
		in->trust_date = cq_trust_date(k->trust);
	}
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm)) memset(&tm, 0, sizeof tm);
	strftime(in->clock, sizeof in->clock, "%Y-%m-%d %H:%M", &tm);
	audit_seal(k->audit, in->audit_seal);
	in->audit_problem = k->audit_problem;
	in->audit_unrecorded = audit_unrecorded(k->audit);
	/* the bundle's age by the local date: shown and warned about, never
	 * used to judge a certificate */
	in->trust_age_days = -1;
	in->trust_max_days = k->o.max_age;
	if (k->trust) {
		cq_date today = {(uint16_t)(tm.tm_year + 1900), (uint8_t)(tm.tm_mon + 1), (uint8_t)tm.tm_mday};
		in->trust_age_days = (long)cq_date_to_days(today) - (long)cq_date_to_days(in->trust_date);
		in->trust_old = in->trust_age_days > (long)k->o.max_age;
	}
	if (k->pv && k->pv_w) {
		in->preview = k->pv;
		in->pw = k->pv_w;
		in->ph = k->pv_h;
		in->pstride = k->pv_w;
	}
	snprintf(in->typed, sizeof in->typed, "%s", k->typed_shown);
	in->typed_len = (unsigned)(strlen(k->typed_shown) ? (k->ntyped ? k->ntyped : k->ninfile) : 0);
}

/* An ID number being typed (by the clerk, or on --input), masked but for
 * its last four characters; "" for anything else (a scanner's text). */
static void typed_mask(const kiosk *k, char out[80])
{
	const char *t = k->ntyped ? k->typed : k->infile_buf;
	size_t n = k->ntyped ? k->ntyped : k->ninfile, o = 0;
	out[0] = '\0';
	if (!n || n > CQ_ID_LEN) return;
	for (size_t i = 0; i < n; i++)
		if (!(t[i] >= '0' && t[i] <= '9') && t[i] != 'X' && t[i] != 'x') return;
	for (size_t i = 0; i < n; i++) {
		if (i + 4 < n) { memcpy(out + o, "\xe2\x80\xa2", 3); o += 3; }   /* • */
		else out[o++] = (char)(t[i] == 'x' ? 'X' : t[i]);
	}
	out[o] = '\0';
}

/* After typed input changed: redraw when what the screen shows changed. */
static void typed_changed(kiosk *k)
{
	char m[80];
	typed_mask(k, m);
	if (strcmp(m, k->typed_shown)) {
		snprintf(k->typed_shown, sizeof k->typed_shown, "%s", m);
		k->st.generation++;
	}
}

/* Keeps a shrunk copy of the frame for the preview (at most 640 wide). */
static void preview_store(kiosk *k, const kiosk_frame *f)
{
	unsigned s = (f->w + 639) / 640;
	if (s < 1) s = 1;
	unsigned w = f->w / s, h = f->h / s;
	if (!w || !h) return;
	if ((size_t)w * h > k->pv_cap) {
		uint8_t *p = realloc(k->pv, (size_t)w * h);
		if (!p) return;
		k->pv = p;
		k->pv_cap = (size_t)w * h;
	}
	for (unsigned y = 0; y < h; y++) {
		const uint8_t *src = f->grey + (size_t)y * s * f->stride;
		uint8_t *o = k->pv + (size_t)y * w;
		for (unsigned x = 0; x < w; x++) o[x] = src[(size_t)x * s];
	}
	k->pv_w = w;
	k->pv_h = h;
	k->pv_new = true;
}

static void jstr(FILE *f, const char *key, const char *val)
{
	char b[1024];
	if (cq_json_string(val, b, sizeof b) < 0) snprintf(b, sizeof b, "\"\"");
	fprintf(f, ",\"%s\":%s", key, b);
}

static void log_state(kiosk *k, const char *shot)
{
	if (!k->slog) return;
	const kiosk_state *s = &k->st;
	FILE *f = k->slog;
	fprintf(f, "{\"n\":%u,\"t_ms\":%llu", k->shot_no, (unsigned long long)now_ms(k));
	jstr(f, "screen", screen_name(s->screen));
	if (s->screen == SCR_VERDICT) {
		jstr(f, "status", cq_status_name(s->v.status));
		jstr(f, "colour", colour_name(s->colour));
		jstr(f, "holder", cq_holder_name(s->holder));
		jstr(f, "source", s->source);
		if (s->v.signed_ok) {
			jstr(f, "name", s->v.rec.name);
			jstr(f, "number", s->v.rec.number);
			fprintf(f, ",\"year\":%u,\"hours_total\":%u", (unsigned)s->v.rec.year, cq_record_total(&s->v.rec));
			fprintf(f, ",\"compliance\":\"%s\"", !s->v.have_compliance || !s->v.compliance.known ? "unknown"
			                                       : s->v.compliance.met ? "met" : "not_met");
		}
		jstr(f, "reason", s->v.reason_zh);
		if (!s->v.signed_ok) {
			const char *title, *advice;
			ui_advice(&s->v, &title, &advice);
			jstr(f, "advice", title);
		}
		if (s->page.result >= 0) {
			jstr(f, "page_check", cq_page_result_name((cq_page_result)s->page.result));
			jstr(f, "page_fields", s->page.fields);
		}
		if (k->latency_ms >= 0) fprintf(f, ",\"latency_ms\":%.3f", k->latency_ms);
		if (k->frame_name[0]) jstr(f, "frame", k->frame_name);
	}
	if (s->screen == SCR_TRUST) fprintf(f, ",\"ok\":%s", s->trust_ok ? "true" : "false");
	if (s->screen == SCR_TRUST || s->screen == SCR_NOTICE) { jstr(f, "message", s->msg_zh); jstr(f, "message_en", s->msg_en); }
	if (s->screen == SCR_CAMERA_MISSING) jstr(f, "why", s->camera_why);
	fprintf(f, ",\"camera\":\"%s\",\"checks_today\":%u", s->camera_missing ? "missing" : "ok", s->checks_today);
	if (k->trust) fprintf(f, ",\"trust_version\":%u", (unsigned)cq_trust_version(k->trust));
	fprintf(f, ",\"audit_problem\":%s,\"audit_unrecorded\":%llu,\"sound\":%s", k->audit_problem ? "true" : "false",
	        (unsigned long long)audit_unrecorded(k->audit), k->snd ? "true" : "false");
	if (s->screen == SCR_IDLE) jstr(f, "hint", s->hint ? cq_scan_hint_name(s->hint) : "");
	if (k->typed_shown[0]) jstr(f, "typed", k->typed_shown);
	{
		ui_info in;
		info_of(k, &in);
		if (in.trust_age_days >= 0)
			fprintf(f, ",\"bundle_age_days\":%ld,\"bundle_old\":%s", in.trust_age_days, in.trust_old ? "true" : "false");
		fprintf(f, ",\"preview\":%s", in.preview && s->screen == SCR_IDLE ? "true" : "false");
	}
	{
		/* what the screen says, as drawn */
		static char b[12288];
		if (cq_json_string(ui_said(k->ui), b, sizeof b) >= 0) fprintf(f, ",\"said\":%s", b);
	}
	if (shot) jstr(f, "screenshot", shot);
	fputs("}\n", f);
	fflush(f);
}

/* Draws the current screen (if anything changed), saves the screenshot,
 * presents, writes the state-log line. t0: when the frame arrived (0: no
 * frame), for the latency. */
static void refresh(kiosk *k, double t0, bool force)
{
	ui_info in;
	info_of(k, &in);
	bool clock_changed = strcmp(in.clock, k->last_clock) != 0;
	if (!force && k->st.generation == k->drawn_gen && !clock_changed) return;
	bool changed = force || k->st.generation != k->drawn_gen;
	snprintf(k->last_clock, sizeof k->last_clock, "%s", in.clock);
	k->drawn_gen = k->st.generation;
	ui_draw(k->ui, &k->st, &in);
	double t1 = mono_us();
	char shot[64] = "";
	if (changed && k->o.shots) {
		char path[600], why[256];
		snprintf(shot, sizeof shot, "%04u-%s.png", k->shot_no + 1, screen_name(k->st.screen));
		snprintf(path, sizeof path, "%s/%s", k->o.shots, shot);
		if (ui_screenshot(k->ui, path, why)) cq_warn("screenshot: %s", why);
	}
	double t2 = mono_us();
	ui_present(k->ui);
	double t3 = mono_us();
	k->latency_ms = t0 > 0 ? ((t1 - t0) + (t3 - t2)) / 1000.0 : -1;
	if (changed) {
		k->shot_no++;
		log_state(k, shot[0] ? shot : NULL);
	}
}

/* The idle screen follows the camera: the picture alone is redrawn (no
 * screenshot, no state-log line), at most ten times a second. */
static void preview_refresh(kiosk *k)
{
	if (!k->pv_new || k->st.screen != SCR_IDLE) return;
	uint64_t t = mono_ms();
	if (t - k->pv_drawn < 100) return;
	k->pv_drawn = t;
	k->pv_new = false;
	ui_info in;
	info_of(k, &in);
	ui_draw(k->ui, &k->st, &in);
	ui_present(k->ui);
}

/* After a new verdict: sound, screen, then the audit record. */
static void verdict_shown(kiosk *k, double t0, const char *frame)
{
	const kiosk_state *s = &k->st;
	if (s->screen != SCR_VERDICT) {   /* no trust store: a notice instead */
		refresh(k, t0, true);
		audit_event(k, "check", "verdict=no_trust_store");
		return;
	}
	sound_play(k->snd, s->colour);
	k->st.checks_today++;
	snprintf(k->frame_name, sizeof k->frame_name, "%s", frame ? frame : "");
	refresh(k, t0, true);
	k->frame_name[0] = '\0';
	char f[400], kid[17];
	int n = snprintf(f, sizeof f, "verdict=%s colour=%s source=%s", cq_status_name(s->v.status), colour_name(s->colour), s->source);
	if (s->v.decoded) {
		/* The number and year as read (signed or merely claimed): never the ID number. */
		cq_key_id_hex(s->v.key_id, kid);
		n += snprintf(f + n, sizeof f - (size_t)n, " number=%s year=%u rev=%u key=%s", s->v.rec.number,
		              (unsigned)s->v.rec.year, (unsigned)s->v.rec.revision, kid);
	}
	if (s->holder != CQ_HOLDER_NOT_CHECKED)
		n += snprintf(f + n, sizeof f - (size_t)n, " holder=%s", cq_holder_name(s->holder));
	if (s->page.result >= 0 && n < (int)sizeof f)
		snprintf(f + n, sizeof f - (size_t)n, " page=%s%s%s", cq_page_result_name((cq_page_result)s->page.result),
		         s->page.fields[0] ? " fields=" : "", s->page.fields);
	audit_event(k, "check", f);
	k->st.checks_today = audit_count_day(k->audit, (int64_t)time(NULL));
}

static void handle_line(kiosk *k, const char *line)
{
	double t0 = mono_us();
	int r = state_line(&k->st, k->trust, line, now_ms(k));
	if (r == 1) verdict_shown(k, t0, NULL);
	else if (r == 2) {
		sound_play(k->snd, k->st.colour);
		refresh(k, 0, true);
		char f[200];
		snprintf(f, sizeof f, "verdict=%s number=%s year=%u holder=%s", cq_status_name(k->st.v.status), k->st.v.rec.number,
		         (unsigned)k->st.v.rec.year, cq_holder_name(k->st.holder));
		audit_event(k, "holder", f);
	}
}

static void drop_notice(kiosk *k, const char *zh, const char *en);

/* A new verdict gets the page check: a dropped file's from its child
 * (pages), a camera frame's here, once per certificate (fr). */
static void handle_codes(kiosk *k, const kiosk_codes *c, const char *source, double t0, const char *frame,
                         const kiosk_frame *fr, const kiosk_page *pages)
{
	if (!c->n) return;
	if (c->n == 1 && c->too_long[0]) {
		/* a notice, not a verdict: nothing was judged (and a camera that
		 * keeps seeing the code does not redraw it every frame) */
		char en[160];
		snprintf(en, sizeof en, "this QR code holds %zu bytes of text, more than any certificate: not a certificate",
		         c->too_long[0]);
		if (k->st.screen != SCR_NOTICE || strcmp(k->st.msg_en, en)) drop_notice(k, "二维码内容过长，不是继续教育证书", en);
		return;
	}
	/* Prefer a certqr code when a frame holds several; a text too long for
	 * any certificate is never judged. */
	size_t i = c->n;
	for (size_t j = 0; j < c->n && i == c->n; j++)
		if (!c->too_long[j] && !strncmp(c->text[j], CQ_QR_PREFIX, 2)) i = j;
	for (size_t j = 0; j < c->n && i == c->n; j++)
		if (!c->too_long[j]) i = j;
	if (i == c->n) return;
	if (!state_code(&k->st, k->trust, c->text[i], c->len[i], source, now_ms(k))) return;
	if (pages) state_page(&k->st, &pages[i], true);
	else if (fr && k->st.v.signed_ok) {
		kiosk_page p;
		page_check_grey(k->trust, k->pfont, fr->grey, NULL, fr->w, fr->h, fr->stride, c->x[i], c->y[i], c->len[i], &k->st.v, &p);
		state_page(&k->st, &p, false);
	}
	verdict_shown(k, t0, frame);
}

/* The per-frame work measured by the benchmark: decode, judge, show. */
__attribute__((noinline)) void kiosk_process_frame(kiosk *k, const kiosk_frame *f, double t0);
void kiosk_process_frame(kiosk *k, const kiosk_frame *f, double t0)
{
	kiosk_codes codes;
	if (decoder_run(k->vdec, f, &codes) == 0) {
		state_hint(&k->st, codes.n ? CQ_HINT_NONE : codes.hint);
		handle_codes(k, &codes, "camera", t0, f->name, f, NULL);
	}
}

static void drop_notice(kiosk *k, const char *zh, const char *en)
{
	snprintf(k->st.msg_zh, sizeof k->st.msg_zh, "%s", zh);
	snprintf(k->st.msg_en, sizeof k->st.msg_en, "%s", en);
	k->st.screen = SCR_NOTICE;
	k->st.screen_since = now_ms(k);
	k->st.screen_until = now_ms(k) + k->st.cfg.notice_ms;
	k->st.generation++;
}

/* A file dropped on the window (or given with --open): an image, or the
 * pages of a PDF, read, decoded and page-checked in a child process with
 * limits (pagejob.c), so that a hostile file cannot take the kiosk down. */
/* SDL turns SIGTERM and SIGINT into a quit event; left in the queue, so
 * the main loop ends after the drop is abandoned. */
static bool quit_requested(void)
{
	SDL_PumpEvents();
	return SDL_HasEvent(SDL_QUIT);
}

static void handle_drop(kiosk *k, const char *path)
{
	double t0 = mono_us();
	char why[256];
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	kiosk_codes codes;
	kiosk_page pages[KIOSK_MAX_CODES];
	if (drop_check(path, k->trust, k->pfont, quit_requested, &codes, pages, why)) {
		drop_notice(k, "无法读取该文件（支持 PDF、PNG、JPEG、BMP、PGM）", why);
		return;
	}
	if (!codes.n) {
		snprintf(why, sizeof why, "No QR code found in %.200s", base);
		drop_notice(k, "文件中没有找到二维码", why);
		return;
	}
	k->st.have_last = false;   /* a dropped file is a deliberate check */
	handle_codes(k, &codes, "file", t0, base, NULL, pages);
}

static void try_trust_update(kiosk *k, const char *path)
{
	bool already = false;
	cq_bundle_header h;
	char why[256], zh[256], en[300], f[200], d[11];
	cq_store_rc rc = cq_store_install(k->trust_dir, path, &already, &h, why);
	if (rc == CQ_STORE_OK) {
		cq_date_format(h.date, d);
		cq_trust *t;
		char lwhy[256];
		if (cq_store_load(k->trust_dir, &t, lwhy) == CQ_STORE_OK) {
			cq_trust_free(k->trust);
			k->trust = t;
		}
		if (already) snprintf(zh, sizeof zh, "U盘中的信任包（第 %u 版，%s）已经安装，无需更新。可以拔出U盘。", (unsigned)h.version, d);
		else snprintf(zh, sizeof zh, "已安装第 %u 版信任包（%s）。可以拔出U盘。", (unsigned)h.version, d);
		snprintf(en, sizeof en, "%s trust bundle version %u of %s", already ? "Already installed:" : "Installed", (unsigned)h.version, d);
		state_trust(&k->st, true, zh, en, now_ms(k));
		snprintf(f, sizeof f, "result=%s version=%u date=%s", already ? "already_installed" : "installed", (unsigned)h.version, d);
	} else {
		static const char *const zh_reason[] = {
			[CQ_STORE_NO_STORE] = "本机信任库缺少根公钥，请联系技术人员",
			[CQ_STORE_NO_BUNDLE] = "没有找到信任包",
			[CQ_STORE_BAD_FILE] = "文件不是有效的信任包（格式错误或已损坏）",
			[CQ_STORE_BAD_SIGNATURE] = "信任包签名无效：可能被篡改，已拒绝",
			[CQ_STORE_FOREIGN_ROOT] = "信任包不是由本省根密钥签发的，已拒绝",
			[CQ_STORE_ROLLBACK] = "信任包版本不比已安装的新，已拒绝（防止回退）",
			[CQ_STORE_IO] = "写入信任库失败，请联系技术人员",
			[CQ_STORE_UNSAFE] = "本机信任库目录权限不安全（他人可写），请联系技术人员",
			[CQ_STORE_DAMAGED] = "本机信任库的版本记录已损坏，请联系技术人员",
		};
		static const char *const names[] = {"ok", "no_store", "no_bundle", "bad_file", "bad_signature", "foreign_root",
		                                    "rollback", "io", "unsafe_store", "damaged_store"};
		snprintf(zh, sizeof zh, "%s。原信任库保持不变。", (unsigned)rc <= CQ_STORE_DAMAGED ? zh_reason[rc] : "未知错误");
		snprintf(en, sizeof en, "Not installed: %s", why);
		state_trust(&k->st, false, zh, en, now_ms(k));
		snprintf(f, sizeof f, "result=refused reason=%s", (unsigned)rc <= CQ_STORE_DAMAGED ? names[rc] : "unknown");
	}
	refresh(k, 0, true);
	audit_event(k, "trust", f);
}

static void camera_state(kiosk *k, bool missing, const char *why)
{
	if (missing == k->st.camera_missing) return;
	state_camera(&k->st, missing, why, now_ms(k));
	refresh(k, 0, false);
	audit_event(k, "camera", missing ? "state=missing" : "state=back");
}

/* Lines appended to --input (tests; a serial scanner). */
static void poll_input(kiosk *k)
{
	if (k->input_fd < 0) return;
	for (;;) {
		char c;
		ssize_t r = read(k->input_fd, &c, 1);
		if (r <= 0) return;
		if (c == '\n') {
			k->infile_buf[k->ninfile] = '\0';
			k->ninfile = 0;
			typed_changed(k);
			handle_line(k, k->infile_buf);
		} else if (k->ninfile < LINE_MAX_INPUT) {
			k->infile_buf[k->ninfile++] = c;
		}
		typed_changed(k);
	}
}

static bool handle_events(kiosk *k)
{
	SDL_Event ev;
	while (SDL_PollEvent(&ev)) {
		switch (ev.type) {
		case SDL_QUIT: return false;
		case SDL_TEXTINPUT: {
			size_t n = strlen(ev.text.text);
			if (k->ntyped + n <= LINE_MAX_INPUT) {
				memcpy(k->typed + k->ntyped, ev.text.text, n);
				k->ntyped += n;
			}
			typed_changed(k);
			break;
		}
		case SDL_KEYDOWN:
			if (ev.key.keysym.sym == SDLK_RETURN || ev.key.keysym.sym == SDLK_KP_ENTER) {
				k->typed[k->ntyped] = '\0';
				k->ntyped = 0;
				typed_changed(k);
				handle_line(k, k->typed);
				sodium_memzero(k->typed, sizeof k->typed);
			} else if (ev.key.keysym.sym == SDLK_BACKSPACE && k->ntyped) {
				k->ntyped--;
				typed_changed(k);
			} else if (ev.key.keysym.sym == SDLK_q && (ev.key.keysym.mod & KMOD_CTRL)) {
				return false;
			}
			break;
		case SDL_DROPFILE:
			handle_drop(k, ev.drop.file);
			SDL_free(ev.drop.file);
			break;
		case SDL_WINDOWEVENT:
			if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev.window.event == SDL_WINDOWEVENT_EXPOSED)
				refresh(k, 0, true);
			break;
		}
	}
	return true;
}

/* No screen to draw on (no monitor, no X or Wayland session, no KMS
 * device): one clear message, and exit 3 as documented. */
static void no_display(const char *why)
{
	const char *drv = getenv("SDL_VIDEODRIVER");
	cq_warn("没有可用的显示器：请连接显示器并在图形会话或控制台（KMS）中启动；无显示器的测试请设置 "
	        "SDL_VIDEODRIVER=offscreen / no display to show the kiosk on: connect a monitor and start it in a "
	        "graphical session or on the console (KMS); for tests without a display set SDL_VIDEODRIVER=offscreen "
	        "(video driver %s: %s)", drv && *drv ? drv : "auto", why);
}

static int run(const opts *o)
{
	static kiosk kk;   /* large (texts, verdict): not on the stack */
	kiosk *k = &kk;
	k->o = *o;
	k->input_fd = -1;
	k->latency_ms = -1;
	char why[256], problem[256], path[600];
	const char *state = o->state ? o->state : getenv("CERTQR_KIOSK_STATE");
	if (!state || !*state) state = DEFAULT_STATE;
	if (mkdir(state, 0750) && errno != EEXIST) { cq_warn("%s: %s", state, strerror(errno)); return KIOSK_FAILED; }
	char keypath[600];
	bool created;
	if (o->device_key) snprintf(keypath, sizeof keypath, "%s", o->device_key);
	else devkey_default_path(state, keypath, sizeof keypath);
	k->devkey = devkey_open(keypath, true, &created, why);
	if (!k->devkey) { cq_warn("device key: %s", why); return KIOSK_FAILED; }
	if (created) {
		char pub[256];
		if (devkey_pub_format(devkey_public(k->devkey), pub, sizeof pub) > 0) pub[strcspn(pub, "\n")] = '\0';
		cq_warn("device key created at %s: register its public key to verify the audit log: %s", keypath, pub);
	}
	snprintf(path, sizeof path, "%s/audit.log", state);
	k->audit = audit_open(path, (int64_t)time(NULL), devkey_signer(k->devkey), devkey_public(k->devkey), problem, why);
	if (!k->audit) { cq_warn("audit log: %s", why); return KIOSK_FAILED; }
	if (problem[0]) {
		cq_warn("audit log: %s", problem);
		k->audit_problem = true;
	}
	kiosk_config cfg = {.verdict_ms = o->verdict_s * 1000, .dedup_ms = o->dedup_ms, .notice_ms = 5000,
	                    .trust_ms = 8000, .pending_id_ms = 60000};
	state_init(&k->st, &cfg);
	k->st.checks_today = audit_count_day(k->audit, (int64_t)time(NULL));

	k->trust_dir = cq_store_dir(o->trust);
	cq_store_rc rc = cq_store_load(k->trust_dir, &k->trust, why);
	if (rc == CQ_STORE_NO_STORE) {
		/* a stick cannot help: bundles are checked against this key */
		cq_warn("trust store: %s", why);
		cq_warn("信任库缺少省级根公钥：请用 firmware/install.sh 安装，或运行 certqr-verify --trust %s --init ROOT.pub / "
		        "the province root key is missing: install it with firmware/install.sh, or run "
		        "certqr-verify --trust %s --init ROOT.pub", k->trust_dir, k->trust_dir);
		k->trust = NULL;
	} else if (rc != CQ_STORE_OK) {
		cq_warn("trust store: %s (waiting for a trust bundle on a USB stick)", why);
		k->trust = NULL;
	}
	k->stick.dir = o->stick ? o->stick : DEFAULT_STICK;

	if (o->shots && mkdir(o->shots, 0755) && errno != EEXIST) { cq_warn("%s: %s", o->shots, strerror(errno)); return KIOSK_FAILED; }
	if (o->state_log) {
		k->slog = fopen(o->state_log, "a");
		if (!k->slog) { cq_warn("%s: %s", o->state_log, strerror(errno)); return KIOSK_FAILED; }
	}
	if (o->input) {
		k->input_fd = open(o->input, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
		if (k->input_fd < 0) { cq_warn("%s: %s", o->input, strerror(errno)); return KIOSK_FAILED; }
	}
	k->src = src_new(o->source ? o->source : "v4l2:/dev/video0", why);
	if (!k->src) { cq_warn("%s", why); return KIOSK_USAGE; }
	k->vdec = decoder_new(true);
	k->fdec = decoder_new(false);
	if (!k->vdec || !k->fdec) { cq_warn("out of memory"); return KIOSK_FAILED; }
	{
		char fwhy[256];
		k->pfont = page_font_open(o->page_font ? o->page_font : KIOSK_PAGE_FONT, fwhy);
		if (!k->pfont) cq_warn("page check off: the issuer's font: %s (install fonts-wqy-zenhei, or give --page-font)", fwhy);
	}

	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "0");
	if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS)) {
		no_display(SDL_GetError());
		return KIOSK_FAILED;
	}
	{
		/* SDL falls back to drawing into memory when it finds no screen: a
		 * kiosk nobody can see. Only a test asks for that by name. */
		const char *drv = SDL_GetCurrentVideoDriver(), *want = getenv("SDL_VIDEODRIVER");
		if (drv && (!strcmp(drv, "offscreen") || !strcmp(drv, "dummy")) && !(want && strstr(want, drv))) {
			no_display("only an off-screen driver was found");
			SDL_Quit();
			return KIOSK_FAILED;
		}
	}
	k->ui = ui_new(o->win_w == 0, o->win_w ? o->win_w : 1280, o->win_h ? o->win_h : 720, o->font, why);
	if (!k->ui) {
		if (strstr(why, "window") || strstr(why, "draw")) no_display(why);
		else cq_warn("%s", why);
		SDL_Quit();
		return KIOSK_FAILED;
	}
	if (!o->no_sound) k->snd = sound_new();
	SDL_EventState(SDL_DROPFILE, SDL_ENABLE);
	SDL_StartTextInput();

	char f[160];
	snprintf(f, sizeof f, "event=start version=" CERTQR_VERSION " trust_version=%u", k->trust ? (unsigned)cq_trust_version(k->trust) : 0);
	audit_event(k, "kiosk", f);
	k->st.checks_today = audit_count_day(k->audit, (int64_t)time(NULL));
	refresh(k, 0, true);
	if (o->open) {
		SDL_Event ev = {.type = SDL_DROPFILE};
		ev.drop.file = SDL_strdup(o->open);
		if (ev.drop.file) SDL_PushEvent(&ev);
	}

	bool paced = !strncmp(src_describe(k->src), "play:", 5) || !strncmp(src_describe(k->src), "y4m:", 4);
	unsigned frame_ms = 1000 / o->fps;
	uint64_t next_frame = 0;
	bool running = true;
	while (running) {
		running = handle_events(k);
		poll_input(k);
		uint64_t now = now_ms(k);
		/* The camera: open it when it is there, notice when it goes. */
		src_rc r = SRC_NONE;
		kiosk_frame fr;
		if (now >= k->next_open && src_open(k->src, why) != 0) {
			camera_state(k, true, why);
			k->next_open = now + 1000;   /* try again every second */
		} else if (now >= k->next_open) {
			camera_state(k, false, NULL);
			if (!paced || mono_ms() >= next_frame || o->virtual_clock) {
				r = src_next(k->src, &fr, why);
				next_frame = mono_ms() + frame_ms;
			}
		}
		if (r == SRC_FRAME) {
			preview_store(k, &fr);
			kiosk_process_frame(k, &fr, mono_us());
			if (o->virtual_clock) k->vclock += frame_ms;
		} else if (r == SRC_LOST) {
			src_close(k->src);
			camera_state(k, true, why);
			k->next_open = now + 1000;
		} else if (r == SRC_END) {
			if (o->exit_when_done) running = false;
			else { src_close(k->src); k->next_open = UINT64_MAX; }
		}
		char bundle[800];
		if (stick_poll(&k->stick, mono_ms(), bundle, sizeof bundle)) try_trust_update(k, bundle);
		state_tick(&k->st, now_ms(k));
		refresh(k, 0, false);
		preview_refresh(k);
		if (!o->virtual_clock && r != SRC_FRAME) SDL_Delay(10);
	}
	audit_event(k, "kiosk", "event=stop");
	sound_free(k->snd);
	ui_free(k->ui);
	SDL_Quit();
	src_free(k->src);
	decoder_free(k->vdec);
	decoder_free(k->fdec);
	page_font_close(k->pfont);
	cq_trust_free(k->trust);
	audit_close(k->audit);
	devkey_free(k->devkey);
	if (k->slog) fclose(k->slog);
	if (k->input_fd >= 0) close(k->input_fd);
	free(k->pv);
	return KIOSK_OK;
}

int main(int argc, char **argv)
{
	cq_argv0 = "certqr-kiosk";
	if (argc > 1 && !strcmp(argv[1], "--version")) return puts("certqr-kiosk " CERTQR_VERSION), KIOSK_OK;
	if (cq_init()) { cq_warn("libsodium failed to initialise"); return KIOSK_FAILED; }
	if (argc > 1 && !strcmp(argv[1], "audit")) return audit_cmd(argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "device-key")) return devkey_cmd(argc - 1, argv + 1);
	opts o;
	int p = parse_opts(argc, argv, &o);
	if (p > 0) return KIOSK_OK;
	if (p < 0) return KIOSK_USAGE;
	return run(&o);
}
