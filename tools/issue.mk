# certqr-issue: signing certificates, batches, PDFs.
ISSUE_SRC := $(wildcard tools/issue/*.c)
ISSUE_PKGS ?= libsodium
PROGS += $(BUILD)/certqr-issue
$(BUILD)/certqr-issue: $(ISSUE_SRC:%.c=$(BUILD)/%.o) $(LIBSIGN) $(LIBIO) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIBSIGN) $(LIBIO) $(LIB) $(call pc_libs,$(ISSUE_PKGS)) -lpthread
$(BUILD)/tools/issue/%.o: EXTRA_CFLAGS += $(call pc_cflags,$(ISSUE_PKGS))
