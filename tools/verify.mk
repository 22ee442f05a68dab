# certqr-verify: judging certificate texts against a trust store.
# Linked with libcertqr.a and libcertqr-io.a only, never libcertqr-sign.a:
# tests/sh/verify_nosign.sh proves with nm that it imports no signing code.
# Other input kinds (tools/verify/files/): a row in
# tools/verify/inputs.c, their objects as extra prerequisites of
# $(BUILD)/certqr-verify, their libraries in VERIFY_EXTRA_LIBS.
VERIFY_SRC := $(wildcard tools/verify/*.c)
PROGS += $(BUILD)/certqr-verify
$(BUILD)/certqr-verify: $(VERIFY_SRC:%.c=$(BUILD)/%.o) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBIO) $(LIB) $(VERIFY_EXTRA_LIBS) $(SODIUM_LIBS)
$(BUILD)/tools/verify/%.o: EXTRA_CFLAGS += $(SODIUM_CFLAGS) $(VERIFY_EXTRA_CFLAGS)

# Test and benchmark helpers for the trust suite (signing allowed: tests only).
TEST_BINS += $(BUILD)/tests/trust-corpus
$(BUILD)/tests/trust-corpus: $(BUILD)/tests/trust_corpus.o $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSIGN) $(LIBIO) $(LIB) $(SODIUM_LIBS)
TEST_BINS += $(BUILD)/tests/trust-bench
$(BUILD)/tests/trust-bench: $(BUILD)/tests/trust_bench.o $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIBSIGN) $(LIBIO) $(LIB) $(SODIUM_LIBS)
