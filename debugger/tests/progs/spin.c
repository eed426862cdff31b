/* spin.c: runs until killed, calling tick() every 10 ms; for attach and detach. */
#include <time.h>

volatile long ticks;

void tick(void)
{
    ticks++;
}

int main(void)
{
    struct timespec ts = {0, 10 * 1000 * 1000};
    for (;;) {
        tick();
        nanosleep(&ts, NULL);
    }
}
