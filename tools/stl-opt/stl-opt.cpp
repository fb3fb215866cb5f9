//===- stl-opt.cpp - The stl-mlir optimizer driver ------------------------===//
//
// mlir-opt with the stl dialect, passes and pipelines registered beside the
// upstream ones, and --stl-list-schemes, which prints the scheme catalog.
//
//===----------------------------------------------------------------------===//

#include "stl/InitEverything.h"
#include "stl/Scheme/Catalog.h"
#include "stl/Tools/SanitizerDefaults.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

static llvm::cl::opt<bool> listSchemes(
    "stl-list-schemes",
    llvm::cl::desc("Print the scheme catalog (the names of the 'scheme' "
                   "options and of #stl.scheme<\"name\">) and exit"),
    llvm::cl::init(false));

int main(int argc, char **argv) {
  mlir::DialectRegistry registry;
  mlir::stl::registerEverything(registry);
  auto [inputFilename, outputFilename] = mlir::registerAndParseCLIOptions(
      argc, argv, "stl-mlir optimizer driver\n", registry);
  if (listSchemes) {
    llvm::outs() << mlir::stl::printCatalog();
    return 0;
  }
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(argc, argv, inputFilename, outputFilename, registry));
}
