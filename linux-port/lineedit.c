/*
 * lineedit.c: a small line editor for hdb's prompt on a terminal, with
 * history; no readline.
 *
 * The terminal is raw (no echo, no canonical mode, no signals from keys)
 * only while a line is being read, so the debugged program always finds
 * it as it was. Keys, as in readline's emacs mode: Left/Right, Home/End
 * and Ctrl-A/Ctrl-E move; Backspace and Delete erase; Ctrl-K, Ctrl-U and
 * Ctrl-W kill to the end, to the start and the word before the cursor;
 * Up/Down and Ctrl-P/Ctrl-N walk the history; Ctrl-C abandons the line;
 * Ctrl-D on an empty line is the end of input; Ctrl-L clears the screen.
 *
 * Tab completes the word before the cursor with what the completer (the
 * debugger's, hdb_cli_complete) proposes: a single candidate whole, several
 * up to their longest common prefix, and a second Tab lists them, as
 * readline does. The history can be kept in a file across sessions.
 *
 * The line is redrawn whole after each key (carriage return, prompt, the
 * visible part of the text, erase to the end, cursor back into place).
 * A line longer than the terminal scrolls sideways, so nothing wraps.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <hdb-linux/lineedit.h>

static void out(const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(1, s, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return;
        s += w;
        n -= (size_t)w;
    }
}

static int read_byte(int timeout_ms)
{
    if (timeout_ms >= 0) {
        struct pollfd p = {.fd = 0, .events = POLLIN};
        if (poll(&p, 1, timeout_ms) <= 0)
            return -2; /* nothing came: a lone Esc */
    }
    for (;;) {
        unsigned char c;
        ssize_t r = read(0, &c, 1);
        if (r == 1)
            return c;
        if (r < 0 && errno == EINTR)
            continue;
        return -1;
    }
}

static size_t term_cols(void)
{
    struct winsize ws;
    if (ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
        return ws.ws_col;
    return 80;
}

/* The line as it is now: the prompt and as much text as fits, the cursor where it belongs. */
static void refresh(const char *prompt, const char *buf, size_t len, size_t pos)
{
    size_t plen = strlen(prompt), cols = term_cols();
    size_t room = cols > plen + 1 ? cols - plen - 1 : 1;
    size_t start = pos > room ? pos - room : 0;
    size_t shown = len - start < room ? len - start : room;
    char seq[64];
    out("\r", 1);
    out(prompt, plen);
    out(buf + start, shown);
    int n = snprintf(seq, sizeof(seq), "\x1b[K\r");
    out(seq, (size_t)n);
    if (plen + pos - start > 0) {
        n = snprintf(seq, sizeof(seq), "\x1b[%zuC", plen + pos - start);
        out(seq, (size_t)n);
    }
}

/* Adds a line to the history; true if it was new (not empty, not the last one again). */
static bool history_push(struct hdb_lineedit *e, const char *line)
{
    if (!line[0] || (e->nhist && strcmp(e->hist[e->nhist - 1], line) == 0))
        return false;
    if (e->nhist == HDB_LINEEDIT_HISTORY) {
        memmove(e->hist[0], e->hist[1], sizeof(e->hist[0]) * (HDB_LINEEDIT_HISTORY - 1));
        e->nhist--;
    }
    snprintf(e->hist[e->nhist++], sizeof(e->hist[0]), "%s", line);
    return true;
}

static void history_add(struct hdb_lineedit *e, const char *line)
{
    if (!history_push(e, line) || !e->histfile[0])
        return;
    FILE *f = fopen(e->histfile, "a");
    if (f) {
        fprintf(f, "%s\n", line);
        fclose(f);
    }
}

void hdb_lineedit_history_file(struct hdb_lineedit *e, const char *path)
{
    snprintf(e->histfile, sizeof(e->histfile), "%s", path);
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    char line[HDB_LINEEDIT_LINE];
    int lines = 0;
    while (fgets(line, sizeof(line), f)) {
        line[strcspn(line, "\n")] = 0;
        history_push(e, line);
        lines++;
    }
    fclose(f);
    /* The file keeps growing by a line a command: cut it back to what is remembered. */
    if (lines > 2 * HDB_LINEEDIT_HISTORY && (f = fopen(path, "w")) != NULL) {
        for (int i = 0; i < e->nhist; i++)
            fprintf(f, "%s\n", e->hist[i]);
        fclose(f);
    }
}

/* ---- Tab completion ------------------------------------------------------ */

struct cands {
    char **v;
    size_t n, cap;
};

static void cand_add(void *ctx, const char *s)
{
    struct cands *c = ctx;
    if (c->n == c->cap) {
        size_t nc = c->cap ? c->cap * 2 : 64;
        char **nv = realloc(c->v, nc * sizeof(*nv));
        if (!nv)
            return;
        c->v = nv;
        c->cap = nc;
    }
    char *d = strdup(s);
    if (d)
        c->v[c->n++] = d;
}

static int cand_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorted, each once (a function is in DWARF and in the ELF symbols). */
static void cand_unique(struct cands *c)
{
    if (!c->n)
        return;
    qsort(c->v, c->n, sizeof(*c->v), cand_cmp);
    size_t out = 1;
    for (size_t i = 1; i < c->n; i++) {
        if (strcmp(c->v[i], c->v[out - 1]) == 0)
            free(c->v[i]);
        else
            c->v[out++] = c->v[i];
    }
    c->n = out;
}

static void cand_free(struct cands *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i]);
    free(c->v);
}

/* The candidates in columns under the line, as readline lists them. */
static void list_candidates(const struct cands *c)
{
    size_t width = 0, cols = term_cols();
    for (size_t i = 0; i < c->n; i++)
        if (strlen(c->v[i]) > width)
            width = strlen(c->v[i]);
    width += 2;
    size_t per_line = cols / width ? cols / width : 1;
    size_t rows = (c->n + per_line - 1) / per_line;
    out("\r\n", 2);
    for (size_t r = 0; r < rows; r++) {
        for (size_t k = 0; k < per_line; k++) {
            size_t i = k * rows + r;
            if (i >= c->n)
                continue;
            out(c->v[i], strlen(c->v[i]));
            if ((k + 1) * rows + r < c->n)
                for (size_t pad = strlen(c->v[i]); pad < width; pad++)
                    out(" ", 1);
        }
        out("\r\n", 2);
    }
}

/*
 * Tab: replaces the word before the cursor by the candidates' common
 * prefix (and a space after a single one); listed when again is set and
 * nothing could be added. Returns the new cursor position.
 */
static size_t complete(struct hdb_lineedit *e, char *buf, size_t *len, size_t pos, size_t cap,
                       bool again)
{
    struct cands c = {0};
    char head[HDB_LINEEDIT_LINE];
    snprintf(head, sizeof(head), "%.*s", (int)pos, buf);
    size_t start = e->complete(e->complete_ctx, head, pos, cand_add, &c);
    cand_unique(&c);
    if (c.n == 0 || start > pos) {
        out("\a", 1);
        cand_free(&c);
        return pos;
    }
    size_t common = strlen(c.v[0]);
    for (size_t i = 1; i < c.n; i++) {
        size_t k = 0;
        while (k < common && c.v[i][k] == c.v[0][k])
            k++;
        common = k;
    }
    size_t word = pos - start;
    size_t add = common > word ? common - word : 0;
    bool space = c.n == 1 && (pos == *len || buf[pos] != ' ');
    if (add + space + *len + 1 > cap) {
        cand_free(&c);
        return pos;
    }
    if (add || space) {
        memmove(buf + pos + add + space, buf + pos, *len - pos + 1);
        memcpy(buf + pos, c.v[0] + word, add);
        if (space)
            buf[pos + add] = ' ';
        *len += add + space;
        pos += add + space;
    } else if (again) {
        list_candidates(&c);
    } else {
        out("\a", 1);
    }
    cand_free(&c);
    return pos;
}

/* Replaces the line with history entry i (nhist: the line that was being typed). */
static size_t history_show(struct hdb_lineedit *e, int i, char *buf, size_t cap)
{
    snprintf(buf, cap, "%s", i < e->nhist ? e->hist[i] : e->typed);
    return strlen(buf);
}

/*
 * After Esc: the rest of a CSI or SS3 sequence (ECMA-48 5.4: parameters,
 * then a final byte 0x40-0x7e), as one key code: the final byte, or for
 * `ESC [ N ~` Home (1, 7), End (4, 8) and Delete (3); 0 for other keys.
 */
static int escape_key(void)
{
    int c = read_byte(50);
    if (c != '[' && c != 'O')
        return 0;
    int first = 0, k;
    while ((k = read_byte(50)) >= 0 && (k < 0x40 || k > 0x7e))
        if (!first)
            first = k;
    if (k != '~')
        return k < 0 ? 0 : k;
    return first == '1' || first == '7'   ? 'H'
           : first == '4' || first == '8' ? 'F'
           : first == '3'                 ? 'D' + 256
                                          : 0;
}

int hdb_lineedit_read(struct hdb_lineedit *e, const char *prompt, char *buf, size_t cap)
{
    if (cap < 2)
        return -1;
    struct termios saved, raw;
    if (tcgetattr(0, &saved) != 0)
        return -1;
    raw = saved;
    raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG | IEXTEN);
    raw.c_iflag &= ~(tcflag_t)(IXON | ICRNL | INLCR);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    tcsetattr(0, TCSADRAIN, &raw);

    size_t len = 0, pos = 0;
    int hist = e->nhist, last_key = 0;
    int rc = 0;
    buf[0] = 0;
    e->typed[0] = 0;
    refresh(prompt, buf, len, pos);
    for (;;) {
        int c = read_byte(-1);
        if (c == 27)
            c = escape_key() + 1000; /* 1000 + the sequence's final byte */
        if (c < 0) {
            rc = len ? 0 : -1;
            break;
        }
        if (c == '\r' || c == '\n')
            break;
        int prev_key = last_key;
        last_key = c;
        switch (c) {
        case '\t':
            if (e->complete)
                pos = complete(e, buf, &len, pos, cap, prev_key == '\t');
            break;
        case 1: /* ^A */
        case 1000 + 'H':
            pos = 0;
            break;
        case 5: /* ^E */
        case 1000 + 'F':
            pos = len;
            break;
        case 2: /* ^B */
        case 1000 + 'D':
            if (pos > 0)
                pos--;
            break;
        case 6: /* ^F */
        case 1000 + 'C':
            if (pos < len)
                pos++;
            break;
        case 127: /* Backspace */
        case 8:
            if (pos > 0) {
                memmove(buf + pos - 1, buf + pos, len - pos + 1);
                pos--;
                len--;
            }
            break;
        case 1000 + 'D' + 256: /* Delete */
            if (pos < len) {
                memmove(buf + pos, buf + pos + 1, len - pos);
                len--;
            }
            break;
        case 4: /* ^D: end of input on an empty line, else Delete */
            if (len == 0) {
                rc = -1;
                goto done;
            }
            if (pos < len) {
                memmove(buf + pos, buf + pos + 1, len - pos);
                len--;
            }
            break;
        case 11: /* ^K */
            len = pos;
            buf[len] = 0;
            break;
        case 21: /* ^U */
            memmove(buf, buf + pos, len - pos + 1);
            len -= pos;
            pos = 0;
            break;
        case 23: { /* ^W: the word before the cursor and the blanks after it */
            size_t b = pos;
            while (b > 0 && buf[b - 1] == ' ')
                b--;
            while (b > 0 && buf[b - 1] != ' ')
                b--;
            memmove(buf + b, buf + pos, len - pos + 1);
            len -= pos - b;
            pos = b;
            break;
        }
        case 3: /* ^C: the line is dropped, "Quit" in its place and a fresh prompt, as gdb */
            len = pos = 0;
            buf[0] = 0;
            hist = e->nhist;
            refresh(prompt, buf, len, pos);
            out("Quit\r\n", 6);
            break;
        case 12: /* ^L */
            out("\x1b[H\x1b[2J", 7);
            break;
        case 16: /* ^P */
        case 1000 + 'A':
            if (hist > 0) {
                if (hist == e->nhist)
                    snprintf(e->typed, sizeof(e->typed), "%s", buf);
                len = pos = history_show(e, --hist, buf, cap);
            }
            break;
        case 14: /* ^N */
        case 1000 + 'B':
            if (hist < e->nhist)
                len = pos = history_show(e, ++hist, buf, cap);
            break;
        default:
            if (c >= 32 && c < 256 && c != 127 && len + 1 < cap) {
                memmove(buf + pos + 1, buf + pos, len - pos + 1);
                buf[pos++] = (char)c;
                len++;
            }
            break;
        }
        refresh(prompt, buf, len, pos);
    }
done:
    /* The whole line stays on the screen, as typed, before the command's output. */
    pos = len;
    refresh(prompt, buf, len, pos);
    out("\r\n", 2);
    tcsetattr(0, TCSADRAIN, &saved);
    if (rc == 0)
        history_add(e, buf);
    return rc;
}
