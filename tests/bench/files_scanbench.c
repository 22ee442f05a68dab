/* Benchmark helper for tests/bench/files.sh: loads each image named on
 * stdin (one path a line), times cq_scan_grey alone (CPU time of this
 * process, so a loaded machine counts less), and prints
 *     path <TAB> ms <TAB> codes <TAB> step|hint <TAB> first text (hex)
 *          <TAB> module px <TAB> sharpness <TAB> engine <TAB> passes <TAB> work units
 * Options: -e fast|normal|thorough, -w WORK_MAX, -n (no inverted);
 * -z: plain zbar instead (QR only, one pass, no preprocessing: the decoder
 * of zbarimg, timed the same way, as the baseline); -x: plain zxing-cpp
 * with ZXingReader's settings (try harder, rotate, downscale), likewise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "certqr/io.h"
#include <zbar.h>
#include "certqr/scan.h"
#include "certqr/render.h"
#include "../../lib/scan/scan_internal.h"

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void zx_first(void *ctx, const char *text, size_t len, const int x[4], const int y[4])
{
	cq_scan_result *r = ctx;
	(void)x;
	(void)y;
	if (r->n) return;
	if (len > CQ_SCAN_TEXT_MAX) len = CQ_SCAN_TEXT_MAX;
	memcpy(r->codes[0].text, text, len);
	r->codes[0].len = len;
	r->n = 1;
}

int main(int argc, char **argv)
{
	cq_scan_opts o = {.effort = CQ_SCAN_THOROUGH, .inverted = true};
	int plain = 0;
	cq_argv0 = "files-scanbench";
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-e") && i + 1 < argc) {
			const char *v = argv[++i];
			o.effort = !strcmp(v, "fast") ? CQ_SCAN_FAST : !strcmp(v, "normal") ? CQ_SCAN_NORMAL : CQ_SCAN_THOROUGH;
		} else if (!strcmp(argv[i], "-w") && i + 1 < argc) o.work_max = (unsigned)atoi(argv[++i]);
		else if (!strcmp(argv[i], "-n")) o.inverted = false;
		else if (!strcmp(argv[i], "-z")) plain = 1;
		else if (!strcmp(argv[i], "-x")) plain = 2;
		else { fprintf(stderr, "usage: files-scanbench [-e fast|normal|thorough] [-w N] [-n] [-z | -x] < list\n"); return 2; }
	}
	cq_scan *s = cq_scan_new(&o);
	if (!s) return 1;
	char path[4096];
	static cq_scan_result r;
	while (fgets(path, sizeof path, stdin)) {
		path[strcspn(path, "\n")] = 0;
		if (!*path) continue;
		char *buf, why[256];
		size_t n;
		cq_grey g;
		if (cq_read_file(path, CQ_RENDER_MAX_BYTES, &buf, &n, why)) { printf("%s\t0\t-1\terror\t%s\n", path, why); continue; }
		cq_file_kind k = cq_file_sniff((uint8_t *)buf, n);
		int rc = k == CQ_KIND_PNG ? cq_png_load((uint8_t *)buf, n, &g, why)
		       : k == CQ_KIND_JPEG ? cq_jpeg_load((uint8_t *)buf, n, &g, why) : (snprintf(why, 256, "not PNG/JPEG"), -1);
		free(buf);
		if (rc) { printf("%s\t0\t-1\terror\t%s\n", path, why); continue; }
		double t0 = now_ms(), t1;
		if (plain == 2) {
			memset(&r, 0, sizeof r);
			t0 = now_ms();
			rc = cq_zx_read(g.px, g.w, g.h, g.w, CQ_ZX_HARDER | CQ_ZX_DOWNSCALE, zx_first, &r) < 0;
			t1 = now_ms();
		} else if (plain) {
			zbar_image_scanner_t *z = zbar_image_scanner_create();
			zbar_image_scanner_set_config(z, 0, ZBAR_CFG_ENABLE, 0);
			zbar_image_scanner_set_config(z, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
			zbar_image_t *zi = zbar_image_create();
			zbar_image_set_format(zi, zbar_fourcc('Y', '8', '0', '0'));
			zbar_image_set_size(zi, g.w, g.h);
			zbar_image_set_data(zi, g.px, (unsigned long)g.w * g.h, NULL);
			t0 = now_ms();
			zbar_scan_image(z, zi);
			t1 = now_ms();
			memset(&r, 0, sizeof r);
			const zbar_symbol_t *sym = zbar_image_first_symbol(zi);
			if (sym) {
				size_t len = zbar_symbol_get_data_length(sym);
				if (len > CQ_SCAN_TEXT_MAX) len = CQ_SCAN_TEXT_MAX;
				memcpy(r.codes[0].text, zbar_symbol_get_data(sym), len);
				r.codes[0].len = len;
				r.n = 1;
			}
			zbar_image_destroy(zi);
			zbar_image_scanner_destroy(z);
			rc = 0;
		} else {
			rc = cq_scan_grey(s, g.px, g.w, g.h, g.w, &r);
			t1 = now_ms();
		}
		printf("%s\t%.2f\t%zu\t%s\t", path, t1 - t0, rc ? 0 : r.n,
		       r.n ? cq_scan_step_name(r.codes[0].step) : cq_scan_hint_name(r.hint));
		for (size_t i = 0; r.n && i < r.codes[0].len; i++) printf("%02x", (unsigned char)r.codes[0].text[i]);
		printf("\t%.1f\t%.0f\t%s\t%u\t%zu\n", r.module_px, r.sharpness,
		       r.n && !plain ? cq_scan_engine_name(r.codes[0].engine) : "-", r.passes, r.work);
		cq_grey_free(&g);
	}
	cq_scan_free(s);
	return 0;
}
