/*
 * codec.c: checksum, hex, escape and run-length helpers (GDB manual
 * "Overview" and "Binary Data" in "Remote Protocol"). Pure functions over
 * caller buffers; the frame and reply layers and the handlers build on them.
 */
#include "gdbstub_int.h"

uint8_t gdbstub_checksum(const uint8_t *p, size_t len)
{
    uint8_t sum = 0;

    for (size_t i = 0; i < len; i++)
        sum = (uint8_t)(sum + p[i]);
    return sum;
}

int gdbstub_hex_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

uint8_t gdbstub_hex_digit(unsigned v)
{
    static const char digits[] = "0123456789abcdef";

    return (uint8_t)digits[v & 15];
}

void gdbstub_hex_encode(uint8_t *out, const uint8_t *in, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        uint8_t b = in[i];

        out[2 * i] = gdbstub_hex_digit(b >> 4);
        out[2 * i + 1] = gdbstub_hex_digit(b);
    }
}

int gdbstub_hex_decode(uint8_t *out, const uint8_t *in, size_t hex_len)
{
    if (hex_len % 2 != 0 || hex_len / 2 > (size_t)INT32_MAX)
        return GDBSTUB_E_INVAL;
    for (size_t i = 0; i < hex_len / 2; i++) {
        int hi = gdbstub_hex_value(in[2 * i]);
        int lo = gdbstub_hex_value(in[2 * i + 1]);

        if (hi < 0 || lo < 0)
            return GDBSTUB_E_INVAL;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return (int)(hex_len / 2);
}

bool gdbstub_needs_escape(uint8_t c)
{
    /* '*' too: a stub's output may be read as run-length encoded
     * (GDB manual "Overview"). */
    return c == '$' || c == '#' || c == '}' || c == '*';
}

size_t gdbstub_escape(uint8_t *out, size_t out_size, const uint8_t *in, size_t len,
                      size_t *consumed)
{
    size_t o = 0;
    size_t i;

    for (i = 0; i < len; i++) {
        if (gdbstub_needs_escape(in[i])) {
            if (out_size - o < 2)
                break;
            out[o++] = '}';
            out[o++] = in[i] ^ 0x20;
        } else {
            if (out_size - o < 1)
                break;
            out[o++] = in[i];
        }
    }
    *consumed = i;
    return o;
}

int gdbstub_unescape(uint8_t *buf, size_t len)
{
    size_t o = 0;

    if (len > (size_t)INT32_MAX)
        return GDBSTUB_E_INVAL;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '}') {
            if (++i == len)
                return GDBSTUB_E_INVAL;
            buf[o++] = buf[i] ^ 0x20;
        } else {
            buf[o++] = buf[i];
        }
    }
    return (int)o;
}

int gdbstub_rle_count(uint8_t c)
{
    if (c < ' ' || c > '~' || c == '#' || c == '$')
        return GDBSTUB_E_INVAL;
    return c - 29;
}

int gdbstub_rle_decode(uint8_t *out, size_t out_size, const uint8_t *in, size_t len)
{
    size_t o = 0;

    if (out_size > (size_t)INT32_MAX)
        out_size = INT32_MAX;
    for (size_t i = 0; i < len; i++) {
        if (in[i] != '*') {
            if (o == out_size)
                return GDBSTUB_E_NOSPC;
            out[o++] = in[i];
            continue;
        }
        if (o == 0 || i + 1 == len)
            return GDBSTUB_E_INVAL;
        int n = gdbstub_rle_count(in[++i]);
        if (n < 0)
            return n;
        if (out_size - o < (size_t)n)
            return GDBSTUB_E_NOSPC;
        for (int k = 0; k < n; k++, o++)
            out[o] = out[o - 1];
    }
    return (int)o;
}

size_t gdbstub_rle_encode(uint8_t *buf, size_t len)
{
    size_t o = 0;

    /* o never passes i: each run of n >= 4 bytes is written as 3. */
    for (size_t i = 0; i < len;) {
        size_t run = 1;
        while (i + run < len && buf[i + run] == buf[i] && run < 98)
            run++;
        /*
         * The count is the byte run - 1 + 29. '#' and '$' are not allowed
         * ("Overview"); '*' and '}' are, but a count that looks like a
         * marker or an escape is harder to read, so those runs are cut short.
         */
        while (run >= 4 &&
               (run + 28 == '#' || run + 28 == '$' || run + 28 == '*' || run + 28 == '}'))
            run--;
        buf[o++] = buf[i];
        if (run >= 4) {
            buf[o++] = '*';
            buf[o++] = (uint8_t)(run - 1 + 29);
        } else {
            for (size_t k = 1; k < run; k++)
                buf[o++] = buf[i];
        }
        i += run;
    }
    return o;
}
