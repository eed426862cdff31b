/* selfkill.c: killed by SIGKILL while running; the debugger must say so. */
#include <signal.h>
#include <unistd.h>

int main(void)
{
    kill(getpid(), SIGKILL);
    pause();
    return 0;
}
