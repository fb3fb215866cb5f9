//===- Transforms.h - Strassen-Tile rewrites as functions -------*- C++ -*-===//
//
// The rewrites behind the passes, for compilers that drive them directly.
//
//===----------------------------------------------------------------------===//

#ifndef STL_DIALECT_STL_TRANSFORMS_TRANSFORMS_H
#define STL_DIALECT_STL_TRANSFORMS_TRANSFORMS_H

#include "stl/Dialect/STL/IR/STLOps.h"
#include "stl/Dialect/STL/Transforms/MatmulMatch.h"

#include "mlir/IR/PatternMatch.h"

namespace mlir {
namespace stl {

/// The discardable attribute by which a frontend or a user names the scheme
/// of one MatMul-like op for --stl-replace-matmul: a string (a catalog name,
/// `A*B`, or a scheme file's path: with a '/' or ending in .json) or an
/// `#stl.scheme`.
inline constexpr llvm::StringLiteral kSchemeAttrName = "stl.scheme";

/// The discardable string attribute --stl-replace-matmul leaves on an
/// stl.matmul whose scheme an op named (kSchemeAttrName): where its scheme
/// came from, "op attribute stl.scheme"; --stl-cost-report prints it.
inline constexpr llvm::StringLiteral kSchemeSourceAttrName =
    "stl.scheme_source";

/// Replaces the recognised MatMul `match.op` with `stl.matmul` using
/// `scheme`: operands are transposed to the canonical layouts where their
/// indexing maps require it and, with `pad`, padded with zeros to multiples
/// of the tile (the result is sliced back). Without `pad` the tile must
/// divide the sizes. A non-null `encodedType` becomes the op's
/// `encoded_type`. Returns the new stl.matmul.
FailureOr<MatmulOp> replaceWithSTLMatmul(RewriterBase &rewriter,
                                         const MatmulMatch &match,
                                         SchemeAttr scheme, bool pad,
                                         Type encodedType = {});

/// Splits `op` into stl.encode (both operands), stl.tile_product into a
/// zero-filled accumulator and stl.decode into the destination (extended to
/// the accumulator type and rounded back after the decode when the
/// destination is narrower than f32). With `decodeIntoDestination`, a float
/// destination whose type holds the scheme's decoding coefficients is
/// decoded into as it is, for a lowering of stl.decode that sums in f32
/// and rounds once into it (ConvertSTLToLinalg's per-tile-encodings).
/// Returns the decode.
DecodeOp decomposeMatmul(RewriterBase &rewriter, MatmulOp op,
                         bool decodeIntoDestination = false);

/// Computes stl.encode of a constant at compile time. Returns failure when
/// `input` is not a dense float constant of the op's input type.
FailureOr<DenseElementsAttr> evaluateEncode(EncodeOp op,
                                            DenseElementsAttr input);

} // namespace stl
} // namespace mlir

#endif // STL_DIALECT_STL_TRANSFORMS_TRANSFORMS_H
