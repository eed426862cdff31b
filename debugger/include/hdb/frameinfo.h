/*
 * hdb/frameinfo.h: what a frame line shows about a function's arguments.
 */
#ifndef HDB_FRAMEINFO_H
#define HDB_FRAMEINFO_H

#include <hdb/session.h>
#include <hdb/strbuf.h>

/*
 * Appends "a=1, b=2" for the function of frame f (caller: f->pc is a
 * return address). Locations are evaluated by dwarf/ (expressions and
 * location lists); entry values and registers the unwinder could not
 * recover show as <optimized out>. Aggregates show as "...", as with
 * gdb's default `print frame-arguments scalars`.
 */
void hdb_frame_args(struct hdb_session *s, const struct hdb_frame *f, bool caller,
                    struct hdb_strbuf *b);

/*
 * The variable or parameter called name in the selected frame's scope:
 * 0 with *v, HDB_E_NOT_FOUND (not in scope: try globals), HDB_E_NOTSUP
 * (in scope but optimized out at this pc).
 */
struct hdb_value;
int hdb_frame_lookup(struct hdb_session *s, const char *name, struct hdb_value *v);

/* The variable or parameter called name in the selected frame's scope: its unit and DIE offsets. */
int hdb_frame_find_var(struct hdb_session *s, const char *name, uint64_t *unit, uint64_t *die);

/*
 * info args / info locals: one "name = value" line per variable through
 * emit; as_print: each value as print shows it (pointers with their type,
 * "(int *) 0x..."), else as gdb's info locals does ("0x...").
 */
int hdb_frame_list_vars(struct hdb_session *s, bool args, bool as_print,
                        void (*emit)(void *ctx, const char *line), void *ctx);

#endif
