import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { describe, expect, it } from 'vitest';

import { PYTHON_CANDIDATES } from '../../bench/harness/python.js';
import { foldWord, jaro, jaroWinkler, nameKey, nameSimilarity, normaliseName } from '../../src/resolution/names.js';

const run = promisify(execFile);

describe('normaliseName', () => {
  it('lower-cases, drops accents, apostrophes and punctuation, and joins the Arabic article to its word', () => {
    expect(normaliseName('  Zabihullah   NOORI ')).toBe('zabihullah noori');
    expect(normaliseName('Hemin R.')).toBe('hemin r');
    expect(normaliseName('Ömer Çelik')).toBe('omer celik');
    expect(normaliseName("Mu'min Al-Hassan")).toBe('mumin alhassan');
    expect(normaliseName('Omar el Hassan')).toBe('omar alhassan');
    expect(normaliseName('')).toBe('');
  });
});

describe('transliteration keys', () => {
  it('folds the spellings of one name together', () => {
    const classes = [
      ['Mohammed', 'Muhammad', 'Mohamad', 'Mohamed', 'Mohammad', 'Muhammed'],
      ['Hussein', 'Hussain', 'Husein'],
      ['Noori', 'Nouri', 'Nuri'],
      ['Rashid', 'Rasheed'],
      ['Qadir', 'Kadir'],
      ['Khalil', 'Halil'],
      ['Abdullah', 'Abdulla'],
      ['Yousef', 'Yusef', 'Yoosef'],
    ];
    for (const spellings of classes) expect(new Set(spellings.map((s) => foldWord(normaliseName(s)))), spellings.join('/')).toHaveProperty('size', 1);
  });

  it('keeps different names apart', () => {
    const names = ['Hassan', 'Hussein', 'Hemin', 'Amin', 'Karim', 'Rahim', 'Omar', 'Amir', 'Reza', 'Rezaei', 'Ahmad', 'Ahmadi', 'Zana', 'Sami'];
    expect(new Set(names.map((n) => foldWord(normaliseName(n)))).size).toBe(names.length);
  });

  it('sorts the words, so a swapped given and family name give one key', () => {
    expect(nameKey('Rashid Hemin')).toBe(nameKey('Hemin Rasheed'));
    expect(nameKey('Muhammad Al-Hassan')).toBe(nameKey('Mohammed el Hassan'));
    expect(nameKey('Mohammed Rashid')).toBe('muhamad rashid');
  });
});

describe('Jaro–Winkler', () => {
  it("gives Winkler's published values (Winkler 1990, table 4)", () => {
    expect(jaroWinkler('MARTHA', 'MARHTA')).toBeCloseTo(0.961, 3);
    expect(jaroWinkler('DWAYNE', 'DUANE')).toBeCloseTo(0.84, 3);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(0.813, 3);
  });

  it('gives Jaro values worked by hand: (m/|a| + m/|b| + (m − t)/m) / 3', () => {
    // MARTHA/MARHTA: 6 matches, T/H transposed (t = 1): (1 + 1 + 5/6) / 3.
    expect(jaro('MARTHA', 'MARHTA')).toBeCloseTo((1 + 1 + 5 / 6) / 3, 12);
    // DWAYNE/DUANE: D, A, N, E match (window 2), none transposed: (4/6 + 4/5 + 1) / 3.
    expect(jaro('DWAYNE', 'DUANE')).toBeCloseTo((4 / 6 + 4 / 5 + 1) / 3, 12);
    // DIXON/DICKSONX: D, I, O, N match (window 3): (4/5 + 4/8 + 1) / 3; prefix DI raises it by 2 × 0.1 × (1 − jaro).
    expect(jaro('DIXON', 'DICKSONX')).toBeCloseTo((4 / 5 + 4 / 8 + 1) / 3, 12);
    expect(jaroWinkler('DIXON', 'DICKSONX')).toBeCloseTo(23 / 30 + 0.2 * (1 - 23 / 30), 12);
    expect(jaro('ABC', 'XYZ')).toBe(0);
    expect(jaro('', 'ABC')).toBe(0);
    expect(jaroWinkler('HEMIN', 'HEMIN')).toBe(1);
  });

  it('agrees with independent Python implementations (jellyfish, rapidfuzz) on names and their variants', async () => {
    const words = [
      'mohammed',
      'muhammad',
      'mohamad',
      'hemin',
      'hamin',
      'rashid',
      'rasheed',
      'rahim',
      'zabihullah',
      'zabiullah',
      'noori',
      'nouri',
      'tesfamariam',
      'tesfay',
      'elamin',
      'elamn',
      'berhane',
      'brhane',
      'hussein',
      'hussain',
      'crate',
      'trace',
      'a',
      'ab',
      'ba',
      'abcdefghij',
      'jihgfedcba',
    ];
    const pairs: [string, string][] = [];
    for (let i = 0; i < words.length; i++) for (let j = i; j < words.length; j += 3) pairs.push([words[i]!, words[j]!]);
    const script = fileURLToPath(new URL('../support/jaro_winkler.py', import.meta.url));
    const libraries: string[] = [];
    for (const library of ['jellyfish', 'rapidfuzz']) {
      // The first interpreter that imports the library answers (jellyfish 0.8 has no __version__ for findPython).
      let answer: { library: string; values: { jaro: number; jaroWinkler: number }[] } | undefined;
      for (const command of PYTHON_CANDIDATES) {
        try {
          const child = run(command, [script, library]);
          child.child.stdin!.end(JSON.stringify(pairs));
          answer = JSON.parse((await child).stdout) as typeof answer;
          break;
        } catch {
          // not importable there: try the next interpreter
        }
      }
      if (!answer) continue;
      const { library: version, values } = answer;
      libraries.push(version);
      expect(values).toHaveLength(pairs.length);
      pairs.forEach(([a, b], i) => {
        expect(jaro(a, b), `jaro ${a}/${b} (${version})`).toBeCloseTo(values[i]!.jaro, 9);
        expect(jaroWinkler(a, b), `jaro-winkler ${a}/${b} (${version})`).toBeCloseTo(values[i]!.jaroWinkler, 9);
      });
    }
    // Both here; CI has at least jellyfish.
    console.info(`Jaro–Winkler checked against ${libraries.join(' and ')}`);
    expect(libraries, 'python3 with jellyfish (.ci/run installs python3-jellyfish) or rapidfuzz').not.toHaveLength(0);
  });
});

describe('nameSimilarity', () => {
  it('scores word by word, in any order, taking the weaker direction', () => {
    expect(nameSimilarity('hamin rashid', 'rashid hamin')).toBe(1);
    // One word equal, the other MARTHA/MARHTA: the mean of 1 and 0.9611.
    expect(nameSimilarity('hemin martha', 'hemin marhta')).toBeCloseTo((1 + jaroWinkler('martha', 'marhta')) / 2, 12);
    // An extra word counts against: from the longer side it has no good match.
    expect(nameSimilarity('hemin', 'hemin rashid')).toBeCloseTo((1 + jaroWinkler('rashid', 'hemin')) / 2, 12);
    expect(nameSimilarity('', 'hemin')).toBe(0);
  });
});
