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
    {33, "SIGPOLL", "Pollable event occurred"},
    {34, "SIGWIND", "SIGWIND"},
    {35, "SIGPHONE", "SIGPHONE"},
    {36, "SIGWAITING", "Process's LWPs are blocked"},
    {37, "SIGLWP", "Signal LWP"},
    {38, "SIGDANGER", "Swap space dangerously low"},
    {39, "SIGGRANT", "Monitor mode granted"},
    {40, "SIGRETRACT", "Need to relinquish monitor mode"},
    {41, "SIGMSG", "Monitor mode data available"},
    {42, "SIGSOUND", "Sound completed"},
    {43, "SIGSAK", "Secure attention"},
    {44, "SIGPRIO", "SIGPRIO"},
    /* The real-time signals (GDB numbers of include/gdb/signals.def, the protocol's). */
    {45, "SIG33", "Real-time event 33"},
    {46, "SIG34", "Real-time event 34"},
    {47, "SIG35", "Real-time event 35"},
    {48, "SIG36", "Real-time event 36"},
    {49, "SIG37", "Real-time event 37"},
    {50, "SIG38", "Real-time event 38"},
    {51, "SIG39", "Real-time event 39"},
    {52, "SIG40", "Real-time event 40"},
    {53, "SIG41", "Real-time event 41"},
    {54, "SIG42", "Real-time event 42"},
    {55, "SIG43", "Real-time event 43"},
    {56, "SIG44", "Real-time event 44"},
    {57, "SIG45", "Real-time event 45"},
    {58, "SIG46", "Real-time event 46"},
    {59, "SIG47", "Real-time event 47"},
    {60, "SIG48", "Real-time event 48"},
    {61, "SIG49", "Real-time event 49"},
    {62, "SIG50", "Real-time event 50"},
    {63, "SIG51", "Real-time event 51"},
    {64, "SIG52", "Real-time event 52"},
    {65, "SIG53", "Real-time event 53"},
    {66, "SIG54", "Real-time event 54"},
    {67, "SIG55", "Real-time event 55"},
    {68, "SIG56", "Real-time event 56"},
    {69, "SIG57", "Real-time event 57"},
    {70, "SIG58", "Real-time event 58"},
    {71, "SIG59", "Real-time event 59"},
    {72, "SIG60", "Real-time event 60"},
    {73, "SIG61", "Real-time event 61"},
    {74, "SIG62", "Real-time event 62"},
    {75, "SIG63", "Real-time event 63"},
    {76, "SIGCANCEL", "LWP internal signal"},
    {77, "SIG32", "Real-time event 32"},
    {78, "SIG64", "Real-time event 64"},
    {79, "SIG65", "Real-time event 65"},
    {80, "SIG66", "Real-time event 66"},
    {81, "SIG67", "Real-time event 67"},
    {82, "SIG68", "Real-time event 68"},
    {83, "SIG69", "Real-time event 69"},
    {84, "SIG70", "Real-time event 70"},
    {85, "SIG71", "Real-time event 71"},
    {86, "SIG72", "Real-time event 72"},
    {87, "SIG73", "Real-time event 73"},
    {88, "SIG74", "Real-time event 74"},
    {89, "SIG75", "Real-time event 75"},
    {90, "SIG76", "Real-time event 76"},
    {91, "SIG77", "Real-time event 77"},
    {92, "SIG78", "Real-time event 78"},
    {93, "SIG79", "Real-time event 79"},
    {94, "SIG80", "Real-time event 80"},
    {95, "SIG81", "Real-time event 81"},
    {96, "SIG82", "Real-time event 82"},
    {97, "SIG83", "Real-time event 83"},
    {98, "SIG84", "Real-time event 84"},
    {99, "SIG85", "Real-time event 85"},
    {100, "SIG86", "Real-time event 86"},
    {101, "SIG87", "Real-time event 87"},
    {102, "SIG88", "Real-time event 88"},
    {103, "SIG89", "Real-time event 89"},
    {104, "SIG90", "Real-time event 90"},
    {105, "SIG91", "Real-time event 91"},
    {106, "SIG92", "Real-time event 92"},
    {107, "SIG93", "Real-time event 93"},
    {108, "SIG94", "Real-time event 94"},
    {109, "SIG95", "Real-time event 95"},
    {110, "SIG96", "Real-time event 96"},
    {111, "SIG97", "Real-time event 97"},
    {112, "SIG98", "Real-time event 98"},
    {113, "SIG99", "Real-time event 99"},
    {114, "SIG100", "Real-time event 100"},
    {115, "SIG101", "Real-time event 101"},
    {116, "SIG102", "Real-time event 102"},
    {117, "SIG103", "Real-time event 103"},
    {118, "SIG104", "Real-time event 104"},
    {119, "SIG105", "Real-time event 105"},
    {120, "SIG106", "Real-time event 106"},
    {121, "SIG107", "Real-time event 107"},
    {122, "SIG108", "Real-time event 108"},
    {123, "SIG109", "Real-time event 109"},
    {124, "SIG110", "Real-time event 110"},
    {125, "SIG111", "Real-time event 111"},
    {126, "SIG112", "Real-time event 112"},
    {127, "SIG113", "Real-time event 113"},
    {128, "SIG114", "Real-time event 114"},
    {129, "SIG115", "Real-time event 115"},
    {130, "SIG116", "Real-time event 116"},
    {131, "SIG117", "Real-time event 117"},
    {132, "SIG118", "Real-time event 118"},
    {133, "SIG119", "Real-time event 119"},
    {134, "SIG120", "Real-time event 120"},
    {135, "SIG121", "Real-time event 121"},
    {136, "SIG122", "Real-time event 122"},
    {137, "SIG123", "Real-time event 123"},
    {138, "SIG124", "Real-time event 124"},
    {139, "SIG125", "Real-time event 125"},
    {140, "SIG126", "Real-time event 126"},
    {141, "SIG127", "Real-time event 127"},
    {142, "SIGINFO", "Information request"},
    {145, "EXC_BAD_ACCESS", "Could not access memory"},
    {146, "EXC_BAD_INSTRUCTION", "Illegal instruction/operand"},
    {147, "EXC_ARITHMETIC", "Arithmetic exception"},
    {148, "EXC_EMULATION", "Emulation instruction"},
    {149, "EXC_SOFTWARE", "Software generated exception"},
    {150, "EXC_BREAKPOINT", "Breakpoint"},
    {151, "SIGLIBRT", "librt internal signal"},
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

bool hdb_signal_known(int signal)
{
    return find(signal) >= 0;
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
    case 33 /* POLL */:
    case 36 /* WAITING */:
    case 37 /* LWP */:
    case 44 /* PRIO */:
    case 76 /* CANCEL */:
    case 151 /* LIBRT */:
        return (struct hdb_signal_handling){.stop = 0, .print = 0, .pass = 1};
    case HDB_SIGINT:
    case HDB_SIGTRAP:
        return (struct hdb_signal_handling){.stop = 1, .print = 1, .pass = 0};
    default:
        return (struct hdb_signal_handling){.stop = 1, .print = 1, .pass = 1};
    }
}
