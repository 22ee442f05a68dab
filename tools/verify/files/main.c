/* certqr-verify files: checks PNG/JPEG images and PDFs (files, directories
 * searched recursively, or a list), each file in its own worker process so
 * that both cores are used and a file that crashes or hangs a decoding
 * library only costs that file. Results are printed in input order, and
 * written as JSON Lines, CSV and a self-contained HTML report. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "certqr/coverage.h"
#include "../verify.h"
#include "batch.h"
#include "files.h"

#define FILES_MAX_INPUTS 100000
#define FILES_MAX_DEPTH  32
#define FILES_MSG_MAX   (64u << 20)
#define CQ_FILES_FONT   "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

typedef struct paths { char **v; size_t n, cap; } paths;

static int push(paths *p, const char *s)
{
	if (p->n >= FILES_MAX_INPUTS) { cq_warn("more than %d files: split the batch", FILES_MAX_INPUTS); return -1; }
	if (p->n == p->cap) {
		size_t c = p->cap ? p->cap * 2 : 64;
		char **v = realloc(p->v, c * sizeof *v);
		if (!v) return -1;
		p->v = v;
		p->cap = c;
	}
	if (!(p->v[p->n] = strdup(s))) return -1;
	p->n++;
	return 0;
}

static bool wanted_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || name[0] == '.') return false;
	return !strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Directories: every .pdf/.png/.jpg/.jpeg below, sorted, symlinks not
 * followed, hidden entries skipped. */
static int walk(paths *p, const char *dir, int depth)
{
	if (depth > FILES_MAX_DEPTH) { cq_warn("%s: directories nested too deep, skipped", dir); return 0; }
	DIR *d = opendir(dir);
	if (!d) { cq_warn("%s: %s", dir, strerror(errno)); return 0; }
	paths here = {0};
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.') continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *full = malloc(len);
		if (!full) { rc = -1; break; }
		snprintf(full, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		struct stat st;
		if (lstat(full, &st) == 0 && (S_ISDIR(st.st_mode) || (S_ISREG(st.st_mode) && wanted_name(e->d_name))))
			rc = push(&here, full);
		free(full);
	}
	closedir(d);
	if (here.n) qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; i < here.n; i++) {
		struct stat st;
		if (!rc) {
			if (lstat(here.v[i], &st) == 0 && S_ISDIR(st.st_mode)) rc = walk(p, here.v[i], depth + 1);
			else rc = push(p, here.v[i]);
		}
		free(here.v[i]);
	}
	free(here.v);
	return rc;
}

static int add_arg(paths *p, const char *a)
{
	struct stat st;
	if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) return walk(p, a, 0);
	return push(p, a);   /* a missing file is reported in its row */
}

static int add_list(paths *p, const char *list)
{
	char *buf, why[256];
	size_t n;
	if (cq_read_file(list, 64u << 20, &buf, &n, why)) { cq_warn("%s", why); return -1; }
	int rc = 0;
	for (char *line = buf, *next; line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next) *next++ = 0;
		size_t k = strlen(line);
		if (k && line[k - 1] == '\r') line[--k] = 0;
		if (k) rc = add_arg(p, line);
	}
	free(buf);
	return rc;
}

/* --- the worker pool ----------------------------------------------------- */

typedef struct job {
	pid_t pid;
	int fd;
	size_t idx;
	uint8_t *buf;
	size_t len, cap;
	double start;
	bool killed;
} job;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void parse_result(bfile *f, const uint8_t *b, size_t n)
{
	size_t at = 0;
	bpage *cur = NULL;
	while (at + 8 <= n) {
		uint32_t h[2];
		memcpy(h, b + at, sizeof h);
		at += 8;
		if (h[1] > n - at) break;
		const uint8_t *p = b + at;
		at += h[1];
		if (h[0] == MSG_ERROR) {
			snprintf(f->error, sizeof f->error, "%.*s", (int)h[1], (const char *)p);
		} else if (h[0] == MSG_PAGE && h[1] == sizeof(fpage)) {
			bpage *np = realloc(f->pages, (f->npages + 1) * sizeof *np);
			if (!np) break;
			f->pages = np;
			cur = &f->pages[f->npages++];
			memset(cur, 0, sizeof *cur);
			memcpy(&cur->pg, p, sizeof cur->pg);
			cur->pg.ncodes = 0;
		} else if (h[0] == MSG_CODE && h[1] == sizeof(fcode) && cur) {
			fcode *nc = realloc(cur->codes, (cur->pg.ncodes + 1) * sizeof *nc);
			if (!nc) break;
			cur->codes = nc;
			memcpy(&cur->codes[cur->pg.ncodes++], p, sizeof(fcode));
		} else if (h[0] == MSG_THUMB && cur && !cur->thumb) {
			cur->thumb = malloc(h[1]);
			if (cur->thumb) { memcpy(cur->thumb, p, h[1]); cur->thumb_len = h[1]; }
		} else if (h[0] == MSG_CROP && cur && h[1] > sizeof(fcrop_head) && cur->ncrops < 64) {
			fcrop_head ch;
			memcpy(&ch, p, sizeof ch);
			bcrop *nc = realloc(cur->crops, (cur->ncrops + 1) * sizeof *nc);
			if (!nc) break;
			cur->crops = nc;
			bcrop *c = &cur->crops[cur->ncrops];
			c->code = ch.code;
			c->diff = ch.diff;
			c->len = h[1] - sizeof ch;
			c->jpg = malloc(c->len);
			if (c->jpg) { memcpy(c->jpg, p + sizeof ch, c->len); cur->ncrops++; }
		}
	}
	if (!f->error[0] && f->npages == 0) snprintf(f->error, sizeof f->error, "no result from the worker");
}

static unsigned timeout_s = FILES_TIMEOUT_S;

static void finish_job(job *j, bfile *files)
{
	int st = 0;
	while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR) {}
	bfile *f = &files[j->idx];
	f->ms = (now_s() - j->start) * 1e3;
	parse_result(f, j->buf, j->len);
	if (j->killed)
		snprintf(f->error, sizeof f->error, "gave up after %u s (file too complex, malformed, or not a regular file)",
		         timeout_s);
	else if (WIFSIGNALED(st))
		snprintf(f->error, sizeof f->error, "the decoder crashed on this file (signal %d): damaged or hostile file",
		         WTERMSIG(st));
	free(j->buf);
	close(j->fd);
}

static void progress(bool on, size_t done, size_t total, unsigned long problems, bool last)
{
	if (!on) return;
	fprintf(stderr, "\r%s: %zu/%zu files checked, %lu with problems%s", cq_argv0, done, total, problems,
	        last ? "\n" : "");
	fflush(stderr);
}

static unsigned long file_problems(const bfile *f)
{
	if (f->error[0]) return 1;
	for (unsigned i = 0; i < f->npages; i++) {
		if (!f->pages[i].pg.ncodes) return 1;
		for (unsigned k = 0; k < f->pages[i].pg.ncodes; k++)
			if (code_class(&f->pages[i].codes[k]) != ROW_AUTHENTIC) return 1;
	}
	return 0;
}

static int run_pool(const cq_trust *t, const files_opts *o, paths *p, bfile *files, unsigned jobs, bool prog)
{
	job *run = calloc(jobs, sizeof *run);
	struct pollfd *pf = calloc(jobs, sizeof *pf);
	if (!run || !pf) { free(run); free(pf); return -1; }
	size_t next = 0, done = 0;
	unsigned active = 0;
	unsigned long problems = 0;
	progress(prog, 0, p->n, 0, false);
	while (done < p->n) {
		while (active < jobs && next < p->n) {
			int fds[2];
			if (pipe(fds) || fcntl(fds[0], F_SETFD, FD_CLOEXEC) || fcntl(fds[1], F_SETFD, FD_CLOEXEC)) { cq_warn("pipe: %s", strerror(errno)); free(run); free(pf); return -1; }
			fflush(NULL);
			pid_t pid = fork();
			if (pid < 0) { cq_warn("fork: %s", strerror(errno)); close(fds[0]); close(fds[1]); free(run); free(pf); return -1; }
			if (pid == 0) {
				close(fds[0]);
				signal(SIGPIPE, SIG_IGN);
				_exit(files_work(t, o, p->v[next], fds[1]) ? 3 : 0);
			}
			close(fds[1]);
			run[active] = (job){.pid = pid, .fd = fds[0], .idx = next, .start = now_s()};
			active++;
			next++;
		}
		for (unsigned i = 0; i < active; i++) pf[i] = (struct pollfd){.fd = run[i].fd, .events = POLLIN};
		int r = poll(pf, active, 250);
		if (r < 0 && errno != EINTR) { cq_warn("poll: %s", strerror(errno)); break; }
		double now = now_s();
		for (unsigned i = 0; i < active; ) {
			job *j = &run[i];
			bool eof = false;
			if (pf[i].revents & (POLLIN | POLLHUP | POLLERR)) {
				if (j->cap - j->len < 65536) {
					size_t c = j->cap ? j->cap * 2 : 262144;
					uint8_t *nb = c <= FILES_MSG_MAX ? realloc(j->buf, c) : NULL;
					if (!nb) { kill(j->pid, SIGKILL); j->killed = true; eof = true; }
					else { j->buf = nb; j->cap = c; }
				}
				if (!eof) {
					ssize_t got = read(j->fd, j->buf + j->len, j->cap - j->len);
					if (got > 0) j->len += (size_t)got;
					else if (got == 0 || errno != EINTR) eof = true;
				}
			}
			if (!eof && now - j->start > timeout_s) {
				kill(j->pid, SIGKILL);
				j->killed = true;
				eof = true;
			}
			if (eof) {
				finish_job(j, files);
				problems += file_problems(&files[j->idx]);
				done++;
				progress(prog, done, p->n, problems, done == p->n);
				run[i] = run[--active];
				pf[i] = pf[active];
				continue;   /* the moved job's revents are re-polled next round */
			}
			i++;
		}
	}
	free(run);
	free(pf);
	return 0;
}

/* --- output for people ---------------------------------------------------- */

static void source_name(const bfile *f, const bpage *p, char *out, size_t cap)
{
	if (p && p->pg.npages > 1) snprintf(out, cap, "%s (page %u)", f->path, p->pg.page);
	else snprintf(out, cap, "%s", f->path);
}

/* --raw: FILE<TAB>PAGE<TAB>STEP<TAB>TEXT, the file name and the text escaped
 * (certqr/escape.h), so neither can add a tab, a line or a terminal command. */
static void raw_line(FILE *o, const bfile *f, const bpage *p, const fcode *k)
{
	cq_fputs_escaped(f->path, o);
	fprintf(o, "\t%u\t%s\t", p->pg.page, cq_scan_step_name(k->step));
	cq_fwrite_escaped(k->text, k->len, o);
	fputc('\n', o);
}

static void human_code(vctx *c, const bfile *f, const bpage *p, const fcode *k)
{
	char src[4200], flags[600];
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	source_name(f, p, src, sizeof src);
	row_class rc = code_class(k);
	if (rc == ROW_COMPOSITED) {
		cq_fputs_escaped(src, c->out);
		fprintf(c->out, ": %s%s%s\n", zh ? "合成证书" : "", zh && en ? " " : "", en ? "COMPOSITED" : "");
		if (zh) fprintf(c->out, "  二维码签名有效，但页面显示的内容与签名内容不一致：\n");
		if (en) fprintf(c->out, "  the QR code is genuinely signed, but the page shows something else:\n");
		udiff u[CQ_PAGE_DIFF_MAX + FILES_DIFF_MAX];
		unsigned nu = union_diffs(k, u, sizeof u / sizeof *u);
		for (unsigned i = 0; i < nu; i++) {
			fprintf(c->out, "  %s: %s \"", u[i].field, zh ? (en ? "签名 signed" : "签名") : "signed");
			cq_fputs_escaped(u[i].want, c->out);
			fprintf(c->out, "\", %s \"", zh ? (en ? "页面 page" : "页面") : "page");
			cq_fputs_escaped(u[i].seen, c->out);   /* the page's text: outside */
			fprintf(c->out, "\"%s\n", !u[i].from_text ? "" : zh ? (en ? " (文字层 text layer)" : " (文字层)") : " (text layer)");
		}
		fprintf(c->out, "  %s%s%s %s %u %s %u/%u\n\n", zh ? "签名内容" : "", zh && en ? " " : "", en ? "signed:" : "",
		        k->v.rec.name, k->v.rec.year, k->v.rec.number, k->v.rec.hours_public, k->v.rec.hours_professional);
	} else if (rc == ROW_PAGE_UNREADABLE) {
		cq_fputs_escaped(src, c->out);
		fprintf(c->out, ": %s%s%s\n", zh ? "页面无法判读" : "", zh && en ? " " : "", en ? "PAGE NOT JUDGED" : "");
		if (zh) fprintf(c->out, "  二维码签名有效，但无法判读页面：%s\n  请核对原件，或提供更清晰的扫描件（150 dpi 以上）\n", k->page_reason_zh);
		if (en) fprintf(c->out, "  the QR code is genuinely signed, but the page could not be judged: %s\n"
		                        "  check the original, or ask for a clearer scan (150 dpi or more)\n", k->page_reason);
		fprintf(c->out, "  %s%s%s %s %u %s %u/%u\n\n", zh ? "签名内容" : "", zh && en ? " " : "", en ? "signed:" : "",
		        k->v.rec.name, k->v.rec.year, k->v.rec.number, k->v.rec.hours_public, k->v.rec.hours_professional);
	} else {
		print_human(c, src, &k->v, k->holder);
		if (k->page_check == CQ_PAGE_MATCH)
			fprintf(c->out, "  %s%s%s\n\n", zh ? "页面核对：与签名内容一致" : "", zh && en ? " " : "",
			        en ? "page check: the page shows every signed field" : "");
	}
	code_flags(k, flags, sizeof flags);
	if (*flags) fprintf(c->out, "  ! %s\n\n", flags);
}

static void human_nocode(vctx *c, const bfile *f, const bpage *p)
{
	char src[4200];
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	source_name(f, p, src, sizeof src);
	cq_fputs_escaped(src, c->out);
	fprintf(c->out, ": %s%s%s\n  %s", zh ? "未读到二维码" : "", zh && en ? " " : "", en ? "NO CODE READ" : "",
	        cq_scan_hint_text(p->pg.hint));
	if (p->pg.module_px > 0) fprintf(c->out, " (modules ~%.1f px)", p->pg.module_px);
	fprintf(c->out, "\n  %s\n\n", zh ? (en ? "不计为伪造 not counted as forged" : "不计为伪造") : "not counted as forged");
}

static int usage(FILE *out)
{
	fprintf(out,
	    "usage: certqr-verify files [--trust DIR] [--json | --raw] [--lang zh|en|both] [--quiet]\n"
	    "                           [--jsonl FILE] [--csv FILE] [--html FILE] [--jobs N] [--dpi N]\n"
	    "                           [--thorough] [--timeout S] [--progress | --no-progress]\n"
	    "                           [--holder-id ID [--years FROM-TO]] [--font FILE | --no-page-check]\n"
	    "                           [--list FILE] PATH...\n"
	    "Reads every QR code in PNG/JPEG images and PDFs (each page) and judges it against\n"
	    "the trust store. A directory is searched recursively for .pdf .png .jpg .jpeg files.\n"
	    "  --json           one JSON object per code (or page without code, or bad file)\n"
	    "  --raw            print each decoded QR text as read: FILE<TAB>PAGE<TAB>STEP<TAB>TEXT\n"
	    "  --jsonl/--csv/--html FILE   write the report in that form too\n"
	    "  --list FILE      paths, one a line (\"-\" = stdin)\n"
	    "  --jobs N         worker processes (default: the number of CPUs)\n"
	    "  --dpi N          PDF render resolution (default 150; 300 is tried when nothing is read)\n"
	    "  --thorough       kept for compatibility: every PDF page is rendered now\n"
	    "  --timeout S      give up on a file after S seconds (default 60)\n"
	    "  --quiet          no per-code output on stdout (reports only)\n"
	    "  --no-page-check  do not judge pages (timing, diagnosis): no code is then authentic\n"
	    "  --font FILE      the issuer's font for the page check (default the issuing font,\n"
	    "                   " CQ_FILES_FONT ")\n"
	    "Every verified code's page is judged as shown (the page check): match, differs\n"
	    "(composited) or unreadable.\n"
	    "Exit status: 0 every code authentic with a matching page; 1 some code not\n"
	    "authentic, composited, another holder, or a page with conflicting codes; 2 some\n"
	    "page could not be judged, file unreadable or file without a readable code\n"
	    "(could not check), or usage error. 2 wins over 1.\n");
	return out == stdout ? 0 : VERIFY_CANNOT_CHECK;
}

static int write_report(const char *path, void (*fn)(FILE *, const bfile *, size_t), const bfile *files,
                        size_t n, const cq_trust *t)
{
	char *mem = NULL, why[256];
	size_t len = 0;
	FILE *m = open_memstream(&mem, &len);
	if (!m) { cq_warn("%s: out of memory", path); return -1; }
	if (fn) fn(m, files, n);
	else report_html(m, files, n, t);
	if (fclose(m)) { free(mem); cq_warn("%s: out of memory", path); return -1; }
	int rc = cq_write_atomic(path, mem, len, 0644, true, why);
	if (rc) cq_warn("%s", why);
	free(mem);
	return rc;
}

/* The path list belongs to files_main, which frees it on every return. */
static int files_run(int argc, char **argv, paths *pp)
{
	static vctx c;
	const char *trust = NULL, *lang = NULL, *years = NULL, *jsonl = NULL, *csv = NULL, *html = NULL, *list = NULL,
	           *font = NULL;
	bool raw = false, quiet = false, prog_on = false, prog_off = false, no_page = false;
	unsigned jobs = 0;
	files_opts o = {150, 300, false, false, NULL, NULL};
	c.out = stdout;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !strcmp(a, "-")) {
			if (add_arg(pp, a)) return VERIFY_CANNOT_CHECK;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) return usage(stdout);
		bool *flag = !strcmp(a, "--json") ? &c.json : !strcmp(a, "--raw") ? &raw : !strcmp(a, "--quiet") ? &quiet
		           : !strcmp(a, "--progress") ? &prog_on : !strcmp(a, "--no-progress") ? &prog_off
		           : !strcmp(a, "--thorough") ? &o.thorough : !strcmp(a, "--no-page-check") ? &no_page : NULL;
		if (flag) {
			if (*flag) { cq_warn("%s given twice", a); return usage(stderr); }
			*flag = true;
			continue;
		}
		const char **slot = !strcmp(a, "--trust") ? &trust : !strcmp(a, "--lang") ? &lang
		                  : !strcmp(a, "--years") ? &years : !strcmp(a, "--jsonl") ? &jsonl
		                  : !strcmp(a, "--csv") ? &csv : !strcmp(a, "--html") ? &html
		                  : !strcmp(a, "--list") ? &list : !strcmp(a, "--holder-id") ? &c.holder_id
		                  : !strcmp(a, "--font") ? &font : NULL;
		bool num = !strcmp(a, "--jobs") || !strcmp(a, "--dpi") || !strcmp(a, "--timeout");
		if (!slot && !num) { cq_warn("unknown option '%s' (try files -h)", a); return usage(stderr); }
		if (i + 1 >= argc) { cq_warn("%s needs an argument", a); return usage(stderr); }
		const char *v = argv[++i];
		if (num) {
			char *end;
			unsigned long x = strtoul(v, &end, 10);
			bool dpi = !strcmp(a, "--dpi"), tmo = !strcmp(a, "--timeout");
			unsigned long lo = dpi ? 50 : 1, hi = dpi ? 600 : tmo ? 3600 : 64;
			if (*end || !*v || x < lo || x > hi) {
				cq_warn("%s must be %lu..%lu", a, lo, hi);
				return usage(stderr);
			}
			if (dpi) o.dpi = (unsigned)x;
			else if (tmo) timeout_s = (unsigned)x;
			else jobs = (unsigned)x;
			continue;
		}
		if (*slot) { cq_warn("%s given twice", a); return usage(stderr); }
		*slot = v;
	}
	if (c.json && raw) { cq_warn("--json and --raw exclude each other"); return usage(stderr); }
	if (font && no_page) { cq_warn("--font and --no-page-check exclude each other"); return usage(stderr); }
	if (prog_on && prog_off) { cq_warn("--progress and --no-progress exclude each other"); return usage(stderr); }
	if (list && add_list(pp, list)) return VERIFY_CANNOT_CHECK;
	if (!pp->n) { cq_warn("no files to check (give files, directories or --list)"); return usage(stderr); }
	if (lang) {
		if (!strcmp(lang, "zh")) c.lang = LANG_ZH;
		else if (!strcmp(lang, "en")) c.lang = LANG_EN;
		else if (!strcmp(lang, "both")) c.lang = LANG_BOTH;
		else { cq_warn("--lang must be zh, en or both"); return usage(stderr); }
	}
	if (years) {
		unsigned a, b;
		if (!c.holder_id) { cq_warn("--years needs --holder-id"); return usage(stderr); }
		if (sscanf(years, "%4u-%4u", &a, &b) != 2 || strlen(years) != 9 || a < CQ_YEAR_MIN || b > CQ_YEAR_MAX || a > b) {
			if (sscanf(years, "%4u", &a) != 1 || strlen(years) != 4 || a < CQ_YEAR_MIN || a > CQ_YEAR_MAX) {
				cq_warn("--years must be YYYY or YYYY-YYYY");
				return usage(stderr);
			}
			b = a;
		}
		c.year_from = a;
		c.year_to = b;
	}
	if (c.holder_id) {
		cq_err e;
		if (cq_idnum_validate(c.holder_id, &e)) { cq_warn("--holder-id: %s", e.msg); return VERIFY_CANNOT_CHECK; }
	}
	if (!jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
	}
	if (cq_init()) { cq_warn("libsodium failed to initialise"); return VERIFY_CANNOT_CHECK; }
	cq_trust *t = NULL;
	char why[256];
	cq_store_rc store_rc = cq_store_load(cq_store_dir(trust), &t, why);
	/* --raw only reads the codes: it needs no trust store (a first look at
	 * files before the store is set up), unless something is judged */
	bool judge = !raw || jsonl || csv || html || c.holder_id;
	if (store_rc != CQ_STORE_OK && judge) {
		cq_warn("cannot check: %s", why);
		store_hint(cq_store_dir(trust), store_rc);
		return VERIFY_CANNOT_CHECK;
	}
	if (store_rc != CQ_STORE_OK) t = NULL;
	c.trust = t;
	o.thumbs = html != NULL;
	/* The issuer's font, opened once before the workers fork. */
	char *fontbuf = NULL;
	size_t fontlen = 0;
	cq_pagefont *pf = NULL;
	if (t && !no_page && (cq_read_file(font ? font : CQ_FILES_FONT, 64u << 20, &fontbuf, &fontlen, why) ||
	                      !(pf = cq_pagefont_new((const uint8_t *)fontbuf, fontlen, 0, why)))) {
		cq_warn("cannot check pages: the issuer's font: %s (install fonts-wqy-zenhei, or give --font)", why);
		free(fontbuf);
		cq_trust_free(t);
		return VERIFY_CANNOT_CHECK;
	}
	/* the fallback faces of the issuer's chain, for rare characters of
	 * names (missing ones only leave those characters unjudged) */
	char *fallback[CQ_FONT_CHAIN_LEN] = {NULL};
	for (int i = 1; pf && i < CQ_FONT_CHAIN_LEN; i++) {
		size_t n;
		char fwhy[256];
		if (cq_read_file(cq_font_chain[i].path, 64u << 20, &fallback[i], &n, fwhy) == 0 &&
		    cq_pagefont_add(pf, (const uint8_t *)fallback[i], n, cq_font_chain[i].index, fwhy)) {
			free(fallback[i]);
			fallback[i] = NULL;
		}
	}
	o.font = pf;
	bfile *files = calloc(pp->n, sizeof *files);
	if (!files) { cq_warn("out of memory"); return VERIFY_CANNOT_CHECK; }
	for (size_t i = 0; i < pp->n; i++) files[i].path = pp->v[i];
	bool prog = prog_on || (!prog_off && isatty(2));
	if (run_pool(t, &o, pp, files, jobs, prog)) {
		free(files);
		cq_trust_free(t);
		cq_pagefont_free(pf);
		free(fontbuf);
		for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) free(fallback[i]);
		return VERIFY_CANNOT_CHECK;
	}

	unsigned long bad = 0, unreadable = 0, other = 0, pcount[3] = {0};
	for (size_t i = 0; i < pp->n; i++) {
		bfile *f = &files[i];
		if (f->error[0]) {
			unreadable++;
			if (c.json) json_file_row(c.out, f);
			else if (!raw && !quiet) print_unreadable(&c, f->path, f->error);
			else cq_warn("%s: cannot check: %s", f->path, f->error);
			continue;
		}
		/* a page without a code was not checked, even beside a genuine
		 * page (an appendix, or a decoy copy of the certificate with its
		 * code painted over): it is counted, so the exit is 2, never 0 */
		for (unsigned k = 0; k < f->npages; k++) {
			bpage *pg = &f->pages[k];
			if (!pg->pg.ncodes) {
				unreadable++;
				if (c.json) json_page_row(c.out, f, pg);
				else if (!raw && !quiet) human_nocode(&c, f, pg);
			}
			for (unsigned j = 0; j < pg->pg.ncodes; j++) {
				fcode *code = &pg->codes[j];
				code->holder = cq_verdict_holder(&code->v, c.holder_id);
				row_class rc = code_class(code);
				if (code->page_check >= 0 && code->page_check < 3) pcount[code->page_check]++;
				if (t && rc == ROW_PAGE_UNREADABLE) unreadable++;
				else if (t && rc != ROW_AUTHENTIC && rc != ROW_OTHER_HOLDER) bad++;
				if (code->holder == CQ_HOLDER_MISMATCH) { other++; c.other_holder++; }
				if (raw && code->too_long)   /* its own line, never a cut text */
					cq_warn("%s: page %u: %s", f->path, pg->pg.page, code->v.reason);
				if (raw) raw_line(c.out, f, pg, code);
				else if (c.json) json_code_row(c.out, f, pg, code);
				else if (!quiet) human_code(&c, f, pg, code);
				if (c.year_from && (rc == ROW_AUTHENTIC || rc == ROW_OTHER_HOLDER)) {
					char src[4200];
					source_name(f, pg, src, sizeof src);
					summary_add(&c, src, &code->v, code->holder);
				}
			}
		}
	}
	bool years_ok = true;
	if (c.year_from && !raw) years_ok = summary_print(&c);
	if (c.json) json_people(c.out, files, pp->n);
	else if (!raw && !quiet && pp->n > 1) human_people(c.out, files, pp->n);
	int rc = 0;
	if (jsonl && write_report(jsonl, report_jsonl, files, pp->n, t)) rc = -1;
	if (csv && write_report(csv, report_csv, files, pp->n, t)) rc = -1;
	if (html && write_report(html, NULL, files, pp->n, t)) rc = -1;
	if (!c.json && !raw) {
		bool zh = c.lang != LANG_EN, en = c.lang != LANG_ZH;
		fprintf(stderr, "%s: %zu files: %lu %s%s%s, %lu %s%s%s, %lu %s%s%s; %s%s%s %lu %s%s%s, %lu %s%s%s, %lu %s%s%s\n",
		        cq_argv0, pp->n, bad, zh ? "有问题" : "", zh && en ? " " : "", en ? "not authentic or composited" : "",
		        other, zh ? "持证人不符" : "", zh && en ? " " : "", en ? "another holder" : "",
		        unreadable, zh ? "无法检查" : "", zh && en ? " " : "", en ? "could not be checked" : "",
		        zh ? "页面核对" : "", zh && en ? " " : "", en ? "page check:" : "",
		        pcount[CQ_PAGE_MATCH], zh ? "一致" : "", zh && en ? " " : "", en ? "match" : "",
		        pcount[CQ_PAGE_DIFFERS], zh ? "不一致" : "", zh && en ? " " : "", en ? "differs" : "",
		        pcount[CQ_PAGE_UNREADABLE], zh ? "无法判读" : "", zh && en ? " " : "", en ? "unreadable" : "");
	}
	for (size_t i = 0; i < pp->n; i++) {
		for (unsigned k = 0; k < files[i].npages; k++) {
			free(files[i].pages[k].codes);
			free(files[i].pages[k].thumb);
			for (unsigned q = 0; q < files[i].pages[k].ncrops; q++) free(files[i].pages[k].crops[q].jpg);
			free(files[i].pages[k].crops);
		}
		free(files[i].pages);
	}
	free(files);
	cq_trust_free(t);
	cq_pagefont_free(pf);
	free(fontbuf);
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) free(fallback[i]);
	if (fflush(c.out) || ferror(c.out)) { cq_warn("writing output failed"); return VERIFY_CANNOT_CHECK; }
	if (rc || unreadable) return VERIFY_CANNOT_CHECK;
	return bad || other || !years_ok ? VERIFY_NOT_AUTHENTIC : VERIFY_ALL_AUTHENTIC;
}

int files_main(int argc, char **argv)
{
	paths p = {0};
	int rc = files_run(argc, argv, &p);
	for (size_t i = 0; i < p.n; i++) free(p.v[i]);
	free(p.v);
	return rc;
}
