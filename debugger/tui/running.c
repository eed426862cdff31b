/*
 * running.c: the TUI while the program runs on its own terminal.
 *
 * The platform calls tui_running while hdb waits for the program, once
 * it has run a moment without stopping and whenever a key is pressed or
 * the program writes (hdb/platform.h: prog_waiting). The console then
 * shows the program's output as it comes, and keys go to the program, as
 * on a terminal it shared with hdb: they are typed on its terminal, whose
 * line discipline echoes and edits them (or not, as the program set it).
 * The status line says so; Ctrl-C stops the program (progterm.c), and the
 * console's prompt is back once it has stopped.
 */
#include <string.h>

#include "tui_int.h"

/* The bytes a terminal sends for a key; 0 for a key it has none for here. */
static size_t key_bytes(int ch, char *b)
{
    static const struct {
        int key;
        const char *seq;
    } seqs[] = {
        {KEY_UP, "\033[A"},   {KEY_DOWN, "\033[B"}, {KEY_RIGHT, "\033[C"}, {KEY_LEFT, "\033[D"},
        {KEY_HOME, "\033[H"}, {KEY_END, "\033[F"},  {KEY_DC, "\033[3~"},
    };
    if (ch == '\n' || ch == KEY_ENTER) {
        b[0] = '\r'; /* what the Enter key sends; the line discipline makes it \n */
        return 1;
    }
    if (ch == KEY_BACKSPACE) {
        b[0] = 127; /* the erase character's default */
        return 1;
    }
    if (ch >= 0 && ch < 256) {
        b[0] = (char)ch;
        return 1;
    }
    for (size_t i = 0; i < sizeof(seqs) / sizeof(seqs[0]); i++)
        if (seqs[i].key == ch) {
            size_t n = strlen(seqs[i].seq);
            memcpy(b, seqs[i].seq, n);
            return n;
        }
    return 0;
}

void tui_running(void *arg)
{
    struct tui *t = arg;
    const struct hdb_platform *o = t->orig;
    WINDOW *w = t->cmd ? t->cmd : stdscr;
    t->running = true;
    tui_poll_program_output(t);
    wtimeout(w, 0);
    int ch;
    while ((ch = wgetch(w)) != ERR) {
        char b[8];
        size_t n;
        if (ch == KEY_RESIZE) {
            tui_layout(t);
            w = t->cmd ? t->cmd : stdscr;
            wtimeout(w, 0);
            clearok(curscr, TRUE);
            tui_draw(t); /* the panes as they were at the last stop */
        } else if ((n = key_bytes(ch, b)) > 0 && o->prog_input) {
            o->prog_input(o->ctx, b, n);
        }
    }
    tui_draw_running(t);
}
