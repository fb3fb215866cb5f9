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

#endif // STL_CODEGEN_COMMON_PASSES_TD
