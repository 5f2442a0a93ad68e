;; conv2d and its two gradients for the wasm backend, as direct SIMD loops on the tensors in tfjs's own
;; heap: this module imports tfjs-backend-wasm's memory, so nothing is copied (see conv.ts, which calls
;; them, and ../README.md for the measurements). All addresses are byte offsets; NHWC throughout.
;;
;; conv2d (the forward conv, dilation 1):
;;   y[n, i, j, co] = Σ_{a, b, ci} x[n, i·sH + a − pT, j·sW + b − pL, ci] · W[a, b, ci, co]
;; x [N, H, W, Cin], W [fh, fw, Cin, Cout], y [N, OH, OW, Cout]; Cout a multiple of 8. Per output row,
;; the columns whose every tap lies inside x are taken 4 at a time (4 pixels × 8 output channels in
;; 8 f32x4 registers, summed over the valid tap rows, the tap columns and Cin, then stored once); the
;; 1–3 left over and the columns at the left and right edge one at a time, skipping the taps in the
;; zero padding. (A last tile overlapping the one before, instead of single columns, measured no
;; faster.)
;;
;; conv2dBackpropFilter (the filter gradient):
;;   dW[a, b, ci, co] = Σ_{n, i, j} x[n, i·sH + a − pT, j·sW + b − pL, ci] · dy[n, i, j, co]
;; x [N, H, W, Cin], dy [N, OH, OW, Cout], dW [fh, fw, Cin, Cout]; Cout a multiple of 8. Taps that fall
;; in the zero padding are skipped (the valid i, j range is worked out per tap). Loop order: image,
;; tap, 4 input channels × 8 output channels (a tile of 8 f32x4 accumulators kept in registers), then
;; that image's valid output pixels, so one image's x and dy (≤ 100 KB at 28×28×32) stay in cache while
;; every tile reads them.
;;
;; conv2dBackpropInput (the input gradient, a transposed conv):
;;   dx[n, i·sH + a − pT, j·sW + b − pL, ci] += Σ_co dy[n, i, j, co] · W[a, b, ci, co]   for every tap (a, b)
;; dy [N, OH, OW, Cout], the filter transposed to wt [fh, fw, Cout, Cin] (so a row of input channels is
;; contiguous), dx [N, H, W, Cin]; Cin a multiple of 8. Per image and tap, the dy pixels whose target
;; falls inside dx are taken 4 along a row at a time: a tile of 4 pixels × 8 input channels sums over
;; Cout in registers, then is added into dx.
(module
  (import "env" "memory" (memory 1))


  ;; dW[4 rows from ci, 8 cols from co] += Σ over rows×cols output pixels of x[.., ci..ci+3] ⊗ dy[.., co..co+7].
  ;; dwp: the tile's first dW element; row stride coutB. xbase/dybase: the first valid pixel; each step
  ;; along a row moves x by xstep and dy by coutB; each new row moves them by xrow and dyrow.
  (func $tile4x8
    (param $dwp i32) (param $coutB i32) (param $xbase i32) (param $dybase i32)
    (param $rows i32) (param $cols i32) (param $xstep i32) (param $xrow i32) (param $dyrow i32)
    (local $xp i32) (local $dyp i32) (local $cnt i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $d0 v128) (local $d1 v128) (local $v v128)
    (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local.set $r1 (i32.add (local.get $dwp) (local.get $coutB)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $coutB)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $coutB)))
    (local.set $a00 (v128.load (local.get $dwp)))
    (local.set $a01 (v128.load offset=16 (local.get $dwp)))
    (local.set $a10 (v128.load (local.get $r1)))
    (local.set $a11 (v128.load offset=16 (local.get $r1)))
    (local.set $a20 (v128.load (local.get $r2)))
    (local.set $a21 (v128.load offset=16 (local.get $r2)))
    (local.set $a30 (v128.load (local.get $r3)))
    (local.set $a31 (v128.load offset=16 (local.get $r3)))
    (loop $row
      (local.set $xp (local.get $xbase))
      (local.set $dyp (local.get $dybase))
      (local.set $cnt (local.get $cols))
      (loop $col
        (local.set $d0 (v128.load (local.get $dyp)))
        (local.set $d1 (v128.load offset=16 (local.get $dyp)))
        (local.set $v (v128.load32_splat (local.get $xp)))
        (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $d0))))
        (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $d1))))
        (local.set $v (v128.load32_splat offset=4 (local.get $xp)))
        (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $d0))))
        (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $v) (local.get $d1))))
        (local.set $v (v128.load32_splat offset=8 (local.get $xp)))
        (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $d0))))
        (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $v) (local.get $d1))))
        (local.set $v (v128.load32_splat offset=12 (local.get $xp)))
        (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $d0))))
        (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $v) (local.get $d1))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xstep)))
        (local.set $dyp (i32.add (local.get $dyp) (local.get $coutB)))
        (br_if $col (local.tee $cnt (i32.sub (local.get $cnt) (i32.const 1)))))
      (local.set $xbase (i32.add (local.get $xbase) (local.get $xrow)))
      (local.set $dybase (i32.add (local.get $dybase) (local.get $dyrow)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $dwp) (local.get $a00))
    (v128.store offset=16 (local.get $dwp) (local.get $a01))
    (v128.store (local.get $r1) (local.get $a10))
    (v128.store offset=16 (local.get $r1) (local.get $a11))
    (v128.store (local.get $r2) (local.get $a20))
    (v128.store offset=16 (local.get $r2) (local.get $a21))
    (v128.store (local.get $r3) (local.get $a30))
    (v128.store offset=16 (local.get $r3) (local.get $a31)))

  ;; The same for one input channel (Cin not a multiple of 4: the leftover channels, or Cin = 1 or 3).
  (func $tile1x8
    (param $dwp i32) (param $coutB i32) (param $xbase i32) (param $dybase i32)
    (param $rows i32) (param $cols i32) (param $xstep i32) (param $xrow i32) (param $dyrow i32)
    (local $xp i32) (local $dyp i32) (local $cnt i32)
    (local $a00 v128) (local $a01 v128) (local $v v128)
    (local.set $a00 (v128.load (local.get $dwp)))
    (local.set $a01 (v128.load offset=16 (local.get $dwp)))
    (loop $row
      (local.set $xp (local.get $xbase))
      (local.set $dyp (local.get $dybase))
      (local.set $cnt (local.get $cols))
      (loop $col
        (local.set $v (v128.load32_splat (local.get $xp)))
        (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (v128.load (local.get $dyp)))))
        (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $dyp)))))
        (local.set $xp (i32.add (local.get $xp) (local.get $xstep)))
        (local.set $dyp (i32.add (local.get $dyp) (local.get $coutB)))
        (br_if $col (local.tee $cnt (i32.sub (local.get $cnt) (i32.const 1)))))
      (local.set $xbase (i32.add (local.get $xbase) (local.get $xrow)))
      (local.set $dybase (i32.add (local.get $dybase) (local.get $dyrow)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $dwp) (local.get $a00))
    (v128.store offset=16 (local.get $dwp) (local.get $a01)))

  ;; First index k ≥ 0 with k·s + off ≥ 0 (off = tap − pad may be negative).
  (func $firstValid (param $s i32) (param $off i32) (result i32)
    (local $k i32)
    (block $done (loop $next
      (br_if $done (i32.ge_s (i32.add (i32.mul (local.get $k) (local.get $s)) (local.get $off)) (i32.const 0)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br $next)))
    (local.get $k))

  ;; One past the last index k < count with k·s + off < size (and ≥ first).
  (func $endValid (param $s i32) (param $off i32) (param $size i32) (param $count i32) (param $first i32) (result i32)
    (block $done (loop $next
      (br_if $done (i32.le_s (local.get $count) (local.get $first)))
      (br_if $done (i32.lt_s (i32.add (i32.mul (i32.sub (local.get $count) (i32.const 1)) (local.get $s)) (local.get $off)) (local.get $size)))
      (local.set $count (i32.sub (local.get $count) (i32.const 1)))
      (br $next)))
    (local.get $count))

  (func (export "conv2dBackpropFilter")
    (param $x i32) (param $dy i32) (param $dw i32)
    (param $n i32) (param $h i32) (param $w i32) (param $cin i32)
    (param $oh i32) (param $ow i32) (param $cout i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $img i32) (local $a i32) (local $b i32) (local $ci i32) (local $co i32)
    (local $i0 i32) (local $i1 i32) (local $j0 i32) (local $j1 i32)
    (local $xImg i32) (local $dyImg i32) (local $xImgB i32) (local $dyImgB i32)
    (local $coutB i32) (local $xstep i32) (local $xrow i32) (local $dyrow i32)
    (local $tapRow i32) (local $xTap i32) (local $dyTap i32) (local $dwp i32)
    (memory.fill (local.get $dw) (i32.const 0)
      (i32.shl (i32.mul (i32.mul (local.get $fh) (local.get $fw)) (i32.mul (local.get $cin) (local.get $cout))) (i32.const 2)))
    (local.set $coutB (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $xstep (i32.shl (i32.mul (local.get $sw) (local.get $cin)) (i32.const 2)))
    (local.set $xrow (i32.shl (i32.mul (i32.mul (local.get $sh) (local.get $w)) (local.get $cin)) (i32.const 2)))
    (local.set $dyrow (i32.mul (local.get $ow) (local.get $coutB)))
    (local.set $xImgB (i32.shl (i32.mul (i32.mul (local.get $h) (local.get $w)) (local.get $cin)) (i32.const 2)))
    (local.set $dyImgB (i32.mul (i32.mul (local.get $oh) (local.get $ow)) (local.get $coutB)))
    (local.set $xImg (local.get $x))
    (local.set $dyImg (local.get $dy))
    (block $imgDone (loop $imgLoop
      (br_if $imgDone (i32.ge_u (local.get $img) (local.get $n)))
      (local.set $a (i32.const 0))
      (block $aDone (loop $aLoop
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $fh)))
        (local.set $i0 (call $firstValid (local.get $sh) (i32.sub (local.get $a) (local.get $pt))))
        (local.set $i1 (call $endValid (local.get $sh) (i32.sub (local.get $a) (local.get $pt)) (local.get $h) (local.get $oh) (local.get $i0)))
        (local.set $b (i32.const 0))
        (block $bDone (loop $bLoop
          (br_if $bDone (i32.ge_u (local.get $b) (local.get $fw)))
          (local.set $j0 (call $firstValid (local.get $sw) (i32.sub (local.get $b) (local.get $pl))))
          (local.set $j1 (call $endValid (local.get $sw) (i32.sub (local.get $b) (local.get $pl)) (local.get $w) (local.get $ow) (local.get $j0)))
          (if (i32.and (i32.lt_s (local.get $i0) (local.get $i1)) (i32.lt_s (local.get $j0) (local.get $j1)))
            (then
              ;; x at (i0·sH + a − pT, j0·sW + b − pL, 0); dy at (i0, j0, 0); dW at (a, b, 0, 0).
              (local.set $xTap (i32.add (local.get $xImg) (i32.shl (i32.mul (i32.add
                (i32.mul (i32.sub (i32.add (i32.mul (local.get $i0) (local.get $sh)) (local.get $a)) (local.get $pt)) (local.get $w))
                (i32.sub (i32.add (i32.mul (local.get $j0) (local.get $sw)) (local.get $b)) (local.get $pl)))
                (local.get $cin)) (i32.const 2))))
              (local.set $dyTap (i32.add (local.get $dyImg)
                (i32.mul (i32.add (i32.mul (local.get $i0) (local.get $ow)) (local.get $j0)) (local.get $coutB))))
              (local.set $tapRow (i32.add (local.get $dw)
                (i32.mul (i32.mul (i32.add (i32.mul (local.get $a) (local.get $fw)) (local.get $b)) (local.get $cin)) (local.get $coutB))))
              (local.set $ci (i32.const 0))
              (block $ciDone (loop $ciLoop
                (br_if $ciDone (i32.ge_u (local.get $ci) (local.get $cin)))
                (local.set $co (i32.const 0))
                (block $coDone (loop $coLoop
                  (br_if $coDone (i32.ge_u (local.get $co) (local.get $cout)))
                  (local.set $dwp (i32.add (i32.add (local.get $tapRow) (i32.mul (local.get $ci) (local.get $coutB)))
                    (i32.shl (local.get $co) (i32.const 2))))
                  (if (i32.le_u (i32.add (local.get $ci) (i32.const 4)) (local.get $cin))
                    (then (call $tile4x8 (local.get $dwp) (local.get $coutB)
                      (i32.add (local.get $xTap) (i32.shl (local.get $ci) (i32.const 2)))
                      (i32.add (local.get $dyTap) (i32.shl (local.get $co) (i32.const 2)))
                      (i32.sub (local.get $i1) (local.get $i0)) (i32.sub (local.get $j1) (local.get $j0))
                      (local.get $xstep) (local.get $xrow) (local.get $dyrow)))
                    (else (call $tile1x8 (local.get $dwp) (local.get $coutB)
                      (i32.add (local.get $xTap) (i32.shl (local.get $ci) (i32.const 2)))
                      (i32.add (local.get $dyTap) (i32.shl (local.get $co) (i32.const 2)))
                      (i32.sub (local.get $i1) (local.get $i0)) (i32.sub (local.get $j1) (local.get $j0))
                      (local.get $xstep) (local.get $xrow) (local.get $dyrow))))
                  (local.set $co (i32.add (local.get $co) (i32.const 8)))
                  (br $coLoop)))
                (local.set $ci (i32.add (local.get $ci)
                  (select (i32.const 4) (i32.const 1) (i32.le_u (i32.add (local.get $ci) (i32.const 4)) (local.get $cin)))))
                (br $ciLoop)))))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $bLoop)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aLoop)))
      (local.set $xImg (i32.add (local.get $xImg) (local.get $xImgB)))
      (local.set $dyImg (i32.add (local.get $dyImg) (local.get $dyImgB)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $imgLoop))))

  ;; ---- the forward conv ----

  ;; y[4 pixels, 8 channels] = Σ over taps and Cin. xp: x at the first pixel's first tap (row a0, column
  ;; b = 0, ci = 0); the next pixels pixB further on; each tap column cinB·1 further, each tap row xRowB
  ;; further; wp: W at (a0, 0, 0, co); rows: valid tap rows.
  (func $gather4x8
    (param $yp i32) (param $coutB i32) (param $xp i32) (param $pixB i32) (param $xRowB i32)
    (param $wp i32) (param $rows i32) (param $fw i32) (param $cin i32)
    (local $p0 i32) (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $q i32) (local $b i32) (local $c i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $w0 v128) (local $w1 v128) (local $v v128)
    (loop $row
      ;; One tap row: its fw columns × Cin are contiguous in x (a pixel's channels, then the next pixel's).
      (local.set $p0 (local.get $xp))
      (local.set $p1 (i32.add (local.get $p0) (local.get $pixB)))
      (local.set $p2 (i32.add (local.get $p1) (local.get $pixB)))
      (local.set $p3 (i32.add (local.get $p2) (local.get $pixB)))
      (local.set $c (i32.mul (local.get $fw) (local.get $cin)))
      (loop $k
        (local.set $w0 (v128.load (local.get $wp)))
        (local.set $w1 (v128.load offset=16 (local.get $wp)))
        (local.set $v (v128.load32_splat (local.get $p0)))
        (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
        (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $w1))))
        (local.set $v (v128.load32_splat (local.get $p1)))
        (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $w0))))
        (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $v) (local.get $w1))))
        (local.set $v (v128.load32_splat (local.get $p2)))
        (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $w0))))
        (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $v) (local.get $w1))))
        (local.set $v (v128.load32_splat (local.get $p3)))
        (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $w0))))
        (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $v) (local.get $w1))))
        (local.set $p0 (i32.add (local.get $p0) (i32.const 4)))
        (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
        (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
        (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
        (local.set $wp (i32.add (local.get $wp) (local.get $coutB)))
        (br_if $k (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xRowB)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $yp) (local.get $a00))
    (v128.store offset=16 (local.get $yp) (local.get $a01))
    (local.set $q (i32.add (local.get $yp) (local.get $coutB)))
    (v128.store (local.get $q) (local.get $a10))
    (v128.store offset=16 (local.get $q) (local.get $a11))
    (local.set $q (i32.add (local.get $q) (local.get $coutB)))
    (v128.store (local.get $q) (local.get $a20))
    (v128.store offset=16 (local.get $q) (local.get $a21))
    (local.set $q (i32.add (local.get $q) (local.get $coutB)))
    (v128.store (local.get $q) (local.get $a30))
    (v128.store offset=16 (local.get $q) (local.get $a31)))

  ;; y[1 pixel, 8 channels] for a pixel at the left or right edge: tap columns b0 ≤ b < b1 only.
  ;; xp: x at (row a0, column b0, ci 0); wp: W at (a0, b0, 0, co); wRowB: W's stride per tap row.
  (func $gather1x8
    (param $yp i32) (param $coutB i32) (param $xp i32) (param $xRowB i32)
    (param $wp i32) (param $wRowB i32) (param $rows i32) (param $cols i32) (param $cin i32)
    (local $p i32) (local $w i32) (local $c i32)
    (local $a00 v128) (local $a01 v128) (local $v v128)
    (loop $row
      (local.set $p (local.get $xp))
      (local.set $w (local.get $wp))
      (local.set $c (i32.mul (local.get $cols) (local.get $cin)))
      (loop $k
        (local.set $v (v128.load32_splat (local.get $p)))
        (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (v128.load (local.get $w)))))
        (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $w)))))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $w (i32.add (local.get $w) (local.get $coutB)))
        (br_if $k (local.tee $c (i32.sub (local.get $c) (i32.const 1)))))
      (local.set $xp (i32.add (local.get $xp) (local.get $xRowB)))
      (local.set $wp (i32.add (local.get $wp) (local.get $wRowB)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1)))))
    (v128.store (local.get $yp) (local.get $a00))
    (v128.store offset=16 (local.get $yp) (local.get $a01)))

  (func (export "conv2d")
    (param $x i32) (param $wt i32) (param $y i32)
    (param $n i32) (param $h i32) (param $w i32) (param $cin i32)
    (param $oh i32) (param $ow i32) (param $cout i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $img i32) (local $i i32) (local $j i32) (local $co i32) (local $top i32)
    (local $a0 i32) (local $a1 i32) (local $b0 i32) (local $b1 i32) (local $jLo i32) (local $jHi i32)
    (local $cinB i32) (local $coutB i32) (local $xRowB i32) (local $wRowB i32) (local $pixB i32)
    (local $xImg i32) (local $yRow i32) (local $xTapRow i32) (local $wTapRow i32) (local $left i32)
    (local.set $cinB (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $coutB (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $xRowB (i32.mul (local.get $w) (local.get $cinB)))
    (local.set $wRowB (i32.mul (i32.mul (local.get $fw) (local.get $cin)) (local.get $coutB)))
    (local.set $pixB (i32.mul (local.get $sw) (local.get $cinB)))
    ;; Output columns whose taps all lie inside x: jLo ≤ j < jHi.
    (local.set $jLo (call $firstValid (local.get $sw) (i32.sub (i32.const 0) (local.get $pl))))
    (local.set $jHi (call $endValid (local.get $sw) (i32.sub (i32.sub (local.get $fw) (i32.const 1)) (local.get $pl))
      (local.get $w) (local.get $ow) (local.get $jLo)))
    (local.set $xImg (local.get $x))
    (local.set $yRow (local.get $y))
    (block $imgDone (loop $imgLoop
      (br_if $imgDone (i32.ge_u (local.get $img) (local.get $n)))
      (local.set $i (i32.const 0))
      (block $iDone (loop $iLoop
        (br_if $iDone (i32.ge_u (local.get $i) (local.get $oh)))
        ;; Tap rows a0 ≤ a < a1 that land inside x for output row i.
        (local.set $top (i32.sub (i32.mul (local.get $i) (local.get $sh)) (local.get $pt)))
        (local.set $a0 (select (i32.sub (i32.const 0) (local.get $top)) (i32.const 0) (i32.lt_s (local.get $top) (i32.const 0))))
        (local.set $a1 (local.get $fh))
        (if (i32.gt_s (i32.add (local.get $top) (local.get $fh)) (local.get $h))
          (then (local.set $a1 (i32.sub (local.get $h) (local.get $top)))))
        (local.set $xTapRow (i32.add (local.get $xImg) (i32.mul (i32.add (local.get $top) (local.get $a0)) (local.get $xRowB))))
        (local.set $wTapRow (i32.add (local.get $wt) (i32.mul (local.get $a0) (local.get $wRowB))))
        (local.set $j (i32.const 0))
        (block $jDone (loop $jLoop
          (br_if $jDone (i32.ge_u (local.get $j) (local.get $ow)))
          (local.set $left (i32.sub (i32.mul (local.get $j) (local.get $sw)) (local.get $pl)))
          (local.set $co (i32.const 0))
          (if (i32.and (i32.lt_s (local.get $a0) (local.get $a1))
                (i32.and (i32.ge_s (local.get $j) (local.get $jLo)) (i32.le_s (i32.add (local.get $j) (i32.const 4)) (local.get $jHi))))
            (then
              (loop $coLoop
                (call $gather4x8
                  (i32.add (i32.add (local.get $yRow) (i32.mul (local.get $j) (local.get $coutB))) (i32.shl (local.get $co) (i32.const 2)))
                  (local.get $coutB)
                  (i32.add (local.get $xTapRow) (i32.mul (local.get $left) (local.get $cinB))) (local.get $pixB) (local.get $xRowB)
                  (i32.add (local.get $wTapRow) (i32.shl (local.get $co) (i32.const 2)))
                  (i32.sub (local.get $a1) (local.get $a0)) (local.get $fw) (local.get $cin))
                (br_if $coLoop (i32.lt_u (local.tee $co (i32.add (local.get $co) (i32.const 8))) (local.get $cout))))
              (local.set $j (i32.add (local.get $j) (i32.const 4))))
            (else
              ;; One pixel: its tap columns b0 ≤ b < b1 inside x (none, or no tap rows: y = 0).
              (local.set $b0 (select (i32.sub (i32.const 0) (local.get $left)) (i32.const 0) (i32.lt_s (local.get $left) (i32.const 0))))
              (local.set $b1 (local.get $fw))
              (if (i32.gt_s (i32.add (local.get $left) (local.get $fw)) (local.get $w))
                (then (local.set $b1 (i32.sub (local.get $w) (local.get $left)))))
              (if (i32.and (i32.lt_s (local.get $a0) (local.get $a1)) (i32.lt_s (local.get $b0) (local.get $b1)))
                (then
                  (loop $coLoop
                    (call $gather1x8
                      (i32.add (i32.add (local.get $yRow) (i32.mul (local.get $j) (local.get $coutB))) (i32.shl (local.get $co) (i32.const 2)))
                      (local.get $coutB)
                      (i32.add (local.get $xTapRow) (i32.mul (i32.add (local.get $left) (local.get $b0)) (local.get $cinB))) (local.get $xRowB)
                      (i32.add (i32.add (local.get $wTapRow) (i32.mul (i32.mul (local.get $b0) (local.get $cin)) (local.get $coutB))) (i32.shl (local.get $co) (i32.const 2)))
                      (local.get $wRowB)
                      (i32.sub (local.get $a1) (local.get $a0)) (i32.sub (local.get $b1) (local.get $b0)) (local.get $cin))
                    (br_if $coLoop (i32.lt_u (local.tee $co (i32.add (local.get $co) (i32.const 8))) (local.get $cout)))))
                (else
                  (memory.fill (i32.add (local.get $yRow) (i32.mul (local.get $j) (local.get $coutB))) (i32.const 0) (local.get $coutB))))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))))
          (br $jLoop)))
        (local.set $yRow (i32.add (local.get $yRow) (i32.mul (local.get $ow) (local.get $coutB))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $iLoop)))
      (local.set $xImg (i32.add (local.get $xImg) (i32.mul (local.get $h) (local.get $xRowB))))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $imgLoop))))

  ;; ---- the input gradient ----

  ;; dx[4 pixels, 8 channels] += dy[4 pixels, :] · wt[:, 8 channels]. dxp: the first pixel's first
  ;; channel in dx, the next pixels dxPixB further on; dyp: the first pixel's dy row, the next ones
  ;; coutB further on; wp: wt's row for co = 0 at this tap and channel, the next co cinB further on.
  (func $scatter4x8
    (param $dxp i32) (param $dxPixB i32) (param $dyp i32) (param $coutB i32)
    (param $wp i32) (param $cinB i32) (param $cout i32)
    (local $p1 i32) (local $p2 i32) (local $p3 i32) (local $q i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $w0 v128) (local $w1 v128) (local $v v128)
    (local.set $p1 (i32.add (local.get $dyp) (local.get $coutB)))
    (local.set $p2 (i32.add (local.get $p1) (local.get $coutB)))
    (local.set $p3 (i32.add (local.get $p2) (local.get $coutB)))
    (loop $co
      (local.set $w0 (v128.load (local.get $wp)))
      (local.set $w1 (v128.load offset=16 (local.get $wp)))
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (local.get $p1)))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (local.get $p2)))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $v (v128.load32_splat (local.get $p3)))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $v) (local.get $w0))))
      (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $v) (local.get $w1))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $p1 (i32.add (local.get $p1) (i32.const 4)))
      (local.set $p2 (i32.add (local.get $p2) (i32.const 4)))
      (local.set $p3 (i32.add (local.get $p3) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $cinB)))
      (br_if $co (local.tee $cout (i32.sub (local.get $cout) (i32.const 1)))))
    (v128.store (local.get $dxp) (f32x4.add (v128.load (local.get $dxp)) (local.get $a00)))
    (v128.store offset=16 (local.get $dxp) (f32x4.add (v128.load offset=16 (local.get $dxp)) (local.get $a01)))
    (local.set $q (i32.add (local.get $dxp) (local.get $dxPixB)))
    (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (local.get $a10)))
    (v128.store offset=16 (local.get $q) (f32x4.add (v128.load offset=16 (local.get $q)) (local.get $a11)))
    (local.set $q (i32.add (local.get $q) (local.get $dxPixB)))
    (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (local.get $a20)))
    (v128.store offset=16 (local.get $q) (f32x4.add (v128.load offset=16 (local.get $q)) (local.get $a21)))
    (local.set $q (i32.add (local.get $q) (local.get $dxPixB)))
    (v128.store (local.get $q) (f32x4.add (v128.load (local.get $q)) (local.get $a30)))
    (v128.store offset=16 (local.get $q) (f32x4.add (v128.load offset=16 (local.get $q)) (local.get $a31))))

  ;; The same for one pixel (the last 1–3 of a row).
  (func $scatter1x8
    (param $dxp i32) (param $dyp i32) (param $wp i32) (param $cinB i32) (param $cout i32)
    (local $a00 v128) (local $a01 v128) (local $v v128)
    (loop $co
      (local.set $v (v128.load32_splat (local.get $dyp)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $v) (v128.load (local.get $wp)))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $v) (v128.load offset=16 (local.get $wp)))))
      (local.set $dyp (i32.add (local.get $dyp) (i32.const 4)))
      (local.set $wp (i32.add (local.get $wp) (local.get $cinB)))
      (br_if $co (local.tee $cout (i32.sub (local.get $cout) (i32.const 1)))))
    (v128.store (local.get $dxp) (f32x4.add (v128.load (local.get $dxp)) (local.get $a00)))
    (v128.store offset=16 (local.get $dxp) (f32x4.add (v128.load offset=16 (local.get $dxp)) (local.get $a01))))

  (func (export "conv2dBackpropInput")
    (param $dy i32) (param $wt i32) (param $dx i32)
    (param $n i32) (param $h i32) (param $w i32) (param $cin i32)
    (param $oh i32) (param $ow i32) (param $cout i32)
    (param $fh i32) (param $fw i32) (param $sh i32) (param $sw i32) (param $pt i32) (param $pl i32)
    (local $img i32) (local $a i32) (local $b i32) (local $i i32) (local $ci i32) (local $cols i32)
    (local $i0 i32) (local $i1 i32) (local $j0 i32) (local $j1 i32)
    (local $dyImg i32) (local $dxImg i32) (local $dyImgB i32) (local $dxImgB i32)
    (local $coutB i32) (local $cinB i32) (local $dxPixB i32) (local $wTap i32)
    (local $dyp i32) (local $dxp i32)
    (local.set $cinB (i32.shl (local.get $cin) (i32.const 2)))
    (local.set $coutB (i32.shl (local.get $cout) (i32.const 2)))
    (local.set $dxPixB (i32.mul (local.get $sw) (local.get $cinB)))
    (local.set $dxImgB (i32.mul (i32.mul (local.get $h) (local.get $w)) (local.get $cinB)))
    (local.set $dyImgB (i32.mul (i32.mul (local.get $oh) (local.get $ow)) (local.get $coutB)))
    (memory.fill (local.get $dx) (i32.const 0) (i32.mul (local.get $n) (local.get $dxImgB)))
    (local.set $dyImg (local.get $dy))
    (local.set $dxImg (local.get $dx))
    (block $imgDone (loop $imgLoop
      (br_if $imgDone (i32.ge_u (local.get $img) (local.get $n)))
      (local.set $a (i32.const 0))
      (block $aDone (loop $aLoop
        (br_if $aDone (i32.ge_u (local.get $a) (local.get $fh)))
        (local.set $i0 (call $firstValid (local.get $sh) (i32.sub (local.get $a) (local.get $pt))))
        (local.set $i1 (call $endValid (local.get $sh) (i32.sub (local.get $a) (local.get $pt)) (local.get $h) (local.get $oh) (local.get $i0)))
        (local.set $b (i32.const 0))
        (block $bDone (loop $bLoop
          (br_if $bDone (i32.ge_u (local.get $b) (local.get $fw)))
          (local.set $j0 (call $firstValid (local.get $sw) (i32.sub (local.get $b) (local.get $pl))))
          (local.set $j1 (call $endValid (local.get $sw) (i32.sub (local.get $b) (local.get $pl)) (local.get $w) (local.get $ow) (local.get $j0)))
          (local.set $wTap (i32.add (local.get $wt)
            (i32.mul (i32.mul (i32.add (i32.mul (local.get $a) (local.get $fw)) (local.get $b)) (local.get $cout)) (local.get $cinB))))
          (local.set $i (local.get $i0))
          (block $iDone (loop $iLoop
            (br_if $iDone (i32.ge_s (local.get $i) (local.get $i1)))
            (br_if $iDone (i32.ge_s (local.get $j0) (local.get $j1)))
            ;; dy at (i, j0); dx at (i·sH + a − pT, j0·sW + b − pL).
            (local.set $dyp (i32.add (local.get $dyImg)
              (i32.mul (i32.add (i32.mul (local.get $i) (local.get $ow)) (local.get $j0)) (local.get $coutB))))
            (local.set $dxp (i32.add (local.get $dxImg) (i32.mul (i32.add
              (i32.mul (i32.sub (i32.add (i32.mul (local.get $i) (local.get $sh)) (local.get $a)) (local.get $pt)) (local.get $w))
              (i32.sub (i32.add (i32.mul (local.get $j0) (local.get $sw)) (local.get $b)) (local.get $pl)))
              (local.get $cinB))))
            (local.set $cols (i32.sub (local.get $j1) (local.get $j0)))
            (block $colsDone (loop $colLoop
              (br_if $colsDone (i32.eqz (local.get $cols)))
              (local.set $ci (i32.const 0))
              (if (i32.ge_u (local.get $cols) (i32.const 4))
                (then
                  (loop $ciLoop
                    (call $scatter4x8 (i32.add (local.get $dxp) (i32.shl (local.get $ci) (i32.const 2))) (local.get $dxPixB)
                      (local.get $dyp) (local.get $coutB)
                      (i32.add (local.get $wTap) (i32.shl (local.get $ci) (i32.const 2))) (local.get $cinB) (local.get $cout))
                    (br_if $ciLoop (i32.lt_u (local.tee $ci (i32.add (local.get $ci) (i32.const 8))) (local.get $cin))))
                  (local.set $dyp (i32.add (local.get $dyp) (i32.shl (local.get $coutB) (i32.const 2))))
                  (local.set $dxp (i32.add (local.get $dxp) (i32.shl (local.get $dxPixB) (i32.const 2))))
                  (local.set $cols (i32.sub (local.get $cols) (i32.const 4))))
                (else
                  (loop $ciLoop
                    (call $scatter1x8 (i32.add (local.get $dxp) (i32.shl (local.get $ci) (i32.const 2))) (local.get $dyp)
                      (i32.add (local.get $wTap) (i32.shl (local.get $ci) (i32.const 2))) (local.get $cinB) (local.get $cout))
                    (br_if $ciLoop (i32.lt_u (local.tee $ci (i32.add (local.get $ci) (i32.const 8))) (local.get $cin))))
                  (local.set $dyp (i32.add (local.get $dyp) (local.get $coutB)))
                  (local.set $dxp (i32.add (local.get $dxp) (local.get $dxPixB)))
                  (local.set $cols (i32.sub (local.get $cols) (i32.const 1)))))
              (br $colLoop)))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $iLoop)))
          (local.set $b (i32.add (local.get $b) (i32.const 1)))
          (br $bLoop)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aLoop)))
      (local.set $dyImg (i32.add (local.get $dyImg) (local.get $dyImgB)))
      (local.set $dxImg (i32.add (local.get $dxImg) (local.get $dxImgB)))
      (local.set $img (i32.add (local.get $img) (i32.const 1)))
      (br $imgLoop))))
)
