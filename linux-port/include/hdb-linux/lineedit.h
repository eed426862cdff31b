/*
 * hdb-linux/lineedit.h: the prompt's line editor and history on a terminal.
 */
#ifndef HDB_LINUX_LINEEDIT_H
#define HDB_LINUX_LINEEDIT_H

#include <stddef.h>

#define HDB_LINEEDIT_HISTORY 256 /* lines kept, as gdb's default history size */
#define HDB_LINEEDIT_LINE 1024

struct hdb_lineedit {
    char hist[HDB_LINEEDIT_HISTORY][HDB_LINEEDIT_LINE];
    int nhist;
    char typed[HDB_LINEEDIT_LINE]; /* the line being typed while the history is shown */
};

/*
 * Reads one line from the terminal on fd 0, edited in place after prompt
 * (fd 1 must be a terminal too). 0 with the line in buf (added to the
 * history); -1 at the end of input (Ctrl-D on an empty line, or fd 0
 * closed).
 */
int hdb_lineedit_read(struct hdb_lineedit *e, const char *prompt, char *buf, size_t cap);

#endif
