/* The version floor of a trust store (lib/io/store_floor.c, docs/trust.md
 * §7 "The version floor"): its one-line form byte for byte, the strict
 * parser (only what the formatter writes), reading an absent, damaged or
 * oversized floor, and writing it atomically. */
#include "storefix.h"

static cq_store_floor sample(void)
{
	cq_store_floor f;
	memset(&f, 0, sizeof f);
	assert_int_equal(cq_key_id_parse("B1781097C002AD72", f.root_id), 0);
	f.version = 3;
	f.date = D("2026-11-01");
	for (int i = 0; i < CQ_STORE_HASH_BYTES; i++) f.hash[i] = (uint8_t)(0x10 + i);
	return f;
}

static const char sample_line[] =
	"certqr-trust-floor v1 root=B1781097C002AD72 version=3 date=2026-11-01 "
	"hash=101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f\n";

static void format_line(void **state)
{
	(void)state;
	cq_store_floor f = sample(), g;
	char out[256];
	int n = cq_store_floor_format(&f, out, sizeof out);
	assert_string_equal(out, sample_line);
	assert_int_equal(n, (int)strlen(sample_line));
	assert_int_equal(cq_store_floor_parse(out, (size_t)n, &g), 0);
	assert_memory_equal(&g, &f, sizeof f);
	assert_int_equal(cq_store_floor_format(&f, out, (size_t)n + 1), n);
	assert_int_equal(cq_store_floor_format(&f, out, (size_t)n), -1);   /* no room for the NUL */
	/* the largest version */
	f.version = UINT32_MAX;
	n = cq_store_floor_format(&f, out, sizeof out);
	assert_non_null(strstr(out, " version=4294967295 "));
	assert_int_equal(cq_store_floor_parse(out, (size_t)n, &g), 0);
	assert_int_equal(g.version, UINT32_MAX);
}

/* Strict: only what cq_store_floor_format writes (docs/trust.md §7). */
static void parse_strict(void **state)
{
	(void)state;
	static const struct { const char *from, *to; } edits[] = {
		{"certqr-trust-floor v1", "certqr-trust-floor v2"},
		{"root=B1781097C002AD72", "root=b1781097c002ad72"},         /* the id in upper case only */
		{"root=B1781097C002AD72", "root=B1781097C002AD7"},
		{"root=B1781097C002AD72", "root=B1781097C002AD720"},
		{"version=3", "version=0"},
		{"version=3", "version=03"},
		{"version=3", "version=+3"},
		{"version=3", "version=4294967296"},
		{"version=3", "version=3 "},
		{" date=", "  date="},
		{"2026-11-01", "2026-11-1"},
		{"2026-11-01", "2026-02-30"},
		{"2026-11-01", "2026/11/01"},
		{"hash=1011", "hash=1O11"},
		{"hash=1011", "hash=101"},                                    /* 63 digits */
		{"2a2b2c2d2e2f\n", "2a2b2c2d2e2f0\n"},                        /* 65 */
		{"2a2b2c2d2e2f\n", "2A2B2C2D2E2F\n"},                         /* the hash in lower case only */
		{"2e2f\n", "2e2f\r\n"},
		{"2e2f\n", "2e2f"},
		{"2e2f\n", "2e2f\n\n"},
		{"2e2f\n", "2e2f x\n"},
		{"certqr", " certqr"},
	};
	cq_store_floor g;
	char text[512];
	assert_int_equal(cq_store_floor_parse(sample_line, strlen(sample_line), &g), 0);
	for (size_t i = 0; i < sizeof edits / sizeof *edits; i++) {
		const char *at = strstr(sample_line, edits[i].from);
		assert_non_null(at);
		int n = snprintf(text, sizeof text, "%.*s%s%s", (int)(at - sample_line), sample_line, edits[i].to,
		                 at + strlen(edits[i].from));
		if (cq_store_floor_parse(text, (size_t)n, &g) != -1) fail_msg("accepted: %s", text);
	}
	/* a NUL inside, nothing, more than 200 bytes */
	memcpy(text, sample_line, sizeof sample_line);
	text[30] = '\0';
	assert_int_equal(cq_store_floor_parse(text, strlen(sample_line), &g), -1);
	assert_int_equal(cq_store_floor_parse("", 0, &g), -1);
	memset(text, 'x', 300);
	assert_int_equal(cq_store_floor_parse(text, 201, &g), -1);
	/* *f untouched by a refusal */
	cq_store_floor before = sample(), f = before;
	assert_int_equal(cq_store_floor_parse("certqr-trust-floor v1 root=B1781097C002AD72 version=9\n", 55, &f), -1);
	assert_memory_equal(&f, &before, sizeof f);
}

/* The floor of a bundle: its header and the BLAKE2b-256 of its bytes. */
static void floor_of_bundle(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	cq_bundle_spec s = { .version = 12, .date = D("2026-12-01"), .delegations = dls, .n_delegations = 1 };
	size_t n;
	uint8_t *b = make_bundle(&s, root, &n);
	cq_bundle_header h;
	cq_err e;
	assert_int_equal(cq_bundle_peek(b, n, &h, &e), 0);
	cq_store_floor f;
	cq_store_floor_of(b, n, &h, &f);
	assert_memory_equal(f.root_id, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
	assert_int_equal(f.version, 12);
	assert_int_equal(cq_date_cmp(f.date, D("2026-12-01")), 0);
	uint8_t want[32];
	crypto_generichash(want, sizeof want, b, n, NULL, 0);
	assert_memory_equal(f.hash, want, sizeof want);
	b[n - 1] ^= 1;                                  /* another byte: another hash */
	cq_store_floor g;
	cq_store_floor_of(b, n, &h, &g);
	assert_memory_not_equal(g.hash, f.hash, sizeof f.hash);
	free(b);
}

static void read_and_write(void **state)
{
	(void)state;
	char dir[512], path[512], why[256];
	cq_store_floor f = sample(), g;
	bool have = true;
	sf_fresh(dir, "floor");
	assert_int_equal(mkdir(dir, 0755), 0);
	/* absent: fine, nothing had */
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_OK);
	assert_false(have);
	/* written: 0644, read back equal, no temporary file left */
	assert_int_equal(cq_store_floor_write(dir, &f, why), CQ_STORE_OK);
	assert_true(snprintf(path, sizeof path, "%s/trust.floor", dir) < (int)sizeof path);
	struct stat st;
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 07777, 0644);
	assert_int_equal(st.st_size, (off_t)strlen(sample_line));
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_OK);
	assert_true(have);
	assert_memory_equal(&g, &f, sizeof f);
	size_t n;
	char *text = tu_slurp(path, &n);
	assert_string_equal(text, sample_line);
	free(text);
	/* replaced, not appended */
	f.version = 4;
	assert_int_equal(cq_store_floor_write(dir, &f, why), CQ_STORE_OK);
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_OK);
	assert_int_equal(g.version, 4);
	DIR *d = opendir(dir);
	assert_non_null(d);
	int entries = 0;
	for (struct dirent *de; (de = readdir(d));) if (de->d_name[0] != '.') entries++;
	closedir(d);
	assert_int_equal(entries, 1);
	/* damaged: a refusal with the store's name, and a hint */
	sf_write(path, "certqr-trust-floor v1 root=B1781097C002AD72 version=9\n", 55, 0644);
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_DAMAGED);
	assert_false(have);
	assert_non_null(strstr(why, "trust.floor: the version floor is damaged: check the store, then remove it"));
	char big[202];
	memset(big, 'x', sizeof big);
	sf_write(path, big, sizeof big, 0644);                          /* over 200 bytes */
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_DAMAGED);
	assert_non_null(strstr(why, "larger than 200 bytes"));
	sf_write(path, "", 0, 0644);
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_DAMAGED);
	remove(path);
	assert_int_equal(mkdir(path, 0755), 0);                         /* a directory in its place */
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_DAMAGED);
	assert_int_equal(rmdir(path), 0);
	/* a symbolic link to nowhere is not "absent" */
	assert_int_equal(symlink("/nonexistent/floor", path), 0);
	assert_int_equal(cq_store_floor_read(dir, &g, &have, why), CQ_STORE_DAMAGED);
	assert_int_equal(unlink(path), 0);
	/* writing into a directory that does not exist */
	char gone[512];
	sf_fresh(gone, "no-such-store");
	assert_int_equal(cq_store_floor_write(gone, &f, why), CQ_STORE_IO);
	assert_non_null(strstr(why, "could not record the version floor"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(format_line), cmocka_unit_test(parse_strict),
		cmocka_unit_test(floor_of_bundle), cmocka_unit_test(read_and_write),
	};
	return cmocka_run_group_tests(tests, storefix_setup, storefix_teardown);
}
