/*
 * tdesc.c: qXfer reads (GDB manual "qXfer:object:read:annex:offset,length")
 * and the target description (GDB manual "Target Descriptions"): which
 * registers the `g` packet carries, in which order and of which size.
 * Registers are numbered in document order, following xi:include, unless
 * a <reg> says regnum=; hdb's numbering is the x86_64 one of gdbstub's
 * x86_64.h, so a register is matched by name and the layout comes from
 * the sizes. Without a description, the layout of GDB's own x86_64 one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gdbstub/codec.h>
#include <hdb/error.h>

#include "remote_int.h"

int hdb_remote_xfer_read(struct remote *r, const char *object, const char *annex, char *buf,
                         size_t len)
{
    size_t got = 0;
    /* Ask for what fits in the stub's packet and in our reply buffer, hex-free binary. */
    size_t chunk = r->packet_size > 64 ? r->packet_size - 16 : 256;
    if (chunk > REMOTE_MAX_PACKET / 2)
        chunk = REMOTE_MAX_PACKET / 2;
    while (got + 1 < len) {
        size_t want = len - 1 - got < chunk ? len - 1 - got : chunk;
        int rc = hdb_remote_commandf(r, "qXfer:%s:read:%s:%zx,%zx", object, annex, got, want);
        if (rc < 0)
            return rc;
        if (r->reply[0] != 'm' && r->reply[0] != 'l')
            return r->reply_len == 0 ? HDB_E_NOTSUP : HDB_E_NOT_FOUND;
        int n = gdbstub_unescape((uint8_t *)r->reply + 1, r->reply_len - 1);
        if (n < 0)
            return HDB_E_IO;
        size_t take = (size_t)n < len - 1 - got ? (size_t)n : len - 1 - got;
        memcpy(buf + got, r->reply + 1, take);
        got += take;
        if (r->reply[0] == 'l' || n == 0)
            break;
    }
    buf[got] = 0;
    return (int)got;
}

/* The value of attribute name inside one tag [tag, end), into out. */
static bool attr(const char *tag, const char *end, const char *name, char *out, size_t len)
{
    size_t nl = strlen(name);
    for (const char *p = tag; p + nl + 2 < end; p++) {
        if ((p[-1] == ' ' || p[-1] == '\t' || p[-1] == '\n') && !strncmp(p, name, nl) &&
            p[nl] == '=' && (p[nl + 1] == '"' || p[nl + 1] == '\'')) {
            const char *v = p + nl + 2, *q = memchr(v, p[nl + 1], (size_t)(end - v));
            if (!q || (size_t)(q - v) >= len)
                return false;
            memcpy(out, v, (size_t)(q - v));
            out[q - v] = 0;
            return true;
        }
    }
    return false;
}

struct tdesc_walk {
    int next_regnum;
    size_t offset;
    int depth;
};

static int walk(struct remote *r, const char *annex, struct tdesc_walk *w)
{
    enum { DOC_MAX = 32768 };
    char *doc = hdb_alloc(r->plat, DOC_MAX);
    if (!doc)
        return HDB_E_NOMEM;
    int n = hdb_remote_xfer_read(r, "features", annex, doc, DOC_MAX);
    int rc = n < 0 ? n : 0;
    for (const char *p = doc; rc == 0 && n > 0 && (p = strchr(p, '<')); p++) {
        const char *end = strchr(p, '>');
        if (!end)
            break;
        char v[128];
        if (!strncmp(p, "<xi:include", 11) && attr(p, end, "href", v, sizeof(v)) && w->depth < 4) {
            w->depth++;
            rc = walk(r, v, w);
            w->depth--;
        } else if (!strncmp(p, "<reg ", 5) || !strncmp(p, "<reg\t", 5)) {
            char name[64], bits[16];
            if (!attr(p, end, "name", name, sizeof(name)) ||
                !attr(p, end, "bitsize", bits, sizeof(bits)))
                continue;
            if (attr(p, end, "regnum", v, sizeof(v)))
                w->next_regnum = (int)strtol(v, NULL, 10);
            size_t size = strtoul(bits, NULL, 10) / 8;
            int hdb = hdb_reg_by_name(name);
            /* The vector registers have no $names in hdb yet; calls pass doubles in them. */
            if (hdb < 0 && !strncmp(name, "xmm", 3) && name[3] >= '0' && name[3] <= '9' &&
                strtol(name + 3, NULL, 10) < 16)
                hdb = HDB_REG_XMM0 + (int)strtol(name + 3, NULL, 10);
            if (hdb >= 0 && w->offset + size <= 0xffff)
                r->regs[hdb] = (struct remote_reg){(uint16_t)w->offset, (uint16_t)size};
            w->offset += size;
            w->next_regnum++;
        }
    }
    hdb_free(r->plat, doc, DOC_MAX);
    r->g_size = w->offset;
    return rc;
}

/* GDB's x86_64 layout (features i386 core, sse, segments), for stubs without target.xml. */
static void default_layout(struct remote *r)
{
    size_t off = 0;
    for (int i = 0; i < HDB_REG_COUNT; i++) {
        size_t size = 8;
        if (i == HDB_REG_EFLAGS || (i >= HDB_REG_CS && i <= HDB_REG_GS) ||
            (i >= HDB_REG_FCTRL && i < HDB_REG_XMM0) || i == HDB_REG_MXCSR)
            size = 4;
        else if (i >= HDB_REG_ST0 && i < HDB_REG_FCTRL)
            size = 10;
        else if (i >= HDB_REG_XMM0 && i < HDB_REG_MXCSR)
            size = 16;
        r->regs[i] = (struct remote_reg){(uint16_t)off, (uint16_t)size};
        off += size;
    }
    r->g_size = off;
}

int hdb_remote_read_tdesc(struct remote *r, bool offered)
{
    struct tdesc_walk w = {0};
    memset(r->regs, 0, sizeof(r->regs));
    int rc = offered ? walk(r, "target.xml", &w) : HDB_E_NOTSUP;
    r->have_tdesc = rc == 0 && r->regs[HDB_REG_RIP].size == 8;
    if (!r->have_tdesc)
        default_layout(r);
    return 0;
}
