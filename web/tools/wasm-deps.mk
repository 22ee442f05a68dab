# Sub-make of web/web.mk (run once the Debian sources are unpacked, so the
# wildcards below see them): libsodium and zbar as WebAssembly archives.
#   make -f web/tools/wasm-deps.mk W=build/web EMCC='...' build/web/libsodium.a
# Neither package's configure is run (minutes under emcc for each): the
# defines are what libsodium's configure finds for emscripten with the
# options of its dist-build/emscripten.sh, and web/zbar/config.h for zbar.
W    ?= build/web
EMCC ?= emcc
AR_W ?= emar
SODIUM   := $(W)/src/libsodium/src/libsodium
ZBAR     := $(W)/src/zbar/zbar
SOD_SRC  := $(shell find $(SODIUM) -name '*.c' | sort)
SOD_OBJ  := $(patsubst $(SODIUM)/%.c,$(W)/obj/sodium/%.o,$(SOD_SRC))
SOD_VER  := $(SODIUM)/include/sodium/version.h
SOD_DEFS := -DCONFIGURED=1 -DNATIVE_LITTLE_ENDIAN=1 -DHAVE_ATOMIC_OPS=1 -DHAVE_ALLOCA_H=1 -DHAVE_ALLOCA=1 \
	-DHAVE_POSIX_MEMALIGN=1 -DHAVE_GETPID=1 -DHAVE_NANOSLEEP=1 -DHAVE_EXPLICIT_BZERO=1 -DHAVE_SYS_MMAN_H=1
SOD_FLAGS := -Os -fvisibility=hidden -fno-strict-aliasing -fno-strict-overflow -w \
	-I$(SODIUM)/include/sodium -I$(SODIUM)/include $(SOD_DEFS)
# zbar's library part: the image scanner and the QR decoder
# (zbar/Makefile.am's libzbar_la_SOURCES, ENABLE_QRCODE, without the video,
# window and processor files that a still image does not need).
ZBAR_SRC := config.c error.c symbol.c image.c convert.c refcnt.c img_scanner.c scanner.c decoder.c misc.c \
	decoder/qr_finder.c qrcode/qrdec.c qrcode/qrdectxt.c qrcode/rs.c qrcode/isaac.c qrcode/bch15_5.c \
	qrcode/binarize.c qrcode/util.c
ZBAR_OBJ := $(ZBAR_SRC:%.c=$(W)/obj/zbar/%.o)
ZBAR_FLAGS := -O2 -w -Iweb/zbar -I$(ZBAR)/../include -I$(ZBAR)

$(W)/libsodium.a: $(SOD_OBJ)
	@rm -f $@
	@$(AR_W) rcs $@ $^
$(W)/libzbar.a: $(ZBAR_OBJ)
	@rm -f $@
	@$(AR_W) rcs $@ $^

# version.h from version.h.in, with the numbers of libsodium's configure.ac.
$(SOD_VER): $(SOD_VER).in
	@v=$$(sed -n 's/^AC_INIT(\[libsodium\],\[\([0-9.]*\)\].*/\1/p' $(W)/src/libsodium/configure.ac); \
	maj=$$(sed -n 's/^SODIUM_LIBRARY_VERSION_MAJOR=//p' $(W)/src/libsodium/configure.ac); \
	min=$$(sed -n 's/^SODIUM_LIBRARY_VERSION_MINOR=//p' $(W)/src/libsodium/configure.ac); \
	[ -n "$$v" ] && [ -n "$$maj" ] && [ -n "$$min" ] && \
	sed -e "s/@VERSION@/$$v/" -e "s/@SODIUM_LIBRARY_VERSION_MAJOR@/$$maj/" \
	    -e "s/@SODIUM_LIBRARY_VERSION_MINOR@/$$min/" -e "s/@SODIUM_LIBRARY_MINIMAL_DEF@//" $< > $@
$(SOD_OBJ): $(SOD_VER)
$(W)/obj/sodium/%.o: $(SODIUM)/%.c
	@mkdir -p $(dir $@)
	@$(EMCC) $(SOD_FLAGS) -c -o $@ $<
$(W)/obj/zbar/%.o: $(ZBAR)/%.c web/zbar/config.h
	@mkdir -p $(dir $@)
	@$(EMCC) $(ZBAR_FLAGS) -c -o $@ $<
