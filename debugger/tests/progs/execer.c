/* execer.c: runs itself again through execv; the second image calls work(). */
#include <unistd.h>

int generation;

void work(int gen)
{
    generation = gen;
}

int main(int argc, char **argv)
{
    if (argc == 1) {
        char *again[] = {argv[0], "again", NULL};
        execv(argv[0], again);
        return 1;
    }
    work(2);
    return 0;
}
