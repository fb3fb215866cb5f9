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

/// A scheme as an attribute parameter: held (and compared) whole by the
/// attribute's storage, which checks nothing more: a `Scheme` is checked
/// when it is built.
def STL_SchemeParameter
    : AttrParameter<"const ::mlir::stl::Scheme &", "a checked scheme"> {
  let cppStorageType = "::mlir::stl::Scheme";
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
    catalog (`stl-opt --stl-list-schemes` lists its names; `A*B` is the
    Kronecker composition of two names). It is expanded when parsed; the
    printer uses the catalog form whenever the coefficients are those of the
    named catalog scheme. A module prints a scheme in the full form once, as
    an alias (`#stl_my_scheme = #stl.scheme<name = "my-scheme", ...>`) that
    its ops refer to.

    The parser rejects non-positive or out-of-range sizes, coefficient
    matrices of the wrong size and non-finite coefficients. Exactness (the
    Brent condition) is a property computed from the coefficients, not part
    of the attribute.
  }];
  let parameters = (ins STL_SchemeParameter:$scheme);
  // The storage keeps the checked scheme, whether it prints in the catalog
  // form, and facts about its coefficients, all computed once.
  let genStorageClass = 0;
  let hasCustomAssemblyFormat = 1;
  let extraClassDeclaration = [{
    ::llvm::StringRef getName() const { return getScheme().getName(); }
    ::mlir::stl::TileShape getTile() const { return getScheme().getTile(); }
    int64_t getM() const { return getTile().m; }
    int64_t getK() const { return getTile().k; }
    int64_t getN() const { return getTile().n; }
    int64_t getRank() const { return getScheme().getRank(); }
    /// U, V and D as row-major coefficient arrays.
    ::llvm::ArrayRef<double> getLhsCoefficients() const {
      return getScheme().getLhsCoefficients();
    }
    ::llvm::ArrayRef<double> getRhsCoefficients() const {
      return getScheme().getRhsCoefficients();
    }
    ::llvm::ArrayRef<double> getOutCoefficients() const {
      return getScheme().getOutCoefficients();
    }

    /// The tile of one MatMul operand, (rows, columns): (m, k) for the lhs,
    /// (k, n) for the rhs.
    std::pair<int64_t, int64_t> getOperandTile(OperandKind operand) const;
    /// The coefficients encoding one operand: U for the lhs, V for the rhs.
    ::llvm::ArrayRef<double>
    getOperandCoefficients(OperandKind operand) const;

    /// Facts about U, V and D (computed once).
    const CoefficientFacts &getLhsFacts() const;
    const CoefficientFacts &getRhsFacts() const;
    const CoefficientFacts &getOutFacts() const;
    const CoefficientFacts &getOperandFacts(OperandKind operand) const;

    /// True when the attribute prints in the catalog form: its name is a
    /// catalog name whose scheme has these coefficients.
    bool isCatalogScheme() const;
    /// The name of the alias the attribute prints under in a module, made of
    /// the scheme's name ("stl_" and its letters, digits and underscores).
    std::string getAliasName() const;
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
