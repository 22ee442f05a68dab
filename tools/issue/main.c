/* certqr-issue: sign certificate records (sign.c: one record from options;
 * further commands add batches from the platform export). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "issue.h"

typedef struct { const char *name; int (*run)(int, char **); const char *usage; } issue_cmd;

static const issue_cmd cmds[] = {
	{"sign", issue_cmd_sign,
	 "sign --key ISSUER.key [--passphrase-file F | --passphrase-env VAR] [--hex]\n"
	 "     --name NAME --id-number ID --number CERTNO --year YYYY --hours-public N\n"
	 "     --hours-professional N --issuer-region CODE --issued YYYY-MM-DD\n"
	 "     [--revision N] [--hours-compulsory N] [--reduction R --months-at-post M]\n"
	 "    Prints the QR text of one signed certificate (and its payload in hex with --hex)."},
	{"batch", issue_cmd_batch,
	 "batch --key ISSUER.key --delegation ISSUER.dl --out DIR [--passphrase-file F | --passphrase-env VAR]\n"
	 "     [--format auto|csv|jsonl] [--encoding auto|utf-8|gbk] [--rules FILE] [--refuse-below-rule]\n"
	 "     [--font FILE.ttc] [--font-index N] [--pdf-engine direct|libharu] [--qr-level M|Q] [--seal SEAL.png] [--layout FILE]\n"
	 "     [--jobs N] [--max-rows N] [--quiet | --progress] [--check] EXPORT.csv|EXPORT.jsonl\n"
	 "    Issues one certificate PDF per good row into DIR; bad rows go to DIR/rejects.csv,\n"
	 "    records below the year's hours rule to DIR/below-rule.csv. A rerun resumes.\n"
	 "    --check writes the two reports and issues nothing."},
	{"hours", issue_cmd_hours,
	 "hours [--table FILE] [--year YYYY [--number CERTNO]] [--list] [ACTIVITIES.csv | -]\n"
	 "    Art. 7 calculator: activity,rank,quantity lines to hours per category."},
};

int issue_usage(const char *only)
{
	FILE *out = only ? stderr : stdout;
	fprintf(out, "usage: certqr-issue COMMAND [OPTIONS]\n");
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (!only || !strcmp(only, cmds[i].name)) fprintf(out, "  certqr-issue %s\n", cmds[i].usage);
	if (!only) fprintf(out, "See certqr-issue(1) for exit status.\n");
	return only ? ISSUE_USAGE : ISSUE_OK;
}

int main(int argc, char **argv)
{
	cq_argv0 = "certqr-issue";
	if (argc < 2) return issue_usage("");
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) return issue_usage(NULL);
	if (!strcmp(argv[1], "--version")) return puts("certqr-issue " CERTQR_VERSION), ISSUE_OK;
	if (cq_init()) { cq_warn("libsodium failed to initialise"); return ISSUE_FAILED; }
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (!strcmp(argv[1], cmds[i].name)) return cmds[i].run(argc - 1, argv + 1);
	cq_warn("unknown command '%s' (try -h)", argv[1]);
	return ISSUE_USAGE;
}
