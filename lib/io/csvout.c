/* CSV cells for spreadsheets: see include/certqr/csvout.h. */
#include <stdbool.h>
#include <string.h>
#include "certqr/csvout.h"
#include "certqr/escape.h"

void cq_csv_bom(FILE *f) { fputs("\xEF\xBB\xBF", f); }

static bool digits_only(const char *s)
{
	if (!*s) return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == 'X')) return false;
	return true;
}

/* Characters that make a spreadsheet read a cell as a formula (or a DDE
 * command) when they come first: = + - @, and their full-width forms,
 * which Chinese input methods type and some spreadsheets fold to ASCII.
 * Leading spaces do not hide them. (A TAB or CR first is escaped below,
 * so it can no longer start a formula.) */
static bool formula_start(const char *s)
{
	while (*s == ' ') s++;
	if (*s == '=' || *s == '+' || *s == '-' || *s == '@') return true;
	static const char *const wide[] = {"\xEF\xBC\x9D", "\xEF\xBC\x8B", "\xEF\xBC\x8D", "\xEF\xBC\xA0"};
	for (size_t i = 0; i < sizeof wide / sizeof *wide; i++)
		if (!strncmp(s, wide[i], 3)) return true;
	return false;
}

void cq_csv_cell(FILE *f, const char *s, unsigned flags)
{
	size_t n = strlen(s), used;
	bool formula = formula_start(s);
	bool quote = formula || strpbrk(s, ",\";") || (n && (s[0] == ' ' || s[n - 1] == ' '));
	/* after the formula check: a tab before digits is ours, and digits
	 * cannot run as a formula */
	if (!quote && (flags & CQ_CSV_TEXT) && digits_only(s)) fputc('\t', f);
	if (quote) fputc('"', f);
	if (formula) fputc('\'', f);
	/* Escaped as on a terminal (certqr/escape.h): no control character (ESC,
	 * a line break), no bidi or zero-width character reaches the cell. */
	char e[CQ_ESCAPE_CHAR_MAX];
	for (size_t i = 0; i < n; i += used) {
		size_t k = cq_escape_char(s + i, n - i, e, &used);
		if (e[0] == '"') fputc('"', f);
		fwrite(e, 1, k, f);
	}
	if (quote) fputc('"', f);
	fputc(flags & CQ_CSV_LAST ? '\n' : ',', f);
}
