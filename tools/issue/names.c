/* A name is issued only when every certqr program can draw it: the shared
 * coverage of the font chain (certqr/coverage.h), and the faces this
 * machine actually embeds in the PDF. The message names the character and
 * says what to do, in Chinese and English. */
#include <stdio.h>
#include <string.h>
#include "certqr/coverage.h"
#include "certqr/utf8.h"
#include "issue.h"

/* The character itself, when it is safe to print; else nothing. */
static void show(uint32_t cp, char out[8])
{
	unsigned char b[4];
	int l;
	out[0] = '\0';
	if (cp < 0x80) { b[0] = (unsigned char)cp; l = 1; }
	else if (cp < 0x800) { b[0] = (unsigned char)(0xC0 | cp >> 6); b[1] = (unsigned char)(0x80 | (cp & 0x3F)); l = 2; }
	else if (cp < 0x10000) { b[0] = (unsigned char)(0xE0 | cp >> 12); b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); b[2] = (unsigned char)(0x80 | (cp & 0x3F)); l = 3; }
	else { b[0] = (unsigned char)(0xF0 | cp >> 18); b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F)); b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F)); b[3] = (unsigned char)(0x80 | (cp & 0x3F)); l = 4; }
	if (cq_utf8_printable((const char *)b, (size_t)l)) { memcpy(out, b, (size_t)l); out[l] = '\0'; }
}

int issue_name_drawable(const issue_font *font, const char *name, char zh[320], char en[320])
{
	uint32_t cp;
	char c[8];
	if (cq_coverage_check(name, strlen(name), &cp) == 0) {
		if (!font || issue_font_covers(font, name, 0, &cp)) return 1;
		/* covered, but a face of the chain is not this machine's */
		show(cp, c);
		snprintf(zh, 320, "本机字库缺少「%s」（U+%04X）：请安装 tools/data/fonts.txt 所列的字体后重新签发", c, (unsigned)cp);
		snprintf(en, 320, "this machine's fonts lack %s (U+%04X): install the fonts of tools/data/fonts.txt and issue again",
		         c, (unsigned)cp);
		return 0;
	}
	show(cp, c);
	snprintf(zh, 320, "姓名中的「%s」（U+%04X）不在所有核验端都能显示的字库内：请与身份证核对写法（输入法常给出形近字或兼容字）；"
	         "身份证上确为此字的，暂不能签发，请报省级管理员扩充字库，切勿改用别的字", c, (unsigned)cp);
	snprintf(en, 320, "character %s (U+%04X) of the name is not in the fonts every verifier draws with: check it "
	         "against the ID card; if it is right, report it to have the font chain extended, never substitute another character",
	         c, (unsigned)cp);
	return 0;
}
