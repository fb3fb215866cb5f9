//===- Passes.td - Strassen-Tile conversion passes ---------*- tablegen -*-===//

#ifndef STL_CONVERSION_PASSES_TD
#define STL_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSTLToLinalg : Pass<"convert-stl-to-linalg"> {
  let summary = "Lower every stl op to linalg, tensor and arith on tensors";
  let description = [{
    `stl.matmul` is first decomposed (as by `--stl-decompose`); then each op
    becomes MatMul-shaped linalg ops, so that code generators treat all
    three like MatMuls (row-major operands, the long dimension innermost):

    * `stl.encode`: the operand viewed as a grid of tiles
      (`tensor.expand_shape`) is copied so that each tile is a column
      (`columns[(a,b), G1, G2] = in[G1, a, G2, b]`), then multiplied by the
      scheme's `U` or `V` (an `r x (tile size)` `arith.constant`) in a
      `linalg.generic` MatMul into the zero-filled destination;
    * `stl.tile_product` becomes a `linalg.generic` batched MatMul over the
      channels (with `arith.extf` when the operands are narrower than the
      accumulator);
    * `stl.decode`: `D` (`(m*n) x r`) times the products, a MatMul into a
      fresh buffer `q`, then added to the destination's tiles, reading
      `q[a*n + c, I, J]`.

    Accumulators are never reshaped (no `collapse_shape` / `expand_shape`
    of a MatMul's destination), so that the CPU code generator can hold
    them in registers.

    Dynamic sizes are supported (the grid sizes are computed at run time);
    with dynamic sizes, encodings and decodings are each one
    `linalg.generic` contraction on the tiled view instead. Operands whose
    types are dynamic but whose sizes are known (`tensor.cast` from static
    types) are refined first.

    Run on a module, stl ops that occur more than once with the same
    attributes, types and destination form are outlined into one private
    function each and lowered once (a model with many identical layers
    compiles its kernels once); an op that occurs once stays inline.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

//===----------------------------------------------------------------------===//
// Towards the GPU (parts of --stl-gpu-pipeline)
//===----------------------------------------------------------------------===//

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

def STLGPUMapParallelLoops : Pass<"stl-gpu-map-parallel-loops"> {
  let summary = "Tile parallel loops and map them onto GPU blocks and threads";
  let description = [{
    Part of `--stl-gpu-pipeline`, after `--convert-linalg-to-parallel-loops`
    and before `--convert-parallel-loops-to-gpu`. Every outermost
    `scf.parallel` is tiled by `tile-sizes`, aligned with its innermost
    dimensions (`tile-sizes=8,32` tiles a `(r, i, j)` loop by `(1, 8, 32)`
    and an `(i, j)` loop by `(8, 32)`); the loop over tiles is mapped onto
    blocks and the loop within a tile onto threads, innermost dimension
    first (`x`, then `y`, then `z`), so that consecutive threads of a warp
    touch consecutive elements. Dimensions beyond the third run
    sequentially inside each block or thread. Partial tiles are guarded by
    `scf.if` (no `affine.min` bounds), so a block always has the same
    number of threads.

    The tile sizes give the threads of a block: at most three of them,
    each positive, whose product is at most 1024.
  }];
  let options = [
    ListOption<"tileSizes", "tile-sizes", "int64_t",
               "Threads per block along the innermost loop dimensions "
               "(outermost first; default 8,32)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def STLGPUManagedMemory : Pass<"stl-gpu-managed-memory", "::mlir::ModuleOp"> {
  let summary = "Put the buffers of the host code in CUDA managed memory";
  let description = [{
    Part of `--stl-gpu-pipeline`, after `--convert-parallel-loops-to-gpu`
    and before kernel outlining: every buffer that the host code allocates
    becomes accessible from both the host and the GPU.

    * `memref.alloc` becomes `gpu.alloc host_shared` (CUDA managed memory)
      and `memref.dealloc` becomes `gpu.dealloc`;
    * `memref.get_global` (scheme coefficients, encoded constant weights)
      becomes a host-shared buffer initialised from the global with
      `memref.copy`, and freed at the end of the block that reads it.

    Buffers passed in by the caller must be device accessible too: managed
    memory (`stlCudaAllocManaged` of the project's CUDA runtime, or
    `cudaMallocManaged`) or device memory.
  }];
  let dependentDialects = [
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

//===----------------------------------------------------------------------===//
// CPU code generation (part of --stl-cpu-pipeline)
//===----------------------------------------------------------------------===//

def STLCPUVectorizeFills : Pass<"stl-cpu-vectorize-fills"> {
  let summary = "Store linalg.fill on buffers as vector stores";
  let description = [{
    Part of `--stl-cpu-pipeline`, after bufferization. Every `linalg.fill`
    of a buffer with static sizes whose innermost dimension is contiguous
    and a multiple of 8 is tiled along that dimension by the largest of 64,
    32, 16 and 8 that divides it, vectorized and lowered to 1-D
    `vector.store`s of the broadcast value. Other fills are left to the loop
    lowering (one scalar store per element). The STL lowering zero-fills
    the encodings, the products and the decoding buffer, r/16 times the
    size of the operands.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def STLCPUVectorizeContractions : Pass<"stl-cpu-vectorize-contractions"> {
  let summary = "Tile MatMul-like contractions on buffers for the caches and "
                "registers, and turn them into vector FMAs";
  let description = [{
    Part of `--stl-cpu-pipeline`, after bufferization. Every linalg
    contraction on buffers whose sizes are static, whose element types are
    one floating-point type, and whose innermost reduction has at least 16
    elements (the STL tile product and dense MatMuls; not the encodings,
    whose reductions are over a tile) is

    1. tiled for the caches (`cache-tiles`: M, N, K of a block), then for
       the registers (`register-tiles`: M, N, K of the micro-kernel); tile
       sizes are shrunk to divisors of the sizes, so every tile is full;
    2. vectorized, the micro-kernel becoming `register-tiles[0]` rows of
       vector FMAs of `register-tiles[1]` elements per step of K (outer
       products), with the accumulator held in registers across the K loop
       (its read and write are moved out of the loop when nothing else in
       the loop touches the destination).

    Batch dimensions and other M or N dimensions are tiled by 1. Ops that
    do not qualify are left to the loop lowering. With 16 AVX-512 lanes, the
    default micro-kernel 8 x 32 keeps 16 accumulator registers.

    With `parallel`, the outermost cache-block loop over a parallel
    dimension with at least two blocks (the products of an STL tile
    product, the row blocks of a MatMul) is an `scf.parallel` instead of an
    `scf.for`: its iterations write disjoint blocks of the destination, and
    `--convert-scf-to-openmp` shares them among threads.
  }];
  let options = [
    ListOption<"cacheTiles", "cache-tiles", "int64_t",
               "M, N, K of a cache block (default 64,256,128)">,
    ListOption<"registerTiles", "register-tiles", "int64_t",
               "M, N, K of the register micro-kernel (default 8,32,4)">,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Make the outermost block loop over a parallel dimension an "
           "scf.parallel">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def STLCPUMathToF32 : Pass<"stl-cpu-math-to-f32"> {
  let summary = "Compute math functions of floats narrower than f32 in f32";
  let description = [{
    Part of `--stl-cpu-pipeline`, before the math functions are lowered.
    Every `math` op with a floating-point operand or result narrower than
    f32 (f16, bf16, 8-bit floats; scalars or vectors) is computed in f32:
    its narrow operands are extended (`arith.extf`), the op is computed on
    f32, and its narrow results are rounded back once (`arith.truncf`).
    Integer operands (the exponent of `math.fpowi`) and results (the `i1`
    of `math.isnan`) keep their types. Then libm's f32 functions apply
    (there are none for f16 or bf16), and LLVM rounds nothing to bf16
    itself (it would call `__truncsfbf2`, which GCC 12's runtime lacks: the
    CPU pipeline expands bf16 conversions to integer code).

    Unlike upstream's `--math-extend-to-supported-types`, it also computes
    `math.fma` in f32 (the product of two f16 or bf16 numbers is exact in
    f32, the sum is rounded to f32, then to the narrow type), and the
    conversions it adds carry no fastmath flags (`--convert-arith-to-llvm`
    leaves an `#arith.fastmath` attribute on `llvm.fpext` / `llvm.fptrunc`,
    which `mlir-runner` cannot parse). bf16 scalars and 1-D vectors are
    extended with `llvm.fpext` rather than `arith.extf` (which the CPU
    pipeline expands to integer code whose sign bit LLVM 22's x86 backend
    can lose: copysign and absf of bf16 came out wrong).
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::LLVM::LLVMDialect"
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

#endif // STL_CONVERSION_PASSES_TD
