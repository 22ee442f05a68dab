/* zbar's configuration for the WebAssembly build of `make web` (zbar's own
 * configure is not run: it takes minutes under emcc, and only this library
 * part is needed). The image scanner with the QR decoder alone, as
 * lib/scan enables at run time; no video, window, processor, JPEG or
 * threads. The values are those zbar's configure finds on Debian, less
 * everything this build leaves out. */
#ifndef CERTQR_WEB_ZBAR_CONFIG_H
#define CERTQR_WEB_ZBAR_CONFIG_H

#define ENABLE_QRCODE 1
#define ENABLE_EAN 0
#define ENABLE_DATABAR 0
#define ENABLE_CODE128 0
#define ENABLE_CODE93 0
#define ENABLE_CODE39 0
#define ENABLE_CODABAR 0
#define ENABLE_I25 0
#define ENABLE_PDF417 0
#define ENABLE_SQCODE 0

#define HAVE_ERRNO_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_UNISTD_H 1
#define HAVE_ICONV 1
#define ICONV_CONST

#define ZBAR_VERSION_MAJOR 0
#define ZBAR_VERSION_MINOR 23
#define ZBAR_VERSION_PATCH 92
#define PACKAGE_VERSION "0.23.92"

#endif
