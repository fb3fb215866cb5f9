// RUN: stl-opt %s --stl-cpu-math-to-f32 | FileCheck %s

// f16: extended with arith.extf (no fastmath flags; an operand used twice
// once), computed in f32, rounded back once; math.fma too.
// CHECK-LABEL: func.func @f16
// CHECK-SAME:    (%[[X:.*]]: f16, %[[Y:.*]]: f16)
// CHECK:         %[[XE:.*]] = arith.extf %[[X]] : f16 to f32
// CHECK:         %[[E:.*]] = math.erf %[[XE]] : f32
// CHECK:         %[[ER:.*]] = arith.truncf %[[E]] : f32 to f16
// CHECK:         %[[ERE:.*]] = arith.extf %[[ER]] : f16 to f32
// CHECK:         %[[YE:.*]] = arith.extf %[[Y]] : f16 to f32
// CHECK:         %[[F:.*]] = math.fma %[[ERE]], %[[YE]], %[[YE]] fastmath<fast> : f32
// CHECK:         %[[FR:.*]] = arith.truncf %[[F]] : f32 to f16
// CHECK:         return %[[FR]]
// CHECK-NOT:     fastmath<contract>
func.func @f16(%x: f16, %y: f16) -> f16 {
  %e = math.erf %x : f16
  %f = math.fma %e, %y, %y fastmath<fast> : f16
  return %f : f16
}

// bf16 scalars and 1-D vectors: llvm.fpext (which LLVM lowers inline);
// n-D vectors: arith.extf.
// CHECK-LABEL: func.func @bf16
// CHECK:         llvm.fpext %{{.*}} : bf16 to f32
// CHECK:         math.copysign %{{.*}}, %{{.*}} : f32
// CHECK:         arith.truncf %{{.*}} : f32 to bf16
// CHECK:         llvm.fpext %{{.*}} : vector<8xbf16> to vector<8xf32>
// CHECK:         math.tanh %{{.*}} : vector<8xf32>
// CHECK:         arith.truncf %{{.*}} : vector<8xf32> to vector<8xbf16>
// CHECK:         arith.extf %{{.*}} : vector<2x4xbf16> to vector<2x4xf32>
// CHECK:         math.exp %{{.*}} : vector<2x4xf32>
// CHECK:         arith.truncf %{{.*}} : vector<2x4xf32> to vector<2x4xbf16>
func.func @bf16(%x: bf16, %y: bf16, %v: vector<8xbf16>, %w: vector<2x4xbf16>)
    -> (bf16, vector<8xbf16>, vector<2x4xbf16>) {
  %c = math.copysign %x, %y : bf16
  %t = math.tanh %v : vector<8xbf16>
  %e = math.exp %w : vector<2x4xbf16>
  return %c, %t, %e : bf16, vector<8xbf16>, vector<2x4xbf16>
}

// Integer operands and results keep their types: the exponent of fpowi, the
// i1 of isnan.
// CHECK-LABEL: func.func @mixed
// CHECK:         %[[B:.*]] = arith.extf %{{.*}} : f16 to f32
// CHECK:         %[[P:.*]] = math.fpowi %[[B]], %{{.*}} : f32, i32
// CHECK:         arith.truncf %[[P]] : f32 to f16
// CHECK:         %[[N:.*]] = math.isnan %{{.*}} : f32
// CHECK:         return %{{.*}}, %[[N]] : f16, i1
func.func @mixed(%x: f16, %n: i32) -> (f16, i1) {
  %p = math.fpowi %x, %n : f16, i32
  %i = math.isnan %x : f16
  return %p, %i : f16, i1
}

// f32, f64 and integer math are left alone.
// CHECK-LABEL: func.func @wide
// CHECK-NEXT:    math.erf %{{.*}} : f32
// CHECK-NEXT:    math.tanh %{{.*}} : vector<4xf64>
// CHECK-NEXT:    math.ipowi %{{.*}}, %{{.*}} : i32
// CHECK-NEXT:    return
func.func @wide(%x: f32, %v: vector<4xf64>, %i: i32) -> (f32, vector<4xf64>, i32) {
  %e = math.erf %x : f32
  %t = math.tanh %v : vector<4xf64>
  %p = math.ipowi %i, %i : i32
  return %e, %t, %p : f32, vector<4xf64>, i32
}
