/*
 * signals.c: Linux signal numbers to GDB's and back.
 *
 * The target interface speaks GDB's numbering (GDB manual "Signals",
 * gdb/signals.def) so that remote targets need no translation; Linux
 * agrees with it only for 1-15 and the rest is this table.
 */
#include <signal.h>

#include <hdb-linux/ptrace.h>

static const struct {
    int linux_sig, gdb_sig;
} sigmap[] = {
    {SIGHUP, 1},     {SIGINT, 2},   {SIGQUIT, 3},   {SIGILL, 4},   {SIGTRAP, 5},  {SIGABRT, 6},
    {SIGFPE, 8},     {SIGKILL, 9},  {SIGBUS, 10},   {SIGSEGV, 11}, {SIGSYS, 12},  {SIGPIPE, 13},
    {SIGALRM, 14},   {SIGTERM, 15}, {SIGURG, 16},   {SIGSTOP, 17}, {SIGTSTP, 18}, {SIGCONT, 19},
    {SIGCHLD, 20},   {SIGTTIN, 21}, {SIGTTOU, 22},  {SIGIO, 23},   {SIGXCPU, 24}, {SIGXFSZ, 25},
    {SIGVTALRM, 26}, {SIGPROF, 27}, {SIGWINCH, 28}, {SIGUSR1, 30}, {SIGUSR2, 31}, {SIGPWR, 32},
};

int hdb_linux_to_gdb_signal(int linux_sig)
{
    for (unsigned i = 0; i < sizeof(sigmap) / sizeof(sigmap[0]); i++)
        if (sigmap[i].linux_sig == linux_sig)
            return sigmap[i].gdb_sig;
    /* Real-time signals: GDB numbers SIG33..SIG63 as 45..75 and SIG32 as 77. */
    if (linux_sig == 32)
        return 77;
    if (linux_sig >= 33 && linux_sig <= 63)
        return linux_sig + 12;
    return 143; /* GDB_SIGNAL_UNKNOWN */
}

int hdb_gdb_to_linux_signal(int gdb_sig)
{
    for (unsigned i = 0; i < sizeof(sigmap) / sizeof(sigmap[0]); i++)
        if (sigmap[i].gdb_sig == gdb_sig)
            return sigmap[i].linux_sig;
    if (gdb_sig == 77)
        return 32;
    if (gdb_sig >= 45 && gdb_sig <= 75)
        return gdb_sig - 12;
    return 0;
}
