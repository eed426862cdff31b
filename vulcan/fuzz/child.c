/*
 * A fuzzing child. It may hold nothing the parent needs: its CSpace is its
 * own, its VSpace capability names an empty VSpace, and every pointer it
 * passes is drawn from a set that cannot reach the parent's memory (its own
 * scratch page, null and near-null, kernel, non-canonical, unmapped and
 * read-only addresses). Everything else is random: syscall numbers,
 * capability addresses, labels near and far from the real ones, sizes,
 * rights, badges, message info words.
 */
#include <helios/bootinfo.h>
#include <helios/caps.h>
#include <helios/debug.h>
#include <helios/errors.h>
#include <helios/invocations.h>
#include <helios/syscall.h>
#include "fuzz.h"

uint64_t fuzz_rand(uint64_t *s)
{
    uint64_t x = *s;

    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *s = x;
    return x * 0x2545f4914f6cdd1dull;
}

static uint8_t scratch[8192] __attribute__((aligned(4096)));

static uint64_t pick(uint64_t *s, const uint64_t *v, unsigned n)
{
    return v[fuzz_rand(s) % n];
}

static uint64_t pointer(uint64_t *s)
{
    const uint64_t choices[] = {
        0,
        1,
        0x10,
        0xfff,
        (uint64_t)(uintptr_t)scratch,
        (uint64_t)(uintptr_t)scratch + 4090,
        HL_BOOTINFO_VADDR,
        0xffffffff80100000ull,
        0xffff800000000000ull,
        0x0000800000000000ull,
        0x00007ffffffff000ull,
        0x8000000000000000ull,
        ~0ull,
        0x7000000ull,
    };
    return pick(s, choices, sizeof(choices) / sizeof(choices[0]));
}

static uint64_t label(uint64_t *s)
{
    const uint64_t bases[] = {0x100, 0x200, 0x300, 0x310, 0x400, 0x500,
                              0x510, 0x600, 0x610, 0x700, 0};
    uint64_t base = pick(s, bases, sizeof(bases) / sizeof(bases[0]));
    return base ? base + fuzz_rand(s) % 12 : fuzz_rand(s);
}

static uint64_t number(uint64_t *s)
{
    switch (fuzz_rand(s) % 6) {
    case 0:
        return fuzz_rand(s) % 16;
    case 1:
        return fuzz_rand(s) % (1u << CHILD_CSPACE_BITS) + 1;
    case 2:
        return pointer(s);
    case 3:
        return fuzz_rand(s);
    case 4:
        return (fuzz_rand(s) % 256) << 32 | fuzz_rand(s) % 200; /* retype slot | count */
    default:
        return fuzz_rand(s) % 64;
    }
}

static long raw_syscall(uint64_t nr, uint64_t a, uint64_t b, uint64_t c, uint64_t d, uint64_t e,
                        uint64_t f)
{
    register uint64_t r10 __asm__("r10") = d;
    register uint64_t r8 __asm__("r8") = e;
    register uint64_t r9 __asm__("r9") = f;
    register uint64_t r12 __asm__("r12") = c;
    register uint64_t r13 __asm__("r13") = d;
    uint64_t rax = nr, rdx = c;

    __asm__ volatile("syscall"
                     : "+a"(rax), "+D"(a), "+S"(b), "+d"(rdx), "+r"(r10), "+r"(r8), "+r"(r9),
                       "+r"(r12), "+r"(r13)
                     :
                     : "rcx", "r11", "memory");
    return (long)rax;
}

int fuzz_child(void *arg)
{
    struct fuzz_shared *sh = arg;
    uint64_t s = sh->seed | 1; /* replayable: the parent prints the seed */

    for (;;) {
        uint64_t nr, cptr = number(&s) % (1u << CHILD_CSPACE_BITS);
        switch (fuzz_rand(&s) % 8) {
        case 0:
            nr = fuzz_rand(&s) % 20; /* every syscall, and some that do not exist */
            break;
        case 1:
            nr = SYS_SEND + fuzz_rand(&s) % 7; /* IPC */
            break;
        default:
            nr = SYS_INVOKE;
            break;
        }
        if (nr == SYS_EXIT)
            continue; /* the parent decides when we stop */
        uint64_t a1 = nr == SYS_INVOKE ? label(&s) : number(&s);
        long r = raw_syscall(nr, cptr, a1, number(&s), number(&s), number(&s), number(&s));
        sh->calls++;
        if (r == 0)
            sh->ok++;
        /* Every result must be success or one of the documented codes. */
        if (r > 0 || r < -E_COUNT) {
            sh->undocumented++;
            sh->last_bad = nr << 32 | (uint32_t)r;
        }
    }
}
