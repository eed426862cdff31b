"""hdb-oracle scenarios for gdb's everyday commands that are not about the
program's data: set/show and the environment, info proc/auxv/program,
info files/sources, starti, jump, shell/pwd/cd and print/z (oracle.py runs
them with the others; names are hdb.GROUP.CASE).

The filters say what of gdb's output depends on the process or the host
and not on the debugger, and why.
"""
import re

# The commands an interrupted process answers the same whatever debugged it.
MISC_SCENARIOS = [
    # show for each setting hdb has, set for each, in gdb's sentences and error words.
    ('settings.show_set', 'basic', [], [
        'show args', 'set args a b', 'show args', 'show listsize', 'set listsize 5',
        'show listsize', 'show print pretty', 'show print elements', 'show confirm',
        'show pagination', 'show can-use-hw-watchpoints', 'show breakpoint pending',
        'show nosuch', 'show print nosuch', 'set listsize unlimited', 'show listsize',
        'set listsize -1', 'show listsize', 'set listsize foo', 'set listsize 2+3',
        'show listsize', 'set confirm off', 'show confirm', 'set pagination off',
        'show pagination', 'set can-use-hw-watchpoints 0', 'show can-use-hw-watchpoints',
        'set breakpoint pending on', 'show breakpoint pending', 'set print pretty',
        'show print pretty', 'set print pretty foo', 'set print pretty off', 'show print pre',
        'set breakpoint pending auto', 'show breakpoint pending', 'show startup-with-shell',
        'show disable-randomization'], {}),
    # The arguments as typed: set args, run ARGS, and the program seeing them (no quotes:
    # the oracle runs gdb without a shell, which hdb's quotes stand in for).
    ('settings.args_run', 'basic', [], [
        'show args', 'set args a  b', 'show args', 'r', 'show args', 'r x y', 'show args',
        'set args', 'show args', 'r'], {}),
    # The program's environment: set (three spellings), show, unset one and all.
    ('settings.environment', 'basic', [], [
        'show environment HOME', 'show environment NOPE', 'set environment FOO=bar',
        'show environment FOO', 'set environment FOO bar baz', 'show environment FOO',
        'set environment X = 1 2', 'show env X', 'set env Y z=1', 'show environment Y',
        'set environment BAR', 'show environment BAR', 'set environment',
        'unset environment FOO', 'show environment FOO', 'unset environment',
        'show environment', 'show environment HOME', 'unset nosuch', 'r'], {}),
    # Without a process.
    ('proc.no_process', 'basic', [], [
        'info proc', 'info proc mappings', 'info proc stat', 'info auxv', 'info program',
        'jump 30', 'jump', 'info proc foo', 'info proc sta'], {}),
    ('proc.running', 'basic', ['one'], [
        'b add', 'r', 'info proc', 'info proc cmdline', 'info proc cwd', 'info proc exe',
        'info proc mappings', 'info program', 'info proc m', 'info proc s', 'info proc foo',
        'next', 'info program', 'finish', 'info program', 'delete', 'c', 'info program',
        'info proc'], {'filter': 'image'}),
    ('proc.stat', 'recurse', [], ['b fact', 'r', 'info proc stat'], {'filter': 'stat'}),
    # Addresses in the auxiliary vector (the stack's strings, the vDSO) agree: both debuggers
    # start the program without address-space randomization and with the same environment.
    ('proc.auxv', 'basic', [], ['b main', 'r', 'info auxv'], {}),
    ('run.starti', 'basic', [], [
        'starti', 'info program', 'b add', 'c', 'info program', 'bt', 'kill', 'starti',
        'info breakpoints', 'c'], {'filter': 'image'}),
    ('run.jump', 'basic', [], [
        'b add', 'r', 'jump 23', 'info program', 'b twice', 'r', 'jump 23', 'jump nosuch',
        'jump', 'b 44', 'jump 43', 'info program', 'delete 3', 'tbreak bump', 'jump *0x5555555551ce',
        'bt', 'info program', 'jump *0x5555555551d8'],
     {'filter': 'image'}),
    ('files.info_files', 'basic', [], ['info files', 'b add', 'r', 'info target'],
     {'filter': 'files'}),
    ('files.info_sources', 'basic', [], [
        'info sources', 'info sources nosuch', 'info sources -basename std',
        'info sources -dirname incl', 'info sources -x', 'info sources ^/usr',
        'info sources -b -- basic'], {}),
    # cd and pwd in batch mode (cd says nothing there), shell and $_shell_exitcode; the
    # program started after cd runs in the new directory.
    ('host.shell_pwd_cd', 'basic', [], [
        'pwd', 'cd /nonexist', 'cd /tmp', 'pwd', 'cd', 'pwd', 'cd /usr/../lib', 'pwd',
        'shell echo hi; exit 3', 'p $_shell_exitcode', '!echo bang', 'p $_shell_exitcode',
        'pwd x', 'cd /tmp', 'b add', 'r', 'info proc cwd'], {}),
    ('data.print_z', 'basic', [], [
        'p/z 5', 'p/z -1', 'p/z counter', 'p/z origin', 'p/z table', 'p/z ratio', 'p/z byte',
        'p/z big', 'p/z letter', 'p/z ptr', 'output/z 7', 'echo \\n', 'x/2zw &table',
        'x/2zg &table', 'x/3zb &byte', 'p/z paint', 'p/z &counter', 'p/z (short)-1',
        'b add', 'r', 'p/z a', 'p/z $sp', 'display/z b', 'next'], {}),
]

# stat fields that count time, faults or memory, and the ids of the debugger's own
# process (parent, process group): they differ from one run to the next, not between
# debuggers. Their labels are still compared.
VOLATILE_STAT = ('Parent process', 'Process group', 'Session id', 'Minor faults', 'utime',
                 'stime', 'start time', 'Resident set size', 'Virtual memory size', 'Flags',
                 'TTY')


def _image(lines):
    # gdb names the process by its thread once libthread_db is loaded; hdb has no
    # libthread_db, so it names the process.
    return [re.sub(r'child Thread 0x[0-9a-f]+ \(LWP N\)', 'child process PID', l)
            for l in lines]


def _files(lines):
    # gdb lists the vDSO's sections too ("system-supplied DSO"); hdb does not read the vDSO.
    return [l for l in _image(lines) if 'system-supplied DSO' not in l]


def _stat(lines):
    res = []
    for l in lines:
        if l.startswith('Process: '):
            l = 'Process: PID'
        elif any(l.startswith(v) for v in VOLATILE_STAT):
            l = l.split(':')[0] + ': N'
        res.append(l)
    return res


MISC_FILTERS = {'image': _image, 'files': _files, 'stat': _stat}
