//===- TargetDescription.h - What CPU code generation targets ---*- C++ -*-===//
//
// The facts about a CPU that the CPU code generation strategies are chosen
// from: its architecture and vector ISA, the width and number of its vector
// registers, and whether it has fused multiply-adds. Read from LLVM's
// description of the CPU (the host's, or one named as for llc -mcpu).
//
//===----------------------------------------------------------------------===//

#ifndef STL_CODEGEN_CPU_TARGETDESCRIPTION_H
#define STL_CODEGEN_CPU_TARGETDESCRIPTION_H

#include "mlir/IR/Types.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mlir {
namespace stl {

struct CPUTargetDescription {
  /// The CPU's LLVM name (znver4, skylake-avx512, ...).
  std::string cpu;
  /// The architecture of its triple (x86_64, aarch64, ...).
  std::string arch;
  /// The widest vector ISA it has: avx512, avx2, avx, sse2, neon, or
  /// scalar when none is known.
  std::string isa;
  /// The width of its widest vector registers in bits, and how many there
  /// are (16 with AVX2, 32 with AVX-512 or NEON).
  unsigned vectorBits = 128;
  unsigned numVectorRegisters = 16;
  /// Whether it has fused multiply-add instructions.
  bool hasFMA = false;

  /// The lanes of one vector register of `elementType` (at least 1).
  int64_t getLanes(Type elementType) const;
  /// "znver3 (x86_64, avx2: 16 x 256-bit vector registers, FMA)".
  std::string describe() const;

  /// The description of `cpu`: "host" (the machine the compiler runs on),
  /// or a CPU name LLVM's target for `triple`'s architecture knows (empty:
  /// the host's; another architecture's, such as aarch64-linux-gnu, to
  /// cross-compile). An error names the problem (an unknown CPU, with the
  /// nearest names; host with another architecture's triple).
  static llvm::Expected<CPUTargetDescription>
  lookup(llvm::StringRef cpu, llvm::StringRef triple = "");
};

} // namespace stl
} // namespace mlir

#endif // STL_CODEGEN_CPU_TARGETDESCRIPTION_H
