#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include "certqr/io.h"

#define PASS_MAX 1024
#define WHY(...) snprintf(why, 256, __VA_ARGS__)

void cq_passphrase_free(char *p)
{
	if (p) sodium_free(p); /* wipes */
}

static char *from_fd(int fd, bool tty, const char *prompt, char why[256])
{
	struct termios old, quiet;
	char *p = sodium_malloc(PASS_MAX + 1);
	if (!p) { WHY("out of secure memory"); return NULL; }
	if (tty) {
		if (write(fd, prompt, strlen(prompt)) < 0) {}
		tcgetattr(fd, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fd, TCSAFLUSH, &quiet);
	}
	size_t n = 0;
	char c;
	ssize_t r;
	bool nul = false;
	while ((r = read(fd, &c, 1)) == 1 && c != '\n') {
		if (c == '\0') { nul = true; break; }
		if (n == PASS_MAX) { n = PASS_MAX + 1; break; }
		p[n++] = c;
	}
	int err = r < 0 ? errno : 0;
	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		if (write(fd, "\n", 1) < 0) {}
	}
	/* A read error is not the end of the passphrase: using the part read
	 * so far would seal a key under a passphrase nobody typed. */
	if (err) { WHY("cannot read the passphrase: %s", strerror(err)); sodium_free(p); return NULL; }
	/* A NUL would end the passphrase early: the key would open (or be
	 * sealed) with only the bytes before it, which nobody chose. */
	if (nul) { WHY("the passphrase holds a NUL byte: refused (a passphrase is text, without NUL bytes)"); sodium_free(p); return NULL; }
	if (n > PASS_MAX) { WHY("passphrase longer than %d bytes", PASS_MAX); sodium_free(p); return NULL; }
	if (n && p[n - 1] == '\r') n--;
	p[n] = '\0';
	return p;
}

char *cq_passphrase_get(const cq_passsrc *src, const char *prompt, bool confirm, char why[256])
{
	char *p = NULL;
	if (src->file && src->env) { WHY("give a passphrase file or an environment variable, not both"); return NULL; }
	if (src->env) {
		const char *v = getenv(src->env);
		if (!v) { WHY("environment variable %s is not set", src->env); return NULL; }
		size_t n = strlen(v);
		if (n > PASS_MAX) { WHY("passphrase longer than %d bytes", PASS_MAX); return NULL; }
		if (!(p = sodium_malloc(n + 1))) { WHY("out of secure memory"); return NULL; }
		memcpy(p, v, n + 1);
	} else if (src->file) {
		int fd = open(src->file, O_RDONLY | O_CLOEXEC);
		if (fd < 0) { WHY("%s: %s", src->file, strerror(errno)); return NULL; }
		p = from_fd(fd, false, "", why);
		close(fd);
	} else {
		int fd = open("/dev/tty", O_RDWR | O_CLOEXEC);
		if (fd < 0) { WHY("no terminal to ask for a passphrase: use --passphrase-file or --passphrase-env"); return NULL; }
		p = from_fd(fd, true, prompt, why);
		if (p && confirm) {
			char *again = from_fd(fd, true, "Confirm passphrase: ", why);
			if (!again || strcmp(again, p) != 0) {
				if (again) WHY("passphrases do not match");
				cq_passphrase_free(again);
				cq_passphrase_free(p);
				p = NULL;
			} else
				cq_passphrase_free(again);
		}
		close(fd);
	}
	if (p && !*p) { WHY("empty passphrase"); cq_passphrase_free(p); return NULL; }
	return p;
}
