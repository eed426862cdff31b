/*
 * hdb/watch.h: software watchpoints and the scope of watched locals
 * (watch.c), for run control and the user interfaces.
 */
#ifndef HDB_WATCH_H
#define HDB_WATCH_H

#include <hdb/session.h>
#include <hdb/value.h>

/* Is an enabled software watchpoint set? Run control then single-steps. */
bool hdb_watch_soft_active(const struct hdb_session *s);
/* Reads the watched object's value now, the one later values are compared with. */
int hdb_watch_snapshot(struct hdb_session *s, struct hdb_breakpoint *b);
/* Has the watched object changed since the last look? *now: its first 8 bytes; wide ones kept. */
bool hdb_watch_changed(struct hdb_session *s, struct hdb_breakpoint *b, uint64_t *now);
/*
 * The debug-register pieces covering [addr, addr + len): how many (at most
 * max), or -1 when more are needed.
 */
int hdb_watch_pieces(uint64_t addr, unsigned len, uint64_t *at, unsigned *size, int max);
/* After one instruction of thread tid: a software watchpoint whose object changed fills *ev. */
bool hdb_watch_soft_check(struct hdb_session *s, int64_t tid, uint64_t pc, struct hdb_event *ev);
/* A wide software watchpoint's last change, old and new, for the stop message. */
int hdb_watch_old_new(struct hdb_session *s, struct hdb_value *old, struct hdb_value *now);
/* Where the watched locals' frames return: pcs, the frames' CFAs and the watchpoints. */
int hdb_watch_scope_points(const struct hdb_session *s, uint64_t *pcs, uint64_t *cfas, int *nums,
                           int max);
/* The frame of watchpoint number returned: it is deleted, *ev says so. */
void hdb_watch_scope_event(struct hdb_session *s, int number, int64_t tid, uint64_t pc,
                           struct hdb_event *ev);

#endif
