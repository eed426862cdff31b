/* threads.c: worker threads, each hitting a breakpoint in work(). */
#include <pthread.h>

int done[3];

void work(int id)
{
    done[id] = id + 1;
}

static void *worker(void *arg)
{
    int id = (int)(long)arg;
    work(id);
    return NULL;
}

int main(void)
{
    pthread_t t[3];
    for (long i = 0; i < 3; i++) {
        pthread_create(&t[i], NULL, worker, (void *)i);
        pthread_join(t[i], NULL);
    }
    /* No output: the program's and the debuggers' lines would interleave differently. */
    return done[0] + done[1] + done[2] == 6 ? 0 : 1;
}
