/* Trust updates from a USB stick: the appliance mounts any stick read-only
 * at one directory (firmware/99-certqr-usb.rules); the kiosk looks there
 * every two seconds for a trust bundle it has not handled yet. The bundle
 * is verified and installed by cq_store_install (certqr/store.h). */
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "kiosk.h"

#define POLL_MS 2000

int stick_poll(kiosk_stick *k, uint64_t now, char *path, size_t cap)
{
	if (!k->dir || now < k->next_poll) return 0;
	k->next_poll = now + POLL_MS;
	DIR *d = opendir(k->dir);
	char best[256] = "";
	if (d) {
		/* certqr-trust.bundle if present, else the last *.bundle by name. */
		for (struct dirent *e; (e = readdir(d));) {
			size_t n = strlen(e->d_name);
			if (e->d_name[0] == '.' || n < 8 || n >= sizeof best || strcmp(e->d_name + n - 7, ".bundle")) continue;
			if (!strcmp(best, "certqr-trust.bundle")) continue;
			if (!strcmp(e->d_name, "certqr-trust.bundle") || strcmp(e->d_name, best) > 0)
				snprintf(best, sizeof best, "%s", e->d_name);
		}
		closedir(d);
	}
	if (!best[0]) { k->seen_path[0] = '\0'; return 0; }   /* stick gone: the next one is news */
	char p[800];
	snprintf(p, sizeof p, "%s/%s", k->dir, best);
	struct stat st;
	if (stat(p, &st) || !S_ISREG(st.st_mode)) return 0;
	if (!strcmp(p, k->seen_path) && st.st_mtime == k->seen_mtime && st.st_size == k->seen_size) return 0;
	snprintf(k->seen_path, sizeof k->seen_path, "%.500s", p);
	k->seen_mtime = st.st_mtime;
	k->seen_size = st.st_size;
	if (snprintf(path, cap, "%s", p) >= (int)cap) return 0;
	return 1;
}
