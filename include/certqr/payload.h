/* The signed QR payload, format v1 (docs/format.md). */
#ifndef CERTQR_PAYLOAD_H
#define CERTQR_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>
#include "error.h"
#include "key.h"
#include "record.h"

#define CQ_PAYLOAD_VERSION  1
#define CQ_QR_PREFIX        "CQ1:"
#define CQ_QR_PREFIX_LEN    4
#define CQ_BODY_FIXED       43   /* body bytes before the name */
#define CQ_PAYLOAD_MIN      (CQ_BODY_FIXED + 1 + CQ_SIG_BYTES)
#define CQ_PAYLOAD_MAX      (CQ_BODY_FIXED + CQ_NAME_MAX_BYTES + CQ_SIG_BYTES)
#define CQ_QR_TEXT_MAX      (CQ_QR_PREFIX_LEN + (CQ_PAYLOAD_MAX / 2 * 3 + 2) + 1)

typedef struct cq_payload {
	cq_record rec;
	uint8_t key_id[CQ_KEY_ID_BYTES];
	uint8_t sig[CQ_SIG_BYTES];
	uint8_t bytes[CQ_PAYLOAD_MAX];  /* exactly as received */
	size_t len;                     /* whole payload */
	size_t body_len;                /* signed part: len - CQ_SIG_BYTES */
} cq_payload;

/* Canonical body (everything but the signature). Validates the record first. */
int cq_payload_encode_body(const cq_record *r, const uint8_t key_id[CQ_KEY_ID_BYTES],
                           uint8_t *out, size_t cap, size_t *len, cq_err *e);

/* Strict binary decode: version, every canonical rule, record validation, no
 * trailing bytes, in the order of docs/format.md §2.1. Does not check the
 * signature. Errors: CQ_E_VERSION for an unknown version byte, CQ_E_FORMAT
 * or CQ_E_FIELD for everything else; e->field is the reason code
 * ("payload_version", "length", "number", "name", ...). */
CQ_MUST_USE int cq_payload_decode(const uint8_t *buf, size_t n, cq_payload *p, cq_err *e);

/* QR text = "CQ1:" + base45(payload). Trailing CR/LF are dropped and ASCII
 * a-z folded to A-Z. CQ_E_NOT_CERTQR ("prefix") if the text does not start
 * with "CQ<digit>:" (C, Q in either case), CQ_E_VERSION ("qr_version") for
 * "CQn:" with another n, CQ_E_FORMAT ("length", "base45") or the payload
 * decoder's errors after that. */
CQ_MUST_USE int cq_qrtext_decode(const char *text, size_t n, cq_payload *p, cq_err *e);
/* "CQ1:" and the base45 of the payload, NUL-terminated: 0, or -1 with *e
 * (CQ_E_LIMIT if cap is small). */
int cq_qrtext_encode(const uint8_t *payload, size_t n, char *out, size_t cap, cq_err *e);

/* Signature check against one key; the caller selected it by p->key_id.
 * 0 if it verifies, else -1. */
CQ_MUST_USE int cq_payload_verify(const cq_payload *p, const uint8_t pk[CQ_PK_BYTES]);

#endif
