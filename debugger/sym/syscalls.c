/*
 * syscalls.c: lookups in the generated table of system call names
 * (hdb/syscalls.h).
 */
#include <string.h>

#include <hdb/syscalls.h>

const char *hdb_syscall_name(long nr)
{
    return nr >= 0 && nr < HDB_SYSCALL_MAX ? hdb_syscall_names[nr] : NULL;
}

long hdb_syscall_by_name(const char *name)
{
    for (long i = 0; i < HDB_SYSCALL_MAX; i++)
        if (hdb_syscall_names[i] && strcmp(hdb_syscall_names[i], name) == 0)
            return i;
    return -1;
}
