/*
 * The bitmap frame allocator. A set bit means "unavailable" so that frames
 * the map never mentioned (holes, MMIO) can never be handed out. Allocation
 * is first-fit from a rotating hint, skipping whole 64-frame words that are
 * full.
 */
#include <kernel/pmm.h>
#include <kernel/string.h>

#define BITS 64

static bool test_bit(const struct pmm *p, size_t f)
{
    return (p->bitmap[f / BITS] >> (f % BITS)) & 1;
}

static void set_bit(struct pmm *p, size_t f)
{
    p->bitmap[f / BITS] |= 1ull << (f % BITS);
}

static void clear_bit(struct pmm *p, size_t f)
{
    p->bitmap[f / BITS] &= ~(1ull << (f % BITS));
}

size_t pmm_bitmap_bytes(paddr_t top)
{
    size_t frames = (size_t)(ALIGN_UP(top, PAGE_SIZE) >> PAGE_SHIFT);

    return ALIGN_UP(frames, BITS) / 8;
}

void pmm_init(struct pmm *p, uint64_t *bitmap, paddr_t top)
{
    p->bitmap = bitmap;
    p->nframes = (size_t)(ALIGN_UP(top, PAGE_SIZE) >> PAGE_SHIFT);
    p->free_frames = 0;
    p->hint = 0;
    memset(bitmap, 0xff, pmm_bitmap_bytes(top));
}

void pmm_add_free(struct pmm *p, paddr_t base, uint64_t len)
{
    if (base + len < base)
        len = ~base;
    paddr_t first = ALIGN_UP(base, PAGE_SIZE) >> PAGE_SHIFT;
    paddr_t last = ALIGN_DOWN(base + len, PAGE_SIZE) >> PAGE_SHIFT;

    for (paddr_t f = first; f < last && f < p->nframes; f++) {
        if (test_bit(p, f)) {
            clear_bit(p, f);
            p->free_frames++;
        }
    }
}

void pmm_reserve(struct pmm *p, paddr_t base, uint64_t len)
{
    if (len == 0)
        return;
    if (base + len < base)
        len = ~base;
    paddr_t first = ALIGN_DOWN(base, PAGE_SIZE) >> PAGE_SHIFT;
    paddr_t last = ALIGN_UP(base + len, PAGE_SIZE) >> PAGE_SHIFT;

    for (paddr_t f = first; f < last && f < p->nframes; f++) {
        if (!test_bit(p, f)) {
            set_bit(p, f);
            p->free_frames--;
        }
    }
}

/* First frame at or after f whose bit is clear, or nframes. */
static size_t next_free(const struct pmm *p, size_t f)
{
    while (f < p->nframes) {
        if (f % BITS == 0 && p->bitmap[f / BITS] == ~0ull) {
            f += BITS;
            continue;
        }
        if (!test_bit(p, f))
            return f;
        f++;
    }
    return p->nframes;
}

static bool search(const struct pmm *p, size_t from, size_t count, size_t align, size_t *out)
{
    size_t f = from;

    while ((f = next_free(p, f)) < p->nframes) {
        f = ALIGN_UP(f, align);
        if (f >= p->nframes || count > p->nframes - f)
            return false;
        size_t run = 0;
        while (run < count && !test_bit(p, f + run))
            run++;
        if (run == count) {
            *out = f;
            return true;
        }
        f += run + 1;
    }
    return false;
}

int pmm_alloc(struct pmm *p, size_t count, size_t align, paddr_t *out)
{
    size_t f;

    if (count == 0 || align == 0 || (align & (align - 1)) != 0)
        return PMM_E_INVALID;
    if (count > p->free_frames)
        return PMM_E_NOMEM;
    if (!search(p, p->hint, count, align, &f) && !search(p, 0, count, align, &f))
        return PMM_E_NOMEM;

    for (size_t i = 0; i < count; i++)
        set_bit(p, f + i);
    p->free_frames -= count;
    p->hint = f + count;
    *out = (paddr_t)f << PAGE_SHIFT;
    return PMM_OK;
}

int pmm_free(struct pmm *p, paddr_t base, size_t count)
{
    size_t first = (size_t)(base >> PAGE_SHIFT);

    if (!IS_ALIGNED(base, PAGE_SIZE) || count == 0 || first >= p->nframes ||
        count > p->nframes - first)
        return PMM_E_INVALID;
    /* Decide before acting: a double free changes nothing. */
    for (size_t i = 0; i < count; i++) {
        if (!test_bit(p, first + i))
            return PMM_E_INVALID;
    }
    for (size_t i = 0; i < count; i++)
        clear_bit(p, first + i);
    p->free_frames += count;
    return PMM_OK;
}

bool pmm_is_free(const struct pmm *p, paddr_t pa)
{
    size_t f = (size_t)(pa >> PAGE_SHIFT);

    return f < p->nframes && !test_bit(p, f);
}
