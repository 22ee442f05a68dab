# certqr-issue: signing certificates, batches, PDFs.
# libhpdf (libharu 2.3.0) has no pkg-config file in Debian: linked directly.
ISSUE_SRC := $(wildcard tools/issue/*.c)
ISSUE_PKGS ?= libsodium harfbuzz-subset harfbuzz libqrencode zlib libpng
ISSUE_LIBS  = $(call pc_libs,$(ISSUE_PKGS)) -lhpdf -lpthread -lm
PROGS += $(BUILD)/certqr-issue
$(BUILD)/certqr-issue: $(ISSUE_SRC:%.c=$(BUILD)/%.o) $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBSIGN) $(LIBIO) $(LIB) $(ISSUE_LIBS)
$(BUILD)/tools/issue/%.o: EXTRA_CFLAGS += $(call pc_cflags,$(ISSUE_PKGS))
