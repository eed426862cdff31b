/*
 * Helpers shared by the dwarf unit tests: a byte-buffer builder for
 * hand-made sections, a counting allocator, and a reader set up over
 * hand-made sections.
 */
#ifndef DWARF_TESTUTIL_H
#define DWARF_TESTUTIL_H

#include <dwarf/dwarf.h>
#include <dwarf/line.h>

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

/* Names cmocka tests "group.case" so TAP lines read ok N - dwarf.group.case. */
#define DWARF_TEST(group, fn)                                                                      \
    {                                                                                              \
        "dwarf." #group "." #fn, fn, NULL, NULL, NULL                                              \
    }

struct buf {
    uint8_t data[8192];
    size_t len;
};

void b_u8(struct buf *b, uint8_t v);
void b_u16(struct buf *b, uint16_t v);
void b_u32(struct buf *b, uint32_t v);
void b_u64(struct buf *b, uint64_t v);
void b_uint(struct buf *b, uint64_t v, unsigned size);
void b_uleb(struct buf *b, uint64_t v);
void b_sleb(struct buf *b, int64_t v);
void b_str(struct buf *b, const char *s); /* with its NUL */
void b_bytes(struct buf *b, const void *p, size_t n);
void b_patch_u32(struct buf *b, size_t at, uint32_t v);
void b_patch_u64(struct buf *b, size_t at, uint64_t v);

/* A unit header whose length is patched by b_unit_end. */
struct unit_mark {
    size_t start; /* offset of the length field */
    unsigned offset_size;
};
struct unit_mark b_unit_begin(struct buf *b, unsigned version, unsigned unit_type,
                              unsigned offset_size, unsigned addr_size, uint64_t abbrev_off);
void b_unit_end(struct buf *b, struct unit_mark m);

/* A heap copy of exactly n bytes, so ASan sees any read past a section. */
struct dwarf_section sec_copy(const void *p, size_t n);
void sec_free(struct dwarf_section *s);

/* A reader over heap copies of the given sections (NULL/0 for absent). */
struct test_dwarf {
    struct dwarf dw;
    struct dwarf_section sec[DWARF_SEC_COUNT];
};
void td_init(struct test_dwarf *t);
void td_set(struct test_dwarf *t, enum dwarf_section_id id, const struct buf *b);
void td_finish(struct test_dwarf *t);
void td_free(struct test_dwarf *t);

/* An allocator over malloc that counts, and can be told to fail. */
struct count_alloc {
    size_t live_bytes;
    unsigned allocs, frees;
    int fail_after; /* -1: never fail */
};
struct dwarf_allocator count_allocator(struct count_alloc *ctx);

#endif
