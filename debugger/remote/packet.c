/*
 * packet.c: the remote protocol's framing (GDB manual "Overview" of
 * "Remote Protocol"): `$data#cs` with the modulo-256 checksum, '+'/'-'
 * acknowledgements until no-ack mode is agreed, run-length encoded
 * replies, and console output (`O` + hex) that a stub may send before
 * the real reply of qRcmd or while the target runs. The byte encodings
 * come from gdbstub/codec.h, the same code the stubs use.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <gdbstub/codec.h>
#include <hdb/error.h>

#include "remote_int.h"

/* How long a stopped stub may take to answer; a running target is waited for without limit. */
#define REPLY_TIMEOUT_MS 10000
#define RETRIES 5

static int next_byte(struct remote *r, int timeout_ms)
{
    if (r->in_pos == r->in_len) {
        int n = r->link.read(r->link.ctx, r->in, sizeof(r->in), timeout_ms);
        if (n < 0)
            return n;
        if (n == 0)
            return HDB_E_IO;
        r->in_pos = 0;
        r->in_len = (size_t)n;
    }
    return r->in[r->in_pos++];
}

int hdb_remote_send_byte(struct remote *r, uint8_t b)
{
    return r->link.write(r->link.ctx, &b, 1);
}

int hdb_remote_send(struct remote *r, const char *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    uint8_t sum = gdbstub_checksum((const uint8_t *)data, len);
    char tail[3] = {'#', hex[sum >> 4], hex[sum & 15]};
    for (int attempt = 0; attempt < RETRIES; attempt++) {
        int rc = r->link.write(r->link.ctx, "$", 1);
        if (rc == 0)
            rc = r->link.write(r->link.ctx, data, len);
        if (rc == 0)
            rc = r->link.write(r->link.ctx, tail, 3);
        if (rc < 0 || r->noack)
            return rc;
        /*
         * Wait for the ack. A reply instead means the stub is still in
         * no-ack mode (a client before us left without detaching): keep
         * the reply for hdb_remote_recv, and stop acking ourselves.
         */
        for (;;) {
            int c = next_byte(r, REPLY_TIMEOUT_MS);
            if (c < 0)
                return c;
            if (c == '+')
                return 0;
            if (c == '-')
                break;
            if (c == '$') {
                r->in_pos--;
                return 0;
            }
        }
    }
    return HDB_E_IO;
}

/* One framed packet into r->reply, acked; a bad checksum is NAKed and read again. */
static int recv_frame(struct remote *r, int timeout_ms)
{
    static uint8_t raw[REMOTE_MAX_PACKET];
    for (;;) {
        int c;
        do {
            c = next_byte(r, timeout_ms);
            if (c < 0)
                return c;
        } while (c != '$');
        size_t n = 0;
        bool overflow = false;
        while ((c = next_byte(r, REPLY_TIMEOUT_MS)) >= 0 && c != '#') {
            if (c == '$') { /* a new packet starts: the old one was cut */
                n = 0;
                overflow = false;
                continue;
            }
            if (n < sizeof(raw))
                raw[n++] = (uint8_t)c;
            else
                overflow = true;
        }
        if (c < 0)
            return c;
        int h = next_byte(r, REPLY_TIMEOUT_MS), l = h < 0 ? h : next_byte(r, REPLY_TIMEOUT_MS);
        if (l < 0)
            return l;
        int hv = gdbstub_hex_value((uint8_t)h), lv = gdbstub_hex_value((uint8_t)l);
        bool good =
            !overflow && hv >= 0 && lv >= 0 && gdbstub_checksum(raw, n) == (uint8_t)(hv << 4 | lv);
        if (!r->noack) {
            int rc = hdb_remote_send_byte(r, good ? '+' : '-');
            if (rc < 0)
                return rc;
        }
        if (!good) {
            if (r->noack)
                return HDB_E_IO;
            continue;
        }
        int len = gdbstub_rle_decode((uint8_t *)r->reply, sizeof(r->reply) - 1, raw, n);
        if (len < 0)
            return HDB_E_IO;
        r->reply[len] = 0;
        r->reply_len = (size_t)len;
        return 0;
    }
}

/* "O" followed by hex digits (and not "OK"): console output from the target. */
static bool console_output(struct remote *r)
{
    if (r->reply[0] != 'O' || r->reply_len < 3 || (r->reply_len - 1) % 2)
        return false;
    char text[REMOTE_MAX_PACKET / 2];
    int n = gdbstub_hex_decode((uint8_t *)text, (const uint8_t *)r->reply + 1, r->reply_len - 1);
    if (n < 0)
        return false;
    if (r->console)
        r->console(r->console_ctx, text, (size_t)n);
    else
        r->plat->out(r->plat->ctx, text, (size_t)n);
    return true;
}

int hdb_remote_recv(struct remote *r, int timeout_ms)
{
    for (;;) {
        int rc = recv_frame(r, timeout_ms < 0 ? -1 : timeout_ms);
        if (rc < 0)
            return rc;
        if (!console_output(r))
            return 0;
    }
}

int hdb_remote_command(struct remote *r, const char *data, size_t len)
{
    int rc = hdb_remote_send(r, data, len);
    return rc < 0 ? rc : hdb_remote_recv(r, REPLY_TIMEOUT_MS);
}

int hdb_remote_commandf(struct remote *r, const char *fmt, ...)
{
    char buf[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof(buf))
        return HDB_E_ARG;
    return hdb_remote_command(r, buf, (size_t)n);
}

bool hdb_remote_reply_error(const struct remote *r)
{
    return r->reply[0] == 'E' && r->reply_len == 3;
}

bool hdb_remote_reply_ok(const struct remote *r)
{
    return !strcmp(r->reply, "OK");
}
