/* certqr-verify files: images and PDFs, one or a thousand. ../main.c hands
 * "certqr-verify files ..." (and "certqr-verify scan.pdf") over to
 * files_main() (main.c here) when the build has the file verifier
 * (VERIFY_FILES). Returns the exit status of certqr-verify-files(1). */
#ifndef CERTQR_FILES_H
#define CERTQR_FILES_H
int files_main(int argc, char **argv);
#endif
