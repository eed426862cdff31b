/*
 * hdb-linux/ptrace.h: the ptrace target, hdb's way into Linux processes.
 *
 * hdb_ptrace_target_new fills a struct hdb_target whose operations are
 * described in hdb/target.h; the process is traced with PTRACE_SEIZE so
 * that threads can be stopped with PTRACE_INTERRUPT without inventing
 * signals the program could see.
 */
#ifndef HDB_LINUX_PTRACE_H
#define HDB_LINUX_PTRACE_H

#include <hdb/target.h>

int hdb_ptrace_target_new(struct hdb_target *t);
void hdb_ptrace_target_free(struct hdb_target *t);

/* Linux signal number <-> GDB signal number (0 when there is none). */
int hdb_linux_to_gdb_signal(int linux_sig);
int hdb_gdb_to_linux_signal(int gdb_sig);

#endif
