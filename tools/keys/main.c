/* certqr-keys: province root and bureau issuer keys, delegations, and (in
 * bundle.c) trust bundles. */
#include <stdio.h>
#include <string.h>
#include "keys.h"

static const keys_cmd cmds[] = {
	{"generate", cmd_generate,
	 "generate --root|--issuer -o BASE [-f] [--kdf interactive|moderate|sensitive] [--weak-ok]\n"
	 "         [--passphrase-file F | --passphrase-env VAR]\n"
	 "    Writes BASE.key (encrypted, mode 0600) and BASE.pub. A weak passphrase is\n"
	 "    refused unless --weak-ok (certqr-keys(1), \"Passphrases\")."},
	{"public", cmd_public,
	 "public KEY.key [-o OUT.pub] [-f]\n"
	 "    Writes (or prints) the public key of a secret key file; no passphrase needed."},
	{"show", cmd_show,
	 "show FILE...\n"
	 "    Describes certqr key, delegation and bundle files."},
	{"delegate", cmd_delegate,
	 "delegate --root ROOT.key --issuer ISSUER.pub --bureau NAME --region CODE\n"
	 "         --scope PREFIX --from YYYY-MM-DD --until YYYY-MM-DD -o OUT.dl [-f]\n"
	 "         [--passphrase-file F | --passphrase-env VAR]\n"
	 "    The root signs an issuer's delegation."},
	{"check-delegation", cmd_check_delegation,
	 "check-delegation --root ROOT.pub FILE.dl...\n"
	 "    Verifies delegations against a root public key."},
	{"passwd", cmd_passwd,
	 "passwd KEY.key [--kdf LIMITS] [--weak-ok] [--passphrase-file F | --passphrase-env VAR]\n"
	 "       [--new-passphrase-file F | --new-passphrase-env VAR]\n"
	 "    Re-encrypts a secret key under a new passphrase (atomic replace)."},
	{"bundle", cmd_bundle,
	 "bundle --root ROOT.key --spec SPEC -o OUT.bundle [-f]\n"
	 "       [--passphrase-file F | --passphrase-env VAR]\n"
	 "    The root signs a trust bundle built from a bundle spec (docs/trust.md)."},
	{"check-bundle", cmd_check_bundle,
	 "check-bundle --root ROOT.pub [-v] FILE.bundle...\n"
	 "    Verifies trust bundles against a root public key and describes them."},
};

int keys_usage(const char *only)
{
	FILE *out = only ? stderr : stdout;
	fprintf(out, "usage: certqr-keys COMMAND [OPTIONS]\n");
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (!only || !strcmp(only, cmds[i].name))
			fprintf(out, "  certqr-keys %s\n", cmds[i].usage);
	if (!only)
		fprintf(out, "Exit status: 0 done, 1 refused (bad file, wrong passphrase, bad signature,\n"
		             "would overwrite), 2 usage error. See certqr-keys(1).\n");
	return only ? KEYS_USAGE : KEYS_OK;
}

int main(int argc, char **argv)
{
	cq_argv0 = "certqr-keys";
	if (argc < 2) return keys_usage(""), KEYS_USAGE;
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) return keys_usage(NULL);
	if (!strcmp(argv[1], "--version")) return puts("certqr-keys " CERTQR_VERSION), KEYS_OK;
	if (cq_init()) { cq_warn("libsodium failed to initialise"); return KEYS_REFUSED; }
	for (size_t i = 0; i < sizeof cmds / sizeof *cmds; i++)
		if (!strcmp(argv[1], cmds[i].name)) return cmds[i].run(argc - 1, argv + 1);
	cq_warn("unknown command '%s' (try -h)", argv[1]);
	return KEYS_USAGE;
}
