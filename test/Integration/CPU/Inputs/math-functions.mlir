// Math functions on @T@ for math-functions.mlir (a template: the test
// replaces @T@ by the element type, and @WIDEN@, @P@, @PRINT@ by how a
// result is printed: arith.extf to f32 for f16 / bf16, tensor.cast for
// f32 / f64; printMemrefF32 or printMemrefF64). @funcs applies every math
// op the CPU pipeline lowers to tensors of 8 values (elementwise ops on
// tensors), @vectors some of them to the program's own 1-D and 2-D
// vectors; each result is printed as a memref, in the order
// Inputs/math-functions-expected.py lists them. The inputs come through
// function arguments, so that no math op is folded at compile time.

func.func private @printMemref@PRINT@(tensor<*x@P@>)

func.func @print(%t: tensor<8x@T@>) {
  %w = @WIDEN@ %t : tensor<8x@T@> to tensor<8x@P@>
  %u = tensor.cast %w : tensor<8x@P@> to tensor<*x@P@>
  call @printMemref@PRINT@(%u) : (tensor<*x@P@>) -> ()
  return
}

// x: in (-1, 1); p: positive; g: at least 1; y: a second operand; n: integers.
func.func @funcs(%x: tensor<8x@T@>, %p: tensor<8x@T@>, %g: tensor<8x@T@>,
                 %y: tensor<8x@T@>, %n: tensor<8xi32>, %lo: tensor<8x@T@>,
                 %hi: tensor<8x@T@>) {
  %r0 = math.erf %x : tensor<8x@T@>
  call @print(%r0) : (tensor<8x@T@>) -> ()
  %r1 = math.erfc %x : tensor<8x@T@>
  call @print(%r1) : (tensor<8x@T@>) -> ()
  %r2 = math.tanh %x : tensor<8x@T@>
  call @print(%r2) : (tensor<8x@T@>) -> ()
  %r3 = math.exp %x : tensor<8x@T@>
  call @print(%r3) : (tensor<8x@T@>) -> ()
  %r4 = math.exp2 %x : tensor<8x@T@>
  call @print(%r4) : (tensor<8x@T@>) -> ()
  %r5 = math.expm1 %x : tensor<8x@T@>
  call @print(%r5) : (tensor<8x@T@>) -> ()
  %r6 = math.sin %x : tensor<8x@T@>
  call @print(%r6) : (tensor<8x@T@>) -> ()
  %r7 = math.cos %x : tensor<8x@T@>
  call @print(%r7) : (tensor<8x@T@>) -> ()
  %r8 = math.tan %x : tensor<8x@T@>
  call @print(%r8) : (tensor<8x@T@>) -> ()
  %r9 = math.asin %x : tensor<8x@T@>
  call @print(%r9) : (tensor<8x@T@>) -> ()
  %r10 = math.acos %x : tensor<8x@T@>
  call @print(%r10) : (tensor<8x@T@>) -> ()
  %r11 = math.atan %x : tensor<8x@T@>
  call @print(%r11) : (tensor<8x@T@>) -> ()
  %r12 = math.sinh %x : tensor<8x@T@>
  call @print(%r12) : (tensor<8x@T@>) -> ()
  %r13 = math.cosh %x : tensor<8x@T@>
  call @print(%r13) : (tensor<8x@T@>) -> ()
  %r14 = math.asinh %x : tensor<8x@T@>
  call @print(%r14) : (tensor<8x@T@>) -> ()
  %r15 = math.atanh %x : tensor<8x@T@>
  call @print(%r15) : (tensor<8x@T@>) -> ()
  %r16 = math.cbrt %x : tensor<8x@T@>
  call @print(%r16) : (tensor<8x@T@>) -> ()
  %r17 = math.absf %x : tensor<8x@T@>
  call @print(%r17) : (tensor<8x@T@>) -> ()
  %r18 = math.floor %x : tensor<8x@T@>
  call @print(%r18) : (tensor<8x@T@>) -> ()
  %r19 = math.ceil %x : tensor<8x@T@>
  call @print(%r19) : (tensor<8x@T@>) -> ()
  %r20 = math.round %x : tensor<8x@T@>
  call @print(%r20) : (tensor<8x@T@>) -> ()
  %r21 = math.roundeven %x : tensor<8x@T@>
  call @print(%r21) : (tensor<8x@T@>) -> ()
  %r22 = math.trunc %x : tensor<8x@T@>
  call @print(%r22) : (tensor<8x@T@>) -> ()
  %r23 = math.log %p : tensor<8x@T@>
  call @print(%r23) : (tensor<8x@T@>) -> ()
  %r24 = math.log2 %p : tensor<8x@T@>
  call @print(%r24) : (tensor<8x@T@>) -> ()
  %r25 = math.log10 %p : tensor<8x@T@>
  call @print(%r25) : (tensor<8x@T@>) -> ()
  %r26 = math.log1p %p : tensor<8x@T@>
  call @print(%r26) : (tensor<8x@T@>) -> ()
  %r27 = math.sqrt %p : tensor<8x@T@>
  call @print(%r27) : (tensor<8x@T@>) -> ()
  %r28 = math.rsqrt %p : tensor<8x@T@>
  call @print(%r28) : (tensor<8x@T@>) -> ()
  %r29 = math.acosh %g : tensor<8x@T@>
  call @print(%r29) : (tensor<8x@T@>) -> ()
  %r30 = math.atan2 %x, %y : tensor<8x@T@>
  call @print(%r30) : (tensor<8x@T@>) -> ()
  %r31 = math.powf %p, %y : tensor<8x@T@>
  call @print(%r31) : (tensor<8x@T@>) -> ()
  %r32 = math.copysign %x, %y : tensor<8x@T@>
  call @print(%r32) : (tensor<8x@T@>) -> ()
  %r33 = math.fpowi %x, %n : tensor<8x@T@>, tensor<8xi32>
  call @print(%r33) : (tensor<8x@T@>) -> ()
  %r34 = math.fma %x, %y, %p : tensor<8x@T@>
  call @print(%r34) : (tensor<8x@T@>) -> ()
  %r35 = math.clampf %x to [%lo, %hi] : tensor<8x@T@>
  call @print(%r35) : (tensor<8x@T@>) -> ()
  // Integer powers: (n - 2)^|n| (printed as floats).
  %two = arith.constant dense<2> : tensor<8xi32>
  %b = arith.subi %n, %two : tensor<8xi32>
  %e = math.absi %n : tensor<8xi32>
  %ip = math.ipowi %b, %e : tensor<8xi32>
  %r36 = arith.sitofp %ip : tensor<8xi32> to tensor<8x@T@>
  call @print(%r36) : (tensor<8x@T@>) -> ()
  return
}

// The same functions on vectors the program reads itself.
func.func @vectors(%x: tensor<8x@T@>, %p: tensor<8x@T@>, %y: tensor<8x@T@>, %n: tensor<8xi32>) {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : @T@
  %ipad = arith.constant 0 : i32
  %vx = vector.transfer_read %x[%c0], %pad : tensor<8x@T@>, vector<8x@T@>
  %vp = vector.transfer_read %p[%c0], %pad : tensor<8x@T@>, vector<8x@T@>
  %vy = vector.transfer_read %y[%c0], %pad : tensor<8x@T@>, vector<8x@T@>
  %vn = vector.transfer_read %n[%c0], %ipad : tensor<8xi32>, vector<8xi32>
  %e = tensor.empty() : tensor<8x@T@>
  %v0 = math.erf %vx : vector<8x@T@>
  %t0 = vector.transfer_write %v0, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t0) : (tensor<8x@T@>) -> ()
  %v1 = math.tanh %vx : vector<8x@T@>
  %t1 = vector.transfer_write %v1, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t1) : (tensor<8x@T@>) -> ()
  %v2 = math.exp %vx : vector<8x@T@>
  %t2 = vector.transfer_write %v2, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t2) : (tensor<8x@T@>) -> ()
  %v3 = math.sin %vx : vector<8x@T@>
  %t3 = vector.transfer_write %v3, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t3) : (tensor<8x@T@>) -> ()
  %v4 = math.cbrt %vx : vector<8x@T@>
  %t4 = vector.transfer_write %v4, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t4) : (tensor<8x@T@>) -> ()
  %v5 = math.atanh %vx : vector<8x@T@>
  %t5 = vector.transfer_write %v5, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t5) : (tensor<8x@T@>) -> ()
  %v6 = math.log1p %vp : vector<8x@T@>
  %t6 = vector.transfer_write %v6, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t6) : (tensor<8x@T@>) -> ()
  %v7 = math.sqrt %vp : vector<8x@T@>
  %t7 = vector.transfer_write %v7, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t7) : (tensor<8x@T@>) -> ()
  %v8 = math.powf %vp, %vy : vector<8x@T@>
  %t8 = vector.transfer_write %v8, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t8) : (tensor<8x@T@>) -> ()
  %v9 = math.fpowi %vx, %vn : vector<8x@T@>, vector<8xi32>
  %t9 = vector.transfer_write %v9, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t9) : (tensor<8x@T@>) -> ()
  %v10 = math.fma %vx, %vy, %vp : vector<8x@T@>
  %t10 = vector.transfer_write %v10, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t10) : (tensor<8x@T@>) -> ()
  // 2-D vectors.
  %x2 = vector.shape_cast %vx : vector<8x@T@> to vector<2x4x@T@>
  %v11 = math.erf %x2 : vector<2x4x@T@>
  %f11 = vector.shape_cast %v11 : vector<2x4x@T@> to vector<8x@T@>
  %t11 = vector.transfer_write %f11, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t11) : (tensor<8x@T@>) -> ()
  %v12 = math.tanh %x2 : vector<2x4x@T@>
  %f12 = vector.shape_cast %v12 : vector<2x4x@T@> to vector<8x@T@>
  %t12 = vector.transfer_write %f12, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t12) : (tensor<8x@T@>) -> ()
  %v13 = math.exp %x2 : vector<2x4x@T@>
  %f13 = vector.shape_cast %v13 : vector<2x4x@T@> to vector<8x@T@>
  %t13 = vector.transfer_write %f13, %e[%c0] : vector<8x@T@>, tensor<8x@T@>
  call @print(%t13) : (tensor<8x@T@>) -> ()
  return
}

func.func @main() {
  %x = arith.constant dense<[-0.9, -0.55, -0.3, -0.05, 0.1, 0.45, 0.7, 0.95]> : tensor<8x@T@>
  %p = arith.constant dense<[0.05, 0.3, 0.75, 1.0, 1.5, 2.25, 4.0, 9.5]> : tensor<8x@T@>
  %g = arith.constant dense<[1.0, 1.1, 1.5, 2.0, 3.0, 5.0, 7.5, 10.0]> : tensor<8x@T@>
  %y = arith.constant dense<[0.5, -1.25, 2.0, 0.75, -0.3, 1.5, -2.5, 0.2]> : tensor<8x@T@>
  %n = arith.constant dense<[0, 1, 2, 3, -1, -2, 5, 4]> : tensor<8xi32>
  %lo = arith.constant dense<-0.5> : tensor<8x@T@>
  %hi = arith.constant dense<0.5> : tensor<8x@T@>
  vector.print str "tensors\n"
  call @funcs(%x, %p, %g, %y, %n, %lo, %hi) : (tensor<8x@T@>, tensor<8x@T@>, tensor<8x@T@>, tensor<8x@T@>, tensor<8xi32>, tensor<8x@T@>, tensor<8x@T@>) -> ()
  vector.print str "vectors\n"
  call @vectors(%x, %p, %y, %n) : (tensor<8x@T@>, tensor<8x@T@>, tensor<8x@T@>, tensor<8xi32>) -> ()
  return
}
