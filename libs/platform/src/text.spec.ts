import { exactTsQuery, plainText, prefixTsQuery, safeUrl } from './text.js';

describe('plain text', () => {
  it.each([
    ['<script>alert(1)</script>Hei', 'alert(1)Hei'],
    ['<<script>script>alert(1)<</script>/script> Sisäkkäinen', 'alert(1) Sisäkkäinen'],
    ['<<img src=x>img src=x onerror=alert(1)> kuva', ' kuva'],
    ['<<a>b', '‹b'],
    ['<img src=x onerror=alert(1)>', ''],
    ['1 < 2 ja 3 > 2', '1 < 2 ja 3 > 2'],
    ['rivi\u0000\u0007 toinen\nkolmas', 'rivi toinen\nkolmas'],
  ])('%j → %j', (input, output) => {
    expect(plainText(input)).toBe(output);
    expect(plainText(input)).not.toMatch(/<[a-zA-Z!/?]/);
  });

  it('keeps only web links', () => {
    expect(safeUrl('https://intra.imatra.fi/kuva.jpg')).toBe('https://intra.imatra.fi/kuva.jpg');
    expect(safeUrl('javascript:alert(1)')).toBeNull();
    expect(safeUrl('data:text/html,<b>x</b>')).toBeNull();
    expect(safeUrl('not a url')).toBeNull();
  });

  it('builds prefix queries from words only', () => {
    expect(prefixTsQuery("kehittä tekoj'); DROP TABLE")).toBe("'kehittä':* & 'tekoj':* & 'drop':* & 'table':*");
    expect(prefixTsQuery('!!! ???')).toBeNull();
  });
});

describe('exact search words', () => {
  it('matches whole words only, for ranking', () => {
    expect(exactTsQuery('Kunnissa kehittämistekoja')).toBe("'kunnissa' & 'kehittämistekoja'");
    expect(exactTsQuery('  ')).toBeNull();
  });
});
