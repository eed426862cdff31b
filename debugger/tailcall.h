/*
 * tailcall.h (internal): the functions that left the stack through a tail
 * call, found from call-site DWARF (tailcall.c); stack.c shows them as
 * frames, frameeval.c asks whether a function's entry values can be trusted.
 */
#ifndef HDB_TAILCALL_H
#define HDB_TAILCALL_H

#include <stdbool.h>
#include <stdint.h>

#include <hdb/session.h>

/* The longest chain of tail calls shown between a callee and its caller. */
#define HDB_TAILCALL_MAX 32

/*
 * The call whose return address is caller_pc entered one function; the
 * callee's frame runs the function entered at callee_entry (runtime
 * addresses). The tail calls that must have led from one to the other, as
 * the return addresses of their jumps, innermost first: how many (0: a
 * direct call, or no chain that can be told for sure).
 */
int hdb_tailcall_chain(struct hdb_session *s, uint64_t caller_pc, uint64_t callee_entry,
                       uint64_t pcs[HDB_TAILCALL_MAX]);

/*
 * Can the function entered at entry come back to itself through tail
 * calls? Then no caller's call site tells what it was entered with. True
 * also where its tail calls cannot all be followed.
 */
bool hdb_tailcall_may_recurse(struct hdb_session *s, uint64_t entry);

#endif
