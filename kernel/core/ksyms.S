/*
 * The embedded symbol map. KSYMS_FILE is empty in the first link and holds
 * the function symbols of that link in the second (see kernel/build.mk).
 */
    .section .ksyms, "a"
    .globl ksyms_start, ksyms_end
ksyms_start:
    .incbin KSYMS_FILE
ksyms_end:
    .byte 0
