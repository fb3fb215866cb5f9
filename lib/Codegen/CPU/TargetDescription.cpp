//===- TargetDescription.cpp - What CPU code generation targets -----------===//

#include "stl/Codegen/CPU/TargetDescription.h"
#include "stl/Codegen/Common/SubtargetInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <mutex>

using namespace mlir;
using namespace mlir::stl;

// The native target's MC layer (what LLVM knows of its CPUs), without its
// code generator.
#ifdef LLVM_NATIVE_TARGETMC
extern "C" void LLVM_NATIVE_TARGETINFO();
extern "C" void LLVM_NATIVE_TARGETMC();
#endif

int64_t CPUTargetDescription::getLanes(Type elementType) const {
  if (!elementType.isIntOrFloat())
    return 1;
  unsigned bits = elementType.getIntOrFloatBitWidth();
  return bits == 0 || bits > vectorBits ? 1 : vectorBits / bits;
}

std::string CPUTargetDescription::describe() const {
  return llvm::formatv("{0} ({1}, {2}: {3} x {4}-bit vector registers{5})", cpu,
                       arch, isa, numVectorRegisters, vectorBits,
                       hasFMA ? ", FMA" : "")
      .str();
}

/// Fills in the vector facts of `description` from a feature test.
static void
describeVectors(CPUTargetDescription &description, const llvm::Triple &triple,
                llvm::function_ref<bool(llvm::StringRef)> hasFeature) {
  if (triple.isX86()) {
    if (hasFeature("avx512f")) {
      description.isa = "avx512";
      description.vectorBits = 512;
      description.numVectorRegisters = 32;
    } else if (hasFeature("avx2") || hasFeature("avx")) {
      description.isa = hasFeature("avx2") ? "avx2" : "avx";
      description.vectorBits = 256;
      description.numVectorRegisters = 16;
    } else {
      description.isa = "sse2";
      description.vectorBits = 128;
      description.numVectorRegisters = triple.isArch64Bit() ? 16 : 8;
    }
    description.hasFMA = hasFeature("fma") || hasFeature("avx512f");
    return;
  }
  if (triple.isAArch64()) {
    description.isa = "neon";
    description.vectorBits = 128;
    description.numVectorRegisters = 32;
    description.hasFMA = true;
    return;
  }
  description.isa = "scalar";
  description.vectorBits = 64;
  description.numVectorRegisters = 16;
  description.hasFMA = false;
}

/// LLVM's description of the host architecture's CPUs, or null when LLVM
/// was built without that target.
static const llvm::MCSubtargetInfo *
getHostArchSubtargetInfo(const llvm::Triple &triple) {
#ifdef LLVM_NATIVE_TARGETMC
  static std::once_flag once;
  std::call_once(once, [] {
    LLVM_NATIVE_TARGETINFO();
    LLVM_NATIVE_TARGETMC();
  });
  static const std::unique_ptr<llvm::MCSubtargetInfo> info =
      createSubtargetInfo(triple);
  return info.get();
#else
  (void)triple;
  return nullptr;
#endif
}

llvm::Expected<CPUTargetDescription>
CPUTargetDescription::lookup(llvm::StringRef cpu) {
  llvm::Triple triple(llvm::sys::getProcessTriple());
  CPUTargetDescription description;
  description.arch = triple.getArchName().str();
  if (cpu == "host") {
    description.cpu = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    describeVectors(description, triple, [&](llvm::StringRef name) {
      return features.lookup(name);
    });
    return description;
  }

  const llvm::MCSubtargetInfo *known = getHostArchSubtargetInfo(triple);
  if (!known)
    return llvm::createStringError(
        llvm::formatv("invalid option 'target-cpu': this LLVM has no "
                      "description of {0} CPUs; use 'host'",
                      description.arch));
  if (!known->isCPUStringValid(cpu)) {
    // The known names that share the first three letters, as examples.
    std::string like;
    unsigned shown = 0;
    for (const llvm::SubtargetSubTypeKV &processor :
         known->getAllProcessorDescriptions()) {
      llvm::StringRef name = processor.Key;
      if (shown < 8 && name.starts_with(cpu.take_front(3))) {
        like += (shown++ ? ", " : "") + name.str();
      }
    }
    return llvm::createStringError(llvm::formatv(
        "invalid option 'target-cpu': LLVM knows no {0} CPU '{1}' (expected "
        "host or a CPU name as for llc -mcpu{2}{3})",
        description.arch, cpu, like.empty() ? "" : ", e.g. ", like));
  }
  // The CPU's own features, from a subtarget of that CPU.
  std::unique_ptr<llvm::MCSubtargetInfo> info =
      createSubtargetInfo(triple, cpu);
  description.cpu = cpu.str();
  describeVectors(description, triple, [&](llvm::StringRef name) {
    return info->checkFeatures(("+" + name).str());
  });
  return description;
}
