/*
 * Address tables and lists: .debug_aranges (DWARF5 6.1.2), range lists in
 * .debug_ranges (DWARF 2-4) and .debug_rnglists (DWARF5 2.17.3, 7.25), and
 * location lists in .debug_loc (DWARF 2-4) and .debug_loclists (DWARF5
 * 2.6.2, 7.7.3).
 *
 * Lists are read through iterators that hand out each entry as it is
 * encoded (kind and raw operands) together with what it means once the
 * unit's base address and .debug_addr are applied: a half-open address
 * range [low, high) and, for locations, the DWARF expression bytes. The
 * DWARF 2-4 encodings are reported with the DWARF 5 kinds they correspond
 * to (a base-address selection entry is DW_RLE/LLE_base_address, an
 * address pair is DW_RLE/LLE_offset_pair), so callers handle one vocabulary.
 */
#ifndef DWARF_LISTS_H
#define DWARF_LISTS_H

#include <dwarf/dwarf.h>

/* ---- .debug_aranges ---------------------------------------------------- */

/* One address range set: its header (DWARF5 6.1.2) and where its tuples lie. */
struct dwarf_aranges_set {
    const struct dwarf *dw;
    uint64_t offset; /* of the set header */
    uint64_t length; /* unit_length as read */
    uint64_t end;    /* offset just past the set */
    uint16_t version;
    uint8_t offset_size, addr_size, seg_size;
    uint64_t info_offset; /* of the compile unit in .debug_info */
    uint64_t tuples;      /* offset of the first tuple (aligned to twice the address size) */
};

/* The set at offset: 1, 0 at the end of the section, or an error. Next set at set->end. */
int dwarf_aranges_set_at(const struct dwarf *dw, uint64_t offset, struct dwarf_aranges_set *set);

struct dwarf_aranges_iter {
    const struct dwarf_aranges_set *set;
    uint64_t pos;
    bool done;
};
void dwarf_aranges_iter_init(struct dwarf_aranges_iter *it, const struct dwarf_aranges_set *set);
/* 1 with a tuple, 0 at the (0, 0) terminator or the set end, or an error. */
int dwarf_aranges_next(struct dwarf_aranges_iter *it, uint64_t *address, uint64_t *length);

/* ---- range lists ------------------------------------------------------- */

struct dwarf_range_entry {
    uint8_t kind;    /* DW_RLE_* (see above for .debug_ranges) */
    uint64_t offset; /* section offset of the entry */
    uint64_t raw[2]; /* operands as encoded (addresses, indexes, offsets, lengths) */
    bool is_range;   /* low and high are set */
    uint64_t low, high;
};

struct dwarf_range_iter {
    const struct dwarf_unit *unit;
    enum dwarf_section_id section; /* DWARF_SEC_RANGES or DWARF_SEC_RNGLISTS */
    uint64_t pos;
    uint64_t base; /* current base address */
    bool done;
};

/*
 * A list at a section offset: .debug_rnglists for DWARF 5 units,
 * .debug_ranges before. The base starts as the unit's base address.
 */
int dwarf_range_iter_init(struct dwarf_range_iter *it, const struct dwarf_unit *unit,
                          uint64_t offset);
/*
 * The list of a DW_AT_ranges (or DW_AT_start_scope) attribute: sec_offset,
 * rnglistx through DW_AT_rnglists_base, or data4/data8 in DWARF 2-3.
 * DWARF_E_CLASS for any other form.
 */
int dwarf_range_iter_attr(struct dwarf_range_iter *it, const struct dwarf_attr *attr);
/* DWARF5 7.28: section offset of list index of the unit's range list table. */
int dwarf_rnglistx_offset(const struct dwarf_unit *unit, uint64_t index, uint64_t *offset);
/* 1 with the next entry (end-of-list is not reported), 0 after the end, or an error. */
int dwarf_range_next_entry(struct dwarf_range_iter *it, struct dwarf_range_entry *e);
/* Like dwarf_range_next_entry, but only the entries that are address ranges. */
int dwarf_range_next(struct dwarf_range_iter *it, uint64_t *low, uint64_t *high);

/* ---- location lists ---------------------------------------------------- */

struct dwarf_loc_entry {
    uint8_t kind;     /* DW_LLE_* (see above for .debug_loc) */
    uint64_t offset;  /* section offset of the entry */
    uint64_t raw[2];  /* operands as encoded */
    bool is_location; /* expr is set; low/high too unless is_default */
    bool is_default;  /* DW_LLE_default_location: applies where no other entry does */
    uint64_t low, high;
    const uint8_t *expr; /* DWARF expression, in the section */
    uint64_t expr_len;
};

struct dwarf_loc_iter {
    const struct dwarf_unit *unit;
    enum dwarf_section_id section; /* DWARF_SEC_LOC or DWARF_SEC_LOCLISTS */
    uint64_t pos;
    uint64_t base;
    bool done;
};

/* A list at a section offset: .debug_loclists for DWARF 5 units, .debug_loc before. */
int dwarf_loc_iter_init(struct dwarf_loc_iter *it, const struct dwarf_unit *unit, uint64_t offset);
/*
 * The list of a location-class attribute: sec_offset, loclistx through
 * DW_AT_loclists_base, or data4/data8 in DWARF 2-3. DWARF_E_CLASS for an
 * exprloc or block (a single expression: no list) and any other form.
 */
int dwarf_loc_iter_attr(struct dwarf_loc_iter *it, const struct dwarf_attr *attr);
/* DWARF5 7.29: section offset of list index of the unit's location list table. */
int dwarf_loclistx_offset(const struct dwarf_unit *unit, uint64_t index, uint64_t *offset);
/* 1 with the next entry (end-of-list is not reported), 0 after the end, or an error. */
int dwarf_loc_next_entry(struct dwarf_loc_iter *it, struct dwarf_loc_entry *e);
/* Like dwarf_loc_next_entry, but only entries that carry a location. */
int dwarf_loc_next(struct dwarf_loc_iter *it, struct dwarf_loc_entry *e);

#endif
