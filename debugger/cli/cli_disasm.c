/*
 * cli_disasm.c: `disassemble` and `x/Ni`, laid out as gdb lays them out.
 *
 *   disassemble [/r] [/s]              the selected frame's function
 *   disassemble [/r] [/s] ADDR         the function containing ADDR
 *   disassemble [/r] [/s] START,END    [START, END)
 *   disassemble [/r] [/s] START,+LEN   [START, START + LEN)
 *
 * A function is dumped with `<+off>` labels, a range with `<func+off>`;
 * `=>` marks the selected frame's pc. /r adds the raw bytes, /s the source
 * lines each run of instructions comes from.
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

int hdb_cli_selected_pc(struct hdb_cli *c, uint64_t *pc)
{
    struct hdb_frame frame;
    int rc = hdb_session_selected_frame(c->s, &frame);
    if (rc < 0)
        return rc;
    *pc = frame.pc;
    return 0;
}

const char *hdb_cli_func_bounds(struct hdb_session *s, uint64_t addr, uint64_t *lo, uint64_t *hi)
{
    if (!s->img)
        return NULL;
    uint64_t link = hdb_session_to_link(s, addr);
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, link);
    if (f) {
        *lo = hdb_session_to_runtime(s, f->lo);
        *hi = hdb_session_to_runtime(s, f->hi);
        return f->name;
    }
    const struct hdb_symbol *sym = hdb_sym_func_at(s->img, link);
    uint64_t bias = s->bias;
    if (!sym || link >= sym->addr + sym->size) {
        const struct hdb_module *m = hdb_session_module_at(s, addr);
        sym = m ? hdb_sym_func_at(m->img, addr - m->bias) : NULL;
        bias = m ? m->bias : 0;
        if (!sym || addr - bias >= sym->addr + sym->size)
            return NULL;
    }
    *lo = sym->addr + bias;
    *hi = sym->addr + sym->size + bias;
    return sym->name;
}

static int eval_addr(struct hdb_cli *c, const char *expr, uint64_t *out)
{
    struct hdb_value v;
    const char *stop;
    int rc = hdb_eval_at(c->s, expr, &v, &stop);
    if (rc == 0)
        rc = hdb_value_as_u64(c->s, &v, out);
    if (rc < 0)
        hdb_cli_eval_error(c, rc, expr, stop);
    return rc;
}

/* The source lines of a run of instructions, for /s: the file once, then "LINE\ttext". */
struct src_state {
    uint32_t file, line;
    bool any;
};

static void source_for(struct hdb_cli *c, uint64_t pc, struct src_state *st)
{
    struct hdb_session *s = c->s;
    struct hdb_line_loc loc;
    if (hdb_lines_find(&s->lines, hdb_session_to_link(s, pc), &loc) < 0)
        return;
    if (st->any && loc.file == st->file && loc.line == st->line)
        return;
    if (!st->any || loc.file != st->file)
        hdb_cli_out(c, "%s%s:\n", st->any ? "\n" : "", s->lines.files[loc.file].name);
    else
        hdb_cli_out(c, "\n");
    /* Going forward, the lines skipped since the last one are shown too (they hold no code). */
    uint32_t first = loc.line;
    if (st->any && loc.file == st->file && loc.line > st->line)
        first = st->line + 1;
    for (uint32_t l = first; l <= loc.line; l++) {
        size_t len;
        const char *text = hdb_cli_source_line(c, loc.file, l, &len);
        if (text)
            hdb_cli_out(c, "%u\t%.*s\n", l, (int)len, text);
        else
            hdb_cli_out(c, "%u\tin %s\n", l, s->lines.files[loc.file].path);
    }
    st->file = loc.file;
    st->line = loc.line;
    st->any = true;
}

/* The instructions of [lo, hi); func: the function's name (labels <+off>), or NULL (<sym+off>). */
static int dump(struct hdb_cli *c, uint64_t lo, uint64_t hi, const char *func, bool raw, bool src)
{
    struct hdb_session *s = c->s;
    uint64_t pc = 0;
    bool have_pc = hdb_cli_selected_pc(c, &pc) == 0;
    struct src_state st = {0};
    for (uint64_t a = lo; a < hi;) {
        if (src)
            source_for(c, a, &st);
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "%s0x%016llx", have_pc && a == pc ? "=> " : "   ",
                      (unsigned long long)a);
        uint64_t start;
        const char *name = func ? func : hdb_session_symbol_at(s, a, &start);
        if (func)
            hdb_sb_printf(&c->out, " <+%llu>", (unsigned long long)(a - lo));
        else if (name)
            hdb_sb_printf(&c->out, " <%s+%llu>", name, (unsigned long long)(a - start));
        hdb_sb_printf(&c->out, ":\t");
        struct hdb_insn in;
        int rc = hdb_disasm_at(s, &c->disasm, a, &in);
        if (rc < 0) {
            /* gdb leaves the address on its line and says why below it. */
            hdb_cli_out(c, "%s\n", c->out.s);
            hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)a);
            return rc;
        }
        if (raw) {
            hdb_disasm_bytes(&in, &c->out);
            hdb_sb_putc(&c->out, '\t');
        }
        hdb_disasm_text(s, &c->disasm, &in, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        a += in.len;
    }
    hdb_cli_out(c, "End of assembler dump.\n");
    return 0;
}

int hdb_cli_cmd_disassemble(struct hdb_cli *c, const char *fmt, const char *args)
{
    bool raw = strchr(fmt, 'r') != NULL, src = strchr(fmt, 's') || strchr(fmt, 'm');
    /* Modifiers written apart from the command word: `disassemble /r main`. */
    while (*args == '/') {
        for (args++; *args && *args != ' '; args++) {
            if (*args == 'r')
                raw = true;
            else if (*args == 's' || *args == 'm')
                src = true;
            else {
                hdb_cli_err(c, "Invalid disassembly modifier.\n");
                return HDB_E_ARG;
            }
        }
        while (*args == ' ')
            args++;
    }
    if (!c->disasm.ops) {
        hdb_cli_err(c, "No disassembler on this platform.\n");
        return HDB_E_NOTSUP;
    }
    uint64_t lo, hi;
    const char *comma = strchr(args, ',');
    if (comma) {
        char first[256];
        size_t n = (size_t)(comma - args);
        if (n >= sizeof(first))
            n = sizeof(first) - 1;
        memcpy(first, args, n);
        first[n] = 0;
        const char *second = comma + 1;
        while (*second == ' ')
            second++;
        bool plus = *second == '+';
        int rc = eval_addr(c, first, &lo);
        if (rc == 0)
            rc = eval_addr(c, plus ? second + 1 : second, &hi);
        if (rc < 0)
            return rc;
        if (plus)
            hi += lo;
        hdb_cli_out(c, "Dump of assembler code from 0x%llx to 0x%llx:\n", (unsigned long long)lo,
                    (unsigned long long)hi);
        return dump(c, lo, hi, NULL, raw, src);
    }
    uint64_t addr;
    if (*args) {
        int rc = eval_addr(c, args, &addr);
        if (rc < 0)
            return rc;
    } else if (hdb_cli_selected_pc(c, &addr) < 0) {
        hdb_cli_err(c, "No frame selected.\n");
        return HDB_E_NO_PROCESS;
    }
    /* A caller's pc is a return address; its function is the one holding the call. */
    uint64_t look = !*args && c->s->frame > 0 ? addr - 1 : addr;
    const char *name = hdb_cli_func_bounds(c->s, look, &lo, &hi);
    if (!name) {
        hdb_cli_err(c, "No function contains specified address.\n");
        return HDB_E_NOT_FOUND;
    }
    hdb_cli_out(c, "Dump of assembler code for function %s:\n", name);
    return dump(c, lo, hi, name, raw, src);
}

int hdb_cli_x_insns(struct hdb_cli *c, uint64_t addr, unsigned count)
{
    if (!c->disasm.ops) {
        hdb_cli_err(c, "No disassembler on this platform.\n");
        return HDB_E_NOTSUP;
    }
    uint64_t pc = 0;
    bool have_pc = hdb_cli_selected_pc(c, &pc) == 0;
    for (unsigned i = 0; i < count; i++) {
        hdb_sb_reset(&c->out);
        hdb_sb_printf(&c->out, "%s0x%llx", have_pc && addr == pc ? "=> " : "   ",
                      (unsigned long long)addr);
        hdb_format_symbolic_linkage(c->s, addr, &c->out);
        hdb_sb_printf(&c->out, ":\t");
        struct hdb_insn in;
        if (hdb_disasm_at(c->s, &c->disasm, addr, &in) < 0) {
            /* The error completes the address's line, as in gdb. */
            hdb_cli_out(c, "%s", c->out.s);
            hdb_cli_err(c, "Cannot access memory at address 0x%llx\n", (unsigned long long)addr);
            return HDB_E_IO;
        }
        hdb_disasm_text(c->s, &c->disasm, &in, &c->out);
        hdb_cli_out(c, "%s\n", c->out.s);
        addr += in.len;
        c->x_next = addr;
    }
    return 0;
}
