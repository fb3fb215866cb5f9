// --stl-check-lowered-to-llvm, the last step of --stl-cpu-pipeline: a module
// in the LLVM dialect passes unchanged; an op of any other dialect fails it,
// at the op's location, naming the op and its dialect.

// RUN: stl-opt %s -split-input-file --stl-check-lowered-to-llvm \
// RUN:   --allow-unregistered-dialect -verify-diagnostics
// (test/Pipelines/cpu-pipeline-unlowered.mlir: the same from the pipeline.)

// LLVM dialect only: nothing to report.
module {
  llvm.func @ok(%a: f32) -> f32 {
    %b = llvm.fadd %a, %a : f32
    llvm.return %b : f32
  }
}

// -----

llvm.func @complex(%a: !llvm.struct<(f32, f32)>, %b: !llvm.struct<(f32, f32)>) -> !llvm.struct<(f32, f32)> {
  %ca = builtin.unrealized_conversion_cast %a : !llvm.struct<(f32, f32)> to complex<f32>
  %cb = builtin.unrealized_conversion_cast %b : !llvm.struct<(f32, f32)> to complex<f32>
  // expected-error @below {{the CPU pipeline (--stl-cpu-pipeline) cannot lower 'complex.add' (dialect 'complex') to the LLVM dialect}}
  // expected-note @below {{5 ops are left in all: 3 'builtin.unrealized_conversion_cast', 1 'complex.add', 1 'complex.mul'}}
  %c = complex.add %ca, %cb : complex<f32>
  %d = complex.mul %c, %cb : complex<f32>
  %r = builtin.unrealized_conversion_cast %d : complex<f32> to !llvm.struct<(f32, f32)>
  llvm.return %r : !llvm.struct<(f32, f32)>
}

// -----

// The first op left is reported, also inside a region; the only one left
// gets no note. An unregistered dialect is said to be one.
llvm.func @nested(%a: f32) -> f32 {
  // expected-error @below {{cannot lower 'foo.op' (dialect 'foo') to the LLVM dialect (the dialect is not registered)}}
  %b = "foo.op"(%a) : (f32) -> f32
  llvm.return %b : f32
}

// -----

// A cast that does not reconcile, when nothing else is left: its types.
llvm.func @cast(%a: i32) -> f32 {
  // expected-error @below {{left a type conversion that does not reconcile, 'builtin.unrealized_conversion_cast' from 'i32' to 'f32'}}
  %b = builtin.unrealized_conversion_cast %a : i32 to f32
  llvm.return %b : f32
}
