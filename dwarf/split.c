/*
 * split.c: a file's DWARF joined with its split units' .dwo files (gcc
 * -gsplit-dwarf: DWARF5 3.1.2-3.1.3, 7.3.2; DWARF 4's GNU extension).
 *
 * The file keeps a childless skeleton unit per compilation unit; each one's
 * DIEs are in a .dwo file, in .debug_info.dwo with its own abbreviations,
 * strings (strx forms through .debug_str_offsets.dwo), lists, and line
 * header, while the addresses stay in the file's .debug_addr. As sup.c does
 * for dwz's supplementary file, the join makes one set of sections out of
 * them rather than teach every reader of offsets about other files: each
 * joined section is the file's bytes followed by every .dwo's, so the
 * file's offsets (and .debug_aranges' with them) stay what they are, and
 * each split unit becomes an ordinary unit of the joined .debug_info.
 *
 * What a split unit inherits from its skeleton (DWARF5 3.1.3: the bases,
 * DW_AT_stmt_list) is given to it as DW_FORM_implicit_const attributes
 * added to a rewritten copy of its unit DIE's abbreviation, in a copy of
 * its abbreviation table appended to .debug_abbrev; its header's
 * abbreviation offset names the copy. No DIE byte moves: the values that
 * are offsets into a joined section (strp, ref_addr, sec_offset) move by
 * the length of what precedes the .dwo's part, each .debug_str_offsets.dwo
 * entry moves by the length of the .debug_str before it, and a DWARF 4
 * DW_AT_ranges moves by the skeleton's DW_AT_GNU_ranges_base (it is an
 * offset into the file's .debug_ranges relative to that base).
 *
 * The bases given: DW_AT_str_offsets_base (past the .dwo table's header in
 * DWARF 5), DW_AT_addr_base (the skeleton's), DW_AT_loclists_base and
 * DW_AT_rnglists_base (past the header of the .dwo's only table), and for
 * the split compile unit the skeleton's DW_AT_stmt_list, which gives its
 * DW_AT_decl_file numbers their file names (as gdb reads them), and its
 * DW_AT_low_pc, the base address of the unit's lists (offset pairs without
 * a base entry): a constant, which dwarf_attr_address takes as the address
 * in a split unit only. Without DW_AT_high_pc, that gives the unit DIE no
 * range: the unit's addresses are its skeleton's, and the address index
 * goes from the skeleton to its split unit by dwo_id (dwarf_split_unit).
 */
#include "dwarf_int.h"

/* The sections the join rebuilds; the file's part first, then each .dwo's in turn. */
static const enum dwarf_section_id rebuilt[] = {
    DWARF_SEC_INFO, DWARF_SEC_ABBREV, DWARF_SEC_STR,      DWARF_SEC_STR_OFFSETS,
    DWARF_SEC_LINE, DWARF_SEC_LOC,    DWARF_SEC_LOCLISTS, DWARF_SEC_RNGLISTS};
enum { J_INFO, J_ABBREV, J_STR, J_STROFF, J_LINE, J_LOC, J_LOCLISTS, J_RNGLISTS, NJOINED };

/* Attributes a unit DIE's abbreviation gains: at most these many. */
#define MAX_ADDED 7

/* One .dwo in the join: where its parts start and what its skeleton gives it. */
struct part {
    struct dwarf dw;      /* the .dwo's own sections */
    uint64_t at[NJOINED]; /* offset of its part of each joined section */
    uint64_t dwo_id;      /* the skeleton's */
    uint64_t addr_base;   /* the skeleton's DW_AT_addr_base */
    uint64_t stmt_list;   /* the skeleton's DW_AT_stmt_list */
    uint64_t ranges_base; /* the skeleton's DW_AT_GNU_ranges_base (DWARF 4) */
    uint64_t low_pc;      /* the skeleton's base address */
    bool has_addr_base, has_stmt_list, has_low_pc;
};

struct added {
    uint64_t name;
    int64_t value;
};

/* Writes a LEB128 at p (when not NULL); its length. */
static unsigned put_leb(uint8_t *p, uint64_t v, bool is_signed)
{
    unsigned n = 0;
    for (;;) {
        uint8_t b = v & 0x7f;
        bool more;
        if (is_signed) {
            int64_t s = (int64_t)v >> 7;
            more = !((s == 0 && !(b & 0x40)) || (s == -1 && (b & 0x40)));
            v = (uint64_t)s;
        } else {
            v >>= 7;
            more = v != 0;
        }
        if (p)
            p[n] = (uint8_t)(b | (more ? 0x80 : 0));
        n++;
        if (!more)
            return n;
    }
}

/* The header size before the base of a .dwo's first list table (DWARF5 7.28/7.29). */
static uint64_t list_header(const struct dwarf_section *s)
{
    struct dwarf_cursor c;
    uint64_t length;
    uint8_t offset_size = 4;
    if (dwarf_cursor_init(&c, s, 0, s->size) == 0)
        dwarf_read_initial_length(&c, &length, &offset_size);
    return offset_size == 8 ? 20 : 12;
}

/* What the unit DIE of u (a unit of part p) inherits, into add[]; their number. */
static unsigned additions(const struct part *p, const struct dwarf_unit *u, struct added *add)
{
    const struct dwarf *dw = &p->dw;
    unsigned n = 0;
    if (dw->sec[DWARF_SEC_STR_OFFSETS].size) {
        /* DWARF5 7.26: past the table's header; GNU's DWARF 4 table has none. */
        uint64_t header = u->version >= 5 ? (u->offset_size == 8 ? 16 : 8) : 0;
        add[n++] = (struct added){DW_AT_str_offsets_base, (int64_t)(p->at[J_STROFF] + header)};
    }
    if (p->has_addr_base)
        add[n++] = (struct added){u->version >= 5 ? DW_AT_addr_base : DW_AT_GNU_addr_base,
                                  (int64_t)p->addr_base};
    if (u->version >= 5 && dw->sec[DWARF_SEC_LOCLISTS].size)
        add[n++] = (struct added){
            DW_AT_loclists_base,
            (int64_t)(p->at[J_LOCLISTS] + list_header(&dw->sec[DWARF_SEC_LOCLISTS]))};
    if (u->version >= 5 && dw->sec[DWARF_SEC_RNGLISTS].size)
        add[n++] = (struct added){
            DW_AT_rnglists_base,
            (int64_t)(p->at[J_RNGLISTS] + list_header(&dw->sec[DWARF_SEC_RNGLISTS]))};
    if (u->unit_type == DW_UT_split_compile && p->has_stmt_list)
        add[n++] = (struct added){DW_AT_stmt_list, (int64_t)p->stmt_list};
    if (u->unit_type == DW_UT_split_compile && p->has_low_pc)
        add[n++] = (struct added){DW_AT_low_pc, (int64_t)p->low_pc};
    return n;
}

/*
 * Copies the abbreviation table of unit u into out (when not NULL), the
 * unit DIE's abbreviation given the attributes of add[] it does not have
 * already; the copy's size in *size.
 */
static int copy_table(const struct dwarf_unit *u, const struct added *add, unsigned nadd,
                      uint8_t *out, uint64_t *size)
{
    const struct dwarf_section *sec = &u->dw->sec[DWARF_SEC_ABBREV];
    struct dwarf_die top;
    struct dwarf_abbrev ab;
    uint64_t off = u->abbrev_offset, next, n = 0;
    int rc;
    if ((rc = dwarf_unit_die(u, &top)) <= 0)
        return rc < 0 ? rc : DWARF_E_UNIT;
    while ((rc = dwarf_abbrev_at(u->dw, off, &ab, &next)) > 0) {
        if (ab.code != top.abbrev_code) {
            if (out)
                __builtin_memcpy(out + n, sec->data + off, next - off);
            n += next - off;
            off = next;
            continue;
        }
        /* The entry without its (0, 0) end, which is two bytes (the entry was read to it). */
        uint64_t body = next - 2 - off;
        bool have[MAX_ADDED] = {false};
        struct dwarf_cursor c;
        uint64_t name, form;
        int64_t implicit;
        if ((rc = dwarf_cursor_init(&c, sec, ab.specs, next)))
            return rc;
        while ((rc = dwarf_abbrev_spec(&c, &name, &form, &implicit)) > 0) {
            for (unsigned i = 0; i < nadd; i++)
                have[i] |= add[i].name == name;
        }
        if (rc < 0)
            return rc;
        if (sec->data[next - 1] != 0 || sec->data[next - 2] != 0)
            return DWARF_E_ABBREV; /* a non-minimal LEB128 end: cannot be cut */
        if (out)
            __builtin_memcpy(out + n, sec->data + off, body);
        n += body;
        for (unsigned i = 0; i < nadd; i++) {
            if (have[i])
                continue;
            n += put_leb(out ? out + n : 0, add[i].name, false);
            n += put_leb(out ? out + n : 0, DW_FORM_implicit_const, false);
            n += put_leb(out ? out + n : 0, (uint64_t)add[i].value, true);
        }
        if (out)
            out[n] = out[n + 1] = 0;
        n += 2;
        off = next;
    }
    if (rc < 0)
        return rc;
    if (out)
        out[n] = 0; /* the table's end */
    *size = n + 1;
    return 0;
}

/* The joined section a sec_offset value of attribute name points into; NJOINED: none moves. */
static unsigned offset_section(uint64_t name, uint16_t version)
{
    switch (name) {
    case DW_AT_stmt_list:
        return J_LINE;
    case DW_AT_str_offsets_base:
        return J_STROFF;
    case DW_AT_ranges:
    case DW_AT_start_scope:
    case DW_AT_rnglists_base:
        return version >= 5 ? J_RNGLISTS : NJOINED;
    case DW_AT_loclists_base:
        return J_LOCLISTS;
    case DW_AT_macros:
    case DW_AT_GNU_macros:
    case DW_AT_macro_info:
        return NJOINED; /* .debug_macro.dwo is not joined: nothing reads it through these */
    default:
        return version >= 5 ? J_LOCLISTS : J_LOC; /* loclistptr: locations, locviews */
    }
}

/* Moves the offsets in the DIEs of unit u of part p, in the joined .debug_info at info. */
static int patch_dies(const struct part *p, const struct dwarf_unit *u, uint8_t *info)
{
    uint64_t pos = u->first_die;
    int rc;
    while (pos < u->end) {
        struct dwarf_die d;
        struct dwarf_attr_iter it;
        struct dwarf_attr a;
        if ((rc = dwarf_die_at(u, pos, &d)) < 0)
            return rc;
        dwarf_attr_iter_init(&d, &it);
        while ((rc = dwarf_attr_next(&it, &a)) > 0) {
            uint64_t shift = 0;
            switch (a.form) {
            case DW_FORM_strp:
                shift = p->at[J_STR];
                break;
            case DW_FORM_ref_addr:
                shift = p->at[J_INFO];
                break;
            case DW_FORM_sec_offset: {
                unsigned j = offset_section(a.name, u->version);
                if (a.name == DW_AT_ranges && u->version < 5)
                    shift = p->ranges_base; /* into the file's .debug_ranges */
                else if (j < NJOINED)
                    shift = p->at[j];
                break;
            }
            case DW_FORM_strp_sup:
            case DW_FORM_ref_sup4:
            case DW_FORM_ref_sup8:
            case DW_FORM_GNU_strp_alt:
            case DW_FORM_GNU_ref_alt:
            case DW_FORM_line_strp:
                return DWARF_E_FORM; /* sections a .dwo does not have */
            }
            if (!shift)
                continue;
            if (a.indirect)
                return DWARF_E_FORM;
            struct dwarf_form_ctx ctx;
            dwarf_unit_form_ctx(u, &ctx);
            int size = dwarf_form_fixed_size(a.form, &ctx);
            if (size < 1 || size > 8 ||
                !dwarf_move_le(info + p->at[J_INFO] + a.offset, (unsigned)size, shift))
                return DWARF_E_OFFSET;
        }
        if (rc < 0)
            return rc;
        pos = it.value;
    }
    return 0;
}

/*
 * Moves each entry of the part's .debug_str_offsets.dwo (at out) by the
 * .debug_str before its strings: DWARF 5 tables with headers (7.26), or
 * GNU's DWARF 4 array of 4-byte offsets.
 */
static int patch_str_offsets(const struct part *p, bool v5, uint8_t *out)
{
    const struct dwarf_section *sec = &p->dw.sec[DWARF_SEC_STR_OFFSETS];
    struct dwarf_cursor c;
    uint64_t len;
    uint8_t osize = 4;
    int rc;
    if ((rc = dwarf_cursor_init(&c, sec, 0, sec->size)))
        return rc;
    while (c.pos < sec->size) {
        uint64_t end = sec->size;
        if (v5) {
            if ((rc = dwarf_read_initial_length(&c, &len, &osize)) || (rc = dwarf_skip(&c, 4)))
                return rc;
            if (len < 4 || len > sec->size - (c.pos - 4))
                return DWARF_E_TRUNCATED;
            end = c.pos - 4 + len;
        }
        if ((end - c.pos) % osize)
            return DWARF_E_TRUNCATED;
        for (; c.pos < end; c.pos += osize) {
            if (!dwarf_move_le(out + c.pos, osize, p->at[J_STR]))
                return DWARF_E_OFFSET;
        }
    }
    return 0;
}

/* Reads what the skeleton at offset gives its split unit. */
static int read_skeleton(const struct dwarf *file, uint64_t offset, struct part *p)
{
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    int rc;
    if ((rc = dwarf_unit_at(file, DWARF_SEC_INFO, offset, &u)) <= 0)
        return rc < 0 ? rc : DWARF_E_OFFSET;
    if (u.unit_type != DW_UT_skeleton)
        return DWARF_E_UNIT;
    if ((rc = dwarf_unit_die(&u, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_UNIT;
    p->dwo_id = u.dwo_id;
    p->addr_base = u.addr_base;
    p->has_addr_base = u.has_addr_base;
    p->low_pc = u.base_address;
    p->has_low_pc = u.has_base_address;
    if ((rc = dwarf_die_attr(&d, DW_AT_stmt_list, &a)) > 0) {
        p->stmt_list = a.value;
        p->has_stmt_list = true;
    }
    if (rc >= 0 && (rc = dwarf_die_attr(&d, DW_AT_GNU_ranges_base, &a)) > 0)
        p->ranges_base = a.value;
    return rc < 0 ? rc : 0;
}

/*
 * Checks the .dwo's units (split units, one of them the skeleton's) and
 * counts the bytes their abbreviation tables' copies take.
 */
static int check_part(const struct part *p, uint64_t *tables)
{
    struct dwarf_unit u;
    struct added add[MAX_ADDED];
    bool found = false;
    int rc;
    *tables = 0;
    for (uint64_t off = 0; (rc = dwarf_unit_at(&p->dw, DWARF_SEC_INFO, off, &u)) > 0; off = u.end) {
        uint64_t size;
        if (u.unit_type != DW_UT_split_compile && u.unit_type != DW_UT_split_type)
            return DWARF_E_UNIT;
        if (u.unit_type == DW_UT_split_compile) {
            if (found || u.dwo_id != p->dwo_id)
                return DWARF_E_NOT_FOUND;
            found = true;
        }
        if ((rc = copy_table(&u, add, additions(p, &u, add), 0, &size)) < 0)
            return rc;
        *tables += size;
    }
    if (rc < 0)
        return rc;
    return found ? 0 : DWARF_E_NOT_FOUND;
}

/* Writes the part's tables at abbrev + *at and moves its units' offsets. */
static int patch_part(const struct part *p, uint8_t *info, uint8_t *abbrev, uint64_t *at,
                      uint8_t *str_offsets)
{
    struct dwarf_unit u;
    struct added add[MAX_ADDED];
    bool v5 = false;
    int rc;
    for (uint64_t off = 0; (rc = dwarf_unit_at(&p->dw, DWARF_SEC_INFO, off, &u)) > 0; off = u.end) {
        uint64_t size;
        /* The header's abbreviation offset: after the length, version, type and address size. */
        uint64_t field =
            p->at[J_INFO] + u.offset + (u.offset_size == 8 ? 12 : 4) + 2 + (u.version >= 5 ? 2 : 0);
        if ((rc = copy_table(&u, add, additions(p, &u, add), abbrev + *at, &size)) < 0)
            return rc;
        dwarf_put_le(info + field, u.offset_size, 0);
        if (!dwarf_move_le(info + field, u.offset_size, *at))
            return DWARF_E_OFFSET;
        *at += size;
        if ((rc = patch_dies(p, &u, info)) < 0)
            return rc;
        v5 = u.version >= 5;
    }
    if (rc < 0)
        return rc;
    if (p->dw.sec[DWARF_SEC_STR_OFFSETS].size)
        return patch_str_offsets(p, v5, str_offsets + p->at[J_STROFF]);
    return 0;
}

void dwarf_split_free(const struct dwarf_allocator *alloc,
                      struct dwarf_section out[DWARF_SEC_COUNT])
{
    for (unsigned i = 0; i < NJOINED; i++) {
        struct dwarf_section *s = &out[rebuilt[i]];
        if (s->data && s->size)
            alloc->free(alloc->ctx, (void *)s->data, s->size);
        s->data = 0;
        s->size = 0;
    }
}

/* Sizes the joined sections (the .dwo parts' offsets into parts[]) and the tables' room. */
static int plan(const struct dwarf_section file[DWARF_SEC_COUNT], struct part *parts, size_t n,
                uint64_t size[NJOINED], uint64_t *tables_at)
{
    uint64_t tables = 0;
    int rc;
    for (unsigned j = 0; j < NJOINED; j++)
        size[j] = file[rebuilt[j]].size;
    for (size_t i = 0; i < n; i++) {
        for (unsigned j = 0; j < NJOINED; j++) {
            uint64_t add = parts[i].dw.sec[rebuilt[j]].size;
            parts[i].at[j] = size[j];
            if (size[j] + add < size[j])
                return DWARF_E_OFFSET;
            size[j] += add;
        }
    }
    for (size_t i = 0; i < n; i++) {
        uint64_t t;
        if ((rc = check_part(&parts[i], &t)) < 0)
            return rc;
        tables += t;
    }
    *tables_at = size[J_ABBREV];
    if (size[J_ABBREV] + tables < tables)
        return DWARF_E_OFFSET;
    size[J_ABBREV] += tables;
    return 0;
}

int dwarf_join_split(const struct dwarf_section file[DWARF_SEC_COUNT],
                     const struct dwarf_split_file *dwo, size_t n,
                     const struct dwarf_allocator *alloc, struct dwarf_section out[DWARF_SEC_COUNT])
{
    uint64_t size[NJOINED], tables_at;
    struct dwarf dwf;
    struct part *parts;
    size_t parts_size = n * sizeof *parts;
    int rc;
    if (!alloc || !file[DWARF_SEC_INFO].data || n == 0 || parts_size / n != sizeof *parts)
        return DWARF_E_ARG;
    for (unsigned s = 0; s < DWARF_SEC_COUNT; s++)
        out[s] = file[s];
    for (unsigned j = 0; j < NJOINED; j++)
        out[rebuilt[j]] = (struct dwarf_section){0, 0}; /* what dwarf_split_free frees */
    if ((parts = alloc->alloc(alloc->ctx, parts_size)) == NULL)
        return DWARF_E_NOMEM;
    rc = dwarf_init(&dwf, file, 0);
    for (size_t i = 0; i < n && rc == 0; i++) {
        parts[i] = (struct part){0};
        if (!dwo[i].sec || !dwo[i].sec[DWARF_SEC_INFO].data || !dwo[i].sec[DWARF_SEC_ABBREV].data)
            rc = DWARF_E_NO_SECTION;
        else if ((rc = dwarf_init(&parts[i].dw, dwo[i].sec, 0)) == 0)
            rc = read_skeleton(&dwf, dwo[i].skeleton, &parts[i]);
    }
    if (rc == 0)
        rc = plan(file, parts, n, size, &tables_at);
    for (unsigned j = 0; j < NJOINED && rc == 0; j++) {
        uint8_t *p;
        if (size[j] == 0)
            continue;
        if ((size_t)size[j] != size[j] || (p = alloc->alloc(alloc->ctx, (size_t)size[j])) == NULL) {
            rc = DWARF_E_NOMEM;
            break;
        }
        const struct dwarf_section *f = &file[rebuilt[j]];
        if (f->size)
            __builtin_memcpy(p, f->data, f->size);
        for (size_t i = 0; i < n; i++) {
            const struct dwarf_section *s = &parts[i].dw.sec[rebuilt[j]];
            if (s->size)
                __builtin_memcpy(p + parts[i].at[j], s->data, s->size);
        }
        out[rebuilt[j]] = (struct dwarf_section){p, size[j]};
    }
    uint64_t at = tables_at;
    for (size_t i = 0; i < n && rc == 0; i++)
        rc = patch_part(&parts[i], (uint8_t *)out[DWARF_SEC_INFO].data,
                        (uint8_t *)out[DWARF_SEC_ABBREV].data, &at,
                        (uint8_t *)out[DWARF_SEC_STR_OFFSETS].data);
    alloc->free(alloc->ctx, parts, parts_size);
    if (rc < 0) {
        dwarf_split_free(alloc, out);
        return rc;
    }
    /*
     * .debug_names and .gdb_index name skeleton units, with DIE offsets into
     * .dwo files (DWARF5 6.1.1.2): the name index scans the joined units instead.
     */
    out[DWARF_SEC_NAMES] = (struct dwarf_section){0, 0};
    out[DWARF_SEC_GDB_INDEX] = (struct dwarf_section){0, 0};
    return 0;
}
