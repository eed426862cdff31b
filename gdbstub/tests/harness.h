/*
 * harness.h: drive a gdbstub engine over the fake target from cmocka
 * tests: feed bytes or whole framed packets, capture everything the
 * engine sends, and check captured output for well-formed framing.
 */
#ifndef GDBSTUB_TESTS_HARNESS_H
#define GDBSTUB_TESTS_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fake_target.h"
#include "gdbstub/gdbstub.h"

#define TH_OUT_MAX (1u << 20)

struct th {
    struct gdbstub gs;
    struct fake_target target;
    uint8_t *rx;
    uint8_t *tx;
    size_t rx_size, tx_size;
    char out[TH_OUT_MAX + 1]; /* captured output, NUL-terminated */
    size_t out_len;
    bool out_overflow;
    int events; /* OR of the events of every feed since th_clear */
};

/* cmocka test name "gdbstub.<fn>" (DESIGN: group.case). */
#define TH_TEST(fn)                                                                                \
    {                                                                                              \
        "gdbstub." #fn, fn, NULL, NULL, NULL                                                       \
    }

/* Heap-allocated so ASan sees buffer overruns exactly at the buffer end. */
struct th *th_new(size_t rx_size, size_t tx_size);
void th_free(struct th *th);
void th_clear(struct th *th);
int th_feed(struct th *th, const void *data, size_t len);
int th_feed_str(struct th *th, const char *s);
/* Frame payload[0..len) as "$...#xx" (no escaping) and feed it. */
void th_send(struct th *th, const void *payload, size_t len);
/* Clear, send one packet, return what the engine sent. */
const char *th_cmd(struct th *th, const char *payload);
/* "$payload#xx" for an expected reply, in a static buffer. */
const char *th_frame(const char *payload);
/* The same with the '+' ack in front. */
const char *th_acked(const char *payload);
/*
 * A T stop reply as the engine sends it: head ("T05thread:1;swbreak:;")
 * followed by the expedited rbp, rsp and rip of thread tid, read from the
 * fake target. In a static buffer of its own.
 */
const char *th_stop(const struct th *th, const char *head, int64_t tid);

/*
 * Check that out[0..len) is a sequence of '+', '-' and well-formed
 * packets with correct checksums and no unescaped '$', '#', '*' or '}'
 * inside. Returns the number of packets or -1.
 */
int th_check_stream(const uint8_t *out, size_t len);

#endif
