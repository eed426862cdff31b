/*
 * The fuzzer's parent: for each round it builds a child with a CSpace and
 * objects of its own, all carved from one arena Memory capability, lets it
 * fuzz for a slice of time, then suspends it and revokes the arena, until
 * the children have made at least 100,000 calls. The kernel must still
 * answer syscalls afterwards, every result must be a documented one, the
 * arena must be whole again after every round, and a watchdog task at the
 * same priority must keep getting the CPU. Then the crowd (crowd.c).
 * `fuzz.seed=N` on the command line replays a run; the seed is printed.
 * Prints TAP and leaves QEMU through isa-debug-exit.
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

#define MIN_CALLS 100000
#define MAX_ROUNDS 600
#define ROUND_TICKS 6
#define DEFAULT_SEED 20261125ull
#define WATCHDOG_MAX_GAP 20 /* ticks: the watchdog must run at least this often */
#define WATCHDOG_STACK 0x0000000032000000ull
#define ARENA_BITS 24
#define CHILD_MEMORY_BITS 20
#define STACK_VADDR 0x0000000030000000ull

static struct fuzz_shared shared;

static volatile uint64_t watchdog_max_gap, watchdog_runs;

static __attribute__((noreturn)) int watchdog(void *unused)
{
    uint64_t last = hl_ticks();

    (void)unused;
    for (;;) {
        uint64_t now = hl_ticks();
        if (now - last > watchdog_max_gap)
            watchdog_max_gap = now - last;
        last = now;
        watchdog_runs++;
        hl_yield();
    }
}

/* fuzz.seed=N from the command line, else the fixed default. */
static uint64_t seed_from(const char *cmdline)
{
    static const char key[] = "fuzz.seed=";
    uint64_t v = 0;

    for (const char *p = cmdline; *p; p++) {
        const char *k = key, *q = p;
        while (*k && *q == *k)
            k++, q++;
        if (*k == '\0' && (p == cmdline || p[-1] == ' ')) {
            while (*q >= '0' && *q <= '9')
                v = v * 10 + (uint64_t)(*q++ - '0');
            return v;
        }
    }
    return DEFAULT_SEED;
}

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
    struct hl_task_config cfg = {.cspace = cs,
                                 .vspace = HL_ROOT_SLOT_VSPACE,
                                 .ipc_buffer = HL_CPTR_NONE,
                                 .fault_endpoint = HL_CPTR_NONE};
    struct hl_regs regs;
    int err;

    if ((err = hl_memory_retype(arena, HL_CAP_CSPACE, CHILD_CSPACE_BITS, HL_ROOT_SLOT_CSPACE, cs,
                                1)) ||
        (err = hl_memory_retype(arena, HL_CAP_TASK, 0, HL_ROOT_SLOT_CSPACE, task, 1)) ||
        (err = hl_cspace_copy(cs, CHILD_SLOT_CSPACE, HL_ROOT_SLOT_CSPACE, cs)))
        return err;
    for (unsigned i = 0; i < sizeof(objects) / sizeof(objects[0]); i++) {
        if ((err =
                 hl_memory_retype(arena, objects[i].type, objects[i].bits, cs, objects[i].slot, 1)))
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
    uint32_t arena = bi->first_free_slot, cs = arena + 1, task = arena + 2, wd_mem = arena + 3;
    struct hl_alloc a = {
        .cspace = HL_ROOT_SLOT_CSPACE, .memory = arena, .next = arena + 4, .end = 3900};
    unsigned whole = 0, built = 0, rounds = 0;
    uint64_t seed = seed_from(bi->cmdline);
    bool blocked = false, woken = false, crowd_whole = false;
    uint32_t wd;
    int err;

    printf("TAP version 13\n1..7\n# seed %lu (replay with fuzz.seed=%lu)\n", (unsigned long)seed,
           (unsigned long)seed);
    if (ram < 0 ||
        (err = hl_memory_retype(bi->memory[ram].slot, HL_CAP_MEMORY, ARENA_BITS,
                                HL_ROOT_SLOT_CSPACE, arena, 1)) ||
        (err = hl_memory_retype(bi->memory[ram].slot, HL_CAP_MEMORY, 20, HL_ROOT_SLOT_CSPACE,
                                wd_mem, 1))) {
        printf("not ok 1 - fuzz.setup\n");
        leave_qemu(false);
        return 1;
    }
    struct hl_alloc wa = {
        .cspace = HL_ROOT_SLOT_CSPACE, .memory = wd_mem, .next = 3900, .end = 3950};
    if ((err =
             hl_thread_create(&wa, HL_ROOT_SLOT_VSPACE, WATCHDOG_STACK, 1, watchdog, NULL, &wd)) ||
        (err = hl_task_set_priority(wd, 100, 100)) || (err = hl_task_resume(wd)))
        printf("# watchdog: %d\n", err);
    while (shared.calls < MIN_CALLS && rounds < MAX_ROUNDS) {
        shared.seed = seed + rounds;
        if ((err = build_child(&a, arena, cs, task)) == E_OK) {
            built++;
            uint64_t end = hl_ticks() + ROUND_TICKS;
            while (hl_ticks() < end)
                hl_yield();
            hl_task_suspend(task);
        } else {
            printf("# round %u: building the child failed: %d\n", rounds, err);
        }
        hl_cspace_revoke(HL_ROOT_SLOT_CSPACE, arena);
        a.next = arena + 4;
        if (hl_memory_info(arena, &info) == E_OK && info.free == info.size)
            whole++;
        else
            printf("# round %u: arena not whole after revoke: %lu of %lu free\n", rounds,
                   (unsigned long)info.free, (unsigned long)info.size);
        rounds++;
    }
    printf("# %lu syscalls from %u children in %u rounds, %lu succeeded, %lu undocumented\n",
           (unsigned long)shared.calls, built, rounds, (unsigned long)shared.ok,
           (unsigned long)shared.undocumented);
    if (shared.undocumented)
        printf("# last undocumented result: syscall %lu returned %d\n",
               (unsigned long)(shared.last_bad >> 32), (int)(uint32_t)shared.last_bad);
    printf("# watchdog: %lu runs, longest gap %lu ticks\n", (unsigned long)watchdog_runs,
           (unsigned long)watchdog_max_gap);
    hl_task_suspend(wd);

    bool alive = hl_memory_info(arena, &info) == E_OK && hl_ticks() > 0;
    if ((err = crowd_run(&a, arena, &blocked, &woken, &crowd_whole)))
        printf("# crowd: setting up failed: %d\n", err);
    bool r[7] = {
        alive && built == rounds && shared.calls >= MIN_CALLS,
        whole == rounds,
        shared.undocumented == 0 && shared.ok<shared.calls, watchdog_runs> rounds &&
            watchdog_max_gap <= WATCHDOG_MAX_GAP,
        !err && blocked,
        !err && woken,
        !err && crowd_whole,
    };
    static const char *const names[7] = {
        "fuzz.kernel_survives_100000_random_syscalls",
        "fuzz.arena_whole_after_every_round",
        "fuzz.every_result_documented",
        "fuzz.watchdog_kept_its_schedule",
        "crowd.thousand_tasks_blocked_at_once",
        "crowd.each_woken_exactly_once",
        "crowd.memory_whole_after_teardown",
    };
    unsigned passed = 0;
    for (unsigned i = 0; i < 7; i++) {
        printf("%sok %u - %s\n", r[i] ? "" : "not ", i + 1, names[i]);
        passed += r[i];
    }
    printf("%u passed, %u failed\n", passed, 7 - passed);
    leave_qemu(passed == 7);
    return passed == 7 ? 0 : 1;
}
