/*
 * interrupt.c: Ctrl-C, hdb's SIGINT, as gdb treats it: it stops the
 * program when the program runs, and never ends hdb.
 *
 * On the plain command line a program hdb started shares hdb's terminal
 * and process group, so the terminal's SIGINT reaches the program as
 * well: ptrace reports it as a signal stop and the core says "Program
 * received signal SIGINT, Interrupt." (SIGINT stops and is not passed, as
 * `info signals` has it). A program in a group of its own (one attached
 * to, or one that left hdb's group) hears nothing from the terminal, so
 * the handler sends it SIGINT itself; one on the TUI's pseudo-terminal
 * gets the interrupt character typed on that terminal (progterm.c), which
 * signals its foreground group. While hdb does anything else Ctrl-C does
 * nothing: the line editor reads it as a key (it drops the line), and a
 * command in progress goes on.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdbool.h>
#include <unistd.h>

#include <hdb-linux/platform.h>

static volatile sig_atomic_t waiting; /* hdb waits for the program to stop */
static volatile pid_t forward_to;     /* whom to send SIGINT, 0: the terminal reaches it */
static pid_t own_group;               /* hdb's process group */

static void on_sigint(int sig)
{
    (void)sig;
    if (!waiting || hdb_linux_prog_terminal_interrupt())
        return;
    if (forward_to > 0)
        kill(forward_to, SIGINT); /* async-signal-safe (signal-safety(7)) */
}

void hdb_linux_interrupt_install(void)
{
    struct sigaction sa = {.sa_handler = on_sigint, .sa_flags = SA_RESTART};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    own_group = getpgrp();
}

void hdb_linux_interrupt_waiting(pid_t pid)
{
    if (pid > 0) {
        /* Outside hdb's process group the terminal's SIGINT does not reach it. */
        pid_t group = getpgid(pid);
        forward_to = group >= 0 && group != own_group ? pid : 0;
    }
    waiting = pid > 0;
}
