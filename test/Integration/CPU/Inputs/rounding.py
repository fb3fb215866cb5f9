"""Rounding to the floating-point types of the CPU execution tests, shared
by the scripts that compute their expected values (nearest, ties to even)."""

import struct


def f32(v):
    return struct.unpack("f", struct.pack("f", v))[0]


def f16(v):
    return struct.unpack("e", struct.pack("e", v))[0]


def bf16(v):
    """v rounded to f32, then to bfloat16 (to nearest, ties to even)."""
    bits = struct.unpack("I", struct.pack("f", v))[0]
    bits = (bits + 0x7FFF + ((bits >> 16) & 1)) & 0xFFFF0000
    return struct.unpack("f", struct.pack("I", bits))[0]
