/*
 * modsym.c: the DWARF of shared libraries, and finding which symbol file
 * holds an address.
 *
 * A library's DWARF (in itself or, as with libc6-dbg, in a separate debug
 * file) is read and indexed the first time something needs it: a stop or
 * a frame in the library, or a name looked up there. libc's line table
 * and function index cost a third of a second to build; a session that
 * never looks inside libc never pays it.
 *
 * A library without DWARF gets empty indexes, so that it too can be the
 * active file (its ELF symbols then serve, as the program's do when it has
 * no DWARF). Lookups by address go to the file holding the address: the
 * active one (whose indexes are the session's own fields), the program
 * when a library is active, or a library, with its DWARF when it has been
 * read and its ELF symbols otherwise.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/symtab.h>

static void *dw_alloc(void *ctx, size_t size)
{
    return hdb_alloc(ctx, size);
}

static void dw_free(void *ctx, void *ptr, size_t size)
{
    hdb_free(ctx, ptr, size);
}

/* Indexes module k's DWARF into m->sym; a library without (or with unreadable) DWARF gets empty
 * ones. */
static int build(struct hdb_session *s, struct hdb_module *m)
{
    struct hdb_objfile *o = &m->sym;
    struct dwarf_section secs[DWARF_SEC_COUNT];
    if (s->loader->read_dwarf) {
        if (s->loader->read_dwarf(s->loader->ctx, m->img, secs) < 0)
            return HDB_E_FORMAT;
    } else {
        memcpy(secs, m->img->dwarf, sizeof(secs));
    }
    struct dwarf_allocator a = {dw_alloc, dw_free, (void *)s->plat};
    if (dwarf_init(&o->dw, secs, &a) < 0)
        return HDB_E_FORMAT;
    int rc = hdb_lines_build(&o->lines, s->plat, &o->dw);
    if (rc < 0)
        return rc;
    rc = hdb_dinfo_build(&o->dinfo, s->plat, &o->dw);
    if (rc < 0)
        hdb_lines_free(&o->lines);
    return rc;
}

void hdb_session_module_symbols(struct hdb_session *s, int k)
{
    struct hdb_module *m = &s->mods[k];
    if (m->have_sym)
        return;
    struct hdb_objfile *o = &m->sym;
    memset(o, 0, sizeof(*o));
    if (m->img->has_dwarf && s->loader && build(s, m) < 0)
        memset(o, 0, sizeof(*o));
    o->img = m->img;
    o->path = m->path;
    o->bias = m->bias;
    m->have_sym = true;
}

void hdb_session_module_symbols_free(struct hdb_session *s, int k)
{
    struct hdb_module *m = &s->mods[k];
    if (s->active_mod == k + 1)
        hdb_session_activate_module(s, -1);
    if (m->have_sym) {
        hdb_lines_free(&m->sym.lines);
        hdb_dinfo_free(&m->sym.dinfo);
    }
    m->have_sym = false;
}

bool hdb_image_contains(const struct hdb_image *img, uint64_t bias, uint64_t pc)
{
    for (size_t i = 0; i < img->nsections; i++)
        if (pc - bias >= img->sections[i].addr &&
            pc - bias < img->sections[i].addr + img->sections[i].size)
            return true;
    return false;
}

static void view_of(struct hdb_symview *v, const struct hdb_objfile *o, const struct hdb_module *m)
{
    v->img = o->img;
    v->path = o->path;
    v->dw = &o->dw;
    v->lines = &o->lines;
    v->dinfo = &o->dinfo;
    v->bias = o->bias;
    v->mod = m;
}

/* The session's own fields as a view: the active file. */
static void active_view(const struct hdb_session *s, struct hdb_symview *v)
{
    v->img = s->img;
    v->path = s->prog_path;
    v->dw = &s->dw;
    v->lines = &s->lines;
    v->dinfo = &s->dinfo;
    v->bias = s->bias;
    v->mod = s->active_mod ? &s->mods[s->active_mod - 1] : NULL;
}

bool hdb_session_symview_at(const struct hdb_session *s, uint64_t pc, struct hdb_symview *v)
{
    if (!s->img)
        return false;
    active_view(s, v);
    if (v->mod ? pc >= v->mod->lo && pc < v->mod->hi : hdb_image_contains(s->img, s->bias, pc))
        return true;
    const struct hdb_module *m = hdb_session_module_at(s, pc);
    if (m && m->have_sym) {
        view_of(v, &m->sym, m);
        return true;
    }
    if (m) {
        memset(v, 0, sizeof(*v));
        v->img = m->img;
        v->path = m->path;
        v->bias = m->bias;
        v->mod = m;
        return true;
    }
    /* A library is active: the program's indexes wait in objs[active_obj]. */
    const struct hdb_objfile *o = &s->objs[s->active_obj];
    if (s->active_mod && hdb_image_contains(o->img, o->bias, pc)) {
        view_of(v, o, NULL);
        return true;
    }
    return false;
}

void hdb_session_program_view(const struct hdb_session *s, struct hdb_symview *v)
{
    if (s->active_mod || s->active_obj)
        view_of(v, &s->objs[0], NULL);
    else
        active_view(s, v);
}

uint64_t hdb_session_prog_bias(const struct hdb_session *s)
{
    return s->active_mod || s->active_obj ? s->objs[0].bias : s->bias;
}

uint64_t hdb_session_bp_runtime(const struct hdb_session *s, uint64_t loc)
{
    return loc + hdb_session_prog_bias(s);
}

uint64_t hdb_session_bp_loc(const struct hdb_session *s, uint64_t runtime)
{
    return runtime - hdb_session_prog_bias(s);
}

uint64_t hdb_session_bp_link(const struct hdb_session *s, uint64_t loc)
{
    return hdb_session_to_link(s, hdb_session_bp_runtime(s, loc));
}

/*
 * The program's PLT stubs have no ELF symbols; gdb names them `puts@plt`.
 * Their table is built on first use, a cache the const lookups may fill.
 */
static const char *plt_stub_at(const struct hdb_session *s, uint64_t addr, uint64_t *start)
{
    return hdb_session_plt_stub_at((struct hdb_session *)s, addr, start);
}

/* The function (or, unless funcs_only, the data object) holding addr; *start: where it begins. */
static const char *name_at(const struct hdb_session *s, uint64_t addr, bool funcs_only,
                           uint64_t *start)
{
    struct hdb_symview v;
    uint64_t at;
    if (!hdb_session_symview_at(s, addr, &v))
        return NULL;
    uint64_t link = addr - v.bias;
    const struct hdb_dfunc *f = v.dinfo ? hdb_dinfo_func_at(v.dinfo, link) : NULL;
    if (f) {
        *start = f->lo + v.bias;
        return f->name;
    }
    const struct hdb_symbol *sym =
        funcs_only ? hdb_sym_func_at(v.img, link) : hdb_sym_at(v.img, link);
    if (sym) {
        *start = sym->addr + v.bias;
        return sym->name;
    }
    const char *plt = v.mod ? NULL : plt_stub_at(s, addr, &at);
    if (plt)
        *start = at;
    return plt;
}

const char *hdb_session_func_at(const struct hdb_session *s, uint64_t pc, uint64_t *start)
{
    uint64_t at;
    const char *name = name_at(s, pc, true, &at);
    if (name && start)
        *start = at;
    return name;
}

const char *hdb_session_symbol_at(const struct hdb_session *s, uint64_t addr, uint64_t *start)
{
    return name_at(s, addr, false, start);
}

int hdb_session_find_line(const struct hdb_session *s, uint64_t addr, struct hdb_line_loc *loc,
                          const struct hdb_lines **lines)
{
    struct hdb_symview v;
    uint64_t rt = hdb_session_bp_runtime(s, addr);
    if (hdb_session_symview_at(s, rt, &v) && v.lines &&
        hdb_lines_find(v.lines, rt - v.bias, loc) == 0) {
        *lines = v.lines;
        return 0;
    }
    /* A kernel's user programs share their addresses: the line in any of them. */
    for (int k = 0; k < s->nobjs; k++) {
        if (k == s->active_obj && !s->active_mod)
            continue;
        *lines = &s->objs[k].lines;
        if (hdb_lines_find(*lines, addr, loc) == 0)
            return 0;
    }
    return HDB_E_NOT_FOUND;
}
