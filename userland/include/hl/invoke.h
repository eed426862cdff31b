/*
 * One typed wrapper per invocation label (helios/invocations.h). Each
 * returns the kernel's status (E_OK or a negative E_* code); values the
 * kernel returns in rdx come back through an optional out pointer. Slot
 * numbers and cptrs are 32-bit (helios/caps.h).
 */
#ifndef HL_INVOKE_H
#define HL_INVOKE_H

#include <stddef.h>
#include <stdint.h>
#include <helios/caps.h>
#include <helios/errors.h>
#include <helios/invocations.h>
#include <hl/syscall.h>

/* Memory */
int hl_memory_retype(uint32_t mem, unsigned type, unsigned size_bits, uint32_t dest_cspace,
                     uint32_t dest_slot, uint32_t count);
int hl_memory_info(uint32_t mem, struct hl_memory_info *info);

/* CSpace: `cspace` is the destination or target CSpace. */
int hl_cspace_copy(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot);
int hl_cspace_mint(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot,
                   unsigned rights, uint64_t badge);
int hl_cspace_move(uint32_t cspace, uint32_t dest, uint32_t src_cspace, uint32_t src_slot);
int hl_cspace_delete(uint32_t cspace, uint32_t slot);
int hl_cspace_revoke(uint32_t cspace, uint32_t slot);
/* info and type may be NULL. */
int hl_cspace_identify(uint32_t cspace, uint32_t slot, struct hl_cap_info *info, unsigned *type);

/* Page tables (PDPT, PD, PT) */
int hl_table_map(uint32_t table, uint32_t vspace, uint64_t vaddr);
int hl_table_unmap(uint32_t table);

/* Page */
int hl_page_map(uint32_t page, uint32_t vspace, uint64_t vaddr, unsigned rights);
int hl_page_unmap(uint32_t page);
int hl_page_remap(uint32_t page, unsigned rights);
int hl_page_info(uint32_t page, struct hl_page_info *info);

/* Task */
int hl_task_configure(uint32_t task, const struct hl_task_config *config);
int hl_task_write_regs(uint32_t task, const struct hl_regs *regs);
int hl_task_read_regs(uint32_t task, struct hl_regs *regs);
int hl_task_resume(uint32_t task);
int hl_task_suspend(uint32_t task);
int hl_task_set_priority(uint32_t task, unsigned priority, unsigned mcp);
/* info and state may be NULL. */
int hl_task_info(uint32_t task, struct hl_task_info *info, unsigned *state);
int hl_task_set_name(uint32_t task, const char *name, size_t len);
/* ntfn is a Notification cptr in the caller's CSpace, or HL_CPTR_NONE to
 * unbind. */
int hl_task_bind_notification(uint32_t task, uint32_t ntfn);

/* I/O ports */
int hl_iocontrol_issue(uint32_t iocontrol, unsigned first_port, unsigned count,
                       uint32_t dest_cspace, uint32_t dest_slot);
int hl_ioport_in(uint32_t ioport, unsigned port, unsigned width, uint32_t *value);
int hl_ioport_out(uint32_t ioport, unsigned port, unsigned width, uint32_t value);

/* Interrupts */
int hl_irqcontrol_get(uint32_t irqcontrol, unsigned irq, uint32_t dest_cspace, uint32_t dest_slot);
/* The line signals ntfn (with ntfn's badge) and is unmasked; it is masked
 * again each time it fires until hl_irq_ack. */
int hl_irq_set_notification(uint32_t irq, uint32_t ntfn);
int hl_irq_ack(uint32_t irq);
int hl_irq_clear_notification(uint32_t irq);

#endif
