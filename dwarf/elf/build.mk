# dwarf/elf: the freestanding ELF64 section reader (dwarf/include/dwarf/elf.h),
# compiled freestanding like the DWARF library, and its test against
# Debian's libelf on the build's own files and the system's.

DWARF_ELF_SRCS := dwarf/elf/elf.c dwarf/elf/inflate.c

$(BUILD)/dwarf/freestanding-elf.stamp: $(BUILD)/dwarf/freestanding/elf/elf.o \
                                       $(BUILD)/dwarf/freestanding/elf/inflate.o
	@undef=$$(nm -u $^ | awk 'NF == 2 { print $$2 }' | sort -u | \
	    grep -v -E '^(dwarf_|memset$$|memcpy$$|memmove$$|memcmp$$)'); \
	if [ -n "$$undef" ]; then echo "dwarf/elf: calls outside the library: $$undef"; exit 1; fi
	@touch $@

# A small program with zlib-compressed DWARF (gcc -gz): the reader reports
# those sections as compressed rather than handing out deflated bytes. It
# comes first: the corruption test mutates the first file.
$(BUILD)/dwarf/elftest/types-gz: dwarf/tests/progs/types.c
	@mkdir -p $(@D)
	@echo "  CC      $@ (-gz=zlib)"
	$(Q)gcc -g -O0 -gz=zlib -o $@ $<

ELF_READER_FILES := $(BUILD)/dwarf/elftest/types-gz $(KERNEL_ELF) $(ROOT_ELF) $(BUILD)/bin/hdwarf
$(eval $(call host_test,dwarf-elf-reader,dwarf/tests/test_elf_reader.c $(DWARF_ELF_SRCS) \
    $(DWARF_LIB_SRCS),-lelf))
$(BUILD)/tests/dwarf-elf-reader: | $(BUILD)/dwarf/freestanding-elf.stamp
$(BUILD)/test/host-dwarf-elf-reader.tap: $(ELF_READER_FILES)
$(BUILD)/test/host-dwarf-elf-reader.tap: export ELF_READER_FILES := $(subst $(eval) ,:,$(ELF_READER_FILES))

# The inflater against zlib and libelf's elf_compress().
$(eval $(call host_test,dwarf-inflate,dwarf/tests/test_inflate.c $(DWARF_ELF_SRCS) \
    $(DWARF_LIB_SRCS),-lelf -lz))
$(BUILD)/tests/dwarf-inflate: | $(BUILD)/dwarf/freestanding-elf.stamp
$(BUILD)/test/host-dwarf-inflate.tap: $(BUILD)/dwarf/elftest/types-gz
$(BUILD)/test/host-dwarf-inflate.tap: export INFLATE_GZ_FILE := $(BUILD)/dwarf/elftest/types-gz
