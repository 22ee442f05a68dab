/* certqr: signed continuing-education certificates in QR codes. Including
 * this header declares the whole public API; what a program may call is
 * what it links (docs/architecture.md): verifiers never link
 * libcertqr-sign.a, so seckey.h's functions stay undefined for them. */
#ifndef CERTQR_H
#define CERTQR_H

#define CERTQR_VERSION "0.1.0"

/* libcertqr.a: the pure core (no I/O, no printing, no exit, no clock) */
#include "error.h"
#include "date.h"
#include "utf8.h"
#include "cjkcompat.h"
#include "idnum.h"
#include "record.h"
#include "fields.h"
#include "base45.h"
#include "armor.h"
#include "key.h"
#include "payload.h"
#include "delegation.h"
#include "trust.h"
#include "rules.h"
#include "hours.h"
#include "verdict.h"
#include "audit.h"
#include "layout.h"
#include "coverage.h"
#include "csv.h"
#include "textline.h"
#include "escape.h"
#include "pinyin.h"

/* libcertqr-io.a: files, atomic writes, passphrase files, the trust store,
 * CSV cells */
#include "io.h"
#include "store.h"
#include "csvout.h"

/* libcertqr-sign.a: secret keys and signing (issuing tools only) */
#include "seckey.h"

/* libcertqr-scan.a, libcertqr-render.a, libcertqr-page.a, libcertqr-ocr.a:
 * reading codes, pages as pixels, the page check and its reader */
#include "scan.h"
#include "render.h"
#include "pagecheck.h"
#include "ocr.h"

#endif
