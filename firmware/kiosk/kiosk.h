/* certqr-kiosk: the HR-counter verifier appliance (docs/kiosk.md).
 *
 *   frames.c   frame sources: V4L2 camera (zbar's video module), a directory
 *              of images (followed like a camera, or played), a Y4M video
 *   decode.c   grey frame -> QR texts (libcertqr-scan, certqr/scan.h)
 *   state.c    the screen state machine: de-duplication, timeouts, holder
 *              check; pure (time comes in as an argument)
 *   ui.c       SDL2 full-screen rendering in Simplified Chinese, screenshots
 *   sound.c    one generated tone pattern per verdict (SDL audio, optional)
 *   auditlog.c the audit log on disk: append + fsync + anchor; records that
 *              could not be written; verify, export
 *   devkey.c   the device key that signs the audit log (the only signing
 *              code in the kiosk; never a certificate key)
 *   stick.c    trust updates from a USB stick
 *   pagejob.c  the page check: dropped files in a resource-limited child,
 *              camera frames once per certificate
 *   main.c     options, the main loop, `certqr-kiosk audit ...`
 */
#ifndef KIOSK_H
#define KIOSK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "certqr/certqr.h"
#include "certqr/audit.h"
#include "certqr/pagecheck.h"
#include "certqr/scan.h"
#include "certqr/verdict.h"

/* Exit status of certqr-kiosk. */
enum {
	KIOSK_OK = 0,          /* ran and stopped normally; audit verify: intact */
	KIOSK_AUDIT_BAD = 1,   /* audit verify/export: the log fails its checks */
	KIOSK_USAGE = 2,       /* bad command line */
	KIOSK_FAILED = 3,      /* could not start: trust store, screen, audit log */
};

/* ---- frames.c ---- */
typedef struct kiosk_frame {
	const uint8_t *grey;   /* 8-bit grey, 0 = black */
	unsigned w, h;
	size_t stride;
	char name[64];         /* file name or "camera" */
} kiosk_frame;

typedef enum src_rc {
	SRC_FRAME = 0,   /* *f holds a new frame, valid until the next call */
	SRC_NONE,        /* nothing new yet */
	SRC_END,         /* a played directory or video file has ended */
	SRC_LOST,        /* the device went away: close, and reopen later */
} src_rc;

typedef struct kiosk_source kiosk_source;
/* spec: "v4l2:/dev/video0", "dir:PATH" (follow new files like a camera),
 * "play:PATH" (the files already there, in name order, then end),
 * "y4m:FILE" (a YUV4MPEG2 video file, grey plane). NULL if malformed. */
kiosk_source *src_new(const char *spec, char why[256]);
/* -1 with why[] if the device is not there (camera missing). */
int src_open(kiosk_source *s, char why[256]);
src_rc src_next(kiosk_source *s, kiosk_frame *f, char why[256]);
void src_close(kiosk_source *s);
void src_free(kiosk_source *s);
const char *src_describe(const kiosk_source *s);
/* Loads an image file (PGM/PPM/PNG/JPEG/BMP via SDL_image) as grey into a
 * malloc'd buffer; with `drop`, also its colour dropout plane
 * (certqr/dropout.h), or NULL there when the picture has no colour. */
int image_load_grey(const char *path, uint8_t **grey, uint8_t **drop, unsigned *w, unsigned *h, char why[256]);

/* ---- decode.c ---- */
#define KIOSK_MAX_CODES 4
typedef struct kiosk_codes {
	size_t n;
	char text[KIOSK_MAX_CODES][CQ_QR_TEXT_MAX + 8];
	size_t len[KIOSK_MAX_CODES];
	int x[KIOSK_MAX_CODES][4], y[KIOSK_MAX_CODES][4];   /* corners in the frame */
	size_t too_long[KIOSK_MAX_CODES];   /* a text longer than any certificate's:
	                                       its length (text empty), else 0 */
	cq_scan_hint hint;       /* n == 0: why nothing was read (certqr/scan.h) */
} kiosk_codes;
typedef struct kiosk_decoder kiosk_decoder;
/* `video`: one cheap pass per frame (the next frame retries); otherwise the
 * thorough pipeline (files dropped on the window). */
kiosk_decoder *decoder_new(bool video);
void decoder_free(kiosk_decoder *d);
int decoder_run(kiosk_decoder *d, const kiosk_frame *f, kiosk_codes *out);

/* ---- pagejob.c ---- */
/* What the page check said (include/certqr/pagecheck.h). */
typedef struct kiosk_page {
	int result;              /* -1 not judged, else cq_page_result */
	char zh[200], en[200];
	char fields_zh[160];     /* differing fields, "姓名、年度" */
	char fields[160];        /* the same as JSON names, "name+year" */
} kiosk_page;
typedef struct kiosk_pagefont kiosk_pagefont;
/* The issuer's font (fonts-wqy-zenhei); NULL with why[] if unusable. */
kiosk_pagefont *page_font_open(const char *path, char why[256]);
void page_font_close(kiosk_pagefont *p);
/* The page check of one verified code on a grey picture, against the
 * layout `t` carries for the signing key (the built-in one if none or t is
 * NULL); `drop` is its colour dropout plane (same size and stride), or NULL
 * for a grey source (the camera): the same input certqr-verify files gives
 * cq_page_check. */
void page_check_grey(const cq_trust *t, const kiosk_pagefont *pf, const uint8_t *grey, const uint8_t *drop,
                     unsigned w, unsigned h, size_t stride, const int qx[4], const int qy[4], size_t qr_len, const cq_verdict *v,
                     kiosk_page *out);
/* A dropped file: read, decoded, judged and its page checked in a child
 * process with limits. 0 (codes->n may be 0), or -1 with why[]. */
int drop_check(const char *path, const cq_trust *t, const kiosk_pagefont *pf, bool (*cancel)(void), kiosk_codes *codes,
               kiosk_page page[KIOSK_MAX_CODES], char why[256]);

/* ---- state.c ---- */
typedef enum screen_kind {
	SCR_IDLE = 0,
	SCR_VERDICT,
	SCR_CAMERA_MISSING,
	SCR_TRUST,          /* result of a trust update from a USB stick */
	SCR_NOTICE,         /* short message: typed input not understood, ID noted */
} screen_kind;

typedef enum verdict_colour { COL_GREEN, COL_AMBER, COL_RED } verdict_colour;

typedef struct kiosk_config {
	unsigned verdict_ms;     /* how long a verdict stays on screen */
	unsigned dedup_ms;       /* the same code within this gap does not re-trigger */
	unsigned notice_ms;
	unsigned trust_ms;
	unsigned pending_id_ms;  /* an ID typed before the scan waits this long */
} kiosk_config;

typedef struct kiosk_state {
	kiosk_config cfg;
	screen_kind screen;
	uint64_t screen_since, screen_until;   /* ms; until 0 = stays */
	unsigned generation;                   /* bumps on every visible change */
	/* de-duplication */
	char last_text[CQ_QR_TEXT_MAX + 8];
	size_t last_len;
	uint64_t last_seen;
	bool have_last;
	/* the verdict on screen */
	cq_verdict v;
	kiosk_page page;                        /* the page check, result -1 if none */
	cq_holder holder;
	char holder_hint[8];                    /* last four of the typed ID, for the screen */
	verdict_colour colour;
	char source[16];                        /* "camera", "scanner", "file" */
	/* an ID number typed before a certificate was scanned */
	char pending_id[CQ_ID_LEN + 1];
	uint64_t pending_until;
	/* trust update / notice text */
	bool trust_ok;
	char msg_zh[256], msg_en[256];
	/* camera */
	bool camera_missing;
	char camera_why[128];
	/* counters */
	unsigned checks_today;
	/* the scanner's hint while a code is in view but not read (idle
	 * screen): shown after KIOSK_HINT_FRAMES frames say so, gone after as
	 * many frames without (counted in frames, not time) */
	cq_scan_hint hint;
	cq_scan_hint hint_seen;
	unsigned hint_run, hint_gone;
} kiosk_state;

#define KIOSK_HINT_FRAMES 3

void state_init(kiosk_state *s, const kiosk_config *cfg);
/* A code read from a frame at `now`. Returns true if it is new (judged
 * here, with t: the caller then logs and sounds it), false for a repeat. */
bool state_code(kiosk_state *s, const cq_trust *t, const char *text, size_t n,
                const char *source, uint64_t now);
/* A line typed on the keyboard (or by a USB barcode scanner): a certificate
 * text (judged like a frame), or an ID number for the holder check.
 * Returns 1 if it produced a new verdict, 2 if it produced a holder check,
 * 0 otherwise. */
int state_line(kiosk_state *s, const cq_trust *t, const char *line, uint64_t now);
void state_camera(kiosk_state *s, bool missing, const char *why, uint64_t now);
/* The page check of the verdict on screen. `strict` (a dropped file): a page
 * that could not be judged is never green. A page that differs is red. */
void state_page(kiosk_state *s, const kiosk_page *p, bool strict);
void state_trust(kiosk_state *s, bool ok, const char *zh, const char *en, uint64_t now);
/* One camera frame's scan hint (CQ_HINT_NONE when a code was read).
 * Returns true if the hint on screen changed. */
bool state_hint(kiosk_state *s, cq_scan_hint h);
/* What the clerk reads for a hint: "靠近一些", "对焦不清", "光线太暗", ...;
 * NULL for none. */
const char *hint_words(cq_scan_hint h);
/* Timeouts; returns true if the screen changed. */
bool state_tick(kiosk_state *s, uint64_t now);
verdict_colour verdict_colour_of(const cq_verdict *v);
const char *screen_name(screen_kind k);
const char *colour_name(verdict_colour c);

/* ---- ui.c ---- */
typedef struct kiosk_ui kiosk_ui;
typedef struct ui_info {
	uint32_t trust_version;
	cq_date trust_date;
	bool have_trust;
	char clock[32];        /* local "YYYY-MM-DD HH:MM" */
	char audit_seal[20];   /* "#count head8" (the administrator's; not drawn) */
	bool audit_problem;
	long trust_age_days;   /* local date - bundle date; -1 unknown (shown, never judged by) */
	unsigned trust_max_days;
	bool trust_old;        /* older than --bundle-max-age: a warning on screen */
	const uint8_t *preview;   /* the last camera frame, grey, or NULL */
	unsigned pw, ph;
	size_t pstride;
	char typed[80];        /* an ID number being typed, masked but its last four */
	unsigned typed_len;
	uint64_t audit_unrecorded;   /* records the log could not take: a red band on every screen */
} ui_info;
kiosk_ui *ui_new(bool fullscreen, unsigned w, unsigned h, const char *font, char why[256]);
void ui_free(kiosk_ui *u);
/* Draws the screen into the back buffer; ui_present shows it. */
void ui_draw(kiosk_ui *u, const kiosk_state *s, const ui_info *info);
void ui_present(kiosk_ui *u);
/* Every text of the screen last drawn, one a line. */
const char *ui_said(const kiosk_ui *u);
/* Writes the drawn screen (before ui_present) as PNG, or BMP for *.bmp. */
int ui_screenshot(kiosk_ui *u, const char *path, char why[256]);
/* The line and advice under a verdict that shows no signed fields. */
void ui_advice(const cq_verdict *v, const char **title, const char **advice);

/* ---- sound.c ---- */
typedef struct kiosk_sound kiosk_sound;
kiosk_sound *sound_new(void);      /* NULL (and silent) when there is no audio device */
void sound_play(kiosk_sound *snd, verdict_colour c);
void sound_free(kiosk_sound *snd);
/* The samples of one verdict's tone (for tests/dumps): count written. */
size_t sound_render(verdict_colour c, int16_t *out, size_t cap, unsigned rate);

/* ---- devkey.c ---- */
typedef struct kiosk_devkey kiosk_devkey;
/* DIR/device/device.key, DIR the parent of the state directory
 * (/var/lib/certqr/device/device.key for the default state). */
void devkey_default_path(const char *state_dir, char *out, size_t cap);
/* The public key file beside a key file: X.key -> X.pub, else X + ".pub". */
void devkey_pub_path(const char *key_path, char *out, size_t cap);
/* Loads the device key (mode 0600 required); with `create`, makes it first
 * (and its .pub) when absent, setting *created. NULL with why[] on error. */
kiosk_devkey *devkey_open(const char *path, bool create, bool *created, char why[256]);
const cq_audit_signer *devkey_signer(const kiosk_devkey *k);
const uint8_t *devkey_public(const kiosk_devkey *k);
void devkey_free(kiosk_devkey *k);
/* "certqr-kiosk-device-pub v1 id=<16 hex> pk=<64 hex>\n"; -1 if cap is small. */
int devkey_pub_format(const uint8_t pk[CQ_PK_BYTES], char *out, size_t cap);
/* Reads a .pub file in that form (strict). -1 with why[]. */
int devkey_pub_load(const char *path, uint8_t pk[CQ_PK_BYTES], char why[256]);

/* ---- auditlog.c ---- */
int devkey_cmd(int argc, char **argv);   /* certqr-kiosk device-key ... */
typedef struct kiosk_audit kiosk_audit;
/* Opens (creating if absent) the log `path`, its anchor `path`.anchor and
 * `path`.unrecorded (a fixed-size file, written in place, where records
 * that could not be written are counted even on a full partition). Checks
 * the chain and the device signatures (those after a signed anchor); a torn
 * final record is cut off and noted. A log that fails its checks gets a
 * check_failed record and *problem a sentence (the kiosk goes on logging,
 * and the break stays visible); a v1 log or one made by another device key
 * is renamed aside and a new log started. The signer must outlive the log. */
kiosk_audit *audit_open(const char *path, int64_t now, const cq_audit_signer *signer, const uint8_t pk[CQ_PK_BYTES],
                        char problem[256], char why[256]);
/* Appends one signed record (first, a records_lost record for any the kiosk
 * could not write before), fsyncs the log, then rewrites the anchor
 * atomically. Returns 0; 1 if the record was written but not the anchor;
 * -1 if the record could not be written: it is then counted as unrecorded
 * (audit_unrecorded) until a records_lost record can say so. */
int audit_add(kiosk_audit *a, int64_t now, const char *type, const char *fields, char why[256]);
/* Records shown or done but not (yet) in the log: while > 0 the clerk is
 * warned on every screen. */
uint64_t audit_unrecorded(const kiosk_audit *a);
unsigned audit_count_day(const kiosk_audit *a, int64_t now);   /* local day of `now` */
void audit_seal(const kiosk_audit *a, char out[20]);
void audit_close(kiosk_audit *a);
int audit_cmd(int argc, char **argv);   /* certqr-kiosk audit verify|export */

/* ---- stick.c ---- */
/* Looks for *.bundle at the top of `dir` (a mounted USB stick). Returns 1
 * and fills path when a bundle not yet handled is there, 0 when none. */
typedef struct kiosk_stick {
	const char *dir;
	char seen_path[512];
	long long seen_mtime, seen_size;
	uint64_t next_poll;
} kiosk_stick;
int stick_poll(kiosk_stick *k, uint64_t now, char *path, size_t cap);

#endif
