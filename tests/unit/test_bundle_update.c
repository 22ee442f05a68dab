/* The rollback rule of every trust store (lib/bundle_update.c,
 * docs/trust.md §7): a newer version installs, the identical bundle is a
 * no-op, an older version or another bundle of the same version is refused,
 * with the sentences the store and the web page print. */
#include "trustfix.h"

/* The rollback rule shared by the store directory and the web page. */
static void update_rule(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	char why[256];
	size_t n5, n6, n6b, nf;
	cq_bundle_spec s5 = { .version = 5, .date = D("2026-11-05"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec s6 = { .version = 6, .date = D("2026-11-06"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec s6b = { .version = 6, .date = D("2026-11-07"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec sf = { .version = 9, .date = D("2026-11-09") };
	uint8_t *b5 = make_bundle(&s5, root, &n5), *b6 = make_bundle(&s6, root, &n6);
	uint8_t *b6b = make_bundle(&s6b, root, &n6b), *bf = make_bundle(&sf, other_root, &nf);
	const uint8_t *rid = cq_seckey_pubkey(root)->id;
	assert_int_equal(cq_bundle_update_check(NULL, 0, b5, n5, rid, why), CQ_UPDATE_NEWER);
	assert_string_equal(why, "");
	assert_int_equal(cq_bundle_update_check(b5, n5, b6, n6, rid, why), CQ_UPDATE_NEWER);
	assert_int_equal(cq_bundle_update_check(b6, n6, b6, n6, rid, why), CQ_UPDATE_SAME);
	assert_string_equal(why, "version 6 of 2026-11-06 is already installed");
	assert_int_equal(cq_bundle_update_check(b6, n6, b5, n5, rid, why), CQ_UPDATE_ROLLBACK);
	assert_string_equal(why, "refused, rollback: bundle version 5 (2026-11-05) is older than the installed version 6 (2026-11-06)");
	assert_int_equal(cq_bundle_update_check(b6, n6, b6b, n6b, rid, NULL), CQ_UPDATE_ROLLBACK);
	/* A foreign or damaged installed bundle does not block an update. */
	assert_int_equal(cq_bundle_update_check(bf, nf, b5, n5, rid, why), CQ_UPDATE_NEWER);
	assert_int_equal(cq_bundle_update_check(b6, 40, b5, n5, rid, why), CQ_UPDATE_NEWER);
	free(b5); free(b6); free(b6b); free(bf);
}

/* The version decides, not the date; the boundaries one either side of the
 * installed version, up to the largest version the format holds. */
static void version_boundaries(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	char why[256];
	const uint8_t *rid = cq_seckey_pubkey(root)->id;
	struct { uint32_t version; const char *date; uint8_t *b; size_t n; } v[] = {
		{5, "2026-11-05", NULL, 0}, {6, "2026-11-06", NULL, 0}, {7, "2026-01-01", NULL, 0},
		{UINT32_MAX - 1, "2027-01-01", NULL, 0}, {UINT32_MAX, "2027-01-02", NULL, 0},
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) {
		cq_bundle_spec s = { .version = v[i].version, .date = D(v[i].date), .delegations = dls, .n_delegations = 1 };
		v[i].b = make_bundle(&s, root, &v[i].n);
	}
	/* installed 6: 7 is newer although dated earlier; 5 is older */
	memset(why, 'x', sizeof why);
	assert_int_equal(cq_bundle_update_check(v[1].b, v[1].n, v[2].b, v[2].n, rid, why), CQ_UPDATE_NEWER);
	assert_string_equal(why, "");
	assert_int_equal(cq_bundle_update_check(v[1].b, v[1].n, v[0].b, v[0].n, rid, why), CQ_UPDATE_ROLLBACK);
	assert_int_equal(cq_bundle_update_check(v[2].b, v[2].n, v[1].b, v[1].n, rid, why), CQ_UPDATE_ROLLBACK);
	assert_string_equal(why, "refused, rollback: bundle version 6 (2026-11-06) is older than the installed version 7 (2026-01-01)");
	/* the largest versions */
	assert_int_equal(cq_bundle_update_check(v[3].b, v[3].n, v[4].b, v[4].n, rid, why), CQ_UPDATE_NEWER);
	assert_int_equal(cq_bundle_update_check(v[4].b, v[4].n, v[3].b, v[3].n, rid, why), CQ_UPDATE_ROLLBACK);
	assert_string_equal(why, "refused, rollback: bundle version 4294967294 (2027-01-01) is older than the installed "
	                         "version 4294967295 (2027-01-02)");
	assert_int_equal(cq_bundle_update_check(v[4].b, v[4].n, v[4].b, v[4].n, rid, NULL), CQ_UPDATE_SAME);
	for (size_t i = 0; i < sizeof v / sizeof *v; i++) free(v[i].b);
}

/* Same version, other bytes: refused with the "versions must increase"
 * sentence; an empty installed file does not block. */
static void same_version_other_bytes(void **state)
{
	(void)state;
	cq_delegation dls[2] = { dz, dk };
	char why[256];
	size_t na, nb;
	cq_bundle_spec sa = { .version = 4, .date = D("2026-11-04"), .delegations = dls, .n_delegations = 1 };
	cq_bundle_spec sb = { .version = 4, .date = D("2026-11-04"), .delegations = dls, .n_delegations = 2 };
	uint8_t *a = make_bundle(&sa, root, &na), *b = make_bundle(&sb, root, &nb);
	const uint8_t *rid = cq_seckey_pubkey(root)->id;
	assert_int_equal(cq_bundle_update_check(a, na, b, nb, rid, why), CQ_UPDATE_ROLLBACK);
	assert_string_equal(why, "refused, rollback: bundle version 4 differs from the installed bundle of the same version; "
	                         "versions must increase");
	assert_int_equal(cq_bundle_update_check(b, nb, a, na, rid, why), CQ_UPDATE_ROLLBACK);
	assert_int_equal(cq_bundle_update_check(a, na, a, na, rid, why), CQ_UPDATE_SAME);
	assert_string_equal(why, "version 4 of 2026-11-04 is already installed");
	/* an installed file cut to nothing, or to its magic */
	assert_int_equal(cq_bundle_update_check(a, 0, b, nb, rid, why), CQ_UPDATE_NEWER);
	assert_string_equal(why, "");
	assert_int_equal(cq_bundle_update_check(a, 4, b, nb, rid, why), CQ_UPDATE_NEWER);
	/* the installed bundle's root is what counts: asked for another root,
	 * both bundles are foreign to it and nothing blocks */
	assert_int_equal(cq_bundle_update_check(a, na, b, nb, cq_seckey_pubkey(other_root)->id, why), CQ_UPDATE_NEWER);
	free(a);
	free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(update_rule),
		cmocka_unit_test(version_boundaries),
		cmocka_unit_test(same_version_other_bytes),
	};
	return cmocka_run_group_tests(tests, trustfix_setup, trustfix_teardown);
}
