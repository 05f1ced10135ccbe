/**
 * The label font must be loaded before deck.gl draws its glyph atlas on a canvas: the CJK font
 * is split into many unicode-range files and a canvas does not wait for them (the machine may
 * have no CJK font at all, and Chinese would come out as boxes). This loads exactly the files
 * holding the label characters.
 */
export async function loadLabelGlyphs(characters: string, family = "'Noto Sans SC Variable'"): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  await Promise.all([400, 500, 600].map((weight) => document.fonts.load(`${weight} 32px ${family}`, characters)));
}
