#include <sodium.h>
#include <string.h>
#include "certqr/cjkcompat.h"
#include "certqr/record.h"
#include "certqr/utf8.h"

static int is_han(uint32_t c)
{
	return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
	       (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FA1F) ||
	       (c >= 0x30000 && c <= 0x3134F);
}

static int is_latin(uint32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

/* Han names, minority names joined by U+00B7 (·), and Latin-letter names
 * with single spaces. One spelling per name keeps the encoding canonical:
 * no CJK compatibility ideograph (certqr/cjkcompat.h), so a signed name is
 * in Unicode NFC. */
static int validate_name(const char *name, cq_err *e)
{
	size_t n = strnlen(name, CQ_NAME_MAX_BYTES + 1);
	if (n == 0) return cq_fail(e, CQ_E_FIELD, "name", "must not be empty");
	if (n > CQ_NAME_MAX_BYTES)
		return cq_fail(e, CQ_E_FIELD, "name", "longer than %d bytes of UTF-8", CQ_NAME_MAX_BYTES);
	long chars = cq_utf8_count(name, n);
	if (chars < 0) return cq_fail(e, CQ_E_FIELD, "name", "is not valid UTF-8");
	if (chars > CQ_NAME_MAX_CHARS)
		return cq_fail(e, CQ_E_FIELD, "name", "longer than %d characters", CQ_NAME_MAX_CHARS);
	uint32_t prev = 0;
	for (size_t i = 0; i < n;) {
		uint32_t c;
		int l = cq_utf8_next((const unsigned char *)name + i, n - i, &c);
		int sep = c == 0xB7 || c == ' ';
		if (!is_han(c) && !is_latin(c) && !sep) {
			if (c == 0x2022 || c == 0x30FB || c == 0xFF0E || c == 0x2027 || c == '.')
				return cq_fail(e, CQ_E_FIELD, "name", "the separator dot must be U+00B7 (·)");
			/* the character itself too, when it is safe to show */
			if (cq_utf8_printable(name + i, (size_t)l))
				return cq_fail(e, CQ_E_FIELD, "name",
				               "character U+%04X (%.*s) is not a Han character, Latin letter, · or space",
				               (unsigned)c, l, name + i);
			return cq_fail(e, CQ_E_FIELD, "name",
			               "character U+%04X is not a Han character, Latin letter, · or space",
			               (unsigned)c);
		}
		uint32_t unified = cq_cjk_compat_unified(c);
		if (unified)
			return cq_fail(e, CQ_E_FIELD, "name",
			               "U+%04X is a CJK compatibility ideograph: a signed name uses its unified form U+%04X (NFC)",
			               (unsigned)c, (unsigned)unified);
		if (sep && (i == 0 || i + (size_t)l == n || prev == 0xB7 || prev == ' '))
			return cq_fail(e, CQ_E_FIELD, "name", "· and space only between two name parts");
		/* A space joins Latin-letter parts only: a letter on each side. */
		if (c == ' ' && (!is_latin(prev) || !is_latin((unsigned char)name[i + 1])))
			return cq_fail(e, CQ_E_FIELD, "name", "space only between Latin-letter name parts");
		prev = c;
		i += (size_t)l;
	}
	return 0;
}

int cq_number_validate(const char *s, cq_err *e)
{
	if (!s || strlen(s) != CQ_NUMBER_LEN)
		return cq_fail(e, CQ_E_FIELD, "number", "certificate number must be 13 digits");
	for (int i = 0; i < CQ_NUMBER_LEN; i++)
		if (s[i] < '0' || s[i] > '9')
			return cq_fail(e, CQ_E_FIELD, "number", "certificate number must be 13 digits");
	if (s[0] != '4' || s[1] != '1')
		return cq_fail(e, CQ_E_FIELD, "number", "digits 1-2 must be 41 (Henan)");
	if (strcmp(s + 6, "0000000") == 0)
		return cq_fail(e, CQ_E_FIELD, "number", "digits 7-13 (registration sequence) must not be all zero");
	return 0;
}

static int validate_hint(const char *h, cq_err *e)
{
	if (strlen(h) != CQ_ID_HINT_LEN) goto bad;
	for (int i = 0; i < 3; i++)
		if (h[i] < '0' || h[i] > '9') goto bad;
	if (!((h[3] >= '0' && h[3] <= '9') || h[3] == 'X')) goto bad;
	return 0;
bad:
	return cq_fail(e, CQ_E_FIELD, "id_hint", "must be the ID number's last four characters (3 digits, then 0-9 or X)");
}

int cq_record_validate(const cq_record *r, cq_err *e)
{
	if (validate_name(r->name, e)) return -1;
	if (validate_hint(r->id_hint, e)) return -1;
	if (cq_number_validate(r->number, e)) return -1;
	if (r->year < CQ_YEAR_MIN || r->year > CQ_YEAR_MAX)
		return cq_fail(e, CQ_E_FIELD, "year", "must be %d..%d", CQ_YEAR_MIN, CQ_YEAR_MAX);
	if (r->revision < 1)
		return cq_fail(e, CQ_E_FIELD, "revision", "must be 1 for a first issue, higher for a corrected one");
	if (r->hours_public > CQ_HOURS_MAX)
		return cq_fail(e, CQ_E_FIELD, "hours_public", "must be 0..%d", CQ_HOURS_MAX);
	if (r->hours_professional > CQ_HOURS_MAX)
		return cq_fail(e, CQ_E_FIELD, "hours_professional", "must be 0..%d", CQ_HOURS_MAX);
	if (!r->has_compulsory && r->hours_compulsory)
		return cq_fail(e, CQ_E_FIELD, "hours_compulsory", "is set but marked as not recorded");
	if (r->hours_compulsory > r->hours_public)
		return cq_fail(e, CQ_E_FIELD, "hours_compulsory", "compulsory hours are part of public hours and cannot exceed them");
	switch (r->reduction) {
	case CQ_RED_NONE:
	case CQ_RED_AID:
		if (r->months_at_post != 12)
			return cq_fail(e, CQ_E_FIELD, "months_at_post", "must be 12 unless an art. 8 reduction applies");
		break;
	case CQ_RED_ABROAD:
	case CQ_RED_SICK:
		if (r->months_at_post > 6)
			return cq_fail(e, CQ_E_FIELD, "months_at_post", "art. 8: abroad or sick leave over six months leaves at most 6 months at post");
		break;
	case CQ_RED_MATERNITY:
	case CQ_RED_OTHER:
		if (r->months_at_post > 11)
			return cq_fail(e, CQ_E_FIELD, "months_at_post", "a reduction needs fewer than 12 months at post");
		break;
	default:
		return cq_fail(e, CQ_E_FIELD, "reduction", "unknown reduction reason %u", r->reduction);
	}
	if (r->issuer_region < 410000 || r->issuer_region > 419999)
		return cq_fail(e, CQ_E_FIELD, "issuer_region", "must be a six-digit Henan division code 41xxxx");
	if (!cq_date_valid(r->issued))
		return cq_fail(e, CQ_E_FIELD, "issued", "is not a valid date");
	if (r->issued.y < r->year)
		return cq_fail(e, CQ_E_FIELD, "issued", "a certificate cannot be issued before its year begins");
	if (r->issued.y > r->year + 10)
		return cq_fail(e, CQ_E_FIELD, "issued", "more than ten years after the certificate year");
	return 0;
}

int cq_record_bind_id(cq_record *r, const char *id, cq_err *e)
{
	if (cq_idnum_validate(id, e)) return -1;
	if (cq_number_validate(r->number, e)) return -1;
	memcpy(r->id_hint, id + 14, 4);
	if (r->id_hint[3] == 'x') r->id_hint[3] = 'X';
	r->id_hint[4] = '\0';
	return cq_idnum_hash(id, r->number, r->id_hash);
}

bool cq_record_id_matches(const cq_record *r, const char *id)
{
	uint8_t h[CQ_ID_HASH_BYTES];
	if (cq_idnum_validate(id, NULL) || cq_idnum_hash(id, r->number, h)) return false;
	return sodium_memcmp(h, r->id_hash, sizeof h) == 0;
}

static const char *const red_names[] = {"none", "abroad", "sick_leave", "maternity", "other", "aid"};
static const char *const red_zh[] = {"无", "境外工作超过6个月", "病假超过6个月", "生育", "经批准的其他情况", "援派工作满一年"};

const char *cq_reduction_name(unsigned r) { return r < CQ_RED_COUNT_ ? red_names[r] : "?"; }
const char *cq_reduction_name_zh(unsigned r) { return r < CQ_RED_COUNT_ ? red_zh[r] : "?"; }

int cq_reduction_parse(const char *s)
{
	for (int i = 0; i < CQ_RED_COUNT_; i++)
		if (strcmp(s, red_names[i]) == 0) return i;
	return -1;
}
