# dwarf: the freestanding DWARF reader (dwarf/*.c), the hdwarf CLI, and
# their tests. Host objects get the component's include path; every library
# source is also compiled freestanding (as the kernel and Gaia will) before
# any dwarf test suite runs.

DWARF_LIB_SRCS := $(wildcard dwarf/*.c dwarf/lists/*.c dwarf/cfi/*.c dwarf/types/*.c dwarf/index/*.c)
# hdwarf finds separate debug files with linux-port's debugfile.c (libelf, zlib) and dwz's
# supplementary files with its altfile.c.
DWARF_HDWARF_SRCS := $(wildcard dwarf/hdwarf/*.c) linux-port/debugfile.c linux-port/altfile.c \
    linux-port/dwofile.c linux-port/dwarf_heap.c

$(BUILD)/host/dwarf/%.o: HOST_INC := -Idwarf/include -Idwarf
$(BUILD)/host/dwarf/hdwarf/%.o: HOST_INC := -Idwarf/include -Idwarf -Ilinux-port/include

# ---- freestanding check: no libc headers, no red zone, no FPU/SSE ----------
DWARF_FREESTANDING_CFLAGS := -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -nostdinc \
    -isystem $(shell gcc -print-file-name=include) -mno-red-zone -mgeneral-regs-only -fno-pic \
    -fno-stack-protector -Idwarf/include -Idwarf
DWARF_FREESTANDING_OBJS := $(patsubst dwarf/%.c,$(BUILD)/dwarf/freestanding/%.o,$(DWARF_LIB_SRCS))

$(BUILD)/dwarf/freestanding/%.o: dwarf/%.c
	@mkdir -p $(@D)
	@echo "  CC      $< (freestanding)"
	$(Q)gcc $(DWARF_FREESTANDING_CFLAGS) -MMD -MP -c -o $@ $<

# The objects may only call each other (and the four functions a freestanding
# C compiler is allowed to emit calls to).
$(BUILD)/dwarf/freestanding.stamp: $(DWARF_FREESTANDING_OBJS)
	@undef=$$(nm -u $^ | awk 'NF == 2 { print $$2 }' | sort -u | \
	    grep -v -E '^(dwarf_|memset$$|memcpy$$|memmove$$|memcmp$$)'); \
	if [ -n "$$undef" ]; then echo "dwarf: library calls outside itself: $$undef"; exit 1; fi
	@touch $@

# ---- hdwarf ----------------------------------------------------------------
$(BUILD)/bin/hdwarf: $(patsubst %.c,$(BUILD)/host/%.o,$(DWARF_LIB_SRCS) $(DWARF_HDWARF_SRCS)) \
                     | $(BUILD)/dwarf/freestanding.stamp
	@mkdir -p $(@D)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^ -lelf -lz

ALL_TARGETS += $(BUILD)/bin/hdwarf

# ---- unit tests (cmocka) ---------------------------------------------------
DWARF_TESTS := cursor forms malformed line die expr lists cfi eval eval_typed unwind types index names \
    fuzz fuzz_index fuzz_eval fuzz_join
DWARF_TEST_EXTRA_die := dwarf/tests/elf_sections.c
DWARF_TEST_LIBS_die := -lelf
DWARF_TEST_EXTRA_types := dwarf/tests/elf_sections.c
DWARF_TEST_EXTRA_index := dwarf/tests/elf_sections.c dwarf/tests/index_fixture.c
DWARF_TEST_LIBS_index := -lelf
DWARF_TEST_EXTRA_names := dwarf/tests/elf_sections.c dwarf/tests/index_fixture.c
DWARF_TEST_LIBS_names := -lelf
DWARF_TEST_LIBS_types := -lelf
# The live unwinding target must be unwindable by CFI alone.
DWARF_TEST_EXTRA_unwind := dwarf/tests/unwind_target.c
DWARF_TEST_LIBS_unwind := -lelf
$(BUILD)/host/dwarf/tests/unwind_target.o: HOST_CFLAGS += -O2 -fomit-frame-pointer
# The fuzz suites (test_fuzz*.c) share their walks and mutations.
$(foreach t,fuzz fuzz_index fuzz_eval fuzz_join,$(eval DWARF_TEST_EXTRA_$(t) := \
    dwarf/tests/elf_sections.c dwarf/tests/fuzz_fixture.c)$(eval DWARF_TEST_LIBS_$(t) := -lelf))
$(foreach t,$(DWARF_TESTS),$(eval $(call host_test,dwarf-$(t),dwarf/tests/test_$(t).c \
    dwarf/tests/testutil.c $(DWARF_TEST_EXTRA_$(t)) $(DWARF_LIB_SRCS),$(DWARF_TEST_LIBS_$(t)))))
$(foreach t,$(DWARF_TESTS),$(eval $(BUILD)/tests/dwarf-$(t): | $(BUILD)/dwarf/freestanding.stamp))
# host-dwarf-names compares its lookups through gdb's own .gdb_index (of a
# copy of its binary, indexed by gdb-add-index from gdb's package) with the
# walk; host-dwarf-fuzz_index damages such an index of its own binary.
$(BUILD)/tests/%.gdb-index: $(BUILD)/tests/%
	@echo "  GDBIDX  $@"
	$(Q)cp $< $@ && gdb-add-index $@ > /dev/null
$(foreach t,names fuzz_index,$(eval $(BUILD)/test/host-dwarf-$(t).tap: \
    $(BUILD)/tests/dwarf-$(t).gdb-index))
$(foreach t,names fuzz_index,$(eval $(BUILD)/test/host-dwarf-$(t).tap: \
    export DWARF_GDB_INDEXED := $(BUILD)/tests/dwarf-$(t).gdb-index))
# host-dwarf-fuzz_join damages a split DWARF program and its .dwo files:
# tests/progs/multi (two units) built by gcc -O2 -gsplit-dwarf, in DWARF 5
# and in GNU's DWARF 4 form; each object's .dwo is written next to it.
DWARF_FUZZ_SPLIT := $(BUILD)/dwarf/fuzz-split/multi-v5 $(BUILD)/dwarf/fuzz-split/multi-v4
$(BUILD)/dwarf/fuzz-split/multi-v%: dwarf/tests/progs/multi_a.c dwarf/tests/progs/multi_b.c \
        dwarf/tests/progs/multi.h
	@mkdir -p $(@D)
	@echo "  CC      $@ (-gdwarf-$* -gsplit-dwarf)"
	$(Q)gcc -O2 -gdwarf-$* -gsplit-dwarf -c -o $@-a.o dwarf/tests/progs/multi_a.c
	$(Q)gcc -O2 -gdwarf-$* -gsplit-dwarf -c -o $@-b.o dwarf/tests/progs/multi_b.c
	$(Q)gcc -o $@ $@-a.o $@-b.o
$(BUILD)/test/host-dwarf-fuzz_join.tap: $(DWARF_FUZZ_SPLIT)
$(BUILD)/test/host-dwarf-fuzz_join.tap: \
    export DWARF_SPLIT_PROGS := $(subst $(eval) ,:,$(DWARF_FUZZ_SPLIT))

# ---- oracle suites: hdwarf against llvm-dwarfdump and libdwarf's dwarfdump --
# dwarf-oracle builds dwarf/tests/progs with gcc and clang and also checks
# hdwarf's own binary; dwarf-oracle-kernel checks the kernel image, as its
# own suite so that a kernel that does not build fails only that one.
DWARF_PYTHON ?= /usr/bin/python3
DWARF_ORACLE := $(DWARF_PYTHON) dwarf/tests/oracle.py --hdwarf $(BUILD)/bin/hdwarf
DWARF_ORACLE_DEPS := $(BUILD)/bin/hdwarf dwarf/tests/oracle.py dwarf/tests/dwarfdump_norm.py

$(BUILD)/test/dwarf-oracle.tap: $(DWARF_ORACLE_DEPS) $(BUILD)/tests/dwarf-fuzz \
        $(wildcard dwarf/tests/progs/*) dwarf/tests/unwind_target.c dwarf/tests/unwind_target.h FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_ORACLE) --progs dwarf/tests/progs \
	    --out $(BUILD)/dwarf/progs --real $(BUILD)/bin/hdwarf --real $(BUILD)/tests/dwarf-fuzz \
	    --frames /lib/x86_64-linux-gnu/libc.so.6 --frames /usr/lib/x86_64-linux-gnu/libstdc++.so.6
TEST_TAPS += $(BUILD)/test/dwarf-oracle.tap

# dwarf-index-oracle: hdwarf addr2line/lines/func (the indexes) against
# binutils addr2line and nm, with llvm-addr2line where binutils is wrong;
# the kernel image in a suite of its own, as above.
DWARF_INDEX_ORACLE := $(DWARF_PYTHON) dwarf/tests/addr2line_oracle.py --hdwarf $(BUILD)/bin/hdwarf
DWARF_INDEX_ORACLE_DEPS := $(DWARF_ORACLE_DEPS) dwarf/tests/addr2line_oracle.py \
    dwarf/tests/gdb_func_ranges.py dwarf/tests/questions_oracle.py
$(BUILD)/test/dwarf-index-oracle.tap: $(DWARF_INDEX_ORACLE_DEPS) $(wildcard dwarf/tests/progs/*) FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_INDEX_ORACLE) --progs dwarf/tests/progs \
	    --out $(BUILD)/dwarf/index-progs --real $(BUILD)/bin/hdwarf \
	    --debuglib /lib/x86_64-linux-gnu/libc.so.6
TEST_TAPS += $(BUILD)/test/dwarf-index-oracle.tap

ifneq ($(KERNEL_ELF),)
$(BUILD)/test/dwarf-index-oracle-kernel.tap: $(DWARF_INDEX_ORACLE_DEPS) $(KERNEL_ELF) FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_INDEX_ORACLE) --real $(KERNEL_ELF)
TEST_TAPS += $(BUILD)/test/dwarf-index-oracle-kernel.tap

$(BUILD)/test/dwarf-oracle-kernel.tap: $(DWARF_ORACLE_DEPS) $(KERNEL_ELF) FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_ORACLE) --out $(BUILD)/dwarf/progs --real $(KERNEL_ELF)
TEST_TAPS += $(BUILD)/test/dwarf-oracle-kernel.tap
endif

# dwarf-libdwarf-oracle: every DIE of every unit walked by the library and by
# Debian's libdwarf in lockstep (tests/libdwarf_oracle.c), on the test
# programs, python3.11d, hdwarf and libc6-dbg's debug file of libc.so.6.
# The program is built with the sanitizers like the unit tests.
$(BUILD)/host/dwarf/tests/libdwarf_oracle.o: HOST_INC := -Idwarf/include -Idwarf -Ilinux-port/include
$(BUILD)/tests/libdwarf-oracle: $(patsubst %.c,$(BUILD)/host/%.o,dwarf/tests/libdwarf_oracle.c \
        dwarf/hdwarf/elf.c linux-port/debugfile.c linux-port/altfile.c linux-port/dwofile.c \
        linux-port/dwarf_heap.c $(DWARF_LIB_SRCS)) \
    | $(BUILD)/dwarf/freestanding.stamp
	@mkdir -p $(@D)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^ -ldwarf -lelf -lz

$(BUILD)/test/dwarf-libdwarf-oracle.tap: $(BUILD)/tests/libdwarf-oracle $(BUILD)/bin/hdwarf \
        dwarf/tests/libdwarf_oracle.py dwarf/tests/oracle.py $(wildcard dwarf/tests/progs/*) FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_PYTHON) dwarf/tests/libdwarf_oracle.py \
	    --oracle $(BUILD)/tests/libdwarf-oracle --progs dwarf/tests/progs \
	    --out $(BUILD)/dwarf/libdwarf-progs --real /usr/bin/python3.11d --real $(BUILD)/bin/hdwarf \
	    --libc /lib/x86_64-linux-gnu/libc.so.6
TEST_TAPS += $(BUILD)/test/dwarf-libdwarf-oracle.tap

# ---- make bench-dwarf: the library (hdwarf at -O2, no sanitizers) vs gdb ----
# No large debug binary ships here: besides the kernel, this hdwarf (-O2 -g)
# and hdb when it is built (the biggest -g program of the build; skipped when
# absent, it is another component's), the benchmark builds one of BIG_UNITS generated
# translation units of BIG_FUNCS functions each (gcc -O2 -g, DWARF 5).
DWARF_BENCH_CFLAGS := -std=c11 -O2 -g -D_DEFAULT_SOURCE -Idwarf/include -Idwarf -Ilinux-port/include
DWARF_BENCH_OBJS := $(patsubst %.c,$(BUILD)/bench/dwarf/obj/%.o,$(DWARF_LIB_SRCS) $(DWARF_HDWARF_SRCS))
DWARF_BIG_UNITS ?= 100
DWARF_BIG_FUNCS ?= 60

$(BUILD)/bench/dwarf/obj/%.o: %.c
	@mkdir -p $(@D)
	$(Q)$(HOST_CC) $(DWARF_BENCH_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/bench/dwarf/hdwarf: $(DWARF_BENCH_OBJS)
	@echo "  HOSTLD  $@"
	$(Q)$(HOST_CC) -o $@ $^ -lelf -lz

$(BUILD)/bench/dwarf/big: dwarf/tests/bench/gen_big.py
	@echo "  GEN     $@ ($(DWARF_BIG_UNITS) units x $(DWARF_BIG_FUNCS) functions)"
	$(Q)rm -rf $@.src && $(DWARF_PYTHON) $< $@.src $(DWARF_BIG_UNITS) $(DWARF_BIG_FUNCS)
	$(Q)ls $@.src/*.c | xargs -P$$(nproc) -I{} sh -c 'gcc -O2 -g -c -o {}.o {}'
	$(Q)gcc -o $@ $@.src/*.o

# Issue 9's benchmark proper runs on python3.11d (scripts/deps.sh --bench
# installs python3.11-dbg) as Debian ships it, without an index, and on a copy
# indexed by gdb-add-index; without python3.11d those rows are skipped.
DWARF_BENCH_PYTHON ?= /usr/bin/python3.11d
DWARF_BENCH_PYTHON_INDEXED := $(BUILD)/bench/dwarf/python3.11d-gdb-index
ifneq ($(wildcard $(DWARF_BENCH_PYTHON)),)
$(DWARF_BENCH_PYTHON_INDEXED): $(DWARF_BENCH_PYTHON)
	@mkdir -p $(@D)
	@echo "  GDBIDX  $@"
	$(Q)cp $< $@ && gdb-add-index $@ > /dev/null
DWARF_BENCH_PYTHON_DEPS := $(DWARF_BENCH_PYTHON_INDEXED)
endif

.PHONY: bench-dwarf
bench-dwarf: $(BUILD)/bench/dwarf/hdwarf $(BUILD)/bench/dwarf/big $(KERNEL_ELF) \
             $(DWARF_BENCH_PYTHON_DEPS)
	@$(DWARF_PYTHON) dwarf/tests/bench/bench_dwarf.py --hdwarf $(BUILD)/bench/dwarf/hdwarf \
	    --json $(BUILD)/bench/dwarf.json --python $(DWARF_BENCH_PYTHON) \
	    --python-indexed $(DWARF_BENCH_PYTHON_INDEXED) $(BUILD)/bench/dwarf/big \
	    $(BUILD)/bench/dwarf/hdwarf $(BUILD)/bin/hdb $(KERNEL_ELF)
BENCH_TARGETS += bench-dwarf
