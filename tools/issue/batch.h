/* certqr-issue batch, inside: the state one run shares between its files.
 *
 * A run goes through phases, one file each: the options (batch_opts.c); the
 * export read and decoded (export.c, encoding.c); every row validated into a
 * job or a reject (validate.c); the two reports a clerk opens (reports.c);
 * the certificates signed and written on every core (workers.c); the
 * journal that makes a killed run resumable (journal.c); the run itself and
 * its summary (batch.c). crash_hooks.c lets the tests kill the run at each
 * step of a commit.
 *
 * Return convention, as in the rest of tools/: 0 for done and -1 for a
 * failure already reported on stderr (cq_warn), unless a function's comment
 * says otherwise. Nothing here exits. */
#ifndef CQ_TOOLS_ISSUE_BATCH_H
#define CQ_TOOLS_ISSUE_BATCH_H

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include "certqr/csv.h"
#include "certqr/rules.h"
#include "issue.h"
#include "pdf.h"

#define INPUT_MAX     (512u << 20)
#define ROWS_DEFAULT  1000000ul
#define JOURNAL_NAME  ".certqr-journal"
#define LOCK_NAME     ".certqr-lock"
#define TMP_PREFIX    ".tmp-"
#define COMMIT_MS     200
#define REJECTS_MAX   1000000ul   /* listed; more are counted */

/* A job's state: workers and the committing thread change it, so atomic. */
enum { J_TODO, J_DONE, J_CONFLICT, J_FAILED };

typedef struct job {
	cq_record rec;
	char id[CQ_ID_LEN + 1];
	unsigned long line;
	char file[40];            /* NUMBER-YEAR-rREV.pdf */
	_Atomic unsigned char state;
} job;

typedef struct reject { unsigned long line; char field[64]; char reason[320]; char reason_zh[320]; } reject;

typedef struct done_entry { size_t job; size_t size; uint8_t hash[16]; int renamed; } done_entry;

typedef struct batch {
	/* options */
	const char *in_path, *out_dir, *key_path, *dl_path, *rules_path, *font_path, *enc, *fmt, *seal_path, *layout_path;
	unsigned font_index, jobs;
	int refuse_below, quiet, progress, check_only;
	unsigned long max_rows;
	issue_pdf_engine engine;
	char qr_level;
	cq_passsrc pass;
	/* inputs */
	cq_delegation dl;
	cq_seckey *key;
	cq_rules rules;
	issue_font *font;
	issue_seal *seal;          /* --seal, or NULL: the layout's placeholder */
	uint8_t layout_hash[16];   /* of the --layout text, when given */
	char key_hex[17];
	uint8_t fingerprint[16];
	/* rows */
	job *jobs_v;
	size_t njobs, cap_jobs;
	reject *rej;
	size_t nrej, cap_rej, rej_unlisted;
	unsigned long rows;
	size_t below_issued, below_refused;
	char *below_csv;           /* the rule report, CSV text */
	size_t below_len, below_cap;
	/* issuing */
	int dirfd, journal_fd;
	size_t *todo;
	size_t ntodo;
	atomic_size_t next;
	atomic_size_t finished_workers;
	pthread_mutex_t mu;
	done_entry *pend;
	size_t npend, cap_pend;
	atomic_size_t conflicts, failures, verified;
	atomic_int qr_min, qr_max;             /* QR versions seen this run */
	size_t issued_now, already;
	char first_error[300];
	/* the input's own heading of each field (its Chinese or English column
	 * name, or JSON key), for naming the column in rejects.csv */
	char label[CQ_CSV_MAX_FIELDS][64];
	char ignored[512];         /* columns read and deliberately ignored */
} batch;

/* Set by SIGINT and SIGTERM (batch.c): workers stop taking rows, the run
 * commits what is written and exits ISSUE_INTERRUPTED. */
extern volatile sig_atomic_t batch_stop;

/* batch_opts.c: the defaults, then argv. 0 to run; BATCH_HELP when -h was
 * given (the caller prints the usage and exits 0); -1 on a usage error,
 * already reported (the caller prints the command's usage, exit 2). */
enum { BATCH_HELP = 1 };
int batch_options(batch *b, int argc, char **argv);

/* export.c: reads b->in_path (CSV or JSON Lines, UTF-8 or GBK) and hands
 * every row to batch_take_row. *textp receives the decoded text (the caller
 * wipes and frees it, also on failure); 0, or -1 when the file as a whole is
 * refused (unreadable, a workbook, an unknown, doubled or missing column). */
int batch_read_rows(batch *b, char **textp, size_t *lenp);

/* encoding.c: 1 if s[0..n) is UTF-8 as certqr reads it, 0 if not. */
int batch_is_utf8(const char *s, size_t n);
/* GBK (read as GB 18030, its superset) to UTF-8: a malloc'd, NUL-terminated
 * string and its length in *outlen, or NULL with why[] naming the line. */
char *batch_from_gbk(const char *in, size_t n, size_t *outlen, char why[256]);

/* validate.c: one row as (field name, value) pairs, value NULL for absent:
 * becomes a job, or a reject (and perhaps a below-rule line). Never fails:
 * even running out of memory is a reject of that row. */
void batch_take_row(batch *b, unsigned long line, size_t n, const char *const *names,
                    const char *const *values);
/* Sorts the jobs by file name and rejects all but the first row of each
 * certificate (number, year, revision). */
void batch_drop_duplicates(batch *b);

/* reports.c: a rejected row. zh is the Chinese reason, or NULL to take it
 * from the core's English one (reasons.c). 0, or -1 out of memory; past
 * REJECTS_MAX rows are only counted. */
int batch_reject(batch *b, unsigned long line, const char *field, const char *zh, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
/* Writes DIR/rejects.csv, sorted by row (atomic replace). */
int batch_write_rejects(batch *b);
/* Writes DIR/NAME (atomic replace). */
int batch_write_report(batch *b, const char *name, const char *data, size_t n);
/* One line of below-rule.csv (the header first); out of memory drops it. */
void batch_below_row(batch *b, unsigned long line, const cq_record *r, const char *rule, const char *shortby);

/* journal.c: creates and locks the output directory (the lock lives as long
 * as the process). */
int batch_open_out(batch *b);
/* Marks the journalled certificates done; starts a new journal when the
 * arguments differ (then existing files are verified by their bytes). */
int batch_open_journal(batch *b);
/* Removes the temporary files of a run killed mid-write. */
void batch_remove_stale_temps(batch *b);
/* One group of finished PDFs: flushed, renamed to their final names, then
 * journalled. -1 when the directory or the journal could not be synced. */
int batch_commit(batch *b);

/* workers.c: signs and writes every job still J_TODO on b->jobs threads,
 * committing a group every batch_commit_ms. -1 when a commit failed or no
 * thread started; rows that failed alone are counted in b->failures. */
int batch_issue_all(batch *b);

/* crash_hooks.c, for tests/sh/issue_batch.sh: CERTQR_TEST_CRASH=STAGE:N
 * kills the process with SIGKILL at the N-th event of STAGE: "written" (a
 * temporary PDF written, not yet flushed or renamed), "renamed" (a PDF
 * under its final name, not yet in the journal) or "journalled" (a group in
 * the journal). CERTQR_TEST_COMMIT_MS shortens the group interval so a test
 * can count on several groups however fast the machine is. */
enum { CRASH_NONE, CRASH_WRITTEN, CRASH_RENAMED, CRASH_JOURNALLED };
extern long batch_commit_ms;
void batch_crash_setup(void);
void batch_crash_point(int stage);

#endif
