//===- stl-scheme-fuzzer.cpp - Coverage-guided fuzzer of scheme files -----===//
//
// A libFuzzer target for the scheme library's input paths: a scheme file's
// JSON text (`scheme-file=` of --stl-replace-matmul) and a catalog name
// (`scheme=`, `#stl.scheme<"...">`, including `A*B` compositions).
//
// Every input must give a scheme or an error, never a crash or a sanitizer
// report. A scheme that parses must also survive what the compiler does
// with one: printing and reparsing it gives the same scheme, its Brent
// residual is a number, composing it with itself and costing it on a large
// MatMul give a result or an error.
//
// Built with -DSTL_ENABLE_FUZZER=ON and clang; see utils/fuzz.sh.
//
//===----------------------------------------------------------------------===//

#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/Scheme.h"
#include "stl/Scheme/SchemeIO.h"
#include "stl/Tools/SanitizerDefaults.h"

#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>

using namespace mlir::stl;

namespace {

[[noreturn]] void reportBug(const char *what, llvm::StringRef input) {
  llvm::errs() << "stl-scheme-fuzzer: " << what << "\ninput: " << input << "\n";
  std::abort();
}

/// Schemes above this many coefficients (the largest compositions: 16x16x16
/// tiles, rank 2401, 1.8 million) skip the JSON round trip, which takes
/// longer than the per-input timeout under the sanitizers; the JSON parser
/// is fuzzed directly with inputs of up to 64 KiB.
constexpr size_t kMaxRoundTripCoefficients = 1 << 16;

void exercise(const Scheme &scheme, llvm::StringRef input) {
  size_t coefficients = scheme.getLhsCoefficients().size() +
                        scheme.getRhsCoefficients().size() +
                        scheme.getOutCoefficients().size();
  if (coefficients > kMaxRoundTripCoefficients) {
    if (std::isnan(scheme.brentResidual()))
      reportBug("the Brent residual is NaN", input);
    return;
  }
  llvm::Expected<Scheme> reparsed =
      parseSchemeJSON(printSchemeJSON(scheme), "<printed>");
  if (!reparsed) {
    llvm::consumeError(reparsed.takeError());
    reportBug("a printed scheme does not parse", input);
  }
  if (!(*reparsed == scheme))
    reportBug("a printed and reparsed scheme differs", input);
  if (std::isnan(scheme.brentResidual()))
    reportBug("the Brent residual is NaN", input);

  // Composition checks the limits of the composed tile and rank.
  llvm::Expected<Scheme> squared = composeSchemes(scheme, scheme);
  if (!squared)
    llvm::consumeError(squared.takeError());

  // Costs of a MatMul as large as a tensor may describe: the cost model must
  // not overflow silently (it saturates or the caller checks the sizes).
  TileShape tile = scheme.getTile();
  MatmulSizes sizes;
  sizes.batch = 1;
  sizes.m = tile.m * 4096;
  sizes.k = tile.k * 4096;
  sizes.n = tile.n * 4096;
  (void)computeSTLCost(scheme, sizes, /*constantWeights=*/false);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef input(reinterpret_cast<const char *>(data), size);

  llvm::Expected<Scheme> scheme = parseSchemeJSON(input, "<fuzz>");
  if (scheme)
    exercise(*scheme, input);
  else
    llvm::consumeError(scheme.takeError());

  // The same bytes as a catalog name.
  if (size <= 64) {
    llvm::Expected<Scheme> named = lookupCatalogScheme(input);
    if (named)
      exercise(*named, input);
    else
      llvm::consumeError(named.takeError());
  }
  return 0;
}
