/*
 * solib.c: shared libraries of the process, found the way the System V
 * ABI lets a debugger find them: the program's DT_DEBUG entry points to
 * the dynamic loader's struct r_debug, whose r_map heads the link_map
 * chain (one entry per loaded object: load bias l_addr, path l_name).
 * The structures are read through the target's memory, so the same code
 * serves any target that can read memory.
 *
 * Libraries give the core their ELF symbols (from the separate debug file
 * when installed) and their .eh_frame for unwinding; their DWARF is not
 * indexed yet.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>
#include <hdb/symtab.h>

#define DT_NULL 0
#define DT_DEBUG 21
#define MAX_LINK_MAPS 256

/* struct r_debug and struct link_map on x86_64 (glibc <link.h>, the SVR4 layout). */
#define R_MAP_OFF 8
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

static void drop_module(struct hdb_session *s, struct hdb_module *m)
{
    if (m->have_cfi_index)
        dwarf_cfi_index_free(&m->cfi_index);
    if (m->img && s->loader)
        s->loader->unload(s->loader->ctx, m->img);
    hdb_strfree(s->plat, m->path);
    memset(m, 0, sizeof(*m));
}

void hdb_session_drop_solibs(struct hdb_session *s)
{
    for (int i = 0; i < s->nmods; i++)
        drop_module(s, &s->mods[i]);
    s->nmods = 0;
    s->r_debug = 0;
}

static void add_module(struct hdb_session *s, const char *path, uint64_t bias, uint64_t l_name)
{
    if (s->nmods == HDB_MAX_MODULES || !s->loader)
        return;
    const struct hdb_image *img;
    char why[128];
    if (s->loader->load(s->loader->ctx, path, &img, why, sizeof(why)) < 0)
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

/* The address of struct r_debug, from DT_DEBUG in the program's .dynamic; 0 before ld.so set it. */
static uint64_t r_debug_addr(struct hdb_session *s)
{
    const struct hdb_image_section *dyn = &s->img->dynamic;
    if (!dyn->data || dyn->size < 16)
        return 0;
    uint64_t base = hdb_session_to_runtime(s, dyn->addr);
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
void hdb_session_refresh_solibs(struct hdb_session *s)
{
    if (!s->pid || !s->img || !s->loader)
        return;
    if (!s->r_debug)
        s->r_debug = r_debug_addr(s);
    uint64_t lm;
    if (!s->r_debug || !read_u64(s, s->r_debug + R_MAP_OFF, &lm))
        return;
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
    /* dlclose()d libraries go away. */
    for (int i = 0; i < s->nmods;) {
        if (s->mods[i].seen) {
            i++;
            continue;
        }
        drop_module(s, &s->mods[i]);
        s->mods[i] = s->mods[--s->nmods];
    }
}

const struct hdb_module *hdb_session_module_at(const struct hdb_session *s, uint64_t addr)
{
    for (int i = 0; i < s->nmods; i++)
        if (addr >= s->mods[i].lo && addr < s->mods[i].hi)
            return &s->mods[i];
    return NULL;
}

const char *hdb_session_symbol_at(const struct hdb_session *s, uint64_t addr, uint64_t *start)
{
    if (!s->img)
        return NULL;
    uint64_t link = hdb_session_to_link(s, addr);
    const struct hdb_dfunc *f = hdb_dinfo_func_at(&s->dinfo, link);
    if (f) {
        *start = hdb_session_to_runtime(s, f->lo);
        return f->name;
    }
    const struct hdb_symbol *sym = hdb_sym_at(s->img, link);
    if (sym) {
        *start = hdb_session_to_runtime(s, sym->addr);
        return sym->name;
    }
    const struct hdb_module *m = hdb_session_module_at(s, addr);
    if (m && (sym = hdb_sym_at(m->img, addr - m->bias)) != NULL) {
        *start = sym->addr + m->bias;
        return sym->name;
    }
    return NULL;
}
