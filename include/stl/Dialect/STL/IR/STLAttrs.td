//===- STLAttrs.td - Strassen-Tile attributes --------------*- tablegen -*-===//

#ifndef STL_DIALECT_STL_IR_STLATTRS_TD
#define STL_DIALECT_STL_IR_STLATTRS_TD

include "stl/Dialect/STL/IR/STLDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

class STL_Attr<string name, string attrMnemonic, list<Trait> traits = []>
    : AttrDef<STL_Dialect, name, traits> {
  let mnemonic = attrMnemonic;
}

def STL_SchemeAttr : STL_Attr<"Scheme", "scheme"> {
  let summary = "A bilinear Strassen-Tile scheme";
  let description = [{
    A rank-`r` bilinear scheme for `[m, k, n]` tiles: the coefficient
    matrices `lhs` (U, `r x m*k`), `rhs` (V, `r x k*n`) and `out`
    (D, `m*n x r`), all row-major with tiles vectorised row-major, exactly
    as in the project's JSON scheme files.

    Full form:

    ```mlir
    #stl.scheme<name = "my-scheme", tile = [1, 1, 2], rank = 2,
                lhs = [[1], [1]], rhs = [[1, 0], [0, 1]],
                out = [[1, 0], [0, 1]]>
    ```

    Catalog form: `#stl.scheme<"strassen-4x4x4">` names a scheme of the
    catalog (`naive-MxKxN`, `strassen-2x2x2`, `winograd-2x2x2`,
    `strassen-4x4x4`, and `A*B` for the Kronecker composition of two
    names). It is expanded when parsed; the printer uses the catalog form
    whenever the coefficients are those of the named catalog scheme.

    The verifier rejects non-positive or out-of-range sizes, coefficient
    matrices of the wrong size and non-finite coefficients. Exactness (the
    Brent condition) is a property computed from the coefficients, not part
    of the attribute.
  }];
  let parameters = (ins
    StringRefParameter<"name of the scheme">:$name,
    "int64_t":$m,
    "int64_t":$k,
    "int64_t":$n,
    "int64_t":$rank,
    "::mlir::DenseF64ArrayAttr":$lhs,
    "::mlir::DenseF64ArrayAttr":$rhs,
    "::mlir::DenseF64ArrayAttr":$out
  );
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    AttrBuilder<(ins "const ::mlir::stl::Scheme &":$scheme), [{
      ::mlir::stl::TileShape t = scheme.getTile();
      return $_get($_ctxt, scheme.getName(), t.m, t.k, t.n, scheme.getRank(),
                   ::mlir::DenseF64ArrayAttr::get($_ctxt,
                                                  scheme.getLhsCoefficients()),
                   ::mlir::DenseF64ArrayAttr::get($_ctxt,
                                                  scheme.getRhsCoefficients()),
                   ::mlir::DenseF64ArrayAttr::get($_ctxt,
                                                  scheme.getOutCoefficients()));
    }]>
  ];
  let extraClassDeclaration = [{
    /// The scheme as a value (copies the coefficients).
    ::mlir::stl::Scheme getScheme() const;
    ::mlir::stl::TileShape getTile() const {
      return {getM(), getK(), getN()};
    }
    /// U, V and D as row-major coefficient arrays.
    ::llvm::ArrayRef<double> getLhsCoefficients() const {
      return getLhs().asArrayRef();
    }
    ::llvm::ArrayRef<double> getRhsCoefficients() const {
      return getRhs().asArrayRef();
    }
    ::llvm::ArrayRef<double> getOutCoefficients() const {
      return getOut().asArrayRef();
    }
  }];
}

def STL_OperandKind : I32EnumAttr<"OperandKind",
    "which MatMul operand a change of basis applies to", [
      I32EnumAttrCase<"Lhs", 0, "lhs">,
      I32EnumAttrCase<"Rhs", 1, "rhs">
    ]> {
  let cppNamespace = "::mlir::stl";
}

#endif // STL_DIALECT_STL_IR_STLATTRS_TD
