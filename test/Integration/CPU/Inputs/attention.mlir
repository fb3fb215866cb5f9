// A transformer-style self-attention block, written the way frontends emit
// linalg (used with harness.mlir, @T@ = f32): linear projections with
// weights stored [out, in] (x * W^T: linalg.matmul with a transposed map),
// two heads, attention scores Q * K^T (linalg.batch_matmul with transposed
// keys), softmax, probabilities * V (linalg.batch_matmul), merged heads and
// an output projection accumulated into the residual (non-zero destination).
// @main prints the block's output.

#id3 = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#row3 = affine_map<(d0, d1, d2) -> (d0, d1)>

// x * W^T for x [32, 64] and W [64, 64] ([out, in]), into %init.
func.func @linear(%x: tensor<32x64xf32>, %w: tensor<64x64xf32>,
                  %init: tensor<32x64xf32>) -> tensor<32x64xf32> {
  %y = linalg.matmul indexing_maps = [affine_map<(m, n, k) -> (m, k)>,
                                      affine_map<(m, n, k) -> (n, k)>,
                                      affine_map<(m, n, k) -> (m, n)>]
         ins(%x, %w : tensor<32x64xf32>, tensor<64x64xf32>)
         outs(%init : tensor<32x64xf32>) -> tensor<32x64xf32>
  return %y : tensor<32x64xf32>
}

// [S, H * Dh] -> [H, S, Dh]
func.func @split_heads(%t: tensor<32x64xf32>) -> tensor<2x32x32xf32> {
  %t3 = tensor.expand_shape %t [[0], [1, 2]] output_shape [32, 2, 32]
      : tensor<32x64xf32> into tensor<32x2x32xf32>
  %e = tensor.empty() : tensor<2x32x32xf32>
  %h = linalg.transpose ins(%t3 : tensor<32x2x32xf32>)
                        outs(%e : tensor<2x32x32xf32>) permutation = [1, 0, 2]
  return %h : tensor<2x32x32xf32>
}

func.func @attention(%x: tensor<32x64xf32>, %wq: tensor<64x64xf32>,
                     %wk: tensor<64x64xf32>, %wv: tensor<64x64xf32>,
                     %wo: tensor<64x64xf32>) -> tensor<32x64xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<32x64xf32>
  %z = linalg.fill ins(%zero : f32) outs(%e : tensor<32x64xf32>) -> tensor<32x64xf32>
  %q = call @linear(%x, %wq, %z) : (tensor<32x64xf32>, tensor<64x64xf32>, tensor<32x64xf32>) -> tensor<32x64xf32>
  %k = call @linear(%x, %wk, %z) : (tensor<32x64xf32>, tensor<64x64xf32>, tensor<32x64xf32>) -> tensor<32x64xf32>
  %v = call @linear(%x, %wv, %z) : (tensor<32x64xf32>, tensor<64x64xf32>, tensor<32x64xf32>) -> tensor<32x64xf32>
  %qh = call @split_heads(%q) : (tensor<32x64xf32>) -> tensor<2x32x32xf32>
  %kh = call @split_heads(%k) : (tensor<32x64xf32>) -> tensor<2x32x32xf32>
  %vh = call @split_heads(%v) : (tensor<32x64xf32>) -> tensor<2x32x32xf32>

  // Scores: Q * K^T, [H, S, S].
  %se = tensor.empty() : tensor<2x32x32xf32>
  %s0 = linalg.fill ins(%zero : f32) outs(%se : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>
  %scores = linalg.batch_matmul
      indexing_maps = [affine_map<(b, m, n, k) -> (b, m, k)>,
                       affine_map<(b, m, n, k) -> (b, n, k)>,
                       affine_map<(b, m, n, k) -> (b, m, n)>]
      ins(%qh, %kh : tensor<2x32x32xf32>, tensor<2x32x32xf32>)
      outs(%s0 : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>

  // Softmax over the last dimension of scores / sqrt(Dh).
  %ninf = arith.constant 0xFF800000 : f32
  %re = tensor.empty() : tensor<2x32xf32>
  %m0 = linalg.fill ins(%ninf : f32) outs(%re : tensor<2x32xf32>) -> tensor<2x32xf32>
  %max = linalg.reduce ins(%scores : tensor<2x32x32xf32>) outs(%m0 : tensor<2x32xf32>) dimensions = [2]
    (%in: f32, %acc: f32) {
      %mx = arith.maximumf %in, %acc : f32
      linalg.yield %mx : f32
    }
  %scale = arith.constant 0.17677669529 : f32
  %exp = linalg.generic {indexing_maps = [#id3, #row3, #id3],
                         iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%scores, %max : tensor<2x32x32xf32>, tensor<2x32xf32>)
      outs(%se : tensor<2x32x32xf32>) {
  ^bb0(%sv: f32, %mv: f32, %out: f32):
    %d = arith.subf %sv, %mv : f32
    %ds = arith.mulf %d, %scale : f32
    %ex = math.exp %ds : f32
    linalg.yield %ex : f32
  } -> tensor<2x32x32xf32>
  %sum0 = linalg.fill ins(%zero : f32) outs(%re : tensor<2x32xf32>) -> tensor<2x32xf32>
  %sum = linalg.reduce ins(%exp : tensor<2x32x32xf32>) outs(%sum0 : tensor<2x32xf32>) dimensions = [2]
    (%in: f32, %acc: f32) {
      %a = arith.addf %in, %acc : f32
      linalg.yield %a : f32
    }
  %probs = linalg.generic {indexing_maps = [#id3, #row3, #id3],
                           iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%exp, %sum : tensor<2x32x32xf32>, tensor<2x32xf32>)
      outs(%se : tensor<2x32x32xf32>) {
  ^bb0(%ev: f32, %sv: f32, %out: f32):
    %p = arith.divf %ev, %sv : f32
    linalg.yield %p : f32
  } -> tensor<2x32x32xf32>

  // Values: probabilities * V, [H, S, Dh].
  %oe = tensor.empty() : tensor<2x32x32xf32>
  %o0 = linalg.fill ins(%zero : f32) outs(%oe : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>
  %o = linalg.batch_matmul ins(%probs, %vh : tensor<2x32x32xf32>, tensor<2x32x32xf32>)
                           outs(%o0 : tensor<2x32x32xf32>) -> tensor<2x32x32xf32>

  // Merge the heads, [S, H * Dh], and project into the residual.
  %te = tensor.empty() : tensor<32x2x32xf32>
  %ot = linalg.transpose ins(%o : tensor<2x32x32xf32>) outs(%te : tensor<32x2x32xf32>)
                         permutation = [1, 0, 2]
  %merged = tensor.collapse_shape %ot [[0], [1, 2]] : tensor<32x2x32xf32> into tensor<32x64xf32>
  %y = call @linear(%merged, %wo, %x) : (tensor<32x64xf32>, tensor<64x64xf32>, tensor<32x64xf32>) -> tensor<32x64xf32>
  return %y : tensor<32x64xf32>
}

// A [rows, cols] input of the harness's pattern, times `scale`.
func.func @matrix(%rows: index, %cols: index, %seed: index, %scale: f32)
    -> tensor<?x?xf32> {
  %c1 = arith.constant 1 : index
  %t3 = call @input(%c1, %rows, %cols, %seed)
      : (index, index, index, index) -> tensor<?x?x?xf32>
  %t = tensor.collapse_shape %t3 [[0, 1], [2]] : tensor<?x?x?xf32> into tensor<?x?xf32>
  %s = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      outs(%t : tensor<?x?xf32>) {
  ^bb0(%v: f32):
    %m = arith.mulf %v, %scale : f32
    linalg.yield %m : f32
  } -> tensor<?x?xf32>
  return %s : tensor<?x?xf32>
}

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c5 = arith.constant 5 : index
  %c32 = arith.constant 32 : index
  %c64 = arith.constant 64 : index
  %one = arith.constant 1.0 : f32
  %wscale = arith.constant 0.125 : f32
  %x0 = call @matrix(%c32, %c64, %c1, %one) : (index, index, index, f32) -> tensor<?x?xf32>
  %wq0 = call @matrix(%c64, %c64, %c2, %wscale) : (index, index, index, f32) -> tensor<?x?xf32>
  %wk0 = call @matrix(%c64, %c64, %c3, %wscale) : (index, index, index, f32) -> tensor<?x?xf32>
  %wv0 = call @matrix(%c64, %c64, %c4, %wscale) : (index, index, index, f32) -> tensor<?x?xf32>
  %wo0 = call @matrix(%c64, %c64, %c5, %wscale) : (index, index, index, f32) -> tensor<?x?xf32>
  %x = tensor.cast %x0 : tensor<?x?xf32> to tensor<32x64xf32>
  %wq = tensor.cast %wq0 : tensor<?x?xf32> to tensor<64x64xf32>
  %wk = tensor.cast %wk0 : tensor<?x?xf32> to tensor<64x64xf32>
  %wv = tensor.cast %wv0 : tensor<?x?xf32> to tensor<64x64xf32>
  %wo = tensor.cast %wo0 : tensor<?x?xf32> to tensor<64x64xf32>
  %y = call @attention(%x, %wq, %wk, %wv, %wo)
      : (tensor<32x64xf32>, tensor<64x64xf32>, tensor<64x64xf32>,
         tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<32x64xf32>
  %u = tensor.cast %y : tensor<32x64xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
