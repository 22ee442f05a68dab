/* certqr-verify files: the list of files to check, from the arguments,
 * folders searched recursively and --list files (walk.c). */
#ifndef CERTQR_FILES_WALK_H
#define CERTQR_FILES_WALK_H

#include <stddef.h>

/* The inputs in the order they are checked; why[i] non-NULL: found but
 * not checked (a symlink, a hidden entry, a folder too deep or
 * unreadable), reported as a row of its own. */
typedef struct paths { char **v, **why; size_t n, cap; } paths;

/* A file (kept even when missing: its row says so) or a folder: every
 * .pdf/.png/.jpg/.jpeg below it, sorted by name, searched at most 32
 * levels deep; symbolic links are never followed. 0, or -1 after a
 * message on stderr (more than 100 000 inputs, out of memory). */
int paths_add_arg(paths *p, const char *arg);
/* Each line of the file LIST ("-" = stdin; at most 64 MiB) as an argument
 * (CRLF accepted, empty lines skipped). 0, or -1 after a message. */
int paths_add_list(paths *p, const char *list);
/* Frees the strings and the arrays; *p is left empty. */
void paths_free(paths *p);

#endif
