# The core (libcertqr.a, pure) and the signing side kept apart from it:
# only the issuing tools link libcertqr-sign.a (secret keys, signing, key
# files read through libcertqr-io.a, so it comes before -io on their link
# lines). tests/sh/verify_nosign.sh and kiosk_nosign.sh check with nm that
# the verifiers link no signing function. docs/architecture.md has the map.
LIB_SRC      := $(wildcard lib/*.c)
LIBSIGN_SRC  := $(wildcard lib/sign/*.c)
LIB          := $(BUILD)/libcertqr.a
LIBSIGN      := $(BUILD)/libcertqr-sign.a
SODIUM_CFLAGS  = $(call pc_cflags,libsodium)
SODIUM_LIBS    = $(call pc_libs,libsodium)

$(LIB): $(LIB_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(LIBSIGN): $(LIBSIGN_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/%.o: EXTRA_CFLAGS += $(SODIUM_CFLAGS)

# Program-side support: files, atomic writes, passphrases (does I/O).
LIBIO_SRC := $(wildcard lib/io/*.c)
LIBIO     := $(BUILD)/libcertqr-io.a
$(LIBIO): $(LIBIO_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^

# The QR reading pipeline (lib/scan/, include/certqr/scan.h; zbar and
# zxing-cpp, QR only), shared by certqr-verify files and the kiosk. zxing-cpp
# is C++ without a C API: lib/scan/zxing.cpp is the one C++ file, so whatever
# links the archive also links libstdc++.
SCAN_SRC    := $(wildcard lib/scan/*.c) lib/scan/zxing.cpp
SCAN_OBJ    := $(patsubst %.cpp,$(BUILD)/%.o,$(SCAN_SRC:%.c=$(BUILD)/%.o))
LIBSCAN     := $(BUILD)/libcertqr-scan.a
# zbar: through pkg-config natively; the arm64 build (firmware/kiosk.mk) sets
# both to link the runtime library by name.
ZBAR_CFLAGS ?= $(call pc_cflags,zbar)
ZBAR_LIBS   ?= $(call pc_libs,zbar)
ZXING_CFLAGS = $(patsubst -I%,-isystem %,$(call pc_cflags,zxing))
ZXING_LIBS   = $(call pc_libs,zxing) -lstdc++
SCAN_CFLAGS  = $(ZBAR_CFLAGS)
SCAN_LIBS    = $(ZBAR_LIBS) $(ZXING_LIBS) -lm
$(LIBSCAN): $(SCAN_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/scan/%.o: EXTRA_CFLAGS += $(SCAN_CFLAGS)
$(BUILD)/lib/scan/zxing.o: EXTRA_CXXFLAGS += $(ZXING_CFLAGS)

# Pages as pixels (lib/render/, include/certqr/render.h): PNG, JPEG, and PDF
# pages through poppler and cairo. certqr-verify files and the kiosk.
RENDER_SRC    := $(wildcard lib/render/*.c)
LIBRENDER     := $(BUILD)/libcertqr-render.a
RENDER_PKGS   := libpng libjpeg poppler-glib cairo
RENDER_CFLAGS  = $(call pc_cflags,$(RENDER_PKGS))
RENDER_LIBS    = $(call pc_libs,$(RENDER_PKGS)) -ljpeg
$(LIBRENDER): $(RENDER_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/render/%.o: EXTRA_CFLAGS += $(RENDER_CFLAGS)

# The page check (lib/page/, include/certqr/pagecheck.h): a rendered page
# or a photo judged against the signed fields through the layout
# (layout.h). FreeType draws the expected text; no I/O (the font's bytes
# come from the caller).
PAGE_SRC    := $(wildcard lib/page/*.c)
LIBPAGE     := $(BUILD)/libcertqr-page.a
PAGE_CFLAGS  = $(call pc_cflags,freetype2)
PAGE_LIBS    = $(call pc_libs,freetype2) -lm
$(LIBPAGE): $(PAGE_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/page/%.o: EXTRA_CFLAGS += $(PAGE_CFLAGS)

# The page check's second opinion (lib/ocr/, include/certqr/ocr.h): Tesseract
# reads the value fields the ink comparison doubts. Apart from
# libcertqr-page.a, which only calls a reader it is given, so that a build
# without Tesseract (the arm64 kiosk) links the page check all the same.
OCR_SRC     := $(wildcard lib/ocr/*.c)
LIBOCR      := $(BUILD)/libcertqr-ocr.a
OCR_CFLAGS   = $(call pc_cflags,tesseract)
OCR_LIBS     = $(call pc_libs,tesseract)
$(LIBOCR): $(OCR_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/ocr/%.o: EXTRA_CFLAGS += $(OCR_CFLAGS)
