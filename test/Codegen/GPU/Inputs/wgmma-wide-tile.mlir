// A MatMul for the wgmma tile 128 x 256 (wgmma-emulated.mlir).
func.func @wide_tile(%a: memref<128x128xbf16>, %b: memref<128x256xbf16>, %c: memref<128x256xf32>) {
  %z = arith.constant 0.0 : f32
  linalg.fill ins(%z : f32) outs(%c : memref<128x256xf32>)
  linalg.matmul ins(%a, %b : memref<128x128xbf16>, memref<128x256xbf16>) outs(%c : memref<128x256xf32>)
  return
}
