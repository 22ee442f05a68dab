/* Helpers shared by the unit tests (header-only; tests run from the repo root). */
#ifndef CQ_TESTUTIL_H
#define CQ_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <sodium.h>
#include "certqr/certqr.h"
#include "certqr/fields.h"
#include "certqr/seckey.h"

#define TEST_PASS_FILE "keys/test/PASSPHRASE-TEST-ONLY"

static inline char *tu_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = malloc(1 << 20);
	assert_non_null(buf);
	*n = fread(buf, 1, (1 << 20) - 1, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

static inline char *tu_passphrase(void)
{
	size_t n;
	char *p = tu_slurp(TEST_PASS_FILE, &n);
	p[strcspn(p, "\n")] = '\0';
	return p;
}

/* Opens keys/test/<name>-TEST-ONLY.key with the committed test passphrase. */
static inline cq_seckey *tu_key(const char *name)
{
	char path[256];
	size_t n;
	cq_err e;
	cq_seckey *k = NULL;
	snprintf(path, sizeof path, "keys/test/%s-TEST-ONLY.key", name);
	char *text = tu_slurp(path, &n), *pass = tu_passphrase();
	if (cq_seckey_open(text, n, pass, strlen(pass), &k, &e)) fail_msg("%s: %s", path, e.msg);
	free(text);
	free(pass);
	return k;
}

/* A valid record: Zhengzhou, 2024, 32 + 64 hours. */
static inline void tu_record(cq_record *r)
{
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	const char *kv[][2] = {
		{"name", "张三丰"}, {"id_number", "11010519491231002X"}, {"number", "4101020000123"},
		{"year", "2024"}, {"hours_public", "32"}, {"hours_professional", "64"},
		{"issuer_region", "410100"}, {"issued", "2025-01-06"},
	};
	for (size_t i = 0; i < sizeof kv / sizeof *kv; i++)
		if (cq_builder_set(&b, kv[i][0], kv[i][1], &e)) fail_msg("%s: %s", e.field, e.msg);
	if (cq_builder_finish(&b, r, &e)) fail_msg("%s: %s", e.field, e.msg);
}

#endif
