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
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "certqr/coverage.h"
#include "../verify.h"
#include "batch.h"
#include "files.h"
#include "outfile.h"

#define FILES_MAX_INPUTS 100000
#define FILES_MAX_DEPTH  32
#define FILES_MSG_MAX   (64u << 20)

#if defined(__SANITIZE_ADDRESS__)
#define CQ_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CQ_SANITIZED 1
#endif
#endif
#ifndef CQ_SANITIZED
#define CQ_SANITIZED 0
#endif
#define CQ_FILES_FONT   "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

/* The inputs; why[i] non-NULL: found but not checked (a symlink, a folder
 * too deep or unreadable), reported as a row of its own. */
typedef struct paths { char **v, **why; size_t n, cap; } paths;

static int push_why(paths *p, const char *s, const char *why)
{
	if (p->n >= FILES_MAX_INPUTS) { cq_warn("more than %d files: split the batch", FILES_MAX_INPUTS); return -1; }
	if (p->n == p->cap) {
		size_t c = p->cap ? p->cap * 2 : 64;
		char **v = realloc(p->v, c * sizeof *v);
		if (!v) return -1;
		p->v = v;
		char **w = realloc(p->why, c * sizeof *w);
		if (!w) return -1;
		p->why = w;
		p->cap = c;
	}
	p->why[p->n] = NULL;
	if (!(p->v[p->n] = strdup(s)) || (why && !(p->why[p->n] = strdup(why)))) { free(p->v[p->n]); return -1; }
	p->n++;
	return 0;
}

static int push(paths *p, const char *s) { return push_why(p, s, NULL); }

static bool wanted_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || name[0] == '.') return false;
	return !strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* What a directory entry is to the batch: checked, searched, skipped with a
 * row (the reason in why), or not of interest (ignored: other file types). */
typedef enum { ENT_IGNORE, ENT_FILE, ENT_DIR, ENT_GAP } entry_kind;

static entry_kind classify(const char *full, const char *name, char why[200])
{
	struct stat st, to;
	if (lstat(full, &st)) { snprintf(why, 200, "未检查：无法读取 not checked: %s", strerror(errno)); return ENT_GAP; }
	bool hidden = name[0] == '.';
	const char *dot = strrchr(name, '.');
	bool wanted = wanted_name(hidden ? name + 1 : name) || (hidden && dot && dot != name && wanted_name(name + 1));
	if (S_ISLNK(st.st_mode)) {
		/* never followed: it may lead out of the folder given, or in a
		 * loop; the committee checks its target directly */
		if (stat(full, &to) == 0 && (S_ISDIR(to.st_mode) || (S_ISREG(to.st_mode) && wanted))) {
			snprintf(why, 200, "未检查：符号链接不跟随，请直接检查其目标 not checked: a symbolic link%s is not followed (check its target directly)",
			         S_ISDIR(to.st_mode) ? " to a folder" : "");
			return ENT_GAP;
		}
		return ENT_IGNORE;
	}
	if (hidden && (S_ISDIR(st.st_mode) || wanted)) {
		snprintf(why, 200, "未检查：隐藏的%s not checked: hidden %s (name starts with '.')",
		         S_ISDIR(st.st_mode) ? "文件夹" : "文件", S_ISDIR(st.st_mode) ? "folder" : "file");
		return ENT_GAP;
	}
	if (S_ISDIR(st.st_mode)) return ENT_DIR;
	if (!wanted) return ENT_IGNORE;
	if (S_ISREG(st.st_mode)) return ENT_FILE;
	snprintf(why, 200, "未检查：不是普通文件 not checked: not a regular file");
	return ENT_GAP;
}

/* Directories: every .pdf/.png/.jpg/.jpeg below, sorted. What is found
 * and not checked (symlinks, hidden entries, folders that cannot be read or
 * lie deeper than FILES_MAX_DEPTH) gets a row: never a silent gap. */
static int walk(paths *p, const char *dir, int depth)
{
	char why[256];
	if (depth > FILES_MAX_DEPTH) {
		snprintf(why, sizeof why, "未检查：文件夹嵌套超过 %d 层 not checked: folder nested more than %d levels deep",
		         FILES_MAX_DEPTH, FILES_MAX_DEPTH);
		return push_why(p, dir, why);
	}
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, sizeof why, "未检查：无法打开文件夹 not checked: folder cannot be read: %s", strerror(errno));
		return push_why(p, dir, why);
	}
	paths here = {0};
	struct dirent *e;
	int rc = 0;
	errno = 0;
	while (!rc && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *full = malloc(len);
		if (!full) { rc = -1; break; }
		snprintf(full, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		char ewhy[200];
		entry_kind k = classify(full, e->d_name, ewhy);
		if (k != ENT_IGNORE) rc = push_why(&here, full, k == ENT_GAP ? ewhy : NULL);
		free(full);
		errno = 0;
	}
	if (!rc && errno) {
		snprintf(why, sizeof why, "未检查：文件夹读取中断 not checked: reading the folder failed: %s", strerror(errno));
		rc = push_why(p, dir, why);
	}
	closedir(d);
	/* sorted by name, each name's reason moved along with it */
	typedef struct ent { char *name, *why; } ent;
	ent *es = here.n ? malloc(here.n * sizeof *es) : NULL;
	if (here.n && !es) rc = -1;
	for (size_t i = 0; es && i < here.n; i++) es[i] = (ent){here.v[i], here.why[i]};
	if (es) qsort(es, here.n, sizeof *es, cmp_str);   /* name is the first member */
	for (size_t i = 0; es && i < here.n && !rc; i++) {
		struct stat st;
		if (es[i].why) rc = push_why(p, es[i].name, es[i].why);
		else if (lstat(es[i].name, &st) == 0 && S_ISDIR(st.st_mode)) rc = walk(p, es[i].name, depth + 1);
		else rc = push(p, es[i].name);
	}
	for (size_t i = 0; i < here.n; i++) { free(here.v[i]); free(here.why[i]); }
	free(here.v);
	free(here.why);
	free(es);
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
	bool over_memory;        /* killed by the parent's resident-size watch */
} job;

/* A worker's resident size in KiB, from /proc (0 if unknown). */
static unsigned long rss_kib(pid_t pid)
{
	char p[64];
	snprintf(p, sizeof p, "/proc/%ld/statm", (long)pid);
	FILE *f = fopen(p, "r");
	unsigned long size = 0, res = 0;
	if (f) {
		if (fscanf(f, "%lu %lu", &size, &res) != 2) res = 0;
		fclose(f);
	}
	return res * (unsigned long)(sysconf(_SC_PAGESIZE) / 1024);
}

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
		} else if (h[0] == MSG_LIMIT && h[1] == sizeof(flimit)) {
			flimit l;
			memcpy(&l, p, sizeof l);
			f->limit_from = l.from;
			f->limit_pages = l.npages;
			snprintf(f->limit, sizeof f->limit,
			         "未检查：第 %u–%u 页（每个文件最多读 %u 页）not checked: pages %u–%u (at most %u pages a file are read; --max-pages)",
			         l.from, l.npages, l.from - 1, l.from, l.npages, l.from - 1);
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

/* The budget of one worker (docs/verifying-files.md, "Limits"). */
static unsigned timeout_s = FILES_TIMEOUT_S, cpu_s = FILES_CPU_S, mem_mb = FILES_MEM_MB;

/* SIGTERM, SIGINT, SIGHUP: the batch stops, its workers are killed, and
 * what was checked is written with a row for each file that was not. */
static volatile sig_atomic_t stop_signal;
static void on_stop(int sig) { stop_signal = sig; }

static void finish_job(job *j, bfile *files)
{
	int st = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(j->pid, &st, 0, &ru) < 0 && errno == EINTR) {}
	bfile *f = &files[j->idx];
	f->ms = (now_s() - j->start) * 1e3;
	parse_result(f, j->buf, j->len);
	if (j->over_memory)
		snprintf(f->error, sizeof f->error,
		         "文件过大：超出 %u MiB 内存上限 gave up: decoding the file needed more than its memory limit of %u MiB (--mem-limit): too large or hostile",
		         mem_mb, mem_mb);
	else if (j->killed && stop_signal)
		snprintf(f->error, sizeof f->error, "未检查：核验被中断 not checked: the batch was interrupted (signal %d)",
		         (int)stop_signal);
	else if (j->killed)
		snprintf(f->error, sizeof f->error, "gave up after %u s (file too complex, malformed, or not a regular file)",
		         timeout_s);
	else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
		snprintf(f->error, sizeof f->error,
		         "文件过于复杂：超出 %u 秒处理器时间上限 gave up: the file used its CPU limit of %u s (--cpu-limit): too complex or hostile",
		         cpu_s, cpu_s);
	else if (WIFSIGNALED(st) && (unsigned long)ru.ru_maxrss >= (unsigned long)mem_mb * 1024 / 2)
		snprintf(f->error, sizeof f->error,
		         "文件过大：超出 %u MiB 内存上限 gave up: decoding the file needed more than its memory limit of %u MiB (--mem-limit): too large or hostile",
		         mem_mb, mem_mb);
	else if (WIFSIGNALED(st))
		snprintf(f->error, sizeof f->error, "the decoder crashed on this file (signal %d): damaged or hostile file",
		         WTERMSIG(st));
	if (f->error[0]) f->limit[0] = 0;
	f->done = true;
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
	if (f->error[0] || f->limit[0]) return 1;
	for (unsigned i = 0; i < f->npages; i++) {
		if (!f->pages[i].pg.ncodes) return 1;
		for (unsigned k = 0; k < f->pages[i].pg.ncodes; k++)
			if (code_class(&f->pages[i].codes[k]) != ROW_AUTHENTIC) return 1;
	}
	return 0;
}

static void free_file(bfile *f)
{
	for (unsigned k = 0; k < f->npages; k++) {
		free(f->pages[k].codes);
		free(f->pages[k].thumb);
		for (unsigned q = 0; q < f->pages[k].ncrops; q++) free(f->pages[k].crops[q].jpg);
		free(f->pages[k].crops);
	}
	free(f->pages);
	f->pages = NULL;
	f->npages = 0;
}

/* The worker's limits, set after fork and before any outside byte is
 * read: address space (not under AddressSanitizer, whose shadow mapping
 * needs terabytes), CPU seconds (SIGXCPU ends it), no file written. */
static void worker_limits(void)
{
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit as = {(rlim_t)mem_mb << 20, (rlim_t)mem_mb << 20}, cpu = {cpu_s, cpu_s + 2}, fs = {0, 0};
	if (!CQ_SANITIZED) setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_FSIZE, &fs);
}

typedef struct emitter emitter;
static void emit_file(emitter *e, bfile *f);

/* Files are handed out in input order; rows are written in that order as
 * soon as every earlier file is done, and a file's results are freed once
 * written. At most `window` files are past the last one written (done or
 * running), so the parent's memory does not grow with the batch. */
static int run_pool(const cq_trust *t, const files_opts *o, paths *p, bfile *files, unsigned jobs, bool prog,
                    emitter *em)
{
	job *run = calloc(jobs, sizeof *run);
	struct pollfd *pf = calloc(jobs, sizeof *pf);
	if (!run || !pf) { free(run); free(pf); return -1; }
	size_t next = 0, done = 0, emitted = 0, window = jobs * 4 < 16 ? 16 : (size_t)jobs * 4;
	unsigned active = 0;
	unsigned long problems = 0;
	int rc = 0;
	progress(prog, 0, p->n, 0, false);
	while (emitted < p->n) {
		if (stop_signal) {
			for (unsigned i = 0; i < active; i++) { kill(run[i].pid, SIGKILL); run[i].killed = true; }
			for (unsigned i = 0; i < active; i++) { finish_job(&run[i], files); done++; }
			active = 0;
			for (; next < p->n; next++) {
				bfile *f = &files[next];
				snprintf(f->error, sizeof f->error, "未检查：核验被中断 not checked: the batch was interrupted (signal %d)",
				         (int)stop_signal);
				f->skipped = f->done = true;
				done++;
			}
		}
		while (active < jobs && next < p->n && next < emitted + window) {
			bfile *f = &files[next];
			if (p->why[next]) {   /* found, not checked: its row only */
				snprintf(f->error, sizeof f->error, "%s", p->why[next]);
				f->skipped = f->done = true;
				next++;
				done++;
				continue;
			}
			int fds[2];
			if (pipe(fds) || fcntl(fds[0], F_SETFD, FD_CLOEXEC) || fcntl(fds[1], F_SETFD, FD_CLOEXEC)) { cq_warn("pipe: %s", strerror(errno)); rc = -1; goto out; }
			fflush(NULL);
			pid_t pid = fork();
			if (pid < 0) { cq_warn("fork: %s", strerror(errno)); close(fds[0]); close(fds[1]); rc = -1; goto out; }
			if (pid == 0) {
				close(fds[0]);
				worker_limits();
				_exit(files_work(t, o, p->v[next], fds[1]) ? 3 : 0);
			}
			close(fds[1]);
			run[active] = (job){.pid = pid, .fd = fds[0], .idx = next, .start = now_s()};
			active++;
			next++;
		}
		while (emitted < p->n && files[emitted].done) {
			problems += file_problems(&files[emitted]);
			emit_file(em, &files[emitted]);
			free_file(&files[emitted]);
			emitted++;
			progress(prog, emitted, p->n, problems, emitted == p->n);
		}
		if (!active) continue;
		for (unsigned i = 0; i < active; i++) pf[i] = (struct pollfd){.fd = run[i].fd, .events = POLLIN};
		int r = poll(pf, active, 250);
		if (r < 0 && errno != EINTR) { cq_warn("poll: %s", strerror(errno)); rc = -1; goto out; }
		if (r < 0) continue;   /* a signal: stop_signal is looked at first */
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
			/* Under AddressSanitizer a worker has no address-space limit
			 * (its shadow mapping needs terabytes): its resident size is
			 * watched instead, every poll (at most 250 ms apart). */
			if (!eof && CQ_SANITIZED && rss_kib(j->pid) > (unsigned long)mem_mb * 1024) {
				kill(j->pid, SIGKILL);
				j->killed = j->over_memory = true;
				eof = true;
			}
			if (eof) {
				finish_job(j, files);
				done++;
				run[i] = run[--active];
				pf[i] = pf[active];
				continue;   /* the moved job's revents are re-polled next round */
			}
			i++;
		}
	}
out:
	for (unsigned i = 0; i < active; i++) {
		kill(run[i].pid, SIGKILL);
		while (waitpid(run[i].pid, NULL, 0) < 0 && errno == EINTR) {}
		close(run[i].fd);
		free(run[i].buf);
	}
	(void)done;
	free(run);
	free(pf);
	return rc;
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
	    "                           [--thorough] [--timeout S] [--cpu-limit S] [--mem-limit MIB]\n"
	    "                           [--max-pages N] [--progress | --no-progress]\n"
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
	    "  --cpu-limit S    CPU seconds a file may use (default 60)\n"
	    "  --mem-limit MIB  memory (address space) a file's worker may use (default 1536)\n"
	    "  --max-pages N    PDF pages read per file (default 200); the rest get a \"not checked\" row\n"
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

/* What is written as each file completes, and the batch's counts. */
struct emitter {
	vctx *c;
	bool raw, quiet;
	const cq_trust *t;
	outfile jsonl, csv, html;
	FILE *html_rows;
	unsigned long cnt[ROW_COUNT_];
	unsigned long bad, unreadable, other, pcount[3];
	people *people;
	bool oom;
};

static void human_gap(vctx *c, const bfile *f, const char *why, unsigned from, unsigned pages)
{
	bool zh = c->lang != LANG_EN, en = c->lang != LANG_ZH;
	cq_fputs_escaped(f->path, c->out);
	if (from) fprintf(c->out, " (pages %u-%u)", from, pages);
	fprintf(c->out, ": %s%s%s\n  ", zh ? "未检查" : "", zh && en ? " " : "", en ? "NOT CHECKED" : "");
	cq_fputs_escaped(why, c->out);
	fputs("\n\n", c->out);
}

static void emit_file(emitter *e, bfile *f)
{
	vctx *c = e->c;
	for (unsigned k = 0; k < f->npages; k++)
		for (unsigned j = 0; j < f->pages[k].pg.ncodes; j++)
			f->pages[k].codes[j].holder = cq_verdict_holder(&f->pages[k].codes[j].v, c->holder_id);
	if (e->jsonl.f) report_jsonl_file(e->jsonl.f, f);
	if (e->csv.f) report_csv_file(e->csv.f, f);
	if (e->html_rows) report_html_file(e->html_rows, f, e->cnt);
	if (f->error[0]) {
		e->unreadable++;
		if (c->json) json_file_row(c->out, f);
		else if (!e->raw && !e->quiet && f->skipped) { cq_warn("%s: %s", f->path, f->error); human_gap(c, f, f->error, 0, 0); }
		else if (!e->raw && !e->quiet) print_unreadable(c, f->path, f->error);
		else cq_warn("%s: cannot check: %s", f->path, f->error);
		return;
	}
	if (people_add_file(e->people, f)) e->oom = true;
	/* a page without a code was not checked, even beside a genuine page
	 * (an appendix, or a decoy copy of the certificate with its code
	 * painted over): it is counted, so the exit is 2, never 0 */
	for (unsigned k = 0; k < f->npages; k++) {
		bpage *pg = &f->pages[k];
		if (!pg->pg.ncodes) {
			e->unreadable++;
			if (c->json) json_page_row(c->out, f, pg);
			else if (!e->raw && !e->quiet) human_nocode(c, f, pg);
		}
		for (unsigned j = 0; j < pg->pg.ncodes; j++) {
			fcode *code = &pg->codes[j];
			row_class rc = code_class(code);
			if (code->page_check >= 0 && code->page_check < 3) e->pcount[code->page_check]++;
			if (e->t && rc == ROW_PAGE_UNREADABLE) e->unreadable++;
			else if (e->t && rc != ROW_AUTHENTIC && rc != ROW_OTHER_HOLDER) e->bad++;
			if (code->holder == CQ_HOLDER_MISMATCH) { e->other++; c->other_holder++; }
			if (e->raw && code->too_long)   /* its own line, never a cut text */
				cq_warn("%s: page %u: %s", f->path, pg->pg.page, code->v.reason);
			if (e->raw) raw_line(c->out, f, pg, code);
			else if (c->json) json_code_row(c->out, f, pg, code);
			else if (!e->quiet) human_code(c, f, pg, code);
			if (c->year_from && (rc == ROW_AUTHENTIC || rc == ROW_OTHER_HOLDER)) {
				char src[4200];
				source_name(f, pg, src, sizeof src);
				summary_add(c, src, &code->v, code->holder);
			}
		}
	}
	if (f->limit[0]) {
		/* pages past the limit: a row of their own, never a silent end */
		e->unreadable++;
		if (c->json) json_limit_row(c->out, f);
		else if (!e->raw && !e->quiet) human_gap(c, f, f->limit, f->limit_from, f->limit_pages);
		else cq_warn("%s: %s", f->path, f->limit);
	}
}

/* The path list belongs to files_main, which frees it on every return. */
static int files_run(int argc, char **argv, paths *pp)
{
	static vctx c;
	const char *trust = NULL, *lang = NULL, *years = NULL, *jsonl = NULL, *csv = NULL, *html = NULL, *list = NULL,
	           *font = NULL;
	bool raw = false, quiet = false, prog_on = false, prog_off = false, no_page = false;
	unsigned jobs = 0;
	files_opts o = {150, 300, false, false, NULL, NULL, FILES_MAX_PAGES};
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
		bool num = !strcmp(a, "--jobs") || !strcmp(a, "--dpi") || !strcmp(a, "--timeout") || !strcmp(a, "--mem-limit") ||
		           !strcmp(a, "--cpu-limit") || !strcmp(a, "--max-pages");
		if (!slot && !num) { cq_warn("unknown option '%s' (try files -h)", a); return usage(stderr); }
		if (i + 1 >= argc) { cq_warn("%s needs an argument", a); return usage(stderr); }
		const char *v = argv[++i];
		if (num) {
			char *end;
			unsigned long x = strtoul(v, &end, 10);
			bool dpi = !strcmp(a, "--dpi"), tmo = !strcmp(a, "--timeout"), mem = !strcmp(a, "--mem-limit"),
			     cpu = !strcmp(a, "--cpu-limit"), pages = !strcmp(a, "--max-pages");
			unsigned long lo = dpi ? 50 : mem ? 256 : 1,
			              hi = dpi ? 600 : tmo || cpu ? 3600 : mem ? 65536 : pages ? 100000 : 64;
			if (*end || !*v || x < lo || x > hi) {
				cq_warn("%s must be %lu..%lu", a, lo, hi);
				return usage(stderr);
			}
			if (dpi) o.dpi = (unsigned)x;
			else if (tmo) timeout_s = (unsigned)x;
			else if (mem) mem_mb = (unsigned)x;
			else if (cpu) cpu_s = (unsigned)x;
			else if (pages) o.max_pages = (unsigned)x;
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
	/* The issuer's font chain, mapped once before the workers fork: the
	 * workers share its pages, and only those a page's text needs are read
	 * (the fallbacks, about 100 MB, are opened when a rare character of a
	 * name first needs them). */
	const uint8_t *fontmap[CQ_FONT_CHAIN_LEN] = {NULL};
	size_t fontlen[CQ_FONT_CHAIN_LEN] = {0};
	cq_pagefont *pf = NULL;
	if (t && !no_page && (cq_map_file(font ? font : CQ_FILES_FONT, 64u << 20, &fontmap[0], &fontlen[0], why) ||
	                      !(pf = cq_pagefont_new(fontmap[0], fontlen[0], 0, why)))) {
		cq_warn("cannot check pages: the issuer's font: %s (install fonts-wqy-zenhei, or give --font)", why);
		cq_unmap_file(fontmap[0], fontlen[0]);
		cq_trust_free(t);
		return VERIFY_CANNOT_CHECK;
	}
	/* the fallback faces of the issuer's chain, for rare characters of
	 * names (missing ones only leave those characters unjudged) */
	for (int i = 1; pf && i < CQ_FONT_CHAIN_LEN; i++) {
		char fwhy[256];
		if (cq_map_file(cq_font_chain[i].path, 64u << 20, &fontmap[i], &fontlen[i], fwhy) == 0 &&
		    cq_pagefont_add(pf, fontmap[i], fontlen[i], cq_font_chain[i].index, fwhy)) {
			cq_unmap_file(fontmap[i], fontlen[i]);
			fontmap[i] = NULL;
		}
	}
	o.font = pf;
	bfile *files = calloc(pp->n, sizeof *files);
	emitter em = {.c = &c, .raw = raw, .quiet = quiet, .t = t, .people = people_new()};
	int rc = 0;
	if (!files || !em.people) { cq_warn("out of memory"); rc = -1; }
	if (!rc && jsonl && outfile_open(&em.jsonl, jsonl)) rc = -1;
	if (!rc && csv && outfile_open(&em.csv, csv)) rc = -1;
	if (!rc && html && (outfile_open(&em.html, html) || !(em.html_rows = tmpfile()))) {
		if (!em.html_rows) cq_warn("a temporary file for the HTML report: %s", strerror(errno));
		rc = -1;
	}
	if (em.csv.f) report_csv_head(em.csv.f);
	for (size_t i = 0; !rc && i < pp->n; i++) files[i].path = pp->v[i];
	bool prog = prog_on || (!prog_off && isatty(2));
	struct sigaction sa, old[3];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;   /* no SA_RESTART: poll returns at once */
	sigemptyset(&sa.sa_mask);
	static const int stops[3] = {SIGTERM, SIGINT, SIGHUP};
	for (int i = 0; i < 3; i++) sigaction(stops[i], &sa, &old[i]);
	if (!rc && run_pool(t, &o, pp, files, jobs, prog, &em)) rc = -1;
	for (int i = 0; i < 3; i++) sigaction(stops[i], &old[i], NULL);
	if (em.oom) { cq_warn("out of memory (the per-person summary is incomplete)"); rc = -1; }
	bool years_ok = true;
	if (!rc) {
		if (c.year_from && !raw) years_ok = summary_print(&c);
		if (c.json) json_people(c.out, em.people);
		else if (!raw && !quiet && pp->n > 1) human_people(c.out, em.people);
		if (em.jsonl.f) json_people(em.jsonl.f, em.people);
		if (em.jsonl.f && outfile_commit(&em.jsonl)) rc = -1;
		if (em.csv.f && outfile_commit(&em.csv)) rc = -1;
		if (em.html.f && (report_html_finish(em.html.f, em.html_rows, em.cnt, pp->n, t, em.people) || outfile_commit(&em.html)))
			rc = -1;
	}
	outfile_discard(&em.jsonl);
	outfile_discard(&em.csv);
	outfile_discard(&em.html);
	if (em.html_rows) fclose(em.html_rows);
	if (!c.json && !raw && files) {
		bool zh = c.lang != LANG_EN, en = c.lang != LANG_ZH;
		fprintf(stderr, "%s: %zu files: %lu %s%s%s, %lu %s%s%s, %lu %s%s%s; %s%s%s %lu %s%s%s, %lu %s%s%s, %lu %s%s%s\n",
		        cq_argv0, pp->n, em.bad, zh ? "有问题" : "", zh && en ? " " : "", en ? "not authentic or composited" : "",
		        em.other, zh ? "持证人不符" : "", zh && en ? " " : "", en ? "another holder" : "",
		        em.unreadable, zh ? "无法检查" : "", zh && en ? " " : "", en ? "could not be checked" : "",
		        zh ? "页面核对" : "", zh && en ? " " : "", en ? "page check:" : "",
		        em.pcount[CQ_PAGE_MATCH], zh ? "一致" : "", zh && en ? " " : "", en ? "match" : "",
		        em.pcount[CQ_PAGE_DIFFERS], zh ? "不一致" : "", zh && en ? " " : "", en ? "differs" : "",
		        em.pcount[CQ_PAGE_UNREADABLE], zh ? "无法判读" : "", zh && en ? " " : "", en ? "unreadable" : "");
	}
	if (stop_signal)
		cq_warn("核验被中断，已写出已检查的结果 interrupted by signal %d: the files checked so far are reported, the rest as not checked",
		        (int)stop_signal);
	for (size_t i = 0; files && i < pp->n; i++) free_file(&files[i]);
	free(files);
	people_free(em.people);
	cq_trust_free(t);
	cq_pagefont_free(pf);
	for (int i = 0; i < CQ_FONT_CHAIN_LEN; i++) cq_unmap_file(fontmap[i], fontlen[i]);
	if (fflush(c.out) || ferror(c.out)) { cq_warn("writing output failed"); return VERIFY_CANNOT_CHECK; }
	if (rc || em.unreadable || stop_signal) return VERIFY_CANNOT_CHECK;
	return em.bad || em.other || !years_ok ? VERIFY_NOT_AUTHENTIC : VERIFY_ALL_AUTHENTIC;
}

int files_main(int argc, char **argv)
{
	paths p = {0};
	int rc = files_run(argc, argv, &p);
	for (size_t i = 0; i < p.n; i++) { free(p.v[i]); free(p.why[i]); }
	free(p.v);
	free(p.why);
	return rc;
}
