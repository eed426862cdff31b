/*
 * Just enough ELF64 to load a static user program: the header and its
 * PT_LOAD segments, with every offset and size checked against the file.
 * Portable and host-tested (including against corrupt files).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include <kernel/types.h>

#define ELF_MAX_SEGMENTS 16
#define ELF_PF_X 1
#define ELF_PF_W 2
#define ELF_PF_R 4

enum elf_err {
    ELF_OK = 0,
    ELF_E_TRUNCATED = -1, /* file shorter than its headers say */
    ELF_E_FORMAT = -2,    /* not a little-endian ELF64 x86-64 executable */
    ELF_E_SEGMENT = -3,   /* a segment lies outside the file or the user half, or overlaps */
    ELF_E_TOO_MANY = -4,  /* more than ELF_MAX_SEGMENTS loadable segments */
    ELF_E_ENTRY = -5,     /* entry point not in an executable segment */
};

struct elf_segment {
    uint64_t vaddr;
    uint64_t memsz;
    uint64_t offset;
    uint64_t filesz;
    uint32_t flags; /* ELF_PF_* */
};

struct elf_image {
    uint64_t entry;
    size_t nsegments;
    struct elf_segment segments[ELF_MAX_SEGMENTS];
};

/* user_top bounds where segments may go. */
int elf_parse(const uint8_t *file, size_t len, uint64_t user_top, struct elf_image *out);
const char *elf_strerror(int err);

#endif
