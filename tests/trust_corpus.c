/* Test helper (never installed): writes the forgery-suite corpus for
 * tests/sh/trust.sh. Each case is OUT/NAME.txt (one QR text, no newline) and
 * a line "NAME EXPECTED-STATUS" in OUT/manifest. Certificates are signed
 * with the committed TEST-ONLY keys; attacks are made by editing bytes.
 *
 *     trust-corpus KEYDIR OUTDIR
 *
 * The bundle the expectations assume is tests/sh/trust.spec. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/io.h"
#include "certqr/seckey.h"

#define HOLDER_ID "11010519491231002X"
#define OTHER_ID  "110105194912310038"

static const char *outdir;
static FILE *manifest;

static cq_seckey *load(const char *dir, const char *name, const char *pass)
{
	char path[512], *buf, why[256];
	size_t n;
	cq_err e;
	cq_seckey *k = NULL;
	snprintf(path, sizeof path, "%s/%s-TEST-ONLY.key", dir, name);
	if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &buf, &n, why)) { fprintf(stderr, "%s\n", why); exit(2); }
	if (cq_seckey_open(buf, n, pass, strlen(pass), &k, &e)) { fprintf(stderr, "%s: %s\n", path, e.msg); exit(2); }
	free(buf);
	return k;
}

static void emit_text(const char *name, const char *expect, const char *text, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s.txt", outdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(text, 1, n, f) != n || fclose(f)) { perror(path); exit(2); }
	fprintf(manifest, "%s %s\n", name, expect);
}

static void emit(const char *name, const char *expect, const uint8_t *p, size_t n)
{
	char text[CQ_QR_TEXT_MAX + 64];
	memcpy(text, CQ_QR_PREFIX, CQ_QR_PREFIX_LEN);
	if (cq_base45_encode(p, n, text + CQ_QR_PREFIX_LEN, sizeof text - CQ_QR_PREFIX_LEN)) {
		fprintf(stderr, "%s: encode failed\n", name);
		exit(2);
	}
	emit_text(name, expect, text, strlen(text));
}

typedef struct cert {
	const char *number, *issued, *id;
	unsigned year, pub, prof, region, revision;
	int comp;            /* -1: not recorded */
	int reduction;       /* cq_reduction */
	unsigned months;
} cert;

static size_t sign(cq_seckey *k, const cert *c, uint8_t out[CQ_PAYLOAD_MAX])
{
	cq_record r;
	cq_err e;
	size_t n;
	memset(&r, 0, sizeof r);
	strcpy(r.name, "张三");
	strcpy(r.number, c->number);
	r.year = (uint16_t)c->year;
	r.revision = (uint8_t)(c->revision ? c->revision : 1);
	r.hours_public = (uint16_t)c->pub;
	r.hours_professional = (uint16_t)c->prof;
	r.has_compulsory = c->comp >= 0;
	r.hours_compulsory = (uint16_t)(c->comp > 0 ? c->comp : 0);
	r.reduction = (uint8_t)c->reduction;
	r.months_at_post = (uint8_t)(c->months ? c->months : 12);
	r.issuer_region = c->region;
	if (cq_date_parse(c->issued, &r.issued) || cq_record_bind_id(&r, c->id ? c->id : HOLDER_ID, &e) ||
	    cq_payload_sign(&r, k, out, CQ_PAYLOAD_MAX, &n, &e)) {
		fprintf(stderr, "sign %s: %s\n", c->number, e.msg);
		exit(2);
	}
	return n;
}

/* One flipped bit at `off` (bit mask `mask`) of a genuine payload. */
static void flip(const char *name, const char *expect, const uint8_t *p, size_t n, size_t off, uint8_t mask)
{
	uint8_t b[CQ_PAYLOAD_MAX];
	memcpy(b, p, n);
	b[off] ^= mask;
	emit(name, expect, b, n);
}

int main(int argc, char **argv)
{
	if (argc != 3) { fprintf(stderr, "usage: trust-corpus KEYDIR OUTDIR\n"); return 2; }
	if (cq_init()) return 2;
	outdir = argv[2];
	char path[512], *pass, why[256];
	size_t pn;
	snprintf(path, sizeof path, "%s/PASSPHRASE-TEST-ONLY", argv[1]);
	if (cq_read_file(path, 1024, &pass, &pn, why)) { fprintf(stderr, "%s\n", why); return 2; }
	while (pn && (pass[pn - 1] == '\n' || pass[pn - 1] == '\r')) pass[--pn] = '\0';
	snprintf(path, sizeof path, "%s/manifest", outdir);
	if (!(manifest = fopen(path, "w"))) { perror(path); return 2; }

	cq_seckey *zz = load(argv[1], "issuer-zhengzhou", pass);
	cq_seckey *pds = load(argv[1], "issuer-pingdingshan", pass);
	cq_seckey *ly = load(argv[1], "issuer-luoyang-retired", pass);
	cq_seckey *kf = load(argv[1], "issuer-kaifeng-compromised", pass);
	cq_seckey *ay = load(argv[1], "issuer-anyang", pass);
	cq_seckey *un = load(argv[1], "issuer-undelegated", pass);
	uint8_t p[CQ_PAYLOAD_MAX], g[CQ_PAYLOAD_MAX];
	size_t gn;

	/* Genuine certificates: zero false rejects. */
	const cert base = {"4101020000125", "2023-12-20", NULL, 2023, 30, 60, 410100, 1, -1, 0, 0};
	gn = sign(zz, &base, g);
	emit("genuine-zhengzhou-2023", "authentic", g, gn);
	cert c = base;
	c.number = "4101020000126"; c.prof = 50;
	emit("genuine-not-met", "authentic", p, sign(zz, &c, p));
	c = base;
	c.number = "4104030000001"; c.region = 410400; c.year = 2021; c.issued = "2021-12-28"; c.comp = 24;
	emit("genuine-pingdingshan-2021", "authentic", p, sign(pds, &c, p));
	c.number = "4104030000002"; c.comp = 20;
	emit("genuine-pingdingshan-compulsory-short", "authentic", p, sign(pds, &c, p));
	c = base;
	c.number = "4101020000127"; c.reduction = CQ_RED_ABROAD; c.months = 6; c.pub = 15; c.prof = 30;
	emit("genuine-abroad-prorata", "authentic", p, sign(zz, &c, p));
	c = base;
	c.number = "4101020000128"; c.reduction = CQ_RED_AID; c.pub = 0; c.prof = 0;
	emit("genuine-aid-full-year", "authentic", p, sign(zz, &c, p));
	c = base;
	c.number = "4101020000129"; c.year = 2018; c.issued = "2018-12-01"; c.pub = 24;
	emit("genuine-2018-rule", "authentic", p, sign(zz, &c, p));

	/* Retired key: inside its window (before retirement) stays valid. */
	c = base;
	c.number = "4103020000001"; c.region = 410300; c.issued = "2024-03-01"; c.year = 2023;
	emit("retired-key-before-retirement", "authentic", p, sign(ly, &c, p));
	c.number = "4103020000002"; c.issued = "2024-12-01";
	emit("retired-key-after-retirement", "outside_key_window", p, sign(ly, &c, p));
	/* Compromised since a date: before stays valid, on/after is not. */
	c = base;
	c.number = "4102020000001"; c.region = 410200; c.issued = "2024-12-20";
	emit("compromised-key-before-date", "authentic", p, sign(kf, &c, p));
	c.number = "4102020000002"; c.issued = "2025-03-01";
	emit("compromised-key-on-date", "key_compromised", p, sign(kf, &c, p));
	/* Compromised with no date: nothing trusted. */
	c = base;
	c.number = "4105020000001"; c.region = 410500; c.year = 2018; c.issued = "2018-12-01"; c.pub = 24;
	emit("compromised-key-no-date", "key_compromised", p, sign(ay, &c, p));

	/* A valid signature from a key the bundle does not delegate. */
	c = base;
	emit("unknown-key", "unknown_issuer", p, sign(un, &c, p));
	/* Issuer signing outside its scope: another city's numbers, or
	 * another region code. */
	c = base;
	c.number = "4105020000009"; c.region = 410100;
	emit("out-of-scope-number", "out_of_scope", p, sign(zz, &c, p));
	c = base;
	c.region = 410500;
	emit("out-of-scope-region", "out_of_scope", p, sign(zz, &c, p));
	/* Outside the delegation window (2017-01-01 .. 2030-12-31). */
	c = base;
	c.year = 2030; c.issued = "2031-01-05";
	emit("outside-window-after", "outside_key_window", p, sign(zz, &c, p));
	c = base;
	c.year = 2016; c.issued = "2016-12-30"; c.pub = 24;
	emit("outside-window-before", "outside_key_window", p, sign(zz, &c, p));

	/* Revoked (exact revision; every revision) and superseded. */
	c = base;
	c.number = "4101020000200";
	emit("revoked", "revoked", p, sign(zz, &c, p));
	c.number = "4101020000201"; c.revision = 3;
	emit("revoked-every-revision", "revoked", p, sign(zz, &c, p));
	c.number = "4101020000202"; c.revision = 1;
	emit("revoked-other-revision-ok", "authentic", p, sign(zz, &c, p));
	c.number = "4101020000203"; c.revision = 1;
	emit("superseded", "superseded", p, sign(zz, &c, p));
	c.revision = 2;
	emit("superseded-latest-ok", "authentic", p, sign(zz, &c, p));
	/* Revoked in another year only: this year is fine. */
	c = base;
	c.number = "4101020000200"; c.year = 2022; c.issued = "2022-12-20";
	emit("revoked-other-year-ok", "authentic", p, sign(zz, &c, p));

	/* A certificate of another person (holder binding tests). */
	c = base;
	c.number = "4101020000300"; c.id = OTHER_ID;
	emit("other-person", "authentic", p, sign(zz, &c, p));

	/* Flipped bits in each field of the genuine payload (layout: docs/format.md). */
	flip("flip-version", "unknown_version", g, gn, 0, 0x01);
	flip("flip-key-id", "unknown_issuer", g, gn, 8, 0x01);
	flip("flip-number", "forged", g, gn, 14, 0x02);
	flip("flip-revision", "forged", g, gn, 15, 0x02);
	flip("flip-year", "forged", g, gn, 17, 0x01);
	flip("flip-issued", "forged", g, gn, 19, 0x01);
	flip("flip-region", "forged", g, gn, 22, 0x01);
	flip("flip-hours-public", "forged", g, gn, 24, 0x01);
	flip("flip-hours-professional", "forged", g, gn, 26, 0x04);
	flip("flip-hours-compulsory", "malformed", g, gn, 28, 0x01);
	flip("flip-flags-reserved", "malformed", g, gn, 29, 0x02);
	flip("flip-flags-compulsory", "forged", g, gn, 29, 0x01);
	flip("flip-reduction", "malformed", g, gn, 30, 0x01);
	flip("flip-months", "malformed", g, gn, 31, 0x01);
	flip("flip-id-hint", "forged", g, gn, 33, 0x01);
	flip("flip-id-hash", "forged", g, gn, 40, 0x80);
	flip("flip-name-length", "malformed", g, gn, 42, 0x01);
	flip("flip-name-han", "forged", g, gn, 45, 0x01);       /* 张 U+5F20 -> U+5F21 */
	flip("flip-name-utf8", "malformed", g, gn, 43, 0x40);   /* lead byte no longer UTF-8 */
	flip("flip-signature-r", "forged", g, gn, gn - 64, 0x01);
	flip("flip-signature-s", "forged", g, gn, gn - 1, 0x01);

	/* Splices: another issuer's key id on this body; trailing data; truncation. */
	memcpy(p, g, gn);
	{
		uint8_t pid[CQ_KEY_ID_BYTES];
		cq_key_id(cq_seckey_pubkey(pds)->pk, pid);
		memcpy(p + 1, pid, CQ_KEY_ID_BYTES);
	}
	emit("splice-other-issuer-key-id", "forged", p, gn);
	memcpy(p, g, gn);
	p[gn] = 0x00;
	emit("trailing-byte", "malformed", p, gn + 1);
	p[gn] = 0x41; p[gn + 1] = 0x42;
	emit("trailing-two-bytes", "malformed", p, gn + 2);
	emit("truncated-signature", "malformed", g, gn - 1);
	emit("truncated-body", "malformed", g, 40);
	{
		char t[CQ_QR_TEXT_MAX];
		memcpy(t, CQ_QR_PREFIX, CQ_QR_PREFIX_LEN);
		cq_base45_encode(g, gn, t + CQ_QR_PREFIX_LEN, sizeof t - CQ_QR_PREFIX_LEN);
		size_t tl = strlen(t);
		emit_text("truncated-text-one-char", "malformed", t, tl - 1);
		char t2[CQ_QR_TEXT_MAX + 8];
		snprintf(t2, sizeof t2, "%sAB", t);  /* two base45 characters too many */
		emit_text("trailing-text", "malformed", t2, strlen(t2));
		t[2] = '2';
		emit_text("unknown-format-cq2", "unknown_version", t, tl);
		t[2] = '1';
		t[10] = 'a' == t[10] ? 'b' : '~';  /* outside the base45 alphabet */
		emit_text("bad-base45", "malformed", t, tl);
	}
	/* Other QR codes and text. */
	const char *other[] = {
		"https://zjj.henan.gov.cn/verify?id=4101020000125",
		"WIFI:S:HRBureau;T:WPA;P:secret;;",
		"4101020000125",
		"MECARD:N:张三;TEL:13800000000;;",
		"CQ",
		"郑州市继续教育证书",
	};
	for (size_t i = 0; i < sizeof other / sizeof *other; i++) {
		char nm[32];
		snprintf(nm, sizeof nm, "other-qr-%zu", i + 1);
		emit_text(nm, "not_a_certificate", other[i], strlen(other[i]));
	}
	{
		/* Random bytes after a correct prefix: never authentic. Their first
		 * byte, the payload version, is 99: a format this build cannot read. */
		uint8_t r[120];
		uint32_t x = 2463534242u;
		for (size_t i = 0; i < sizeof r; i++) { x ^= x << 13; x ^= x >> 17; x ^= x << 5; r[i] = (uint8_t)x; }
		emit("random-after-prefix", r[0] == 1 ? "malformed" : "unknown_version", r, sizeof r);
		r[0] = 1;  /* right version byte, random rest */
		emit("random-with-version", "malformed", r, sizeof r);
	}

	cq_seckey_free(zz); cq_seckey_free(pds); cq_seckey_free(ly);
	cq_seckey_free(kf); cq_seckey_free(ay); cq_seckey_free(un);
	free(pass);
	if (fclose(manifest)) return 2;
	return 0;
}
