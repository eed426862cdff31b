/*
 * Leaving QEMU with a status through its isa-debug-exit device (port 0xf4,
 * given with -device isa-debug-exit,iobase=0xf4,iosize=4). QEMU exits with
 * (value << 1) | 1; on a machine without the device the write does nothing.
 */
#ifndef ARCH_QEMU_EXIT_H
#define ARCH_QEMU_EXIT_H

#define QEMU_EXIT_PORT 0xf4
#define QEMU_EXIT_PASS 0x10  /* exit status 33 */
#define QEMU_EXIT_FAIL 0x11  /* exit status 35 */
#define QEMU_EXIT_PANIC 0x12 /* exit status 37 */

void qemu_exit(unsigned code);

#endif
