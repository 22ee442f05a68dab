/* Open addressing with linear probing; the digest is already uniform, so
 * its first bytes are the hash. */
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "keymap.h"

void keymap_digest(uint8_t key[KEYMAP_KEY], const char *const *parts, unsigned n)
{
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, KEYMAP_KEY);
	for (unsigned i = 0; i < n; i++)
		crypto_generichash_update(&st, (const unsigned char *)parts[i], strlen(parts[i]) + 1);
	crypto_generichash_final(&st, key, KEYMAP_KEY);
}

static size_t slot_of(const kslot *s, size_t cap, const uint8_t *key)
{
	uint64_t h;
	memcpy(&h, key, sizeof h);
	size_t i = (size_t)(h & (cap - 1));
	while (s[i].used && memcmp(s[i].key, key, KEYMAP_KEY)) i = (i + 1) & (cap - 1);
	return i;
}

static int grow(keymap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	kslot *s = calloc(cap, sizeof *s);
	if (!s) return -1;
	for (size_t i = 0; i < m->cap; i++)
		if (m->s[i].used) s[slot_of(s, cap, m->s[i].key)] = m->s[i];
	free(m->s);
	m->s = s;
	m->cap = cap;
	return 0;
}

uint32_t keymap_put(keymap *m, const uint8_t key[KEYMAP_KEY], uint32_t val, bool *fresh)
{
	*fresh = false;
	if ((m->n + 1) * 2 > m->cap && grow(m)) return UINT32_MAX;
	size_t i = slot_of(m->s, m->cap, key);
	if (m->s[i].used) return m->s[i].val;
	memcpy(m->s[i].key, key, KEYMAP_KEY);
	m->s[i].val = val;
	m->s[i].used = 1;
	m->n++;
	*fresh = true;
	return val;
}

void keymap_free(keymap *m)
{
	free(m->s);
	memset(m, 0, sizeof *m);
}
