/* Crash safety of the output directory: one batch at a time (a lock), and a
 * journal of the certificates durably issued. Worker threads write each PDF
 * under a temporary name; every group is flushed to disk (syncfs), renamed
 * to the final names and only then appended to the journal (fdatasync). A
 * rerun skips what the journal lists, re-verifies byte for byte any final
 * file the journal does not list (output is deterministic), and removes
 * leftover temporary files. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>
#include "batch.h"

static void hex(const uint8_t *h, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static int find_job(const batch *b, const char *file)
{
	size_t lo = 0, hi = b->njobs;   /* jobs are sorted by file name */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(b->jobs_v[mid].file, file);
		if (!c) return (int)mid;
		if (c < 0) lo = mid + 1; else hi = mid;
	}
	return -1;
}

/* Marks the journalled certificates done; starts a new journal when the
 * arguments differ (then existing files are verified by their bytes). */
int batch_open_journal(batch *b)
{
	char head[128], fp[33];
	hex(b->fingerprint, 16, fp);
	snprintf(head, sizeof head, "certqr-issue journal v1 %s\n", fp);
	int fd = openat(b->dirfd, JOURNAL_NAME, O_RDONLY | O_CLOEXEC);
	int same = 0;
	if (fd >= 0) {
		struct stat st;
		char *buf = NULL;
		if (fstat(fd, &st) == 0 && st.st_size < (1l << 30) && (buf = malloc((size_t)st.st_size + 1))) {
			size_t got = 0;
			while (got < (size_t)st.st_size) {
				ssize_t r = read(fd, buf + got, (size_t)st.st_size - got);
				if (r <= 0) break;
				got += (size_t)r;
			}
			buf[got] = '\0';
			size_t hl = strlen(head);
			if (got >= hl && !memcmp(buf, head, hl)) {
				same = 1;
				char *p = buf + hl;
				for (;;) {
					char *nl = strchr(p, '\n');
					if (!nl) break;     /* a torn last line is ignored */
					*nl = '\0';
					char file[64], h[40];
					size_t size;
					if (sscanf(p, "F %63s %zu %39s", file, &size, h) == 3) {
						int k = find_job(b, file);
						struct stat fs;
						if (k >= 0 && fstatat(b->dirfd, file, &fs, AT_SYMLINK_NOFOLLOW) == 0 &&
						    S_ISREG(fs.st_mode) && (size_t)fs.st_size == size &&
						    atomic_load(&b->jobs_v[k].state) == J_TODO) {
							atomic_store(&b->jobs_v[k].state, J_DONE);
							b->already++;
						}
					}
					p = nl + 1;
				}
			}
		}
		free(buf);
		close(fd);
	}
	if (!same) {
		char path[4096], why[256];
		snprintf(path, sizeof path, "%s/%s", b->out_dir, JOURNAL_NAME);
		if (cq_write_atomic(path, head, strlen(head), 0644, true, why)) { cq_warn("journal: %s", why); return -1; }
	}
	b->journal_fd = openat(b->dirfd, JOURNAL_NAME, O_WRONLY | O_APPEND | O_CLOEXEC);
	if (b->journal_fd < 0) { cq_warn("%s/%s: %s", b->out_dir, JOURNAL_NAME, strerror(errno)); return -1; }
	return 0;
}

void batch_remove_stale_temps(batch *b)
{
	int fd = dup(b->dirfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) { if (fd >= 0) close(fd); return; }
	/* our PDFs' temporary names, and those cq_write_atomic gives the reports
	 * and the journal (NAME.tmp.XXXXXX) when a run is killed mid-write */
	static const char *const prefixes[] = {TMP_PREFIX, "rejects.csv.tmp.", "below-rule.csv.tmp.", JOURNAL_NAME ".tmp."};
	struct dirent *de;
	while ((de = readdir(d)))
		for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++)
			if (!strncmp(de->d_name, prefixes[i], strlen(prefixes[i]))) { unlinkat(b->dirfd, de->d_name, 0); break; }
	closedir(d);
}

/* One group: the temporary files reach the disk, get their final names,
 * and only then enter the journal. */
int batch_commit(batch *b)
{
	pthread_mutex_lock(&b->mu);
	done_entry *d = b->pend;
	size_t n = b->npend;
	b->pend = NULL;
	b->npend = b->cap_pend = 0;
	pthread_mutex_unlock(&b->mu);
	if (!n) return 0;
	int rc = 0;
	if (syncfs(b->dirfd)) { cq_warn("%s: sync: %s", b->out_dir, strerror(errno)); rc = -1; }
	char *lines = malloc(n * 96 + 1);
	size_t ll = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		job *j = &b->jobs_v[d[i].job];
		if (d[i].renamed) {
			char tmp[80];
			snprintf(tmp, sizeof tmp, TMP_PREFIX "%s", j->file);
			if (renameat2(b->dirfd, tmp, b->dirfd, j->file, RENAME_NOREPLACE) != 0 &&
			    (errno != EINVAL || renameat(b->dirfd, tmp, b->dirfd, j->file) != 0)) {
				cq_warn("%s/%s: %s", b->out_dir, j->file, strerror(errno));
				unlinkat(b->dirfd, tmp, 0);
				atomic_store(&j->state, J_FAILED);
				atomic_fetch_add(&b->failures, 1);
				continue;
			}
			b->issued_now++;
			batch_crash_point(CRASH_RENAMED);
		} else b->already++;
		atomic_store(&j->state, J_DONE);
		if (lines) {
			char h[33];
			hex(d[i].hash, 16, h);
			ll += (size_t)sprintf(lines + ll, "F %s %zu %s\n", j->file, d[i].size, h);
		}
	}
	if (fsync(b->dirfd)) rc = -1;
	if (lines && ll && (cq_write_all(b->journal_fd, lines, ll) || fdatasync(b->journal_fd))) {
		cq_warn("journal: %s", strerror(errno));
		rc = -1;
	}
	batch_crash_point(CRASH_JOURNALLED);
	free(lines);
	free(d);
	return rc;
}

int batch_open_out(batch *b)
{
	if (mkdir(b->out_dir, 0755) && errno != EEXIST) { cq_warn("%s: %s", b->out_dir, strerror(errno)); return -1; }
	b->dirfd = open(b->out_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (b->dirfd < 0) { cq_warn("%s: %s", b->out_dir, strerror(errno)); return -1; }
	int lk = openat(b->dirfd, LOCK_NAME, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (lk < 0 || flock(lk, LOCK_EX | LOCK_NB)) {
		cq_warn("%s: another certqr-issue batch is writing here", b->out_dir);
		return -1;
	}
	return 0;   /* the lock lives as long as the process */
}
