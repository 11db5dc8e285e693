import { describe, expect, it } from 'vitest';

import { isWellFormedText, malformedTextPath, wellFormedText } from '../../src/shared/well-formed.js';

describe('well-formed text', () => {
  it('tells paired surrogates from unpaired ones', () => {
    for (const good of ['', 'plain', '👨‍👩‍👧', 'e\u0301', '\ud83d\ude00']) expect(isWellFormedText(good), JSON.stringify(good)).toBe(true);
    for (const bad of ['\ud800', '\udfff', 'a\ud83d', '\ude00b', '\ude00\ud83d', '\ud83d\ud83d']) expect(isWellFormedText(bad), JSON.stringify(bad)).toBe(false);
  });

  it('replaces each unpaired surrogate with U+FFFD, as UTF-8 storage does', () => {
    expect(wellFormedText('a\ud800b\udfffc\ud83d\ude00')).toBe('a\ufffdb\ufffdc\ud83d\ude00');
    expect(wellFormedText('a\ud800b')).toBe(Buffer.from('a\ud800b', 'utf8').toString('utf8'));
  });

  it('names the first malformed string or key by its path', () => {
    expect(malformedTextPath({ a: 'x', b: [1, 'y', { c: '\ud800' }] }, 'body')).toBe('body.b[2].c');
    expect(malformedTextPath({ ['k\udc00']: 1 }, 'body')).toBe('body.k\udc00');
    expect(malformedTextPath(['\ud800'], '')).toBe('[0]');
    expect(malformedTextPath({ a: ['fine', { b: null, c: 3 }] }, 'body')).toBeUndefined();
    expect(malformedTextPath(undefined, 'body')).toBeUndefined();
  });
});
