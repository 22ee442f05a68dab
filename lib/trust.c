/* Trust bundle v1: encoding, strict decoding, lookups. Layout: docs/trust.md. */
#include <stdlib.h>
#include <string.h>
#include "bytes.h"
#include "certqr/layout.h"
#include "certqr/rules.h"
#include "certqr/trust.h"

struct cq_trust {
	uint8_t root_id[CQ_KEY_ID_BYTES];
	uint32_t version;
	cq_date date;
	size_t n_dl, n_ks, n_rev, n_sup;
	cq_delegation *dl;
	cq_key_status *ks;
	char *rules_text;
	cq_rules rules;
	uint8_t *rev;   /* n_rev × CQ_REVOKED_RECORD_BYTES, sorted */
	uint8_t *sup;   /* n_sup × CQ_SUPERSEDED_RECORD_BYTES, sorted */
	size_t n_lay;
	uint8_t (*lay_id)[CQ_KEY_ID_BYTES];   /* sorted */
	cq_layout *lay;                       /* parsed, lay_id's order */
};

#define HEADER_BYTES 23   /* magic 4, format 1, root id 8, version 4, date 2, length 4 */

/* The largest bundle the table limits allow fits under the file cap. */
_Static_assert(HEADER_BYTES + 2 + CQ_TRUST_MAX_DELEGATIONS * (2 + (size_t)CQ_DELEGATION_MAX) + 2 +
               CQ_TRUST_MAX_KEY_STATUS * 12 + 4 + CQ_RULES_TEXT_MAX + 4 +
               CQ_TRUST_MAX_REVOKED * (size_t)CQ_REVOKED_RECORD_BYTES + 4 +
               CQ_TRUST_MAX_SUPERSEDED * (size_t)CQ_SUPERSEDED_RECORD_BYTES +
               2 + CQ_TRUST_MAX_LAYOUTS * (CQ_KEY_ID_BYTES + 2 + (size_t)CQ_LAYOUT_BYTES) + CQ_SIG_BYTES <= CQ_BUNDLE_MAX_BYTES,
               "table limits must fit under the bundle file cap");

static const char *const rev_names[] = {
	"unspecified", "falsified_hours", "issued_in_error", "impersonation", "key_compromise", "withdrawn",
};
static const char *const rev_zh[] = {
	"未说明", "学时造假", "误发", "冒用他人身份", "签发密钥被盗用伪造", "签发机关撤回",
};

const char *cq_revoke_reason_name(unsigned r) { return r < CQ_REV_COUNT_ ? rev_names[r] : "unknown"; }
const char *cq_revoke_reason_name_zh(unsigned r) { return r < CQ_REV_COUNT_ ? rev_zh[r] : "未知"; }

int cq_revoke_reason_parse(const char *s)
{
	for (int i = 0; i < CQ_REV_COUNT_; i++)
		if (!strcmp(s, rev_names[i])) return i;
	return -1;
}

uint64_t cq_number_to_u64(const char *s)
{
	uint64_t v = 0;
	for (int i = 0; i < 13 && s[i] >= '0' && s[i] <= '9'; i++) v = v * 10 + (uint64_t)(s[i] - '0');
	return v;
}

void cq_number_from_u64(uint64_t v, char out[14])
{
	for (int i = 12; i >= 0; i--, v /= 10) out[i] = (char)('0' + v % 10);
	out[13] = '\0';
}

static void put_key(uint8_t *b, const char *number, uint16_t year)
{
	uint64_t v = cq_number_to_u64(number);
	for (int i = 0; i < 6; i++) b[i] = (uint8_t)(v >> (8 * (5 - i)));
	b[6] = (uint8_t)(year >> 8);
	b[7] = (uint8_t)year;
}

/* ---- building ---- */

static int cmp_rev(const void *a, const void *b)
{
	uint8_t ka[9], kb[9];
	const cq_revocation *x = a, *y = b;
	put_key(ka, x->number, x->year); ka[8] = x->revision;
	put_key(kb, y->number, y->year); kb[8] = y->revision;
	return memcmp(ka, kb, 9);
}

static int cmp_sup(const void *a, const void *b)
{
	uint8_t ka[8], kb[8];
	const cq_supersession *x = a, *y = b;
	put_key(ka, x->number, x->year);
	put_key(kb, y->number, y->year);
	return memcmp(ka, kb, 8);
}

static int cmp_lay(const void *a, const void *b)
{
	return memcmp(((const cq_bundle_layout *)a)->key_id, ((const cq_bundle_layout *)b)->key_id, CQ_KEY_ID_BYTES);
}

/* One layout text of a bundle, built or read: bounded, no NUL, parsed
 * strictly, and for a key the bundle delegates. */
static int check_layout(const char *text, size_t len, const uint8_t id[CQ_KEY_ID_BYTES], const cq_delegation *dl,
                        size_t n_dl, cq_layout *out, cq_err *e)
{
	char hex[17];
	cq_key_id_hex(id, hex);
	if (len > CQ_LAYOUT_BYTES) return cq_fail(e, CQ_E_LIMIT, "layouts", "layout of key %s: %zu bytes, at most %d", hex, len, CQ_LAYOUT_BYTES);
	if (memchr(text, '\0', len)) return cq_fail(e, CQ_E_FORMAT, "layouts", "layout of key %s: NUL byte", hex);
	bool known = false;
	for (size_t i = 0; i < n_dl && !known; i++) known = !memcmp(dl[i].issuer.id, id, CQ_KEY_ID_BYTES);
	if (!known) return cq_fail(e, CQ_E_FIELD, "layouts", "layout for key %s, which this bundle does not delegate", hex);
	cq_err le;
	if (cq_layout_parse(text, len, out, &le))
		return cq_fail(e, le.code == CQ_E_LIMIT ? CQ_E_LIMIT : CQ_E_FORMAT, "layouts", "layout of key %s: %s", hex, le.msg);
	return 0;
}

static int cmp_ks(const void *a, const void *b)
{
	return memcmp(((const cq_key_status *)a)->key_id, ((const cq_key_status *)b)->key_id, CQ_KEY_ID_BYTES);
}

static int check_status(const cq_key_status *k, cq_err *e)
{
	if (k->state != CQ_KEY_RETIRED && k->state != CQ_KEY_COMPROMISED)
		return cq_fail(e, CQ_E_FORMAT, "key_status", "key state %u is neither retired (1) nor compromised (2)", k->state);
	if (k->state == CQ_KEY_RETIRED && !k->has_date)
		return cq_fail(e, CQ_E_FORMAT, "key_status", "a retired key needs the date it was retired");
	if (k->has_date && !cq_date_storable(k->date))
		return cq_fail(e, CQ_E_FORMAT, "key_status", "key status date must be a valid date from 1970-01-01 to 2149-06-06");
	return 0;
}

static int check_entry(const char *number, uint16_t year, cq_err *e)
{
	if (cq_number_validate(number, e)) return -1;
	if (year < CQ_YEAR_MIN || year > CQ_YEAR_MAX)
		return cq_fail(e, CQ_E_FIELD, "year", "year %u outside %d..%d", year, CQ_YEAR_MIN, CQ_YEAR_MAX);
	return 0;
}

/* The revocation and supersession tables share their shape: a count, then
 * fixed-size records, each opening with a 6-byte certificate number and a
 * 2-byte year, strictly sorted over their first `key` bytes. */
typedef struct table_kind {
	const char *name, *plural, *table;   /* "revoked", "revocations", "revocation table" */
	unsigned max;
	size_t rec, key;
	int (*check)(const uint8_t *q, size_t i, cq_err *e);   /* the kind's own fields */
} table_kind;

static int check_revoked(const uint8_t *q, size_t i, cq_err *e)
{
	if (q[9] >= CQ_REV_COUNT_) return cq_fail(e, CQ_E_FORMAT, "revoked", "entry %zu: unknown reason %u", i + 1, q[9]);
	return 0;
}

static int check_superseded(const uint8_t *q, size_t i, cq_err *e)
{
	if (q[8] < 2) return cq_fail(e, CQ_E_FORMAT, "superseded", "entry %zu: latest revision below 2", i + 1);
	return 0;
}

static const table_kind revoked_table = {"revoked", "revocations", "revocation table", CQ_TRUST_MAX_REVOKED,
                                         CQ_REVOKED_RECORD_BYTES, 9, check_revoked};
static const table_kind superseded_table = {"superseded", "supersessions", "supersession table",
                                            CQ_TRUST_MAX_SUPERSEDED, CQ_SUPERSEDED_RECORD_BYTES, 8, check_superseded};

/* Reads one table into a copy of its records (*out, *n). 0, or -1 with e. */
static int decode_table(cq_r *r, const table_kind *k, uint8_t **out, size_t *n, cq_err *e)
{
	const uint8_t *p;
	*n = (size_t)r_uint(r, 4);
	if (*n > k->max) return cq_fail(e, CQ_E_LIMIT, k->name, "%zu %s, at most %u", *n, k->plural, k->max);
	if (!(p = r_bytes(r, *n * k->rec))) return cq_fail(e, CQ_E_FORMAT, k->name, "truncated %s", k->table);
	if (*n && !(*out = malloc(*n * k->rec))) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	if (*n) memcpy(*out, p, *n * k->rec);
	for (size_t i = 0; i < *n; i++) {
		const uint8_t *q = *out + i * k->rec;
		char num[14];
		uint64_t v = 0;
		for (int j = 0; j < 6; j++) v = v << 8 | q[j];
		if (v >= 10000000000000ULL) return cq_fail(e, CQ_E_FORMAT, k->name, "entry %zu: bad certificate number", i + 1);
		cq_number_from_u64(v, num);
		cq_err de;
		if (check_entry(num, (uint16_t)(q[6] << 8 | q[7]), &de))
			return cq_fail(e, CQ_E_FORMAT, k->name, "entry %zu: %s", i + 1, de.msg);
		if (k->check(q, i, e)) return -1;
		if (i && memcmp(q - k->rec, q, k->key) >= 0)
			return cq_fail(e, CQ_E_FORMAT, k->name, "%s not strictly sorted at entry %zu", k->table, i + 1);
	}
	return 0;
}

int cq_bundle_encode_body(cq_bundle_spec *s, uint8_t **body, size_t *len, cq_err *e)
{
	*body = NULL;
	if (s->version == 0) return cq_fail(e, CQ_E_FIELD, "version", "bundle version must be at least 1");
	if (!cq_date_storable(s->date))
		return cq_fail(e, CQ_E_FIELD, "date", "bundle date must be a valid date from 1970-01-01 to 2149-06-06");
	if (s->n_delegations > CQ_TRUST_MAX_DELEGATIONS || s->n_statuses > CQ_TRUST_MAX_KEY_STATUS ||
	    s->n_revoked > CQ_TRUST_MAX_REVOKED || s->n_superseded > CQ_TRUST_MAX_SUPERSEDED || s->n_layouts > CQ_TRUST_MAX_LAYOUTS)
		return cq_fail(e, CQ_E_LIMIT, "bundle", "at most %d delegations, %d key statuses, %u revocations, %u supersessions, %d layouts",
		               CQ_TRUST_MAX_DELEGATIONS, CQ_TRUST_MAX_KEY_STATUS, CQ_TRUST_MAX_REVOKED, CQ_TRUST_MAX_SUPERSEDED,
		               CQ_TRUST_MAX_LAYOUTS);
	size_t layout_bytes = 0;
	if (s->n_layouts) {
		cq_layout *scratch = malloc(sizeof *scratch);
		if (!scratch) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
		qsort(s->layouts, s->n_layouts, sizeof *s->layouts, cmp_lay);
		for (size_t i = 0; i < s->n_layouts; i++) {
			const cq_bundle_layout *L = &s->layouts[i];
			int bad = check_layout(L->text, L->len, L->key_id, s->delegations, s->n_delegations, scratch, e);
			if (!bad && i && !cmp_lay(L, L - 1)) {
				char hex[17];
				cq_key_id_hex(L->key_id, hex);
				bad = cq_fail(e, CQ_E_FIELD, "layouts", "two layouts for key %s: one layout per key", hex);
			}
			if (bad) { free(scratch); return -1; }
			layout_bytes += CQ_KEY_ID_BYTES + 2 + L->len;
		}
		free(scratch);
	}
	char *deftext = NULL;
	const char *rules = s->rules_text;
	cq_rules *parsed = malloc(sizeof *parsed);
	if (!parsed) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	if (!rules) {
		deftext = malloc(CQ_RULES_TEXT_MAX);
		if (!deftext) { free(parsed); return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory"); }
		cq_rules_default(parsed);
		if (cq_rules_format(parsed, deftext, CQ_RULES_TEXT_MAX) < 0) {
			free(parsed); free(deftext);
			return cq_fail(e, CQ_E_LIMIT, "rules", "default rules do not fit");
		}
		rules = deftext;
	}
	size_t rl = strlen(rules);
	int bad = rl > CQ_RULES_TEXT_MAX ? cq_fail(e, CQ_E_LIMIT, "rules", "rules text longer than %d bytes", CQ_RULES_TEXT_MAX)
	        : cq_rules_parse(rules, rl, parsed, e);
	free(parsed);
	if (bad) { free(deftext); return -1; }

	cq_key_status *ks = NULL;
	if (s->n_statuses) {
		ks = malloc(s->n_statuses * sizeof *ks);
		if (!ks) { free(deftext); return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory"); }
		memcpy(ks, s->statuses, s->n_statuses * sizeof *ks);
		qsort(ks, s->n_statuses, sizeof *ks, cmp_ks);
	}
	if (s->n_revoked) qsort(s->revoked, s->n_revoked, sizeof *s->revoked, cmp_rev);
	if (s->n_superseded) qsort(s->superseded, s->n_superseded, sizeof *s->superseded, cmp_sup);

	size_t cap = HEADER_BYTES + 2 + s->n_delegations * (2 + CQ_DELEGATION_MAX) + 2 + s->n_statuses * 12 +
	             4 + rl + 4 + s->n_revoked * CQ_REVOKED_RECORD_BYTES + 4 + s->n_superseded * CQ_SUPERSEDED_RECORD_BYTES +
	             2 + layout_bytes;
	uint8_t *out = malloc(cap);
	if (!out) { free(ks); free(deftext); return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory"); }
	cq_w w = { out, cap, 0, false };
	int rc = -1;
	w_bytes(&w, CQ_BUNDLE_MAGIC, 4);
	w_uint(&w, s->n_layouts ? CQ_BUNDLE_FORMAT_LAYOUTS : CQ_BUNDLE_FORMAT, 1);
	w_bytes(&w, s->root_id, CQ_KEY_ID_BYTES);
	w_uint(&w, s->version, 4);
	w_uint(&w, (uint64_t)cq_date_to_days(s->date), 2);
	size_t len_at = w.len;
	w_uint(&w, 0, 4);  /* whole file length, filled in below */
	w_uint(&w, s->n_delegations, 2);
	for (size_t i = 0; i < s->n_delegations; i++) {
		uint8_t blob[CQ_DELEGATION_MAX];
		size_t n;
		const cq_delegation *d = &s->delegations[i];
		if (memcmp(d->root_id, s->root_id, CQ_KEY_ID_BYTES) != 0) {
			cq_fail(e, CQ_E_KEY, "delegation", "delegation %zu (%s) was signed by another root key", i + 1, d->bureau);
			goto out;
		}
		for (size_t j = 0; j < i; j++)
			if (!memcmp(s->delegations[j].issuer.id, d->issuer.id, CQ_KEY_ID_BYTES)) {
				char hex[17];
				cq_key_id_hex(d->issuer.id, hex);
				cq_fail(e, CQ_E_FIELD, "delegations", "delegations %zu (%s) and %zu (%s) are of one key %s: one delegation per key",
				        j + 1, s->delegations[j].bureau, i + 1, d->bureau, hex);
				goto out;
			}
		if (cq_delegation_encode_body(d, blob, sizeof blob - CQ_SIG_BYTES, &n, e)) goto out;
		memcpy(blob + n, d->sig, CQ_SIG_BYTES);
		n += CQ_SIG_BYTES;
		w_uint(&w, n, 2);
		w_bytes(&w, blob, n);
	}
	w_uint(&w, s->n_statuses, 2);
	for (size_t i = 0; i < s->n_statuses; i++) {
		if (check_status(&ks[i], e)) goto out;
		if (i && !memcmp(ks[i].key_id, ks[i - 1].key_id, CQ_KEY_ID_BYTES)) {
			cq_fail(e, CQ_E_FIELD, "key_status", "two statuses for one key");
			goto out;
		}
		w_bytes(&w, ks[i].key_id, CQ_KEY_ID_BYTES);
		w_uint(&w, ks[i].state, 1);
		w_uint(&w, ks[i].has_date, 1);
		w_uint(&w, ks[i].has_date ? (uint64_t)cq_date_to_days(ks[i].date) : 0, 2);
	}
	w_uint(&w, rl, 4);
	w_bytes(&w, rules, rl);
	w_uint(&w, s->n_revoked, 4);
	for (size_t i = 0; i < s->n_revoked; i++) {
		const cq_revocation *r = &s->revoked[i];
		uint8_t rec[CQ_REVOKED_RECORD_BYTES];
		if (check_entry(r->number, r->year, e)) goto out;
		if (r->reason >= CQ_REV_COUNT_) { cq_fail(e, CQ_E_FIELD, "reason", "unknown revocation reason %u", r->reason); goto out; }
		if (i && !cmp_rev(r, r - 1)) {
			cq_fail(e, CQ_E_FIELD, "revoked", "certificate %s year %u revision %u listed twice", r->number, r->year, r->revision);
			goto out;
		}
		put_key(rec, r->number, r->year);
		rec[8] = r->revision;
		rec[9] = r->reason;
		w_bytes(&w, rec, sizeof rec);
	}
	w_uint(&w, s->n_superseded, 4);
	for (size_t i = 0; i < s->n_superseded; i++) {
		const cq_supersession *r = &s->superseded[i];
		uint8_t rec[CQ_SUPERSEDED_RECORD_BYTES];
		if (check_entry(r->number, r->year, e)) goto out;
		if (r->latest < 2) { cq_fail(e, CQ_E_FIELD, "superseded", "latest revision of %s must be at least 2", r->number); goto out; }
		if (i && !cmp_sup(r, r - 1)) {
			cq_fail(e, CQ_E_FIELD, "superseded", "certificate %s year %u listed twice", r->number, r->year);
			goto out;
		}
		put_key(rec, r->number, r->year);
		rec[8] = r->latest;
		w_bytes(&w, rec, sizeof rec);
	}
	if (s->n_layouts) {
		w_uint(&w, s->n_layouts, 2);
		for (size_t i = 0; i < s->n_layouts; i++) {
			w_bytes(&w, s->layouts[i].key_id, CQ_KEY_ID_BYTES);
			w_uint(&w, s->layouts[i].len, 2);
			w_bytes(&w, s->layouts[i].text, s->layouts[i].len);
		}
	}
	if (w.bad) { cq_fail(e, CQ_E_LIMIT, "bundle", "bundle buffer too small"); goto out; }
	if (w.len + CQ_SIG_BYTES > CQ_BUNDLE_MAX_BYTES) {
		cq_fail(e, CQ_E_LIMIT, "bundle", "bundle of %zu bytes exceeds %u", w.len + CQ_SIG_BYTES, CQ_BUNDLE_MAX_BYTES);
		goto out;
	}
	{
		uint64_t total = w.len + CQ_SIG_BYTES;
		for (int i = 0; i < 4; i++) out[len_at + (size_t)i] = (uint8_t)(total >> (8 * (3 - i)));
	}
	*body = out;
	*len = w.len;
	out = NULL;
	rc = 0;
out:
	free(out);
	free(ks);
	free(deftext);
	return rc;
}

/* ---- decoding ---- */

int cq_bundle_peek(const uint8_t *b, size_t n, cq_bundle_header *h, cq_err *e)
{
	memset(h, 0, sizeof *h);
	if (n < 5 || memcmp(b, CQ_BUNDLE_MAGIC, 4) != 0)
		return cq_fail(e, CQ_E_NOT_CERTQR, "magic", "not a certqr trust bundle (no \"CQTB\" magic)");
	h->format = b[4];
	if (b[4] != CQ_BUNDLE_FORMAT && b[4] != CQ_BUNDLE_FORMAT_LAYOUTS)
		return cq_fail(e, CQ_E_VERSION, "format", "trust bundle format %u; this build understands formats %d and %d", b[4],
		               CQ_BUNDLE_FORMAT, CQ_BUNDLE_FORMAT_LAYOUTS);
	if (n < HEADER_BYTES + CQ_SIG_BYTES) return cq_fail(e, CQ_E_FORMAT, "length", "truncated trust bundle (%zu bytes)", n);
	if (n > CQ_BUNDLE_MAX_BYTES) return cq_fail(e, CQ_E_LIMIT, "length", "trust bundle larger than %u bytes", CQ_BUNDLE_MAX_BYTES);
	cq_r r = { b, n, 5, false };
	memcpy(h->root_id, r_bytes(&r, CQ_KEY_ID_BYTES), CQ_KEY_ID_BYTES);
	h->version = (uint32_t)r_uint(&r, 4);
	h->date = cq_date_from_days((int32_t)r_uint(&r, 2));
	uint64_t total = r_uint(&r, 4);
	if (total != n)
		return cq_fail(e, CQ_E_FORMAT, "length", "trust bundle is %zu bytes but its header says %llu: %s", n,
		               (unsigned long long)total, n < total ? "truncated" : "trailing data");
	return 0;
}

const char *cq_bundle_refusal(cq_code code)
{
	switch (code) {
	case CQ_E_NOT_CERTQR: return "not_a_bundle";
	case CQ_E_VERSION: return "unknown_format";
	case CQ_E_KEY: return "foreign_root";
	case CQ_E_SIGNATURE: return "bad_signature";
	default: return "malformed";
	}
}

void cq_trust_free(cq_trust *t)
{
	if (!t) return;
	free(t->dl);
	free(t->ks);
	free(t->rules_text);
	free(t->rev);
	free(t->sup);
	free(t->lay_id);
	free(t->lay);
	free(t);
}

/* The layout table (format 2 only): a count of at least 1, then per key
 * its id, a 2-byte length and the layout text, sorted by key id. */
static int decode_layouts(cq_r *r, cq_trust *t, cq_err *e)
{
	const uint8_t *p;
	t->n_lay = (size_t)r_uint(r, 2);
	if (r->bad) return cq_fail(e, CQ_E_FORMAT, "layouts", "truncated layout table");
	if (t->n_lay == 0) return cq_fail(e, CQ_E_FORMAT, "layouts", "format 2 with an empty layout table (format 1 has none)");
	if (t->n_lay > CQ_TRUST_MAX_LAYOUTS)
		return cq_fail(e, CQ_E_LIMIT, "layouts", "%zu layouts, at most %d", t->n_lay, CQ_TRUST_MAX_LAYOUTS);
	if (!(t->lay_id = calloc(t->n_lay, sizeof *t->lay_id)) || !(t->lay = calloc(t->n_lay, sizeof *t->lay)))
		return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < t->n_lay; i++) {
		if (!(p = r_bytes(r, CQ_KEY_ID_BYTES))) return cq_fail(e, CQ_E_FORMAT, "layouts", "truncated layout table");
		memcpy(t->lay_id[i], p, CQ_KEY_ID_BYTES);
		size_t len = (size_t)r_uint(r, 2);
		if (!(p = r_bytes(r, len))) return cq_fail(e, CQ_E_FORMAT, "layouts", "truncated layout %zu", i + 1);
		if (i && memcmp(t->lay_id[i - 1], t->lay_id[i], CQ_KEY_ID_BYTES) >= 0)
			return cq_fail(e, CQ_E_FORMAT, "layouts", "layout table not strictly sorted by key id at entry %zu", i + 1);
		cq_err le;
		if (check_layout((const char *)p, len, t->lay_id[i], t->dl, t->n_dl, &t->lay[i], &le))
			return cq_fail(e, le.code == CQ_E_LIMIT ? CQ_E_LIMIT : CQ_E_FORMAT, "layouts", "%s", le.msg);
	}
	return 0;
}

static int decode_body(cq_trust *t, const uint8_t *b, size_t n, const cq_pubkey *root, cq_err *e)
{
	cq_r r = { b, n, HEADER_BYTES, false };
	const uint8_t *p;
	t->n_dl = (size_t)r_uint(&r, 2);
	if (t->n_dl > CQ_TRUST_MAX_DELEGATIONS)
		return cq_fail(e, CQ_E_LIMIT, "delegations", "%zu delegations, at most %d", t->n_dl, CQ_TRUST_MAX_DELEGATIONS);
	if (t->n_dl && !(t->dl = calloc(t->n_dl, sizeof *t->dl))) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < t->n_dl; i++) {
		size_t dl = (size_t)r_uint(&r, 2);
		cq_err de;
		if (!(p = r_bytes(&r, dl))) return cq_fail(e, CQ_E_FORMAT, "delegations", "truncated delegation %zu", i + 1);
		/* A delegation the root signed into a bundle but that fails its own
		 * checks is a malformed bundle, whatever the inner error was. */
		if (cq_delegation_decode(p, dl, &t->dl[i], &de) || cq_delegation_verify(&t->dl[i], root, &de))
			return cq_fail(e, CQ_E_FORMAT, "delegations", "delegation %zu: %s%s%s", i + 1, de.field, de.field[0] ? ": " : "",
			               de.msg);
		/* One key, one delegation: verdicts select the delegation by key id,
		 * and a second, narrower delegation would not narrow the key. */
		for (size_t j = 0; j < i; j++)
			if (!memcmp(t->dl[j].issuer.id, t->dl[i].issuer.id, CQ_KEY_ID_BYTES))
				return cq_fail(e, CQ_E_FORMAT, "delegations", "delegations %zu and %zu are of one key: one delegation per key",
				               j + 1, i + 1);
	}
	t->n_ks = (size_t)r_uint(&r, 2);
	if (t->n_ks > CQ_TRUST_MAX_KEY_STATUS)
		return cq_fail(e, CQ_E_LIMIT, "key_status", "%zu key statuses, at most %d", t->n_ks, CQ_TRUST_MAX_KEY_STATUS);
	if (t->n_ks && !(t->ks = calloc(t->n_ks, sizeof *t->ks))) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	for (size_t i = 0; i < t->n_ks; i++) {
		cq_key_status *k = &t->ks[i];
		if (!(p = r_bytes(&r, CQ_KEY_ID_BYTES))) return cq_fail(e, CQ_E_FORMAT, "key_status", "truncated key status table");
		memcpy(k->key_id, p, CQ_KEY_ID_BYTES);
		k->state = (uint8_t)r_uint(&r, 1);
		unsigned hd = (unsigned)r_uint(&r, 1);
		uint64_t days = r_uint(&r, 2);
		if (hd > 1 || (!hd && days)) return cq_fail(e, CQ_E_FORMAT, "key_status", "key status %zu: bad date flag", i + 1);
		k->has_date = hd;
		if (hd) k->date = cq_date_from_days((int32_t)days);
		if (check_status(k, e)) return -1;
		if (i && memcmp(t->ks[i - 1].key_id, k->key_id, CQ_KEY_ID_BYTES) >= 0)
			return cq_fail(e, CQ_E_FORMAT, "key_status", "key status table not strictly sorted by key id");
	}
	size_t rl = (size_t)r_uint(&r, 4);
	if (rl > CQ_RULES_TEXT_MAX) return cq_fail(e, CQ_E_LIMIT, "rules", "rules text longer than %d bytes", CQ_RULES_TEXT_MAX);
	if (!(p = r_bytes(&r, rl))) return cq_fail(e, CQ_E_FORMAT, "rules", "truncated rules text");
	if (!(t->rules_text = malloc(rl + 1))) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	memcpy(t->rules_text, p, rl);
	t->rules_text[rl] = '\0';
	if (memchr(t->rules_text, '\0', rl)) return cq_fail(e, CQ_E_FORMAT, "rules", "NUL byte in rules text");
	if (cq_rules_parse(t->rules_text, rl, &t->rules, e)) return -1;

	if (decode_table(&r, &revoked_table, &t->rev, &t->n_rev, e)) return -1;
	if (decode_table(&r, &superseded_table, &t->sup, &t->n_sup, e)) return -1;
	if (b[4] == CQ_BUNDLE_FORMAT_LAYOUTS && decode_layouts(&r, t, e)) return -1;
	if (r.bad) return cq_fail(e, CQ_E_FORMAT, "length", "truncated trust bundle");
	if (r.off != n) return cq_fail(e, CQ_E_FORMAT, "length", "%zu unexpected bytes before the signature", n - r.off);
	return 0;
}

int cq_trust_decode(const uint8_t *b, size_t n, const cq_pubkey *root, cq_trust **out, cq_err *e)
{
	cq_bundle_header h;
	*out = NULL;
	if (cq_bundle_peek(b, n, &h, e)) return -1;
	if (root->role != CQ_ROLE_ROOT)
		return cq_fail(e, CQ_E_KEY, "root", "bundles are verified with a root key, not %s", cq_role_phrase(root->role));
	if (memcmp(h.root_id, root->id, CQ_KEY_ID_BYTES) != 0) {
		char got[17], want[17];
		cq_key_id_hex(h.root_id, got);
		cq_key_id_hex(root->id, want);
		return cq_fail(e, CQ_E_KEY, "root", "bundle signed by a foreign root (key id %s; the trusted root is %s)", got, want);
	}
	size_t body = n - CQ_SIG_BYTES;
	if (cq_verify_detached(root->pk, CQ_CTX_BUNDLE, b, body, b + body) != 0)
		return cq_fail(e, CQ_E_SIGNATURE, "signature", "root signature on the trust bundle does not verify");
	if (h.version == 0) return cq_fail(e, CQ_E_FORMAT, "version", "bundle version 0 is not allowed");
	/* Every 2-byte day count is a storable date: nothing to check for h.date. */
	cq_trust *t = calloc(1, sizeof *t);
	if (!t) return cq_fail(e, CQ_E_NOMEM, NULL, "out of memory");
	memcpy(t->root_id, h.root_id, CQ_KEY_ID_BYTES);
	t->version = h.version;
	t->date = h.date;
	if (decode_body(t, b, body, root, e)) {
		/* A validly signed but ill-formed bundle is a builder bug:
		 * CQ_E_FORMAT or CQ_E_LIMIT, e->field naming the part. */
		cq_trust_free(t);
		return -1;
	}
	*out = t;
	return 0;
}

/* ---- lookups ---- */

uint32_t cq_trust_version(const cq_trust *t) { return t->version; }
cq_date cq_trust_date(const cq_trust *t) { return t->date; }
const uint8_t *cq_trust_root_id(const cq_trust *t) { return t->root_id; }
size_t cq_trust_delegation_count(const cq_trust *t) { return t->n_dl; }
const cq_delegation *cq_trust_delegation(const cq_trust *t, size_t i) { return i < t->n_dl ? &t->dl[i] : NULL; }
size_t cq_trust_revoked_count(const cq_trust *t) { return t->n_rev; }
size_t cq_trust_superseded_count(const cq_trust *t) { return t->n_sup; }
const char *cq_trust_rules_text(const cq_trust *t) { return t->rules_text; }
const struct cq_rules *cq_trust_rules(const cq_trust *t) { return &t->rules; }

const cq_delegation *cq_trust_find_delegation(const cq_trust *t, const uint8_t id[CQ_KEY_ID_BYTES])
{
	for (size_t i = 0; i < t->n_dl; i++)
		if (!memcmp(t->dl[i].issuer.id, id, CQ_KEY_ID_BYTES)) return &t->dl[i];
	return NULL;
}

size_t cq_trust_layout_count(const cq_trust *t) { return t->n_lay; }

const cq_layout *cq_trust_layout(const cq_trust *t, const uint8_t id[CQ_KEY_ID_BYTES])
{
	if (!t) return NULL;
	size_t lo = 0, hi = t->n_lay;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(t->lay_id[mid], id, CQ_KEY_ID_BYTES);
		if (c == 0) return &t->lay[mid];
		if (c < 0) lo = mid + 1; else hi = mid;
	}
	return NULL;
}

const cq_key_status *cq_trust_key_status(const cq_trust *t, const uint8_t id[CQ_KEY_ID_BYTES])
{
	size_t lo = 0, hi = t->n_ks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = memcmp(t->ks[mid].key_id, id, CQ_KEY_ID_BYTES);
		if (c == 0) return &t->ks[mid];
		if (c < 0) lo = mid + 1; else hi = mid;
	}
	return NULL;
}

/* First record whose first `kl` bytes are >= key; returns its index. */
static size_t lower_bound(const uint8_t *tab, size_t n, size_t rec, const uint8_t *key, size_t kl)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (memcmp(tab + mid * rec, key, kl) < 0) lo = mid + 1; else hi = mid;
	}
	return lo;
}

bool cq_trust_is_revoked(const cq_trust *t, const char *number, uint16_t year, uint8_t revision,
                         cq_revocation *found)
{
	uint8_t key[9];
	put_key(key, number, year);
	/* Entries for (number, year) are contiguous, revision 0 first. */
	size_t i = lower_bound(t->rev, t->n_rev, CQ_REVOKED_RECORD_BYTES, key, 8);
	for (; i < t->n_rev; i++) {
		const uint8_t *q = t->rev + i * CQ_REVOKED_RECORD_BYTES;
		if (memcmp(q, key, 8) != 0 || q[8] > revision) break;
		if (q[8] == 0 || q[8] == revision) {
			if (found) {
				memcpy(found->number, number, 13);
				found->number[13] = '\0';
				found->year = year;
				found->revision = q[8];
				found->reason = q[9];
			}
			return true;
		}
	}
	return false;
}

uint8_t cq_trust_latest_revision(const cq_trust *t, const char *number, uint16_t year)
{
	uint8_t key[8];
	put_key(key, number, year);
	size_t i = lower_bound(t->sup, t->n_sup, CQ_SUPERSEDED_RECORD_BYTES, key, 8);
	if (i < t->n_sup && !memcmp(t->sup + i * CQ_SUPERSEDED_RECORD_BYTES, key, 8))
		return t->sup[i * CQ_SUPERSEDED_RECORD_BYTES + 8];
	return 0;
}
