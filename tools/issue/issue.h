/* certqr-issue: one file per command; main.c holds the table. */
#ifndef CQ_TOOLS_ISSUE_H
#define CQ_TOOLS_ISSUE_H

#include "certqr/certqr.h"
#include "certqr/fields.h"
#include "certqr/io.h"
#include "certqr/seckey.h"

/* Exit status, documented in docs/certqr-issue.1. */
enum { ISSUE_OK = 0, ISSUE_SOME_REJECTED = 1, ISSUE_USAGE = 2, ISSUE_FAILED = 3, ISSUE_INTERRUPTED = 4 };

int issue_cmd_sign(int argc, char **argv);
int issue_cmd_batch(int argc, char **argv);
int issue_cmd_hours(int argc, char **argv);
int issue_usage(const char *cmd);

/* reasons.c: the Chinese sentence for a reject reason of the core (its
 * English cq_err.msg), or NULL when the table has none. */
const char *issue_reason_zh(const char *en);
#include "pdf.h"
/* names.c: 1 if every verifier can draw the name (certqr/coverage.h) and,
 * with a font (may be NULL), issuing can embed it. On 0, zh[] and en[] say
 * which character fails (U+XXXX and the character) and what to do. */
int issue_name_drawable(const issue_font *font, const char *name, char zh[320], char en[320]);
/* Signs one record and renders its certificate page (workers.c). */
int issue_render_record(const issue_font *font, issue_pdf_engine engine, const cq_seckey *key,
                        const cq_delegation *dl, const cq_record *r, const char *id, char qr_level,
                        const issue_seal *seal, unsigned char **pdf, size_t *len, issue_pdf_info *info, char why[256]);

#endif
