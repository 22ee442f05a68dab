# certqr build configuration: the one place to change compilers, flags and paths.
VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/certqr
# The verifiers' trust store; must equal CQ_STORE_DEFAULT (include/certqr/store.h),
# which a program uses when given no --trust and no $$CERTQR_TRUST.
STOREDIR ?= /var/lib/certqr/trust
DESTDIR  ?=
BUILD    ?= build

CC       ?= cc
# The one C++ file (lib/scan/zxing.cpp, the bridge to zxing-cpp) is built with
# the same optimisation and hardening; CFLAGS (sanitizers, debug flags) reach
# it too, CXXFLAGS only it.
CXX      ?= c++
PKG_CONFIG ?= pkg-config
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2
OPT      ?= -O2 -g
HARDEN    = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
CFLAGS   ?=
CPPFLAGS += -Iinclude
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(HARDEN) $(CFLAGS)
CXXSTD    = -std=c++17
CXXWARN   = -Wall -Wextra -Wshadow -Wformat=2
CXXFLAGS ?=
ALL_CXXFLAGS = $(CXXSTD) $(CXXWARN) $(OPT) $(HARDEN) $(CFLAGS) $(CXXFLAGS)
LDFLAGS  ?=
ALL_LDFLAGS = -pie -Wl,-z,relro,-z,now $(LDFLAGS)

# Each external library is resolved through pkg-config only, and every module
# must be declared in tools/deps/modules.tab, the one list from which
# tools/deps.sh installs packages (native, and `tools/deps.sh arm64` for the
# Raspberry Pi build). The arm64 build (PC_ARCH=arm64) may ask only for modules
# marked arm64 there. An undeclared or unresolvable module stops make with its
# name, instead of an empty flag list and a compiler error about a header.
# Expanded only where used (recipes, target variables) and memoised, so the
# arm64 build never resolves the laptop-only modules.
PC_ARCH    ?= native
PC_TABLE   := tools/deps/modules.tab
PC_MODULES := $(shell awk '!/^\#/ && NF >= 2 && ("$(PC_ARCH)" == "native" || $$3 == "$(PC_ARCH)") {print $$1}' $(PC_TABLE))
pc_undeclared = $(filter-out $(PC_MODULES),$(1))
pc_check = $(if $(call pc_undeclared,$(1)),$(error pkg-config module(s) $(call pc_undeclared,$(1)) not declared for $(PC_ARCH) in $(PC_TABLE)))
pc_empty :=
pc_space := $(pc_empty) $(pc_empty)
pc_key   = $(subst $(pc_space),+,$(strip $(1)))
pc_run   = $(call pc_check,$(2))$(if $(filter undefined,$(origin PC_$(1)_$(call pc_key,$(2)))),$(eval PC_$(1)_$(call pc_key,$(2)) := $(shell $(PKG_CONFIG) --$(1) $(2) 2>/dev/null || echo PC_FAILED))$(if $(filter PC_FAILED,$(PC_$(1)_$(call pc_key,$(2)))),$(error pkg-config cannot resolve '$(strip $(2))' ($(PC_ARCH)); run: tools/deps.sh $(filter arm64,$(PC_ARCH)))))$(PC_$(1)_$(call pc_key,$(2)))
pc_cflags = $(call pc_run,cflags,$(1))
pc_libs   = $(call pc_run,libs,$(1))
