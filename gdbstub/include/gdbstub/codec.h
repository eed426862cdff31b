/*
 * gdbstub/codec.h: the byte-level encodings of the remote protocol (GDB
 * manual "Overview" in "Remote Protocol"): the modulo-256 checksum, hex
 * pairs, the '}' escape of binary data and run-length encoding. Shared by
 * the engine and by clients of the protocol (hdb's remote target), so they
 * work on caller buffers and report errors as enum gdbstub_error codes.
 */
#ifndef GDBSTUB_CODEC_H
#define GDBSTUB_CODEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Sum of the bytes modulo 256: the two hex digits after '#'. */
uint8_t gdbstub_checksum(const uint8_t *p, size_t len);

/* Value of one hex digit (either case), or -1. */
int gdbstub_hex_value(uint8_t c);

/* Lower-case hex digit for v & 15. */
uint8_t gdbstub_hex_digit(unsigned v);

/* Write 2 * len hex digits to out; out must hold 2 * len bytes. */
void gdbstub_hex_encode(uint8_t *out, const uint8_t *in, size_t len);

/*
 * Decode hex_len digits from in into hex_len / 2 bytes at out (out may be
 * in: decoding moves forward and never overtakes). Returns the byte count,
 * or GDBSTUB_E_INVAL for an odd count or a non-hex digit; on error out may
 * hold part of the result.
 */
int gdbstub_hex_decode(uint8_t *out, const uint8_t *in, size_t hex_len);

/* True for the bytes that must be escaped in packet data: $ # } and *. */
bool gdbstub_needs_escape(uint8_t c);

/*
 * Escape in[0..len) into out[0..out_size). Stops before a byte whose
 * encoding does not fit, never splitting an escape pair. Returns the bytes
 * written; *consumed gets the input bytes used.
 */
size_t gdbstub_escape(uint8_t *out, size_t out_size, const uint8_t *in, size_t len,
                      size_t *consumed);

/*
 * Undo the escape in place. Returns the new length, or GDBSTUB_E_INVAL if
 * the data ends with a lone '}'.
 */
int gdbstub_unescape(uint8_t *buf, size_t len);

/*
 * Extra copies encoded by the repeat-count byte c that follows '*' (c - 29),
 * or GDBSTUB_E_INVAL: counts must be printable and '#' and '$' are not
 * allowed (GDB manual "Overview", run-length encoding).
 */
int gdbstub_rle_count(uint8_t c);

/*
 * Expand run-length encoding from in[0..len) into out[0..out_size).
 * Returns the decoded length, GDBSTUB_E_INVAL for a '*' with nothing to
 * repeat or a bad count, GDBSTUB_E_NOSPC if out is too small.
 */
int gdbstub_rle_decode(uint8_t *out, size_t out_size, const uint8_t *in, size_t len);

/*
 * Run-length encode buf[0..len) in place (a reply's payload as it goes on
 * the wire, escapes included) and return the new length, never more than
 * len: a run of four or more equal bytes becomes the byte, '*' and a
 * count. Counts that would be '#', '$', '*' or '}' are avoided by a
 * shorter run.
 */
size_t gdbstub_rle_encode(uint8_t *buf, size_t len);

#endif
