/*
 * harness.c: see harness.h.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "gdbstub/codec.h"
#include "harness.h"

static void capture(void *io, const uint8_t *buf, size_t len)
{
    struct th *th = io;

    if (len > TH_OUT_MAX - th->out_len) {
        th->out_overflow = true;
        len = TH_OUT_MAX - th->out_len;
    }
    memcpy(th->out + th->out_len, buf, len);
    th->out_len += len;
    th->out[th->out_len] = '\0';
}

struct th *th_new(size_t rx_size, size_t tx_size)
{
    struct th *th = calloc(1, sizeof(*th));
    struct gdbstub_config cfg;

    assert_non_null(th);
    th->rx = malloc(rx_size);
    th->tx = malloc(tx_size);
    assert_non_null(th->rx);
    assert_non_null(th->tx);
    th->rx_size = rx_size;
    th->tx_size = tx_size;
    fake_target_init(&th->target);
    cfg = (struct gdbstub_config){
        .ops = &fake_target_ops,
        .target = &th->target,
        .arch = &gdbstub_arch_x86_64,
        .put = capture,
        .io = th,
        .rx_buf = th->rx,
        .rx_size = rx_size,
        .tx_buf = th->tx,
        .tx_size = tx_size,
    };
    assert_int_equal(gdbstub_init(&th->gs, &cfg), GDBSTUB_OK);
    return th;
}

void th_free(struct th *th)
{
    free(th->rx);
    free(th->tx);
    free(th);
}

void th_clear(struct th *th)
{
    th->out_len = 0;
    th->out[0] = '\0';
    th->events = 0;
}

int th_feed(struct th *th, const void *data, size_t len)
{
    int ev = gdbstub_feed(&th->gs, data, len);

    assert_true(ev >= 0);
    th->events |= ev;
    return ev;
}

int th_feed_str(struct th *th, const char *s)
{
    return th_feed(th, s, strlen(s));
}

void th_send(struct th *th, const void *payload, size_t len)
{
    char tail[4];
    uint8_t sum = gdbstub_checksum(payload, len);

    th_feed(th, "$", 1);
    th_feed(th, payload, len);
    snprintf(tail, sizeof(tail), "#%02x", sum);
    th_feed(th, tail, 3);
}

const char *th_cmd(struct th *th, const char *payload)
{
    th_clear(th);
    th_send(th, payload, strlen(payload));
    return th->out;
}

const char *th_frame(const char *payload)
{
    static char buf[TH_OUT_MAX];
    size_t len = strlen(payload);

    snprintf(buf, sizeof(buf), "$%s#%02x", payload,
             gdbstub_checksum((const uint8_t *)payload, len));
    return buf;
}

const char *th_acked(const char *payload)
{
    static char buf[TH_OUT_MAX];

    snprintf(buf, sizeof(buf), "+%s", th_frame(payload));
    return buf;
}

const char *th_stop(const struct th *th, const char *head, int64_t tid)
{
    static const uint32_t regs[] = {GDBSTUB_X86_64_RBP, GDBSTUB_X86_64_RSP, GDBSTUB_X86_64_RIP};
    static char buf[512];
    size_t n = (size_t)snprintf(buf, sizeof(buf), "%s", head);

    for (size_t i = 0; i < sizeof(regs) / sizeof(regs[0]); i++) {
        uint64_t v = fake_reg_u64(&th->target, tid, regs[i]);
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%02x:", regs[i]);
        for (int b = 0; b < 8; b++)
            n +=
                (size_t)snprintf(buf + n, sizeof(buf) - n, "%02x", (unsigned)(v >> (8 * b)) & 0xff);
        n += (size_t)snprintf(buf + n, sizeof(buf) - n, ";");
    }
    return buf;
}
