/* The two-line armour of key and delegation files (lib/armor.c,
 * docs/format.md §4): every rule a reader checks, each with the error code
 * the header documents, the 8 192-byte bound and the comment bound at
 * their edges, and the kinds of certqr file told apart. The committed
 * keys/test/root-TEST-ONLY.pub is the golden file. */
#include "testutil.h"
#include "certqr/armor.h"

#define ROOT_PUB "keys/test/root-TEST-ONLY.pub"

static char golden[512];
static size_t golden_n;

static int setup(void **state)
{
	(void)state;
	if (cq_init()) return -1;
	FILE *f = fopen(ROOT_PUB, "rb");
	if (!f) return -1;
	golden_n = fread(golden, 1, sizeof golden - 1, f);
	fclose(f);
	return golden_n > 0 ? 0 : -1;
}

static long dec(const char *text, size_t n, const char *magic, cq_err *e)
{
	unsigned char blob[CQ_ARMOR_MAX_TEXT];
	cq_err_clear(e);
	return cq_armor_decode(text, n, magic, blob, sizeof blob, e);
}

/* text = golden with `from` replaced by `to` (first occurrence). */
static size_t edit(char *text, size_t cap, const char *from, const char *to)
{
	const char *at = strstr(golden, from);
	assert_non_null(at);
	size_t pre = (size_t)(at - golden);
	int n = snprintf(text, cap, "%.*s%s%s", (int)pre, golden, to, at + strlen(from));
	assert_true(n > 0 && (size_t)n < cap);
	return (size_t)n;
}

static void expect_refused(const char *text, size_t n, cq_code code, const char *why)
{
	cq_err e;
	if (dec(text, n, "CQPK", &e) != -1) fail_msg("accepted: %s", why);
	if (e.code != code) fail_msg("%s: %s (%s), expected %s", why, cq_code_name(e.code), e.msg, cq_code_name(code));
}

/* The committed file decodes to its 46-byte blob; encoding that blob with
 * its comment gives the file back byte for byte. */
static void golden_round_trip(void **state)
{
	(void)state;
	unsigned char blob[64];
	cq_err e;
	long n = cq_armor_decode(golden, golden_n, "CQPK", blob, sizeof blob, &e);
	assert_int_equal(n, CQ_PUBKEY_BLOB);
	assert_memory_equal(blob, "CQPK\x01\x01", 6);   /* magic, version 1, role root */
	char comment[128], out[512];
	size_t cl = strcspn(golden, "\n") - strlen("untrusted comment: ");
	memcpy(comment, golden + strlen("untrusted comment: "), cl);
	comment[cl] = '\0';
	assert_int_equal(cq_armor_encode(blob, (size_t)n, comment, out, sizeof out, &e), 0);
	assert_string_equal(out, golden);
	/* the output buffer: the text and its NUL, not one byte less */
	assert_int_equal(cq_armor_encode(blob, (size_t)n, comment, out, golden_n + 1, &e), 0);
	assert_int_equal(cq_armor_encode(blob, (size_t)n, comment, out, golden_n, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
}

/* Comments: one line of at most CQ_COMMENT_MAX bytes when written; any
 * length (within the file bound), printable, possibly empty, when read. */
static void comments(void **state)
{
	(void)state;
	unsigned char blob[] = "CQPK\x01\x01xxxx";
	char c[CQ_COMMENT_MAX + 2], out[1024];
	cq_err e;
	memset(c, 'c', CQ_COMMENT_MAX);
	c[CQ_COMMENT_MAX] = '\0';
	assert_int_equal(cq_armor_encode(blob, 10, c, out, sizeof out, &e), 0);
	c[CQ_COMMENT_MAX] = 'c';
	c[CQ_COMMENT_MAX + 1] = '\0';
	assert_int_equal(cq_armor_encode(blob, 10, c, out, sizeof out, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	assert_string_equal(e.field, "comment");
	assert_int_equal(cq_armor_encode(blob, 10, "two\nlines", out, sizeof out, &e), -1);
	assert_string_equal(e.field, "comment");
	assert_int_equal(cq_armor_encode(blob, 10, "cr\r", out, sizeof out, &e), -1);
	assert_int_equal(cq_armor_encode(blob, 10, "", out, sizeof out, &e), 0);
	assert_int_equal(dec(out, strlen(out), "CQPK", &e), 10);             /* an empty comment reads */
	/* read: printable UTF-8 only */
	char text[1024];
	const char *line = strchr(golden, '\n');
	size_t n = edit(text, sizeof text, "certqr root", "证书 root");
	assert_int_equal(dec(text, n, "CQPK", &e), CQ_PUBKEY_BLOB);
	n = edit(text, sizeof text, "certqr root", "certqr\troot");
	assert_int_equal(dec(text, n, "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_string_equal(e.field, "comment");
	n = edit(text, sizeof text, "certqr root", "certqr\xE2\x80\xAEroot");  /* U+202E */
	expect_refused(text, n, CQ_E_FORMAT, "bidi control in the comment");
	n = edit(text, sizeof text, "certqr root", "certqr\xC0\xA0root");      /* overlong */
	expect_refused(text, n, CQ_E_FORMAT, "invalid UTF-8 in the comment");
	n = edit(text, sizeof text, "untrusted comment: ", "untrusted comment:");
	expect_refused(text, n, CQ_E_FORMAT, "prefix without its space");
	n = edit(text, sizeof text, "untrusted", "Untrusted");
	expect_refused(text, n, CQ_E_FORMAT, "prefix in another case");
	(void)line;
}

/* docs/format.md §4: line ends LF or CRLF, the last optional; a lone CR is
 * no line end; nothing after the base64 line. */
static void line_ends(void **state)
{
	(void)state;
	char text[1024];
	cq_err e;
	size_t n = edit(text, sizeof text, "\n", "\r\n");
	assert_int_equal(dec(text, n, "CQPK", &e), CQ_PUBKEY_BLOB);           /* CRLF after the comment */
	text[n - 1] = '\r';
	text[n] = '\n';
	assert_int_equal(dec(text, n + 1, "CQPK", &e), CQ_PUBKEY_BLOB);       /* CRLF at the end too */
	assert_int_equal(dec(golden, golden_n - 1, "CQPK", &e), CQ_PUBKEY_BLOB);  /* no final line end */
	memcpy(text, golden, golden_n);
	text[golden_n - 1] = '\r';
	expect_refused(text, golden_n, CQ_E_FORMAT, "a lone CR after the base64");
	memcpy(text, golden, golden_n);
	memcpy(text + golden_n, "\n", 1);
	expect_refused(text, golden_n + 1, CQ_E_FORMAT, "an empty line after the base64");
	memcpy(text + golden_n - 1, "\r\r\n", 3);
	expect_refused(text, golden_n + 2, CQ_E_FORMAT, "two CRs before the LF");
	n = edit(text, sizeof text, "\n", "\r");
	expect_refused(text, n, CQ_E_FORMAT, "a lone CR after the comment");
	n = (size_t)snprintf(text, sizeof text, "%.*s", (int)strcspn(golden, "\n"), golden);
	expect_refused(text, n, CQ_E_FORMAT, "no second line");
	n = (size_t)snprintf(text, sizeof text, "%.*s\n", (int)strcspn(golden, "\n"), golden);
	expect_refused(text, n, CQ_E_FORMAT, "an empty second line");
	memcpy(text, golden, golden_n);
	memcpy(text + golden_n, "x\n", 2);
	expect_refused(text, golden_n + 2, CQ_E_FORMAT, "a third line");
}

/* The base64 line is canonical: standard alphabet, padding present, unused
 * bits zero, nothing else. */
static void base64_canonical(void **state)
{
	(void)state;
	char text[1024];
	size_t n = edit(text, sizeof text, "iA==", "iA");
	expect_refused(text, n, CQ_E_FORMAT, "no padding");
	n = edit(text, sizeof text, "iA==", "iA=");
	expect_refused(text, n, CQ_E_FORMAT, "half the padding");
	n = edit(text, sizeof text, "iA==", "iB==");
	expect_refused(text, n, CQ_E_FORMAT, "unused bits set");
	n = edit(text, sizeof text, "iA==", "iA== ");
	expect_refused(text, n, CQ_E_FORMAT, "a trailing space");
	n = edit(text, sizeof text, "Q1FQ", "Q1 FQ");
	expect_refused(text, n, CQ_E_FORMAT, "a space inside");
	n = edit(text, sizeof text, "pfwD", "pfw_");
	expect_refused(text, n, CQ_E_FORMAT, "the URL-safe alphabet");
	/* a blob bigger than the caller's buffer */
	unsigned char small[16];
	cq_err e;
	assert_int_equal(cq_armor_decode(golden, golden_n, "CQPK", small, sizeof small, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
}

/* At most CQ_ARMOR_MAX_TEXT bytes (the comment may fill them); no NUL; not
 * empty. */
static void size_and_bytes(void **state)
{
	(void)state;
	static char text[CQ_ARMOR_MAX_TEXT + 2];
	cq_err e;
	const char *b64 = strchr(golden, '\n') + 1;
	size_t tail = golden_n - (size_t)(b64 - golden);       /* base64 line and its LF */
	size_t pre = strlen("untrusted comment: ");
	size_t cl = CQ_ARMOR_MAX_TEXT - pre - 1 - tail;         /* a comment filling the file exactly */
	memcpy(text, "untrusted comment: ", pre);
	memset(text + pre, 'c', cl);
	text[pre + cl] = '\n';
	memcpy(text + pre + cl + 1, b64, tail);
	assert_int_equal(dec(text, CQ_ARMOR_MAX_TEXT, "CQPK", &e), CQ_PUBKEY_BLOB);
	memmove(text + pre + 1, text + pre, CQ_ARMOR_MAX_TEXT - pre);
	assert_int_equal(dec(text, CQ_ARMOR_MAX_TEXT + 1, "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	expect_refused("", 0, CQ_E_FORMAT, "an empty file");
	memcpy(text, golden, golden_n);
	text[25] = '\0';
	expect_refused(text, golden_n, CQ_E_FORMAT, "a NUL in the comment");
	memcpy(text, golden, golden_n);
	text[golden_n - 1] = '\0';
	expect_refused(text, golden_n, CQ_E_FORMAT, "a NUL at the end");
}

/* The blob's magic: another certqr kind is CQ_E_KEY naming both kinds;
 * anything else CQ_E_NOT_CERTQR. */
static void kinds(void **state)
{
	(void)state;
	cq_err e;
	assert_int_equal(dec(golden, golden_n, "CQDL", &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	assert_string_equal(e.msg, "this is a public key (.pub), but a delegation (.dl) is needed here (two arguments swapped?)");
	assert_int_equal(dec(golden, golden_n, "CQSK", &e), -1);
	assert_non_null(strstr(e.msg, "but a secret key (.key) is needed"));
	/* a certqr magic no kind names: still the wrong kind */
	char out[256];
	unsigned char blob[] = "CQXX\x01zzzz", other[] = "ABCD\x01zzzz", tiny[] = "CQP";
	assert_int_equal(cq_armor_encode(blob, 9, "x", out, sizeof out, &e), 0);
	assert_int_equal(dec(out, strlen(out), "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_KEY);
	assert_string_equal(e.msg, "this is a certqr \"CQXX\" file, expected \"CQPK\"");
	assert_int_equal(cq_armor_encode(other, 9, "x", out, sizeof out, &e), 0);
	assert_int_equal(dec(out, strlen(out), "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_NOT_CERTQR);
	/* a blob of 4 bytes is too short even with the right magic */
	assert_int_equal(cq_armor_encode((const unsigned char *)"CQPK", 4, "x", out, sizeof out, &e), 0);
	assert_int_equal(dec(out, strlen(out), "CQPK", &e), -1);
	assert_int_equal(cq_armor_encode(tiny, 3, "x", out, sizeof out, &e), 0);
	assert_int_equal(dec(out, strlen(out), "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_NOT_CERTQR);
	assert_int_equal(dec("not a key at all\n", 17, "CQPK", &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
}

static void magic_and_names(void **state)
{
	(void)state;
	static const char *const m[4][2] = {
		{"CQPK", "a public key (.pub)"}, {"CQSK", "a secret key (.key)"},
		{"CQDL", "a delegation (.dl)"}, {"CQTB", "a trust bundle (.bundle)"},
	};
	for (int i = 0; i < 4; i++) assert_string_equal(cq_armor_kind_name(m[i][0]), m[i][1]);
	assert_null(cq_armor_kind_name("CQXX"));
	assert_null(cq_armor_kind_name("cqpk"));
	char magic[5];
	assert_int_equal(cq_armor_magic(golden, golden_n, magic), 0);
	assert_string_equal(magic, "CQPK");
	size_t n;
	char *dl = tu_slurp("keys/test/issuer-zhengzhou-TEST-ONLY.dl", &n);
	assert_int_equal(cq_armor_magic(dl, n, magic), 0);
	assert_string_equal(magic, "CQDL");
	free(dl);
	char *sk = tu_slurp("keys/test/root-TEST-ONLY.key", &n);
	assert_int_equal(cq_armor_magic(sk, n, magic), 0);
	assert_string_equal(magic, "CQSK");
	free(sk);
	/* a trust bundle is binary: its first four bytes */
	assert_int_equal(cq_armor_magic("CQTB\x01", 5, magic), 0);
	assert_string_equal(magic, "CQTB");
	assert_int_equal(cq_armor_magic("CQT", 3, magic), -1);
	/* none: -1 and an empty magic */
	strcpy(magic, "XXXX");
	assert_int_equal(cq_armor_magic("hello", 5, magic), -1);
	assert_string_equal(magic, "");
	assert_int_equal(cq_armor_magic("untrusted comment: x\nQ1FQ", 25, magic), -1);     /* fewer than 8 base64 characters */
	char out[256];
	cq_err e;
	assert_int_equal(cq_armor_encode((const unsigned char *)"CQXX\x01zzzz", 9, "x", out, sizeof out, &e), 0);
	assert_int_equal(cq_armor_magic(out, strlen(out), magic), -1);                   /* not a known kind */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(golden_round_trip), cmocka_unit_test(comments), cmocka_unit_test(line_ends),
		cmocka_unit_test(base64_canonical), cmocka_unit_test(size_and_bytes), cmocka_unit_test(kinds),
		cmocka_unit_test(magic_and_names),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
