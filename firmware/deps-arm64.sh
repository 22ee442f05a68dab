#!/bin/sh
# What `make firmware-arm64` needs on a Debian 12 amd64 machine: the aarch64
# cross compiler, qemu user emulation and the arm64 libraries, side by side with
# the amd64 ones. The list lives in tools/deps/ (arm64.txt, and the rows of
# modules.tab marked arm64). As root it installs; otherwise it prints the
# commands and exits 1.
exec sh "$(dirname "$0")/../tools/deps.sh" arm64
