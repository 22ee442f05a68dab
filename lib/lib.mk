# The core, in two archives: the verifier links only libcertqr.a; issuing
# tools add libcertqr-sign.a (secret keys, signing). tests/sh/verify_only.sh
# checks with nm that the verifier programs import no signing function.
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
