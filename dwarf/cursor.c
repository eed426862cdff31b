/*
 * Bounded reads over section bytes: fixed-size little-endian integers,
 * LEB128 (DWARF5 7.6), strings and the initial length field (DWARF5 7.4).
 * This is the only file that indexes section data; everything else asks it.
 */
#include "dwarf_int.h"

int dwarf_cursor_init(struct dwarf_cursor *c, const struct dwarf_section *sec, uint64_t pos,
                      uint64_t limit)
{
    if (sec->data == NULL)
        return DWARF_E_NO_SECTION;
    if (limit > sec->size || pos > limit)
        return DWARF_E_OFFSET;
    c->data = sec->data;
    c->limit = limit;
    c->pos = pos;
    return 0;
}

/* The single bounds check: n more bytes available before the limit. */
static bool have(const struct dwarf_cursor *c, uint64_t n)
{
    return c->pos <= c->limit && n <= c->limit - c->pos;
}

int dwarf_read_u8(struct dwarf_cursor *c, uint8_t *v)
{
    if (!have(c, 1))
        return DWARF_E_TRUNCATED;
    *v = c->data[c->pos++];
    return 0;
}

int dwarf_read_uint(struct dwarf_cursor *c, unsigned size, uint64_t *v)
{
    if (size == 0 || size > 8)
        return DWARF_E_ARG;
    if (!have(c, size))
        return DWARF_E_TRUNCATED;
    uint64_t x = 0;
    for (unsigned i = 0; i < size; i++)
        x |= (uint64_t)c->data[c->pos + i] << (8 * i);
    c->pos += size;
    *v = x;
    return 0;
}

/*
 * DWARF5 7.6. At most 10 bytes; the tenth may only carry bit 63 (unsigned)
 * or bit 63 plus copies of the sign (signed). Anything wider is an error,
 * not a silent truncation.
 */
static int read_leb(struct dwarf_cursor *c, bool is_signed, uint64_t *v)
{
    uint64_t x = 0;
    /* Most values (codes, sizes, lines) fit in one byte. */
    if (have(c, 1) && !(c->data[c->pos] & 0x80)) {
        x = c->data[c->pos++];
        *v = is_signed && (x & 0x40) ? x | ~(uint64_t)0x7f : x;
        return 0;
    }
    for (unsigned shift = 0;; shift += 7) {
        uint8_t b;
        if (!have(c, 1))
            return DWARF_E_TRUNCATED;
        b = c->data[c->pos++];
        if (shift == 63) {
            uint8_t payload = b & 0x7f;
            bool ok = is_signed ? (payload == 0 || payload == 0x7f) : payload <= 1;
            if (!ok || (b & 0x80))
                return DWARF_E_LEB128;
            x |= (uint64_t)(payload & 1) << 63;
            *v = x;
            return 0;
        }
        x |= (uint64_t)(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            if (is_signed && shift + 7 < 64 && (b & 0x40))
                x |= ~(uint64_t)0 << (shift + 7);
            *v = x;
            return 0;
        }
    }
}

int dwarf_read_uleb(struct dwarf_cursor *c, uint64_t *v)
{
    return read_leb(c, false, v);
}

int dwarf_read_sleb(struct dwarf_cursor *c, int64_t *v)
{
    uint64_t u;
    int rc = read_leb(c, true, &u);
    if (rc == 0)
        *v = (int64_t)u;
    return rc;
}

int dwarf_skip(struct dwarf_cursor *c, uint64_t n)
{
    if (!have(c, n))
        return DWARF_E_TRUNCATED;
    c->pos += n;
    return 0;
}

int dwarf_read_bytes(struct dwarf_cursor *c, uint64_t n, const uint8_t **p)
{
    if (!have(c, n))
        return DWARF_E_TRUNCATED;
    *p = c->data + c->pos;
    c->pos += n;
    return 0;
}

int dwarf_read_cstr(struct dwarf_cursor *c, const char **s, uint64_t *len)
{
    uint64_t n = 0, avail;
    if (!have(c, 1))
        return DWARF_E_TRUNCATED;
    avail = c->limit - c->pos;
    for (const uint8_t *p = c->data + c->pos; n < avail && p[n] != 0;)
        n++;
    if (n == avail)
        return DWARF_E_TRUNCATED;
    *s = (const char *)(c->data + c->pos);
    if (len)
        *len = n;
    c->pos += n + 1;
    return 0;
}

int dwarf_read_initial_length(struct dwarf_cursor *c, uint64_t *length, uint8_t *offset_size)
{
    uint64_t v;
    int rc = dwarf_read_uint(c, 4, &v);
    if (rc)
        return rc;
    if (v == 0xffffffffu) {
        *offset_size = 8;
        return dwarf_read_uint(c, 8, length);
    }
    /* 0xfffffff0-0xfffffffe are reserved (DWARF5 7.2.2). */
    if (v >= 0xfffffff0u)
        return DWARF_E_UNIT;
    *offset_size = 4;
    *length = v;
    return 0;
}
