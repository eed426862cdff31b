/*
 * hdb/signals.h: what the core knows about signals beyond their numbers.
 */
#ifndef HDB_SIGNALS_H
#define HDB_SIGNALS_H

#include <stdbool.h>

#include <hdb/target.h>

/* gdb's `handle` settings of one signal. */
struct hdb_signal_handling {
    unsigned char stop;  /* stop the program (implies print) */
    unsigned char print; /* say that it arrived */
    unsigned char pass;  /* deliver it to the program */
};

/* Does GDB's numbering name this signal (info signals lists those, in number order)? */
bool hdb_signal_known(int signal);

/* gdb's default `handle` setting of a signal (GDB number). */
struct hdb_signal_handling hdb_signal_default_handling(int signal);

#endif
