/* The root's delegation of issuing power to one bureau key: which bureau,
 * which certificate numbers (a prefix), and which issue dates. */
#ifndef CERTQR_DELEGATION_H
#define CERTQR_DELEGATION_H

#include <stdbool.h>
#include "date.h"
#include "key.h"

#define CQ_BUREAU_MAX_BYTES 96
#define CQ_SCOPE_MAX        12
#define CQ_DELEGATION_MAX   (4+1+8+8+32+4+1+CQ_SCOPE_MAX+2+2+1+CQ_BUREAU_MAX_BYTES+CQ_SIG_BYTES)

typedef struct cq_delegation {
	uint8_t root_id[CQ_KEY_ID_BYTES];
	cq_pubkey issuer;                        /* role CQ_ROLE_ISSUER */
	uint32_t region;                         /* the bureau's six-digit code */
	char scope[CQ_SCOPE_MAX + 1];            /* certificate-number prefix, "41".. */
	cq_date first, last;                     /* issue dates allowed, inclusive */
	char bureau[CQ_BUREAU_MAX_BYTES + 1];    /* UTF-8, e.g. 郑州市人力资源和社会保障局 */
	uint8_t sig[CQ_SIG_BYTES];
} cq_delegation;

/* Checks fields and writes the canonical body (without signature). */
int cq_delegation_encode_body(const cq_delegation *d, uint8_t *out, size_t cap,
                              size_t *len, cq_err *e);
/* Strict decoding of a signed delegation (docs/format.md §3), signature
 * not checked: 0, or -1 with *e (CQ_E_FORMAT, CQ_E_FIELD, CQ_E_LIMIT). */
CQ_MUST_USE int cq_delegation_decode(const uint8_t *b, size_t n, cq_delegation *d, cq_err *e);
/* The armoured file (.dl): 0, or -1 with *e (CQ_E_LIMIT if cap is small). */
int cq_delegation_encode_text(const cq_delegation *d, char *out, size_t cap, cq_err *e);
/* The armoured file, then cq_delegation_decode: 0, or -1 with *e. */
CQ_MUST_USE int cq_delegation_decode_text(const char *text, size_t n, cq_delegation *d, cq_err *e);
/* Signature by `root`, and root key id match. */
CQ_MUST_USE int cq_delegation_verify(const cq_delegation *d, const cq_pubkey *root, cq_err *e);
/* The certificate number starts with the delegation's scope. */
bool cq_delegation_covers_number(const cq_delegation *d, const char *number);
/* first <= issued <= last (the key's window; retirement is the bundle's). */
bool cq_delegation_covers_date(const cq_delegation *d, cq_date issued);

#endif
