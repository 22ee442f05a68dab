/* The one C++ file of certqr: a minimal extern "C" bridge to zxing-cpp 1.4
 * (Debian's libzxing-dev), which has no C API. It runs one ReadBarcodes
 * call, QR only, and hands each valid code to a C callback; the pipeline
 * (scan.c) decides when to call it and what to do with the results. No
 * exception crosses into C: out of memory or any other throw is reported as
 * -1. */
#include <cstddef>
#include <cstdint>
#include <new>
#include <string>
/* zxing-cpp 1.4 gives the text as UTF-8 (std::string) only with this set;
 * otherwise as std::wstring (and a compiler message). */
#define ZX_USE_UTF8 1
#include <ReadBarcode.h>
#include "scan_internal.h"

extern "C" int cq_zx_read(const uint8_t *px, unsigned w, unsigned h, size_t stride,
                          unsigned flags, cq_zx_sink sink, void *ctx)
{
	try {
		ZXing::DecodeHints hints;
		hints.setFormats(ZXing::BarcodeFormat::QRCode);
		hints.setTryHarder((flags & CQ_ZX_HARDER) != 0);
		hints.setTryRotate((flags & CQ_ZX_HARDER) != 0);
		/* The pipeline chooses the scale itself (it knows where the code
		 * probably is and how big): zxing's own downscaling would mostly
		 * repeat that work. */
		hints.setTryDownscale((flags & CQ_ZX_DOWNSCALE) != 0);
		hints.setBinarizer((flags & CQ_ZX_GLOBAL) ? ZXing::Binarizer::GlobalHistogram
		                                          : ZXing::Binarizer::LocalAverage);
		hints.setMaxNumberOfSymbols(CQ_SCAN_MAX_CODES);
		ZXing::ImageView view(px, static_cast<int>(w), static_cast<int>(h), ZXing::ImageFormat::Lum,
		                      static_cast<int>(stride));
		int n = 0;
		for (const ZXing::Result &r : ZXing::ReadBarcodes(view, hints)) {
			if (!r.isValid()) continue;
			const std::string text = r.text();
			const ZXing::Position &p = r.position();
			int x[4], y[4];
			for (int k = 0; k < 4; k++) {
				x[k] = p[static_cast<size_t>(k)].x;
				y[k] = p[static_cast<size_t>(k)].y;
			}
			sink(ctx, text.data(), text.size(), x, y);
			n++;
		}
		return n;
	} catch (...) {
		return -1;
	}
}
