/*
 * plt.c: the names of the program's PLT slots, for `<puts@plt>` labels.
 *
 * A PLT stub jumps through a GOT slot; the dynamic relocation of that slot
 * names the symbol: R_X86_64_JUMP_SLOT in DT_JMPREL (.rela.plt) for .plt
 * and .plt.sec, R_X86_64_GLOB_DAT in DT_RELA for .plt.got (psABI x86-64
 * 4.4 and 5.1; gABI "Dynamic Section"). The loader keeps neither the
 * relocations nor .dynsym, so the table is built once from the program
 * file itself, mapped through its PT_LOAD headers, then the file is let go:
 * only the slot addresses and names stay. Every offset read from the file
 * is checked against its size; a damaged file gives fewer names, no more.
 *
 * The stubs themselves are found in the PLT sections by their code: each
 * is `[endbr64] [bnd] jmp *SLOT(%rip)` at the start of a 16-byte entry
 * (.plt, .plt.sec) or an 8- or 16-byte one (.plt.got), psABI x86-64
 * Figures 5.2-5.3 and the IBT variants of the x86-64 psABI's 5.1 notes.
 * The first .plt entry pushes and jumps through GOT[1], GOT[2]: no slot.
 */
#include <string.h>

#include <hdb/error.h>
#include <hdb/session.h>

#define PT_LOAD 1
#define MAX_RELOCS 65536

struct elf_file {
    const uint8_t *p;
    size_t len;
};

static uint64_t le(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;
    for (unsigned i = n; i-- > 0;)
        v = v << 8 | p[i];
    return v;
}

/* The file offset holding n bytes at link-time address addr (a PT_LOAD's file part), or 0. */
static size_t file_off(const struct elf_file *f, uint64_t addr, size_t n)
{
    /* ELF64, little-endian (gABI e_ident). */
    if (f->len < 64 ||
        memcmp(f->p,
               "\x7f"
               "ELF",
               4) != 0 ||
        f->p[4] != 2 || f->p[5] != 1)
        return 0;
    uint64_t phoff = le(f->p + 0x20, 8), phentsize = le(f->p + 0x36, 2), phnum = le(f->p + 0x38, 2);
    if (phentsize < 56 || phoff > f->len || phnum > (f->len - phoff) / phentsize)
        return 0;
    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = f->p + phoff + i * phentsize;
        uint64_t off = le(ph + 0x08, 8), vaddr = le(ph + 0x10, 8), filesz = le(ph + 0x20, 8);
        if (le(ph, 4) != PT_LOAD || addr < vaddr || addr - vaddr > filesz ||
            filesz - (addr - vaddr) < n)
            continue;
        uint64_t at = off + (addr - vaddr);
        if (at < off || at > f->len || f->len - at < n)
            return 0;
        return (size_t)at;
    }
    return 0;
}

static int add(struct hdb_session *s, uint64_t slot, const char *name, size_t len)
{
    struct hdb_plt *t = &s->plt;
    if (t->n == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 16;
        struct hdb_plt_slot *n =
            hdb_realloc(s->plat, t->slots, t->cap * sizeof(*n), cap * sizeof(*n));
        if (!n)
            return HDB_E_NOMEM;
        t->slots = n;
        t->cap = cap;
    }
    char *copy = hdb_alloc(s->plat, len + 5);
    if (!copy)
        return HDB_E_NOMEM;
    memcpy(copy, name, len);
    memcpy(copy + len, "@plt", 5);
    t->slots[t->n++] = (struct hdb_plt_slot){slot, copy, len + 5};
    return 0;
}

static void build(struct hdb_session *s, const struct hdb_image *img, const struct elf_file *f)
{
    uint64_t rel[2] = {0, 0}, relsz[2] = {0, 0}, symtab = 0, strtab = 0, strsz = 0;
    for (uint64_t off = 0; off + 16 <= img->dynamic.size; off += 16) {
        uint64_t tag = le(img->dynamic.data + off, 8), val = le(img->dynamic.data + off + 8, 8);
        if (tag == 0) /* DT_NULL */
            break;
        if (tag == 23) /* DT_JMPREL */
            rel[0] = val;
        else if (tag == 2) /* DT_PLTRELSZ */
            relsz[0] = val;
        else if (tag == 7) /* DT_RELA */
            rel[1] = val;
        else if (tag == 8) /* DT_RELASZ */
            relsz[1] = val;
        else if (tag == 6) /* DT_SYMTAB */
            symtab = val;
        else if (tag == 5) /* DT_STRTAB */
            strtab = val;
        else if (tag == 10) /* DT_STRSZ */
            strsz = val;
    }
    size_t str = strsz ? file_off(f, strtab, (size_t)strsz) : 0;
    if (!symtab || !str)
        return;
    for (int t = 0; t < 2; t++) {
        uint64_t count = relsz[t] / 24;
        size_t at = count && count <= MAX_RELOCS ? file_off(f, rel[t], (size_t)count * 24) : 0;
        for (uint64_t i = 0; at && i < count; i++) {
            const uint8_t *r = f->p + at + i * 24;
            uint64_t type = le(r + 8, 4), index = le(r + 12, 4); /* ELF64_R_TYPE, ELF64_R_SYM */
            if (type != 7 && type != 6) /* R_X86_64_JUMP_SLOT, R_X86_64_GLOB_DAT */
                continue;
            size_t sym = file_off(f, symtab + index * 24, 24);
            uint64_t name = sym ? le(f->p + sym, 4) : strsz;
            if (name >= strsz)
                continue;
            const char *n = (const char *)f->p + str + name;
            const char *end = memchr(n, 0, (size_t)(strsz - name));
            if (!end || end == n || add(s, le(r, 8), n, (size_t)(end - n)) < 0)
                continue;
        }
    }
}

const char *hdb_session_plt_name(struct hdb_session *s, uint64_t slot)
{
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    if (!prog.img || !prog.path)
        return NULL;
    if (!s->plt.built) {
        s->plt.built = true;
        char *data;
        size_t len;
        if (prog.img->dynamic.data &&
            s->plat->read_file(s->plat->ctx, prog.path, &data, &len) == 0) {
            struct elf_file f = {(const uint8_t *)data, len};
            build(s, prog.img, &f);
            s->plat->release_file(s->plat->ctx, data, len);
        }
    }
    for (size_t i = 0; i < s->plt.n; i++)
        if (s->plt.slots[i].slot == slot)
            return s->plt.slots[i].name;
    return NULL;
}

/* The GOT slot the stub at sec's offset off jumps through (link-time), or 0. */
static uint64_t stub_slot(const struct hdb_image_section *sec, uint64_t off)
{
    const uint8_t *p = sec->data + off;
    uint64_t n = sec->size - off;
    static const uint8_t endbr64[4] = {0xf3, 0x0f, 0x1e, 0xfa};
    size_t i = 0;
    if (n >= 4 && !memcmp(p, endbr64, 4))
        i = 4;
    if (i < n && p[i] == 0xf2) /* bnd */
        i++;
    if (n < i + 6 || p[i] != 0xff || p[i + 1] != 0x25)
        return 0;
    int32_t disp = (int32_t)le(p + i + 2, 4);
    return sec->addr + off + i + 6 + (uint64_t)(int64_t)disp;
}

/* The entry size of PLT section k (.plt, .plt.sec, .plt.got). */
static uint64_t entry_size(const struct hdb_image *img, int k)
{
    if (k < 2)
        return 16;
    /* .plt.got entries grow to 16 bytes with IBT, whose stubs start with endbr64. */
    const struct hdb_image_section *sec = &img->plt[2];
    return sec->size >= 4 && sec->data[0] == 0xf3 ? 16 : 8;
}

int hdb_session_plt_stub(struct hdb_session *s, const char *name, uint64_t *loc)
{
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    if (!prog.img)
        return HDB_E_NOT_FOUND;
    size_t len = strlen(name);
    /* .plt.sec holds the stubs that are called when there is one (IBT), so it comes first. */
    static const int order[3] = {1, 0, 2};
    for (int o = 0; o < 3; o++) {
        const struct hdb_image_section *sec = &prog.img->plt[order[o]];
        uint64_t step = entry_size(prog.img, order[o]);
        for (uint64_t off = 0; sec->data && off + step <= sec->size; off += step) {
            uint64_t slot = stub_slot(sec, off);
            const char *n = slot ? hdb_session_plt_name(s, slot) : NULL;
            if (n && !strncmp(n, name, len) && !strcmp(n + len, "@plt")) {
                *loc = hdb_session_bp_loc(s, sec->addr + off + prog.bias);
                return 0;
            }
        }
    }
    return HDB_E_NOT_FOUND;
}

const char *hdb_session_plt_stub_at(struct hdb_session *s, uint64_t addr, uint64_t *start)
{
    struct hdb_symview prog;
    hdb_session_program_view(s, &prog);
    if (!prog.img)
        return NULL;
    uint64_t link = addr - prog.bias;
    for (int k = 0; k < 3; k++) {
        const struct hdb_image_section *sec = &prog.img->plt[k];
        if (!sec->data || link < sec->addr || link >= sec->addr + sec->size)
            continue;
        uint64_t step = entry_size(prog.img, k), off = (link - sec->addr) / step * step;
        uint64_t slot = off + step <= sec->size ? stub_slot(sec, off) : 0;
        const char *n = slot ? hdb_session_plt_name(s, slot) : NULL;
        if (n)
            *start = sec->addr + off + prog.bias;
        return n;
    }
    return NULL;
}

void hdb_session_plt_free(struct hdb_session *s)
{
    for (size_t i = 0; i < s->plt.n; i++)
        hdb_free(s->plat, s->plt.slots[i].name, s->plt.slots[i].name_size);
    hdb_free(s->plat, s->plt.slots, s->plt.cap * sizeof(*s->plt.slots));
    memset(&s->plt, 0, sizeof(s->plt));
}
