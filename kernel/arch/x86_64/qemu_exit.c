/* isa-debug-exit; see arch/qemu_exit.h. */
#include <arch/cpu.h>
#include <arch/qemu_exit.h>

void qemu_exit(unsigned code)
{
    __asm__ volatile("outl %0, %1" : : "a"(code), "Nd"((uint16_t)QEMU_EXIT_PORT));
}
