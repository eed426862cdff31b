/*
 * dwarf/elf.h: a freestanding ELF64 section reader, for the places that
 * have no libelf: the kernel side and Gaia. It reads a whole file already
 * in memory (zero-copy: sections point into it), checks every table and
 * offset against the file's size, and hands the DWARF sections straight
 * to dwarf_init(). Little-endian ELF64 only (System V gABI, "ELF Header"
 * and "Sections"); extended section numbering is followed, and zlib-
 * compressed sections (Debian's debug files) can be inflated.
 *
 * Like the rest of dwarf/, it never allocates, prints or exits; every
 * function returns 0 (or a count) or a negative DWARF_ELF_E_* code.
 */
#ifndef DWARF_ELF_H
#define DWARF_ELF_H

#include <stdbool.h>
#include <stdint.h>

#include <dwarf/dwarf.h>

enum {
    DWARF_ELF_E_NOT_ELF = -40,    /* no \x7fELF magic, or a header shorter than 64 bytes */
    DWARF_ELF_E_CLASS = -41,      /* not ELF64, not little-endian, or not version 1 */
    DWARF_ELF_E_TABLE = -42,      /* section or program header table outside the file */
    DWARF_ELF_E_SECTION = -43,    /* a section's bytes or name outside the file or its table */
    DWARF_ELF_E_NOT_FOUND = -44,  /* no such section or note */
    DWARF_ELF_E_COMPRESSED = -45, /* SHF_COMPRESSED: the caller must inflate it */
    DWARF_ELF_E_ARG = -46,        /* an index out of range, a NULL argument */
    DWARF_ELF_E_INFLATE = -47,    /* a damaged zlib stream, or data longer than stated */
};

#define DWARF_ELF_SHT_NOBITS 8
#define DWARF_ELF_SHT_NOTE 7
#define DWARF_ELF_SHF_ALLOC 0x2
#define DWARF_ELF_SHF_COMPRESSED 0x800

struct dwarf_elf {
    const uint8_t *data;
    uint64_t size;
    uint16_t type;    /* e_type: ET_EXEC 2, ET_DYN 3, ... */
    uint16_t machine; /* e_machine: EM_X86_64 62 */
    uint64_t entry;
    uint64_t shoff;
    uint32_t shnum; /* after extended numbering */
    uint32_t shstrndx;
    uint16_t shentsize;
    uint64_t phoff;
    uint16_t phnum, phentsize;
};

struct dwarf_elf_section {
    uint32_t index;
    const char *name; /* NUL-terminated inside the file's section name table */
    uint32_t type, link, info;
    uint64_t flags, addr, offset, size, align, entsize;
    const uint8_t *data; /* NULL for SHT_NOBITS */
};

/* Checks the header and the section table's place in the file. */
int dwarf_elf_open(struct dwarf_elf *e, const void *data, uint64_t size);
/* Section index (0 is the null section). */
int dwarf_elf_section(const struct dwarf_elf *e, uint32_t index, struct dwarf_elf_section *s);
/* The first section with this name. */
int dwarf_elf_section_by_name(const struct dwarf_elf *e, const char *name,
                              struct dwarf_elf_section *s);
/*
 * The .debug_* sections dwarf_init() takes, by name (absent ones left
 * empty). Returns how many were found, or DWARF_ELF_E_COMPRESSED if one is
 * compressed (the others are filled in all the same).
 */
int dwarf_elf_dwarf_sections(const struct dwarf_elf *e, struct dwarf_section out[DWARF_SEC_COUNT]);
/*
 * The NT_GNU_BUILD_ID note's bytes (from any SHT_NOTE section); *addr is
 * where a loaded note's bytes are in memory, 0 when the note is not
 * loaded.
 */
int dwarf_elf_build_id(const struct dwarf_elf *e, const uint8_t **id, uint64_t *len,
                       uint64_t *addr);
const char *dwarf_elf_strerror(int err);

/*
 * Compressed sections (elf/inflate.c): the size an SHF_COMPRESSED section
 * inflates to (its Elf64_Chdr; DWARF_ELF_E_COMPRESSED for a method other
 * than zlib), and the inflation into a buffer of exactly that size.
 */
int dwarf_elf_inflated_size(const struct dwarf_elf_section *s, uint64_t *size);
int dwarf_elf_inflate_section(const struct dwarf_elf_section *s, uint8_t *out, uint64_t size);
/* A zlib stream (RFC 1950/1951) into out; *produced: the bytes written. */
int dwarf_zlib_inflate(const uint8_t *in, uint64_t in_len, uint8_t *out, uint64_t out_len,
                       uint64_t *produced);

#endif
