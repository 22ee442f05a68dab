#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include "certqr/armor.h"
#include "certqr/utf8.h"

static const char COMMENT[] = "untrusted comment: ";

/* What each certqr file is, for messages when one is given for another. */
static const struct { char magic[5]; const char *what; } kinds[] = {
	{"CQPK", "a public key (.pub)"},
	{"CQSK", "a secret key (.key)"},
	{"CQDL", "a delegation (.dl)"},
	{"CQTB", "a trust bundle (.bundle)"},
};

const char *cq_armor_kind_name(const char magic[4])
{
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
		if (!memcmp(magic, kinds[i].magic, 4)) return kinds[i].what;
	return NULL;
}

int cq_armor_magic(const char *text, size_t n, char magic[5])
{
	magic[0] = '\0';
	if (n >= 4 && !memcmp(text, "CQTB", 4)) { memcpy(magic, "CQTB", 5); return 0; }   /* bundles are binary */
	if (n < sizeof COMMENT - 1 || memcmp(text, COMMENT, sizeof COMMENT - 1) != 0) return -1;
	const char *nl = memchr(text, '\n', n);
	if (!nl || (size_t)(text + n - nl - 1) < 8) return -1;
	unsigned char head[6];
	size_t got;
	/* the first 8 base64 characters hold the blob's first 6 bytes */
	if (sodium_base642bin(head, sizeof head, nl + 1, 8, NULL, &got, NULL, sodium_base64_VARIANT_ORIGINAL) || got < 4 ||
	    !cq_armor_kind_name((const char *)head))
		return -1;
	memcpy(magic, head, 4);
	magic[4] = '\0';
	return 0;
}

/* A certqr file of another kind where `magic` was wanted: one line naming
 * both, since that is usually two arguments given in each other's place. */
static int wrong_kind(const char *text, size_t n, const char magic[4], cq_err *e)
{
	char is[5];
	const char *want = cq_armor_kind_name(magic);
	if (cq_armor_magic(text, n, is) || !want || !memcmp(is, magic, 4)) return 0;
	cq_fail(e, CQ_E_KEY, NULL, "this is %s, but %s is needed here (two arguments swapped?)", cq_armor_kind_name(is), want);
	return -1;
}

int cq_armor_encode(const unsigned char *blob, size_t n, const char *comment,
                    char *out, size_t cap, cq_err *e)
{
	size_t cl = strlen(comment);
	if (cl > CQ_COMMENT_MAX || strchr(comment, '\n') || strchr(comment, '\r'))
		return cq_fail(e, CQ_E_LIMIT, "comment", "comment must be one line of at most %d bytes", CQ_COMMENT_MAX);
	size_t b64 = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	if (sizeof COMMENT - 1 + cl + 1 + b64 + 1 > cap)
		return cq_fail(e, CQ_E_LIMIT, NULL, "output buffer too small");
	int k = snprintf(out, cap, "%s%s\n", COMMENT, comment);
	sodium_bin2base64(out + k, cap - (size_t)k, blob, n, sodium_base64_VARIANT_ORIGINAL);
	strcat(out, "\n");
	return 0;
}

long cq_armor_decode(const char *text, size_t n, const char magic[4],
                     unsigned char *blob, size_t cap, cq_err *e)
{
	if (n > CQ_ARMOR_MAX_TEXT)
		return cq_fail(e, CQ_E_LIMIT, NULL, "file larger than %d bytes", CQ_ARMOR_MAX_TEXT);
	if (wrong_kind(text, n, magic, e)) return -1;
	if (memchr(text, '\0', n))
		return cq_fail(e, CQ_E_FORMAT, NULL, "file contains a NUL byte");
	if (n == 0)
		return cq_fail(e, CQ_E_FORMAT, NULL, "empty file (truncated, or written by an interrupted program)");
	if (n < sizeof COMMENT - 1 || memcmp(text, COMMENT, sizeof COMMENT - 1) != 0)
		return cq_fail(e, CQ_E_FORMAT, NULL, "first line must start with \"untrusted comment: \"");
	const char *nl = memchr(text, '\n', n);
	if (!nl) return cq_fail(e, CQ_E_FORMAT, NULL, "missing second line");
	/* Each line ends in LF or CRLF (a file that went through Windows). */
	size_t cl = (size_t)(nl - text);
	if (cl && text[cl - 1] == '\r') cl--;
	if (!cq_utf8_printable(text, cl))
		return cq_fail(e, CQ_E_FORMAT, "comment", "comment line is not printable UTF-8");
	const char *b = nl + 1;
	size_t bl = n - (size_t)(b - text);
	/* Exactly one line of base64, optionally ending in one "\n" (or "\r\n");
	 * a CR without its LF is no line end (docs/format.md §4). */
	if (bl && b[bl - 1] == '\n') {
		bl--;
		if (bl && b[bl - 1] == '\r') bl--;
	}
	if (bl == 0) return cq_fail(e, CQ_E_FORMAT, NULL, "missing base64 line");
	if (memchr(b, '\n', bl) || memchr(b, '\r', bl))
		return cq_fail(e, CQ_E_FORMAT, NULL, "trailing data after the base64 line");
	size_t got;
	const char *end;
	if (sodium_base642bin(blob, cap, b, bl, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    end != b + bl)
		return cq_fail(e, CQ_E_FORMAT, NULL, "second line is not valid base64 of the expected size");
	if (got < 5 || memcmp(blob, magic, 4) != 0) {
		if (got >= 4 && memcmp(blob, "CQ", 2) == 0)
			return cq_fail(e, CQ_E_KEY, NULL, "this is a certqr \"%.4s\" file, expected \"%.4s\"", (const char *)blob, magic);
		return cq_fail(e, CQ_E_NOT_CERTQR, NULL, "not a certqr \"%.4s\" file", magic);
	}
	return (long)got;
}
