/* certqr-verify files: what people read on stdout, file by file (human.c),
 * in the language of --lang (verify.h). */
#ifndef CERTQR_FILES_HUMAN_H
#define CERTQR_FILES_HUMAN_H

#include <stdio.h>
#include "../verify.h"
#include "batch.h"

/* "FILE" or "FILE (page N)" for a file of several pages, into out. */
void source_name(const bfile *f, const bpage *p, char *out, size_t cap);
/* --raw: FILE<TAB>PAGE<TAB>STEP<TAB>TEXT, the file name and the text
 * escaped, so neither can add a tab, a line or a terminal command. */
void raw_line(FILE *o, const bfile *f, const bpage *p, const fcode *k);
/* One code's verdict: composited (each differing field, signed against
 * shown), page not judged (why, and what to do), or the verdict with the
 * page check's result; then any page-level warning. */
void human_code(vctx *c, const bfile *f, const bpage *p, const fcode *k);
/* A page where no code was read, with the scanner's hint. */
void human_nocode(vctx *c, const bfile *f, const bpage *p);
/* A file, or its pages from..pages (from > 0), not checked, and why. */
void human_gap(vctx *c, const bfile *f, const char *why, unsigned from, unsigned pages);

#endif
