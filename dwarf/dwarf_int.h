/*
 * Internal interfaces of the dwarf library.
 *
 * Every read from a section goes through struct dwarf_cursor: a section's
 * bytes, a limit (the section or unit end) and a position. All bounds
 * checking happens in cursor.c, so the decoders above it never index a
 * buffer themselves. DWARF data is little-endian here (x86_64 targets).
 */
#ifndef DWARF_INT_H
#define DWARF_INT_H

#include <dwarf/dwarf.h>
#include <dwarf/line.h>

struct dwarf_cursor {
    const uint8_t *data; /* section start */
    uint64_t limit;      /* reads stop here: section size or unit end */
    uint64_t pos;        /* section offset of the next byte */
};

/* Cursor over a section from pos to limit; E_NO_SECTION / E_OFFSET if impossible. */
int dwarf_cursor_init(struct dwarf_cursor *c, const struct dwarf_section *sec, uint64_t pos,
                      uint64_t limit);
int dwarf_read_u8(struct dwarf_cursor *c, uint8_t *v);
int dwarf_read_uint(struct dwarf_cursor *c, unsigned size, uint64_t *v); /* 1..8 bytes */
int dwarf_read_uleb(struct dwarf_cursor *c, uint64_t *v);
int dwarf_read_sleb(struct dwarf_cursor *c, int64_t *v);
int dwarf_skip(struct dwarf_cursor *c, uint64_t n);
/*
 * The one-byte case of dwarf_read_uleb inline, for the hot loops of the
 * name index's scan (most codes, attribute names and forms are one byte).
 */
static inline int dwarf_read_uleb_fast(struct dwarf_cursor *c, uint64_t *v)
{
    if (c->pos < c->limit && !(c->data[c->pos] & 0x80)) {
        *v = c->data[c->pos++];
        return 0;
    }
    return dwarf_read_uleb(c, v);
}
/* Pointer to n bytes at the position, then advances. */
int dwarf_read_bytes(struct dwarf_cursor *c, uint64_t n, const uint8_t **p);
/* NUL-terminated string: pointer, length without the NUL, advances past the NUL. */
int dwarf_read_cstr(struct dwarf_cursor *c, const char **s, uint64_t *len);
/* DWARF5 7.4: unit_length with the 0xffffffff escape for 64-bit DWARF. */
int dwarf_read_initial_length(struct dwarf_cursor *c, uint64_t *length, uint8_t *offset_size);

/* What the form decoder needs to know about the surrounding unit or header. */
struct dwarf_form_ctx {
    uint16_t version;
    uint8_t offset_size;
    uint8_t addr_size;
};

/*
 * Decodes one value of form (after DW_FORM_indirect resolution) at the
 * cursor into attr->value/data/data_len and advances past it. implicit is
 * the DW_FORM_implicit_const value from the abbreviation.
 */
int dwarf_form_read(struct dwarf_cursor *c, const struct dwarf_form_ctx *ctx, uint64_t form,
                    int64_t implicit, struct dwarf_attr *attr);
/*
 * The size of a form whose values all take the same number of bytes in a
 * unit of this shape; -1 for LEB128s, strings, blocks, DW_FORM_indirect
 * and forms the decoder rejects.
 */
int dwarf_form_fixed_size(uint64_t form, const struct dwarf_form_ctx *ctx);
/* Skips one value of form, resolving DW_FORM_indirect. */
int dwarf_form_skip(struct dwarf_cursor *c, const struct dwarf_form_ctx *ctx, uint64_t form);

/* Abbreviations (DWARF5 7.5.3), read in place from .debug_abbrev. */
struct dwarf_abbrev {
    uint64_t code;
    uint64_t tag;
    bool has_children;
    uint64_t specs; /* offset of the first (name, form) pair */
};
/* Finds code in the table at table_offset (linear scan). 1 found, or error. */
int dwarf_abbrev_find(const struct dwarf *dw, uint64_t table_offset, uint64_t code,
                      struct dwarf_abbrev *ab);
/* Reads the abbreviation header at an offset; 0 for the table's terminating code. */
int dwarf_abbrev_at(const struct dwarf *dw, uint64_t offset, struct dwarf_abbrev *ab,
                    uint64_t *next);
/* One attribute spec: 1 with name/form/implicit, 0 at the (0,0) terminator. */
int dwarf_abbrev_spec(struct dwarf_cursor *c, uint64_t *name, uint64_t *form, int64_t *implicit);

void dwarf_unit_form_ctx(const struct dwarf_unit *unit, struct dwarf_form_ctx *ctx);

/* The joins (sup.c, split.c): little-endian values of 1-8 bytes written in their copies. */
void dwarf_put_le(uint8_t *p, unsigned size, uint64_t v);
/* Adds delta to the size-byte value at p; false if it no longer fits. */
bool dwarf_move_le(uint8_t *p, unsigned size, uint64_t delta);

/* Lists (lists/common.c): the offset of list index in a DWARF 5 list table at base. */
int dwarf_list_index_offset(const struct dwarf_unit *unit, enum dwarf_section_id section,
                            bool has_base, uint64_t base, uint64_t index, uint64_t *offset);
/* The section offset a list attribute names (sec_offset, rnglistx/loclistx, DWARF 2-3 data4/8). */
int dwarf_list_attr_offset(const struct dwarf_attr *attr, enum dwarf_section_id v5_section,
                           uint64_t *offset);
/* The operand shapes of DWARF 5 list entries, common to DW_RLE_* and DW_LLE_*. */
enum dwarf_list_shape {
    DWARF_LIST_END,
    DWARF_LIST_BASEX,
    DWARF_LIST_BASE,
    DWARF_LIST_STARTX_ENDX,
    DWARF_LIST_STARTX_LENGTH,
    DWARF_LIST_OFFSET_PAIR,
    DWARF_LIST_START_END,
    DWARF_LIST_START_LENGTH,
    DWARF_LIST_DEFAULT,   /* DW_LLE_default_location: no operands */
    DWARF_LIST_VIEW_PAIR, /* DW_LLE_GNU_view_pair: two ULEB views */
};
/*
 * Reads one entry's operands (after its kind byte) into raw[] as encoded,
 * updates *base for base entries, and sets *is_range with [low, high) for
 * entries that describe addresses.
 */
int dwarf_list_entry_v5(struct dwarf_cursor *c, const struct dwarf_unit *u,
                        enum dwarf_list_shape shape, uint64_t *base, uint64_t raw[2],
                        bool *is_range, uint64_t *low, uint64_t *high);
uint64_t dwarf_list_addr_mask(const struct dwarf_unit *unit, uint64_t v);

#endif
