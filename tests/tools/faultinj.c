/* Fault injection by LD_PRELOAD (tests/sh/faults_*.sh, docs/hardening.md).
 * Counts the steps a program takes to make data durable — write and pwrite
 * to regular files, fsync, fdatasync, syncfs, ftruncate, rename(at/at2), link(at),
 * unlink(at), mkstemp, open with O_CREAT — and at step CQ_FAULT_AT does one
 * of (CQ_FAULT_MODE):
 *   kill     SIGKILL before the step runs (a crash or power cut there);
 *   enospc   the step fails with ENOSPC (writes) or EIO (syncs, renames);
 *   short    a write writes half its bytes, later writes fail with ENOSPC.
 * CQ_FAULT_TRACE=FILE appends one line per step ("N op path-or-fd"), so a
 * test first counts the steps of a clean run, then injects at each one.
 * Without CQ_FAULT_AT it only counts and traces. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

static long step, at = -1;
static int mode;   /* 0 kill, 1 enospc, 2 short */
static int broken; /* short mode: the disk is now full */

__attribute__((constructor)) static void init(void)
{
	const char *a = getenv("CQ_FAULT_AT"), *m = getenv("CQ_FAULT_MODE");
	if (a && *a) at = atol(a);
	if (m && !strcmp(m, "enospc")) mode = 1;
	else if (m && !strcmp(m, "short")) mode = 2;
}

static void trace(const char *op, const char *what)
{
	const char *t = getenv("CQ_FAULT_TRACE");
	if (!t) return;
	static int (*real_open)(const char *, int, ...);
	static ssize_t (*real_write)(int, const void *, size_t);
	if (!real_open) real_open = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	if (!real_write) real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	int fd = real_open(t, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) return;
	char line[600];
	int n = snprintf(line, sizeof line, "%ld %s %s\n", step, op, what);
	if (n > 0) real_write(fd, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
	close(fd);
}

/* Returns 0 to go on, or the errno to fail the step with. */
static int fault(const char *op, const char *what, int err)
{
	step++;
	trace(op, what);
	if (broken) return err;
	if (step != at) return 0;
	if (mode == 0) raise(SIGKILL);
	if (mode == 2) { broken = 1; return -1; } /* caller does the half write */
	return err;
}

static int regular(int fd)
{
	struct stat st;
	return fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

static void fdname(int fd, char *out, size_t cap)
{
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, out, cap - 1);
	out[n > 0 ? n : 0] = '\0';
}

#define REAL(ret, name, ...) \
	static ret (*real)(__VA_ARGS__); \
	if (!real) real = (ret (*)(__VA_ARGS__))dlsym(RTLD_NEXT, name)

ssize_t write(int fd, const void *buf, size_t n)
{
	REAL(ssize_t, "write", int, const void *, size_t);
	if (regular(fd)) {
		char name[512];
		fdname(fd, name, sizeof name);
		int f = fault("write", name, ENOSPC);
		if (f == -1) return real(fd, buf, n / 2 ? n / 2 : 1) >= 0 && n > 1 ? (ssize_t)(n / 2) : (errno = ENOSPC, -1);
		if (f) { errno = f; return -1; }
	}
	return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	REAL(ssize_t, "pwrite", int, const void *, size_t, off_t);
	if (regular(fd)) {
		char name[512];
		fdname(fd, name, sizeof name);
		int f = fault("pwrite", name, ENOSPC);
		if (f == -1) return real(fd, buf, n / 2 ? n / 2 : 1, off) >= 0 && n > 1 ? (ssize_t)(n / 2) : (errno = ENOSPC, -1);
		if (f) { errno = f; return -1; }
	}
	return real(fd, buf, n, off);
}

#define SYNCLIKE(fn)                                             \
	int fn(int fd)                                               \
	{                                                            \
		REAL(int, #fn, int);                                     \
		char name[512];                                          \
		fdname(fd, name, sizeof name);                           \
		int f = fault(#fn, name, EIO);                           \
		if (f) { errno = f == -1 ? EIO : f; return -1; }         \
		return real(fd);                                         \
	}
SYNCLIKE(fsync)
SYNCLIKE(fdatasync)
SYNCLIKE(syncfs)

int ftruncate(int fd, off_t len)
{
	REAL(int, "ftruncate", int, off_t);
	char name[512];
	fdname(fd, name, sizeof name);
	int f = fault("ftruncate", name, EIO);
	if (f) { errno = f == -1 ? ENOSPC : f; return -1; }
	return real(fd, len);
}

int rename(const char *a, const char *b)
{
	REAL(int, "rename", const char *, const char *);
	int f = fault("rename", b, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(a, b);
}

int renameat(int da, const char *a, int db, const char *b)
{
	REAL(int, "renameat", int, const char *, int, const char *);
	int f = fault("renameat", b, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(da, a, db, b);
}

int renameat2(int da, const char *a, int db, const char *b, unsigned flags)
{
	REAL(int, "renameat2", int, const char *, int, const char *, unsigned);
	int f = fault("renameat2", b, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(da, a, db, b, flags);
}

int link(const char *a, const char *b)
{
	REAL(int, "link", const char *, const char *);
	int f = fault("link", b, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(a, b);
}

int linkat(int da, const char *a, int db, const char *b, int flags)
{
	REAL(int, "linkat", int, const char *, int, const char *, int);
	int f = fault("linkat", b, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(da, a, db, b, flags);
}

int unlink(const char *p)
{
	REAL(int, "unlink", const char *);
	int f = fault("unlink", p, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(p);
}

int unlinkat(int d, const char *p, int flags)
{
	REAL(int, "unlinkat", int, const char *, int);
	int f = fault("unlinkat", p, EIO);
	if (f) { errno = f == -1 ? EIO : f; return -1; }
	return real(d, p, flags);
}

int mkstemp(char *tmpl)
{
	REAL(int, "mkstemp", char *);
	int f = fault("mkstemp", tmpl, ENOSPC);
	if (f) { errno = f == -1 ? ENOSPC : f; return -1; }
	return real(tmpl);
}

static int open_common(const char *name, const char *p, int flags, mode_t m)
{
	if (flags & O_CREAT) {
		int f = fault(name, p, ENOSPC);
		if (f) { errno = f == -1 ? ENOSPC : f; return -1; }
	}
	(void)m;
	return 0;
}

int open(const char *p, int flags, ...)
{
	REAL(int, "open", const char *, int, ...);
	mode_t m = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		m = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (open_common("open", p, flags, m)) return -1;
	return real(p, flags, m);
}

int openat(int d, const char *p, int flags, ...)
{
	REAL(int, "openat", int, const char *, int, ...);
	mode_t m = 0;
	if (flags & (O_CREAT | O_TMPFILE)) {
		va_list ap;
		va_start(ap, flags);
		m = (mode_t)va_arg(ap, int);
		va_end(ap);
	}
	if (open_common("openat", p, flags, m)) return -1;
	return real(d, p, flags, m);
}
