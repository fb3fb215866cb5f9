// The transform script of transform-ops.mlir: only the MatMul of @square
// gets an STL scheme (winograd-2x2x2), then is decomposed.
module attributes {transform.with_named_sequence} {
  transform.named_sequence @__transform_main(%root: !transform.any_op {transform.readonly}) {
    %square = transform.structured.match ops{["func.func"]} attributes{sym_name = "square"} in %root
        : (!transform.any_op) -> !transform.any_op
    %mm = transform.structured.match ops{["linalg.matmul"]} in %square
        : (!transform.any_op) -> !transform.any_op
    %stl = transform.stl.replace_matmul %mm {scheme = "winograd-2x2x2"}
        : (!transform.any_op) -> !transform.any_op
    %el, %er, %p, %d = transform.stl.decompose %stl
        : (!transform.any_op) -> (!transform.any_op, !transform.any_op, !transform.any_op, !transform.any_op)
    transform.yield
  }
}
