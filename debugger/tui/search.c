/*
 * search.c: vi's search in the source pane. `/` starts a pattern on the
 * status line (Enter searches, Esc gives up, Backspace edits), `n` finds
 * the next line holding it, `N` the one before; the search wraps around
 * the file's ends, as vi's does, saying so on the status line. The
 * pattern is a plain string (no regular expressions: the core has no
 * regex library, and a literal is what one mostly looks for in code).
 */
#include <stdio.h>
#include <string.h>

#include "tui_int.h"

static bool line_has(struct tui *t, uint32_t line, const char *pat)
{
    size_t len, plen = strlen(pat);
    const char *text = hdb_cli_source_line(t->c, t->file, line, &len);
    for (size_t i = 0; text && i + plen <= len; i++)
        if (!memcmp(text + i, pat, plen))
            return true;
    return false;
}

/* Moves the cursor to the next (dir 1) or previous (-1) line with the pattern. */
static void find(struct tui *t, int dir)
{
    size_t total = t->have_file ? hdb_cli_source_count(t->c, t->file) : 0;
    const char *pat = t->last_search;
    if (!*pat) {
        snprintf(t->search_msg, sizeof(t->search_msg), "No previous search");
        return;
    }
    /* Every line once, starting after the cursor and coming round to it last. */
    for (size_t k = 1; k <= total; k++) {
        size_t at = t->cursor - 1 + total + (dir > 0 ? k : total - k % total);
        uint32_t line = (uint32_t)(at % total) + 1;
        if (!line_has(t, line, pat))
            continue;
        bool wrapped = dir > 0 ? line <= t->cursor : line >= t->cursor;
        t->cursor = line;
        snprintf(t->search_msg, sizeof(t->search_msg), "%s",
                 !wrapped  ? ""
                 : dir > 0 ? "search hit BOTTOM, continuing at TOP"
                           : "search hit TOP, continuing at BOTTOM");
        return;
    }
    snprintf(t->search_msg, sizeof(t->search_msg), "Pattern not found: %.60s", pat);
}

bool tui_search_key(struct tui *t, int ch)
{
    if (t->searching) {
        switch (ch) {
        case '\n':
        case '\r':
        case KEY_ENTER:
            t->searching = false;
            if (t->search_len)
                snprintf(t->last_search, sizeof(t->last_search), "%s", t->search);
            find(t, 1);
            break;
        case 27:
            t->searching = false;
            break;
        case KEY_BACKSPACE:
        case 127:
        case 8:
            if (t->search_len)
                t->search[--t->search_len] = 0;
            else
                t->searching = false;
            break;
        default:
            if (ch >= 32 && ch < 127 && t->search_len + 1 < sizeof(t->search)) {
                t->search[t->search_len++] = (char)ch;
                t->search[t->search_len] = 0;
            }
        }
        return true;
    }
    switch (ch) {
    case '/':
        t->searching = true;
        t->search_len = 0;
        t->search[0] = 0;
        t->search_msg[0] = 0;
        return true;
    case 'n':
        find(t, 1);
        return true;
    case 'N':
        find(t, -1);
        return true;
    default:
        return false;
    }
}
