/*
 * The name index: functions, global variables and types by name. With
 * .debug_names a lookup reads the producer's entries for the name
 * (debug_names.c); with .gdb_index it reads the units gdb's index names
 * for it (gdb_index.c); otherwise it goes through the units in order.
 *
 * A unit is scanned (scan.c) the first time a lookup needs it. The scan
 * leaves a Bloom filter of the hashes of the unit's names, 16 bits a name,
 * so that later lookups skip the unit without reading it unless the
 * filter says the name may be there; the names themselves are kept,
 * sorted, only for units where a lookup found what it asked for. So
 * memory grows with what was asked: looking one name up in a program
 * without an index costs one pass over the top-level DIEs and a few
 * hundred kilobytes of filters, not a table of every name.
 */
#include "index_int.h"

#include <dwarf/types.h>

/* Filter bits a name and probes a lookup (about 0.2% false positives). */
#define FILTER_BITS_PER_NAME 16
#define FILTER_PROBES 3

unsigned dwarf_name_tag_kind(uint64_t tag)
{
    switch (tag) {
    case DW_TAG_subprogram:
        return DWARF_NAME_FUNCTION;
    case DW_TAG_variable:
        return DWARF_NAME_VARIABLE;
    case DW_TAG_typedef:
        return DWARF_NAME_TYPEDEF;
    case DW_TAG_base_type:
        return DWARF_NAME_BASE_TYPE;
    case DW_TAG_structure_type:
    case DW_TAG_class_type:
        return DWARF_NAME_STRUCT;
    case DW_TAG_union_type:
        return DWARF_NAME_UNION;
    case DW_TAG_enumeration_type:
        return DWARF_NAME_ENUM;
    default:
        return 0;
    }
}

/* Appends e to a growable array of entries. */
static int append(const struct dwarf *dw, struct dwarf_name_entry **list, size_t *count,
                  size_t *cap, const struct dwarf_name_entry *e)
{
    int rc = dwarf_grow(dw, (void **)list, cap, *count, sizeof **list);
    if (rc)
        return rc;
    (*list)[(*count)++] = *e;
    return 0;
}

int dwarf_name_found(struct dwarf_name_index *idx, const struct dwarf_name_entry *e)
{
    return append(idx->dw, &idx->found, &idx->nfound, &idx->found_cap, e);
}

int dwarf_name_add_entry(struct dwarf_name_index *idx, const struct dwarf_name_entry *e)
{
    return append(idx->dw, &idx->entries, &idx->count, &idx->cap, e);
}

static int cmp_entry(const void *pa, const void *pb)
{
    const struct dwarf_name_entry *a = pa, *b = pb;
    int c = dwarf_strcmp(a->name, b->name);
    if (c)
        return c;
    return a->die_offset < b->die_offset ? -1 : a->die_offset > b->die_offset;
}

/* ---- units ------------------------------------------------------------- */

/* Position of (section, offset) in the sorted units, in *at; the unit or NULL. */
static struct dwarf_name_unit *find_unit(const struct dwarf_name_index *idx, unsigned section,
                                         uint64_t offset, size_t *at)
{
    size_t lo = 0, hi = idx->nunits;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const struct dwarf_name_unit *u = &idx->units[mid];
        if (u->section == section && u->offset == offset) {
            *at = mid;
            return &idx->units[mid];
        }
        if (u->section < section || (u->section == section && u->offset < offset))
            lo = mid + 1;
        else
            hi = mid;
    }
    *at = lo;
    return NULL;
}

/* Adds a unit read at (section, offset); its position in *at. */
static int add_unit(struct dwarf_name_index *idx, const struct dwarf_unit *u, size_t *at)
{
    int rc;

    if (find_unit(idx, u->section, u->offset, at))
        return 0;
    if ((rc = dwarf_grow(idx->dw, (void **)&idx->units, &idx->units_cap, idx->nunits,
                         sizeof *idx->units)))
        return rc;
    for (size_t i = idx->nunits; i > *at; i--)
        idx->units[i] = idx->units[i - 1];
    idx->units[*at] = (struct dwarf_name_unit){.unit = *u,
                                               .offset = u->offset,
                                               .end = u->end,
                                               .section = (uint8_t)u->section,
                                               .type_unit = u->unit_type == DW_UT_type ||
                                                            u->unit_type == DW_UT_split_type};
    idx->nunits++;
    return 0;
}

/*
 * The unit after the one at *at in section order (*at == nunits: the
 * first), read from its header when no lookup has met it yet: 1 with *at
 * on it, 0 at the end of both sections, or an error.
 */
static int next_unit(struct dwarf_name_index *idx, size_t *at)
{
    static const enum dwarf_section_id sections[2] = {DWARF_SEC_INFO, DWARF_SEC_TYPES};
    unsigned s = 0;
    uint64_t off = 0;
    int rc;

    if (*at < idx->nunits) {
        s = idx->units[*at].section == DWARF_SEC_TYPES;
        off = idx->units[*at].end;
    }
    for (; s < 2; s++, off = 0) {
        struct dwarf_unit u;
        size_t pos;
        if (find_unit(idx, sections[s], off, &pos)) {
            *at = pos;
            return 1;
        }
        if (idx->dw->sec[sections[s]].size == 0 || off >= idx->dw->sec[sections[s]].size)
            continue;
        if ((rc = dwarf_unit_at(idx->dw, sections[s], off, &u)) < 0)
            return rc;
        if (rc > 0)
            return (rc = add_unit(idx, &u, at)) < 0 ? rc : 1;
    }
    return 0;
}

/* ---- the filter ------------------------------------------------------- */

static uint32_t mix(uint32_t h)
{
    h ^= h >> 16;
    h *= 0x7feb352du;
    h ^= h >> 15;
    h *= 0x846ca68bu;
    return h ^ (h >> 16);
}

static bool filter_has(const struct dwarf_name_unit *u, uint32_t h)
{
    uint32_t step = mix(h) | 1, mask = u->filter_bits - 1;
    for (uint32_t k = 0, b = h; k < FILTER_PROBES; k++, b += step) {
        if (!(u->filter[(b & mask) / 32] & (1u << (b & 31))))
            return false;
    }
    return true;
}

static void filter_add(struct dwarf_name_unit *u, uint32_t h)
{
    uint32_t step = mix(h) | 1, mask = u->filter_bits - 1;
    for (uint32_t k = 0, b = h; k < FILTER_PROBES; k++, b += step)
        u->filter[(b & mask) / 32] |= 1u << (b & 31);
}

/* ---- scanning one unit -------------------------------------------------- */

struct scan_ctx {
    struct dwarf_name_index *idx;
    const char *name; /* what the lookup asks for */
    uint32_t hash;
    unsigned kinds;
    bool match;
    /* The first pass: the hashes of every name, for the filter. */
    uint32_t *hashes;
    size_t nhashes, hashes_cap;
    /* The second (a unit that holds the name): every entry. */
    struct dwarf_name_entry *list;
    size_t count, cap;
};

static bool matches(const struct dwarf_name_entry *e, const char *name, unsigned kinds)
{
    return (dwarf_name_tag_kind(e->tag) & kinds) && dwarf_strcmp(e->name, name) == 0;
}

static int hash_entry(void *p, const struct dwarf_name_entry *e)
{
    struct scan_ctx *s = p;
    uint32_t h = dwarf_djb_hash(e->name);
    int rc =
        dwarf_grow(s->idx->dw, (void **)&s->hashes, &s->hashes_cap, s->nhashes, sizeof *s->hashes);
    if (rc)
        return rc;
    s->hashes[s->nhashes++] = h;
    if (h == s->hash && !s->match)
        s->match = matches(e, s->name, s->kinds);
    return 0;
}

static int collect(void *p, const struct dwarf_name_entry *e)
{
    struct scan_ctx *s = p;
    return append(s->idx->dw, &s->list, &s->count, &s->cap, e);
}

static int build_filter(const struct dwarf *dw, struct dwarf_name_unit *nu, const uint32_t *hashes,
                        size_t n)
{
    uint32_t bits = 64;
    while (bits < n * FILTER_BITS_PER_NAME && bits < (1u << 31))
        bits *= 2;
    if ((nu->filter = dw->alloc.alloc(dw->alloc.ctx, bits / 8)) == NULL)
        return DWARF_E_NOMEM;
    nu->filter_bits = bits;
    for (uint32_t i = 0; i < bits / 32; i++)
        nu->filter[i] = 0;
    for (size_t i = 0; i < n; i++)
        filter_add(nu, hashes[i]);
    nu->scanned = true;
    return 0;
}

/*
 * Scans a unit: the first time, for its filter; when it holds what is
 * asked, once more for its entries, which are then kept.
 */
static int scan(struct dwarf_name_index *idx, struct dwarf_name_unit *nu, const char *name,
                uint32_t hash, unsigned kinds)
{
    const struct dwarf *dw = idx->dw;
    struct scan_ctx s = {.idx = idx, .name = name, .hash = hash, .kinds = kinds};
    int rc = 0;

    if (!nu->scanned || filter_has(nu, hash)) {
        if ((rc = dwarf_scan_unit(idx, &nu->unit, hash_entry, &s)) < 0)
            goto out;
        if (!nu->scanned && (rc = build_filter(dw, nu, s.hashes, s.nhashes)) < 0)
            goto out;
    }
    if (!s.match)
        goto out;
    if ((rc = dwarf_scan_unit(idx, &nu->unit, collect, &s)) < 0)
        goto out;
    if ((nu->entries = dw->alloc.alloc(dw->alloc.ctx, s.count * sizeof *nu->entries)) == NULL) {
        rc = DWARF_E_NOMEM;
        goto out;
    }
    __builtin_memcpy(nu->entries, s.list, s.count * sizeof *s.list);
    dwarf_sort(nu->entries, s.count, sizeof *nu->entries, cmp_entry);
    nu->count = s.count;
    nu->kept = true;
    idx->units_kept++;
out:
    dwarf_release(dw, s.hashes, s.hashes_cap, sizeof *s.hashes);
    dwarf_release(dw, s.list, s.cap, sizeof *s.list);
    return rc < 0 ? rc : 0;
}

/* Appends the unit's entries named name of the kinds (scanning it if it may hold one). */
static int search_unit(struct dwarf_name_index *idx, size_t at, const char *name, uint32_t hash,
                       unsigned kinds)
{
    struct dwarf_name_unit *nu = &idx->units[at];
    size_t lo = 0, hi;
    int rc;

    /* A type unit holds types only (DWARF5 3.1.4). */
    if (nu->type_unit && !(kinds & DWARF_NAME_TYPE))
        return 0;
    if (!nu->kept) {
        if ((rc = scan(idx, nu, name, hash, kinds)) < 0)
            return rc;
        if (!nu->kept)
            return 0;
    }
    for (hi = nu->count; lo < hi;) {
        size_t mid = lo + (hi - lo) / 2;
        if (dwarf_strcmp(nu->entries[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < nu->count && dwarf_strcmp(nu->entries[lo].name, name) == 0; lo++) {
        if ((dwarf_name_tag_kind(nu->entries[lo].tag) & kinds) &&
            (rc = dwarf_name_found(idx, &nu->entries[lo])) < 0)
            return rc;
    }
    return 0;
}

static bool has_definition(const struct dwarf_name_index *idx)
{
    for (size_t i = 0; i < idx->nfound; i++) {
        if (!idx->found[i].declaration)
            return true;
    }
    return false;
}

/* ---- .gdb_index: only the units it names ------------------------------- */

/* Units one lookup remembers having searched (a CU vector rarely names more). */
#define GDB_SEARCHED 64

struct gdb_ctx {
    struct dwarf_name_index *idx;
    const char *name;
    uint32_t hash;
    unsigned kinds, flags;
    size_t searched;
    uint64_t units[GDB_SEARCHED]; /* section << 62 | offset */
};

static int gdb_unit(void *p, enum dwarf_section_id section, uint64_t offset, unsigned kinds)
{
    struct gdb_ctx *g = p;
    struct dwarf_name_index *idx = g->idx;
    size_t at;
    int rc;

    if (!(kinds & g->kinds) || ((g->flags & DWARF_NAME_FIRST) && has_definition(idx)))
        return 0;
    /* A unit named twice (under two spellings, or by a hostile index) is searched once. */
    for (size_t i = 0; i < g->searched && i < GDB_SEARCHED; i++) {
        if (g->units[i] == ((uint64_t)section << 62 | offset))
            return 0;
    }
    if (g->searched < GDB_SEARCHED)
        g->units[g->searched] = (uint64_t)section << 62 | offset;
    g->searched++;
    if (find_unit(idx, section, offset, &at) == NULL) {
        struct dwarf_unit u;
        if ((rc = dwarf_unit_at(idx->dw, section, offset, &u)) <= 0)
            return rc < 0 ? rc : DWARF_E_OFFSET;
        if ((rc = add_unit(idx, &u, &at)) < 0)
            return rc;
    }
    return search_unit(idx, at, g->name, g->hash, g->kinds);
}

/* ---- the index --------------------------------------------------------- */

int dwarf_name_index_init(const struct dwarf *dw, struct dwarf_name_index *idx)
{
    int rc = 0;

    *idx = (struct dwarf_name_index){.dw = dw, .source = DWARF_NAMES_WALK};
    if (dw->alloc.alloc == NULL)
        return DWARF_E_ARG;
    if (dw->sec[DWARF_SEC_NAMES].data) {
        idx->source = DWARF_NAMES_DEBUG_NAMES;
        rc = dwarf_debug_names_check(dw);
    } else if (dw->sec[DWARF_SEC_GDB_INDEX].data) {
        idx->source = DWARF_NAMES_GDB_INDEX;
        rc = dwarf_gdb_index_open(dw, &idx->gdb);
    }
    return rc;
}

static int lookup_built(struct dwarf_name_index *idx, const char *name, unsigned kinds)
{
    size_t first, n = dwarf_name_index_find(idx, name, &first);
    int rc;
    for (size_t i = first; i < first + n; i++) {
        if ((dwarf_name_tag_kind(idx->entries[i].tag) & kinds) &&
            (rc = dwarf_name_found(idx, &idx->entries[i])) < 0)
            return rc;
    }
    return 0;
}

int dwarf_name_lookup(struct dwarf_name_index *idx, const char *name, unsigned kinds,
                      unsigned flags, const struct dwarf_name_entry **found)
{
    uint32_t hash = dwarf_djb_hash(name);
    size_t at;
    int rc = 0;

    idx->nfound = 0;
    *found = NULL;
    if (idx->entries) {
        rc = lookup_built(idx, name, kinds);
    } else if (idx->source == DWARF_NAMES_DEBUG_NAMES) {
        rc = dwarf_debug_names_lookup(idx, name, kinds);
    } else if (idx->source == DWARF_NAMES_GDB_INDEX) {
        struct gdb_ctx g = {.idx = idx, .name = name, .hash = hash, .kinds = kinds, .flags = flags};
        const char *gdb_name = dwarf_base_type_gdb_name(name);
        rc = dwarf_gdb_index_units(idx->dw, &idx->gdb, name, gdb_unit, &g);
        /* gdb records "long unsigned int" as "unsigned long": look that up too. */
        if (rc >= 0 && (kinds & DWARF_NAME_BASE_TYPE) && gdb_name != name)
            rc = dwarf_gdb_index_units(idx->dw, &idx->gdb, gdb_name, gdb_unit, &g);
        /*
         * gdb 13 numbers type units in its CU vectors as if no compile unit
         * came first, so a type the named units lack is looked for in the
         * type units of the TU list, in order.
         */
        for (uint64_t i = 0;
             rc >= 0 && (kinds & DWARF_NAME_TYPE) && !has_definition(idx) && i < idx->gdb.tu_count;
             i++) {
            enum dwarf_section_id section;
            uint64_t offset;
            if ((rc = dwarf_gdb_index_type_unit(idx->dw, &idx->gdb, i, &section, &offset)) == 0)
                rc = gdb_unit(&g, section, offset, DWARF_NAME_TYPE);
        }
    } else {
        for (at = idx->nunits; (rc = next_unit(idx, &at)) > 0;) {
            if ((rc = search_unit(idx, at, name, hash, kinds)) < 0)
                break;
            if ((flags & DWARF_NAME_FIRST) && has_definition(idx))
                break;
        }
    }
    if (rc < 0)
        return rc;
    *found = idx->found;
    return (int)idx->nfound;
}

/* ---- every name at once ------------------------------------------------ */

static int add_entry(void *p, const struct dwarf_name_entry *e)
{
    return dwarf_name_add_entry(p, e);
}

static int walk_all(struct dwarf_name_index *idx)
{
    size_t at;
    int rc;

    for (at = idx->nunits; (rc = next_unit(idx, &at)) > 0;) {
        if ((rc = dwarf_scan_unit(idx, &idx->units[at].unit, add_entry, idx)) < 0)
            return rc;
    }
    return rc;
}

int dwarf_name_index_build(const struct dwarf *dw, struct dwarf_name_index *idx)
{
    int rc = dwarf_name_index_init(dw, idx);

    /* A listing reads every unit: .gdb_index would only add lookups to the walk. */
    if (rc == 0)
        rc = idx->source == DWARF_NAMES_DEBUG_NAMES ? dwarf_debug_names_all(idx) : walk_all(idx);
    if (rc < 0) {
        dwarf_name_index_free(idx);
        return rc;
    }
    dwarf_sort(idx->entries, idx->count, sizeof *idx->entries, cmp_entry);
    return 0;
}

size_t dwarf_name_index_find(const struct dwarf_name_index *idx, const char *name, size_t *first)
{
    size_t lo = 0, hi = idx->count, end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (dwarf_strcmp(idx->entries[mid].name, name) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (end = lo; end < idx->count && dwarf_strcmp(idx->entries[end].name, name) == 0; end++)
        ;
    *first = lo;
    return end - lo;
}

void dwarf_name_index_free(struct dwarf_name_index *idx)
{
    const struct dwarf *dw = idx->dw;

    if (dw == NULL)
        return;
    for (size_t i = 0; i < idx->nunits; i++) {
        struct dwarf_name_unit *u = &idx->units[i];
        if (u->filter)
            dw->alloc.free(dw->alloc.ctx, u->filter, u->filter_bits / 8);
        if (u->entries)
            dw->alloc.free(dw->alloc.ctx, u->entries, u->count * sizeof *u->entries);
    }
    dwarf_release(dw, idx->units, idx->units_cap, sizeof *idx->units);
    dwarf_release(dw, idx->found, idx->found_cap, sizeof *idx->found);
    dwarf_release(dw, idx->entries, idx->cap, sizeof *idx->entries);
    dwarf_scan_free(idx);
    *idx = (struct dwarf_name_index){.dw = dw};
}
