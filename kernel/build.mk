# kernel/: the Helios-C kernel image and its host unit tests.
#
# The image is linked twice: the first link gives the addresses of the
# functions, which are embedded as a symbol map (.ksyms, placed after
# everything whose address it lists) in the second. The build checks that
# no function moved between the two links.

K_OUT      := $(BUILD)/kernel
KERNEL_ELF := $(K_OUT)/kernel.elf
K_ARCH     := kernel/arch/x86_64

KERNEL_CC  ?= gcc
KERNEL_LD  ?= ld
K_INC      := -Ikernel/include -Ikernel/include/uapi -I$(K_ARCH)/include -Igdbstub/include
K_CFLAGS   := -std=c11 -ffreestanding -nostdinc -isystem $(shell $(KERNEL_CC) -print-file-name=include) \
              -mno-red-zone -mcmodel=kernel -fno-pic -fno-pie -mgeneral-regs-only \
              -fno-stack-protector -fno-omit-frame-pointer -fno-tree-loop-distribute-patterns \
              -fcf-protection=none -g -O2 -Wall -Wextra -Werror $(K_INC)
K_ASFLAGS  := -nostdinc $(K_INC) -D__ASSEMBLER__ -g
K_LDFLAGS  := -nostdlib -static -z max-page-size=0x1000 -z noexecstack --no-warn-rwx-segments \
              --build-id=sha1

K_SRCS := $(wildcard kernel/core/*.c kernel/lib/*.c kernel/mm/*.c kernel/boot/*.c kernel/object/*.c \
                     kernel/selftest/*.c kernel/gdb/*.c $(K_ARCH)/*.c) \
          $(wildcard gdbstub/*.c gdbstub/arch/x86_64/*.c)
K_ASMS := $(filter-out kernel/core/ksyms.S,$(wildcard $(K_ARCH)/*.S kernel/core/*.S))
K_OBJS := $(patsubst %.c,$(K_OUT)/obj/%.o,$(K_SRCS)) $(patsubst %.S,$(K_OUT)/obj/%.o,$(K_ASMS))

$(K_OUT)/obj/%.o: %.c
	@mkdir -p $(@D)
	@echo "  CC      $<"
	$(Q)$(KERNEL_CC) $(K_CFLAGS) -MMD -MP -c -o $@ $<

$(K_OUT)/obj/%.o: %.S
	@mkdir -p $(@D)
	@echo "  AS      $<"
	$(Q)$(KERNEL_CC) $(K_ASFLAGS) -MMD -MP -c -o $@ $<

$(K_OUT)/kernel.ld: $(K_ARCH)/kernel.ld $(K_ARCH)/include/arch/layout.h
	@mkdir -p $(@D)
	$(Q)$(KERNEL_CC) -E -P -x c $(K_ASFLAGS) -o $@ $<

# Pass 1: an empty symbol map.
$(K_OUT)/ksyms-empty.txt:
	@mkdir -p $(@D)
	: > $@

$(K_OUT)/ksyms1.o: kernel/core/ksyms.S $(K_OUT)/ksyms-empty.txt
	$(Q)$(KERNEL_CC) $(K_ASFLAGS) -DKSYMS_FILE='"$(K_OUT)/ksyms-empty.txt"' -c -o $@ $<

$(K_OUT)/kernel.pass1.elf: $(K_OBJS) $(K_OUT)/ksyms1.o $(K_OUT)/kernel.ld
	@echo "  LD      $@"
	$(Q)$(KERNEL_LD) $(K_LDFLAGS) -T $(K_OUT)/kernel.ld -o $@ $(K_OBJS) $(K_OUT)/ksyms1.o

# Function symbols, sorted: "ADDR SIZE TYPE NAME" (size 0 for assembly
# labels that have none).
K_TEXT_SYMS = nm -n -S --defined-only $(1) | \
    awk 'NF == 4 && $$3 ~ /^[TtWw]$$/ { print } \
         NF == 3 && $$2 ~ /^[TtWw]$$/ { print $$1, "0000000000000000", $$2, $$3 }'

$(K_OUT)/ksyms.txt: $(K_OUT)/kernel.pass1.elf
	$(Q)$(call K_TEXT_SYMS,$<) > $@

$(K_OUT)/ksyms2.o: kernel/core/ksyms.S $(K_OUT)/ksyms.txt
	$(Q)$(KERNEL_CC) $(K_ASFLAGS) -DKSYMS_FILE='"$(K_OUT)/ksyms.txt"' -c -o $@ $<

$(KERNEL_ELF): $(K_OBJS) $(K_OUT)/ksyms2.o $(K_OUT)/kernel.ld scripts/check-kernel-layout.sh
	@echo "  LD      $@"
	$(Q)$(KERNEL_LD) $(K_LDFLAGS) -T $(K_OUT)/kernel.ld -o $@.tmp $(K_OBJS) $(K_OUT)/ksyms2.o
	$(Q)$(call K_TEXT_SYMS,$@.tmp) | cmp -s - $(K_OUT)/ksyms.txt || \
	    { echo "kernel: functions moved between the two links" >&2; exit 1; }
	$(Q)scripts/check-kernel-layout.sh $@.tmp
	$(Q)mv $@.tmp $@

$(K_OUT)/kernel.sym: $(KERNEL_ELF)
	$(Q)nm -n -S --defined-only $< > $@

$(K_OUT)/kernel.asm: $(KERNEL_ELF)
	$(Q)objdump -d -S -M att --no-show-raw-insn $< > $@

ALL_TARGETS += $(KERNEL_ELF) $(K_OUT)/kernel.sym $(K_OUT)/kernel.asm

# ---- host unit tests of the portable kernel code -------------------------
$(BUILD)/host/kernel/%.o: HOST_INC := $(K_INC)

$(eval $(call host_test,kernel-fmt,kernel/tests/test_fmt.c kernel/lib/fmt.c))
$(eval $(call host_test,kernel-bootinfo,kernel/tests/test_bootinfo.c kernel/boot/bootinfo.c \
    kernel/boot/multiboot1.c kernel/boot/multiboot2.c kernel/mm/memmap.c))
$(eval $(call host_test,kernel-pmm,kernel/tests/test_pmm.c kernel/mm/pmm.c))
$(eval $(call host_test,kernel-pagetable,kernel/tests/test_pagetable.c $(K_ARCH)/pagetable.c))
$(eval $(call host_test,kernel-ksym,kernel/tests/test_ksym.c kernel/core/ksym.c kernel/lib/cmdline.c))
$(eval $(call host_test,kernel-captree,kernel/tests/test_captree.c kernel/object/captree.c))
$(eval $(call host_test,kernel-retype,kernel/tests/test_retype.c kernel/object/retype_math.c))
$(eval $(call host_test,kernel-elf,kernel/tests/test_elf.c kernel/core/elf.c))
$(eval $(call host_test,kernel-acpi,kernel/tests/test_acpi.c kernel/core/acpi.c))
$(eval $(call host_test,kernel-string,kernel/tests/test_string.c))

# ---- QEMU suites ----------------------------------------------------------
include kernel/tests/qemu.mk
