//===- TargetDescription.cpp - What GPU code generation targets -----------===//

#include "stl/Codegen/GPU/TargetDescription.h"
#include "stl/Codegen/Common/SubtargetInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Config/Targets.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <optional>
#include <vector>

using namespace mlir;
using llvm::SmallVector;
using llvm::StringRef;
using llvm::Twine;

#if LLVM_HAS_NVPTX_TARGET
extern "C" void LLVMInitializeNVPTXTargetInfo();
extern "C" void LLVMInitializeNVPTXTargetMC();
#endif

/// What LLVM's NVPTX target knows: its processors (sm_80, sm_90a, ...) and
/// features (ptx80, ...). Null when LLVM was built without it.
static const llvm::MCSubtargetInfo *getNVPTXSubtargetInfo() {
#if LLVM_HAS_NVPTX_TARGET
  static const std::unique_ptr<llvm::MCSubtargetInfo> info = [] {
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTargetMC();
    return stl::createSubtargetInfo(llvm::Triple("nvptx64-nvidia-cuda"));
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

int64_t stl::GPUTargetDescription::getMaxSharedMemoryPerBlock() const {
  // The CUDA programming guide's table of compute capabilities (opt-in
  // maximum per block).
  if (smVersion >= 100 && smVersion < 120)
    return 227 * 1024;
  if (smVersion == 90 || smVersion == 80 || smVersion == 87)
    return smVersion == 90 ? 227 * 1024 : 163 * 1024;
  if (smVersion >= 86)
    return 99 * 1024;
  if (smVersion == 75)
    return 64 * 1024;
  if (smVersion >= 70)
    return 96 * 1024;
  return 48 * 1024;
}

std::string stl::GPUTargetDescription::describe() const {
  return chip + " (PTX " + std::to_string(ptxVersion / 10) + "." +
         std::to_string(ptxVersion % 10) + ")";
}

std::string stl::GPUTargetDescription::lookup(StringRef chip,
                                              StringRef features,
                                              GPUTargetDescription &result) {
  const llvm::MCSubtargetInfo *nvptx = getNVPTXSubtargetInfo();
  // The form first, then against the chips and PTX versions LLVM knows
  // (sm_1000 or +ptx0 would pass the form and fail only in ptxas or the
  // driver, or not at all with format=isa).
  StringRef chipSuffix = chip;
  unsigned smVersion;
  if (!chipSuffix.consume_front("sm_") ||
      chipSuffix.consumeInteger(10, smVersion) ||
      !llvm::all_of(chipSuffix, llvm::isLower))
    return std::string("invalid option 'chip': expected sm_<number> (e.g. "
                       "sm_80, sm_90 or sm_90a), got '") +
           chip.str() + "'";
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
  StringRef ptxRest = features;
  unsigned ptxVersion;
  if (!ptxRest.consume_front("+ptx") ||
      ptxRest.consumeInteger(10, ptxVersion) || !ptxRest.empty())
    return std::string("invalid option 'features': expected +ptx<number> "
                       "(e.g. +ptx80), got '") +
           features.str() + "'";
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
  result.chip = chip.str();
  result.smVersion = smVersion;
  result.suffix = chipSuffix.str();
  result.ptxVersion = ptxVersion;
  return "";
}
