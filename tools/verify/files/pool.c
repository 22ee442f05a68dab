/* The worker pool of certqr-verify files (pool.h): one child process per
 * file, its limits set before it reads a byte, its results read from a
 * pipe, and the files handed on in input order. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "certqr/io.h"
#include "pool.h"
#include "result.h"
#include "row.h"

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

typedef struct pool {
	const cq_trust *t;
	const files_opts *o;
	const paths *p;
	bfile *files;
	const pool_limits *lim;
	pool_emit emit;
	void *ctx;
	job *run;
	struct pollfd *pf;
	unsigned jobs, active;
	size_t next, emitted, window;
	unsigned long problems;
	bool progress;
} pool;

/* SIGTERM, SIGINT, SIGHUP: the batch stops, its workers are killed, and
 * what was checked is written with a row for each file that was not. */
static volatile sig_atomic_t stop_signal;
static void on_stop(int sig) { stop_signal = sig; }

int pool_stop_signal(void) { return (int)stop_signal; }

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

/* Why the worker ended without a result of its own, in f->error. */
static void job_error(const job *j, int st, const struct rusage *ru, const pool_limits *lim, bfile *f)
{
	unsigned mem_mb = lim->mem_mb;
	if (j->over_memory)
		snprintf(f->error, sizeof f->error,
		         "文件过大：超出 %u MiB 内存上限 gave up: decoding the file needed more than its memory limit of %u MiB (--mem-limit): too large or hostile",
		         mem_mb, mem_mb);
	else if (j->killed && stop_signal)
		snprintf(f->error, sizeof f->error, "未检查：核验被中断 not checked: the batch was interrupted (signal %d)",
		         (int)stop_signal);
	else if (j->killed)
		snprintf(f->error, sizeof f->error, "gave up after %u s (file too complex, malformed, or not a regular file)",
		         lim->timeout_s);
	else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGXCPU)
		snprintf(f->error, sizeof f->error,
		         "文件过于复杂：超出 %u 秒处理器时间上限 gave up: the file used its CPU limit of %u s (--cpu-limit): too complex or hostile",
		         lim->cpu_s, lim->cpu_s);
	else if (WIFSIGNALED(st) && (unsigned long)ru->ru_maxrss >= (unsigned long)mem_mb * 1024 / 2)
		snprintf(f->error, sizeof f->error,
		         "文件过大：超出 %u MiB 内存上限 gave up: decoding the file needed more than its memory limit of %u MiB (--mem-limit): too large or hostile",
		         mem_mb, mem_mb);
	else if (WIFSIGNALED(st))
		snprintf(f->error, sizeof f->error, "the decoder crashed on this file (signal %d): damaged or hostile file",
		         WTERMSIG(st));
}

static void finish_job(pool *pl, job *j)
{
	int st = 0;
	struct rusage ru;
	memset(&ru, 0, sizeof ru);
	while (wait4(j->pid, &st, 0, &ru) < 0 && errno == EINTR) {}
	bfile *f = &pl->files[j->idx];
	f->ms = (now_s() - j->start) * 1e3;
	result_parse(f, j->buf, j->len);
	job_error(j, st, &ru, pl->lim, f);
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

/* The worker's limits, set after fork and before any outside byte is
 * read: address space (not under AddressSanitizer, whose shadow mapping
 * needs terabytes), CPU seconds (SIGXCPU ends it), no file written. */
static void worker_limits(const pool_limits *lim)
{
	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);
	struct rlimit as = {(rlim_t)lim->mem_mb << 20, (rlim_t)lim->mem_mb << 20}, cpu = {lim->cpu_s, lim->cpu_s + 2},
	              fs = {0, 0};
	if (!CQ_SANITIZED) setrlimit(RLIMIT_AS, &as);
	setrlimit(RLIMIT_CPU, &cpu);
	setrlimit(RLIMIT_FSIZE, &fs);
}

static void mark_not_checked(pool *pl, const char *why)
{
	bfile *f = &pl->files[pl->next++];
	snprintf(f->error, sizeof f->error, "%s", why);
	f->skipped = f->done = true;
}

/* A stop signal: the running workers are killed and every file not yet
 * started is marked as not checked. */
static void stop_all(pool *pl)
{
	for (unsigned i = 0; i < pl->active; i++) { kill(pl->run[i].pid, SIGKILL); pl->run[i].killed = true; }
	for (unsigned i = 0; i < pl->active; i++) finish_job(pl, &pl->run[i]);
	pl->active = 0;
	char why[200];
	snprintf(why, sizeof why, "未检查：核验被中断 not checked: the batch was interrupted (signal %d)", (int)stop_signal);
	while (pl->next < pl->p->n) mark_not_checked(pl, why);
}

/* Starts workers while there are free slots and the window allows.
 * 0, or -1 after a message (pipe or fork failed). */
static int start_jobs(pool *pl)
{
	while (pl->active < pl->jobs && pl->next < pl->p->n && pl->next < pl->emitted + pl->window) {
		if (pl->p->why[pl->next]) {   /* found, not checked: its row only */
			mark_not_checked(pl, pl->p->why[pl->next]);
			continue;
		}
		int fds[2];
		if (pipe(fds) || fcntl(fds[0], F_SETFD, FD_CLOEXEC) || fcntl(fds[1], F_SETFD, FD_CLOEXEC)) {
			cq_warn("pipe: %s", strerror(errno));
			return -1;
		}
		fflush(NULL);
		pid_t pid = fork();
		if (pid < 0) { cq_warn("fork: %s", strerror(errno)); close(fds[0]); close(fds[1]); return -1; }
		if (pid == 0) {
			close(fds[0]);
			worker_limits(pl->lim);
			_exit(files_work(pl->t, pl->o, pl->p->v[pl->next], fds[1]) ? 3 : 0);
		}
		close(fds[1]);
		pl->run[pl->active++] = (job){.pid = pid, .fd = fds[0], .idx = pl->next, .start = now_s()};
		pl->next++;
	}
	return 0;
}

/* Every file done in input order is handed on, then freed. */
static void emit_ready(pool *pl)
{
	size_t n = pl->p->n;
	while (pl->emitted < n && pl->files[pl->emitted].done) {
		bfile *f = &pl->files[pl->emitted];
		pl->problems += file_problems(f);
		pl->emit(pl->ctx, f);
		result_free(f);
		pl->emitted++;
		progress(pl->progress, pl->emitted, n, pl->problems, pl->emitted == n);
	}
}

/* Reads what the worker sent, and kills it past its time or (under
 * AddressSanitizer) its memory. True when the job is over. */
static bool read_job(pool *pl, job *j, short revents, double now)
{
	if (revents & (POLLIN | POLLHUP | POLLERR)) {
		if (j->cap - j->len < 65536) {
			size_t c = j->cap ? j->cap * 2 : 262144;
			uint8_t *nb = c <= FILES_MSG_MAX ? realloc(j->buf, c) : NULL;
			if (!nb) { kill(j->pid, SIGKILL); j->killed = true; return true; }
			j->buf = nb;
			j->cap = c;
		}
		ssize_t got = read(j->fd, j->buf + j->len, j->cap - j->len);
		if (got > 0) j->len += (size_t)got;
		else if (got == 0 || errno != EINTR) return true;
	}
	if (now - j->start > pl->lim->timeout_s) {
		kill(j->pid, SIGKILL);
		j->killed = true;
		return true;
	}
	/* Under AddressSanitizer a worker has no address-space limit (its
	 * shadow mapping needs terabytes): its resident size is watched
	 * instead, every poll (at most 250 ms apart). */
	if (CQ_SANITIZED && rss_kib(j->pid) > (unsigned long)pl->lim->mem_mb * 1024) {
		kill(j->pid, SIGKILL);
		j->killed = j->over_memory = true;
		return true;
	}
	return false;
}

/* One poll over the running workers. 0, or -1 after a message. */
static int poll_round(pool *pl)
{
	for (unsigned i = 0; i < pl->active; i++) pl->pf[i] = (struct pollfd){.fd = pl->run[i].fd, .events = POLLIN};
	int r = poll(pl->pf, pl->active, 250);
	if (r < 0 && errno != EINTR) { cq_warn("poll: %s", strerror(errno)); return -1; }
	if (r < 0) return 0;   /* a signal: stop_signal is looked at first */
	double now = now_s();
	for (unsigned i = 0; i < pl->active; ) {
		if (read_job(pl, &pl->run[i], pl->pf[i].revents, now)) {
			finish_job(pl, &pl->run[i]);
			pl->run[i] = pl->run[--pl->active];
			pl->pf[i] = pl->pf[pl->active];
			continue;   /* the moved job's revents are re-polled next round */
		}
		i++;
	}
	return 0;
}

static int run_loop(pool *pl)
{
	progress(pl->progress, 0, pl->p->n, 0, false);
	while (pl->emitted < pl->p->n) {
		if (stop_signal) stop_all(pl);
		if (start_jobs(pl)) return -1;
		emit_ready(pl);
		if (pl->active && poll_round(pl)) return -1;
	}
	return 0;
}

int pool_run(const cq_trust *t, const files_opts *o, const paths *p, bfile *files, unsigned jobs, bool prog,
             const pool_limits *lim, pool_emit emit, void *ctx)
{
	pool pl = {.t = t, .o = o, .p = p, .files = files, .lim = lim, .emit = emit, .ctx = ctx, .jobs = jobs,
	           .window = jobs * 4 < 16 ? 16 : (size_t)jobs * 4, .progress = prog};
	pl.run = calloc(jobs, sizeof *pl.run);
	pl.pf = calloc(jobs, sizeof *pl.pf);
	if (!pl.run || !pl.pf) { free(pl.run); free(pl.pf); return -1; }
	struct sigaction sa, old[3];
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_stop;   /* no SA_RESTART: poll returns at once */
	sigemptyset(&sa.sa_mask);
	static const int stops[3] = {SIGTERM, SIGINT, SIGHUP};
	for (int i = 0; i < 3; i++) sigaction(stops[i], &sa, &old[i]);
	int rc = run_loop(&pl);
	for (unsigned i = 0; i < pl.active; i++) {
		kill(pl.run[i].pid, SIGKILL);
		while (waitpid(pl.run[i].pid, NULL, 0) < 0 && errno == EINTR) {}
		close(pl.run[i].fd);
		free(pl.run[i].buf);
	}
	for (int i = 0; i < 3; i++) sigaction(stops[i], &old[i], NULL);
	free(pl.run);
	free(pl.pf);
	return rc;
}
