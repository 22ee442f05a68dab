/* A report written while the batch runs: rows go to "PATH.tmp.XXXXXX" in
 * the report's folder as files complete, and only a finished report is
 * renamed over PATH (after fsync), so a reader never sees half of one. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "certqr/io.h"
#include "outfile.h"

int outfile_open(outfile *o, const char *path)
{
	memset(o, 0, sizeof *o);
	o->path = path;
	size_t n = strlen(path) + 16;
	if (!(o->tmp = malloc(n))) { cq_warn("%s: out of memory", path); return -1; }
	snprintf(o->tmp, n, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(o->tmp);
	if (fd < 0 || fchmod(fd, 0644) || !(o->f = fdopen(fd, "w+"))) {
		cq_warn("%s: %s", o->tmp, strerror(errno));
		if (fd >= 0) { close(fd); unlink(o->tmp); }
		free(o->tmp);
		o->tmp = NULL;
		return -1;
	}
	return 0;
}

int outfile_commit(outfile *o)
{
	if (!o->f) return -1;
	int rc = 0;
	if (fflush(o->f) || ferror(o->f) || fsync(fileno(o->f))) { cq_warn("%s: %s", o->tmp, strerror(errno)); rc = -1; }
	if (fclose(o->f) && !rc) { cq_warn("%s: %s", o->tmp, strerror(errno)); rc = -1; }
	o->f = NULL;
	if (!rc && rename(o->tmp, o->path)) { cq_warn("%s: %s", o->path, strerror(errno)); rc = -1; }
	if (rc) unlink(o->tmp);
	free(o->tmp);
	o->tmp = NULL;
	return rc;
}

void outfile_discard(outfile *o)
{
	if (o->f) { fclose(o->f); unlink(o->tmp); }
	o->f = NULL;
	free(o->tmp);
	o->tmp = NULL;
}
