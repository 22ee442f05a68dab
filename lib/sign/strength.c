/* Whether a passphrase for a root or issuer key is weak. libsodium has no
 * strength meter, and an estimate of guesses would promise more than it
 * knows; these rules only catch what an attacker with a stolen key file
 * tries first, at argon2id's cost per guess. Documented in certqr-keys(1). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "certqr/seckey.h"
#include "certqr/utf8.h"

#define MIN_CHARS    12
#define MIN_DISTINCT 6
#define MIN_LEFT     8

/* Words and runs an attacker's list starts with (compared ignoring case). */
static const char *const obvious[] = {
	"password", "passwd", "passphrase", "secret", "certqr", "admin", "root", "issuer", "qwerty", "asdf", "zxcv",
	"abcdef", "abc", "123456", "654321", "111111", "888888", "666666", "iloveyou", "welcome", "letmein",
	"henan", "zhengzhou", "kaifeng", "luoyang", "pingdingshan", "anyang", "hrss", "renshe", "woaini", NULL,
};

int cq_passphrase_weak(const char *p, size_t n, char why[160])
{
	long chars = cq_utf8_count(p, n);
	if (chars < 0) chars = (long)n;
	if (chars < MIN_CHARS) {
		snprintf(why, 160, "shorter than %d characters", MIN_CHARS);
		return 1;
	}
	/* distinct characters (bytes stand in for them: enough to catch repeats) */
	unsigned char seen[256] = {0};
	int distinct = 0, digits = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (!seen[c]++) distinct++;
		digits += isdigit(c) != 0;
	}
	if (distinct < MIN_DISTINCT) {
		snprintf(why, 160, "fewer than %d different characters", MIN_DISTINCT);
		return 1;
	}
	if ((size_t)digits == n) {
		snprintf(why, 160, "only digits (a date, a telephone or an ID number is guessed first)");
		return 1;
	}
	/* what is left without the obvious words, digits and punctuation */
	char low[512];
	size_t m = n < sizeof low - 1 ? n : sizeof low - 1;
	for (size_t i = 0; i < m; i++) low[i] = (char)tolower((unsigned char)p[i]);
	low[m] = '\0';
	for (int w = 0; obvious[w]; w++)
		for (char *hit; (hit = strstr(low, obvious[w]));) memset(hit, ' ', strlen(obvious[w]));
	size_t left = 0;
	for (size_t i = 0; i < m; i++) left += isalpha((unsigned char)low[i]) || (unsigned char)low[i] >= 0x80;
	if (left < MIN_LEFT) {
		snprintf(why, 160, "made of a common word, a place name, a keyboard run or digits");
		return 1;
	}
	return 0;
}
