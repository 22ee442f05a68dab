/* Program-side helpers (lib/io, libcertqr-io.a): files, atomic replacement,
 * passphrases, messages. The pure core in lib/ (top level) never calls these. */
#ifndef CERTQR_IO_H
#define CERTQR_IO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

extern const char *cq_argv0;
/* "argv0: message" on stderr, one line: the formatted message goes through
 * cq_escape_char (certqr/escape.h), so a quoted file name or value cannot
 * break the line or drive the terminal. Messages hold no newline or tab. */
void cq_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Writes s escaped (certqr/escape.h) to f: for every outside string on a
 * terminal or in a line-based output. 0, or EOF on a write error. */
int cq_fputs_escaped(const char *s, FILE *f);
/* The same for s[0..n), which may hold NUL bytes (written as \x00). */
int cq_fwrite_escaped(const char *s, size_t n, FILE *f);

/* Reads a whole file ("-" = stdin) of at most `max` bytes into a NUL-terminated
 * malloc'd buffer. On error returns -1 and puts a reason in why[256]. */
int cq_read_file(const char *path, size_t max, char **buf, size_t *len, char why[256]);

/* Maps a regular file of 1 to `max` bytes read-only (mmap): for large
 * read-only data such as fonts, whose pages are read only when touched and
 * shared with forked workers and other processes. Release with
 * cq_unmap_file. On error returns -1 with a reason in why[256]. */
int cq_map_file(const char *path, size_t max, const uint8_t **data, size_t *len, char why[256]);
void cq_unmap_file(const uint8_t *data, size_t len);

/* As cq_read_file, for secret key files: refuses a file that is not a regular
 * file, or that group or others may read or write ("permissions 0644 are
 * too open: chmod 600 FILE"). */
int cq_read_secret_file(const char *path, size_t max, char **buf, size_t *len, char why[256]);

/* Writes all n bytes, retrying short writes and EINTR; -1 with errno set. */
int cq_write_all(int fd, const void *data, size_t n);

/* Writes to "path.tmp.XXXXXX" in the same directory, fsyncs, renames over
 * `path`, fsyncs the directory: readers see the old file or the new, never a
 * mix. Refuses to replace an existing file unless `replace`. */
int cq_write_atomic(const char *path, const void *data, size_t n, unsigned mode,
                    bool replace, char why[256]);

/* For secrets: O_CREAT|O_EXCL|O_NOFOLLOW, mode 0600; with `force`, the new
 * file is made exclusively under a temporary name and renamed over. */
int cq_write_secret(const char *path, const void *data, size_t n, bool force, char why[256]);

/* Where a passphrase comes from: the terminal (no echo) unless a file or an
 * environment variable is named explicitly. */
typedef struct cq_passsrc { const char *file; const char *env; } cq_passsrc;
/* Returns a sodium_malloc'd NUL-terminated passphrase (free with
 * cq_passphrase_free) or NULL with why[] set. `confirm` asks twice on a tty. */
char *cq_passphrase_get(const cq_passsrc *src, const char *prompt, bool confirm, char why[256]);
void cq_passphrase_free(char *p);

#endif
