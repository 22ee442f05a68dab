/* certqr-verify files: a PDF page's text layer against the signed fields
 * (composite.c). */
#ifndef CERTQR_FILES_COMPOSITE_H
#define CERTQR_FILES_COMPOSITE_H

#include "work.h"

/* Compares a page's text with the signed fields. Returns the
 * number of differences written (at most cap). */
unsigned composite_check(const char *text, const cq_record *r, fdiff *out, unsigned cap);
/* True if the text has any visible characters. */
bool text_has_content(const char *text);

#endif
