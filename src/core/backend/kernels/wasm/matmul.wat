;; Batched matrix product for the wasm backend, as a SIMD loop on the tensors in tfjs's own heap (the
;; module imports tfjs-backend-wasm's memory; matmul.ts calls it, ../README.md has the measurements).
;; All addresses are byte offsets.
;;
;; batchMatMul:
;;   C[p, i, j] = Σ_k A[p, i, k] · B[p, k, j]     p < batch, i < M, j < N, k < K
;; B [batch, K, N] and C [batch, M, N] row-major; A is read through strides, so it may be stored
;; [batch, M, K] (row stride K·4, column stride 4) or transposed, [batch, K, M] (row stride 4, column
;; stride M·4). N ≥ 8.
;;
;; Why: tfjs-backend-wasm 4.22 hands only unbatched products to XNNPACK; a batched one (a ViT's
;; attention: (B·heads) products of T×d_h by d_h×T, and their gradients) runs a scalar loop at ~3
;; GFLOP/s. Here each 4 × 8 tile of C sums in 8 f32x4 registers: per k, two loads of B's row and four
;; splats of A's column, as conv.wat's tiles. Edges: the last rows of a batch entry repeat row M − 1
;; (the same values stored again) and the last columns start at N − 8, overlapping the tile before
;; (again the same values stored twice), so every tile is a full 4 × 8 and nothing is read or written
;; outside the three tensors.
(module
  (import "env" "memory" (memory 1))

  ;; One 4 × 8 tile: c0..c3 the rows' outputs (their column j), a0..a3 the rows' A[i, 0], aStep the
  ;; distance to A[i, k + 1], bp B[0, j], bRow the distance to B[k + 1, j], k the length of the sum.
  (func $tile4x8
    (param $c0 i32) (param $c1 i32) (param $c2 i32) (param $c3 i32)
    (param $a0 i32) (param $a1 i32) (param $a2 i32) (param $a3 i32) (param $aStep i32)
    (param $bp i32) (param $bRow i32) (param $k i32)
    (local $s00 v128) (local $s01 v128) (local $s10 v128) (local $s11 v128)
    (local $s20 v128) (local $s21 v128) (local $s30 v128) (local $s31 v128)
    (local $b0 v128) (local $b1 v128) (local $v v128)
    (loop $next
      (local.set $b0 (v128.load (local.get $bp)))
      (local.set $b1 (v128.load offset=16 (local.get $bp)))
      (local.set $v (v128.load32_splat (local.get $a0)))
      (local.set $s00 (f32x4.add (local.get $s00) (f32x4.mul (local.get $v) (local.get $b0))))
      (local.set $s01 (f32x4.add (local.get $s01) (f32x4.mul (local.get $v) (local.get $b1))))
      (local.set $v (v128.load32_splat (local.get $a1)))
      (local.set $s10 (f32x4.add (local.get $s10) (f32x4.mul (local.get $v) (local.get $b0))))
      (local.set $s11 (f32x4.add (local.get $s11) (f32x4.mul (local.get $v) (local.get $b1))))
      (local.set $v (v128.load32_splat (local.get $a2)))
      (local.set $s20 (f32x4.add (local.get $s20) (f32x4.mul (local.get $v) (local.get $b0))))
      (local.set $s21 (f32x4.add (local.get $s21) (f32x4.mul (local.get $v) (local.get $b1))))
      (local.set $v (v128.load32_splat (local.get $a3)))
      (local.set $s30 (f32x4.add (local.get $s30) (f32x4.mul (local.get $v) (local.get $b0))))
      (local.set $s31 (f32x4.add (local.get $s31) (f32x4.mul (local.get $v) (local.get $b1))))
      (local.set $a0 (i32.add (local.get $a0) (local.get $aStep)))
      (local.set $a1 (i32.add (local.get $a1) (local.get $aStep)))
      (local.set $a2 (i32.add (local.get $a2) (local.get $aStep)))
      (local.set $a3 (i32.add (local.get $a3) (local.get $aStep)))
      (local.set $bp (i32.add (local.get $bp) (local.get $bRow)))
      (br_if $next (local.tee $k (i32.sub (local.get $k) (i32.const 1)))))
    (v128.store (local.get $c0) (local.get $s00))
    (v128.store offset=16 (local.get $c0) (local.get $s01))
    (v128.store (local.get $c1) (local.get $s10))
    (v128.store offset=16 (local.get $c1) (local.get $s11))
    (v128.store (local.get $c2) (local.get $s20))
    (v128.store offset=16 (local.get $c2) (local.get $s21))
    (v128.store (local.get $c3) (local.get $s30))
    (v128.store offset=16 (local.get $c3) (local.get $s31)))

  ;; Row r of a 4-row tile starting at row i: i + r, or M − 1 past the last row.
  (func $row (param $i i32) (param $r i32) (param $m i32) (result i32)
    (select (i32.add (local.get $i) (local.get $r)) (i32.sub (local.get $m) (i32.const 1))
      (i32.lt_u (i32.add (local.get $i) (local.get $r)) (local.get $m))))

  (func (export "batchMatMul")
    (param $a i32) (param $b i32) (param $c i32)
    (param $batch i32) (param $m i32) (param $k i32) (param $n i32)
    (param $aRowB i32) (param $aColB i32)
    (local $p i32) (local $i i32) (local $j i32) (local $jj i32)
    (local $aBatchB i32) (local $bBatchB i32) (local $cBatchB i32) (local $cRowB i32)
    (local $r0 i32) (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $aBatchB (i32.shl (i32.mul (local.get $m) (local.get $k)) (i32.const 2)))
    (local.set $cRowB (i32.shl (local.get $n) (i32.const 2)))
    (local.set $bBatchB (i32.mul (local.get $k) (local.get $cRowB)))
    (local.set $cBatchB (i32.mul (local.get $m) (local.get $cRowB)))
    (block $pDone (loop $pLoop
      (br_if $pDone (i32.ge_u (local.get $p) (local.get $batch)))
      (local.set $j (i32.const 0))
      (block $jDone (loop $jLoop
        (br_if $jDone (i32.ge_u (local.get $j) (local.get $n)))
        ;; The last 8 columns of a row, overlapping the tile before when N is not a multiple of 8.
        (local.set $jj (select (local.get $j) (i32.sub (local.get $n) (i32.const 8))
          (i32.le_u (i32.add (local.get $j) (i32.const 8)) (local.get $n))))
        (local.set $i (i32.const 0))
        (block $iDone (loop $iLoop
          (br_if $iDone (i32.ge_u (local.get $i) (local.get $m)))
          (local.set $r0 (local.get $i))
          (local.set $r1 (call $row (local.get $i) (i32.const 1) (local.get $m)))
          (local.set $r2 (call $row (local.get $i) (i32.const 2) (local.get $m)))
          (local.set $r3 (call $row (local.get $i) (i32.const 3) (local.get $m)))
          (call $tile4x8
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $r0) (local.get $cRowB)) (i32.shl (local.get $jj) (i32.const 2))))
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $r1) (local.get $cRowB)) (i32.shl (local.get $jj) (i32.const 2))))
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $r2) (local.get $cRowB)) (i32.shl (local.get $jj) (i32.const 2))))
            (i32.add (local.get $c) (i32.add (i32.mul (local.get $r3) (local.get $cRowB)) (i32.shl (local.get $jj) (i32.const 2))))
            (i32.add (local.get $a) (i32.mul (local.get $r0) (local.get $aRowB)))
            (i32.add (local.get $a) (i32.mul (local.get $r1) (local.get $aRowB)))
            (i32.add (local.get $a) (i32.mul (local.get $r2) (local.get $aRowB)))
            (i32.add (local.get $a) (i32.mul (local.get $r3) (local.get $aRowB)))
            (local.get $aColB)
            (i32.add (local.get $b) (i32.shl (local.get $jj) (i32.const 2)))
            (local.get $cRowB)
            (local.get $k))
          (local.set $i (i32.add (local.get $i) (i32.const 4)))
          (br $iLoop)))
        (local.set $j (i32.add (local.get $j) (i32.const 8)))
        (br $jLoop)))
      (local.set $a (i32.add (local.get $a) (local.get $aBatchB)))
      (local.set $b (i32.add (local.get $b) (local.get $bBatchB)))
      (local.set $c (i32.add (local.get $c) (local.get $cBatchB)))
      (local.set $p (i32.add (local.get $p) (i32.const 1)))
      (br $pLoop))))
)
