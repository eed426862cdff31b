/*
 * cli_jump.c: jump LINE | FUNC | *ADDR: the program resumes at another
 * address (its pc set there; nothing else changes, not even the stack),
 * as gdb's jump does, asking first when the place is in another function
 * than the one the program stopped in.
 */
#include <stdio.h>
#include <string.h>

#include <hdb/cli.h>
#include <hdb/error.h>

/* gdb's yes-or-no question; without a terminal to answer (batch, TUI), yes. */
static bool confirmed(struct hdb_cli *c, const char *q)
{
    if (!c->confirm)
        return true;
    if (c->batch || c->in_tui) {
        hdb_cli_out(c, "%s(y or n) [answered Y; input not from terminal]\n", q);
        return true;
    }
    char prompt[600], answer[16];
    snprintf(prompt, sizeof(prompt), "%s(y or n) ", q);
    if (c->plat->read_line(c->plat->ctx, prompt, answer, sizeof(answer)) < 0)
        return false;
    return answer[0] == 'y' || answer[0] == 'Y';
}

int hdb_cli_cmd_jump(struct hdb_cli *c, const char *args)
{
    struct hdb_session *s = c->s;
    if (!s->pid) {
        hdb_cli_err(c, "The program is not being run.\n");
        return HDB_E_NO_PROCESS;
    }
    if (!*args) {
        hdb_cli_err(c, "Argument required (starting address).\n");
        return HDB_E_ARG;
    }
    uint64_t loc;
    if (hdb_session_resolve(s, args, &loc, 1) < 1) {
        hdb_cli_location_error(c, args);
        return HDB_E_NOT_FOUND;
    }
    uint64_t to = hdb_session_bp_runtime(s, loc);
    /* The function the program stopped in (frame 0, whichever frame is selected). */
    s->frame = 0;
    struct hdb_regs regs;
    int rc = s->target->ops->read_regs(s->target, s->cur_tid, &regs);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    uint64_t lo, hi, tlo, thi;
    const char *here = hdb_cli_func_bounds(s, regs.v[HDB_REG_RIP], &lo, &hi);
    const char *there = hdb_cli_func_bounds(s, to, &tlo, &thi);
    if (here && (!there || tlo != lo)) {
        struct hdb_line_loc line = {0};
        int prev = hdb_session_enter_pc(s, to);
        hdb_lines_find(&s->lines, hdb_session_to_link(s, to), &line);
        hdb_session_activate_module(s, prev);
        char q[512];
        snprintf(q, sizeof(q), "Line %u is not in `%s'.  Jump anyway? ", line.line, here);
        if (!confirmed(c, q)) {
            hdb_cli_err(c, "Not confirmed.\n");
            return HDB_E_ARG;
        }
    }
    /* gdb says where it resumes only to a person at the terminal. */
    if (!c->batch)
        hdb_cli_out(c, "Continuing at 0x%llx.\n", (unsigned long long)to);
    regs.valid = 1ull << HDB_REG_RIP;
    regs.v[HDB_REG_RIP] = to;
    if ((rc = s->target->ops->write_regs(s->target, s->cur_tid, &regs)) < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    struct hdb_event ev;
    rc = hdb_session_continue(s, &ev);
    if (rc < 0) {
        hdb_cli_err(c, "%s\n", hdb_strerror(rc));
        return rc;
    }
    hdb_cli_print_event(c, &ev);
    return 0;
}
