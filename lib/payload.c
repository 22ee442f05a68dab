/* Payload v1 codec. Layout and canonical rules: docs/format.md. */
#include <stdio.h>
#include <string.h>
#include "bytes.h"
#include "certqr/base45.h"
#include "certqr/payload.h"

#define NUMBER_MIN 4100000000000ULL
#define NUMBER_END 4200000000000ULL

static uint64_t number_value(const char *s)
{
	uint64_t v = 0;
	for (int i = 0; i < CQ_NUMBER_LEN; i++) v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

static unsigned hint_pack(const char *h)
{
	unsigned d = (unsigned)(h[0] - '0') * 100 + (unsigned)(h[1] - '0') * 10 + (unsigned)(h[2] - '0');
	return d * 11 + (h[3] == 'X' ? 10u : (unsigned)(h[3] - '0'));
}

int cq_payload_encode_body(const cq_record *r, const uint8_t key_id[CQ_KEY_ID_BYTES],
                           uint8_t *out, size_t cap, size_t *len, cq_err *e)
{
	if (cq_record_validate(r, e)) return -1;
	size_t nl = strlen(r->name);
	cq_w w = { out, cap, 0, false };
	w_uint(&w, CQ_PAYLOAD_VERSION, 1);
	w_bytes(&w, key_id, CQ_KEY_ID_BYTES);
	w_uint(&w, number_value(r->number), 6);
	w_uint(&w, r->revision, 1);
	w_uint(&w, r->year, 2);
	w_uint(&w, (uint64_t)cq_date_to_days(r->issued), 2);
	w_uint(&w, r->issuer_region, 3);
	w_uint(&w, r->hours_public, 2);
	w_uint(&w, r->hours_professional, 2);
	w_uint(&w, r->hours_compulsory, 2);
	w_uint(&w, r->has_compulsory ? 1 : 0, 1);
	w_uint(&w, r->reduction, 1);
	w_uint(&w, r->months_at_post, 1);
	w_uint(&w, hint_pack(r->id_hint), 2);
	w_bytes(&w, r->id_hash, CQ_ID_HASH_BYTES);
	w_uint(&w, nl, 1);
	w_bytes(&w, r->name, nl);
	if (w.bad) return cq_fail(e, CQ_E_LIMIT, NULL, "payload buffer too small");
	*len = w.len;
	return 0;
}

int cq_payload_decode(const uint8_t *buf, size_t n, cq_payload *p, cq_err *e)
{
	memset(p, 0, sizeof *p);
	if (n < 1) return cq_fail(e, CQ_E_FORMAT, "length", "empty payload");
	if (buf[0] != CQ_PAYLOAD_VERSION)
		return cq_fail(e, CQ_E_VERSION, "payload_version",
		               "payload version %u; this build understands version %d", buf[0], CQ_PAYLOAD_VERSION);
	if (n < CQ_PAYLOAD_MIN)
		return cq_fail(e, CQ_E_FORMAT, "length", "truncated: %zu bytes, at least %d needed", n, CQ_PAYLOAD_MIN);
	if (n > CQ_PAYLOAD_MAX)
		return cq_fail(e, CQ_E_LIMIT, "length", "%zu bytes, at most %d allowed", n, CQ_PAYLOAD_MAX);

	cq_record *r = &p->rec;
	cq_r rd = { buf, n, 0, false };
	r_uint(&rd, 1);
	memcpy(p->key_id, r_bytes(&rd, CQ_KEY_ID_BYTES), CQ_KEY_ID_BYTES);
	uint64_t num = r_uint(&rd, 6);
	r->revision = (uint8_t)r_uint(&rd, 1);
	r->year = (uint16_t)r_uint(&rd, 2);
	uint64_t days = r_uint(&rd, 2);
	r->issuer_region = (uint32_t)r_uint(&rd, 3);
	r->hours_public = (uint16_t)r_uint(&rd, 2);
	r->hours_professional = (uint16_t)r_uint(&rd, 2);
	r->hours_compulsory = (uint16_t)r_uint(&rd, 2);
	uint64_t flags = r_uint(&rd, 1);
	r->reduction = (uint8_t)r_uint(&rd, 1);
	r->months_at_post = (uint8_t)r_uint(&rd, 1);
	uint64_t hint = r_uint(&rd, 2);
	memcpy(r->id_hash, r_bytes(&rd, CQ_ID_HASH_BYTES), CQ_ID_HASH_BYTES);
	size_t nl = (size_t)r_uint(&rd, 1);

	/* Everything fixed-size fits by the length check above. */
	if (num < NUMBER_MIN || num >= NUMBER_END)
		return cq_fail(e, CQ_E_FORMAT, "number", "certificate number outside 41xxxxxxxxxxx");
	for (int i = CQ_NUMBER_LEN - 1; i >= 0; i--, num /= 10) r->number[i] = (char)('0' + num % 10);
	r->number[CQ_NUMBER_LEN] = '\0';
	if (flags > 1) return cq_fail(e, CQ_E_FORMAT, "flags", "reserved flag bits set (0x%02x)", (unsigned)flags);
	r->has_compulsory = flags & 1;
	if (hint > 10999) return cq_fail(e, CQ_E_FORMAT, "id_hint", "packed value %u out of range", (unsigned)hint);
	snprintf(r->id_hint, sizeof r->id_hint, "%03u", (unsigned)(hint / 11));
	r->id_hint[3] = hint % 11 == 10 ? 'X' : (char)('0' + hint % 11);
	r->issued = cq_date_from_days((int32_t)days);
	if (nl == 0 || nl > CQ_NAME_MAX_BYTES)
		return cq_fail(e, CQ_E_FORMAT, "name", "name length %zu outside 1..%d", nl, CQ_NAME_MAX_BYTES);
	if (n != CQ_BODY_FIXED + nl + CQ_SIG_BYTES) {
		if (n > CQ_BODY_FIXED + nl + CQ_SIG_BYTES)
			return cq_fail(e, CQ_E_LIMIT, "length", "%zu trailing bytes after the signature",
			               n - (CQ_BODY_FIXED + nl + CQ_SIG_BYTES));
		return cq_fail(e, CQ_E_FORMAT, "length", "truncated: name and signature need %zu bytes, %zu present",
		               nl + CQ_SIG_BYTES, n - CQ_BODY_FIXED);
	}
	memcpy(r->name, r_bytes(&rd, nl), nl);
	r->name[nl] = '\0';
	memcpy(p->sig, r_bytes(&rd, CQ_SIG_BYTES), CQ_SIG_BYTES);
	if (rd.bad || rd.off != n) return cq_fail(e, CQ_E_FORMAT, "length", "length mismatch");
	if (memchr(r->name, '\0', nl)) return cq_fail(e, CQ_E_FIELD, "name", "contains a NUL byte");
	if (cq_record_validate(r, e)) return -1;

	memcpy(p->bytes, buf, n);
	p->len = n;
	p->body_len = n - CQ_SIG_BYTES;
	return 0;
}

int cq_qrtext_encode(const uint8_t *payload, size_t n, char *out, size_t cap, cq_err *e)
{
	if (cap < CQ_QR_PREFIX_LEN + cq_base45_encoded_len(n) + 1)
		return cq_fail(e, CQ_E_LIMIT, NULL, "QR text buffer too small");
	/* the prefix is not terminated on purpose: base45 text and its NUL follow */
	memcpy(out, CQ_QR_PREFIX, CQ_QR_PREFIX_LEN); /* NOLINT(bugprone-not-null-terminated-result) */
	return cq_base45_encode(payload, n, out + CQ_QR_PREFIX_LEN, cap - CQ_QR_PREFIX_LEN);
}

int cq_qrtext_decode(const char *text, size_t n, cq_payload *p, cq_err *e)
{
	char buf[CQ_QR_TEXT_MAX];
	memset(p, 0, sizeof *p);
	/* A keyboard-wedge scanner may add CR/LF, or type with Caps Lock on:
	 * base45 has no lower case, so folding ASCII case is unambiguous.
	 * Nothing else is forgiven (docs/format.md §1): no leading space or
	 * BOM, no trailing space or tab. */
	while (n && (text[n - 1] == '\n' || text[n - 1] == '\r')) n--;
	if (n < 4 || !((text[0] | 0x20) == 'c' && (text[1] | 0x20) == 'q' &&
	               text[2] >= '0' && text[2] <= '9' && text[3] == ':'))
		return cq_fail(e, CQ_E_NOT_CERTQR, "prefix", "not a certqr code (no \"CQ1:\" prefix)");
	if (text[2] != '0' + CQ_PAYLOAD_VERSION)
		return cq_fail(e, CQ_E_VERSION, "qr_version", "QR format \"CQ%c:\"; this build understands \"CQ1:\"", text[2]);
	size_t bl = n - CQ_QR_PREFIX_LEN;
	if (bl > cq_base45_encoded_len(CQ_PAYLOAD_MAX))
		return cq_fail(e, CQ_E_LIMIT, "length", "QR text of %zu characters is longer than any v1 payload", n);
	for (size_t i = 0; i < bl; i++) {
		char c = text[CQ_QR_PREFIX_LEN + i];
		buf[i] = (c >= 'a' && c <= 'z') ? (char)(c - 32) : c;
	}
	uint8_t bin[CQ_PAYLOAD_MAX];
	long got = cq_base45_decode(buf, bl, bin, sizeof bin);
	if (got < 0) return cq_fail(e, CQ_E_FORMAT, "base45", "QR text after \"CQ1:\" is not valid base45");
	return cq_payload_decode(bin, (size_t)got, p, e);
}

int cq_payload_verify(const cq_payload *p, const uint8_t pk[CQ_PK_BYTES])
{
	if (p->len < CQ_PAYLOAD_MIN) return -1;
	return cq_verify_detached(pk, CQ_CTX_CERT, p->bytes, p->body_len, p->sig);
}
