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
 * The line is redrawn whole after each key (carriage return, prompt, the
 * visible part of the text, erase to the end, cursor back into place).
 * A line longer than the terminal scrolls sideways, so nothing wraps.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
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

static void history_add(struct hdb_lineedit *e, const char *line)
{
    if (!line[0] || (e->nhist && strcmp(e->hist[e->nhist - 1], line) == 0))
        return;
    if (e->nhist == HDB_LINEEDIT_HISTORY) {
        memmove(e->hist[0], e->hist[1], sizeof(e->hist[0]) * (HDB_LINEEDIT_HISTORY - 1));
        e->nhist--;
    }
    snprintf(e->hist[e->nhist++], sizeof(e->hist[0]), "%s", line);
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
    int hist = e->nhist;
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
        switch (c) {
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
        case 3: /* ^C: the line is dropped, a fresh prompt */
            out("^C\r\n", 4);
            len = pos = 0;
            buf[0] = 0;
            hist = e->nhist;
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
