/* Measures the QR code a certificate needs: signs records with names of
 * 2, 3, 4 characters and a long one (with the TEST-ONLY issuer key), encodes
 * the QR text with libqrencode at levels L/M/Q/H, and prints
 * "name: value unit" lines. With -o DIR also writes each text to DIR/<label>.txt. */
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "certqr/certqr.h"
#include "certqr/fields.h"
#include "certqr/io.h"
#include "certqr/seckey.h"

int main(int argc, char **argv)
{
	const char *outdir = argc == 3 && !strcmp(argv[1], "-o") ? argv[2] : NULL;
	char *text, *pass, why[256];
	size_t n, pn;
	cq_err e;
	cq_seckey *k;
	cq_argv0 = "qrsize";
	if (cq_init() || cq_read_file("keys/test/issuer-zhengzhou-TEST-ONLY.key", 8192, &text, &n, why) ||
	    cq_read_file("keys/test/PASSPHRASE-TEST-ONLY", 1024, &pass, &pn, why)) {
		cq_warn("%s", why);
		return 2;
	}
	pass[strcspn(pass, "\n")] = '\0';
	if (cq_seckey_open(text, n, pass, strlen(pass), &k, &e)) { cq_warn("%s", e.msg); return 2; }
	const struct { const char *label, *name; } names[] = {
		{"name2", "李娜"}, {"name3", "张三丰"}, {"name4", "欧阳晓明"},
		{"name_long", "阿卜杜热合曼·买买提艾力"}, /* 12 characters, 35 bytes */
		{"name_max", "𠀀𠀁𠀂𠀃𠀄𠀅𠀆𠀇𠀈𠀉𠀊𠀋𠀌𠀍𠀎𠀏"}, /* 16 Extension B characters: 64 bytes, the most */
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		cq_builder b;
		cq_record r;
		cq_builder_init(&b);
		const char *kv[][2] = {
			{"name", names[i].name}, {"id_number", "11010519491231002X"}, {"number", "4101020000123"},
			{"year", "2024"}, {"hours_public", "32"}, {"hours_professional", "64"},
			{"hours_compulsory", "24"}, {"issuer_region", "410100"}, {"issued", "2025-01-06"},
		};
		for (size_t j = 0; j < sizeof kv / sizeof *kv; j++) cq_builder_set(&b, kv[j][0], kv[j][1], &e);
		if (cq_builder_finish(&b, &r, &e)) { cq_warn("%s", e.msg); return 2; }
		uint8_t p[CQ_PAYLOAD_MAX];
		size_t len;
		char qr[CQ_QR_TEXT_MAX];
		if (cq_payload_sign(&r, k, p, sizeof p, &len, &e) || cq_qrtext_encode(p, len, qr, sizeof qr, &e)) {
			cq_warn("%s", e.msg);
			return 2;
		}
		printf("payload_bytes_%s: %zu bytes\n", names[i].label, len);
		printf("qr_text_chars_%s: %zu chars\n", names[i].label, strlen(qr));
		const QRecLevel levels[] = {QR_ECLEVEL_L, QR_ECLEVEL_M, QR_ECLEVEL_Q, QR_ECLEVEL_H};
		for (int l = 0; l < 4; l++) {
			QRcode *c = QRcode_encodeString(qr, 0, levels[l], QR_MODE_8, 1);
			if (!c) { cq_warn("libqrencode failed"); return 2; }
			printf("qr_version_%s_%c: %d version\n", names[i].label, "LMQH"[l], c->version);
			QRcode_free(c);
		}
		if (outdir) {
			char path[512];
			snprintf(path, sizeof path, "%s/%s.txt", outdir, names[i].label);
			FILE *f = fopen(path, "w");
			if (!f || fprintf(f, "%s\n", qr) < 0 || fclose(f)) { cq_warn("%s: cannot write", path); return 2; }
		}
	}
	cq_seckey_free(k);
	free(text);
	free(pass);
	return 0;
}
