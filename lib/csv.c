#include <stdio.h>
#include <string.h>
#include "certqr/csv.h"
#include "certqr/utf8.h"

void cq_csv_init(cq_csv *c, const char *text, size_t n)
{
	c->p = text;
	c->n = n;
	c->pos = n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	c->line = 1;
}

static void skip_line(cq_csv *c)
{
	while (c->pos < c->n && c->p[c->pos] != '\n') c->pos++;
	if (c->pos < c->n) { c->pos++; c->line++; }
}

static int at_eol(const cq_csv *c)
{
	return c->p[c->pos] == '\n' || (c->p[c->pos] == '\r' && c->pos + 1 < c->n && c->p[c->pos + 1] == '\n');
}

static void eat_eol(cq_csv *c)
{
	c->pos += c->p[c->pos] == '\r' ? 2 : 1;
	c->line++;
}

/* Fails the row and moves the reader to the next line. */
static int bad_row(cq_csv *c, cq_err *e, const char *what, unsigned long col)
{
	char field[32];
	snprintf(field, sizeof field, "column %lu", col);
	cq_fail(e, CQ_E_FORMAT, field, "%s", what);
	skip_line(c);
	return -1;
}

int cq_csv_next(cq_csv *c, cq_row *row, cq_err *e)
{
	while (c->pos < c->n && at_eol(c)) eat_eol(c);
	if (c->pos >= c->n) return 0;
	row->line = c->line;
	row->n = 0;
	size_t out = 0;
	for (;;) {
		if (row->n == CQ_CSV_MAX_FIELDS)
			return bad_row(c, e, "more than " "32" " columns", row->n + 1);
		row->name[row->n] = NULL;
		row->value[row->n] = row->store + out;
		size_t flen = 0;
		unsigned long col = row->n + 1;
		if (c->pos < c->n && c->p[c->pos] == '"') {
			c->pos++;
			for (;;) {
				if (c->pos >= c->n) {
					cq_fail(e, CQ_E_FORMAT, "", "column %lu: quote opened on line %lu is never closed", col, row->line);
					snprintf(e->field, sizeof e->field, "column %lu", col);
					return -1;
				}
				char ch = c->p[c->pos];
				if (ch == '"') {
					if (c->pos + 1 < c->n && c->p[c->pos + 1] == '"') c->pos++;
					else { c->pos++; break; }
				}
				if (ch == '\0') return bad_row(c, e, "NUL byte in the text", col);
				if (ch == '\n') c->line++;
				if (flen == CQ_CSV_MAX_FIELD) return bad_row(c, e, "field longer than 256 bytes", col);
				row->store[out++] = ch;
				flen++;
				c->pos++;
			}
			if (c->pos < c->n && c->p[c->pos] != ',' && !at_eol(c))
				return bad_row(c, e, "text after a closing quote (a quote inside a field must be doubled)", col);
		} else {
			while (c->pos < c->n && c->p[c->pos] != ',' && !at_eol(c)) {
				char ch = c->p[c->pos];
				if (ch == '"') return bad_row(c, e, "quote inside an unquoted field (quote the whole field)", col);
				if (ch == '\0') return bad_row(c, e, "NUL byte in the text", col);
				if (ch == '\r') return bad_row(c, e, "carriage return not followed by a line feed", col);
				if (flen == CQ_CSV_MAX_FIELD) return bad_row(c, e, "field longer than 256 bytes", col);
				row->store[out++] = ch;
				flen++;
				c->pos++;
			}
		}
		row->store[out++] = '\0';
		row->n++;
		if (out > CQ_CSV_MAX_LINE) return bad_row(c, e, "row longer than 4096 bytes", col);
		if (c->pos >= c->n) return 1;
		if (c->p[c->pos] == ',') { c->pos++; continue; }
		eat_eol(c);
		return 1;
	}
}

/* ---- JSON Lines ---- */

typedef struct jp { const char *s; size_t i, n; } jp;

static void ws(jp *j)
{
	while (j->i < j->n && (j->s[j->i] == ' ' || j->s[j->i] == '\t' || j->s[j->i] == '\r')) j->i++;
}

static int hex4(const char *s, unsigned *v)
{
	*v = 0;
	for (int k = 0; k < 4; k++) {
		char h = s[k];
		unsigned d = h >= '0' && h <= '9' ? (unsigned)(h - '0') : h >= 'a' && h <= 'f' ? (unsigned)(h - 'a' + 10)
		           : h >= 'A' && h <= 'F' ? (unsigned)(h - 'A' + 10) : 99;
		if (d > 15) return -1;
		*v = *v << 4 | d;
	}
	return 0;
}

static int put_utf8(char *o, size_t *out, size_t max, unsigned cp)
{
	unsigned char b[4];
	int l;
	if (cp < 0x80) { b[0] = (unsigned char)cp; l = 1; }
	else if (cp < 0x800) { b[0] = (unsigned char)(0xC0 | cp >> 6); b[1] = (unsigned char)(0x80 | (cp & 0x3F)); l = 2; }
	else if (cp < 0x10000) { b[0] = (unsigned char)(0xE0 | cp >> 12); b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); b[2] = (unsigned char)(0x80 | (cp & 0x3F)); l = 3; }
	else { b[0] = (unsigned char)(0xF0 | cp >> 18); b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)); b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); b[3] = (unsigned char)(0x80 | (cp & 0x3F)); l = 4; }
	if (*out + (size_t)l > max) return -1;
	memcpy(o + *out, b, (size_t)l);
	*out += (size_t)l;
	return 0;
}

/* A JSON string at j->i (opening quote) into o; returns NULL-free error text or NULL. */
static const char *jstring(jp *j, char *o, size_t *out, size_t cap)
{
	size_t start = *out;
	j->i++;
	for (;;) {
		if (j->i >= j->n) return "unterminated string";
		unsigned char ch = (unsigned char)j->s[j->i];
		if (ch == '"') { j->i++; break; }
		if (ch < 0x20) return "control character inside a string";
		if (*out - start >= CQ_CSV_MAX_FIELD) return "value longer than 256 bytes";
		if (ch == '\\') {
			if (j->i + 1 >= j->n) return "unterminated string";
			char esc = j->s[j->i + 1];
			const char *map = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
			const char *m = esc ? strchr(map, esc) : NULL;
			if (m) {
				if (*out >= cap) return "row too long";
				o[(*out)++] = to[m - map];
				j->i += 2;
				continue;
			}
			if (esc != 'u' || j->i + 6 > j->n) return "unknown escape in a string";
			unsigned cp, lo;
			if (hex4(j->s + j->i + 2, &cp)) return "bad \\u escape";
			j->i += 6;
			if (cp >= 0xDC00 && cp <= 0xDFFF) return "lone low surrogate in \\u escape";
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (j->i + 6 > j->n || j->s[j->i] != '\\' || j->s[j->i + 1] != 'u' ||
				    hex4(j->s + j->i + 2, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return "high surrogate without its low half";
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				j->i += 6;
			}
			if (cp == 0) return "\\u0000 is not allowed";
			if (put_utf8(o, out, cap, cp)) return "row too long";
			continue;
		}
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)j->s + j->i, j->n - j->i, &cp);
		if (l < 0) return "invalid UTF-8";
		if (*out + (size_t)l > cap) return "row too long";
		memcpy(o + *out, j->s + j->i, (size_t)l);
		*out += (size_t)l;
		j->i += (size_t)l;
	}
	if (*out - start > CQ_CSV_MAX_FIELD) return "value longer than 256 bytes";
	if (*out >= cap) return "row too long";
	o[(*out)++] = '\0';
	return NULL;
}

static int jfail(cq_err *e, const cq_row *row, const char *what)
{
	char field[32];
	if (row->n < CQ_CSV_MAX_FIELDS && row->name[row->n]) snprintf(field, sizeof field, "%s", row->name[row->n]);
	else field[0] = '\0';
	return cq_fail(e, CQ_E_FORMAT, field, "%s", what);
}

int cq_jsonl_next(cq_csv *c, cq_row *row, cq_err *e)
{
	for (;;) {
		if (c->pos >= c->n) return 0;
		const char *nl = memchr(c->p + c->pos, '\n', c->n - c->pos);
		size_t len = nl ? (size_t)(nl - (c->p + c->pos)) : c->n - c->pos;
		jp j = {c->p + c->pos, 0, len};
		row->line = c->line;
		row->n = 0;
		row->name[0] = NULL;
		c->pos += len + (nl ? 1 : 0);
		c->line++;
		ws(&j);
		if (j.i == j.n) continue;   /* blank line */
		if (len > CQ_CSV_MAX_LINE) return jfail(e, row, "line longer than 4096 bytes");
		if (memchr(j.s, '\0', len)) return jfail(e, row, "NUL byte in the line");
		if (j.s[j.i] != '{') return jfail(e, row, "a line must be one JSON object");
		j.i++;
		ws(&j);
		size_t out = 0, cap = sizeof row->store;
		if (j.i < j.n && j.s[j.i] == '}') { j.i++; goto end; }
		for (;;) {
			if (row->n == CQ_CSV_MAX_FIELDS) return jfail(e, row, "more than 32 members");
			row->name[row->n] = NULL;
			if (j.i >= j.n || j.s[j.i] != '"') return jfail(e, row, "expected a member name in quotes");
			char *name = row->store + out;
			const char *err = jstring(&j, row->store, &out, cap);
			if (err) return jfail(e, row, err);
			for (size_t k = 0; k < row->n; k++)
				if (!strcmp(row->name[k], name)) { row->name[row->n] = name; return jfail(e, row, "member given twice"); }
			row->name[row->n] = name;
			ws(&j);
			if (j.i >= j.n || j.s[j.i] != ':') return jfail(e, row, "expected ':' after a member name");
			j.i++;
			ws(&j);
			if (j.i >= j.n) return jfail(e, row, "missing value");
			char ch = j.s[j.i];
			if (ch == '"') {
				row->value[row->n] = row->store + out;
				err = jstring(&j, row->store, &out, cap);
				if (err) return jfail(e, row, err);
			} else if (ch == '-' || (ch >= '0' && ch <= '9')) {
				size_t s = j.i;
				if (ch == '-') j.i++;
				if (j.i >= j.n || j.s[j.i] < '0' || j.s[j.i] > '9') return jfail(e, row, "bad number");
				if (j.s[j.i] == '0' && j.i + 1 < j.n && j.s[j.i + 1] >= '0' && j.s[j.i + 1] <= '9')
					return jfail(e, row, "number with a leading zero (give it as a string)");
				while (j.i < j.n && j.s[j.i] >= '0' && j.s[j.i] <= '9') j.i++;
				if (j.i < j.n && (j.s[j.i] == '.' || j.s[j.i] == 'e' || j.s[j.i] == 'E'))
					return jfail(e, row, "only whole numbers are accepted");
				if (j.i - s > 18) return jfail(e, row, "number too long");
				if (out + (j.i - s) + 1 > cap) return jfail(e, row, "row too long");
				row->value[row->n] = row->store + out;
				memcpy(row->store + out, j.s + s, j.i - s);
				out += j.i - s;
				row->store[out++] = '\0';
			} else if (j.n - j.i >= 4 && !memcmp(j.s + j.i, "null", 4)) {
				row->value[row->n] = NULL;
				j.i += 4;
			} else if (ch == '{' || ch == '[') {
				return jfail(e, row, "nested objects and arrays are not accepted");
			} else if (ch == 't' || ch == 'f') {
				return jfail(e, row, "true/false are not accepted");
			} else {
				return jfail(e, row, "bad value");
			}
			row->n++;
			ws(&j);
			if (j.i < j.n && j.s[j.i] == ',') { j.i++; ws(&j); continue; }
			if (j.i < j.n && j.s[j.i] == '}') { j.i++; break; }
			row->name[row->n < CQ_CSV_MAX_FIELDS ? row->n : 0] = NULL;
			return jfail(e, row, "expected ',' or '}'");
		}
	end:
		ws(&j);
		if (j.i != j.n) { if (row->n < CQ_CSV_MAX_FIELDS) row->name[row->n] = NULL; return jfail(e, row, "text after the object"); }
		return 1;
	}
}
