/*
 * statics.c: a function's static variables in a position-independent
 * program: their DWARF location is a link-time address (DW_OP_addr) that
 * the debugger must move by where the program was loaded.
 */
int bump(int by)
{
    static int count = 40;
    static const char *label = "bumped";
    count += by;
    return count + (label[0] == 'b');
}

int main(void)
{
    bump(1);
    return bump(2) & 0x7f;
}
