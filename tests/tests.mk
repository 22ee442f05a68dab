# Unit tests: every tests/unit/test_*.c is one cmocka binary, linked with the
# whole core (including signing, which the tests need).
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BINS := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/unit/%)
TEST_BINS += $(UNIT_BINS)
# Their objects come from a pattern chain; keep them so reruns don't recompile.
.SECONDARY: $(UNIT_BINS:%=%.o)
CMOCKA_LIBS  = $(call pc_libs,cmocka)
$(BUILD)/tests/unit/%: $(BUILD)/tests/unit/%.o $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSIGN) $(LIBIO) $(LIB) $(CMOCKA_LIBS) $(SODIUM_LIBS) $(TEST_EXTRA_LIBS)
$(BUILD)/tests/%.o: EXTRA_CFLAGS += $(SODIUM_CFLAGS) -Itests

# Measurement tools used by tests/sh and tests/bench.
TEST_BINS += $(BUILD)/tests/tools/qrsize
$(BUILD)/tests/tools/qrsize: $(BUILD)/tests/tools/qrsize.o $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSIGN) $(LIBIO) $(LIB) $(call pc_libs,libqrencode) $(SODIUM_LIBS)
TEST_BINS += $(BUILD)/tests/tools/fontcover
$(BUILD)/tests/tools/fontcover: $(BUILD)/tests/tools/fontcover.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB) $(call pc_libs,harfbuzz)
$(BUILD)/tests/tools/fontcover.o: EXTRA_CFLAGS += $(call pc_cflags,harfbuzz)

# The machine-readable vectors (tests/vectors/verdicts.txt, tests/trust/bundles.txt).
TEST_BINS += $(BUILD)/tests/tools/vectors
$(BUILD)/tests/tools/vectors: $(BUILD)/tests/tools/vectors.o $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSIGN) $(LIBIO) $(LIB) $(SODIUM_LIBS)

# The hostile inputs of tests/sh/hostile_decode.sh, generated (hostilegen.c).
TEST_BINS += $(BUILD)/tests/tools/hostilegen
$(BUILD)/tests/tools/hostilegen: $(BUILD)/tests/tools/hostilegen.o
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(call pc_libs,libqrencode zlib) -ljpeg
$(BUILD)/tests/tools/hostilegen.o: EXTRA_CFLAGS += $(call pc_cflags,libqrencode zlib)
