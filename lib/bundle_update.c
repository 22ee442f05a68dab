/* The rollback rule of every verifier's trust store (docs/trust.md §7): may
 * a newly verified bundle replace the installed one? The store directory
 * (lib/io/store.c) and the web page's IndexedDB (web/src/certqr_web.c) both
 * ask here, so they refuse and accept the same bundles with the same words. */
#include <stdio.h>
#include <string.h>
#include "certqr/trust.h"

cq_bundle_update cq_bundle_update_check(const uint8_t *installed, size_t in, const uint8_t *next, size_t nn,
                                        const uint8_t root_id[CQ_KEY_ID_BYTES], char why[256])
{
	cq_bundle_header oh, nh;
	char od[11], nd[11];
	if (why) why[0] = '\0';
	/* The installed bundle was verified when installed; a damaged one must
	 * not block an update, so only its header, under the same root, counts. */
	if (!installed || cq_bundle_peek(next, nn, &nh, NULL) || cq_bundle_peek(installed, in, &oh, NULL) ||
	    memcmp(oh.root_id, root_id, CQ_KEY_ID_BYTES) != 0)
		return CQ_UPDATE_NEWER;
	cq_date_format(oh.date, od);
	cq_date_format(nh.date, nd);
	if (in == nn && !memcmp(installed, next, nn)) {
		if (why) snprintf(why, 256, "version %u of %s is already installed", (unsigned)nh.version, nd);
		return CQ_UPDATE_SAME;
	}
	if (nh.version < oh.version) {
		if (why)
			snprintf(why, 256, "refused, rollback: bundle version %u (%s) is older than the installed version %u (%s)",
			         (unsigned)nh.version, nd, (unsigned)oh.version, od);
		return CQ_UPDATE_ROLLBACK;
	}
	if (nh.version == oh.version) {
		if (why)
			snprintf(why, 256, "refused, rollback: bundle version %u differs from the installed bundle of the same "
			         "version; versions must increase", (unsigned)nh.version);
		return CQ_UPDATE_ROLLBACK;
	}
	return CQ_UPDATE_NEWER;
}
