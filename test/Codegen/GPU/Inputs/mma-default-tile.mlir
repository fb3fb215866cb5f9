// A MatMul that --stl-gpu-contraction-codegen gives its default tile
// (128 x 128 x 32, 2 x 4 warps, 4 stages), for mma-sync-emulated.mlir.
func.func @default_tile(%a: memref<128x256xbf16>, %b: memref<256x128xbf16>, %c: memref<128x128xf32>) {
  linalg.matmul ins(%a, %b : memref<128x256xbf16>, memref<256x128xbf16>) outs(%c : memref<128x128xf32>)
  return
}
