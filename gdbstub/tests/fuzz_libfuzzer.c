/*
 * fuzz_libfuzzer.c: coverage-guided fuzzing of the engine with libFuzzer
 * (clang), for long runs by hand; not part of `make test`, whose fuzz
 * suite (test_fuzz.c) is deterministic. Each input goes to a fresh engine
 * with the smallest buffers the x86_64 arch allows, allocated exactly so
 * that ASan sees any overrun; the first byte picks the chunk size the
 * input is fed in. Aborts if the engine sends a malformed stream or the
 * target sees an argument the engine should have rejected.
 *
 *   make gdbstub-libfuzzer && build/fuzz/gdbstub-libfuzzer -max_total_time=60
 */
#include <stdlib.h>
#include <string.h>

#include "fake_target.h"
#include "harness.h"

#define RX 1105
#define TX 1108
#define OUT_MAX (1u << 22)

static uint8_t out[OUT_MAX];
static size_t out_len;

static void capture(void *io, const uint8_t *buf, size_t len)
{
    (void)io;
    if (len > OUT_MAX - out_len)
        abort(); /* far more output than any input can justify */
    memcpy(out + out_len, buf, len);
    out_len += len;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct fake_target target;
    struct gdbstub gs;
    uint8_t *rx = malloc(RX), *tx = malloc(TX);
    size_t chunk;

    if (size == 0 || rx == NULL || tx == NULL) {
        free(rx);
        free(tx);
        return 0;
    }
    fake_target_init(&target);
    struct gdbstub_config cfg = {
        .ops = &fake_target_ops,
        .target = &target,
        .arch = &gdbstub_arch_x86_64,
        .put = capture,
        .rx_buf = rx,
        .rx_size = RX,
        .tx_buf = tx,
        .tx_size = TX,
    };
    if (gdbstub_init(&gs, &cfg) != GDBSTUB_OK)
        abort();
    out_len = 0;
    chunk = 1 + data[0] % 64;
    data++;
    size--;
    for (size_t i = 0; i < size; i += chunk) {
        size_t n = size - i < chunk ? size - i : chunk;
        if (gdbstub_feed(&gs, data + i, n) < 0)
            abort();
        if (gdbstub_running(&gs)) {
            struct gdbstub_stop stop = {.signal = 5, .tid = 1};
            gdbstub_report_stop(&gs, &stop);
        }
    }
    if (th_check_stream(out, out_len) < 0 || target.bad_args != 0)
        abort();
    free(rx);
    free(tx);
    return 0;
}
