// The wgmma kernels in PTX, from --stl-gpu-pipeline with `wgmma` for sm_90a
// on a dense bf16 MatMul (row-major B: N-major, the transpose bit) and on
// strassen-4x4x4 with bf16 encodings (the tile product's 49 channels on the
// grid, 3-dimensional tensor maps): TMA copies on mbarriers feeding
// wgmma.mma_async; ptxas accepts every kernel with no spills and no warning
// (no serialised wgmma: C7510-C7520).
// REQUIRES: ptxas

// RUN: stl-opt %s --stl-gpu-pipeline="chip=sm_90a features=+ptx80 wgmma device-memory" -o %t.dense.mlir
// RUN: rm -rf %t.dense && %stl_python -m stl_mlir.extract_ptx %t.dense.mlir %t.dense --assemble sm_90a --resources | FileCheck %s --check-prefix=RES
// RUN: cat %t.dense/*.ptx | FileCheck %s --check-prefix=DENSE
// RUN: cat %t.dense/*.ptx | grep -c "wgmma.mma_async.sync.aligned.m64n256k16.f32.bf16.bf16 .*p, 1,  1, 0,  1;" | FileCheck %s --check-prefix=FOUR

// RUN: stl-opt %s --stl-replace-matmul="scheme=strassen-4x4x4 narrow-encodings" \
// RUN:   | stl-opt --stl-gpu-pipeline="chip=sm_90a features=+ptx80 wgmma device-memory" -o %t.stl.mlir
// RUN: rm -rf %t.stl && %stl_python -m stl_mlir.extract_ptx %t.stl.mlir %t.stl --assemble sm_90a --resources | FileCheck %s --check-prefix=RES
// RUN: cat %t.stl/*.ptx | FileCheck %s --check-prefix=STL

// RES-NOT: warning
// RES-NOT: [1-9][0-9]* bytes spill
// RES: ptxas accepted [[N:[1-9][0-9]*]] of [[N]] kernels

// The 128 x 256 tile. Per stage: one expect-tx arrival of the stage's bytes,
// one box of A (64 of K by 128 rows) and four of B (64 columns of N by 64
// of K each); 4 wgmmas
// (K = 64) between a fence and a commit, one group kept in flight.
// DENSE: .maxntid 384, 1, 1
// DENSE-DAG: mbarrier.init.shared.b64
// DENSE-DAG: fence.mbarrier_init.release.cluster;
// DENSE-DAG: mbarrier.arrive.expect_tx.shared.b64
// DENSE-DAG: cp.async.bulk.tensor.2d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// DENSE-DAG: mbarrier.try_wait.parity.shared.b64
// DENSE-DAG: wgmma.fence.sync.aligned;
// DENSE-DAG: wgmma.commit_group.sync.aligned;
// DENSE-DAG: wgmma.wait_group.sync.aligned 1;
// DENSE-DAG: wgmma.wait_group.sync.aligned 0;
// DENSE-DAG: mbarrier.arrive.shared.b64
// FOUR: {{^}}4{{$}}

// STL-DAG: cp.async.bulk.tensor.3d.shared::cluster.global.tile.mbarrier::complete_tx::bytes
// STL-DAG: wgmma.mma_async.sync.aligned.m64n256k16.f32.bf16.bf16

func.func @matmul(%a: tensor<1024x1024xbf16>, %b: tensor<1024x1024xbf16>) -> tensor<1024x1024xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<1024x1024xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  %r = linalg.matmul ins(%a, %b : tensor<1024x1024xbf16>, tensor<1024x1024xbf16>) outs(%f : tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %r : tensor<1024x1024xf32>
}
