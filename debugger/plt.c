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

static void build(struct hdb_session *s, const struct elf_file *f)
{
    const struct hdb_image *img = s->img;
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
    if (!s->img || !s->prog_path)
        return NULL;
    if (!s->plt.built) {
        s->plt.built = true;
        char *data;
        size_t len;
        if (s->img->dynamic.data &&
            s->plat->read_file(s->plat->ctx, s->prog_path, &data, &len) == 0) {
            struct elf_file f = {(const uint8_t *)data, len};
            build(s, &f);
            s->plat->release_file(s->plat->ctx, data, len);
        }
    }
    for (size_t i = 0; i < s->plt.n; i++)
        if (s->plt.slots[i].slot == slot)
            return s->plt.slots[i].name;
    return NULL;
}

void hdb_session_plt_free(struct hdb_session *s)
{
    for (size_t i = 0; i < s->plt.n; i++)
        hdb_free(s->plat, s->plt.slots[i].name, s->plt.slots[i].name_size);
    hdb_free(s->plat, s->plt.slots, s->plt.cap * sizeof(*s->plt.slots));
    memset(&s->plt, 0, sizeof(s->plt));
}
