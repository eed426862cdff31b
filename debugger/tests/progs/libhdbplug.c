/* libhdbplug.c: a shared library that solib.c loads with dlopen(). */
int plug_calls;

int plug_entry(int x)
{
    plug_calls++;
    return x * 3;
}
