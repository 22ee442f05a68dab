/* certqr-verify files: a code's row as every output words it (row.c). */
#ifndef CERTQR_FILES_ROW_H
#define CERTQR_FILES_ROW_H

#include <stddef.h>
#include "batch.h"

/* The row's class: authentic only with a matching page. */
row_class code_class(const fcode *c);
/* The row's status: "composited" when the page (or its text layer) shows
 * something else, "page_unreadable" when an authentic code's page could not
 * be judged, "other_holder" when --holder-id names someone else; else the
 * verdict's status name. "authentic" only with a matching page. */
const char *code_status(const fcode *c);
/* Whether the page differs, by the page check or the text layer. */
bool code_composited(const fcode *c);
/* Every differing field once: the page check's, then the text layer's for
 * fields the page check did not name. Returns the count written. */
typedef struct udiff { const char *field, *want, *seen; bool from_text; } udiff;
unsigned union_diffs(const fcode *c, udiff *out, unsigned cap);
/* A sentence on page-level problems (several certificates, conflicting
 * codes), or "" if none: Chinese and English (FLAGS_BOTH), or one of them. */
enum { FLAGS_BOTH, FLAGS_ZH, FLAGS_EN };
void code_flags_lang(const fcode *c, int lang, char *out, size_t cap);
void code_flags(const fcode *c, char *out, size_t cap);

#endif
