/* The kiosk's screen state machine. No I/O and no clock: every event
 * carries the time (milliseconds, monotonic), so the tests and the
 * benchmark drive it exactly. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "kiosk.h"

static const char *const screen_names[] = {"idle", "verdict", "camera_missing", "trust_update", "notice"};
const char *screen_name(screen_kind k) { return (unsigned)k < 5 ? screen_names[k] : "?"; }
const char *colour_name(verdict_colour c) { return c == COL_GREEN ? "green" : c == COL_AMBER ? "amber" : "red"; }

void state_init(kiosk_state *s, const kiosk_config *cfg)
{
	memset(s, 0, sizeof *s);
	s->cfg = *cfg;
	s->screen = SCR_IDLE;
}

static void show(kiosk_state *s, screen_kind k, uint64_t now, unsigned ms)
{
	s->screen = k;
	s->screen_since = now;
	s->screen_until = ms ? now + ms : 0;
	s->generation++;
}

/* Where the kiosk rests when nothing is on screen. */
static void rest(kiosk_state *s, uint64_t now)
{
	show(s, s->camera_missing ? SCR_CAMERA_MISSING : SCR_IDLE, now, 0);
}

verdict_colour verdict_colour_of(const cq_verdict *v)
{
	if (v->status != CQ_ST_AUTHENTIC) return COL_RED;
	if (v->have_compliance && v->compliance.known && v->compliance.met) return COL_GREEN;
	return COL_AMBER;   /* genuine, but the hours fall short or no rule covers the year */
}

static void forget_pending(kiosk_state *s)
{
	sodium_memzero(s->pending_id, sizeof s->pending_id);
	s->pending_until = 0;
}

/* The colour of the verdict with the holder check and the page check. */
static void recolour(kiosk_state *s)
{
	s->colour = verdict_colour_of(&s->v);
	if (s->holder == CQ_HOLDER_MISMATCH) s->colour = COL_RED;
	if (s->page.result == CQ_PAGE_DIFFERS) s->colour = COL_RED;
	else if (s->page.result == CQ_PAGE_UNREADABLE && s->colour == COL_GREEN) s->colour = COL_AMBER;
}

void state_page(kiosk_state *s, const kiosk_page *p, bool strict)
{
	if (!s->v.signed_ok || p->result < 0) return;
	/* a camera frame without the whole page in view says nothing */
	if (!strict && p->result == CQ_PAGE_UNREADABLE) return;
	s->page = *p;
	recolour(s);
	s->generation++;
}

static void apply_holder(kiosk_state *s, const char *id)
{
	s->holder = cq_verdict_holder(&s->v, id);
	size_t n = strlen(id);
	snprintf(s->holder_hint, sizeof s->holder_hint, "%s", n >= 4 ? id + n - 4 : id);
	for (char *p = s->holder_hint; *p; p++) *p = (char)toupper((unsigned char)*p);
	/* Someone else's genuine certificate is the impersonation the notices
	 * warn about: it must not stay green. */
	recolour(s);
}

static void notice(kiosk_state *s, uint64_t now, const char *zh, const char *en);

static void new_verdict(kiosk_state *s, const cq_trust *t, const char *text, size_t n,
                        const char *source, uint64_t now)
{
	if (!t) {
		/* No bundle installed yet: nothing to judge against. */
		memset(&s->v, 0, sizeof s->v);
		s->v.status = CQ_ST_COUNT_;
		notice(s, now, "尚未安装信任库，无法核验。请插入含信任包的U盘。",
		       "No trust bundle installed: insert a USB stick with a trust bundle");
		return;
	}
	if (cq_judge(t, text, n, &s->v)) return;   /* t and text are checked above */
	memset(&s->page, 0, sizeof s->page);
	s->page.result = -1;
	s->holder = CQ_HOLDER_NOT_CHECKED;
	s->holder_hint[0] = '\0';
	s->colour = verdict_colour_of(&s->v);
	snprintf(s->source, sizeof s->source, "%s", source);
	if (s->pending_id[0] && now < s->pending_until && s->v.signed_ok) apply_holder(s, s->pending_id);
	forget_pending(s);
	show(s, SCR_VERDICT, now, s->cfg.verdict_ms);
}

bool state_code(kiosk_state *s, const cq_trust *t, const char *text, size_t n,
                const char *source, uint64_t now)
{
	if (n > CQ_QR_TEXT_MAX + 4) n = CQ_QR_TEXT_MAX + 4;   /* longer cannot be valid; judged as such */
	bool same = s->have_last && s->last_len == n && !memcmp(s->last_text, text, n);
	bool repeat = same && now - s->last_seen < s->cfg.dedup_ms;
	memcpy(s->last_text, text, n);
	s->last_len = n;
	s->last_seen = now;
	s->have_last = true;
	if (repeat) {
		/* Still in view: keep the verdict up while the clerk holds it there. */
		if (s->screen == SCR_VERDICT && s->screen_until && s->screen_until < now + 1000)
			s->screen_until = now + 1000;
		return false;
	}
	new_verdict(s, t, text, n, source, now);
	return true;
}

static void notice(kiosk_state *s, uint64_t now, const char *zh, const char *en)
{
	snprintf(s->msg_zh, sizeof s->msg_zh, "%s", zh);
	snprintf(s->msg_en, sizeof s->msg_en, "%s", en);
	show(s, SCR_NOTICE, now, s->cfg.notice_ms);
}

int state_line(kiosk_state *s, const cq_trust *t, const char *line, uint64_t now)
{
	char buf[CQ_QR_TEXT_MAX + 8];
	size_t n = strlen(line);
	while (n && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == ' ')) n--;
	while (n && *line == ' ') line++, n--;
	if (n == 0) return 0;
	if (n >= sizeof buf) n = sizeof buf - 1;
	memcpy(buf, line, n);
	buf[n] = '\0';
	if (n > 3 && (buf[0] == 'C' || buf[0] == 'c') && (buf[1] == 'Q' || buf[1] == 'q') && strchr(buf, ':')) {
		/* A USB barcode scanner typed a certificate's QR text. A scanner
		 * reads once per trigger, so no de-duplication here. */
		s->have_last = false;
		new_verdict(s, t, buf, n, "scanner", now);
		return 1;
	}
	cq_err e;
	if (n == CQ_ID_LEN && cq_idnum_validate(buf, &e) == 0) {
		if (s->screen == SCR_VERDICT && s->v.signed_ok) {
			apply_holder(s, buf);
			sodium_memzero(buf, sizeof buf);
			s->screen_until = now + s->cfg.verdict_ms;
			s->generation++;
			return 2;
		}
		memcpy(s->pending_id, buf, CQ_ID_LEN + 1);
		s->pending_until = now + s->cfg.pending_id_ms;
		char zh[160];
		snprintf(zh, sizeof zh, "已输入身份证号（尾号 %.4s），请将证书二维码放到摄像头下", buf + CQ_ID_LEN - 4);
		sodium_memzero(buf, sizeof buf);
		notice(s, now, zh, "ID number noted: now hold the certificate's QR code under the camera");
		s->screen_until = now + s->cfg.pending_id_ms;
		return 0;
	}
	sodium_memzero(buf, sizeof buf);
	if (n == CQ_ID_LEN)
		notice(s, now, "身份证号无效（校验位不符），请重新输入", "That is not a valid ID number (check digit); type it again");
	else
		notice(s, now, "无法识别的输入：请扫描证书二维码或输入18位身份证号",
		       "Input not understood: scan a certificate QR code or type an 18-character ID number");
	return 0;
}

void state_camera(kiosk_state *s, bool missing, const char *why, uint64_t now)
{
	if (missing == s->camera_missing) return;
	s->camera_missing = missing;
	snprintf(s->camera_why, sizeof s->camera_why, "%.120s", why ? why : "");
	if (s->screen == SCR_IDLE || s->screen == SCR_CAMERA_MISSING) rest(s, now);
	else s->generation++;
}

void state_trust(kiosk_state *s, bool ok, const char *zh, const char *en, uint64_t now)
{
	s->trust_ok = ok;
	snprintf(s->msg_zh, sizeof s->msg_zh, "%s", zh);
	snprintf(s->msg_en, sizeof s->msg_en, "%s", en);
	show(s, SCR_TRUST, now, s->cfg.trust_ms);
}

bool state_tick(kiosk_state *s, uint64_t now)
{
	if (s->pending_id[0] && now >= s->pending_until) forget_pending(s);
	if (s->screen_until && now >= s->screen_until) {
		rest(s, now);
		return true;
	}
	return false;
}

/* Only hints that mean "a code is there": a frame without any says nothing
 * to the clerk (the idle screen already asks for the certificate). */
static bool in_view(cq_scan_hint h)
{
	return h == CQ_HINT_TOO_SMALL || h == CQ_HINT_TOO_BLURRED || h == CQ_HINT_LOW_CONTRAST || h == CQ_HINT_DAMAGED;
}

const char *hint_words(cq_scan_hint h)
{
	switch (h) {
	case CQ_HINT_TOO_SMALL: return "靠近一些";
	case CQ_HINT_TOO_BLURRED: return "对焦不清";
	case CQ_HINT_LOW_CONTRAST: return "光线太暗";
	case CQ_HINT_DAMAGED: return "二维码有污损，请展平";
	default: return NULL;
	}
}

bool state_hint(kiosk_state *s, cq_scan_hint h)
{
	cq_scan_hint before = s->hint;
	if (in_view(h)) {
		s->hint_gone = 0;
		s->hint_run = h == s->hint_seen ? s->hint_run + 1 : 1;
		s->hint_seen = h;
		if (s->hint_run >= KIOSK_HINT_FRAMES) s->hint = h;
	} else {
		s->hint_run = 0;
		s->hint_seen = CQ_HINT_NONE;
		/* a code read: the verdict replaces the hint at once */
		if (h == CQ_HINT_NONE || ++s->hint_gone >= KIOSK_HINT_FRAMES) s->hint = CQ_HINT_NONE;
	}
	if (s->hint == before) return false;
	if (s->screen == SCR_IDLE) s->generation++;
	return true;
}
