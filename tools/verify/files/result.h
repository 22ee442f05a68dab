/* certqr-verify files: a file's results as the parent keeps them (result.c). */
#ifndef CERTQR_FILES_RESULT_H
#define CERTQR_FILES_RESULT_H

#include "batch.h"

/* Reads the messages a worker wrote (b, n bytes: MSG_PAGE, MSG_CODE, ...,
 * work.h) into f's pages, codes, thumbnails, crops, page limit and
 * error. A truncated or malformed tail is ignored; a worker that sent no
 * page and no error leaves "no result from the worker" in f->error. */
void result_parse(bfile *f, const uint8_t *b, size_t n);
/* Frees f's pages (the path and the error are kept). */
void result_free(bfile *f);

#endif
