import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, pushHistory, redoHistory, startHistory, undoHistory } from './history.js';

describe('the edit history', () => {
  it('undoes and redoes steps in order', () => {
    let h = startHistory('a');
    h = pushHistory(h, 'b');
    h = pushHistory(h, 'c');
    h = undoHistory(h);
    expect(h.present).toBe('b');
    h = undoHistory(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    h = redoHistory(h);
    h = redoHistory(h);
    expect(h.present).toBe('c');
    expect(canRedo(h)).toBe(false);
  });

  it('drops what could be redone when a new edit is made after an undo', () => {
    let h = pushHistory(pushHistory(startHistory(1), 2), 3);
    h = pushHistory(undoHistory(h), 4);
    expect(h.present).toBe(4);
    expect(canRedo(h)).toBe(false);
    expect(undoHistory(h).present).toBe(2);
  });

  it('leaves the history as it is when there is nothing to undo or redo, or nothing changed', () => {
    const h = startHistory({ n: 1 });
    expect(undoHistory(h)).toBe(h);
    expect(redoHistory(h)).toBe(h);
    expect(pushHistory(h, h.present)).toBe(h);
  });

  it('keeps at most the limit of steps, forgetting the oldest', () => {
    let h = startHistory(0);
    for (let i = 1; i <= 10; i++) h = pushHistory(h, i, 3);
    expect(h.past).toEqual([7, 8, 9]);
  });
});
