/* certqr-verify files: its command line (args.c). */
#ifndef CERTQR_FILES_ARGS_H
#define CERTQR_FILES_ARGS_H

#include <stdbool.h>
#include "../verify.h"
#include "work.h"
#include "pool.h"
#include "walk.h"

/* The issuing font: the page check's default (--font). */
#define CQ_FILES_FONT   "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"

typedef struct files_args {
	const char *trust, *jsonl, *csv, *html, *font;   /* NULL when not given */
	bool raw, quiet, no_page;
	bool progress;           /* --progress, or stderr a terminal without --no-progress */
	unsigned jobs;           /* --jobs, else the number of CPUs (at most 64) */
	files_opts o;            /* --dpi, --thorough, --max-pages (font and thumbs set later) */
	pool_limits lim;         /* --timeout, --cpu-limit, --mem-limit */
} files_args;

/* Reads argv[1..argc): the options into a and into c (--json, --lang,
 * --holder-id, --years), the paths (operands, folders searched, --list)
 * into p. Returns -1 when the batch is to run; otherwise the exit status:
 * 0 after -h (usage on stdout), VERIFY_CANNOT_CHECK after a message and
 * the usage on stderr (an unknown, repeated or conflicting option, a
 * value out of range, no files) or after a message alone (a list or a
 * folder that could not be read, an invalid --holder-id). */
int files_args_read(int argc, char **argv, files_args *a, vctx *c, paths *p);

#endif
