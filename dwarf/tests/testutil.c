/* Helpers shared by the dwarf unit tests (see testutil.h). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

static void need(struct buf *b, size_t n)
{
    assert_true(b->len + n <= sizeof b->data);
}

void b_u8(struct buf *b, uint8_t v)
{
    need(b, 1);
    b->data[b->len++] = v;
}

void b_uint(struct buf *b, uint64_t v, unsigned size)
{
    for (unsigned i = 0; i < size; i++)
        b_u8(b, (uint8_t)(v >> (8 * i)));
}

void b_u16(struct buf *b, uint16_t v)
{
    b_uint(b, v, 2);
}
void b_u32(struct buf *b, uint32_t v)
{
    b_uint(b, v, 4);
}
void b_u64(struct buf *b, uint64_t v)
{
    b_uint(b, v, 8);
}

void b_uleb(struct buf *b, uint64_t v)
{
    do {
        uint8_t byte = v & 0x7f;
        v >>= 7;
        b_u8(b, byte | (v ? 0x80 : 0));
    } while (v);
}

void b_sleb(struct buf *b, int64_t v)
{
    for (;;) {
        uint8_t byte = v & 0x7f;
        v >>= 7; /* arithmetic shift on gcc */
        if ((v == 0 && !(byte & 0x40)) || (v == -1 && (byte & 0x40))) {
            b_u8(b, byte);
            return;
        }
        b_u8(b, byte | 0x80);
    }
}

void b_str(struct buf *b, const char *s)
{
    b_bytes(b, s, strlen(s) + 1);
}

void b_bytes(struct buf *b, const void *p, size_t n)
{
    if (n == 0)
        return;
    need(b, n);
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

void b_patch_u32(struct buf *b, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        b->data[at + i] = (uint8_t)(v >> (8 * i));
}

void b_patch_u64(struct buf *b, size_t at, uint64_t v)
{
    for (int i = 0; i < 8; i++)
        b->data[at + i] = (uint8_t)(v >> (8 * i));
}

struct unit_mark b_unit_begin(struct buf *b, unsigned version, unsigned unit_type,
                              unsigned offset_size, unsigned addr_size, uint64_t abbrev_off)
{
    struct unit_mark m = {.start = b->len, .offset_size = offset_size};
    if (offset_size == 8) {
        b_u32(b, 0xffffffffu);
        b_u64(b, 0);
    } else {
        b_u32(b, 0);
    }
    b_u16(b, (uint16_t)version);
    if (version >= 5) {
        b_u8(b, (uint8_t)unit_type);
        b_u8(b, (uint8_t)addr_size);
        b_uint(b, abbrev_off, offset_size);
    } else {
        b_uint(b, abbrev_off, offset_size);
        b_u8(b, (uint8_t)addr_size);
    }
    return m;
}

void b_unit_end(struct buf *b, struct unit_mark m)
{
    if (m.offset_size == 8)
        b_patch_u64(b, m.start + 4, b->len - (m.start + 12));
    else
        b_patch_u32(b, m.start, (uint32_t)(b->len - (m.start + 4)));
}

struct dwarf_section sec_copy(const void *p, size_t n)
{
    struct dwarf_section s = {.data = NULL, .size = n};
    uint8_t *d = malloc(n ? n : 1);
    assert_non_null(d);
    if (n)
        memcpy(d, p, n);
    s.data = d;
    return s;
}

void sec_free(struct dwarf_section *s)
{
    free((void *)s->data);
    s->data = NULL;
    s->size = 0;
}

void td_init(struct test_dwarf *t)
{
    memset(t, 0, sizeof *t);
}

void td_set(struct test_dwarf *t, enum dwarf_section_id id, const struct buf *b)
{
    sec_free(&t->sec[id]);
    t->sec[id] = sec_copy(b->data, b->len);
}

void td_finish(struct test_dwarf *t)
{
    assert_int_equal(dwarf_init(&t->dw, t->sec, NULL), 0);
}

void td_free(struct test_dwarf *t)
{
    for (int i = 0; i < DWARF_SEC_COUNT; i++)
        sec_free(&t->sec[i]);
}

static void *ca_alloc(void *ctx, size_t size)
{
    struct count_alloc *c = ctx;
    if (c->fail_after >= 0 && (int)c->allocs >= c->fail_after)
        return NULL;
    c->allocs++;
    c->live_bytes += size;
    return malloc(size);
}

static void ca_free(void *ctx, void *p, size_t size)
{
    struct count_alloc *c = ctx;
    c->frees++;
    c->live_bytes -= size;
    free(p);
}

struct dwarf_allocator count_allocator(struct count_alloc *ctx)
{
    return (struct dwarf_allocator){.alloc = ca_alloc, .free = ca_free, .ctx = ctx};
}
