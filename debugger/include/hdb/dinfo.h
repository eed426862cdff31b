/*
 * hdb/dinfo.h: functions and global variables found in .debug_info.
 *
 * One walk over every compile unit's top-level DIEs collects the
 * functions with code (DW_TAG_subprogram with DW_AT_low_pc) and the
 * variables at a fixed address (DW_AT_location = DW_OP_addr). DIEs are
 * kept as section offsets and re-read when needed, so the index holds no
 * pointer into the reader's transient structures.
 */
#ifndef HDB_DINFO_H
#define HDB_DINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <dwarf/dwarf.h>
#include <hdb/platform.h>

struct hdb_dfunc {
    uint64_t lo, hi;   /* [lo, hi), link-time */
    const char *name;  /* in .debug_str or .debug_info: the linkage name if any, as gdb prints */
    uint64_t unit;     /* .debug_info offset of the unit header */
    uint64_t die;      /* the DW_TAG_subprogram with the code */
    uint64_t decl;     /* the DIE holding name, type and parameters (die, or its origin) */
    const char *alias; /* DW_AT_name when the linkage name differs (NULL: none) */
    bool part;         /* a later piece of code in several pieces (not where it is entered) */
};

struct hdb_dvar {
    const char *name;
    uint64_t addr;
    uint64_t unit;
    uint64_t type; /* .debug_info offset of the type DIE; 0 if none */
};

/* An enumeration constant (DW_TAG_enumerator) of a unit-level enum type. */
struct hdb_denum {
    const char *name;
    uint64_t unit, type; /* the DW_TAG_enumeration_type */
    int64_t value;
};

struct hdb_dinfo {
    const struct hdb_platform *plat;
    const struct dwarf *dw;
    struct hdb_dfunc *funcs; /* sorted by lo */
    size_t nfuncs, cap_funcs;
    struct hdb_dvar *vars;
    size_t nvars, cap_vars;
    /* Enumeration constants by name, built at the first lookup (enums.c). */
    struct hdb_denum *enums;
    size_t nenums, cap_enums;
    bool enums_built;
};

/* Walks every unit; units that fail to decode are skipped. */
int hdb_dinfo_build(struct hdb_dinfo *di, const struct hdb_platform *plat, const struct dwarf *dw);
void hdb_dinfo_free(struct hdb_dinfo *di);
const struct hdb_dfunc *hdb_dinfo_func_at(const struct hdb_dinfo *di, uint64_t addr);
const struct hdb_dfunc *hdb_dinfo_func_by_name(const struct hdb_dinfo *di, const char *name);
const struct hdb_dvar *hdb_dinfo_var_by_name(const struct hdb_dinfo *di, const char *name);
/* An enumeration constant by name (the first unit's when several define it), or NULL. */
const struct hdb_denum *hdb_dinfo_enum_by_name(struct hdb_dinfo *di, const char *name);

/*
 * gdb's rule for trusting a unit's variable locations at every
 * instruction (a GCC 4.5+ unit with location lists): its functions'
 * breakpoints then go at their first instruction (sym/locvalid.c).
 */
bool hdb_dinfo_locations_valid(const struct dwarf *dw, uint64_t unit_off);

/* The name gdb shows for a function or inlined call's DIE (through its origin), or NULL. */
const char *hdb_dinfo_name_of(const struct dwarf *dw, uint64_t unit_off, uint64_t die_off);

/* An inlined call around a pc (sym/inline.c). */
struct hdb_inline_call {
    uint64_t die;       /* its DW_TAG_inlined_subroutine */
    uint64_t call_file; /* DW_AT_call_file: a file of the unit's line program */
    uint32_t call_line;
    bool entered_here; /* the pc is where its code is entered (gdb hides it at a stop there) */
};
/*
 * The inlined calls whose code holds pc_link inside function fn_die,
 * outermost first: how many were written (up to max), or an error.
 */
int hdb_inline_calls(const struct dwarf *dw, uint64_t unit_off, uint64_t fn_die, uint64_t pc_link,
                     struct hdb_inline_call *out, int max);
/* Has function fn_die any inlined call (true also when it cannot be read)? */
bool hdb_inline_any(const struct dwarf *dw, uint64_t unit_off, uint64_t fn_die);
/* Do the DIE's address ranges (low/high pc or DW_AT_ranges) hold pc_link? */
bool hdb_die_covers(const struct dwarf_die *d, uint64_t pc_link);

/*
 * Reads the DIE at a .debug_info offset, in the unit at unit_off or, for a
 * reference that leaves it (DW_FORM_ref_addr: the partial units dwz makes
 * of what units share), in the unit that holds the offset.
 */
int hdb_dinfo_die(const struct dwarf *dw, uint64_t unit_off, uint64_t die_off,
                  struct dwarf_unit *unit, struct dwarf_die *die);
/*
 * The DIE that d's reference attribute `at` names in .debug_info, in d's
 * unit or another (read into *unit, which must outlive *target): 1, or 0
 * when absent or not resolvable.
 */
int hdb_dinfo_ref(const struct dwarf_die *d, uint64_t at, struct dwarf_unit *unit,
                  struct dwarf_die *target);

#endif
