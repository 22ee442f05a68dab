/* Composited certificates: a genuine QR on a page whose visible text says
 * something else. The page's text layer is read line by line; a line that
 * starts with a field's label ("姓名：", "证书管理号：", "年度：", "公需科目：",
 * "专业科目：", "合计：", or "（2025 年度）" in the title) gives that field's
 * visible value, which is compared with the signed one. A label that is
 * missing altogether makes the signed value's presence anywhere on the page
 * the test, so a forger cannot hide a change by deleting the label. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "composite.h"

bool text_has_content(const char *t)
{
	for (; t && *t; t++)
		if (!isspace((unsigned char)*t)) return true;
	return false;
}

/* Full-width digits and colon to ASCII, ideographic and no-break spaces
 * removed, ASCII spaces and tabs removed (labels and values are compared
 * without spaces); newlines kept. */
static char *normalise(const char *in)
{
	size_t n = strlen(in);
	char *o = malloc(n + 1), *w = o;
	if (!o) return NULL;
	for (size_t i = 0; i < n; ) {
		const unsigned char *u = (const unsigned char *)in + i;
		if (n - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
			*w++ = (char)('0' + u[2] - 0x90); i += 3; continue;          /* ０..９ */
		}
		if (n - i >= 3 && u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x9A) { *w++ = ':'; i += 3; continue; }  /* ： */
		if (n - i >= 3 && u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) { i += 3; continue; }  /* U+3000 */
		if (n - i >= 2 && u[0] == 0xC2 && u[1] == 0xA0) { i += 2; continue; }                 /* U+00A0 */
		if (*u == ' ' || *u == '\t' || *u == '\r' || *u == '\f') { i++; continue; }
		*w++ = (char)*u;
		i++;
	}
	*w = 0;
	return o;
}

static void nospace(const char *in, char *out, size_t cap)
{
	size_t k = 0;
	for (; *in && k + 1 < cap; in++)
		if (*in != ' ') out[k++] = *in;
	out[k] = 0;
}

static void add(fdiff *out, unsigned cap, unsigned *n, const char *field, const char *want, const char *seen)
{
	for (unsigned i = 0; i < *n; i++)     /* one report per field and value */
		if (!strcmp(out[i].field, field) && !strcmp(out[i].seen, seen)) return;
	if (*n >= cap) return;
	snprintf(out[*n].field, sizeof out[*n].field, "%s", field);
	snprintf(out[*n].want, sizeof out[*n].want, "%s", want);
	snprintf(out[*n].seen, sizeof out[*n].seen, "%s", seen);
	(*n)++;
}

/* First run of digits in s (at most `max` digits kept) into buf; 0 if none. */
static int digits(const char *s, char *buf, size_t cap)
{
	while (*s && !isdigit((unsigned char)*s)) {
		if (*s == '\n') return 0;
		s++;
	}
	size_t k = 0;
	while (isdigit((unsigned char)*s) && k + 1 < cap) buf[k++] = *s++;
	buf[k] = 0;
	return k > 0;
}

/* The rest of the line after `label` (and an optional ':'), if the line
 * starts with the label. */
static const char *after_label(const char *line, const char *label)
{
	size_t n = strlen(label);
	if (strncmp(line, label, n)) return NULL;
	line += n;
	if (*line == ':') line++;
	return line;
}

static void line_value(const char *v, char *buf, size_t cap)
{
	size_t k = 0;
	while (v[k] && v[k] != '\n' && k + 1 < cap) { buf[k] = v[k]; k++; }
	buf[k] = 0;
}

typedef struct field_spec {
	const char *field;
	const char *labels[4];
	int numeric;             /* compare the first digit run */
} field_spec;

static const field_spec FIELDS[] = {
	{"name", {"姓名", "Name", NULL}, 0},
	{"number", {"证书管理号", "证书编号", "CertificateNo.", "Certificatenumber"}, 1},
	{"year", {"年度", "Year", NULL}, 1},
	{"hours_public", {"公需科目学时", "公需科目", "Publichours", NULL}, 1},
	{"hours_professional", {"专业科目学时", "专业科目", "Professionalhours", NULL}, 1},
	{"hours_total", {"合计学时", "合计", "总学时", "Totalhours"}, 1},
};

unsigned composite_check(const char *text, const cq_record *r, fdiff *out, unsigned cap)
{
	char *t = normalise(text);
	if (!t) return 0;
	char want[6][100];
	nospace(r->name, want[0], sizeof want[0]);
	snprintf(want[1], sizeof want[1], "%s", r->number);
	snprintf(want[2], sizeof want[2], "%u", r->year);
	snprintf(want[3], sizeof want[3], "%u", r->hours_public);
	snprintf(want[4], sizeof want[4], "%u", r->hours_professional);
	snprintf(want[5], sizeof want[5], "%u", cq_record_total(r));
	bool labelled[6] = {false};
	unsigned n = 0;
	for (char *line = t; line && *line; ) {
		char *nl = strchr(line, '\n');
		for (size_t f = 0; f < 6; f++) {
			for (size_t l = 0; l < 4 && FIELDS[f].labels[l]; l++) {
				const char *v = after_label(line, FIELDS[f].labels[l]);
				if (!v) continue;
				char seen[100];
				if (FIELDS[f].numeric) {
					if (!digits(v, seen, sizeof seen)) {
						/* a label whose value moved to the next line */
						if (*v == '\n' || !*v) break;
						line_value(v, seen, sizeof seen);
					}
				} else {
					line_value(v, seen, sizeof seen);
					if (!*seen && nl) line_value(nl + 1, seen, sizeof seen);
				}
				if (!*seen) break;
				labelled[f] = true;
				if (strcmp(seen, want[f])) add(out, cap, &n, FIELDS[f].field, want[f], seen);
				break;
			}
		}
		/* The ID number printed on the page must match the signed binding
		 * (only its last four characters are ever reported). */
		const char *idv = after_label(line, "身份证号码");
		if (!idv) idv = after_label(line, "身份证号");
		if (idv) {
			char id[100];
			line_value(idv, id, sizeof id);
			if (strlen(id) == CQ_ID_LEN && !cq_record_id_matches(r, id)) {
				char w4[16], s4[16];
				snprintf(w4, sizeof w4, "…%s", r->id_hint);
				snprintf(s4, sizeof s4, "…%.4s", id + CQ_ID_LEN - 4);
				add(out, cap, &n, "id_number", w4, s4);
			}
		}
		/* "（2025年度）" in a title line: the year again */
		for (char *y = strstr(line, "年度"); y && (!nl || y < nl); y = strstr(y + 1, "年度")) {
			if (y - line >= 4 && isdigit((unsigned char)y[-1]) && isdigit((unsigned char)y[-4])) {
				char seen[5];
				memcpy(seen, y - 4, 4);
				seen[4] = 0;
				labelled[2] = true;
				if (strcmp(seen, want[2])) add(out, cap, &n, "year", want[2], seen);
			}
		}
		line = nl ? nl + 1 : NULL;
	}
	/* Name, number and year must be on the page: absent labels mean the
	 * signed value has to appear somewhere. */
	for (size_t f = 0; f < 3; f++)
		if (!labelled[f] && !strstr(t, want[f])) add(out, cap, &n, FIELDS[f].field, want[f], "(not on page)");
	free(t);
	return n;
}
