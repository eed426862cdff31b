/*
 * solib.c: shared libraries of the process, found the way the System V
 * ABI lets a debugger find them: the program's DT_DEBUG entry points to
 * the dynamic loader's struct r_debug, whose r_map heads the link_map
 * chain (one entry per loaded object: load bias l_addr, path l_name).
 * The structures are read through the target's memory, so the same code
 * serves any target that can read memory.
 *
 * Libraries give the core their ELF symbols (from the separate debug file
 * when installed) and their .eh_frame for unwinding at once; their DWARF
 * is read when first needed (modsym.c).
 *
 * The list is read again whenever the dynamic loader says it changed: it
 * calls _dl_debug_state (r_debug.r_brk) before and after each change, with
 * r_state RT_ADD or RT_DELETE and then RT_CONSISTENT, as gdb's SVR4 support
 * relies on. A breakpoint there (solib_bp) is planted from the first
 * instruction of the program on, found through the interpreter's symbols
 * and AT_BASE, so libraries loaded at start and by dlopen() are seen before
 * any of their code runs, and breakpoints waiting for them are set.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/symtab.h>

#define DT_NULL 0
#define DT_DEBUG 21
#define AT_NULL 0
#define AT_BASE 7
#define MAX_LINK_MAPS 256

/* struct r_debug and struct link_map on x86_64 (glibc <link.h>, the SVR4 layout). */
#define R_MAP_OFF 8
#define R_BRK_OFF 16
#define R_STATE_OFF 24
#define RT_CONSISTENT 0
#define LM_ADDR_OFF 0
#define LM_NAME_OFF 8
#define LM_NEXT_OFF 24

static bool read_u64(struct hdb_session *s, uint64_t addr, uint64_t *v)
{
    return hdb_session_read(s, addr, v, 8) == 8;
}

/*
 * A NUL-terminated string, read in pieces that end at page boundaries (a
 * read across one into an unmapped page would fail for the bytes before it).
 */
static bool read_string(struct hdb_session *s, uint64_t addr, char *buf, size_t len)
{
    size_t i = 0;
    while (i + 1 < len) {
        size_t want = 4096 - (size_t)((addr + i) & 4095);
        if (want > len - 1 - i)
            want = len - 1 - i;
        int n = hdb_session_read(s, addr + i, buf + i, want);
        if (n <= 0)
            return false;
        if (memchr(buf + i, 0, (size_t)n))
            return true;
        i += (size_t)n;
    }
    buf[len - 1] = 0;
    return true;
}

static void *cfi_alloc(void *ctx, size_t size)
{
    return hdb_alloc(ctx, size);
}

static void cfi_free(void *ctx, void *ptr, size_t size)
{
    hdb_free(ctx, ptr, size);
}

/* Says that a library with breakpoint locations goes (before they are resolved again). */
static void tell_unloaded(struct hdb_session *s, const struct hdb_module *m)
{
    bool has = false;
    for (size_t i = 0; i < s->bps.n && !has; i++) {
        const struct hdb_breakpoint *b = &s->bps.bps[i];
        for (int j = 0; j < b->nlocs; j++) {
            uint64_t rt = hdb_session_bp_runtime(s, b->locs[j]);
            has = has || (b->kind == HDB_BP_CODE && rt >= m->lo && rt < m->hi);
        }
    }
    struct hdb_event ev = {.kind = HDB_EV_SOLIB_UNLOADED, .solib = m->path};
    if (has && s->notify)
        s->notify(s->notify_ctx, &ev);
}

static void drop_module(struct hdb_session *s, struct hdb_module *m, bool tell)
{
    s->nno_inline = 0; /* its .debug_info goes */
    if (tell)
        tell_unloaded(s, m);
    hdb_session_module_symbols_free(s, (int)(m - s->mods));
    if (m->have_cfi_index)
        dwarf_cfi_index_free(&m->cfi_index);
    if (m->img && s->loader)
        s->loader->unload(s->loader->ctx, m->img);
    hdb_strfree(s->plat, m->path);
    memset(m, 0, sizeof(*m));
}

void hdb_session_drop_solibs(struct hdb_session *s, bool tell)
{
    hdb_session_activate_module(s, -1);
    for (int i = 0; i < s->nmods; i++)
        drop_module(s, &s->mods[i], tell);
    bool had = s->nmods > 0;
    s->nmods = 0;
    s->r_debug = 0;
    if (had)
        hdb_session_reset_bps(s, false);
}

/* A library's image, its DWARF left for later when the loader can do that. */
static int load_library(struct hdb_session *s, const char *path, const struct hdb_image **img)
{
    char why[128];
    if (s->loader->load_deferred)
        return s->loader->load_deferred(s->loader->ctx, path, img, why, sizeof(why));
    return s->loader->load(s->loader->ctx, path, img, why, sizeof(why));
}

static void add_module(struct hdb_session *s, const char *path, uint64_t bias, uint64_t l_name)
{
    if (s->nmods == HDB_MAX_MODULES || !s->loader)
        return;
    const struct hdb_image *img;
    if (load_library(s, path, &img) < 0)
        return; /* a library we cannot read stays anonymous, as in gdb */
    struct hdb_module *m = &s->mods[s->nmods];
    memset(m, 0, sizeof(*m));
    m->img = img;
    m->path = hdb_strdup(s->plat, path);
    m->bias = bias;
    m->l_name = l_name;
    m->lo = ~0ull;
    for (size_t i = 0; i < img->nsections; i++) {
        if (img->sections[i].addr + bias < m->lo)
            m->lo = img->sections[i].addr + bias;
        if (img->sections[i].addr + img->sections[i].size + bias > m->hi)
            m->hi = img->sections[i].addr + img->sections[i].size + bias;
    }
    if (img->eh_frame.data && dwarf_cfi_init(&m->cfi, img->eh_frame.data, img->eh_frame.size,
                                             img->eh_frame.addr + bias, true) == 0) {
        if (img->eh_frame_hdr.data)
            dwarf_cfi_set_hdr(&m->cfi, img->eh_frame_hdr.data, img->eh_frame_hdr.size,
                              img->eh_frame_hdr.addr + bias);
        m->have_cfi = true;
        struct dwarf_allocator a = {cfi_alloc, cfi_free, (void *)s->plat};
        m->have_cfi_index = dwarf_cfi_index_build(&m->cfi, &a, &m->cfi_index) == 0;
    }
    m->seen = true;
    s->nmods++;
}

/*
 * The address of struct r_debug, from DT_DEBUG in the program's .dynamic
 * (the program's, whichever file is active: a stop in the loader makes it
 * the loader's); 0 before ld.so set it.
 */
static uint64_t r_debug_addr(struct hdb_session *s)
{
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    const struct hdb_image_section *dyn = &prog.img->dynamic;
    if (!dyn->data || dyn->size < 16)
        return 0;
    uint64_t base = dyn->addr + prog.bias;
    for (uint64_t off = 0; off + 16 <= dyn->size; off += 16) {
        uint64_t tag, val;
        if (!read_u64(s, base + off, &tag) || tag == DT_NULL)
            return 0;
        if (tag == DT_DEBUG)
            return read_u64(s, base + off + 8, &val) ? val : 0;
    }
    return 0;
}

/*
 * Runs after every stop of a continue, so it reads as little as it can: the
 * r_debug address is kept once the loader has set it, each link_map entry
 * is one read, and an entry seen before (same l_addr, same l_name pointer)
 * does not have its path read again.
 */
bool hdb_session_refresh_solibs(struct hdb_session *s)
{
    if (!s->pid || !s->img || !s->loader)
        return false;
    if (!s->r_debug)
        s->r_debug = r_debug_addr(s);
    uint64_t lm;
    if (!s->r_debug || !read_u64(s, s->r_debug + R_MAP_OFF, &lm))
        return false;
    int before = s->nmods;
    bool changed = false;
    for (int i = 0; i < s->nmods; i++)
        s->mods[i].seen = false;
    for (int n = 0; lm && n < MAX_LINK_MAPS; n++) {
        uint64_t e[4]; /* l_addr, l_name, l_ld, l_next */
        char path[512];
        if (hdb_session_read(s, lm, e, sizeof(e)) != (int)sizeof(e))
            break;
        uint64_t l_addr = e[LM_ADDR_OFF / 8], l_name = e[LM_NAME_OFF / 8];
        bool known = false;
        for (int i = 0; l_name && i < s->nmods; i++) {
            if (s->mods[i].bias == l_addr && s->mods[i].l_name == l_name) {
                s->mods[i].seen = known = true;
                break;
            }
        }
        /* The first entry is the program itself (empty name); the vDSO has no file. */
        if (!known && l_name && read_string(s, l_name, path, sizeof(path)) && path[0] == '/') {
            for (int i = 0; i < s->nmods; i++) {
                if (s->mods[i].bias == l_addr && strcmp(s->mods[i].path, path) == 0) {
                    s->mods[i].seen = known = true;
                    s->mods[i].l_name = l_name;
                    break;
                }
            }
            if (!known)
                add_module(s, path, l_addr, l_name);
        }
        lm = e[LM_NEXT_OFF / 8];
    }
    /* dlclose()d libraries go away; the others keep their order (the loader's). */
    for (int i = 0; i < s->nmods;) {
        if (s->mods[i].seen) {
            i++;
            continue;
        }
        hdb_session_activate_module(s, -1); /* the active one's index may move */
        drop_module(s, &s->mods[i], true);
        memmove(&s->mods[i], &s->mods[i + 1], (size_t)(s->nmods - i - 1) * sizeof(s->mods[0]));
        s->nmods--;
        changed = true;
    }
    return changed || s->nmods != before;
}

/*
 * Where the dynamic loader reports changes: r_debug.r_brk once it is set
 * up (an attached process), else _dl_debug_state in the interpreter the
 * program names, at the interpreter's load address (AT_BASE). A program
 * just started has the interpreter as its first library, as gdb has it:
 * its frames, symbols and system calls are named before it reports
 * itself (its link_map entry, with the same path and address, then keeps
 * this module).
 */
static uint64_t loader_breakpoint(struct hdb_session *s)
{
    uint64_t brk;
    if (s->r_debug && read_u64(s, s->r_debug + R_BRK_OFF, &brk) && brk)
        return brk;
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    if (!prog.img->interp)
        return 0; /* a static program (or a kernel): no dynamic loader */
    uint64_t auxv[512], base = 0;
    int n = s->target->ops->read_auxv(s->target, auxv, sizeof(auxv));
    for (int i = 0; i + 1 < n / 8 && auxv[i] != AT_NULL; i += 2)
        if (auxv[i] == AT_BASE)
            base = auxv[i + 1];
    if (!base)
        return 0;
    const struct hdb_module *ld = NULL;
    for (int i = 0; i < s->nmods && !ld; i++)
        if (s->mods[i].bias == base && strcmp(s->mods[i].path, prog.img->interp) == 0)
            ld = &s->mods[i];
    if (!ld) {
        add_module(s, prog.img->interp, base, 0);
        if (s->nmods > 0 && s->mods[s->nmods - 1].bias == base &&
            strcmp(s->mods[s->nmods - 1].path, prog.img->interp) == 0)
            ld = &s->mods[s->nmods - 1];
    }
    if (!ld)
        return 0;
    const struct hdb_symbol *sym = hdb_sym_func_by_name(ld->img, "_dl_debug_state");
    return sym ? base + sym->addr : 0;
}

void hdb_session_solib_hook(struct hdb_session *s)
{
    s->solib_bp = s->pid && s->img && s->loader ? loader_breakpoint(s) : 0;
}

void hdb_session_solib_event(struct hdb_session *s)
{
    int32_t state;
    /* Between RT_ADD or RT_DELETE and RT_CONSISTENT the list is being changed. */
    if (s->r_debug &&
        (hdb_session_read(s, s->r_debug + R_STATE_OFF, &state, 4) != 4 || state != RT_CONSISTENT))
        return;
    if (hdb_session_refresh_solibs(s)) {
        hdb_session_reset_bps(s, false);
        hdb_session_sync_bps(s);
    }
}

const struct hdb_module *hdb_session_module_at(const struct hdb_session *s, uint64_t addr)
{
    for (int i = 0; i < s->nmods; i++)
        if (addr >= s->mods[i].lo && addr < s->mods[i].hi)
            return &s->mods[i];
    return NULL;
}
