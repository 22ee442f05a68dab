/* Issuers' layouts in the trust bundle (format 2, docs/trust.md): the
 * encoder's refusals, the lookup by signing key, the layout record parsed
 * strictly on load (a re-signed bundle whose layout text does not parse,
 * or is for an undelegated key, or out of order, is malformed), and
 * bundles without layouts still format 1. */
#include "trustfix.h"
#include "certqr/layout.h"

/* The built-in layout with its rows 40 pt lower. */
static char *moved(size_t *n)
{
	const char *d = cq_layout_default_text();
	const char *at = strstr(d, "rows 215 221 650 ");
	assert_non_null(at);
	char *t = strdup(d);
	assert_non_null(t);
	memcpy(t + (at - d), "rows 215 221 610 ", 17);
	*n = strlen(t);
	return t;
}

static cq_bundle_spec spec_of(cq_delegation *dls, cq_bundle_layout *lay, size_t nlay)
{
	dls[0] = dz;
	dls[1] = dk;
	cq_bundle_spec s = { .version = 1, .date = D("2026-11-01"), .delegations = dls, .n_delegations = 2,
	                     .layouts = lay, .n_layouts = nlay };
	return s;
}

static void lookup_by_key(void **state)
{
	(void)state;
	size_t tn, n;
	char *text = moved(&tn);
	cq_delegation dls[2];
	cq_bundle_layout lay = { .text = text, .len = tn };
	memcpy(lay.key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	cq_bundle_spec s = spec_of(dls, &lay, 1);
	uint8_t *b = make_bundle(&s, root, &n);
	assert_int_equal(b[4], CQ_BUNDLE_FORMAT_LAYOUTS);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t, &e), 0);
	assert_int_equal(cq_trust_layout_count(t), 1);
	const cq_layout *L = cq_trust_layout(t, cq_seckey_pubkey(zz)->id);
	assert_non_null(L);
	assert_true(L->row_y == 610);
	assert_null(cq_trust_layout(t, cq_seckey_pubkey(kf)->id));   /* Kaifeng: the built-in layout */
	assert_null(cq_trust_layout(t, cq_seckey_pubkey(un)->id));
	assert_null(cq_trust_layout(NULL, cq_seckey_pubkey(zz)->id));
	cq_trust_free(t);
	free(b);
	/* without layouts: format 1, no lookup hits */
	s = spec_of(dls, NULL, 0);
	b = make_bundle(&s, root, &n);
	assert_int_equal(b[4], CQ_BUNDLE_FORMAT);
	assert_int_equal(cq_trust_decode(b, n, cq_seckey_pubkey(root), &t, &e), 0);
	assert_int_equal(cq_trust_layout_count(t), 0);
	assert_null(cq_trust_layout(t, cq_seckey_pubkey(zz)->id));
	cq_trust_free(t);
	free(b);
	free(text);
}

static void encoder_refuses(void **state)
{
	(void)state;
	size_t tn, bl;
	uint8_t *body;
	cq_err e;
	char *text = moved(&tn);
	cq_delegation dls[2];
	cq_bundle_layout lay[2] = { { .text = text, .len = tn }, { .text = text, .len = tn } };
	memcpy(lay[0].key_id, cq_seckey_pubkey(un)->id, CQ_KEY_ID_BYTES);   /* not delegated */
	cq_bundle_spec s = spec_of(dls, lay, 1);
	memcpy(s.root_id, cq_seckey_pubkey(root)->id, CQ_KEY_ID_BYTES);
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_string_equal(e.field, "layouts");
	assert_non_null(strstr(e.msg, "does not delegate"));
	memcpy(lay[0].key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	memcpy(lay[1].key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	s.n_layouts = 2;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_non_null(strstr(e.msg, "one layout per key"));
	s.n_layouts = 1;
	lay[0].text = "certqr-layout 1\npage 595 842\n";   /* no qr, no rows */
	lay[0].len = strlen(lay[0].text);
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_string_equal(e.field, "layouts");
	lay[0].text = text;
	lay[0].len = CQ_LAYOUT_BYTES + 1;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	lay[0].len = tn;
	s.n_layouts = CQ_TRUST_MAX_LAYOUTS + 1;
	assert_int_equal(cq_bundle_encode_body(&s, &body, &bl, &e), -1);
	assert_int_equal(e.code, CQ_E_LIMIT);
	free(text);
}

/* A root-signed bundle whose layout record is bad is refused on load. */
static void decoder_strict(void **state)
{
	(void)state;
	size_t tn, n;
	char *text = moved(&tn);
	cq_delegation dls[2];
	cq_bundle_layout lay = { .text = text, .len = tn };
	memcpy(lay.key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	cq_bundle_spec s = spec_of(dls, &lay, 1);
	uint8_t *b = make_bundle(&s, root, &n), *c = malloc(n);
	assert_non_null(c);
	size_t body = n - CQ_SIG_BYTES, text_at = body - tn, id_at = text_at - 2 - CQ_KEY_ID_BYTES;
	assert_memory_equal(b + text_at, text, tn);
	cq_trust *t;
	cq_err e;
	/* "rows 215 221 610" → "rows 215 221 61x": a layout that does not parse */
	memcpy(c, b, n);
	const char *rows = strstr(text, "221 610");
	assert_non_null(rows);
	c[text_at + (size_t)(rows - text) + 6] = 'x';
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, body, c + body), 0);
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_string_equal(e.field, "layouts");
	assert_string_equal(cq_bundle_refusal(e.code), "malformed");
	/* another layout version inside: malformed too, not the bundle's unknown_format */
	memcpy(c, b, n);
	c[text_at + 14] = '9';
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, body, c + body), 0);
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	/* for a key the bundle does not delegate */
	memcpy(c, b, n);
	memcpy(c + id_at, cq_seckey_pubkey(un)->id, CQ_KEY_ID_BYTES);
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, body, c + body), 0);
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), -1);
	assert_non_null(strstr(e.msg, "does not delegate"));
	/* a length past the end */
	memcpy(c, b, n);
	c[id_at + CQ_KEY_ID_BYTES] = 0x7F;
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, body, c + body), 0);
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	/* format 2 with an empty table: the layout count set to 0 */
	memcpy(c, b, n);
	c[id_at - 2] = 0; c[id_at - 1] = 0;
	assert_int_equal(cq_sign_detached(root, CQ_CTX_BUNDLE, c, body, c + body), 0);
	assert_int_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	/* every byte change of the signed bundle is refused */
	for (size_t i = 0; i < n; i++) {
		memcpy(c, b, n);
		c[i] ^= 0x01;
		assert_int_not_equal(cq_trust_decode(c, n, cq_seckey_pubkey(root), &t, &e), 0);
	}
	free(c);
	free(b);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lookup_by_key),
		cmocka_unit_test(encoder_refuses),
		cmocka_unit_test(decoder_strict),
	};
	return cmocka_run_group_tests(tests, trustfix_setup, trustfix_teardown);
}
