//===- Pipelines.h - Registered Strassen-Tile pipelines ---------*- C++ -*-===//

#ifndef STL_PIPELINES_PIPELINES_H
#define STL_PIPELINES_PIPELINES_H

#include "stl/Codegen/GPU/Passes.h"

#include "mlir/Pass/PassOptions.h"
#include "mlir/Support/LLVM.h"

namespace mlir {
class OpPassManager;
namespace stl {

/// Options of `--stl-cpu-pipeline`.
struct STLCPUPipelineOptions
    : public PassPipelineOptions<STLCPUPipelineOptions> {
  PassOptions::Option<bool> deallocate{
      *this, "deallocate",
      llvm::cl::desc("Insert buffer deallocations (ownership-based)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile MatMul-like contractions and turn them into vector "
                     "FMAs (--stl-cpu-vectorize-contractions), and store "
                     "fills as vectors (--stl-cpu-vectorize-fills)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> parallel{
      *this, "parallel",
      llvm::cl::desc("Share the vectorized contractions' outermost parallel "
                     "block loops among threads with OpenMP (the program "
                     "then needs libomp at run time)"),
      llvm::cl::init(false)};
  PassOptions::Option<std::string> targetCPU{
      *this, "target-cpu",
      llvm::cl::desc("The CPU to generate code for (the CPU target "
                     "description the code generation strategies are chosen "
                     "from): empty for the default description (512-bit "
                     "vectors, 32 vector registers), host, or a CPU name "
                     "LLVM knows for the host's architecture (as llc -mcpu)"),
      llvm::cl::init("")};
  PassOptions::Option<std::string> targetTriple{
      *this, "target-triple",
      llvm::cl::desc("The architecture of target-cpu as an LLVM triple "
                     "(empty: the host's; e.g. aarch64-linux-gnu to "
                     "cross-compile: the LLVM IR is then for llc "
                     "-mtriple=<it>)"),
      llvm::cl::init("")};
  PassOptions::Option<bool> packing{
      *this, "packing",
      llvm::cl::desc("Pack the operands of contractions with long "
                     "reductions for the micro-kernel (the "
                     "packed-micro-kernel strategy of "
                     "--stl-cpu-vectorize-contractions)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> fuseEncodings{
      *this, "fuse-encodings",
      llvm::cl::desc("Compute exact schemes (f32, f64) by the packed "
                     "micro-kernel with their encodings fused into its "
                     "packing (--stl-cpu-fuse-encodings; needs packing)"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> reuseWorkspace{
      *this, "reuse-workspace",
      llvm::cl::desc("Keep each function's temporary buffers of static "
                     "size in module-owned memory reused across calls "
                     "(--stl-reuse-workspace; a concurrent call allocates "
                     "its own)"),
      llvm::cl::init(true)};
  PassOptions::ListOption<int64_t> cacheTiles{
      *this, "cache-tiles",
      llvm::cl::desc("M, N, K of the contractions' cache blocks (default: "
                     "chosen per strategy)")};
  PassOptions::ListOption<int64_t> registerTiles{
      *this, "register-tiles",
      llvm::cl::desc("M, N, K of the register micro-kernel (default: "
                     "fitted to target-cpu)")};
};

/// Lowers a module using `stl`, `linalg`, `tensor`, `arith`, `math`,
/// `vector`, `bufferization` and `func` on tensors, as frontends emit it, all
/// the way to the LLVM dialect: stl to linalg, elementwise `arith` / `math`
/// ops on tensors to linalg, one-shot bufferization (function boundaries
/// included, identity layouts), contractions as vector FMAs and fills as
/// vector stores (`vectorize`; with `parallel`, contractions' block loops on
/// OpenMP threads), linalg to loops, the program's own vector transfers of
/// rank > 1 and n-D prints to loops of 1-D ones, math functions of f16 and
/// bf16 in f32 (`--stl-cpu-math-to-f32`), bf16 arithmetic emulated in f32
/// and bf16 conversions expanded to integer code (no runtime helper
/// needed), math functions as LLVM intrinsics where LLVM has them and libm
/// calls otherwise (erf, cbrt, ...; integer powers as generated functions),
/// and the conversions to LLVM. The result runs with `mlir-runner` or
/// translates to LLVM IR; what the pipeline cannot lower is an error
/// (`--stl-check-lowered-to-llvm` names the first op left), never output
/// those tools refuse.
void buildSTLCPUPipeline(OpPassManager &pm,
                         const STLCPUPipelineOptions &options);

/// Checks the options of `--stl-cpu-pipeline` (the target CPU is one LLVM
/// knows): returns an empty string when they are valid, otherwise the
/// problem (naming the option).
std::string checkSTLCPUPipelineOptions(const STLCPUPipelineOptions &options);

/// --stl-gpu-coarsen-parallel-loops' budget of loaded elements a thread in
/// the GPU pipelines: 4 cells a thread for a 4x4-tile encoding (16 loads a
/// cell), 2 for strassen-4x4x4's decoding (49), without spilling.
inline constexpr int64_t kDefaultCoarsenLoadedElements = 100;

/// The options of the GPU loop stage, shared by `--stl-gpu-loops-pipeline`
/// and `--stl-gpu-pipeline` (`Derived` is the options struct).
template <typename Derived>
struct STLGPULoopsOptionsBase : public PassPipelineOptions<Derived> {
  ::mlir::detail::PassOptions::ListOption<int64_t> tileSizes{
      *this, "tile-sizes",
      llvm::cl::desc("Threads of a block along the innermost loop dimensions "
                     "(outermost first; default 8,32): each parallel loop is "
                     "tiled by them, tiles go to blocks")};
  ::mlir::detail::PassOptions::Option<bool> deallocate{
      *this, "deallocate",
      llvm::cl::desc("Insert buffer deallocations (ownership-based)"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<bool> coarsenLoops{
      *this, "coarsen-loops",
      llvm::cl::desc("Give each thread of the memory-bound loops (the "
                     "encodings and decodings) several cells and vector "
                     "accesses (--stl-gpu-coarsen-parallel-loops)"),
      llvm::cl::init(true)};
  ::mlir::detail::PassOptions::Option<int64_t> coarsenLoadedElements{
      *this, "coarsen-loaded-elements",
      llvm::cl::desc("Most elements a thread of a coarsened loop loads "
                     "(--stl-gpu-coarsen-parallel-loops' max-loaded-elements)"),
      llvm::cl::init(kDefaultCoarsenLoadedElements)};
};

/// Checks the options the GPU loop stage adds to the tile sizes (which
/// --stl-gpu-map-parallel-loops checks): returns an empty string when they
/// are valid, otherwise the problem (naming the option).
std::string checkSTLGPULoopsOptions(int64_t coarsenLoadedElements);

/// Options of `--stl-gpu-loops-pipeline`.
struct STLGPULoopsPipelineOptions
    : public STLGPULoopsOptionsBase<STLGPULoopsPipelineOptions> {};

/// Options of `--stl-gpu-pipeline`.
struct STLGPUPipelineOptions
    : public STLGPULoopsOptionsBase<STLGPUPipelineOptions> {
  PassOptions::Option<std::string> chip{
      *this, "chip",
      llvm::cl::desc("Target GPU architecture (sm_80, sm_90, ...)"),
      llvm::cl::init("sm_90")};
  PassOptions::Option<std::string> features{
      *this, "features",
      llvm::cl::desc("PTX feature level (+ptx80 or newer for sm_90)"),
      llvm::cl::init("+ptx80")};
  PassOptions::Option<std::string> format{
      *this, "format",
      llvm::cl::desc("Kernel binary format: isa (PTX text, needs no CUDA), "
                     "bin (cubin, runs ptxas), fatbin (needs ptxas and "
                     "fatbinary), llvm (NVVM IR)"),
      llvm::cl::init("isa")};
  PassOptions::Option<int> optLevel{
      *this, "opt-level",
      llvm::cl::desc("Optimisation level of the kernel code (0 to 3)"),
      llvm::cl::init(2)};
  PassOptions::Option<bool> tensorCores{
      *this, "tensor-cores",
      llvm::cl::desc("Generate tensor-core kernels (mma-sync, sm_80 and "
                     "newer) for the contractions that allow them"),
      llvm::cl::init(true)};
  PassOptions::Option<bool> deviceMemory{
      *this, "device-memory",
      llvm::cl::desc("Allocate the host code's buffers in device memory "
                     "instead of managed memory, for functions called with "
                     "device buffers whose host code touches none (an error "
                     "otherwise)"),
      llvm::cl::init(false)};
  PassOptions::ListOption<int64_t> mmaTile{
      *this, "mma-tile",
      llvm::cl::desc("The tensor-core tile instead of the one chosen per "
                     "shape: blockM,blockN,blockK[,warpsM,warpsN[,stages]]")};
  PassOptions::Option<bool> tf32{
      *this, "tf32",
      llvm::cl::desc("Multiply f32 inputs on the tensor cores as TF32 "
                     "(inputs rounded to 10 bits of mantissa, f32 "
                     "accumulation) instead of in f32"),
      llvm::cl::init(false)};
  PassOptions::Option<bool> wgmma{
      *this, "wgmma",
      llvm::cl::desc("Try the wgmma tensor-core strategy first on sm_90a "
                     "(TMA, mbarriers, warpgroup MMAs; not yet run on a "
                     "GPU, hence opt-in)"),
      llvm::cl::init(false)};
  PassOptions::ListOption<int64_t> wgmmaTile{
      *this, "wgmma-tile",
      llvm::cl::desc("The wgmma tile instead of the one chosen per shape: "
                     "blockM,blockN[,stages]")};
};

/// Lowers stl and linalg on tensors to linalg on buffers: constant
/// encodings folded, stl to linalg, elementwise ops on tensors (`arith`,
/// `math`: a bias add, a ReLU) to linalg, one-shot bufferization (function
/// boundaries included, identity layouts), and, with `deallocate`, the
/// ownership-based deallocation pipeline. The common start of the CPU and
/// GPU pipelines.
/// `stlCodegen`, when given, adds a target's passes on `stl` ops (after the
/// constant encodings are folded, before the lowering to linalg);
/// `tensorCodegen` its passes on linalg on tensors (after the lowering to
/// linalg, before bufferization). `perTileEncodings` is
/// --convert-stl-to-linalg's option (float encodings and decodings as
/// parallel loops over the grid of tiles, coefficients folded: the GPU's).
void buildSTLBufferizationPipeline(
    OpPassManager &pm, bool deallocate,
    function_ref<void(OpPassManager &)> tensorCodegen = {},
    function_ref<void(OpPassManager &)> stlCodegen = {},
    bool perTileEncodings = false);

/// The first half of `--stl-gpu-pipeline`: stl and linalg on tensors to
/// bufferized `scf.parallel` loops, tiled and mapped onto GPU blocks and
/// threads (`--stl-gpu-map-parallel-loops`), still in host functions. The
/// CPU can run this stage (`--stl-cpu-pipeline=deallocate=false` lowers the
/// mapped loops sequentially), which is how the tests check the
/// bufferization and tiling of the GPU path on machines without a GPU.
/// `codegen` holds --stl-gpu-contraction-codegen's options: the GPU the
/// contractions' strategies are chosen for (`chip`, `features`) and the
/// tensor-core options (`--stl-gpu-loops-pipeline` turns tensor cores off:
/// their kernels do not run on the CPU). `coarsenLoops` and
/// `coarsenLoadedElements` are the options of those names.
void buildSTLGPULoopsPipeline(
    OpPassManager &pm, ArrayRef<int64_t> tileSizes, bool deallocate,
    const STLGPUContractionCodegenOptions &codegen, bool coarsenLoops = true,
    int64_t coarsenLoadedElements = kDefaultCoarsenLoadedElements);

/// Lowers the same input as `--stl-cpu-pipeline` for NVIDIA GPUs: the
/// bufferized linalg ops become parallel loops, tiled and mapped onto blocks
/// and threads (`--stl-gpu-map-parallel-loops`), converted to `gpu.launch`
/// with their buffers in managed memory (`--stl-gpu-managed-memory`); then
/// upstream's `--gpu-lower-to-nvvm-pipeline` outlines the kernels, lowers
/// them to NVVM, serialises them (`gpu.binary` in the requested format) and
/// lowers the host code to the LLVM dialect, calling the `mgpu*` runtime
/// functions (the project's `stl_cuda_runtime` library implements them).
/// The options must be valid (see `checkSTLGPUPipelineOptions`).
void buildSTLGPUPipeline(OpPassManager &pm,
                         const STLGPUPipelineOptions &options);

/// Checks the options of `--stl-gpu-pipeline`: returns an empty string when
/// they are valid, otherwise the problem (naming the option).
std::string checkSTLGPUPipelineOptions(const STLGPUPipelineOptions &options);

/// Registers `--stl-cpu-pipeline`, `--stl-gpu-loops-pipeline` and
/// `--stl-gpu-pipeline`.
void registerSTLPipelines();

} // namespace stl
} // namespace mlir

#endif // STL_PIPELINES_PIPELINES_H
