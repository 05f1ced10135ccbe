/**
 * Whether the map is drawn by a software renderer (SwiftShader, llvmpipe): there a frame takes
 * most of a second at 1080p, so the wall jumps where a GPU would fly (README, "Wall screen in
 * the browser").
 */
const SOFTWARE = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE.test(renderer);
}

/** The renderer a WebGL context reports (the unmasked name where the browser gives it). */
export function rendererOf(gl: WebGLRenderingContext | WebGL2RenderingContext | null): string {
  if (!gl) return '';
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
}
