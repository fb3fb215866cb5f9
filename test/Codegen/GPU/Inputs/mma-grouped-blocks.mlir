// 20 x 6 tiles of 32 x 32: blocks walk groups of 8 tile rows column by
// column, the last group 4 rows (for mma-sync-emulated.mlir).
func.func @grouped_blocks(%a: memref<640x64xbf16>, %b: memref<64x192xbf16>, %c: memref<640x192xf32>) {
  linalg.matmul ins(%a, %b : memref<640x64xbf16>, memref<64x192xbf16>) outs(%c : memref<640x192xf32>)
  return
}
