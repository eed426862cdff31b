/*
 * Breakpoints for the stub. Software breakpoints write int3 through the
 * direct map into the page's frame (so kernel text keeps its R-X mapping)
 * and remember which address space they belong to: kernel addresses are
 * shared, a user address belongs to the VSpace of the thread gdb selected.
 * Hardware breakpoints and watchpoints use DR0-DR3 and DR7 (SDM Vol. 3B
 * 17.2); they are linear addresses and fire in whatever runs there.
 */
#include <arch/layout.h>
#include <arch/pagetable.h>
#include <arch/paging.h>
#include "kgdb_int.h"

#define DR7_LOCAL(n) (1ull << (2 * (n)))
#define DR7_RW(n, v) ((uint64_t)(v) << (16 + 4 * (n)))
#define DR7_LEN(n, v) ((uint64_t)(v) << (18 + 4 * (n)))
#define DR7_SLOT_MASK(n) (DR7_LOCAL(n) | DR7_RW(n, 3) | DR7_LEN(n, 3))

static int64_t bp_thread(void)
{
    return kgdb.gs.g_tid > 0 ? kgdb.gs.g_tid : KGDB_TID_KERNEL;
}

bool kgdb_sw_bp_at(uint64_t addr, paddr_t space)
{
    for (int i = 0; i < KGDB_MAX_SW_BPS; i++) {
        const struct kgdb_sw_bp *b = &kgdb.sw[i];
        if (b->used && b->addr == addr && (b->space == 0 || b->space == space))
            return true;
    }
    return false;
}

static int sw_insert(uint64_t addr)
{
    int64_t tid = bp_thread();
    paddr_t space = addr >= DIRECT_MAP_BASE ? 0 : kgdb_space(tid, addr);
    struct kgdb_sw_bp *free = NULL;
    struct pt_walk w;

    for (int i = 0; i < KGDB_MAX_SW_BPS; i++) {
        if (kgdb.sw[i].used && kgdb.sw[i].addr == addr && kgdb.sw[i].space == space)
            return GDBSTUB_OK; /* already there */
        if (!kgdb.sw[i].used && !free)
            free = &kgdb.sw[i];
    }
    if (!free)
        return GDBSTUB_E_NOSPC;
    if (pt_lookup(&kernel_pt_ops, kgdb_space(tid, addr), addr, &w) != PT_OK ||
        w.pa >= direct_map_size)
        return GDBSTUB_E_FAULT;
    uint8_t *p = phys_to_virt(w.pa);
    *free =
        (struct kgdb_sw_bp){.addr = addr, .space = space, .phys = w.pa, .orig = *p, .used = true};
    *p = 0xcc;
    return GDBSTUB_OK;
}

static int sw_remove(uint64_t addr)
{
    int64_t tid = bp_thread();
    paddr_t space = addr >= DIRECT_MAP_BASE ? 0 : kgdb_space(tid, addr);

    for (int i = 0; i < KGDB_MAX_SW_BPS; i++) {
        struct kgdb_sw_bp *b = &kgdb.sw[i];
        if (b->used && b->addr == addr && b->space == space) {
            *(uint8_t *)phys_to_virt(b->phys) = b->orig;
            b->used = false;
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_INVAL;
}

void kgdb_bp_clear_all(void)
{
    for (int i = 0; i < KGDB_MAX_SW_BPS; i++) {
        if (kgdb.sw[i].used)
            *(uint8_t *)phys_to_virt(kgdb.sw[i].phys) = kgdb.sw[i].orig;
        kgdb.sw[i].used = false;
    }
    kgdb.dr7 = 0;
    kgdb_hw_load();
}

void kgdb_hw_load(void)
{
    __asm__ volatile("mov %0, %%dr0" : : "r"(kgdb.dr[0]));
    __asm__ volatile("mov %0, %%dr1" : : "r"(kgdb.dr[1]));
    __asm__ volatile("mov %0, %%dr2" : : "r"(kgdb.dr[2]));
    __asm__ volatile("mov %0, %%dr3" : : "r"(kgdb.dr[3]));
    __asm__ volatile("mov %0, %%dr7" : : "r"(kgdb.dr7));
}

/* DR7 encodings: RW 00 execute, 01 write, 11 read/write (there is no read
 * only); LEN 00 1 byte, 01 2, 11 4, 10 8. */
static int hw_encode(enum gdbstub_bp_type type, uint64_t addr, uint64_t len, uint64_t *rw,
                     uint64_t *lenbits)
{
    static const int8_t len_code[9] = {-1, 0, 1, -1, 3, -1, -1, -1, 2};

    if (type == GDBSTUB_BP_HARDWARE) {
        *rw = 0;
        *lenbits = 0;
        return GDBSTUB_OK;
    }
    if (len > 8 || len_code[len] < 0 || (addr & (len - 1)))
        return GDBSTUB_E_INVAL;
    *rw = type == GDBSTUB_WATCH_WRITE ? 1 : 3;
    *lenbits = (uint64_t)len_code[len];
    return GDBSTUB_OK;
}

int kgdb_bp_insert(enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    uint64_t rw, lenbits;
    int err;

    if (type == GDBSTUB_BP_SOFTWARE)
        return sw_insert(addr);
    if ((err = hw_encode(type, addr, kind, &rw, &lenbits)))
        return err;
    for (int n = 0; n < 4; n++) {
        if (kgdb.dr7 & DR7_LOCAL(n))
            continue;
        kgdb.dr[n] = addr;
        kgdb.dr7 |= DR7_LOCAL(n) | DR7_RW(n, rw) | DR7_LEN(n, lenbits);
        kgdb_hw_load();
        return GDBSTUB_OK;
    }
    return GDBSTUB_E_NOSPC;
}

int kgdb_bp_remove(enum gdbstub_bp_type type, uint64_t addr, uint64_t kind)
{
    uint64_t rw, lenbits;
    int err;

    if (type == GDBSTUB_BP_SOFTWARE)
        return sw_remove(addr);
    if ((err = hw_encode(type, addr, kind, &rw, &lenbits)))
        return err;
    for (int n = 0; n < 4; n++) {
        if ((kgdb.dr7 & DR7_SLOT_MASK(n)) == (DR7_LOCAL(n) | DR7_RW(n, rw) | DR7_LEN(n, lenbits)) &&
            kgdb.dr[n] == addr) {
            kgdb.dr7 &= ~DR7_SLOT_MASK(n);
            kgdb.dr[n] = 0;
            kgdb_hw_load();
            return GDBSTUB_OK;
        }
    }
    return GDBSTUB_E_INVAL;
}
