/* Text inputs: payload texts on the command line, or one per line from a
 * file or stdin, as a USB keyboard-wedge scanner types them. Empty lines are
 * skipped; CR/LF endings are accepted; spaces are kept (base45 uses them). A line with a NUL byte is judged
 * like any other text (it is not a certificate, or a malformed one). A UTF-8
 * byte order mark at the start of the file (Windows Notepad writes one)
 * belongs to the file, not to its first text, and is dropped. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "verify.h"

int input_text_arg(vctx *c, const char *text, unsigned index)
{
	char source[32];
	snprintf(source, sizeof source, "argv:%u", index);
	verify_text(c, source, text, strlen(text));
	return 0;
}

int input_text_file(vctx *c, const char *path)
{
	bool is_stdin = !strcmp(path, "-");
	const char *name = is_stdin ? "stdin" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	char source[160], why[256];
	if (!f) {
		snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
		verify_unreadable(c, path, why);
		return -1;
	}
	char *line = malloc(VERIFY_LINE_MAX + 1);
	if (!line) {
		verify_unreadable(c, name, "out of memory");
		if (!is_stdin) fclose(f);
		return -1;
	}
	unsigned long lineno = 0;
	int rc = 0;
	for (;;) {
		size_t n = 0;
		bool too_long = false;
		int ch;
		while ((ch = getc(f)) != EOF && ch != '\n') {
			if (n < VERIFY_LINE_MAX) line[n++] = (char)ch;
			else too_long = true;
		}
		if (ch == EOF && n == 0 && !too_long) break;
		lineno++;
		if (lineno == 1 && n >= 3 && !memcmp(line, "\xef\xbb\xbf", 3)) {
			memmove(line, line + 3, n - 3);
			n -= 3;
		}
		snprintf(source, sizeof source, "%.120s:%lu", name, lineno);
		if (too_long) {
			snprintf(why, sizeof why, "line longer than %d bytes", VERIFY_LINE_MAX);
			verify_unreadable(c, source, why);
			rc = -1;
		} else {
			/* Only CR is stripped: base45 has a space in its alphabet, so
			 * spaces are part of the text. */
			while (n && line[n - 1] == '\r') n--;
			line[n] = '\0';
			if (n) verify_text(c, source, line, n);
			/* A scanner at a counter: answer each line as it comes. */
			if (is_stdin) fflush(c->out);
		}
		if (c->inputs >= VERIFY_INPUTS_MAX) {
			snprintf(why, sizeof why, "more than %d inputs; the rest was not read", VERIFY_INPUTS_MAX);
			verify_unreadable(c, name, why);
			rc = -1;
			break;
		}
		if (ch == EOF) break;
	}
	if (ferror(f)) {
		snprintf(why, sizeof why, "read error: %s", strerror(errno));
		verify_unreadable(c, name, why);
		rc = -1;
	}
	free(line);
	if (!is_stdin) fclose(f);
	return rc;
}
