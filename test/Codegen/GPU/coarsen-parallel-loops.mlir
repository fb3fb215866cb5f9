// RUN: stl-opt %s --split-input-file --stl-gpu-coarsen-parallel-loops \
// RUN:   --canonicalize --cse | FileCheck %s
// RUN: not stl-opt %s --split-input-file \
// RUN:   --stl-gpu-coarsen-parallel-loops="vector-bytes=32" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=BYTES
// RUN: not stl-opt %s --split-input-file \
// RUN:   --stl-gpu-coarsen-parallel-loops="max-lanes=3" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LANES
// RUN: not stl-opt %s --split-input-file \
// RUN:   --stl-gpu-coarsen-parallel-loops="max-loaded-elements=0" 2>&1 \
// RUN:   | FileCheck %s --check-prefix=LOADED
// BYTES: invalid option 'vector-bytes': expected a power of two from 4 to 16, got 32
// LANES: invalid option 'max-lanes': expected a power of two from 1 to 16, got 3
// LOADED: invalid option 'max-loaded-elements': expected a positive number, got 0

// An encoding's loop: a thread per 2x2 tile of bf16, 3 channels. Coarsened
// by 8 (8 bf16 channel values make 16 bytes): each row of the tiles is two
// 16-byte loads, each channel one 16-byte store, after its values; when
// either buffer is not 16-byte aligned, the 8 cells with scalar accesses.
// CHECK-LABEL: func.func @encode_like(
// CHECK-SAME:      %[[IN:.*]]: memref<16x32xbf16>)
// CHECK:         %[[OUT:.*]] = memref.alloc() {alignment = 64 : i64} : memref<3x8x16xbf16>
// CHECK:         %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[IN]]
// CHECK:         arith.remui %[[P]], %c16
// CHECK:         %[[Q:.*]] = memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK:         arith.remui %[[Q]], %c16
// CHECK:         %[[ALIGNED:.*]] = arith.andi
// CHECK:         scf.parallel (%[[I:.*]], %[[J:.*]]) = (%c0, %c0) to (%c8, %c2) step (%c1, %c1) {
// CHECK-NEXT:      scf.if %[[ALIGNED]] {
// CHECK-NEXT:        %[[ROW:.*]] = arith.muli %[[I]], %c2
// CHECK-NEXT:        %[[COL:.*]] = arith.muli %[[J]], %c16
// CHECK-NEXT:        %[[R0A:.*]] = vector.load %[[IN]][%[[ROW]], %[[COL]]] {alignment = 16 : i64} : memref<16x32xbf16>, vector<8xbf16>
// CHECK-NEXT:        %[[COL8:.*]] = arith.addi %[[COL]], %c8
// CHECK-NEXT:        %[[R0B:.*]] = vector.load %[[IN]][%[[ROW]], %[[COL8]]] {alignment = 16 : i64}
// CHECK-NEXT:        %[[A0:.*]] = vector.extract %[[R0A]][0]
// CHECK-NEXT:        %[[A1:.*]] = vector.extract %[[R0A]][2]
// CHECK-NEXT:        %[[A2:.*]] = vector.extract %[[R0A]][4]
// CHECK-NEXT:        %[[A3:.*]] = vector.extract %[[R0A]][6]
// CHECK-NEXT:        %[[A4:.*]] = vector.extract %[[R0B]][0]
// CHECK-NEXT:        %[[A5:.*]] = vector.extract %[[R0B]][2]
// CHECK-NEXT:        %[[A6:.*]] = vector.extract %[[R0B]][4]
// CHECK-NEXT:        %[[A7:.*]] = vector.extract %[[R0B]][6]
// CHECK-NEXT:        %[[B0:.*]] = vector.extract %[[R0A]][1]
// CHECK:             %[[B7:.*]] = vector.extract %[[R0B]][7]
// CHECK:             %[[ROW1:.*]] = arith.addi %[[ROW]], %c1
// CHECK-NEXT:        vector.load %[[IN]][%[[ROW1]], %[[COL]]] {alignment = 16 : i64}
// CHECK-NEXT:        vector.load %[[IN]][%[[ROW1]], %[[COL8]]] {alignment = 16 : i64}
// CHECK:             %[[D:.*]] = vector.from_elements
// CHECK-NEXT:        %[[CELL:.*]] = arith.muli %[[J]], %c8
// CHECK-NEXT:        vector.store %[[D]], %[[OUT]][%c2, %[[I]], %[[CELL]]] {alignment = 16 : i64} : memref<3x8x16xbf16>, vector<8xbf16>
// CHECK-NEXT:        %[[S0:.*]] = arith.addf %[[A0]], %[[B0]]
// CHECK-COUNT-6:     arith.addf
// CHECK-NEXT:        %[[S7:.*]] = arith.addf %[[A7]], %[[B7]]
// CHECK-NEXT:        %[[S:.*]] = vector.from_elements %[[S0]], {{.*}}, %[[S7]] : vector<8xbf16>
// CHECK-NEXT:        vector.store %[[S]], %[[OUT]][%c0, %[[I]], %[[CELL]]] {alignment = 16 : i64}
// CHECK-COUNT-8:     arith.subf
// CHECK-NEXT:        vector.from_elements
// CHECK-NEXT:        vector.store {{.*}}, %[[OUT]][%c1, %[[I]], %[[CELL]]] {alignment = 16 : i64}
// CHECK-NEXT:      } else {
// CHECK-NOT:         vector.
// CHECK-COUNT-32:    memref.load %[[IN]]
// CHECK-COUNT-8:     arith.addf
// CHECK-COUNT-8:     arith.subf
// CHECK-COUNT-24:    memref.store {{.*}}, %[[OUT]]
// CHECK-NEXT:      }
// CHECK-NEXT:      scf.reduce
func.func @encode_like(%in: memref<16x32xbf16>) -> memref<3x8x16xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %out = memref.alloc() {alignment = 64 : i64} : memref<3x8x16xbf16>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %c16) step (%c1, %c1) {
    %r0 = arith.muli %i, %c2 : index
    %r1 = arith.addi %r0, %c1 : index
    %q0 = arith.muli %j, %c2 : index
    %q1 = arith.addi %q0, %c1 : index
    %a = memref.load %in[%r0, %q0] : memref<16x32xbf16>
    %b = memref.load %in[%r0, %q1] : memref<16x32xbf16>
    %c = memref.load %in[%r1, %q0] : memref<16x32xbf16>
    %d = memref.load %in[%r1, %q1] : memref<16x32xbf16>
    %s = arith.addf %a, %b : bf16
    %t = arith.subf %c, %d : bf16
    memref.store %s, %out[%c0, %i, %j] : memref<3x8x16xbf16>
    memref.store %t, %out[%c1, %i, %j] : memref<3x8x16xbf16>
    memref.store %d, %out[%c2, %i, %j] : memref<3x8x16xbf16>
    scf.reduce
  }
  return %out : memref<3x8x16xbf16>
}

// -----

// A dynamic bound along the coarsened dimension: no coarsening; rows of
// 4 f32 (16 bytes) are vector accesses still. The input's dynamic layout:
// a view with innermost stride 1 for the vector loads, the stride checked.
// CHECK-LABEL: func.func @dynamic_bound(
// CHECK-SAME:      %[[IN:.*]]: memref<8x?xf32, strided<[?, ?], offset: ?>>, %[[N:.*]]: index)
// CHECK:         %[[OUT:.*]] = memref.alloc
// CHECK:         %{{.*}}, %[[OFFSET:.*]], %[[SIZES:.*]]:2, %[[STRIDES:.*]]:2 = memref.extract_strided_metadata %[[IN]]
// CHECK:         %[[P:.*]] = memref.extract_aligned_pointer_as_index %[[IN]]
// CHECK:         %[[OB:.*]] = arith.muli %[[OFFSET]], %c4
// CHECK:         arith.addi %[[P]], %[[OB]]
// CHECK:         arith.muli %[[STRIDES]]#0, %c4
// CHECK:         arith.cmpi eq, %[[STRIDES]]#1, %c1
// CHECK:         %[[VIEW:.*]] = memref.reinterpret_cast %[[IN]] to offset: [%[[OFFSET]]], sizes: [8, %[[SIZES]]#1], strides: [%[[STRIDES]]#0, 1]
// CHECK-SAME:      to memref<8x?xf32, strided<[?, 1], offset: ?>>
// CHECK:         memref.extract_aligned_pointer_as_index %[[OUT]]
// CHECK:         scf.parallel (%[[I:.*]], %[[J:.*]]) = (%c0, %c0) to (%c8, %[[N]]) step (%c1, %c1) {
// CHECK-NEXT:      scf.if %{{.*}} {
// CHECK-NEXT:        %[[COL:.*]] = arith.muli %[[J]], %c4
// CHECK-NEXT:        %[[ROW:.*]] = vector.load %[[VIEW]][%[[I]], %[[COL]]] {alignment = 16 : i64} : memref<8x?xf32, strided<[?, 1], offset: ?>>, vector<4xf32>
// CHECK-NEXT:        %[[A:.*]] = vector.extract %[[ROW]][0]
// CHECK-NEXT:        %[[B:.*]] = vector.extract %[[ROW]][1]
// CHECK-NEXT:        %[[C:.*]] = vector.extract %[[ROW]][2]
// CHECK-NEXT:        %[[D:.*]] = vector.extract %[[ROW]][3]
// CHECK-NEXT:        %[[R:.*]] = vector.from_elements %[[D]], %[[C]], %[[B]], %[[A]]
// CHECK-NEXT:        vector.store %[[R]], %[[OUT]][%[[I]], %[[COL]]] {alignment = 16 : i64}
// CHECK-NEXT:      } else {
// CHECK-COUNT-4:     memref.load %[[IN]]
// CHECK-COUNT-4:     memref.store
// CHECK-NEXT:      }
func.func @dynamic_bound(%in: memref<8x?xf32, strided<[?, ?], offset: ?>>, %n: index) -> memref<8x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %m = arith.muli %n, %c4 : index
  %out = memref.alloc(%m) : memref<8x?xf32>
  scf.parallel (%i, %j) = (%c0, %c0) to (%c8, %n) step (%c1, %c1) {
    %q0 = arith.muli %j, %c4 : index
    %q1 = arith.addi %q0, %c1 : index
    %q2 = arith.addi %q0, %c2 : index
    %q3 = arith.addi %q0, %c3 : index
    %a = memref.load %in[%i, %q0] : memref<8x?xf32, strided<[?, ?], offset: ?>>
    %b = memref.load %in[%i, %q1] : memref<8x?xf32, strided<[?, ?], offset: ?>>
    %c = memref.load %in[%i, %q2] : memref<8x?xf32, strided<[?, ?], offset: ?>>
    %d = memref.load %in[%i, %q3] : memref<8x?xf32, strided<[?, ?], offset: ?>>
    memref.store %d, %out[%i, %q0] : memref<8x?xf32>
    memref.store %c, %out[%i, %q1] : memref<8x?xf32>
    memref.store %b, %out[%i, %q2] : memref<8x?xf32>
    memref.store %a, %out[%i, %q3] : memref<8x?xf32>
    scf.reduce
  }
  return %out : memref<8x?xf32>
}

// -----

// 8 lanes wanted (bf16 channels), 6 cells: 2 a thread.
// CHECK-LABEL: func.func @bound_not_divisible(
// CHECK:         scf.parallel (%[[I:.*]]) = (%c0) to (%c3) step (%c1) {
// CHECK:             %[[AT:.*]] = arith.muli %[[I]], %c2
// CHECK-NEXT:        vector.load %{{.*}}[%[[AT]]] {alignment = 4 : i64} : memref<6xbf16>, vector<2xbf16>
// CHECK:             vector.store %{{.*}}[%[[AT]]] {alignment = 4 : i64} : memref<6xbf16>, vector<2xbf16>
// CHECK:           } else {
func.func @bound_not_divisible(%in: memref<6xbf16>) -> memref<6xbf16> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c6 = arith.constant 6 : index
  %out = memref.alloc() : memref<6xbf16>
  scf.parallel (%i) = (%c0) to (%c6) step (%c1) {
    %a = memref.load %in[%i] : memref<6xbf16>
    %b = arith.negf %a : bf16
    memref.store %b, %out[%i] : memref<6xbf16>
    scf.reduce
  }
  return %out : memref<6xbf16>
}

// -----

// A load after a store to a buffer that may be the same: unchanged.
// CHECK-LABEL: func.func @load_after_store_may_alias(
// CHECK-NOT:     vector.
// CHECK-NOT:     scf.if
// CHECK:         scf.parallel (%{{.*}}) = (%c0) to (%c64) step (%c1) {
// CHECK-NOT:     vector.
// CHECK:         return
func.func @load_after_store_may_alias(%in: memref<64xf32>, %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %a = memref.load %in[%i] : memref<64xf32>
    memref.store %a, %out[%i] : memref<64xf32>
    %b = memref.load %in[%i] : memref<64xf32>
    %s = arith.addf %a, %b : f32
    memref.store %s, %in[%i] : memref<64xf32>
    scf.reduce
  }
  return
}

// -----

// A store whose last index is not affine in the loop: unchanged.
// CHECK-LABEL: func.func @non_affine_store(
// CHECK-NOT:     vector.
// CHECK-NOT:     scf.if
// CHECK:         scf.parallel (%{{.*}}) = (%c0) to (%c64) step (%c1) {
// CHECK-NOT:     vector.
// CHECK:         return
func.func @non_affine_store(%in: memref<64xf32>, %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c64 = arith.constant 64 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %a = memref.load %in[%i] : memref<64xf32>
    %h = arith.divui %i, %c2 : index
    memref.store %a, %out[%h] : memref<64xf32>
    scf.reduce
  }
  return
}

// -----

// An op with a region in the body: unchanged.
// CHECK-LABEL: func.func @region_in_body(
// CHECK-NOT:     vector.
// CHECK-NOT:     scf.if
// CHECK:         scf.parallel (%{{.*}}) = (%c0) to (%c64) step (%c1) {
// CHECK-NOT:     vector.
// CHECK:         return
func.func @region_in_body(%in: memref<64xf32>, %out: memref<64xf32>, %p: i1) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %a = memref.load %in[%i] : memref<64xf32>
    scf.if %p {
      memref.store %a, %out[%i] : memref<64xf32>
    }
    scf.reduce
  }
  return
}

// -----

// Two stores that may write one element: unchanged.
// CHECK-LABEL: func.func @stores_may_overlap(
// CHECK-NOT:     vector.
// CHECK-NOT:     scf.if
// CHECK:         scf.parallel (%{{.*}}) = (%c0) to (%c64) step (%c1) {
// CHECK-NOT:     vector.
// CHECK:         return
func.func @stores_may_overlap(%in: memref<64xf32>, %out: memref<64xf32>, %o: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %a = memref.load %in[%i] : memref<64xf32>
    memref.store %a, %out[%i] : memref<64xf32>
    memref.store %a, %o[%i] : memref<64xf32>
    scf.reduce
  }
  return
}

// -----

// A layout that is not strided (no metadata to check): its loads stay
// scalar; the stores into the fresh buffer are vectorised.
// CHECK-LABEL: func.func @not_strided(
// CHECK-SAME:      %[[IN:.*]]: memref<64xf32, #{{.*}}>,
// CHECK-NOT:     memref.extract_aligned_pointer_as_index %[[IN]]
// CHECK:         scf.parallel (%{{.*}}) = (%c0) to (%c16) step (%c1) {
// CHECK-NEXT:      scf.if
// CHECK-NOT:         vector.load
// CHECK-COUNT-4:     memref.load %[[IN]]
// CHECK-NEXT:        vector.from_elements
// CHECK-NEXT:        vector.store
// CHECK:           } else {
func.func @not_strided(%in: memref<64xf32, affine_map<(d0) -> (d0 mod 8, d0 floordiv 8)>>, %out: memref<64xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %o = memref.alloc() : memref<64xf32>
  scf.parallel (%i) = (%c0) to (%c64) step (%c1) {
    %a = memref.load %in[%i] : memref<64xf32, affine_map<(d0) -> (d0 mod 8, d0 floordiv 8)>>
    memref.store %a, %o[%i] : memref<64xf32>
    scf.reduce
  }
  memref.copy %o, %out : memref<64xf32> to memref<64xf32>
  return
}
