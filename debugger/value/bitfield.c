/*
 * bitfield.c: struct members that are bit-fields (DWARF5 5.7.6).
 *
 * A member with DW_AT_bit_size holds that many bits from a bit offset in
 * the struct: DW_AT_data_bit_offset from the struct's start (DWARF 4 and
 * later), or DWARF 3's DW_AT_bit_offset counted from the most significant
 * bit of the storage unit DW_AT_data_member_location names (its size the
 * member's DW_AT_byte_size or its type's). x86-64 is little-endian, so
 * bit n of the struct is bit n % 8 of byte n / 8 (psABI 3.1.2, bit-fields
 * are allocated from the least significant bit).
 *
 * A bit-field member's value carries its place (hdb_value.bit_size and
 * bit_pos, addr the byte the field starts in) and the field's bits,
 * extended by the sign of its type, as a value that is not in memory;
 * assignment writes the bits back (hdb_value_assign).
 */
#include <stdio.h>
#include <string.h>

#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

static bool uattr(const struct dwarf_die *d, uint64_t at, uint64_t *v)
{
    struct dwarf_attr a;
    return dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_unsigned(&a, v) == 0;
}

int hdb_member_bits(struct hdb_session *s, uint64_t unit, const struct dwarf_die *m, uint64_t type,
                    uint64_t *bit_off, unsigned *bit_size)
{
    uint64_t size, data_bit, old_bit, byte_off = 0, unit_bytes;
    if (!uattr(m, DW_AT_bit_size, &size))
        return 0;
    if (size == 0 || size > 64)
        return HDB_E_FORMAT;
    uattr(m, DW_AT_data_member_location, &byte_off);
    if (uattr(m, DW_AT_data_bit_offset, &data_bit)) {
        *bit_off = data_bit;
    } else if (uattr(m, DW_AT_bit_offset, &old_bit)) {
        struct hdb_ctype t;
        if (!uattr(m, DW_AT_byte_size, &unit_bytes))
            unit_bytes = hdb_ctype_resolve(&s->dw, unit, type, &t) == 0 ? t.size : 0;
        if (unit_bytes * 8 < old_bit + size)
            return HDB_E_FORMAT;
        *bit_off = byte_off * 8 + unit_bytes * 8 - old_bit - size;
    } else {
        *bit_off = byte_off * 8;
    }
    *bit_size = (unsigned)size;
    return 1;
}

/* Is the member's type one whose bit-fields extend their sign (signed integers, signed enums)? */
static bool is_signed(struct hdb_session *s, uint64_t unit, uint64_t type)
{
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) < 0)
        return false;
    return t.encoding == DW_ATE_signed || t.encoding == DW_ATE_signed_char;
}

int hdb_bits_read(struct hdb_session *s, uint64_t unit, uint64_t type, uint64_t addr,
                  unsigned bit_pos, unsigned bit_size, uint64_t *out)
{
    uint8_t buf[9];
    size_t n = (bit_pos + bit_size + 7) / 8;
    if (n > sizeof(buf) || hdb_session_read(s, addr, buf, n) != (int)n)
        return HDB_E_IO;
    uint64_t v = 0;
    for (unsigned i = 0; i < bit_size; i++)
        v |= (uint64_t)((buf[(bit_pos + i) / 8] >> ((bit_pos + i) % 8)) & 1) << i;
    if (bit_size < 64 && is_signed(s, unit, type) && (v >> (bit_size - 1)) & 1)
        v |= ~0ull << bit_size;
    *out = v;
    return 0;
}

int hdb_bits_write(struct hdb_session *s, uint64_t addr, unsigned bit_pos, unsigned bit_size,
                   uint64_t v)
{
    uint8_t buf[9];
    size_t n = (bit_pos + bit_size + 7) / 8;
    if (n > sizeof(buf) || hdb_session_read(s, addr, buf, n) != (int)n)
        return HDB_E_IO;
    for (unsigned i = 0; i < bit_size; i++) {
        uint8_t bit = (uint8_t)(1u << ((bit_pos + i) % 8));
        if ((v >> i) & 1)
            buf[(bit_pos + i) / 8] |= bit;
        else
            buf[(bit_pos + i) / 8] &= (uint8_t)~bit;
    }
    return hdb_session_write(s, addr, buf, n) == (int)n ? 0 : HDB_E_IO;
}

int hdb_bits_assign(struct hdb_session *s, struct hdb_value *a, const struct hdb_value *b)
{
    struct hdb_value conv = *b;
    uint64_t bits;
    int rc = hdb_value_cast(s, &conv, a->unit, a->type, 0);
    if (rc < 0 || (rc = hdb_value_as_u64(s, &conv, &bits)) < 0 ||
        (rc = hdb_bits_write(s, a->addr, a->bit_pos, a->bit_size, bits)) < 0 ||
        (rc = hdb_bits_read(s, a->unit, a->type, a->addr, a->bit_pos, a->bit_size, &a->scalar)) < 0)
        return rc;
    /* gdb warns when the value loses bits: the field keeps the low ones, as C's conversion. */
    if (a->scalar != bits && a->bit_size < 64)
        snprintf(s->warning, sizeof(s->warning), "Value does not fit in %u bits.",
                 (unsigned)a->bit_size);
    return 0;
}
