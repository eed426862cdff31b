# debugger: hdb's core and command line (debugger/*.c), which
# linux-port/build.mk links with the Linux port and dwarf/ into
# $(BUILD)/bin/hdb; the unit tests, the gdb-oracle batch suite and the corrupt-ELF suite.
#
# The core and the command line may call only themselves, dwarf/ and the C
# library's string and formatting functions: debugger/core.stamp checks the
# objects' undefined symbols, so no ptrace or other Linux call can creep
# in. The TUI (debugger/tui/) is the one part that needs curses.

HDB_CORE_SRCS := $(wildcard debugger/*.c debugger/sym/*.c debugger/value/*.c debugger/remote/*.c)
HDB_CLI_SRCS := $(wildcard debugger/cli/*.c)
HDB_TUI_SRCS := $(wildcard debugger/tui/*.c)
HDB_CORE_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HDB_CORE_SRCS) $(HDB_CLI_SRCS)) \
    $(BUILD)/host/debugger/syscalls_gen.o
HDB_TUI_OBJS := $(patsubst %.c,$(BUILD)/host/%.o,$(HDB_TUI_SRCS))

$(BUILD)/host/debugger/%.o: HOST_INC := -Idebugger/include -Idwarf/include -Igdbstub/include
# The names of Linux's system calls, from the installed kernel header (catch syscall).
$(BUILD)/debugger/syscalls_gen.c: scripts/gen-syscalls.sh
	@mkdir -p $(@D)
	@echo "  GEN     $@"
	$(Q)scripts/gen-syscalls.sh $(HOST_CC) > $@.tmp && mv $@.tmp $@
$(BUILD)/host/debugger/syscalls_gen.o: $(BUILD)/debugger/syscalls_gen.c
	@mkdir -p $(@D)
	@echo "  HOSTCC  $<"
	$(Q)$(HOST_CC) $(HOST_CFLAGS) -Idebugger/include -c -o $@ $<
# The remote target's byte encodings are gdbstub's own codec (freestanding, no state).
HDB_CODEC_OBJS := $(BUILD)/host/gdbstub/codec.o

# Standard C (C11 7.21-7.24) plus what the compiler and the sanitizers emit.
HDB_CORE_ALLOWED := ^(hdb_|dwarf_|gdbstub_(checksum|hex_[a-z]+|escape|unescape|needs_escape|rle_[a-z]+)$$|mem(set|cpy|move|cmp|chr)$$|str(len|cmp|ncmp|chr|rchr|str|cspn|toul|toull|tol|toll|tod)$$|v?snprintf$$|qsort$$|__(asan|ubsan|stack_chk)_|__ctype_b_loc$$|__isoc23_strto|__isoc99_)

$(BUILD)/debugger/core.stamp: $(HDB_CORE_OBJS)
	@mkdir -p $(@D)
	@undef=$$(nm -u $^ | awk 'NF == 2 { print $$2 }' | sort -u | grep -v -E '$(HDB_CORE_ALLOWED)'); \
	if [ -n "$$undef" ]; then echo "debugger: core calls outside the allowed set: $$undef"; exit 1; fi
	@touch $@

# ---- unit tests (cmocka) ---------------------------------------------------
# hdb-format and hdb-lines link the whole core: its pieces call each other.
HDB_TEST_SUPPORT := debugger/tests/test_platform.c
$(eval $(call host_test,hdb-command,debugger/tests/test_command.c debugger/command.c))
$(eval $(call host_test,hdb-regex,debugger/tests/test_regex.c debugger/sym/regex.c))
$(eval $(call host_test,hdb-breakpoints,debugger/tests/test_breakpoints.c \
    debugger/breakpoints.c debugger/util.c $(HDB_TEST_SUPPORT)))
$(eval $(call host_test,hdb-format,debugger/tests/test_format.c $(HDB_CORE_SRCS) \
    $(HDB_TEST_SUPPORT) $(DWARF_LIB_SRCS) gdbstub/codec.c))
$(eval $(call host_test,hdb-lines,debugger/tests/test_lines.c $(HDB_CORE_SRCS) \
    $(HDB_TEST_SUPPORT) linux-port/elf_loader.c linux-port/debugfile.c linux-port/altfile.c \
    linux-port/dwofile.c linux-port/dwarf_heap.c \
    $(DWARF_LIB_SRCS) gdbstub/codec.c,-lelf -lz))
$(BUILD)/host/debugger/tests/%.o: HOST_INC := -Idebugger/include -Idwarf/include \
    -Ilinux-port/include -Igdbstub/include
$(BUILD)/test/host-hdb-lines.tap: $(BUILD)/debugger/progs/basic
# The core's generated part (the system call names) is linked with it ($^ takes it in).
$(BUILD)/tests/hdb-format $(BUILD)/tests/hdb-lines: $(BUILD)/host/debugger/syscalls_gen.o

# ---- test programs -----------------------------------------------------------
# Built -g -O0 (and opt.c also -O2) with the system gcc, like any user program.
HDB_PROGS_O0 := basic recurse threads signals strings spin selfkill execer caps tuiprog watch \
    layout arrays calls emul ret bits reader statics
HDB_PROG_FLAGS := -g -O0 -fno-omit-frame-pointer
$(BUILD)/debugger/progs/%: debugger/tests/progs/%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@ $< -lpthread
$(BUILD)/debugger/progs/opt: debugger/tests/progs/opt.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2)"
	$(Q)gcc -g -O2 -o $@ $<
# -O2 with frame pointers: prologues with a frame setup and location lists,
# where gdb does not skip the prologue ("locations valid").
$(BUILD)/debugger/progs/opt-fp: debugger/tests/progs/opt.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2 -fno-omit-frame-pointer)"
	$(Q)gcc -g -O2 -fno-omit-frame-pointer -o $@ $<
# pieces.c at -O2: structs kept in pieces of registers and computed values.
$(BUILD)/debugger/progs/pieces: debugger/tests/progs/pieces.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2)"
	$(Q)gcc -g -O2 -o $@ $<
# entryval.c at -O2: parameters with entry values from their callers' call sites.
$(BUILD)/debugger/progs/entryval: debugger/tests/progs/entryval.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2)"
	$(Q)gcc -g -O2 -o $@ $<
# tailcall.c at -O2: functions that end in a jump to another (tail calls).
$(BUILD)/debugger/progs/tailcall: debugger/tests/progs/tailcall.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2)"
	$(Q)gcc -g -O2 -o $@ $<
# emul.c at -O2: the instructions an optimising compiler puts under breakpoints.
$(BUILD)/debugger/progs/emul-o2: debugger/tests/progs/emul.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-O2)"
	$(Q)gcc -g -O2 -o $@ $<

# dwz_a.c and dwz_b.c, their DWARF rewritten by dwz (Debian's -dbgsym packages
# are): shared types in partial units, imported by each unit.
$(BUILD)/debugger/progs/dwz: debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c \
    debugger/tests/progs/dwz.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (dwz)"
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@ debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c
	$(Q)dwz $@

# The same program twice (dwzm2 with the units the other way round), through
# `dwz -m` as Debian's dh_dwz runs it on a package of several programs: what
# they share goes into dwz-common.debug, which each names by a relative
# .gnu_debugaltlink.
$(BUILD)/debugger/progs/dwzm: debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c \
    debugger/tests/progs/dwz.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (dwz -m)"
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@ debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@2 debugger/tests/progs/dwz_b.c debugger/tests/progs/dwz_a.c
	$(Q)cd $(@D) && rm -f dwz-common.debug && dwz -m dwz-common.debug -M dwz-common.debug dwzm dwzm2

# And through `dwz -5 -m`: DWARF 5's own supplementary file (.debug_sup,
# DW_FORM_ref_sup4, DW_FORM_strp_sup). gdb 13 cannot read those forms, so the
# oracle runs gdb on dwz0, the same program before dwz (its name as long, so
# that the stack is laid out the same).
$(BUILD)/debugger/progs/dwz5: debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c \
    debugger/tests/progs/dwz.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (dwz -5 -m)"
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@ debugger/tests/progs/dwz_a.c debugger/tests/progs/dwz_b.c
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@b debugger/tests/progs/dwz_b.c debugger/tests/progs/dwz_a.c
	$(Q)cp $@ $(@D)/dwz0
	$(Q)cd $(@D) && rm -f dwz5-common.debug && \
	    dwz -5 -m dwz5-common.debug -M dwz5-common.debug dwz5 dwz5b

# split_a.c and split_b.c built with -gsplit-dwarf: skeleton units in the program, each
# unit's DWARF in a .dwo named relative to the directory gcc ran in (DWARF 5's split units,
# and DWARF 4's GNU forms), at -O0 and -O2. splitmiss is split5 with split_b's .dwo gone.
HDB_SPLIT_SRCS := debugger/tests/progs/split_a.c debugger/tests/progs/split_b.c
$(BUILD)/debugger/progs/split5 $(BUILD)/debugger/progs/split4 \
$(BUILD)/debugger/progs/split5-o2 $(BUILD)/debugger/progs/split4-o2: $(HDB_SPLIT_SRCS) \
    debugger/tests/progs/split.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (-gsplit-dwarf)"
	$(Q)gcc -g -gdwarf-$(if $(findstring split5,$@),5,4) -gsplit-dwarf \
	    $(if $(findstring -o2,$@),-O2,-O0) -fno-omit-frame-pointer -o $@ $(HDB_SPLIT_SRCS)
$(BUILD)/debugger/progs/splitmiss: $(HDB_SPLIT_SRCS) debugger/tests/progs/split.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (-gsplit-dwarf, a .dwo removed)"
	$(Q)gcc -g -gsplit-dwarf -O0 -fno-omit-frame-pointer -o $@ $(HDB_SPLIT_SRCS)
	$(Q)rm -f $@-split_b.dwo

# basic.c without -g: ELF symbols only, as gdb sees a program without debug information.
$(BUILD)/debugger/progs/basic-nodebug: debugger/tests/progs/basic.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (no -g)"
	$(Q)gcc -O0 -fno-omit-frame-pointer -o $@ $<
# Shared libraries: two linked into solib (one with DWARF, one without), one it
# dlopen()s; the program finds them next to itself ($ORIGIN in its RUNPATH).
HDB_PROG_LIBS := $(addprefix $(BUILD)/debugger/progs/,libhdbsl.so libhdbplug.so libhdbnodbg.so)
$(BUILD)/debugger/progs/lib%.so: debugger/tests/progs/lib%.c
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)gcc $(HDB_PROG_FLAGS) -fPIC -shared -o $@ $<
$(BUILD)/debugger/progs/libhdbnodbg.so: debugger/tests/progs/libhdbnodbg.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (no -g)"
	$(Q)gcc -O0 -fPIC -shared -o $@ $<
$(BUILD)/debugger/progs/solib: debugger/tests/progs/solib.c $(HDB_PROG_LIBS)
	@mkdir -p $(@D)
	@echo "  CC      $@"
	$(Q)gcc $(HDB_PROG_FLAGS) -o $@ $< -L$(@D) -lhdbsl -lhdbnodbg -ldl -Wl,-rpath,'$$ORIGIN'
HDB_PROGS := $(addprefix $(BUILD)/debugger/progs/,$(HDB_PROGS_O0) opt opt-fp emul-o2 entryval pieces tailcall basic-nodebug \
    solib dwz dwzm dwz5 split5 split5-o2 split4 split4-o2 splitmiss)

# ---- the gdb oracle: the same command sequences under hdb and gdb ----------
HDB_PYTHON ?= /usr/bin/python3
$(BUILD)/test/hdb-oracle.tap: $(BUILD)/bin/hdb $(BUILD)/bin/hdwarf $(HDB_PROGS) debugger/tests/oracle.py \
    debugger/tests/oracle_misc.py debugger/tests/oracle_scenarios.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/oracle.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs --src debugger/tests/progs
TEST_TAPS += $(BUILD)/test/hdb-oracle.tap

$(BUILD)/test/hdb-hostile.tap: $(BUILD)/bin/hdb $(BUILD)/bin/hdwarf $(HDB_PROGS) debugger/tests/hostile.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/hostile.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs --out $(BUILD)/debugger/hostile --src debugger/tests/progs
TEST_TAPS += $(BUILD)/test/hdb-hostile.tap

# ---- info caps on a process against /proc read by the test and gdb's info proc mappings ----
$(BUILD)/test/hdb-caps.tap: $(BUILD)/bin/hdb $(BUILD)/debugger/progs/caps debugger/tests/caps.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/caps.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs
TEST_TAPS += $(BUILD)/test/hdb-caps.tap

# ---- separate debug files (build-id, .gnu_debuglink) against gdb ------------
$(BUILD)/test/hdb-debugfile.tap: $(BUILD)/bin/hdb debugger/tests/debugfile.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/debugfile.py --hdb $(BUILD)/bin/hdb \
	    --src debugger/tests/progs/basic.c --out $(BUILD)/debugger/debugfile
TEST_TAPS += $(BUILD)/test/hdb-debugfile.tap

# ---- the remote target against gdbserver and QEMU's gdbstub, gdb as the oracle ----
$(BUILD)/test/hdb-remote.tap: $(BUILD)/bin/hdb $(HDB_PROGS) $(KERNEL_ELF) debugger/tests/remote.py \
    debugger/tests/oracle.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/remote.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs --kernel $(KERNEL_ELF)
TEST_TAPS += $(BUILD)/test/hdb-remote.tap

# ---- the disassembler against objdump, over whole .text sections ------------
$(BUILD)/test/hdb-disasm.tap: $(BUILD)/bin/hdb $(HDB_PROGS) debugger/tests/disasm.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/disasm.py --hdb $(BUILD)/bin/hdb \
	    $(BUILD)/debugger/progs/basic $(BUILD)/debugger/progs/threads $(BUILD)/debugger/progs/opt \
	    $(BUILD)/bin/hdb
TEST_TAPS += $(BUILD)/test/hdb-disasm.tap

# ---- the TUI in tmux ---------------------------------------------------------
$(BUILD)/test/hdb-tui.tap: $(BUILD)/bin/hdb $(BUILD)/debugger/progs/basic \
    $(BUILD)/debugger/progs/tuiprog $(BUILD)/debugger/progs/spin $(BUILD)/debugger/progs/arrays \
    $(BUILD)/debugger/progs/reader \
    debugger/tests/tui.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/tui.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs
TEST_TAPS += $(BUILD)/test/hdb-tui.tap

# ---- the plain prompt's line editor and history, in tmux -----------------------
$(BUILD)/test/hdb-lineedit.tap: $(BUILD)/bin/hdb $(BUILD)/debugger/progs/basic \
    $(BUILD)/debugger/progs/spin debugger/tests/lineedit.py FORCE
	@scripts/tap-run.sh $@ -- $(HDB_PYTHON) debugger/tests/lineedit.py --hdb $(BUILD)/bin/hdb \
	    --progs $(BUILD)/debugger/progs
TEST_TAPS += $(BUILD)/test/hdb-lineedit.tap

# ---- hdb against the kernel's GDB stub under QEMU, gdb as the oracle ----------
$(BUILD)/test/hdb-kernel.tap: $(BUILD)/bin/hdb $(KERNEL_ELF) $(ROOT_ELF) scripts/hdb-kernel-test.sh FORCE
	@BUILD=$(BUILD) scripts/tap-run.sh $@ -- scripts/hdb-kernel-test.sh $(BUILD)/bin/hdb \
	    $(KERNEL_ELF) $(ROOT_ELF)
TEST_TAPS += $(BUILD)/test/hdb-kernel.tap

# make debug-hdb: boot the kernel under QEMU with its stub on COM2 and attach hdb --tui.
HDB_KGDB_PORT ?= 4444
debug-hdb: $(BUILD)/bin/hdb $(KERNEL_ELF) $(ROOT_ELF)
	@scripts/debug-hdb.sh $(BUILD)/bin/hdb $(KERNEL_ELF) $(ROOT_ELF) $(HDB_KGDB_PORT)
.PHONY: debug-hdb

# ---- make bench-debugger: hdb (-O2, no sanitizers) against gdb ----------------
# python3.11d (Debian's python3.11-dbg, installed by `scripts/deps.sh --bench`,
# not needed by make test) for start-up and a breakpoint in a large program;
# loop.c for the rate of conditional breakpoint hits.
HDB_BENCH_SRCS := $(HDB_CORE_SRCS) $(HDB_CLI_SRCS) $(HDB_TUI_SRCS) $(wildcard linux-port/*.c) \
    $(DWARF_LIB_SRCS) gdbstub/codec.c
HDB_BENCH_OBJS := $(patsubst %.c,$(BUILD)/bench/hdb/obj/%.o,$(HDB_BENCH_SRCS))
HDB_BENCH_CFLAGS := -std=c11 -O2 -g -D_DEFAULT_SOURCE -Idebugger/include -Idwarf/include \
    -Idwarf -Igdbstub/include -Ilinux-port/include

$(BUILD)/bench/hdb/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HDB_BENCH_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/bench/hdb/obj/syscalls_gen.o: $(BUILD)/debugger/syscalls_gen.c
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(HDB_BENCH_CFLAGS) -c -o $@ $<

$(BUILD)/bench/hdb/hdb: $(HDB_BENCH_OBJS) $(BUILD)/bench/hdb/obj/syscalls_gen.o
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) -o $@ $^ -lelf -lz -lncursesw -lcapstone

$(BUILD)/bench/hdb/loop: debugger/tests/bench/loop.c
	@mkdir -p $(@D)
	$(Q)gcc -g -O0 -o $@ $<

.PHONY: bench-debugger
bench-debugger: $(BUILD)/bench/hdb/hdb $(BUILD)/bench/hdb/loop
	@scripts/deps.sh --bench
	@$(HDB_PYTHON) debugger/tests/bench/bench_debugger.py --hdb $(BUILD)/bench/hdb/hdb \
	    --loop $(BUILD)/bench/hdb/loop --json $(BUILD)/bench/debugger.json
BENCH_TARGETS += bench-debugger
