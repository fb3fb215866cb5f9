//===- STLTransformOps.td - Transform dialect ops for STL --*- tablegen -*-===//
//
// transform.stl.*: the Strassen-Tile rewrites on handles, for compilers
// that schedule with the transform dialect.
//
//===----------------------------------------------------------------------===//

#ifndef STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_TD
#define STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_TD

include "mlir/Dialect/Transform/IR/TransformDialect.td"
include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.td"
include "mlir/Dialect/Transform/IR/TransformTypes.td"
include "mlir/Interfaces/SideEffectInterfaces.td"
include "mlir/IR/OpBase.td"

def ReplaceMatmulTransformOp : Op<Transform_Dialect, "stl.replace_matmul",
    [FunctionalStyleTransformOpTrait, MemoryEffectsOpInterface,
     TransformOpInterface, TransformEachOpTrait,
     ReportTrackingListenerFailuresOpTrait]> {
  let cppNamespace = "::mlir::stl";
  let summary = "Replace the MatMuls of a handle by stl.matmul with a scheme";
  let description = [{
    ```mlir
    %s = transform.stl.replace_matmul %m {scheme = "strassen-2x2x2", pad}
        : (!transform.any_op) -> !transform.any_op
    ```

    Each payload op of `target` must be a MatMul `--stl-replace-matmul`
    recognises (linalg.matmul and its transposed, batched and generic
    forms, on tensors). It is replaced by an `stl.matmul` computing it with
    `scheme`: a catalog name (or a composition `A*B`), a scheme file's path
    (with a '/' or ending in `.json`), or an `#stl.scheme`. With `pad`,
    sizes the tile does not divide are padded with zeros (the result is
    sliced back). An approximate scheme (non-zero Brent residual) changes
    what the program computes and is refused unless `allow_approximate`.

    #### Return modes

    Produces a silenceable failure, naming the reason, for a payload op that
    is not such a MatMul, whose sizes the tile does not divide (without
    `pad`), or with an approximate scheme without `allow_approximate`;
    a definite failure for a scheme that names no scheme. Returns a handle
    to the `stl.matmul`s, in the order of `target`'s ops.
  }];
  let arguments = (ins TransformHandleTypeInterface:$target,
                       AnyAttr:$scheme,
                       UnitAttr:$pad,
                       UnitAttr:$allow_approximate);
  let results = (outs TransformHandleTypeInterface:$transformed);
  let hasVerifier = 1;
  let assemblyFormat =
      "$target attr-dict `:` functional-type($target, results)";
  let extraClassDeclaration = [{
    ::mlir::DiagnosedSilenceableFailure applyToOne(
        ::mlir::transform::TransformRewriter &rewriter,
        ::mlir::Operation *target,
        ::mlir::transform::ApplyToEachResultList &results,
        ::mlir::transform::TransformState &state);
  }];
}

def DecomposeTransformOp : Op<Transform_Dialect, "stl.decompose",
    [FunctionalStyleTransformOpTrait, MemoryEffectsOpInterface,
     TransformOpInterface, TransformEachOpTrait,
     ReportTrackingListenerFailuresOpTrait]> {
  let cppNamespace = "::mlir::stl";
  let summary = "Split stl.matmul into encode, tile product and decode";
  let description = [{
    Each payload op of `target` must be an `stl.matmul`; it is split as
    `--stl-decompose` splits it: `stl.encode` of both operands,
    `stl.tile_product` into a zero-filled accumulator, `stl.decode` into
    the destination. Returns handles to the encodes of the left operand,
    the encodes of the right operand, the tile products and the decodes,
    in the order of `target`'s ops (a weight that is a constant can then be
    encoded at compile time by `transform.apply_registered_pass
    "stl-fold-constant-encodings"`).

    #### Return modes

    Produces a silenceable failure for a payload op that is not an
    `stl.matmul`.
  }];
  let arguments = (ins TransformHandleTypeInterface:$target);
  let results = (outs TransformHandleTypeInterface:$encode_lhs,
                      TransformHandleTypeInterface:$encode_rhs,
                      TransformHandleTypeInterface:$tile_product,
                      TransformHandleTypeInterface:$decode);
  let assemblyFormat =
      "$target attr-dict `:` functional-type($target, results)";
  let extraClassDeclaration = [{
    ::mlir::DiagnosedSilenceableFailure applyToOne(
        ::mlir::transform::TransformRewriter &rewriter,
        ::mlir::Operation *target,
        ::mlir::transform::ApplyToEachResultList &results,
        ::mlir::transform::TransformState &state);
  }];
}

class STL_PassTransformOp<string mnemonic, string passName, string what>
    : Op<Transform_Dialect, mnemonic,
    [FunctionalStyleTransformOpTrait, MemoryEffectsOpInterface,
     TransformOpInterface, TransformEachOpTrait,
     ReportTrackingListenerFailuresOpTrait]> {
  let cppNamespace = "::mlir::stl";
  let description = [{
    Runs `--}] # passName # [{` on each payload op of `target` (an op
    isolated from above, e.g. a `func.func`): }] # what # [{ Returns a
    handle to the same ops (handles to ops nested in them are invalidated).

    #### Return modes

    A definite failure when the pass fails on a payload op (its error is
    reported) or the op is not isolated from above.
  }];
  let arguments = (ins TransformHandleTypeInterface:$target);
  let results = (outs TransformHandleTypeInterface:$transformed);
  let assemblyFormat =
      "$target attr-dict `:` functional-type($target, results)";
  let extraClassDeclaration = [{
    ::mlir::DiagnosedSilenceableFailure applyToOne(
        ::mlir::transform::TransformRewriter &rewriter,
        ::mlir::Operation *target,
        ::mlir::transform::ApplyToEachResultList &results,
        ::mlir::transform::TransformState &state);
  }];
}

def FoldConstantEncodingsTransformOp
    : STL_PassTransformOp<"stl.fold_constant_encodings",
                          "stl-fold-constant-encodings",
                          "the constant weights of its STL MatMuls are "
                          "encoded at compile time."> {
  let summary = "Encode constant weights at compile time";
}

def LowerToLinalgTransformOp
    : STL_PassTransformOp<"stl.lower_to_linalg", "convert-stl-to-linalg",
                          "its stl ops become linalg on tensors."> {
  let summary = "Lower the stl ops of a handle's ops to linalg";
}

#endif // STL_DIALECT_STL_TRANSFORMOPS_STLTRANSFORMOPS_TD
