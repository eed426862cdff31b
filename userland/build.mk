# userland/: the user runtime (userland/lib) and the root task
# (userland/root, with the user-space debug server of userland/debugserver),
# linked into $(BUILD)/userland/root.elf, which the kernel starts from the
# boot module named `root`. The root task runs the kernel's user-space test
# suite, Vulcan (vulcan/), when the command line says `vulcan`.

U_OUT  := $(BUILD)/userland
U_CC   ?= gcc
U_INC  := -Iuserland/include -Ikernel/include/uapi
U_CC_INC := $(shell $(U_CC) -print-file-name=include)
# Recursive (=) so a target-specific U_INC reaches the command.
U_CFLAGS = -std=c11 -ffreestanding -nostdinc -isystem $(U_CC_INC) \
            -fno-pie -mno-red-zone -fno-stack-protector -fcf-protection=none \
            -fno-tree-loop-distribute-patterns -fno-omit-frame-pointer \
            -O2 -g -Wall -Wextra -Werror $(U_INC)
U_ASFLAGS = -nostdinc $(U_INC) -g
U_LDFLAGS := -nostdlib -static -no-pie -Wl,-z,max-page-size=0x1000 -Wl,-z,noexecstack \
             -Wl,--build-id=sha1 -T userland/user.ld

# The formatter (kernel/fmt.h), the string functions and the command-line
# parser are the kernel's portable ones; they, stdio.c (the formatter's
# caller) and bootinfo.c (the parser's) see the kernel's headers.
U_LIB_SRCS := $(wildcard userland/lib/*.c) kernel/lib/fmt.c kernel/lib/string.c \
              kernel/lib/cmdline.c
U_LIB_ASMS := $(filter-out userland/lib/crt0.S,$(wildcard userland/lib/*.S))
U_CRT0      := $(U_OUT)/obj/userland/lib/crt0.S.o
# The root task also carries Vulcan's runner (vulcan/runner/, the test
# framework of vulcan/include/vulcan/vulcan.h) and its cases.
U_ROOT_SRCS := $(wildcard userland/root/*.c userland/root/tests/*.c userland/root/tests/*/*.c) \
               $(wildcard vulcan/runner/*.c) \
               $(wildcard userland/debugserver/*.c) $(GDBSTUB_SRCS)
U_ROOT_ASMS := $(wildcard userland/root/tests/*.S userland/root/tests/*/*.S) \
               $(wildcard userland/debugserver/*.S)

U_LIB_OBJS  := $(patsubst %,$(U_OUT)/obj/%.o,$(U_LIB_SRCS) $(U_LIB_ASMS))
U_ROOT_OBJS := $(patsubst %,$(U_OUT)/obj/%.o,$(U_ROOT_SRCS) $(U_ROOT_ASMS))

$(U_OUT)/obj/userland/root/% $(U_OUT)/obj/vulcan/runner/%: U_INC += -Ivulcan/include
$(U_OUT)/obj/kernel/lib/fmt.c.o $(U_OUT)/obj/kernel/lib/string.c.o \
    $(U_OUT)/obj/kernel/lib/cmdline.c.o $(U_OUT)/obj/userland/lib/stdio.c.o \
    $(U_OUT)/obj/userland/lib/bootinfo.c.o: U_INC += -Ikernel/include
# The debug server links gdbstub/'s freestanding engine (its sources,
# built with the user flags) and embeds its target, dbgtarget.elf: a
# program of its own, at -O0 so that gdb's next, step and locals follow
# the source line by line.
$(U_OUT)/obj/gdbstub/% $(U_OUT)/obj/userland/debugserver/%: U_INC += -Igdbstub/include -Igdbstub
U_DS_TARGET := $(U_OUT)/dbgtarget.elf
U_DS_TARGET_OBJS := $(U_OUT)/obj/userland/debugserver/target/dbgtarget.c.o
$(U_DS_TARGET_OBJS): U_CFLAGS += -O0
$(U_DS_TARGET): $(U_CRT0) $(U_DS_TARGET_OBJS) $(U_OUT)/libhl.a userland/user.ld
	@echo "  ULD     $@"
	$(Q)$(U_CC) $(U_LDFLAGS) -o $@ $(U_CRT0) $(U_DS_TARGET_OBJS) $(U_OUT)/libhl.a
$(U_OUT)/obj/userland/debugserver/target_image.S.o: $(U_DS_TARGET)
$(U_OUT)/obj/userland/debugserver/target_image.S.o: U_ASFLAGS += -DDS_TARGET_ELF='"$(U_DS_TARGET)"'

# Test cases run in the order they are written in each file.
$(U_OUT)/obj/userland/root/tests/%: U_CFLAGS += -fno-toplevel-reorder

$(U_OUT)/obj/%.c.o: %.c
	@mkdir -p $(@D)
	@echo "  UCC     $<"
	$(Q)$(U_CC) $(U_CFLAGS) -MMD -MP -c -o $@ $<

$(U_OUT)/obj/%.S.o: %.S
	@mkdir -p $(@D)
	@echo "  UAS     $<"
	$(Q)$(U_CC) $(U_ASFLAGS) -MMD -MP -c -o $@ $<

$(U_OUT)/libhl.a: $(U_LIB_OBJS)
	@echo "  AR      $@"
	$(Q)rm -f $@ && ar rcs $@ $^

# crt0 first; the root task's objects are linked whole (not from an
# archive), so every UTEST() is kept even though nothing calls it by name.
$(U_OUT)/root.elf: $(U_CRT0) $(U_ROOT_OBJS) $(U_OUT)/libhl.a userland/user.ld
	@echo "  ULD     $@"
	$(Q)$(U_CC) $(U_LDFLAGS) -o $@ $(U_CRT0) $(U_ROOT_OBJS) $(U_OUT)/libhl.a

ALL_TARGETS += $(U_OUT)/root.elf $(U_DS_TARGET)

# The kernel's user-space suite: the root task runs every UTEST() and leaves
# QEMU with status 33 when all pass.
$(eval $(call kernel_suite,kernel-user-tests,$(KERNEL_ELF) $(U_OUT)/root.elf,\
    --tap --expect-exit 33 --timeout 120 --append "vulcan panic=exit" \
    --module "$(U_OUT)/root.elf root" $(KERNEL_ELF)))

# The user-space 16550 driver end to end: the root task in `serial-echo`
# mode drives COM3 through IOPort and IRQ capabilities; the script connects
# COM3 to a socket and checks that random bytes come back exactly.
$(BUILD)/test/serial-echo.tap: $(KERNEL_ELF) $(U_OUT)/root.elf scripts/serial-echo-test.py FORCE
	@scripts/tap-run.sh $@ -- scripts/serial-echo-test.py $(KERNEL_ELF) $(U_OUT)/root.elf
TEST_TAPS += $(BUILD)/test/serial-echo.tap

# The user-space debug server end to end: stock gdb with dbgtarget.elf's
# symbols on COM3's socket breaks, steps, prints, watches and runs the
# target to its exit, all through the target's debug capabilities.
$(BUILD)/test/debugserver-gdb.tap: $(KERNEL_ELF) $(U_OUT)/root.elf $(U_DS_TARGET) \
		scripts/debugserver-gdb-test.sh FORCE
	@scripts/tap-run.sh $@ -- scripts/debugserver-gdb-test.sh $(KERNEL_ELF) $(U_OUT)/root.elf \
	    $(U_DS_TARGET) userland/debugserver/target/dbgtarget.c
TEST_TAPS += $(BUILD)/test/debugserver-gdb.tap
test-gdb: $(BUILD)/test/debugserver-gdb.tap

# The root task's pci.* tests under QEMU with extra PCI devices (two e1000s,
# one behind a bridge, and a virtio-rng), compared with QEMU's own
# query-pci (scripts/pci-test.py).
$(BUILD)/test/pci-qemu.tap: $(KERNEL_ELF) $(ROOT_ELF) scripts/pci-test.py FORCE
	@scripts/tap-run.sh $@ -- scripts/pci-test.py $(KERNEL_ELF) $(ROOT_ELF)
TEST_TAPS += $(BUILD)/test/pci-qemu.tap
