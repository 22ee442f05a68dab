/* The inputs of certqr-verify files: the paths given, the folders searched
 * (walk.h). Nothing is followed out of the folder given and nothing found
 * is dropped in silence: what is not checked gets a row with its reason. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "certqr/io.h"
#include "walk.h"

#define FILES_MAX_INPUTS 100000
#define FILES_MAX_DEPTH  32

static int push_why(paths *p, const char *s, const char *why)
{
	if (p->n >= FILES_MAX_INPUTS) { cq_warn("more than %d files: split the batch", FILES_MAX_INPUTS); return -1; }
	if (p->n == p->cap) {
		size_t c = p->cap ? p->cap * 2 : 64;
		char **v = realloc(p->v, c * sizeof *v);
		if (!v) return -1;
		p->v = v;
		char **w = realloc(p->why, c * sizeof *w);
		if (!w) return -1;
		p->why = w;
		p->cap = c;
	}
	p->why[p->n] = NULL;
	if (!(p->v[p->n] = strdup(s)) || (why && !(p->why[p->n] = strdup(why)))) { free(p->v[p->n]); return -1; }
	p->n++;
	return 0;
}

static int push(paths *p, const char *s) { return push_why(p, s, NULL); }

static bool wanted_name(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || name[0] == '.') return false;
	return !strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") || !strcasecmp(dot, ".jpeg");
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* What a directory entry is to the batch: checked, searched, skipped with a
 * row (the reason in why), or not of interest (ignored: other file types). */
typedef enum { ENT_IGNORE, ENT_FILE, ENT_DIR, ENT_GAP } entry_kind;

static entry_kind classify(const char *full, const char *name, char why[200])
{
	struct stat st, to;
	if (lstat(full, &st)) { snprintf(why, 200, "未检查：无法读取 not checked: %s", strerror(errno)); return ENT_GAP; }
	bool hidden = name[0] == '.';
	const char *dot = strrchr(name, '.');
	bool wanted = wanted_name(hidden ? name + 1 : name) || (hidden && dot && dot != name && wanted_name(name + 1));
	if (S_ISLNK(st.st_mode)) {
		/* never followed: it may lead out of the folder given, or in a
		 * loop; the committee checks its target directly */
		if (stat(full, &to) == 0 && (S_ISDIR(to.st_mode) || (S_ISREG(to.st_mode) && wanted))) {
			snprintf(why, 200, "未检查：符号链接不跟随，请直接检查其目标 not checked: a symbolic link%s is not followed (check its target directly)",
			         S_ISDIR(to.st_mode) ? " to a folder" : "");
			return ENT_GAP;
		}
		return ENT_IGNORE;
	}
	if (hidden && (S_ISDIR(st.st_mode) || wanted)) {
		snprintf(why, 200, "未检查：隐藏的%s not checked: hidden %s (name starts with '.')",
		         S_ISDIR(st.st_mode) ? "文件夹" : "文件", S_ISDIR(st.st_mode) ? "folder" : "file");
		return ENT_GAP;
	}
	if (S_ISDIR(st.st_mode)) return ENT_DIR;
	if (!wanted) return ENT_IGNORE;
	if (S_ISREG(st.st_mode)) return ENT_FILE;
	snprintf(why, 200, "未检查：不是普通文件 not checked: not a regular file");
	return ENT_GAP;
}

/* The entries of an open folder of interest to the batch, into `here`
 * (unsorted). 0, or -1 when out of memory; a read error is added to p as
 * the folder's own row. */
static int read_entries(paths *p, paths *here, const char *dir, DIR *d)
{
	struct dirent *e;
	int rc = 0;
	errno = 0;
	while (!rc && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
		size_t len = strlen(dir) + strlen(e->d_name) + 2;
		char *full = malloc(len);
		if (!full) { rc = -1; break; }
		snprintf(full, len, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		char ewhy[200];
		entry_kind k = classify(full, e->d_name, ewhy);
		if (k != ENT_IGNORE) rc = push_why(here, full, k == ENT_GAP ? ewhy : NULL);
		free(full);
		errno = 0;
	}
	if (!rc && errno) {
		char why[256];
		snprintf(why, sizeof why, "未检查：文件夹读取中断 not checked: reading the folder failed: %s", strerror(errno));
		rc = push_why(p, dir, why);
	}
	return rc;
}

static int walk(paths *p, const char *dir, int depth);

/* here's entries sorted by name, each name's reason moved along with it;
 * folders searched in their place. */
static int add_sorted(paths *p, const paths *here, int depth)
{
	typedef struct ent { char *name, *why; } ent;
	if (!here->n) return 0;
	ent *es = malloc(here->n * sizeof *es);
	if (!es) return -1;
	for (size_t i = 0; i < here->n; i++) es[i] = (ent){here->v[i], here->why[i]};
	qsort(es, here->n, sizeof *es, cmp_str);   /* name is the first member */
	int rc = 0;
	for (size_t i = 0; i < here->n && !rc; i++) {
		struct stat st;
		if (es[i].why) rc = push_why(p, es[i].name, es[i].why);
		else if (lstat(es[i].name, &st) == 0 && S_ISDIR(st.st_mode)) rc = walk(p, es[i].name, depth + 1);
		else rc = push(p, es[i].name);
	}
	free(es);
	return rc;
}

/* Directories: every .pdf/.png/.jpg/.jpeg below, sorted. What is found
 * and not checked (symlinks, hidden entries, folders that cannot be read or
 * lie deeper than FILES_MAX_DEPTH) gets a row: never a silent gap. */
static int walk(paths *p, const char *dir, int depth)
{
	char why[256];
	if (depth > FILES_MAX_DEPTH) {
		snprintf(why, sizeof why, "未检查：文件夹嵌套超过 %d 层 not checked: folder nested more than %d levels deep",
		         FILES_MAX_DEPTH, FILES_MAX_DEPTH);
		return push_why(p, dir, why);
	}
	DIR *d = opendir(dir);
	if (!d) {
		snprintf(why, sizeof why, "未检查：无法打开文件夹 not checked: folder cannot be read: %s", strerror(errno));
		return push_why(p, dir, why);
	}
	paths here = {0};
	int rc = read_entries(p, &here, dir, d);
	closedir(d);
	if (!rc) rc = add_sorted(p, &here, depth);
	paths_free(&here);
	return rc;
}

int paths_add_arg(paths *p, const char *a)
{
	struct stat st;
	if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) return walk(p, a, 0);
	return push(p, a);   /* a missing file is reported in its row */
}

int paths_add_list(paths *p, const char *list)
{
	char *buf, why[256];
	size_t n;
	if (cq_read_file(list, 64u << 20, &buf, &n, why)) { cq_warn("%s", why); return -1; }
	int rc = 0;
	for (char *line = buf, *next; line && !rc; line = next) {
		next = strchr(line, '\n');
		if (next) *next++ = 0;
		size_t k = strlen(line);
		if (k && line[k - 1] == '\r') line[--k] = 0;
		if (k) rc = paths_add_arg(p, line);
	}
	free(buf);
	return rc;
}

void paths_free(paths *p)
{
	for (size_t i = 0; i < p->n; i++) { free(p->v[i]); free(p->why[i]); }
	free(p->v);
	free(p->why);
	*p = (paths){0};
}
