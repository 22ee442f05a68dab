#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "../ctxmsg.h"
#include "certqr/payload.h"
#include "certqr/seckey.h"
#include "seckey_int.h"

int cq_sign_detached(const cq_seckey *k, const char *context, const uint8_t *msg, size_t n,
                     uint8_t sig[CQ_SIG_BYTES])
{
	cq_ctxmsg m;
	if (cq_ctxmsg_make(&m, context, msg, n)) return -1;
	int rc = crypto_sign_detached(sig, NULL, m.p, m.n, k->sk);
	cq_ctxmsg_free(&m);
	return rc;
}

int cq_payload_sign(const cq_record *r, const cq_seckey *k, uint8_t *out, size_t cap,
                    size_t *len, cq_err *e)
{
	size_t n;
	if (k->pub.role != CQ_ROLE_ISSUER)
		return cq_fail(e, CQ_E_KEY, "key", "certificates are signed with an issuer key, not %s", cq_role_phrase(k->pub.role));
	if (cq_payload_encode_body(r, k->pub.id, out, cap, &n, e)) return -1;
	if (cap - n < CQ_SIG_BYTES) return cq_fail(e, CQ_E_LIMIT, NULL, "payload buffer too small");
	if (cq_sign_detached(k, CQ_CTX_CERT, out, n, out + n) != 0)
		return cq_fail(e, CQ_E_CRYPTO, NULL, "signing failed");
	*len = n + CQ_SIG_BYTES;
	return 0;
}

int cq_delegation_sign(cq_delegation *d, const cq_seckey *root, cq_err *e)
{
	uint8_t body[CQ_DELEGATION_MAX];
	size_t n;
	if (root->pub.role != CQ_ROLE_ROOT)
		return cq_fail(e, CQ_E_KEY, "root", "delegations are signed with a root key, not %s", cq_role_phrase(root->pub.role));
	memcpy(d->root_id, root->pub.id, CQ_KEY_ID_BYTES);
	if (cq_delegation_encode_body(d, body, sizeof body, &n, e)) return -1;
	if (cq_sign_detached(root, CQ_CTX_DELEGATION, body, n, d->sig) != 0)
		return cq_fail(e, CQ_E_CRYPTO, NULL, "signing failed");
	return 0;
}
