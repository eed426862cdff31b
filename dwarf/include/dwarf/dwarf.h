/*
 * dwarf: a freestanding, zero-copy DWARF 2-5 reader.
 *
 * The caller maps the object file, hands over the debug sections (pointer
 * and size each, any may be absent) and an allocator; the library walks the
 * bytes in place. Nothing here prints, exits, or allocates unless the caller
 * asks for an index (dwarf_unit_index_abbrevs).
 *
 * Conventions: functions return 0 or a positive count on success and a
 * negative DWARF_E_* code on failure. Iterators return 1 when they produced
 * an item, 0 at the end, and a negative code on malformed input. Offsets are
 * section offsets (uint64_t) so 64-bit DWARF works the same way.
 */
#ifndef DWARF_DWARF_H
#define DWARF_DWARF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf/consts.h>

/* Errors returned across the library boundary; each names what was wrong. */
enum dwarf_error {
    DWARF_OK = 0,
    DWARF_E_TRUNCATED = -1,    /* a read ran past the end of its section or unit */
    DWARF_E_LEB128 = -2,       /* LEB128 longer than 10 bytes or wider than 64 bits */
    DWARF_E_VERSION = -3,      /* unit or line-table version not 2..5 */
    DWARF_E_ABBREV = -4,       /* abbrev code absent from the table, or table malformed */
    DWARF_E_FORM = -5,         /* form unknown, or not valid where it appears */
    DWARF_E_OFFSET = -6,       /* an offset or index points outside its section */
    DWARF_E_NO_SECTION = -7,   /* the value lives in a section the caller did not supply */
    DWARF_E_BAD_REF = -8,      /* reference outside its unit, or a sibling going backwards */
    DWARF_E_NOMEM = -9,        /* the caller's allocator returned NULL */
    DWARF_E_CLASS = -10,       /* the attribute's form does not belong to the asked class */
    DWARF_E_UNIT = -11,        /* bad unit header: unit type, address size, lengths */
    DWARF_E_LINE = -12,        /* malformed line-program header or opcode */
    DWARF_E_ARG = -13,         /* invalid argument from the caller */
    DWARF_E_NOT_FOUND = -14,   /* no such item (type signature, file index, ...) */
    DWARF_E_CFI = -15,         /* malformed CIE, FDE, CFA instruction or pointer encoding */
    DWARF_E_LIMIT = -16,       /* a fixed bound was hit: register table, state stack, steps */
    DWARF_E_EXPR = -17,        /* expression cannot be evaluated: stack underflow, bad op, ... */
    DWARF_E_UNAVAILABLE = -18, /* a register, memory or entry value the caller cannot supply */
};
/* The most negative code, for callers that check a result is one of these. */
#define DWARF_E_LAST DWARF_E_UNAVAILABLE

/* A short description of an error code, for callers that print. */
const char *dwarf_strerror(int err);

/* The caller's memory; free receives the size that alloc was asked for. */
struct dwarf_allocator {
    void *(*alloc)(void *ctx, size_t size);
    void (*free)(void *ctx, void *ptr, size_t size);
    void *ctx;
};

enum dwarf_section_id {
    DWARF_SEC_INFO,
    DWARF_SEC_ABBREV,
    DWARF_SEC_STR,
    DWARF_SEC_LINE_STR,
    DWARF_SEC_STR_OFFSETS,
    DWARF_SEC_ADDR,
    DWARF_SEC_LINE,
    DWARF_SEC_TYPES,
    DWARF_SEC_RANGES,
    DWARF_SEC_RNGLISTS,
    DWARF_SEC_LOC,
    DWARF_SEC_LOCLISTS,
    DWARF_SEC_ARANGES,
    DWARF_SEC_NAMES,     /* .debug_names (DWARF5 6.1.1), read by <dwarf/index.h> */
    DWARF_SEC_GDB_INDEX, /* .gdb_index (gdb's own name index), read by <dwarf/index.h> */
    DWARF_SEC_COUNT
};

struct dwarf_section {
    const uint8_t *data; /* NULL when absent */
    uint64_t size;
};

struct dwarf {
    struct dwarf_section sec[DWARF_SEC_COUNT];
    struct dwarf_allocator alloc;
};

/* The ELF-style name of a section id (".debug_info"), or NULL. */
const char *dwarf_section_name(enum dwarf_section_id id);

/*
 * Sets up a reader over the caller's sections (an array indexed by
 * enum dwarf_section_id; the bytes must outlive the reader). alloc may be
 * NULL when no index will be asked for.
 */
int dwarf_init(struct dwarf *dw, const struct dwarf_section sections[DWARF_SEC_COUNT],
               const struct dwarf_allocator *alloc);

/*
 * Joins a file's sections with those of its supplementary file (dwz's
 * .gnu_debugaltlink; sup.c says how): out gets the file's sections, with
 * .debug_info, .debug_abbrev, .debug_str and .debug_line replaced by
 * joined copies from alloc, in which DW_FORM_GNU_ref_alt/strp_alt are
 * ref_addr/strp and the supplementary's units follow the file's as
 * partial units. 0, or an error with nothing left allocated (DWARF_E_FORM:
 * a form the join cannot move). dwarf_join_free releases the copies.
 */
int dwarf_join_sup(const struct dwarf_section file[DWARF_SEC_COUNT],
                   const struct dwarf_section sup[DWARF_SEC_COUNT],
                   const struct dwarf_allocator *alloc, struct dwarf_section out[DWARF_SEC_COUNT]);
void dwarf_join_free(const struct dwarf_allocator *alloc,
                     struct dwarf_section out[DWARF_SEC_COUNT]);

/*
 * Joins a file's sections with the .dwo files of its skeleton units (gcc
 * -gsplit-dwarf; split.c says how): dwo[i].sec are a .dwo's sections under
 * the ids of their names without ".dwo", skeleton the .debug_info offset of
 * the skeleton unit it belongs to. out gets the file's sections, with
 * .debug_info, .debug_abbrev, .debug_str, .debug_str_offsets, .debug_line,
 * .debug_loc, .debug_loclists and .debug_rnglists replaced by joined copies
 * from alloc (each .dwo's units ordinary units after the file's, given
 * their skeleton's bases) and no .debug_names or .gdb_index. 0, or an error
 * with nothing left allocated: DWARF_E_NOT_FOUND when a .dwo has no split
 * compile unit with its skeleton's dwo_id, DWARF_E_UNIT when a unit is not
 * a split unit or the offset not a skeleton's. dwarf_split_free releases
 * the copies.
 */
struct dwarf_split_file {
    const struct dwarf_section *sec; /* DWARF_SEC_COUNT sections */
    uint64_t skeleton;
};
int dwarf_join_split(const struct dwarf_section file[DWARF_SEC_COUNT],
                     const struct dwarf_split_file *dwo, size_t n,
                     const struct dwarf_allocator *alloc,
                     struct dwarf_section out[DWARF_SEC_COUNT]);
void dwarf_split_free(const struct dwarf_allocator *alloc,
                      struct dwarf_section out[DWARF_SEC_COUNT]);

/* Code -> offset of the abbreviation's attribute specs, built on request. */
struct dwarf_abbrev_index {
    uint64_t *entry; /* by code: .debug_abbrev offset of the entry plus 1; 0 when absent */
    uint64_t ncodes; /* entries in the array (largest code + 1) */
};

/* DWARF5 7.5.1: one unit header of .debug_info or .debug_types. */
struct dwarf_unit {
    const struct dwarf *dw;
    enum dwarf_section_id section; /* DWARF_SEC_INFO or DWARF_SEC_TYPES */
    uint64_t offset;               /* of the unit header */
    uint64_t length;               /* unit_length as read */
    uint64_t end;                  /* offset just past the unit */
    uint64_t first_die;            /* offset of the unit DIE */
    uint16_t version;
    /*
     * DW_UT_*; synthesised for DWARF 2-4, where a unit DIE with
     * DW_AT_GNU_dwo_name is a skeleton and one with only DW_AT_GNU_dwo_id a
     * split compile unit (GNU's split DWARF).
     */
    uint8_t unit_type;
    uint8_t offset_size; /* 4 (32-bit DWARF) or 8 (64-bit DWARF) */
    uint8_t addr_size;
    uint64_t abbrev_offset;
    uint64_t dwo_id;         /* skeleton and split units (DWARF 4: DW_AT_GNU_dwo_id) */
    uint64_t type_signature; /* type units */
    uint64_t type_offset;    /* type units: unit-relative offset of the type DIE */
    /* From the unit DIE; has_* says whether the attribute was present. */
    uint64_t str_offsets_base, addr_base, rnglists_base, loclists_base;
    bool has_str_offsets_base, has_addr_base, has_rnglists_base, has_loclists_base;
    /*
     * The unit's base address for range and location lists (DWARF5 2.17.3,
     * 3.1.1): DW_AT_low_pc of the unit DIE. A split unit's comes from its
     * skeleton, which the caller may copy here; absent, lists use 0.
     */
    uint64_t base_address;
    bool has_base_address;
    const struct dwarf_abbrev_index *abbrevs; /* optional, see dwarf_unit_index_abbrevs */
};

/*
 * Reads the unit header at offset in .debug_info or .debug_types and the
 * base attributes of its unit DIE. Returns 1, 0 when offset is the end of
 * the section, or an error. The next unit starts at unit->end.
 */
int dwarf_unit_at(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                  struct dwarf_unit *unit);

/* The unit of .debug_info or .debug_types that contains a section offset. */
int dwarf_unit_containing(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                          struct dwarf_unit *unit);

/*
 * The split unit of a skeleton unit, in a .debug_info joined with its .dwo
 * (dwarf_join_split): the split compile unit after it with the same
 * dwo_id. 1 found, 0 when skeleton is no skeleton or its .dwo was not
 * joined, or an error.
 */
int dwarf_split_unit(const struct dwarf_unit *skeleton, struct dwarf_unit *split);

/* Finds the type unit (either section) with a DW_FORM_ref_sig8 signature. */
int dwarf_type_unit_by_signature(const struct dwarf *dw, uint64_t signature,
                                 struct dwarf_unit *unit);

/*
 * Builds a direct code -> abbreviation index for the unit using the
 * caller's allocator; lookups are linear scans of .debug_abbrev without it.
 */
int dwarf_unit_index_abbrevs(struct dwarf_unit *unit, struct dwarf_abbrev_index *index);
void dwarf_abbrev_index_free(const struct dwarf *dw, struct dwarf_abbrev_index *index);

/* One debugging information entry (DWARF5 7.5.2), or a null entry. */
struct dwarf_die {
    const struct dwarf_unit *unit;
    uint64_t offset;      /* section offset of the DIE */
    uint64_t abbrev_code; /* 0 for a null entry */
    uint64_t tag;
    bool has_children;
    uint64_t specs; /* .debug_abbrev offset of the attribute specifications */
    uint64_t attrs; /* section offset of the first attribute value */
};

/* Reads the DIE at a section offset inside unit: 1 for a DIE, 0 for a null entry. */
int dwarf_die_at(const struct dwarf_unit *unit, uint64_t offset, struct dwarf_die *die);
/* The unit DIE. */
int dwarf_unit_die(const struct dwarf_unit *unit, struct dwarf_die *die);
/* Offset just past the DIE's own attributes (where its first child, or next entry, starts). */
int dwarf_die_end(const struct dwarf_die *die, uint64_t *end);
/* First child: 1, or 0 when the DIE has none. */
int dwarf_die_first_child(const struct dwarf_die *die, struct dwarf_die *child);
/*
 * Next sibling: 1, or 0 at the end of the sibling list. Uses DW_AT_sibling
 * when present (it must point forward inside the unit), else skips the
 * subtree using the abbreviations' form sizes.
 */
int dwarf_die_next_sibling(const struct dwarf_die *die, struct dwarf_die *sibling);

/* One attribute of a DIE, decoded from its form (DWARF5 7.5.5, 7.5.6). */
struct dwarf_attr {
    const struct dwarf_unit *unit;
    uint64_t name;       /* DW_AT_* */
    uint64_t form;       /* DW_FORM_*, after resolving DW_FORM_indirect */
    bool indirect;       /* the value was given through DW_FORM_indirect */
    uint64_t offset;     /* section offset of the value */
    uint64_t value;      /* addresses, constants, offsets, indexes, flags, signatures */
    const uint8_t *data; /* strings (in-line), blocks, exprloc, data16 */
    uint64_t data_len;   /* bytes at data (string length without the NUL) */
};

struct dwarf_attr_iter {
    const struct dwarf_die *die;
    uint64_t spec;  /* next spec in .debug_abbrev */
    uint64_t value; /* next value in the unit's section */
};

void dwarf_attr_iter_init(const struct dwarf_die *die, struct dwarf_attr_iter *it);
/* 1 with *attr filled, 0 after the last attribute, or an error. */
int dwarf_attr_next(struct dwarf_attr_iter *it, struct dwarf_attr *attr);
/* Looks an attribute up by name: 1 found, 0 absent, or an error. */
int dwarf_die_attr(const struct dwarf_die *die, uint64_t name, struct dwarf_attr *attr);

/* Form classes (DWARF5 7.5.5, Table 7.5.5 class list). */
enum dwarf_form_class {
    DWARF_CLASS_UNKNOWN,
    DWARF_CLASS_ADDRESS,  /* addr, addrx* */
    DWARF_CLASS_BLOCK,    /* block* */
    DWARF_CLASS_CONSTANT, /* data*, sdata, udata, implicit_const */
    DWARF_CLASS_EXPRLOC,
    DWARF_CLASS_FLAG,
    DWARF_CLASS_SEC_OFFSET, /* lineptr, loclistsptr, rnglistsptr, ... */
    DWARF_CLASS_INDEX,      /* loclistx, rnglistx */
    DWARF_CLASS_REFERENCE,
    DWARF_CLASS_STRING,
};
enum dwarf_form_class dwarf_form_class(uint64_t form);

/* Value accessors; DWARF_E_CLASS when the form does not carry that kind of value. */
int dwarf_attr_unsigned(const struct dwarf_attr *attr, uint64_t *out);
int dwarf_attr_signed(const struct dwarf_attr *attr, int64_t *out);
int dwarf_attr_flag(const struct dwarf_attr *attr, bool *out);
/* NUL-terminated string inside a section; strx forms go through .debug_str_offsets. */
int dwarf_attr_string(const struct dwarf_attr *attr, const char **out);
/* Section offset of the string in .debug_str or .debug_line_str (strp, line_strp, strx*). */
int dwarf_attr_string_offset(const struct dwarf_attr *attr, enum dwarf_section_id *section,
                             uint64_t *offset);
/* Address; addrx forms go through .debug_addr at DW_AT_addr_base. */
int dwarf_attr_address(const struct dwarf_attr *attr, uint64_t *out);
/* Block, exprloc or data16 bytes. */
int dwarf_attr_block(const struct dwarf_attr *attr, const uint8_t **data, uint64_t *len);
/*
 * A reference as the section offset of the target DIE in the unit's own
 * section (ref1-8, ref_udata: unit-relative; ref_addr: section-relative).
 * ref_sig8 resolves through dwarf_type_unit_by_signature: *section tells
 * where the target lives. The target is checked to lie inside its unit.
 */
int dwarf_attr_ref(const struct dwarf_attr *attr, enum dwarf_section_id *section, uint64_t *offset);

/* Index-based lookups for DWARF 5 (DWARF5 7.26, 7.27). */
int dwarf_str_offsets_entry(const struct dwarf_unit *unit, uint64_t index, uint64_t *str_offset);
int dwarf_addr_entry(const struct dwarf_unit *unit, uint64_t index, uint64_t *addr);
/* A NUL-terminated string at an offset of .debug_str or .debug_line_str. */
int dwarf_section_string(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                         const char **out);

#endif
