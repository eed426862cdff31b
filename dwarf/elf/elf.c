/*
 * The freestanding ELF64 section reader (dwarf/elf.h). Every offset and
 * size read from the file is checked against the file before use, with
 * sums that cannot wrap: a corrupt or truncated file gives an error code,
 * never a read outside the buffer.
 */
#include <dwarf/elf.h>

#define EHDR_SIZE 64
#define SHDR_MIN 64
#define SHN_XINDEX 0xffff
#define SHN_LORESERVE 0xff00
#define NT_GNU_BUILD_ID 3

static uint16_t u16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t u64(const uint8_t *p)
{
    return (uint64_t)u32(p) | (uint64_t)u32(p + 4) << 32;
}

/* Freestanding: no strcmp or memchr beyond the four functions a compiler may call. */
static bool same_name(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

static bool has_nul(const uint8_t *p, uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        if (!p[i])
            return true;
    return false;
}

/* [off, off + len) lies inside a buffer of size bytes. */
static bool inside(uint64_t off, uint64_t len, uint64_t size)
{
    return off <= size && len <= size - off;
}

/* The raw header of section i (i < shnum, already checked against the file). */
static const uint8_t *shdr(const struct dwarf_elf *e, uint32_t i)
{
    return e->data + e->shoff + (uint64_t)i * e->shentsize;
}

int dwarf_elf_open(struct dwarf_elf *e, const void *data, uint64_t size)
{
    const uint8_t *h = data;

    if (!e || !data)
        return DWARF_ELF_E_ARG;
    __builtin_memset(e, 0, sizeof(*e));
    if (size < EHDR_SIZE || __builtin_memcmp(h, "\177ELF", 4) != 0)
        return DWARF_ELF_E_NOT_ELF;
    /* EI_CLASS 2 (64-bit), EI_DATA 1 (little-endian), EI_VERSION 1, e_version 1. */
    if (h[4] != 2 || h[5] != 1 || h[6] != 1 || u32(h + 20) != 1)
        return DWARF_ELF_E_CLASS;
    e->data = h;
    e->size = size;
    e->type = u16(h + 16);
    e->machine = u16(h + 18);
    e->entry = u64(h + 24);
    e->phoff = u64(h + 32);
    e->shoff = u64(h + 40);
    e->phentsize = u16(h + 54);
    e->phnum = u16(h + 56);
    e->shentsize = u16(h + 58);
    e->shnum = u16(h + 60);
    e->shstrndx = u16(h + 62);
    if (e->phnum &&
        (e->phentsize < 56 || !inside(e->phoff, (uint64_t)e->phnum * e->phentsize, size)))
        return DWARF_ELF_E_TABLE;
    if (e->shoff == 0) { /* no section table: nothing to read, but a valid file */
        e->shnum = 0;
        e->shstrndx = 0;
        return 0;
    }
    if (e->shentsize < SHDR_MIN || !inside(e->shoff, SHDR_MIN, size))
        return DWARF_ELF_E_TABLE;
    /* Extended numbering: the real counts sit in section 0 (gABI "Sections"). */
    if (e->shnum == 0) {
        uint64_t n = u64(e->data + e->shoff + 32);
        if (n > 0xffffffffu)
            return DWARF_ELF_E_TABLE;
        e->shnum = (uint32_t)n;
    }
    if (e->shstrndx == SHN_XINDEX)
        e->shstrndx = u32(e->data + e->shoff + 40);
    if (!inside(e->shoff, (uint64_t)e->shnum * e->shentsize, size))
        return DWARF_ELF_E_TABLE;
    if (e->shstrndx >= e->shnum && e->shstrndx != 0)
        return DWARF_ELF_E_TABLE;
    return 0;
}

/* A name inside the section name table, NUL-terminated before its end. */
static const char *section_name(const struct dwarf_elf *e, uint32_t off)
{
    const uint8_t *st;
    uint64_t st_off, st_size;

    if (e->shstrndx == 0 || e->shstrndx >= e->shnum)
        return NULL;
    st = shdr(e, e->shstrndx);
    st_off = u64(st + 24);
    st_size = u64(st + 32);
    if (u32(st + 4) == DWARF_ELF_SHT_NOBITS || !inside(st_off, st_size, e->size) || off >= st_size)
        return NULL;
    if (!has_nul(e->data + st_off + off, st_size - off))
        return NULL;
    return (const char *)e->data + st_off + off;
}

int dwarf_elf_section(const struct dwarf_elf *e, uint32_t index, struct dwarf_elf_section *s)
{
    const uint8_t *p;

    if (!e || !s || index >= e->shnum)
        return DWARF_ELF_E_ARG;
    p = shdr(e, index);
    s->index = index;
    s->type = u32(p + 4);
    s->flags = u64(p + 8);
    s->addr = u64(p + 16);
    s->offset = u64(p + 24);
    s->size = u64(p + 32);
    s->link = u32(p + 40);
    s->info = u32(p + 44);
    s->align = u64(p + 48);
    s->entsize = u64(p + 56);
    s->name = section_name(e, u32(p));
    if (!s->name)
        s->name = ""; /* nameless: still a section, found by index only */
    s->data = NULL;
    if (s->type == DWARF_ELF_SHT_NOBITS || index == 0)
        return 0;
    if (!inside(s->offset, s->size, e->size))
        return DWARF_ELF_E_SECTION;
    s->data = e->data + s->offset;
    return 0;
}

int dwarf_elf_section_by_name(const struct dwarf_elf *e, const char *name,
                              struct dwarf_elf_section *s)
{
    if (!e || !name || !s)
        return DWARF_ELF_E_ARG;
    for (uint32_t i = 1; i < e->shnum; i++) {
        struct dwarf_elf_section t;
        if (dwarf_elf_section(e, i, &t) < 0 || !same_name(t.name, name))
            continue;
        *s = t;
        return 0;
    }
    return DWARF_ELF_E_NOT_FOUND;
}

int dwarf_elf_dwarf_sections(const struct dwarf_elf *e, struct dwarf_section out[DWARF_SEC_COUNT])
{
    int found = 0;
    bool compressed = false;

    if (!e || !out)
        return DWARF_ELF_E_ARG;
    for (int id = 0; id < DWARF_SEC_COUNT; id++) {
        struct dwarf_elf_section s;
        const char *name = dwarf_section_name((enum dwarf_section_id)id);
        out[id] = (struct dwarf_section){NULL, 0};
        if (!name || dwarf_elf_section_by_name(e, name, &s) < 0 || !s.data)
            continue;
        if (s.flags & DWARF_ELF_SHF_COMPRESSED) {
            compressed = true;
            continue;
        }
        out[id] = (struct dwarf_section){s.data, s.size};
        found++;
    }
    return compressed ? DWARF_ELF_E_COMPRESSED : found;
}

/* Notes are 4-byte aligned records: namesz, descsz, type, name, desc (gABI "Note Section"). */
static bool note_build_id(const struct dwarf_elf_section *s, const uint8_t **id, uint64_t *len,
                          uint64_t *addr)
{
    uint64_t off = 0;

    while (s->size - off >= 12) {
        const uint8_t *n = s->data + off;
        uint64_t namesz = u32(n), descsz = u32(n + 4), type = u32(n + 8);
        uint64_t name_end = 12 + ((namesz + 3) & ~3ull);
        uint64_t desc_end = name_end + ((descsz + 3) & ~3ull);
        if (name_end + descsz > s->size - off) /* the name and the descriptor */
            return false;
        if (type == NT_GNU_BUILD_ID && namesz == 4 && __builtin_memcmp(n + 12, "GNU", 4) == 0 &&
            descsz) {
            *id = n + name_end;
            *len = descsz;
            *addr = (s->flags & DWARF_ELF_SHF_ALLOC) && s->addr ? s->addr + off + name_end : 0;
            return true;
        }
        if (desc_end > s->size - off)
            return false;
        off += desc_end;
    }
    return false;
}

int dwarf_elf_build_id(const struct dwarf_elf *e, const uint8_t **id, uint64_t *len, uint64_t *addr)
{
    if (!e || !id || !len || !addr)
        return DWARF_ELF_E_ARG;
    for (uint32_t i = 1; i < e->shnum; i++) {
        struct dwarf_elf_section s;
        if (dwarf_elf_section(e, i, &s) == 0 && s.type == DWARF_ELF_SHT_NOTE && s.data &&
            note_build_id(&s, id, len, addr))
            return 0;
    }
    return DWARF_ELF_E_NOT_FOUND;
}

const char *dwarf_elf_strerror(int err)
{
    switch (err) {
    case DWARF_ELF_E_NOT_ELF:
        return "not an ELF file";
    case DWARF_ELF_E_CLASS:
        return "not a little-endian ELF64 file";
    case DWARF_ELF_E_TABLE:
        return "section or program header table outside the file";
    case DWARF_ELF_E_SECTION:
        return "section data or name outside the file";
    case DWARF_ELF_E_NOT_FOUND:
        return "no such section";
    case DWARF_ELF_E_COMPRESSED:
        return "compressed section";
    case DWARF_ELF_E_ARG:
        return "invalid argument";
    case DWARF_ELF_E_INFLATE:
        return "damaged compressed data";
    default:
        return "unknown error";
    }
}
