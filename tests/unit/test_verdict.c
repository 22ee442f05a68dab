/* The verdict on one scanned text (lib/verdict.c, docs/trust.md §4): every
 * status and reason code, the order of the checks and their boundaries (the
 * first and last day of a window, the day before and of a compromise or a
 * retirement), what the reader forgives in a text (docs/format.md §1),
 * status and holder names, the holder binding, and random texts. Keys and
 * bundles are made in memory (trustfix.h); no clock is read. */
#include "trustfix.h"

static void genuine_and_statuses(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_true(v.signed_ok && v.have_compliance && v.compliance.known && v.compliance.met);
	assert_int_equal(v.trust_version, 7);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_MATCH);
	assert_int_equal(cq_verdict_holder(&v, "110105194912310038"), CQ_HOLDER_MISMATCH);
	assert_int_equal(cq_verdict_holder(&v, "110105194912310021"), CQ_HOLDER_INVALID_ID);
	assert_int_equal(cq_verdict_holder(&v, NULL), CQ_HOLDER_NOT_CHECKED);

	n = sign_cert(un, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_UNKNOWN_ISSUER);
	assert_false(v.signed_ok);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_NO_CERTIFICATE);
	n = sign_cert(zz, "4102020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUT_OF_SCOPE);
	n = sign_cert(zz, "4101020000125", 410100, "2031-01-01", 2030, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUTSIDE_KEY_WINDOW);
	/* Compromised since 2025-03-01: the day before is fine, the day itself is not. */
	n = sign_cert(kf, "4102020000001", 410200, "2025-02-28", 2024, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(kf, "4102020000001", 410200, "2025-03-01", 2024, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_KEY_COMPROMISED);
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_REVOKED);
	assert_int_equal(v.revoke_reason, CQ_REV_FALSIFIED_HOURS);
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 2, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(zz, "4101020000201", 410100, "2023-12-20", 2023, 9, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_REVOKED);
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_SUPERSEDED);
	assert_int_equal(v.latest_revision, 2);
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 2, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_int_equal(cq_judge(t, "hello", 5, &v), 0);
	assert_int_equal(v.status, CQ_ST_NOT_A_CERTIFICATE);
	assert_int_equal(cq_judge(t, "CQ1:", 4, &v), 0);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	/* no trust bundle or no text: an error, and a verdict that is never
	 * authentic (a zeroed one would be: status 0) */
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 2, p);
	char text[CQ_QR_TEXT_MAX + 16];
	memcpy(text, "CQ1:", 4);
	assert_int_equal(cq_base45_encode(p, n, text + 4, sizeof text - 4), 0);
	assert_int_equal(cq_judge(NULL, text, strlen(text), &v), -1);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	assert_false(v.signed_ok);
	assert_int_equal(cq_judge(t, NULL, 0, &v), -1);
	assert_int_equal(v.status, CQ_ST_MALFORMED);
	cq_trust_free(t);
}

static void retired_boundary(void **state)
{
	(void)state;
	cq_delegation dls[1] = { dz };
	cq_key_status ks;
	memset(&ks, 0, sizeof ks);
	memcpy(ks.key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	ks.state = CQ_KEY_RETIRED;
	ks.has_date = true;
	ks.date = D("2024-06-30");
	cq_bundle_spec s = { .version = 1, .date = D("2026-01-01"), .delegations = dls, .n_delegations = 1,
	                     .statuses = &ks, .n_statuses = 1 };
	size_t bn;
	uint8_t *b = make_bundle(&s, root, &bn);
	cq_trust *t;
	cq_err e;
	assert_int_equal(cq_trust_decode(b, bn, cq_seckey_pubkey(root), &t, &e), 0);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2024-06-30", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	n = sign_cert(zz, "4101020000125", 410100, "2024-07-01", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_OUTSIDE_KEY_WINDOW);
	assert_true(v.key_date_known);
	cq_trust_free(t);
	free(b);
}

/* Every single-bit change of a genuine payload is rejected: zero false accepts. */
static void every_bit_flip(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t g[CQ_PAYLOAD_MAX], p[CQ_PAYLOAD_MAX];
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, g);
	cq_verdict v;
	unsigned counts[CQ_ST_COUNT_] = {0};
	for (size_t i = 0; i < n; i++)
		for (int bit = 0; bit < 8; bit++) {
			memcpy(p, g, n);
			p[i] ^= (uint8_t)(1u << bit);
			cq_status s = judge_payload(t, p, n, &v);
			counts[s]++;
			if (i == 0) assert_int_equal(s, CQ_ST_UNKNOWN_VERSION);
			else if (i <= 8) assert_true(s == CQ_ST_UNKNOWN_ISSUER || s == CQ_ST_MALFORMED);
			else assert_true(s == CQ_ST_FORGED || s == CQ_ST_MALFORMED);
		}
	assert_int_equal(counts[CQ_ST_AUTHENTIC], 0);
	assert_true(counts[CQ_ST_FORGED] > 0 && counts[CQ_ST_MALFORMED] > 0 && counts[CQ_ST_UNKNOWN_ISSUER] > 0);
	/* Every truncation and every one-byte extension. */
	for (size_t k = 0; k < n; k++) assert_int_equal(judge_payload(t, g, k, &v), CQ_ST_MALFORMED);
	for (unsigned x = 0; x < 256; x++) {
		memcpy(p, g, n);
		p[n] = (uint8_t)x;
		assert_int_equal(judge_payload(t, p, n + 1, &v), CQ_ST_MALFORMED);
	}
	cq_trust_free(t);
}

/* Random texts: never authentic, never a crash (run under ASan/UBSan when
 * the suite is built with sanitizers), always a JSON line. */
static void random_texts(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	static const char alpha[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
	uint64_t x = 0x2545F4914F6CDD1Dull;
	char text[400];
	cq_verdict v;
	for (int i = 0; i < 20000; i++) {
		x ^= x << 13; x ^= x >> 7; x ^= x << 17;
		size_t n = (size_t)(x % 300);
		size_t k = 0;
		if (i & 1) { memcpy(text, "CQ1:", 4); k = 4; }
		for (; k < n; k++) {
			x ^= x << 13; x ^= x >> 7; x ^= x << 17;
			text[k] = (i & 2) ? alpha[x % 45] : (char)(x & 0xFF);
		}
		assert_int_equal(cq_judge(t, text, n, &v), 0);
		assert_int_not_equal(v.status, CQ_ST_AUTHENTIC);
		char js[CQ_VERDICT_JSON_MAX];
		assert_true(cq_verdict_json(&v, "fuzz", CQ_HOLDER_NOT_CHECKED, js, sizeof js) > 0);
	}
	cq_trust_free(t);
}

/* A verdict's status and reason code, checked together. */
#define assert_verdict(v, st, code) do { \
		assert_string_equal(cq_status_name((v).status), cq_status_name(st)); \
		assert_string_equal((v).reason_code, (code)); \
	} while (0)

static cq_status judge_text(const cq_trust *t, const char *text, cq_verdict *v)
{
	assert_int_equal(cq_judge(t, text, strlen(text), v), 0);
	return v->status;
}

/* The QR text of a payload, in text[CQ_QR_TEXT_MAX + 16]. */
static void qr_text(const uint8_t *p, size_t n, char *text)
{
	memcpy(text, "CQ1:", 4);
	assert_int_equal(cq_base45_encode(p, n, text + 4, CQ_QR_TEXT_MAX + 12), 0);
}

/* docs/trust.md §4, the table of statuses: the names in JSON and the
 * Chinese headlines, one per status; unknown values and names. */
static void status_names(void **state)
{
	(void)state;
	static const char *const want[CQ_ST_COUNT_][3] = {
		{"authentic", "AUTHENTIC", "真实有效"},
		{"forged", "FORGED", "伪造（签名不符）"},
		{"unknown_issuer", "UNKNOWN ISSUER", "签发机关未知"},
		{"out_of_scope", "OUT OF SCOPE", "超出签发范围"},
		{"outside_key_window", "OUTSIDE KEY WINDOW", "不在签发密钥有效期内"},
		{"key_compromised", "KEY COMPROMISED", "签发密钥已泄露"},
		{"revoked", "REVOKED", "已撤销"},
		{"superseded", "SUPERSEDED", "已被新版本取代"},
		{"malformed", "MALFORMED", "格式错误"},
		{"not_a_certificate", "NOT A CERTIFICATE", "不是继续教育证书二维码"},
		{"unknown_version", "UNKNOWN VERSION", "版本不受支持"},
	};
	for (int s = 0; s < CQ_ST_COUNT_; s++) {
		assert_string_equal(cq_status_name((cq_status)s), want[s][0]);
		assert_string_equal(cq_status_title((cq_status)s), want[s][1]);
		assert_string_equal(cq_status_title_zh((cq_status)s), want[s][2]);
		assert_int_equal(cq_status_parse(want[s][0]), s);
	}
	/* the numeric values are stable (verdict.h) */
	assert_int_equal(CQ_ST_AUTHENTIC, 0);
	assert_int_equal(CQ_ST_UNKNOWN_VERSION, 10);
	assert_string_equal(cq_status_name(CQ_ST_COUNT_), "?");
	assert_string_equal(cq_status_title_zh((cq_status)-1), "?");
	assert_int_equal(cq_status_parse("AUTHENTIC"), -1);      /* names are lower case */
	assert_int_equal(cq_status_parse("authentic "), -1);
	assert_int_equal(cq_status_parse(""), -1);
	assert_int_equal(cq_status_parse("unreadable"), -1);     /* a program's status, not a verdict */
}

/* docs/trust.md §4.1, "Holder binding": the four results and their names. */
static void holder_binding(void **state)
{
	(void)state;
	static const char *const names[][2] = {
		{"not_checked", "未核对"}, {"match", "一致"}, {"mismatch", "不一致"},
		{"invalid_id", "身份证号码无效"}, {"no_certificate", "无可核对的证书"},
	};
	for (int h = 0; h <= CQ_HOLDER_NO_CERTIFICATE; h++) {
		assert_string_equal(cq_holder_name((cq_holder)h), names[h][0]);
		assert_string_equal(cq_holder_name_zh((cq_holder)h), names[h][1]);
	}
	assert_string_equal(cq_holder_name((cq_holder)(CQ_HOLDER_NO_CERTIFICATE + 1)), "?");
	assert_string_equal(cq_holder_name_zh((cq_holder)(CQ_HOLDER_NO_CERTIFICATE + 1)), "?");

	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_int_equal(cq_verdict_holder(&v, "11010519491231002x"), CQ_HOLDER_MATCH);  /* x accepted */
	assert_int_equal(cq_verdict_holder(&v, ""), CQ_HOLDER_NOT_CHECKED);
	assert_int_equal(cq_verdict_holder(&v, "11010519491231002"), CQ_HOLDER_INVALID_ID);
	/* signed but not authentic (revoked): the binding is still checked */
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_REVOKED);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_MATCH);
	/* forged: nothing signed to compare with, even for the right ID */
	n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	p[24] ^= 1;
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_FORGED);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_NO_CERTIFICATE);
	assert_int_equal(cq_judge(t, "hello", 5, &v), 0);
	assert_int_equal(cq_verdict_holder(&v, ID), CQ_HOLDER_NO_CERTIFICATE);
	cq_trust_free(t);
}

/* docs/trust.md §4, the reason codes of the signed statuses, and what each
 * verdict holds: fields only once the signature verified, compliance only
 * then, the bundle's version and date always. */
static void reason_codes(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_AUTHENTIC, "ok");
	assert_true(v.decoded && v.signed_ok && v.have_issuer);
	assert_string_equal(v.rec.number, "4101020000125");
	assert_string_equal(v.issuer.bureau, "郑州市人力资源和社会保障局");
	assert_memory_equal(v.key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	char kid[17];
	cq_key_id_hex(cq_seckey_pubkey(zz)->id, kid);
	assert_non_null(strstr(v.reason, kid));
	assert_non_null(strstr(v.reason_zh, "由郑州市人力资源和社会保障局签发"));

	/* forged: one bit of the public hours (30 -> 31) */
	p[24] ^= 1;
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_FORGED, "signature");
	assert_true(v.decoded);
	assert_false(v.signed_ok || v.have_compliance || v.have_issuer);
	assert_non_null(strstr(v.reason_zh, "签名与证书内容不符"));

	n = sign_cert(un, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_UNKNOWN_ISSUER, "no_delegation");
	assert_false(v.signed_ok || v.have_issuer);
	assert_non_null(strstr(v.reason, "trust bundle 7"));

	/* scope: the number outside 4101; region: inside, but signed for 410200 */
	n = sign_cert(zz, "4105020000009", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUT_OF_SCOPE, "scope");
	assert_true(v.signed_ok && v.have_issuer && v.have_compliance);   /* evaluated for every signed verdict */
	n = sign_cert(zz, "4101020000125", 410200, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUT_OF_SCOPE, "region");
	assert_non_null(strstr(v.reason, "region 410200"));

	n = sign_cert(kf, "4102020000001", 410200, "2025-03-01", 2024, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_KEY_COMPROMISED, "compromised_since");
	assert_true(v.key_date_known);
	assert_int_equal(cq_date_cmp(v.key_date, D("2025-03-01")), 0);

	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_REVOKED, "revision");
	/* the example sentences of docs/trust.md §4.1 */
	assert_string_equal(v.reason, "certificate 4101020000200 for 2023 (revision 1) was revoked: falsified_hours");
	assert_string_equal(v.reason_zh, "2023 年度证书 4101020000200（第 1 版）已被撤销，原因：学时造假");
	n = sign_cert(zz, "4101020000201", 410100, "2023-12-20", 2023, 3, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_REVOKED, "all_revisions");
	assert_int_equal(v.revoke_reason, CQ_REV_WITHDRAWN);
	/* revocations are per year */
	n = sign_cert(zz, "4101020000201", 410100, "2024-12-20", 2024, 3, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_AUTHENTIC, "ok");

	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_SUPERSEDED, "later_revision");
	assert_int_equal(v.latest_revision, 2);
	/* a revision above the listed latest is not superseded */
	n = sign_cert(zz, "4101020000203", 410100, "2023-12-20", 2023, 3, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_AUTHENTIC, "ok");

	/* whatever the text, the bundle's version and date are reported */
	judge_text(t, "WIFI:S:HRBureau;T:WPA;P:secret;;", &v);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	assert_int_equal(v.trust_version, 7);
	assert_int_equal(cq_date_cmp(v.trust_date, D("2026-11-01")), 0);
	assert_false(v.decoded || v.signed_ok);
	cq_trust_free(t);
}

/* docs/trust.md §4, checks 4-8 in order: the first that fails decides.
 * Window ends (both included) and the days around a compromise and a
 * retirement (docs/trust.md §2). */
static void order_and_boundaries(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	/* compromise (4) before scope (5): Kaifeng's key signing a Zhengzhou number */
	size_t n = sign_cert(kf, "4101020000125", 410100, "2025-03-01", 2024, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_KEY_COMPROMISED, "compromised_since");
	/* ... but the day before the compromise, scope decides */
	n = sign_cert(kf, "4101020000125", 410100, "2025-02-28", 2024, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUT_OF_SCOPE, "scope");
	/* scope (5) before window (6) */
	n = sign_cert(zz, "4102020000125", 410100, "2031-01-01", 2030, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUT_OF_SCOPE, "scope");
	/* window 2017-01-01 to 2030-12-31, both ends included */
	const struct { const char *day; uint16_t year; cq_status st; const char *code; } w[] = {
		{"2016-12-31", 2016, CQ_ST_OUTSIDE_KEY_WINDOW, "window"},
		{"2017-01-01", 2017, CQ_ST_AUTHENTIC, "ok"},
		{"2030-12-31", 2030, CQ_ST_AUTHENTIC, "ok"},
		{"2031-01-01", 2030, CQ_ST_OUTSIDE_KEY_WINDOW, "window"},
	};
	for (size_t i = 0; i < sizeof w / sizeof *w; i++) {
		n = sign_cert(zz, "4101020000125", 410100, w[i].day, w[i].year, 1, p);
		judge_payload(t, p, n, &v);
		assert_verdict(v, w[i].st, w[i].code);
		assert_false(v.key_date_known);
	}
	/* revoked (7) before superseded (8): the revoked revision 1 of 200 is
	 * judged revoked; its revision 2 is fine */
	n = sign_cert(zz, "4101020000200", 410100, "2023-12-20", 2023, 2, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_AUTHENTIC, "ok");
	cq_trust_free(t);

	/* One bundle for the rest: zz retired on 2024-06-30; 4101020000300 for
	 * 2023 revoked in every revision and superseded by revision 3. */
	cq_delegation dls[1] = { dz };
	cq_key_status ks;
	memset(&ks, 0, sizeof ks);
	memcpy(ks.key_id, cq_seckey_pubkey(zz)->id, CQ_KEY_ID_BYTES);
	ks.state = CQ_KEY_RETIRED;
	ks.has_date = true;
	ks.date = D("2024-06-30");
	cq_revocation rev;
	memset(&rev, 0, sizeof rev);
	strcpy(rev.number, "4101020000300"); rev.year = 2023; rev.revision = 0; rev.reason = CQ_REV_ISSUED_IN_ERROR;
	cq_supersession sup;
	memset(&sup, 0, sizeof sup);
	strcpy(sup.number, "4101020000300"); sup.year = 2023; sup.latest = 3;
	cq_bundle_spec s = { .version = 2, .date = D("2026-01-01"), .delegations = dls, .n_delegations = 1,
	                     .statuses = &ks, .n_statuses = 1, .revoked = &rev, .n_revoked = 1,
	                     .superseded = &sup, .n_superseded = 1 };
	size_t bn;
	uint8_t *b = make_bundle(&s, root, &bn);
	cq_err e;
	assert_int_equal(cq_trust_decode(b, bn, cq_seckey_pubkey(root), &t, &e), 0);
	free(b);
	n = sign_cert(zz, "4101020000300", 410100, "2023-12-20", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_REVOKED, "all_revisions");
	assert_int_equal(v.revoke_reason, CQ_REV_ISSUED_IN_ERROR);
	/* window (6) before retirement: 2031 is outside the window, not "retired" */
	n = sign_cert(zz, "4101020000125", 410100, "2031-01-01", 2030, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUTSIDE_KEY_WINDOW, "window");
	assert_false(v.key_date_known);
	/* retirement (6) before revocation (7) */
	n = sign_cert(zz, "4101020000300", 410100, "2024-07-01", 2023, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_OUTSIDE_KEY_WINDOW, "retired");
	assert_true(v.key_date_known);
	assert_int_equal(cq_date_cmp(v.key_date, D("2024-06-30")), 0);
	cq_trust_free(t);

	/* compromised without a date: nothing the key signed, even in 2017 */
	ks.state = CQ_KEY_COMPROMISED;
	ks.has_date = false;
	memset(&ks.date, 0, sizeof ks.date);
	cq_bundle_spec s2 = { .version = 3, .date = D("2026-01-02"), .delegations = dls, .n_delegations = 1,
	                      .statuses = &ks, .n_statuses = 1 };
	b = make_bundle(&s2, root, &bn);
	assert_int_equal(cq_trust_decode(b, bn, cq_seckey_pubkey(root), &t, &e), 0);
	free(b);
	n = sign_cert(zz, "4101020000125", 410100, "2017-01-01", 2017, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_KEY_COMPROMISED, "compromised");
	assert_false(v.key_date_known);
	assert_true(v.signed_ok);
	/* compromise (4) before scope (5) and window (6) */
	n = sign_cert(zz, "4105020000009", 410500, "2031-01-01", 2030, 1, p);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_KEY_COMPROMISED, "compromised");
	cq_trust_free(t);
}

/* docs/format.md §1: what a reader forgives (trailing CR/LF, ASCII case)
 * and nothing else, and the classification steps with their reason codes. */
static void text_forms(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	char text[CQ_QR_TEXT_MAX + 16], alt[CQ_QR_TEXT_MAX + 32];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	qr_text(p, n, text);
	assert_int_equal(judge_text(t, text, &v), CQ_ST_AUTHENTIC);
	/* trailing CR and LF in any number and order */
	snprintf(alt, sizeof alt, "%s\r\n\n\r", text);
	assert_int_equal(judge_text(t, alt, &v), CQ_ST_AUTHENTIC);
	/* Caps Lock: all of it in lower case */
	for (size_t i = 0; text[i]; i++) alt[i] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
	alt[strlen(text)] = '\0';
	assert_int_equal(judge_text(t, alt, &v), CQ_ST_AUTHENTIC);
	/* nothing stripped at the start */
	snprintf(alt, sizeof alt, " %s", text);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	snprintf(alt, sizeof alt, "\xEF\xBB\xBF%s", text);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	/* ... nor trailing spaces and tabs */
	snprintf(alt, sizeof alt, "%s ", text);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "base45");
	snprintf(alt, sizeof alt, "%s\t", text);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "base45");
	/* a full-width Ｃ is not folded */
	snprintf(alt, sizeof alt, "\xEF\xBC\xA3%s", text + 1);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	/* step 1: fewer than 4 bytes */
	assert_int_equal(cq_judge(t, text, 3, &v), 0);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	assert_int_equal(cq_judge(t, "", 0, &v), 0);
	assert_verdict(v, CQ_ST_NOT_A_CERTIFICATE, "prefix");
	assert_non_null(strstr(v.reason_zh, "这不是继续教育证书的二维码"));
	/* step 2: another format version, whatever follows */
	memcpy(alt, text, strlen(text) + 1);
	alt[2] = '2';
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_UNKNOWN_VERSION, "qr_version");
	assert_non_null(strstr(v.reason, "update the verifier"));
	assert_non_null(strstr(v.reason_zh, "请更新核验软件"));
	judge_text(t, "CQ0:", &v);
	assert_verdict(v, CQ_ST_UNKNOWN_VERSION, "qr_version");
	assert_false(v.decoded);
	/* step 3: 257 characters after "CQ1:" are the longest v1 text; 258 too
	 * many. 257 zeros decode (base45 "00" is 0) to 171 zero bytes: payload
	 * version 0, a format this build does not read. */
	memcpy(alt, "CQ1:", 4);
	memset(alt + 4, '0', 258);
	alt[4 + 257] = '\0';
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_UNKNOWN_VERSION, "payload_version");
	alt[4 + 257] = '0';
	alt[4 + 258] = '\0';
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "length");
	assert_non_null(strstr(v.reason_zh, "内容过长"));
	/* step 4: not base45 */
	judge_text(t, "CQ1:AB", &v);
	assert_verdict(v, CQ_ST_MALFORMED, "base45");   /* "AB" is 10 + 11·45 = 505 > 255 */
	assert_non_null(strstr(v.reason_zh, "不是有效的 base45 编码"));
	/* step 5: the payload decoder, here an empty payload */
	judge_text(t, "CQ1:", &v);
	assert_verdict(v, CQ_ST_MALFORMED, "length");
	/* a payload version byte other than 1 */
	p[0] = 2;
	qr_text(p, n, alt);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_UNKNOWN_VERSION, "payload_version");
	p[0] = 1;
	/* truncated, and one byte after the signature: both "length", told
	 * apart in Chinese */
	qr_text(p, n - 1, alt);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "length");
	assert_non_null(strstr(v.reason_zh, "数据不完整（被截断）"));
	p[n] = 0;
	qr_text(p, n + 1, alt);
	judge_text(t, alt, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "length");
	assert_non_null(strstr(v.reason_zh, "签名之后有多余的数据"));
	assert_non_null(strstr(v.reason, "1 trailing bytes after the signature"));
	cq_trust_free(t);
}

/* A validly signed payload that breaks a record rule is malformed, named by
 * its field, and the signature is not looked at (docs/format.md §2.1 step
 * 10, docs/trust.md §4 check 1). */
static void malformed_even_when_signed(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	/* public hours (offset 23) 1000 > 999, re-signed with the genuine key */
	p[23] = 0x03; p[24] = 0xE8;
	assert_int_equal(cq_sign_detached(zz, CQ_CTX_CERT, p, n - CQ_SIG_BYTES, p + n - CQ_SIG_BYTES), 0);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "hours_public");
	assert_false(v.decoded || v.signed_ok);
	assert_non_null(strstr(v.reason_zh, "某个字段不符合证书规则"));
	/* reserved flag bits (offset 29) */
	n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	p[29] = 2;
	assert_int_equal(cq_sign_detached(zz, CQ_CTX_CERT, p, n - CQ_SIG_BYTES, p + n - CQ_SIG_BYTES), 0);
	judge_payload(t, p, n, &v);
	assert_verdict(v, CQ_ST_MALFORMED, "flags");
	assert_non_null(strstr(v.reason_zh, "数据结构不正确"));
	cq_trust_free(t);
}

/* cq_judge returns -1 only for a NULL argument, with *out (if given)
 * malformed, never authentic, and nothing of an earlier verdict left. */
static void null_arguments(void **state)
{
	(void)state;
	cq_trust *t = std_trust(NULL, NULL);
	uint8_t p[CQ_PAYLOAD_MAX];
	cq_verdict v;
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);    /* v full of a signed verdict */
	assert_int_equal(cq_judge(NULL, "CQ1:", 4, &v), -1);
	assert_verdict(v, CQ_ST_MALFORMED, "format");
	assert_false(v.signed_ok || v.decoded || v.have_issuer || v.have_compliance);
	assert_int_equal(v.rec.name[0], '\0');
	assert_non_null(strstr(v.reason_zh, "没有信任包"));
	memset(&v, 0xA5, sizeof v);
	assert_int_equal(cq_judge(t, NULL, 0, &v), -1);
	assert_verdict(v, CQ_ST_MALFORMED, "format");
	assert_false(v.signed_ok || v.decoded);
	assert_int_equal(cq_judge(t, "CQ1:", 4, NULL), -1);
	cq_trust_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(genuine_and_statuses),
		cmocka_unit_test(retired_boundary),
		cmocka_unit_test(every_bit_flip),
		cmocka_unit_test(random_texts),
		cmocka_unit_test(status_names),
		cmocka_unit_test(holder_binding),
		cmocka_unit_test(reason_codes),
		cmocka_unit_test(order_and_boundaries),
		cmocka_unit_test(text_forms),
		cmocka_unit_test(malformed_even_when_signed),
		cmocka_unit_test(null_arguments),
	};
	return cmocka_run_group_tests(tests, trustfix_setup, trustfix_teardown);
}
