# certqr-kiosk: the HR-counter appliance. Links the verifying core
# (libcertqr.a), program helpers (libcertqr-io.a) and the QR pipeline
# (libcertqr-scan.a, tools/verify_files.mk) - never libcertqr-sign.a;
# tests/sh/kiosk_nosign.sh proves it with nm.
KIOSK_SRC  := $(wildcard firmware/kiosk/*.c)
KIOSK_PKGS := sdl2 SDL2_ttf SDL2_image libsodium
KIOSK_SCAN_LIB := $(BUILD)/libcertqr-scan.a
# PDFs dropped on the window: libcertqr-render.a (lib/render/, poppler).
# Off for the Pi (KIOSK_PDF=0 in firmware-arm64). The page check
# (libcertqr-page.a, FreeType) is linked on both.
KIOSK_PDF ?= 1
ifeq ($(KIOSK_PDF),1)
KIOSK_PDF_OBJ  := $(LIBRENDER)
KIOSK_PDF_LIBS  = $(LIBRENDER) $(RENDER_LIBS)
$(BUILD)/firmware/kiosk/pagejob.o: EXTRA_CFLAGS += -DKIOSK_PDF $(RENDER_CFLAGS)
endif
# The page check's reader (libcertqr-ocr.a, Tesseract): off for the Pi
# (KIOSK_OCR=0 in firmware-arm64: libtesseract-dev:arm64 cannot be installed
# beside the amd64 one), which then judges pages by ink alone.
KIOSK_OCR ?= 1
ifeq ($(KIOSK_OCR),1)
KIOSK_OCR_OBJ  := $(LIBOCR)
KIOSK_OCR_LIBS  = $(LIBOCR) $(OCR_LIBS)
$(BUILD)/firmware/kiosk/pagejob.o: EXTRA_CFLAGS += -DKIOSK_OCR
endif
PROGS += $(BUILD)/certqr-kiosk
$(BUILD)/certqr-kiosk: $(KIOSK_SRC:%.c=$(BUILD)/%.o) $(KIOSK_PDF_OBJ) $(KIOSK_OCR_OBJ) $(LIBPAGE) $(KIOSK_SCAN_LIB) $(BUILD)/libcertqr-io.a $(BUILD)/libcertqr.a
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(KIOSK_PDF_LIBS) $(KIOSK_OCR_LIBS) $(LIBPAGE) $(KIOSK_SCAN_LIB) $(BUILD)/libcertqr-io.a $(BUILD)/libcertqr.a \
		$(call pc_libs,$(KIOSK_PKGS)) $(PAGE_LIBS) $(SCAN_LIBS) -lm
$(BUILD)/firmware/kiosk/%.o: EXTRA_CFLAGS += $(call pc_cflags,$(KIOSK_PKGS)) $(ZBAR_CFLAGS)

# Cross-build for a Raspberry Pi (arm64): the kiosk and the core unit tests,
# in $(BUILD)/arm64. Needs firmware/deps-arm64.sh (run as root).
ARM64_CC ?= aarch64-linux-gnu-gcc
ARM64_CXX ?= aarch64-linux-gnu-g++
ARM64_PC := env PKG_CONFIG_LIBDIR=/usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig pkg-config
.PHONY: firmware-arm64 firmware-arm64-deps
# PC_ARCH=arm64: config.mk lets this build ask only for the modules marked
# arm64 in tools/deps/modules.tab, which is what tools/deps.sh arm64 installs.
# zbar is linked by name (tools/deps/arm64.txt says why).
ARM64_MAKE = BUILD=$(BUILD)/arm64 CC=$(ARM64_CC) CXX=$(ARM64_CXX) AR=aarch64-linux-gnu-ar PKG_CONFIG="$(ARM64_PC)" \
	PC_ARCH=arm64 ZBAR_CFLAGS= ZBAR_LIBS=-l:libzbar.so.0 KIOSK_PDF=0 KIOSK_OCR=0
# test_scan draws codes with libqrencode, which the Pi build does not link.
ARM64_UNIT_BINS = $(patsubst $(BUILD)/%,$(BUILD)/arm64/%,$(filter-out %/test_scan,$(UNIT_BINS)))
firmware-arm64-deps:
	@sh firmware/deps-arm64.sh
firmware-arm64: firmware-arm64-deps
	@$(MAKE) --no-print-directory $(ARM64_MAKE) $(BUILD)/arm64/certqr-kiosk
	@# Unit tests: the core ones link only the core; a test that needs more
	@# (zbar, qrencode through its own rule) may not link for arm64 here:
	@# tests/sh/arm64.sh lists those as skipped, by name.
	@$(MAKE) --no-print-directory -k $(ARM64_MAKE) $(ARM64_UNIT_BINS) \
		> $(BUILD)/arm64-units.log 2>&1 || echo "firmware-arm64: some unit tests did not build (see $(BUILD)/arm64-units.log)"
	@echo "firmware-arm64: $(BUILD)/arm64/certqr-kiosk (run tests with: sh tests/sh/arm64.sh)"

# The kiosk on a generated video file (window if a display is there).
.PHONY: kiosk-demo
kiosk-demo: deps
	@$(MAKE) --no-print-directory $(BUILD)/certqr-kiosk $(BUILD)/certqr-keys $(BUILD)/certqr-issue
	@BUILD=$(BUILD) sh firmware/kiosk-demo.sh
