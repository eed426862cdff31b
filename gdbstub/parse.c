/*
 * parse.c: the one place where packet arguments are read. Every handler
 * walks its arguments with these cursor helpers, so bounds are checked here
 * and nowhere else, and numbers that do not fit are rejected instead of
 * wrapping (hostile input may carry any number of digits).
 */
#include "gdbstub_int.h"

bool gs_cur_done(const struct gs_cursor *c)
{
    return c->p == c->end;
}

size_t gs_cur_left(const struct gs_cursor *c)
{
    return (size_t)(c->end - c->p);
}

bool gs_cur_eat(struct gs_cursor *c, uint8_t ch)
{
    if (c->p == c->end || *c->p != ch)
        return false;
    c->p++;
    return true;
}

bool gs_cur_eat_str(struct gs_cursor *c, const char *s)
{
    uint8_t *p = c->p;

    for (; *s != '\0'; s++, p++) {
        if (p == c->end || *p != (uint8_t)*s)
            return false;
    }
    c->p = p;
    return true;
}

int gs_cur_hex_u64(struct gs_cursor *c, uint64_t *v)
{
    uint64_t acc = 0;
    size_t n = 0;
    int d;

    while (c->p != c->end && (d = gdbstub_hex_value(*c->p)) >= 0) {
        if (++n > 16)
            return GDBSTUB_E_INVAL;
        acc = acc << 4 | (uint64_t)d;
        c->p++;
    }
    if (n == 0)
        return GDBSTUB_E_INVAL;
    *v = acc;
    return GDBSTUB_OK;
}

int gs_cur_tid(struct gs_cursor *c, int64_t *tid)
{
    uint64_t v;
    int rc;

    if (gs_cur_eat_str(c, "-1")) {
        *tid = GDBSTUB_TID_ALL;
        return GDBSTUB_OK;
    }
    rc = gs_cur_hex_u64(c, &v);
    if (rc < 0)
        return rc;
    if (v > (uint64_t)INT64_MAX)
        return GDBSTUB_E_INVAL;
    *tid = (int64_t)v;
    return GDBSTUB_OK;
}

void gs_cur_until(struct gs_cursor *c, uint8_t stop, const uint8_t **start, size_t *len)
{
    uint8_t *p = c->p;

    while (p != c->end && *p != stop)
        p++;
    *start = c->p;
    *len = (size_t)(p - c->p);
    c->p = p == c->end ? p : p + 1;
}

bool gs_mem_eq_str(const uint8_t *p, size_t len, const char *s)
{
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] == '\0' || (uint8_t)s[i] != p[i])
            return false;
    }
    return s[i] == '\0';
}
