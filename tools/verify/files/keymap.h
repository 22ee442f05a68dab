/* A map from a 16-byte digest to a number, for the batch's per-certificate
 * and per-person indexes (copies.c, people.c): 24 bytes a slot, at most half
 * of them used, so a batch's index costs a few dozen bytes per key. */
#ifndef CERTQR_FILES_KEYMAP_H
#define CERTQR_FILES_KEYMAP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define KEYMAP_KEY 16
typedef struct kslot { uint8_t key[KEYMAP_KEY]; uint32_t val; uint32_t used; } kslot;
typedef struct keymap { kslot *s; size_t n, cap; } keymap;

/* The digest of the strings given (each with its terminating NUL, so "ab",
 * "c" and "a", "bc" differ), BLAKE2b (libsodium) cut to 16 bytes: two
 * different certificates never share a row by accident or by design. */
void keymap_digest(uint8_t key[KEYMAP_KEY], const char *const *parts, unsigned n);
/* The value stored for key; if absent, stores val and sets *fresh. Returns
 * the value, or UINT32_MAX when out of memory (nothing stored). */
uint32_t keymap_put(keymap *m, const uint8_t key[KEYMAP_KEY], uint32_t val, bool *fresh);
void keymap_free(keymap *m);
#endif
