/*
 * cli_infosym.c: info line, info address and info symbol, in gdb's words
 * (GDB manual "Source and Machine Code", "Examining the Symbol Table").
 *
 * info line takes a LOCATION (FUNC, FILE:LINE, LINE, *EXPR) and says which
 * addresses the line's code spans; info address says where a symbol's
 * storage is; info symbol names the ELF symbol and section an address is
 * in. Like gdb, the answers use runtime addresses once a process exists.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/dinfo.h>
#include <hdb/error.h>
#include <hdb/frameinfo.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

/* " <sym+off>" after an address, as gdb's info line shows both ends of a line. */
static void addr_sym(struct hdb_cli *c, uint64_t rt)
{
    hdb_sb_printf(&c->out, "0x%llx", (unsigned long long)rt);
    hdb_format_symbolic(c->s, rt, &c->out);
}

/* One line's span: [start, end) link-time; no code when start == end. */
static void print_line_span(struct hdb_cli *c, uint32_t file, uint32_t line, uint64_t start,
                            uint64_t end)
{
    struct hdb_session *s = c->s;
    hdb_sb_reset(&c->out);
    hdb_sb_printf(&c->out, "Line %u of \"%s\" ", line, s->lines.files[file].name);
    if (start == end) {
        hdb_sb_printf(&c->out, "is at address ");
        addr_sym(c, hdb_session_to_runtime(s, start));
        hdb_sb_printf(&c->out, " but contains no code.");
    } else {
        hdb_sb_printf(&c->out, "starts at address ");
        addr_sym(c, hdb_session_to_runtime(s, start));
        hdb_sb_printf(&c->out, " and ends at ");
        addr_sym(c, hdb_session_to_runtime(s, end));
        hdb_sb_printf(&c->out, ".");
    }
    hdb_cli_out(c, "%s\n", c->out.s);
}

/* The span of the line table row holding a link-time address; gdb's answer for *ADDR and FUNC. */
static int line_of_addr(struct hdb_cli *c, uint64_t link)
{
    struct hdb_session *s = c->s;
    struct hdb_line_loc loc;
    if (hdb_lines_find(&s->lines, link, &loc) < 0 || loc.line == 0) {
        hdb_sb_reset(&c->out);
        addr_sym(c, hdb_session_to_runtime(s, link));
        hdb_cli_out(c, "No line number information available for address %s\n", c->out.s);
        return 0;
    }
    /* gdb's span is the whole line: consecutive rows of the same line merge. */
    uint64_t end = loc.end;
    struct hdb_line_loc next;
    while (hdb_lines_find(&s->lines, end, &next) == 0 && next.line == loc.line &&
           next.file == loc.file && next.start == end && next.end > end)
        end = next.end;
    print_line_span(c, loc.file, loc.line, loc.start, end);
    return 0;
}

/* info line FILE:LINE or LINE: the first row of the line, or where the next line with code starts.
 */
static int line_of_number(struct hdb_cli *c, const char *file, uint32_t line)
{
    struct hdb_session *s = c->s;
    uint64_t addrs[16];
    uint32_t files[16], found;
    int n = hdb_lines_addrs(&s->lines, file, line, addrs, files, 16, &found);
    uint32_t fi = 0;
    bool known = false;
    for (uint32_t f = 0; f < s->lines.nfiles && !known; f++)
        if (hdb_lines_file_matches(&s->lines, f, file))
            fi = f, known = true;
    if (!known) {
        hdb_cli_err(c, "No source file named %s.\n", file);
        return HDB_E_NOT_FOUND;
    }
    if (n <= 0) {
        hdb_cli_out(c, "Line number %u is out of range for \"%s\".\n", line,
                    s->lines.files[fi].name);
        return 0;
    }
    /* No code of its own: no row, or its row shares its address with another line's. */
    struct hdb_line_loc at;
    if (found != line || hdb_lines_find(&s->lines, addrs[0], &at) < 0 || at.line != line) {
        print_line_span(c, files[0], line, addrs[0], addrs[0]);
        return 0;
    }
    return line_of_addr(c, addrs[0]);
}

/* The file a bare LINE refers to: the selected frame's, else main's. */
static const char *default_file(struct hdb_cli *c)
{
    struct hdb_session *s = c->s;
    struct hdb_line_loc loc;
    uint64_t pc;
    if (hdb_cli_selected_pc(c, &pc) == 0 &&
        hdb_lines_find(&s->lines, hdb_session_to_link(s, s->frame ? pc - 1 : pc), &loc) == 0)
        return s->lines.files[loc.file].path;
    if (c->list_valid)
        return s->lines.files[c->list_file].path;
    const struct hdb_dfunc *m = hdb_dinfo_func_by_name(&s->dinfo, "main");
    if (m && hdb_lines_find(&s->lines, m->lo, &loc) == 0)
        return s->lines.files[loc.file].path;
    return NULL;
}

static bool all_digits(const char *p)
{
    if (!*p)
        return false;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p))
            return false;
    return true;
}

static int info_line(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!*args) {
        uint64_t pc;
        struct hdb_line_loc loc;
        if (hdb_cli_selected_pc(c, &pc) < 0 ||
            hdb_lines_find(&s->lines, hdb_session_to_link(s, s->frame ? pc - 1 : pc), &loc) < 0) {
            hdb_cli_out(c, "No line number information available.\n");
            return 0;
        }
        return line_of_addr(c, hdb_session_to_link(s, s->frame ? pc - 1 : pc));
    }
    if (!hdb_cli_have_debug_info(c) && *args != '*') {
        const struct hdb_symbol *sym = s->img ? hdb_sym_func_by_name(s->img, args) : NULL;
        if (!sym) {
            hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
            return HDB_E_NOT_FOUND;
        }
        return line_of_addr(c, sym->addr);
    }
    if (*args == '*') {
        struct hdb_value v;
        const char *stop;
        uint64_t a;
        int rc = hdb_eval_at(s, args + 1, &v, &stop);
        if (rc == 0)
            rc = hdb_value_as_u64(s, &v, &a);
        if (rc < 0) {
            hdb_cli_eval_error(c, rc, args + 1, stop);
            return rc;
        }
        return line_of_addr(c, hdb_session_to_link(s, a));
    }
    const char *colon = strrchr(args, ':');
    if (colon && all_digits(colon + 1)) {
        char file[512];
        size_t n = (size_t)(colon - args);
        if (n >= sizeof(file))
            n = sizeof(file) - 1;
        memcpy(file, args, n);
        file[n] = 0;
        return line_of_number(c, file, (uint32_t)strtoul(colon + 1, NULL, 10));
    }
    if (all_digits(args)) {
        const char *file = default_file(c);
        if (!file) {
            hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
            return HDB_E_NOT_FOUND;
        }
        return line_of_number(c, file, (uint32_t)strtoul(args, NULL, 10));
    }
    const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s->dinfo, args);
    if (f)
        return line_of_addr(c, f->lo);
    const struct hdb_symbol *sym = hdb_sym_func_by_name(s->img, args);
    if (sym)
        return line_of_addr(c, sym->addr);
    hdb_cli_err(c, "Function \"%s\" not defined.\n", args);
    return HDB_E_NOT_FOUND;
}

/* A signed LEB128 operand (DWARF5 7.6); false past the end. */
static bool sleb(const uint8_t **p, const uint8_t *end, int64_t *out)
{
    uint64_t v = 0;
    unsigned shift = 0;
    uint8_t byte;
    do {
        if (*p >= end || shift > 63)
            return false;
        byte = *(*p)++;
        v |= (uint64_t)(byte & 0x7f) << shift;
        shift += 7;
    } while (byte & 0x80);
    if (shift < 64 && (byte & 0x40))
        v |= ~0ull << shift;
    *out = (int64_t)v;
    return true;
}

/* gdb's description of a local's location expression, for the ones C compilers emit at -O0. */
static int describe_local(struct hdb_cli *c, const char *name, uint64_t unit, uint64_t die)
{
    struct hdb_session *s = c->s;
    struct dwarf_unit u;
    struct dwarf_die d;
    struct dwarf_attr a;
    const uint8_t *expr;
    uint64_t len;
    if (hdb_dinfo_die(&s->dw, unit, die, &u, &d) < 0 || dwarf_die_attr(&d, DW_AT_location, &a) <= 0)
        goto optimized;
    enum dwarf_form_class cls = dwarf_form_class(a.form);
    if ((cls != DWARF_CLASS_EXPRLOC && cls != DWARF_CLASS_BLOCK) ||
        dwarf_attr_block(&a, &expr, &len) < 0 || len == 0)
        goto complex;
    const uint8_t *p = expr + 1, *end = expr + len;
    int64_t off;
    if (expr[0] == DW_OP_fbreg && sleb(&p, end, &off) && p == end) {
        hdb_cli_out(c,
                    "Symbol \"%s\" is a complex DWARF expression:\n     0: DW_OP_fbreg %lld\n.\n",
                    name, (long long)off);
        return 0;
    }
    if (expr[0] >= DW_OP_reg0 && expr[0] < DW_OP_reg0 + 17 && len == 1) {
        static const char *const dwregs[17] = {"rax", "rdx", "rcx", "rbx", "rsi", "rdi",
                                               "rbp", "rsp", "r8",  "r9",  "r10", "r11",
                                               "r12", "r13", "r14", "r15", "rip"};
        hdb_cli_out(c, "Symbol \"%s\" is a variable in $%s.\n", name, dwregs[expr[0] - DW_OP_reg0]);
        return 0;
    }
complex:
    hdb_cli_err(c, "Symbol \"%s\" has a location hdb cannot describe yet.\n", name);
    return HDB_E_NOTSUP;
optimized:
    hdb_cli_out(c, "Symbol \"%s\" is optimized out.\n", name);
    return 0;
}

static int info_address(struct hdb_cli *c, const char *name)
{
    struct hdb_session *s = c->s;
    if (!*name) {
        hdb_cli_err(c, "Argument required.\n");
        return HDB_E_ARG;
    }
    uint64_t unit, die;
    if (s->img && hdb_frame_find_var(s, name, &unit, &die) == 0)
        return describe_local(c, name, unit, die);
    const struct hdb_dvar *dv = s->img ? hdb_dinfo_var_by_name(&s->dinfo, name) : NULL;
    if (dv) {
        hdb_cli_out(c, "Symbol \"%s\" is static storage at address 0x%llx.\n", name,
                    (unsigned long long)hdb_session_to_runtime(s, dv->addr));
        return 0;
    }
    const struct hdb_dfunc *df = s->img ? hdb_dinfo_func_by_name(&s->dinfo, name) : NULL;
    if (df) {
        hdb_cli_out(c, "Symbol \"%s\" is a function at address 0x%llx.\n", name,
                    (unsigned long long)hdb_session_to_runtime(s, df->lo));
        return 0;
    }
    const struct hdb_symbol *sym = NULL;
    if (s->img && !(sym = hdb_sym_func_by_name(s->img, name)))
        sym = hdb_sym_object_by_name(s->img, name);
    if (sym) {
        hdb_cli_out(c, "Symbol \"%s\" is at 0x%llx in a file compiled without debugging.\n", name,
                    (unsigned long long)hdb_session_to_runtime(s, sym->addr));
        return 0;
    }
    if (!hdb_cli_have_debug_info(c))
        hdb_cli_err(c, "No symbol table is loaded.  Use the \"file\" command.\n");
    else
        hdb_cli_err(c, "No symbol \"%s\" in current context.\n", name);
    return HDB_E_NOT_FOUND;
}

/* The ELF symbol containing link-time addr in img, and the name of its section. */
static const struct hdb_symbol *symbol_in(const struct hdb_image *img, uint64_t addr,
                                          const char **section)
{
    const struct hdb_symbol *sym = hdb_sym_at(img, addr);
    *section = NULL;
    for (size_t i = 0; sym && i < img->nsections; i++)
        if (addr >= img->sections[i].addr && addr < img->sections[i].addr + img->sections[i].size)
            *section = img->sections[i].name;
    return sym && *section ? sym : NULL;
}

static int info_symbol(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!*args) {
        hdb_cli_err(c, "Argument required (address).\n");
        return HDB_E_ARG;
    }
    struct hdb_value v;
    const char *stop;
    uint64_t addr;
    int rc = hdb_eval_at(s, args, &v, &stop);
    if (rc == 0)
        rc = hdb_value_as_u64(s, &v, &addr);
    if (rc < 0) {
        hdb_cli_eval_error(c, rc, args, stop);
        return rc;
    }
    const char *section;
    const struct hdb_symbol *sym = NULL;
    const char *file = NULL;
    uint64_t start = 0;
    if (s->img && (sym = symbol_in(s->img, hdb_session_to_link(s, addr), &section))) {
        start = hdb_session_to_runtime(s, sym->addr);
        /* gdb names the file once there is more than one (the libraries of a process). */
        file = s->nmods ? s->prog_path : NULL;
    } else {
        const struct hdb_module *m = hdb_session_module_at(s, addr);
        if (m && (sym = symbol_in(m->img, addr - m->bias, &section))) {
            start = sym->addr + m->bias;
            file = m->path;
        }
    }
    if (!sym) {
        hdb_cli_out(c, "No symbol matches %s.\n", args);
        return 0;
    }
    hdb_sb_reset(&c->out);
    hdb_sb_printf(&c->out, "%.*s", hdb_sym_print_len(sym->name), sym->name);
    if (addr != start)
        hdb_sb_printf(&c->out, " + %llu", (unsigned long long)(addr - start));
    hdb_sb_printf(&c->out, " in section %s", section);
    if (file)
        hdb_sb_printf(&c->out, " of %s", file);
    hdb_cli_out(c, "%s\n", c->out.s);
    return 0;
}

int hdb_cli_info_symbols(struct hdb_cli *c, int id, const char *args)
{
    switch (id) {
    case HDB_INFO_LINE:
        return info_line(c, args);
    case HDB_INFO_ADDRESS:
        return info_address(c, args);
    default:
        return info_symbol(c, args);
    }
}
