/* certqr-verify files: the worker pool (pool.c). Each file is checked by
 * files_work() in a child process with its own limits, so that a file
 * that crashes or hangs a decoding library costs only that file; the
 * parent reads the results back and hands them out in input order. */
#ifndef CERTQR_FILES_POOL_H
#define CERTQR_FILES_POOL_H

#include <stdbool.h>
#include "batch.h"
#include "walk.h"

/* The budget of one worker (docs/verifying-files.md, "Limits"). */
typedef struct pool_limits {
	unsigned timeout_s;      /* wall-clock seconds, then the worker is killed (--timeout) */
	unsigned cpu_s;          /* RLIMIT_CPU (--cpu-limit) */
	unsigned mem_mb;         /* RLIMIT_AS, or the resident size under ASan (--mem-limit) */
} pool_limits;

/* Called once per file, in input order, when the file and every earlier
 * one are done; the file's pages are freed when it returns. */
typedef void (*pool_emit)(void *ctx, bfile *f);

/* Checks the files p->v[i] into files[i] with at most `jobs` workers and
 * calls emit for each. At most max(16, 4 * jobs) files are past the last
 * one emitted, so the parent's memory does not grow with the batch. A
 * path with p->why[i] is not checked (its reason becomes its error).
 * SIGTERM, SIGINT and SIGHUP stop the batch: running workers are killed
 * and every file not checked is emitted with "not checked" (see
 * pool_stop_signal). progress: "N/M files checked" on stderr. Returns 0,
 * or -1 after a message when a pipe, a fork or poll failed. */
int pool_run(const cq_trust *t, const files_opts *o, const paths *p, bfile *files, unsigned jobs, bool progress,
             const pool_limits *lim, pool_emit emit, void *ctx);
/* The signal that stopped the last pool_run, or 0. */
int pool_stop_signal(void);

#endif
