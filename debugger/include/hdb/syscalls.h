/*
 * hdb/syscalls.h: Linux x86-64 system calls by number and name, for
 * `catch syscall` (cli/cli_catch.c). The table is generated at build time
 * from the kernel's asm/unistd_64.h (scripts/gen-syscalls.sh).
 */
#ifndef HDB_SYSCALLS_H
#define HDB_SYSCALLS_H

#define HDB_SYSCALL_MAX 1024

extern const char *const hdb_syscall_names[HDB_SYSCALL_MAX];

/* The name of system call nr; NULL if the table has none. */
const char *hdb_syscall_name(long nr);
/* The number of a system call by name; -1 if there is none. */
long hdb_syscall_by_name(const char *name);

#endif
