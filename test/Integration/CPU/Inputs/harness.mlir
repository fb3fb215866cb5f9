// Numerical check harness for the CPU execution tests (a template: the tests
// replace @T@ by the element type and @BOUND@ by the bound on the relative
// error with `sed`, and concatenate it with a file of cases and a @main).
//
// @reference computes c + x * w with an independent dense reference (an outer
// product followed by linalg.reduce, which no rewrite touches); @check prints
// the relative error max|got - ref| / max|ref| and PASS when it is at most
// @BOUND@, FAIL otherwise.

// A [b, m, n] tensor of values ((i * 7919 + seed * 104729) mod 1021 - 510) / 511
// for the flat index i: in [-1, 1], rounded in the element type (so that the
// MatMuls round as well).
func.func @input(%b: index, %m: index, %n: index, %seed: index)
    -> tensor<?x?x?x@T@> {
  %e = tensor.empty(%b, %m, %n) : tensor<?x?x?x@T@>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>],
      iterator_types = ["parallel", "parallel", "parallel"]}
      outs(%e : tensor<?x?x?x@T@>) {
  ^bb0(%out: @T@):
    %i0 = linalg.index 0 : index
    %i1 = linalg.index 1 : index
    %i2 = linalg.index 2 : index
    %row = arith.muli %i0, %m : index
    %r1 = arith.addi %row, %i1 : index
    %flat0 = arith.muli %r1, %n : index
    %flat = arith.addi %flat0, %i2 : index
    %c7919 = arith.constant 7919 : index
    %c104729 = arith.constant 104729 : index
    %c1021 = arith.constant 1021 : index
    %a = arith.muli %flat, %c7919 : index
    %s = arith.muli %seed, %c104729 : index
    %sum = arith.addi %a, %s : index
    %mod = arith.remui %sum, %c1021 : index
    %i64 = arith.index_cast %mod : index to i64
    %f = arith.uitofp %i64 : i64 to @T@
    %c510 = arith.constant 510.0 : @T@
    %c511 = arith.constant 511.0 : @T@
    %centered = arith.subf %f, %c510 : @T@
    %v = arith.divf %centered, %c511 : @T@
    linalg.yield %v : @T@
  } -> tensor<?x?x?x@T@>
  return %r : tensor<?x?x?x@T@>
}

// c + x * w, dense: products[b, i, k, j] = x[b, i, k] * w[b, k, j], then
// summed over k into c.
func.func @reference(%x: tensor<?x?x?x@T@>, %w: tensor<?x?x?x@T@>,
                     %c: tensor<?x?x?x@T@>) -> tensor<?x?x?x@T@> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %b = tensor.dim %x, %c0 : tensor<?x?x?x@T@>
  %m = tensor.dim %x, %c1 : tensor<?x?x?x@T@>
  %k = tensor.dim %x, %c2 : tensor<?x?x?x@T@>
  %n = tensor.dim %w, %c2 : tensor<?x?x?x@T@>
  %e = tensor.empty(%b, %m, %k, %n) : tensor<?x?x?x?x@T@>
  %p = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2, d3) -> (d0, d2, d3)>,
                       affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%x, %w : tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      outs(%e : tensor<?x?x?x?x@T@>) {
  ^bb0(%a: @T@, %bv: @T@, %out: @T@):
    %prod = arith.mulf %a, %bv : @T@
    linalg.yield %prod : @T@
  } -> tensor<?x?x?x?x@T@>
  %r = linalg.reduce ins(%p : tensor<?x?x?x?x@T@>)
                     outs(%c : tensor<?x?x?x@T@>) dimensions = [2]
    (%in: @T@, %acc: @T@) {
      %s = arith.addf %acc, %in : @T@
      linalg.yield %s : @T@
    }
  return %r : tensor<?x?x?x@T@>
}

// max over all elements of |a - b| (or of |a| when %b is %a and %diff is
// false).
func.func @max_abs(%a: tensor<?x?x?x@T@>, %b: tensor<?x?x?x@T@>, %diff: i1)
    -> @T@ {
  %zero = arith.constant 0.0 : @T@
  %e = tensor.empty() : tensor<@T@>
  %init = linalg.fill ins(%zero : @T@) outs(%e : tensor<@T@>) -> tensor<@T@>
  %r = linalg.generic {
      indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> (d0, d1, d2)>,
                       affine_map<(d0, d1, d2) -> ()>],
      iterator_types = ["reduction", "reduction", "reduction"]}
      ins(%a, %b : tensor<?x?x?x@T@>, tensor<?x?x?x@T@>)
      outs(%init : tensor<@T@>) {
  ^bb0(%x: @T@, %y: @T@, %acc: @T@):
    %d = arith.subf %x, %y : @T@
    %v = arith.select %diff, %d, %x : @T@
    %abs = math.absf %v : @T@
    %m = arith.maximumf %acc, %abs : @T@
    linalg.yield %m : @T@
  } -> tensor<@T@>
  %v = tensor.extract %r[] : tensor<@T@>
  return %v : @T@
}

// Prints the relative error of %got against %ref, then PASS or FAIL.
func.func @check(%got: tensor<?x?x?x@T@>, %ref: tensor<?x?x?x@T@>) {
  %true = arith.constant true
  %false = arith.constant false
  %err = call @max_abs(%got, %ref, %true)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, i1) -> @T@
  %scale = call @max_abs(%ref, %ref, %false)
      : (tensor<?x?x?x@T@>, tensor<?x?x?x@T@>, i1) -> @T@
  %rel = arith.divf %err, %scale : @T@
  vector.print str "relative error "
  vector.print %rel : @T@
  %bound = arith.constant @BOUND@ : @T@
  // Also fails on NaN (unordered comparison is false).
  %ok = arith.cmpf ole, %rel, %bound : @T@
  scf.if %ok {
    vector.print str "PASS\n"
  } else {
    vector.print str "FAIL\n"
  }
  return
}
