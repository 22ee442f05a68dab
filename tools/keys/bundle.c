/* certqr-keys bundle: build and sign a trust bundle from a bundle spec
 * (docs/trust.md, "Bundle spec"); check-bundle: verify and describe one. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/grow.h"
#include "certqr/layout.h"
#include "certqr/rules.h"
#include "certqr/trust.h"
#include "certqr/textline.h"
#include "keys.h"

#define SPEC_MAX        (1u << 20)
#define LIST_MAX        (64u << 20)   /* revocation list files */
#define RULES_FILE_MAX  CQ_RULES_TEXT_MAX

typedef struct spec {
	const char *dir;          /* the spec file's directory, for relative paths */
	uint32_t version;
	bool have_version, have_date;
	cq_date date;
	cq_delegation *dl; size_t n_dl;
	cq_key_status *ks; size_t n_ks;
	cq_revocation *rev; size_t n_rev, cap_rev;
	cq_supersession *sup; size_t n_sup, cap_sup;
	char *rules;
	cq_bundle_layout *lay; size_t n_lay;   /* texts malloc'd */
} spec;

static void spec_free(spec *s)
{
	free(s->dl); free(s->ks); free(s->rev); free(s->sup); free(s->rules);
	for (size_t i = 0; i < s->n_lay; i++) free((char *)s->lay[i].text);
	free(s->lay);
}

static char *resolve(const spec *s, const char *p)
{
	size_t n = strlen(s->dir) + strlen(p) + 2;
	char *out = malloc(n);
	if (!out) return NULL;
	if (p[0] == '/' || !*s->dir) snprintf(out, n, "%s", p);
	else snprintf(out, n, "%s/%s", s->dir, p);
	return out;
}

static int read_rel(const spec *s, const char *p, size_t max, char **buf, size_t *n)
{
	char why[256], *path = resolve(s, p);
	if (!path) { cq_warn("out of memory"); return -1; }
	int rc = cq_read_file(path, max, buf, n, why);
	if (rc) cq_warn("%s", why);
	free(path);
	return rc;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *out)
{
	char *end;
	if (!*s || !isdigit((unsigned char)*s) || strlen(s) > 10) return -1;
	unsigned long v = strtoul(s, &end, 10);
	if (*end || v > max) return -1;
	*out = v;
	return 0;
}

/* A key reference: 16 hex digits, or a .pub or .dl file. */
static int key_ref(const spec *s, const char *ref, uint8_t id[CQ_KEY_ID_BYTES])
{
	if (strlen(ref) == 16 && cq_key_id_parse(ref, id) == 0) return 0;
	char *buf;
	size_t n;
	cq_err e;
	cq_pubkey k;
	cq_delegation d;
	if (read_rel(s, ref, CQ_ARMOR_MAX_TEXT, &buf, &n)) return -1;
	int rc = 0;
	if (cq_pubkey_decode_text(buf, n, &k, &e) == 0) memcpy(id, k.id, CQ_KEY_ID_BYTES);
	else if (cq_delegation_decode_text(buf, n, &d, &e) == 0) memcpy(id, d.issuer.id, CQ_KEY_ID_BYTES);
	else { cq_warn("%s: not a key id, public key or delegation: %s", ref, e.msg); rc = -1; }
	free(buf);
	return rc;
}

/* v (*cap elements of size bytes) grown: twice the room, 1024 at first.
 * The new array, *cap updated; NULL after a message (v is kept). */
static void *grown(void *v, size_t *cap, size_t size)
{
	void *p = cq_grown(v, cap, size, 1024);
	if (!p) cq_warn("out of memory");
	return p;
}

static int add_revocation(spec *s, char **f, int k, const char *where)
{
	unsigned long year, rev = 0;
	cq_err e;
	if (k != 4) { cq_warn("%s: revocation needs NUMBER YEAR REVISION|* REASON", where); return -1; }
	if (cq_number_validate(f[0], &e)) { cq_warn("%s: %s", where, e.msg); return -1; }
	if (parse_uint(f[1], CQ_YEAR_MAX, &year) || year < CQ_YEAR_MIN) { cq_warn("%s: bad year '%s'", where, f[1]); return -1; }
	if (strcmp(f[2], "*") && (parse_uint(f[2], 255, &rev) || rev == 0)) {
		cq_warn("%s: revision must be 1..255 or * (every revision)", where);
		return -1;
	}
	int reason = cq_revoke_reason_parse(f[3]);
	if (reason < 0) {
		cq_warn("%s: unknown reason '%s' (unspecified, falsified_hours, issued_in_error, impersonation, "
		        "key_compromise, withdrawn)", where, f[3]);
		return -1;
	}
	if (s->n_rev == CQ_TRUST_MAX_REVOKED) { cq_warn("%s: more than %u revocations", where, CQ_TRUST_MAX_REVOKED); return -1; }
	if (s->n_rev == s->cap_rev) {
		cq_revocation *p = grown(s->rev, &s->cap_rev, sizeof *p);
		if (!p) return -1;
		s->rev = p;
	}
	cq_revocation *r = &s->rev[s->n_rev++];
	memcpy(r->number, f[0], 14);
	r->year = (uint16_t)year;
	r->revision = (uint8_t)rev;
	r->reason = (uint8_t)reason;
	return 0;
}

static int add_supersession(spec *s, char **f, int k, const char *where)
{
	unsigned long year, latest;
	cq_err e;
	if (k != 3) { cq_warn("%s: supersession needs NUMBER YEAR LATEST-REVISION", where); return -1; }
	if (cq_number_validate(f[0], &e)) { cq_warn("%s: %s", where, e.msg); return -1; }
	if (parse_uint(f[1], CQ_YEAR_MAX, &year) || year < CQ_YEAR_MIN) { cq_warn("%s: bad year '%s'", where, f[1]); return -1; }
	if (parse_uint(f[2], 255, &latest) || latest < 2) { cq_warn("%s: latest revision must be 2..255", where); return -1; }
	if (s->n_sup == CQ_TRUST_MAX_SUPERSEDED) { cq_warn("%s: too many supersessions", where); return -1; }
	if (s->n_sup == s->cap_sup) {
		cq_supersession *p = grown(s->sup, &s->cap_sup, sizeof *p);
		if (!p) return -1;
		s->sup = p;
	}
	cq_supersession *r = &s->sup[s->n_sup++];
	memcpy(r->number, f[0], 14);
	r->year = (uint16_t)year;
	r->latest = (uint8_t)latest;
	return 0;
}

/* Calls fn for every non-blank, non-comment line of text. */
static int each_line(spec *s, char *text, size_t n, const char *name,
                     int (*fn)(spec *, char **, int, const char *))
{
	cq_lines it;
	cq_err e;
	char line[CQ_LINE_MAX];
	int got;
	cq_lines_init(&it, text, n);
	while ((got = cq_lines_next(&it, line, sizeof line, name, &e)) > 0) {
		char *f[8], where[300];
		int k = cq_split_fields(line, f, 8);
		if (k == 0) continue;
		snprintf(where, sizeof where, "%s:%zu", name, it.lineno);
		if (fn(s, f, k, where)) return -1;
	}
	if (got < 0) {
		cq_warn("%s: %s", name, e.msg);
		return -1;
	}
	return 0;
}

static int load_list(spec *s, const char *file, int (*fn)(spec *, char **, int, const char *))
{
	char *buf;
	size_t n;
	if (read_rel(s, file, LIST_MAX, &buf, &n)) return -1;
	int rc = each_line(s, buf, n, file, fn);
	free(buf);
	return rc;
}

static int spec_line(spec *s, char **f, int k, const char *where)
{
	const char *kw = f[0];
	unsigned long v;
	if (!strcmp(kw, "version")) {
		if (k != 2 || s->have_version || parse_uint(f[1], 0xFFFFFFFFul, &v) || v == 0) {
			cq_warn("%s: one 'version N' with N >= 1", where);
			return -1;
		}
		s->version = (uint32_t)v;
		s->have_version = true;
	} else if (!strcmp(kw, "date")) {
		if (k != 2 || s->have_date || cq_date_parse(f[1], &s->date)) { cq_warn("%s: one 'date YYYY-MM-DD'", where); return -1; }
		s->have_date = true;
	} else if (!strcmp(kw, "delegation")) {
		char *buf;
		size_t n;
		cq_err e;
		if (k != 2) { cq_warn("%s: 'delegation FILE.dl'", where); return -1; }
		if (s->n_dl == CQ_TRUST_MAX_DELEGATIONS) { cq_warn("%s: too many delegations", where); return -1; }
		if (read_rel(s, f[1], CQ_ARMOR_MAX_TEXT, &buf, &n)) return -1;
		cq_delegation *p = realloc(s->dl, (s->n_dl + 1) * sizeof *p);
		if (!p) { free(buf); cq_warn("out of memory"); return -1; }
		s->dl = p;
		int rc = cq_delegation_decode_text(buf, n, &s->dl[s->n_dl], &e);
		free(buf);
		if (rc) { cq_warn("%s: %s: %s", where, f[1], e.msg); return -1; }
		s->n_dl++;
	} else if (!strcmp(kw, "retired") || !strcmp(kw, "compromised")) {
		bool retired = kw[0] == 'r';
		if (k != 3 && !(k == 2 && !retired)) {
			cq_warn("%s: '%s KEY%s'", where, kw, retired ? " YYYY-MM-DD" : " [YYYY-MM-DD]");
			return -1;
		}
		if (s->n_ks == CQ_TRUST_MAX_KEY_STATUS) { cq_warn("%s: too many key statuses", where); return -1; }
		cq_key_status *p = realloc(s->ks, (s->n_ks + 1) * sizeof *p);
		if (!p) { cq_warn("out of memory"); return -1; }
		s->ks = p;
		cq_key_status *ks = &s->ks[s->n_ks];
		memset(ks, 0, sizeof *ks);
		ks->state = retired ? CQ_KEY_RETIRED : CQ_KEY_COMPROMISED;
		if (key_ref(s, f[1], ks->key_id)) return -1;
		if (k == 3) {
			if (cq_date_parse(f[2], &ks->date)) { cq_warn("%s: bad date '%s'", where, f[2]); return -1; }
			ks->has_date = true;
		}
		s->n_ks++;
	} else if (!strcmp(kw, "rules")) {
		size_t n;
		if (k != 2 || s->rules) { cq_warn("%s: one 'rules FILE'", where); return -1; }
		if (read_rel(s, f[1], RULES_FILE_MAX, &s->rules, &n)) return -1;
	} else if (!strcmp(kw, "layout")) {
		/* an issuer's own layout: checked (parsed, key delegated, one per
		 * key) by cq_bundle_encode_body */
		if (k != 3) { cq_warn("%s: 'layout KEY FILE'", where); return -1; }
		if (s->n_lay == CQ_TRUST_MAX_LAYOUTS) { cq_warn("%s: too many layouts (at most %d)", where, CQ_TRUST_MAX_LAYOUTS); return -1; }
		cq_bundle_layout *p = realloc(s->lay, (s->n_lay + 1) * sizeof *p);
		if (!p) { cq_warn("out of memory"); return -1; }
		s->lay = p;
		cq_bundle_layout *L = &s->lay[s->n_lay];
		char *buf;
		if (key_ref(s, f[1], L->key_id) || read_rel(s, f[2], CQ_LAYOUT_BYTES, &buf, &L->len)) return -1;
		L->text = buf;
		s->n_lay++;
	} else if (!strcmp(kw, "revoke")) {
		return add_revocation(s, f + 1, k - 1, where);
	} else if (!strcmp(kw, "supersede")) {
		return add_supersession(s, f + 1, k - 1, where);
	} else if (!strcmp(kw, "revocations") || !strcmp(kw, "superseded")) {
		if (k != 2) { cq_warn("%s: '%s FILE'", where, kw); return -1; }
		return load_list(s, f[1], kw[0] == 'r' ? add_revocation : add_supersession);
	} else {
		cq_warn("%s: unknown keyword '%s' (version, date, delegation, retired, compromised, rules, "
		        "revoke, revocations, supersede, superseded, layout)", where, kw);
		return -1;
	}
	return 0;
}

int cmd_bundle(int argc, char **argv)
{
	const char *root = NULL, *specpath = NULL, *out = NULL;
	bool force = false;
	cq_passsrc src = {0};
	enum { O_ROOT = O_KEYS_FIRST, O_SPEC };
	static const struct option longopts[] = {
		{"root", required_argument, NULL, O_ROOT}, {"spec", required_argument, NULL, O_SPEC},
		KEYS_PASS_OPTS, {NULL, 0, NULL, 0},
	};
	cq_opts o;
	cq_opts_init(&o, argc, argv, "fo:", longopts);
	int c;
	while ((c = cq_opts_next(&o)) != CQ_OPT_END) {
		if (keys_passsrc(c, &o, &src)) continue;
		if (c == O_ROOT) root = o.arg;
		else if (c == O_SPEC) specpath = o.arg;
		else if (c == 'o') out = o.arg;
		else if (c == 'f' && !force) force = true;
		else return keys_bad_arg("bundle", "unexpected, incomplete or repeated argument", c, &o);
	}
	if (!root || !specpath || !out) { cq_warn("bundle: --root, --spec and -o are required"); return keys_usage("bundle"); }

	spec s;
	memset(&s, 0, sizeof s);
	char *text, why[256], *dircopy = strdup(specpath);
	size_t n;
	if (!dircopy) { cq_warn("out of memory"); return KEYS_REFUSED; }
	char *slash = strrchr(dircopy, '/');
	if (slash) *slash = '\0'; else dircopy[0] = '\0';
	s.dir = dircopy;
	int rc = KEYS_REFUSED;
	if (cq_read_file(specpath, SPEC_MAX, &text, &n, why)) { cq_warn("%s", why); free(dircopy); return KEYS_REFUSED; }
	int bad = each_line(&s, text, n, specpath, spec_line);
	free(text);
	if (bad) goto out;
	if (!s.have_version || !s.have_date) { cq_warn("%s: 'version' and 'date' are required", specpath); goto out; }

	/* Check everything before asking for the root passphrase. */
	cq_pubkey rootpub;
	cq_err e;
	char *keytext;
	if (cq_read_file(root, CQ_ARMOR_MAX_TEXT, &keytext, &n, why)) { cq_warn("%s", why); goto out; }
	bad = cq_seckey_public(keytext, n, &rootpub, &e);
	free(keytext);
	if (bad) { cq_warn("%s: %s", root, e.msg); goto out; }
	if (rootpub.role != CQ_ROLE_ROOT) { cq_warn("%s: is %s, not a root key", root, cq_role_phrase(rootpub.role)); goto out; }
	for (size_t i = 0; i < s.n_dl; i++)
		if (cq_delegation_verify(&s.dl[i], &rootpub, &e)) {
			cq_warn("delegation of %s: %s", s.dl[i].bureau, e.msg);
			goto out;
		}
	cq_bundle_spec bs = {
		.version = s.version, .date = s.date,
		.delegations = s.dl, .n_delegations = s.n_dl,
		.statuses = s.ks, .n_statuses = s.n_ks,
		.revoked = s.rev, .n_revoked = s.n_rev,
		.superseded = s.sup, .n_superseded = s.n_sup,
		.rules_text = s.rules,
		.layouts = s.lay, .n_layouts = s.n_lay,
	};
	memcpy(bs.root_id, rootpub.id, CQ_KEY_ID_BYTES);
	uint8_t *body;
	size_t bl;
	if (cq_bundle_encode_body(&bs, &body, &bl, &e)) { cq_warn("%s: %s%s%s", specpath, e.field, *e.field ? ": " : "", e.msg); goto out; }
	char kwhy[256];
	cq_seckey *k = cq_seckey_load(root, &src, kwhy);
	if (!k) { cq_warn("%s", kwhy); free(body); goto out; }
	uint8_t *file = realloc(body, bl + CQ_SIG_BYTES);
	if (!file) { free(body); cq_seckey_free(k); cq_warn("out of memory"); goto out; }
	bad = cq_sign_detached(k, CQ_CTX_BUNDLE, file, bl, file + bl);
	cq_seckey_free(k);
	if (bad) { free(file); cq_warn("signing failed"); goto out; }
	if (cq_write_atomic(out, file, bl + CQ_SIG_BYTES, 0644, force, why)) cq_warn("%s", why);
	else {
		char d[11];
		cq_date_format(s.date, d);
		cq_warn("wrote %s: version %u of %s, %zu delegations, %zu key statuses, %zu revoked, "
		        "%zu superseded, %zu layouts, %zu bytes", out, (unsigned)s.version, d, s.n_dl, s.n_ks, s.n_rev,
		        s.n_sup, s.n_lay, bl + CQ_SIG_BYTES);
		rc = KEYS_OK;
	}
	free(file);
out:
	spec_free(&s);
	free(dircopy);
	return rc;
}

/* check-bundle, one file: "FILE: OK: ..." or "FILE: REFUSED (CLASS, REASON): ...". */
static int check_bundle(const char *path, const char *buf, size_t n, const cq_pubkey *rk, bool verbose)
{
	cq_err e;
	cq_trust *t;
	int bad = cq_trust_decode((const uint8_t *)buf, n, rk, &t, &e);
	cq_fputs_escaped(path, stdout);
	if (bad) {
		printf(": REFUSED (%s, %s): %s\n", cq_bundle_refusal(e.code), e.field[0] ? e.field : "format", e.msg);
		return KEYS_REFUSED;
	}
	char d[11], a[11], b[11], hex[17];
	cq_date_format(cq_trust_date(t), d);
	printf(": OK: trust bundle version %u of %s, %zu delegations, %zu revoked, %zu superseded, ",
	       (unsigned)cq_trust_version(t), d, cq_trust_delegation_count(t), cq_trust_revoked_count(t),
	       cq_trust_superseded_count(t));
	/* format 1 bundles print as before: scripts and tests read this line */
	if (cq_trust_layout_count(t)) printf("%zu layouts, ", cq_trust_layout_count(t));
	printf("%zu bytes\n", n);
	if (verbose) {
		for (size_t j = 0; j < cq_trust_delegation_count(t); j++) {
			const cq_delegation *dl = cq_trust_delegation(t, j);
			const cq_key_status *ks = cq_trust_key_status(t, dl->issuer.id);
			cq_key_id_hex(dl->issuer.id, hex);
			cq_date_format(dl->first, a);
			cq_date_format(dl->last, b);
			printf("  issuer %s  %s  region %06u  scope %s  window %s..%s", hex, dl->bureau, (unsigned)dl->region,
			       dl->scope, a, b);
			if (ks) {
				cq_date_format(ks->date, a);
				printf("  %s%s%s", ks->state == CQ_KEY_RETIRED ? "RETIRED" : "COMPROMISED",
				       ks->has_date ? (ks->state == CQ_KEY_RETIRED ? " on " : " since ") : "",
				       ks->has_date ? a : "");
			}
			if (cq_trust_layout(t, dl->issuer.id)) printf("  own layout");
			putchar('\n');
		}
		printf("  rules:\n");
		const char *r = cq_trust_rules_text(t);
		while (*r) {
			const char *nl = strchr(r, '\n');
			int len = nl ? (int)(nl - r) : (int)strlen(r);
			printf("    %.*s\n", len, r);
			r += len + (nl ? 1 : 0);
		}
	}
	cq_trust_free(t);
	return KEYS_OK;
}

int cmd_check_bundle(int argc, char **argv)
{
	return keys_check_files("check-bundle", argc, argv, true, CQ_BUNDLE_MAX_BYTES, check_bundle);
}
