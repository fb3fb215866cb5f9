//===- TargetDescription.h - What GPU code generation targets ---*- C++ -*-===//
//
// The facts about an NVIDIA GPU that the GPU code generation strategies are
// chosen from: its chip (sm_ version and suffix) and the PTX version the
// kernels are generated for, checked against what LLVM's NVPTX target
// knows.
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_GPU_TARGETDESCRIPTION_H
#define STL_CODEGEN_GPU_TARGETDESCRIPTION_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace mlir {
namespace stl {

struct GPUTargetDescription {
  /// The chip as LLVM names it (sm_80, sm_90a, ...).
  std::string chip;
  /// Its compute capability as a number (90 for sm_90a) and its suffix
  /// ("", "a" for architecture-specific, "f" for family-specific).
  unsigned smVersion = 0;
  std::string suffix;
  /// The PTX ISA version of the kernels (80 for +ptx80).
  unsigned ptxVersion = 0;

  /// Whether the chip has tensor cores (mma.sync: sm_70 and newer) and
  /// warpgroup MMA (wgmma: sm_90a).
  bool hasTensorCores() const { return smVersion >= 70; }
  bool hasWarpgroupMMA() const { return smVersion == 90 && suffix == "a"; }
  /// Threads of a block at most.
  unsigned getMaxThreadsPerBlock() const { return 1024; }
  /// Bytes of shared memory a block may use at most (with the opt-in
  /// attribute the runtime sets for dynamic shared memory above 48 KiB).
  int64_t getMaxSharedMemoryPerBlock() const;
  /// "sm_90 (PTX 8.0)".
  std::string describe() const;

  /// The description of `chip` with PTX features `features` (+ptx80), or an
  /// empty description and a problem naming the option: a malformed value,
  /// a chip or PTX version LLVM's NVPTX target does not know (with the
  /// nearest it knows), or a PTX version too old for the chip.
  static std::string lookup(llvm::StringRef chip, llvm::StringRef features,
                            GPUTargetDescription &description);
};

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_GPU_TARGETDESCRIPTION_H
