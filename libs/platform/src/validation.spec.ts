import { inputProblem } from './validation.js';

describe('inputProblem: text and names a request may not carry', () => {
  it('passes ordinary and exotic but valid text (emoji, RTL, zero-width, combining marks)', () => {
    expect(inputProblem({ title: '👍🏽 שלום \u202Eevil\u202C \u200B e\u0301', list: ['a', { b: 'c' }] }, '')).toBeUndefined();
  });

  it.each([
    [{ title: 'a\u0000b' }, 'title', /NUL/],
    [{ media: [{ caption: 'x' }, { caption: 'a\uD800' }] }, 'media[1].caption', /unpaired surrogate/],
    [{ text: '\uDC00 trailing first' }, 'text', /unpaired surrogate/],
    [{ text: 'reversed \uDFFF\uD800' }, 'text', /unpaired surrogate/],
    [JSON.parse('{"__proto__":{"admin":true}}'), '__proto__', /not a field name/],
    [{ nested: { constructor: 1 } }, 'nested.constructor', /not a field name/],
    [{ 'x\u0000y': 1 }, 'body', /field names/],
  ])('refuses %j naming %s', (value, field, message) => {
    const problem = inputProblem(value, '');
    expect(problem?.field === field || (field === 'body' && problem?.field === '')).toBe(true);
    expect(problem?.message).toMatch(message);
  });

  it('refuses nesting deeper than 64 levels', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 70; i++) deep = [deep];
    expect(inputProblem(deep, '')?.message).toMatch(/64 levels/);
  });
});
