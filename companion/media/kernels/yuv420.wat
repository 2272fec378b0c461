;; RGBA -> yuv420p (yuv420.ts's rgbaToYuv420) in WebAssembly SIMD, byte for byte: the same f64 products and
;; sums in the same order, two lanes in f64x2 (WebAssembly rounds every operation to nearest-even and never
;; fuses a multiply-add, as JS does not). The weights are yuv420.ts's own doubles, which frame-planes.ts writes
;; at address 0 in YUV420_WEIGHTS' order: KR KG KB Y_SCALE C_SCALE CB0 CB1 CB2 CR0 CR1 CR2 V0 V1 V2 V3.
;; One liberty, exact: the horizontal taps are 1/4, 1/2, 1/4, so 0.25a + 0.5m + 0.25b has no rounding for
;; bytes a, m, b and equals (a + 2m + b) · 0.25, which is summed in i16 lanes before one conversion.
;; Addresses are bytes; a 16-byte load may read up to 15 bytes past the last pixel or scratch value, so the
;; caller leaves that much memory after them. Regenerate yuv420-wasm.ts with
;; `node dist/node/scripts/wasm-kernels.js` after editing.
;; Semantics relied on: https://webassembly.github.io/spec/core/exec/numerics.html (fmul, fadd, convert,
;; trunc_sat) and the SIMD proposal's lane operations (https://github.com/WebAssembly/simd).
(module
  (memory (export "memory") 1)

  ;; Y' of the rectangle (rx, ry, rw, rh) of the width-wide frame at $px, into the plane at $dst, a call per row:
  ;; V8 moves a function to its optimizing tier between calls, never inside one, so a frame's first conversion
  ;; runs the baseline code for a few rows only instead of the whole frame.
  (func (export "luma") (param $px i32) (param $dst i32) (param $width i32)
    (param $rx i32) (param $ry i32) (param $rw i32) (param $rh i32)
    (local $y i32) (local $at i32)
    (local.set $y (local.get $ry))
    (block $rows
      (loop $row
        (br_if $rows (i32.ge_s (local.get $y) (i32.add (local.get $ry) (local.get $rh))))
        (local.set $at (i32.add (i32.mul (local.get $y) (local.get $width)) (local.get $rx)))
        (call $lumaRow (local.get $px) (local.get $dst) (local.get $at) (i32.add (local.get $at) (local.get $rw)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $row))))

  ;; Pixels at .. end - 1 (indices into the frame at $px and the plane at $dst).
  (func $lumaRow (param $px i32) (param $dst i32) (param $at i32) (param $end i32)
    (local $kr v128) (local $kg v128) (local $kb v128) (local $ys v128)
    (local $p v128) (local $lo v128) (local $out v128)
    (local.set $kr (v128.load64_splat (i32.const 0)))
    (local.set $kg (v128.load64_splat (i32.const 8)))
    (local.set $kb (v128.load64_splat (i32.const 16)))
    (local.set $ys (v128.load64_splat (i32.const 24)))
    (block $pixels
      (loop $four
        (br_if $pixels (i32.ge_s (local.get $at) (local.get $end)))
        ;; Four pixels a step; fewer than four left, the same arithmetic and only lane 0 stored. The masked bytes
        ;; are never negative, so the signed conversion (one x64 instruction; the unsigned one is three) is exact.
        (local.set $p (v128.load (i32.add (local.get $px) (i32.shl (local.get $at) (i32.const 2)))))
        (local.set $lo
          (i32x4.trunc_sat_f64x2_s_zero
            (f64x2.add
              (f64x2.mul
                (f64x2.add
                  (f64x2.add
                    (f64x2.mul (local.get $kr)
                      (f64x2.convert_low_i32x4_s
                        (v128.and (local.get $p) (v128.const i32x4 255 255 255 255))))
                    (f64x2.mul (local.get $kg)
                      (f64x2.convert_low_i32x4_s
                        (v128.and (i32x4.shr_u (local.get $p) (i32.const 8))
                          (v128.const i32x4 255 255 255 255)))))
                  (f64x2.mul (local.get $kb)
                    (f64x2.convert_low_i32x4_s
                      (v128.and (i32x4.shr_u (local.get $p) (i32.const 16))
                        (v128.const i32x4 255 255 255 255)))))
                (local.get $ys))
              (v128.const f64x2 16.5 16.5))))
        (local.set $p
          (i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15 (local.get $p) (local.get $p)))
        (local.set $out
          (i8x16.narrow_i16x8_u
            (i16x8.narrow_i32x4_s
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                (local.get $lo)
                (i32x4.trunc_sat_f64x2_s_zero
                  (f64x2.add
                    (f64x2.mul
                      (f64x2.add
                        (f64x2.add
                          (f64x2.mul (local.get $kr)
                            (f64x2.convert_low_i32x4_s
                              (v128.and (local.get $p) (v128.const i32x4 255 255 255 255))))
                          (f64x2.mul (local.get $kg)
                            (f64x2.convert_low_i32x4_s
                              (v128.and (i32x4.shr_u (local.get $p) (i32.const 8))
                                (v128.const i32x4 255 255 255 255)))))
                        (f64x2.mul (local.get $kb)
                          (f64x2.convert_low_i32x4_s
                            (v128.and (i32x4.shr_u (local.get $p) (i32.const 16))
                              (v128.const i32x4 255 255 255 255)))))
                      (local.get $ys))
                    (v128.const f64x2 16.5 16.5))))
              (v128.const i32x4 0 0 0 0))
            (v128.const i32x4 0 0 0 0)))
        (if (i32.ge_s (i32.sub (local.get $end) (local.get $at)) (i32.const 4))
          (then
            (v128.store32_lane 0 (i32.add (local.get $dst) (local.get $at)) (local.get $out))
            (local.set $at (i32.add (local.get $at) (i32.const 4))))
          (else
            (v128.store8_lane 0 (i32.add (local.get $dst) (local.get $at)) (local.get $out))
            (local.set $at (i32.add (local.get $at) (i32.const 1)))))
        (br $four))))

  ;; Row i of the horizontally filtered rows (frame row first + i, clamped), at chroma columns x0/2 .. +cols-1,
  ;; as Cb and Cr weighted sums into ring slot i & 3 of $hu and $hv (cols doubles a slot).
  (func $hrow (param $px i32) (param $width i32) (param $height i32) (param $first i32) (param $i i32)
    (param $hu i32) (param $hv i32) (param $x0 i32) (param $cols i32)
    (local $line i32) (local $slot i32) (local $c i32) (local $x i32) (local $two i32)
    (local $cb0 v128) (local $cb1 v128) (local $cb2 v128) (local $cr0 v128) (local $cr1 v128) (local $cr2 v128)
    (local $prev v128) (local $p v128) (local $s v128) (local $r v128) (local $g v128) (local $b v128)
    (local.set $cb0 (v128.load64_splat (i32.const 40)))
    (local.set $cb1 (v128.load64_splat (i32.const 48)))
    (local.set $cb2 (v128.load64_splat (i32.const 56)))
    (local.set $cr0 (v128.load64_splat (i32.const 64)))
    (local.set $cr1 (v128.load64_splat (i32.const 72)))
    (local.set $cr2 (v128.load64_splat (i32.const 80)))
    (local.set $line (i32.add (local.get $first) (local.get $i)))
    (if (i32.lt_s (local.get $line) (i32.const 0)) (then (local.set $line (i32.const 0))))
    (if (i32.ge_s (local.get $line) (local.get $height))
      (then (local.set $line (i32.sub (local.get $height) (i32.const 1)))))
    ;; The row's first pixel's byte address.
    (local.set $line
      (i32.add (local.get $px) (i32.shl (i32.mul (local.get $line) (local.get $width)) (i32.const 2))))
    (local.set $slot
      (i32.shl (i32.mul (i32.and (local.get $i) (i32.const 3)) (local.get $cols)) (i32.const 3)))
    (local.set $hu (i32.add (local.get $hu) (local.get $slot)))
    (local.set $hv (i32.add (local.get $hv) (local.get $slot)))
    (local.set $x (local.get $x0))
    ;; The pixel left of the first column (itself at the border), in lane 3 as a step leaves its last pixel.
    (local.set $prev
      (v128.load32_splat
        (i32.add (local.get $line)
          (i32.shl (select (i32.sub (local.get $x) (i32.const 1)) (i32.const 0) (local.get $x)) (i32.const 2)))))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $c) (local.get $cols)))
        (local.set $two
          (i32.and
            (i32.le_s (i32.add (local.get $c) (i32.const 2)) (local.get $cols))
            (i32.le_s (i32.add (local.get $x) (i32.const 4)) (local.get $width))))
        (if (local.get $two)
          (then
            ;; Columns x and x + 2 from pixels x - 1 .. x + 3, none past the border.
            (local.set $p (v128.load (i32.add (local.get $line) (i32.shl (local.get $x) (i32.const 2)))))
            (local.set $s
              (i16x8.add
                (i16x8.add
                  (i16x8.extend_low_i8x16_u
                    (i8x16.shuffle 12 13 14 15 20 21 22 23 0 0 0 0 0 0 0 0 (local.get $prev) (local.get $p)))
                  (i16x8.shl
                    (i16x8.extend_low_i8x16_u
                      (i8x16.shuffle 0 1 2 3 8 9 10 11 0 0 0 0 0 0 0 0 (local.get $p) (local.get $p)))
                    (i32.const 1)))
                (i16x8.extend_low_i8x16_u
                  (i8x16.shuffle 4 5 6 7 12 13 14 15 0 0 0 0 0 0 0 0 (local.get $p) (local.get $p)))))
            (local.set $prev (local.get $p)))
          (else
            ;; One column, its neighbours clamped to the row (lane 1 repeats lane 0 and is not stored).
            (local.set $s
              (i16x8.add
                (i16x8.add
                  (i16x8.extend_low_i8x16_u
                    (v128.load32_splat
                      (i32.add (local.get $line)
                        (i32.shl
                          (select (i32.sub (local.get $x) (i32.const 1)) (i32.const 0) (local.get $x))
                          (i32.const 2)))))
                  (i16x8.shl
                    (i16x8.extend_low_i8x16_u
                      (v128.load32_splat (i32.add (local.get $line) (i32.shl (local.get $x) (i32.const 2)))))
                    (i32.const 1)))
                (i16x8.extend_low_i8x16_u
                  (v128.load32_splat
                    (i32.add (local.get $line)
                      (i32.shl
                        (select
                          (i32.add (local.get $x) (i32.const 1))
                          (i32.sub (local.get $width) (i32.const 1))
                          (i32.lt_s (i32.add (local.get $x) (i32.const 1)) (local.get $width)))
                        (i32.const 2)))))))))
        ;; $s: R G B A of one column in i16 lanes 0-3, of the next in 4-7; spread each channel over f64x2.
        (local.set $r
          (f64x2.mul
            (f64x2.convert_low_i32x4_u
              (i8x16.shuffle 0 1 16 16 8 9 16 16 16 16 16 16 16 16 16 16 (local.get $s) (v128.const i32x4 0 0 0 0)))
            (v128.const f64x2 0.25 0.25)))
        (local.set $g
          (f64x2.mul
            (f64x2.convert_low_i32x4_u
              (i8x16.shuffle 2 3 16 16 10 11 16 16 16 16 16 16 16 16 16 16 (local.get $s) (v128.const i32x4 0 0 0 0)))
            (v128.const f64x2 0.25 0.25)))
        (local.set $b
          (f64x2.mul
            (f64x2.convert_low_i32x4_u
              (i8x16.shuffle 4 5 16 16 12 13 16 16 16 16 16 16 16 16 16 16 (local.get $s) (v128.const i32x4 0 0 0 0)))
            (v128.const f64x2 0.25 0.25)))
        (local.set $s
          (f64x2.add
            (f64x2.add (f64x2.mul (local.get $cb0) (local.get $r)) (f64x2.mul (local.get $cb1) (local.get $g)))
            (f64x2.mul (local.get $cb2) (local.get $b))))
        (local.set $p
          (f64x2.add
            (f64x2.add (f64x2.mul (local.get $cr0) (local.get $r)) (f64x2.mul (local.get $cr1) (local.get $g)))
            (f64x2.mul (local.get $cr2) (local.get $b))))
        (if (local.get $two)
          (then
            (v128.store (i32.add (local.get $hu) (i32.shl (local.get $c) (i32.const 3))) (local.get $s))
            (v128.store (i32.add (local.get $hv) (i32.shl (local.get $c) (i32.const 3))) (local.get $p))
            (local.set $c (i32.add (local.get $c) (i32.const 2)))
            (local.set $x (i32.add (local.get $x) (i32.const 4))))
          (else
            (v128.store64_lane 0 (i32.add (local.get $hu) (i32.shl (local.get $c) (i32.const 3))) (local.get $s))
            (v128.store64_lane 0 (i32.add (local.get $hv) (i32.shl (local.get $c) (i32.const 3))) (local.get $p))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))
            (local.set $x (i32.add (local.get $x) (i32.const 2)))))
        (br $step))))

  ;; One chroma row down the columns: slots k .. k+3 (mod 4) of $hu/$hv through the vertical taps, scaled and
  ;; rounded into cols bytes at $u and $v.
  (func $vrow (param $hu i32) (param $hv i32) (param $cols i32) (param $k i32) (param $u i32) (param $v i32)
    (local $t0 i32) (local $t1 i32) (local $t2 i32) (local $t3 i32) (local $c i32) (local $at i32)
    (local $v0 v128) (local $v1 v128) (local $v2 v128) (local $v3 v128) (local $cs v128)
    (local $cu v128) (local $cv v128)
    (local.set $cs (v128.load64_splat (i32.const 32)))
    (local.set $v0 (v128.load64_splat (i32.const 88)))
    (local.set $v1 (v128.load64_splat (i32.const 96)))
    (local.set $v2 (v128.load64_splat (i32.const 104)))
    (local.set $v3 (v128.load64_splat (i32.const 112)))
    (local.set $t0 (i32.shl (i32.mul (i32.and (local.get $k) (i32.const 3)) (local.get $cols)) (i32.const 3)))
    (local.set $t1
      (i32.shl (i32.mul (i32.and (i32.add (local.get $k) (i32.const 1)) (i32.const 3)) (local.get $cols))
        (i32.const 3)))
    (local.set $t2
      (i32.shl (i32.mul (i32.and (i32.add (local.get $k) (i32.const 2)) (i32.const 3)) (local.get $cols))
        (i32.const 3)))
    (local.set $t3
      (i32.shl (i32.mul (i32.and (i32.add (local.get $k) (i32.const 3)) (i32.const 3)) (local.get $cols))
        (i32.const 3)))
    (block $done
      (loop $step
        (br_if $done (i32.ge_s (local.get $c) (local.get $cols)))
        (local.set $at (i32.add (local.get $hu) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $cu
          (i32x4.trunc_sat_f64x2_s_zero
            (f64x2.add
              (f64x2.mul
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $at) (local.get $t0))))
                      (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $at) (local.get $t1)))))
                    (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $at) (local.get $t2)))))
                  (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $at) (local.get $t3)))))
                (local.get $cs))
              (v128.const f64x2 128.5 128.5))))
        (local.set $at (i32.add (local.get $hv) (i32.shl (local.get $c) (i32.const 3))))
        (local.set $cv
          (i32x4.trunc_sat_f64x2_s_zero
            (f64x2.add
              (f64x2.mul
                (f64x2.add
                  (f64x2.add
                    (f64x2.add
                      (f64x2.mul (local.get $v0) (v128.load (i32.add (local.get $at) (local.get $t0))))
                      (f64x2.mul (local.get $v1) (v128.load (i32.add (local.get $at) (local.get $t1)))))
                    (f64x2.mul (local.get $v2) (v128.load (i32.add (local.get $at) (local.get $t2)))))
                  (f64x2.mul (local.get $v3) (v128.load (i32.add (local.get $at) (local.get $t3)))))
                (local.get $cs))
              (v128.const f64x2 128.5 128.5))))
        ;; Bytes: Cb of both columns in lanes 0-1, Cr in lanes 2-3.
        (local.set $cu
          (i8x16.narrow_i16x8_u
            (i16x8.narrow_i32x4_s
              (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $cu) (local.get $cv))
              (v128.const i32x4 0 0 0 0))
            (v128.const i32x4 0 0 0 0)))
        (if (i32.le_s (i32.add (local.get $c) (i32.const 2)) (local.get $cols))
          (then
            (v128.store16_lane 0 (i32.add (local.get $u) (local.get $c)) (local.get $cu))
            (v128.store16_lane 1 (i32.add (local.get $v) (local.get $c)) (local.get $cu))
            (local.set $c (i32.add (local.get $c) (i32.const 2))))
          (else
            (v128.store8_lane 0 (i32.add (local.get $u) (local.get $c)) (local.get $cu))
            (v128.store8_lane 2 (i32.add (local.get $v) (local.get $c)) (local.get $cu))
            (local.set $c (i32.add (local.get $c) (i32.const 1)))))
        (br $step))))

  ;; Cb and Cr at chroma columns cx0..cx1 of rows cy0..cy1 (yuv420.ts's chromaReach of the rectangle), into
  ;; the planes at $u and $v; $hu and $hv hold four rows of (cx1 - cx0 + 1) doubles each, and 16 bytes more.
  (func (export "chroma") (param $px i32) (param $u i32) (param $v i32) (param $hu i32) (param $hv i32)
    (param $width i32) (param $height i32) (param $cx0 i32) (param $cy0 i32) (param $cx1 i32) (param $cy1 i32)
    (local $cols i32) (local $cw i32) (local $first i32) (local $k i32) (local $cy i32) (local $row i32)
    (local.set $cols (i32.add (i32.sub (local.get $cx1) (local.get $cx0)) (i32.const 1)))
    (if (i32.le_s (local.get $cols) (i32.const 0)) (then (return)))
    (local.set $cw (i32.shr_u (i32.add (local.get $width) (i32.const 1)) (i32.const 1)))
    (local.set $first (i32.sub (i32.shl (local.get $cy0) (i32.const 1)) (i32.const 1)))
    (call $hrow (local.get $px) (local.get $width) (local.get $height) (local.get $first) (i32.const 0)
      (local.get $hu) (local.get $hv) (i32.shl (local.get $cx0) (i32.const 1)) (local.get $cols))
    (call $hrow (local.get $px) (local.get $width) (local.get $height) (local.get $first) (i32.const 1)
      (local.get $hu) (local.get $hv) (i32.shl (local.get $cx0) (i32.const 1)) (local.get $cols))
    (local.set $cy (local.get $cy0))
    (block $done
      (loop $next
        (br_if $done (i32.gt_s (local.get $cy) (local.get $cy1)))
        ;; Chroma row cy takes filtered rows k .. k+3; the next shares the last two.
        (call $hrow (local.get $px) (local.get $width) (local.get $height) (local.get $first)
          (i32.add (local.get $k) (i32.const 2))
          (local.get $hu) (local.get $hv) (i32.shl (local.get $cx0) (i32.const 1)) (local.get $cols))
        (call $hrow (local.get $px) (local.get $width) (local.get $height) (local.get $first)
          (i32.add (local.get $k) (i32.const 3))
          (local.get $hu) (local.get $hv) (i32.shl (local.get $cx0) (i32.const 1)) (local.get $cols))
        (local.set $row (i32.add (i32.mul (local.get $cy) (local.get $cw)) (local.get $cx0)))
        (call $vrow (local.get $hu) (local.get $hv) (local.get $cols) (local.get $k)
          (i32.add (local.get $u) (local.get $row)) (i32.add (local.get $v) (local.get $row)))
        (local.set $cy (i32.add (local.get $cy) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $next)))))
