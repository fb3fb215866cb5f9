// encoded-type names the type of the encoded operands of floating-point
// MatMuls (recorded as the stl.matmul's encoded_type): f16 encodings of
// bf16 inputs (three more bits per encoded value, less range), bf16
// encodings of f32 inputs (tensor-core operands for an f32 model, an
// explicit loss of precision); integer MatMuls keep their ring.
// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-2x2x2 encoded-type=f16" | FileCheck %s --check-prefix=F16
// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-2x2x2 encoded-type=bf16" | FileCheck %s --check-prefix=BF16
// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-2x2x2 encoded-type=f32" | FileCheck %s --check-prefix=F32
// RUN: not stl-opt %s --stl-replace-matmul="encoded-type=f8" -o /dev/null 2>&1 | FileCheck %s --check-prefix=ERROR

// F16-LABEL: func.func @bf16_inputs
// F16: stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16}
// BF16-LABEL: func.func @bf16_inputs
// BF16: stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = bf16}
// F32-LABEL: func.func @bf16_inputs
// F32: stl.matmul #stl.scheme<"strassen-2x2x2"> ins
func.func @bf16_inputs(%a: tensor<64x64xbf16>, %b: tensor<64x64xbf16>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xbf16>, tensor<64x64xbf16>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// F16-LABEL: func.func @f32_inputs
// F16: stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = f16}
// BF16-LABEL: func.func @f32_inputs
// BF16: stl.matmul #stl.scheme<"strassen-2x2x2"> {encoded_type = bf16}
// F32-LABEL: func.func @f32_inputs
// F32: stl.matmul #stl.scheme<"strassen-2x2x2"> ins
func.func @f32_inputs(%a: tensor<64x64xf32>, %b: tensor<64x64xf32>, %c: tensor<64x64xf32>) -> tensor<64x64xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xf32>, tensor<64x64xf32>) outs(%c : tensor<64x64xf32>) -> tensor<64x64xf32>
  return %r : tensor<64x64xf32>
}

// F16-LABEL: func.func @integers
// F16: stl.matmul #stl.scheme<"strassen-2x2x2"> ins
func.func @integers(%a: tensor<64x64xi8>, %b: tensor<64x64xi8>, %c: tensor<64x64xi32>) -> tensor<64x64xi32> {
  %r = linalg.matmul ins(%a, %b : tensor<64x64xi8>, tensor<64x64xi8>) outs(%c : tensor<64x64xi32>) -> tensor<64x64xi32>
  return %r : tensor<64x64xi32>
}

// ERROR: error: stl-replace-matmul: invalid option 'encoded-type': expected f16, bf16 or f32, got 'f8'
