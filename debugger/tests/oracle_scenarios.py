"""hdb-oracle's command sequences (oracle.py runs them): name, program, program
arguments, commands, options. Each runs under `hdb -batch` and `gdb -batch -nx`
on the same program and the outputs are compared after oracle.py's
normalisation; the options ('filter', 'script', 'files', 'hw_watch', 'gdb_prog',
...) are read there.
"""

# The dwz scenarios' commands: parameters, locals, members, typedefs and enums whose types
# dwz moved out of the unit (dwz_a.c).
DWZ_CMDS = [
    'b use_b', 'b use_a', 'r', 'info args', 'info locals', 'p *p', 'p p->b + 1', 'p c',
    'whatis p', 'ptype p', 'ptype pair_t', 'ptype enum colour', 'p sizeof(struct pair)',
    'p (enum colour) 6', 'bt', 'up', 'info locals', 'p x', 'p/x x', 'c', 'bt',
    'info args', 'next', 'next', 'info locals', 'p copy', 'p copy.a', 'ptype copy',
    'finish', 'c']

# The split DWARF scenarios' commands (split_a.c, split_b.c built with -gsplit-dwarf):
# everything the .dwo files hold, in both units.
SPLIT_CMDS = [
    'b scale', 'b total', 'r', 'bt', 'info args', 'info locals', 'p *p', 'p p->label', 'ptype p',
    'whatis *p', 'p calls', 'p origin', 'p/x origin.y', 'ptype point_t', 'ptype enum shade',
    'p sizeof(struct point)', 'p (enum shade) 5', 'finish', 'up', 'info locals', 'p pts[1]',
    'list', 'c', 'c', 'c', 'bt', 'info args', 'p s', 'p ps[2]', 'next', 'next', 'info locals',
    'info frame', 'finish', 'p calls', 'list scale', 'c']
# With split_b's .dwo gone: what is in split_a's (gdb 13 fails every lookup in split_b's unit).
SPLIT_MISSING_CMDS = [
    'b scale', 'r', 'bt', 'info args', 'info locals', 'p *p', 'p calls', 'p origin',
    'ptype point_t', 'finish', 'delete', 'c']

# name, program, program arguments, commands, options
SCENARIOS = [
    ('break.function', 'basic', [], ['b add', 'b twice', 'tbreak bump', 'info breakpoints'], {}),
    ('break.file_line', 'basic', [], ['b basic.c:41', 'b 44', 'b basic.c:21', 'b basic.c:99',
                                      'info breakpoints', 'r', 'c', 'c', 'info breakpoints'], {}),
    ('break.address', 'basic', [], ['b main', 'r', 'b *0x555555555143', 'b *0x555555555150',
                                    'c', 'p $pc', 'c', 'info breakpoints'], {}),
    ('run.bt_continue_exit', 'basic', [], ['b add', 'r', 'bt', 'c', 'bt', 'c', 'c'], {}),
    ('run.args_exit_code', 'basic', ['one', 'two'], ['r'], {}),
    ('run.args_in_run', 'basic', [], ['r x y z'], {}),
    ('run.tbreak', 'basic', [], ['tbreak twice', 'r', 'info breakpoints', 'c'], {}),
    ('break.condition_ignore', 'basic', [], ['b add if a == 3', 'info breakpoints', 'r',
                                             'info breakpoints', 'condition 1', 'b bump',
                                             'ignore 2 2', 'info breakpoints', 'c',
                                             'info breakpoints', 'disable 2', 'c'], {}),
    ('break.enable_disable', 'basic', [], ['b add', 'b twice', 'disable', 'info breakpoints',
                                           'enable 2', 'r', 'enable', 'c', 'disable 1', 'c'], {}),
    ('break.condition_locals', 'recurse', [], ['b fact if n == 2', 'r', 'bt', 'p n',
                                               'condition 1 n == 1', 'c', 'p n',
                                               'info breakpoints'], {}),
    ('break.watch', 'basic', [], ['watch counter', 'info breakpoints', 'r', 'c', 'info breakpoints',
                                  'c', 'c', 'c'], {'hw_watch': True}),
    ('break.watch_next', 'basic', [], ['b main', 'r', 'watch counter', 'next', 'next', 'next',
                                       'next', 'next', 'delete 2', 'next', 'awatch origin.x',
                                       'p origin.x', 'c', 'watch origin', 'watch 5',
                                       'watch nosuch'], {'hw_watch': True}),
    # Software watchpoints: gdb and hdb single-step and compare. (Hardware ones are set the
    # same way above, but this machine's hypervisor delivers no debug-register traps to
    # either debugger, so there only what they print on setting them can be compared.)
    ('watch.software_wide', 'watch', [], ['b main', 'r', 'watch arr', 'c', 'c', 'info breakpoints',
                                          'delete', 'set can-use-hw-watchpoints 0', 'watch hits',
                                          'c', 'c'], {}),
    ('watch.software_local_scope', 'watch', [], ['b local_sum', 'r',
                                                 'set can-use-hw-watchpoints 0', 'watch sum',
                                                 'info breakpoints', 'c', 'c', 'c', 'c', 'c'], {}),
    ('watch.scope_deletes_all', 'watch', [], ['b local_sum', 'r', 'watch sum', 'watch n',
                                              'watch hits', 'info breakpoints', 'c',
                                              'info breakpoints', 'c'], {}),
    ('watch.software_next', 'watch', [], ['b local_sum', 'r', 'set can-use-hw-watchpoints 0',
                                          'watch sum', 'next', 'next', 'next', 'next', 'next'], {}),
    ('watch.read_access_kinds', 'watch', [], ['b main', 'r', 'rwatch hits', 'awatch wide[1]',
                                              'watch wide', 'info breakpoints',
                                              'set can-use-hw-watchpoints 0', 'rwatch hits',
                                              'watch 5'], {}),
    ('break.watch_thread', 'threads', [], ['watch done[1]', 'r', 'bt 1', 'c'], {'hw_watch': True}),
    ('run.continue_n', 'basic', [], ['b bump', 'r', 'c 2', 'info breakpoints', 'c'], {}),
    # set print elements: strings, char arrays (their NUL), arrays of arrays, repeats.
    ('data.print_elements', 'arrays', [], [
        'set print elements 4', 'show print elements', 'p grid', 'p cube', 'p words', 'p names',
        'p wide', 'p *grid@2', 'p names[0]', 'set print elements 5', 'p names[0]', 'p cube',
        'set print elements 2', 'p cells', 'p words[1]', 'output words', 'set print elements unlimited',
        'show print elements', 'p cube', 'p wide', 'set print elements 0', 'show print elements',
        'set print elements -1', 'set print elements', 'set print elements 200',
        'show print elements'], {}),
    ('data.print_elements_strings', 'strings', [], [
        'b main', 'r', 'set print elements 3', 'p text', 'p names', 'p names[2]', 'p repeated',
        'p quotes', 'set print elements 12', 'p text', 'p repeated', 'p *names@3',
        'set print elements 8', 'p text', 'set print elements 4', 'x/2s names[2]', 'x/s quotes',
        'x/s', 'set print elements 200', 'x/s text'], {}),
    # set listsize: every form of list with 5, 7 (odd: the centre), 1 and unlimited lines.
    ('list.listsize', 'basic', [], [
        'set listsize 5', 'list', 'list', 'list -', 'list 30', 'list add', 'list 20,', 'list ,40',
        'show listsize', 'set listsize 7', 'list 30', 'list -', 'list', 'b add', 'r', 'list',
        'set listsize 1', 'list 30', 'list', 'list -', 'set listsize unlimited', 'list 40',
        'list 1,', 'show listsize'], {}),
    # catch syscall: by name and number (one, several, unknown ones), the stops at a call's
    # entry and return in libc's frames (libc6-dbg), hits, disable, a condition, delete.
    ('catch.syscall_write', 'basic', [], [
        'catch syscall write', 'catch syscall 231 9999', 'catch syscall 9999 nosuch',
        'catch syscall -1', 'catch syscall 9999', 'info breakpoints', 'r', 'bt', 'c', 'bt 2',
        'info breakpoints', 'disable 1', 'condition 2 $rdi == 3', 'c', 'delete', 'c'], {}),
    # The dynamic loader is a library from the first instruction on, as in gdb: its
    # frames and system calls named before it reports itself (bt 4: gdb unwinds past
    # _start into garbage).
    ('catch.syscall_loader', 'basic', [], [
        'starti', 'info sharedlibrary', 'stepi', 'x/i $pc', 'catch syscall brk', 'c', 'bt 4',
        'c', 'info sharedlibrary', 'delete', 'c'], {}),
    # Any system call, from main on.
    ('catch.syscall_any', 'basic', [], [
        'b main', 'r', 'catch syscall', 'c', 'c', 'info breakpoints', 'ignore 2 2', 'c',
        'info breakpoints', 'delete 2', 'b add', 'c', 'catch syscall write', 'next', 'c', 'c'],
     {}),
    ('run.delete', 'basic', [], ['b add', 'b bump', 'r', 'delete 1', 'c', 'delete', 'c',
                                 'info breakpoints', 'delete 9'], {}),
    ('step.into_and_out', 'basic', [], ['b main', 'r'] + ['step'] * 14, {}),
    ('step.next_main', 'basic', [], ['b main', 'r'] + ['next'] * 7 + ['p counter'], {}),
    ('step.next_count', 'basic', [], ['b main', 'r', 'next 3', 'p counter'], {}),
    ('step.finish_value', 'basic', [], ['b add', 'r', 'finish', 'c', 'finish', 'finish'], {}),
    ('step.stepi_nexti', 'basic', [], ['b twice', 'r', 'stepi', 'stepi', 'stepi', 'nexti', 'nexti',
                                       'nexti', 'nexti', 'info registers rip', 'stepi 3'], {}),
    ('step.onto_breakpoint', 'basic', [], ['b main', 'b basic.c:42', 'r', 'next', 'next',
                                           'info breakpoints'], {}),
    ('step.until_advance', 'basic', [], ['b main', 'r', 'next', 'next', 'until', 'until', 'until',
                                          'advance 45', 'info breakpoints'], {}),
    ('step.until_location', 'recurse', [], ['b fact', 'r', 'until 13', 'bt', 'advance fib', 'bt',
                                            'until 99'], {}),
    ('frame.up_down', 'basic', [], ['b add', 'r', 'c', 'bt', 'up', 'up', 'up', 'down', 'frame 1',
                                    'frame', 'down', 'down', 'finish', 'bt'], {}),
    ('data.globals_static', 'basic', [], [
        'p counter', 'p big', 'p byte', 'p letter', 'p greeting', 'p buf', 'p message',
        'p table', 'p zeros', 'p ptr', 'p ratio', 'p origin', 'p paint', 'p/x counter',
        'p &counter', 'p *ptr', 'p table[3]', 'p/x big', 'p/d byte', 'p/c counter',
        'p &origin', 'p &table', 'p main', 'p &buf[1]', 'p add', 'p/x table',
        'p nosuch', 'p $nosuch'], {}),
    ('data.globals_live', 'basic', [], ['b bump', 'r', 'p counter', 'c', 'p counter', 'p total',
                                        'finish', 'p counter', 'p/x counter', 'p $rip'], {}),
    ('data.registers', 'basic', [], ['b add', 'r', 'info registers', 'p $rip', 'p $sp', 'p $fp',
                                     'p $eflags', 'p $rdi', 'p/x $rsi', 'info registers rip rdi',
                                     'i r eflags', 'info registers nosuch'], {'filter': 'no_k'}),
    ('data.locals', 'basic', [], ['b add', 'r', 'info args', 'info locals', 'p a', 'p sum', 'up',
                                  'info locals', 'p total', 'p argc', 'p counter', 'b bump', 'c',
                                  'info args', 'info locals', 'up', 'info locals', 'p i',
                                  'p/x total', 'down', 'p i'], {}),
    ('data.locals_opt', 'opt', [], ['b square', 'r', 'info args', 'p v', 'up', 'info args',
                                    'info locals', 'p n', 'p i', 'up', 'p argc'], {}),
    ('data.expressions', 'basic', [], [
        'p counter + 1', 'p counter * 2 - 4', 'p 10/3', 'p -7 % 3', 'p 10/0', 'p 1.5 * 2',
        'p 10/3.0', 'p ratio * 3', 'p origin.x', 'p origin.y + origin.x', 'p (&origin)->y',
        'p ptr[1]', 'p *(ptr + 1)', 'p ptr - &table[0]', 'p &table[2] == ptr',
        'p counter > 40 && byte == 200', 'p !counter', 'p ~counter', 'p sizeof(int)',
        'p sizeof(origin)', 'p sizeof table', 'p (char)counter', 'p (long)counter * 100000000',
        'p (unsigned char)300', 'p (double)counter / 8', 'p (int *)ptr',
        'p (struct point *)&origin', 'p byte + 100', 'p big / 1000', 'p 4294967295',
        'p 4294967296', 'p 0x10 + 010', 'p 3u - 4', 'p table[1+2]', 'p letter + 1', 'p -letter',
        'p/x -1', 'p/c 65', 'p/x counter + 1', 'p 1 +', 'p (int)ratio', 'p paint == 2',
        'p *greeting', 'p message[1]', 'p origin.z', 'p counter.x', 'p 5 > 3 == 1',
        'p 1 - - 1', 'p (1', 'p 1 2', 'p nosuch + 1', 'p origin->x', 'p ptr->x',
        'p sizeof(struct point)', 'p (unsigned long)-1', 'p 1.0/3', 'p -ratio', 'p 7 / -2'], {}),
    ('data.expressions_live', 'basic', [], ['b add', 'r', 'p a + b', 'p a * 10 / b', 'p a == 1',
                                            'up', 'p total + counter', 'p argc > 0 && argv != 0',
                                            'p argv[0][0]', 'p *argv[0]', 'p $rsp - $rbp',
                                            'p $pc - main', 'x/2dw &table[1]'], {}),
    ('data.assign', 'basic', [], ['b add', 'disable', 'enable 1', 'tbreak bump', 'disable 2', 'r',
                                  'p a = 10', 'p a', 'set var b = a * 2', 'p b', 'p sum = a + b',
                                  'finish', 'p counter = 7', 'set var counter = counter + 1',
                                  'p counter', 'p $rax = 99', 'p $rax', 'set var origin.x = -1',
                                  'p origin', 'set var ratio = 2.5', 'p ratio',
                                  'set var letter = 66', 'p letter', 'p 3 = 4', 'set confirm off',
                                  'c', 'p counter = 1'], {}),
    ('data.history_convenience', 'basic', [], [
        'p $', 'p $$', 'p $1', 'p counter', 'p $', 'p $1 + 1', 'p origin', 'p $.x', 'p $$',
        'p $$3', 'p $0', 'p $$0', 'p $99', 'p $$9', 'set $foo = 5', 'p $foo', 'p $foo * 2',
        'set $foo = $foo + 1', 'p $foo', 'set $s = origin', 'p $s', 'p $s.y', 'whatis $s', 'p $bar',
        'whatis $bar', 'p &$1', 'p &$s', 'b main', 'r', 'set var $s.x = 10', 'p $s',
        'set var origin = $s', 'p origin', 'set $t = table', 'whatis $t', 'p $t[2]',
        'set $t[2] = 77', 'p table', 'p $_'], {}),
    ('data.char_literals', 'basic', [], [
        "p 'a'", "p '\\n'", "p '\\0'", "p 'a' + 1", "whatis 'a'", "p 'ab'", "p '\\x41'",
        "p '\\''", "p/c 'a'", "p/d 'a'", "p/x 'a'", "p '\\e'", "p '\\177'", "p '\\\\'",
        "p letter == 'A'", "p greeting[0] == 'h'", "p ''"], {}),
    ('data.artificial_arrays', 'basic', [], [
        'p *table@3', 'p table[1]@2', 'whatis *table@3', 'p/x *table@3', 'p $', 'p $[1]',
        'p sizeof(*table@3)', 'p counter@2', 'p 1@2', 'p *table@0', 'p *table@-1', 'p $s@2',
        'p greeting[0]@5', 'p *ptr@2', 'p origin@2', 'p *table@2 + 1'], {}),
    ('data.assign_aggregates', 'basic', [], [
        'b main', 'r', 'set var origin = ratio', 'p origin', 'set var table = zeros',
        'set var origin = 1', 'set $o = origin', 'set var origin.y = 99', 'set var origin = $o',
        'p origin', 'p origin == origin', 'p origin != origin', 'p origin < origin',
        'p origin + 1', 'p table == zeros', 'set var table = $t'], {}),
    ('data.types', 'basic', [], ['whatis counter', 'ptype counter', 'whatis origin', 'ptype origin',
                                 'ptype struct point', 'whatis struct point', 'ptype paint',
                                 'whatis table', 'ptype message', 'whatis &table', 'whatis &origin',
                                 'ptype add', 'whatis main', 'whatis 1+2', 'whatis 1.5',
                                 'whatis ratio', 'ptype int', 'ptype unsigned long', 'whatis ptr',
                                 'whatis *ptr', 'ptype nosuch', 'whatis sizeof(int)',
                                 'whatis (char)1', 'whatis big * 2', 'whatis byte + 1'], {}),
    ('data.ptype_offsets', 'layout', [], [
        'ptype/o struct outer', 'ptype/o union u', 'ptype/o o', 'ptype /o struct inner',
        'ptype/o pad', 'ptype/o int', 'ptype o', 'whatis o.l', 'whatis ull', 'whatis sh',
        'ptype struct padded', 'whatis &o.in.s', 'p sizeof(o)'], {}),
    ('data.multidim', 'arrays', [], [
        'p grid', 'p cube', 'p words', 'p names', 'p bytes', 'p mat', 'p wide', 'p cells',
        'p zgrid', 'p rowp', 'p grid[1]', 'p grid[1][2]', 'p cube[1][1][2]', 'whatis grid',
        'ptype grid', 'whatis grid[1]', 'whatis cube[1]', 'whatis &grid', 'whatis &grid[1]',
        'whatis &cube', 'p sizeof(grid)', 'p sizeof grid[1]', 'p sizeof(cube[1])', 'p &grid[1]',
        'p &cube[1][1]', 'p *grid', 'p **grid', 'p *grid@2', 'p grid[0]@2', 'whatis *grid@2',
        'p sizeof(*grid@2)', 'x/6dw grid', 'x/2s words', 'p rowp[1]', 'p *rowp', 'p rowp[1][1]',
        'whatis rowp', 'p grid + 1', 'p *(grid + 1)', 'p grid[1] + 1', 'p grid == rowp',
        'p/x grid', 'p/c words', 'p/d words', 'p words[1]', 'whatis words[1]', 'p cells[1].tag',
        'p cells[1].m[1]', 'whatis cells[0].m', 'ptype cells', 'whatis cells', 'ptype/o cells',
        'ptype cellp', 'ptype/o cellp', 'p *cellp', 'p cellp->tag[1]', 'ptype rows',
        'whatis rows', 'p rows[1]', 'p *rows@2', 'whatis row_t', 'ptype row_t',
        'p sizeof(row_t)', 'whatis cell_t', 'p $1', 'p $1[1]', 'whatis $1[1]', 'p grid[2]',
        'p -grid', 'p ~grid', 'p !grid', 'p +grid', 'p -cells[0]', 'p !cells[1]',
        'whatis long unsigned int', 'ptype union nosuch', 'whatis struct nosuch'], {}),
    ('data.multidim_live', 'arrays', [], [
        'b sum_grid', 'r', 'info args', 'p g', 'p g[1]', 'p g[1][1]', 'p *g@2', 'whatis g',
        'whatis g[1]', 'p sizeof(*g)', 'up', 'info locals', 'p local', 'ptype local', 'p vla',
        'whatis vla', 'p sizeof(vla)', 'p vla[1]', 'whatis vla[1]', 'p vla[1][2]', 'p *vla@2',
        'p local[1][0] = 9', 'p local', 'set var grid[0][0] = 100', 'p grid', 'set var local = local',
        'set $m = grid', 'p $m', 'whatis $m', 'p $m[1]', 'display local', 'display/x grid[1]',
        'next', 'p total', 'x/4dw local', 'p -local'], {}),
    ('call.values', 'calls', [], [
        'p add(2, 3)', 'call bump()', 'b main', 'r', 'next', 'next', 'p add(2, 3)', 'p twice(x)',
        'p lsum(1, 2, 3, 4, 5, 6, 7, 8)', 'call bump()', 'p bump()', 'p counter', 'call counter',
        'call add(1, 1)', 'p norm1(&local)', 'p norm1(&origin)', 'p mkpoint(5, 6)',
        'p mkpoint(1, 2).y', 'p mkbig(2)', 'p mkbig(1).c', 'p half(3)', 'p fhalf(3)',
        'p half(2.5) * 2', 'p first(message)', 'p ubyte(300)', 'p neg(5)', 'p isodd(3)',
        'p greet()', 'p where()', 'p *where()', 'p porigin()->y', 'p sumpt(origin)',
        'p sumpt(local)', 'p varsum(3, 4)', 'p twice(twice(2))', 'p add(counter, 1) * 2',
        'p x = add(x, 1)', 'p x', 'p add(1.9, 2)', 'p (*add)(1, 1)', 'p (&add)(3, 4)',
        'p &add', 'p *add', 'set var $f = add', 'p $f(1, 1)', 'p/x add(255, 1)', 'p $',
        'whatis add(1, 2)', 'ptype mkpoint(1, 2)', 'whatis mkbig(1)', 'whatis fhalf(1)',
        'p sizeof(add(1, 2))', 'p sizeof(mkbig(1))', 'p counter', 'p $pc', 'bt',
        'info registers rip rsp rbp', 'p add(1)', 'p add()', 'p origin(1)',
        'p mkpoint(1, 2).x = 5', 'p &mkpoint(1, 2)', 'p mixsum(mix)', 'p mkmixed(3, 1.5)',
        'p mkpair(1, 2.5)', 'p dsum(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)', 'p mkmixed(1, 2).d',
        'p half(mix.d)', 'p fhalf(mix.d)', 'p add(1, 2', 'p main(', 'p add(1,)', 'next',
        'p counter', 'p (int) bump()', 'p (void) bump()', 'p (long) (void) 1', 'p counter'], {}),
    ('call.stopped', 'calls', [], ['b main', 'r', 'b add', 'p twice(5)', 'bt', 'p $pc',
                                   'info frame', 'finish', 'bt', 'c', 'bt', 'p $pc',
                                   'p crash(0)', 'bt', 'c', 'bt'], {}),
    ('call.in_condition', 'calls', [], ['b twice if add(v, 1) == 8', 'b add', 'r', 'bt', 'c',
                                        'bt', 'info breakpoints', 'delete 2', 'c'], {}),
    ('call.exit', 'calls', [], ['b main', 'r', 'p quit_now(3)', 'bt', 'info registers rip'], {}),
    ('call.finish_out', 'calls', [], ['b main', 'r', 'b twice', 'p twice(3)', 'finish', 'bt',
                                      'p $pc', 'p twice(4)', 'next', 'next', 'bt', 'next', 'bt',
                                      'p x'], {}),
    ('call.nodebug', 'basic-nodebug', [], ['p (int)add(1, 2)', 'b main', 'r', 'p add(1, 2)',
                                           'p (int)add(1, 2)', 'p (long)add(2, 3)',
                                           'p (char)add(65, 1)', 'call (void)bump()',
                                           'p (void)bump()', 'p (int)counter', 'p (void)0',
                                           'p (int)twice(4)', 'whatis (int)add(1, 2)',
                                           'p sizeof((int)add(1, 2))'], {}),
    ('data.string_literals', 'calls', [], [
        'p "abc"', 'p sizeof("abc")', 'whatis "abc"', 'p "abc"[1]', 'p *"abc"',
        'p greeting == "hello"', 'p "a" "b"', 'p "tab\\there"', 'p "x\\"y"', 'p ""',
        'p "unterminated', 'p "abc"[3]', 'p "abc"[4]', 'b main', 'r', 'p "abc"',
        'p greeting == "hello"', 'p message == "text"', 'p first("xyz")', 'p "abc" + 1',
        'p &"abc"', 'whatis &"ab"', 'p "abc" == "abc"', 'set var message = "new"', 'p message',
        'p *"abc"', 'x/s "hi"', 'p sizeof "hello"', 'p sizeof("ab" + 1)',
        'whatis "abc" + 1', 'x/s "abc" + 1'], {}),
    ('data.display', 'basic', [], ['display counter', 'display/x byte', 'b add', 'r', 'display a',
                                   'finish', 'info display', 'undisplay 1', 'next', 'display',
                                   'undisplay', 'info display', 'next'], {}),
    ('data.strings', 'strings', [], ['p text', 'p repeated', 'p quotes', 'p shorts', 'p longs',
                                     'p names', 'b main', 'r', 'next', 'p repeated', 'p names[2]',
                                     'p *names'], {}),
    ('data.x', 'strings', [], ['b main', 'r', 'next', 'x/s text', 'x/2s names[0]', 'x/8xb text',
                               'x/4dh shorts', 'x/3dg longs', 'x/2xg longs', 'x/4c text',
                               'x/3uh shorts', 'x/2a &names', 'x/ow shorts', 'x/2tb text',
                               'x/20xb repeated', 'x/3xw &longs', 'x', 'x/2dw', 'x/x 0'], {}),
    ('data.x_static', 'basic', [], ['x/4xw &table', 'x/2xg &table', 'x/s greeting', 'x/s message',
                                    'x/3dw table', 'x/2c &letter', 'x/8xb &counter'], {}),
    ('list.lines', 'basic', [], ['list add', 'list', 'list 10', 'list basic.c:44', 'list 200',
                                 'list twice'], {}),
    ('list.after_stop', 'basic', [], ['b twice', 'r', 'list', 'list'], {}),
    ('recurse.bt_finish', 'recurse', [], ['b recurse.c:10', 'r', 'bt', 'finish', 'finish', 'bt',
                                          'up 2', 'down', 'info frame'], {}),
    ('info.frame', 'recurse', [], ['b recurse.c:10', 'r', 'info frame', 'up', 'info frame',
                                   'frame 3', 'info frame', 'frame 5', 'info frame'], {}),
    ('info.frame_prologue', 'basic', [], ['b *add', 'r', 'info frame', 'stepi', 'info frame',
                                          'stepi', 'info frame', 'b *nosuch'], {}),
    ('info.frame_opt', 'opt', [], ['b square', 'r', 'info frame', 'up', 'info frame', 'up',
                                   'info frame'], {}),
    ('info.line_address_symbol', 'basic', [], [
        'info line add', 'info line basic.c:22', 'info line 40', 'info line *0x1145',
        'info address add', 'info address counter', 'info address nosuch', 'info symbol 0x1145',
        'info symbol &counter', 'info symbol 0', 'info symbol counter', 'info line nosuch',
        'info line 999', 'info symbol &table[2]', 'b add', 'r', 'info line', 'info address a',
        'info address sum', 'info symbol $pc', 'info line *$pc', 'up', 'info address total',
        'info symbol', 'info address', 'info line basic.c:1', 'info line nosuch.c:3',
        'info symbol main+3', 'info line 38'], {}),
    ('nodebug.symbols', 'basic-nodebug', [], [
        'list add', 'ptype origin', 'whatis paint', 'p sizeof(struct point)', 'p origin', 'p add',
        'ptype add', 'whatis add', 'p &origin', 'p counter', 'whatis main', 'p origin + 1',
        'p *&origin', 'p (int)origin', 'p *(int *)&counter', 'whatis &origin', 'p sizeof(origin)',
        'p add + 1', 'p nosuch', 'p (long)counter', 'whatis (char)counter', 'ptype unsigned long',
        'p sizeof(union u)', 'p (char)origin', 'p origin.x', 'info line add', 'info address origin',
        'info address add', 'info symbol &origin', 'list', 'list 10'], {}),
    ('nodebug.run', 'basic-nodebug', [], ['b add', 'r', 'bt', 'p $pc', 'info frame', 'up',
                                          'info frame', 'info locals', 'x/4xb &counter',
                                          'p (int)counter', 'info line', 'finish'], {}),
    ('nodebug.step', 'basic-nodebug', [], ['b add', 'r', 'next', 'step', 'bt', 'next', 'stepi',
                                           'step', 'nexti', 'info frame'], {}),
    ('recurse.next_over', 'recurse', [], ['b main', 'r', 'next', 'next', 'p depth_reached',
                                          'next'], {}),
    ('recurse.step_fib', 'recurse', [], ['b fib', 'r', 'step', 'step', 'step', 'bt', 'next',
                                         'next', 'next', 'bt'], {}),
    ('threads.break_each', 'threads', [], ['b work', 'r', 'bt 2', 'p done', 'c', 'bt 2', 'c',
                                           'bt 2', 'c', 'p done'], {}),
    ('threads.info', 'threads', [], ['b work', 'r', 'info threads', 'thread 1', 'thread 2',
                                     'thread'], {'filter': 'threads'}),
    # raise() stops in __pthread_kill_implementation, which pthread_kill tail-calls from
    # the call of __pthread_kill_internal inlined in it: a tail call frame named so.
    ('signals.stop_pass', 'signals', [], ['r', 'c', 'bt', 'p got', 'c'], {}),
    ('signals.handle_nostop', 'signals', [], ['handle SIGUSR1 nostop noprint', 'r', 'bt', 'c'],
     {}),
    ('signals.exit_ok', 'signals', ['x'], ['handle SIGUSR1 nostop', 'r'], {}),
    # Stops in raise() too (the tail call above).
    ('signals.info_handle', 'signals', [], [
        'info signals', 'handle SIGUSR1 nostop noprint', 'handle SIGALRM stop print',
        'info signals SIGUSR1', 'handle 14 nopass', 'handle SIGFOO stop', 'handle all nopass',
        'info handle', 'handle 99 stop', 'handle SIGUSR2 SIGHUP noprint', 'info signals SIGHUP',
        'info signals SIG40', 'handle SIGINT nopass', 'handle SIGTRAP SIGUSR1 nostop',
        'info signals 200', 'handle SIGUSR1 stop print pass', 'r', 'c'], {}),
    ('signals.raise_tail_call_frames', 'signals', [], [
        'r', 'bt', 'info frame', 'up', 'info frame', 'info args', 'p $sp', 'p $pc', 'up',
        'info frame', 'down', 'down', 'info args', 'frame 1', 'finish', 'c'], {}),
    ('process.sharedlibrary', 'basic', [], ['info sharedlibrary', 'b add', 'r',
                                            'info sharedlibrary'], {'filter': 'sorted'}),
    ('process.exec', 'execer', [], ['b work', 'b main', 'r', 'c', 'bt', 'p generation', 'c',
                                    'info breakpoints'], {}),
    ('process.kill', 'basic', [], ['b add', 'r', 'kill', 'bt', 'info registers', 'c', 'r'], {}),
    ('opt.break_step', 'opt', [], ['b square', 'b accumulate', 'info breakpoints', 'r', 'p acc',
                                   'c', 'p acc', 'c', 'p acc', 'delete', 'c'], {}),
    ('opt.stepi', 'opt', [], ['b square', 'r', 'bt 1', 'stepi', 'stepi'], {}),
    ('opt.break_with_frame_pointer', 'opt-fp', [], ['b sum_args', 'b accumulate', 'b main',
                                                    'info breakpoints', 'r', 'bt', 'c', 'bt',
                                                    'c', 'bt', 'info args'], {}),
    ('opt.cfi_bt_finish', 'opt', [], ['b square', 'r', 'bt', 'finish', 'bt', 'up', 'finish',
                                      'c', 'bt', 'frame 1', 'down'], {}),
    ('opt.entry_values', 'opt', [], ['b observe', 'r', 'c', 'bt', 'up', 'info args', 'p v',
                                     'p v + 1'], {}),
    # gdb's `print entry-values default`: X=X@entry=V when the value is the one the caller
    # passed, X=V, X@entry=E when it changed since, X=V alone when the caller lost it.
    # A function's static variables (DW_OP_addr, moved by the load bias), named by their
    # ELF symbols count.N: `count` where gdb names things, whole in x; bt full's
    # "No locals." for a frame without any.
    ('data.static_locals', 'statics', [], [
        'p &count', 'b bump', 'r', 'info locals', 'p count', 'p &count', 'p *&count + 1', 'p label',
        'info symbol &count', 'x/2xw &count', 'output &label',
        'set var count = 7', 'c', 'info locals', 'bt full', 'finish'], {}),
    # Structs in pieces (registers, computed values, none): members printed, indexed,
    # used in arithmetic and kept in the history; a line whose only row shares its address
    # with the next line's and one superseded by a non-statement row.
    ('opt.pieces', 'pieces', [], [
        'b observe', 'r', 'up', 'info locals', 'p p', 'p p.y', 'p g', 'p g.c + 1', 'p/x p',
        'p $', 'p $$2', 'p $.x', 'whatis p', 'c', 'up', 'info locals', 'bt full',
        'info line pieces.c:22', 'info line pieces.c:21', 'info line pieces.c:20',
        'b pieces.c:22', 'r', 'info locals', 'next', 'next', 'info locals', 'p g', 'c 3'], {}),
    ('opt.entry_values_changed', 'entryval', [], [
        'b observe', 'r', 'bt', 'c', 'bt', 'c', 'bt', 'up', 'info frame', 'info args', 'down',
        'finish', 'c', 'bt', 'c', 'bt', 'c'], {}),
    # tailcall.c at -O2: gdb's frames of functions that left through a tail call (DWARF5
    # 3.4.2), one and two deep, with entry values through them; up, down, frame N and info
    # frame on them; finish out of them returns to the real caller.
    ('tailcall.bt_chains', 'tailcall', [], [
        'b leaf', 'r', 'bt', 'info frame', 'up', 'info frame', 'info args', 'p a', 'c', 'bt',
        'up', 'info frame', 'p $sp', 'p $pc', 'up', 'info frame', 'info locals', 'up',
        'info frame', 'down', 'frame 2', 'down', 'down', 'bt full', 'frame 1', 'frame'], {}),
    ('tailcall.finish', 'tailcall', [], [
        'b leaf', 'r', 'finish', 'c', 'up', 'finish', 'c', 'frame 2', 'finish', 'bt', 'c'], {}),
    # Chains that part: through left or right nothing is sure; through left2 or right2 to
    # funnel only funnel is, and from fan through gate only fan; ping and pong call each
    # other, so only ping's last jump is sure, and neither's entry values can be known.
    ('tailcall.ambiguous', 'tailcall', [], [
        'b leaf', 'r', 'c', 'c', 'bt', 'info frame', 'c', 'bt', 'up', 'info frame', 'c', 'bt',
        'up', 'info args', 'c', 'bt', 'up', 'info frame', 'info args', 'finish', 'c'], {}),
    ('tailcall.return', 'tailcall', [], ['b leaf', 'r', 'c', 'up', 'return', 'bt', 'c', 'bt'], {}),
    ('tailcall.break_in_chain', 'tailcall', [], [
        'b middle', 'b funnel', 'b pong', 'r', 'bt', 'c', 'bt', 'c', 'bt', 'up', 'info args',
        'c'], {}),
    ('disasm.static', 'basic', [], ['disassemble add', 'disassemble /r twice', 'disassemble /s add',
                                    'x/3i add', 'x/i', 'disassemble add,twice',
                                    'disassemble /r 0x1145,+6', 'disassemble', 'disassemble 0',
                                    'disassemble nosuch', 'disassemble /q add',
                                    'disassemble 0,8', 'x/2i 0', 'layout asm', 'layout foo'],
     {}),
    ('disasm.live', 'basic', [], ['b add', 'r', 'disassemble', 'x/4i $pc', 'up', 'disassemble',
                                  'x/2i $pc', 'disassemble /r main', 'disassemble $pc,+8',
                                  'disassemble /s twice', 'disassemble __do_global_dtors_aux',
                                  'x/2i 0'], {}),
    ('disasm.opt', 'opt', [], ['b square', 'r', 'disassemble', 'up', 'disassemble /r',
                               'x/6i $pc'], {}),
    ('disasm.threads', 'threads', [], ['disassemble main', 'b work', 'r', 'disassemble main',
                                       'disassemble /s work'], {'filter': 'threads'}),
    ('solib.break_before_run', 'solib', [], ['b sl_add', 'info breakpoints', 'r', 'bt',
                                             'info breakpoints', 'b sl_square', 'c', 'bt',
                                             'p sum', 'finish', 'finish'], {}),
    ('solib.step_into', 'solib', [], ['b main', 'r', 'next', 'step', 'bt', 'step', 'step', 'step',
                                      'step', 'step', 'step', 'step', 'step', 'step', 'bt',
                                      'step', 'step', 'step'], {}),
    ('solib.pending_dlopen', 'solib', [], ['set breakpoint pending on', 'b plug_entry',
                                           'tbreak nosuch if x > 1', 'b libhdbplug.c:7',
                                           'info breakpoints', 'b main', 'r', 'b libhdbsl.c:19',
                                           'info breakpoints', 'c', 'bt', 'c', 'info breakpoints',
                                           'p x', 'c', 'bt', 'finish', 'c'], {}),
    ('solib.pending_off', 'solib', [], ['set breakpoint pending off', 'b plug_entry',
                                        'info breakpoints', 'b main', 'r', 'b plug_entry',
                                        'b nodbg_twice', 'info breakpoints', 'c', 'bt', 'c'], {}),
    ('solib.list', 'solib', [], ['list', 'list sl_apply', 'b main', 'r', 'list sl_apply', 'list',
                                 'list qsort', 'list', 'list libhdbplug.c:5', 'list nosuch',
                                 'list 20', 'list', 'list libhdbsl.c:5'], {}),
    ('solib.sharedlibrary', 'solib', [], ['b nodbg_twice', 'r', 'info sharedlibrary', 'bt',
                                          'finish'], {'filter': 'sorted'}),
    ('solib.unloaded', 'solib', [], ['set breakpoint pending on', 'b plug_entry', 'r', 'kill',
                                     'info breakpoints', 'r', 'c', 'info breakpoints'], {}),
    ('solib.step_libc', 'solib', [], ['b 31', 'r', 'step', 'bt', 'step', 'step', 'step', 'step',
                                      'bt', 'finish', 'finish', 'next', 'next', 'step'], {}),
    # hdb-cli's watchpoints and *EXPR breakpoints meeting hdb-solib's libraries: a software
    # watchpoint on a library's local ending with its frame, `*EXPR` in a library, main's local
    # watchpoint deleted with the killed process, pending hbreak/thbreak (only set: no
    # debug-register breakpoint fires on this project's hosts).
    ('solib.watch_and_expr', 'solib', [], ['b sl_add', 'r', 'set can-use-hw-watchpoints 0',
                                           'watch sum', 'b *sl_add+13', 'b *$pc + 6',
                                           'info breakpoints', 'c', 'c', 'c', 'bt 1',
                                           'info breakpoints', 'watch r', 'kill',
                                           'info breakpoints'], {}),
    # Values kept while the program's file was active, used while libc's is: a software
    # watchpoint on main's array hit inside libc's memcpy, then the value history.
    ('solib.values_across_files', 'solib', [], ['b main', 'r', 'set can-use-hw-watchpoints 0',
                                                'watch v[0]', 'p v', 'c', 'c', 'p $1',
                                                'p $1[1] + 1', 'set $w = $1[2]', 'p $w', 'bt 1'],
     {}),
    # hdb-cli's info frame on hdb-solib's frames of inlined calls in libc, and on the frame
    # its inlined callee shows at the call's line.
    ('solib.info_frame_inlined', 'solib', [], ['b cmp', 'r', 'frame 2', 'info frame', 'frame 3',
                                               'info frame', 'frame 5', 'info frame'], {}),
    ('solib.pending_hbreak', 'solib', [], ['set breakpoint pending on', 'hbreak plug_entry',
                                           'thbreak nosuch if x > 1', 'b *main+4',
                                           'info breakpoints'], {}),
    ('solib.qsort_libc', 'solib', [], ['b cmp', 'r', 'bt', 'up', 'info locals', 'up', 'info args',
                                       'frame 5', 'p cmp', 'p n', 'down', 'list', 'c', 'bt 3'], {}),
    # hdb-fix's calls, 2-D arrays and string literals meeting hdb-solib's libraries: stopped in
    # a library's function (its DWARF the active file), calls of the library's functions, of a
    # pointer to the program's, of the program's own from the library's frame and back.
    ('solib.calls_in_library', 'solib', [], [
        'b sl_apply', 'r', 'p sl_grid', 'p sl_grid[1]', 'whatis sl_grid[1]',
        'p sl_row_sum(sl_grid, 1)', 'p sl_row_sum(&sl_grid[1], 0) + v',
        'p sl_add(sl_grid[1][2], 1)', 'p f(5)', 'p sl_square(3)', 'p "lib"', 'p sizeof("lib")',
        'p twice(7)', 'bt', 'up', 'p v', 'p twice(v[1])', 'p sl_row_sum(sl_grid, 0)', 'down',
        'p $1[1][2]', 'whatis $1', 'info locals'], {}),
    # A call made in a library's frame that stops at a breakpoint in the library: the dummy
    # frame between the library's frames, finish out of the callee and out of the call.
    ('solib.call_stops_in_library', 'solib', [], [
        'b sl_apply', 'r', 'b sl_square', 'p sl_add(2, 3)', 'bt', 'info frame', 'up 2', 'p v',
        'frame 1', 'p sum', 'finish', 'bt', 'finish', 'bt', 'p sl_row_sum(sl_grid, 1)', 'p $',
        'c'], {}),
    # From the program's frame: the library's functions and 2-D array found in its file, a
    # function without DWARF (a cast), the program's own.
    ('solib.calls_from_program', 'solib', [], [
        'b main', 'r', 'next', 'p (int) nodbg_twice(4)', 'p nodbg_twice(4)', 'p sl_add(1, 2)',
        'p sl_grid', 'p sl_grid[1][1] + 1', 'p sl_row_sum(sl_grid, 1)', 'p sl_row_sum',
        'whatis sl_row_sum(sl_grid, 0)', 'p "prog"', 'p v', 'p twice(v[2])',
        'p cmp(&v[0], &v[1])', 'p $1', 'p $3[1]'], {}),
    # Conditions that call functions, on hdb-solib's pending and library breakpoints: the
    # program's static twice() called in a dlopen()ed library's frame, the library's own
    # sl_row_sum() called at its sl_add.
    ('solib.condition_calls', 'solib', [], [
        'set breakpoint pending on', 'b plug_entry if twice(x) == 4', 'b main', 'r',
        'b sl_add if sl_row_sum(sl_grid, 1) == a + 14', 'c', 'bt', 'info breakpoints', 'c', 'bt',
        'p x', 'c'], {}),
    # DWARF that dwz rewrote (as in Debian's -dbgsym packages): the types both units share
    # are in partial units, reached through DW_FORM_ref_addr from parameters, locals,
    # members and typedefs.
    ('dwz.partial_unit_types', 'dwz', [], DWZ_CMDS, {}),
    # The same program through `dwz -m`: the shared types in a supplementary file
    # (.gnu_debugaltlink), named by DW_FORM_GNU_ref_alt and DW_FORM_GNU_strp_alt.
    ('dwz.supplementary_file', 'dwzm', [], DWZ_CMDS, {}),
    # DWARF 5's supplementary file (`dwz -5 -m`: .debug_sup, ref_sup4, strp_sup), which
    # gdb 13 cannot read: gdb runs the same program before dwz (dwz0).
    ('dwz.dwarf5_supplementary_file', 'dwz5', [], DWZ_CMDS, {'gdb_prog': 'dwz0'}),
    # Split DWARF (gcc -gsplit-dwarf): skeleton units in the program, the DIEs in .dwo files;
    # DWARF 5's split units and GNU's DWARF 4 forms, -O0 and -O2 (location and range lists
    # in the .dwo files).
    ('split.dwarf5_O0', 'split5', [], SPLIT_CMDS, {}),
    ('split.dwarf5_O2', 'split5-o2', [], SPLIT_CMDS, {}),
    ('split.dwarf4_O0', 'split4', [], SPLIT_CMDS, {}),
    ('split.dwarf4_O2', 'split4-o2', [], SPLIT_CMDS, {}),
    # A .dwo missing: gdb's warning, and the other unit's DWARF as before.
    ('split.missing_dwo', 'splitmiss', [], SPLIT_MISSING_CMDS, {'dwo_warning': True}),
    # libc's functions by their ELF aliases (malloc is __libc_malloc's, getenv __GI_getenv's):
    # the DWARF function at the symbol's address, its type and calls; casts of library calls
    # made from the program's frame (the type looked up in the library's file).
    ('solib.libc_aliases_and_casts', 'solib', [], [
        'b main', 'r', 'whatis malloc', 'p malloc', 'whatis &malloc', 'ptype strdup',
        'whatis getenv', 'p getenv', 'p (long) sl_add(1, 2)', 'p (char) sl_add(60, 5)',
        'whatis (char) sl_add(1, 1)', 'p (int) puts("hi")', 'p $p = malloc(16)',
        'p ((char *) $p)[0] = 65', 'p *(char *) $p', 'p free($p)', 'p sizeof(malloc(3))',
        'p (int) 2', 'p (struct nosuch *) sl_add(1, 1)'], {}),
    # printf and output: conversions, flags, widths, length modifiers, strings from arrays,
    # pointers and literals, NULL, floats from doubles and from integers' bytes, and the
    # errors (missing, extra and unconvertible arguments, unknown conversions, bad formats).
    ('data.printf_output', 'basic', [], [
        'b add', 'r',
        'printf "%d and %s|%5.2f|%x|%u|%c|%-4d|%lu|%p|%%\\n", a, "xy", 2.5, 255, -1, 65, b, '
        'sizeof(long), &a',
        'printf "%5c|%e|%g|%d|%f|%i|%o|%X\\n", 66, 1.0/3, 2, 2.7, 3, -7, 8, 48879',
        'printf "%s|%s|%s|%.3s\\n", greeting, &greeting[2], 0, greeting',
        'printf "%#x %+d %08.3f %lx %llu %zu\\n", 10, 5, 3.14159, -1, -1, sizeof(origin)',
        'printf "no args\\n"', 'printf "tab\\there \\"q\\" \\101\\n"',
        'printf "%d\\n"', 'printf "%d\\n", 1, 2', 'printf "%q\\n", 1', 'printf "%hhd\\n", 1',
        'printf "%d\\n", origin', 'printf "%s\\n", nosuch', 'printf "abc', 'printf',
        'printf "%d %d\\n", a + b, add(1, 1)', 'output a', 'output/x 255', 'output origin',
        'echo \\n', 'output nosuch', 'p $_', 'p 7'], {}),
    # The conditional operator: only the chosen operand's side effects happen.
    ('data.conditional_operator', 'basic', [], [
        'b add', 'r', 'p 1 ? 2 : 3', 'p 0 ? 2 : 3', 'p a == 1 ? b : 100',
        'p a ? counter = 5 : (counter = 7)', 'p counter', 'p 0 ? counter = 9 : 4', 'p counter',
        'p a > 5 ? 1 : a > 0 ? 2 : 3', 'p 1 ? 2', 'p sizeof(a = 9)', 'p a',
        'p 0 ? add(1, 1) : 5', 'whatis 1 ? a : 2.5', 'p (a ? origin : origin).x'], {}),
    # backtrace full (each frame's locals under it), list with ranges.
    ('stack.bt_full', 'basic', [], ['b add', 'r', 'bt full', 'bt full 1', 'bt -full 1', 'up',
                                    'bt full', 'info locals', 'list 10,12', 'list ,20',
                                    'list add,', 'list basic.c:30,32', 'list 12,10',
                                    'list 40,100', 'list 200,210', 'list nosuch,3',
                                    'list 3,nosuch', 'list twice', 'list'], {}),
    ('stack.bt_full_recursion_libc', 'solib', [], ['b cmp', 'r', 'bt full'], {}),
    # return: frames popped without running (the caller's registers as unwound), values in
    # rax (only the type's bytes) and xmm0, a void function's value ignored.
    ('stack.return', 'basic', [], ['return', 'b add', 'b bump', 'r', 'return 42',
                                   'info registers rax rip rsp rbp', 'bt', 'next', 'p total',
                                   'c', 'up', 'return 7', 'bt', 'info registers rip rsp rbp',
                                   'next', 'p total', 'c', 'return 5', 'bt 1',
                                   'info registers rax'], {}),
    ('stack.return_values', 'ret', [], ['b dv', 'b fv', 'b sv', 'b pv', 'r', 'return 0.25',
                                        'bt', 'next', 'p a', 'c', 'return 7', 'next', 'p b', 'c',
                                        'return -300', 'info registers rax', 'next', 'p c', 'c',
                                        'return 0', 'next', 'p p', 'c'], {}),
    # Bit-fields (signed, unsigned, enum, _Bool, straddling bytes, 40 bits wide, in an array of
    # structs): printed, read, written (gdb's warning when the value does not fit), and the
    # enumeration constants as names in expressions, with and without a process.
    ('data.bit_fields', 'bits', [], [
        'p AUTO', 'p ON + 1', 'whatis AUTO', 'p/d AUTO', 'p sizeof(AUTO)', 'b main', 'r', 'p f',
        'p f.level', 'p f.count', 'p f.mode', 'p f.wide', 'p/x f', 'p many', 'p f.level * 2',
        'p f.tiny', 'whatis f.level', 'p sizeof(f)', 'set var f.level = 5', 'p f',
        'set var f.count = 4095', 'p f.count', 'p f.plain', 'set var many[1].mode = AUTO',
        'p many[1]', 'p f.level = -9', 'p f', 'p -f.level', 'p f.on', 'next', 'p f.count',
        'p/t f.level', 'ptype f', 'p f.mode == AUTO', 'p many[0].mode == ON ? 1 : 2',
        'p NOSUCH'], {}),
    # set print pretty (nested structs, arrays of structs, /x, info locals, off again),
    # display with x's formats (i, s, counts, sizes) and info display's spelling of them,
    # info source before and after a listing and at a stop.
    ('data.print_pretty', 'tuiprog', [], [
        'set print pretty on', 'b inspect', 'r', 'p *o', 'p pair', 'p copy.vals', 'p/x copy.in',
        'next', 'next', 'p pair', 'info locals', 'set print pretty off', 'p *o',
        'set print pretty', 'p o->in'], {'filter': 'threads'}),
    ('data.display_x_formats', 'basic', [], [
        'info source', 'list 1,1', 'info source', 'b add', 'r', 'info source', 'display/i $pc',
        'display/s greeting', 'display/2xw &table', 'display/x b', 'display/3i $pc',
        'info display', 'display', 'stepi', 'undisplay 2', 'next'], {}),
    # frame level N, frame function NAME; $_exitcode and $_exitsignal after the program ends.
    ('stack.frame_level_function', 'basic', [], [
        'b add', 'r', 'frame level 1', 'frame function add', 'frame function main',
        'frame function twice', 'frame function nosuch', 'frame level 7', 'frame 1', 'frame',
        'p $_exitcode', 'kill', 'r', 'p $_exitcode', 'p $_exitsignal', 'whatis $_exitcode'], {}),
    ('run.exit_signal_convenience', 'selfkill', [], ['r', 'p $_exitcode', 'p $_exitsignal'], {}),
    # libc's and ld.so's assembler string functions (DW_TAG_unspecified_type results): gdb
    # wants a cast, then calls them with the program's values as arguments.
    ('call.libc_string_functions', 'basic', [], [
        'b main', 'r', 'p strlen("abcd")', 'p (int) strlen("abcd")',
        'p (unsigned long) strlen(greeting)', 'p (int) memcmp("ab", "ac", 2) < 0',
        'p (long) strlen(message) + 1', 'p (int) strcmp(greeting, "hello, hdb")', 'whatis strlen',
        'ptype strlen'], {}),
    # list - : back ten lines at a time, to the start of the file; around a frame just shown.
    ('list.backwards', 'basic', [], ['b add', 'r', 'list', 'list -', 'list -', 'list -', 'list',
                                     'list twice', 'list -', 'up', 'list -', 'list', 'down',
                                     'list -', 'list -'], {}),
    # info functions/variables/types [-q] [-n] [REGEXP] and info scope (gdb's basic regular
    # expressions; ELF symbols without DWARF as "Non-debugging symbols"). Regexps keep the
    # non-debugging variables to ELF objects (hdb lists no NOTYPE symbols such as _edata).
    ('symtab.functions', 'basic', [], [
        'info functions', 'info functions ^a', 'info functions -n', 'info functions -q ^t',
        'info functions ^\\(add\\|bump\\)$', 'info functions [bt]w*i', 'info functions zzz',
        'info functions -q zzz', 'info functions ^[^_]*d$', 'info functions a\\{1,\\}d\\+',
        'info functions -n -q .', 'info functions plt', 'info functions ^_\\?in', 'info functions a**',
        'info functions \\<bump\\>', 'info functions ^[[:upper:]]', 'info functions ^*a',
        'b add', 'r', 'info functions ^add$', 'info functions -q ^twi'], {}),
    ('symtab.variables_types', 'basic', [], [
        'info variables -n', 'info variables ^[a-b]', 'info variables _used$',
        'info variables ^_*[dD][a-z]*_h', 'info variables -q -n e$', 'info types', 'info types point',
        'info types -q ^c', 'info types int$', 'b main', 'r', 'info variables ^zeros$',
        'info types color'], {}),
    ('symtab.arrays_opt', 'arrays', [], [
        'info types', 'info variables -n', 'info functions -n', 'info scope main',
        'info scope sum_grid', 'info scope arrays.c:28'], {}),
    ('symtab.opt', 'opt', [], [
        'info functions -n', 'info types', 'info variables -n', 'info scope main', 'info scope square',
        'info scope accumulate', 'info scope observe', 'info scope sum_args', 'info scope use_after',
        'b use_after', 'r', 'info scope main', 'info scope use_after', 'info functions ^s.*e$'], {}),
    ('symtab.static_functions', 'recurse', [], [
        'info functions -n', 'info variables -n', 'info scope fib', 'info scope fact', 'b fact',
        'r', 'info functions -n ^fi', 'info variables depth'], {}),
    ('symtab.libraries', 'solib', [], [
        'info functions ^sl_', 'info variables counter', 'info functions nodbg', 'b main', 'r',
        'info functions ^sl_', 'info functions nodbg', 'info variables ^sl_', 'info types ^point$',
        'info functions ^add$', 'info scope sl_add', 'info scope main', 'info functions -n ^twice$'],
     {}),
    ('symtab.errors', 'basic', [], [
        'info functions [', 'info functions a\\(', 'info variables a\\)', 'info types [z-a]',
        'info functions [[:nosuch:]]', 'info functions a\\', 'info functions a\\{1',
        'info functions a\\{x\\}', 'info functions \\1', 'info scope nosuch', 'info scope',
        'info scope bump', 'info scope add', 'info scope basic.c:22', 'info scope twice'], {}),
    # gdb's amd64 pseudo-registers: 32/16/8-bit views of the general registers (writing one
    # keeps the rest of its register, as gdb does). Not in outer frames: gdb 13 reads them
    # there from the innermost frame's registers ($esp after `up` is frame 0's), hdb from
    # the frame's own.
    ('data.subregisters', 'basic', [], [
        'b add', 'r', 'p $eax', 'p $ax', 'p $al', 'p $ah', 'p $r8d', 'p $r8w', 'p $r8l', 'p $sil',
        'p $spl', 'p $esp', 'p $si', 'p $r15d', 'ptype $eax', 'whatis $al', 'ptype $ax',
        'info registers eax al ax ah r8d', 'p $eax + 1', 'p $al * 2', 'p/x $eax', 'p -$ax',
        'set $eax = 5', 'p/x $rax', 'set $ah = 1', 'p/x $rax', 'set $al = -1', 'p/x $rax',
        'p $ax = 0x1234', 'p/x $rax', 'p $r9w = 7', 'p/x $r9', 'p sizeof($ax)', 'p $eax.x'], {}),
    # The x87, SSE and AVX registers: union vec128 and builtin_type_vec256i printed whole, by
    # member and element, in hex; their types; writes to elements; gdb's errors.
    ('data.vector_registers', 'basic', [], [
        'b add', 'r', 'p $xmm0', 'p/x $xmm1', 'whatis $xmm0', 'ptype $xmm0', 'p $xmm2.v4_float[1]',
        'p $xmm2.v4_float', 'p $xmm2.v2_double', 'p $xmm2.uint128', 'p/x $xmm2.uint128',
        'p $xmm2.v8_half', 'p $xmm2.v8_bfloat16', 'p $xmm2.v4_int32', 'p/x $xmm2.v4_int32',
        'p $xmm1.v16_int8', 'whatis $xmm0.v4_float', 'ptype $xmm0.v4_float',
        'whatis $xmm0.v4_float[0]', 'ptype $xmm0.v16_int8', 'whatis $xmm0.v2_int64[1]',
        'p $ymm0', 'whatis $ymm0', 'ptype $ymm0', 'p $ymm2.v8_float', 'whatis $ymm0.v8_float',
        'p $xmm0.v8_half[3]', 'p $xmm0.v2_double[0]', 'p $mxcsr', 'ptype $mxcsr', 'whatis $mxcsr',
        'p/x $mxcsr', 'info registers xmm0 mxcsr', 'info registers ymm2 xmm3',
        'p $xmm2.v4_int32[1] + 1', 'p sizeof($ymm0)', 'p $st0', 'ptype $st0', 'p $fctrl',
        'p $ftag', 'whatis $fop', 'info registers st0 fctrl fstat ftag fop',
        'set var $xmm2.v4_int32[0] = 7', 'p $xmm2.v4_int32', 'p $xmm2.v2_int64[1] = -2',
        'p/x $xmm2', 'p $xmm2.v4_float[0] = 1.5', 'p $xmm2.v4_float', 'set var $mxcsr = 0x1f81',
        'p $mxcsr', 'p $xmm99', 'p $xmm0.nosuch', 'p $xmm0.v4_float[7]', 'set $xmm0 = 1',
        'info registers xmm99', 'info float'], {}),
    ('data.all_registers', 'basic', [], [
        'b add', 'r', 'info all-registers', 'info registers vector', 'info vector',
        'info registers float', 'up', 'info registers general'], {'filter': 'no_k_hi16'}),
    # Scripting: breakpoint command lists, user-defined commands, control flow, source,
    # dprintf, rbreak, save breakpoints (the script runs with -x, then the -ex commands).
    ('script.commands_recursive', 'recurse', [], ['info breakpoints', 'r', 'p 99', 'c', 'p 100',
                                                  'info breakpoints'],
     {'script': 'b fact\ncommands\n  silent\n  printf "n=%d\\n", n\n  if n == 2\n'
                '    bt\n  end\n  continue\nend\n'
                'tbreak fib\ncommands\nsilent\necho in fib\\n\nbt 1\nend\n'
                'b fib if n == 1\ncommands\np n\nnext\np n\nend\n'}),
    ('script.commands_ex', 'recurse', [], [
        'b fact', 'commands 1', 'commands', 'commands 7', 'end', 'commands 1-3', 'info breakpoints',
        'tbreak main', 'b fib', 'commands 2 3', 'info breakpoints', 'r', 'info breakpoints'], {}),
    ('script.define_if_while', 'recurse', [], [
        'adder 1 2', 'adder 5', 'help adder', 'help user-defined', 'cnt 10', 'b fact', 'r',
        'deeper', 'adder n 10', 'undoc', 'help undoc', 'adder $arg0', 'sum 1', 'loop_break',
        'else', 'end', 'while nosuch < 3', 'echo after\\n'],
     {'script': 'define adder\n  if $argc == 2\n    print $arg0 + $arg1\n  else\n'
                '    echo need two\\n\n  end\nend\ndocument adder\nAdd two numbers.\n'
                'Second line.\nend\n'
                'define cnt\n  set $i = 0\n  while $i < $arg0\n    set $i = $i + 1\n'
                '    if $i == 2\n      loop_continue\n    end\n    if $i == 4\n'
                '      loop_break\n    end\n    printf "i=%d\\n", $i\n  end\nend\n'
                'define deeper\n  while n > 2\n    c\n  end\n  bt\nend\n'
                'define undoc\nend\ndefine undoc\n  output $argc\n  echo \\n\nend\n'
                'define sum\n  p $arg0 + $arg1\nend\n'}),
    ('script.source', 'basic', [], [
        'source {tmp}/cmds.gdb', 'info breakpoints', 'r', 'twiceplus 4', 'source {tmp}/nosuch',
        'source', 'c', 'source {tmp}/bad.gdb', 'p 1'],
     {'tmpfiles': {
         'cmds.gdb': 'define twiceplus\n  p twice($arg0) + 1\nend\n# a comment\n\n'
                     'b add\ncommands\n  silent\n  printf "add(%d, %d)\\n", a, b\n'
                     '  twiceplus a\nend\n',
         'bad.gdb': 'echo one\\n\nsource {tmp}/inner.gdb\necho not reached\\n\n',
         'inner.gdb': 'p 2\nif 1\n  p nosuch\nend\np 3\n'}}),
    ('script.dprintf_rbreak', 'basic', [], [
        'dprintf twice,"v=%d\\n", v', 'dprintf basic.c:22,"a=%d b=%d\\n",a,b', 'rbreak ^t.*e$',
        'info breakpoints', 'r', 'info breakpoints', 'c', 'dprintf', 'dprintf add',
        'dprintf add,', 'dprintf add,x', 'rbreak ^nomatch', 'c'], {}),
    ('script.rbreak_several', 'basic', [], [
        'rbreak ^[abt]', 'commands', 'silent', 'info breakpoints', 'r', 'bt', 'c', 'bt'], {}),
    ('script.save_breakpoints', 'basic', [], [
        'info watchpoints', 'watch counter', 'rwatch big', 'info watchpoints',
        'info watchpoints 1', 'info watchpoints 6', 'save breakpoints {tmp}/bps', 'delete',
        'info watchpoints', 'source {tmp}/bps', 'info breakpoints', 'r', 'info breakpoints',
        'save breakpoints {tmp}/nodir/bps'],
     {'script': 'save breakpoints {tmp}/none\nb add if a == 1\nignore 1 1\ncommands\n'
                '  silent\n  if a == 1\n    p a\n  else\n    while 0\n      echo x\n'
                '    end\n  end\n  c\nend\ntbreak bump\ndisable 2\n'
                'dprintf twice,"v=%d\\n", v\nb basic.c:44\ncommands\nend\n'
                'save breakpoints\n',
      'files': ['bps']}),
    ('errors.no_process', 'basic', [], ['c', 'next', 'step', 'finish', 'bt', 'info registers',
                                        'frame 1', 'kill', 'detach', 'x/x $sp', 'b nosuch',
                                        'b nosuch.c:3', 'frobnicate', 'info frobs'], {}),
]
