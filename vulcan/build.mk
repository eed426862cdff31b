# vulcan/: kernel tests run as user tasks. Today: the syscall fuzzer, a
# boot program of its own ($(BUILD)/vulcan/fuzz.elf) built on the user
# runtime (libhl.a, crt0, user.ld from userland/build.mk).

V_OUT := $(BUILD)/vulcan
V_FUZZ_SRCS := $(wildcard vulcan/fuzz/*.c)
V_FUZZ_OBJS := $(patsubst %,$(U_OUT)/obj/%.o,$(V_FUZZ_SRCS))
V_FUZZ := $(V_OUT)/fuzz.elf

$(V_FUZZ): $(U_CRT0) $(V_FUZZ_OBJS) $(U_OUT)/libhl.a userland/user.ld
	@mkdir -p $(@D)
	@echo "  ULD     $@"
	$(Q)$(U_CC) $(U_LDFLAGS) -o $@ $(U_CRT0) $(V_FUZZ_OBJS) $(U_OUT)/libhl.a

ALL_TARGETS += $(V_FUZZ)

# No input from a user task may panic the kernel: random syscalls.
$(eval $(call kernel_suite,vulcan-fuzz,$(KERNEL_ELF) $(V_FUZZ),\
    --tap --expect-exit 33 --timeout 120 --append "init=fuzz panic=exit" \
    --module "$(V_FUZZ)" $(KERNEL_ELF)))
