#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/fields.h"

enum { F_NAME, F_ID, F_NUMBER, F_YEAR, F_REVISION, F_PUB, F_PROF, F_COMP, F_RED, F_MONTHS, F_REGION, F_ISSUED, F_COUNT };

const char *const cq_field_names[] = {
	"name", "id_number", "number", "year", "revision", "hours_public", "hours_professional",
	"hours_compulsory", "reduction", "months_at_post", "issuer_region", "issued", NULL,
};

static const unsigned required = 1u << F_NAME | 1u << F_ID | 1u << F_NUMBER | 1u << F_YEAR |
                                 1u << F_PUB | 1u << F_PROF | 1u << F_REGION | 1u << F_ISSUED;

void cq_builder_init(cq_builder *b)
{
	memset(b, 0, sizeof *b);
	b->r.revision = 1;
	b->r.months_at_post = 12;
	b->r.reduction = CQ_RED_NONE;
}

/* Strict unsigned decimal: digits only, no sign, no leading zeros beyond "0". */
static int parse_uint(const char *s, size_t n, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;
	if (n == 0 || n > 9 || (n > 1 && s[0] == '0')) return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9') return -1;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	if (v > max) return -1;
	*out = v;
	return 0;
}

int cq_builder_set(cq_builder *b, const char *field, const char *value, cq_err *e)
{
	int f;
	for (f = 0; f < F_COUNT; f++)
		if (!strcmp(field, cq_field_names[f])) break;
	if (f == F_COUNT) return cq_fail(e, CQ_E_FORMAT, field, "unknown field");
	while (*value == ' ') value++;
	size_t n = strlen(value);
	while (n && value[n - 1] == ' ') n--;
	char v[CQ_NAME_MAX_BYTES + 2];
	if (n >= sizeof v) return cq_fail(e, CQ_E_FIELD, field, "value longer than %zu bytes", sizeof v - 1);
	memcpy(v, value, n);
	v[n] = '\0';
	unsigned long u = 0;
	cq_record *r = &b->r;
	/* Optional fields given empty (a blank CSV cell) count as absent. */
	if (n == 0 && (f == F_COMP || f == F_RED || f == F_MONTHS || f == F_REVISION)) {
		if (f == F_COMP) { r->hours_compulsory = 0; r->has_compulsory = false; }
		if (f == F_MONTHS) r->months_at_post = 12;
		if (f == F_REVISION) r->revision = 1;
		if (f == F_RED) r->reduction = CQ_RED_NONE;
		return 0;
	}
	switch (f) {
	case F_NAME:
		if (n > CQ_NAME_MAX_BYTES) return cq_fail(e, CQ_E_FIELD, field, "longer than %d bytes of UTF-8", CQ_NAME_MAX_BYTES);
		memcpy(r->name, v, n + 1);
		break;
	case F_ID:
		if (n != CQ_ID_LEN) return cq_fail(e, CQ_E_FIELD, field, "must be 18 characters (GB 11643)");
		memcpy(b->id, v, n + 1);
		break;
	case F_NUMBER:
		if (cq_number_validate(v, e)) return -1;
		memcpy(r->number, v, n + 1);
		break;
	case F_YEAR:
		if (parse_uint(v, n, CQ_YEAR_MAX, &u) || u < CQ_YEAR_MIN)
			return cq_fail(e, CQ_E_FIELD, field, "must be a year %d..%d", CQ_YEAR_MIN, CQ_YEAR_MAX);
		r->year = (uint16_t)u;
		break;
	case F_REVISION:
		if (parse_uint(v, n, 255, &u) || u < 1) return cq_fail(e, CQ_E_FIELD, field, "must be 1..255");
		r->revision = (uint8_t)u;
		break;
	case F_PUB: case F_PROF: case F_COMP:
		if (parse_uint(v, n, CQ_HOURS_MAX, &u))
			return cq_fail(e, CQ_E_FIELD, field, "must be whole hours 0..%d", CQ_HOURS_MAX);
		if (f == F_PUB) r->hours_public = (uint16_t)u;
		else if (f == F_PROF) r->hours_professional = (uint16_t)u;
		else { r->hours_compulsory = (uint16_t)u; r->has_compulsory = true; }
		break;
	case F_RED: {
		int red = n ? cq_reduction_parse(v) : CQ_RED_NONE;
		if (red < 0) return cq_fail(e, CQ_E_FIELD, field, "must be none, abroad, sick_leave, maternity, other or aid");
		r->reduction = (uint8_t)red;
		break;
	}
	case F_MONTHS:
		if (parse_uint(v, n, 12, &u)) return cq_fail(e, CQ_E_FIELD, field, "must be 0..12");
		r->months_at_post = (uint8_t)u;
		break;
	case F_REGION:
		if (n != 6 || parse_uint(v, n, 419999, &u) || u < 410000)
			return cq_fail(e, CQ_E_FIELD, field, "must be a six-digit Henan division code 41xxxx");
		r->issuer_region = (uint32_t)u;
		break;
	case F_ISSUED:
		if (cq_date_parse(v, &r->issued)) return cq_fail(e, CQ_E_FIELD, field, "must be a date YYYY-MM-DD");
		break;
	}
	b->have |= 1u << f;
	return 0;
}

int cq_builder_finish(cq_builder *b, cq_record *out, cq_err *e)
{
	int rc = -1;
	unsigned missing = required & ~b->have;
	if (missing) {
		for (int f = 0; f < F_COUNT; f++)
			if (missing & 1u << f) { cq_fail(e, CQ_E_FIELD, cq_field_names[f], "is required"); break; }
	} else if (cq_record_bind_id(&b->r, b->id, e) == 0 && cq_record_validate(&b->r, e) == 0) {
		*out = b->r;
		rc = 0;
	}
	sodium_memzero(b->id, sizeof b->id);
	return rc;
}
