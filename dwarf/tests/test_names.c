/*
 * The name index (<dwarf/index.h>) on the hand-built program of
 * index_fixture.c, every answer worked out by hand: every entry at once
 * (functions, variables and types; declarations of functions out, of
 * types in; abstract and concrete instances; namespace members); lazy
 * lookups, with how many units each one scans and keeps; the first-unit
 * rule for types; a hand-built .debug_names with and without its hash
 * table; a hand-built .gdb_index (version 8) and hostile ones (every
 * truncation, wrong versions, tables out of order or out of the section,
 * CU indexes and names past their tables, a table without an empty slot);
 * allocator failure at every allocation. Then gdb's own: a copy of this
 * binary indexed by gdb-add-index (DWARF_GDB_INDEXED names it) must give,
 * through .gdb_index, the same definitions as the walk for every name.
 */
#include "elf_sections.h"
#include "index_fixture.h"

#include "index/index_int.h"

#include <stdlib.h>
#include <string.h>

/* ---- every entry at once ------------------------------------------------ */

static void names_from_walk(void **state)
{
    static const char *const sorted[] = {"gvar",  "inl",   "inl",    "inner", "int",
                                         "node",  "node",  "node_t", "only2", "opaque",
                                         "outer", "outer", "second"};
    struct fixture f;
    struct dwarf_name_index ix;
    size_t first;
    (void)state;

    fixture_setup(&f, -1);
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), 0);
    assert_int_equal(ix.source, DWARF_NAMES_WALK);
    /* Sorted; declarations of functions and nested variables left out. */
    assert_int_equal(ix.count, sizeof sorted / sizeof sorted[0]);
    for (size_t i = 0; i < ix.count; i++)
        assert_string_equal(ix.entries[i].name, sorted[i]);
    assert_int_equal(dwarf_name_index_find(&ix, "outer", &first), 2);
    assert_int_equal(ix.entries[first].die_offset, f.o.outer);
    assert_int_equal(ix.entries[first].unit_offset, 0);
    assert_int_equal(ix.entries[first].tag, DW_TAG_subprogram);
    assert_int_equal(ix.entries[first + 1].die_offset, f.o.outer2);
    assert_int_equal(ix.entries[first + 1].unit_offset, f.o.unit2);
    /* The abstract instance and the out-of-line one, named through its origin. */
    assert_int_equal(dwarf_name_index_find(&ix, "inl", &first), 2);
    assert_int_equal(ix.entries[first].die_offset, f.o.abstract);
    assert_int_equal(ix.entries[first + 1].die_offset, f.o.concrete);
    assert_int_equal(dwarf_name_index_find(&ix, "inner", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.ns_inner);
    assert_int_equal(dwarf_name_index_find(&ix, "node_t", &first), 1);
    assert_int_equal(ix.entries[first].tag, DW_TAG_typedef);
    assert_int_equal(ix.entries[first].section, DWARF_SEC_INFO);
    assert_false(ix.entries[first].declaration);
    assert_int_equal(dwarf_name_index_find(&ix, "opaque", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.opaque);
    assert_true(ix.entries[first].declaration);
    assert_int_equal(dwarf_name_index_find(&ix, "int", &first), 1);
    assert_int_equal(ix.entries[first].die_offset, f.o.base_int);
    assert_int_equal(ix.entries[first].tag, DW_TAG_base_type);
    assert_int_equal(dwarf_name_index_find(&ix, "decl", &first), 0);
    assert_int_equal(dwarf_name_index_find(&ix, "local", &first), 0);
    assert_int_equal(dwarf_name_index_find(&ix, "zzz", &first), 0);
    assert_int_equal(first, ix.count);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* ---- lookups ------------------------------------------------------------ */

/* One lookup: how many entries, checked against the expected DIE offsets in order. */
static void expect(struct dwarf_name_index *ix, const char *name, unsigned kinds, unsigned flags,
                   int n, const uint64_t *dies)
{
    const struct dwarf_name_entry *found;
    assert_int_equal(dwarf_name_lookup(ix, name, kinds, flags, &found), n);
    for (int i = 0; i < n; i++) {
        assert_string_equal(found[i].name, name);
        assert_int_equal(found[i].die_offset, dies[i]);
    }
}

static void lookups_are_lazy(void **state)
{
    struct fixture f;
    struct dwarf_name_index ix;
    (void)state;

    fixture_setup(&f, -1);
    assert_int_equal(dwarf_name_index_init(&f.t.dw, &ix), 0);
    assert_int_equal(f.ca.allocs, 0);
    /* A type: the first unit defines it, the second is not even read. */
    expect(&ix, "node", DWARF_NAME_TYPE, DWARF_NAME_FIRST, 1, &f.o.node);
    assert_int_equal(ix.units_scanned, 2); /* the filter pass and the one that keeps */
    assert_int_equal(ix.units_kept, 1);
    assert_int_equal(ix.nunits, 1);
    /* Every definition: both units; the second is scanned, and kept for its outer. */
    expect(&ix, "outer", DWARF_NAME_FUNCTION, 0, 2, (uint64_t[]){f.o.outer, f.o.outer2});
    assert_int_equal(ix.nunits, 2);
    assert_int_equal(ix.units_scanned, 4);
    assert_int_equal(ix.units_kept, 2);
    /* Kinds filter: node is no function; from kept units nothing is scanned again. */
    expect(&ix, "node", DWARF_NAME_FUNCTION | DWARF_NAME_VARIABLE, 0, 0, NULL);
    expect(&ix, "node", DWARF_NAME_STRUCT, 0, 2, (uint64_t[]){f.o.node, f.o.node2});
    expect(&ix, "node", DWARF_NAME_UNION | DWARF_NAME_TYPEDEF, 0, 0, NULL);
    expect(&ix, "node_t", DWARF_NAME_TYPEDEF, 0, 1, &f.o.node_t);
    expect(&ix, "only2", DWARF_NAME_VARIABLE, 0, 1, &f.o.only2);
    expect(&ix, "gvar", DWARF_NAME_ANY, 0, 1, &f.o.gvar);
    expect(&ix, "inl", DWARF_NAME_FUNCTION, 0, 2, (uint64_t[]){f.o.abstract, f.o.concrete});
    expect(&ix, "inner", DWARF_NAME_ANY, 0, 1, &f.o.ns_inner);
    expect(&ix, "decl", DWARF_NAME_ANY, 0, 0, NULL);
    expect(&ix, "local", DWARF_NAME_ANY, 0, 0, NULL);
    expect(&ix, "absent", DWARF_NAME_ANY, 0, 0, NULL);
    assert_int_equal(ix.units_scanned, 4);
    /* Only declared: the declaration, after looking at every unit. */
    const struct dwarf_name_entry *found;
    assert_int_equal(dwarf_name_lookup(&ix, "opaque", DWARF_NAME_STRUCT, DWARF_NAME_FIRST, &found),
                     1);
    assert_true(found[0].declaration);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);

    /* Without a unit's filter yet, a function lookup scans each once, keeps none. */
    assert_int_equal(dwarf_name_index_init(&f.t.dw, &ix), 0);
    expect(&ix, "absent", DWARF_NAME_FUNCTION, 0, 0, NULL);
    assert_int_equal(ix.units_scanned, 2);
    assert_int_equal(ix.units_kept, 0);
    expect(&ix, "second", DWARF_NAME_FUNCTION, 0, 1, &f.o.second);
    assert_int_equal(ix.units_kept, 1);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* ---- .debug_names -------------------------------------------------------- */

/*
 * DWARF5 6.1.1.4: one name index, one unit, names in .debug_str: "outer",
 * "gvar", "node"; with buckets, one bucket each (the hash table, 6.1.1.4.5).
 */
static void debug_names(struct buf *b, const struct offsets *o, uint32_t name_count, bool hashed)
{
    static const char *const names[3] = {"outer", "gvar", "node"};
    size_t start = b->len, abbrev_size_at, abbrev_start, pool, entry_offsets;
    uint32_t buckets = hashed ? 3 : 0;
    b_u32(b, 0);
    b_u16(b, 5), b_u16(b, 0);
    b_u32(b, 1), b_u32(b, 0), b_u32(b, 0), b_u32(b, buckets), b_u32(b, name_count);
    abbrev_size_at = b->len;
    b_u32(b, 0);
    b_u32(b, 4), b_bytes(b, "TEST", 4);
    b_u32(b, 0); /* CU 0 at .debug_info offset 0 */
    if (hashed) {
        /* The names sorted by bucket (hash % 3); a bucket holds the first index, 1-based. */
        uint32_t first[3] = {0}, k = 1;
        for (uint32_t bk = 0; bk < 3; bk++) {
            for (int i = 0; i < 3; i++) {
                if (dwarf_djb_hash(names[i]) % 3 == bk && first[bk] == 0)
                    first[bk] = k;
                k += dwarf_djb_hash(names[i]) % 3 == bk;
            }
        }
        for (int i = 0; i < 3; i++)
            b_u32(b, first[i]);
        for (uint32_t bk = 0; bk < 3; bk++) {
            for (int i = 0; i < 3; i++) {
                if (dwarf_djb_hash(names[i]) % 3 == bk)
                    b_u32(b, dwarf_djb_hash(names[i]));
            }
        }
    }
    /* String offsets in bucket order (or as listed): "outer" 0, "gvar" 6, "node" 11. */
    static const uint32_t str[3] = {0, 6, 11};
    int order[3] = {0, 1, 2}, n = 0;
    if (hashed) {
        for (uint32_t bk = 0; bk < 3; bk++) {
            for (int i = 0; i < 3; i++) {
                if (dwarf_djb_hash(names[i]) % 3 == bk)
                    order[n++] = i;
            }
        }
    }
    for (int i = 0; i < 3; i++)
        b_u32(b, str[order[i]]);
    entry_offsets = b->len;
    b_u32(b, 0), b_u32(b, 0), b_u32(b, 0);
    abbrev_start = b->len;
    b_uleb(b, 1), b_uleb(b, DW_TAG_subprogram), b_uleb(b, 3), b_uleb(b, DW_FORM_ref4);
    b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, 2), b_uleb(b, DW_TAG_variable), b_uleb(b, 1), b_uleb(b, DW_FORM_data1);
    b_uleb(b, 3), b_uleb(b, DW_FORM_udata), b_u8(b, 0), b_u8(b, 0);
    b_uleb(b, 3), b_uleb(b, DW_TAG_structure_type), b_uleb(b, 3), b_uleb(b, DW_FORM_ref4);
    b_u8(b, 0), b_u8(b, 0);
    b_u8(b, 0);
    b_patch_u32(b, abbrev_size_at, (uint32_t)(b->len - abbrev_start));
    pool = b->len;
    for (int i = 0; i < 3; i++) {
        b_patch_u32(b, entry_offsets + 4 * (size_t)i, (uint32_t)(b->len - pool));
        if (order[i] == 0)
            b_uleb(b, 1), b_u32(b, (uint32_t)o->outer), b_u8(b, 0);
        else if (order[i] == 1)
            b_uleb(b, 2), b_u8(b, 0), b_uleb(b, o->gvar), b_u8(b, 0);
        else
            b_uleb(b, 3), b_u32(b, (uint32_t)o->node), b_u8(b, 0);
    }
    b_patch_u32(b, start, (uint32_t)(b->len - start - 4));
}

static void names_from_debug_names(void **state)
{
    struct fixture f;
    struct dwarf_name_index ix;
    struct buf b = {0}, str = {0};
    size_t first;
    (void)state;

    fixture_setup(&f, -1);
    b_str(&str, "outer"), b_str(&str, "gvar"), b_str(&str, "node");
    td_set(&f.t, DWARF_SEC_STR, &str);
    for (int hashed = 0; hashed < 2; hashed++) {
        b.len = 0;
        debug_names(&b, &f.o, 3, hashed);
        td_set(&f.t, DWARF_SEC_NAMES, &b);
        assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
        assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), 0);
        assert_int_equal(ix.source, DWARF_NAMES_DEBUG_NAMES);
        assert_int_equal(ix.count, 3);
        assert_int_equal(dwarf_name_index_find(&ix, "outer", &first), 1);
        assert_int_equal(ix.entries[first].die_offset, f.o.outer);
        assert_int_equal(dwarf_name_index_find(&ix, "gvar", &first), 1);
        assert_int_equal(ix.entries[first].die_offset, f.o.gvar);
        assert_int_equal(ix.entries[first].tag, DW_TAG_variable);
        assert_int_equal(dwarf_name_index_find(&ix, "node", &first), 1);
        assert_int_equal(ix.entries[first].tag, DW_TAG_structure_type);
        dwarf_name_index_free(&ix);
        /* Lookups read the producer's entries, never a unit. */
        assert_int_equal(dwarf_name_index_init(&f.t.dw, &ix), 0);
        expect(&ix, "outer", DWARF_NAME_FUNCTION, 0, 1, &f.o.outer);
        expect(&ix, "node", DWARF_NAME_STRUCT, DWARF_NAME_FIRST, 1, &f.o.node);
        expect(&ix, "node", DWARF_NAME_FUNCTION, 0, 0, NULL);
        expect(&ix, "gvar", DWARF_NAME_ANY, 0, 1, &f.o.gvar);
        expect(&ix, "absent", DWARF_NAME_ANY, 0, 0, NULL);
        assert_int_equal(ix.units_scanned, 0);
        dwarf_name_index_free(&ix);
        assert_int_equal(f.ca.live_bytes, 0);
    }

    /* Every truncation is an error code, never a read past the section. */
    for (size_t n = 1; n < b.len; n++) {
        struct buf cut = b;
        const struct dwarf_name_entry *found;
        cut.len = n;
        td_set(&f.t, DWARF_SEC_NAMES, &cut);
        assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
        int rc = dwarf_name_index_build(&f.t.dw, &ix);
        assert_true(rc < 0 && rc >= DWARF_E_LAST);
        assert_null(ix.entries);
        assert_true(dwarf_name_index_init(&f.t.dw, &ix) < 0 ||
                    dwarf_name_lookup(&ix, "node", DWARF_NAME_ANY, 0, &found) < 0);
        dwarf_name_index_free(&ix);
    }
    /* A DIE offset past .debug_info. */
    b.len = 0;
    struct offsets far = f.o;
    far.outer = 0x7fffffff;
    debug_names(&b, &far, 3, false);
    td_set(&f.t, DWARF_SEC_NAMES, &b);
    assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, &f.alloc), 0);
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), DWARF_E_OFFSET);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* ---- .gdb_index ---------------------------------------------------------- */

struct gdb_symbol {
    const char *name;
    uint32_t cus[2]; /* CU index | kind << 28 | static << 31 */
    uint32_t ncus;
};

enum { KIND_TYPE = 1u << 28, KIND_VARIABLE = 2u << 28, KIND_FUNCTION = 3u << 28 };

#define SLOTS 16

/* gdb's layout, version 8: header, CU list, no TUs, one address, 16 slots, the pool. */
static void gdb_index(struct buf *b, const struct offsets *o, uint64_t info_size,
                      const struct gdb_symbol *syms, size_t nsyms)
{
    uint32_t slot_name[SLOTS] = {0}, slot_vec[SLOTS] = {0};
    struct buf pool = {0};
    size_t cu_list = 24, addr = cu_list + 2 * 16, symtab = addr + 20, pool_at = symtab + SLOTS * 8;

    b_u32(b, 8), b_u32(b, (uint32_t)cu_list), b_u32(b, (uint32_t)addr);
    b_u32(b, (uint32_t)addr), b_u32(b, (uint32_t)symtab), b_u32(b, (uint32_t)pool_at);
    b_u64(b, 0), b_u64(b, o->unit2);
    b_u64(b, o->unit2), b_u64(b, info_size - o->unit2);
    b_u64(b, 0x1000), b_u64(b, 0x1100), b_u32(b, 0);
    /* CU vectors first, then the names (as gdb writes them). */
    uint32_t vec[8], name_at[8];
    for (size_t i = 0; i < nsyms; i++) {
        vec[i] = (uint32_t)pool.len;
        b_u32(&pool, syms[i].ncus);
        for (uint32_t k = 0; k < syms[i].ncus; k++)
            b_u32(&pool, syms[i].cus[k]);
    }
    for (size_t i = 0; i < nsyms; i++) {
        name_at[i] = (uint32_t)pool.len;
        b_str(&pool, syms[i].name);
    }
    for (size_t i = 0; i < nsyms; i++) {
        uint32_t h = dwarf_gdb_index_hash(syms[i].name);
        uint32_t s = h & (SLOTS - 1), step = ((h * 17) & (SLOTS - 1)) | 1;
        while (slot_name[s] || slot_vec[s])
            s = (s + step) & (SLOTS - 1);
        slot_name[s] = name_at[i];
        slot_vec[s] = vec[i];
    }
    for (int s = 0; s < SLOTS; s++)
        b_u32(b, slot_name[s]), b_u32(b, slot_vec[s]);
    b_bytes(b, pool.data, pool.len);
}

static const struct gdb_symbol symbols[] = {
    {"outer", {0 | KIND_FUNCTION, 1 | KIND_FUNCTION | 1u << 31}, 2},
    {"node", {0 | KIND_TYPE, 1 | KIND_TYPE}, 2},
    {"gvar", {0 | KIND_VARIABLE}, 1},
    {"only2", {1 | KIND_VARIABLE}, 1},
    {"ghost", {0 | KIND_FUNCTION}, 1}, /* indexed, but no such DIE */
    {"anything", {0}, 1},              /* version 6 style: no kind, any will do */
};

static void set_gdb_index(struct fixture *f, const struct buf *b)
{
    td_set(&f->t, DWARF_SEC_GDB_INDEX, b);
    assert_int_equal(dwarf_init(&f->t.dw, f->t.sec, &f->alloc), 0);
}

static void names_from_gdb_index(void **state)
{
    struct fixture f;
    struct dwarf_name_index ix;
    struct buf b = {0};
    (void)state;

    fixture_setup(&f, -1);
    gdb_index(&b, &f.o, f.t.sec[DWARF_SEC_INFO].size, symbols, 6);
    set_gdb_index(&f, &b);
    assert_int_equal(dwarf_name_index_init(&f.t.dw, &ix), 0);
    assert_int_equal(ix.source, DWARF_NAMES_GDB_INDEX);
    assert_int_equal(ix.gdb.version, 8);
    assert_int_equal(ix.gdb.cu_count, 2);
    assert_int_equal(ix.gdb.slots, SLOTS);
    /* A name the index lacks costs no scan at all. */
    expect(&ix, "second", DWARF_NAME_ANY, 0, 0, NULL);
    expect(&ix, "absent", DWARF_NAME_ANY, 0, 0, NULL);
    assert_int_equal(ix.units_scanned, 0);
    /* Only the unit gdb names for only2 is read. */
    expect(&ix, "only2", DWARF_NAME_VARIABLE, 0, 1, &f.o.only2);
    assert_int_equal(ix.nunits, 1);
    expect(&ix, "outer", DWARF_NAME_FUNCTION, 0, 2, (uint64_t[]){f.o.outer, f.o.outer2});
    expect(&ix, "node", DWARF_NAME_TYPE, DWARF_NAME_FIRST, 1, &f.o.node);
    /* The kinds gdb records: node is no function, so no unit is even looked at. */
    expect(&ix, "node", DWARF_NAME_FUNCTION, 0, 0, NULL);
    expect(&ix, "gvar", DWARF_NAME_VARIABLE, 0, 1, &f.o.gvar);
    expect(&ix, "ghost", DWARF_NAME_FUNCTION, 0, 0, NULL);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);
    /* The listing reads every unit, as without an index. */
    assert_int_equal(dwarf_name_index_build(&f.t.dw, &ix), 0);
    assert_int_equal(ix.count, 13);
    dwarf_name_index_free(&ix);
    td_free(&f.t);
}

/* An index that init or a lookup must refuse with an error (never a crash). */
static void refused(struct fixture *f, const struct buf *b, int init_rc, int lookup_rc)
{
    struct dwarf_name_index ix;
    const struct dwarf_name_entry *found;
    set_gdb_index(f, b);
    assert_int_equal(dwarf_name_index_init(&f->t.dw, &ix), init_rc);
    if (init_rc == 0) {
        int rc = dwarf_name_lookup(&ix, "outer", DWARF_NAME_ANY, 0, &found);
        if (lookup_rc)
            assert_int_equal(rc, lookup_rc);
        else
            assert_true(rc < 0 && rc >= DWARF_E_LAST);
    }
    dwarf_name_index_free(&ix);
}

static void hostile_gdb_index(void **state)
{
    struct fixture f;
    struct buf good = {0}, b;
    struct dwarf_name_index ix;
    uint64_t info_size;
    (void)state;

    fixture_setup(&f, -1);
    info_size = f.t.sec[DWARF_SEC_INFO].size;
    gdb_index(&good, &f.o, info_size, symbols, 6);

    /* Every truncation: refused by init, or by the lookup that reads past the end. */
    for (size_t n = 0; n < good.len; n++) {
        const struct dwarf_name_entry *found;
        b = good;
        b.len = n;
        set_gdb_index(&f, &b);
        int rc = dwarf_name_index_init(&f.t.dw, &ix);
        if (rc == 0) {
            for (size_t i = 0; i < 6 && rc >= 0; i++)
                rc = dwarf_name_lookup(&ix, symbols[i].name, DWARF_NAME_ANY, 0, &found);
            assert_true(rc < 0 && rc >= DWARF_E_LAST);
        } else {
            assert_true(rc < 0 && rc >= DWARF_E_LAST);
        }
        dwarf_name_index_free(&ix);
    }
    /* Versions this reader does not know: gdb's obsolete ones and a future one. */
    for (uint32_t v = 0; v < 12; v++) {
        if (v == 7 || v == 8)
            continue;
        b = good;
        b_patch_u32(&b, 0, v);
        refused(&f, &b, DWARF_E_VERSION, 0);
    }
    /* Tables out of order, or past the section. */
    b = good;
    b_patch_u32(&b, 4, 8); /* the CU list inside the header */
    refused(&f, &b, DWARF_E_OFFSET, 0);
    b = good;
    b_patch_u32(&b, 16, 0x7fffffff); /* the symbol table past the pool and the section */
    refused(&f, &b, DWARF_E_OFFSET, 0);
    b = good;
    b_patch_u32(&b, 20, (uint32_t)good.len + 1); /* the pool past the section */
    refused(&f, &b, DWARF_E_OFFSET, 0);
    b = good;
    b_patch_u32(&b, 8, 24 + 2 * 16 - 4); /* a CU list of one and a quarter entries */
    refused(&f, &b, DWARF_E_TRUNCATED, 0);
    /* Twelve slots: not a power of two, which gdb's probing needs. */
    b = good;
    b_patch_u32(&b, 20, 24 + 32 + 20 + 12 * 8);
    refused(&f, &b, DWARF_E_OFFSET, 0);

    /* A CU index past both lists. */
    struct gdb_symbol bad_cu[1] = {{"outer", {5 | KIND_FUNCTION}, 1}};
    b.len = 0;
    gdb_index(&b, &f.o, info_size, bad_cu, 1);
    refused(&f, &b, 0, DWARF_E_OFFSET);
    /* A CU list naming no unit. */
    b = good;
    b_patch_u32(&b, 24, 0x7ffffff0); /* low half of CU 0's offset */
    refused(&f, &b, 0, 0);
    /* A CU vector whose count runs past the section. */
    struct gdb_symbol one[1] = {{"outer", {0 | KIND_FUNCTION}, 1}};
    b.len = 0;
    gdb_index(&b, &f.o, info_size, one, 1);
    b_patch_u32(&b, 24 + 32 + 20 + SLOTS * 8, 0x40000000);
    refused(&f, &b, 0, DWARF_E_TRUNCATED);
    /* A name offset past the pool. */
    b = good;
    for (size_t s = 0; s < SLOTS; s++) {
        size_t at = 24 + 32 + 20 + s * 8;
        uint32_t name = (uint32_t)(b.data[at] | b.data[at + 1] << 8 | b.data[at + 2] << 16 |
                                   (uint32_t)b.data[at + 3] << 24);
        if (name)
            b_patch_u32(&b, at, 0x7fffffff);
    }
    refused(&f, &b, 0, DWARF_E_OFFSET);
    /* Every slot taken by another name: the probe stops after every slot. */
    struct gdb_symbol many[8];
    static const char *const spare[8] = {"a", "b", "c", "d", "e", "f", "g", "h"};
    for (int i = 0; i < 8; i++)
        many[i] = (struct gdb_symbol){spare[i], {0 | KIND_FUNCTION}, 1};
    b.len = 0;
    gdb_index(&b, &f.o, info_size, many, 8);
    for (size_t s = 0; s < SLOTS; s++) {
        size_t at = 24 + 32 + 20 + s * 8;
        bool empty = true;
        for (int k = 0; k < 8; k++)
            empty &= b.data[at + (size_t)k] == 0;
        if (empty)
            b_patch_u32(&b, at, 8 * 8); /* name "a": after the eight CU vectors of 8 bytes */
    }
    set_gdb_index(&f, &b);
    assert_int_equal(dwarf_name_index_init(&f.t.dw, &ix), 0);
    const struct dwarf_name_entry *found;
    assert_int_equal(dwarf_name_lookup(&ix, "outer", DWARF_NAME_ANY, 0, &found), 0);
    dwarf_name_index_free(&ix);
    assert_int_equal(f.ca.live_bytes, 0);
    td_free(&f.t);
}

/* ---- allocator failure ---------------------------------------------------- */

static void allocator_failure(void **state)
{
    struct fixture f;
    struct buf b = {0};
    (void)state;

    fixture_setup(&f, -1);
    for (int with_index = 0; with_index < 2; with_index++) {
        if (with_index) {
            gdb_index(&b, &f.o, f.t.sec[DWARF_SEC_INFO].size, symbols, 6);
            set_gdb_index(&f, &b);
        }
        for (int fail = 0; fail < 60; fail++) {
            struct dwarf_name_index nx;
            const struct dwarf_name_entry *found;
            int rc;
            f.ca.fail_after = (int)f.ca.allocs + fail;
            rc = dwarf_name_index_build(&f.t.dw, &nx);
            assert_true(rc == 0 || rc == DWARF_E_NOMEM);
            dwarf_name_index_free(&nx);
            assert_int_equal(dwarf_name_index_init(&f.t.dw, &nx), 0);
            rc = dwarf_name_lookup(&nx, "outer", DWARF_NAME_FUNCTION, 0, &found);
            assert_true(rc == 2 || rc == DWARF_E_NOMEM);
            rc = dwarf_name_lookup(&nx, "node", DWARF_NAME_TYPE, DWARF_NAME_FIRST, &found);
            assert_true(rc == 1 || rc == DWARF_E_NOMEM);
            /* After a failure the index answers again once memory is back. */
            f.ca.fail_after = -1;
            assert_int_equal(dwarf_name_lookup(&nx, "outer", DWARF_NAME_FUNCTION, 0, &found), 2);
            assert_int_equal(dwarf_name_lookup(&nx, "only2", DWARF_NAME_ANY, 0, &found), 1);
            dwarf_name_index_free(&nx);
            assert_int_equal(f.ca.live_bytes, 0);
        }
    }
    /* Without an allocator nothing is built. */
    struct dwarf_name_index nx;
    assert_int_equal(dwarf_init(&f.t.dw, f.t.sec, NULL), 0);
    assert_int_equal(dwarf_name_index_init(&f.t.dw, &nx), DWARF_E_ARG);
    td_free(&f.t);
}

/* ---- gdb's index of this binary ----------------------------------------- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* The definitions' DIE offsets among found, sorted; how many. */
static size_t definitions(const struct dwarf_name_entry *found, int n, uint64_t *out, size_t max)
{
    size_t k = 0;
    for (int i = 0; i < n && k < max; i++) {
        if (!found[i].declaration)
            out[k++] = found[i].die_offset;
    }
    qsort(out, k, sizeof *out, cmp_u64);
    return k;
}

/*
 * gdb indexes a C++ name qualified ("ns::f"); the name index holds a
 * namespace member under its own name (C++ is beyond it for now). The
 * sanitizer runtime linked into this binary has C++ units: they are not
 * compared.
 */
static bool cplusplus(const struct dwarf *dw, uint64_t unit_offset)
{
    struct dwarf_unit u;
    struct dwarf_die cu;
    struct dwarf_attr a;
    uint64_t lang = 0;
    if (dwarf_unit_at(dw, DWARF_SEC_INFO, unit_offset, &u) <= 0 || dwarf_unit_die(&u, &cu) <= 0 ||
        dwarf_die_attr(&cu, DW_AT_language, &a) <= 0 || dwarf_attr_unsigned(&a, &lang))
        return false;
    return lang == DW_LANG_C_plus_plus || lang == DW_LANG_C_plus_plus_03 ||
           lang == DW_LANG_C_plus_plus_11 || lang == DW_LANG_C_plus_plus_14;
}

static void gdb_add_index_agrees(void **state)
{
    const char *path = getenv("DWARF_GDB_INDEXED");
    struct dwarf_section sec[DWARF_SEC_COUNT], plain[DWARF_SEC_COUNT];
    struct count_alloc ca = {.fail_after = -1};
    struct dwarf_allocator alloc = count_allocator(&ca);
    struct dwarf with, without;
    struct dwarf_name_index all, gx;
    size_t names = 0, units = 0;
    (void)state;

    if (path == NULL)
        fail_msg("DWARF_GDB_INDEXED names no file (dwarf/build.mk makes one with gdb-add-index)");
    assert_int_equal(elf_sections_load(path, sec), 0);
    assert_non_null(sec[DWARF_SEC_GDB_INDEX].data);
    memcpy(plain, sec, sizeof plain);
    plain[DWARF_SEC_GDB_INDEX] = (struct dwarf_section){0};
    assert_int_equal(dwarf_init(&with, sec, &alloc), 0);
    assert_int_equal(dwarf_init(&without, plain, &alloc), 0);
    assert_int_equal(dwarf_name_index_build(&without, &all), 0);
    assert_int_equal(dwarf_name_index_init(&with, &gx), 0);
    assert_int_equal(gx.source, DWARF_NAMES_GDB_INDEX);
    assert_true(gx.gdb.version == 7 || gx.gdb.version == 8);
    /* Each distinct name, with the kind of its first entry: the same definitions both ways. */
    for (size_t i = 0; i < all.count; i++) {
        static uint64_t a[4096], g[4096];
        const struct dwarf_name_entry *e = &all.entries[i], *found;
        size_t first, na = 0;
        unsigned kind = dwarf_name_tag_kind(e->tag);
        if (i > 0 && strcmp(all.entries[i - 1].name, e->name) == 0)
            continue;
        size_t n = dwarf_name_index_find(&all, e->name, &first);
        bool cxx = false;
        for (size_t k = first; k < first + n && na < 4096; k++) {
            cxx |= cplusplus(&without, all.entries[k].unit_offset);
            if (!all.entries[k].declaration && (dwarf_name_tag_kind(all.entries[k].tag) & kind))
                a[na++] = all.entries[k].die_offset;
        }
        if (cxx)
            continue;
        qsort(a, na, sizeof *a, cmp_u64);
        /* gdb records a type name in one unit: any definition of it will do. */
        bool type = (kind & DWARF_NAME_TYPE) != 0;
        int ng = dwarf_name_lookup(&gx, e->name, kind, type ? DWARF_NAME_FIRST : 0, &found);
        assert_true(ng >= 0);
        size_t nd = definitions(found, ng, g, 4096);
        if (type) {
            if (nd == 0 && na != 0)
                print_error("%s: no definition through .gdb_index\n", e->name);
            assert_true(nd >= 1 || na == 0);
            for (size_t k = 0; k < nd; k++)
                assert_non_null(bsearch(&g[k], a, na, sizeof *a, cmp_u64));
            names++;
            continue;
        }
        if (nd != na || memcmp(a, g, na * sizeof *a) != 0)
            print_error("%s: %zu definitions by the walk, %zu through .gdb_index\n", e->name, na,
                        nd);
        assert_int_equal(nd, na);
        assert_memory_equal(a, g, na * sizeof *a);
        names++;
    }
    assert_true(names > 300);
    /* One name asked afresh reads only the units gdb names for it. */
    dwarf_name_index_free(&gx);
    assert_int_equal(dwarf_name_index_init(&with, &gx), 0);
    const struct dwarf_name_entry *found;
    assert_int_equal(dwarf_name_lookup(&gx, "gdb_add_index_agrees", DWARF_NAME_FUNCTION, 0, &found),
                     1);
    assert_int_equal(gx.nunits, 1);
    struct dwarf_unit u;
    for (uint64_t off = 0; dwarf_unit_at(&without, DWARF_SEC_INFO, off, &u) > 0; off = u.end)
        units++;
    assert_true(units > 5);
    dwarf_name_index_free(&gx);
    dwarf_name_index_free(&all);
    assert_int_equal(ca.live_bytes, 0);
    elf_sections_free(sec);
}

int main(void)
{
    // clang-format off
    const struct CMUnitTest tests[] = {
        DWARF_TEST(names, names_from_walk),
        DWARF_TEST(names, lookups_are_lazy),
        DWARF_TEST(names, names_from_debug_names),
        DWARF_TEST(names, names_from_gdb_index),
        DWARF_TEST(names, hostile_gdb_index),
        DWARF_TEST(names, allocator_failure),
        DWARF_TEST(names, gdb_add_index_agrees),
    };
    // clang-format on
    return cmocka_run_group_tests(tests, NULL, NULL);
}
