/* certqr-verify files: checks PNG/JPEG images and PDFs (files, directories
 * searched recursively, or a list), each file in its own worker process so
 * that both cores are used and a file that crashes or hangs a decoding
 * library only costs that file. Results are printed in input order, and
 * written as JSON Lines, CSV and a self-contained HTML report.
 *
 * The parts: args.c (the command line), walk.c (the paths), pool.c (the
 * workers; work.c is what each one runs), emit.c (rows as files complete;
 * human.c, report.c, report_html.c, people.c, copies.c write them). */
#include <stdio.h>
#include <stdlib.h>
#include "../verify.h"
#include "args.h"
#include "emit.h"
#include "files.h"
#include "font.h"
#include "pool.h"
#include "result.h"
#include "walk.h"

/* The trust store and, when pages are judged, the issuer's font. -1 to go
 * on, else the exit status (after a message). */
static int load_trust(const files_args *a, vctx *c, cq_trust **t, files_font *font)
{
	if (cq_init()) { cq_warn("libsodium failed to initialise"); return VERIFY_CANNOT_CHECK; }
	char why[256];
	cq_store_rc store_rc = cq_store_load(cq_store_dir(a->trust), t, why);
	/* --raw only reads the codes: it needs no trust store (a first look at
	 * files before the store is set up), unless something is judged */
	bool judge = !a->raw || a->jsonl || a->csv || a->html || c->holder_id;
	if (store_rc != CQ_STORE_OK && judge) {
		cq_warn("cannot check: %s", why);
		store_hint(cq_store_dir(a->trust), store_rc);
		return VERIFY_CANNOT_CHECK;
	}
	if (store_rc != CQ_STORE_OK) *t = NULL;
	c->trust = *t;
	if (*t && !a->no_page && files_font_open(font, a->font ? a->font : CQ_FILES_FONT, why)) {
		cq_warn("cannot check pages: the issuer's font: %s (install fonts-wqy-zenhei, or give --font)", why);
		cq_trust_free(*t);
		return VERIFY_CANNOT_CHECK;
	}
	return -1;
}

/* Checks every path, writes the rows and reports; frees what it made. */
static int run_batch(files_args *a, vctx *c, const cq_trust *t, const paths *p)
{
	bfile *files = calloc(p->n, sizeof *files);
	emitter em = {.c = c, .raw = a->raw, .quiet = a->quiet, .t = t, .people = people_new(p->v), .files = files};
	int rc = 0;
	if (!files || !em.people) { cq_warn("out of memory"); rc = -1; }
	if (!rc && emit_open(&em, a->jsonl, a->csv, a->html)) rc = -1;
	for (size_t i = 0; !rc && i < p->n; i++) files[i].path = p->v[i];
	a->o.thumbs = a->html != NULL;
	if (!rc && pool_run(t, &a->o, p, files, a->jobs, a->progress, &a->lim, emit_file, &em)) rc = -1;
	if (em.oom) { cq_warn("out of memory (the per-person summary or the copies' rows are incomplete)"); rc = -1; }
	bool years_ok = true;
	if (!rc && emit_finish(&em, p->v, p->n, &years_ok)) rc = -1;
	emit_close(&em);
	if (!c->json && !a->raw && files) emit_summary(&em, p->n);
	int stop = pool_stop_signal();
	if (stop)
		cq_warn("核验被中断，已写出已检查的结果 interrupted by signal %d: the files checked so far are reported, the rest as not checked",
		        stop);
	for (size_t i = 0; files && i < p->n; i++) result_free(&files[i]);
	free(files);
	if (rc || em.unreadable || stop) return VERIFY_CANNOT_CHECK;
	return em.bad || em.other || !years_ok ? VERIFY_NOT_AUTHENTIC : VERIFY_ALL_AUTHENTIC;
}

int files_main(int argc, char **argv)
{
	static vctx c;
	files_args a;
	paths p = {0};
	files_font font = {0};
	cq_trust *t = NULL;
	c.out = stdout;
	int rc = files_args_read(argc, argv, &a, &c, &p);
	if (rc < 0) rc = load_trust(&a, &c, &t, &font);
	if (rc < 0) {
		a.o.font = font.pf;
		a.o.ocr = font.ocr;
		rc = run_batch(&a, &c, t, &p);
		cq_trust_free(t);
		files_font_close(&font);
		if (fflush(c.out) || ferror(c.out)) { cq_warn("writing output failed"); rc = VERIFY_CANNOT_CHECK; }
	}
	paths_free(&p);
	return rc;
}
