/*
 * locspec.c: breakpoint locations from what the user typed.
 *
 *   FUNCTION      after the function's prologue
 *   FILE:LINE     the is_stmt rows of the line (or the next line with code),
 *   LINE          the first address per function; at a function's entry,
 *                 after its prologue, like a FUNCTION breakpoint
 *   *ADDRESS      exactly there (a runtime address; *EXPR: an expression's value)
 *
 * A spec is looked for in the active file, the program, the shared
 * libraries in the loader's order, and last among the program's PLT stubs
 * (`break puts` before the run: gdb's `puts@plt`, moved into libc once it
 * is loaded). Results are breakpoint locations (hdb_session_bp_loc).
 * A library's DWARF is read for a function its ELF symbols name, and for
 * FILE:LINE (which can be anywhere).
 */
#include <stdlib.h>
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/symtab.h>
#include <hdb/value.h>

static bool all_digits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return false;
    return true;
}

/* The file of the current stop, else the one main is in: what a bare LINE means. */
static const char *default_file(struct hdb_session *s)
{
    struct hdb_line_loc loc;
    if (s->pid) {
        struct hdb_regs regs;
        if (hdb_session_regs(s, &regs) == 0 &&
            hdb_lines_find(&s->lines, hdb_session_to_link(s, regs.v[HDB_REG_RIP]), &loc) == 0)
            return s->lines.files[loc.file].path;
    }
    const struct hdb_dfunc *m = hdb_dinfo_func_by_name(&s->dinfo, "main");
    if (m && hdb_lines_find(&s->lines, m->lo, &loc) == 0)
        return s->lines.files[loc.file].path;
    return NULL;
}

static int resolve_line(struct hdb_session *s, const char *file, uint32_t line, uint64_t *addrs,
                        int max)
{
    uint64_t cand[64];
    uint32_t files[64];
    uint32_t found;
    int n = hdb_lines_addrs(&s->lines, file, line, cand, files, 64, &found);
    if (n < 0)
        return n;
    int out = 0;
    for (int i = 0; i < n; i++) {
        const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, cand[i]);
        /* One location per function: the first (lowest) address of the line in it. */
        bool dup = false;
        for (int j = 0; j < i && f; j++)
            dup = dup || hdb_dinfo_func_at(&s->dinfo, cand[j]) == f;
        if (dup)
            continue;
        uint64_t a = cand[i];
        if (f && a == f->lo)
            hdb_session_func_bp_addr(s, f->lo, f->hi, &a);
        if (out < max)
            addrs[out++] = a;
    }
    return out;
}

/* Is f the file named (len bytes): its path or name, or either's tail after a '/'? */
static bool file_is(const struct hdb_line_file *f, const char *name, size_t len)
{
    const char *whole[] = {f->path, f->name};
    for (int i = 0; i < 2; i++) {
        size_t n = whole[i] ? strlen(whole[i]) : 0;
        if (n >= len && memcmp(whole[i] + n - len, name, len) == 0 &&
            (n == len || whole[i][n - len - 1] == '/' || name[0] == '/'))
            return true;
    }
    return false;
}

/* FILE:LINE, FILE:FUNCTION, LINE or FUNCTION in the active file: its link-time addresses. */
static int resolve_source(struct hdb_session *s, const char *spec, uint64_t *addrs, int max)
{
    const char *colon = strrchr(spec, ':');
    if (colon && all_digits(colon + 1)) {
        char file[512];
        size_t fl = (size_t)(colon - spec);
        if (fl == 0 || fl >= sizeof(file))
            return HDB_E_ARG;
        memcpy(file, spec, fl);
        file[fl] = 0;
        return resolve_line(s, file, (uint32_t)strtoul(colon + 1, NULL, 10), addrs, max);
    }
    if (colon && colon[1] && colon != spec) {
        /* FILE:FUNCTION (rbreak's and save breakpoints' spelling): the function, in that file. */
        const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s->dinfo, colon + 1);
        struct hdb_line_loc loc;
        if (!f || hdb_lines_find(&s->lines, f->lo, &loc) < 0 ||
            !file_is(&s->lines.files[loc.file], spec, (size_t)(colon - spec)))
            return HDB_E_NOT_FOUND;
        hdb_session_func_bp_addr(s, f->lo, f->hi, &addrs[0]);
        return 1;
    }
    if (all_digits(spec)) {
        const char *file = default_file(s);
        if (!file)
            return HDB_E_NOT_FOUND;
        return resolve_line(s, file, (uint32_t)strtoul(spec, NULL, 10), addrs, max);
    }
    const struct hdb_dfunc *f = hdb_dinfo_func_by_name(&s->dinfo, spec);
    if (f) {
        hdb_session_func_bp_addr(s, f->lo, f->hi, &addrs[0]);
        return 1;
    }
    const struct hdb_symbol *sym = hdb_sym_func_by_name(s->img, spec);
    if (sym) {
        hdb_session_func_bp_addr(s, sym->addr, sym->addr + sym->size, &addrs[0]);
        return 1;
    }
    return HDB_E_NOT_FOUND;
}

/* The spec in the active file, as breakpoint locations. */
static int resolve_in(struct hdb_session *s, const char *spec, uint64_t *addrs, int max)
{
    if (!s->img)
        return HDB_E_NOT_FOUND;
    if (*spec == '*') {
        char *end;
        uint64_t a = strtoull(spec + 1, &end, 0);
        if (end == spec + 1 || *end) {
            /* *EXPR: any expression's value (`*add`, `*$pc + 4`), as gdb takes it. */
            struct hdb_value v;
            if (hdb_eval(s, spec + 1, &v) < 0 || hdb_value_as_u64(s, &v, &a) < 0)
                return HDB_E_ARG;
        }
        addrs[0] = hdb_session_bp_loc(s, a);
        return 1;
    }
    int n = resolve_source(s, spec, addrs, max);
    for (int i = 0; i < n; i++)
        addrs[i] = hdb_session_bp_loc(s, hdb_session_to_runtime(s, addrs[i]));
    return n;
}

static bool is_name(const char *spec)
{
    for (const char *p = spec; *p; p++)
        if (!(*p == '_' || *p == '.' || *p == '$' || (*p >= '0' && *p <= '9') ||
              (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
            return false;
    return *spec && !all_digits(spec);
}

/*
 * Library k, if the spec can be there: a FILE:LINE may be anywhere, a
 * function name only where the ELF symbols have it (the DWARF is read
 * only then).
 */
static int resolve_in_module(struct hdb_session *s, int k, const char *spec, uint64_t *addrs,
                             int max)
{
    if (all_digits(spec) ||
        (is_name(spec) && !s->mods[k].have_sym && !hdb_sym_func_by_name(s->mods[k].img, spec)))
        return HDB_E_NOT_FOUND;
    hdb_session_module_symbols(s, k);
    hdb_session_activate_module(s, k);
    return resolve_in(s, spec, addrs, max);
}

int hdb_session_resolve_in_libraries(struct hdb_session *s, const char *name, uint64_t *loc)
{
    int active = s->active_mod - 1, rc = HDB_E_NOT_FOUND;
    for (int k = 0; rc == HDB_E_NOT_FOUND && k < s->nmods; k++)
        rc = resolve_in_module(s, k, name, loc, 1);
    hdb_session_activate_module(s, active);
    return rc < 0 ? rc : 0;
}

int hdb_session_resolve(struct hdb_session *s, const char *spec, uint64_t *addrs, int max)
{
    while (*spec == ' ')
        spec++;
    int active = s->active_obj, active_mod = s->active_mod - 1;
    int rc = resolve_in(s, spec, addrs, max);
    /* A kernel's user programs: only those threads run (another's code may be at the address). */
    for (int k = 0; rc == HDB_E_NOT_FOUND && k < s->nobjs; k++) {
        if ((k == active && active_mod < 0) || !hdb_session_objfile_in_use(s, k))
            continue;
        hdb_session_activate_objfile(s, k);
        rc = resolve_in(s, spec, addrs, max);
    }
    if (rc == HDB_E_NOT_FOUND && active_mod >= 0) {
        hdb_session_activate_module(s, -1);
        rc = resolve_in(s, spec, addrs, max);
    }
    for (int k = 0; rc == HDB_E_NOT_FOUND && k < s->nmods; k++)
        if (k != active_mod)
            rc = resolve_in_module(s, k, spec, addrs, max);
    hdb_session_activate_objfile(s, active);
    hdb_session_activate_module(s, active_mod);
    uint64_t stub;
    if (rc == HDB_E_NOT_FOUND && is_name(spec) && hdb_session_plt_stub(s, spec, &stub) == 0) {
        addrs[0] = stub;
        rc = 1;
    }
    return rc;
}

/*
 * Is a breakpoint location outside the program (in a library, loaded or
 * gone since), or in a PLT stub whose library may come?
 */
static bool movable(struct hdb_session *s, uint64_t loc)
{
    uint64_t rt = hdb_session_bp_runtime(s, loc), start;
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    return !hdb_image_contains(prog.img, prog.bias, rt) || hdb_session_plt_stub_at(s, rt, &start);
}

int hdb_session_reset_bps(struct hdb_session *s, bool all)
{
    int disabled = 0;
    for (size_t i = 0; i < s->bps.n; i++) {
        struct hdb_breakpoint *b = &s->bps.bps[i];
        if (b->kind != HDB_BP_CODE)
            continue;
        bool moves = b->nlocs == 0;
        for (int j = 0; j < b->nlocs; j++)
            moves = moves || movable(s, b->locs[j]);
        if (!all && (!moves || b->spec[0] == '*'))
            continue;
        uint64_t addrs[HDB_BP_MAX_LOCS];
        int n = hdb_session_resolve(s, b->spec, addrs, HDB_BP_MAX_LOCS);
        if (n > 0) {
            memcpy(b->locs, addrs, (size_t)n * sizeof(addrs[0]));
            b->nlocs = n;
        } else if (moves) {
            b->had_locs = b->had_locs || b->nlocs > 0;
            b->nlocs = 0;
        } else if (b->enabled) {
            b->enabled = false;
            disabled++;
        }
    }
    return disabled;
}
