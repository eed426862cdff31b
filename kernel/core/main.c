/*
 * kmain: the boot sequence after boot.S has put us in long mode in the
 * higher half. Order matters: the console first (so everything after can
 * report), then exception handling (so a fault prints a report rather than
 * triple-faulting), then the boot information, memory, paging, timer.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/gdt.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <arch/trap.h>
#include <kernel/acpi.h>
#include <kernel/bootinfo.h>
#include <kernel/cmdline.h>
#include <kernel/object.h>
#include <kernel/kgdb.h>
#include <kernel/kprintf.h>
#include <kernel/ktest.h>
#include <kernel/panic.h>
#include <kernel/pmm.h>
#include <kernel/root_task.h>
#include <kernel/sched.h>
#include <kernel/selftest.h>
#include <kernel/string.h>
#include <kernel/timer.h>

#define HELIOS_VERSION "0.1.0"

extern char _kernel_phys_start[], _kernel_phys_end[];

struct bootinfo bootinfo;

/* Until paging_init the boot tables map the first GiB at DIRECT_MAP_BASE;
 * boot information outside it cannot be read. */
static bool boot_read(void *ctx, paddr_t pa, void *dst, size_t len)
{
    (void)ctx;
    if (pa >= BOOT_MAPPED_BYTES || len > BOOT_MAPPED_BYTES - pa)
        return false;
    memcpy(dst, phys_to_virt(pa), len);
    return true;
}

static void check_memory_map(void)
{
    uint32_t a = 0, b = 0;
    int err = memmap_check(bootinfo.regions, bootinfo.nregions, &a, &b);

    if (err == BOOT_E_OVERLAP)
        panic("boot: bad memory map: entries %u and %u overlap", a, b);
    if (err)
        panic("boot: bad memory map: entry %u: %s", a, boot_strerror(err));

    for (size_t i = 0; i < bootinfo.nregions; i++) {
        const struct boot_region *r = &bootinfo.regions[i];
        kprintf("  [%016lx-%016lx) %s\n", r->base, r->base + r->len, boot_mem_type_name(r->type));
    }
    kprintf("memory: %lu MiB usable in %zu regions\n",
            memmap_usable_bytes(bootinfo.regions, bootinfo.nregions) >> 20, bootinfo.nregions);
}

static void check_modules(void)
{
    size_t bad = 0;
    int err = bootinfo_check_modules(&bootinfo, (paddr_t)(uintptr_t)_kernel_phys_start,
                                     (paddr_t)(uintptr_t)_kernel_phys_end, &bad);

    if (err)
        panic("boot: module %zu (%s): %s", bad, bootinfo.modules[bad].name, boot_strerror(err));
    for (size_t i = 0; i < bootinfo.nmodules; i++) {
        const struct boot_module *m = &bootinfo.modules[i];
        kprintf("module: %s [%lx-%lx) %lu KiB%s%s\n", m->name, m->start, m->end,
                (m->end - m->start) >> 10, m->args[0] ? " args: " : "", m->args);
    }
}

void kmain(uint32_t magic, uint32_t info)
{
    uint64_t tsc_start = rdtsc();

    console_init();
    cpu_detect();
    gdt_init();
    idt_init();
    percpu_init();

    struct phys_reader rd = {.read = boot_read};
    int err = bootinfo_parse(magic, info, &rd, &bootinfo);

    kprintf("Helios-C " HELIOS_VERSION " x86_64 capability microkernel\n");
    if (err)
        panic("boot: %s (magic 0x%x, info at 0x%x)", boot_strerror(err), magic, info);
    panic_exit_qemu = cmdline_get(bootinfo.cmdline, "panic=exit", NULL, 0);
    kprintf("boot: multiboot%d from %s, command line \"%s\"\n", bootinfo.protocol,
            bootinfo.loader_name[0] ? bootinfo.loader_name : "unknown loader", bootinfo.cmdline);
    kprintf("cpu: %s %s, NX %s\n", cpu_features.vendor, cpu_features.brand,
            cpu_features.nx ? "on" : "unsupported");

    check_memory_map();
    check_modules();
    pmm_setup(&bootinfo);
    paging_init(&bootinfo);
    kprintf("memory: %lu KiB free for tasks, direct map %lu GiB, kernel W^X on\n",
            pmm_free_bytes(&kernel_pmm) >> 10, direct_map_size >> 30);
    acpi_init(&bootinfo);

    pic_disable();
    lapic_init();
    ioapic_init();
    kgdb_init(bootinfo.cmdline);
    timer_init();
    irq_enable();
    kprintf("timer: local APIC at %u Hz (input %lu kHz), TSC %lu MHz\n", TIMER_HZ,
            lapic_input_hz / 1000, tsc_hz / 1000000);

    char arg[64];
    if (cmdline_get(bootinfo.cmdline, "crash", arg, sizeof(arg)))
        selftest_crash(arg);
    if (cmdline_get(bootinfo.cmdline, "ktest", arg, sizeof(arg)))
        ktest_run(arg);

    kprintf("boot: done in %lu ms; starting the root task\n",
            (rdtsc() - tsc_start) / (tsc_hz / 1000));
    io_reserve_kernel_ports();
    cap_object_id_init(rdtsc());
    root_task_start(&bootinfo);
}
