/* Image sizes declared in a PDF's dictionaries (include/certqr/pdfimages.h):
 * a small PDF lexer (comments, strings, names with #xx escapes, numbers,
 * dictionaries, stream data skipped to "endstream"). */
#include <stdbool.h>
#include <string.h>
#include "certqr/pdfimages.h"

typedef enum { K_OTHER, K_WIDTH, K_HEIGHT, K_SUBTYPE } key;

typedef struct dict {
	key last;                /* the key whose value comes next */
	bool expect_value;
	bool image;
	uint64_t w, h;           /* 0: not given, or given by reference */
	unsigned arr;            /* arrays open in this dictionary: their items are not keys */
} dict;

static bool is_space(uint8_t c) { return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
static bool is_delim(uint8_t c)
{
	return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' || c == '}' || c == '/' ||
	       c == '%';
}
static int hexval(uint8_t c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* The name at b[i..] (after '/'), decoded into out (cut at cap-1). */
static size_t read_name(const uint8_t *b, size_t n, size_t i, char *out, size_t cap)
{
	size_t k = 0;
	while (i < n && !is_space(b[i]) && !is_delim(b[i])) {
		uint8_t c = b[i++];
		if (c == '#' && i + 1 < n && hexval(b[i]) >= 0 && hexval(b[i + 1]) >= 0) {
			c = (uint8_t)(hexval(b[i]) << 4 | hexval(b[i + 1]));
			i += 2;
		}
		if (k + 1 < cap) out[k++] = (char)c;
	}
	out[k] = 0;
	return i;
}

static size_t skip_to_endstream(const uint8_t *b, size_t n, size_t i)
{
	static const char E[] = "endstream";
	for (; i + sizeof E - 1 <= n; i++)
		if (b[i] == 'e' && !memcmp(b + i, E, sizeof E - 1)) return i + sizeof E - 1;
	return n;
}

void cq_pdf_scan_images(const uint8_t *b, size_t n, cq_pdfimg_scan *out)
{
	memset(out, 0, sizeof *out);
	dict st[CQ_PDFIMG_DEPTH];
	unsigned depth = 0, over = 0;   /* over: dictionaries open beyond the stack */
	size_t i = 0;
	while (i < n) {
		uint8_t c = b[i];
		dict *d = depth && !over ? &st[depth - 1] : NULL;
		if (is_space(c)) { i++; continue; }
		if (c == '%') {
			while (i < n && b[i] != '\n' && b[i] != '\r') i++;
			continue;
		}
		if (c == '(') {   /* literal string: balanced parentheses, backslash escapes */
			unsigned nest = 0;
			for (i++; i < n; i++) {
				if (b[i] == '\\') { i++; continue; }
				if (b[i] == '(') nest++;
				else if (b[i] == ')' && nest-- == 0) { i++; break; }
			}
			if (d) d->expect_value = false;
			continue;
		}
		if (c == '<' && i + 1 < n && b[i + 1] == '<') {
			if (d && d->expect_value) d->expect_value = false;   /* a dictionary as a value */
			if (depth < CQ_PDFIMG_DEPTH && !over) memset(&st[depth++], 0, sizeof *st);
			else over++;
			i += 2;
			continue;
		}
		if (c == '>' && i + 1 < n && b[i + 1] == '>') {
			if (over) over--;
			else if (depth) {
				dict *t = &st[--depth];
				if (t->image && t->w && t->h) {
					out->images++;
					uint64_t px = t->w * t->h;
					if (px > out->pixels) {
						out->pixels = px;
						out->w = t->w > 0xffffffffu ? 0xffffffffu : (unsigned)t->w;
						out->h = t->h > 0xffffffffu ? 0xffffffffu : (unsigned)t->h;
					}
				}
			}
			i += 2;
			continue;
		}
		if (c == '<') {   /* hex string */
			while (i < n && b[i] != '>') i++;
			i++;
			if (d) d->expect_value = false;
			continue;
		}
		if (c == '/') {
			char name[16];
			i = read_name(b, n, i + 1, name, sizeof name);
			if (!d || d->arr) continue;
			if (d->expect_value) {   /* a name as a value */
				if (d->last == K_SUBTYPE && !strcmp(name, "Image")) d->image = true;
				d->expect_value = false;
			} else {
				d->last = !strcmp(name, "Width") ? K_WIDTH : !strcmp(name, "Height") ? K_HEIGHT
				        : !strcmp(name, "Subtype") ? K_SUBTYPE : K_OTHER;
				d->expect_value = true;
			}
			continue;
		}
		if ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.') {
			uint64_t v = 0;
			bool neg = c == '-', frac = false, big = false;
			if (c == '+' || c == '-') i++;
			for (; i < n && ((b[i] >= '0' && b[i] <= '9') || b[i] == '.'); i++) {
				if (b[i] == '.') frac = true;
				else if (!frac) {
					if (v > 100000000ull) big = true;
					else v = v * 10 + (uint64_t)(b[i] - '0');
				}
			}
			if (!d || d->arr) continue;
			if (d->expect_value && (d->last == K_WIDTH || d->last == K_HEIGHT)) {
				/* a size the decoders would take: huge counts as huge */
				uint64_t s = neg ? 0 : big ? 0xffffffffull : v;
				if (d->last == K_WIDTH) d->w = s;
				else d->h = s;
			}
			d->expect_value = false;
			continue;
		}
		if (c == '[') {
			if (d) { d->arr++; d->expect_value = false; }
			i++;
			continue;
		}
		if (c == ']') {
			if (d && d->arr) d->arr--;
			i++;
			continue;
		}
		if (c == '{' || c == '}' || c == ')' || c == '>') { i++; continue; }
		/* a keyword */
		size_t s = i;
		while (i < n && !is_space(b[i]) && !is_delim(b[i])) i++;
		size_t len = i - s;
		if (len == 6 && !memcmp(b + s, "stream", 6)) { i = skip_to_endstream(b, n, i); continue; }
		if (d && !d->arr && len == 1 && b[s] == 'R') {
			/* "/Width 12 0 R": a reference, not a size */
			if (d->last == K_WIDTH) d->w = 0;
			if (d->last == K_HEIGHT) d->h = 0;
		}
		if (d) d->expect_value = false;
	}
}
