/*
 * sup.c: a file's DWARF joined with its supplementary file's, as dwz
 * writes them (`dwz -m`: the .gnu_debugaltlink section; `dwz -5 -m`: the
 * standard form, DWARF5 7.3.6 and the .debug_sup section).
 *
 * dwz moves what several files share into one supplementary file and
 * names it from each with DW_FORM_GNU_ref_alt or DW_FORM_ref_sup4/8 (a
 * .debug_info offset there) and DW_FORM_GNU_strp_alt or DW_FORM_strp_sup
 * (a .debug_str offset there). Rather than
 * teach every reader of offsets about a second file, the join makes one:
 * .debug_info, .debug_abbrev, .debug_str and .debug_line become the file's
 * bytes followed by the supplementary's, so the file's own offsets stay
 * what they are (and .debug_aranges, .debug_names, .gdb_index with them);
 * the file's alt forms become ref_addr and strp, their values moved by the
 * length of the file's section; and the supplementary's section offsets
 * (unit headers' abbreviation offsets, strp, ref_addr, DW_AT_stmt_list)
 * move by the length of the file's sections before them. Its units then
 * are partial units of the joined .debug_info like the ones single-file
 * dwz leaves, which readers follow through DW_FORM_ref_addr already.
 *
 * The form codes change in place, without moving a byte: the two-byte
 * LEB128 of 0x1f20 or 0x1f21 becomes a two-byte (non-minimal, still
 * valid: DWARF5 7.6) LEB128 of DW_FORM_ref_addr or DW_FORM_strp, both of
 * the same size as the alt forms in every unit version 3 and later; the
 * one-byte ref_sup4, ref_sup8 and strp_sup become ref_addr and strp,
 * which a unit whose offset size differs from ref_sup's refuses.
 *
 * The supplementary's units may only use forms whose values this file
 * knows how to move; anything else (string or address indexes, other
 * section offsets, nested supplementary references) refuses the join.
 */
#include "dwarf_int.h"

/* The sections the join rebuilds, in the order their offsets shift. */
static const enum dwarf_section_id joined[] = {DWARF_SEC_INFO, DWARF_SEC_ABBREV, DWARF_SEC_STR,
                                               DWARF_SEC_LINE};
#define NJOINED (sizeof(joined) / sizeof(joined[0]))

void dwarf_put_le(uint8_t *p, unsigned size, uint64_t v)
{
    for (unsigned i = 0; i < size; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static uint64_t get_le(const uint8_t *p, unsigned size)
{
    uint64_t v = 0;
    for (unsigned i = 0; i < size; i++)
        v |= (uint64_t)p[i] << (8 * i);
    return v;
}

bool dwarf_move_le(uint8_t *p, unsigned size, uint64_t delta)
{
    uint64_t v = get_le(p, size) + delta;
    if (size < 8 && v >> (8 * size))
        return false;
    dwarf_put_le(p, size, v);
    return true;
}

/*
 * Rewrites, in an abbreviation section's copy, the alt forms into ref_addr
 * and strp; with sup set (the supplementary's own tables), refuses any form
 * whose value the join cannot move instead.
 */
static int patch_abbrevs(uint8_t *bytes, uint64_t size, bool sup)
{
    struct dwarf_section sec = {bytes, size};
    struct dwarf_cursor c;
    uint64_t code, v, form;
    uint8_t children;
    int64_t implicit;
    int rc;
    if ((rc = dwarf_cursor_init(&c, &sec, 0, size)))
        return rc;
    while (c.pos < size) {
        if ((rc = dwarf_read_uleb(&c, &code)))
            return rc;
        if (code == 0)
            continue; /* the end of one table */
        if ((rc = dwarf_read_uleb(&c, &v)) || (rc = dwarf_read_u8(&c, &children)))
            return rc;
        for (;;) {
            if ((rc = dwarf_read_uleb(&c, &v)))
                return rc;
            uint64_t at = c.pos;
            if ((rc = dwarf_read_uleb(&c, &form)))
                return rc;
            if (v == 0 && form == 0)
                break;
            if (form == DW_FORM_implicit_const && (rc = dwarf_read_sleb(&c, &implicit)))
                return rc;
            if (form == DW_FORM_GNU_ref_alt || form == DW_FORM_GNU_strp_alt ||
                form == DW_FORM_ref_sup4 || form == DW_FORM_ref_sup8 || form == DW_FORM_strp_sup) {
                if (sup)
                    return DWARF_E_FORM;
                uint64_t to = form == DW_FORM_GNU_strp_alt || form == DW_FORM_strp_sup
                                  ? DW_FORM_strp
                                  : DW_FORM_ref_addr;
                /* The same number of bytes: every one but the last with its high bit. */
                for (uint64_t i = at; i < c.pos; i++, to >>= 7)
                    bytes[i] = (uint8_t)((to & 0x7f) | (i + 1 < c.pos ? 0x80 : 0));
            }
        }
    }
    return 0;
}

/* May a supplementary unit's attribute have this form (its value moved or left as it is)? */
static bool sup_form_ok(uint64_t name, uint64_t form)
{
    switch (form) {
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4:
    case DW_FORM_addrx:
    case DW_FORM_addrx1:
    case DW_FORM_addrx2:
    case DW_FORM_addrx3:
    case DW_FORM_addrx4:
    case DW_FORM_GNU_str_index:
    case DW_FORM_GNU_addr_index:
    case DW_FORM_loclistx:
    case DW_FORM_rnglistx:
    case DW_FORM_line_strp:
    case DW_FORM_ref_sup4:
    case DW_FORM_ref_sup8:
    case DW_FORM_strp_sup:
    case DW_FORM_GNU_ref_alt:
    case DW_FORM_GNU_strp_alt:
    case DW_FORM_indirect:
        return false;
    case DW_FORM_sec_offset:
        return name == DW_AT_stmt_list;
    default:
        return true;
    }
}

/* How far an attribute's value moves, or false when it must not be there. */
static bool value_shift(const struct dwarf_attr *a, bool sup, const uint64_t delta[NJOINED],
                        uint64_t *shift)
{
    *shift = 0;
    if (!sup) {
        bool ref = a->form == DW_FORM_GNU_ref_alt || a->form == DW_FORM_ref_sup4 ||
                   a->form == DW_FORM_ref_sup8;
        bool str = a->form == DW_FORM_GNU_strp_alt || a->form == DW_FORM_strp_sup;
        if ((ref || str) && a->indirect)
            return false; /* the form is in the DIE, not in the abbreviation */
        /* ref_addr, which ref_sup becomes, has the unit's offset size (DWARF5 7.5.4). */
        if ((a->form == DW_FORM_ref_sup4 && a->unit->offset_size != 4) ||
            (a->form == DW_FORM_ref_sup8 && a->unit->offset_size != 8))
            return false;
        *shift = ref ? delta[0] : str ? delta[2] : 0;
        return true;
    }
    if (!sup_form_ok(a->name, a->form))
        return false;
    if (a->form == DW_FORM_ref_addr)
        *shift = delta[0];
    else if (a->form == DW_FORM_strp)
        *shift = delta[2];
    else if (a->name == DW_AT_stmt_list)
        *shift = delta[3];
    return true;
}

/*
 * Moves the values of every DIE of the units in dw's .debug_info (the
 * original bytes), writing into info (the join's copy, at base + offset).
 */
static int patch_units(const struct dwarf *dw, uint8_t *info, uint64_t base, bool sup,
                       const uint64_t delta[NJOINED])
{
    struct dwarf_unit u;
    int rc;
    for (uint64_t off = 0; (rc = dwarf_unit_at(dw, DWARF_SEC_INFO, off, &u)) == 1; off = u.end) {
        if (sup) {
            /* The header's abbreviation offset: after the length, the version (and
             * in DWARF 5 the unit type and address size; DWARF5 7.5.1.1). */
            uint64_t at = u.offset + (u.offset_size == 8 ? 12 : 4) + 2 + (u.version >= 5 ? 2 : 0);
            if (!dwarf_move_le(info + base + at, u.offset_size, delta[1]))
                return DWARF_E_OFFSET;
        }
        uint64_t pos = u.first_die;
        while (pos < u.end) {
            struct dwarf_die d;
            struct dwarf_attr_iter it;
            struct dwarf_attr a;
            if ((rc = dwarf_die_at(&u, pos, &d)) < 0)
                return rc;
            dwarf_attr_iter_init(&d, &it);
            while ((rc = dwarf_attr_next(&it, &a)) > 0) {
                uint64_t shift;
                if (!value_shift(&a, sup, delta, &shift))
                    return DWARF_E_FORM;
                int size = dwarf_form_fixed_size(
                    a.form, &(struct dwarf_form_ctx){.version = u.version,
                                                     .offset_size = u.offset_size,
                                                     .addr_size = u.addr_size});
                if (shift && (size < 1 || size > 8 ||
                              !dwarf_move_le(info + base + a.offset, (unsigned)size, shift)))
                    return DWARF_E_OFFSET;
            }
            if (rc < 0)
                return rc;
            pos = it.value;
        }
        /* Alt forms need DWARF 3's offset-sized ref_addr to be rewritten into it. */
        if (!sup && u.version < 3)
            return DWARF_E_VERSION;
    }
    return rc;
}

void dwarf_join_free(const struct dwarf_allocator *alloc, struct dwarf_section out[DWARF_SEC_COUNT])
{
    for (unsigned i = 0; i < NJOINED; i++) {
        struct dwarf_section *s = &out[joined[i]];
        if (s->data && s->size)
            alloc->free(alloc->ctx, (void *)s->data, s->size);
        s->data = 0;
        s->size = 0;
    }
}

int dwarf_join_sup(const struct dwarf_section file[DWARF_SEC_COUNT],
                   const struct dwarf_section sup[DWARF_SEC_COUNT],
                   const struct dwarf_allocator *alloc, struct dwarf_section out[DWARF_SEC_COUNT])
{
    uint64_t delta[NJOINED];
    struct dwarf dwf, dws;
    int rc;
    if (!alloc || !file[DWARF_SEC_INFO].data || !sup[DWARF_SEC_INFO].data)
        return DWARF_E_ARG;
    for (unsigned s = 0; s < DWARF_SEC_COUNT; s++)
        out[s] = file[s];
    for (unsigned i = 0; i < NJOINED; i++)
        out[joined[i]] = (struct dwarf_section){0, 0}; /* what dwarf_join_free frees */
    for (unsigned i = 0; i < NJOINED; i++) {
        const struct dwarf_section *a = &file[joined[i]], *b = &sup[joined[i]];
        uint64_t n = a->size + b->size;
        delta[i] = a->size;
        if (n < a->size || (size_t)n != n) {
            dwarf_join_free(alloc, out);
            return DWARF_E_OFFSET;
        }
        if (n == 0)
            continue;
        uint8_t *p = alloc->alloc(alloc->ctx, (size_t)n);
        if (!p) {
            dwarf_join_free(alloc, out);
            return DWARF_E_NOMEM;
        }
        for (uint64_t k = 0; k < a->size; k++)
            p[k] = a->data[k];
        for (uint64_t k = 0; k < b->size; k++)
            p[a->size + k] = b->data[k];
        out[joined[i]] = (struct dwarf_section){p, n};
    }
    uint8_t *info = (uint8_t *)out[DWARF_SEC_INFO].data;
    uint8_t *abbrev = (uint8_t *)out[DWARF_SEC_ABBREV].data;
    /* Read the originals (their forms unchanged) and write the copies. */
    if ((rc = dwarf_init(&dwf, file, 0)) || (rc = dwarf_init(&dws, sup, 0)) ||
        (rc = patch_units(&dwf, info, 0, false, delta)) < 0 ||
        (rc = patch_units(&dws, info, delta[0], true, delta)) < 0 ||
        (rc = patch_abbrevs(abbrev, delta[1], false)) < 0 ||
        (rc = patch_abbrevs(abbrev + delta[1], out[DWARF_SEC_ABBREV].size - delta[1], true)) < 0) {
        dwarf_join_free(alloc, out);
        return rc;
    }
    return 0;
}
