/* Pinyin sort keys for names (certqr/pinyin.h). The table is generated
 * data (lib/pinyin_table.h, tools/data/pinyin.py); this file only decodes
 * it. */
#include <stdlib.h>
#include <string.h>
#include "certqr/pinyin.h"
#include "certqr/utf8.h"
#include "pinyin_table.h"

static unsigned b64v(char c)
{
	const char *p = strchr(py_b64, c);
	return p && c ? (unsigned)(p - py_b64) : 0;
}

static unsigned pair(const char *s) { return 64 * b64v(s[0]) + b64v(s[1]); }

static unsigned syllable(uint32_t cp, int first)
{
	if (first)
		for (size_t i = 0; i < sizeof py_surname / sizeof *py_surname; i++)
			if (py_surname[i].cp == cp) return py_surname[i].syll;
	if (cp >= PY_DENSE_LO && cp <= PY_DENSE_HI) {
		uint32_t i = cp - PY_DENSE_LO;
		return pair(py_dense[i / PY_PER_LINE] + 2 * (i % PY_PER_LINE));
	}
	if (cp < PY_SPARSE_LO) return 0;
	/* gaps from U+20000, in code point order: walk until past cp */
	uint32_t at = PY_SPARSE_LO;
	for (unsigned i = 0; i < PY_SPARSE_N; i++) {
		const char *e = py_sparse[i / PY_PER_LINE] + 4 * (i % PY_PER_LINE);
		at += pair(e);
		if (at == cp) return pair(e + 2);
		if (at > cp) break;
	}
	return 0;
}

const char *cq_pinyin_of(uint32_t cp, int first)
{
	unsigned s = syllable(cp, first);
	return s && s <= PY_NSYLL ? py_syll[s] : NULL;
}

size_t cq_pinyin_key(const char *name, char *out, size_t cap)
{
	size_t o = 0, n = strlen(name);
	if (!cap) return 0;
#define PUT(c) do { if (o + 1 < cap) out[o++] = (char)(c); } while (0)
	int first = 1;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)name + i, n - i, &cp);
		if (l <= 0) { PUT('~'); break; }
		i += (size_t)l;
		const char *s = cq_pinyin_of(cp, first);
		if (s) {
			for (; *s; s++) PUT(*s);
			PUT(' ');
		} else if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			PUT(cp);
		} else if (cp >= 'A' && cp <= 'Z') {
			PUT(cp - 'A' + 'a');
		} else if (cp == ' ' || cp == 0xB7 || cp == 0x30FB || cp == 0x2027 || cp == 0xFF0E || cp == '.' || cp == '-') {
			continue;   /* separators of minority and foreign names: not letters */
		} else {
			static const char hex[] = "0123456789abcdef";
			PUT('~');
			for (int k = 20; k >= 0; k -= 4) PUT(hex[cp >> k & 15]);
			PUT(' ');
		}
		first = 0;
	}
	PUT('\t');
	for (size_t i = 0; i < n; i++) PUT(name[i]);
#undef PUT
	out[o] = '\0';
	return o;
}

int cq_pinyin_compare(const char *a, const char *b)
{
	size_t na = strlen(a) * 9 + 2, nb = strlen(b) * 9 + 2;
	char *ka = malloc(na), *kb = malloc(nb);
	int r;
	if (ka && kb) {
		cq_pinyin_key(a, ka, na);
		cq_pinyin_key(b, kb, nb);
		r = strcmp(ka, kb);
	} else
		r = strcmp(a, b);   /* out of memory: still a total order */
	free(ka);
	free(kb);
	return r;
}
