/* Driving the PIT's channel 0 through an IOPort capability (pit.h). */
#include <hl/invoke.h>
#include "pit.h"

static int load(uint32_t ioport, unsigned command, unsigned count)
{
    int err;

    if ((err = hl_ioport_out(ioport, PIT_COMMAND, 1, command)) ||
        (err = hl_ioport_out(ioport, PIT_CHANNEL0, 1, count & 0xff)))
        return err;
    return hl_ioport_out(ioport, PIT_CHANNEL0, 1, (count >> 8) & 0xff);
}

int pit_periodic(uint32_t ioport, unsigned hz)
{
    return load(ioport, PIT_CMD_PERIODIC, PIT_HZ / hz);
}

int pit_stop(uint32_t ioport)
{
    return load(ioport, PIT_CMD_ONESHOT, 0xffff);
}

int pit_read_count(uint32_t ioport, uint32_t *count)
{
    uint32_t lo = 0, hi = 0;
    int err;

    if ((err = hl_ioport_out(ioport, PIT_COMMAND, 1, PIT_CMD_LATCH0)) ||
        (err = hl_ioport_in(ioport, PIT_CHANNEL0, 1, &lo)) ||
        (err = hl_ioport_in(ioport, PIT_CHANNEL0, 1, &hi)))
        return err;
    *count = lo | hi << 8;
    return E_OK;
}
