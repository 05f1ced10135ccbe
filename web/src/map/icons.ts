/**
 * The risk point icon, drawn at run time (no image file to fetch): a ring with a translucent
 * fill and a solid centre. It is a mask, so deck.gl tints it with each point's level colour.
 */
export const ICON_SIZE = 64;

export const ICON_MAPPING = {
  marker: { x: 0, y: 0, width: ICON_SIZE, height: ICON_SIZE, anchorY: ICON_SIZE / 2, mask: true },
};

export function drawRiskIcon(): string {
  const canvas = document.createElement('canvas');
  canvas.width = ICON_SIZE;
  canvas.height = ICON_SIZE;
  const g = canvas.getContext('2d')!;
  const c = ICON_SIZE / 2;
  // A diamond (the usual warning-sign shape on Chinese command maps) with a solid rim.
  const diamond = (r: number) => {
    g.beginPath();
    g.moveTo(c, c - r);
    g.lineTo(c + r, c);
    g.lineTo(c, c + r);
    g.lineTo(c - r, c);
    g.closePath();
  };
  g.fillStyle = 'rgba(255,255,255,0.42)';
  diamond(28);
  g.fill();
  g.lineWidth = 6;
  g.lineJoin = 'round';
  g.strokeStyle = 'rgba(255,255,255,1)';
  diamond(26);
  g.stroke();
  g.fillStyle = 'rgba(255,255,255,1)';
  g.beginPath();
  g.arc(c, c, 7, 0, Math.PI * 2);
  g.fill();
  return canvas.toDataURL('image/png');
}
