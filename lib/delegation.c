/* Delegation v1: the root's signed statement that one issuer key may sign
 * certificates for a bureau, a certificate-number prefix and a date window. */
#include <stdio.h>
#include <string.h>
#include "bytes.h"
#include "certqr/armor.h"
#include "certqr/delegation.h"
#include "certqr/utf8.h"

static int check_fields(const cq_delegation *d, cq_err *e)
{
	size_t sl = strnlen(d->scope, CQ_SCOPE_MAX + 1);
	if (sl < 2 || sl > CQ_SCOPE_MAX || strncmp(d->scope, "41", 2) != 0)
		return cq_fail(e, CQ_E_FIELD, "scope", "scope must be a certificate-number prefix of 2..%d digits starting 41", CQ_SCOPE_MAX);
	for (size_t i = 0; i < sl; i++)
		if (d->scope[i] < '0' || d->scope[i] > '9')
			return cq_fail(e, CQ_E_FIELD, "scope", "scope must contain digits only");
	if (d->region < 410000 || d->region > 419999)
		return cq_fail(e, CQ_E_FIELD, "region", "region must be a six-digit Henan division code 41xxxx");
	size_t bl = strnlen(d->bureau, CQ_BUREAU_MAX_BYTES + 1);
	if (bl == 0 || bl > CQ_BUREAU_MAX_BYTES || !cq_utf8_printable(d->bureau, bl))
		return cq_fail(e, CQ_E_FIELD, "bureau", "bureau name must be 1..%d bytes of printable UTF-8", CQ_BUREAU_MAX_BYTES);
	if (!cq_date_storable(d->first) || !cq_date_storable(d->last))
		return cq_fail(e, CQ_E_FIELD, "window", "window dates must be valid dates from 1970-01-01 to 2149-06-06");
	if (cq_date_cmp(d->first, d->last) > 0)
		return cq_fail(e, CQ_E_FIELD, "window", "first issue date is after the last");
	if (d->issuer.role != CQ_ROLE_ISSUER)
		return cq_fail(e, CQ_E_KEY, "issuer", "the delegated key must be an issuer key, not %s", cq_role_phrase(d->issuer.role));
	return 0;
}

int cq_delegation_encode_body(const cq_delegation *d, uint8_t *out, size_t cap, size_t *len, cq_err *e)
{
	if (check_fields(d, e)) return -1;
	size_t sl = strlen(d->scope), bl = strlen(d->bureau);
	cq_w w = { out, cap, 0, false };
	w_bytes(&w, "CQDL", 4);
	w_uint(&w, 1, 1);
	w_bytes(&w, d->root_id, CQ_KEY_ID_BYTES);
	w_bytes(&w, d->issuer.id, CQ_KEY_ID_BYTES);
	w_bytes(&w, d->issuer.pk, CQ_PK_BYTES);
	w_uint(&w, d->region, 4);
	w_uint(&w, sl, 1);
	w_bytes(&w, d->scope, sl);
	w_uint(&w, (uint64_t)cq_date_to_days(d->first), 2);
	w_uint(&w, (uint64_t)cq_date_to_days(d->last), 2);
	w_uint(&w, bl, 1);
	w_bytes(&w, d->bureau, bl);
	if (w.bad) return cq_fail(e, CQ_E_LIMIT, NULL, "delegation buffer too small");
	*len = w.len;
	return 0;
}

int cq_delegation_decode(const uint8_t *b, size_t n, cq_delegation *d, cq_err *e)
{
	memset(d, 0, sizeof *d);
	if (n < 5 || memcmp(b, "CQDL", 4) != 0)
		return cq_fail(e, CQ_E_NOT_CERTQR, "delegation", "not a certqr delegation");
	if (b[4] != 1)
		return cq_fail(e, CQ_E_VERSION, "delegation", "delegation version %u; this build understands version 1", b[4]);
	if (n > CQ_DELEGATION_MAX)
		return cq_fail(e, CQ_E_FORMAT, "delegation", "delegation longer than %d bytes", CQ_DELEGATION_MAX);
	cq_r r = { b, n, 5, false };
	const uint8_t *p;
	if ((p = r_bytes(&r, CQ_KEY_ID_BYTES))) memcpy(d->root_id, p, CQ_KEY_ID_BYTES);
	if ((p = r_bytes(&r, CQ_KEY_ID_BYTES))) memcpy(d->issuer.id, p, CQ_KEY_ID_BYTES);
	if ((p = r_bytes(&r, CQ_PK_BYTES))) memcpy(d->issuer.pk, p, CQ_PK_BYTES);
	d->issuer.role = CQ_ROLE_ISSUER;
	d->region = (uint32_t)r_uint(&r, 4);
	size_t sl = (size_t)r_uint(&r, 1);
	if (sl > CQ_SCOPE_MAX) return cq_fail(e, CQ_E_FORMAT, "scope", "scope longer than %d digits", CQ_SCOPE_MAX);
	if ((p = r_bytes(&r, sl))) memcpy(d->scope, p, sl);
	d->first = cq_date_from_days((int32_t)r_uint(&r, 2));
	d->last = cq_date_from_days((int32_t)r_uint(&r, 2));
	size_t bl = (size_t)r_uint(&r, 1);
	if (bl > CQ_BUREAU_MAX_BYTES) return cq_fail(e, CQ_E_FORMAT, "bureau", "bureau name longer than %d bytes", CQ_BUREAU_MAX_BYTES);
	if ((p = r_bytes(&r, bl))) memcpy(d->bureau, p, bl);
	if ((p = r_bytes(&r, CQ_SIG_BYTES))) memcpy(d->sig, p, CQ_SIG_BYTES);
	if (r.bad) return cq_fail(e, CQ_E_FORMAT, "delegation", "truncated delegation");
	if (r.off != n) return cq_fail(e, CQ_E_FORMAT, "delegation", "%zu trailing bytes", n - r.off);
	if (memchr(d->scope, 0, sl) || memchr(d->bureau, 0, bl))
		return cq_fail(e, CQ_E_FORMAT, "delegation", "NUL byte in a text field");
	uint8_t want[CQ_KEY_ID_BYTES];
	cq_key_id(d->issuer.pk, want);
	if (memcmp(want, d->issuer.id, CQ_KEY_ID_BYTES) != 0)
		return cq_fail(e, CQ_E_CORRUPT, "issuer", "issuer key id does not match the issuer key");
	return check_fields(d, e);
}

int cq_delegation_encode_text(const cq_delegation *d, char *out, size_t cap, cq_err *e)
{
	uint8_t blob[CQ_DELEGATION_MAX];
	size_t n;
	char hex[17], comment[CQ_COMMENT_MAX];
	if (cq_delegation_encode_body(d, blob, sizeof blob - CQ_SIG_BYTES, &n, e)) return -1;
	memcpy(blob + n, d->sig, CQ_SIG_BYTES);
	cq_key_id_hex(d->issuer.id, hex);
	snprintf(comment, sizeof comment, "certqr delegation of issuer key %s to %s (scope %s)", hex, d->bureau, d->scope);
	return cq_armor_encode(blob, n + CQ_SIG_BYTES, comment, out, cap, e);
}

int cq_delegation_decode_text(const char *text, size_t n, cq_delegation *d, cq_err *e)
{
	uint8_t blob[CQ_DELEGATION_MAX + 16];
	long got = cq_armor_decode(text, n, "CQDL", blob, sizeof blob, e);
	if (got < 0) return -1;
	return cq_delegation_decode(blob, (size_t)got, d, e);
}

int cq_delegation_verify(const cq_delegation *d, const cq_pubkey *root, cq_err *e)
{
	uint8_t body[CQ_DELEGATION_MAX];
	size_t n;
	if (root->role != CQ_ROLE_ROOT)
		return cq_fail(e, CQ_E_KEY, "root", "delegations are verified with a root key, not %s", cq_role_phrase(root->role));
	if (memcmp(d->root_id, root->id, CQ_KEY_ID_BYTES) != 0)
		return cq_fail(e, CQ_E_KEY, "root", "delegation was signed by another root key");
	if (cq_delegation_encode_body(d, body, sizeof body, &n, e)) return -1;
	if (cq_verify_detached(root->pk, CQ_CTX_DELEGATION, body, n, d->sig) != 0)
		return cq_fail(e, CQ_E_SIGNATURE, "delegation", "root signature on the delegation does not verify");
	return 0;
}

bool cq_delegation_covers_number(const cq_delegation *d, const char *number)
{
	size_t sl = strlen(d->scope);
	return sl >= 2 && strncmp(number, d->scope, sl) == 0;
}

bool cq_delegation_covers_date(const cq_delegation *d, cq_date issued)
{
	return cq_date_cmp(issued, d->first) >= 0 && cq_date_cmp(issued, d->last) <= 0;
}
