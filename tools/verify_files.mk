# Verifying files (issue 5): the QR decoding pipeline as its own archive
# (lib/scan/, include/certqr/scan.h; zbar and zxing-cpp, QR only), reused by
# the kiosk. zxing-cpp is C++ without a C API: lib/scan/zxing.cpp is the one
# C++ file, so whatever links the archive also links libstdc++.
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

# Program side of file verification: image/PDF loading, reports, batches.
FILES_SRC    := $(wildcard tools/verify/files/*.c)
FILES_OBJ    := $(FILES_SRC:%.c=$(BUILD)/%.o)
FILES_PKGS   := libpng libjpeg poppler-glib cairo
FILES_CFLAGS  = $(call pc_cflags,$(FILES_PKGS))
FILES_LIBS    = $(call pc_libs,$(FILES_PKGS)) -ljpeg
$(BUILD)/tools/verify/files/%.o: EXTRA_CFLAGS += $(FILES_CFLAGS) $(SCAN_CFLAGS) $(SODIUM_CFLAGS)

# Benchmark helper: decode time of the pipeline alone.
TEST_BINS += $(BUILD)/tests/files-scanbench
$(BUILD)/tests/files-scanbench: $(BUILD)/tests/bench/files_scanbench.o $(BUILD)/tools/verify/files/image.o $(LIBSCAN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SCAN_LIBS) $(FILES_LIBS) $(SODIUM_LIBS)

# certqr-verify files: the objects join certqr-verify (tools/verify.mk links
# every .o prerequisite); main.c dispatches "files" when VERIFY_FILES is set.
$(BUILD)/certqr-verify: $(FILES_OBJ) $(LIBSCAN)
VERIFY_EXTRA_LIBS   += $(LIBSCAN) $(SCAN_LIBS) $(FILES_LIBS)
VERIFY_EXTRA_CFLAGS += -DVERIFY_FILES -include tools/verify/files/files.h

# Unit test of the pipeline: libcertqr-scan.a, zbar, and libqrencode to draw codes.
$(BUILD)/tests/unit/test_scan: $(BUILD)/tests/unit/test_scan.o $(LIBSCAN)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSCAN) $(SCAN_LIBS) $(call pc_libs,libqrencode) $(CMOCKA_LIBS)
