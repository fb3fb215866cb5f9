// Folded encodings equal the run-time encodings: each stl.encode below runs
// twice through --stl-cpu-pipeline, on a constant in @main (folded at
// compile time by --stl-fold-constant-encodings, which the pipeline runs)
// and on the same constant passed to a function (encoded at run time), in
// f16, bf16, f32 and f64; @mismatches counts the elements that differ.
// The cases are ones where the run-time sums are exact or a single product:
// the fold rounds once from double, the run time after every operation, so
// elsewhere they may differ in the last place.
//   * Strassen 2x2x2 (two terms per channel, coefficients +-1);
//   * Strassen (x) Strassen 4x4x4 on small integers (up to four terms);
//   * coefficients 0.1 and 1/3 (one product per channel): they agree only
//     because the fold rounds the coefficients to the encoded type, as the
//     lowering does;
//   * an f32 constant encoded into bf16 and into f16: the fold rounds the
//     constant to the encoded type first, as the run time truncates it.
// REQUIRES: mlir-runner

// The constants in @main are folded, the function arguments are not.
// RUN: sed -e 's/@T@/f32/g' %s | stl-opt --stl-fold-constant-encodings \
// RUN:   | FileCheck %s --check-prefix=IR
// IR-LABEL: func.func @runtime_strassen
// IR: stl.encode
// IR-LABEL: func.func @main
// IR-NOT: stl.encode

// RUN: sed -e 's/@T@/f16/g' %s | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s
// RUN: sed -e 's/@T@/bf16/g' %s | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s
// RUN: sed -e 's/@T@/f32/g' %s | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s
// RUN: sed -e 's/@T@/f64/g' %s | stl-opt --stl-cpu-pipeline | %run_cpu | FileCheck %s

// CHECK: strassen lhs: 0
// CHECK-NEXT: strassen rhs: 0
// CHECK-NEXT: strassen-4x4x4: 0
// CHECK-NEXT: coefficients: 0
// CHECK-NEXT: f32 into bf16: 0
// CHECK-NEXT: f32 into f16: 0

!W = tensor<8x8x@T@>

func.func @runtime_strassen(%w: !W) -> (tensor<7x4x4x@T@>, tensor<7x4x4x@T@>) {
  %e = tensor.empty() : tensor<7x4x4x@T@>
  %l = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%w : !W)
         outs(%e : tensor<7x4x4x@T@>) -> tensor<7x4x4x@T@>
  %r = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : !W)
         outs(%e : tensor<7x4x4x@T@>) -> tensor<7x4x4x@T@>
  return %l, %r : tensor<7x4x4x@T@>, tensor<7x4x4x@T@>
}

func.func @runtime_strassen4(%w: !W) -> tensor<49x2x2x@T@> {
  %e = tensor.empty() : tensor<49x2x2x@T@>
  %r = stl.encode rhs #stl.scheme<"strassen-4x4x4"> ins(%w : !W)
         outs(%e : tensor<49x2x2x@T@>) -> tensor<49x2x2x@T@>
  return %r : tensor<49x2x2x@T@>
}

func.func @runtime_coefficients(%w: !W) -> tensor<2x8x8x@T@> {
  %e = tensor.empty() : tensor<2x8x8x@T@>
  %r = stl.encode rhs #stl.scheme<tile = [1, 1, 1], rank = 2, lhs = [[1], [1]],
                                  rhs = [[0.1], [0.3333333333333333]], out = [[5, 1.5]]>
         ins(%w : !W) outs(%e : tensor<2x8x8x@T@>) -> tensor<2x8x8x@T@>
  return %r : tensor<2x8x8x@T@>
}

func.func @runtime_narrower(%w: tensor<8x8xf32>) -> (tensor<7x4x4xbf16>, tensor<7x4x4xf16>) {
  %e = tensor.empty() : tensor<7x4x4xbf16>
  %b = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<8x8xf32>)
         outs(%e : tensor<7x4x4xbf16>) -> tensor<7x4x4xbf16>
  %e2 = tensor.empty() : tensor<7x4x4xf16>
  %h = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : tensor<8x8xf32>)
         outs(%e2 : tensor<7x4x4xf16>) -> tensor<7x4x4xf16>
  return %b, %h : tensor<7x4x4xbf16>, tensor<7x4x4xf16>
}

// The number of elements where %a and %b differ.
func.func @mismatches(%a: tensor<?x?x?x@T@>, %b: tensor<?x?x?x@T@>) -> i64 {
  %zero = arith.constant 0 : i64
  %e = tensor.empty() : tensor<i64>
  %init = linalg.fill ins(%zero : i64) outs(%e : tensor<i64>) -> tensor<i64>
  %n = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) outs(%init : tensor<i64>) {
  ^bb0(%x: @T@, %y: @T@, %acc: i64):
    %ne = arith.cmpf une, %x, %y : @T@
    %one = arith.extui %ne : i1 to i64
    %s = arith.addi %acc, %one : i64
    linalg.yield %s : i64
  } -> tensor<i64>
  %r = tensor.extract %n[] : tensor<i64>
  return %r : i64
}

// The same for the bf16 and f16 encodings of the f32 constant.
func.func @mismatches_bf16(%a: tensor<7x4x4xbf16>, %b: tensor<7x4x4xbf16>) -> i64 {
  %zero = arith.constant 0 : i64
  %e = tensor.empty() : tensor<i64>
  %init = linalg.fill ins(%zero : i64) outs(%e : tensor<i64>) -> tensor<i64>
  %n = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<7x4x4xbf16>, tensor<7x4x4xbf16>) outs(%init : tensor<i64>) {
  ^bb0(%x: bf16, %y: bf16, %acc: i64):
    %x32 = arith.extf %x : bf16 to f32
    %y32 = arith.extf %y : bf16 to f32
    %ne = arith.cmpf une, %x32, %y32 : f32
    %one = arith.extui %ne : i1 to i64
    %s = arith.addi %acc, %one : i64
    linalg.yield %s : i64
  } -> tensor<i64>
  %r = tensor.extract %n[] : tensor<i64>
  return %r : i64
}

func.func @mismatches_f16(%a: tensor<7x4x4xf16>, %b: tensor<7x4x4xf16>) -> i64 {
  %zero = arith.constant 0 : i64
  %e = tensor.empty() : tensor<i64>
  %init = linalg.fill ins(%zero : i64) outs(%e : tensor<i64>) -> tensor<i64>
  %n = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<7x4x4xf16>, tensor<7x4x4xf16>) outs(%init : tensor<i64>) {
  ^bb0(%x: f16, %y: f16, %acc: i64):
    %x32 = arith.extf %x : f16 to f32
    %y32 = arith.extf %y : f16 to f32
    %ne = arith.cmpf une, %x32, %y32 : f32
    %one = arith.extui %ne : i1 to i64
    %s = arith.addi %acc, %one : i64
    linalg.yield %s : i64
  } -> tensor<i64>
  %r = tensor.extract %n[] : tensor<i64>
  return %r : i64
}

func.func @main() {
  // ((i * 7919) mod 1021 - 510) / 511 for the flat index i, rounded to @T@.
  %w = arith.constant dense<[[-0.998043, 0.512720, 0.025440, -0.461840, -0.949119, 0.561644, 0.074364, -0.412916], [-0.900196, 0.610568, 0.123288, -0.363992, -0.851272, 0.659491, 0.172211, -0.315068], [-0.802348, 0.708415, 0.221135, -0.266145, -0.753425, 0.757339, 0.270059, -0.217221], [-0.704501, 0.806262, 0.318982, -0.168297, -0.655577, 0.855186, 0.367906, -0.119374], [-0.606654, 0.904110, 0.416830, -0.070450, -0.557730, 0.953033, 0.465753, -0.021526], [-0.508806, -0.996086, 0.514677, 0.027397, -0.459883, -0.947162, 0.563601, 0.076321], [-0.410959, -0.898239, 0.612524, 0.125245, -0.362035, -0.849315, 0.661448, 0.174168], [-0.313112, -0.800391, 0.710372, 0.223092, -0.264188, -0.751468, 0.759295, 0.272016]]> : !W
  // Small integers, ((i * 37) mod 17) - 8.
  %wi = arith.constant dense<[[-8.0, -5.0, -2.0, 1.0, 4.0, 7.0, -7.0, -4.0], [-1.0, 2.0, 5.0, 8.0, -6.0, -3.0, 0.0, 3.0], [6.0, -8.0, -5.0, -2.0, 1.0, 4.0, 7.0, -7.0], [-4.0, -1.0, 2.0, 5.0, 8.0, -6.0, -3.0, 0.0], [3.0, 6.0, -8.0, -5.0, -2.0, 1.0, 4.0, 7.0], [-7.0, -4.0, -1.0, 2.0, 5.0, 8.0, -6.0, -3.0], [0.0, 3.0, 6.0, -8.0, -5.0, -2.0, 1.0, 4.0], [7.0, -7.0, -4.0, -1.0, 2.0, 5.0, 8.0, -6.0]]> : !W
  // The same values in f32, with low bits that bf16 and f16 round away
  // (ties among them).
  %w32 = arith.constant dense<[[1.00390625, 0.00390625, 1.0009765625, 3.0e-7, -0.998043, 0.512720, 0.025440, -0.461840], [0.00390625, 1.00390625, 0.00048828125, 1.0009765625, -0.851272, 0.659491, 0.172211, -0.315068], [-0.802348, 0.708415, 0.221135, -0.266145, -0.753425, 0.757339, 0.270059, -0.217221], [-0.704501, 0.806262, 0.318982, -0.168297, -0.655577, 0.855186, 0.367906, -0.119374], [-0.606654, 0.904110, 0.416830, -0.070450, -0.557730, 0.953033, 0.465753, -0.021526], [-0.508806, -0.996086, 0.514677, 0.027397, -0.459883, -0.947162, 0.563601, 0.076321], [-0.410959, -0.898239, 0.612524, 0.125245, -0.362035, -0.849315, 0.661448, 0.174168], [-0.313112, -0.800391, 0.710372, 0.223092, -0.264188, -0.751468, 0.759295, 0.272016]]> : tensor<8x8xf32>

  // Folded: the same ops as in the functions above, on the constants.
  %e7 = tensor.empty() : tensor<7x4x4x@T@>
  %fl = stl.encode lhs #stl.scheme<"strassen-2x2x2"> ins(%w : !W)
          outs(%e7 : tensor<7x4x4x@T@>) -> tensor<7x4x4x@T@>
  %fr = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w : !W)
          outs(%e7 : tensor<7x4x4x@T@>) -> tensor<7x4x4x@T@>
  %e49 = tensor.empty() : tensor<49x2x2x@T@>
  %f4 = stl.encode rhs #stl.scheme<"strassen-4x4x4"> ins(%wi : !W)
          outs(%e49 : tensor<49x2x2x@T@>) -> tensor<49x2x2x@T@>
  %e2 = tensor.empty() : tensor<2x8x8x@T@>
  %fc = stl.encode rhs #stl.scheme<tile = [1, 1, 1], rank = 2, lhs = [[1], [1]],
                                   rhs = [[0.1], [0.3333333333333333]], out = [[5, 1.5]]>
          ins(%w : !W) outs(%e2 : tensor<2x8x8x@T@>) -> tensor<2x8x8x@T@>
  %eb = tensor.empty() : tensor<7x4x4xbf16>
  %fb = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w32 : tensor<8x8xf32>)
          outs(%eb : tensor<7x4x4xbf16>) -> tensor<7x4x4xbf16>
  %eh = tensor.empty() : tensor<7x4x4xf16>
  %fh = stl.encode rhs #stl.scheme<"strassen-2x2x2"> ins(%w32 : tensor<8x8xf32>)
          outs(%eh : tensor<7x4x4xf16>) -> tensor<7x4x4xf16>

  // At run time.
  %rl, %rr = call @runtime_strassen(%w) : (!W) -> (tensor<7x4x4x@T@>, tensor<7x4x4x@T@>)
  %r4 = call @runtime_strassen4(%wi) : (!W) -> tensor<49x2x2x@T@>
  %rc = call @runtime_coefficients(%w) : (!W) -> tensor<2x8x8x@T@>
  %rb, %rh = call @runtime_narrower(%w32) : (tensor<8x8xf32>) -> (tensor<7x4x4xbf16>, tensor<7x4x4xf16>)

  %fl_d = tensor.cast %fl : tensor<7x4x4x@T@> to tensor<?x?x?x@T@>
  %rl_d = tensor.cast %rl : tensor<7x4x4x@T@> to tensor<?x?x?x@T@>
  %n1 = call @mismatches(%fl_d, %rl_d) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> i64
  vector.print str "strassen lhs: "
  vector.print %n1 : i64
  %fr_d = tensor.cast %fr : tensor<7x4x4x@T@> to tensor<?x?x?x@T@>
  %rr_d = tensor.cast %rr : tensor<7x4x4x@T@> to tensor<?x?x?x@T@>
  %n2 = call @mismatches(%fr_d, %rr_d) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> i64
  vector.print str "strassen rhs: "
  vector.print %n2 : i64
  %f4_d = tensor.cast %f4 : tensor<49x2x2x@T@> to tensor<?x?x?x@T@>
  %r4_d = tensor.cast %r4 : tensor<49x2x2x@T@> to tensor<?x?x?x@T@>
  %n3 = call @mismatches(%f4_d, %r4_d) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> i64
  vector.print str "strassen-4x4x4: "
  vector.print %n3 : i64
  %fc_d = tensor.cast %fc : tensor<2x8x8x@T@> to tensor<?x?x?x@T@>
  %rc_d = tensor.cast %rc : tensor<2x8x8x@T@> to tensor<?x?x?x@T@>
  %n4 = call @mismatches(%fc_d, %rc_d) : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>) -> i64
  vector.print str "coefficients: "
  vector.print %n4 : i64
  %n5 = call @mismatches_bf16(%fb, %rb) : (tensor<7x4x4xbf16>, tensor<7x4x4xbf16>) -> i64
  vector.print str "f32 into bf16: "
  vector.print %n5 : i64
  %n6 = call @mismatches_f16(%fh, %rh) : (tensor<7x4x4xf16>, tensor<7x4x4xf16>) -> i64
  vector.print str "f32 into f16: "
  vector.print %n6 : i64
  return
}
