/*
 * cli_scope.c: info scope LOCATION, in gdb 13's words (GDB manual
 * "Tracepoint Restrictions"): where each variable of the block at a
 * location lives.
 *
 * The location resolves as a breakpoint's would (after the prologue, or
 * at the first instruction where gdb trusts the locations); the block is
 * the innermost lexical block or inlined call holding that pc, and its
 * enclosing ones up to the function (or inlined call), each block's
 * symbols in DIE order. A location expression is described as gdb's
 * locexpr_describe_location does: a register, a frame-base offset when
 * the frame base is a register, a small constant, else the expression
 * disassembled as gdb disassembles it (its indentation and operand
 * spellings); a location list (DWARF5 2.6.2) entry by entry, each range
 * at its runtime address.
 */
#include <stdio.h>
#include <string.h>

#include <dwarf/expr.h>
#include <dwarf/index.h>
#include <dwarf/lists.h>
#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/value.h>

/* gdb's amd64 names of DWARF register numbers (psABI 3.6.2, Figure 3.36). */
static const char *regname(uint64_t r)
{
    static const char *const gpr[17] = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi",
                                        "rbp", "rsp", "r8",  "r9",  "r10", "r11",
                                        "r12", "r13", "r14", "r15", "rip"};
    static char buf[8];
    if (r < 17)
        return gpr[r];
    if (r < 33)
        snprintf(buf, sizeof(buf), "xmm%u", (unsigned)(r - 17));
    else if (r < 41)
        snprintf(buf, sizeof(buf), "st%u", (unsigned)(r - 33));
    else if (r < 49)
        snprintf(buf, sizeof(buf), "mm%u", (unsigned)(r - 41));
    else
        return "?";
    return buf;
}

struct scope {
    struct hdb_cli *c;
    const struct dwarf *dw;
    uint64_t unit;
    const struct dwarf_die *func; /* the function, for its frame base */
    struct hdb_strbuf *b;
    uint64_t bias;    /* of the file: ranges and addresses at runtime */
    const char *what; /* the location as typed */
};

static const uint8_t *uleb(const uint8_t *p, const uint8_t *end, uint64_t *v)
{
    unsigned shift = 0;
    *v = 0;
    while (p < end) {
        uint8_t byte = *p++;
        if (shift < 64)
            *v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
        if (!(byte & 0x80))
            break;
    }
    return p;
}

static const uint8_t *sleb(const uint8_t *p, const uint8_t *end, int64_t *v)
{
    uint64_t u = 0;
    unsigned shift = 0;
    uint8_t byte = 0;
    while (p < end) {
        byte = *p++;
        if (shift < 64)
            u |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
        if (!(byte & 0x80))
            break;
    }
    if (shift < 64 && (byte & 0x40))
        u |= ~0ull << shift;
    *v = (int64_t)u;
    return p;
}

/* A type DIE given by a unit-relative operand, as gdb writes it in a typed operation. */
static void typed(struct scope *sc, uint64_t cu_off)
{
    struct dwarf_unit u;
    if (dwarf_unit_at(sc->dw, DWARF_SEC_INFO, sc->unit, &u) <= 0)
        return;
    hdb_sb_printf(sc->b, "<");
    hdb_ctype_name(sc->dw, sc->unit, sc->unit + cu_off, sc->b);
    hdb_sb_printf(sc->b, " [0x%llx]>", (unsigned long long)cu_off);
}

/* gdb's disassemble_dwarf_expression: one operation a line, offsets from start. */
static const uint8_t *disassemble(struct scope *sc, const uint8_t *start, const uint8_t *p,
                                  const uint8_t *end, int indent)
{
    struct hdb_strbuf *b = sc->b;
    while (p < end && *p != DW_OP_piece && *p != DW_OP_bit_piece) {
        struct dwarf_expr_iter it;
        struct dwarf_expr_op op;
        struct dwarf_unit u;
        dwarf_unit_at(sc->dw, DWARF_SEC_INFO, sc->unit, &u);
        dwarf_expr_iter_init(&it, p, (uint64_t)(end - p), &u);
        if (dwarf_expr_next(&it, &op) <= 0) {
            hdb_sb_printf(b, "  %*ld: <bad>\n", indent + 4, (long)(p - start));
            return end;
        }
        const char *name = dwarf_op_name(op.opcode);
        uint8_t o = op.opcode;
        hdb_sb_printf(b, "  %*ld: %s", indent + 4, (long)(p - start), name ? name : "?");
        const uint8_t *next = p + it.pos;
        uint64_t u0 = op.operand[0], u1 = op.operand[1];
        if (o == DW_OP_addr || o == DW_OP_addrx) {
            hdb_sb_printf(b, " 0x%llx", (unsigned long long)u0);
        } else if (o == DW_OP_const1u || o == DW_OP_const2u || o == DW_OP_const4u ||
                   o == DW_OP_const8u || o == DW_OP_constu || o == DW_OP_plus_uconst ||
                   o == DW_OP_implicit_value) {
            hdb_sb_printf(b, " %llu", (unsigned long long)u0);
        } else if (o == DW_OP_const1s || o == DW_OP_const2s || o == DW_OP_const4s ||
                   o == DW_OP_const8s || o == DW_OP_consts || o == DW_OP_fbreg) {
            hdb_sb_printf(b, " %lld", (long long)u0);
        } else if (o >= DW_OP_reg0 && o <= DW_OP_reg31) {
            hdb_sb_printf(b, " [$%s]", regname(o - DW_OP_reg0));
        } else if (o == DW_OP_regx) {
            hdb_sb_printf(b, " %llu [$%s]", (unsigned long long)u0, regname(u0));
        } else if (o >= DW_OP_breg0 && o <= DW_OP_breg31) {
            hdb_sb_printf(b, " %lld [$%s]", (long long)u0, regname(o - DW_OP_breg0));
        } else if (o == DW_OP_bregx) {
            hdb_sb_printf(b, " register %llu [$%s] offset %lld", (unsigned long long)u0,
                          regname(u0), (long long)u1);
        } else if (o == DW_OP_deref_size || o == DW_OP_xderef_size || o == DW_OP_pick) {
            hdb_sb_printf(b, " %d", (int)u0);
        } else if (o == DW_OP_skip || o == DW_OP_bra) {
            hdb_sb_printf(b, o == DW_OP_skip ? " to %ld" : " %ld",
                          (long)(next - start + (int16_t)u0));
        } else if (o == DW_OP_piece) {
            hdb_sb_printf(b, " %llu (bytes)", (unsigned long long)u0);
        } else if (o == DW_OP_entry_value || o == DW_OP_GNU_entry_value) {
            hdb_sb_printf(b, "\n");
            disassemble(sc, start, op.block, op.block + op.block_len, indent + 2);
            p = next;
            continue;
        } else if (o == DW_OP_regval_type || o == DW_OP_GNU_regval_type) {
            typed(sc, u1);
            hdb_sb_printf(b, " [$%s]", regname(u0));
        } else if (o == DW_OP_deref_type || o == DW_OP_GNU_deref_type) {
            typed(sc, u1);
            hdb_sb_printf(b, " %d", (int)u0);
        } else if (o == DW_OP_convert || o == DW_OP_GNU_convert || o == DW_OP_reinterpret) {
            if (u0 == 0)
                hdb_sb_printf(b, "<0>");
            else
                typed(sc, u0);
        }
        hdb_sb_printf(b, "\n");
        p = next;
    }
    return p;
}

static bool piece_end(const uint8_t *p, const uint8_t *end)
{
    return p == end || *p == DW_OP_piece || *p == DW_OP_bit_piece;
}

/* gdb's short descriptions of one piece; returns p unchanged when there is none. */
static const uint8_t *describe_piece(struct scope *sc, const uint8_t *p, const uint8_t *end)
{
    uint64_t r;
    if (*p >= DW_OP_reg0 && *p <= DW_OP_reg31) {
        hdb_sb_printf(sc->b, "a variable in $%s", regname(*p - DW_OP_reg0));
        return p + 1;
    }
    if (*p == DW_OP_regx) {
        const uint8_t *q = uleb(p + 1, end, &r);
        hdb_sb_printf(sc->b, "a variable in $%s", regname(r));
        return q;
    }
    if (*p == DW_OP_fbreg) {
        int64_t off, base_off = 0;
        const uint8_t *q = sleb(p + 1, end, &off);
        struct dwarf_attr a;
        const uint8_t *fb;
        uint64_t fblen;
        if (!piece_end(q, end) || dwarf_die_attr(sc->func, DW_AT_frame_base, &a) <= 0 ||
            dwarf_attr_block(&a, &fb, &fblen) < 0 || fblen == 0)
            return p;
        if (fb[0] >= DW_OP_breg0 && fb[0] <= DW_OP_breg31) {
            if (sleb(fb + 1, fb + fblen, &base_off) != fb + fblen)
                return p;
        } else if (!(fb[0] >= DW_OP_reg0 && fb[0] <= DW_OP_reg31 && fblen == 1)) {
            return p; /* DW_OP_call_frame_cfa: gdb disassembles */
        }
        unsigned reg = fb[0] >= DW_OP_breg0 ? fb[0] - DW_OP_breg0 : fb[0] - DW_OP_reg0;
        hdb_sb_printf(sc->b, "a variable at frame base reg $%s offset %lld+%lld", regname(reg),
                      (long long)base_off, (long long)off);
        return q;
    }
    if (*p >= DW_OP_lit0 && *p <= DW_OP_lit31 && p + 1 < end && p[1] == DW_OP_stack_value) {
        hdb_sb_printf(sc->b, "the constant %d", *p - DW_OP_lit0);
        return p + 2;
    }
    return p;
}

/* gdb's locexpr_describe_location_1. */
static int describe_expr(struct scope *sc, const uint8_t *p, uint64_t len)
{
    const uint8_t *end = p + len;
    for (bool first = true; p < end; first = false) {
        const uint8_t *here = p;
        if (!first)
            hdb_sb_printf(sc->b, ", and ");
        p = describe_piece(sc, p, end);
        bool dis = p == here && *p != DW_OP_piece && *p != DW_OP_bit_piece;
        if (dis) {
            hdb_sb_printf(sc->b, "a complex DWARF expression:\n");
            p = disassemble(sc, p, p, end, 0);
        }
        if (p < end) {
            uint64_t size, off;
            bool empty = p == here;
            if (dis)
                hdb_sb_printf(sc->b, "   ");
            if (*p == DW_OP_piece) {
                p = uleb(p + 1, end, &size);
                hdb_sb_printf(sc->b, empty ? "an empty %llu-byte piece" : " [%llu-byte piece]",
                              (unsigned long long)size);
            } else if (*p == DW_OP_bit_piece) {
                p = uleb(uleb(p + 1, end, &size), end, &off);
                if (empty)
                    hdb_sb_printf(sc->b, "an empty %llu-bit piece", (unsigned long long)size);
                else
                    hdb_sb_printf(sc->b, " [%llu-bit piece, offset %llu bits]",
                                  (unsigned long long)size, (unsigned long long)off);
            } else {
                return HDB_E_FORMAT;
            }
        }
    }
    return 0;
}

/* gdb's loclist_describe_location: "multi-location:" and one line a range. */
static int describe_list(struct scope *sc, const struct dwarf_die *v, const struct dwarf_attr *a)
{
    struct dwarf_loc_iter it;
    struct dwarf_loc_entry e;
    if (dwarf_loc_iter_attr(&it, a) < 0)
        return HDB_E_FORMAT;
    (void)v;
    hdb_sb_printf(sc->b, "multi-location:\n");
    uint64_t bias = sc->bias;
    int rc;
    while ((rc = dwarf_loc_next_entry(&it, &e)) > 0) {
        if (e.kind == DW_LLE_base_address || e.kind == DW_LLE_base_addressx) {
            hdb_sb_printf(sc->b, "  Base address 0x%llx", (unsigned long long)it.base);
            continue;
        }
        if (!e.is_location || e.is_default)
            continue;
        hdb_sb_printf(sc->b, "  Range 0x%llx-0x%llx: ", (unsigned long long)(e.low + bias),
                      (unsigned long long)(e.high + bias));
        if (describe_expr(sc, e.expr, e.expr_len) < 0)
            return HDB_E_FORMAT;
        hdb_sb_printf(sc->b, "\n");
    }
    return rc < 0 ? HDB_E_FORMAT : 0;
}

/* One symbol of the block: "Symbol NAME is ..., length N." */
static void describe_symbol(struct scope *sc, const struct dwarf_die *v)
{
    struct hdb_cli *c = sc->c;
    struct dwarf_unit hu;
    struct dwarf_attr a, na;
    const char *name = NULL;
    if (dwarf_die_attr_inherited(v, DW_AT_name, &hu, NULL, &na) <= 0 ||
        dwarf_attr_string(&na, &name) < 0 || !name || !*name)
        return;
    struct hdb_strbuf *b = sc->b;
    hdb_sb_reset(b);
    hdb_sb_printf(b, "Symbol %s is ", name);
    const uint8_t *expr;
    uint64_t len;
    int rc = 0;
    if (dwarf_die_attr(v, DW_AT_location, &a) > 0) {
        enum dwarf_form_class cls = dwarf_form_class(a.form);
        if (cls == DWARF_CLASS_EXPRLOC || cls == DWARF_CLASS_BLOCK) {
            if (dwarf_attr_block(&a, &expr, &len) < 0 || len == 0) {
                hdb_cli_out(c, "%soptimized out.\n", b->s);
                return;
            }
            if (expr[0] == DW_OP_addr && len == 9) {
                uint64_t addr = 0;
                memcpy(&addr, expr + 1, 8);
                hdb_sb_printf(b, "static storage at address 0x%llx",
                              (unsigned long long)(addr + sc->bias));
            } else {
                rc = describe_expr(sc, expr, len);
            }
        } else {
            rc = describe_list(sc, v, &a);
        }
    } else if (dwarf_die_attr(v, DW_AT_const_value, &a) > 0) {
        int64_t val = 0;
        if (dwarf_attr_signed(&a, &val) < 0) {
            uint64_t uv = 0;
            dwarf_attr_unsigned(&a, &uv);
            val = (int64_t)uv;
        }
        hdb_sb_printf(b, "a constant with value %lld (0x%llx)", (long long)val,
                      (unsigned long long)val);
    } else {
        hdb_cli_out(c, "%soptimized out.\n", b->s);
        return;
    }
    if (rc < 0) {
        hdb_cli_out(c, "%s\n", b->s);
        hdb_cli_err(c, "Corrupted DWARF2 expression for symbol \"%s\".\n", name);
        return;
    }
    struct dwarf_attr ta;
    enum dwarf_section_id sec;
    uint64_t toff;
    struct hdb_ctype t;
    if (dwarf_die_attr_inherited(v, DW_AT_type, &hu, NULL, &ta) > 0 &&
        dwarf_attr_ref(&ta, &sec, &toff) == 0 && hdb_ctype_resolve(sc->dw, sc->unit, toff, &t) == 0)
        hdb_sb_printf(b, ", length %llu.", (unsigned long long)t.size);
    hdb_cli_out(c, "%s\n", b->s);
}

/*
 * The symbols of block d, then those of the blocks around it up to the
 * function: the chain of blocks holding pc, innermost first.
 */
static int scope_blocks(struct scope *sc, const struct dwarf_die *d, uint64_t pc, int *count)
{
    struct dwarf_die ch;
    for (int more = dwarf_die_first_child(d, &ch); more > 0;
         more = dwarf_die_next_sibling(&ch, &ch))
        if (ch.tag == DW_TAG_lexical_block && hdb_die_covers(&ch, pc)) {
            int inner = scope_blocks(sc, &ch, pc, count);
            if (inner != 0)
                return inner; /* an inlined call ended the walk */
            break;
        } else if (ch.tag == DW_TAG_inlined_subroutine && hdb_die_covers(&ch, pc)) {
            scope_blocks(sc, &ch, pc, count);
            return 1;
        }
    for (int more = dwarf_die_first_child(d, &ch); more > 0;
         more = dwarf_die_next_sibling(&ch, &ch))
        if (ch.tag == DW_TAG_formal_parameter || ch.tag == DW_TAG_variable) {
            if (*count == 0)
                hdb_cli_out(sc->c, "Scope for %s:\n", sc->what);
            (*count)++;
            describe_symbol(sc, &ch);
        }
    return 0;
}

int hdb_cli_info_scope(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!*args) {
        hdb_cli_err(c, "requires an argument (function, line or *addr) to define a scope\n");
        return HDB_E_ARG;
    }
    if (!s->img) {
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
        return HDB_E_NOT_FOUND;
    }
    uint64_t locs[16];
    int n = hdb_session_resolve(s, args, locs, 16);
    if (n <= 0) {
        if (strchr(args, ':') || args[0] == '*' || (args[0] >= '0' && args[0] <= '9'))
            hdb_cli_err(c, "No line %s in the current file.\n", args);
        else
            hdb_cli_err(c, "Function \"%s\" not defined.\n", args);
        return HDB_E_NOT_FOUND;
    }
    uint64_t pc = hdb_session_bp_runtime(s, locs[0]);
    struct hdb_symview v;
    if (!hdb_session_symview_at(s, pc, &v) || !v.dinfo) {
        hdb_cli_out(c, "Scope for %s contains no locals or arguments.\n", args);
        return 0;
    }
    uint64_t link = pc - v.bias;
    const struct hdb_dfunc *f = hdb_dinfo_func_at(v.dinfo, link);
    struct dwarf_unit u;
    struct dwarf_die fd;
    int count = 0;
    struct scope sc = {c, v.dw, f ? f->unit : 0, &fd, &c->out, v.bias, args};
    if (f && hdb_dinfo_die(v.dw, f->unit, f->die, &u, &fd) == 0)
        scope_blocks(&sc, &fd, link, &count);
    if (count == 0)
        hdb_cli_out(c, "Scope for %s contains no locals or arguments.\n", args);
    return 0;
}
