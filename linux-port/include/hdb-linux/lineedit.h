/*
 * hdb-linux/lineedit.h: the prompt's line editor and history on a terminal.
 */
#ifndef HDB_LINUX_LINEEDIT_H
#define HDB_LINUX_LINEEDIT_H

#include <stddef.h>

#define HDB_LINEEDIT_HISTORY 256 /* lines kept, as gdb's default history size */
#define HDB_LINEEDIT_LINE 1024

/*
 * Tab completion: the candidates for the word before pos through add;
 * returns where that word starts in line.
 */
typedef size_t (*hdb_lineedit_completer)(void *ctx, const char *line, size_t pos,
                                         void (*add)(void *actx, const char *cand), void *actx);

struct hdb_lineedit {
    char hist[HDB_LINEEDIT_HISTORY][HDB_LINEEDIT_LINE];
    int nhist;
    char typed[HDB_LINEEDIT_LINE];   /* the line being typed while the history is shown */
    hdb_lineedit_completer complete; /* NULL: Tab inserts nothing */
    void *complete_ctx;
    char histfile[1024]; /* where the history is kept across sessions ("": nowhere) */
};

/*
 * Keeps the history in path from now on (gdb's `set history save`): the
 * lines already there become the history, each new line is appended.
 */
void hdb_lineedit_history_file(struct hdb_lineedit *e, const char *path);

/*
 * Reads one line from the terminal on fd 0, edited in place after prompt
 * (fd 1 must be a terminal too). 0 with the line in buf (added to the
 * history); -1 at the end of input (Ctrl-D on an empty line, or fd 0
 * closed).
 */
int hdb_lineedit_read(struct hdb_lineedit *e, const char *prompt, char *buf, size_t cap);

#endif
