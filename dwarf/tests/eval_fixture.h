/*
 * eval_fixture.h: what the DW_OP stack machine's tests share: a fake target
 * (registers, memory, frame base, CFA, TLS with known values) and EXPR,
 * an expression's bytes from a list.
 */
#ifndef DWARF_TESTS_EVAL_FIXTURE_H
#define DWARF_TESTS_EVAL_FIXTURE_H

#include "testutil.h"

#include <dwarf/eval.h>

#include <string.h>

/* A fake target: register n holds 0x1000 * (n + 1); memory reads return the address's bytes. */
static inline int t_reg(void *ctx, unsigned reg, uint64_t *v)
{
    (void)ctx;
    if (reg > 40)
        return DWARF_E_UNAVAILABLE;
    *v = 0x1000u * (reg + 1);
    return 0;
}

static inline int t_mem(void *ctx, uint64_t addr, void *buf, uint64_t len)
{
    (void)ctx;
    if (addr == 0xdead)
        return DWARF_E_UNAVAILABLE;
    for (uint64_t i = 0; i < len; i++)
        ((uint8_t *)buf)[i] = (uint8_t)((addr >> (8 * i)) + 1);
    return 0;
}

static inline int t_fb(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = 0x7fff0000;
    return 0;
}

static inline int t_cfa(void *ctx, uint64_t *v)
{
    (void)ctx;
    *v = 0x7fff1000;
    return 0;
}

static inline int t_tls(void *ctx, uint64_t off, uint64_t *v)
{
    (void)ctx;
    *v = 0x600000 + off;
    return 0;
}

static const struct dwarf_eval_ops ops = {.read_reg = t_reg,
                                          .read_mem = t_mem,
                                          .frame_base = t_fb,
                                          .call_frame_cfa = t_cfa,
                                          .tls_address = t_tls};

static inline int value_of(const struct buf *b, uint64_t *v)
{
    struct dwarf_eval ev = {.ops = &ops};
    struct dwarf_section s = sec_copy(b->data, b->len);
    int rc = dwarf_eval_value(&ev, s.data, s.size, v);
    sec_free(&s);
    return rc;
}

static inline uint64_t must(const struct buf *b)
{
    uint64_t v = 0;
    assert_int_equal(value_of(b, &v), 0);
    return v;
}

#define EXPR(...)                                                                                  \
    ({                                                                                             \
        static const uint8_t bytes_[] = {__VA_ARGS__};                                             \
        struct buf b_ = {0};                                                                       \
        b_bytes(&b_, bytes_, sizeof bytes_);                                                       \
        b_;                                                                                        \
    })

enum { L0 = DW_OP_lit0 };

#endif
