/*
 * Boot self-tests of exception handling: faults in the kernel that are
 * listed in the fixup table are caught and recovered with the right vector,
 * error code and CR2; W^X is enforced by the hardware; backtraces and
 * symbols name the right functions.
 */
#include <arch/backtrace.h>
#include <arch/extable.h>
#include <arch/layout.h>
#include <arch/paging.h>
#include <arch/trap.h>
#include <kernel/ksym.h>
#include <kernel/ktest.h>
#include <kernel/string.h>

extern char _rodata_start[];

KTEST(trap, page_fault_recovered)
{
    uint64_t v, n = trap_last_fixup.count;

    KT_EQ(arch_copy_safe(&v, (const void *)0xdead0000ul, sizeof(v)), sizeof(v));
    KT_EQ(trap_last_fixup.vector, EXC_PF);
    KT_EQ(trap_last_fixup.cr2, 0xdead0000ul);
    KT_EQ(trap_last_fixup.error, 0); /* not present, read, supervisor */
    KT_EQ(trap_last_fixup.count, n + 1);
}

KTEST(trap, partial_copy_counts_bytes)
{
    /* A copy that runs from a mapped page into an unmapped one stops at the
     * boundary and reports exactly the bytes left. */
    static uint8_t buf[64];
    uint8_t *top = (uint8_t *)phys_to_virt(0) + direct_map_size - 16;

    KT_EQ(arch_copy_safe(buf, top, 64), 48);
}

KTEST(trap, write_to_rodata_faults)
{
    uint64_t v = 0;

    KT_EQ(arch_copy_safe(_rodata_start, &v, sizeof(v)), sizeof(v));
    KT_EQ(trap_last_fixup.vector, EXC_PF);
    KT_EQ(trap_last_fixup.error & 3, 3); /* protection violation on a write */
    KT_EQ(trap_last_fixup.cr2, (uint64_t)(uintptr_t)_rodata_start);
}

KTEST(trap, noncanonical_is_gp)
{
    uint64_t v;

    KT_EQ(arch_copy_safe(&v, (const void *)0x8000000000000000ul, sizeof(v)), sizeof(v));
    KT_EQ(trap_last_fixup.vector, EXC_GP);
}

KTEST(trap, invalid_opcode_recovered)
{
    __asm__ volatile("1: ud2\n2:\n" EXTABLE_ENTRY(1b, 2b));
    KT_EQ(trap_last_fixup.vector, EXC_UD);
}

KTEST(trap, divide_error_recovered)
{
    uint64_t zero = 0;

    __asm__ volatile("xorl %%edx, %%edx\n\tmovl $1, %%eax\n"
                     "1: divq %0\n2:\n" EXTABLE_ENTRY(1b, 2b)
                     :
                     : "r"(zero)
                     : "rax", "rdx");
    KT_EQ(trap_last_fixup.vector, EXC_DE);
}

KTEST(trap, breakpoint_recovered)
{
    uint64_t after;

    __asm__ volatile("int3\n1:\n\tleaq 1b(%%rip), %0\n" EXTABLE_ENTRY(1b, 1b) : "=r"(after));
    KT_EQ(trap_last_fixup.vector, EXC_BP);
    KT_EQ(trap_last_fixup.rip, after); /* #BP is a trap: rip is past int3 */
}

/* Jumping into .data (mapped NX) faults on the fetch itself. */
uint8_t selftest_nx_target[16] __attribute__((aligned(16)));

KTEST(trap, execute_data_faults)
{
    __asm__ volatile("jmp *%0\n1:\n" EXTABLE_ENTRY(selftest_nx_target, 1b)
                     :
                     : "r"(selftest_nx_target));
    KT_EQ(trap_last_fixup.vector, EXC_PF);
    KT_EQ(trap_last_fixup.error & 0x10, 0x10); /* instruction fetch */
    KT_EQ(trap_last_fixup.cr2, (uint64_t)(uintptr_t)selftest_nx_target);
}

__attribute__((noinline, noclone)) static size_t bt_level3(uint64_t *pcs)
{
    size_t n = backtrace_collect((uint64_t)(uintptr_t)bt_level3,
                                 (uint64_t)(uintptr_t)__builtin_frame_address(0), pcs, 8);
    __asm__ volatile("" ::: "memory");
    return n;
}

__attribute__((noinline, noclone)) static size_t bt_level2(uint64_t *pcs)
{
    size_t n = bt_level3(pcs);
    __asm__ volatile("" ::: "memory");
    return n;
}

__attribute__((noinline, noclone)) static size_t bt_level1(uint64_t *pcs)
{
    size_t n = bt_level2(pcs);
    __asm__ volatile("" ::: "memory");
    return n;
}

static bool names(uint64_t pc, const char *name)
{
    struct ksym s;

    return ksym_lookup(pc - 1, &s) && s.name_len == strlen(name) &&
           memcmp(s.name, name, s.name_len) == 0;
}

KTEST(trap, backtrace_names_callers)
{
    uint64_t pcs[8];
    size_t n = bt_level1(pcs);

    KT_TRUE(n >= 4);
    KT_TRUE(names(pcs[0] + 1, "bt_level3"));
    KT_TRUE(names(pcs[1], "bt_level2"));
    KT_TRUE(names(pcs[2], "bt_level1"));
    KT_TRUE(names(pcs[3], "ktest_fn_trap_backtrace_names_callers"));
}

void kmain(uint32_t magic, uint32_t info);

KTEST(ksym, embedded_map_matches_linker)
{
    struct ksym s;

    KT_TRUE(ksym_find("kmain", &s));
    KT_EQ(s.addr, (uint64_t)(uintptr_t)kmain);
    KT_TRUE(s.size > 0);
    KT_TRUE(ksym_lookup((uint64_t)(uintptr_t)kmain + 5, &s));
    KT_EQ(s.addr, (uint64_t)(uintptr_t)kmain);
    KT_TRUE(s.name_len == 5 && memcmp(s.name, "kmain", 5) == 0);
    KT_TRUE(ksym_find("trap_dispatch", &s));
    KT_EQ(s.addr, (uint64_t)(uintptr_t)trap_dispatch);
}
