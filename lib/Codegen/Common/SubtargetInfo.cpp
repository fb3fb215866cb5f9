//===- SubtargetInfo.cpp - LLVM's description of a target's CPUs ----------===//

#include "stl/Codegen/Common/SubtargetInfo.h"

#include "llvm/MC/TargetRegistry.h"

#include <string>

std::unique_ptr<llvm::MCSubtargetInfo>
mlir::stl::createSubtargetInfo(const llvm::Triple &triple,
                               llvm::StringRef cpu) {
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple, error);
  if (!target)
    return nullptr;
  return std::unique_ptr<llvm::MCSubtargetInfo>(
      target->createMCSubtargetInfo(triple, cpu, ""));
}
