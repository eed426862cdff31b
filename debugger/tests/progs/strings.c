/* strings.c: char arrays and pointers with escapes and repeats. */
#include <string.h>

char text[32] = "tab\there\nnewline";
char repeated[24];
char quotes[] = "say \"hi\"";
unsigned short shorts[4] = {1, 65535, 3, 4};
long longs[3] = {-1, 0, 1};
const char *names[3] = {"one", "two", "three"};

int main(void)
{
    memset(repeated, 'z', 20);
    return (int)strlen(text);
}
