#!/usr/bin/env python3
"""Runs a tensor-core kernel of --stl-gpu-contraction-codegen (mma-sync) on
the CPU, by interpreting its IR, so that the kernel's index arithmetic,
swizzling, pipeline and fragment layouts are checked without a GPU.

    emulate_mma_kernel.py KERNEL.mlir --einsum mk,kn->mn [--earliest]

KERNEL.mlir: `stl-opt --stl-gpu-contraction-codegen --mlir-print-op-generic`
of a function with one linalg contraction on static memrefs (f16 / bf16
inputs, f32 destination), which the pass replaced by one `gpu.launch`. The
emulator fills the function's memref arguments with small integers (exact
in every type, so that the product is exact), runs every block of the
launch with all its threads in lockstep (the kernel's control flow is
uniform), and compares the destination with numpy's product of the inputs
plus the destination's initial value, for the contraction given as einsum
subscripts (--einsum).

The warp-level instructions follow the PTX ISA's definitions:
  * cp.async.cg 16 bytes, deferred: a copy lands when a cp.async.wait_group
    lets its group complete (the latest the hardware may land it), or, with
    --earliest, at once; a kernel that reads a stage before waiting for it,
    or overwrites one still being read, computes a wrong product in one of
    the two modes;
  * ldmatrix.sync.aligned.m8n8.x4(.trans).b16: lane 8i + r gives row r of
    matrix i; lane l receives, of matrix i, row l / 4 elements 2 (l % 4) and
    2 (l % 4) + 1 (with .trans, column l / 4 of rows 2 (l % 4), +1);
  * mma.sync.aligned.m16n8k16.row.col.f32: with g = l / 4, t = l % 4, A's
    registers hold A[g][2t..], A[g+8][2t..], A[g][2t+8..], A[g+8][2t+8..], B's
    B[2t..][g], B[2t+8..][g], C's C[g][2t], C[g][2t+1], C[g+8][2t],
    C[g+8][2t+1] (two 16-bit elements a register, the first in the low half);
  * mma.sync.aligned.m16n8k8.row.col.f32.tf32.tf32.f32: A's registers hold
    A[g][t], A[g+8][t], A[g][t+4], A[g+8][t+4], B's B[t][g], B[t+4][g], C's
    as above; cvt.rna.tf32.f32 rounds an f32 to 10 bits of mantissa, to
    nearest, ties away from zero (the low 13 bits cleared).
With --tf32-inputs, f32 inputs have 13 significant bits (TF32 has 11), and
the product is compared with numpy's of the inputs rounded to TF32, within
a tolerance for the f32 accumulation; the error against the unrounded
inputs' product is printed too, to show that the rounding mattered.
Prints `emulated: max |error| = E over N elements` and PASS or FAIL. With
--misalign B the inputs start B bytes past a 16-byte boundary: unless B is a
multiple of 16, the kernel must take its scalar branch (a cp.async of a
misaligned address is an error: the emulator's too); it prints how many
copies ran.
"""

import argparse
import re
import sys

import numpy as np

SHARED_BASE = 1 << 44


class Op:
    def __init__(self, results, name, operands, text):
        self.results, self.name, self.operands, self.text = (
            results, name, operands, text)
        self.regions = []


class Block:
    def __init__(self, args):
        self.args, self.ops = args, []


OP_RE = re.compile(r'^\s*(?:(%[\w]+)(?::(\d+))?\s*=\s*)?"([\w.]+)"\((.*?)\)(.*)$')


def parse_region(lines, i):
    """Parses blocks from lines[i] up to the line closing the region;
    returns (blocks, index of the closing line)."""
    blocks = []
    block = None
    while i < len(lines):
        line = lines[i].strip()
        if line.startswith("})") or line.startswith("}, {"):
            if block is None:
                block = Block([])
            blocks.append(block)
            return blocks, i
        if line.startswith("^bb"):
            if block is not None:
                blocks.append(block)
            block = Block(re.findall(r"(%[\w]+):", line))
            i += 1
            continue
        match = OP_RE.match(lines[i])
        if not match:
            i += 1
            continue
        result, count, name, operands, rest = match.groups()
        results = []
        if result:
            results = ([result] if count is None else
                       ["%s#%d" % (result, j) for j in range(int(count))])
        op = Op(results, name, re.findall(r"%[\w#]+", operands), rest)
        if block is None:
            block = Block([])
        block.ops.append(op)
        if rest.rstrip().endswith("({"):
            while True:
                region, i = parse_region(lines, i + 1)
                op.regions.append(region)
                if lines[i].strip().startswith("}, {"):
                    continue
                op.text += lines[i]
                break
        i += 1
    blocks.append(block)
    return blocks, i


def round_to_tf32(bits):
    """cvt.rna.tf32.f32 on f32 bit patterns (uint32)."""
    bits = np.asarray(bits, dtype=np.uint64)
    return ((bits + 0x1000) & 0xFFFFE000).astype(np.uint32)


def fill_fragments(am, bm, a, b, g, q, ptx):
    """Writes lane (g, q)'s A registers `a` and B registers `b` of an
    mma.sync of `ptx` inputs into the 16 x K and K x 8 matrices."""
    if ptx == "tf32":
        f = np.array(a + b, dtype=np.uint32).view(np.float32)
        am[g, q], am[g + 8, q], am[g, q + 4], am[g + 8, q + 4] = f[:4]
        bm[q, g], bm[q + 4, g] = f[4:]
        return

    def pair(r):
        r = np.array([r & 0xFFFF, r >> 16], dtype=np.uint16)
        return to_f32(r, ptx)
    am[g, 2 * q:2 * q + 2] = pair(a[0])
    am[g + 8, 2 * q:2 * q + 2] = pair(a[1])
    am[g, 2 * q + 8:2 * q + 10] = pair(a[2])
    am[g + 8, 2 * q + 8:2 * q + 10] = pair(a[3])
    bm[2 * q:2 * q + 2, g] = pair(b[0])
    bm[2 * q + 8:2 * q + 10, g] = pair(b[1])


def bf16_to_f32(bits):
    return (bits.astype(np.uint32) << 16).view(np.float32)


def to_f32(bits, kind):
    return bf16_to_f32(bits) if kind == "bf16" else \
        bits.astype(np.uint16).view(np.float16).astype(np.float32)


class Machine:
    def __init__(self, memrefs, threads, smem_bytes, earliest):
        self.memrefs = memrefs   # name -> (numpy array, element kind, base)
        self.threads = threads
        self.smem = np.zeros(smem_bytes, dtype=np.uint8)
        self.earliest = earliest
        self.groups, self.pending = [], []
        self.copies = 0

    # Memory by address.
    def global_bytes(self, address, count):
        for array, _, base in self.memrefs.values():
            raw = array.reshape(-1).view(np.uint8)
            if base <= address < base + raw.size:
                offset = address - base
                assert offset + count <= raw.size, "out of bounds"
                return raw[offset:offset + count]
        raise AssertionError("address %x in no buffer" % address)

    def shared(self, address, count):
        offset = int(address) - SHARED_BASE
        assert 0 <= offset and offset + count <= self.smem.size, \
            "shared address out of range"
        return self.smem[offset:offset + count]

    def land(self, copies):
        for dst, data in copies:
            self.shared(dst, 16)[:] = data


def run_block(block, env, machine, kind):
    """Interprets `block`'s ops; returns the yielded values."""
    T = machine.threads
    for op in block.ops:
        n, a, t = op.name, [env[x] for x in op.operands], op.text
        out = None
        if n == "arith.constant":
            m = re.search(r"value = ([-\d.e+]+) : (\w+)", t)
            v = m.group(1)
            out = np.float32(float(v)) if m.group(2).startswith("f") or \
                m.group(2) == "bf16" else np.int64(int(v))
        elif n == "arith.addi":
            out = a[0] + a[1]
        elif n == "arith.subi":
            out = a[0] - a[1]
        elif n == "arith.minui":
            out = np.minimum(a[0], a[1])
        elif n == "arith.muli":
            out = a[0] * a[1]
        elif n == "arith.divui":
            out = a[0] // a[1]
        elif n == "arith.remui":
            out = a[0] % a[1]
        elif n == "arith.xori":
            out = np.bitwise_xor(a[0], a[1])
        elif n == "arith.cmpi":
            p = int(re.search(r"predicate = (\d+)", t).group(1))
            assert p in (0, 6), "only eq and ult"
            out = a[0] == a[1] if p == 0 else a[0] < a[1]
        elif n == "arith.andi":
            out = np.logical_and(a[0], a[1])
        elif n in ("arith.index_cast", "llvm.inttoptr", "llvm.addrspacecast",
                   "arith.extf", "llvm.bitcast"):
            out = a[0]
        elif n == "arith.addf":
            out = np.float32(a[0]) + np.float32(a[1])
        elif n == "arith.mulf":
            out = np.float32(a[0]) * np.float32(a[1])
        elif n == "arith.truncf":
            out = a[0]
        elif n == "memref.extract_aligned_pointer_as_index":
            out = (np.int64(SHARED_BASE) if a[0] == "smem"
                   else np.int64(machine.memrefs[a[0]][2]))
        elif n == "gpu.dynamic_shared_memory":
            env[op.results[0]] = "smem"
            continue
        elif n == "nvvm.cp.async.shared.global":
            dst = np.broadcast_to(a[0], (T,))
            src = np.broadcast_to(a[1], (T,))
            for d, s in zip(dst, src):
                assert d % 16 == 0 and s % 16 == 0, "unaligned cp.async"
                machine.copies += 1
                data = machine.global_bytes(int(s), 16).copy()
                if machine.earliest:
                    machine.land([(d, data)])
                else:
                    machine.pending.append((d, data))
            continue
        elif n == "nvvm.cp.async.commit.group":
            machine.groups.append(machine.pending)
            machine.pending = []
            continue
        elif n == "nvvm.cp.async.wait.group":
            keep = int(re.search(r"n = (\d+)", t).group(1))
            while len(machine.groups) > keep:
                machine.land(machine.groups.pop(0))
            continue
        elif n in ("gpu.barrier", "gpu.terminator"):
            continue
        elif n == "nvvm.ldmatrix":
            assert "num = 4" in t
            trans = "mma_layout<col>" in t
            addresses = np.broadcast_to(a[0], (T,))
            regs = [np.zeros(T, dtype=np.uint32) for _ in range(4)]
            for w in range(T // 32):
                rows = np.stack([machine.shared(addresses[32 * w + l], 16)
                                 .view(np.uint16) for l in range(32)])
                for l in range(32):
                    for i in range(4):
                        mat = rows[8 * i:8 * i + 8]
                        if trans:
                            lo = mat[2 * (l % 4), l // 4]
                            hi = mat[2 * (l % 4) + 1, l // 4]
                        else:
                            lo = mat[l // 4, 2 * (l % 4)]
                            hi = mat[l // 4, 2 * (l % 4) + 1]
                        regs[i][32 * w + l] = int(lo) | (int(hi) << 16)
            out = tuple(regs)
        elif n == "nvvm.convert.float.to.tf32":
            assert "fp_rnd_mode<rna>" in t, "only rna"
            out = round_to_tf32(np.broadcast_to(a[0], (T,)))
        elif n == "llvm.load":
            assert "-> i32" in t, "only i32 loads"
            addresses = np.broadcast_to(a[0], (T,))
            out = np.array([machine.shared(x, 4).view(np.uint32)[0]
                            for x in addresses], dtype=np.uint32)
        elif n == "llvm.extractvalue":
            position = int(re.search(r"position = array<i64: (\d+)>", t).group(1))
            out = a[0][position]
        elif n == "nvvm.mma.sync":
            ptx = re.search(r"multiplicandAPtxType = #nvvm.mma_type<(\w+)>",
                            t).group(1)
            A = [np.broadcast_to(x, (T,)).astype(np.uint32) for x in a[0:4]]
            B = [np.broadcast_to(x, (T,)).astype(np.uint32) for x in a[4:6]]
            C = [np.broadcast_to(x, (T,)).astype(np.float32) for x in a[6:10]]
            D = [np.zeros(T, dtype=np.float32) for _ in range(4)]
            depth = 8 if ptx == "tf32" else 16
            for w in range(T // 32):
                am = np.zeros((16, depth), dtype=np.float32)
                bm = np.zeros((depth, 8), dtype=np.float32)
                cm = np.zeros((16, 8), dtype=np.float32)
                for l in range(32):
                    g, q, x = l // 4, l % 4, 32 * w + l
                    fill_fragments(am, bm, [r[x] for r in A], [r[x] for r in B],
                                   g, q, ptx)
                    cm[g, 2 * q], cm[g, 2 * q + 1] = C[0][x], C[1][x]
                    cm[g + 8, 2 * q], cm[g + 8, 2 * q + 1] = C[2][x], C[3][x]
                dm = (am.astype(np.float64) @ bm + cm).astype(np.float32)
                for l in range(32):
                    g, q, x = l // 4, l % 4, 32 * w + l
                    D[0][x], D[1][x] = dm[g, 2 * q], dm[g, 2 * q + 1]
                    D[2][x], D[3][x] = dm[g + 8, 2 * q], dm[g + 8, 2 * q + 1]
            out = tuple(D)
        elif n == "memref.load":
            array, elem, _ = machine.memrefs[a[0]]
            index = tuple(np.broadcast_to(x, (T,)) for x in a[1:])
            out = array[index].astype(np.float32) if elem == "f32" else \
                to_f32(array[index], elem)
        elif n == "memref.store":
            array, elem, _ = machine.memrefs[a[1]]
            assert elem == "f32", "f32 destinations only"
            index = tuple(np.broadcast_to(x, (T,)) for x in a[2:])
            array[index] = np.broadcast_to(a[0], (T,))
            continue
        elif n == "scf.for":
            lb, ub, step = (int(x) for x in a[:3])
            values = list(a[3:])
            body = op.regions[0][0]
            for iv in range(lb, ub, step):
                env[body.args[0]] = np.int64(iv)
                for name, v in zip(body.args[1:], values):
                    env[name] = v
                values = run_block(body, env, machine, kind)
            for name, v in zip(op.results, values):
                env[name] = v
            continue
        elif n == "scf.if":
            cond = np.broadcast_to(a[0], (T,))
            assert cond.all() or not cond.any(), "divergent scf.if"
            region = op.regions[0] if cond[0] else (
                op.regions[1] if len(op.regions) > 1 else None)
            if region and region[0].ops:
                run_block(region[0], env, machine, kind)
            continue
        elif n == "scf.yield":
            return a
        else:
            raise NotImplementedError(n)
        if op.results:
            env[op.results[0]] = out
    return []


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("kernel")
    parser.add_argument("--earliest", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tf32-inputs", action="store_true",
                        help="f32 inputs with more bits than TF32 keeps: "
                        "expect the product of the inputs rounded to TF32")
    parser.add_argument("--misalign", type=int, default=0,
                        help="start the inputs this many bytes past a 16-byte "
                        "boundary (the kernel must not copy them then)")
    parser.add_argument("--zero-destination", action="store_true",
                        help="the function fills its destination with zeros "
                        "first: expect the product alone")
    parser.add_argument("--einsum", required=True, action="append",
                        help="the contraction, e.g. mk,kn->mn (one per "
                        "module of KERNEL.mlir, which may hold several "
                        "separated by '// -----', as -split-input-file "
                        "prints them)")
    args = parser.parse_args(argv)
    modules = open(args.kernel).read().split("// -----")
    if len(modules) != len(args.einsum):
        print("emulate: %d modules but %d --einsum"
              % (len(modules), len(args.einsum)), file=sys.stderr)
        return 2
    failed = 0
    for text, einsum in zip(modules, args.einsum):
        failed += emulate(text, einsum, args)
    return 1 if failed else 0


def emulate(text, einsum, args):
    """Emulates the function of module `text`; returns 1 when it fails."""
    lines = text.splitlines()
    module, _ = parse_region(lines, 0)
    func = module[0].ops[0].regions[0][0].ops[0]
    body = func.regions[0][0]
    types = re.findall(r"memref<([\dx]+)x(f32|f16|bf16)>",
                       re.search(r"function_type = \((.*?)\) ->", func.text)
                       .group(1))
    rng = np.random.default_rng(args.seed)
    memrefs, values = {}, []
    for index, (name, (shape, elem)) in enumerate(zip(body.args, types)):
        shape = tuple(int(s) for s in shape.split("x"))
        ints = rng.integers(-3, 4, size=shape).astype(np.float32)
        if args.tf32_inputs and index < 2:
            # 13 significant bits in (-1, 1).
            ints = (rng.integers(1 << 12, 1 << 13, size=shape) *
                    rng.choice([-1, 1], size=shape) / 2.0**13 *
                    2.0**-rng.integers(0, 4, size=shape)).astype(np.float32)
        values.append(ints.astype(np.float64))
        if elem == "f32":
            array = ints.copy()
        elif elem == "bf16":
            array = (ints.view(np.uint32) >> 16).astype(np.uint16)
        else:
            array = ints.astype(np.float16).view(np.uint16)
        memrefs[name] = (array, elem, ((index + 1) << 36) +
                         (args.misalign if index < 2 else 0))
    env = {name: name for name in memrefs}
    launch = find_launch(body.ops, env, Machine(memrefs, 1, 0, True))
    grid = [int(env[x]) for x in launch.operands[0:3]]
    block_dims = [int(env[x]) for x in launch.operands[3:6]]
    smem = int(env[launch.operands[-1]])
    threads = block_dims[0] * block_dims[1] * block_dims[2]
    assert block_dims[1] == block_dims[2] == 1
    kernel = launch.regions[0][0]
    machine = Machine(memrefs, threads, smem, args.earliest)
    for z in range(grid[2]):
        for y in range(grid[1]):
            for x in range(grid[0]):
                env2 = dict(env)
                ids = [np.int64(x), np.int64(y), np.int64(z),
                       np.arange(threads, dtype=np.int64), np.int64(0),
                       np.int64(0)] + [np.int64(v) for v in grid + block_dims]
                for name, v in zip(kernel.args, ids):
                    env2[name] = v
                machine.groups, machine.pending = [], []
                machine.smem[:] = 0xAB
                run_block(kernel, env2, machine, None)
    inputs = values[:2]
    tolerance = 0.0
    if args.tf32_inputs:
        inputs = [round_to_tf32(v.astype(np.float32).view(np.uint32))
                  .view(np.float32).astype(np.float64) for v in inputs]
        # f32 accumulation of products below 1 in magnitude.
        tolerance = 2e-5
    expected = np.einsum(einsum, inputs[0], inputs[1])
    if not args.zero_destination:
        expected += values[2]
    got = memrefs[body.args[2]][0].astype(np.float64)
    error = np.abs(got - expected).max()
    print("emulated %s (%s, %d blocks of %d threads): max |error| = %g over "
          "%d elements" % (func.text.split('sym_name = "')[1].split('"')[0],
                           einsum, grid[0] * grid[1] * grid[2], threads,
                           error, got.size))
    ok = error <= tolerance
    if args.misalign:
        print("%d cp.async copies" % machine.copies)
    if args.tf32_inputs:
        unrounded = np.einsum(einsum, values[0], values[1])
        if not args.zero_destination:
            unrounded += values[2]
        difference = np.abs(got - unrounded).max()
        print("against the unrounded inputs: max |error| = %g (%s)"
              % (difference, "the rounding shows" if difference > 10 *
                 tolerance else "the rounding does not show"))
        ok = ok and difference > 10 * tolerance
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


def find_launch(ops, env, host):
    """Runs the host code before the kernel (the launch's sizes); returns
    the `gpu.launch`."""
    for op in ops:
        if op.name == "gpu.launch":
            return op
        run_block(_single(op), env, host, None)
    raise AssertionError("no gpu.launch")


def _single(op):
    block = Block([])
    block.ops.append(op)
    return block


if __name__ == "__main__":
    sys.exit(main())
