/* certqr core library: signed continuing-education certificates in QR codes.
 * Pure: no I/O, no printing, no exit, no clock. */
#ifndef CERTQR_H
#define CERTQR_H

#define CERTQR_VERSION "0.1.0"

#include "error.h"
#include "date.h"
#include "utf8.h"
#include "idnum.h"
#include "record.h"
#include "base45.h"
#include "armor.h"
#include "key.h"
#include "payload.h"
#include "delegation.h"

#endif
