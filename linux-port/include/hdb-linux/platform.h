/*
 * hdb-linux/platform.h: the Linux implementation of struct hdb_platform
 * (malloc, whole-file reads, stdout/stderr, stdin lines, CLOCK_MONOTONIC).
 */
#ifndef HDB_LINUX_PLATFORM_H
#define HDB_LINUX_PLATFORM_H

#include <stdbool.h>
#include <sys/types.h>

#include <hdb/platform.h>

void hdb_linux_platform(struct hdb_platform *p);
/*
 * The interactive prompt: Tab completion through complete, and the
 * history kept in $HDB_HISTFILE, else ~/.hdb_history (HDB_HISTFILE set
 * but empty: not kept).
 */
void hdb_linux_prompt_setup(struct hdb_platform *p,
                            size_t (*complete)(void *ctx, const char *line, size_t pos,
                                               void (*add)(void *actx, const char *cand),
                                               void *actx),
                            void *ctx);
/* struct hdb_platform's open_link: "HOST:PORT", "tcp:HOST:PORT" or a serial device path (link.c).
 */
int hdb_linux_open_link(void *ctx, const char *where, struct hdb_link *link);
/* struct hdb_platform's prog_terminal and prog_output: the program's own pty (progterm.c). */
int hdb_linux_prog_terminal(void *ctx, bool own);
size_t hdb_linux_prog_output(void *ctx, char *buf, size_t len);
/* struct hdb_platform's host ops: shell, working directory, environment (host.c). */
int hdb_linux_shell(void *ctx, const char *cmd);
int hdb_linux_getcwd(void *ctx, char *buf, size_t len);
int hdb_linux_chdir(void *ctx, const char *dir, char *why, size_t why_len);
const char *hdb_linux_getenv(void *ctx, const char *name);
int hdb_linux_setenv(void *ctx, const char *name, const char *value);
const char *hdb_linux_environ_at(void *ctx, size_t i);
/* struct hdb_platform's prog_waiting and prog_input (progwait.c). */
void hdb_linux_prog_waiting(void *ctx, void (*hook)(void *arg), void *arg);
int hdb_linux_prog_input(void *ctx, const char *buf, size_t len);
/*
 * waitpid(-1, status, __WALL) for the ptrace target: with a prog_waiting
 * hook set and the program on its pty, the hook runs whenever hdb's
 * keyboard or the pty has something while the program runs.
 */
pid_t hdb_linux_prog_wait(int *status);
/* progterm.c's reader has the program's output: wakes hdb_linux_prog_wait. */
void hdb_linux_prog_wake(void);
/* The pty's master while programs run on it (-1: none); for progwait.c. */
int hdb_linux_prog_master(void);
/* In a child about to exec the program: onto the pty, when the TUI asked for one. */
void hdb_linux_prog_terminal_child(void);
/*
 * In hdb's SIGINT handler: types the interrupt character on the program's
 * pty when programs run on one (true), else false.
 */
bool hdb_linux_prog_terminal_interrupt(void);
/* The program ended: what it wrote last has reached the pty's master before this returns. */
void hdb_linux_prog_terminal_settle(void);
/* interrupt.c: hdb's SIGINT handler, installed once by hdb_linux_platform. */
void hdb_linux_interrupt_install(void);
/* The ptrace target waits for process pid to stop (0: done waiting): Ctrl-C interrupts it. */
void hdb_linux_interrupt_waiting(pid_t pid);

#endif
