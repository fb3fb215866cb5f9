// The conversions of narrowing.mlir for f32 inputs (@IN@ = f32): none. With
// tensor-core-cases.mlir, the cases of the GPU's TF32 kernels (`tf32`).

func.func @narrow(%t: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  return %t : tensor<?x?x?xf32>
}

func.func @widen(%t: tensor<?x?x?xf32>) -> tensor<?x?x?xf32> {
  return %t : tensor<?x?x?xf32>
}
