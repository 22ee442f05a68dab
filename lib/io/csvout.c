/* CSV cells for spreadsheets: see include/certqr/csvout.h. */
#include <stdbool.h>
#include <string.h>
#include "certqr/csvout.h"

void cq_csv_bom(FILE *f) { fputs("\xEF\xBB\xBF", f); }

static bool digits_only(const char *s)
{
	if (!*s) return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == 'X')) return false;
	return true;
}

void cq_csv_cell(FILE *f, const char *s, unsigned flags)
{
	bool formula = s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r';
	bool quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	/* after the formula check: a tab before digits is ours, and digits
	 * cannot run as a formula */
	if (!quote && (flags & CQ_CSV_TEXT) && digits_only(s)) fputc('\t', f);
	if (quote) fputc('"', f);
	if (formula) fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"') fputc('"', f);
		fputc(*s, f);
	}
	if (quote) fputc('"', f);
	fputc(flags & CQ_CSV_LAST ? '\n' : ',', f);
}
