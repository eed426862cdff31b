/*
 * hdb/tui.h: the ncurses interface (`hdb --tui`): a source pane with the
 * current line and breakpoint marks, a registers pane, and a command
 * console running the same commands as the command line.
 */
#ifndef HDB_TUI_H
#define HDB_TUI_H

#include <hdb/cli.h>

/*
 * Runs the interface on the terminal until `quit` or end of input, then
 * restores the terminal. The CLI's output is redirected into the console
 * pane for the duration. Returns the status of the last command.
 */
int hdb_tui_run(struct hdb_cli *c);

#endif
