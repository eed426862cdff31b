# dwarf: the freestanding DWARF reader (dwarf/*.c), the hdwarf CLI, and
# their tests. Host objects get the component's include path; every library
# source is also compiled freestanding (as the kernel and Gaia will) before
# any dwarf test suite runs.

DWARF_LIB_SRCS := $(wildcard dwarf/*.c dwarf/lists/*.c dwarf/cfi/*.c dwarf/types/*.c)
DWARF_HDWARF_SRCS := $(wildcard dwarf/hdwarf/*.c)

$(BUILD)/host/dwarf/%.o: HOST_INC := -Idwarf/include -Idwarf

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
	$(Q)$(HOST_CC) $(HOST_LDFLAGS) -o $@ $^ -lelf

ALL_TARGETS += $(BUILD)/bin/hdwarf

# ---- unit tests (cmocka) ---------------------------------------------------
DWARF_TESTS := cursor forms malformed line die expr lists cfi eval unwind types fuzz
DWARF_TEST_EXTRA_die := dwarf/tests/elf_sections.c
DWARF_TEST_LIBS_die := -lelf
DWARF_TEST_EXTRA_fuzz := dwarf/tests/elf_sections.c
DWARF_TEST_EXTRA_types := dwarf/tests/elf_sections.c
DWARF_TEST_LIBS_types := -lelf
# The live unwinding target must be unwindable by CFI alone.
DWARF_TEST_EXTRA_unwind := dwarf/tests/unwind_target.c
DWARF_TEST_LIBS_unwind := -lelf
$(BUILD)/host/dwarf/tests/unwind_target.o: HOST_CFLAGS += -O2 -fomit-frame-pointer
DWARF_TEST_LIBS_fuzz := -lelf
$(foreach t,$(DWARF_TESTS),$(eval $(call host_test,dwarf-$(t),dwarf/tests/test_$(t).c \
    dwarf/tests/testutil.c $(DWARF_TEST_EXTRA_$(t)) $(DWARF_LIB_SRCS),$(DWARF_TEST_LIBS_$(t)))))
$(foreach t,$(DWARF_TESTS),$(eval $(BUILD)/tests/dwarf-$(t): | $(BUILD)/dwarf/freestanding.stamp))

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

ifneq ($(KERNEL_ELF),)
$(BUILD)/test/dwarf-oracle-kernel.tap: $(DWARF_ORACLE_DEPS) $(KERNEL_ELF) FORCE
	@scripts/tap-run.sh $@ -- $(DWARF_ORACLE) --out $(BUILD)/dwarf/progs --real $(KERNEL_ELF)
TEST_TAPS += $(BUILD)/test/dwarf-oracle-kernel.tap
endif
