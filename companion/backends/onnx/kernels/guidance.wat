;; Classifier-free guidance's mix (guidance.ts), v = vu + g·(vc − vu), in place over vu, two lanes in f64x2: the
;; scalar loop's arithmetic in its order (f32 loads widen exactly, the store is f32.demote), so bit-identical.
;; Arrays are byte addresses of f32 data; n is even. Regenerate guidance-wasm.ts with
;; `node dist/node/scripts/wasm-kernels.js` after editing.
;; Semantics relied on: https://webassembly.github.io/spec/core/exec/numerics.html (fdemote, fpromote).
(module
  (memory (export "memory") 1)
  (func (export "mix") (param $vc i32) (param $vu i32) (param $n i32) (param $g f64)
    (local $end i32) (local $G v128) (local $u v128)
    (local.set $G (f64x2.splat (local.get $g)))
    (local.set $end (i32.add (local.get $vu) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $vu) (local.get $end)))
        (local.set $u (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $vu))))
        (v128.store64_lane 0
          (local.get $vu)
          (f32x4.demote_f64x2_zero
            (f64x2.add
              (local.get $u)
              (f64x2.mul
                (local.get $G)
                (f64x2.sub (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $vc))) (local.get $u))))))
        (local.set $vc (i32.add (local.get $vc) (i32.const 8)))
        (local.set $vu (i32.add (local.get $vu) (i32.const 8)))
        (br $next)))))
