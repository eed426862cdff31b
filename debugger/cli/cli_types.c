/*
 * cli_types.c: whatis and ptype: the type of an expression or a type
 * name, with ptype spelling out struct, union and enum bodies.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* The spelling of the type of a value that is not typed by DWARF. */
static const char *builtin_name(const struct hdb_value *v)
{
    switch (v->kind) {
    case HDB_VAL_INT:
        return "int";
    case HDB_VAL_UINT:
        return "unsigned int";
    case HDB_VAL_LONG:
        return "long";
    case HDB_VAL_ULONG:
        return "unsigned long";
    case HDB_VAL_DOUBLE:
        return "double";
    case HDB_VAL_CODE_PTR:
        return "void (*)()";
    case HDB_VAL_DATA_PTR:
        return "void *";
    case HDB_VAL_EFLAGS:
        return "i386_eflags";
    case HDB_VAL_MXCSR:
        return "i386_mxcsr";
    case HDB_VAL_VOID:
        return "void";
    default:
        return NULL;
    }
}

/* ptype's body of a struct, union or enum: one member per line, or the enumerators. */
static void body(struct hdb_session *s, uint64_t unit, const struct hdb_ctype *t,
                 struct hdb_strbuf *b)
{
    struct dwarf_unit u;
    struct dwarf_die d, m;
    if (hdb_dinfo_die(&s->dw, unit, t->off, &u, &d) < 0)
        return;
    if (t->tag == DW_TAG_enumeration_type) {
        hdb_sb_printf(b, " {");
        bool first = true;
        int64_t next = 0; /* as gdb: a value is shown where it is not the previous one plus 1 */
        for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
            struct dwarf_attr a;
            const char *name;
            int64_t v;
            if (m.tag != DW_TAG_enumerator || dwarf_die_attr(&m, DW_AT_name, &a) <= 0 ||
                dwarf_attr_string(&a, &name) < 0)
                continue;
            hdb_sb_printf(b, "%s%s", first ? "" : ", ", name);
            if (dwarf_die_attr(&m, DW_AT_const_value, &a) > 0 && dwarf_attr_signed(&a, &v) == 0) {
                if (v != next)
                    hdb_sb_printf(b, " = %lld", (long long)v);
                next = (int64_t)((uint64_t)v + 1);
            }
            first = false;
        }
        hdb_sb_printf(b, "}");
        return;
    }
    hdb_sb_printf(b, " {\n");
    for (int rc = dwarf_die_first_child(&d, &m); rc > 0; rc = dwarf_die_next_sibling(&m, &m)) {
        struct dwarf_attr a;
        const char *name = "";
        uint64_t type = 0, bits = 0;
        enum dwarf_section_id sec;
        if (m.tag != DW_TAG_member)
            continue;
        if (dwarf_die_attr(&m, DW_AT_name, &a) > 0)
            dwarf_attr_string(&a, &name);
        if (dwarf_die_attr(&m, DW_AT_type, &a) > 0)
            dwarf_attr_ref(&a, &sec, &type);
        hdb_sb_printf(b, "    ");
        hdb_ctype_decl(&s->dw, unit, type, name, b);
        if (dwarf_die_attr(&m, DW_AT_bit_size, &a) > 0 && dwarf_attr_unsigned(&a, &bits) == 0)
            hdb_sb_printf(b, " : %llu", (unsigned long long)bits);
        hdb_sb_printf(b, ";\n");
    }
    hdb_sb_printf(b, "}");
}

/* The struct, union, enum or other type under type's pointers and arrays. */
static void bottom_type(struct hdb_session *s, uint64_t unit, uint64_t type, struct hdb_ctype *t)
{
    for (int depth = 0; depth < 16; depth++) {
        if (hdb_ctype_resolve(&s->dw, unit, type, t) < 0) {
            t->tag = 0;
            return;
        }
        if (t->tag != DW_TAG_pointer_type && t->tag != DW_TAG_array_type)
            return;
        type = t->target;
    }
}

/*
 * ptype's spelling: through typedefs at every level, with base written
 * for the struct, union or enum under the pointers and arrays;
 * pointer_to: the value is &obj, of a type without a DIE of its own.
 */
static void expanded(struct hdb_session *s, uint64_t unit, uint64_t type, bool pointer_to,
                     const char *base, struct hdb_strbuf *b)
{
    char inner[8] = "";
    if (pointer_to) {
        struct hdb_ctype to;
        bool wrap = hdb_ctype_resolve(&s->dw, unit, type, &to) == 0 &&
                    (to.tag == DW_TAG_array_type || to.tag == DW_TAG_subroutine_type);
        snprintf(inner, sizeof(inner), wrap ? "(*)" : "*");
    }
    hdb_ctype_expanded(&s->dw, unit, type, inner, base, b);
}

/*
 * ptype: the struct, union or enum under the pointers and arrays spelled
 * out with its body ("struct point {...} *"); ptype/o: its layout.
 */
static int ptype(struct hdb_cli *c, uint64_t unit, uint64_t type, bool pointer_to, bool offsets)
{
    struct hdb_session *s = c->s;
    struct hdb_ctype t;
    struct dwarf_unit u;
    struct dwarf_die d;
    bottom_type(s, unit, type, &t);
    bool tagged = unit != HDB_BUILTIN_UNIT &&
                  (t.tag == DW_TAG_structure_type || t.tag == DW_TAG_union_type ||
                   t.tag == DW_TAG_enumeration_type) &&
                  hdb_dinfo_die(&s->dw, unit, t.off, &u, &d) == 0;
    struct hdb_strbuf *base = hdb_alloc(s->plat, sizeof(*base));
    if (!base)
        return HDB_E_NOMEM;
    hdb_sb_reset(base);
    if (offsets && tagged && t.tag != DW_TAG_enumeration_type) {
        /* The declarator around the struct, split at a mark where its name goes. */
        expanded(s, unit, type, pointer_to, "\001", base);
        char *mark = strchr(base->s, 1);
        if (!mark) {
            hdb_free(s->plat, base, sizeof(*base));
            return HDB_E_FORMAT; /* too deep to spell */
        }
        *mark = 0;
        int rc = hdb_cli_ptype_offsets(c, unit, t.off, base->s, mark + 1);
        hdb_free(s->plat, base, sizeof(*base));
        return rc;
    }
    if (tagged) {
        /* An anonymous one is "struct {" where whatis says "struct {...}". */
        hdb_ctype_tag_name(&d, base);
        if (base->len > 6 && strcmp(base->s + base->len - 6, " {...}") == 0) {
            base->len -= 6;
            base->s[base->len] = 0;
        }
        body(s, unit, &t, base);
    }
    hdb_sb_reset(&c->out);
    hdb_sb_printf(&c->out, "type = ");
    expanded(s, unit, type, pointer_to, base->s, &c->out);
    hdb_free(s->plat, base, sizeof(*base));
    hdb_cli_out(c, "%s\n", c->out.s);
    return 0;
}

int hdb_cli_cmd_types(struct hdb_cli *c, int id, const char *fmt, const char *args)
{
    struct hdb_session *s = c->s;
    struct hdb_value v;
    uint64_t unit = 0, type = 0;
    bool is_type = false;
    /* ptype/o, or ptype /o with a space, as gdb takes both. */
    bool offsets = id == HDB_CMD_PTYPE && strcmp(fmt, "o") == 0;
    if (id == HDB_CMD_PTYPE && !*fmt && strncmp(args, "/o ", 3) == 0) {
        offsets = true;
        for (args += 3; *args == ' ';)
            args++;
    }
    if (!*args) {
        hdb_cli_err(c, "Argument required (one or more choices).\n");
        return HDB_E_ARG;
    }
    if (s->img && hdb_type_by_name(s, args, &unit, &type) == 0) {
        is_type = true;
        struct dwarf_unit u;
        struct dwarf_die d;
        struct dwarf_attr a;
        enum dwarf_section_id sec;
        bool dwarf = unit != HDB_BUILTIN_UNIT && hdb_dinfo_die(&s->dw, unit, type, &u, &d) == 0;
        if (dwarf && d.tag == DW_TAG_typedef && id != HDB_CMD_PTYPE) {
            /* whatis TYPEDEF unrolls one level: what the typedef names. */
            uint64_t target = 0;
            if (dwarf_die_attr(&d, DW_AT_type, &a) > 0)
                dwarf_attr_ref(&a, &sec, &target);
            hdb_sb_reset(&c->out);
            hdb_ctype_name(&s->dw, unit, target, &c->out);
            hdb_cli_out(c, "type = %s\n", c->out.s);
            return 0;
        }
        if (!(dwarf && d.tag == DW_TAG_typedef) && strncmp(args, "struct", 6) != 0 &&
            strncmp(args, "union", 5) != 0 && strncmp(args, "enum", 4) != 0) {
            /* A base type in gdb's spelling ("long unsigned int" is "unsigned long"). */
            hdb_sb_reset(&c->out);
            hdb_ctype_name(&s->dw, unit, type, &c->out);
            hdb_cli_out(c, "type = %s\n", c->out.s);
            return 0;
        }
    } else if (s->img && (strncmp(args, "struct ", 7) == 0 || strncmp(args, "union ", 6) == 0 ||
                          strncmp(args, "enum ", 5) == 0)) {
        const char *sp = strchr(args, ' '), *tag = sp;
        while (*tag == ' ')
            tag++;
        hdb_cli_err(c, "No %.*s type named %s.\n", (int)(sp - args), args, tag);
        return HDB_E_NO_TYPE;
    } else {
        const char *stop;
        int rc = hdb_eval_type(s, args, &v, &stop);
        if (rc == HDB_E_NOT_FOUND) {
            hdb_cli_err(c, "No symbol \"%s\" in current context.\n", args);
            return rc;
        }
        if (rc == HDB_E_NODEBUG || rc == HDB_E_NO_TYPE) {
            hdb_cli_eval_error(c, rc, args, stop);
            return rc;
        }
        if (rc < 0 && rc != HDB_E_OPTIMIZED_OUT) {
            hdb_cli_err(c, "A syntax error in expression, near `%s'.\n", stop);
            return rc;
        }
    }
    hdb_sb_reset(&c->out);
    hdb_sb_printf(&c->out, "type = ");
    if (!is_type) {
        const char *bn = builtin_name(&v);
        if (bn && v.kind == HDB_VAL_MXCSR && id == HDB_CMD_PTYPE) {
            /* gdb's flags type, each flag a bool at its bit (SDM 10.2.3). */
            static const char *const flags[] = {"IE", "DE", "ZE", "OE", "UE", "PE", "DAZ",
                                                "IM", "DM", "ZM", "OM", "UM", "PM"};
            hdb_sb_printf(&c->out, "flag i386_mxcsr {\n");
            for (int i = 0; i < 13; i++)
                hdb_sb_printf(&c->out, "    bool %s @%d;\n", flags[i], i);
            hdb_cli_out(c, "%s    bool FZ @15;\n}\n", c->out.s);
            return 0;
        }
        if (bn) {
            hdb_sb_printf(&c->out, "%s", bn);
            hdb_cli_out(c, "%s\n", c->out.s);
            return 0;
        }
        unit = v.unit;
        type = v.type;
        if (v.repeat) {
            char dims[32];
            snprintf(dims, sizeof(dims), "[%llu]", (unsigned long long)v.repeat);
            hdb_ctype_decl(&s->dw, unit, type, dims, &c->out);
            hdb_cli_out(c, "%s\n", c->out.s);
            return 0;
        }
        if (v.kind == HDB_VAL_FUNC) {
            if (type)
                hdb_ctype_function_name(&s->dw, unit, type, &c->out);
            else if (id == HDB_CMD_PTYPE)
                hdb_sb_printf(&c->out, "<unknown return type> ()");
            else
                hdb_sb_printf(&c->out, "<text variable, no debug info>");
            hdb_cli_out(c, "%s\n", c->out.s);
            return 0;
        }
        if (v.kind == HDB_VAL_ADDR_OF && id != HDB_CMD_PTYPE) {
            hdb_ctype_pointer_name(&s->dw, unit, type, &c->out);
            hdb_cli_out(c, "%s\n", c->out.s);
            return 0;
        }
    }
    if (id == HDB_CMD_PTYPE && unit == HDB_BUILTIN_UNIT && !offsets &&
        hdb_builtin_ptype(type, &c->out)) {
        /* A vector register's union or one of its vectors. */
        hdb_cli_out(c, "%s\n", c->out.s);
        return 0;
    }
    if (id == HDB_CMD_PTYPE)
        return ptype(c, unit, type, !is_type && v.kind == HDB_VAL_ADDR_OF, offsets);
    hdb_ctype_name(&s->dw, unit, type, &c->out);
    hdb_cli_out(c, "%s\n", c->out.s);
    return 0;
}
