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
#include "mlir-c/BuiltinTypes.h"
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

/* Collects the schemes stlSchemeParseAttributes finds (at most 4). */
struct FoundSchemes {
  StlScheme schemes[4];
  int count;
};

static void collectScheme(StlScheme scheme, void *userData) {
  struct FoundSchemes *found = (struct FoundSchemes *)userData;
  if (found->count < 4)
    found->schemes[found->count++] = scheme;
  else
    stlSchemeDestroy(scheme);
}

/* The attribute text without a context, files, limits and the default
   schemes. */
static void testSchemeText(void) {
  // CHECK-LABEL: scheme text
  printf("scheme text\n");
  StlScheme strassen = stlSchemeLookup(str("strassen-2x2x2"), NULL, NULL);
  // CHECK-NEXT: printed: #stl.scheme<"strassen-2x2x2">
  printf("printed: ");
  stlSchemePrintAttribute(strassen, printToStdout, NULL);
  printf("\n");

  // The full form, parsed back to the same coefficients.
  double lhs[] = {1.0, 1.0};
  double rhs[] = {1.0, 0.0, 0.0, 0.1};
  double out[] = {1.0, 0.0, 0.0, 1.0};
  StlScheme tenth = stlSchemeCreate(str("tenth"), 1, 1, 2, 2, lhs, rhs, out,
                                    printError, schemeError);
  // CHECK-NEXT: printed: #stl.scheme<name = "tenth", tile = [1, 1, 2],
  // CHECK-SAME: rank = 2, lhs = {{\[\[1\], \[1\]\]}},
  // CHECK-SAME: rhs = {{\[\[1, 0\], \[0, 0.1\]\]}},
  printf("printed: ");
  stlSchemePrintAttribute(tenth, printToStdout, NULL);
  printf("\n");
  StlScheme parsed = stlSchemeParseAttribute(
      str("  #stl.scheme<name = \"tenth\", tile = [1, 1, 2], rank = 2,\n"
          "    lhs = [[1], [1]], rhs = [[1, 0], [0, 0.1]],\n"
          "    out = [[1, 0], [0, 1]]>  // a comment\n"),
      printError, schemeError);
  // CHECK-NEXT: parsed: rank 2 same rhs 1
  printf("parsed: rank %lld same rhs %d\n", (long long)stlSchemeGetRank(parsed),
         memcmp(stlSchemeGetRhs(parsed), rhs, sizeof(rhs)) == 0);
  stlSchemeDestroy(parsed);

  // Errors, placed in the text.
  // CHECK-NEXT: scheme error: invalid #stl.scheme attribute at 2:10: 'tile'
  // CHECK-SAME: must have 3 entries [m, k, n], got 2
  // CHECK-NEXT: scheme error: invalid #stl.scheme attribute at 1:13: unknown
  // CHECK-SAME: scheme 'strassen-3x3x3'
  // CHECK-NEXT: scheme error: invalid #stl.scheme attribute at 1:28: found
  // CHECK-SAME: trailing characters: 'x'
  // CHECK-NEXT: scheme error: invalid #stl.scheme attribute: the text holds
  // CHECK-SAME: another attribute
  // CHECK-NEXT: parse errors: 1 1 1 1
  StlScheme e1 = stlSchemeParseAttribute(
      str("#stl.scheme<\n  tile = [1, 1], rank = 1>"), printError, schemeError);
  StlScheme e2 = stlSchemeParseAttribute(str("#stl.scheme<\"strassen-3x3x3\">"),
                                         printError, schemeError);
  StlScheme e3 = stlSchemeParseAttribute(str("#stl.scheme<\"naive-1x1x1\"> x"),
                                         printError, schemeError);
  StlScheme e4 = stlSchemeParseAttribute(str("unit"), printError, schemeError);
  printf("parse errors: %d %d %d %d\n", stlSchemeIsNull(e1),
         stlSchemeIsNull(e2), stlSchemeIsNull(e3), stlSchemeIsNull(e4));

  // Every attribute of a text, in order; the first bad one fails.
  const char *module =
      "#s = #stl.scheme<\"winograd-2x2x2\">\n"
      "func.func private @f() attributes {a = #stl.scheme<\"naive-1x1x3\">}\n";
  struct FoundSchemes found = {{{NULL}}, 0};
  MlirLogicalResult result =
      stlSchemeParseAttributes(str(module), collectScheme, NULL, &found);
  // CHECK-NEXT: found 2 (1): winograd-2x2x2 naive-1x1x3
  MlirStringRef n0 = stlSchemeGetName(found.schemes[0]);
  MlirStringRef n1 = stlSchemeGetName(found.schemes[1]);
  printf("found %d (%d): %.*s %.*s\n", found.count,
         mlirLogicalResultIsSuccess(result), (int)n0.length, n0.data,
         (int)n1.length, n1.data);
  for (int i = 0; i < found.count; ++i)
    stlSchemeDestroy(found.schemes[i]);
  // CHECK-NEXT: scheme error: invalid #stl.scheme attribute at 2:18: unknown
  // CHECK-SAME: scheme 'nope'
  // CHECK-NEXT: bad text: 0
  result = stlSchemeParseAttributes(
      str("#a = #stl.scheme<\"naive-1x1x1\">\n#b = #stl.scheme<\"nope\">\n"),
      NULL, printError, schemeError);
  printf("bad text: %d\n", mlirLogicalResultIsSuccess(result));

  // A file written and read back.
  const char *path = "stl-capi-test-scheme.json";
  result = stlSchemeWriteFile(tenth, str(path), printError, schemeError);
  StlScheme read = stlSchemeReadFile(str(path), printError, schemeError);
  remove(path);
  // CHECK-NEXT: file: 1 same out 1
  printf("file: %d same out %d\n", mlirLogicalResultIsSuccess(result),
         memcmp(stlSchemeGetOut(read), out, sizeof(out)) == 0);
  stlSchemeDestroy(read);
  // CHECK-NEXT: scheme error: cannot write scheme file '/no/such/dir/s.json'
  result = stlSchemeWriteFile(tenth, str("/no/such/dir/s.json"), printError,
                              schemeError);

  // Limits, the speedup bound and the default schemes.
  // CHECK: tolerance 1e-09, speedup 1.14286
  printf("tolerance %g, speedup %g\n", stlSchemeGetExactTolerance(),
         stlSchemeGetSpeedupBound(strassen));
  // CHECK-NEXT: sizes: 1 0 0
  // CHECK-NEXT: scheme error: tile size n = 17 is out of range [1, 16]
  // CHECK-NEXT: scheme error: rank 0 is out of range [1, 4096]
  MlirLogicalResult ok = stlSchemeCheckSizes(16, 1, 2, 4096, NULL, NULL);
  MlirLogicalResult wide = stlSchemeCheckSizes(1, 1, 17, 1, NULL, NULL);
  MlirLogicalResult none = stlSchemeCheckSizes(1, 1, 1, 0, NULL, NULL);
  printf("sizes: %d %d %d\n", mlirLogicalResultIsSuccess(ok),
         mlirLogicalResultIsSuccess(wide), mlirLogicalResultIsSuccess(none));
  stlSchemeCheckSizes(1, 1, 17, 1, printError, schemeError);
  stlSchemeCheckSizes(1, 1, 1, 0, printError, schemeError);
  // CHECK-NEXT: default: strassen-4x4x4
  // CHECK-NEXT: default: winograd-2x2x2
  // CHECK-NEXT: defaults 2, past the end null 1 1
  intptr_t defaults = stlSchemeGetNumDefaultExactSchemes();
  for (intptr_t i = 0; i < defaults; ++i) {
    StlScheme s = stlSchemeGetDefaultExactScheme(i);
    MlirStringRef name = stlSchemeGetName(s);
    printf("default: %.*s\n", (int)name.length, name.data);
    stlSchemeDestroy(s);
  }
  printf("defaults %ld, past the end null %d %d\n", (long)defaults,
         stlSchemeIsNull(stlSchemeGetDefaultExactScheme(defaults)),
         stlSchemeIsNull(stlSchemeGetDefaultExactScheme(-1)));

  // Null arguments.
  StlScheme nullScheme = {NULL};
  MlirStringRef nullText = mlirStringRefCreate(NULL, 3);
  // CHECK-NEXT: null error: stlSchemeParseAttribute: the text is NULL
  // CHECK-NEXT: null error: stlSchemeParseAttributes: the text is NULL
  // CHECK-NEXT: null error: stlSchemeWriteFile: the scheme is null
  // CHECK-NEXT: null error: stlSchemeWriteFile: the path is NULL
  // CHECK-NEXT: null text: 1 0 0 0, speedup nan 1, printed []
  StlScheme p1 = stlSchemeParseAttribute(nullText, printError, nullError);
  MlirLogicalResult p2 =
      stlSchemeParseAttributes(nullText, NULL, printError, nullError);
  MlirLogicalResult w1 =
      stlSchemeWriteFile(nullScheme, str(path), printError, nullError);
  MlirLogicalResult w2 =
      stlSchemeWriteFile(tenth, nullText, printError, nullError);
  printf("null text: %d %d %d %d, speedup nan %d, printed [",
         stlSchemeIsNull(p1), mlirLogicalResultIsSuccess(p2),
         mlirLogicalResultIsSuccess(w1), mlirLogicalResultIsSuccess(w2),
         isnan(stlSchemeGetSpeedupBound(nullScheme)));
  stlSchemePrintAttribute(nullScheme, printToStdout, NULL);
  stlSchemePrintAttribute(strassen, NULL, NULL);
  printf("]\n");

  stlSchemeDestroy(tenth);
  stlSchemeDestroy(strassen);
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

static void testOpSchemes(void) {
  // CHECK-LABEL: op schemes
  printf("op schemes\n");
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  stlRegisterEverything(registry);
  stlRegisterAllPasses();
  MlirContext ctx = mlirContextCreateWithRegistry(registry, false);
  mlirDialectRegistryDestroy(registry);
  mlirContextAttachDiagnosticHandler(ctx, printDiagnostic, NULL, NULL);
  MlirModule module = mlirModuleCreateParse(ctx, str(kMatmul));
  MlirOperation moduleOp = mlirModuleGetOperation(module);
  // The linalg.matmul: the first op of the function's body.
  MlirOperation func = mlirBlockGetFirstOperation(mlirModuleGetBody(module));
  MlirOperation matmul = mlirBlockGetFirstOperation(
      mlirRegionGetFirstBlock(mlirOperationGetRegion(func, 0)));
  // CHECK: attribute: stl.scheme
  MlirStringRef name = stlSchemeAttrName();
  printf("attribute: %.*s\n", (int)name.length, name.data);
  // CHECK: none: 1
  printf("none: %d\n", mlirAttributeIsNull(stlOperationGetScheme(matmul)));
  // Neither a scheme nor a string: refused.
  // CHECK: integer: 0
  printf("integer: %d\n",
         stlOperationSetScheme(
             matmul, mlirIntegerAttrGet(mlirIntegerTypeGet(ctx, 64), 7)));
  // CHECK: set: 1
  printf("set: %d\n",
         stlOperationSetScheme(matmul,
                               mlirStringAttrGet(ctx, str("winograd-2x2x2"))));
  // CHECK: get: "winograd-2x2x2"
  printf("get: ");
  mlirAttributePrint(stlOperationGetScheme(matmul), printToStdout, NULL);
  printf("\n");
  // The pass applies it, though the option names another scheme.
  // CHECK: replace: 1
  // CHECK: stl.matmul #stl.scheme<"winograd-2x2x2">
  printf("replace: %d\n",
         mlirLogicalResultIsSuccess(stlRunPassPipeline(
             moduleOp, str("stl-replace-matmul{scheme=strassen-2x2x2}"),
             printError, pipelineError)));
  mlirOperationPrint(moduleOp, printToStdout, NULL);
  printf("\n");
  // The transform ops are registered with the dialects: a script picks the
  // MatMul by handle.
  // CHECK: transform: 1
  // CHECK: stl.encode lhs #stl.scheme<"strassen-2x2x2">
  MlirModule scripted = mlirModuleCreateParse(
      ctx,
      str("func.func @mm(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>,\n"
          "              %c: tensor<8x8xf32>) -> tensor<8x8xf32> {\n"
          "  %0 = linalg.matmul ins(%a, %b : tensor<8x8xf32>, "
          "tensor<8x8xf32>)\n"
          "                     outs(%c : tensor<8x8xf32>) -> "
          "tensor<8x8xf32>\n"
          "  return %0 : tensor<8x8xf32>\n"
          "}\n"
          "module attributes {transform.with_named_sequence} {\n"
          "  transform.named_sequence @__transform_main(%root: "
          "!transform.any_op {transform.readonly}) {\n"
          "    %m = transform.structured.match ops{[\"linalg.matmul\"]} in "
          "%root : (!transform.any_op) -> !transform.any_op\n"
          "    %s = transform.stl.replace_matmul %m {scheme = "
          "\"strassen-2x2x2\"} : (!transform.any_op) -> !transform.any_op\n"
          "    %e:4 = transform.stl.decompose %s : (!transform.any_op) -> "
          "(!transform.any_op, !transform.any_op, !transform.any_op, "
          "!transform.any_op)\n"
          "    transform.yield\n"
          "  }\n"
          "}\n"));
  MlirOperation scriptedOp = mlirModuleGetOperation(scripted);
  printf("transform: %d\n", mlirLogicalResultIsSuccess(stlRunPassPipeline(
                                scriptedOp, str("transform-interpreter"),
                                printError, pipelineError)));
  mlirOperationPrint(scriptedOp, printToStdout, NULL);
  printf("\n");
  mlirModuleDestroy(scripted);
  // CHECK: null op: 0 1
  MlirOperation nullOp = {NULL};
  printf("null op: %d %d\n",
         stlOperationSetScheme(nullOp,
                               mlirStringAttrGet(ctx, str("strassen-2x2x2"))),
         mlirAttributeIsNull(stlOperationGetScheme(nullOp)));
  mlirModuleDestroy(module);
  mlirContextDestroy(ctx);
}

int main(void) {
  testDialectHandle();
  testPipelines();
  testCompile();
  testSchemes();
  testCatalog();
  testSchemeText();
  testNullArguments();
  testOpSchemes();
  // CHECK: done
  printf("done\n");
  return 0;
}
