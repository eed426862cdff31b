#!/usr/bin/env python3
"""mktestmod.py OUT: the boot module the kernel self-tests check
(kernel/selftest/test_boot.c): 12345 bytes, byte i = (i * 7 + 3) % 251."""
import sys

with open(sys.argv[1], "wb") as f:
    f.write(bytes((i * 7 + 3) % 251 for i in range(12345)))
