//===- Passes.td - GPU code generation passes --------------*- tablegen -*-===//
//
// The project's own steps of `--stl-gpu-pipeline` between bufferization and
// upstream's lowering of the `gpu` dialect to NVVM.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_PASSES_TD
#define STL_CODEGEN_GPU_PASSES_TD

include "mlir/Pass/PassBase.td"

def STLGPUContractionCodegen : Pass<"stl-gpu-contraction-codegen"> {
  let summary = "Choose a GPU code generation strategy per MatMul-like "
                "contraction from the target";
  let description = [{
    Part of `--stl-gpu-pipeline` (and `--stl-gpu-loops-pipeline`), after
    bufferization: the point where each linalg contraction on buffers (the
    STL tile product, encodings and decodings, dense MatMuls) gets its code
    generation strategy, chosen from the GPU target description (`chip`,
    `features`: the pipeline's). Strategies with a code generation of their
    own apply it here:

    * `mma-sync` (sm_80 and newer, `tensor-cores`): f16 / bf16 inputs, f32,
      f16 or bf16 destination, static shapes, unit-stride K or M / N in
      each input and 16-byte aligned strides. The contraction becomes a
      `gpu.launch` of a tensor-core kernel: block tiles copied into a
      multi-stage shared-memory pipeline with `cp.async`, fragments read
      with `ldmatrix`, `mma.sync.m16n8k16` with f32 accumulators, the
      destination's initial value added in the epilogue and the sum rounded
      once to its type (more accurate than the op's literal sequence of
      narrow roundings). The tile (`blockM x blockN x blockK`, warps,
      stages) is the largest of a list that divides M, N and K, or
      `mma-tile`; contractions it does not divide keep parallel loops.
    * `mma-sync` as TF32 (with `tf32`): the same for f32 inputs (16-byte
      aligned strides: multiples of 4 elements), each input element rounded
      once to TF32 (`cvt.rna.tf32.f32`: 10 bits of mantissa, to nearest,
      ties away from zero) and multiplied with `mma.sync.m16n8k8.tf32`,
      accumulated in f32. An operand whose contiguous dimension is not the
      reduction is read from shared memory a 32-bit element at a time
      (`ldmatrix.trans` moves 16-bit elements only). Off by default: it
      trades the op's f32 precision for the tensor cores' speed.
    * `wgmma` (sm_90a, with `wgmma`; it has not run on a GPU yet, so it is
      not the default): the same contractions, as long as each input
      depends on at most 3 batch loops. Warp-specialised blocks: one
      thread of a producer warpgroup copies each stage's tiles (64 of K)
      with TMA (`cp.async.bulk.tensor`, 128-byte swizzled, through tensor
      maps the host code makes right before the launch:
      `stl.gpu_tensor_map`), counted in bytes on an mbarrier; `blockM / 64`
      consumer warpgroups multiply with `wgmma.mma_async.m64nNk16` from
      shared memory (f32 accumulators), one group of them in flight, and
      release each stage on a second mbarrier. The tile (`blockM x
      blockN`, stages) is the largest of a list that divides M, N and K,
      or `wgmma-tile`; otherwise mma-sync is tried.
    * `parallel-loops`: the contraction is left to
      `--convert-linalg-to-parallel-loops` and
      `--stl-gpu-map-parallel-loops`, like every other linalg op (one thread
      per destination element, the reduction sequential in the thread).

    With `report-strategies`, a remark at each contraction names the
    strategy and why it was chosen. An invalid target, `mma-tile` or
    `wgmma-tile` is an error.
  }];
  let options = [
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_90\"",
           "Target GPU architecture (sm_80, sm_90, ...)">,
    Option<"features", "features", "std::string", /*default=*/"\"+ptx80\"",
           "PTX feature level (+ptx80 or newer for sm_90)">,
    Option<"reportStrategies", "report-strategies", "bool",
           /*default=*/"false",
           "Emit a remark at each contraction naming the strategy chosen "
           "for it and why">,
    Option<"tensorCores", "tensor-cores", "bool", /*default=*/"true",
           "Allow tensor-core strategies (mma-sync)">,
    ListOption<"mmaTile", "mma-tile", "int64_t",
               "The tensor-core tile instead of the one chosen per shape: "
               "blockM,blockN,blockK[,warpsM,warpsN[,stages]] (default "
               "warps 2,4, 4 stages)">,
    Option<"tf32", "tf32", "bool", /*default=*/"false",
           "Multiply f32 inputs on the tensor cores as TF32 (mma-sync: each "
           "input element rounded to 10 bits of mantissa, f32 "
           "accumulation), not in f32">,
    Option<"wgmma", "wgmma", "bool", /*default=*/"false",
           "Try the wgmma strategy first on sm_90a (TMA, mbarriers, "
           "warpgroup MMAs; not yet run on a GPU)">,
    ListOption<"wgmmaTile", "wgmma-tile", "int64_t",
               "The wgmma tile instead of the one chosen per shape: "
               "blockM,blockN[,stages] (block K 64)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::stl::STLDialect",
    "::mlir::gpu::GPUDialect",
    "::mlir::LLVM::LLVMDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::NVVM::NVVMDialect",
    "::mlir::scf::SCFDialect"
  ];
}

def STLGPUFuseElementwiseConsumers
    : Pass<"stl-gpu-fuse-elementwise-consumers"> {
  let summary = "Fuse element-wise consumers into the parallel loops that "
                "produce their operands";
  let description = [{
    Part of `--stl-gpu-pipeline` (and `--stl-gpu-loops-pipeline`), on
    tensors before bufferization: a parallel loop that stores every element
    of a fresh buffer (`memref.alloc`, read as a tensor through
    `bufferization.to_tensor restrict writable`: the GPU's per-tile
    decodings, `--convert-stl-to-linalg=per-tile-encodings`) whose tensor
    only one element-wise `linalg.generic` uses (all loops parallel, the
    tensor read with the identity map, or the generic's destination, which
    it does not read, as frontends' element-wise ops reuse an operand; its
    result written with the identity map; a body of pure scalar ops)
    computes the generic's elements instead: each store
    applies the generic's body to the stored value and the generic's other
    operands' elements (read at the mapped indices), into a fresh buffer of
    the generic's result type, which replaces the generic. A bias add and
    an activation after an STL MatMul run in the decoding's kernel, without
    a pass over the result; repeated, so a chain of them too.

    Left alone: a generic whose other operands, or values its body uses
    from above, are not defined before the loop, one that reads its
    destination or uses `linalg.index`, tensors with other users and loops
    whose buffer has other uses.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
}

def STLGPUFuseElementwiseProducers
    : Pass<"stl-gpu-fuse-elementwise-producers"> {
  let summary = "Fuse element-wise producers into the parallel loops that "
                "read their results";
  let description = [{
    Part of `--stl-gpu-pipeline` (and `--stl-gpu-loops-pipeline`), on
    tensors before bufferization: an element-wise `linalg.generic` (all
    loops parallel, its result written with the identity map and its
    destination not read, its inputs read with projected permutations, a
    body of pure scalar ops without `linalg.index`) whose result is read
    only by `tensor.extract` ops inside parallel loops (the GPU's per-tile
    encodings and decodings read their operands so) is computed at each
    read instead, from its inputs' elements, and goes away: a conversion or
    an activation before an STL MatMul runs in the encoding's kernel, a
    broadcast bias as the destination in the decoding's, without a pass
    over the tensor. Repeated, so a chain of them too. A producer with any
    other use is left alone (it would be computed twice).
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

def STLGPUCoarsenParallelLoops : Pass<"stl-gpu-coarsen-parallel-loops"> {
  let summary = "Give each thread several consecutive iterations of a "
                "parallel loop, their contiguous accesses as vector loads "
                "and stores";
  let description = [{
    Part of `--stl-gpu-pipeline` (and `--stl-gpu-loops-pipeline`), on
    buffers after bufferization and before the loops are mapped onto
    threads: the memory-bound loops (the per-tile encodings and decodings)
    otherwise make one 2- or 4-byte access per instruction. An outermost
    `scf.parallel` with zero lower bounds, unit steps and no reductions,
    whose body is one block of `memref.load`, `memref.store` and pure ops
    without regions, and whose stores all index their last dimension with
    `s * i + k` (`i` the same loop dimension, `0 <= k < s`) and their other
    dimensions with affine forms of the other loop variables and of values
    from above, is coarsened along `i`: each iteration computes `V`
    consecutive ones (the bound along `i` becomes `n / V`), op by op. The
    accesses of the `V` copies to one row (one buffer, the same other
    indices, every `k` of `[0, s)`) are `V * s` consecutive elements: they
    become vector loads and stores of up to `vector-bytes` bytes (16:
    `ld.global.v4`, `st.global.v4`), a vector store right after its values
    are computed when no load of the loop may read what a store writes.
    `V` is the smallest power of two that makes the narrowest such row
    `vector-bytes` long, at most `max-lanes` and at most
    `max-loaded-elements` over the loads of one iteration (the copies'
    loaded elements are live together), halved until it divides a static
    bound; with a dynamic bound, 1 (rows already that wide are still
    vectorised).

    Nothing tells the compiler how the caller's buffers are aligned, so
    each iteration branches (uniformly) on a condition computed once
    before the loop: every vectorised buffer's start (aligned pointer plus
    offset) and outer strides are multiples of its vector accesses' size
    and its innermost stride is 1; otherwise the copies run with scalar
    accesses.

    Left unchanged: loops whose body has other ops or nested regions,
    stores whose indices are not of that form or not provably at distinct
    elements, a load after a store to memory that may alias it (the vector
    accesses reorder them; distinct buffers are known apart when one is a
    `memref.alloc`, one buffer's elements when their indices differ by a
    constant), and loops without a row to vectorise.
  }];
  let options = [
    Option<"vectorBytes", "vector-bytes", "int64_t", /*default=*/"16",
           "Bytes of the widest vector access (a power of two, 4 to 16)">,
    Option<"maxLanes", "max-lanes", "int64_t", /*default=*/"8",
           "Most iterations a coarsened iteration computes (a power of "
           "two, 1 to 16)">,
    Option<"maxLoadedElements", "max-loaded-elements", "int64_t",
           /*default=*/"128",
           "Most elements a coarsened iteration loads (its copies' loads "
           "are live together: registers)">,
  ];
  let dependentDialects = [
    "::mlir::arith::ArithDialect",
    "::mlir::memref::MemRefDialect",
    "::mlir::scf::SCFDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def STLGPUFuseGridLoops : Pass<"stl-gpu-fuse-grid-loops"> {
  let summary = "Fuse a grid loop that reads the tiles another writes into "
                "that loop";
  let description = [{
    Part of `--stl-gpu-pipeline` (and `--stl-gpu-loops-pipeline`), on
    tensors before bufferization, after the element-wise fusions: a
    decoding's loop (`--convert-stl-to-linalg=per-tile-encodings`; a bias
    and an activation computed in it) stores a tile of a fresh buffer per
    iteration; the next MatMul's encoding of that result reads one tile of
    it per iteration. When their tiles are the same (the grids' bounds
    equal, and each `tensor.extract` of the tensor in the second loop at
    the indices, as affine forms of its induction variables, at which the
    first loop's same iteration stores), the second loop's body runs in
    the first's, reading the stored values instead: the activation between
    two STL MatMuls never goes through memory, and the two kernels are
    one. When the tensor has no other use, its buffer goes away.

    Left alone: loops with other bounds or steps, a read at indices no
    store of the same iteration writes, a second loop using values defined
    after the first (other than its own fresh buffers, moved before),
    storing a buffer that anything before it uses (its stores would come
    earlier), or with ops other than `tensor.extract`, `memref.store` to
    fresh buffers and memory-effect-free ops.
  }];
  let dependentDialects = ["::mlir::bufferization::BufferizationDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::tensor::TensorDialect"];
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
  let summary = "Put the buffers of the host code in CUDA managed (or "
                "device) memory";
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

    With `device`, for functions called with device buffers (a library
    whose caller keeps its tensors on the GPU, as ML runtimes do): buffers
    are allocated in device memory (`gpu.alloc`, from the runtime's
    stream-ordered pool) and globals are copied into device memory with
    `gpu.memcpy`; copies and deallocations are synchronous `gpu` ops, for
    `--gpu-async-region` (after kernel outlining, as `--stl-gpu-pipeline`
    runs it with `device-memory`) to chain on the function's one stream
    with the kernel launches. The host code then must not read or write any buffer
    itself: an op outside the kernels that does (a `memref.load`, a copy,
    a print) is an error naming it.
  }];
  let options = [
    Option<"device", "device", "bool", /*default=*/"false",
           "Allocate device memory instead of managed memory (the host "
           "code must touch no buffer)">,
  ];
  let dependentDialects = [
    "::mlir::gpu::GPUDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def STLGPULowerTensorMaps : Pass<"stl-gpu-lower-tensor-maps",
                                  "::mlir::ModuleOp"> {
  let summary = "Lower stl.gpu_tensor_map to calls of the CUDA runtime";
  let description = [{
    Part of `--stl-gpu-pipeline`, after kernel outlining and
    `--gpu-async-region` (to which the op is pure: no wait before it) and
    before the lowering to LLVM: each `stl.gpu_tensor_map` in host code
    becomes a call of the project's CUDA runtime,

    ```c
    uint64_t stlCudaTensorMap(uint64_t address, int64_t elementBytes,
                              int64_t rank, int64_t size0, ..., int64_t size4,
                              int64_t strideBytes1, ..., int64_t strideBytes4,
                              int64_t box0, ..., int64_t box4,
                              int64_t swizzleBytes);
    ```

    with the buffer's aligned address plus the op's offset, unused
    dimensions of size and box 1. The runtime encodes the map once per
    distinct description into device memory and returns its address.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

#endif // STL_CODEGEN_GPU_PASSES_TD
