#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "certqr/armor.h"
#include "certqr/io.h"

#define WHY(...) snprintf(why, 256, __VA_ARGS__)

int cq_read_file(const char *path, size_t max, char **buf, size_t *len, char why[256])
{
	int fd = strcmp(path, "-") == 0 ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) { WHY("%s: %s", path, strerror(errno)); return -1; }
	size_t cap = 4096, n = 0;
	char *b = malloc(cap + 1);
	if (!b) { WHY("out of memory"); goto fail; }
	for (;;) {
		if (n == cap) {
			if (cap > max) break;
			size_t nc = cap * 2 > max + 1 ? max + 1 : cap * 2;
			char *nb = realloc(b, nc + 1);
			if (!nb) { WHY("out of memory"); goto fail; }
			b = nb;
			cap = nc;
		}
		ssize_t r = read(fd, b + n, cap - n);
		if (r < 0 && errno == EINTR) continue;
		if (r < 0) { WHY("%s: %s", path, strerror(errno)); goto fail; }
		if (r == 0) break;
		n += (size_t)r;
	}
	if (n > max) { WHY("%s: larger than %zu bytes", path, max); goto fail; }
	if (fd != STDIN_FILENO) close(fd);
	b[n] = '\0';
	*buf = b;
	*len = n;
	return 0;
fail:
	free(b);
	if (fd != STDIN_FILENO) close(fd);
	return -1;
}

int cq_map_file(const char *path, size_t max, const uint8_t **data, size_t *len, char why[256])
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) { WHY("%s: %s", path, strerror(errno)); return -1; }
	struct stat st;
	if (fstat(fd, &st)) { WHY("%s: %s", path, strerror(errno)); close(fd); return -1; }
	if (!S_ISREG(st.st_mode)) { WHY("%s: not a regular file", path); close(fd); return -1; }
	if (st.st_size <= 0 || (uint64_t)st.st_size > max) {
		WHY("%s: %s", path, st.st_size <= 0 ? "empty file" : "larger than the limit");
		close(fd);
		return -1;
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED) { WHY("%s: %s", path, strerror(errno)); return -1; }
	*data = p;
	*len = (size_t)st.st_size;
	return 0;
}

void cq_unmap_file(const uint8_t *data, size_t len)
{
	if (data) munmap((void *)(uintptr_t)data, len);
}

int cq_read_secret_file(const char *path, size_t max, char **buf, size_t *len, char why[256])
{
	struct stat st;
	if (stat(path, &st) != 0) { WHY("%s: %s", path, strerror(errno)); return -1; }
	if (!S_ISREG(st.st_mode)) { WHY("%s: not a regular file", path); return -1; }
	if (st.st_mode & 077) {
		/* A public key or delegation here is two arguments swapped, not a
		 * key to chmod: say that (the file is readable by others anyway). */
		char *b, w[256], magic[5] = "";
		size_t n;
		if (cq_read_file(path, CQ_ARMOR_MAX_TEXT, &b, &n, w) == 0) {
			if (cq_armor_magic(b, n, magic)) magic[0] = '\0';
			sodium_memzero(b, n);
			free(b);
		}
		if (magic[0] && strcmp(magic, "CQSK"))
			WHY("%s: this is %s, but a secret key (.key) is needed here (two arguments swapped?)", path,
			    cq_armor_kind_name(magic));
		else
			WHY("%s: permissions %04o are too open for a secret key: chmod 600 %s",
			    path, (unsigned)(st.st_mode & 07777), path);
		return -1;
	}
	return cq_read_file(path, max, buf, len, why);
}

int cq_write_all(int fd, const void *data, size_t n)
{
	const char *p = data;
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	if (!copy) return;
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd >= 0) { fsync(dfd); close(dfd); }
	free(copy);
}

static int write_tmp_rename(const char *path, const void *data, size_t n, unsigned mode,
                            bool replace, char why[256])
{
	struct stat st;
	if (!replace && lstat(path, &st) == 0) { WHY("%s exists (use -f to replace it)", path); return -1; }
	size_t pl = strlen(path);
	char *tmp = malloc(pl + 16);
	if (!tmp) { WHY("out of memory"); return -1; }
	snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd < 0) { WHY("%s: %s", tmp, strerror(errno)); free(tmp); return -1; }
	if (fchmod(fd, mode) != 0 || cq_write_all(fd, data, n) != 0 || fsync(fd) != 0) {
		WHY("%s: %s", tmp, strerror(errno));
		close(fd);
		unlink(tmp);
		free(tmp);
		return -1;
	}
	close(fd);
	if (rename(tmp, path) != 0) {
		WHY("%s: %s", path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	sync_dir_of(path);
	return 0;
}

int cq_write_atomic(const char *path, const void *data, size_t n, unsigned mode,
                    bool replace, char why[256])
{
	return write_tmp_rename(path, data, n, mode, replace, why);
}

int cq_write_secret(const char *path, const void *data, size_t n, bool force, char why[256])
{
	if (force) return write_tmp_rename(path, data, n, 0600, true, why);
	/* Written and synced under a temporary name, then linked into place:
	 * link() refuses an existing path (or symlink) like O_EXCL, and a crash
	 * at any point leaves either no key or the whole key, never a
	 * truncated one that blocks the re-run (tests/sh/faults_keys.sh). */
	struct stat st;
	if (lstat(path, &st) == 0) { WHY("%s exists (use -f to replace it)", path); return -1; }
	size_t pl = strlen(path);
	char *tmp = malloc(pl + 16);
	if (!tmp) { WHY("out of memory"); return -1; }
	snprintf(tmp, pl + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp); /* mode 0600 */
	if (fd < 0) { WHY("%s: %s", tmp, strerror(errno)); free(tmp); return -1; }
	int rc = -1;
	if (fchmod(fd, 0600) != 0 || cq_write_all(fd, data, n) != 0 || fsync(fd) != 0)
		WHY("%s: %s", tmp, strerror(errno));
	else if (link(tmp, path) != 0) {
		if (errno == EEXIST) WHY("%s exists (use -f to replace it)", path);
		else WHY("%s: %s", path, strerror(errno));
	} else
		rc = 0;
	close(fd);
	unlink(tmp);
	free(tmp);
	if (rc == 0) sync_dir_of(path);
	return rc;
}
