/*
 * cli_display.c: display, undisplay and info display: expressions shown
 * after every stop, where they can be evaluated (a local's display waits
 * until its function is active again, as in gdb).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/value.h>

/*
 * Is the format one only x has (i, s, a count, a unit size)? gdb then
 * shows the display with x: "1: x/i $pc" and x's lines under it.
 */
static bool x_style(const char *fmt)
{
    for (const char *p = fmt; *p; p++)
        if (strchr("isbhwg0123456789", *p))
            return true;
    return false;
}

/* info display's spelling of an x format, as gdb normalises it: count, unit size, letter. */
static void x_normal(const char *fmt, char *out, size_t len)
{
    long count = strtol(fmt, NULL, 10);
    char size = 0, letter = 0;
    for (const char *p = fmt; *p; p++) {
        if (strchr("bhwg", *p))
            size = *p;
        else if (!(*p >= '0' && *p <= '9'))
            letter = *p;
    }
    if (!size)
        size = letter == 'i' || letter == 's' || letter == 'c' ? 'b' : 'w';
    snprintf(out, len, "%ld%c%c", count > 0 ? count : 1, size, letter ? letter : 'x');
}

/* One display line ("1: counter = 42", "2: /x byte = 0xc8"); false if it cannot be shown here. */
static bool show(struct hdb_cli *c, const struct hdb_display *d)
{
    struct hdb_value v;
    if (!c->s->pid && !c->s->img)
        return false;
    if (hdb_eval(c->s, d->expr, &v) < 0)
        return false;
    if (x_style(d->fmt)) {
        /* x/s's one line follows on the same line (gdb's own layout), the others under it. */
        bool one_line = strchr(d->fmt, 's') && strtol(d->fmt, NULL, 10) <= 1;
        hdb_cli_out(c, "%d: x/%s %s%s", d->num, d->fmt, d->expr, one_line ? "  " : "\n");
        return hdb_cli_cmd_data(c, HDB_CMD_X, d->fmt, d->expr) == 0;
    }
    hdb_sb_reset(&c->out);
    if (hdb_value_format(c->s, &v, d->fmt[0], true, &c->out) < 0)
        return false;
    if (d->fmt[0])
        hdb_cli_out(c, "%d: /%s %s = %s\n", d->num, d->fmt, d->expr, c->out.s);
    else
        hdb_cli_out(c, "%d: %s = %s\n", d->num, d->expr, c->out.s);
    return true;
}

void hdb_cli_do_displays(struct hdb_cli *c)
{
    if (!c->s->pid)
        return;
    for (int i = 0; i < c->ndisplays; i++) {
        show(c, &c->displays[i]);
        hdb_session_return_file(c->s); /* each expression in the frame's own file */
    }
}

int hdb_cli_info_display(struct hdb_cli *c)
{
    if (c->ndisplays == 0) {
        hdb_cli_out(c, "There are no auto-display expressions now.\n");
        return 0;
    }
    hdb_cli_out(c, "Auto-display expressions now in effect:\nNum Enb Expression\n");
    for (int i = 0; i < c->ndisplays; i++) {
        const struct hdb_display *d = &c->displays[i];
        struct hdb_value v;
        bool ok = !c->s->pid || hdb_eval(c->s, d->expr, &v) == 0;
        hdb_session_return_file(c->s);
        char fmt[32];
        if (x_style(d->fmt))
            x_normal(d->fmt, fmt, sizeof(fmt));
        else
            snprintf(fmt, sizeof(fmt), "%s", d->fmt);
        hdb_cli_out(c, "%d:   y  %s%s%s%s%s\n", d->num, fmt[0] ? "/" : "", fmt, fmt[0] ? " " : "",
                    d->expr, ok ? "" : " (cannot be evaluated in the current context)");
    }
    return 0;
}

int hdb_cli_cmd_display(struct hdb_cli *c, int id, const char *fmt, const char *args)
{
    if (id == HDB_CMD_UNDISPLAY) {
        if (!*args) {
            for (int i = 0; i < c->ndisplays; i++)
                hdb_strfree(c->plat, c->displays[i].expr);
            c->ndisplays = 0;
            return 0;
        }
        while (*args) {
            char *end;
            long n = strtol(args, &end, 10);
            if (end == args)
                return HDB_E_ARG;
            for (int i = 0; i < c->ndisplays; i++) {
                if (c->displays[i].num != n)
                    continue;
                hdb_strfree(c->plat, c->displays[i].expr);
                memmove(&c->displays[i], &c->displays[i + 1],
                        (size_t)(c->ndisplays - i - 1) * sizeof(c->displays[0]));
                c->ndisplays--;
                break;
            }
            args = end;
            while (*args == ' ')
                args++;
        }
        return 0;
    }
    if (!*args) {
        hdb_cli_do_displays(c);
        return 0;
    }
    if (c->ndisplays == (int)(sizeof(c->displays) / sizeof(c->displays[0]))) {
        hdb_cli_err(c, "Too many display expressions.\n");
        return HDB_E_NOMEM;
    }
    struct hdb_display *d = &c->displays[c->ndisplays];
    d->expr = hdb_strdup(c->plat, args);
    if (!d->expr)
        return HDB_E_NOMEM;
    d->num = ++c->next_display;
    snprintf(d->fmt, sizeof(d->fmt), "%s", fmt);
    c->ndisplays++;
    /* gdb shows a new display at once, to a person at the terminal. */
    if (!c->batch)
        show(c, d);
    return 0;
}
