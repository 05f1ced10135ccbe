/**
 * Exports: the map with a title and legend drawn onto one canvas as PNG, tables as CSV. The map's
 * canvases keep their pixels (preserveDrawingBuffer), so they can be copied at any time.
 */
import { css, type Rgb } from '../theme/palette.js';
import { safeFileName } from '../stability/csv.js';

export function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = safeFileName(name);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function downloadCsv(name: string, text: string): void {
  download(name, new Blob([text], { type: 'text/csv;charset=utf-8' }));
}

export interface PngContent {
  title: string;
  subtitle: string;
  legend: { label: string; color: Rgb; outline?: boolean }[];
  footer: string;
}

const FONT = "'Noto Sans SC Variable', 'Noto Sans SC', sans-serif";

/** Draws title, map and legend onto one canvas, in CSS pixels times the device pixel ratio. */
export function composeMapImage(canvases: readonly HTMLCanvasElement[], content: PngContent): HTMLCanvasElement {
  const base = canvases[0];
  const ratio = window.devicePixelRatio || 1;
  const mapW = base?.width ?? 800;
  const mapH = base?.height ?? 600;
  const u = 16 * ratio;
  const head = 4.2 * u;
  const out = document.createElement('canvas');
  out.width = mapW;
  // Legend entries flow into as many lines as the width needs.
  const measure = document.createElement('canvas').getContext('2d')!;
  measure.font = `${0.85 * u}px ${FONT}`;
  const placed: { x: number; line: number }[] = [];
  let cursor = u;
  let line = 0;
  for (const item of content.legend) {
    const w = 1.3 * u + measure.measureText(item.label).width + u;
    if (cursor + w > mapW && cursor > u) {
      line++;
      cursor = u;
    }
    placed.push({ x: cursor, line });
    cursor += w;
  }
  const foot = (3.4 + 1.5 * line) * u;
  out.height = mapH + head + foot;
  const g = out.getContext('2d')!;
  g.fillStyle = '#040a14';
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = '#e6f1ff';
  g.font = `700 ${1.4 * u}px ${FONT}`;
  g.textBaseline = 'top';
  g.fillText(content.title, u, 0.7 * u);
  g.fillStyle = '#8fb0d4';
  g.font = `${0.9 * u}px ${FONT}`;
  g.fillText(content.subtitle, u, 2.6 * u);
  for (const c of canvases) g.drawImage(c, 0, head, mapW, mapH);
  const top = head + mapH + 0.8 * u;
  g.font = `${0.85 * u}px ${FONT}`;
  content.legend.forEach((item, i) => {
    const { x, line: row } = placed[i]!;
    const y = top + row * 1.5 * u;
    g.fillStyle = css(item.color, item.outline ? 0.45 : 1);
    g.fillRect(x, y, u, u);
    if (item.outline) {
      g.strokeStyle = css(item.color);
      g.lineWidth = 0.15 * u;
      g.strokeRect(x, y, u, u);
    }
    g.fillStyle = '#e6f1ff';
    g.fillText(item.label, x + 1.3 * u, y + 0.05 * u);
  });
  g.fillStyle = '#8fb0d4';
  g.fillText(content.footer, u, top + (line + 1) * 1.5 * u);
  return out;
}

export async function downloadPng(name: string, canvas: HTMLCanvasElement): Promise<void> {
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (blob) download(name, blob);
}
