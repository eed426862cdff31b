/*
 * Memory as a thread sees it, for the stub. Every address is translated
 * through page tables (the kernel's for the upper half, the thread's VSpace
 * for user addresses) and touched through the direct map, so a read-only or
 * executable page can be read and written (software breakpoints in kernel
 * text) without changing any mapping, and a bad address is an error, never
 * a fault.
 */
#include <arch/cpu.h>
#include <arch/extable.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <kernel/percpu.h>
#include "kgdb_int.h"

paddr_t kgdb_space(int64_t tid, uint64_t addr)
{
    struct task *t;

    if (addr >= DIRECT_MAP_BASE)
        return kernel_pml4;
    t = kgdb_task(tid);
    if (t && !cap_slot_empty(&t->slots[TASK_SLOT_VSPACE]))
        return t->slots[TASK_SLOT_VSPACE].cap.object;
    return read_cr3() & PTE_ADDR_MASK; /* the kernel thread sees what is loaded */
}

/* Physical address of addr and how many bytes follow it in its page. */
static bool translate(int64_t tid, uint64_t addr, paddr_t *pa, size_t *avail)
{
    struct pt_walk w;

    if (pt_lookup(&kernel_pt_ops, kgdb_space(tid, addr), addr, &w) != PT_OK)
        return false;
    if (w.pa >= direct_map_size)
        return false;
    *pa = w.pa;
    *avail = (size_t)(w.size - (addr & (w.size - 1)));
    return true;
}

static int copy(int64_t tid, uint64_t addr, uint8_t *kbuf, size_t len, size_t *done, bool write)
{
    *done = 0;
    while (*done < len) {
        paddr_t pa;
        size_t avail;
        if (addr + *done < addr || !translate(tid, addr + *done, &pa, &avail))
            return *done ? GDBSTUB_OK : GDBSTUB_E_FAULT;
        size_t n = MIN(avail, len - *done);
        void *p = phys_to_virt(pa);
        size_t left =
            write ? arch_copy_safe(p, kbuf + *done, n) : arch_copy_safe(kbuf + *done, p, n);
        *done += n - left;
        if (left)
            return *done ? GDBSTUB_OK : GDBSTUB_E_FAULT;
    }
    return GDBSTUB_OK;
}

int kgdb_mem_read(int64_t tid, uint64_t addr, uint8_t *buf, size_t len, size_t *done)
{
    return copy(tid, addr, buf, len, done, false);
}

int kgdb_mem_write(int64_t tid, uint64_t addr, const uint8_t *buf, size_t len, size_t *done)
{
    return copy(tid, addr, (uint8_t *)buf, len, done, true);
}
