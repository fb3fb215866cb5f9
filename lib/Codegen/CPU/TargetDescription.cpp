//===- TargetDescription.cpp - What CPU code generation targets -----------===//

#include "stl/Codegen/CPU/TargetDescription.h"
#include "stl/Codegen/Common/SubtargetInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>
#include <mutex>

using namespace mlir;
using namespace mlir::stl;

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

/// LLVM's description of `triple`'s CPUs (a generic one), or null when this
/// LLVM has no such target.
static std::unique_ptr<llvm::MCSubtargetInfo>
getSubtargetInfo(const llvm::Triple &triple, llvm::StringRef cpu = "") {
  static std::once_flag once;
  std::call_once(once, [] {
    llvm::InitializeAllTargetInfos();
    llvm::InitializeAllTargetMCs();
  });
  return createSubtargetInfo(triple, cpu);
}

llvm::Expected<CPUTargetDescription>
CPUTargetDescription::lookup(llvm::StringRef cpu, llvm::StringRef tripleName) {
  llvm::Triple host(llvm::sys::getProcessTriple());
  llvm::Triple triple = tripleName.empty()
                            ? host
                            : llvm::Triple(llvm::Triple::normalize(tripleName));
  CPUTargetDescription description;
  description.arch = triple.getArchName().str();
  if (triple.getArch() == llvm::Triple::UnknownArch)
    return llvm::createStringError(llvm::formatv(
        "invalid option 'target-triple': '{0}' names no architecture LLVM "
        "knows (e.g. x86_64-linux-gnu, aarch64-linux-gnu)",
        tripleName));
  if (cpu == "host") {
    if (triple.getArch() != host.getArch())
      return llvm::createStringError(llvm::formatv(
          "invalid option 'target-cpu': host is a {0} CPU, the target "
          "triple '{1}' is {2}; name a {2} CPU (as for llc -mcpu)",
          host.getArchName(), tripleName, description.arch));
    description.cpu = llvm::sys::getHostCPUName().str();
    llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
    describeVectors(description, triple, [&](llvm::StringRef name) {
      return features.lookup(name);
    });
    return description;
  }

  std::unique_ptr<llvm::MCSubtargetInfo> known = getSubtargetInfo(triple);
  if (!known)
    return llvm::createStringError(llvm::formatv(
        "invalid option 'target-cpu': this LLVM has no "
        "description of {0} CPUs{1}",
        description.arch, tripleName.empty() ? "; use 'host'" : ""));
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
        "{2}a CPU name as for llc -mcpu{3}{4})",
        description.arch, cpu,
        triple.getArch() == host.getArch() ? "host or " : "",
        like.empty() ? "" : ", e.g. ", like));
  }
  // The CPU's own features, from a subtarget of that CPU.
  std::unique_ptr<llvm::MCSubtargetInfo> info = getSubtargetInfo(triple, cpu);
  description.cpu = cpu.str();
  describeVectors(description, triple, [&](llvm::StringRef name) {
    return info->checkFeatures(("+" + name).str());
  });
  return description;
}
