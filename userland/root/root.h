/* The root task's programs. */
#ifndef ROOT_H
#define ROOT_H

#include <stddef.h>
#include <helios/bootinfo.h>

/* Echoes every byte received on COM3 back to it, for ever. */
int serial_echo_main(const struct hl_bootinfo *bi);

/* The user-space GDB server for dbgtarget on COM3 (userland/debugserver/). */
int debug_server_main(const struct hl_bootinfo *bi);

/* Starts a worker task; both print numbered lines forever. */
int demo_main(const struct hl_bootinfo *bi);

#endif
