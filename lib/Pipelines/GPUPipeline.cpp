//===- GPUPipeline.cpp - stl to NVVM kernels and LLVM host code -----------===//

#include "stl/Codegen/Passes.h"
#include "stl/Conversion/Passes.h"
#include "stl/Pipelines/Pipelines.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/GPU/Pipelines/Passes.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Config/Targets.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <optional>

using namespace mlir;

#if LLVM_HAS_NVPTX_TARGET
extern "C" void LLVMInitializeNVPTXTargetInfo();
extern "C" void LLVMInitializeNVPTXTargetMC();
#endif

/// What LLVM's NVPTX target knows: its processors (sm_80, sm_90a, ...) and
/// features (ptx80, ...). Null when LLVM was built without it.
static const llvm::MCSubtargetInfo *getNVPTXSubtargetInfo() {
#if LLVM_HAS_NVPTX_TARGET
  static const std::unique_ptr<llvm::MCSubtargetInfo> info =
      []() -> std::unique_ptr<llvm::MCSubtargetInfo> {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTargetMC();
    llvm::Triple triple("nvptx64-nvidia-cuda");
    std::string error;
    const llvm::Target *target =
        llvm::TargetRegistry::lookupTarget(triple, error);
    if (!target)
      return nullptr;
    return std::unique_ptr<llvm::MCSubtargetInfo>(
        target->createMCSubtargetInfo(triple, "", ""));
  }();
  return info.get();
#else
  return nullptr;
#endif
}

/// The oldest PTX version LLVM's NVPTX target generates code for on a chip:
/// with an older one it aborts ("PTX version 6.0 does not support target
/// 'sm_90'"), and this table is not in its MC layer. Measured against LLVM
/// 22's NVPTX target (they are the PTX ISA versions that introduced each
/// chip); a chip missing here (a newer LLVM) is not checked.
static std::optional<unsigned> getMinimumPTXVersion(StringRef chip) {
  static const std::pair<StringRef, unsigned> minimum[] = {
      {"sm_20", 32},   {"sm_21", 32},   {"sm_30", 32},   {"sm_32", 40},
      {"sm_35", 32},   {"sm_37", 41},   {"sm_50", 40},   {"sm_52", 41},
      {"sm_53", 42},   {"sm_60", 50},   {"sm_61", 50},   {"sm_62", 50},
      {"sm_70", 60},   {"sm_72", 61},   {"sm_75", 63},   {"sm_80", 70},
      {"sm_86", 71},   {"sm_87", 74},   {"sm_88", 90},   {"sm_89", 78},
      {"sm_90", 78},   {"sm_90a", 80},  {"sm_100", 86},  {"sm_100a", 86},
      {"sm_100f", 88}, {"sm_101", 86},  {"sm_101a", 86}, {"sm_101f", 88},
      {"sm_103", 88},  {"sm_103a", 88}, {"sm_103f", 88}, {"sm_110", 90},
      {"sm_110a", 90}, {"sm_110f", 90}, {"sm_120", 87},  {"sm_120a", 87},
      {"sm_120f", 88}, {"sm_121", 88},  {"sm_121a", 88}, {"sm_121f", 88}};
  for (const auto &[name, version] : minimum)
    if (name == chip)
      return version;
  return std::nullopt;
}

/// The version in a name `<prefix><number><suffix>` (sm_90a: 90), or
/// nullopt when it is not one.
static std::optional<unsigned> versionOf(StringRef name, StringRef prefix) {
  unsigned version;
  if (!name.consume_front(prefix) || name.consumeInteger(10, version))
    return std::nullopt;
  return version;
}

/// Says that LLVM's NVPTX target does not know `value` for `option`, with
/// the names it knows whose version is nearest to `version` and the range of
/// all of them. `known` are the names LLVM knows with the prefix (without
/// it: "sm_90a" for chips, "ptx80" for features); `shown` is what the user
/// writes for a known name ("+" for features).
static std::string unknownValue(StringRef option, StringRef value,
                                unsigned version, StringRef what,
                                StringRef prefix, StringRef shown,
                                std::vector<StringRef> known) {
  auto key = [&](StringRef name) {
    return std::make_pair(*versionOf(name, prefix), name);
  };
  llvm::sort(known, [&](StringRef a, StringRef b) { return key(a) < key(b); });
  unsigned best = ~0u;
  for (StringRef name : known) {
    unsigned v = *versionOf(name, prefix);
    best = std::min(best, v > version ? v - version : version - v);
  }
  SmallVector<std::string> nearest;
  for (StringRef name : known) {
    unsigned v = *versionOf(name, prefix);
    if ((v > version ? v - version : version - v) == best)
      nearest.push_back((Twine(shown) + name).str());
  }
  std::string list;
  for (size_t i = 0; i < nearest.size(); ++i) {
    if (i > 0)
      list += i + 1 == nearest.size() ? " or " : ", ";
    list += nearest[i];
  }
  return (Twine("invalid option '") + option + "': LLVM's NVPTX target " +
          "knows no " + what + " '" + value +
          "' (the nearest it knows: " + list + "; it knows " + shown +
          known.front() + " to " + shown + known.back() + ")")
      .str();
}

std::string
mlir::stl::checkSTLGPUPipelineOptions(const STLGPUPipelineOptions &options) {
  const llvm::MCSubtargetInfo *nvptx = getNVPTXSubtargetInfo();
  // The form first, then against the chips and PTX versions LLVM knows
  // (sm_1000 or +ptx0 would pass the form and fail only in ptxas or the
  // driver, or not at all with format=isa).
  StringRef chip = options.chip.getValue();
  StringRef chipSuffix = chip;
  unsigned smVersion;
  if (!chipSuffix.consume_front("sm_") ||
      chipSuffix.consumeInteger(10, smVersion) ||
      !llvm::all_of(chipSuffix, llvm::isLower))
    return std::string("invalid option 'chip': expected sm_<number> (e.g. "
                       "sm_80, sm_90 or sm_90a), got '") +
           options.chip.getValue() + "'";
  if (nvptx && !nvptx->isCPUStringValid(chip)) {
    std::vector<StringRef> chips;
    for (const llvm::SubtargetSubTypeKV &processor :
         nvptx->getAllProcessorDescriptions())
      if (versionOf(processor.Key, "sm_"))
        chips.push_back(processor.Key);
    if (!chips.empty())
      return unknownValue("chip", chip, smVersion, "chip", "sm_", "",
                          std::move(chips));
  }
  StringRef features = options.features.getValue();
  StringRef ptxRest = features;
  unsigned ptxVersion;
  if (!ptxRest.consume_front("+ptx") ||
      ptxRest.consumeInteger(10, ptxVersion) || !ptxRest.empty())
    return std::string("invalid option 'features': expected +ptx<number> "
                       "(e.g. +ptx80), got '") +
           options.features.getValue() + "'";
  if (nvptx) {
    std::vector<StringRef> versions;
    for (const llvm::SubtargetFeatureKV &feature :
         nvptx->getAllProcessorFeatures())
      if (versionOf(feature.Key, "ptx"))
        versions.push_back(feature.Key);
    if (!versions.empty() &&
        !llvm::is_contained(versions, features.drop_front()))
      return unknownValue("features", features, ptxVersion, "PTX version",
                          "ptx", "+", std::move(versions));
  }
  std::optional<unsigned> minimumPTX = getMinimumPTXVersion(chip);
  if (minimumPTX && ptxVersion < *minimumPTX)
    return (Twine("invalid option 'features': PTX version '") + features +
            "' is too old for chip '" + chip + "': it needs +ptx" +
            Twine(*minimumPTX) + " or newer")
        .str();
  StringRef format = options.format.getValue();
  if (!llvm::is_contained({"isa", "bin", "fatbin", "llvm"}, format))
    return std::string("invalid option 'format': expected isa, bin, fatbin "
                       "or llvm, got '") +
           options.format.getValue() + "'";
  if (options.optLevel < 0 || options.optLevel > 3)
    return "invalid option 'opt-level': expected 0 to 3, got " +
           std::to_string(options.optLevel.getValue());
  if (!options.tileSizes.empty()) {
    std::string problem = stl::checkGPUTileSizes(options.tileSizes);
    if (!problem.empty())
      return "invalid option 'tile-sizes': " + problem;
  }
  return "";
}

void mlir::stl::buildSTLGPULoopsPipeline(OpPassManager &pm,
                                         ArrayRef<int64_t> tileSizes,
                                         bool deallocate) {
  buildSTLBufferizationPipeline(pm, deallocate);

  // Buffers -> parallel loops mapped onto blocks and threads.
  pm.addNestedPass<func::FuncOp>(createSTLMemRefCopyToLinalg());
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToParallelLoopsPass());
  STLGPUMapParallelLoopsOptions mapping;
  mapping.tileSizes.assign(tileSizes.begin(), tileSizes.end());
  pm.addNestedPass<func::FuncOp>(createSTLGPUMapParallelLoops(mapping));
}

void mlir::stl::buildSTLGPUPipeline(OpPassManager &pm,
                                    const STLGPUPipelineOptions &options) {
  buildSTLGPULoopsPipeline(pm, options.tileSizes, options.deallocate);

  // Mapped loops -> gpu.launch, buffers in managed memory.
  pm.addNestedPass<func::FuncOp>(createConvertParallelLoopToGpuPass());
  pm.addPass(createSTLGPUManagedMemory());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());

  // Host printing (vector.print) and math before the generic lowering.
  pm.addPass(createConvertVectorToLLVMPass());

  // Kernels -> NVVM -> PTX / cubin; host -> LLVM.
  gpu::GPUToNVVMPipelineOptions nvvm;
  nvvm.cubinChip = options.chip;
  nvvm.cubinFeatures = options.features;
  nvvm.cubinFormat = options.format;
  nvvm.optLevel = options.optLevel;
  gpu::buildLowerToNVVMPassPipeline(pm, nvvm);
}
