//===- SanitizerDefaults.h - ASan defaults of the tools ---------*- C++ -*-===//
//
// Included once by the main file of each tool (stl-opt, the fuzzers).
//
// In an AddressSanitizer build (STL_ENABLE_SANITIZERS, STL_ENABLE_FUZZER),
// LLVM's headers poison the unused tail of each allocator slab in inline
// code (BumpPtrAllocator) that is instrumented here, while the installed
// libMLIR / libLLVM, not instrumented, allocate from the same slabs without
// unpoisoning them: ASan would then report use-after-poison on valid
// memory (found by stl-opt-fuzzer on test/Dialect/STL/scheme-attr.mlir).
// Ignoring manual poisoning removes those reports; every other check stays.
//
//===----------------------------------------------------------------------===//

#ifndef STL_TOOLS_SANITIZERDEFAULTS_H
#define STL_TOOLS_SANITIZERDEFAULTS_H

#include "llvm/Support/Compiler.h"

#if LLVM_ADDRESS_SANITIZER_BUILD
extern "C" LLVM_ATTRIBUTE_USED const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}
#endif

#endif // STL_TOOLS_SANITIZERDEFAULTS_H
