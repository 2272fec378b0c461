;; Planar [-1, 1] floats (a VAE decoder's R, G and B planes) -> interleaved RGBA bytes, 4 pixels a step.
;; The same arithmetic as vae-decode.ts's scalar toRgba: x·127.5 + 128 in f64 (x·127.5 is exact there, the
;; +128 rounds as JS's does), truncated with saturation (NaN -> 0), then clamped to 0…255 by the saturating
;; narrows. Regenerate rgba-wasm.ts with `node dist/node/scripts/wasm-kernels.js` after editing.
;; Semantics relied on: trunc_sat and the saturating narrows in the SIMD proposal
;; (https://github.com/WebAssembly/simd/blob/main/proposals/simd/SIMD.md), f64 arithmetic as IEEE 754 with
;; round-to-nearest-even and no fusion (https://webassembly.github.io/spec/core/exec/numerics.html).
(module
  (memory (export "memory") 1)
  ;; $n pixels (a multiple of 4) from the f32 planes at $r, $g, $b to RGBA at $dst (byte addresses).
  (func (export "rgba") (param $r i32) (param $g i32) (param $b i32) (param $dst i32) (param $n i32)
    (local $end i32)
    (local $v v128)
    (local.set $end (i32.add (local.get $dst) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $dst) (local.get $end)))
        (v128.store
          (local.get $dst)
          ;; [R0..R3 G0..G3 B0..B3 A0..A3] -> R0 G0 B0 A0 R1 G1 B1 A1 …
          (i8x16.shuffle 0 4 8 12 1 5 9 13 2 6 10 14 3 7 11 15
            (i8x16.narrow_i16x8_u
              (i16x8.narrow_i32x4_s
                ;; Written out per plane: a call per 4 pixels cost a third of the kernel's time.
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4 (local.tee $v (v128.load (local.get $r))))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128)))
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128))))
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4 (local.tee $v (v128.load (local.get $g))))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128)))
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128)))))
              (i16x8.narrow_i32x4_s
                (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4 (local.tee $v (v128.load (local.get $b))))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128)))
                  (i32x4.trunc_sat_f64x2_s_zero
                    (f64x2.add
                      (f64x2.mul
                        (f64x2.promote_low_f32x4
                          (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
                        (v128.const f64x2 127.5 127.5))
                      (v128.const f64x2 128 128))))
                (v128.const i32x4 255 255 255 255)))
            (v128.const i32x4 0 0 0 0)))
        (local.set $r (i32.add (local.get $r) (i32.const 16)))
        (local.set $g (i32.add (local.get $g) (i32.const 16)))
        (local.set $b (i32.add (local.get $b) (i32.const 16)))
        (local.set $dst (i32.add (local.get $dst) (i32.const 16)))
        (br $next)))))
