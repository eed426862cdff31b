/*
 * dispatch.c: from a checked packet to its handler. Single-letter packets
 * are picked by their first byte; 'q', 'Q' and 'v' packets by name, where
 * a name ends at the end of the packet or at ':', ',' or ';' (GDB manual
 * "General Query Packets"), so "qC" never matches "qCRC". Anything not
 * listed gets the empty reply, which tells gdb the packet is not supported
 * ("Packets": "reply with an empty response"); gdb's own probe for this,
 * vMustReplyEmpty, is answered that way too.
 */
#include "gdbstub_int.h"

struct named_handler {
    const char *name;
    gs_handler_fn *fn;
};

static const struct named_handler named[] = {
    {"qSupported", gs_h_supported},
    {"QStartNoAckMode", gs_h_no_ack},
    {"qXfer", gs_h_xfer},
    {"qfThreadInfo", gs_h_thread_first},
    {"qsThreadInfo", gs_h_thread_next},
    {"qC", gs_h_current_thread},
    {"qThreadExtraInfo", gs_h_thread_extra},
    {"qAttached", gs_h_attached},
    {"qRcmd", gs_h_rcmd},
    {"vCont?", gs_h_vcont_query},
    {"vCont", gs_h_vcont},
    {"vCtrlC", gs_h_vctrlc},
};

static const struct {
    uint8_t letter;
    gs_handler_fn *fn;
} lettered[] = {
    {'?', gs_h_stop_query},   {'g', gs_h_read_regs},     {'G', gs_h_write_regs},
    {'p', gs_h_read_reg},     {'P', gs_h_write_reg},     {'m', gs_h_read_mem},
    {'M', gs_h_write_mem},    {'X', gs_h_write_mem_bin}, {'Z', gs_h_insert_bp},
    {'z', gs_h_remove_bp},    {'c', gs_h_continue},      {'s', gs_h_step},
    {'C', gs_h_continue_sig}, {'S', gs_h_step_sig},      {'D', gs_h_detach},
    {'k', gs_h_kill},         {'H', gs_h_set_thread},    {'T', gs_h_thread_alive},
};

static gs_handler_fn *by_letter(uint8_t c)
{
    for (size_t i = 0; i < sizeof(lettered) / sizeof(lettered[0]); i++) {
        if (lettered[i].letter == c)
            return lettered[i].fn;
    }
    return NULL;
}

static bool name_ends(const uint8_t *p, const uint8_t *end)
{
    return p == end || *p == ':' || *p == ',' || *p == ';';
}

static gs_handler_fn *by_name(struct gs_cursor *c)
{
    for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
        struct gs_cursor probe = *c;

        if (gs_cur_eat_str(&probe, named[i].name) && name_ends(probe.p, probe.end)) {
            *c = probe;
            return named[i].fn;
        }
    }
    return NULL;
}

void gs_dispatch(struct gdbstub *gs, uint8_t *pkt, size_t len)
{
    struct gs_cursor c = {pkt, pkt + len};
    gs_handler_fn *fn = NULL;
    int rc;

    if (len == 0) {
        gs_send_error(gs, GDBSTUB_E_NOTSUP);
        return;
    }
    if (pkt[0] == 'q' || pkt[0] == 'Q' || pkt[0] == 'v') {
        fn = by_name(&c);
    } else {
        fn = by_letter(pkt[0]);
        c.p++;
    }
    rc = fn != NULL ? fn(gs, &c) : GDBSTUB_E_NOTSUP;
    if (rc < 0)
        gs_send_error(gs, rc);
}
