// Every verifier error of the stl ops, one per split.
// RUN: stl-opt %s -split-input-file -verify-diagnostics

func.func @encode_input_rank(%x: tensor<64xf32>, %e: tensor<7x32xf32>) -> tensor<7x32xf32> {
  // expected-error @+1 {{'stl.encode' op expected the input to have rank 2 or more ([B..., M, K]), got 1}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64xf32>) outs(%e : tensor<7x32xf32>) -> tensor<7x32xf32>
  return %r : tensor<7x32xf32>
}

// -----

func.func @encode_dest_rank(%x: tensor<64x32xf32>, %e: tensor<7x32xf32>) -> tensor<7x32xf32> {
  // expected-error @+1 {{'stl.encode' op expected the destination to have rank 3 ([B..., r, M/m, K/k]), got 2}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64x32xf32>) outs(%e : tensor<7x32xf32>) -> tensor<7x32xf32>
  return %r : tensor<7x32xf32>
}

// -----

func.func @encode_rhs_dest_rank(%w: tensor<32x16xf32>, %e: tensor<7x16xf32>) -> tensor<7x16xf32> {
  // expected-error @+1 {{'stl.encode' op expected the destination to have rank 3 ([B..., r, K/k, N/n]), got 2}}
  %r = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<32x16xf32>) outs(%e : tensor<7x16xf32>) -> tensor<7x16xf32>
  return %r : tensor<7x16xf32>
}

// -----

func.func @encode_batch(%x: tensor<3x64x32xf32>, %e: tensor<4x7x32x16xf32>) -> tensor<4x7x32x16xf32> {
  // expected-error @+1 {{'stl.encode' op batch dimension mismatch: dimension 0 of the input is 3 but dimension 0 of the destination is 4}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<3x64x32xf32>) outs(%e : tensor<4x7x32x16xf32>) -> tensor<4x7x32x16xf32>
  return %r : tensor<4x7x32x16xf32>
}

// -----

func.func @encode_channels(%x: tensor<64x32xf32>, %e: tensor<8x32x16xf32>) -> tensor<8x32x16xf32> {
  // expected-error @+1 {{'stl.encode' op dimension 0 of the destination (size 8) must be 7 (the scheme's rank)}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64x32xf32>) outs(%e : tensor<8x32x16xf32>) -> tensor<8x32x16xf32>
  return %r : tensor<8x32x16xf32>
}

// -----

func.func @encode_divisible(%x: tensor<30x32xf32>, %e: tensor<49x8x8xf32>) -> tensor<49x8x8xf32> {
  // expected-error @+1 {{'stl.encode' op dimension 0 of the input (size 30) is not divisible by the scheme's tile size m = 4}}
  %r = stl.encode lhs #stl.scheme<"strassen-4x4x4"> ins(%x : tensor<30x32xf32>) outs(%e : tensor<49x8x8xf32>) -> tensor<49x8x8xf32>
  return %r : tensor<49x8x8xf32>
}

// -----

func.func @encode_rhs_divisible(%w: tensor<32x6xf32>, %e: tensor<14x16x2xf32>) -> tensor<14x16x2xf32> {
  // expected-error @+1 {{'stl.encode' op dimension 1 of the input (size 6) is not divisible by the scheme's tile size n = 4}}
  %r = stl.encode rhs #stl.scheme<"strassen-2x2x2*naive-1x1x2"> ins(%w : tensor<32x6xf32>) outs(%e : tensor<14x16x2xf32>) -> tensor<14x16x2xf32>
  return %r : tensor<14x16x2xf32>
}

// -----

func.func @encode_grid(%x: tensor<64x32xf32>, %e: tensor<7x32x8xf32>) -> tensor<7x32x8xf32> {
  // expected-error @+1 {{'stl.encode' op dimension 2 of the destination (size 8) must be 16 (input dimension 1 / tile k)}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64x32xf32>) outs(%e : tensor<7x32x8xf32>) -> tensor<7x32x8xf32>
  return %r : tensor<7x32x8xf32>
}

// -----

func.func @encode_element_type(%x: tensor<64x32xi1>, %e: tensor<7x32x16xi1>) -> tensor<7x32x16xi1> {
  // expected-error @+1 {{'stl.encode' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<64x32xi1>'}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64x32xi1>) outs(%e : tensor<7x32x16xi1>) -> tensor<7x32x16xi1>
  return %r : tensor<7x32x16xi1>
}

// -----

func.func @encode_result_type(%x: tensor<64x32xf32>, %e: tensor<7x32x16xf32>) -> tensor<7x32x16xf64> {
  // expected-error @+1 {{'stl.encode' op failed to verify that all of {init, result} have same type}}
  %r = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%x : tensor<64x32xf32>) outs(%e : tensor<7x32x16xf32>) -> tensor<7x32x16xf64>
  return %r : tensor<7x32x16xf64>
}

// -----

func.func @product_element_types(%a: tensor<7x4x2xf32>, %b: tensor<7x2x3xf16>, %c: tensor<7x4x3xf32>) -> tensor<7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op operands must have the same element type, got 'f32' and 'f16'}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x2x3xf16>) outs(%c : tensor<7x4x3xf32>) -> tensor<7x4x3xf32>
  return %r : tensor<7x4x3xf32>
}

// -----

func.func @product_lhs_rank(%a: tensor<4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<4x3xf32>) -> tensor<4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op expected the lhs to have rank 3 or more ([B..., r, I, P]), got 2}}
  %r = stl.tile_product ins(%a, %b : tensor<4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}

// -----

func.func @product_dest_rank(%a: tensor<7x4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<1x7x4x3xf32>) -> tensor<1x7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op expected the destination to have rank 3 ([B..., r, I, J], like the lhs), got 4}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<1x7x4x3xf32>) -> tensor<1x7x4x3xf32>
  return %r : tensor<1x7x4x3xf32>
}

// -----

func.func @product_rhs_rank(%a: tensor<2x5x7x4x2xf32>, %b: tensor<5x7x2x3xf32>, %c: tensor<2x5x7x4x3xf32>) -> tensor<2x5x7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op expected the rhs to have rank 5 ([B..., r, P, J]) or 3 ([r, P, J], shared by every batch), got 4}}
  %r = stl.tile_product ins(%a, %b : tensor<2x5x7x4x2xf32>, tensor<5x7x2x3xf32>) outs(%c : tensor<2x5x7x4x3xf32>) -> tensor<2x5x7x4x3xf32>
  return %r : tensor<2x5x7x4x3xf32>
}

// -----

func.func @product_batch(%a: tensor<5x7x4x2xf32>, %b: tensor<6x7x2x3xf32>, %c: tensor<5x7x4x3xf32>) -> tensor<5x7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op batch dimension mismatch: dimension 0 of the lhs is 5 but dimension 0 of the rhs is 6}}
  %r = stl.tile_product ins(%a, %b : tensor<5x7x4x2xf32>, tensor<6x7x2x3xf32>) outs(%c : tensor<5x7x4x3xf32>) -> tensor<5x7x4x3xf32>
  return %r : tensor<5x7x4x3xf32>
}

// -----

func.func @product_dest_batch(%a: tensor<5x7x4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<4x7x4x3xf32>) -> tensor<4x7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op batch dimension mismatch: dimension 0 of the lhs is 5 but dimension 0 of the destination is 4}}
  %r = stl.tile_product ins(%a, %b : tensor<5x7x4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<4x7x4x3xf32>) -> tensor<4x7x4x3xf32>
  return %r : tensor<4x7x4x3xf32>
}

// -----

func.func @product_channels(%a: tensor<7x4x2xf32>, %b: tensor<6x2x3xf32>, %c: tensor<7x4x3xf32>) -> tensor<7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op channel count mismatch: dimension 0 of the lhs is 7 but dimension 0 of the rhs is 6}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<6x2x3xf32>) outs(%c : tensor<7x4x3xf32>) -> tensor<7x4x3xf32>
  return %r : tensor<7x4x3xf32>
}

// -----

func.func @product_dest_channels(%a: tensor<7x4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<8x4x3xf32>) -> tensor<8x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op channel count mismatch: dimension 0 of the lhs is 7 but dimension 0 of the destination is 8}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<8x4x3xf32>) -> tensor<8x4x3xf32>
  return %r : tensor<8x4x3xf32>
}

// -----

func.func @product_rows(%a: tensor<7x4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<7x5x3xf32>) -> tensor<7x5x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op row grid (I) mismatch: dimension 1 of the lhs is 4 but dimension 1 of the destination is 5}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<7x5x3xf32>) -> tensor<7x5x3xf32>
  return %r : tensor<7x5x3xf32>
}

// -----

func.func @product_contraction(%a: tensor<7x4x2xf32>, %b: tensor<7x5x3xf32>, %c: tensor<7x4x3xf32>) -> tensor<7x4x3xf32> {
  // expected-error @+1 {{'stl.tile_product' op contraction grid (P) mismatch: dimension 2 of the lhs is 2 but dimension 1 of the rhs is 5}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x5x3xf32>) outs(%c : tensor<7x4x3xf32>) -> tensor<7x4x3xf32>
  return %r : tensor<7x4x3xf32>
}

// -----

func.func @product_columns(%a: tensor<7x4x2xf32>, %b: tensor<7x2x3xf32>, %c: tensor<7x4x9xf32>) -> tensor<7x4x9xf32> {
  // expected-error @+1 {{'stl.tile_product' op column grid (J) mismatch: dimension 2 of the rhs is 3 but dimension 2 of the destination is 9}}
  %r = stl.tile_product ins(%a, %b : tensor<7x4x2xf32>, tensor<7x2x3xf32>) outs(%c : tensor<7x4x9xf32>) -> tensor<7x4x9xf32>
  return %r : tensor<7x4x9xf32>
}

// -----

func.func @decode_input_rank(%ce: tensor<7x32xf32>, %c: tensor<64xf32>) -> tensor<64xf32> {
  // expected-error @+1 {{'stl.decode' op expected the input to have rank 3 or more ([B..., r, M/m, N/n]), got 2}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x32xf32>) outs(%c : tensor<64xf32>) -> tensor<64xf32>
  return %r : tensor<64xf32>
}

// -----

func.func @decode_dest_rank(%ce: tensor<7x32x8xf32>, %c: tensor<1x64x16xf32>) -> tensor<1x64x16xf32> {
  // expected-error @+1 {{'stl.decode' op expected the destination to have rank 2 ([B..., M, N]), got 3}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x32x8xf32>) outs(%c : tensor<1x64x16xf32>) -> tensor<1x64x16xf32>
  return %r : tensor<1x64x16xf32>
}

// -----

func.func @decode_batch(%ce: tensor<2x7x32x8xf32>, %c: tensor<3x64x16xf32>) -> tensor<3x64x16xf32> {
  // expected-error @+1 {{'stl.decode' op batch dimension mismatch: dimension 0 of the input is 2 but dimension 0 of the destination is 3}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<2x7x32x8xf32>) outs(%c : tensor<3x64x16xf32>) -> tensor<3x64x16xf32>
  return %r : tensor<3x64x16xf32>
}

// -----

func.func @decode_channels(%ce: tensor<8x32x8xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'stl.decode' op dimension 0 of the input (size 8) must be 7 (the scheme's rank)}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<8x32x8xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

func.func @decode_divisible(%ce: tensor<7x32x8xf32>, %c: tensor<64x15xf32>) -> tensor<64x15xf32> {
  // expected-error @+1 {{'stl.decode' op dimension 1 of the destination (size 15) is not divisible by the scheme's tile size n = 2}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x32x8xf32>) outs(%c : tensor<64x15xf32>) -> tensor<64x15xf32>
  return %r : tensor<64x15xf32>
}

// -----

func.func @decode_grid(%ce: tensor<7x16x8xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'stl.decode' op dimension 1 of the input (size 16) must be 32 (destination dimension 0 / tile m)}}
  %r = stl.decode #stl.scheme<"strassen-2x2x2"> ins(%ce : tensor<7x16x8xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

func.func @matmul_element_types(%x: tensor<64x32xf32>, %w: tensor<32x16xf64>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op operands must have the same element type, got 'f32' and 'f64'}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf64>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

func.func @matmul_lhs_rank(%x: tensor<64xf32>, %w: tensor<32x16xf32>, %c: tensor<16xf32>) -> tensor<16xf32> {
  // expected-error @+1 {{'stl.matmul' op expected the lhs to have rank 2 or more ([B..., M, K]), got 1}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64xf32>, tensor<32x16xf32>) outs(%c : tensor<16xf32>) -> tensor<16xf32>
  return %r : tensor<16xf32>
}

// -----

func.func @matmul_dest_rank(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>, %c: tensor<1x64x16xf32>) -> tensor<1x64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op expected the destination to have rank 2 ([B..., M, N], like the lhs), got 3}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<1x64x16xf32>) -> tensor<1x64x16xf32>
  return %r : tensor<1x64x16xf32>
}

// -----

func.func @matmul_rhs_rank(%x: tensor<2x3x64x32xf32>, %w: tensor<3x32x16xf32>, %c: tensor<2x3x64x16xf32>) -> tensor<2x3x64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op expected the rhs to have rank 4 ([B..., K, N]) or 2 ([K, N], shared by every batch), got 3}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<2x3x64x32xf32>, tensor<3x32x16xf32>) outs(%c : tensor<2x3x64x16xf32>) -> tensor<2x3x64x16xf32>
  return %r : tensor<2x3x64x16xf32>
}

// -----

func.func @matmul_batch(%x: tensor<3x64x32xf32>, %w: tensor<2x32x16xf32>, %c: tensor<3x64x16xf32>) -> tensor<3x64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op batch dimension mismatch: dimension 0 of the lhs is 3 but dimension 0 of the rhs is 2}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<3x64x32xf32>, tensor<2x32x16xf32>) outs(%c : tensor<3x64x16xf32>) -> tensor<3x64x16xf32>
  return %r : tensor<3x64x16xf32>
}

// -----

func.func @matmul_dest_batch(%x: tensor<3x64x32xf32>, %w: tensor<32x16xf32>, %c: tensor<2x64x16xf32>) -> tensor<2x64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op batch dimension mismatch: dimension 0 of the lhs is 3 but dimension 0 of the destination is 2}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<3x64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<2x64x16xf32>) -> tensor<2x64x16xf32>
  return %r : tensor<2x64x16xf32>
}

// -----

func.func @matmul_m(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>, %c: tensor<32x16xf32>) -> tensor<32x16xf32> {
  // expected-error @+1 {{'stl.matmul' op M mismatch: dimension 0 of the lhs is 64 but dimension 0 of the destination is 32}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<32x16xf32>) -> tensor<32x16xf32>
  return %r : tensor<32x16xf32>
}

// -----

func.func @matmul_k(%x: tensor<64x32xf32>, %w: tensor<16x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op K mismatch: dimension 1 of the lhs is 32 but dimension 0 of the rhs is 16}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64x32xf32>, tensor<16x16xf32>) outs(%c : tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

func.func @matmul_n(%x: tensor<64x32xf32>, %w: tensor<32x16xf32>, %c: tensor<64x8xf32>) -> tensor<64x8xf32> {
  // expected-error @+1 {{'stl.matmul' op N mismatch: dimension 1 of the rhs is 16 but dimension 1 of the destination is 8}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> ins(%x, %w : tensor<64x32xf32>, tensor<32x16xf32>) outs(%c : tensor<64x8xf32>) -> tensor<64x8xf32>
  return %r : tensor<64x8xf32>
}

// -----

func.func @matmul_divisible_m(%x: tensor<30x32xf32>, %w: tensor<32x16xf32>, %c: tensor<30x16xf32>) -> tensor<30x16xf32> {
  // expected-error @+1 {{'stl.matmul' op dimension 0 of the lhs (size 30) is not divisible by the scheme's tile size m = 4}}
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%x, %w : tensor<30x32xf32>, tensor<32x16xf32>) outs(%c : tensor<30x16xf32>) -> tensor<30x16xf32>
  return %r : tensor<30x16xf32>
}

// -----

func.func @matmul_divisible_k(%x: tensor<32x30xf32>, %w: tensor<30x16xf32>, %c: tensor<32x16xf32>) -> tensor<32x16xf32> {
  // expected-error @+1 {{'stl.matmul' op dimension 1 of the lhs (size 30) is not divisible by the scheme's tile size k = 4}}
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%x, %w : tensor<32x30xf32>, tensor<30x16xf32>) outs(%c : tensor<32x16xf32>) -> tensor<32x16xf32>
  return %r : tensor<32x16xf32>
}

// -----

func.func @matmul_divisible_n(%x: tensor<32x32xf32>, %w: tensor<32x6xf32>, %c: tensor<32x6xf32>) -> tensor<32x6xf32> {
  // expected-error @+1 {{'stl.matmul' op dimension 1 of the rhs (size 6) is not divisible by the scheme's tile size n = 4}}
  %r = stl.matmul #stl.scheme<"strassen-4x4x4"> ins(%x, %w : tensor<32x32xf32>, tensor<32x6xf32>) outs(%c : tensor<32x6xf32>) -> tensor<32x6xf32>
  return %r : tensor<32x6xf32>
}

// -----

func.func @matmul_unranked(%x: tensor<*xf32>, %w: tensor<32x16xf32>, %c: tensor<64x16xf32>) -> tensor<64x16xf32> {
  // expected-error @+1 {{'stl.matmul' op operand #0 must be ranked tensor of 16-bit float or bfloat16 type or 32-bit float or 64-bit float or 8-bit signless integer or 16-bit signless integer or 32-bit signless integer or 64-bit signless integer values, but got 'tensor<*xf32>'}}
  %r = "stl.matmul"(%x, %w, %c) <{scheme = #stl.scheme<"strassen-2x2x2">}> : (tensor<*xf32>, tensor<32x16xf32>, tensor<64x16xf32>) -> tensor<64x16xf32>
  return %r : tensor<64x16xf32>
}

// -----

func.func @matmul_encoded_type_not_supported(%x: tensor<8x8xf16>, %w: tensor<8x8xf16>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'stl.matmul' op attribute 'encoded_type' failed to satisfy constraint}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f8E4M3FN} ins(%x, %w : tensor<8x8xf16>, tensor<8x8xf16>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

func.func @matmul_encoded_type_of_another_kind(%x: tensor<8x8xf16>, %w: tensor<8x8xf16>, %c: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'stl.matmul' op mixes integer and floating-point element types}}
  %r = stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = i32} ins(%x, %w : tensor<8x8xf16>, tensor<8x8xf16>) outs(%c : tensor<8x8xf32>) -> tensor<8x8xf32>
  return %r : tensor<8x8xf32>
}

// -----

// Coefficients must be finite in the types that hold them: U and V in the
// encoded type, D in the accumulator type.
func.func @matmul_coefficient_overflows_f32(%x: tensor<4x4xf32>, %w: tensor<4x4xf32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'stl.matmul' op the scheme's 'lhs' coefficients reach 1e+45 in magnitude, which is not finite in f32, the type the encodings are held in}}
  %r = stl.matmul #stl.scheme<name = "huge", tile = [1, 1, 1], rank = 1, lhs = [[1.0e45]], rhs = [[1]], out = [[1.0e-45]]>
         ins(%x, %w : tensor<4x4xf32>, tensor<4x4xf32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

func.func @matmul_narrow_encoding_overflows_f16(%x: tensor<4x4xf16>, %w: tensor<4x4xf16>, %c: tensor<4x4xf16>) -> tensor<4x4xf16> {
  // expected-error @+1 {{'stl.matmul' op the scheme's 'rhs' coefficients reach 65536 in magnitude, which is not finite in f16, the type the encodings are held in}}
  %r = stl.matmul #stl.scheme<name = "big", tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[65536]], out = [[1.52587890625e-05]]> {encoded_type = f16}
         ins(%x, %w : tensor<4x4xf16>, tensor<4x4xf16>) outs(%c : tensor<4x4xf16>) -> tensor<4x4xf16>
  return %r : tensor<4x4xf16>
}

// -----

func.func @encode_coefficient_overflows_f16(%x: tensor<4x4xf16>, %e: tensor<1x4x4xf16>) -> tensor<1x4x4xf16> {
  // expected-error @+1 {{'stl.encode' op the scheme's 'lhs' coefficients reach 65536 in magnitude, which is not finite in f16, the type the encodings are held in}}
  %r = stl.encode lhs #stl.scheme<name = "big", tile = [1, 1, 1], rank = 1, lhs = [[65536]], rhs = [[1]], out = [[1]]>
         ins(%x : tensor<4x4xf16>) outs(%e : tensor<1x4x4xf16>) -> tensor<1x4x4xf16>
  return %r : tensor<1x4x4xf16>
}

// -----

func.func @decode_coefficient_overflows_bf16(%p: tensor<1x4x4xbf16>, %c: tensor<4x4xbf16>) -> tensor<4x4xbf16> {
  // expected-error @+1 {{'stl.decode' op the scheme's 'out' coefficients reach 1e+40 in magnitude, which is not finite in bf16, the type the products are decoded in}}
  %r = stl.decode #stl.scheme<name = "big", tile = [1, 1, 1], rank = 1, lhs = [[1]], rhs = [[1]], out = [[1.0e40]]>
         ins(%p : tensor<1x4x4xbf16>) outs(%c : tensor<4x4xbf16>) -> tensor<4x4xbf16>
  return %r : tensor<4x4xbf16>
}

// -----

// Integer MatMuls need integer coefficients.
func.func @matmul_integer_needs_integer_coefficients(%x: tensor<4x4xi8>, %w: tensor<4x4xi8>, %c: tensor<4x4xi32>) -> tensor<4x4xi32> {
  // expected-error @+1 {{'stl.matmul' op the scheme's 'out' coefficient 0.5 is not an integer (of at most 2^53 in magnitude), as i32, the integer type the products are decoded in, needs}}
  %r = stl.matmul #stl.scheme<name = "half", tile = [1, 1, 1], rank = 1, lhs = [[2]], rhs = [[1]], out = [[0.5]]>
         ins(%x, %w : tensor<4x4xi8>, tensor<4x4xi8>) outs(%c : tensor<4x4xi32>) -> tensor<4x4xi32>
  return %r : tensor<4x4xi32>
}

// -----

func.func @matmul_mixes_integers_and_floats(%x: tensor<4x4xi8>, %w: tensor<4x4xi8>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'stl.matmul' op mixes integer and floating-point element types}}
  %r = stl.matmul #stl.scheme<"naive-1x1x1">
         ins(%x, %w : tensor<4x4xi8>, tensor<4x4xi8>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

func.func @encode_mixes_integers_and_floats(%x: tensor<4x4xi8>, %e: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  // expected-error @+1 {{'stl.encode' op mixes integer and floating-point element types}}
  %r = stl.encode lhs #stl.scheme<"naive-1x1x1"> ins(%x : tensor<4x4xi8>) outs(%e : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %r : tensor<1x4x4xf32>
}

// -----

func.func @tile_product_mixes_integers_and_floats(%x: tensor<1x4x4xi32>, %w: tensor<1x4x4xi32>, %c: tensor<1x4x4xf32>) -> tensor<1x4x4xf32> {
  // expected-error @+1 {{'stl.tile_product' op mixes integer and floating-point element types}}
  %r = stl.tile_product ins(%x, %w : tensor<1x4x4xi32>, tensor<1x4x4xi32>) outs(%c : tensor<1x4x4xf32>) -> tensor<1x4x4xf32>
  return %r : tensor<1x4x4xf32>
}

// -----

func.func @decode_mixes_integers_and_floats(%p: tensor<1x4x4xi32>, %c: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'stl.decode' op mixes integer and floating-point element types}}
  %r = stl.decode #stl.scheme<"naive-1x1x1"> ins(%p : tensor<1x4x4xi32>) outs(%c : tensor<4x4xf32>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}

// -----

func.func @encode_integer_needs_integer_coefficients(%x: tensor<4x4xi8>, %e: tensor<1x4x4xi32>) -> tensor<1x4x4xi32> {
  // expected-error @+1 {{'stl.encode' op the scheme's 'lhs' coefficient 0.25 is not an integer (of at most 2^53 in magnitude), as i32, the integer type the encodings are held in, needs}}
  %r = stl.encode lhs #stl.scheme<name = "quarter", tile = [1, 1, 1], rank = 1, lhs = [[0.25]], rhs = [[1]], out = [[4]]> ins(%x : tensor<4x4xi8>) outs(%e : tensor<1x4x4xi32>) -> tensor<1x4x4xi32>
  return %r : tensor<1x4x4xi32>
}
