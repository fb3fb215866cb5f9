/*===- consumer.c - A C program that embeds stl-mlir ----------------------===*\
|*                                                                            *|
|* Usage: stl-consumer-c <pipeline>: compiles a MatMul with the pipeline      *|
|* through the installed C API and prints the result or the diagnostics.     *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

#include "stl-c/Compiler.h"
#include "stl-c/Scheme.h"

#include <stdio.h>

static void print(MlirStringRef text, void *userData) {
  fwrite(text.data, 1, text.length, (FILE *)userData);
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: stl-consumer-c <pipeline>\n");
    return 2;
  }
  const char *source =
      "func.func @mm(%a: tensor<16x16xf32>, %b: tensor<16x16xf32>,\n"
      "              %c: tensor<16x16xf32>) -> tensor<16x16xf32> {\n"
      "  %0 = linalg.matmul ins(%a, %b : tensor<16x16xf32>, "
      "tensor<16x16xf32>)\n"
      "                     outs(%c : tensor<16x16xf32>) -> "
      "tensor<16x16xf32>\n"
      "  return %0 : tensor<16x16xf32>\n"
      "}\n";
  StlScheme scheme = stlSchemeLookup(
      mlirStringRefCreateFromCString("strassen-4x4x4"), NULL, NULL);
  printf("strassen-4x4x4 rank %lld\n", (long long)stlSchemeGetRank(scheme));
  stlSchemeDestroy(scheme);
  MlirLogicalResult result =
      stlCompile(mlirStringRefCreateFromCString(source),
                 mlirStringRefCreateFromCString("mm.mlir"),
                 mlirStringRefCreateFromCString(argv[1]), print, print, stdout);
  return mlirLogicalResultIsSuccess(result) ? 0 : 1;
}
