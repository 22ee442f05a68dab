/* The secret key's layout, known only inside lib/sign (certqr/seckey.h
 * gives callers an opaque handle). Always in sodium_malloc'd memory. */
#ifndef CERTQR_SIGN_SECKEY_INT_H
#define CERTQR_SIGN_SECKEY_INT_H

#include <stdint.h>
#include "certqr/seckey.h"

struct cq_seckey {
	cq_pubkey pub;
	uint8_t sk[64];     /* libsodium form: seed || pk */
};

#endif
