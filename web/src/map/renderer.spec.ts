import { expect, it } from 'vitest';
import { isSoftwareRenderer, mapCssScale, mapPixelRatio, SOFTWARE_PIXEL_BUDGET } from './renderer.js';

it.each([
  ['ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)', true],
  ['ANGLE (Mesa, llvmpipe (LLVM 15.0.6, 256 bits), OpenGL 4.5)', true],
  ['Google SwiftShader', true],
  ['ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)', true],
  ['ANGLE (NVIDIA Corporation, NVIDIA H100 80GB HBM3/PCIe/SSE2, OpenGL ES 3.2)', false],
  ['ANGLE (Intel, Mesa Intel(R) UHD Graphics 630 (CFL GT2), OpenGL 4.6)', false],
  ['ANGLE (AMD, AMD Radeon RX 6600 (radeonsi, navi23, LLVM 15.0.7), OpenGL 4.6)', false],
  ['', false],
])('tells software renderers from GPUs by the name the browser reports: %s', (name, software) => {
  expect(isSoftwareRenderer(name)).toBe(software);
});

it.each([
  // [software, width, height, devicePixelRatio, expected]
  [false, 3840, 2160, 1, 1],
  [false, 1920, 1080, 2, 2],
  [true, 1920, 1080, 1, 1],
  [true, 1200, 800, 1, 1],
  [true, 3840, 2160, 1, 0.5],
  [true, 1920, 1080, 2, 1],
  [true, 0, 0, 1, 1],
] as const)('draws in software within 1080p’s pixels: software %s, %i × %i at %s → %s', (sw, w, h, dpr, ratio) => {
  const r = mapPixelRatio(sw, w, h, dpr);
  expect(r).toBeCloseTo(ratio, 10);
  if (sw && w > 0) expect(Math.round(w * r) * Math.round(h * r)).toBeLessThanOrEqual(SOFTWARE_PIXEL_BUDGET);
});

it.each([
  // [software, UI scale, expected scale]
  [false, 2, 1],
  [true, 1, 1],
  [true, 0.8, 1],
  [true, 4 / 3, 4 / 3],
  [true, 2, 2],
] as const)('lays a software map out as on a 1080p wall: software %s, UI scale %s → %s', (sw, ui, k) => {
  expect(mapCssScale(sw, ui)).toBeCloseTo(k, 10);
});
