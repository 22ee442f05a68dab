/* Writing CSV for spreadsheets (program side, lib/io/csvout.c). Every CSV
 * certqr writes (certqr-issue's rejects.csv and below-rule.csv, the file
 * verifier's --csv) goes through these two functions, so each file opens
 * correctly in Excel and LibreOffice Calc. */
#ifndef CERTQR_CSVOUT_H
#define CERTQR_CSVOUT_H

#include <stdio.h>

enum {
	CQ_CSV_LAST = 1,   /* the row's last cell: ends the line */
	CQ_CSV_TEXT = 2,   /* digits that must stay text (see cq_csv_cell) */
};

/* Starts a file: the UTF-8 byte-order mark, without which Excel reads a
 * UTF-8 file as the system code page and garbles every Chinese character. */
void cq_csv_bom(FILE *f);

/* Writes one cell and then ',' (or '\n' with CQ_CSV_LAST).
 * - Every character cq_escape_char escapes is escaped (certqr/escape.h): a
 *   cell holds no control character (no ESC, no line break), no bidi or
 *   zero-width character; a TAB or CR becomes the text \t or \r.
 * - A cell a spreadsheet would run as a formula (its first non-space
 *   character = + - @, or their full-width forms ＝ ＋ － ＠) is written
 *   quoted with a leading apostrophe, so it shows as text
 *   (=cmd|' /C calc'!A0 becomes "'=cmd|' /C calc'!A0").
 * - A cell holding a comma, quote or semicolon, or with a leading or
 *   trailing space, is quoted, quotes doubled.
 * - With CQ_CSV_TEXT, a cell of digits (a 13-digit certificate number, an
 *   ID number or its last four, "0516") is written after a TAB: Excel and
 *   LibreOffice then keep it as text, with its leading zeros and all its
 *   digits, instead of 516 or 4.10102E+12. tests/sh/spreadsheet.sh opens
 *   the files in LibreOffice to check. */
void cq_csv_cell(FILE *f, const char *s, unsigned flags);

#endif
