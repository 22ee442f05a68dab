# make web: the verifier as one offline web page (web/, docs/web.md).
# The core (lib/ and lib/scan/), libsodium and zbar, compiled to WebAssembly
# with Debian's emscripten from Debian's source packages (web/tools/debsrc.sh,
# web/tools/wasm-deps.mk), plus the page (web/src/), assembled into
#   $(WEB)/certqr-verify.html   one file for file:// (WebAssembly inlined)
#   $(WEB)/pwa/                 the same page as an installable PWA
# WEB_BUNDLE names the trust bundle to embed (default: the test bundle of
# tests/trust/bundle.spec, signed by the TEST-ONLY root) and WEB_ROOT the
# root public key it is verified against.
WEB        := $(BUILD)/web
EMCC       ?= emcc
# Debian's emcc runs Node.js tools that need Debian's node-acorn, which a
# Node.js not from Debian (NodeSource's) does not look for.
EMCC_RUN    = env NODE_PATH=/usr/share/nodejs $(EMCC)
WEB_CFLAGS  = $(CSTD) $(WARN) -O2
WEB_BUNDLE ?= $(WEB)/test-trust.bundle
WEB_ROOT   ?= keys/test/root-TEST-ONLY.pub
WEB_NPM    := $(WEB)/npm/node_modules/.certqr-lock
WEB_LIB_SRC := $(wildcard lib/*.c lib/scan/*.c) web/src/certqr_web.c web/src/zxing_absent.c
WEB_LIB_OBJ := $(WEB_LIB_SRC:%.c=$(WEB)/obj/%.o)
WEB_PAGE   := $(wildcard web/src/*.js web/src/*.css web/src/*.html web/src/*.svg web/src/*.webmanifest)
WEB_EXPORTS := _malloc,_free,_cqw_init,_cqw_bundle,_cqw_trust_info,_cqw_judge,_cqw_scan,_cqw_judge_code,_cqw_names
WEB_LDFLAGS := -O2 -sMODULARIZE=1 -sEXPORT_NAME=CertqrCore -sENVIRONMENT=web -sFILESYSTEM=0 \
	-sDYNAMIC_EXECUTION=0 -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 \
	-sEXPORTED_FUNCTIONS=$(WEB_EXPORTS) -sEXPORTED_RUNTIME_METHODS=UTF8ToString,stringToUTF8,lengthBytesUTF8

.PHONY: web
web: $(WEB)/certqr-verify.html
# make test builds the page; a sanitizer build (tests/sh/asan.sh) does not:
# WebAssembly is not built with the sanitizers, and that run skips the group.
ifeq ($(findstring -fsanitize,$(CFLAGS)),)
TEST_BINS += $(WEB)/certqr-verify.html
endif

$(WEB)/src/.unpacked: web/tools/debsrc.sh
	sh web/tools/debsrc.sh $(WEB)/src libsodium:libsodium-dev zbar:libzbar-dev
	@touch $@
$(WEB)/libsodium.a $(WEB)/libzbar.a: $(WEB)/src/.unpacked web/tools/wasm-deps.mk web/zbar/config.h
	@$(MAKE) --no-print-directory -f web/tools/wasm-deps.mk W=$(WEB) EMCC="$(EMCC_RUN)" AR_W="env NODE_PATH=/usr/share/nodejs emar" $@

$(WEB)/obj/%.o: %.c $(WEB)/src/.unpacked
	@mkdir -p $(dir $@)
	$(EMCC_RUN) $(CPPFLAGS) -I$(WEB)/src/libsodium/src/libsodium/include -I$(WEB)/src/zbar/include \
		$(WEB_CFLAGS) -MMD -MP -c -o $@ $<
$(WEB_LIB_OBJ): $(WEB)/libsodium.a

$(WEB)/certqr-core.js: $(WEB_LIB_OBJ) $(WEB)/libsodium.a $(WEB)/libzbar.a
	$(EMCC_RUN) $(WEB_LDFLAGS) -o $@ $(WEB_LIB_OBJ) $(WEB)/libzbar.a $(WEB)/libsodium.a

# npm packages from the committed lock, never newer ones.
$(WEB_NPM): web/package.json web/package-lock.json
	@mkdir -p $(WEB)/npm
	cp web/package.json web/package-lock.json $(WEB)/npm/
	cd $(WEB)/npm && npm ci --omit=optional --no-audit --no-fund --loglevel=error
	@touch $@

# The default bundle: tests/trust/bundle.spec, as the forgery suite uses it.
$(WEB)/test-trust.bundle: $(BUILD)/certqr-keys tests/trust/bundle.spec | testkeys
	@mkdir -p $(WEB)
	$(BUILD)/certqr-keys bundle --root keys/test/root-TEST-ONLY.key --spec tests/trust/bundle.spec \
		--passphrase-file keys/test/PASSPHRASE-TEST-ONLY -f -o $@ > /dev/null

$(WEB)/certqr-verify.html: $(WEB)/certqr-core.js $(WEB_PAGE) web/tools/assemble.mjs web/tools/icon.py $(WEB_NPM) $(WEB_BUNDLE) $(WEB_ROOT)
	node web/tools/assemble.mjs --core $(WEB)/certqr-core.js --bundle $(WEB_BUNDLE) --root $(WEB_ROOT) \
		--pdfjs $(WEB)/npm/node_modules/pdfjs-dist --out $@ --pwa $(WEB)/pwa --version $(VERSION)
	/usr/bin/python3 web/tools/icon.py $(WEB)/pwa 192 512
