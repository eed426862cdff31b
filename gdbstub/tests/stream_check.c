/*
 * stream_check.c: th_check_stream() (see harness.h), apart from the
 * cmocka harness so that the libFuzzer target can use it too.
 */
#include "gdbstub/codec.h"
#include "harness.h"

int th_check_stream(const uint8_t *out, size_t len)
{
    int packets = 0;
    size_t i = 0;

    while (i < len) {
        if (out[i] == '+' || out[i] == '-') {
            i++;
            continue;
        }
        if (out[i] != '$')
            return -1;
        size_t start = ++i;
        while (i < len && out[i] != '#') {
            if (out[i] == '$' || out[i] == '*')
                return -1;
            if (out[i] == '}') {
                if (++i == len || out[i] == '#')
                    return -1;
            }
            i++;
        }
        if (len - i < 3)
            return -1;
        int hi = gdbstub_hex_value(out[i + 1]);
        int lo = gdbstub_hex_value(out[i + 2]);
        if (hi < 0 || lo < 0 || (hi << 4 | lo) != gdbstub_checksum(out + start, i - start))
            return -1;
        i += 3;
        packets++;
    }
    return packets;
}
