/*
 * locspec.c: breakpoint locations from what the user typed.
 *
 *   FUNCTION      after the function's prologue
 *   FILE:LINE     the is_stmt rows of the line (or the next line with code),
 *   LINE          the first address per function; at a function's entry,
 *                 after its prologue, like a FUNCTION breakpoint
 *   *ADDRESS      exactly there (a runtime address)
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

static int resolve_in(struct hdb_session *s, const char *spec, uint64_t *addrs, int max)
{
    if (!s->img)
        return HDB_E_NOT_FOUND;
    while (*spec == ' ')
        spec++;
    if (*spec == '*') {
        char *end;
        uint64_t a = strtoull(spec + 1, &end, 0);
        if (end == spec + 1 || *end) {
            /* *EXPR: any expression's value (`*add`, `*$pc + 4`), as gdb takes it. */
            struct hdb_value v;
            if (hdb_eval(s, spec + 1, &v) < 0 || hdb_value_as_u64(s, &v, &a) < 0)
                return HDB_E_ARG;
        }
        addrs[0] = hdb_session_to_link(s, a);
        return 1;
    }
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

/*
 * In the active file first, then in the others that threads run (a
 * kernel's user programs: a breakpoint in a program no task runs would
 * patch another program's code at that address).
 */
int hdb_session_resolve(struct hdb_session *s, const char *spec, uint64_t *addrs, int max)
{
    int rc = resolve_in(s, spec, addrs, max);
    int active = s->active_obj;
    for (int k = 0; rc == HDB_E_NOT_FOUND && k < s->nobjs; k++) {
        if (k == active || !hdb_session_objfile_in_use(s, k))
            continue;
        hdb_session_activate_objfile(s, k);
        rc = resolve_in(s, spec, addrs, max);
    }
    hdb_session_activate_objfile(s, active);
    return rc;
}
