# Verifying files (issue 5): the QR decoding pipeline as its own archive
# (lib/scan/, include/certqr/scan.h; zbar, QR only), reused by the kiosk.
SCAN_SRC    := $(wildcard lib/scan/*.c)
LIBSCAN     := $(BUILD)/libcertqr-scan.a
SCAN_PKGS   := zbar
SCAN_CFLAGS := $(call pc_cflags,$(SCAN_PKGS))
SCAN_LIBS   := $(call pc_libs,$(SCAN_PKGS))
$(LIBSCAN): $(SCAN_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
$(BUILD)/lib/scan/%.o: EXTRA_CFLAGS += $(SCAN_CFLAGS)
