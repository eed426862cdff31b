/* basic.c: globals of several types, calls, a loop; exits with 3. */
#include <stdio.h>

int counter = 42;
long big = -1234567890123L;
unsigned char byte = 200;
char letter = 'A';
char greeting[] = "hello, hdb";
char buf[16] = "hi";
const char *message = "pointer to text";
int table[6] = {1, 2, 3, 4, 5, 6};
int zeros[16];
int *ptr = &table[2];
double ratio = 0.5;
struct point {
    int x, y;
} origin = {3, -4};
enum color { RED, GREEN, BLUE } paint = BLUE;

int add(int a, int b)
{
    int sum = a + b;
    return sum;
}

int twice(int v)
{
    int r = add(v, v);
    return r;
}

void bump(void)
{
    counter++;
}

int main(int argc, char **argv)
{
    int total = 0;
    total = add(1, 2);
    total += twice(total);
    for (int i = 0; i < 3; i++)
        bump();
    printf("total=%d counter=%d argc=%d\n", total, counter, argc);
    if (argc > 1)
        return 7;
    return 3;
}
