# certqr build configuration: the one place to change compilers, flags and paths.
VERSION   = 0.1.0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
MANDIR   ?= $(PREFIX)/share/man
DATADIR  ?= $(PREFIX)/share/certqr
DESTDIR  ?=
BUILD    ?= build

CC       ?= cc
PKG_CONFIG ?= pkg-config
CSTD      = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE
WARN      = -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wformat=2
OPT      ?= -O2 -g
HARDEN    = -fstack-protector-strong -D_FORTIFY_SOURCE=2 -fPIE
CFLAGS   ?=
CPPFLAGS += -Iinclude
ALL_CFLAGS = $(CSTD) $(WARN) $(OPT) $(HARDEN) $(CFLAGS)
LDFLAGS  ?=
ALL_LDFLAGS = -pie -Wl,-z,relro,-z,now $(LDFLAGS)

# Each external library is resolved through pkg-config only.
pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)
