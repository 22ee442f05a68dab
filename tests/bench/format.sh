#!/bin/sh
# Payload sizes and the QR version needed, per name length and error-correction level.
cd "$(dirname "$0")/../.." && "${BUILD:-build}/tests/tools/qrsize"
