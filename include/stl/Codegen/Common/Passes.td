//===- Passes.td - Target-neutral code generation ----------*- tablegen -*-===//
//
// Code generation steps that every target's pipeline may use.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_COMMON_PASSES_TD
#define STL_CODEGEN_COMMON_PASSES_TD

include "mlir/Pass/PassBase.td"

def STLMemRefCopyToLinalg : Pass<"stl-memref-copy-to-linalg"> {
  let summary = "Turn memref.copy into linalg.copy";
  let description = [{
    Part of `--stl-gpu-pipeline`, after bufferization: the copies that
    bufferization inserts (into padded buffers, out of slices, into the
    caller's destinations) become `linalg.copy`, so that they are lowered
    to parallel loops and run as GPU kernels like the rest of the
    computation, instead of running on the host.

    With `strided-only` (as `--stl-cpu-pipeline` runs it), only copies
    between memrefs that are not both contiguous become `linalg.copy`:
    those would otherwise lower to a call of `memrefCopy` from MLIR's
    runner library, which programs built by `stl-aot` do not link;
    contiguous copies stay `memref.copy` (a `memcpy`).
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
  let options = [
    Option<"stridedOnly", "strided-only", "bool", /*default=*/"false",
           "Only convert copies where the source or the target is not "
           "contiguous">,
  ];
}

def STLForwardTemporaryCopies : Pass<"stl-forward-temporary-copies"> {
  let summary = "Compute into a copy's target instead of a temporary copied "
                "there";
  let description = [{
    Part of `--stl-gpu-pipeline`, after bufferization: a `memref.copy` of a
    temporary (a `memref.alloc` of the target's type, in the copy's block)
    into a target defined before the temporary (the caller's destination,
    say) is removed, and what wrote the temporary writes the target
    instead: one pass over the data less (the GPU's encodings and
    decodings compute into fresh buffers, which a result materialized into
    the caller's destination is otherwise copied out of).

    Only where it cannot change a result: the temporary's other uses are
    all between its allocation and the copy, or deallocations after it;
    and every memory access between the two is to a buffer allocated in
    the function (or a constant global) other than the target, so that
    writing the target early cannot clobber anything read before the copy
    (function arguments may alias the target: an access to one keeps the
    copy). Unknown effects keep it too.
  }];
}

def STLCheckLoweredToLLVM : Pass<"stl-check-lowered-to-llvm"> {
  let summary = "Fail when an op other than the LLVM dialect's is left";
  let description = [{
    The last step of `--stl-cpu-pipeline`: the pipeline must either produce
    what `mlir-runner` and `mlir-translate --mlir-to-llvmir` take, or fail.
    The pass walks the ops nested in the one it runs on and fails on the
    first op (in program order) that is not of the `llvm` dialect, a
    `builtin.module`, or of a dialect in `allow-dialects` (the CPU
    pipeline allows `omp` with `parallel`: `mlir-translate` translates it).
    The error is at the op's location and names the op and its dialect,
    saying that the CPU pipeline cannot lower it; a note counts the other
    ops left and names their kinds. Ops left by an unconverted dialect are
    reported before the `builtin.unrealized_conversion_cast`s that connect
    them to converted code (a cast that did not reconcile is reported with
    its types when nothing else is left).

    For instance, `complex` ops (the pipeline has no conversion for that
    dialect), `tosa`, `shape` or `gpu` ops outside GPU kernels are left and
    reported here. Ops that an earlier conversion refuses (`math.isinf`, for
    which neither LLVM nor libm has a lowering, in `--convert-math-to-libm`)
    fail the pipeline there, with that conversion's error.
  }];
  let options = [
    ListOption<"allowDialects", "allow-dialects", "std::string",
               "Dialects whose ops may be left besides llvm's (e.g. omp, "
               "which mlir-translate translates too)">,
  ];
}

def STLReuseWorkspace : Pass<"stl-reuse-workspace", "::mlir::ModuleOp"> {
  let summary = "Keep functions' temporary buffers in module-owned memory "
                "reused across calls";
  let description = [{
    A function that allocates its temporaries on every call (the STL
    encodings, products and decoding buffers, the packed operands of its
    MatMuls) pays for the allocator and, for large blocks, which glibc maps
    afresh each time, for the page faults of memory it touches for the
    first time. This pass gives each function a workspace owned by the
    module: every `memref.alloc` of static shape in the entry block of a
    single-block `func.func` (not nested in a loop or a parallel region),
    whose buffer does not escape (it and its views are not returned,
    yielded or handed to an op that returns a memref), becomes a private
    uninitialized `memref.global` of the module, aligned as the alloc was,
    and its `memref.dealloc`s go.

    Calls may come from several threads at once, or recursively: each
    function has a lock (a private i32 global) that a call takes with an
    atomic exchange on entry and gives back before returning. The call
    that holds it uses the module's buffers; a call that finds it taken
    allocates and frees its own, as before the pass. Results are the same
    either way; only the first call that holds the lock faults the
    workspace's pages in, and they stay mapped for the module's lifetime
    (a memory cost of the size of the function's static temporaries).

    Allocations of dynamic size, in a memory space, or in nested regions
    are left alone, as are functions inside `gpu.module`s, declarations
    and functions with more than one block. Part of `--stl-cpu-pipeline`
    (`reuse-workspace`, on by default), after code generation created its
    buffers.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

#endif // STL_CODEGEN_COMMON_PASSES_TD
