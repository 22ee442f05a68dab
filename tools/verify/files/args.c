/* certqr-verify files: the options (args.h), each refused when repeated
 * or out of range, and the usage. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "certqr/idnum.h"
#include "args.h"

/* The options as typed, before they are checked against each other. */
typedef struct raw_args {
	const char *lang, *years, *list;
	bool prog_on, prog_off;
} raw_args;

static int usage(FILE *out)
{
	fprintf(out,
	    "usage: certqr-verify files [--trust DIR] [--json | --raw] [--lang zh|en|both] [--quiet]\n"
	    "                           [--jsonl FILE] [--csv FILE] [--html FILE] [--jobs N] [--dpi N]\n"
	    "                           [--thorough] [--timeout S] [--cpu-limit S] [--mem-limit MIB]\n"
	    "                           [--max-pages N] [--progress | --no-progress]\n"
	    "                           [--holder-id ID [--years FROM-TO]] [--font FILE | --no-page-check]\n"
	    "                           [--list FILE] PATH...\n"
	    "Reads every QR code in PNG/JPEG images and PDFs (each page) and judges it against\n"
	    "the trust store. A directory is searched recursively for .pdf .png .jpg .jpeg files.\n"
	    "  --json           one JSON object per code (or page without code, or bad file)\n"
	    "  --raw            print each decoded QR text as read: FILE<TAB>PAGE<TAB>STEP<TAB>TEXT\n"
	    "  --jsonl/--csv/--html FILE   write the report in that form too\n"
	    "  --list FILE      paths, one a line (\"-\" = stdin)\n"
	    "  --jobs N         worker processes (default: the number of CPUs)\n"
	    "  --dpi N          PDF render resolution (default 150; 300 is tried when nothing is read)\n"
	    "  --thorough       kept for compatibility: every PDF page is rendered now\n"
	    "  --timeout S      give up on a file after S seconds (default 60)\n"
	    "  --cpu-limit S    CPU seconds a file may use (default 60)\n"
	    "  --mem-limit MIB  memory (address space) a file's worker may use (default 1536)\n"
	    "  --max-pages N    PDF pages read per file (default 200); the rest get a \"not checked\" row\n"
	    "  --quiet          no per-code output on stdout (reports only)\n"
	    "  --no-page-check  do not judge pages (timing, diagnosis): no code is then authentic\n"
	    "  --font FILE      the issuer's font for the page check (default the issuing font,\n"
	    "                   " CQ_FILES_FONT ")\n"
	    "Every verified code's page is judged as shown (the page check): match, differs\n"
	    "(composited) or unreadable.\n"
	    "Exit status: 0 every code authentic with a matching page; 1 some code not\n"
	    "authentic, composited, another holder, or a page with conflicting codes; 2 some\n"
	    "page could not be judged, file unreadable or file without a readable code\n"
	    "(could not check), or usage error. 2 wins over 1.\n");
	return out == stdout ? 0 : VERIFY_CANNOT_CHECK;
}

static bool *flag_slot(const char *a, files_args *fa, raw_args *r, vctx *c)
{
	return !strcmp(a, "--json") ? &c->json : !strcmp(a, "--raw") ? &fa->raw : !strcmp(a, "--quiet") ? &fa->quiet
	     : !strcmp(a, "--progress") ? &r->prog_on : !strcmp(a, "--no-progress") ? &r->prog_off
	     : !strcmp(a, "--thorough") ? &fa->o.thorough : !strcmp(a, "--no-page-check") ? &fa->no_page : NULL;
}

static const char **value_slot(const char *a, files_args *fa, raw_args *r, vctx *c)
{
	return !strcmp(a, "--trust") ? &fa->trust : !strcmp(a, "--lang") ? &r->lang
	     : !strcmp(a, "--years") ? &r->years : !strcmp(a, "--jsonl") ? &fa->jsonl
	     : !strcmp(a, "--csv") ? &fa->csv : !strcmp(a, "--html") ? &fa->html
	     : !strcmp(a, "--list") ? &r->list : !strcmp(a, "--holder-id") ? &c->holder_id
	     : !strcmp(a, "--font") ? &fa->font : NULL;
}

static bool is_number_option(const char *a)
{
	return !strcmp(a, "--jobs") || !strcmp(a, "--dpi") || !strcmp(a, "--timeout") || !strcmp(a, "--mem-limit") ||
	       !strcmp(a, "--cpu-limit") || !strcmp(a, "--max-pages");
}

/* A numeric option's value within its range. 0, or -1 after a message. */
static int set_number(files_args *fa, const char *a, const char *v)
{
	char *end;
	unsigned long x = strtoul(v, &end, 10);
	bool dpi = !strcmp(a, "--dpi"), tmo = !strcmp(a, "--timeout"), mem = !strcmp(a, "--mem-limit"),
	     cpu = !strcmp(a, "--cpu-limit"), pages = !strcmp(a, "--max-pages");
	unsigned long lo = dpi ? 50 : mem ? 256 : 1,
	              hi = dpi ? 600 : tmo || cpu ? 3600 : mem ? 65536 : pages ? 100000 : 64;
	if (*end || !*v || x < lo || x > hi) {
		cq_warn("%s must be %lu..%lu", a, lo, hi);
		return -1;
	}
	if (dpi) fa->o.dpi = (unsigned)x;
	else if (tmo) fa->lim.timeout_s = (unsigned)x;
	else if (mem) fa->lim.mem_mb = (unsigned)x;
	else if (cpu) fa->lim.cpu_s = (unsigned)x;
	else if (pages) fa->o.max_pages = (unsigned)x;
	else fa->jobs = (unsigned)x;
	return 0;
}

/* The arguments in order; operands are added to p as they come. -1 to go
 * on, else the exit status. */
static int read_argv(int argc, char **argv, files_args *fa, raw_args *r, vctx *c, paths *p)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] != '-' || !strcmp(a, "-")) {
			if (paths_add_arg(p, a)) return VERIFY_CANNOT_CHECK;
			continue;
		}
		if (!strcmp(a, "-h") || !strcmp(a, "--help")) return usage(stdout);
		bool *flag = flag_slot(a, fa, r, c);
		if (flag) {
			if (*flag) { cq_warn("%s given twice", a); return usage(stderr); }
			*flag = true;
			continue;
		}
		const char **slot = value_slot(a, fa, r, c);
		bool num = is_number_option(a);
		if (!slot && !num) { cq_warn("unknown option '%s' (try files -h)", a); return usage(stderr); }
		if (i + 1 >= argc) { cq_warn("%s needs an argument", a); return usage(stderr); }
		const char *v = argv[++i];
		if (num) {
			if (set_number(fa, a, v)) return usage(stderr);
			continue;
		}
		if (*slot) { cq_warn("%s given twice", a); return usage(stderr); }
		*slot = v;
	}
	return -1;
}

/* --years YYYY or YYYY-YYYY into c. 0, or -1 after a message. */
static int read_years(const char *years, vctx *c)
{
	unsigned a, b;
	if (!c->holder_id) { cq_warn("--years needs --holder-id"); return -1; }
	if (sscanf(years, "%4u-%4u", &a, &b) != 2 || strlen(years) != 9 || a < CQ_YEAR_MIN || b > CQ_YEAR_MAX || a > b) {
		if (sscanf(years, "%4u", &a) != 1 || strlen(years) != 4 || a < CQ_YEAR_MIN || a > CQ_YEAR_MAX) {
			cq_warn("--years must be YYYY or YYYY-YYYY");
			return -1;
		}
		b = a;
	}
	c->year_from = a;
	c->year_to = b;
	return 0;
}

/* The options against each other, the list, the language and the years.
 * -1 to go on, else the exit status. */
static int check_args(files_args *fa, const raw_args *r, vctx *c, paths *p)
{
	if (c->json && fa->raw) { cq_warn("--json and --raw exclude each other"); return usage(stderr); }
	if (fa->font && fa->no_page) { cq_warn("--font and --no-page-check exclude each other"); return usage(stderr); }
	if (r->prog_on && r->prog_off) { cq_warn("--progress and --no-progress exclude each other"); return usage(stderr); }
	if (r->list && paths_add_list(p, r->list)) return VERIFY_CANNOT_CHECK;
	if (!p->n) { cq_warn("no files to check (give files, directories or --list)"); return usage(stderr); }
	if (r->lang) {
		if (!strcmp(r->lang, "zh")) c->lang = LANG_ZH;
		else if (!strcmp(r->lang, "en")) c->lang = LANG_EN;
		else if (!strcmp(r->lang, "both")) c->lang = LANG_BOTH;
		else { cq_warn("--lang must be zh, en or both"); return usage(stderr); }
	}
	if (r->years && read_years(r->years, c)) return usage(stderr);
	if (c->holder_id) {
		cq_err e;
		if (cq_idnum_validate(c->holder_id, &e)) { cq_warn("--holder-id: %s", e.msg); return VERIFY_CANNOT_CHECK; }
	}
	return -1;
}

int files_args_read(int argc, char **argv, files_args *fa, vctx *c, paths *p)
{
	raw_args r = {0};
	*fa = (files_args){.o = {150, 300, false, false, NULL, FILES_MAX_PAGES, NULL},
	                   .lim = {FILES_TIMEOUT_S, FILES_CPU_S, FILES_MEM_MB}};
	int rc = read_argv(argc, argv, fa, &r, c, p);
	if (rc < 0) rc = check_args(fa, &r, c, p);
	if (rc >= 0) return rc;
	fa->progress = r.prog_on || (!r.prog_off && isatty(2));
	if (!fa->jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		fa->jobs = n < 1 ? 1 : n > 64 ? 64 : (unsigned)n;
	}
	return -1;
}
