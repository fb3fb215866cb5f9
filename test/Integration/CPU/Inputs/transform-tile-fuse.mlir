// The transform script of tiling.mlir: @square's and @batched's STL MatMuls
// decomposed, their decodes tiled (tiles of the grid that do not divide
// it), the tile product and the left encode fused into the loops.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %square = transform.structured.match ops{["func.func"]} attributes{sym_name = "square"} in %root
        : (!transform.any_op) -> !transform.any_op
    %m = transform.structured.match ops{["stl.matmul"]} in %square
        : (!transform.any_op) -> !transform.any_op
    %el, %er, %p, %d = transform.stl.decompose %m
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    %td, %loops:2 = transform.structured.tile_using_for %d tile_sizes [3, 5]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op)
    %fp, %l1 = transform.structured.fuse_into_containing_op %p into %loops#1
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    %fe, %l2 = transform.structured.fuse_into_containing_op %el into %l1
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)

    %batched = transform.structured.match ops{["func.func"]} attributes{sym_name = "batched"} in %root
        : (!transform.any_op) -> !transform.any_op
    %bm = transform.structured.match ops{["stl.matmul"]} in %batched
        : (!transform.any_op) -> !transform.any_op
    %bel, %ber, %bp, %bd = transform.stl.decompose %bm
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    %btd, %bloops = transform.structured.tile_using_forall %bd tile_sizes [1, 2, 0]
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op)
    %bfp, %bl1 = transform.structured.fuse_into_containing_op %bp into %bloops
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    %bfe, %bl2 = transform.structured.fuse_into_containing_op %bel into %bl1
        : (!transform.any_op, !transform.any_op) -> (!transform.any_op, !transform.any_op)
    transform.yield
  }
}
