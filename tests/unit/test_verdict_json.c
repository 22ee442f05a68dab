/* One verdict as one JSON object (lib/verdict_json.c, docs/trust.md §5):
 * the example of the schema byte for byte, which members each status has,
 * string escaping, and the output buffer's bounds. */
#include "trustfix.h"

static void json_output(void **state)
{
	(void)state;
	char out[64];
	assert_int_equal(cq_json_string("a\"b\\c\n\x01", out, sizeof out), 21);
	assert_string_equal(out, "\"a\\\"b\\\\c\\u000a\\u0001\"");
	assert_int_equal(cq_json_string("\xff", out, sizeof out), 5);  /* invalid UTF-8 -> U+FFFD */
	assert_int_equal(cq_json_string("abcdef", out, 4), -1);
	cq_trust *t = std_trust(NULL, NULL);
	cq_verdict v;
	uint8_t p[CQ_PAYLOAD_MAX];
	size_t n = sign_cert(zz, "4101020000125", 410100, "2023-12-20", 2023, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	char buf[CQ_VERDICT_JSON_MAX];
	long len = cq_verdict_json(&v, "src\"1", CQ_HOLDER_MATCH, buf, sizeof buf);
	assert_true(len > 0);
	assert_non_null(strstr(buf, "\"source\":\"src\\\"1\",\"status\":\"authentic\""));
	assert_non_null(strstr(buf, "\"holder\":\"match\""));
	assert_non_null(strstr(buf, "\"trust\":{\"version\":7,\"date\":\"2026-11-01\"}}"));
	assert_int_equal(cq_verdict_json(&v, "src\"1", CQ_HOLDER_MATCH, buf, (size_t)len), -1);  /* no room for the NUL */
	assert_int_equal(cq_verdict_json(&v, "s", CQ_HOLDER_MATCH, buf, (size_t)len + 1), len - 5);
	for (int s = 0; s < CQ_ST_COUNT_; s++) assert_int_equal(cq_status_parse(cq_status_name((cq_status)s)), s);
	assert_non_null(strstr(buf, "\"reason_code\":\"ok\""));
	/* no rule for the year: the same five keys, nothing to judge by */
	n = sign_cert(zz, "4101020000125", 410100, "2017-01-05", 2016, 1, p);
	assert_int_equal(judge_payload(t, p, n, &v), CQ_ST_AUTHENTIC);
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, ",\"compliance\":{\"met\":null,\"aid_credit\":false,\"rule\":null,\"required\":null,\"shortfall\":null},"));
	cq_trust_free(t);
}

/* The verdict of docs/trust.md §5's example, built by hand (no signing). */
static void example_verdict(cq_verdict *v)
{
	memset(v, 0, sizeof *v);
	v->status = CQ_ST_AUTHENTIC;
	strcpy(v->reason_code, "ok");
	strcpy(v->reason, "signed by 郑州市人力资源和社会保障局 (key 1FA38950A25DEB4E)");
	strcpy(v->reason_zh, "由郑州市人力资源和社会保障局签发（密钥 1FA38950A25DEB4E）");
	v->decoded = v->signed_ok = v->have_issuer = v->have_compliance = true;
	assert_int_equal(cq_key_id_parse("1FA38950A25DEB4E", v->key_id), 0);
	cq_record *r = &v->rec;
	strcpy(r->name, "张三");
	strcpy(r->id_hint, "002X");
	strcpy(r->number, "4101020000127");
	r->year = 2023;
	r->revision = 1;
	r->hours_public = 15;
	r->hours_professional = 30;
	r->reduction = CQ_RED_ABROAD;
	r->months_at_post = 6;
	r->issuer_region = 410100;
	r->issued = D("2023-12-20");
	strcpy(v->issuer.bureau, "郑州市人力资源和社会保障局");
	strcpy(v->issuer.scope, "4101");
	v->issuer.region = 410100;
	cq_compliance *c = &v->compliance;
	c->known = c->met = true;
	c->rule = (cq_rule){ .from = 2021, .to = CQ_RULE_OPEN, .region = "41", .pub = 30, .prof = 60, .total = 90 };
	c->req_pub = 15; c->req_prof = 30; c->req_total = 45;
	v->trust_version = 3;
	v->trust_date = D("2026-11-01");
}

static const char example_json[] =
	"{\"source\":\"scans.txt:3\",\"status\":\"authentic\","
	"\"reason\":\"signed by 郑州市人力资源和社会保障局 (key 1FA38950A25DEB4E)\","
	"\"reason_zh\":\"由郑州市人力资源和社会保障局签发（密钥 1FA38950A25DEB4E）\","
	"\"reason_code\":\"ok\","
	"\"key_id\":\"1FA38950A25DEB4E\","
	"\"certificate\":{\"name\":\"张三\",\"id_hint\":\"002X\",\"number\":\"4101020000127\",\"year\":2023,\"revision\":1,"
	"\"hours\":{\"public\":15,\"professional\":30,\"total\":45},\"reduction\":\"abroad\",\"months_at_post\":6,"
	"\"issuer\":{\"key_id\":\"1FA38950A25DEB4E\",\"bureau\":\"郑州市人力资源和社会保障局\",\"region\":\"410100\",\"scope\":\"4101\"},"
	"\"issued\":\"2023-12-20\"},"
	"\"compliance\":{\"met\":true,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":null,\"region\":\"41\"},"
	"\"required\":{\"public\":15,\"professional\":30,\"total\":45},\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0}},"
	"\"holder\":\"match\","
	"\"trust\":{\"version\":3,\"date\":\"2026-11-01\"}}";

/* docs/trust.md §5: the example object, byte for byte; and every shorter
 * buffer refused with an empty string, never a cut object. */
static void schema_example(void **state)
{
	(void)state;
	cq_verdict v;
	example_verdict(&v);
	char buf[CQ_VERDICT_JSON_MAX];
	long len = cq_verdict_json(&v, "scans.txt:3", CQ_HOLDER_MATCH, buf, sizeof buf);
	assert_string_equal(buf, example_json);
	assert_int_equal(len, (long)strlen(example_json));
	for (size_t cap = 0; cap <= (size_t)len; cap++) {
		char small[CQ_VERDICT_JSON_MAX];
		memset(small, 'x', sizeof small);
		assert_int_equal(cq_verdict_json(&v, "scans.txt:3", CQ_HOLDER_MATCH, small, cap), -1);
		if (cap) assert_int_equal(small[0], '\0');
		else assert_int_equal(small[0], 'x');   /* nothing written into no room */
	}
	assert_int_equal(cq_verdict_json(&v, "scans.txt:3", CQ_HOLDER_MATCH, buf, (size_t)len + 1), len);
	/* no holder member when no ID was given; a NULL source is "" */
	assert_true(cq_verdict_json(&v, NULL, CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_null(strstr(buf, "\"holder\""));
	assert_non_null(strstr(buf, "{\"source\":\"\",\"status\""));
}

/* docs/trust.md §5, the "present" column: hours.compulsory only when
 * recorded, required/shortfall.compulsory only when the rule has some, aid
 * credit, the status-specific members, null certificate, key id and
 * compliance where nothing was signed. */
static void members_by_status(void **state)
{
	(void)state;
	cq_verdict v;
	char buf[CQ_VERDICT_JSON_MAX];
	example_verdict(&v);
	v.rec.has_compulsory = true;
	v.rec.hours_compulsory = 8;
	v.compliance.rule.compulsory = 12;
	v.compliance.req_comp = 6;
	v.compliance.short_comp = 0;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "\"hours\":{\"public\":15,\"professional\":30,\"total\":45,\"compulsory\":8}"));
	assert_non_null(strstr(buf, "\"required\":{\"public\":15,\"professional\":30,\"total\":45,\"compulsory\":6}"));
	assert_non_null(strstr(buf, "\"shortfall\":{\"public\":0,\"professional\":0,\"total\":0,\"compulsory\":0}"));
	/* a closed rule, not met */
	v.compliance.rule.to = 2023;
	v.compliance.met = false;
	v.compliance.short_prof = 4;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "\"compliance\":{\"met\":false,\"aid_credit\":false,\"rule\":{\"from\":2021,\"to\":2023,"));
	assert_non_null(strstr(buf, "\"shortfall\":{\"public\":0,\"professional\":4,"));
	/* aid without a rule: the exact object of §5 with true */
	example_verdict(&v);
	v.rec.reduction = CQ_RED_AID;
	v.rec.months_at_post = 12;
	memset(&v.compliance, 0, sizeof v.compliance);
	v.compliance.aid_credit = true;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, ",\"reduction\":\"aid\",\"months_at_post\":12,"));
	assert_non_null(strstr(buf, ",\"compliance\":{\"met\":null,\"aid_credit\":true,\"rule\":null,\"required\":null,\"shortfall\":null},"));

	/* revoked: the certificate (signed) and the revocation; compliance null */
	example_verdict(&v);
	v.status = CQ_ST_REVOKED;
	v.revoke_reason = CQ_REV_FALSIFIED_HOURS;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "\"issued\":\"2023-12-20\"},\"revocation\":{\"reason\":\"falsified_hours\",\"reason_zh\":\"学时造假\"},"
	                            "\"compliance\":null,\"trust\""));
	assert_null(strstr(buf, "latest_revision"));
	/* superseded */
	example_verdict(&v);
	v.status = CQ_ST_SUPERSEDED;
	v.latest_revision = 2;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "},\"latest_revision\":2,\"compliance\":null,"));
	assert_null(strstr(buf, "revocation"));
	/* key dates: only when known, named after the status */
	example_verdict(&v);
	v.status = CQ_ST_KEY_COMPROMISED;
	v.key_date_known = true;
	v.key_date = D("2025-03-01");
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, ",\"key_compromised_since\":\"2025-03-01\",\"compliance\":null,"));
	v.status = CQ_ST_OUTSIDE_KEY_WINDOW;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, ",\"key_retired_on\":\"2025-03-01\","));
	assert_null(strstr(buf, "key_compromised_since"));
	v.key_date_known = false;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_null(strstr(buf, "key_retired_on"));
	/* forged: decoded, so the key id, but nothing signed */
	example_verdict(&v);
	v.status = CQ_ST_FORGED;
	v.signed_ok = v.have_issuer = v.have_compliance = false;
	assert_true(cq_verdict_json(&v, "s", CQ_HOLDER_NO_CERTIFICATE, buf, sizeof buf) > 0);
	assert_non_null(strstr(buf, "\"key_id\":\"1FA38950A25DEB4E\",\"certificate\":null,\"compliance\":null,"
	                            "\"holder\":\"no_certificate\",\"trust\":{\"version\":3,"));
	/* not decoded: key_id null too */
	memset(&v, 0, sizeof v);
	v.status = CQ_ST_NOT_A_CERTIFICATE;
	strcpy(v.reason_code, "prefix");
	v.trust_version = 5;
	v.trust_date = D("2026-11-01");
	assert_true(cq_verdict_json(&v, "argv:1", CQ_HOLDER_NOT_CHECKED, buf, sizeof buf) > 0);
	assert_string_equal(buf, "{\"source\":\"argv:1\",\"status\":\"not_a_certificate\",\"reason\":\"\",\"reason_zh\":\"\","
	                         "\"reason_code\":\"prefix\",\"key_id\":null,\"certificate\":null,\"compliance\":null,"
	                         "\"trust\":{\"version\":5,\"date\":\"2026-11-01\"}}");
}

/* Strings: quote and backslash escaped, C0 controls, DEL, U+2028 and U+2029
 * as \u escapes, invalid UTF-8 as U+FFFD, everything else as it is. */
static void json_strings(void **state)
{
	(void)state;
	char out[128];
	assert_int_equal(cq_json_string("", out, sizeof out), 2);
	assert_string_equal(out, "\"\"");
	assert_int_equal(cq_json_string("\x7f\t\x1f", out, sizeof out), 20);
	assert_string_equal(out, "\"\\u007f\\u0009\\u001f\"");
	assert_true(cq_json_string("a\xE2\x80\xA8" "b\xE2\x80\xA9", out, sizeof out) > 0);
	assert_string_equal(out, "\"a\\u2028b\\u2029\"");
	/* kept as they are: a slash, U+0080 (C1, but valid JSON), CJK, U+1F600 */
	assert_true(cq_json_string("/\xC2\x80张\xF0\x9F\x98\x80", out, sizeof out) > 0);
	assert_string_equal(out, "\"/\xC2\x80张\xF0\x9F\x98\x80\"");
	/* a truncated sequence and an overlong one: one U+FFFD per bad byte */
	assert_true(cq_json_string("\xE5\xBC" "x\xC0\xAF", out, sizeof out) > 0);
	assert_string_equal(out, "\"\xEF\xBF\xBD\xEF\xBF\xBDx\xEF\xBF\xBD\xEF\xBF\xBD\"");
	/* cap: the string and its NUL; one byte less is refused */
	assert_int_equal(cq_json_string("ab", out, 5), 4);
	assert_int_equal(cq_json_string("ab", out, 4), -1);
	assert_int_equal(cq_json_string("\n", out, 9), 8);
	assert_int_equal(cq_json_string("\n", out, 8), -1);
	assert_int_equal(cq_json_string("", out, 2), -1);
	assert_int_equal(cq_json_string("", out, 0), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(json_output),
		cmocka_unit_test(schema_example),
		cmocka_unit_test(members_by_status),
		cmocka_unit_test(json_strings),
	};
	return cmocka_run_group_tests(tests, trustfix_setup, trustfix_teardown);
}
