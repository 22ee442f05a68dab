/* certqr-keys: one file per command; main.c holds the table. */
#ifndef CQ_TOOLS_KEYS_H
#define CQ_TOOLS_KEYS_H

#include <stdbool.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
#include "certqr/opts.h"
#include "certqr/seckey.h"

/* Exit status, documented in docs/certqr-keys.1. */
enum { KEYS_OK = 0, KEYS_REFUSED = 1, KEYS_USAGE = 2 };

typedef struct keys_cmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *usage;
} keys_cmd;

int cmd_generate(int argc, char **argv);
int cmd_public(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_delegate(int argc, char **argv);
int cmd_check_delegation(int argc, char **argv);
int cmd_passwd(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_check_bundle(int argc, char **argv);

/* Shared by commands. */
int keys_usage(const char *cmd);
int load_pubkey(const char *path, cq_pubkey *k);
/* A new passphrase for `role`'s key: refused when weak (cq_passphrase_weak)
 * unless weak_ok, then only warned about. 0 to go on, -1 refused. */
int passphrase_policy(const char *pass, unsigned role, bool weak_ok);
/* check-delegation and check-bundle: "--root ROOT.pub [-v] FILE...". Reads
 * each FILE (at most max bytes) and has check() verify it against the root
 * and describe it on stdout. KEYS_OK when every file passed; KEYS_REFUSED
 * when one did not, could not be read, or stdout failed; KEYS_USAGE on a
 * usage error (-v only where verbose_ok). */
typedef int keys_check_fn(const char *path, const char *buf, size_t n, const cq_pubkey *root, bool verbose);
int keys_check_files(const char *cmd, int argc, char **argv, bool verbose_ok, size_t max, keys_check_fn *check);

/* The passphrase options every command that opens or seals a key takes:
 * rows of a getopt_long table (certqr/opts.h). */
enum { O_PASS_FILE = 256, O_PASS_ENV, O_KEYS_FIRST };   /* a command's own options from O_KEYS_FIRST */
#define KEYS_PASS_OPTS \
	{"passphrase-file", required_argument, NULL, O_PASS_FILE}, \
	{"passphrase-env", required_argument, NULL, O_PASS_ENV}
/* 1 if option c was a passphrase option (now in src), else 0. */
int keys_passsrc(int c, const cq_opts *o, cq_passsrc *src);
/* A usage error of command cmd: "cmd: PHRASE 'ARG'" naming the option as
 * typed (or the operand), then the command's usage; returns KEYS_USAGE. A
 * passphrase option without its value or given twice says so, without the
 * usage, as it always has. */
int keys_bad_arg(const char *cmd, const char *phrase, int c, const cq_opts *o);

#endif
