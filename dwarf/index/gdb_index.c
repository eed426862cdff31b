/*
 * .gdb_index: the name index gdb writes (`gdb-add-index`, `save
 * gdb-index`, gold and lld's --gdb-index), as gdb's manual describes it
 * ("Index Section Format"). Little-endian 32-bit offsets from the start
 * of the section: a header, the list of compile units (offset, length),
 * of type units (offset, type offset, signature), the address area, a
 * hash table of (name, CU vector) pairs in the constant pool, and the
 * pool. A CU vector is a count and that many CU indexes, each with the
 * kind of symbol (bits 28-30) and whether it is static (bit 31) since
 * version 7. Versions 7 and 8 are read (8 only says that type-unit
 * symbols name the type unit); older ones are refused, as gdb refuses
 * them by default.
 *
 * The index names units, not DIEs: the name index scans the units it
 * names for the DIEs.
 */
#include "index_int.h"

enum {
    HEADER_SIZE = 24, /* six offsets */
    CU_ENTRY = 16,
    TU_ENTRY = 24,
    ADDR_ENTRY = 20,
    SLOT = 8,
};

/* Symbol kinds of a CU vector entry (gdb's gdb_index_symbol_kind). */
enum { KIND_NONE = 0, KIND_TYPE = 1, KIND_VARIABLE = 2, KIND_FUNCTION = 3, KIND_OTHER = 4 };

/* r = r * 67 + tolower(c) - 113 over the name (versions 5 and later). */
uint32_t dwarf_gdb_index_hash(const char *name)
{
    uint32_t r = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        unsigned c = *p >= 'A' && *p <= 'Z' ? *p + ('a' - 'A') : *p;
        r = r * 67 + c - 113;
    }
    return r;
}

static int u32_at(const struct dwarf_section *sec, uint64_t pos, uint32_t *v)
{
    struct dwarf_cursor c;
    uint64_t x;
    int rc;

    if ((rc = dwarf_cursor_init(&c, sec, pos, sec->size)) || (rc = dwarf_read_uint(&c, 4, &x)))
        return rc;
    *v = (uint32_t)x;
    return 0;
}

static int u64_at(const struct dwarf_section *sec, uint64_t pos, uint64_t *v)
{
    struct dwarf_cursor c;
    int rc = dwarf_cursor_init(&c, sec, pos, sec->size);
    return rc ? rc : dwarf_read_uint(&c, 8, v);
}

int dwarf_gdb_index_open(const struct dwarf *dw, struct dwarf_gdb_index *g)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_GDB_INDEX];
    uint32_t off[6];
    int rc;

    *g = (struct dwarf_gdb_index){0};
    if (sec->size < HEADER_SIZE)
        return DWARF_E_TRUNCATED;
    for (int i = 0; i < 6; i++) {
        if ((rc = u32_at(sec, (uint64_t)i * 4, &off[i])))
            return rc;
    }
    if (off[0] < 7 || off[0] > 8)
        return DWARF_E_VERSION;
    /* The areas lie in order inside the section; each is a whole number of entries. */
    if (off[1] < HEADER_SIZE || off[2] < off[1] || off[3] < off[2] || off[4] < off[3] ||
        off[5] < off[4] || off[5] > sec->size)
        return DWARF_E_OFFSET;
    if ((off[2] - off[1]) % CU_ENTRY || (off[3] - off[2]) % TU_ENTRY ||
        (off[4] - off[3]) % ADDR_ENTRY || (off[5] - off[4]) % SLOT)
        return DWARF_E_TRUNCATED;
    g->version = off[0];
    g->cu_list = off[1];
    g->cu_count = (off[2] - off[1]) / CU_ENTRY;
    g->tu_list = off[2];
    g->tu_count = (off[3] - off[2]) / TU_ENTRY;
    g->addr_area = off[3];
    g->addr_end = off[4];
    g->symtab = off[4];
    g->slots = (off[5] - off[4]) / SLOT;
    g->pool = off[5];
    /* gdb probes with a mask: the table's size is a power of two. */
    if (g->slots & (g->slots - 1))
        return DWARF_E_OFFSET;
    return 0;
}

int dwarf_gdb_index_type_unit(const struct dwarf *dw, const struct dwarf_gdb_index *g,
                              uint64_t index, enum dwarf_section_id *section, uint64_t *offset)
{
    if (index >= g->tu_count)
        return DWARF_E_OFFSET;
    /* DWARF 4 type units live in .debug_types; DWARF 5 ones in .debug_info. */
    *section = dw->sec[DWARF_SEC_TYPES].data ? DWARF_SEC_TYPES : DWARF_SEC_INFO;
    return u64_at(&dw->sec[DWARF_SEC_GDB_INDEX], g->tu_list + index * TU_ENTRY, offset);
}

/* The section and offset of the unit with a CU index (type units follow the compile units). */
static int unit_of(const struct dwarf *dw, const struct dwarf_gdb_index *g, uint32_t index,
                   enum dwarf_section_id *section, uint64_t *offset)
{
    if (index < g->cu_count) {
        *section = DWARF_SEC_INFO;
        return u64_at(&dw->sec[DWARF_SEC_GDB_INDEX], g->cu_list + (uint64_t)index * CU_ENTRY,
                      offset);
    }
    return dwarf_gdb_index_type_unit(dw, g, index - g->cu_count, section, offset);
}

static unsigned kinds_of(uint32_t entry)
{
    switch ((entry >> 28) & 7) {
    case KIND_NONE:
        return DWARF_NAME_ANY;
    case KIND_TYPE:
        return DWARF_NAME_TYPE;
    case KIND_VARIABLE:
        return DWARF_NAME_VARIABLE;
    case KIND_FUNCTION:
        return DWARF_NAME_FUNCTION;
    default:
        return 0; /* enumerators, and kinds this reader does not know */
    }
}

/* A NUL-terminated name in the constant pool. */
static int pool_string(const struct dwarf_section *sec, uint64_t pos, const char **s)
{
    struct dwarf_cursor c;
    uint64_t len;
    int rc = dwarf_cursor_init(&c, sec, pos, sec->size);
    return rc ? rc : dwarf_read_cstr(&c, s, &len);
}

int dwarf_gdb_index_units(const struct dwarf *dw, const struct dwarf_gdb_index *g, const char *name,
                          dwarf_gdb_unit_fn fn, void *ctx)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_GDB_INDEX];
    uint64_t mask = g->slots - 1;
    uint32_t h = dwarf_gdb_index_hash(name);
    uint64_t slot = h & mask, step = ((h * 17) & mask) | 1;
    int rc;

    /* Open addressing; the table is never full, but a hostile one may be: stop after every slot. */
    for (uint64_t probe = 0; probe < g->slots; probe++, slot = (slot + step) & mask) {
        uint32_t name_off, vec_off, count;
        const char *s;
        if ((rc = u32_at(sec, g->symtab + slot * SLOT, &name_off)) ||
            (rc = u32_at(sec, g->symtab + slot * SLOT + 4, &vec_off)))
            return rc;
        if (name_off == 0 && vec_off == 0)
            return 0;
        if ((rc = pool_string(sec, g->pool + name_off, &s)))
            return rc;
        if (dwarf_strcmp(s, name) != 0)
            continue;
        if ((rc = u32_at(sec, g->pool + vec_off, &count)))
            return rc;
        if ((uint64_t)count * 4 > sec->size - g->pool - vec_off - 4)
            return DWARF_E_TRUNCATED;
        for (uint32_t i = 0; i < count; i++) {
            enum dwarf_section_id section;
            uint32_t entry;
            uint64_t offset;
            unsigned kinds;
            if ((rc = u32_at(sec, g->pool + vec_off + 4 + (uint64_t)i * 4, &entry)))
                return rc;
            if ((kinds = kinds_of(entry)) == 0)
                continue;
            if ((rc = unit_of(dw, g, entry & 0xffffff, &section, &offset)) ||
                (rc = fn(ctx, section, offset, kinds)))
                return rc;
        }
        return 0;
    }
    return 0;
}
