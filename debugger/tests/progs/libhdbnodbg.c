/* libhdbnodbg.c: a shared library built without -g, linked by solib.c. */
int nodbg_twice(int v)
{
    return v * 2;
}
