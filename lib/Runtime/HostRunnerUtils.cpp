//===- HostRunnerUtils.cpp - Printing for ahead-of-time executables -------===//
//
// The printing functions that MLIR's lowering of `vector.print` and the
// `printMemref*` calls of test programs use, with the output format of
// MLIR's runner utilities (libmlir_c_runner_utils / libmlir_runner_utils).
// Those libraries depend on libMLIR.so; executables built for a machine
// without MLIR (the GPU machine) link this small library instead.
//
//===----------------------------------------------------------------------===//

#include <cinttypes>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>

#define STL_EXPORT extern "C" __attribute__((visibility("default")))

namespace {

float halfToFloat(uint16_t bits) {
  uint32_t sign = (bits & 0x8000u) << 16;
  uint32_t exponent = (bits >> 10) & 0x1f;
  uint32_t mantissa = bits & 0x3ff;
  uint32_t out;
  if (exponent == 0) {
    if (mantissa == 0) {
      out = sign;
    } else { // Subnormal: normalise.
      exponent = 127 - 15 + 1;
      while (!(mantissa & 0x400)) {
        mantissa <<= 1;
        --exponent;
      }
      mantissa &= 0x3ff;
      out = sign | (exponent << 23) | (mantissa << 13);
    }
  } else if (exponent == 0x1f) {
    out = sign | 0x7f800000u | (mantissa << 13);
  } else {
    out = sign | ((exponent + 127 - 15) << 23) | (mantissa << 13);
  }
  float result;
  std::memcpy(&result, &out, sizeof(result));
  return result;
}

float bfloatToFloat(uint16_t bits) {
  uint32_t out = static_cast<uint32_t>(bits) << 16;
  float result;
  std::memcpy(&result, &out, sizeof(result));
  return result;
}

/// Prints like std::cout << value (6 significant digits, as MLIR's utils).
void printFloat(double value) {
  if (std::isnan(value))
    std::fputs(std::signbit(value) ? "-nan" : "nan", stdout);
  else if (std::isinf(value))
    std::fputs(value < 0 ? "-inf" : "inf", stdout);
  else
    std::printf("%g", value);
}

/// A ranked memref descriptor: pointers, offset, sizes, strides.
template <typename T> struct Descriptor {
  T *allocated;
  T *aligned;
  int64_t offset;
  int64_t sizesAndStrides[1];
};

/// MLIR's unranked memref: the rank and a pointer to the ranked descriptor.
template <typename T>
void printData(const T *data, int64_t rank, const int64_t *sizes,
               const int64_t *strides, int64_t dim, int64_t indent,
               void (*print)(T)) {
  if (dim == rank) {
    print(*data);
    return;
  }
  std::fputc('[', stdout);
  for (int64_t i = 0; i < sizes[dim]; ++i) {
    if (i > 0) {
      std::fputs(", ", stdout);
      if (dim + 1 < rank) {
        std::fputs("\n", stdout);
        for (int64_t j = 0; j < indent + 1; ++j)
          std::fputc(' ', stdout);
      }
    }
    printData(data + i * strides[dim], rank, sizes, strides, dim + 1,
              indent + 1, print);
  }
  std::fputc(']', stdout);
}

template <typename T>
void printMemref(int64_t rank, void *ptr, void (*print)(T)) {
  auto *descriptor = static_cast<Descriptor<T> *>(ptr);
  const int64_t *sizes = descriptor->sizesAndStrides;
  const int64_t *strides = descriptor->sizesAndStrides + rank;
  std::printf("Unranked Memref base@ = %p rank = %" PRId64 " offset = %" PRId64
              " sizes = [",
              static_cast<void *>(descriptor->aligned), rank,
              descriptor->offset);
  for (int64_t i = 0; i < rank; ++i)
    std::printf(i ? ", %" PRId64 : "%" PRId64, sizes[i]);
  std::fputs("] strides = [", stdout);
  for (int64_t i = 0; i < rank; ++i)
    std::printf(i ? ", %" PRId64 : "%" PRId64, strides[i]);
  std::fputs("] data = \n", stdout);
  printData<T>(descriptor->aligned + descriptor->offset, rank, sizes, strides,
               0, 0, print);
  std::fputc('\n', stdout);
}

void printElementF32(float value) { printFloat(value); }
void printElementF64(double value) { printFloat(value); }

} // namespace

STL_EXPORT void printF32(float value) { printFloat(value); }
STL_EXPORT void printF64(double value) { printFloat(value); }
STL_EXPORT void printF16(uint16_t bits) { printFloat(halfToFloat(bits)); }
STL_EXPORT void printBF16(uint16_t bits) { printFloat(bfloatToFloat(bits)); }
STL_EXPORT void printI64(int64_t value) { std::printf("%" PRId64, value); }
STL_EXPORT void printU64(uint64_t value) { std::printf("%" PRIu64, value); }
STL_EXPORT void printString(const char *text) { std::fputs(text, stdout); }
STL_EXPORT void printOpen() { std::fputs("( ", stdout); }
STL_EXPORT void printClose() { std::fputs(" )", stdout); }
STL_EXPORT void printComma() { std::fputs(", ", stdout); }
STL_EXPORT void printNewline() {
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

STL_EXPORT void printMemrefF32(int64_t rank, void *ptr) {
  printMemref<float>(rank, ptr, printElementF32);
}
STL_EXPORT void printMemrefF64(int64_t rank, void *ptr) {
  printMemref<double>(rank, ptr, printElementF64);
}
