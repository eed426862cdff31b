/*
 * xfer.c: qXfer:object:read:annex:offset,length (GDB manual "General Query
 * Packets", qXfer). The reply is 'm' and data when more may follow, 'l'
 * and data at the end; data is binary, escaped.
 *
 * Objects are a table of readers, so adding one (qXfer:osdata:read for
 * "info os", say) is one reader and one row; it must also be announced in
 * qSupported. Readers copy into a small buffer at a time, which keeps the
 * annex name in rx_buf valid for the whole reply.
 */
#include "gdbstub_int.h"

/* Copy up to len bytes at offset of the object's annex; *done = 0 at the end. */
typedef int xfer_read_fn(struct gdbstub *gs, const uint8_t *annex, size_t annex_len,
                         uint64_t offset, uint8_t *buf, size_t len, size_t *done);

struct xfer_object {
    const char *name;
    xfer_read_fn *read;
};

static int features_read(struct gdbstub *gs, const uint8_t *annex, size_t annex_len,
                         uint64_t offset, uint8_t *buf, size_t len, size_t *done)
{
    const struct gdbstub_arch *arch = gs->cfg.arch;

    for (size_t i = 0; i < arch->nfeatures; i++) {
        const struct gdbstub_annex *a = &arch->features[i];

        if (!gs_mem_eq_str(annex, annex_len, a->name))
            continue;
        *done = 0;
        if (offset >= a->len)
            return GDBSTUB_OK;
        if (len > a->len - offset)
            len = (size_t)(a->len - offset);
        for (size_t k = 0; k < len; k++)
            buf[k] = (uint8_t)a->data[offset + k];
        *done = len;
        return GDBSTUB_OK;
    }
    return GDBSTUB_E_NOENT;
}

static int osdata_read(struct gdbstub *gs, const uint8_t *annex, size_t annex_len, uint64_t offset,
                       uint8_t *buf, size_t len, size_t *done)
{
    *done = 0;
    if (gs->cfg.ops->read_osdata == NULL)
        return GDBSTUB_E_NOTSUP;
    return gs->cfg.ops->read_osdata(gs->cfg.target, (const char *)annex, annex_len, offset, buf,
                                    len, done);
}

static const struct xfer_object objects[] = {
    {"features", features_read},
    {"osdata", osdata_read},
};

static const struct xfer_object *find_object(const uint8_t *name, size_t len)
{
    for (size_t i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        if (gs_mem_eq_str(name, len, objects[i].name))
            return &objects[i];
    }
    return NULL;
}

int gs_h_xfer(struct gdbstub *gs, struct gs_cursor *args)
{
    const struct xfer_object *obj;
    const uint8_t *name, *annex;
    size_t name_len, annex_len, sent = 0;
    uint64_t offset, length;
    bool end = false;

    /* decode */
    if (!gs_cur_eat(args, ':'))
        return GDBSTUB_E_INVAL;
    gs_cur_until(args, ':', &name, &name_len);
    obj = find_object(name, name_len);
    if (obj == NULL || !gs_cur_eat_str(args, "read:"))
        return GDBSTUB_E_NOTSUP;
    gs_cur_until(args, ':', &annex, &annex_len);
    if (args->p == annex + annex_len || gs_cur_hex_u64(args, &offset) < 0 ||
        !gs_cur_eat(args, ',') || gs_cur_hex_u64(args, &length) < 0 || !gs_cur_done(args))
        return GDBSTUB_E_NOENT;

    /* act: 'm' for now, turned into 'l' once the reader runs dry */
    gs_reply_begin(gs);
    gs_reply_byte(gs, 'm');
    while (sent < length) {
        uint8_t chunk[64];
        size_t want = sizeof(chunk), got = 0;
        /* worst case every byte is escaped */
        size_t fit = gs_reply_room(gs) / 2;
        int rc;

        if (want > fit)
            want = fit;
        if (want > length - sent)
            want = (size_t)(length - sent);
        if (want == 0 || offset + sent < offset)
            break;
        rc = obj->read(gs, annex, annex_len, offset + sent, chunk, want, &got);
        if (rc < 0)
            return rc;
        gs_reply_bytes(gs, chunk, got);
        sent += got;
        if (got < want) {
            end = true;
            break;
        }
    }
    if (end)
        gs->cfg.tx_buf[1] = 'l';
    gs_reply_send(gs);
    return GDBSTUB_OK;
}
