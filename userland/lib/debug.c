/*
 * The debug and CSpace-inspection wrappers of hl/debug.h: each packs its
 * arguments into a0..a3 as helios/invocations.h lays them out.
 */
#include <hl/debug.h>
#include <hl/syscall.h>

static uint64_t ptr(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

int hl_debug_read_regs(uint32_t task, struct hl_debug_regs *regs)
{
    return hl_invoke(task, HL_DEBUG_READ_REGS, ptr(regs), 0, 0, 0, 0);
}

int hl_debug_write_regs(uint32_t task, const struct hl_debug_regs *regs)
{
    return hl_invoke(task, HL_DEBUG_WRITE_REGS, ptr(regs), 0, 0, 0, 0);
}

static int mem_op(uint64_t label, uint32_t task, uint64_t addr, const void *buf, size_t len,
                  size_t *done)
{
    uint64_t value = 0;
    int err = hl_invoke(task, label, addr, ptr(buf), len, 0, &value);

    if (done)
        *done = (size_t)value;
    return err;
}

int hl_debug_read_mem(uint32_t task, uint64_t addr, void *buf, size_t len, size_t *done)
{
    return mem_op(HL_DEBUG_READ_MEM, task, addr, buf, len, done);
}

int hl_debug_write_mem(uint32_t task, uint64_t addr, const void *buf, size_t len, size_t *done)
{
    return mem_op(HL_DEBUG_WRITE_MEM, task, addr, buf, len, done);
}

int hl_debug_suspend(uint32_t task)
{
    return hl_invoke(task, HL_DEBUG_SUSPEND, 0, 0, 0, 0, 0);
}

int hl_debug_resume(uint32_t task, unsigned flags)
{
    return hl_invoke(task, HL_DEBUG_RESUME, flags, 0, 0, 0, 0);
}

int hl_debug_step(uint32_t task, unsigned flags)
{
    return hl_invoke(task, HL_DEBUG_STEP, flags, 0, 0, 0, 0);
}

int hl_debug_set_breakpoint(uint32_t task, unsigned slot, uint64_t addr, unsigned kind,
                            unsigned length)
{
    return hl_invoke(task, HL_DEBUG_SET_BREAKPOINT, slot, addr, kind | (uint64_t)length << 8, 0, 0);
}

int hl_debug_clear_breakpoint(uint32_t task, unsigned slot)
{
    return hl_invoke(task, HL_DEBUG_CLEAR_BREAKPOINT, slot, 0, 0, 0, 0);
}

int hl_debug_set_endpoint(uint32_t task, uint32_t endpoint)
{
    return hl_invoke(task, HL_DEBUG_SET_ENDPOINT, endpoint, 0, 0, 0, 0);
}

int hl_cspace_list(uint32_t cspace, uint32_t first, uint32_t *out, uint32_t max, uint32_t *count)
{
    uint64_t value = 0;
    int err = hl_invoke(cspace, HL_CSPACE_LIST, first, ptr(out), max, 0, &value);

    if (count)
        *count = err ? 0 : (uint32_t)value;
    return err;
}

int hl_cspace_inspect(uint32_t cspace, uint32_t slot, struct hl_cap_inspect *out)
{
    return hl_invoke(cspace, HL_CSPACE_INSPECT, slot, ptr(out), 0, 0, 0);
}

bool hl_debug_event_decode(const struct hl_msg *m, struct hl_debug_event *ev)
{
    uint64_t label = HL_MSGINFO_LABEL(m->info);

    if (m->status != E_OK || (HL_MSGINFO_FLAGS(m->info) & HL_MSG_FLAG_NOTIFICATION) ||
        label < HL_LABEL_DEBUG_BREAKPOINT || label > HL_LABEL_DEBUG_EXIT)
        return false;
    *ev = (struct hl_debug_event){
        .label = label,
        .badge = m->badge,
        .vector = m->mr[0],
        .detail = m->mr[1],
        .addr = m->mr[2],
        .rip = m->mr[3],
        .rsp = m->mr[4],
        .rflags = m->mr[5],
    };
    return true;
}
