# Hardening (docs/hardening.md): libFuzzer harnesses, the suite
# under ASan/UBSan, static analysis.
#
#   make fuzz [FUZZ_SECONDS=60] [FUZZ=name]  build and run every harness
#   make fuzz-build                          build the harnesses only
#   make test-asan                           whole suite under ASan/UBSan ($(BUILD)-asan/src)
#   make static                              cppcheck + clang-tidy
#
# The harnesses are built with clang into $(FUZZ_BUILD) (never $(BUILD)):
# the core compiled afresh with -fsanitize=fuzzer-no-link,address,undefined.
FUZZ_BUILD   ?= $(BUILD)/fuzz
FUZZ_CC      ?= clang
FUZZ_CXX     ?= clang++
FUZZ_SECONDS ?= 60
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_CFLAGS   = $(CSTD) $(WARN) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BINS    := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_CORE    := $(FUZZ_BUILD)/libcertqr-fuzz.a
FUZZ_CORE_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(LIB_SRC) $(LIBSIGN_SRC))

.PHONY: fuzz fuzz-build test-asan static
$(FUZZ_BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) -Itests $(FUZZ_CFLAGS) $(SODIUM_CFLAGS) $(FUZZ_EXTRA_CFLAGS) -MMD -MP -c -o $@ $<
$(FUZZ_CORE): $(FUZZ_CORE_OBJ)
	@mkdir -p $(dir $@)
	$(AR) rcs $@ $^
FUZZ_LD = $(FUZZ_CC)
$(FUZZ_BUILD)/fuzz_%: $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_%.o $(FUZZ_CORE)
	$(FUZZ_LD) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $^ $(FUZZ_EXTRA_LIBS) $(SODIUM_LIBS)
fuzz-build: $(FUZZ_BINS)

# The file front ends: the project's own image and page-text
# code, with the codecs and zbar as uninstrumented system libraries.
FUZZ_IMG_PKGS := zbar zxing libpng libjpeg
FUZZ_SCAN_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,$(wildcard lib/scan/*.c)) $(FUZZ_BUILD)/obj/lib/scan/zxing.o
$(FUZZ_BUILD)/obj/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(FUZZ_CXX) $(CPPFLAGS) -std=c++17 -Wall -Wextra -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) -fsanitize=fuzzer-no-link \
		$(call pc_cflags,zxing) -MMD -MP -c -o $@ $<
$(FUZZ_BUILD)/fuzz_image: $(FUZZ_BUILD)/obj/lib/render/image.o $(FUZZ_SCAN_OBJ)
$(FUZZ_BUILD)/fuzz_image: FUZZ_EXTRA_LIBS = $(call pc_libs,$(FUZZ_IMG_PKGS)) -ljpeg -lm
# the scan pipeline holds one C++ file: clang++ links the C++ sanitizer runtimes
$(FUZZ_BUILD)/fuzz_image: FUZZ_LD = $(FUZZ_CXX)
$(FUZZ_BUILD)/fuzz_composite: $(FUZZ_BUILD)/obj/tools/verify/files/composite.o
$(FUZZ_BUILD)/obj/tools/verify/files/%.o $(FUZZ_BUILD)/obj/lib/render/%.o $(FUZZ_BUILD)/obj/lib/scan/%.o $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_image.o \
  $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_composite.o: FUZZ_EXTRA_CFLAGS = $(call pc_cflags,$(FUZZ_IMG_PKGS))
# The kiosk's audit log append path: the program's file handling
# (firmware/kiosk/auditlog.c, devkey.c) over the program-side I/O library.
FUZZ_KIOSK_OBJ := $(patsubst %.c,$(FUZZ_BUILD)/obj/%.o,firmware/kiosk/auditlog.c firmware/kiosk/devkey.c $(wildcard lib/io/*.c))
$(FUZZ_BUILD)/fuzz_audit_append: $(FUZZ_KIOSK_OBJ)
$(FUZZ_BUILD)/fuzz_audit_append: FUZZ_EXTRA_LIBS = $(FUZZ_CORE)
$(FUZZ_BUILD)/obj/firmware/kiosk/%.o $(FUZZ_BUILD)/obj/tests/fuzz/fuzz_audit_append.o: FUZZ_EXTRA_CFLAGS = -Ifirmware/kiosk
fuzz: deps testkeys
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_BUILD=$(FUZZ_BUILD) sh tests/fuzz/run.sh $(FUZZ_SECONDS) $(FUZZ)

# The whole suite rebuilt with AddressSanitizer and UBSan (gcc, the
# project's compiler) in its own build directory: tests/sh/asan.sh, which
# `make test` also runs.
ASAN_BUILD ?= $(BUILD)/asan
test-asan: deps testkeys
	@ASAN_BUILD=$(ASAN_BUILD) sh tests/sh/asan.sh

static: deps
	@STATIC_MAX_NODES=$${STATIC_MAX_NODES:-225000} sh tests/sh/static.sh

-include $(shell find $(FUZZ_BUILD)/obj -name '*.d' 2>/dev/null)

# Regenerates the generated seeds (tests/fuzz/seedgen.c) and copies the
# committed key, delegation, rules and bundle files; review, then commit.
$(FUZZ_BUILD)/seedgen: $(FUZZ_BUILD)/obj/tests/fuzz/seedgen.o $(FUZZ_CORE)
	$(FUZZ_CC) $(FUZZ_SAN) -o $@ $^ $(SODIUM_LIBS)
.PHONY: fuzz-seeds
fuzz-seeds: $(FUZZ_BUILD)/seedgen $(BUILD)/certqr-keys
	$(FUZZ_BUILD)/seedgen tests/fuzz/corpus
	@FUZZ_BUILD=$(FUZZ_BUILD) BUILD=$(BUILD) sh tests/fuzz/seeds.sh
