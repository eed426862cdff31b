/*
 * Parsing of the embedded symbol map. A linear scan is fine: it only runs
 * when printing a backtrace or in tests.
 */
#include <kernel/ksym.h>
#include <kernel/string.h>

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Reads a hex number; returns the characters used (0 when none). */
static size_t parse_hex(const char *p, const char *end, uint64_t *v)
{
    size_t n = 0;

    *v = 0;
    while (p + n < end && n < 16 && hexval(p[n]) >= 0) {
        *v = (*v << 4) | (uint64_t)hexval(p[n]);
        n++;
    }
    return n;
}

/* Parses one line at *pp; advances *pp past it. False on a malformed line. */
static bool parse_line(const char **pp, const char *end, struct ksym *s)
{
    const char *p = *pp;
    const char *eol = p;

    while (eol < end && *eol != '\n')
        eol++;
    *pp = eol < end ? eol + 1 : end;

    size_t n = parse_hex(p, eol, &s->addr);
    if (n == 0 || p + n >= eol || p[n] != ' ')
        return false;
    p += n + 1;
    s->size = 0;
    /* Either "SIZE TYPE NAME" or "TYPE NAME". */
    uint64_t size;
    n = parse_hex(p, eol, &size);
    if (n > 1 && p + n < eol && p[n] == ' ') {
        s->size = size;
        p += n + 1;
    }
    if (p + 2 > eol || p[1] != ' ')
        return false;
    p += 2;
    s->name = p;
    s->name_len = (size_t)(eol - p);
    return s->name_len > 0;
}

bool ksym_lookup_in(const char *map, size_t len, uint64_t addr, struct ksym *out)
{
    const char *p = map, *end = map + len;
    bool found = false;
    struct ksym s;

    while (p < end) {
        if (!parse_line(&p, end, &s))
            continue;
        if (s.addr > addr)
            break; /* sorted */
        *out = s;
        found = true;
    }
    if (found && out->size != 0 && addr >= out->addr + out->size)
        return false; /* in a gap after the last symbol below addr */
    return found;
}

bool ksym_find_in(const char *map, size_t len, const char *name, struct ksym *out)
{
    const char *p = map, *end = map + len;
    size_t nlen = strlen(name);
    struct ksym s;

    while (p < end) {
        if (parse_line(&p, end, &s) && s.name_len == nlen && memcmp(s.name, name, nlen) == 0) {
            *out = s;
            return true;
        }
    }
    return false;
}
