;; Wan's UniPC step (schedulers/flow-unipc.ts) over the latents, two elements per instruction in f64x2.
;; Each lane does flow-unipc.ts's scalar arithmetic in the same order: loads widen f32 -> f64 exactly,
;; Math.fround and a Float32Array store are f32.demote (round to nearest even), and nothing is fused, so the
;; results are the scalar loop's bit for bit. Arrays are byte addresses of f32 data; n is even.
;; Regenerate unipc-wasm.ts with `node dist/node/scripts/wasm-kernels.js` after editing.
;; Semantics relied on: https://webassembly.github.io/spec/core/exec/numerics.html (fdemote rounds to nearest
;; even, fpromote is exact, no contraction into fused multiply-adds), ECMA-262's Math.fround and Float32Array
;; stores (roundTiesToEven to binary32).
(module
  (memory (export "memory") 1)
  ;; correctAndPredict: x0 = fr(x − σ·v); corr = ρD·(m1 − m0)/rkC; xc = fr(rC·last − φC·m0 − bC·(corr + ρT·(x0 − m0)));
  ;; last = xc; m1 = x0; x = rP·xc − φP·x0 − cP·((m0 − x0)/rkP).
  (func (export "step")
    (param $x i32) (param $v i32) (param $m0 i32) (param $m1 i32) (param $last i32) (param $n i32)
    (param $sigma f64) (param $cRatio f64) (param $cPhi f64) (param $cB f64) (param $rhoT f64)
    (param $rhoD f64) (param $cRk f64) (param $pRatio f64) (param $pPhi f64) (param $pC f64) (param $pRk f64)
    (local $end i32)
    (local $S v128) (local $CR v128) (local $CP v128) (local $CB v128) (local $RT v128) (local $RD v128)
    (local $CK v128) (local $PR v128) (local $PP v128) (local $PC v128) (local $PK v128)
    (local $prev v128) (local $x0f v128) (local $x0 v128) (local $xcf v128) (local $xc v128)
    (local.set $S (f64x2.splat (local.get $sigma)))
    (local.set $CR (f64x2.splat (local.get $cRatio)))
    (local.set $CP (f64x2.splat (local.get $cPhi)))
    (local.set $CB (f64x2.splat (local.get $cB)))
    (local.set $RT (f64x2.splat (local.get $rhoT)))
    (local.set $RD (f64x2.splat (local.get $rhoD)))
    (local.set $CK (f64x2.splat (local.get $cRk)))
    (local.set $PR (f64x2.splat (local.get $pRatio)))
    (local.set $PP (f64x2.splat (local.get $pPhi)))
    (local.set $PC (f64x2.splat (local.get $pC)))
    (local.set $PK (f64x2.splat (local.get $pRk)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $prev (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $m0))))
        (local.set $x0f
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $x)))
              (f64x2.mul (local.get $S) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $v)))))))
        (local.set $x0 (f64x2.promote_low_f32x4 (local.get $x0f)))
        (local.set $xcf
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.sub
                (f64x2.mul (local.get $CR) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $last))))
                (f64x2.mul (local.get $CP) (local.get $prev)))
              (f64x2.mul
                (local.get $CB)
                (f64x2.add
                  (f64x2.div
                    (f64x2.mul
                      (local.get $RD)
                      (f64x2.sub
                        (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $m1)))
                        (local.get $prev)))
                    (local.get $CK))
                  (f64x2.mul (local.get $RT) (f64x2.sub (local.get $x0) (local.get $prev))))))))
        (local.set $xc (f64x2.promote_low_f32x4 (local.get $xcf)))
        (v128.store64_lane 0 (local.get $last) (local.get $xcf))
        (v128.store64_lane 0 (local.get $m1) (local.get $x0f))
        (v128.store64_lane 0
          (local.get $x)
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.sub (f64x2.mul (local.get $PR) (local.get $xc)) (f64x2.mul (local.get $PP) (local.get $x0)))
              (f64x2.mul
                (local.get $PC)
                (f64x2.div (f64x2.sub (local.get $prev) (local.get $x0)) (local.get $PK))))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (local.set $m0 (i32.add (local.get $m0) (i32.const 8)))
        (local.set $m1 (i32.add (local.get $m1) (i32.const 8)))
        (local.set $last (i32.add (local.get $last) (i32.const 8)))
        (br $next))))
  ;; predictFirst: x0 = fr(x − σ·v); last = x; m1 = x0; x = r·x − φ·x0.
  (func (export "first")
    (param $x i32) (param $v i32) (param $m1 i32) (param $last i32) (param $n i32)
    (param $sigma f64) (param $ratio f64) (param $aPhi f64)
    (local $end i32) (local $S v128) (local $R v128) (local $A v128)
    (local $sample v128) (local $x0f v128)
    (local.set $S (f64x2.splat (local.get $sigma)))
    (local.set $R (f64x2.splat (local.get $ratio)))
    (local.set $A (f64x2.splat (local.get $aPhi)))
    (local.set $end (i32.add (local.get $x) (i32.shl (local.get $n) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $x) (local.get $end)))
        (local.set $sample (v128.load64_zero (local.get $x)))
        (local.set $x0f
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.promote_low_f32x4 (local.get $sample))
              (f64x2.mul (local.get $S) (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $v)))))))
        (v128.store64_lane 0 (local.get $last) (local.get $sample))
        (v128.store64_lane 0 (local.get $m1) (local.get $x0f))
        (v128.store64_lane 0
          (local.get $x)
          (f32x4.demote_f64x2_zero
            (f64x2.sub
              (f64x2.mul (local.get $R) (f64x2.promote_low_f32x4 (local.get $sample)))
              (f64x2.mul (local.get $A) (f64x2.promote_low_f32x4 (local.get $x0f))))))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (local.set $v (i32.add (local.get $v) (i32.const 8)))
        (local.set $m1 (i32.add (local.get $m1) (i32.const 8)))
        (local.set $last (i32.add (local.get $last) (i32.const 8)))
        (br $next)))))
