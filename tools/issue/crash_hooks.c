/* Test hooks of the batch's crash safety (batch.h says which); without the
 * environment variables they do nothing. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "batch.h"

static int crash_stage;
static unsigned long crash_at;
long batch_commit_ms = COMMIT_MS;
static atomic_ulong crash_count;

void batch_crash_point(int stage)
{
	if (stage == crash_stage && atomic_fetch_add(&crash_count, 1) + 1 == crash_at) raise(SIGKILL);
}

void batch_crash_setup(void)
{
	const char *v = getenv("CERTQR_TEST_CRASH");
	char stage[16];
	unsigned long n;
	if (!v || sscanf(v, "%15[a-z]:%lu", stage, &n) != 2) return;
	crash_stage = !strcmp(stage, "written") ? CRASH_WRITTEN : !strcmp(stage, "renamed") ? CRASH_RENAMED
	            : !strcmp(stage, "journalled") ? CRASH_JOURNALLED : CRASH_NONE;
	crash_at = n;
	const char *c = getenv("CERTQR_TEST_COMMIT_MS");
	long ms = c ? strtol(c, NULL, 10) : 0;
	if (ms >= 1 && ms <= 1000) batch_commit_ms = ms;
}
