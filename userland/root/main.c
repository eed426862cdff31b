/*
 * The root task: the first user program, started by the kernel with every
 * capability there is (helios/bootinfo.h). With `vulcan` (or `utest`) on
 * the kernel command line it runs the kernel's user-space test suite, Vulcan
 * (vulcan/runner/; `vulcan=endpoint.*` runs a subset); with
 * `serial-echo` the COM3 echo driver (serial_echo.c); with `debug-server`
 * the user-space GDB server on COM3 (userland/debugserver/); otherwise the
 * demo of two tasks printing under preemption (demo.c).
 */
#include <stdio.h>
#include <hl/bootinfo.h>
#include <vulcan/runner.h>
#include "root.h"

int main(const struct hl_bootinfo *bi)
{
    const char *pattern;
    size_t len;

    if (bi->magic != HL_BOOTINFO_MAGIC) {
        printf("root: bad boot info magic %#lx\n", (unsigned long)bi->magic);
        return 1;
    }
    if (hl_cmdline_find(bi->cmdline, "vulcan", &pattern, &len) ||
        hl_cmdline_find(bi->cmdline, "utest", &pattern, &len))
        return vulcan_main(bi, pattern, len);
    if (hl_cmdline_find(bi->cmdline, "serial-echo", &pattern, &len))
        return serial_echo_main(bi);
    if (hl_cmdline_find(bi->cmdline, "debug-server", &pattern, &len))
        return debug_server_main(bi);
    return demo_main(bi);
}
