//===- STLDialect.td - Strassen-Tile dialect ---------------*- tablegen -*-===//

#ifndef STL_DIALECT_STL_IR_STLDIALECT_TD
#define STL_DIALECT_STL_IR_STLDIALECT_TD

include "mlir/IR/OpBase.td"

def STL_Dialect : Dialect {
  let name = "stl";
  let cppNamespace = "::mlir::stl";
  let summary = "Strassen-Tile (STL) matrix multiplication";
  let description = [{
    The `stl` dialect expresses a matrix product `C = X * W` computed with a
    bilinear *Strassen-Tile* scheme of rank `r` for `m x k x n` tiles:

    * `stl.encode` changes the basis of every tile of one operand (the left
      operand with the scheme's `U`, the right one with `V`), producing `r`
      channels laid out channel first: `[B..., r, M/m, K/k]` and
      `[B..., r, K/k, N/n]`;
    * `stl.tile_product` multiplies the encoded operands channel by channel
      (one batched MatMul with batch size `r`);
    * `stl.decode` maps the `r` product channels back to output tiles with
      the scheme's `D` and accumulates them into its destination;
    * `stl.matmul` is the composite operation, carrying its scheme, that
      `--stl-decompose` splits into the three above.

    All ops work on ranked tensors in destination-passing style; leading
    batch dimensions are carried through unchanged. The scheme is the
    attribute `#stl.scheme`.
  }];
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerAttributes();

    /// The `#stl.scheme` attribute of the catalog name `name` parsed before
    /// in this context, or null: a catalog name is looked up, and its scheme
    /// built, once per context.
    ::mlir::Attribute getParsedCatalogScheme(::llvm::StringRef name);
    void addParsedCatalogScheme(::llvm::StringRef name, ::mlir::Attribute attr);

  private:
    ::llvm::StringMap<::mlir::Attribute> parsedCatalogSchemes;
    std::mutex parsedCatalogSchemesMutex;

  public:
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect"];
}

#endif // STL_DIALECT_STL_IR_STLDIALECT_TD
