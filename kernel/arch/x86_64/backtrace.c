/* Frame-pointer stack walking; see arch/backtrace.h. */
#include <arch/backtrace.h>
#include <arch/extable.h>
#include <arch/layout.h>

size_t backtrace_collect(uint64_t rip, uint64_t rbp, uint64_t *pcs, size_t max)
{
    size_t n = 0;

    if (max == 0)
        return 0;
    pcs[n++] = rip;
    while (n < max && rbp != 0 && IS_ALIGNED(rbp, 8) && rbp >= DIRECT_MAP_BASE) {
        uint64_t frame[2];
        if (arch_copy_safe(frame, (const void *)(uintptr_t)rbp, sizeof(frame)) != 0)
            break;
        if (frame[1] < KERNEL_VMA)
            break; /* not a return address into the kernel image */
        pcs[n++] = frame[1];
        /* Callers' frames sit higher on the stack; anything else is a loop. */
        if (frame[0] <= rbp)
            break;
        rbp = frame[0];
    }
    return n;
}
