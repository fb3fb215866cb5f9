// Integer MatMuls (i8 x i8 -> i32 signed and unsigned, i32 x i32 -> i32) are
// rewritten with exact integer schemes: the STL computation runs in the
// destination's ring (modulo 2^32), where an exact integer scheme gives the
// dense result exactly. Schemes with fractional coefficients, approximate
// schemes and mixed signedness are refused with a reason.
// RUN: stl-opt %s -split-input-file -verify-diagnostics --stl-replace-matmul=report | FileCheck %s
// RUN: stl-opt %s -split-input-file --stl-replace-matmul --stl-decompose | FileCheck %s --check-prefix=DECOMPOSED
// RUN: stl-opt %s -split-input-file --stl-replace-matmul="scheme-file=%inputs/schemes/scaled-strassen-2x2x2.json report" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=FRACTIONAL
// RUN: stl-opt %s -split-input-file --stl-replace-matmul="scheme-file=%inputs/schemes/approximate-rank6.json allow-approximate report" \
// RUN:   -o /dev/null 2>&1 | FileCheck %s --check-prefix=APPROXIMATE

// CHECK-LABEL: func.func @signed_i8
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%{{.*}}, %{{.*}} : tensor<8x16xi8>, tensor<16x8xi8>) outs(%{{.*}} : tensor<8x8xi32>)
// The encodings are i32, the i8 operands sign-extended.
// DECOMPOSED-LABEL: func.func @signed_i8
// DECOMPOSED: stl.encode lhs #stl.scheme<"strassen-4x4x4"> ins(%{{.*}} : tensor<8x16xi8>) outs(%{{.*}} : tensor<49x2x4xi32>)
// DECOMPOSED: stl.tile_product ins(%{{.*}}, %{{.*}} : tensor<49x2x4xi32>, tensor<49x4x2xi32>) outs(%{{.*}} : tensor<49x2x2xi32>)
// DECOMPOSED: stl.decode #stl.scheme<"strassen-4x4x4"> ins(%{{.*}} : tensor<49x2x2xi32>) outs(%{{.*}} : tensor<8x8xi32>)
// FRACTIONAL: remark: not replaced with STL: scheme 'scaled-strassen-2x2x2': the scheme's 'lhs' coefficient 0.5 is not an integer (of at most 2^53 in magnitude), as i32, the integer type the encodings are held in, needs
// APPROXIMATE: remark: not replaced with STL: scheme 'strassen-minus-one': it is not exact (Brent residual 1); an integer MatMul takes only exact integer schemes
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls}}
module {
  func.func @signed_i8(%a: tensor<8x16xi8>, %b: tensor<16x8xi8>, %c: tensor<8x8xi32>) -> tensor<8x8xi32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4' (exact, tile 4x4x4, rank 49)}}
    %r = linalg.matmul ins(%a, %b : tensor<8x16xi8>, tensor<16x8xi8>) outs(%c : tensor<8x8xi32>) -> tensor<8x8xi32>
    return %r : tensor<8x8xi32>
  }
}

// -----

// cast_unsigned: zero-extended.
// CHECK-LABEL: func.func @unsigned_i8
// CHECK: stl.matmul #stl.scheme<"strassen-4x4x4"> {zero_extend}
// DECOMPOSED-LABEL: func.func @unsigned_i8
// DECOMPOSED: stl.encode lhs #stl.scheme<"strassen-4x4x4"> {zero_extend}
// DECOMPOSED: stl.encode rhs #stl.scheme<"strassen-4x4x4"> {zero_extend}
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls}}
module {
  func.func @unsigned_i8(%a: tensor<8x16xi8>, %b: tensor<16x8xi8>, %c: tensor<8x8xi32>) -> tensor<8x8xi32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'strassen-4x4x4'}}
    %r = linalg.matmul {cast = #linalg.type_fn<cast_unsigned>} ins(%a, %b : tensor<8x16xi8>, tensor<16x8xi8>) outs(%c : tensor<8x8xi32>) -> tensor<8x8xi32>
    return %r : tensor<8x8xi32>
  }
}

// -----

// CHECK-LABEL: func.func @i32
// CHECK: stl.matmul #stl.scheme<"winograd-2x2x2"> ins(%{{.*}}, %{{.*}} : tensor<6x6xi32>, tensor<6x6xi32>) outs(%{{.*}} : tensor<6x6xi32>)
// expected-remark @+1 {{stl-replace-matmul: replaced 1 of 1 MatMuls}}
module {
  func.func @i32(%a: tensor<6x6xi32>, %b: tensor<6x6xi32>, %c: tensor<6x6xi32>) -> tensor<6x6xi32> {
    // expected-remark @+1 {{replaced with stl.matmul using scheme 'winograd-2x2x2'}}
    %r = linalg.matmul ins(%a, %b : tensor<6x6xi32>, tensor<6x6xi32>) outs(%c : tensor<6x6xi32>) -> tensor<6x6xi32>
    return %r : tensor<6x6xi32>
  }
}

// -----

// One operand sign-extended, the other zero-extended: left alone.
// CHECK-LABEL: func.func @mixed_signedness
// CHECK-NOT: stl.matmul
// expected-remark @+1 {{stl-replace-matmul: replaced 0 of 1 MatMuls}}
module {
  func.func @mixed_signedness(%a: tensor<8x8xi8>, %b: tensor<8x8xi8>, %c: tensor<8x8xi32>) -> tensor<8x8xi32> {
    // expected-remark @+1 {{not replaced with STL: it sign-extends one operand and zero-extends the other}}
    %r = linalg.generic {indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>],
                         iterator_types = ["parallel", "parallel", "reduction"]}
        ins(%a, %b : tensor<8x8xi8>, tensor<8x8xi8>) outs(%c : tensor<8x8xi32>) {
    ^bb0(%x: i8, %y: i8, %acc: i32):
      %xe = arith.extsi %x : i8 to i32
      %ye = arith.extui %y : i8 to i32
      %p = arith.muli %xe, %ye : i32
      %s = arith.addi %acc, %p : i32
      linalg.yield %s : i32
    } -> tensor<8x8xi32>
    return %r : tensor<8x8xi32>
  }
}
