/* certqr-verify: options, the trust store, the input loop, the exit status.
 * Links libcertqr.a and libcertqr-io.a only: no signing code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include "verify.h"
#ifdef VERIFY_FILES
#include "files/files.h"
#endif

#define N_INPUTS verify_inputs_n

static int usage(FILE *out)
{
	fprintf(out,
	    "usage: certqr-verify [--trust DIR] [--json] [--lang zh|en|both] [--holder-id ID [--years FROM-TO]]\n"
	    "                     [TEXT... | -f FILE...]\n"
	    "       certqr-verify [--trust DIR] --init ROOT.pub | --install BUNDLE | --status\n"
	    "Judges certificate QR texts (\"CQ1:...\") against a trust store. With no TEXT or input\n"
	    "option, reads texts from stdin, one per line (as a USB scanner types them).\n"
	    "  TEXT               a payload text on the command line (\"-\" reads stdin)\n");
	for (size_t i = 0; i < N_INPUTS; i++)
		fprintf(out, "  %s, %-14s %s\n", verify_inputs[i].opt, verify_inputs[i].longopt, verify_inputs[i].help);
	fprintf(out,
	    "  --trust DIR        trust store (default $%s, else %s)\n"
	    "  --json             one JSON object per input (schema: docs/trust.md)\n"
	    "  --lang L           human output in zh, en or both (default both)\n"
	    "  --holder-id ID     check each certificate against this ID number\n"
	    "  --years FROM-TO    with --holder-id: summarise the person's years FROM..TO\n"
	    "  --init ROOT.pub    create the store with this province root key\n"
	    "  --install BUNDLE   install a newer trust bundle (atomic; refuses rollback)\n"
	    "  --status           show the installed trust bundle\n"
	    "Exit status: 0 every input authentic (and, with --years, every year met);\n"
	    "1 some input not authentic (or a year missing or not met); 2 could not check\n"
	    "(unreadable input, no trust store, usage). See certqr-verify(1).\n",
	    CQ_STORE_ENV, CQ_STORE_DEFAULT);
#ifdef VERIFY_FILES
	fprintf(out, "Images and PDFs (scans, photos, certificate files, folders): certqr-verify files -h\n");
#endif
	return out == stdout ? VERIFY_ALL_AUTHENTIC : VERIFY_CANNOT_CHECK;
}

static int parse_years(const char *s, unsigned *a, unsigned *b)
{
	unsigned x, y;
	int used = 0;
	if (sscanf(s, "%4u-%4u%n", &x, &y, &used) == 2 && s[used] == '\0' && strlen(s) == 9) {
	} else if (sscanf(s, "%4u%n", &x, &used) == 1 && s[used] == '\0' && strlen(s) == 4) {
		y = x;
	} else
		return -1;
	if (x < CQ_YEAR_MIN || y > CQ_YEAR_MAX || x > y) return -1;
	*a = x;
	*b = y;
	return 0;
}

typedef struct pending { const vinput *kind; const char *arg; } pending;

#ifdef VERIFY_FILES
/* Whether the positional arguments name files to check rather than QR
 * texts: each is an existing file or directory, or ends in .pdf, .png, .jpg
 * or .jpeg (a missing one is then reported as a missing file, not judged as
 * a text). A QR text is neither ("CQ1:..."), so the two never mix up. Only
 * options that `files` also takes may be given; others keep text mode. */
static bool names_files(int argc, char **argv)
{
	static const char *const with_value[] = {"--trust", "--lang", "--holder-id", "--years", NULL};
	int paths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (a[0] == '-' && a[1]) {
			if (!strcmp(a, "--json")) continue;
			int k;
			for (k = 0; with_value[k] && strcmp(a, with_value[k]); k++) {}
			if (!with_value[k]) return false;   /* -f, --init, ...: not for files */
			i++;
			continue;
		}
		struct stat st;
		const char *dot = strrchr(a, '.');
		bool ext = dot && (!strcasecmp(dot, ".pdf") || !strcasecmp(dot, ".png") || !strcasecmp(dot, ".jpg") ||
		                   !strcasecmp(dot, ".jpeg"));
		if (!ext && (strncmp(a, "CQ", 2) == 0 || stat(a, &st) != 0)) return false;
		paths++;
	}
	return paths > 0;
}
#endif

int main(int argc, char **argv)
{
	static vctx c;
	const char *trust = NULL, *init = NULL, *install = NULL, *lang = NULL, *years = NULL;
	bool status = false;
	pending *todo = calloc((size_t)argc + 1, sizeof *todo);
	size_t ntodo = 0;
	cq_argv0 = "certqr-verify";
#ifdef VERIFY_FILES
	if (argc > 1 && !strcmp(argv[1], "files")) { free(todo); return files_main(argc - 1, argv + 1); }
	if (names_files(argc, argv)) {
		/* certqr-verify scan.pdf: what was meant is "check this file" */
		argv[0] = "files";
		free(todo);
		return files_main(argc, argv);
	}
#endif
	c.out = stdout;
	if (!todo) { cq_warn("out of memory"); return VERIFY_CANNOT_CHECK; }

	bool only_args = false;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i];
		if (only_args || o[0] != '-' || !strcmp(o, "-")) {
			todo[ntodo++] = (pending){ NULL, o };
			continue;
		}
		if (!strcmp(o, "--")) { only_args = true; continue; }
		if (!strcmp(o, "-h") || !strcmp(o, "--help")) { free(todo); return usage(stdout); }
		if (!strcmp(o, "--version")) { free(todo); puts("certqr-verify " CERTQR_VERSION); return 0; }
		if (!strcmp(o, "--json")) {
			if (c.json) goto repeated;
			c.json = true;
			continue;
		}
		if (!strcmp(o, "--status")) {
			if (status) goto repeated;
			status = true;
			continue;
		}
		const vinput *kind = NULL;
		for (size_t k = 0; k < N_INPUTS; k++)
			if (!strcmp(o, verify_inputs[k].opt) || !strcmp(o, verify_inputs[k].longopt)) kind = &verify_inputs[k];
		const char **slot = !strcmp(o, "--trust") ? &trust : !strcmp(o, "--init") ? &init
		                  : !strcmp(o, "--install") ? &install : !strcmp(o, "--lang") ? &lang
		                  : !strcmp(o, "--holder-id") ? &c.holder_id : !strcmp(o, "--years") ? &years : NULL;
		if (!kind && !slot) { cq_warn("unknown option '%s' (try -h)", o); free(todo); return usage(stderr); }
		if (i + 1 >= argc) { cq_warn("%s needs an argument", o); free(todo); return usage(stderr); }
		if (kind) { todo[ntodo++] = (pending){ kind, argv[++i] }; continue; }
		if (*slot) goto repeated;
		*slot = argv[++i];
		continue;
	repeated:
		cq_warn("%s given twice", o);
		free(todo);
		return usage(stderr);
	}
	const char *dir = cq_store_dir(trust);
	int admin = (init != NULL) + (install != NULL) + status;
	if (admin > 1 || (admin && (ntodo || c.json || lang || c.holder_id || years))) {
		cq_warn("--init, --install and --status each stand alone");
		free(todo);
		return usage(stderr);
	}
	if (cq_init()) { cq_warn("libsodium failed to initialise"); free(todo); return VERIFY_CANNOT_CHECK; }
	if (init) { free(todo); return store_init_cmd(dir, init); }
	if (install) { free(todo); return store_install_cmd(dir, install); }
	if (status) { free(todo); return store_status_cmd(dir); }
	if (lang) {
		if (!strcmp(lang, "zh")) c.lang = LANG_ZH;
		else if (!strcmp(lang, "en")) c.lang = LANG_EN;
		else if (!strcmp(lang, "both")) c.lang = LANG_BOTH;
		else { cq_warn("--lang must be zh, en or both"); free(todo); return usage(stderr); }
	}
	if (years && !c.holder_id) { cq_warn("--years needs --holder-id"); free(todo); return usage(stderr); }
	if (years && parse_years(years, &c.year_from, &c.year_to)) {
		cq_warn("--years must be YYYY or YYYY-YYYY within %d..%d", CQ_YEAR_MIN, CQ_YEAR_MAX);
		free(todo);
		return usage(stderr);
	}
	if (c.holder_id) {
		cq_err e;
		if (cq_idnum_validate(c.holder_id, &e)) {
			cq_warn("--holder-id: %s", e.msg);
			free(todo);
			return VERIFY_CANNOT_CHECK;
		}
	}

	cq_trust *t;
	char why[256];
	cq_store_rc src = cq_store_load(dir, &t, why);
	if (src != CQ_STORE_OK) {
		cq_warn("cannot check: %s", why);
		store_hint(dir, src);
		free(todo);
		return VERIFY_CANNOT_CHECK;
	}
	c.trust = t;
	if (ntodo == 0) todo[ntodo++] = (pending){ &verify_inputs[0], "-" };
	unsigned argn = 0;
	for (size_t i = 0; i < ntodo; i++) {
		if (todo[i].kind) todo[i].kind->run(&c, todo[i].arg);
		else if (!strcmp(todo[i].arg, "-")) input_text_file(&c, "-");
		else input_text_arg(&c, todo[i].arg, ++argn);
	}
	free(todo);
	bool years_ok = true;
	if (c.year_from) years_ok = summary_print(&c);
	cq_trust_free(t);
	if (fflush(c.out) || ferror(c.out)) { cq_warn("writing output failed"); return VERIFY_CANNOT_CHECK; }
	if (c.unreadable) return VERIFY_CANNOT_CHECK;
	if (c.inputs == 0) { cq_warn("no input"); return VERIFY_CANNOT_CHECK; }
	return c.not_authentic || c.other_holder || !years_ok ? VERIFY_NOT_AUTHENTIC : VERIFY_ALL_AUTHENTIC;
}

void verify_text(vctx *c, const char *source, const char *text, size_t n)
{
	cq_verdict v;
	if (cq_judge(c->trust, text, n, &v)) { verify_unreadable(c, source, "no trust bundle loaded"); return; }
	cq_holder h = cq_verdict_holder(&v, c->holder_id);
	c->inputs++;
	if (v.status == CQ_ST_AUTHENTIC) c->authentic++;
	else c->not_authentic++;
	if (h == CQ_HOLDER_MISMATCH) c->other_holder++;
	if (c->json) print_json(c, source, &v, h);
	else print_human(c, source, &v, h);
	if (c->year_from) summary_add(c, source, &v, h);
}

void verify_unreadable(vctx *c, const char *source, const char *why)
{
	c->inputs++;
	c->unreadable++;
	print_unreadable(c, source, why);
}
