// A MatMul for the default wgmma tile (128 x 128 x 64, 6 stages) with more
// reduction tiles (8) than stages, after a zero fill (wgmma-emulated.mlir).
func.func @default_tile(%a: memref<128x512xbf16>, %b: memref<512x128xbf16>, %c: memref<128x128xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<128x128xf32>)
  linalg.matmul ins(%a, %b : memref<128x512xbf16>, memref<512x128xbf16>) outs(%c : memref<128x128xf32>)
  return
}
