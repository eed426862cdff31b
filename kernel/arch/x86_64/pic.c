/*
 * The legacy 8259A pair: remap to vectors 32-47 (away from the exception
 * vectors) and mask every line. Interrupts come from the local APIC (and
 * the IOAPIC, later); only spurious IRQ 7/15 can still arrive from here.
 */
#include <arch/apic.h>
#include <arch/cpu.h>
#include <arch/trap.h>

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1

void pic_disable(void)
{
    outb(PIC1_CMD, 0x11); /* ICW1: init, ICW4 follows */
    outb(PIC2_CMD, 0x11);
    outb(PIC1_DATA, VEC_PIC_BASE); /* ICW2: vector base */
    outb(PIC2_DATA, VEC_PIC_BASE + 8);
    outb(PIC1_DATA, 0x04); /* ICW3: slave on IRQ2 */
    outb(PIC2_DATA, 0x02);
    outb(PIC1_DATA, 0x01); /* ICW4: 8086 mode */
    outb(PIC2_DATA, 0x01);
    outb(PIC1_DATA, 0xff); /* mask all */
    outb(PIC2_DATA, 0xff);
}
