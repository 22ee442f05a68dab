/* certqr-verify files: images and PDFs, one or a thousand (issue 5).
 * Included into every tools/verify source by tools/verify_files.mk (-include), so
 * main.c can hand "certqr-verify files ..." over to files_main(). */
#ifndef CERTQR_FILES_H
#define CERTQR_FILES_H
int files_main(int argc, char **argv);
#endif
