// f32 contractions for the TF32 kernels of mma-sync-emulated.mlir: each
// input layout (K contiguous: ldmatrix; M / N contiguous: 32-bit shared
// loads), the tile product's form.
func.func @nn_f32(%a: memref<128x96xf32>, %b: memref<96x128xf32>, %c: memref<128x128xf32>) {
  linalg.matmul ins(%a, %b : memref<128x96xf32>, memref<96x128xf32>) outs(%c : memref<128x128xf32>)
  return
}

// -----

func.func @nt_f32(%a: memref<64x128xf32>, %b: memref<128x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>, affine_map<(m, n, k) -> (n, k)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<64x128xf32>, memref<128x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

func.func @tn_f32(%a: memref<64x64xf32>, %b: memref<64x128xf32>, %c: memref<64x128xf32>) {
  linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (k, m)>, affine_map<(m, n, k) -> (k, n)>, affine_map<(m, n, k) -> (m, n)>]
    ins(%a, %b : memref<64x64xf32>, memref<64x128xf32>) outs(%c : memref<64x128xf32>)
  return
}

// -----

#lhs = affine_map<(b, r, i, j, p) -> (b, r, i, p)>
#rhs = affine_map<(b, r, i, j, p) -> (r, p, j)>
#out = affine_map<(b, r, i, j, p) -> (b, r, i, j)>
func.func @tile_product_f32(%a: memref<2x3x64x32xf32>, %w: memref<3x32x64xf32>, %c: memref<2x3x64x64xf32>) {
  linalg.generic {indexing_maps = [#lhs, #rhs, #out], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction"]}
    ins(%a, %w : memref<2x3x64x32xf32>, memref<3x32x64xf32>) outs(%c : memref<2x3x64x64xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  }
  return
}
