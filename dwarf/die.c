/*
 * Debugging information entries (DWARF5 7.5.2): reading a DIE through its
 * abbreviation, walking its attributes, and moving to children and
 * siblings. A DIE's size is only known by decoding its attribute forms, so
 * skipping a subtree walks it; DW_AT_sibling shortcuts that when present.
 */
#include "dwarf_int.h"

static int find_abbrev(const struct dwarf_unit *unit, uint64_t code, struct dwarf_abbrev *ab)
{
    const struct dwarf_abbrev_index *ix = unit->abbrevs;
    if (ix && code < ix->ncodes) {
        uint64_t next;
        int rc;
        if (ix->entry[code] == 0)
            return DWARF_E_ABBREV;
        rc = dwarf_abbrev_at(unit->dw, ix->entry[code] - 1, ab, &next);
        return rc == 0 ? DWARF_E_ABBREV : rc;
    }
    if (ix)
        return DWARF_E_ABBREV;
    return dwarf_abbrev_find(unit->dw, unit->abbrev_offset, code, ab);
}

int dwarf_die_at(const struct dwarf_unit *unit, uint64_t offset, struct dwarf_die *die)
{
    struct dwarf_cursor c;
    struct dwarf_abbrev ab;
    int rc;

    if (offset < unit->first_die || offset >= unit->end)
        return DWARF_E_OFFSET;
    if ((rc = dwarf_cursor_init(&c, &unit->dw->sec[unit->section], offset, unit->end)))
        return rc;
    *die = (struct dwarf_die){.unit = unit, .offset = offset};
    if ((rc = dwarf_read_uleb(&c, &die->abbrev_code)))
        return rc;
    die->attrs = c.pos;
    if (die->abbrev_code == 0)
        return 0;
    if ((rc = find_abbrev(unit, die->abbrev_code, &ab)) < 0)
        return rc;
    die->tag = ab.tag;
    die->has_children = ab.has_children;
    die->specs = ab.specs;
    return 1;
}

int dwarf_unit_die(const struct dwarf_unit *unit, struct dwarf_die *die)
{
    int rc = dwarf_die_at(unit, unit->first_die, die);
    return rc == 0 ? DWARF_E_ABBREV : rc;
}

void dwarf_attr_iter_init(const struct dwarf_die *die, struct dwarf_attr_iter *it)
{
    it->die = die;
    it->spec = die->specs;
    it->value = die->attrs;
}

int dwarf_attr_next(struct dwarf_attr_iter *it, struct dwarf_attr *attr)
{
    const struct dwarf_die *die = it->die;
    const struct dwarf_unit *unit = die->unit;
    const struct dwarf_section *abbrev = &unit->dw->sec[DWARF_SEC_ABBREV];
    struct dwarf_cursor spec, val;
    struct dwarf_form_ctx ctx;
    uint64_t name, form;
    int64_t implicit;
    int rc;

    if (die->abbrev_code == 0)
        return 0;
    if ((rc = dwarf_cursor_init(&spec, abbrev, it->spec, abbrev->size)))
        return rc;
    if ((rc = dwarf_abbrev_spec(&spec, &name, &form, &implicit)) <= 0)
        return rc;
    if ((rc = dwarf_cursor_init(&val, &unit->dw->sec[unit->section], it->value, unit->end)))
        return rc;
    dwarf_unit_form_ctx(unit, &ctx);
    if ((rc = dwarf_form_read(&val, &ctx, form, implicit, attr)))
        return rc;
    attr->unit = unit;
    attr->name = name;
    it->spec = spec.pos;
    it->value = val.pos;
    return 1;
}

int dwarf_die_attr(const struct dwarf_die *die, uint64_t name, struct dwarf_attr *attr)
{
    struct dwarf_attr_iter it;
    int rc;
    dwarf_attr_iter_init(die, &it);
    while ((rc = dwarf_attr_next(&it, attr)) > 0) {
        if (attr->name == name)
            return 1;
    }
    return rc;
}

int dwarf_die_end(const struct dwarf_die *die, uint64_t *end)
{
    struct dwarf_attr_iter it;
    struct dwarf_attr a;
    int rc;
    dwarf_attr_iter_init(die, &it);
    while ((rc = dwarf_attr_next(&it, &a)) > 0)
        ;
    if (rc < 0)
        return rc;
    *end = it.value;
    return 0;
}

int dwarf_die_first_child(const struct dwarf_die *die, struct dwarf_die *child)
{
    uint64_t end;
    int rc;
    if (die->abbrev_code == 0 || !die->has_children)
        return 0;
    if ((rc = dwarf_die_end(die, &end)))
        return rc;
    /* Producers may drop the trailing null entries at the end of a unit. */
    if (end == die->unit->end)
        return 0;
    return dwarf_die_at(die->unit, end, child);
}

/* DW_AT_sibling (DWARF5 2.3): must point past the DIE, inside the unit. */
static int sibling_attr(const struct dwarf_die *die, uint64_t end, uint64_t *target)
{
    struct dwarf_attr a;
    enum dwarf_section_id sec;
    int rc = dwarf_die_attr(die, DW_AT_sibling, &a);
    if (rc <= 0)
        return rc;
    if (a.form == DW_FORM_ref_sig8)
        return DWARF_E_BAD_REF;
    if ((rc = dwarf_attr_ref(&a, &sec, target)))
        return rc;
    if (*target < end || *target > die->unit->end)
        return DWARF_E_BAD_REF;
    return 1;
}

/* Walks the subtree below die (whose attributes end at pos) to the next entry. */
static int skip_children(const struct dwarf_unit *unit, uint64_t pos, uint64_t *next)
{
    uint64_t depth = 1;
    while (depth > 0 && pos < unit->end) {
        struct dwarf_die d;
        int rc = dwarf_die_at(unit, pos, &d);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            depth--;
            pos = d.attrs;
            continue;
        }
        if ((rc = dwarf_die_end(&d, &pos)))
            return rc;
        if (d.has_children)
            depth++;
    }
    *next = pos;
    return 0;
}

int dwarf_die_next_sibling(const struct dwarf_die *die, struct dwarf_die *sibling)
{
    const struct dwarf_unit *unit = die->unit;
    uint64_t end, next;
    int rc;

    if (die->abbrev_code == 0)
        return 0;
    if ((rc = dwarf_die_end(die, &end)))
        return rc;
    if ((rc = sibling_attr(die, end, &next)) < 0)
        return rc;
    if (rc == 0) {
        next = end;
        if (die->has_children && (rc = skip_children(unit, end, &next)))
            return rc;
    }
    if (next >= unit->end)
        return 0;
    return dwarf_die_at(unit, next, sibling);
}
