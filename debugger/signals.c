/*
 * signals.c: GDB's signal names and descriptions, and gdb's default
 * `handle` policy (GDB manual "Signals": the signals used for ordinary
 * program operation pass silently; the others stop the program).
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/signals.h>

static const struct {
    int num;
    const char *name, *desc;
} sigs[] = {
    {1, "SIGHUP", "Hangup"},
    {2, "SIGINT", "Interrupt"},
    {3, "SIGQUIT", "Quit"},
    {4, "SIGILL", "Illegal instruction"},
    {5, "SIGTRAP", "Trace/breakpoint trap"},
    {6, "SIGABRT", "Aborted"},
    {7, "SIGEMT", "Emulation trap"},
    {8, "SIGFPE", "Arithmetic exception"},
    {9, "SIGKILL", "Killed"},
    {10, "SIGBUS", "Bus error"},
    {11, "SIGSEGV", "Segmentation fault"},
    {12, "SIGSYS", "Bad system call"},
    {13, "SIGPIPE", "Broken pipe"},
    {14, "SIGALRM", "Alarm clock"},
    {15, "SIGTERM", "Terminated"},
    {16, "SIGURG", "Urgent I/O condition"},
    {17, "SIGSTOP", "Stopped (signal)"},
    {18, "SIGTSTP", "Stopped (user)"},
    {19, "SIGCONT", "Continued"},
    {20, "SIGCHLD", "Child status changed"},
    {21, "SIGTTIN", "Stopped (tty input)"},
    {22, "SIGTTOU", "Stopped (tty output)"},
    {23, "SIGIO", "I/O possible"},
    {24, "SIGXCPU", "CPU time limit exceeded"},
    {25, "SIGXFSZ", "File size limit exceeded"},
    {26, "SIGVTALRM", "Virtual timer expired"},
    {27, "SIGPROF", "Profiling timer expired"},
    {28, "SIGWINCH", "Window size changed"},
    {29, "SIGLOST", "Resource lost"},
    {30, "SIGUSR1", "User defined signal 1"},
    {31, "SIGUSR2", "User defined signal 2"},
    {32, "SIGPWR", "Power fail/restart"},
};

static int find(int num)
{
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (sigs[i].num == num)
            return (int)i;
    return -1;
}

const char *hdb_signal_name(int signal)
{
    int i = find(signal);
    return i >= 0 ? sigs[i].name : "SIG?";
}

const char *hdb_signal_desc(int signal)
{
    int i = find(signal);
    return i >= 0 ? sigs[i].desc : "Unknown signal";
}

int hdb_signal_by_name(const char *name)
{
    if (name[0] >= '0' && name[0] <= '9') {
        long n = strtol(name, NULL, 10);
        return n > 0 && n < HDB_SIG_COUNT ? (int)n : -1;
    }
    for (unsigned i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
        if (strcmp(sigs[i].name, name) == 0 || strcmp(sigs[i].name + 3, name) == 0)
            return sigs[i].num;
    return -1;
}

struct hdb_signal_handling hdb_signal_default_handling(int signal)
{
    switch (signal) {
    case HDB_SIGALRM:
    case 16 /* URG */:
    case HDB_SIGCHLD:
    case 28 /* WINCH */:
    case 23 /* IO */:
    case 26 /* VTALRM */:
    case 27 /* PROF */:
        return (struct hdb_signal_handling){.stop = 0, .print = 0, .pass = 1};
    case HDB_SIGINT:
    case HDB_SIGTRAP:
        return (struct hdb_signal_handling){.stop = 1, .print = 1, .pass = 0};
    default:
        return (struct hdb_signal_handling){.stop = 1, .print = 1, .pass = 1};
    }
}
