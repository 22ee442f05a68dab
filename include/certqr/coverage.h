/* Which characters every certqr program can draw.
 *
 * One font chain serves the certificate PDF, the kiosk screen, the HTML
 * report and the web page: free fonts from Debian, in this order, each
 * character taken from the first face that has it. The coverage is the set
 * of code points that chain draws within what a name may hold (Han
 * ideographs of GB 18030-2022: the URO, Extensions A-F and the
 * compatibility ideographs; Latin letters, space and U+00B7). A name is
 * issued only when every character is covered, so no verifier shows a
 * genuine holder's name with a missing glyph.
 *
 * Data: tools/data/fonts.txt holds the same chain and ranges (a unit test
 * compares them; tests/sh/names.sh checks the ranges against the installed
 * fonts). Pure: the fonts are named here and opened by the programs. */
#ifndef CERTQR_COVERAGE_H
#define CERTQR_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct cq_font_face {
	const char *path;      /* the Debian path of the font file */
	unsigned index;        /* face within a collection (.ttc) */
	const char *package;   /* the Debian package that installs it */
	const char *family;    /* its family name, for CSS font-family */
} cq_font_face;

#define CQ_FONT_CHAIN_LEN 4
extern const cq_font_face cq_font_chain[CQ_FONT_CHAIN_LEN];

/* The chain as a CSS font-family list for HTML (the file verifier's report,
 * the web page): the chain's families, then common system CJK fonts of
 * Windows, macOS, Android and iOS, then the generic family. */
#define CQ_FONT_FAMILY_CSS \
	"\"WenQuanYi Zen Hei\",\"HanaMinA\",\"HanaMinB\",\"BabelStone Han\"," \
	"\"Noto Sans CJK SC\",\"Source Han Sans SC\",\"PingFang SC\",\"Microsoft YaHei\"," \
	"\"SimSun\",\"SimSun-ExtB\",\"SimSun-ExtG\",sans-serif"

typedef struct cq_cp_range { uint32_t first, last; } cq_cp_range;

/* The covered ranges, ascending and disjoint; *n receives their count. */
const cq_cp_range *cq_coverage_ranges(size_t *n);

/* Whether every program draws code point cp. */
bool cq_coverage_has(uint32_t cp);

/* Checks UTF-8 text s[0..n). Returns 0 when every character is covered;
 * -1 otherwise, with *missing set to the first character that is not
 * (U+FFFD for bytes that are not valid UTF-8). */
int cq_coverage_check(const char *s, size_t n, uint32_t *missing);

#endif
