/* certqr-issue: one file per command; main.c holds the table. */
#ifndef CQ_TOOLS_ISSUE_H
#define CQ_TOOLS_ISSUE_H

#include "certqr/certqr.h"
#include "certqr/fields.h"
#include "certqr/io.h"
#include "certqr/seckey.h"

/* Exit status, documented in docs/certqr-issue.1. */
enum { ISSUE_OK = 0, ISSUE_SOME_REJECTED = 1, ISSUE_USAGE = 2, ISSUE_FAILED = 3 };

int issue_cmd_sign(int argc, char **argv);
int issue_usage(const char *cmd);
cq_seckey *issue_load_key(const char *path, const cq_passsrc *src);

#endif
