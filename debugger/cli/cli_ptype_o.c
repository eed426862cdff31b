/*
 * cli_ptype_o.c: ptype/o, a struct's or union's layout in gdb's words
 * (GDB manual "Examining the Symbol Table", ptype/o): each member's offset
 * and size in a comment column, bit-field positions as BYTE:BIT, the holes
 * and trailing padding the compiler left ("XXX 3-byte hole"), nested
 * structs spelled out in place, and the total size.
 *
 * Offsets come from DW_AT_data_member_location, bit-fields from
 * DW_AT_data_bit_offset (DWARF5 5.7.6), or DWARF 3's DW_AT_bit_offset
 * counted from the storage unit's most significant bit.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

#define COMMENT_WIDTH 27 /* the width of the offset and size column */

struct layout {
    struct hdb_cli *c;
    struct hdb_session *s;
    uint64_t unit;
};

static uint64_t uattr(const struct dwarf_die *d, uint64_t at, bool *has)
{
    struct dwarf_attr a;
    uint64_t v = 0;
    bool ok = dwarf_die_attr(d, at, &a) > 0 && dwarf_attr_unsigned(&a, &v) == 0;
    if (has)
        *has = ok;
    return v;
}

static void hole(struct layout *l, uint64_t bits, const char *what)
{
    if (bits % 8)
        hdb_cli_out(l->c, "/* XXX %2u-bit %-7s   */\n", (unsigned)(bits % 8), what);
    if (bits / 8)
        hdb_cli_out(l->c, "/* XXX %2u-byte %-7s   */\n", (unsigned)(bits / 8), what);
}

static void body(struct layout *l, const struct hdb_ctype *t, uint64_t base, int depth);

/* One member: its comment column, then its declaration (a nested struct spelled out). */
static void member(struct layout *l, const struct dwarf_die *m, bool in_union, uint64_t base,
                   int depth, uint64_t *end_bits)
{
    struct hdb_session *s = l->s;
    struct dwarf_attr a;
    const char *name = "";
    uint64_t type = 0;
    enum dwarf_section_id sec;
    if (dwarf_die_attr(m, DW_AT_name, &a) > 0)
        dwarf_attr_string(&a, &name);
    if (dwarf_die_attr(m, DW_AT_type, &a) > 0)
        dwarf_attr_ref(&a, &sec, &type);
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, l->unit, type, &t) < 0)
        return;
    bool has_bits, has_data_bit, has_old_bit;
    uint64_t bit_size = uattr(m, DW_AT_bit_size, &has_bits);
    uint64_t byte_off = uattr(m, DW_AT_data_member_location, NULL);
    uint64_t bitpos = (base + byte_off) * 8;
    uint64_t data_bit = uattr(m, DW_AT_data_bit_offset, &has_data_bit);
    uint64_t old_bit = uattr(m, DW_AT_bit_offset, &has_old_bit);
    if (has_bits && has_data_bit)
        bitpos = base * 8 + data_bit;
    else if (has_bits && has_old_bit)
        bitpos += t.size * 8 - old_bit - bit_size; /* DWARF 3: from the most significant bit */
    if (!in_union && bitpos > *end_bits)
        hole(l, bitpos - *end_bits, "hole");
    char col[64];
    if (in_union)
        snprintf(col, sizeof(col), "/*%22llu */", (unsigned long long)t.size);
    else if (has_bits)
        snprintf(col, sizeof(col), "/* %6llu:%2u   |  %6llu */", (unsigned long long)(bitpos / 8),
                 (unsigned)(bitpos % 8), (unsigned long long)t.size);
    else
        snprintf(col, sizeof(col), "/* %6llu      |  %6llu */", (unsigned long long)(bitpos / 8),
                 (unsigned long long)t.size);
    hdb_sb_reset(&l->c->out);
    if (!has_bits && (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type)) {
        hdb_ctype_name(&s->dw, l->unit, t.off, &l->c->out);
        hdb_cli_out(l->c, "%s%*s%s {\n", col, 4 * (depth + 1), "", l->c->out.s);
        body(l, &t, bitpos / 8, depth + 1);
        hdb_cli_out(l->c, "%*s} %s;\n", COMMENT_WIDTH + 4 * (depth + 1), "", name);
    } else {
        hdb_ctype_decl(&s->dw, l->unit, type, name, &l->c->out);
        if (has_bits)
            hdb_sb_printf(&l->c->out, " : %llu", (unsigned long long)bit_size);
        hdb_cli_out(l->c, "%s%*s%s;\n", col, 4 * (depth + 1), "", l->c->out.s);
    }
    uint64_t end = has_bits ? bitpos + bit_size : bitpos + t.size * 8;
    if (end > *end_bits)
        *end_bits = end;
}

/* The members of a struct or union at byte base, then its padding and total size. */
static void body(struct layout *l, const struct hdb_ctype *t, uint64_t base, int depth)
{
    struct dwarf_unit u;
    struct dwarf_die d, m;
    if (depth > 8 || hdb_dinfo_die(&l->s->dw, l->unit, t->off, &u, &d) < 0)
        return;
    bool in_union = t->tag == DW_TAG_union_type;
    uint64_t end_bits = base * 8;
    for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m))
        if (m.tag == DW_TAG_member)
            member(l, &m, in_union, base, depth, &end_bits);
    if (!in_union && (base + t->size) * 8 > end_bits)
        hole(l, (base + t->size) * 8 - end_bits, "padding");
    hdb_cli_out(l->c, "\n%*s/* total size (bytes): %4llu */\n", COMMENT_WIDTH + 4 + 4 * depth, "",
                (unsigned long long)t->size);
}

int hdb_cli_ptype_offsets(struct hdb_cli *c, uint64_t unit, uint64_t type, const char *prefix,
                          const char *suffix)
{
    struct hdb_session *s = c->s;
    struct hdb_ctype t;
    if (hdb_ctype_resolve(&s->dw, unit, type, &t) < 0)
        return HDB_E_FORMAT;
    if (t.tag != DW_TAG_structure_type && t.tag != DW_TAG_union_type)
        return HDB_E_NOT_STRUCT;
    struct layout l = {c, s, unit};
    hdb_sb_reset(&c->out);
    hdb_ctype_name(&s->dw, unit, t.off, &c->out);
    /* The column header only when the struct is the type itself, not under a pointer. */
    hdb_cli_out(c, "%stype = %s%s {\n", *suffix ? "" : "/* offset      |    size */  ", prefix,
                c->out.s);
    body(&l, &t, 0, 0);
    hdb_cli_out(c, "%*s}%s\n", COMMENT_WIDTH + 2, "", suffix);
    return 0;
}
