/* The version floor of a trust store (certqr/store.h): the newest bundle
 * ever installed, kept apart from trust.bundle so that damaging or
 * replacing the bundle file cannot lower it. One line, replaced atomically:
 *
 *     certqr-trust-floor v1 root=<16 hex> version=<n> date=<YYYY-MM-DD> hash=<64 hex>
 *
 * hash is BLAKE2b-256 of the installed bundle's bytes: a bundle of the same
 * version is the same bundle only if its hash matches. */
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "certqr/io.h"
#include "certqr/store.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)
#define FLOOR_MAX 200

static const char floor_tag[] = "certqr-trust-floor v1 ";

void cq_store_floor_of(const uint8_t *bundle, size_t n, const cq_bundle_header *h, cq_store_floor *f)
{
	memset(f, 0, sizeof *f);
	memcpy(f->root_id, h->root_id, CQ_KEY_ID_BYTES);
	f->version = h->version;
	f->date = h->date;
	crypto_generichash(f->hash, sizeof f->hash, bundle, n, NULL, 0);
}

int cq_store_floor_format(const cq_store_floor *f, char *out, size_t cap)
{
	char root[17], day[11], hash[2 * CQ_STORE_HASH_BYTES + 1];
	cq_key_id_hex(f->root_id, root);
	cq_date_format(f->date, day);
	sodium_bin2hex(hash, sizeof hash, f->hash, sizeof f->hash);
	int n = snprintf(out, cap, "%sroot=%s version=%lu date=%s hash=%s\n", floor_tag, root, (unsigned long)f->version,
	                 day, hash);
	return n < 0 || (size_t)n >= cap ? -1 : n;
}

/* Strict: exactly the form cq_store_floor_format writes. */
int cq_store_floor_parse(const char *text, size_t n, cq_store_floor *f)
{
	char root[17], day[11], hash[65], tail;
	unsigned long v;
	if (n > FLOOR_MAX || memchr(text, '\0', n) || n == 0 || text[n - 1] != '\n') return -1;
	if (strncmp(text, floor_tag, sizeof floor_tag - 1)) return -1;
	if (sscanf(text + sizeof floor_tag - 1, "root=%16[0-9A-F] version=%10lu date=%10[0-9-] hash=%64[0-9a-f]%c", root, &v,
	           day, hash, &tail) != 5 || tail != '\n' || v < 1 || v > UINT32_MAX)
		return -1;
	cq_store_floor g = {0};
	g.version = (uint32_t)v;
	if (cq_key_id_parse(root, g.root_id) || cq_date_parse(day, &g.date) || strlen(hash) != 64 ||
	    sodium_hex2bin(g.hash, sizeof g.hash, hash, 64, NULL, NULL, NULL))
		return -1;
	char again[FLOOR_MAX + 1];
	int k = cq_store_floor_format(&g, again, sizeof again);
	if (k < 0 || (size_t)k != n || memcmp(again, text, n)) return -1;   /* one spelling only */
	*f = g;
	return 0;
}

cq_store_rc cq_store_floor_read(const char *dir, cq_store_floor *f, bool *have, char why[256])
{
	char path[4200], *text, w[256];
	size_t n;
	*have = false;
	snprintf(path, sizeof path, "%s/%s", dir, CQ_STORE_FLOOR);
	struct stat st;
	if (lstat(path, &st) != 0 && errno == ENOENT) return CQ_STORE_OK;
	if (cq_read_file(path, FLOOR_MAX, &text, &n, w)) {
		WHY("%.200s", w);
		return CQ_STORE_DAMAGED;
	}
	int bad = cq_store_floor_parse(text, n, f);
	free(text);
	if (bad) {
		WHY("%.90s: the version floor is damaged: check the store, then remove it and install the newest bundle", path);
		return CQ_STORE_DAMAGED;
	}
	*have = true;
	return CQ_STORE_OK;
}

cq_store_rc cq_store_floor_write(const char *dir, const cq_store_floor *f, char why[256])
{
	char path[4200], text[FLOOR_MAX + 1], w[256];
	int n = cq_store_floor_format(f, text, sizeof text);
	snprintf(path, sizeof path, "%s/%s", dir, CQ_STORE_FLOOR);
	if (n < 0) { WHY("version floor too long"); return CQ_STORE_IO; }
	if (cq_write_atomic(path, text, (size_t)n, 0644, true, w)) {
		WHY("%.60s: could not record the version floor: %.140s", dir, w);
		return CQ_STORE_IO;
	}
	return CQ_STORE_OK;
}
