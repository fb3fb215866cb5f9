#!/usr/bin/env python3
"""Runs a wgmma kernel of --stl-gpu-contraction-codegen on the CPU, by
interpreting its IR, so that its tensor maps, TMA coordinates, mbarrier
protocol, matrix descriptors and accumulator layout are checked without a
GPU.

    emulate_wgmma_kernel.py KERNEL.mlir --einsum mk,kn->mn [--consumers-first]
                            [--misalign B]

KERNEL.mlir as for emulate_mma_kernel.py (`--mlir-print-op-generic`, one
function per module, '// -----' between modules): the host code's
`stl.gpu_tensor_map` ops, then one `gpu.launch`, whose blocks check the
inputs' alignment (--misalign as for emulate_mma_kernel.py; a tensor map of
a misaligned input is null, as the runtime makes it). Inputs are small
integers (exact in every type); the destination is compared with numpy's
product plus its initial value.

Warp specialisation: the kernel's threads run in lockstep until a branch
that only some of them take and that waits on an mbarrier; its threads
then become a task of their own, which ends with the branch (the kernel's
roles are its last branches). Tasks run until they block on an mbarrier,
in turn: the producer first (it runs as far ahead as the "empty" barriers
let it, so a stage overwritten before its consumers release it gives a
wrong product), or with --consumers-first the consumers first (so a
consumer passing its "full" wait too early reads a stage not yet copied).
Every task blocked is a deadlock, reported as a failure.

Instructions, as the PTX ISA defines them:
  * mbarrier: init(count); arrive (each thread: one pending arrival less);
    arrive.expect_tx (tx-count += bytes, then arrive); a phase completes
    when no arrival and no byte is pending; try_wait.parity P passes when
    the current phase's parity is not P;
  * cp.async.bulk.tensor (tile mode): the box at the coordinates, elements
    past the tensor's end zero, written box-row-major from the destination,
    each byte address's bits 4-6 XOR-ed with bits 7-9 (128-byte swizzle),
    then complete_tx of its bytes on the mbarrier (at once);
  * wgmma.mma_async.m64nNk16 (f32 += f16/bf16): descriptors give start
    address, leading (LBO) and stride (SBO) byte offsets, 128-byte swizzle;
    K-major element (r, k) at start + (r % 8) 128 + (r / 8) SBO + 2 k,
    M/N-major (transpose bit) element (x, k) at start + 2 (x % 64) +
    (x / 64) LBO + (k % 8) 128 + (k / 8) SBO, both swizzled as above;
    accumulator register i of lane l of warp w: row 16 w + l / 4 +
    8 ((i / 2) % 2), column 8 (i / 4) + 2 (l % 4) + i % 2.
Prints `emulated NAME (...): max |error| = E over N elements`, PASS or FAIL.
"""

import argparse
import os
import re
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emulate_mma_kernel import (  # noqa: E402
    SHARED_BASE, Block, parse_region, to_f32)

PREDICATES = {0: np.equal, 1: np.not_equal, 6: np.less, 7: np.less_equal,
              8: np.greater, 9: np.greater_equal}
WAITS = ("nvvm.mbarrier.try_wait.parity",)


def swizzle(offset):
    """128-byte swizzle of shared-memory byte offsets (arrays)."""
    return offset ^ (((offset >> 7) & 7) << 4)


def has_wait(region):
    return any(op.name in WAITS or any(has_wait(r) for r in op.regions)
               for block in region for op in block.ops)


class Machine:
    def __init__(self, memrefs, maps, threads, smem_bytes):
        self.memrefs, self.maps, self.threads = memrefs, maps, threads
        self.smem = np.zeros(smem_bytes, dtype=np.uint8)
        self.barriers = {}
        self.spawned = []
        # Barrier operations so far (a round of tasks without any is a
        # deadlock).
        self.events = 0
        self.tma_copies = 0

    def buffer(self, address):
        for array, elem, base in self.memrefs.values():
            raw = array.reshape(-1).view(np.uint8)
            if base <= address < base + raw.size:
                return raw, base
        raise AssertionError("address %x in no buffer" % address)

    def shared_offset(self, address):
        offset = np.asarray(address, dtype=np.int64) - SHARED_BASE
        assert (offset >= 0).all() and (offset < self.smem.size).all(), \
            "shared address out of range"
        return offset

    # mbarriers, by shared address.
    def barrier(self, address):
        return self.barriers[int(address)]

    def arrive(self, address, count=1, tx=0):
        b = self.barrier(address)
        b["tx"] += tx
        b["pending"] -= count
        assert b["pending"] >= 0, "more arrivals than the barrier expects"
        self.complete(b)

    def complete_tx(self, address, tx):
        b = self.barrier(address)
        b["tx"] -= tx
        self.complete(b)

    def complete(self, b):
        self.events += 1
        if b["pending"] == 0 and b["tx"] == 0:
            b["phase"] += 1
            b["pending"] = b["expected"]

    def tma_load(self, dst, map_id, coords, mbar):
        m = self.maps[int(map_id)]
        assert m is not None, "a TMA copy through a null tensor map"
        self.tma_copies += 1
        eb, box, sizes = m["bytes"], m["box"], m["sizes"]
        raw, base = self.buffer(m["address"])
        index = np.indices(box[::-1]).reshape(len(box), -1)[::-1]
        element = np.zeros(index.shape[1], dtype=np.int64)
        inside = np.ones(index.shape[1], dtype=bool)
        for d in range(len(box)):
            c = coords[d] + index[d]
            inside &= (c >= 0) & (c < sizes[d])
            element += c * (1 if d == 0 else m["strides"][d - 1])
        offset = m["address"] - base + element * eb
        data = np.zeros((index.shape[1], eb), dtype=np.uint8)
        for e in range(eb):
            data[inside, e] = raw[offset[inside] + e]
        linear = np.arange(index.shape[1], dtype=np.int64) * eb
        target = self.shared_offset(dst) + linear
        assert m["swizzle"] == 128 and (int(dst) - SHARED_BASE) % 1024 == 0, \
            "swizzled boxes must start at 1024-byte boundaries"
        for e in range(eb):
            self.smem[swizzle(target + e)] = data[:, e]
        self.complete_tx(mbar, data.size)

    def matrix(self, desc, rows, transposed, kind):
        """The rows x 16 operand (x: M or N) a descriptor describes."""
        desc = int(desc)
        assert desc >> 62 == 1, "only the 128-byte swizzle is emulated"
        start = (desc & 0x3FFF) << 4
        lbo, sbo = ((desc >> 16) & 0x3FFF) << 4, ((desc >> 32) & 0x3FFF) << 4
        x, k = np.meshgrid(np.arange(rows), np.arange(16), indexing="ij")
        if transposed:
            offset = start + 2 * (x % 64) + (x // 64) * lbo + \
                (k % 8) * 128 + (k // 8) * sbo
        else:
            offset = start + (x % 8) * 128 + (x // 8) * sbo + 2 * k
        offset = swizzle(offset.astype(np.int64))
        assert (offset >= 0).all() and (offset + 1 < self.smem.size).all(), \
            "a matrix descriptor reaches outside shared memory"
        bits = self.smem[offset].astype(np.uint16) | \
            (self.smem[offset + 1].astype(np.uint16) << 8)
        return to_f32(bits, kind).astype(np.float64)


def uniform(values, mask, what):
    v = np.broadcast_to(values, mask.shape)[mask]
    assert (v == v[0]).all(), "%s differs between the threads" % what
    return v[0]


def execute(block, env, mask, m):
    """Interprets `block` for the threads in `mask` (a generator: yields
    while blocked); returns the values of its scf.yield."""
    T = m.threads
    for op in block.ops:
        n, t = op.name, op.text
        a = [env[x] for x in op.operands]
        out = None
        if n == "arith.constant":
            v = re.search(r"value = ([-\w.+]+) : (\w+)", t)
            out = (np.float32(float(v.group(1))) if v.group(2)[0] in "fb"
                   else np.int64(int(v.group(1))))
        elif n in ("arith.addi", "arith.subi", "arith.muli", "arith.divui",
                   "arith.remui", "arith.andi", "arith.ori", "arith.xori",
                   "arith.shrui", "arith.minui"):
            x, y = np.asarray(a[0], np.int64), np.asarray(a[1], np.int64)
            out = {"arith.addi": lambda: x + y, "arith.subi": lambda: x - y,
                   "arith.muli": lambda: x * y, "arith.divui": lambda: x // y,
                   "arith.remui": lambda: x % y, "arith.andi": lambda: x & y,
                   "arith.ori": lambda: x | y, "arith.xori": lambda: x ^ y,
                   "arith.shrui": lambda: x >> y,
                   "arith.minui": lambda: np.minimum(x, y)}[n]()
        elif n == "arith.cmpi":
            p = int(re.search(r"predicate = (\d+)", t).group(1))
            out = PREDICATES[p](a[0], a[1])
        elif n in ("arith.index_cast", "arith.index_castui", "llvm.inttoptr",
                   "llvm.addrspacecast", "arith.extf", "arith.truncf"):
            out = a[0]
        elif n == "arith.addf":
            out = np.float32(a[0]) + np.float32(a[1])
        elif n == "arith.mulf":
            out = np.float32(a[0]) * np.float32(a[1])
        elif n == "memref.extract_aligned_pointer_as_index":
            out = (np.int64(SHARED_BASE) if a[0] == "smem"
                   else np.int64(m.memrefs[a[0]][2]))
        elif n == "gpu.dynamic_shared_memory":
            out = "smem"
        elif n == "gpu.barrier":
            assert not m.spawned, "a barrier after the roles split"
        elif n in ("gpu.terminator", "nvvm.fence.mbarrier.init",
                   "nvvm.wgmma.fence.aligned",
                   "nvvm.wgmma.commit.group.sync.aligned",
                   "nvvm.wgmma.wait.group.sync.aligned"):
            pass
        elif n == "nvvm.mbarrier.init":
            for addr, count in zip(np.broadcast_to(a[0], (T,))[mask],
                                   np.broadcast_to(a[1], (T,))[mask]):
                m.barriers[int(addr)] = {"expected": int(count),
                                         "pending": int(count), "tx": 0,
                                         "phase": 0}
        elif n == "nvvm.mbarrier.arrive":
            for addr in np.broadcast_to(a[0], (T,))[mask]:
                m.arrive(addr)
        elif n == "nvvm.mbarrier.arrive.expect_tx":
            for addr, tx in zip(np.broadcast_to(a[0], (T,))[mask],
                                np.broadcast_to(a[1], (T,))[mask]):
                m.arrive(addr, tx=int(tx))
        elif n == "nvvm.mbarrier.try_wait.parity":
            addr = uniform(a[0], mask, "the mbarrier waited on")
            parity = uniform(a[1], mask, "the parity waited for")
            while m.barrier(addr)["phase"] % 2 == parity:
                yield
        elif n == "nvvm.cp.async.bulk.tensor.shared.cluster.global":
            sizes = [int(s) for s in re.search(
                r"operandSegmentSizes = array<i32: ([\d, ]+)>", t)
                .group(1).split(", ")]
            assert sizes[4:] == [0, 0, 0, 0], "tile mode, no multicast"
            coords = a[2:2 + sizes[2]]
            for lane in np.nonzero(mask)[0]:
                pick = lambda v: int(np.broadcast_to(v, (T,))[lane])
                m.tma_load(pick(a[0]), pick(a[1]),
                           [pick(c) for c in coords], pick(a[-1]))
        elif n == "llvm.mlir.zero":
            count = len(re.search(r"struct<\((.*?)\)>", t).group(1)
                        .split(","))
            out = tuple(np.zeros(T, dtype=np.float32) for _ in range(count))
        elif n == "llvm.extractvalue":
            position = int(re.search(r"position = array<i64: (\d+)>", t)
                           .group(1))
            out = a[0][position]
        elif n == "nvvm.wgmma.mma_async":
            shape = re.search(r"m = 64, n = (\d+), k = 16", t)
            N = int(shape.group(1))
            kind = "bf16" if "wgmma_type<bf16>" in t else "f16"
            layouts = re.findall(r"layoutA = #nvvm.mma_layout<(\w+)>|"
                                 r"layoutB = #nvvm.mma_layout<(\w+)>", t)
            la = next(x for x, _ in layouts if x)
            lb = next(y for _, y in layouts if y)
            acc = [np.broadcast_to(r, (T,)).astype(np.float32) for r in a[0]]
            out_regs = [r.copy() for r in acc]
            lane = np.arange(128)
            warp, l = lane // 32, lane % 32
            for g in range(T // 128):
                lanes = slice(128 * g, 128 * g + 128)
                if not mask[lanes].any():
                    continue
                assert mask[lanes].all(), "a partial warpgroup"
                da = uniform(a[1], np.eye(1, T, 128 * g, dtype=bool)[0], "")
                db = uniform(a[2], np.eye(1, T, 128 * g, dtype=bool)[0], "")
                A = m.matrix(da, 64, la == "col", kind)        # 64 x 16
                B = m.matrix(db, N, lb == "row", kind)         # N x 16
                D = np.zeros((64, N))
                for i in range(N // 2):
                    row = 16 * warp + l // 4 + 8 * ((i // 2) % 2)
                    col = 8 * (i // 4) + 2 * (l % 4) + i % 2
                    D[row, col] = acc[i][lanes]
                D += A @ B.T
                for i in range(N // 2):
                    row = 16 * warp + l // 4 + 8 * ((i // 2) % 2)
                    col = 8 * (i // 4) + 2 * (l % 4) + i % 2
                    out_regs[i][lanes] = D[row, col]
            out = tuple(out_regs)
        elif n == "memref.load":
            array, elem, _ = m.memrefs[a[0]]
            index = tuple(np.broadcast_to(x, (T,))[mask] for x in a[1:])
            vals = np.zeros(T, dtype=np.float32)
            vals[mask] = (array[index].astype(np.float32) if elem == "f32"
                          else to_f32(array[index], elem))
            out = vals
        elif n == "memref.store":
            array, elem, _ = m.memrefs[a[1]]
            index = tuple(np.broadcast_to(x, (T,))[mask] for x in a[2:])
            v = np.broadcast_to(a[0], (T,))[mask].astype(np.float32)
            # The test's values are integers: exact in every type.
            array[index] = (v if elem == "f32" else
                            v.astype(np.float16).view(np.uint16)
                            if elem == "f16" else
                            (v.view(np.uint32) >> 16).astype(np.uint16))
        elif n == "scf.for":
            lb, ub, step = (int(x) for x in a[:3])
            values = list(a[3:])
            body = op.regions[0][0]
            for iv in range(lb, ub, step):
                env[body.args[0]] = np.int64(iv)
                for name, v in zip(body.args[1:], values):
                    env[name] = v
                values = yield from execute(body, env, mask, m)
            for name, v in zip(op.results, values):
                env[name] = v
            continue
        elif n == "scf.if":
            assert not op.results, "scf.if with results"
            cond = np.broadcast_to(a[0], (T,)) & mask
            then = op.regions[0]
            if len(op.regions) > 1 and op.regions[1][0].ops:
                # Two branches: uniform (the kernel's check of its inputs).
                assert (cond == mask).all() or not cond.any(), \
                    "divergent scf.if with an else branch"
                region = then if cond.any() else op.regions[1]
                yield from execute(region[0], env, mask, m)
                continue
            if not cond.any():
                continue
            if (cond == mask).all() or not has_wait(then):
                yield from execute(then[0], env, cond, m)
            else:
                # A role: its threads leave the lockstep.
                m.spawned.append(execute(then[0], dict(env), cond, m))
            continue
        elif n == "scf.yield":
            return a
        else:
            raise NotImplementedError(n)
        if op.results:
            env[op.results[0]] = out
    return []


def emulate(text, einsum, args):
    lines = text.splitlines()
    module, _ = parse_region(lines, 0)
    func = module[0].ops[0].regions[0][0].ops[0]
    body = func.regions[0][0]
    types = re.findall(r"memref<([\dx]+)x(f32|f16|bf16)(?:, [^>]*)?>",
                       re.search(r"function_type = \((.*?)\) ->", func.text)
                       .group(1))
    rng = np.random.default_rng(args.seed)
    memrefs, values = {}, []
    for index, (name, (shape, elem)) in enumerate(zip(body.args, types)):
        shape = tuple(int(s) for s in shape.split("x"))
        ints = rng.integers(-3, 4, size=shape).astype(np.float32)
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
    maps = []
    host = Machine(memrefs, maps, 1, 0)
    launch = find_launch(body.ops, env, host, maps, memrefs)
    grid = [int(env[x]) for x in launch.operands[0:3]]
    dims = [int(env[x]) for x in launch.operands[3:6]]
    smem = int(env[launch.operands[-1]])
    threads = dims[0]
    kernel = launch.regions[0][0]
    machines = []
    for z in range(grid[2]):
        for y in range(grid[1]):
            for x in range(grid[0]):
                machine = Machine(memrefs, maps, threads, smem)
                machines.append(machine)
                machine.smem[:] = 0xAB
                env2 = dict(env)
                ids = [np.int64(x), np.int64(y), np.int64(z),
                       np.arange(threads, dtype=np.int64), np.int64(0),
                       np.int64(0)] + [np.int64(v) for v in grid + dims]
                for name, v in zip(kernel.args, ids):
                    env2[name] = v
                main = execute(kernel, env2, np.ones(threads, dtype=bool),
                               machine)
                for _ in main:
                    raise AssertionError("the lockstep part waits")
                if not schedule(machine.spawned, machine, args.consumers_first):
                    print("emulated %s: deadlock in block (%d, %d, %d)"
                          % (name_of(func), x, y, z))
                    print("FAIL")
                    return 1
    expected = np.einsum(einsum, values[0], values[1])
    if not args.zero_destination:
        expected += values[2]
    array, elem, _ = memrefs[body.args[2]]
    got = (array if elem == "f32" else to_f32(array, elem)).astype(np.float64)
    error = np.abs(got - expected).max()
    print("emulated %s (%s, %d blocks of %d threads): max |error| = %g over "
          "%d elements" % (name_of(func), einsum, grid[0] * grid[1] * grid[2],
                           threads, error, got.size))
    if args.misalign:
        print("%d TMA copies" % sum(m.tma_copies for m in machines))
    print("PASS" if error == 0 else "FAIL")
    return 0 if error == 0 else 1


def find_launch(ops, env, host, maps, memrefs):
    """Runs the host code before the kernel (its tensor maps, the launch's
    sizes); returns the `gpu.launch`."""
    for op in ops:
        if op.name == "gpu.launch":
            return op
        if op.name == "stl.gpu_tensor_map":
            attr = lambda key: [int(x) for x in re.search(
                key + r" = array<i64(?:: ([-\d, ]+))?>", op.text)
                .group(1).split(", ")] if re.search(
                key + r" = array<i64: ", op.text) else []
            array, elem, base = memrefs[env[op.operands[0]]]
            eb = array.itemsize
            address = base + eb * int(re.search(
                r"offset = (\d+)", op.text).group(1))
            # The runtime gives a tensor TMA cannot copy no map.
            maps.append(None if address % 16 else {
                "address": address, "bytes": eb,
                "sizes": attr("sizes"), "strides": attr("strides"),
                "box": attr("box"), "swizzle": int(re.search(
                    r"swizzle = (\d+)", op.text).group(1))})
            env[op.results[0]] = np.int64(len(maps) - 1)
            continue
        block = Block([])
        block.ops.append(op)
        for _ in execute(block, env, np.ones(1, dtype=bool), host):
            pass
    raise AssertionError("no gpu.launch")


def schedule(tasks, machine, consumers_first):
    """Runs the tasks, each until it blocks, in turn; False on a deadlock
    (a round in which no task finished and no barrier moved)."""
    tasks = list(reversed(tasks)) if consumers_first else list(tasks)
    while tasks:
        before, finished = machine.events, False
        for task in list(tasks):
            try:
                next(task)
            except StopIteration:
                tasks.remove(task)
                finished = True
        if tasks and not finished and machine.events == before:
            return False
    return True


def name_of(func):
    return func.text.split('sym_name = "')[1].split('"')[0]


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("kernel")
    parser.add_argument("--consumers-first", action="store_true")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--zero-destination", action="store_true")
    parser.add_argument("--misalign", type=int, default=0,
                        help="start the inputs this many bytes past a 16-byte "
                        "boundary: expect the fallback unless a multiple of 16")
    parser.add_argument("--einsum", required=True, action="append")
    args = parser.parse_args(argv)
    modules = open(args.kernel).read().split("// -----")
    if len(modules) != len(args.einsum):
        print("emulate: %d modules but %d --einsum"
              % (len(modules), len(args.einsum)), file=sys.stderr)
        return 2
    failed = 0
    for text, einsum in zip(modules, args.einsum):
        try:
            failed += emulate(text, einsum, args)
        except AssertionError as error:
            print("emulated: the kernel did what its instructions forbid: %s"
                  % error)
            print("FAIL")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
