/* Issuing on every core: worker threads sign and render the jobs and write
 * each PDF under a temporary name; the main thread commits a group every
 * batch_commit_ms (journal.c) and shows progress on a terminal. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "batch.h"

/* 1 if the file at `name` holds exactly these bytes, 0 if it differs, -1 if absent. */
static int same_file(int dirfd, const char *name, const unsigned char *p, size_t n)
{
	int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) return errno == ENOENT ? -1 : 0;
	struct stat st;
	int same = 0;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == n) {
		unsigned char *buf = malloc(n ? n : 1);
		size_t got = 0;
		while (buf && got < n) {
			ssize_t r = read(fd, buf + got, n - got);
			if (r <= 0) break;
			got += (size_t)r;
		}
		same = buf && got == n && !memcmp(buf, p, n);
		free(buf);
	}
	close(fd);
	return same;
}

static void note_error(batch *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void note_error(batch *b, const char *fmt, ...)
{
	pthread_mutex_lock(&b->mu);
	if (!b->first_error[0]) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(b->first_error, sizeof b->first_error, fmt, ap);
		va_end(ap);
	}
	pthread_mutex_unlock(&b->mu);
}

static void push_done(batch *b, size_t k, size_t size, const uint8_t hash[16], int renamed)
{
	pthread_mutex_lock(&b->mu);
	if (b->npend == b->cap_pend) {
		size_t nc = b->cap_pend ? b->cap_pend * 2 : 256;
		done_entry *n = realloc(b->pend, nc * sizeof *n);
		if (!n) { pthread_mutex_unlock(&b->mu); atomic_store(&b->jobs_v[k].state, J_FAILED); return; }
		b->pend = n;
		b->cap_pend = nc;
	}
	done_entry *d = &b->pend[b->npend++];
	d->job = k;
	d->size = size;
	memcpy(d->hash, hash, 16);
	d->renamed = renamed;
	pthread_mutex_unlock(&b->mu);
}

int issue_render_record(const issue_font *font, issue_pdf_engine engine, const cq_seckey *key,
                        const cq_delegation *dl, const cq_record *r, const char *id, char qr_level,
                        const issue_seal *seal, unsigned char **pdf, size_t *len, issue_pdf_info *info, char why[256])
{
	uint8_t payload[CQ_PAYLOAD_MAX];
	size_t pn;
	char text[CQ_QR_TEXT_MAX], kid[17];
	cq_err e;
	if (cq_payload_sign(r, key, payload, sizeof payload, &pn, &e) ||
	    cq_qrtext_encode(payload, pn, text, sizeof text, &e)) {
		snprintf(why, 256, "signing failed: %s", e.msg);
		return -1;
	}
	cq_key_id_hex(cq_seckey_pubkey(key)->id, kid);
	issue_cert c = {r, id, dl->bureau, text, kid, qr_level, seal};
	return issue_pdf_render(font, &c, engine, pdf, len, info, why);
}

static void *worker(void *arg)
{
	batch *b = arg;
	for (;;) {
		if (batch_stop) break;
		size_t i = atomic_fetch_add(&b->next, 1);
		if (i >= b->ntodo) break;
		size_t k = b->todo[i];
		job *j = &b->jobs_v[k];
		unsigned char *pdf;
		size_t len;
		char why[256];
		issue_pdf_info info;
		if (issue_render_record(b->font, b->engine, b->key, &b->dl, &j->rec, j->id, b->qr_level, b->seal, &pdf, &len, &info, why)) {
			note_error(b, "row %lu: %s", j->line, why);
			atomic_store(&j->state, J_FAILED);
			atomic_fetch_add(&b->failures, 1);
			continue;
		}
		for (int v = atomic_load(&b->qr_min); (v == 0 || info.qr_version < v) &&
		     !atomic_compare_exchange_weak(&b->qr_min, &v, info.qr_version);) ;
		for (int v = atomic_load(&b->qr_max); info.qr_version > v &&
		     !atomic_compare_exchange_weak(&b->qr_max, &v, info.qr_version);) ;
		uint8_t h[16];
		crypto_generichash(h, sizeof h, pdf, len, NULL, 0);
		int same = same_file(b->dirfd, j->file, pdf, len);
		if (same == 1) {                       /* issued before, not yet journalled */
			atomic_fetch_add(&b->verified, 1);
			push_done(b, k, len, h, 0);
		} else if (same == 0) {                /* issued before with other content */
			atomic_store(&j->state, J_CONFLICT);
			atomic_fetch_add(&b->conflicts, 1);
		} else {
			char tmp[80];
			snprintf(tmp, sizeof tmp, TMP_PREFIX "%s", j->file);
			int fd = openat(b->dirfd, tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
			if (fd < 0 || cq_write_all(fd, pdf, len) || close(fd)) {
				note_error(b, "%s/%s: %s", b->out_dir, tmp, strerror(errno));
				if (fd >= 0) unlinkat(b->dirfd, tmp, 0);
				atomic_store(&j->state, J_FAILED);
				atomic_fetch_add(&b->failures, 1);
			} else {
				batch_crash_point(CRASH_WRITTEN);
				push_done(b, k, len, h, 1);
			}
		}
		free(pdf);
	}
	atomic_fetch_add(&b->finished_workers, 1);
	return NULL;
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void progress(batch *b, double t0, int final)
{
	size_t done = b->issued_now + b->already;
	size_t total = b->njobs;
	double el = now_s() - t0;
	double rate = el > 0 ? (double)b->issued_now / el : 0;
	size_t left = total > done ? total - done : 0;
	unsigned long eta = rate > 0 ? (unsigned long)((double)left / rate + 0.5) : 0;
	fprintf(stderr, "\r%zu/%zu certificates  %.0f/s  %lu:%02lu left   %s", done, total, rate, eta / 60, eta % 60,
	        final ? "\n" : "");
}

int batch_issue_all(batch *b)
{
	b->todo = malloc((b->njobs ? b->njobs : 1) * sizeof *b->todo);
	if (!b->todo) { cq_warn("out of memory"); return -1; }
	/* file order is number order: keeps a directory listing tidy */
	for (size_t i = 0; i < b->njobs; i++)
		if (atomic_load(&b->jobs_v[i].state) == J_TODO) b->todo[b->ntodo++] = i;
	unsigned nw = b->jobs;
	pthread_t th[64];
	unsigned started = 0;
	for (; started < nw; started++)
		if (pthread_create(&th[started], NULL, worker, b)) break;
	if (!started) { cq_warn("cannot start worker threads"); return -1; }
	double t0 = now_s(), last = 0;
	int rc = 0;
	for (;;) {
		int all = atomic_load(&b->finished_workers) == started;
		struct timespec ts = {batch_commit_ms / 1000, batch_commit_ms % 1000 * 1000000l};
		if (!all) nanosleep(&ts, NULL);
		if (batch_commit(b)) { rc = -1; batch_stop = 1; }
		if (b->progress && now_s() - last > 0.25) { progress(b, t0, 0); last = now_s(); }
		if (all) break;
	}
	for (unsigned i = 0; i < started; i++) pthread_join(th[i], NULL);
	if (batch_commit(b)) rc = -1;
	if (b->progress) progress(b, t0, 1);
	return rc;
}
