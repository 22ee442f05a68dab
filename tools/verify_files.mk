# Program side of file verification: workers, reports, batches. Pages come
# from libcertqr-render.a, codes from libcertqr-scan.a, the page check from
# libcertqr-page.a (lib/lib.mk).
FILES_SRC    := $(wildcard tools/verify/files/*.c)
FILES_OBJ    := $(FILES_SRC:%.c=$(BUILD)/%.o)
FILES_LIBS    = $(LIBPAGE) $(LIBOCR) $(LIBRENDER) $(LIBSCAN) $(PAGE_LIBS) $(OCR_LIBS) $(RENDER_LIBS) $(SCAN_LIBS)
$(BUILD)/tools/verify/files/%.o: EXTRA_CFLAGS += $(RENDER_CFLAGS) $(SCAN_CFLAGS) $(SODIUM_CFLAGS)

# Benchmark helper: decode time of the pipeline alone.
TEST_BINS += $(BUILD)/tests/files-scanbench
$(BUILD)/tests/files-scanbench: $(BUILD)/tests/bench/files_scanbench.o $(LIBRENDER) $(LIBSCAN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $^ $(SCAN_LIBS) $(RENDER_LIBS) $(SODIUM_LIBS)

# certqr-verify files: the objects join certqr-verify (tools/verify.mk links
# every .o prerequisite); main.c dispatches "files" when VERIFY_FILES is set.
$(BUILD)/certqr-verify: $(FILES_OBJ) $(LIBPAGE) $(LIBOCR) $(LIBRENDER) $(LIBSCAN)
VERIFY_EXTRA_LIBS   += $(FILES_LIBS)
VERIFY_EXTRA_CFLAGS += -DVERIFY_FILES

# Unit test of the pipeline: libcertqr-scan.a, zbar, and libqrencode to draw codes.
$(BUILD)/tests/unit/test_scan: $(BUILD)/tests/unit/test_scan.o $(LIBSCAN)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSCAN) $(SCAN_LIBS) $(call pc_libs,libqrencode) $(CMOCKA_LIBS)

# The page check alone (tests/tools/pagebench.c): tuning and make bench.
TEST_BINS += $(BUILD)/tests/tools/pagebench
$(BUILD)/tests/tools/pagebench: $(BUILD)/tests/tools/pagebench.o $(LIBPAGE) $(LIBRENDER) $(LIBSCAN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBPAGE) $(LIBRENDER) $(LIBSCAN) $(LIBIO) $(LIB) $(PAGE_LIBS) $(RENDER_LIBS) $(SCAN_LIBS) $(SODIUM_LIBS)
$(BUILD)/tests/tools/pagebench.o: EXTRA_CFLAGS += $(SCAN_CFLAGS)
