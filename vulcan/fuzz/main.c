/*
 * The fuzzer's parent: for each round it builds a child with a CSpace and
 * objects of its own, all carved from one arena Memory capability, lets it
 * fuzz for a slice of time, then suspends it and revokes the arena. The
 * kernel must still answer syscalls afterwards, and the arena must be whole
 * again after every round: nothing a child did may leak or corrupt kernel
 * state. Prints TAP and leaves QEMU through isa-debug-exit.
 */
#include <stdbool.h>
#include <stdio.h>
#include <helios/bootinfo.h>
#include <helios/errors.h>
#include <hl/alloc.h>
#include <hl/bootinfo.h>
#include <hl/invoke.h>
#include <hl/syscall.h>
#include <hl/thread.h>
#include "fuzz.h"

#define ROUNDS 150
#define ROUND_TICKS 6
#define ARENA_BITS 24
#define CHILD_MEMORY_BITS 20
#define STACK_VADDR 0x0000000030000000ull

static struct fuzz_shared shared;

/* Builds the child's CSpace contents and its Task in root slots cs/task. */
static int build_child(struct hl_alloc *a, uint32_t arena, uint32_t cs, uint32_t task)
{
    static const struct {
        unsigned type, bits, slot;
    } objects[] = {
        {HL_CAP_MEMORY, CHILD_MEMORY_BITS, CHILD_SLOT_MEMORY},
        {HL_CAP_ENDPOINT, 0, CHILD_SLOT_ENDPOINT},
        {HL_CAP_NOTIFICATION, 0, CHILD_SLOT_NOTIFICATION},
        {HL_CAP_VSPACE, 0, CHILD_SLOT_VSPACE},
        {HL_CAP_PDPT, 0, CHILD_SLOT_PDPT},
        {HL_CAP_PD, 0, CHILD_SLOT_PD},
        {HL_CAP_PT, 0, CHILD_SLOT_PT},
        {HL_CAP_PAGE, 12, CHILD_SLOT_PAGE},
        {HL_CAP_TASK, 0, CHILD_SLOT_TASK},
    };
    struct hl_task_config cfg = {.cspace = cs, .vspace = HL_ROOT_SLOT_VSPACE,
                                 .ipc_buffer = HL_CPTR_NONE, .fault_endpoint = HL_CPTR_NONE};
    struct hl_regs regs;
    int err;

    if ((err = hl_memory_retype(arena, HL_CAP_CSPACE, CHILD_CSPACE_BITS, HL_ROOT_SLOT_CSPACE, cs, 1)) ||
        (err = hl_memory_retype(arena, HL_CAP_TASK, 0, HL_ROOT_SLOT_CSPACE, task, 1)) ||
        (err = hl_cspace_copy(cs, CHILD_SLOT_CSPACE, HL_ROOT_SLOT_CSPACE, cs)))
        return err;
    for (unsigned i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        if ((err = hl_memory_retype(arena, objects[i].type, objects[i].bits, cs, objects[i].slot, 1)))
            return err;
    }
    /* A port nobody uses (POST diagnostics) to exercise the I/O paths. */
    hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0x80, 1, cs, CHILD_SLOT_IOPORT);
    if ((err = hl_alloc_map_new_pages(a, HL_ROOT_SLOT_VSPACE, STACK_VADDR, 1,
                                      HL_RIGHT_READ | HL_RIGHT_WRITE)))
        return err;
    hl_thread_regs(&regs, fuzz_child, &shared, STACK_VADDR + 4096);
    if ((err = hl_task_configure(task, &cfg)) || (err = hl_task_write_regs(task, &regs)) ||
        (err = hl_task_set_name(task, "fuzz", 4)) || (err = hl_task_set_priority(task, 100, 100)))
        return err;
    return hl_task_resume(task);
}

static void leave_qemu(bool pass)
{
    static const uint32_t slot = 4000;

    if (hl_iocontrol_issue(HL_ROOT_SLOT_IOCONTROL, 0xf4, 4, HL_ROOT_SLOT_CSPACE, slot) == E_OK)
        hl_ioport_out(slot, 0xf4, 4, pass ? 0x10 : 0x11);
}

int main(const struct hl_bootinfo *bi)
{
    int ram = hl_bootinfo_largest_ram(bi);
    struct hl_memory_info info;
    uint32_t arena = bi->first_free_slot, cs = arena + 1, task = arena + 2;
    struct hl_alloc a = {.cspace = HL_ROOT_SLOT_CSPACE, .memory = arena, .next = arena + 3,
                         .end = 3900};
    unsigned whole = 0, built = 0;
    int err;

    printf("TAP version 13\n1..3\n");
    if (ram < 0 || (err = hl_memory_retype(bi->memory[ram].slot, HL_CAP_MEMORY, ARENA_BITS,
                                           HL_ROOT_SLOT_CSPACE, arena, 1))) {
        printf("not ok 1 - fuzz.setup\n");
        leave_qemu(false);
        return 1;
    }
    for (unsigned round = 0; round < ROUNDS; round++) {
        if ((err = build_child(&a, arena, cs, task)) == E_OK) {
            built++;
            uint64_t end = hl_ticks() + ROUND_TICKS;
            while (hl_ticks() < end)
                hl_yield();
            hl_task_suspend(task);
        } else {
            printf("# round %u: building the child failed: %d\n", round, err);
        }
        hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, arena);
        a.next = arena + 3;
        if (hl_memory_info(arena, &info) == E_OK && info.free == info.size)
            whole++;
        else
            printf("# round %u: arena not whole after revoke: %lu of %lu free\n", round,
                   (unsigned long)info.free, (unsigned long)info.size);
    }
    printf("# %lu syscalls from %u children, %lu succeeded\n", (unsigned long)shared.calls, built,
           (unsigned long)shared.ok);
    bool alive = hl_memory_info(arena, &info) == E_OK && hl_ticks() > 0;
    printf("%sok 1 - fuzz.kernel_survives_random_syscalls\n",
           alive && built == ROUNDS && shared.calls > 1000 ? "" : "not ");
    printf("%sok 2 - fuzz.arena_whole_after_every_round\n", whole == ROUNDS ? "" : "not ");
    printf("%sok 3 - fuzz.invalid_calls_mostly_refused\n",
           shared.ok < shared.calls ? "" : "not ");
    bool pass = alive && built == ROUNDS && shared.calls > 1000 && whole == ROUNDS &&
                shared.ok < shared.calls;
    printf("%u passed, %u failed\n", (unsigned)(pass ? 3 : 0), (unsigned)(pass ? 0 : 3));
    leave_qemu(pass);
    return pass ? 0 : 1;
}
