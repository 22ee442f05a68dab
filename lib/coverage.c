/* The font chain and what it draws: see include/certqr/coverage.h.
 * Kept identical to tools/data/fonts.txt (a unit test compares them). */
#include "certqr/coverage.h"
#include "certqr/utf8.h"

const cq_font_face cq_font_chain[CQ_FONT_CHAIN_LEN] = {
	{"/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0, "fonts-wqy-zenhei", "WenQuanYi Zen Hei"},
	{"/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", 0, "fonts-hanazono", "HanaMinA"},
	{"/usr/share/fonts/truetype/hanazono/HanaMinB.ttf", 0, "fonts-hanazono", "HanaMinB"},
	{"/usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf", 0, "fonts-babelstone-han", "BabelStone Han"},
};

/* Every assigned code point of these blocks up to Unicode 15.0, except
 * Extension I (U+2EBF0-2EE5D), which no font of the chain has yet. */
static const cq_cp_range ranges[] = {
	{0x0020, 0x0020},   /* space, between Latin-letter name parts */
	{0x0041, 0x005A},
	{0x0061, 0x007A},
	{0x00B7, 0x00B7},   /* the dot of minority names */
	{0x3400, 0x4DBF},   /* Extension A */
	{0x4E00, 0x9FFF},   /* the URO */
	{0xF900, 0xFA6D},   /* compatibility ideographs */
	{0xFA70, 0xFAD9},
	{0x20000, 0x2A6DF}, /* Extension B */
	{0x2A700, 0x2B739}, /* Extension C */
	{0x2B740, 0x2B81D}, /* Extension D */
	{0x2B820, 0x2CEA1}, /* Extension E */
	{0x2CEB0, 0x2EBE0}, /* Extension F */
	{0x2F800, 0x2FA1D}, /* compatibility supplement */
};

const cq_cp_range *cq_coverage_ranges(size_t *n)
{
	*n = sizeof ranges / sizeof *ranges;
	return ranges;
}

bool cq_coverage_has(uint32_t cp)
{
	size_t lo = 0, hi = sizeof ranges / sizeof *ranges;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < ranges[mid].first) hi = mid;
		else if (cp > ranges[mid].last) lo = mid + 1;
		else return true;
	}
	return false;
}

int cq_coverage_check(const char *s, size_t n, uint32_t *missing)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int l = cq_utf8_next((const unsigned char *)s + i, n - i, &cp);
		if (l < 0) { *missing = 0xFFFD; return -1; }
		if (!cq_coverage_has(cp)) { *missing = cp; return -1; }
		i += (size_t)l;
	}
	return 0;
}
