/*
 * The invocation wrappers of hl/invoke.h: each packs its arguments into
 * a0..a3 as helios/invocations.h lays them out for its label.
 */
#include <hl/invoke.h>

static uint64_t ptr(const void *p)
{
    return (uint64_t)(uintptr_t)p;
}

int hl_memory_retype(uint32_t mem, unsigned type, unsigned size_bits, uint32_t dest_cspace,
                     uint32_t dest_slot, uint32_t count)
{
    return hl_invoke(mem, HL_MEMORY_RETYPE, type, size_bits, dest_cspace,
                     dest_slot | (uint64_t)count << 32, 0);
}

int hl_memory_info(uint32_t mem, struct hl_memory_info *info)
{
    return hl_invoke(mem, HL_MEMORY_INFO, ptr(info), 0, 0, 0, 0);
}

int hl_cspace_copy(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot)
{
    return hl_invoke(cspace, HL_CSPACE_COPY, dest, src_cspace, src_slot, 0, 0);
}

int hl_cspace_mint(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot,
                   unsigned rights, uint64_t badge)
{
    return hl_invoke(cspace, HL_CSPACE_MINT, dest, src_cspace, src_slot,
                     (rights & 0xffffu) | badge << 16, 0);
}

int hl_cspace_move(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot)
{
    return hl_invoke(cspace, HL_CSPACE_MOVE, dest, src_cspace, src_slot, 0, 0);
}

int hl_cspace_delete(uint32_t cspace, uint32_t slot)
{
    return hl_invoke(cspace, HL_CSPACE_DELETE, slot, 0, 0, 0, 0);
}

int hl_cspace_revoke(uint32_t cspace, uint32_t slot)
{
    return hl_invoke(cspace, HL_CSPACE_REVOKE, slot, 0, 0, 0, 0);
}

int hl_cspace_identify(uint32_t cspace, uint32_t slot, struct hl_cap_info *info, unsigned *type)
{
    uint64_t value = 0;
    int err = hl_invoke(cspace, HL_CSPACE_IDENTIFY, slot, ptr(info), 0, 0, &value);

    if (type)
        *type = err ? HL_CAP_NULL : (unsigned)value;
    return err;
}

int hl_table_map(uint32_t table, uint32_t vspace, uint64_t vaddr)
{
    return hl_invoke(table, HL_TABLE_MAP, vspace, vaddr, 0, 0, 0);
}

int hl_table_unmap(uint32_t table)
{
    return hl_invoke(table, HL_TABLE_UNMAP, 0, 0, 0, 0, 0);
}

int hl_page_map(uint32_t page, uint32_t vspace, uint64_t vaddr, unsigned rights)
{
    return hl_invoke(page, HL_PAGE_MAP, vspace, vaddr, rights, 0, 0);
}

int hl_page_unmap(uint32_t page)
{
    return hl_invoke(page, HL_PAGE_UNMAP, 0, 0, 0, 0, 0);
}

int hl_page_remap(uint32_t page, unsigned rights)
{
    return hl_invoke(page, HL_PAGE_REMAP, rights, 0, 0, 0, 0);
}

int hl_page_info(uint32_t page, struct hl_page_info *info)
{
    return hl_invoke(page, HL_PAGE_INFO, ptr(info), 0, 0, 0, 0);
}

int hl_task_configure(uint32_t task, const struct hl_task_config *config)
{
    return hl_invoke(task, HL_TASK_CONFIGURE, ptr(config), 0, 0, 0, 0);
}

int hl_task_write_regs(uint32_t task, const struct hl_regs *regs)
{
    return hl_invoke(task, HL_TASK_WRITE_REGS, ptr(regs), 0, 0, 0, 0);
}

int hl_task_read_regs(uint32_t task, struct hl_regs *regs)
{
    return hl_invoke(task, HL_TASK_READ_REGS, ptr(regs), 0, 0, 0, 0);
}

int hl_task_resume(uint32_t task)
{
    return hl_invoke(task, HL_TASK_RESUME, 0, 0, 0, 0, 0);
}

int hl_task_suspend(uint32_t task)
{
    return hl_invoke(task, HL_TASK_SUSPEND, 0, 0, 0, 0, 0);
}

int hl_task_set_priority(uint32_t task, unsigned priority, unsigned mcp)
{
    return hl_invoke(task, HL_TASK_SET_PRIORITY, priority, mcp, 0, 0, 0);
}

int hl_task_info(uint32_t task, struct hl_task_info *info, unsigned *state)
{
    uint64_t value = 0;
    int err = hl_invoke(task, HL_TASK_INFO, ptr(info), 0, 0, 0, &value);

    if (state)
        *state = (unsigned)value;
    return err;
}

int hl_task_set_name(uint32_t task, const char *name, size_t len)
{
    return hl_invoke(task, HL_TASK_SET_NAME, ptr(name), len, 0, 0, 0);
}

int hl_task_bind_notification(uint32_t task, uint32_t ntfn)
{
    return hl_invoke(task, HL_TASK_BIND_NOTIFICATION, ntfn, 0, 0, 0, 0);
}

int hl_iocontrol_issue(uint32_t iocontrol, unsigned first_port, unsigned count,
                       uint32_t dest_cspace, uint32_t dest_slot)
{
    return hl_invoke(iocontrol, HL_IOCONTROL_ISSUE, first_port, count, dest_cspace, dest_slot, 0);
}

int hl_ioport_in(uint32_t ioport, unsigned port, unsigned width, uint32_t *value)
{
    uint64_t v = 0;
    int err = hl_invoke(ioport, HL_IOPORT_IN, port, width, 0, 0, &v);

    if (value)
        *value = (uint32_t)v;
    return err;
}

int hl_ioport_out(uint32_t ioport, unsigned port, unsigned width, uint32_t value)
{
    return hl_invoke(ioport, HL_IOPORT_OUT, port, width, value, 0, 0);
}

int hl_irqcontrol_get(uint32_t irqcontrol, unsigned irq, uint32_t dest_cspace, uint32_t dest_slot)
{
    return hl_invoke(irqcontrol, HL_IRQCONTROL_GET, irq, dest_cspace, dest_slot, 0, 0);
}

int hl_irq_set_notification(uint32_t irq, uint32_t ntfn)
{
    return hl_invoke(irq, HL_IRQ_SET_NOTIFICATION, ntfn, 0, 0, 0, 0);
}

int hl_irq_ack(uint32_t irq)
{
    return hl_invoke(irq, HL_IRQ_ACK, 0, 0, 0, 0, 0);
}

int hl_irq_clear_notification(uint32_t irq)
{
    return hl_invoke(irq, HL_IRQ_CLEAR_NOTIFICATION, 0, 0, 0, 0, 0);
}
