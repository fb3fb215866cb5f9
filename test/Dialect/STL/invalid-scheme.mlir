// Every parse and verification error of the #stl.scheme attribute.
// RUN: stl-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{unknown scheme 'strassen-3x3x3' (known: naive-MxKxN, strassen-2x2x2, winograd-2x2x2, strassen-4x4x4, or A*B to compose two)}}
func.func private @f() attributes {s = #stl.scheme<"strassen-3x3x3">}

// -----

// expected-error @+1 {{unknown scheme 'naive-2x2': expected naive-MxKxN with positive integers}}
func.func private @f() attributes {s = #stl.scheme<"naive-2x2">}

// -----

// expected-error @+1 {{scheme 'naive-0x2x2': tile sizes must be in [1, 16]}}
func.func private @f() attributes {s = #stl.scheme<"naive-0x2x2">}

// -----

// expected-error @+1 {{composition of 'strassen-4x4x4*strassen-4x4x4' and 'strassen-2x2x2' is too large (tile 32x32x32, rank 16807)}}
func.func private @f() attributes {s = #stl.scheme<"strassen-4x4x4*strassen-4x4x4*strassen-2x2x2">}

// -----

// expected-error @+1 {{#stl.scheme is missing 'rank'}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], lhs = [[1]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{unknown key 'shape' in #stl.scheme (expected name, tile, rank, lhs, rhs, out)}}
func.func private @f() attributes {s = #stl.scheme<shape = [1, 1, 1]>}

// -----

// A key given twice is an error, not "the last one wins".
// expected-error @+1 {{'rank' is given more than once in #stl.scheme}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 1, rank = 2, lhs = [[1]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{'name' is given more than once in #stl.scheme}}
func.func private @f() attributes {s = #stl.scheme<name = "a", tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[1]], out = [[1]], name = "b">}

// -----

// expected-error @+1 {{'tile' must have 3 entries [m, k, n], got 2}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1], rank = 1>}

// -----

// expected-error @+1 {{rows of 'out' have different lengths (2 and 1)}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 2, lhs = [[1], [1]], rhs = [[1], [1]], out = [[1, 1], [1]]>}

// -----

// expected-error @+1 {{invalid scheme 'bad': tile size k = 0 is out of range [1, 16]}}
func.func private @f() attributes {s = #stl.scheme<name = "bad", tile = [1, 0, 1], rank = 1, lhs = [[1]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{invalid scheme: rank -2 is out of range [1, 4096]}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = -2, lhs = [[1]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{invalid scheme: 'lhs' has 2 coefficients, expected 1 x 1 = 1}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1, 2]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{invalid scheme: 'rhs' has 1 coefficients, expected 2 x 1 = 2}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 2, lhs = [[1], [1]], rhs = [[1]], out = [[1, 1]]>}

// -----

// expected-error @+1 {{invalid scheme: 'out' has 4 coefficients, expected 2 x 1 = 2}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 2], rank = 1, lhs = [[1]], rhs = [[1, 1]], out = [[1, 1], [1, 1]]>}

// -----

// expected-error @+1 {{invalid scheme: 'lhs' coefficient [0][0] is not finite}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [[1.0e999]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{expected integer value}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 1.5, lhs = [[1]], rhs = [[1]], out = [[1]]>}

// -----

// expected-error @+1 {{expected floating point literal}}
func.func private @f() attributes {s = #stl.scheme<tile = [1, 1, 1], rank = 1, lhs = [["x"]], rhs = [[1]], out = [[1]]>}
