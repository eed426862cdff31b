# gdbstub: no rules yet
