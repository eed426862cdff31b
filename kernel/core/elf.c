/*
 * ELF64 parsing for the root task (System V gABI, "ELF Header" and
 * "Program Header"). Fields are read with memcpy: the module need not be
 * aligned for the structures.
 */
#include <kernel/elf.h>
#include <kernel/string.h>

#define EHDR_SIZE 64
#define PHDR_SIZE 56
#define PT_LOAD 1
#define ET_EXEC 2
#define EM_X86_64 62

static uint64_t rd(const uint8_t *p, size_t n)
{
    uint64_t v = 0;

    memcpy(&v, p, n); /* little-endian host and file */
    return v;
}

static int parse_segment(const uint8_t *ph, size_t len, uint64_t user_top, struct elf_segment *s)
{
    s->flags = (uint32_t)rd(ph + 4, 4);
    s->offset = rd(ph + 8, 8);
    s->vaddr = rd(ph + 16, 8);
    s->filesz = rd(ph + 32, 8);
    s->memsz = rd(ph + 40, 8);
    uint64_t align = rd(ph + 48, 8);

    if (s->filesz > s->memsz || s->offset > len || s->filesz > len - s->offset)
        return ELF_E_SEGMENT;
    if (s->vaddr >= user_top || s->memsz > user_top - s->vaddr || s->memsz == 0)
        return ELF_E_SEGMENT;
    /* Pages are mapped whole, so file offset and address must agree in
     * their low bits (gABI: p_offset % p_align == p_vaddr % p_align). */
    if ((s->offset & (PAGE_SIZE - 1)) != (s->vaddr & (PAGE_SIZE - 1)) ||
        (align > 1 && (align & (align - 1))))
        return ELF_E_SEGMENT;
    return ELF_OK;
}

int elf_parse(const uint8_t *file, size_t len, uint64_t user_top, struct elf_image *out)
{
    static const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 2 /* 64-bit */, 1 /* LE */, 1};

    out->nsegments = 0;
    if (len < EHDR_SIZE)
        return ELF_E_TRUNCATED;
    if (memcmp(file, ident, sizeof(ident)) != 0 || rd(file + 16, 2) != ET_EXEC ||
        rd(file + 18, 2) != EM_X86_64 || rd(file + 54, 2) != PHDR_SIZE)
        return ELF_E_FORMAT;
    out->entry = rd(file + 24, 8);
    uint64_t phoff = rd(file + 32, 8), phnum = rd(file + 56, 2);
    if (phoff > len || phnum > (len - phoff) / PHDR_SIZE)
        return ELF_E_TRUNCATED;

    for (uint64_t i = 0; i < phnum; i++) {
        const uint8_t *ph = file + phoff + i * PHDR_SIZE;
        if (rd(ph, 4) != PT_LOAD)
            continue;
        if (out->nsegments == ELF_MAX_SEGMENTS)
            return ELF_E_TOO_MANY;
        struct elf_segment *s = &out->segments[out->nsegments];
        int err = parse_segment(ph, len, user_top, s);
        if (err)
            return err;
        /* No two segments may share a page: each page gets one set of rights. */
        for (size_t j = 0; j < out->nsegments; j++) {
            const struct elf_segment *o = &out->segments[j];
            uint64_t a0 = ALIGN_DOWN(s->vaddr, PAGE_SIZE),
                     a1 = ALIGN_UP(s->vaddr + s->memsz, PAGE_SIZE);
            uint64_t b0 = ALIGN_DOWN(o->vaddr, PAGE_SIZE),
                     b1 = ALIGN_UP(o->vaddr + o->memsz, PAGE_SIZE);
            if (a0 < b1 && b0 < a1)
                return ELF_E_SEGMENT;
        }
        out->nsegments++;
    }
    for (size_t i = 0; i < out->nsegments; i++) {
        const struct elf_segment *s = &out->segments[i];
        if ((s->flags & ELF_PF_X) && out->entry >= s->vaddr && out->entry - s->vaddr < s->memsz)
            return ELF_OK;
    }
    return ELF_E_ENTRY;
}

const char *elf_strerror(int err)
{
    switch (err) {
    case ELF_OK:
        return "no error";
    case ELF_E_TRUNCATED:
        return "file is truncated";
    case ELF_E_FORMAT:
        return "not a little-endian ELF64 x86-64 executable";
    case ELF_E_SEGMENT:
        return "a loadable segment is malformed, outside user memory or overlapping another";
    case ELF_E_TOO_MANY:
        return "too many loadable segments";
    case ELF_E_ENTRY:
        return "entry point is not in an executable segment";
    }
    return "unknown ELF error";
}
