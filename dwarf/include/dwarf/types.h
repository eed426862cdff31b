/*
 * The type graph (DWARF5 5.1-5.11): base, pointer and reference, const/
 * volatile/restrict/atomic, typedef, structure/union/class with members and
 * bit fields, arrays with subranges, enumerations, subroutine types; and a
 * printer of C type names and declarations.
 *
 * A struct dwarf_type carries a copy of its unit, so a type reached through
 * DW_FORM_ref_addr or DW_FORM_ref_sig8 (another unit, a type unit) stays
 * usable; copying the struct is fine. DW_AT_type chains are followed at
 * most DWARF_TYPE_MAX_DEPTH deep, so a cyclic chain is DWARF_E_LIMIT.
 */
#ifndef DWARF_TYPES_H
#define DWARF_TYPES_H

#include <dwarf/dwarf.h>

#define DWARF_TYPE_MAX_DEPTH 64

enum dwarf_type_kind {
    DWARF_TYPE_VOID, /* no DW_AT_type (DWARF5 5.2: void) */
    DWARF_TYPE_BASE, /* DW_TAG_base_type, DW_TAG_unspecified_type */
    DWARF_TYPE_POINTER,
    DWARF_TYPE_REFERENCE, /* & and && */
    DWARF_TYPE_QUALIFIED, /* const, volatile, restrict, atomic */
    DWARF_TYPE_TYPEDEF,
    DWARF_TYPE_STRUCT, /* structure, class, union */
    DWARF_TYPE_ENUM,
    DWARF_TYPE_ARRAY,
    DWARF_TYPE_FUNCTION, /* DW_TAG_subroutine_type, or a subprogram's own type */
    DWARF_TYPE_OTHER,    /* a type tag this reader does not interpret */
};

struct dwarf_type {
    struct dwarf_unit unit; /* the unit the type's DIE lives in */
    uint64_t offset;        /* of the DIE (0 for void) */
    uint64_t tag;
    uint8_t kind;
    const char *name; /* NULL when anonymous */
    bool has_byte_size;
    uint64_t byte_size;
    uint64_t encoding; /* DW_ATE_* of a base type */
    bool declaration;  /* an incomplete type (DW_AT_declaration) */
    bool prototyped;
    bool has_target; /* DW_AT_type: pointee, element, underlying or return type */
    enum dwarf_section_id target_section;
    uint64_t target_offset;
};

/* The type whose DIE is at a section offset of .debug_info/.debug_types. */
int dwarf_type_at(const struct dwarf *dw, enum dwarf_section_id section, uint64_t offset,
                  struct dwarf_type *type);
/* The type a DIE names with DW_AT_type (variables, members, parameters, typedefs, ...). */
int dwarf_type_of(const struct dwarf_die *die, struct dwarf_type *type);
/* A subprogram's function type: its return type and parameters. */
int dwarf_type_of_function(const struct dwarf_die *subprogram, struct dwarf_type *type);
/* The next type down the chain (void when there is none). */
int dwarf_type_target(const struct dwarf_type *type, struct dwarf_type *target);
/* Through typedefs and qualifiers to the type that gives the representation. */
int dwarf_type_strip(const struct dwarf_type *type, struct dwarf_type *out);
/* The type's DIE (valid while *type lives: it points to type->unit). */
int dwarf_type_die(const struct dwarf_type *type, struct dwarf_die *die);

/* A data member (DWARF5 5.7.6). */
struct dwarf_member {
    const char *name;
    bool has_offset;
    uint64_t byte_offset; /* DW_AT_data_member_location (constant or DW_OP_plus_uconst) */
    bool is_bitfield;
    uint64_t bit_size;
    uint64_t bit_offset; /* from the start of the containing object, little-endian */
};
int dwarf_member_info(const struct dwarf_die *member, struct dwarf_member *info);

/* Elements of one array dimension (DW_TAG_subrange_type): 1 known, 0 unknown (flexible). */
int dwarf_subrange_count(const struct dwarf_die *subrange, uint64_t *count);

/* An enumerator's value; *is_signed tells how to read it. */
int dwarf_enumerator_value(const struct dwarf_die *enumerator, uint64_t *value, bool *is_signed);

/* Printing into a caller's buffer; DWARF_E_LIMIT when it is too small (output truncated). */
enum dwarf_type_print_flags {
    /* gdb's spelling of the C integer types ("unsigned long" for "long unsigned int"). */
    DWARF_PRINT_GDB_NAMES = 1,
};
/*
 * gdb's spelling of a C integer type named as gcc names it ("long unsigned
 * int" is "unsigned long"); other names are returned as they are. gdb
 * prints these, and its .gdb_index records them.
 */
const char *dwarf_base_type_gdb_name(const char *name);
/* The type's C name: "const char *", "int (*)(int, int)", "struct node [4]". */
int dwarf_type_name(const struct dwarf_type *type, unsigned flags, char *buf, size_t size);
/* A declaration of name with the type: "int (*fn)(int, int)", "unsigned int x : 3" not included. */
int dwarf_type_decl(const struct dwarf_type *type, const char *name, unsigned flags, char *buf,
                    size_t size);
/*
 * The type spelled out as gdb's ptype does: typedefs resolved at the top,
 * a structure, union or enumeration with its body (members one per line,
 * anonymous member types expanded, bit-field widths, enumerator values
 * where they are not the previous one plus one).
 */
int dwarf_type_body(const struct dwarf_type *type, unsigned flags, char *buf, size_t size);

#endif
