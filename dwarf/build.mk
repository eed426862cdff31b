# dwarf: no rules yet
