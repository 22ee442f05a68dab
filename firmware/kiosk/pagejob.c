/* The page check at the kiosk (include/certqr/pagecheck.h), the same as
 * certqr-verify files gives:
 *   - a dropped file is read, decoded and its page judged in a child
 *     process under resource limits (address space, CPU time, a wall-clock
 *     limit): a PDF built to exhaust or crash the reader costs that child,
 *     never the kiosk;
 *   - a camera frame is judged in process, once per new certificate (not
 *     per frame), and only changes the verdict when the whole certificate
 *     is in view. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "certqr/coverage.h"
#include "certqr/io.h"
#ifdef KIOSK_OCR
#include "certqr/ocr.h"
#endif
#include "certqr/pdfimages.h"
#ifdef KIOSK_PDF
#include "certqr/render.h"
#endif
#include "certqr/scan.h"
#include "kiosk.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif
#ifndef SANITIZED
#define SANITIZED 0
#endif

#define DROP_MAX_BYTES   (64u << 20)
#define DROP_AS_BYTES    (1536ull << 20)   /* address space of the reading child */
#define DROP_CPU_S       20
#define DROP_WALL_MS     30000
#define DROP_DPI         150               /* the page check's scale: 2 px per point */
#define DROP_MAX_PAGES   4
#define DROP_POLL_MS     100               /* how often a quit request is looked for */

/* The chain is mapped, not read: a Pi keeps only the pages a certificate's
 * characters touch, and the reading child shares them. The page check's
 * reader (ocr.h) where the build has Tesseract (KIOSK_OCR: not the Pi's,
 * tools/deps/modules.tab says why): its language data read here, its engine
 * started on the first field doubted, in whichever process judges the page. */
struct kiosk_pagefont {
	const uint8_t *map[CQ_FONT_CHAIN_LEN];
	size_t n[CQ_FONT_CHAIN_LEN];
	cq_pagefont *f;
	char *ocr_bytes;
	void *ocr;
};

kiosk_pagefont *page_font_open(const char *path, char why[256])
{
	kiosk_pagefont *p = calloc(1, sizeof *p);
	if (!p) { snprintf(why, 256, "out of memory"); return NULL; }
	if (cq_map_file(path, 64u << 20, &p->map[0], &p->n[0], why) || !(p->f = cq_pagefont_new(p->map[0], p->n[0], 0, why))) {
		cq_unmap_file(p->map[0], p->n[0]);
		free(p);
		return NULL;
	}
	/* the chain's fallbacks for rare characters of names, when installed */
	for (int i = 1; i < CQ_FONT_CHAIN_LEN; i++) {
		char fwhy[256];
		if (cq_map_file(cq_font_chain[i].path, 64u << 20, &p->map[i], &p->n[i], fwhy) == 0 &&
		    cq_pagefont_add(p->f, p->map[i], p->n[i], cq_font_chain[i].index, fwhy)) {
			cq_unmap_file(p->map[i], p->n[i]);
			p->map[i] = NULL;
		}
	}
#ifdef KIOSK_OCR
	size_t n;
	char owhy[256];
	if (cq_read_file(CQ_OCR_DATA, 64u << 20, &p->ocr_bytes, &n, owhy) == 0) p->ocr = cq_ocr_new((const uint8_t *)p->ocr_bytes, n);
#endif
	return p;
}

void page_font_close(kiosk_pagefont *p)
{
	if (!p) return;
#ifdef KIOSK_OCR
	cq_ocr_free(p->ocr);
#endif
	free(p->ocr_bytes);
	cq_pagefont_free(p->f);
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) cq_unmap_file(p->map[i], p->n[i]);
	free(p);
}

static void page_of(const cq_page_report *r, kiosk_page *out)
{
	out->result = (int)r->result;
	snprintf(out->zh, sizeof out->zh, "%s", r->reason_zh);
	snprintf(out->en, sizeof out->en, "%s", r->reason);
	size_t k = 0;
	out->fields_zh[0] = out->fields[0] = 0;
	for (unsigned i = 0; i < r->ndiff; i++) {
		k += (size_t)snprintf(out->fields_zh + k, k < sizeof out->fields_zh ? sizeof out->fields_zh - k : 0, "%s%s",
		                      i ? "、" : "", cq_field_name_zh(r->diff[i].field));
		if (k >= sizeof out->fields_zh) k = sizeof out->fields_zh - 1;
	}
	k = 0;
	for (unsigned i = 0; i < r->ndiff; i++) {
		/* '+' joins them: the audit log's values take no commas */
		k += (size_t)snprintf(out->fields + k, k < sizeof out->fields ? sizeof out->fields - k : 0, "%s%s",
		                      i ? "+" : "", cq_field_name(r->diff[i].field));
		if (k >= sizeof out->fields) k = sizeof out->fields - 1;
	}
}

void page_check_grey(const cq_trust *t, const kiosk_pagefont *pf, const uint8_t *grey, const uint8_t *drop,
                     unsigned w, unsigned h, size_t stride, const int qx[4], const int qy[4], size_t qr_len, const cq_verdict *v,
                     kiosk_page *out)
{
	out->result = -1;
	if (!v->signed_ok) return;
	if (!pf) {
		out->result = CQ_PAGE_UNREADABLE;
		snprintf(out->zh, sizeof out->zh, "缺少发证字体，无法核对页面");
		snprintf(out->en, sizeof out->en, "the issuer's font is missing: the page cannot be judged");
		return;
	}
	char hex[2 * CQ_KEY_ID_BYTES + 1];
	cq_key_id_hex(v->key_id, hex);
	cq_page_input in = {grey, w, h, stride, {0}, {0}, qr_len, &v->rec, v->have_issuer ? v->issuer.bureau : "", hex,
	                    cq_trust_layout(t, v->key_id), drop, NULL, NULL};   /* the signing key's layout, NULL: built-in */
#ifdef KIOSK_OCR
	if (pf->ocr) { in.read = cq_ocr_read; in.read_ctx = pf->ocr; }
#endif
	memcpy(in.qx, qx, sizeof in.qx);
	memcpy(in.qy, qy, sizeof in.qy);
	cq_page_report r;
	char why[256];
	if (cq_page_check(pf->f, &in, &r, why)) {
		out->result = CQ_PAGE_UNREADABLE;
		snprintf(out->zh, sizeof out->zh, "页面检查失败");
		snprintf(out->en, sizeof out->en, "%.190s", why);
		return;
	}
	page_of(&r, out);
}

/* ---- dropped files, in a child ---- */

typedef struct drop_result {
	int rc;                      /* 0 read (codes may be 0), -1 error in why */
	char why[256];
	kiosk_codes codes;
	kiosk_page page[KIOSK_MAX_CODES];
} drop_result;

static void add_codes(const cq_trust *t, const kiosk_pagefont *pf, const cq_scan_result *r, const uint8_t *g,
                      const uint8_t *drop, unsigned w, unsigned h, drop_result *res)
{
	for (size_t i = 0; i < r->n && res->codes.n < KIOSK_MAX_CODES; i++) {
		size_t k = res->codes.n++;
		/* as decoder_run: a text longer than any certificate's is reported
		 * by its length, never judged cut */
		size_t len = r->codes[i].len;
		bool longer = r->codes[i].too_long || len >= sizeof res->codes.text[0];
		res->codes.too_long[k] = longer ? r->codes[i].full_len : 0;
		if (longer) len = 0;
		memcpy(res->codes.text[k], r->codes[i].text, len);
		res->codes.text[k][len] = '\0';
		res->codes.len[k] = len;
		memcpy(res->codes.x[k], r->codes[i].x, sizeof res->codes.x[k]);
		memcpy(res->codes.y[k], r->codes[i].y, sizeof res->codes.y[k]);
		if (longer) continue;
		cq_verdict v;
		if (cq_judge(t, res->codes.text[k], len, &v)) continue;   /* no trust: no page check */
		page_check_grey(t, pf, g, drop, w, h, w, r->codes[i].x, r->codes[i].y, len, &v, &res->page[k]);
	}
}

static void child(const char *path, const cq_trust *t, const kiosk_pagefont *pf, drop_result *res)
{
	struct rlimit as = {DROP_AS_BYTES, DROP_AS_BYTES}, cpu = {DROP_CPU_S, DROP_CPU_S};
	/* AddressSanitizer maps terabytes of shadow address space: under it
	 * (make test-asan) only the CPU and wall-clock limits hold */
	if (!SANITIZED) setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_CPU, &cpu);
	res->rc = -1;
	cq_scan *s = cq_scan_new(NULL);
	if (!s) { snprintf(res->why, sizeof res->why, "out of memory"); return; }
	char magic[5] = "";
	FILE *f = fopen(path, "rb");
	if (f) {
		if (fread(magic, 1, 4, f) != 4) magic[0] = '\0';
		fclose(f);
	}
	cq_scan_result r;
	if (memcmp(magic, "%PDF", 4)) {
		/* images (PNG, JPEG, BMP, PGM) through SDL_image */
		uint8_t *g, *drop;
		unsigned w, h;
		if (!image_load_grey(path, &g, &drop, &w, &h, res->why)) {
			res->rc = 0;
			if (!cq_scan_grey(s, g, w, h, w, &r)) add_codes(t, pf, &r, g, drop, w, h, res);
			free(g);
			free(drop);
		}
		cq_scan_free(s);
		return;
	}
#ifdef KIOSK_PDF
	char *buf = NULL;
	size_t n = 0;
	unsigned npages = 1;
	cq_pdf *doc = NULL;
	int rd = cq_read_file(path, DROP_MAX_BYTES, &buf, &n, res->why);
	if (!rd) {
		/* an image's size from its dictionary, before poppler decodes it */
		cq_pdfimg_scan is;
		cq_pdf_scan_images((const uint8_t *)buf, n, &is);
		if (is.pixels > CQ_RENDER_MAX_PIXELS) {
			snprintf(res->why, sizeof res->why, "the PDF holds an image of %ux%u pixels, beyond the limit: not decoded",
			         is.w, is.h);
			rd = -1;
		}
	}
	if (!rd && (doc = cq_pdf_open((const uint8_t *)buf, n, &npages, res->why))) {
		res->rc = 0;
		for (unsigned p = 0; p < npages && p < DROP_MAX_PAGES && !res->codes.n; p++) {
			cq_grey g = {0};
			if (cq_pdf_render(doc, p, DROP_DPI, CQ_PDF_VIEW, &g, res->why)) { res->rc = -1; break; }
			if (!cq_scan_grey(s, g.px, g.w, g.h, g.w, &r)) add_codes(t, pf, &r, g.px, g.drop, g.w, g.h, res);
			cq_grey_free(&g);
		}
		cq_pdf_close(doc);
	}
	free(buf);
#else
	snprintf(res->why, sizeof res->why, "this build reads no PDF (built with KIOSK_PDF=0): drop a picture of the certificate");
#endif
	cq_scan_free(s);
}

static uint64_t wall_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int drop_check(const char *path, const cq_trust *t, const kiosk_pagefont *pf, bool (*cancel)(void),
               kiosk_codes *codes, kiosk_page page[KIOSK_MAX_CODES], char why[256])
{
	int fds[2];
	memset(codes, 0, sizeof *codes);
	if (pipe(fds)) { snprintf(why, 256, "pipe: %s", strerror(errno)); return -1; }
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) { close(fds[0]); close(fds[1]); snprintf(why, 256, "fork: %s", strerror(errno)); return -1; }
	if (pid == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_IGN);
		static drop_result res;
		memset(&res, 0, sizeof res);
		child(path, t, pf, &res);
		_exit(cq_write_all(fds[1], &res, sizeof res) ? 3 : 0);
	}
	close(fds[1]);
	static drop_result res;
	size_t got = 0;
	uint64_t end = wall_ms() + DROP_WALL_MS;
	bool killed = false, cancelled = false;
	while (got < sizeof res) {
		uint64_t now = wall_ms();
		if (now >= end) { kill(pid, SIGKILL); killed = true; break; }
		/* a quit request (SIGTERM from systemd, the window closed) ends the
		 * child at once: looked at every DROP_POLL_MS */
		if (cancel && cancel()) { kill(pid, SIGKILL); cancelled = true; break; }
		struct pollfd p = {fds[0], POLLIN, 0};
		int r = poll(&p, 1, end - now < DROP_POLL_MS ? (int)(end - now) : DROP_POLL_MS);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) continue;
		ssize_t k = read(fds[0], (char *)&res + got, sizeof res - got);
		if (k < 0 && errno == EINTR) continue;
		if (k <= 0) break;
		got += (size_t)k;
	}
	close(fds[0]);
	int st = 0;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {}
	if (cancelled) { snprintf(why, 256, "stopped: the kiosk is shutting down"); return -1; }
	if (killed) { snprintf(why, 256, "gave up reading the file after %d s (too complex or hostile)", DROP_WALL_MS / 1000); return -1; }
	if (WIFSIGNALED(st) || got != sizeof res) {
		snprintf(why, 256, "the file could not be read safely (the reader %s): damaged or hostile file",
		         WIFSIGNALED(st) ? (WTERMSIG(st) == SIGXCPU ? "ran out of time" : "crashed or ran out of memory") : "stopped");
		return -1;
	}
	if (res.rc) { snprintf(why, 256, "%s", res.why); return -1; }
	*codes = res.codes;
	memcpy(page, res.page, sizeof res.page);
	return 0;
}
