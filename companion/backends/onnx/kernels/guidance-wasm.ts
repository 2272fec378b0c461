// Generated from guidance.wat by scripts/wasm-kernels.ts (node dist/node/scripts/wasm-kernels.js): do not edit.
export const GUIDANCE_WASM =
  'AGFzbQEAAAABCAFgBH9/f3wAAwIBAAUDAQABBxACBm1lbW9yeQIAA21peAAACl8BXQIBfwJ7IAP9FCEFIAEgAkECdGohBAJAA0AgASAETw0BIAH9XQMA/V8hBiABIAYgBSAA/V0DAP1fIAb98QH98gH98AH9Xv1bAwAAIABBCGohACABQQhqIQEMAAsLCw==';
