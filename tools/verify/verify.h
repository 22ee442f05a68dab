/* certqr-verify: judges certificate QR texts against a trust store.
 *
 * Inputs are abstract: every input kind (text in this directory; images and
 * PDFs in tools/verify/files/) ends in verify_text() with a source name and
 * the decoded QR text, or in verify_unreadable() when it could not be
 * checked. Judging, printing, the holder summary and the exit status are the
 * same for every kind. */
#ifndef CQ_TOOLS_VERIFY_H
#define CQ_TOOLS_VERIFY_H

#include <stdbool.h>
#include <stdio.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
#include "certqr/store.h"
#include "certqr/verdict.h"

/* Exit status, documented in docs/certqr-verify.1. */
enum { VERIFY_ALL_AUTHENTIC = 0, VERIFY_NOT_AUTHENTIC = 1, VERIFY_CANNOT_CHECK = 2 };

#define VERIFY_LINE_MAX   65536   /* longest input line accepted */
#define VERIFY_INPUTS_MAX 1000000 /* inputs per run */

typedef enum { LANG_BOTH = 0, LANG_ZH, LANG_EN } verify_lang;

typedef struct vsummary_year {
	bool have;
	bool met;
	bool known;               /* a rule covered that year */
	cq_verdict v;             /* the highest revision seen */
	char source[128];
} vsummary_year;

typedef struct vctx {
	const cq_trust *trust;
	bool json;
	verify_lang lang;
	const char *holder_id;    /* --holder-id, or NULL */
	unsigned year_from, year_to;  /* --years; 0 if not given */
	FILE *out;
	/* Tally for the exit status. */
	unsigned long inputs, authentic, not_authentic, unreadable, other_holder;
	vsummary_year years[CQ_YEAR_MAX - CQ_YEAR_MIN + 1];
} vctx;

/* One input kind: an option that names where texts come from. `run`
 * returns 0, or -1 after verify_unreadable() when the input failed. */
typedef struct vinput {
	const char *opt;          /* "-f" */
	const char *longopt;      /* "--file" */
	int (*run)(vctx *c, const char *arg);
	const char *help;
} vinput;

/* inputs.c: the table of input kinds. A new kind (an image, a PDF, a
 * folder) is one row there and one file with its `run` function. */
extern const vinput verify_inputs[];
extern const size_t verify_inputs_n;

void verify_text(vctx *c, const char *source, const char *text, size_t n);
void verify_unreadable(vctx *c, const char *source, const char *why);

/* text.c: payload texts, one per line, from a file or stdin ("-"). */
int input_text_file(vctx *c, const char *path);
int input_text_arg(vctx *c, const char *text, unsigned index);

/* output.c */
void print_human(vctx *c, const char *source, const cq_verdict *v, cq_holder h);
void print_json(vctx *c, const char *source, const cq_verdict *v, cq_holder h);
void print_unreadable(vctx *c, const char *source, const char *why);

/* summary.c: the employer's question, several years of one person. */
void summary_add(vctx *c, const char *source, const cq_verdict *v, cq_holder h);
/* Prints the summary; returns true if every year of the range is covered and met. */
bool summary_print(vctx *c);

/* install.c: --init ROOT.pub, --install BUNDLE, --status; and what to run
 * when the store is missing (NO_STORE) or empty (NO_BUNDLE), on stderr. */
void store_hint(const char *dir, cq_store_rc rc);
int store_init_cmd(const char *dir, const char *root_pub);
int store_install_cmd(const char *dir, const char *bundle);
int store_status_cmd(const char *dir);

#endif
