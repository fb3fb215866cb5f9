// A variant of scheme-attr.mlir found by stl-opt-fuzzer (see the RUN line
// there that uses it): it made the sanitizer build report use-after-poison.
// Round trip of the #stl.scheme attribute: the full form, the catalog form
// and its expansion, compositions, and coefficients that are not integers.

// Catalog names print back as catalog names.
func.func private @catalog() attributes {
  a = #stl.scheme<"strassen-2x2x2">,
  b = #stl.scheme<"winograd-2x2x2">,
  c = #stl.scheme<"strassen-4x4x4">,
  d = #stl.scheme<"naive-3x1x2">,
  e = #stl.scheme<"strassen-2x2x2*naive-1x1x2">
}

// A full form with a catalog name and the catalog's coefficients is the
// catalog scheme: it prints in the short form.
func.func private @full_form_of_catalog() attributes {
  s = #stl.scheme<name = "naive-1x1x2", tile = [1, 1, 2], rank = 2,
                  lhs = [[1], [1]], rhs = [[0, 0], [0, 1]],
                  out = [[1, 0], [0, 1]]>
}

// A catalog name with other coefficients keeps the full form.
func.func private @renamed() attributes {
  s = #stl.scheme<name = "naive-1x1x2", tile = [1, 1, 2], rank = 2,
                  lhs = [[2], [1]], rhs = [[1, 0], [0, 1]],
                  out = [[0.5, 0], [0, 1]]>
}

// Without a name; floating-point coefficients (negative, fractional,
// exponents) survive the round trip exactly.
func.func private @unnamed() attributes {
  s = #stl.scheme<tile = [1, 1, 1], rank = 3,
                  lhs = [[0.1], [-0.33333333333333331], [1.0e-20]],
                  rhs = [[-1], [2.5], [3.0]], out = [[1, -2, 1.0e20]]>
}

// Keys may come in any order.
func.func private @any_order() attributes {
  s = #stl.scheme<out = [[-1]], rhs = [[-1]], lhs = [[1]], rank = 1,
                  tile = [1, 1, 1], name = "swap">
}