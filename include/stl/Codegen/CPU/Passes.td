//===- Passes.td - CPU code generation passes --------------*- tablegen -*-===//
//
// The steps of `--stl-cpu-pipeline` after bufferization that the project
// adds to upstream's lowering.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_CPU_PASSES_TD
#define STL_CODEGEN_CPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def STLCPUFuseEncodings : Pass<"stl-cpu-fuse-encodings"> {
  let summary = "Compute stl.matmul by the packed micro-kernel, the "
                "encodings fused into its packing";
  let description = [{
    Part of `--stl-cpu-pipeline`, on tensors before `stl` is lowered to
    linalg. Every `stl.matmul` whose sizes are static, whose operands and
    destination have one element type, f32 or f64 (no `encoded_type`), and
    whose scheme is sparse (at most 16 nonzero coefficients of U, V and D
    per channel on average) becomes the MatMul it computes: a
    `linalg.generic` (batch loops, M, N, K; shared weights kept shared)
    carrying the scheme as `stl.fused_scheme`. After bufferization,
    `--stl-cpu-vectorize-contractions` generates it with the
    packed-micro-kernel strategy, computing the scheme on blocks: the
    packing of each operand block computes its encoding for one channel of
    the scheme, and the micro-kernel's write-back its decoding, so that no
    encoded operand, product or decoding buffer is ever stored whole.

    An exact scheme computes the MatMul (up to rounding) for any grouping
    of rows and columns into tiles, so the blocks are contiguous quadrants
    and the generic's own semantics hold: code generation that does not
    read the attribute computes the same result. An approximate scheme's
    result depends on which elements share a tile (STL.md section 2): its
    operands' tiles are first spread over the blocks (element (i, j) of
    tile (I, J) becomes element (I, J) of block (i, j), one copy of each
    operand), the fused MatMul computes into a zero-filled tensor, and the
    product is gathered back into tiles and added into the destination
    (written over it when that is a zero fill). There the attribute is the
    op's meaning: `--stl-cpu-vectorize-contractions` fails on such a
    generic rather than compute it without the scheme.

    Schemes with dense coefficients (the fitted rank-24 4x4x4: 48 per
    channel; the packing would sum that many blocks per channel, where the
    unfused encodings are contractions run once), integer MatMuls, mixed
    precision, dynamic sizes, and `stl.matmul`s whose constant weight was
    encoded at compile time (by `--stl-fold-constant-encodings`, before
    this pass) keep the unfused lowering (`--convert-stl-to-linalg`).
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark at each stl.matmul saying whether it is fused "
           "and, if not, why">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def STLCPUPackContractions : Pass<"stl-cpu-pack-contractions"> {
  let summary = "Lay out MatMul-like contractions on tensors row-major for "
                "the CPU vector strategy";
  let description = [{
    Part of `--stl-cpu-pipeline` (with `vectorize`), on linalg on tensors
    before bufferization. Every MatMul-like contraction (batch, M, N and K
    loops as `linalg::inferContractionDims` reads them: linalg.matmul and
    its transposed forms, batched forms, generics such as the encodings and
    decodings of `--convert-stl-to-linalg`) whose sizes are static and whose
    accumulator is f32 or f64 (inputs of any float type), but which
    `--stl-cpu-vectorize-contractions` would not take because of its layout
    (not row-major: N innermost in the destination and the rhs, K innermost
    in the lhs; an innermost K below 16 while the K loops together reach
    16; a reshaped destination), is rewritten into one that it takes:

    * the loops are renumbered (batch, M, N, K; in each role the innermost
      loop of the layouts last); a short innermost K is merged with the K
      loops around it into one loop (an encoding's (a, b) tile loops become
      `a * colTile + b`);
    * an input whose innermost dimension is wrong (or which holds loops to
      merge apart) is copied by a `linalg.generic` into a fresh tensor laid
      out `[B..., M..., K...]` (lhs) or `[B..., K..., N...]` (rhs); one that
      only has loops to merge is collapsed (`tensor.collapse_shape`, folded
      for constants);
    * a destination whose innermost dimension is not N, or which is a
      reshaped view, is replaced by a fresh zero-filled `[B..., M..., N...]`
      tensor (its M loops merged into one when the lhs allows), and the
      contraction's result is added into the original destination by an
      elementwise `linalg.generic` (accumulators are never reshaped: the
      vector strategy keeps a tile of a destination in registers only when
      it is a buffer of its own).

    Other contractions are left alone (with `report`, a remark at each
    contraction says which operands were packed, or why it was left alone).
  }];
  let options = [
    Option<"report", "report", "bool", /*default=*/"false",
           "Emit a remark at each contraction saying how it was laid out, or "
           "why it was left alone">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::linalg::LinalgDialect",
    "::mlir::tensor::TensorDialect"
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

    Contractions with one K loop, a reduction of at least 64 and at least
    one register tile along M and N (or a `stl.fused_scheme` from
    `--stl-cpu-fuse-encodings`: the scheme is then computed on blocks, its
    encodings in the packing, its decoding in the write-back) instead take
    the
    packed-micro-kernel strategy (with `packing`, the default), as BLAS
    libraries compute a MatMul: for each cache block (`cache-tiles`: limits
    on M, N, K, balanced over the sizes and rounded up to the register
    tile; default 144, 4096 and K as deep as a 32 KiB panel of B allows,
    at most 512), panels of B and of A
    are copied into buffers in the order the micro-kernel reads them
    (zero-padded to whole register tiles, so any sizes are taken), and the
    micro-kernel (register tile: the fewest loads per FMA that fits the
    target's registers, weighed by N's padding: 4 x 24 f32 with AVX2 for
    wide N, 6 x 16 for narrow; 8 x 32 with AVX-512) holds an M x N
    register tile in vectors
    across the block's
    K, broadcasting elements of the A panel and loading rows of the B
    panel, then adds it into the destination (prefetched; tiles that the
    sizes cut go through a small buffer). Batch loops and M and N loops
    other than the innermost ones are iterated around that nest.

    Batch dimensions and other M or N dimensions are tiled by 1. Ops that
    do not qualify are left to the loop lowering. With 16 AVX-512 lanes, the
    default micro-kernel 8 x 32 keeps 16 accumulator registers.

    With `parallel`, the packed strategy's loops over B's panels (packing)
    and over the row blocks, and the unpacked strategy's outermost
    cache-block loop over a parallel dimension with at least two blocks
    (the products of an STL tile product, the row blocks of a MatMul), are
    `scf.parallel` loops instead of `scf.for`: their iterations write
    disjoint parts of the buffers, and `--convert-scf-to-openmp` shares
    them among threads.
  }];
  let options = [
    ListOption<"cacheTiles", "cache-tiles", "int64_t",
               "M, N, K of a cache block (default 64,256,128; packed: the "
               "limits, default 144,4096,512 with K capped by a 32 KiB B "
               "panel)">,
    ListOption<"registerTiles", "register-tiles", "int64_t",
               "M, N, K of the register micro-kernel (default 8,32,4)">,
    Option<"parallel", "parallel", "bool", /*default=*/"false",
           "Make the outermost block loop over a parallel dimension an "
           "scf.parallel">,
    Option<"packing", "packing", "bool", /*default=*/"true",
           "Pack the operands of contractions with a reduction of at least "
           "64 into the micro-kernel's order (the packed-micro-kernel "
           "strategy); false keeps every contraction on the unpacked "
           "vector-outer-product strategy">,
    Option<"targetCPU", "target-cpu", "std::string", /*default=*/"\"\"",
           "The CPU to generate code for: empty (the default description: "
           "512-bit vectors, 32 registers), host, or a CPU name LLVM knows "
           "for the host's architecture (as llc -mcpu)">,
    Option<"targetTriple", "target-triple", "std::string",
           /*default=*/"\"\"",
           "The architecture target-cpu is of, as an LLVM triple (empty: "
           "the host's; e.g. aarch64-linux-gnu to cross-compile for NEON)">,
    Option<"reportStrategies", "report-strategies", "bool",
           /*default=*/"false",
           "Emit a remark at each contraction naming the strategy chosen "
           "for it and why">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def STLCPUParallelizeElementwise : Pass<"stl-cpu-parallelize-elementwise"> {
  let summary = "Share the elementwise linalg ops on large buffers among "
                "OpenMP threads";
  let description = [{
    Part of `--stl-cpu-pipeline` with `parallel`, after
    `--stl-cpu-vectorize-contractions`: every linalg op on buffers whose
    loops are all parallel (fills, copies, elementwise generics, the
    permutations of the STL lowering that spread tiles over blocks or
    gather them back), with static sizes and at least `min-elements`
    iterations, is tiled by 1 along its outermost loop into an
    `scf.parallel` (when that loop has at least two iterations), which
    `--convert-scf-to-openmp` shares among threads; each iteration is the
    same op on a slice, lowered as before (fills stored as vectors, the
    rest as loops). So the unfused STL lowering's encodings' inputs,
    zero fills and decoding permutation run on the threads as its
    contractions do. Smaller ops stay serial: starting threads would cost
    more than they save.
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"65536",
           "The fewest iterations an op must have to be shared among "
           "threads">,
  ];
  let dependentDialects = [
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect"
  ];
}

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

#endif // STL_CODEGEN_CPU_PASSES_TD
