/*
 * hdb/remote.h: the GDB remote-protocol client target (GDB manual,
 * appendix "Remote Protocol"). It drives any stub over a struct hdb_link
 * (TCP or a serial line, opened by the platform): gdbserver, QEMU's
 * gdbstub, the Helios kernel's stub on COM2. Platform-neutral: the core
 * links it, and only the link knows about sockets and ttys.
 */
#ifndef HDB_REMOTE_H
#define HDB_REMOTE_H

#include <hdb/platform.h>
#include <hdb/target.h>

/*
 * A target that owns link (closed by hdb_remote_target_free). Nothing is
 * sent until the target's attach(), which negotiates the features
 * (qSupported, no-ack mode, target.xml) and asks why the target stopped.
 */
int hdb_remote_target_new(struct hdb_target *t, const struct hdb_platform *plat,
                          struct hdb_link link);
void hdb_remote_target_free(struct hdb_target *t);
bool hdb_remote_target_is(const struct hdb_target *t);

#endif
