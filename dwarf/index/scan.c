/*
 * The name index's scan of one unit: its top-level DIEs (and the members
 * of namespaces) that name a function, a variable or a type, read in one
 * pass each. The unit's abbreviation table is decoded once into an array
 * indexed by code, with the size of every fixed-size form worked out for
 * the unit's offset and address sizes, so that a DIE the scan does not
 * want is stepped over without decoding it and a subtree is left by
 * DW_AT_sibling (DWARF5 2.3) when the producer gave one, else walked.
 *
 * What the generic reader (die.c) does in three passes per DIE (its end,
 * its sibling, its name), and through a linear search of .debug_abbrev
 * without an index, this does in one: all of python3.11d's 138,000
 * top-level DIEs take about 11 ms, a third of it first touches of the
 * mapped file.
 */
#include "index_int.h"

/* Namespaces nest at most this deep; deeper ones are skipped. */
#define NAMESPACE_DEPTH 16
/* Followed at most this many DW_AT_abstract_origin/specification hops. */
#define NAME_HOPS 8
/* Codes above this many per abbreviation (plus a margin) are found by search. */
#define SPARSE_FACTOR 8

struct scan_spec {
    uint64_t at, form;
    int64_t implicit;
    int32_t size; /* bytes of a fixed-size form for this unit, or -1 */
};

struct scan_abbrev {
    uint64_t code, tag;
    bool children;
    uint32_t first, count; /* specs[first .. first + count) */
    int64_t fixed_size;    /* every form fixed: the attributes' total size, else -1 */
};

struct dwarf_scan {
    struct scan_spec *specs;
    size_t nspecs, specs_cap;
    struct scan_abbrev *abbrevs;
    size_t nabbrevs, abbrevs_cap;
    uint32_t *by_code; /* code -> abbrevs index + 1, or NULL for sparse codes */
    size_t ncodes;
    /* The table now loaded, and the unit shape its sizes were worked out for. */
    bool loaded;
    uint64_t table;
    struct dwarf_form_ctx ctx;
};

/* What a DIE tells the scan. */
struct die_info {
    const struct scan_abbrev *ab;
    uint64_t offset, end;
    struct dwarf_attr name;
    bool has_name, declaration, has_sibling, has_origin;
    uint64_t sibling;
    struct dwarf_attr origin; /* DW_AT_abstract_origin or DW_AT_specification */
};

/* Decodes the unit's abbreviation table into scan (reused when it is the same). */
static int load_abbrevs(const struct dwarf *dw, struct dwarf_scan *s, const struct dwarf_unit *u)
{
    const struct dwarf_section *sec = &dw->sec[DWARF_SEC_ABBREV];
    struct dwarf_form_ctx ctx;
    struct dwarf_cursor c;
    uint64_t max_code = 0;
    int rc;

    dwarf_unit_form_ctx(u, &ctx);
    if (s->loaded && s->table == u->abbrev_offset && s->ctx.version == ctx.version &&
        s->ctx.offset_size == ctx.offset_size && s->ctx.addr_size == ctx.addr_size)
        return 0;
    s->loaded = false;
    s->nspecs = s->nabbrevs = 0;
    dwarf_release(dw, s->by_code, s->ncodes, sizeof *s->by_code);
    s->by_code = NULL;
    s->ncodes = 0;
    if ((rc = dwarf_cursor_init(&c, sec, u->abbrev_offset, sec->size)))
        return rc;
    for (;;) {
        struct scan_abbrev ab = {.first = (uint32_t)s->nspecs, .fixed_size = 0};
        uint8_t children;
        if ((rc = dwarf_read_uleb_fast(&c, &ab.code)))
            return rc;
        if (ab.code == 0)
            break;
        if ((rc = dwarf_read_uleb_fast(&c, &ab.tag)) || (rc = dwarf_read_u8(&c, &children)))
            return rc;
        if (ab.tag == 0 || children > 1)
            return DWARF_E_ABBREV;
        ab.children = children;
        for (;;) {
            struct scan_spec sp = {.implicit = 0};
            /* (name, form) pairs end in (0, 0); implicit_const adds its value (DWARF5 7.5.3). */
            if ((rc = dwarf_read_uleb_fast(&c, &sp.at)) ||
                (rc = dwarf_read_uleb_fast(&c, &sp.form)))
                return rc;
            if (sp.at == 0 && sp.form == 0)
                break;
            if (sp.at == 0 || sp.form == 0)
                return DWARF_E_ABBREV;
            if (sp.form == DW_FORM_implicit_const && (rc = dwarf_read_sleb(&c, &sp.implicit)))
                return rc;
            sp.size = dwarf_form_fixed_size(sp.form, &ctx);
            if (sp.size < 0)
                ab.fixed_size = -1;
            else if (ab.fixed_size >= 0)
                ab.fixed_size += sp.size;
            if (s->nspecs >= UINT32_MAX)
                return DWARF_E_LIMIT;
            if ((rc = dwarf_grow(dw, (void **)&s->specs, &s->specs_cap, s->nspecs,
                                 sizeof *s->specs)))
                return rc;
            s->specs[s->nspecs++] = sp;
        }
        ab.count = (uint32_t)(s->nspecs - ab.first);
        if ((rc = dwarf_grow(dw, (void **)&s->abbrevs, &s->abbrevs_cap, s->nabbrevs,
                             sizeof *s->abbrevs)))
            return rc;
        s->abbrevs[s->nabbrevs++] = ab;
        max_code = ab.code > max_code ? ab.code : max_code;
    }
    if (max_code <= s->nabbrevs * SPARSE_FACTOR + 64) {
        s->ncodes = (size_t)max_code + 1;
        if ((s->by_code = dw->alloc.alloc(dw->alloc.ctx, s->ncodes * sizeof *s->by_code)) == NULL) {
            s->ncodes = 0;
            return DWARF_E_NOMEM;
        }
        for (size_t i = 0; i < s->ncodes; i++)
            s->by_code[i] = 0;
        /* The first definition of a code wins, as in the reader's linear search. */
        for (size_t i = s->nabbrevs; i-- > 0;)
            s->by_code[s->abbrevs[i].code] = (uint32_t)i + 1;
    }
    s->loaded = true;
    s->table = u->abbrev_offset;
    s->ctx = ctx;
    return 0;
}

static const struct scan_abbrev *find_abbrev(const struct dwarf_scan *s, uint64_t code)
{
    if (s->by_code)
        return code < s->ncodes && s->by_code[code] ? &s->abbrevs[s->by_code[code] - 1] : NULL;
    for (size_t i = 0; i < s->nabbrevs; i++) {
        if (s->abbrevs[i].code == code)
            return &s->abbrevs[i];
    }
    return NULL;
}

static bool wanted_tag(uint64_t tag)
{
    return dwarf_name_tag_kind(tag) != 0 || tag == DW_TAG_namespace;
}

/*
 * Reads the DIE at pos: 1 with *info, 0 for a null entry (info->end after
 * it), or an error. DW_AT_sibling is always decoded; the name and what
 * leads to one only with names set and for a tag the index wants.
 */
static int read_die(const struct dwarf_scan *s, const struct dwarf_unit *u, uint64_t pos,
                    bool names, struct die_info *info)
{
    struct dwarf_cursor c;
    uint64_t code;
    int rc;

    if ((rc = dwarf_cursor_init(&c, &u->dw->sec[u->section], pos, u->end)) ||
        (rc = dwarf_read_uleb_fast(&c, &code)))
        return rc;
    info->offset = pos;
    if (code == 0) {
        info->end = c.pos;
        return 0;
    }
    if ((info->ab = find_abbrev(s, code)) == NULL)
        return DWARF_E_ABBREV;
    info->has_name = info->declaration = info->has_sibling = info->has_origin = false;
    bool want = names && wanted_tag(info->ab->tag);
    if (info->ab->fixed_size >= 0 && !want && !info->ab->children) {
        if ((rc = dwarf_skip(&c, (uint64_t)info->ab->fixed_size)))
            return rc;
        info->end = c.pos;
        return 1;
    }
    const struct scan_spec *sp = s->specs + info->ab->first;
    for (uint32_t i = 0; i < info->ab->count; i++, sp++) {
        struct dwarf_attr a;
        bool keep = sp->at == DW_AT_sibling ||
                    (want && (sp->at == DW_AT_name || sp->at == DW_AT_declaration ||
                              sp->at == DW_AT_abstract_origin || sp->at == DW_AT_specification));
        if (!keep && sp->size >= 0) {
            if ((rc = dwarf_skip(&c, (uint64_t)sp->size)))
                return rc;
            continue;
        }
        if ((rc = dwarf_form_read(&c, &s->ctx, sp->form, sp->implicit, &a)))
            return rc;
        if (!keep)
            continue;
        a.unit = u;
        a.name = sp->at;
        if (sp->at == DW_AT_name) {
            info->name = a;
            info->has_name = true;
        } else if (sp->at == DW_AT_declaration) {
            if ((rc = dwarf_attr_flag(&a, &info->declaration)))
                return rc;
        } else if (sp->at == DW_AT_sibling) {
            enum dwarf_section_id sec;
            /* Only a forward reference inside the unit is a usable shortcut. */
            if (a.form != DW_FORM_ref_sig8 && dwarf_attr_ref(&a, &sec, &info->sibling) == 0 &&
                sec == u->section)
                info->has_sibling = true;
        } else if (!info->has_origin) {
            info->origin = a;
            info->has_origin = true;
        }
    }
    info->end = c.pos;
    if (info->has_sibling && (info->sibling < info->end || info->sibling > u->end))
        return DWARF_E_BAD_REF;
    return 1;
}

/* Steps over the children of a DIE whose attributes end at pos: the offset after them. */
static int skip_children(const struct dwarf_scan *s, const struct dwarf_unit *u, uint64_t pos,
                         uint64_t *next)
{
    uint64_t depth = 1;
    while (depth > 0 && pos < u->end) {
        struct die_info d;
        int rc = read_die(s, u, pos, false, &d);
        if (rc < 0)
            return rc;
        if (rc == 0)
            depth--;
        else if (d.ab->children && d.has_sibling) {
            pos = d.sibling;
            continue;
        } else if (d.ab->children)
            depth++;
        pos = d.end;
    }
    *next = pos;
    return 0;
}

/*
 * A subprogram or variable without DW_AT_name: the name of the DIE its
 * DW_AT_abstract_origin or DW_AT_specification names (DWARF5 3.3.8.3,
 * 2.13.2), through this unit's table while the chain stays in the unit.
 */
static int origin_name(const struct dwarf_scan *s, const struct dwarf_unit *u,
                       const struct die_info *from, const char **name)
{
    struct die_info d = *from;
    int rc;

    *name = NULL;
    for (int hop = 0; hop < NAME_HOPS; hop++) {
        enum dwarf_section_id sec;
        uint64_t off;
        if (d.has_name)
            return dwarf_attr_string(&d.name, name);
        if (!d.has_origin)
            return 0;
        if ((rc = dwarf_attr_ref(&d.origin, &sec, &off)))
            return rc;
        if (sec != u->section || off < u->first_die || off >= u->end) {
            /* Another unit (DW_FORM_ref_addr): the generic reader follows it. */
            struct dwarf_die die;
            if ((rc = dwarf_die_at(u, d.offset, &die)) <= 0)
                return rc < 0 ? rc : DWARF_E_BAD_REF;
            return dwarf_die_func_name(&die, name);
        }
        if ((rc = read_die(s, u, off, true, &d)) <= 0)
            return rc < 0 ? rc : DWARF_E_BAD_REF;
    }
    return DWARF_E_LIMIT;
}

/* The entry a DIE makes, if any: 1 with *e, 0 none, or an error. */
static int entry_of(const struct dwarf_scan *s, const struct dwarf_unit *u,
                    const struct die_info *d, struct dwarf_name_entry *e)
{
    unsigned kind = dwarf_name_tag_kind(d->ab->tag);
    const char *name = NULL;
    int rc;

    if (kind == 0)
        return 0;
    /* Functions and variables are indexed where defined; types also where declared. */
    if (d->declaration && !(kind & DWARF_NAME_TYPE))
        return 0;
    if (d->has_name)
        rc = dwarf_attr_string(&d->name, &name);
    else if (!(kind & DWARF_NAME_TYPE))
        rc = origin_name(s, u, d, &name);
    else
        rc = 0;
    if (rc < 0)
        return rc;
    if (name == NULL)
        return 0;
    *e = (struct dwarf_name_entry){.name = name,
                                   .die_offset = d->offset,
                                   .unit_offset = u->offset,
                                   .tag = d->ab->tag,
                                   .section = (uint8_t)u->section,
                                   .declaration = d->declaration};
    return 1;
}

int dwarf_scan_unit(struct dwarf_name_index *idx, const struct dwarf_unit *u, dwarf_scan_fn fn,
                    void *ctx)
{
    const struct dwarf *dw = idx->dw;
    struct dwarf_scan *s = idx->scan;
    struct die_info d;
    uint64_t pos;
    int depth = 0, rc;

    if (s == NULL) {
        if ((s = dw->alloc.alloc(dw->alloc.ctx, sizeof *s)) == NULL)
            return DWARF_E_NOMEM;
        *s = (struct dwarf_scan){0};
        idx->scan = s;
    }
    if ((rc = load_abbrevs(dw, s, u)))
        return rc;
    idx->units_scanned++;
    if ((rc = read_die(s, u, u->first_die, false, &d)) <= 0)
        return rc < 0 ? rc : DWARF_E_ABBREV;
    if (!d.ab->children)
        return 0;
    for (pos = d.end; pos < u->end;) {
        struct dwarf_name_entry e;
        if ((rc = read_die(s, u, pos, true, &d)) < 0)
            return rc;
        if (rc == 0) {
            /* The end of a sibling list: the unit's, or a namespace's. */
            if (depth-- == 0)
                return 0;
            pos = d.end;
            continue;
        }
        if ((rc = entry_of(s, u, &d, &e)) != 0) {
            if (rc < 0 || (rc = fn(ctx, &e)) < 0)
                return rc;
        }
        pos = d.end;
        if (!d.ab->children)
            continue;
        if (d.ab->tag == DW_TAG_namespace && depth < NAMESPACE_DEPTH)
            depth++;
        else if (d.has_sibling)
            pos = d.sibling;
        else if ((rc = skip_children(s, u, d.end, &pos)) < 0)
            return rc;
    }
    return 0;
}

void dwarf_scan_free(struct dwarf_name_index *idx)
{
    const struct dwarf *dw = idx->dw;
    struct dwarf_scan *s = idx->scan;

    if (s == NULL)
        return;
    dwarf_release(dw, s->specs, s->specs_cap, sizeof *s->specs);
    dwarf_release(dw, s->abbrevs, s->abbrevs_cap, sizeof *s->abbrevs);
    dwarf_release(dw, s->by_code, s->ncodes, sizeof *s->by_code);
    dw->alloc.free(dw->alloc.ctx, s, sizeof *s);
    idx->scan = NULL;
}
