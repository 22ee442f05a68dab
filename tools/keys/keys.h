/* certqr-keys: one file per command; main.c holds the table. */
#ifndef CQ_TOOLS_KEYS_H
#define CQ_TOOLS_KEYS_H

#include <stdbool.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
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
cq_seckey *load_seckey(const char *path, const cq_passsrc *src);
/* A new passphrase for `role`'s key: refused when weak (cq_passphrase_weak)
 * unless weak_ok, then only warned about. 0 to go on, -1 refused. */
int passphrase_policy(const char *pass, unsigned role, bool weak_ok);
/* Reads the common options; returns 1 if argv[*i] was one of them, -1 on error. */
int passsrc_option(int argc, char **argv, int *i, cq_passsrc *src);

#endif
