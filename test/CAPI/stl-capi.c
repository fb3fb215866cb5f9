/*===- stl-capi.c - Test of the stl-mlir C API ----------------------------===*\
|*                                                                            *|
|* Embeds stl-mlir through C only: registers everything, parses a module,    *|
|* runs pipelines given as strings, prints; the scheme library and the       *|
|* #stl.scheme attribute; diagnostics of bad input.                           *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/

// RUN: %asan_embedding_env stl-capi-test 2>&1 | FileCheck %s

#include "stl-c/Catalog.h"
#include "stl-c/Compiler.h"
#include "stl-c/Dialect.h"
#include "stl-c/Registration.h"
#include "stl-c/Scheme.h"

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Support.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void printToStdout(MlirStringRef text, void *userData) {
  (void)userData;
  fwrite(text.data, 1, text.length, stdout);
}

static void printError(MlirStringRef text, void *userData) {
  fprintf(stdout, "%s: %.*s\n", (const char *)userData, (int)text.length,
          text.data);
}

static MlirLogicalResult printDiagnostic(MlirDiagnostic diagnostic,
                                         void *userData) {
  (void)userData;
  printf("diagnostic: ");
  mlirDiagnosticPrint(diagnostic, printToStdout, NULL);
  printf("\n");
  return mlirLogicalResultSuccess();
}

/* Labels of the errors printed by printError. */
static char schemeError[] = "scheme error";
static char costError[] = "cost error";
static char pipelineError[] = "pipeline error";
static char nullError[] = "null error";

static MlirStringRef str(const char *s) {
  return mlirStringRefCreateFromCString(s);
}

static const char *kMatmul =
    "func.func @mm(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>,\n"
    "              %c: tensor<8x8xf32>) -> tensor<8x8xf32> {\n"
    "  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, tensor<8x8xf32>)\n"
    "                     outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>\n"
    "  return %0 : tensor<8x8xf32>\n"
    "}\n";

static void testDialectHandle(void) {
  // CHECK-LABEL: dialect handle
  printf("dialect handle\n");
  MlirDialectHandle handle = mlirGetDialectHandle__stl__();
  MlirStringRef ns = mlirDialectHandleGetNamespace(handle);
  // CHECK: namespace: stl
  printf("namespace: %.*s\n", (int)ns.length, ns.data);

  // Loading the dialect by handle into a bare context.
  MlirContext ctx = mlirContextCreate();
  mlirDialectHandleLoadDialect(handle, ctx);
  MlirDialect dialect = mlirContextGetOrLoadDialect(ctx, str("stl"));
  // CHECK: loaded: 1
  printf("loaded: %d\n", !mlirDialectIsNull(dialect));
  mlirContextDestroy(ctx);
}

static void testPipelines(void) {
  // CHECK-LABEL: pipelines
  printf("pipelines\n");
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  stlRegisterEverything(registry);
  stlRegisterEverything(registry); /* twice: harmless */
  stlRegisterAllPasses();
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);

  MlirModule module = mlirModuleCreateParse(ctx, str(kMatmul));
  MlirOperation op = mlirModuleGetOperation(module);

  // A plain list of passes with options, run on the module.
  // CHECK: replace: 1
  // CHECK: func.func @mm
  // CHECK: stl.matmul
  // CHECK-SAME: #stl.scheme<"strassen-2x2x2">
  // CHECK-NOT: linalg.matmul
  MlirLogicalResult result =
      stlRunPassPipeline(op, str("stl-replace-matmul{scheme=strassen-2x2x2}"),
                         printError, pipelineError);
  printf("replace: %d\n", mlirLogicalResultIsSuccess(result));
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");

  // A list with a nested pipeline is a list, run on the module.
  // CHECK: nested: 1
  result = stlRunPassPipeline(op, str("func.func(canonicalize),stl-decompose"),
                              printError, pipelineError);
  printf("nested: %d\n", mlirLogicalResultIsSuccess(result));

  // An anchored pipeline down to the LLVM dialect.
  // CHECK: lower: 1
  // CHECK: llvm.func @mm
  result = stlRunPassPipeline(op, str("builtin.module(stl-cpu-pipeline)"),
                              printError, pipelineError);
  printf("lower: %d\n", mlirLogicalResultIsSuccess(result));
  mlirOperationPrint(op, printToStdout, NULL);
  printf("\n");

  // A pipeline that does not parse: explained through the callback.
  // CHECK: pipeline error: {{.*}}'stl-no-such-pass' does not refer to a
  // CHECK-SAME: registered pass or pass pipeline
  // CHECK: bad pipeline: 0
  result = stlRunPassPipeline(op, str("stl-no-such-pass"), printError,
                              pipelineError);
  printf("bad pipeline: %d\n", mlirLogicalResultIsSuccess(result));

  // A pass that fails reports through the context's diagnostic handler.
  // CHECK: diagnostic: {{.*}}unknown scheme 'no-such-scheme'
  // CHECK: failing pass: 0
  mlirModuleDestroy(module);
  module = mlirModuleCreateParse(ctx, str(kMatmul));
  result = stlRunPassPipeline(mlirModuleGetOperation(module),
                              str("stl-replace-matmul{scheme=no-such-scheme}"),
                              printError, pipelineError);
  printf("failing pass: %d\n", mlirLogicalResultIsSuccess(result));
  mlirModuleDestroy(module);

  // Malformed IR: a null module and a diagnostic.
  // CHECK: diagnostic: {{.*}}custom op 'linalg.matmull' is unknown
  // CHECK: parsed: 0
  module = mlirModuleCreateParse(ctx, str("func.func @f() {\n"
                                          "  linalg.matmull\n}\n"));
  printf("parsed: %d\n", !mlirModuleIsNull(module));
  mlirContextDestroy(ctx);
}

static void testCompile(void) {
  // CHECK-LABEL: compile
  printf("compile\n");
  // The output, then the diagnostics.
  // CHECK: stl.matmul
  // CHECK: mm.mlir:3:8: remark: replaced with stl.matmul using scheme
  // CHECK-SAME: 'strassen-2x2x2'
  // CHECK-NOT: see current operation
  // CHECK: compile: 1
  MlirLogicalResult result =
      stlCompile(str(kMatmul), str("mm.mlir"),
                 str("stl-replace-matmul{scheme=strassen-2x2x2 report}"),
                 printToStdout, printToStdout, NULL);
  printf("compile: %d\n", mlirLogicalResultIsSuccess(result));

  // Diagnostics carry the source name, line and column.
  // CHECK: bad.mlir:2:3: error: custom op 'linalg.matmull' is unknown
  // CHECK: compile bad: 0
  result = stlCompile(str("func.func @f() {\n  linalg.matmull\n}\n"),
                      str("bad.mlir"), str("stl-replace-matmul"), printToStdout,
                      printToStdout, NULL);
  printf("compile bad: %d\n", mlirLogicalResultIsSuccess(result));
}

static void testSchemes(void) {
  // CHECK-LABEL: schemes
  printf("schemes\n");
  StlScheme strassen =
      stlSchemeLookup(str("strassen-2x2x2"), printError, schemeError);
  MlirStringRef name = stlSchemeGetName(strassen);
  // CHECK: strassen-2x2x2: 2x2x2 rank 7 residual 0 exact 1
  printf("%.*s: %lldx%lldx%lld rank %lld residual %g exact %d\n",
         (int)name.length, name.data, (long long)stlSchemeGetTileM(strassen),
         (long long)stlSchemeGetTileK(strassen),
         (long long)stlSchemeGetTileN(strassen),
         (long long)stlSchemeGetRank(strassen),
         stlSchemeGetBrentResidual(strassen), stlSchemeIsExact(strassen, 1e-9));

  // CHECK: composed: 4x4x4 rank 49 exact 1
  StlScheme composed =
      stlSchemeCompose(strassen, strassen, printError, schemeError);
  printf("composed: %lldx%lldx%lld rank %lld exact %d\n",
         (long long)stlSchemeGetTileM(composed),
         (long long)stlSchemeGetTileK(composed),
         (long long)stlSchemeGetTileN(composed),
         (long long)stlSchemeGetRank(composed),
         stlSchemeIsExact(composed, 1e-9));

  // 8x8x8 in 2x2x2 tiles: 7 * 4^3 tile products; U, V, D of Strassen have
  // 12 non-zeros each (of 28).
  // CHECK: {"decode_macs":448,"decode_macs_sparse":192,"dense_macs":512,
  // CHECK-SAME: "encode_lhs_macs":448,"encode_lhs_macs_sparse":192,
  // CHECK-SAME: "encode_rhs_macs":448,"encode_rhs_macs_sparse":192,
  // CHECK-SAME: "stl_macs":1792,"stl_macs_sparse":1024,
  // CHECK-SAME: "stored_weights_dense":64,"stored_weights_encoded":112,
  // CHECK-SAME: "tile_product_macs":448}
  stlSchemePrintCostJSON(strassen, 1, 8, 8, 8, 1, false, printToStdout,
                         printError, costError);
  printf("\n");
  // CHECK: cost error: the 2x2x2 tile does not divide the 3x8x8 MatMul
  stlSchemePrintCostJSON(strassen, 1, 3, 8, 8, 1, false, printToStdout,
                         printError, costError);

  // JSON out and back in.
  // CHECK: "name": "strassen-2x2x2"
  // CHECK: "rank": 7
  stlSchemePrintJSON(strassen, printToStdout, NULL);

  // naive-1x1x2 with the second product scaled by 1/2: approximate, Brent
  // residual 0.5, relative Frobenius error 0.5 / sqrt(2).
  double lhs[] = {1.0, 1.0};
  double rhs[] = {1.0, 0.0, 0.0, 0.5};
  double out[] = {1.0, 0.0, 0.0, 1.0};
  StlScheme half = stlSchemeCreate(str("half"), 1, 1, 2, 2, lhs, rhs, out,
                                   printError, schemeError);
  // CHECK: half: residual 0.5 exact 0 error 0.353553
  printf("half: residual %g exact %d error %g\n",
         stlSchemeGetBrentResidual(half), stlSchemeIsExact(half, 1e-9),
         stlSchemeGetRelativeFrobeniusError(half));

  // Errors.
  // CHECK: scheme error: {{.*}}unknown scheme 'strassen-3x3x3'
  // CHECK: null: 1
  StlScheme bad =
      stlSchemeLookup(str("strassen-3x3x3"), printError, schemeError);
  printf("null: %d\n", stlSchemeIsNull(bad));
  // CHECK: scheme error: scheme file 'x.json': 'rank' 0 is out of range
  // CHECK-SAME: [1, 4096]
  bad = stlSchemeParseJSON(
      str("{\"tile\": [1, 1, 1], \"rank\": 0, \"lhs\": [], \"rhs\": [], "
          "\"out\": [[]]}"),
      str("x.json"), printError, schemeError);
  // CHECK: scheme error: tile size k = 0 is out of range [1, 16]
  bad = stlSchemeCreate(str("bad"), 1, 0, 2, 2, lhs, rhs, out, printError,
                        schemeError);
  // CHECK: scheme error: 'lhs' coefficient [0][0] is not finite
  double inf[] = {1.0 / 0.0, 1.0};
  bad = stlSchemeCreate(str("bad"), 1, 1, 2, 2, inf, rhs, out, printError,
                        schemeError);
  // CHECK: scheme error: cannot read scheme file '/no/such/file.json'
  bad = stlSchemeReadFile(str("/no/such/file.json"), printError, schemeError);

  // The #stl.scheme attribute.
  MlirContext ctx = mlirContextCreate();
  MlirAttribute attr = stlSchemeAttrGet(ctx, strassen);
  // CHECK: attribute: #stl.scheme<"strassen-2x2x2"> 1
  printf("attribute: ");
  mlirAttributePrint(attr, printToStdout, NULL);
  printf(" %d\n", stlAttributeIsAScheme(attr));
  // CHECK: attribute: #stl.scheme<name = "half", tile = [1, 1, 2], rank = 2
  printf("attribute: ");
  mlirAttributePrint(stlSchemeAttrGet(ctx, half), printToStdout, NULL);
  printf("\n");
  StlScheme back = stlSchemeAttrGetScheme(attr);
  // CHECK: back: rank 7 same lhs 1
  printf("back: rank %lld same lhs %d\n", (long long)stlSchemeGetRank(back),
         memcmp(stlSchemeGetLhs(back), stlSchemeGetLhs(strassen),
                7 * 4 * sizeof(double)) == 0);
  // CHECK: not a scheme: 0 1
  MlirAttribute unit = mlirUnitAttrGet(ctx);
  printf("not a scheme: %d %d\n", stlAttributeIsAScheme(unit),
         stlSchemeIsNull(stlSchemeAttrGetScheme(unit)));

  stlSchemeDestroy(back);
  stlSchemeDestroy(half);
  stlSchemeDestroy(composed);
  stlSchemeDestroy(strassen);
  mlirContextDestroy(ctx);
}

/* Null arguments fail cleanly (failure, a null result, an error through the
   callback) where they must not be null, and are accepted where they may. */
static void testCatalog(void) {
  // CHECK-LABEL: catalog
  printf("catalog\n");
  // CHECK-NEXT: naive-MxKxN: the trivial exact scheme
  // CHECK-NEXT: strassen-2x2x2: Strassen's exact scheme, rank 7
  // CHECK-NEXT: winograd-2x2x2: the exact Strassen-Winograd variant
  // CHECK-NEXT: strassen-4x4x4: Strassen's scheme composed with itself
  // CHECK-NEXT: catalog entries: 4
  intptr_t n = stlSchemeCatalogGetNumEntries();
  for (intptr_t i = 0; i < n; ++i) {
    MlirStringRef pattern = stlSchemeCatalogGetEntryPattern(i);
    MlirStringRef description = stlSchemeCatalogGetEntryDescription(i);
    printf("%.*s: %.*s\n", (int)pattern.length, pattern.data,
           (int)description.length, description.data);
  }
  printf("catalog entries: %ld\n", (long)n);
  // CHECK-NEXT: out of range: 1 1 1 1
  printf("out of range: %d %d %d %d\n",
         stlSchemeCatalogGetEntryPattern(n).data == NULL,
         stlSchemeCatalogGetEntryPattern(-1).length == 0,
         stlSchemeCatalogGetEntryDescription(n).data == NULL,
         stlSchemeCatalogGetEntryDescription(-1).length == 0);
}

static void testNullArguments(void) {
  // CHECK-LABEL: null arguments
  printf("null arguments\n");
  MlirStringRef nullText = mlirStringRefCreate(NULL, 3);
  MlirStringRef empty = mlirStringRefCreate(NULL, 0);
  MlirOperation nullOp = {NULL};
  MlirDialectRegistry nullRegistry = {NULL};
  MlirContext nullCtx = {NULL};
  StlScheme nullScheme = {NULL};

  // Registering into no registry registers nothing.
  stlRegisterAllDialects(nullRegistry);
  stlRegisterEverything(nullRegistry);

  // CHECK: null error: stlRunPassPipeline: the operation is null
  // CHECK: null op: 0
  MlirLogicalResult result =
      stlRunPassPipeline(nullOp, str("canonicalize"), printError, nullError);
  printf("null op: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: null op, no callback: 0
  result = stlRunPassPipeline(nullOp, str("canonicalize"), NULL, NULL);
  printf("null op, no callback: %d\n", mlirLogicalResultIsSuccess(result));
  MlirContext ctx = mlirContextCreate();
  MlirModule module = mlirModuleCreateEmpty(mlirLocationUnknownGet(ctx));
  MlirOperation op = mlirModuleGetOperation(module);
  // CHECK: null error: stlRunPassPipeline: the pipeline is NULL
  // CHECK: null pipeline: 0
  result = stlRunPassPipeline(op, nullText, printError, nullError);
  printf("null pipeline: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: empty pipeline: 1
  result = stlRunPassPipeline(op, empty, printError, nullError);
  printf("empty pipeline: %d\n", mlirLogicalResultIsSuccess(result));
  mlirModuleDestroy(module);

  // CHECK: stlCompile: error: the source is NULL
  // CHECK: null source: 0
  result = stlCompile(nullText, str("x.mlir"), empty, printToStdout,
                      printToStdout, NULL);
  printf("null source: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: stlCompile: error: the source name is NULL
  // CHECK: null source name: 0
  result = stlCompile(str(kMatmul), nullText, empty, printToStdout,
                      printToStdout, NULL);
  printf("null source name: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: stlCompile: error: the pipeline is NULL
  // CHECK: null compile pipeline: 0
  result = stlCompile(str(kMatmul), str("x.mlir"), nullText, printToStdout,
                      printToStdout, NULL);
  printf("null compile pipeline: %d\n", mlirLogicalResultIsSuccess(result));
  // Empty strings and no callbacks: an empty module, verified, not printed.
  // CHECK: empty compile: 1
  result = stlCompile(empty, empty, empty, NULL, NULL, NULL);
  printf("empty compile: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: null source, no callbacks: 0
  result = stlCompile(nullText, empty, empty, NULL, NULL, NULL);
  printf("null source, no callbacks: %d\n", mlirLogicalResultIsSuccess(result));

  // The attribute functions.
  StlScheme strassen = stlSchemeLookup(str("strassen-2x2x2"), NULL, NULL);
  // CHECK: attribute of null context: 1, of null scheme: 1
  printf("attribute of null context: %d, of null scheme: %d\n",
         mlirAttributeIsNull(stlSchemeAttrGet(nullCtx, strassen)),
         mlirAttributeIsNull(stlSchemeAttrGet(ctx, nullScheme)));
  // CHECK: null attribute: is a scheme 0, scheme null 1
  printf("null attribute: is a scheme %d, scheme null %d\n",
         stlAttributeIsAScheme(mlirAttributeGetNull()),
         stlSchemeIsNull(stlSchemeAttrGetScheme(mlirAttributeGetNull())));
  mlirContextDestroy(ctx);

  // Strings with a length but no text.
  // CHECK: null error: stlSchemeLookup: the name is NULL
  // CHECK: null error: stlSchemeParseJSON: the text is NULL
  // CHECK: null error: stlSchemeParseJSON: the source name is NULL
  // CHECK: null error: stlSchemeReadFile: the path is NULL
  // CHECK: null error: stlSchemeCreate: the name is NULL
  // CHECK: null strings: 1 1 1 1 1
  double lhs[] = {1.0, 1.0};
  double rhs[] = {1.0, 0.0, 0.0, 1.0};
  double out[] = {1.0, 0.0, 0.0, 1.0};
  StlScheme s1 = stlSchemeLookup(nullText, printError, nullError);
  StlScheme s2 =
      stlSchemeParseJSON(nullText, str("x.json"), printError, nullError);
  StlScheme s3 = stlSchemeParseJSON(str("{}"), nullText, printError, nullError);
  StlScheme s4 = stlSchemeReadFile(nullText, printError, nullError);
  StlScheme s5 = stlSchemeCreate(nullText, 1, 1, 2, 2, lhs, rhs, out,
                                 printError, nullError);
  printf("null strings: %d %d %d %d %d\n", stlSchemeIsNull(s1),
         stlSchemeIsNull(s2), stlSchemeIsNull(s3), stlSchemeIsNull(s4),
         stlSchemeIsNull(s5));
  // CHECK: null error: missing coefficient array
  // CHECK: null array: 1
  StlScheme s6 = stlSchemeCreate(str("x"), 1, 1, 2, 2, lhs, NULL, out,
                                 printError, nullError);
  printf("null array: %d\n", stlSchemeIsNull(s6));
  // The empty name is a name: naive-1x1x2 without one.
  // CHECK: no name: 0
  StlScheme unnamed =
      stlSchemeCreate(empty, 1, 1, 2, 2, lhs, rhs, out, printError, nullError);
  printf("no name: %d\n", stlSchemeIsNull(unnamed));
  stlSchemeDestroy(unnamed);

  // Null schemes.
  // CHECK: null error: stlSchemeCompose: the scheme is null
  // CHECK: null error: stlSchemeCompose: the scheme is null
  // CHECK: compose null: 1 1
  StlScheme c1 = stlSchemeCompose(nullScheme, strassen, printError, nullError);
  StlScheme c2 = stlSchemeCompose(strassen, nullScheme, printError, nullError);
  printf("compose null: %d %d\n", stlSchemeIsNull(c1), stlSchemeIsNull(c2));
  MlirStringRef name = stlSchemeGetName(nullScheme);
  // CHECK: null scheme: name 1 0, tile 0x0x0, rank 0, coefficients 1 1 1,
  // CHECK-SAME: residual nan 1, error nan 1, exact 0
  printf("null scheme: name %d %d, tile %lldx%lldx%lld, rank %lld, "
         "coefficients %d %d %d, residual nan %d, error nan %d, exact %d\n",
         name.data == NULL, (int)name.length,
         (long long)stlSchemeGetTileM(nullScheme),
         (long long)stlSchemeGetTileK(nullScheme),
         (long long)stlSchemeGetTileN(nullScheme),
         (long long)stlSchemeGetRank(nullScheme),
         stlSchemeGetLhs(nullScheme) == NULL,
         stlSchemeGetRhs(nullScheme) == NULL,
         stlSchemeGetOut(nullScheme) == NULL,
         isnan(stlSchemeGetBrentResidual(nullScheme)),
         isnan(stlSchemeGetRelativeFrobeniusError(nullScheme)),
         stlSchemeIsExact(nullScheme, 1e-9));
  // Printing a null scheme, or through no callback, prints nothing.
  // CHECK-NEXT: printed: []
  printf("printed: [");
  stlSchemePrintJSON(nullScheme, printToStdout, NULL);
  stlSchemePrintJSON(strassen, NULL, NULL);
  printf("]\n");
  // CHECK: null error: stlSchemePrintCostJSON: the scheme is null
  // CHECK: cost of null: 0
  result = stlSchemePrintCostJSON(nullScheme, 1, 8, 8, 8, 1, false,
                                  printToStdout, printError, nullError);
  printf("cost of null: %d\n", mlirLogicalResultIsSuccess(result));
  // CHECK: cost without callbacks: 1 0
  MlirLogicalResult divided =
      stlSchemePrintCostJSON(strassen, 1, 8, 8, 8, 1, false, NULL, NULL, NULL);
  result =
      stlSchemePrintCostJSON(strassen, 1, 3, 8, 8, 1, false, NULL, NULL, NULL);
  printf("cost without callbacks: %d %d\n", mlirLogicalResultIsSuccess(divided),
         mlirLogicalResultIsSuccess(result));
  stlSchemeDestroy(nullScheme);
  stlSchemeDestroy(strassen);
}

int main(void) {
  testDialectHandle();
  testPipelines();
  testCompile();
  testSchemes();
  testCatalog();
  testNullArguments();
  // CHECK: done
  printf("done\n");
  return 0;
}
