/* The field builder (lib/fields.c): every input form of docs/issuing.md
 * "Input" (the headings, the spellings a spreadsheet export carries and the
 * message for each mark it leaves), docs/format.md §2.3 (digits without sign
 * or leading zeros, compatibility ideographs replaced), and what finishing a
 * record checks. The record rules themselves: test_record.c. */
#include "testutil.h"

/* What a spreadsheet export writes, accepted when it is unambiguous. */
static void spreadsheet_forms(void **state)
{
	(void)state;
	static const char *const dates[] = {"2025-01-06", "2025/01/06", "2025/1/6", "2025-1-6", "2025.1.6", "2025年1月6日",
	                                    "2025/1/6 0:00", "2025/1/6 00:00:00"};
	for (size_t i = 0; i < sizeof dates / sizeof *dates; i++) {
		cq_builder b;
		cq_err e;
		cq_builder_init(&b);
		if (cq_builder_set(&b, "issued", dates[i], &e)) fail_msg("%s: %s", dates[i], e.msg);
		assert_int_equal(b.r.issued.y, 2025);
		assert_int_equal(b.r.issued.m, 1);
		assert_int_equal(b.r.issued.d, 6);
	}
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	assert_int_equal(cq_builder_set(&b, "issued", "45663", &e), -1);
	assert_non_null(strstr(e.msg, "45663 is 2025-01-06"));
	assert_int_equal(cq_builder_set(&b, "id_number", "4.10102E+17", &e), -1);
	assert_non_null(strstr(e.msg, "scientific notation"));
	assert_int_equal(cq_builder_set(&b, "reduction", "生育", &e), 0);
	assert_int_equal(b.r.reduction, CQ_RED_MATERNITY);
	assert_int_equal(cq_builder_set(&b, "reduction", "援派", &e), 0);
	assert_int_equal(b.r.reduction, CQ_RED_AID);
	/* headings */
	assert_int_equal(cq_field_find("姓名"), 0);
	assert_int_equal(cq_field_find(" 身份证 号码 "), 1);
	assert_int_equal(cq_field_find("证书管理号"), 2);
	assert_int_equal(cq_field_find("公需科目学时"), 5);
	assert_int_equal(cq_field_find("issued"), 11);
	assert_int_equal(cq_field_find("学时"), -1);
	assert_string_equal(cq_field_label_zh(11), "发证日期");
	assert_true(cq_field_required(0));
	assert_false(cq_field_required(12));
}

static const char *const all_fields[][2] = {
	{"name", "张三丰"}, {"id_number", "11010519491231002X"}, {"number", "4101020000123"},
	{"year", "2024"}, {"hours_public", "32"}, {"hours_professional", "64"},
	{"issuer_region", "410100"}, {"issued", "2025-01-06"},
};

/* A builder with the eight required fields of the first vector of
 * docs/format.md §5, but `skip`. */
static void filled(cq_builder *b, const char *skip)
{
	cq_err e;
	cq_builder_init(b);
	for (size_t i = 0; i < sizeof all_fields / sizeof *all_fields; i++)
		if (!skip || strcmp(all_fields[i][0], skip))
			if (cq_builder_set(b, all_fields[i][0], all_fields[i][1], &e)) fail_msg("%s: %s", e.field, e.msg);
}

/* One value of one field is refused with CQ_E_FIELD naming the field and
 * a message holding `says`. */
static void refused(const char *field, const char *value, const char *says)
{
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	cq_err_clear(&e);
	if (cq_builder_set(&b, field, value, &e) != -1) fail_msg("%s=\"%s\" accepted", field, value);
	assert_int_equal(e.code, CQ_E_FIELD);
	assert_string_equal(e.field, field);
	if (!strstr(e.msg, says)) fail_msg("%s=\"%s\": \"%s\" lacks \"%s\"", field, value, e.msg, says);
}

/* docs/issuing.md, the columns table: every heading, English and Chinese;
 * spaces (ASCII, tab, U+3000) inside a heading ignored. */
static void headings(void **state)
{
	(void)state;
	static const char *const h[][7] = {
		{"name", "姓名", "人员姓名", "持证人", "持证人姓名"},
		{"id_number", "身份证号", "身份证号码", "公民身份号码", "证件号码", "身份证"},
		{"number", "证书管理号", "证书编号", "证书号", "证书号码", "管理号"},
		{"year", "年度", "学时年度", "继续教育年度", "培训年度"},
		{"revision", "证书版本", "版本", "版次"},
		{"hours_public", "公需科目学时", "公需科目", "公需课学时", "公需学时", "公需课"},
		{"hours_professional", "专业科目学时", "专业科目", "专业课学时", "专业学时", "专业课"},
		{"hours_compulsory", "必修课学时", "必修课", "必修学时", "其中必修课", "其中必修"},
		{"reduction", "学时减免", "减免情形", "减免原因", "折算原因", "学时折算"},
		{"months_at_post", "在岗月数", "在岗时间（月）", "在岗月份"},
		{"issuer_region", "发证机关代码", "发证机关区划代码", "行政区划代码", "区划代码", "地区代码"},
		{"issued", "发证日期", "签发日期", "发证时间"},
		{"hours_total", "合计学时", "总学时", "学时合计", "合计", "总计"},
	};
	int n = 0;
	while (cq_field_names[n]) n++;
	assert_int_equal(n, 13);
	for (int f = 0; f < 13; f++) {
		assert_string_equal(cq_field_names[f], h[f][0]);
		assert_string_equal(cq_field_label_zh(f), h[f][1]);   /* the first: the one certqr writes */
		for (int k = 0; k < 7 && h[f][k]; k++)
			if (cq_field_find(h[f][k]) != f) fail_msg("%s is not field %d", h[f][k], f);
	}
	assert_int_equal(cq_field_find("在岗时间(月)"), 9);               /* ASCII brackets too */
	assert_int_equal(cq_field_find("\t公需 科目\xE3\x80\x80学时 "), 5);
	assert_int_equal(cq_field_find(" hours_total "), 12);
	assert_int_equal(cq_field_find("Name"), -1);
	assert_int_equal(cq_field_find("序号"), -1);                      /* ignored by the batch, not a field */
	assert_int_equal(cq_field_find(""), -1);
	assert_string_equal(cq_field_label_zh(-1), "");
	assert_string_equal(cq_field_label_zh(13), "");
	/* required: name id_number number year hours_public hours_professional issuer_region issued */
	static const bool req[13] = {1, 1, 1, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0};
	for (int f = 0; f < 13; f++) assert_int_equal(cq_field_required(f), req[f]);
	assert_false(cq_field_required(-1));
	assert_false(cq_field_required(13));
}

/* docs/format.md §2.3: numbers are decimal digits without sign or leading
 * zeros ("0" itself excepted); each range at its ends; surrounding spaces
 * trimmed. */
static void numbers(void **state)
{
	(void)state;
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	assert_int_equal(cq_builder_set(&b, "hours_public", "0", &e), 0);
	assert_int_equal(cq_builder_set(&b, "hours_public", "999", &e), 0);
	assert_int_equal(b.r.hours_public, 999);
	assert_int_equal(cq_builder_set(&b, "hours_public", "  30 ", &e), 0);
	assert_int_equal(b.r.hours_public, 30);
	refused("hours_public", "1000", "whole hours 0..999");
	refused("hours_public", "030", "whole hours");
	refused("hours_public", "+30", "whole hours");
	refused("hours_public", "3 0", "whole hours");
	refused("hours_public", "\t30", "whole hours");                   /* only spaces are trimmed */
	refused("hours_public", "", "whole hours");                        /* a required field given empty */
	refused("hours_public", "１０", "whole hours");                    /* full-width digits */
	assert_int_equal(cq_builder_set(&b, "hours_total", "1998", &e), 0);
	refused("hours_total", "1999", "whole hours 0..1998");
	assert_int_equal(cq_builder_set(&b, "year", "2000", &e), 0);
	assert_int_equal(cq_builder_set(&b, "year", "2099", &e), 0);
	refused("year", "1999", "2000..2099");
	refused("year", "2100", "2000..2099");
	assert_int_equal(cq_builder_set(&b, "revision", "1", &e), 0);
	assert_int_equal(cq_builder_set(&b, "revision", "255", &e), 0);
	assert_int_equal(b.r.revision, 255);
	refused("revision", "0", "1..255");
	refused("revision", "256", "1..255");
	assert_int_equal(cq_builder_set(&b, "months_at_post", "0", &e), 0);
	assert_int_equal(cq_builder_set(&b, "months_at_post", "12", &e), 0);
	refused("months_at_post", "13", "0..12");
	assert_int_equal(cq_builder_set(&b, "issuer_region", "410000", &e), 0);
	assert_int_equal(cq_builder_set(&b, "issuer_region", "419999", &e), 0);
	refused("issuer_region", "409999", "41xxxx");
	refused("issuer_region", "420000", "41xxxx");
	refused("issuer_region", "0410100", "41xxxx");
	refused("issuer_region", "41010", "41xxxx");
	/* a value longer than any field's */
	char big[80];
	memset(big, '1', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	refused("hours_public", big, "value longer than 65 bytes");
	memset(big, ' ', 70);
	strcpy(big + 70, "30");                                            /* long only by its spaces */
	assert_int_equal(cq_builder_set(&b, "hours_public", big, &e), 0);
	/* unknown field: CQ_E_FORMAT, naming it */
	assert_int_equal(cq_builder_set(&b, "colour", "red", &e), -1);
	assert_int_equal(e.code, CQ_E_FORMAT);
	assert_string_equal(e.field, "colour");
	assert_int_equal(cq_builder_set(&b, "姓名", "张三", &e), -1);       /* headings are for cq_field_find */
	assert_int_equal(e.code, CQ_E_FORMAT);
}

/* docs/issuing.md "What spreadsheets do to the data": each mark gets its
 * own message. */
static void spreadsheet_marks(void **state)
{
	(void)state;
	refused("id_number", "4.10102198503121E+017", "scientific notation");
	refused("id_number", "4.10102e+17", "scientific notation");
	refused("number", "4.10102E+12", "scientific notation");
	refused("number", "4E12", "scientific notation");
	refused("issued", "46011", "46011 is 2025-12-20");
	refused("issued", "45663", "format the column as a date");
	refused("issued", "12/20/2025", "puts the year last");
	refused("issued", "20/12/2025", "puts the year last");
	refused("issued", "20.12.2025", "puts the year last");
	/* not a serial: 60 and below, and not five digits */
	refused("issued", "00060", "must be a date YYYY-MM-DD");
	refused("issued", "2025", "must be a date YYYY-MM-DD");
	refused("issued", "460110", "must be a date YYYY-MM-DD");
	/* year first but not a date, or not midnight, or mixed separators */
	refused("issued", "2025/2/30", "is not a valid date");
	refused("issued", "2025年2月30日", "is not a valid date");
	refused("issued", "2025/12/20 8:00", "must be a date");
	refused("issued", "2025/12/20 0:01", "must be a date");
	refused("issued", "2025/12-20", "must be a date");
	refused("issued", "2025年12月20", "must be a date");
	refused("issued", "2025/12/20T00:00", "must be a date");
	refused("issued", "2025/123/1", "must be a date");
	/* a 15-digit-rounded ID: said so by finish */
	cq_builder b;
	cq_err e;
	cq_record r;
	filled(&b, "id_number");
	assert_int_equal(cq_builder_set(&b, "id_number", "410102198503120000", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
	assert_string_equal(e.field, "id_number");
	assert_non_null(strstr(e.msg, "ends in 000"));
	/* an ID ending in 000 that passes its check is an ID like any other */
	assert_int_equal(cq_idnum_validate("110105194912010000", NULL), 0);
	filled(&b, "id_number");
	assert_int_equal(cq_builder_set(&b, "id_number", "110105194912010000", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), 0);
}

/* docs/issuing.md, reduction: the JSON names and the Chinese spellings. */
static void reductions(void **state)
{
	(void)state;
	static const struct { const char *v; int red; } ok[] = {
		{"none", CQ_RED_NONE}, {"abroad", CQ_RED_ABROAD}, {"sick_leave", CQ_RED_SICK},
		{"maternity", CQ_RED_MATERNITY}, {"other", CQ_RED_OTHER}, {"aid", CQ_RED_AID},
		{"无", CQ_RED_NONE}, {"境外", CQ_RED_ABROAD}, {"境外工作", CQ_RED_ABROAD}, {"境外工作超过6个月", CQ_RED_ABROAD},
		{"病假", CQ_RED_SICK}, {"病假超过6个月", CQ_RED_SICK}, {"生育", CQ_RED_MATERNITY}, {"产假", CQ_RED_MATERNITY},
		{"其他", CQ_RED_OTHER}, {"经批准的其他情况", CQ_RED_OTHER}, {"援派", CQ_RED_AID}, {"援派工作满一年", CQ_RED_AID},
		{" aid ", CQ_RED_AID},
	};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		cq_builder b;
		cq_err e;
		cq_builder_init(&b);
		b.r.reduction = 99;
		if (cq_builder_set(&b, "reduction", ok[i].v, &e)) fail_msg("%s: %s", ok[i].v, e.msg);
		assert_int_equal(b.r.reduction, ok[i].red);
	}
	refused("reduction", "holiday", "none, abroad, sick_leave, maternity, other or aid");
	refused("reduction", "Aid", "or 无, 境外工作, 病假, 生育, 其他, 援派");
	refused("reduction", "5", "none, abroad");
}

/* An empty cell of an optional column means "not given"; the defaults are
 * revision 1, reduction none, 12 months, no compulsory hours, no total. */
static void empty_optional(void **state)
{
	(void)state;
	cq_builder b;
	cq_err e;
	cq_record r;
	filled(&b, NULL);
	assert_int_equal(cq_builder_set(&b, "revision", "3", &e), 0);
	assert_int_equal(cq_builder_set(&b, "reduction", "abroad", &e), 0);
	assert_int_equal(cq_builder_set(&b, "months_at_post", "6", &e), 0);
	assert_int_equal(cq_builder_set(&b, "hours_compulsory", "10", &e), 0);
	assert_int_equal(cq_builder_set(&b, "hours_total", "1", &e), 0);
	static const char *const opt[] = {"revision", "reduction", "months_at_post", "hours_compulsory", "hours_total"};
	for (int i = 0; i < 5; i++) assert_int_equal(cq_builder_set(&b, opt[i], "  ", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), 0);                  /* the total 1 is forgotten */
	assert_int_equal(r.revision, 1);
	assert_int_equal(r.reduction, CQ_RED_NONE);
	assert_int_equal(r.months_at_post, 12);
	assert_false(r.has_compulsory);
	assert_int_equal(r.hours_compulsory, 0);
}

/* Finishing: the first missing required field (in cq_field_names order),
 * the total, the record rules; the full ID wiped either way. */
static void finish(void **state)
{
	(void)state;
	cq_builder b;
	cq_err e;
	cq_record r;
	static const cq_builder zero_id;
	for (size_t i = 0; i < sizeof all_fields / sizeof *all_fields; i++) {
		filled(&b, all_fields[i][0]);
		assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
		assert_int_equal(e.code, CQ_E_FIELD);
		assert_string_equal(e.field, all_fields[i][0]);
		assert_string_equal(e.msg, "is required");
		assert_memory_equal(b.id, zero_id.id, sizeof b.id);
	}
	cq_builder_init(&b);
	assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
	assert_string_equal(e.field, "name");                               /* the first of all */
	/* the total: checked, not signed */
	filled(&b, NULL);
	assert_int_equal(cq_builder_set(&b, "hours_total", "96", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), 0);
	assert_memory_equal(b.id, zero_id.id, sizeof b.id);
	assert_int_equal(r.hours_public + r.hours_professional, 96);
	filled(&b, NULL);
	assert_int_equal(cq_builder_set(&b, "hours_total", "97", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
	assert_string_equal(e.field, "hours_total");
	assert_string_equal(e.msg, "does not add up: 97 given, but public 32 + professional 64 make 96");
	/* the first vector of docs/format.md §5: id hint and binding set */
	filled(&b, NULL);
	assert_int_equal(cq_builder_finish(&b, &r, &e), 0);
	assert_string_equal(r.name, "张三丰");
	assert_string_equal(r.id_hint, "002X");
	static const uint8_t hash[CQ_ID_HASH_BYTES] = {0x1c, 0x7e, 0x21, 0x77, 0xc1, 0x9f, 0x70, 0x3d};
	assert_memory_equal(r.id_hash, hash, sizeof hash);
	assert_int_equal(cq_date_to_days(r.issued), 20094);
	/* a record rule broken by values each fine alone: compulsory > public */
	filled(&b, NULL);
	assert_int_equal(cq_builder_set(&b, "hours_compulsory", "33", &e), 0);
	assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
	assert_string_equal(e.field, "hours_compulsory");
	assert_memory_equal(b.id, zero_id.id, sizeof b.id);
	/* an ID number of the wrong length is refused at once */
	refused("id_number", "11010519491231002", "18 characters");
}

/* docs/format.md §2.3: a name's compatibility ideographs are replaced
 * before the rules are checked; the 64-byte bound counts the result. */
static void names(void **state)
{
	(void)state;
	cq_builder b;
	cq_err e;
	cq_builder_init(&b);
	assert_int_equal(cq_builder_set(&b, "name", " 张\xef\xa7\xb1 ", &e), 0);
	assert_string_equal(b.r.name, "张\xe9\x9a\xa3");
	/* 16 × U+FA6C (48 bytes) become 16 × U+242EE: 64 bytes, the most */
	char in[80] = "";
	for (int i = 0; i < 16; i++) strcat(in, "\xef\xa9\xac");
	assert_int_equal(cq_builder_set(&b, "name", in, &e), 0);
	assert_int_equal(strlen(b.r.name), 64);
	strcat(in, "\xef\xa9\xac");                                          /* 17: 68 bytes */
	refused("name", in, "once CJK compatibility ideographs are replaced");
	/* 65 bytes as given */
	char big[70];
	memset(big, 'a', 65);
	big[65] = '\0';
	refused("name", big, "longer than 64 bytes");
	/* invalid UTF-8 is kept for the record rules to refuse, by name */
	assert_int_equal(cq_builder_set(&b, "name", "\xe5\xbc", &e), 0);
	filled(&b, "name");
	assert_int_equal(cq_builder_set(&b, "name", "\xe5\xbc", &e), 0);
	cq_record r;
	assert_int_equal(cq_builder_finish(&b, &r, &e), -1);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.msg, "is not valid UTF-8");
}

int main(void)
{
	if (cq_init()) return 1;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(spreadsheet_forms), cmocka_unit_test(headings), cmocka_unit_test(numbers),
		cmocka_unit_test(spreadsheet_marks), cmocka_unit_test(reductions), cmocka_unit_test(empty_optional),
		cmocka_unit_test(finish), cmocka_unit_test(names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
