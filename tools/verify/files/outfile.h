/* Reports written as the batch runs and renamed into place when complete
 * (outfile.c). */
#ifndef CERTQR_FILES_OUTFILE_H
#define CERTQR_FILES_OUTFILE_H
#include <stdio.h>

typedef struct outfile { const char *path; char *tmp; FILE *f; } outfile;
/* 0, or -1 with a message on stderr. */
int outfile_open(outfile *o, const char *path);
/* Flushes, syncs and renames over the path: 0, or -1 with a message (the
 * temporary file is then removed). */
int outfile_commit(outfile *o);
/* Removes the temporary file. */
void outfile_discard(outfile *o);
#endif
