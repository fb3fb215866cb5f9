//===- Catalog.cpp - C API of the scheme catalog --------------------------===//

#include "stl-c/Catalog.h"

#include "stl/Scheme/Catalog.h"

#include "mlir/CAPI/Support.h"

using namespace mlir;
using namespace mlir::stl;

/// Entry `index`, or null when out of range.
static const CatalogEntry *getEntry(intptr_t index) {
  llvm::ArrayRef<CatalogEntry> catalog = getCatalog();
  if (index < 0 || static_cast<size_t>(index) >= catalog.size())
    return nullptr;
  return &catalog[index];
}

intptr_t stlSchemeCatalogGetNumEntries(void) {
  return static_cast<intptr_t>(getCatalog().size());
}

MlirStringRef stlSchemeCatalogGetEntryPattern(intptr_t index) {
  const CatalogEntry *entry = getEntry(index);
  return entry ? wrap(entry->pattern) : mlirStringRefCreate(nullptr, 0);
}

MlirStringRef stlSchemeCatalogGetEntryDescription(intptr_t index) {
  const CatalogEntry *entry = getEntry(index);
  return entry ? wrap(entry->description) : mlirStringRefCreate(nullptr, 0);
}
