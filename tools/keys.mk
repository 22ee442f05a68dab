# certqr-keys: key generation, delegations, trust bundles.
KEYS_SRC := $(wildcard tools/keys/*.c)
PROGS += $(BUILD)/certqr-keys
$(BUILD)/certqr-keys: $(KEYS_SRC:%.c=$(BUILD)/%.o) $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBSIGN) $(LIBIO) $(LIB) $(SODIUM_LIBS)
$(BUILD)/tools/keys/%.o: EXTRA_CFLAGS += $(SODIUM_CFLAGS)
