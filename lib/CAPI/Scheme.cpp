//===- Scheme.cpp - C API of the scheme library ---------------------------===//

#include "stl-c/Scheme.h"

#include "stl/Scheme/Catalog.h"
#include "stl/Scheme/CostModel.h"
#include "stl/Scheme/Scheme.h"
#include "stl/Scheme/SchemeIO.h"

#include "mlir/CAPI/Support.h"
#include "llvm/Support/FormatVariadic.h"

#include <limits>

using namespace mlir;
using namespace mlir::stl;

static const Scheme &get(StlScheme scheme) {
  return *static_cast<const Scheme *>(scheme.ptr);
}

/// Passes `message` to the error callback, if there is one.
static void report(llvm::StringRef message, MlirStringCallback errorCallback,
                   void *userData) {
  if (errorCallback)
    errorCallback(mlirStringRefCreate(message.data(), message.size()),
                  userData);
}

/// Reports `error` through the callback and returns the null scheme.
static StlScheme fail(llvm::Error error, MlirStringCallback errorCallback,
                      void *userData) {
  report(llvm::toString(std::move(error)), errorCallback, userData);
  return {nullptr};
}

/// Reports `message` through the callback and returns the null scheme.
static StlScheme fail(const llvm::Twine &message,
                      MlirStringCallback errorCallback, void *userData) {
  report(message.str(), errorCallback, userData);
  return {nullptr};
}

/// A string argument with no text (data NULL) but a length.
static bool isInvalid(MlirStringRef text) { return !text.data && text.length; }

static StlScheme wrapResult(llvm::Expected<Scheme> scheme,
                            MlirStringCallback errorCallback, void *userData) {
  if (!scheme)
    return fail(scheme.takeError(), errorCallback, userData);
  return {new Scheme(std::move(*scheme))};
}

void stlSchemeDestroy(StlScheme scheme) {
  delete static_cast<Scheme *>(scheme.ptr);
}

StlScheme stlSchemeLookup(MlirStringRef name, MlirStringCallback errorCallback,
                          void *userData) {
  if (isInvalid(name))
    return fail("stlSchemeLookup: the name is NULL", errorCallback, userData);
  return wrapResult(lookupCatalogScheme(unwrap(name)), errorCallback, userData);
}

intptr_t stlSchemeGetNumDefaultExactSchemes(void) {
  return static_cast<intptr_t>(getDefaultExactSchemes().size());
}

StlScheme stlSchemeGetDefaultExactScheme(intptr_t index) {
  std::vector<Scheme> schemes = getDefaultExactSchemes();
  if (index < 0 || index >= static_cast<intptr_t>(schemes.size()))
    return {nullptr};
  return {new Scheme(std::move(schemes[index]))};
}

double stlSchemeGetExactTolerance(void) { return kExactTolerance; }

StlScheme stlSchemeParseJSON(MlirStringRef text, MlirStringRef sourceName,
                             MlirStringCallback errorCallback, void *userData) {
  if (isInvalid(text))
    return fail("stlSchemeParseJSON: the text is NULL", errorCallback,
                userData);
  if (isInvalid(sourceName))
    return fail("stlSchemeParseJSON: the source name is NULL", errorCallback,
                userData);
  return wrapResult(parseSchemeJSON(unwrap(text), unwrap(sourceName)),
                    errorCallback, userData);
}

StlScheme stlSchemeReadFile(MlirStringRef path,
                            MlirStringCallback errorCallback, void *userData) {
  if (isInvalid(path))
    return fail("stlSchemeReadFile: the path is NULL", errorCallback, userData);
  return wrapResult(readSchemeFile(unwrap(path)), errorCallback, userData);
}

StlScheme stlSchemeCreate(MlirStringRef name, int64_t m, int64_t k, int64_t n,
                          int64_t rank, const double *lhs, const double *rhs,
                          const double *out, MlirStringCallback errorCallback,
                          void *userData) {
  if (isInvalid(name))
    return fail("stlSchemeCreate: the name is NULL", errorCallback, userData);
  TileShape tile{m, k, n};
  // The sizes are checked before the arrays are read.
  std::string problem = Scheme::validateSizes(tile, rank);
  if (!problem.empty())
    return fail(
        llvm::createStringError(llvm::inconvertibleErrorCode(), problem),
        errorCallback, userData);
  if (!lhs || !rhs || !out)
    return fail(llvm::createStringError(llvm::inconvertibleErrorCode(),
                                        "missing coefficient array"),
                errorCallback, userData);
  std::vector<double> u(lhs, lhs + rank * tile.lhsSize());
  std::vector<double> v(rhs, rhs + rank * tile.rhsSize());
  std::vector<double> d(out, out + tile.outSize() * rank);
  return wrapResult(Scheme::create(unwrap(name), tile, rank, std::move(u),
                                   std::move(v), std::move(d)),
                    errorCallback, userData);
}

MlirLogicalResult stlSchemeCheckSizes(int64_t m, int64_t k, int64_t n,
                                      int64_t rank,
                                      MlirStringCallback errorCallback,
                                      void *userData) {
  std::string problem = Scheme::validateSizes(TileShape{m, k, n}, rank);
  if (problem.empty())
    return mlirLogicalResultSuccess();
  report(problem, errorCallback, userData);
  return mlirLogicalResultFailure();
}

StlScheme stlSchemeCompose(StlScheme a, StlScheme b,
                           MlirStringCallback errorCallback, void *userData) {
  if (stlSchemeIsNull(a) || stlSchemeIsNull(b))
    return fail("stlSchemeCompose: the scheme is null", errorCallback,
                userData);
  return wrapResult(composeSchemes(get(a), get(b)), errorCallback, userData);
}

MlirStringRef stlSchemeGetName(StlScheme scheme) {
  if (stlSchemeIsNull(scheme))
    return mlirStringRefCreate(nullptr, 0);
  const std::string &name = get(scheme).getName();
  return mlirStringRefCreate(name.data(), name.size());
}

// The null scheme has no sizes (0), no coefficients (NULL) and no error
// (NaN), and is not exact.
int64_t stlSchemeGetTileM(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? 0 : get(scheme).getTile().m;
}
int64_t stlSchemeGetTileK(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? 0 : get(scheme).getTile().k;
}
int64_t stlSchemeGetTileN(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? 0 : get(scheme).getTile().n;
}
int64_t stlSchemeGetRank(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? 0 : get(scheme).getRank();
}

const double *stlSchemeGetLhs(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? nullptr
                                 : get(scheme).getLhsCoefficients().data();
}
const double *stlSchemeGetRhs(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? nullptr
                                 : get(scheme).getRhsCoefficients().data();
}
const double *stlSchemeGetOut(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? nullptr
                                 : get(scheme).getOutCoefficients().data();
}

double stlSchemeGetBrentResidual(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? std::numeric_limits<double>::quiet_NaN()
                                 : get(scheme).brentResidual();
}

double stlSchemeGetRelativeFrobeniusError(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? std::numeric_limits<double>::quiet_NaN()
                                 : get(scheme).relativeFrobeniusError();
}

bool stlSchemeIsExact(StlScheme scheme, double tolerance) {
  return !stlSchemeIsNull(scheme) && get(scheme).isExact(tolerance);
}

double stlSchemeGetSpeedupBound(StlScheme scheme) {
  return stlSchemeIsNull(scheme) ? std::numeric_limits<double>::quiet_NaN()
                                 : get(scheme).speedupBound();
}

void stlSchemePrintJSON(StlScheme scheme, MlirStringCallback callback,
                        void *userData) {
  if (stlSchemeIsNull(scheme) || !callback)
    return;
  std::string text = printSchemeJSON(get(scheme));
  callback(mlirStringRefCreate(text.data(), text.size()), userData);
}

MlirLogicalResult stlSchemeWriteFile(StlScheme scheme, MlirStringRef path,
                                     MlirStringCallback errorCallback,
                                     void *userData) {
  const char *problem = nullptr;
  if (stlSchemeIsNull(scheme))
    problem = "stlSchemeWriteFile: the scheme is null";
  else if (isInvalid(path))
    problem = "stlSchemeWriteFile: the path is NULL";
  if (problem) {
    report(problem, errorCallback, userData);
    return mlirLogicalResultFailure();
  }
  if (llvm::Error error = writeSchemeFile(get(scheme), unwrap(path))) {
    report(llvm::toString(std::move(error)), errorCallback, userData);
    return mlirLogicalResultFailure();
  }
  return mlirLogicalResultSuccess();
}

MlirLogicalResult
stlSchemePrintCostJSON(StlScheme scheme, int64_t batch, int64_t m, int64_t k,
                       int64_t n, int64_t weightBatch, bool constantWeights,
                       MlirStringCallback callback,
                       MlirStringCallback errorCallback, void *userData) {
  if (stlSchemeIsNull(scheme)) {
    report("stlSchemePrintCostJSON: the scheme is null", errorCallback,
           userData);
    return mlirLogicalResultFailure();
  }
  TileShape t = get(scheme).getTile();
  std::string problem;
  if (batch < 1 || m < 1 || k < 1 || n < 1)
    problem = llvm::formatv("sizes must be positive (batch {0}, {1}x{2}x{3})",
                            batch, m, k, n);
  else if (weightBatch != 1 && weightBatch != batch)
    problem = llvm::formatv("the weight batch must be 1 or the batch ({0}), "
                            "not {1}",
                            batch, weightBatch);
  else if (m % t.m || k % t.k || n % t.n)
    problem = llvm::formatv("the {0}x{1}x{2} tile does not divide the "
                            "{3}x{4}x{5} MatMul",
                            t.m, t.k, t.n, m, k, n);
  if (!problem.empty()) {
    report(problem, errorCallback, userData);
    return mlirLogicalResultFailure();
  }
  MatmulSizes sizes{batch, m, k, n, weightBatch};
  STLCost cost = computeSTLCost(get(scheme), sizes, constantWeights);
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::json::Value(toJSON(cost));
  os.flush();
  if (callback)
    callback(mlirStringRefCreate(text.data(), text.size()), userData);
  return mlirLogicalResultSuccess();
}
