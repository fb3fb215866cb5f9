//===- SubtargetInfo.h - LLVM's description of a target's CPUs --*- C++ -*-===//

#ifndef STL_CODEGEN_COMMON_SUBTARGETINFO_H
#define STL_CODEGEN_COMMON_SUBTARGETINFO_H

#include "llvm/ADT/StringRef.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

namespace mlir {
namespace stl {

/// What LLVM's target for `triple` knows of the processor `cpu` (its
/// features; "" for the target's generic one, which also lists every
/// processor and feature the target knows). Null when LLVM has no target
/// for the triple; the target's TargetInfo and MC layer must have been
/// initialised.
std::unique_ptr<llvm::MCSubtargetInfo>
createSubtargetInfo(const llvm::Triple &triple, llvm::StringRef cpu = "");

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_COMMON_SUBTARGETINFO_H
