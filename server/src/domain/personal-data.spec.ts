import { describe, expect, it } from 'vitest';
import { actorFor, maskAccountName, maskPersonalNumbers, noteFor } from './personal-data.js';

describe('personal details in case notes', () => {
  it('masks resident identity numbers, with an X check digit too', () => {
    expect(maskPersonalNumbers('当事人身份证372901198807151234，已核实')).toBe(
      '当事人身份证372901********1234，已核实',
    );
    expect(maskPersonalNumbers('id 37290119880715123X.')).toBe('id 372901********123X.');
  });

  it('masks mainland mobile numbers but leaves landlines and codes alone', () => {
    expect(maskPersonalNumbers('联系电话13812345678')).toBe('联系电话138****5678');
    expect(maskPersonalNumbers('tel 0530-5612345')).toBe('tel 0530-5612345');
    const caseCode = '371702005001202606300001';
    expect(maskPersonalNumbers(`case ${caseCode}`)).toBe(`case ${caseCode}`);
    expect(maskPersonalNumbers('camera 34020000001320000101')).toBe('camera 34020000001320000101');
  });

  it('shows a note whole to handlers, masked to colleagues and not at all on the wall screen', () => {
    const note = '调解员已联系13812345678';
    expect(noteFor(note, 'handler')).toBe(note);
    expect(noteFor(note, 'colleague')).toBe('调解员已联系138****5678');
    expect(noteFor(note, 'shared_screen')).toBeNull();
    expect(noteFor(null, 'colleague')).toBeNull();
  });

  it('masks the acting account on the wall screen only', () => {
    expect(actorFor('demo-village', 'shared_screen')).toBe('d***********');
    expect(actorFor('li', 'shared_screen')).toBe('l**');
    expect(actorFor('demo-village', 'colleague')).toBe('demo-village');
    expect(maskAccountName('张三')).toBe('张**');
  });
});
