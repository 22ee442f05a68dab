/* Keys, delegations, bundles and signed certificates made in memory, shared
 * by the tests of the trust bundle (test_trust.c), the verdict
 * (test_verdict.c), its JSON (test_verdict_json.c) and the rollback rule
 * (test_bundle_update.c). Header-only: each test binary gets its own keys. */
#ifndef CQ_TRUSTFIX_H
#define CQ_TRUSTFIX_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "certqr/certqr.h"
#include "certqr/rules.h"
#include "certqr/seckey.h"
#include "certqr/trust.h"
#include "certqr/verdict.h"

#define ID "11010519491231002X"

static cq_seckey *root, *other_root, *zz, *kf, *un;
static cq_delegation dz, dk;

static inline cq_date D(const char *s)
{
	cq_date d;
	assert_int_equal(cq_date_parse(s, &d), 0);
	return d;
}

static inline void delegate(cq_delegation *d, cq_seckey *issuer, const char *bureau, uint32_t region, const char *scope)
{
	cq_err e;
	memset(d, 0, sizeof *d);
	d->issuer = *cq_seckey_pubkey(issuer);
	d->region = region;
	strcpy(d->scope, scope);
	strcpy(d->bureau, bureau);
	d->first = D("2017-01-01");
	d->last = D("2030-12-31");
	assert_int_equal(cq_delegation_sign(d, root, &e), 0);
}

/* Two roots; Zhengzhou (zz, scope 4101, region 410100) and Kaifeng (kf,
 * 4102, 410200) delegated 2017-01-01 to 2030-12-31; un delegated nowhere. */
static inline int trustfix_setup(void **state)
{
	(void)state;
	if (cq_init()) return -1;
	root = cq_seckey_generate(CQ_ROLE_ROOT);
	other_root = cq_seckey_generate(CQ_ROLE_ROOT);
	zz = cq_seckey_generate(CQ_ROLE_ISSUER);
	kf = cq_seckey_generate(CQ_ROLE_ISSUER);
	un = cq_seckey_generate(CQ_ROLE_ISSUER);
	if (!root || !other_root || !zz || !kf || !un) return -1;
	delegate(&dz, zz, "郑州市人力资源和社会保障局", 410100, "4101");
	delegate(&dk, kf, "开封市人力资源和社会保障局", 410200, "4102");
	return 0;
}

static inline int trustfix_teardown(void **state)
{
	(void)state;
	cq_seckey_free(root); cq_seckey_free(other_root);
	cq_seckey_free(zz); cq_seckey_free(kf); cq_seckey_free(un);
	return 0;
}

/* A signed bundle in a malloc'd buffer. */
static inline uint8_t *make_bundle(cq_bundle_spec *s, cq_seckey *signer, size_t *n)
{
	uint8_t *body;
	size_t bl;
	cq_err e;
	memcpy(s->root_id, cq_seckey_pubkey(signer)->id, CQ_KEY_ID_BYTES);
	if (cq_bundle_encode_body(s, &body, &bl, &e)) fail_msg("bundle: %s: %s", e.field, e.msg);
	body = realloc(body, bl + CQ_SIG_BYTES);
	assert_non_null(body);
	assert_int_equal(cq_sign_detached(signer, CQ_CTX_BUNDLE, body, bl, body + bl), 0);
	*n = bl + CQ_SIG_BYTES;
	return body;
}

/* Version 7 of 2026-11-01: both delegations; kf compromised since
 * 2025-03-01; 4101020000200/2023 revision 1 revoked (falsified hours),
 * 4101020000201/2023 every revision revoked (withdrawn); 4101020000203/2023
 * superseded by revision 2; the default rules. */
static inline cq_trust *std_trust(uint8_t **bytes, size_t *n)
{
	static cq_revocation rev[2];
	static cq_supersession sup[1];
	cq_delegation dls[2] = { dz, dk };
	cq_key_status ks[1];
	memset(ks, 0, sizeof ks);
	memcpy(ks[0].key_id, cq_seckey_pubkey(kf)->id, CQ_KEY_ID_BYTES);
	ks[0].state = CQ_KEY_COMPROMISED;
	ks[0].has_date = true;
	ks[0].date = D("2025-03-01");
	memset(rev, 0, sizeof rev);
	strcpy(rev[0].number, "4101020000200"); rev[0].year = 2023; rev[0].revision = 1; rev[0].reason = CQ_REV_FALSIFIED_HOURS;
	strcpy(rev[1].number, "4101020000201"); rev[1].year = 2023; rev[1].revision = 0; rev[1].reason = CQ_REV_WITHDRAWN;
	memset(sup, 0, sizeof sup);
	strcpy(sup[0].number, "4101020000203"); sup[0].year = 2023; sup[0].latest = 2;
	cq_bundle_spec s = { .version = 7, .date = D("2026-11-01"), .delegations = dls, .n_delegations = 2,
	                     .statuses = ks, .n_statuses = 1, .revoked = rev, .n_revoked = 2,
	                     .superseded = sup, .n_superseded = 1 };
	size_t len;
	uint8_t *b = make_bundle(&s, root, &len);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, len, cq_seckey_pubkey(root), &t, &e), 0);
	if (n) *n = len;
	if (bytes) *bytes = b; else free(b);
	return t;
}

/* A certificate for 张三 (ID above), 30 + 60 hours, 12 months at post. */
static inline size_t sign_cert(cq_seckey *k, const char *number, uint32_t region, const char *issued, uint16_t year,
                               uint8_t rev, uint8_t out[CQ_PAYLOAD_MAX])
{
	cq_record r;
	cq_err e;
	size_t n;
	memset(&r, 0, sizeof r);
	strcpy(r.name, "张三");
	strcpy(r.number, number);
	r.year = year;
	r.revision = rev;
	r.hours_public = 30;
	r.hours_professional = 60;
	r.months_at_post = 12;
	r.issuer_region = region;
	r.issued = D(issued);
	assert_int_equal(cq_record_bind_id(&r, ID, &e), 0);
	assert_int_equal(cq_payload_sign(&r, k, out, CQ_PAYLOAD_MAX, &n, &e), 0);
	return n;
}

static inline cq_status judge_payload(const cq_trust *t, const uint8_t *p, size_t n, cq_verdict *v)
{
	char text[CQ_QR_TEXT_MAX + 16];
	memcpy(text, "CQ1:", 4);
	assert_int_equal(cq_base45_encode(p, n, text + 4, sizeof text - 4), 0);
	assert_int_equal(cq_judge(t, text, strlen(text), v), 0);
	return v->status;
}

#endif
