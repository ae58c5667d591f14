// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buttonPosition, isEditable } from '../../../src/content/selection/rules';

describe('where the floating Ask button may show', () => {
  it('never in text fields, selects or contenteditable regions', () => {
    document.body.innerHTML = `
      <p id="plain">Plain <b id="bold">text</b></p>
      <textarea id="area">typed</textarea><input id="field" value="x" /><select id="pick"></select>
      <div contenteditable="true"><p id="inside">editable <i id="deep">deep</i></p></div>
      <div contenteditable="false"><p id="off">not editable</p></div>`;
    const byId = (id: string) => document.getElementById(id);
    expect(isEditable(byId('plain'))).toBe(false);
    expect(isEditable(byId('bold')?.firstChild)).toBe(false);
    expect(isEditable(byId('off'))).toBe(false);
    for (const id of ['area', 'field', 'pick', 'inside']) expect(isEditable(byId(id))).toBe(true);
    expect(isEditable(byId('deep')?.firstChild)).toBe(true);
    expect(isEditable(null)).toBe(false);
  });

  it('sits below the end of the selection, inside the viewport', () => {
    expect(buttonPosition({ left: 100, right: 300, top: 200, bottom: 220 }, 1280, 800)).toEqual({
      left: 268,
      top: 226,
    });
    // Near the right edge: pulled back in.
    expect(buttonPosition({ left: 1200, right: 1279, top: 10, bottom: 30 }, 1280, 800).left).toBe(
      1280 - 64 - 6,
    );
    // At the bottom: above the selection instead.
    expect(buttonPosition({ left: 10, right: 50, top: 770, bottom: 790 }, 1280, 800).top).toBe(
      770 - 28 - 6,
    );
  });
});
