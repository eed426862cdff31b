/*
 * hdb/platform.h: everything the core needs from the system it runs on.
 *
 * Memory, files, time and the terminal come through this table so that
 * the same core builds on Linux (linux-port/platform.c) and later
 * freestanding inside Gaia. The core calls nothing else outside itself
 * except the C library's string and formatting functions.
 */
#ifndef HDB_PLATFORM_H
#define HDB_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * A byte stream to a remote target: a TCP connection or a serial line.
 * read waits up to timeout_ms (-1: forever) and returns the bytes read,
 * 0 on timeout, or a negative HDB_E_* code (HDB_E_EXITED: the other end
 * closed; HDB_E_INTERRUPTED: the user pressed Ctrl-C, nothing was read).
 * write writes everything or fails.
 */
struct hdb_link {
    int (*read)(void *ctx, void *buf, size_t len, int timeout_ms);
    int (*write)(void *ctx, const void *buf, size_t len);
    void (*close)(void *ctx);
    void *ctx;
};

struct hdb_platform {
    void *(*alloc)(void *ctx, size_t size);
    void *(*realloc)(void *ctx, void *ptr, size_t old_size, size_t new_size);
    void (*free)(void *ctx, void *ptr, size_t size);
    /* Whole file into memory (NUL-terminated past len); HDB_E_NOT_FOUND/HDB_E_IO. */
    int (*read_file)(void *ctx, const char *path, char **data, size_t *len);
    void (*release_file)(void *ctx, char *data, size_t len);
    /*
     * Creates or replaces a file with len bytes of data; HDB_E_NOT_FOUND (no
     * such directory), HDB_E_IO (any other reason). May be NULL: no files.
     */
    int (*write_file)(void *ctx, const char *path, const char *data, size_t len);
    /* Console output and the debugger's error stream. */
    void (*out)(void *ctx, const char *s, size_t len);
    void (*err)(void *ctx, const char *s, size_t len);
    /* One line of input without its newline; 0, or -1 at end of input. */
    int (*read_line)(void *ctx, const char *prompt, char *buf, size_t len);
    uint64_t (*now_ns)(void *ctx);
    /*
     * Opens a link to a remote target: "HOST:PORT" or "tcp:HOST:PORT" for
     * TCP, a path (a serial device or a pty) for a serial line. May be NULL
     * on a platform with neither; HDB_E_NOT_FOUND, HDB_E_TARGET.
     */
    int (*open_link)(void *ctx, const char *where, struct hdb_link *link);
    /*
     * The program's own terminal, for a full-screen interface that owns
     * the debugger's (both may be NULL). prog_terminal(ctx, true):
     * programs started from then on run on a pseudo-terminal of their
     * own, and what they write there is kept for prog_output, which
     * returns it without waiting (0: nothing new); false: they share the
     * debugger's terminal again.
     */
    int (*prog_terminal)(void *ctx, bool own);
    size_t (*prog_output)(void *ctx, char *buf, size_t len);
    /*
     * While the debugger waits for a program running on its own terminal,
     * the platform calls hook(arg) whenever the debugger's keyboard or the
     * program's output has something, so the interface can show the output
     * as it comes and type what the user types on the program's terminal
     * with prog_input (which writes all len bytes or fails). A NULL hook:
     * wait without. Both may be NULL.
     */
    void (*prog_waiting)(void *ctx, void (*hook)(void *arg), void *arg);
    int (*prog_input)(void *ctx, const char *buf, size_t len);
    /*
     * The host the debugger runs on, for gdb's shell, cd, pwd and
     * environment commands (each may be NULL where there is none).
     * shell runs a command line through the system's shell on the
     * debugger's terminal and returns its exit status (HDB_E_IO: it could
     * not be started). The working directory and the environment are the
     * debugger's own, which the programs it starts inherit, as gdb's
     * inferiors inherit gdb's: chdir fails with HDB_E_NOT_FOUND or
     * HDB_E_IO and the system's reason in why; setenv with a NULL value
     * removes name; environ_at gives the i-th "NAME=VALUE" (NULL past the
     * end).
     */
    int (*shell)(void *ctx, const char *cmd);
    int (*getcwd)(void *ctx, char *buf, size_t len);
    int (*chdir)(void *ctx, const char *dir, char *why, size_t why_len);
    const char *(*getenv)(void *ctx, const char *name);
    int (*setenv)(void *ctx, const char *name, const char *value);
    const char *(*environ_at)(void *ctx, size_t i);
    void *ctx;
};

void *hdb_alloc(const struct hdb_platform *p, size_t size);
void *hdb_realloc(const struct hdb_platform *p, void *ptr, size_t old_size, size_t new_size);
void hdb_free(const struct hdb_platform *p, void *ptr, size_t size);
/* A copy of s in platform memory, freed with hdb_strfree. */
char *hdb_strdup(const struct hdb_platform *p, const char *s);
void hdb_strfree(const struct hdb_platform *p, char *s);

#endif
