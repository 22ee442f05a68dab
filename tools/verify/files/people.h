/* certqr-verify files: people across the batch (people.c). */
#ifndef CERTQR_FILES_PEOPLE_H
#define CERTQR_FILES_PEOPLE_H

#include <stdio.h>
#include "batch.h"
#include "hours.h"

/* People across the batch, each year once, in pinyin order. */
#define PEOPLE_YEARS 64
#define PEOPLE_YEAR_FILES 8
typedef struct pyear {
	char number[CQ_NUMBER_LEN + 1];
	uint16_t year;
	uint8_t revision;
	hours_note hours;
	unsigned total;
	unsigned copies;         /* codes found for the year */
	uint32_t files[PEOPLE_YEAR_FILES];   /* indexes into the batch's paths */
	unsigned nfiles, more_files;
} pyear;
typedef struct person {
	char name[CQ_NAME_MAX_BYTES + 1], id_hint[CQ_ID_HINT_LEN + 1];
	pyear *y;
	unsigned ny, cap;
} person;
typedef struct people people;
/* paths: the batch's files by index (kept by the caller). NULL when out of memory. */
people *people_new(char *const *paths);
/* Adds the file's authentic certificates (fi: its index): 0, or -1 when out of memory. */
int people_add_file(people *ps, const bfile *f, uint32_t fi);
/* The people in pinyin order of names, each one's years in order; after
 * the first call nothing more can be added. Returns their number. */
size_t people_sorted(people *ps, const person **v);
const char *people_path(const people *ps, uint32_t fi);
void people_free(people *ps);
void json_people(FILE *o, people *ps);
void human_people(FILE *o, people *ps);

#endif
