/**
 * Names as record linkage compares them: normalised (case, accents, punctuation, the Arabic
 * article), folded across transliterations (Mohammed, Muhammad and Mohamad give one key) and
 * scored with Jaro–Winkler (Winkler 1990). docs/resolution.md lists the folding rules.
 */

/** Lower case, accents and punctuation gone, `al-`/`el-` joined to the word it belongs to. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’‘`ʿʾ]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/\b(?:al|el|ul) (?=[a-z]{2})/g, 'al');
}

/**
 * Rules applied in order to one normalised word. Each folds spellings that transliterate one
 * Arabic, Persian, Kurdish or Pashto sound: vowels that romanisation writes as o/u, e/a or
 * ee/i/y, the digraphs kh/gh/ph/th/dh/q, doubled letters and a word-final h.
 */
const FOLDS: readonly (readonly [RegExp, string])[] = [
  [/ph/g, 'f'],
  [/kh/g, 'h'],
  [/gh/g, 'g'],
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/q/g, 'k'],
  [/ck/g, 'k'],
  [/c(?=[aou]|$)/g, 'k'],
  [/x/g, 'ks'],
  [/ou|oo|o/g, 'u'],
  [/ee|ie|ea/g, 'i'],
  [/[ae][iy]/g, 'ai'],
  [/y(?![aeiou])/g, 'i'],
  [/e/g, 'a'],
  [/w(?=[aeiou])/g, 'v'],
  [/(?<=[aiu])h$/g, ''],
  [/(.)\1+/g, '$1'],
];

/** One word's transliteration key. */
export function foldWord(word: string): string {
  let out = word;
  for (const [pattern, replacement] of FOLDS) out = out.replace(pattern, replacement);
  return out;
}

/** The words of a name, normalised and folded. */
export function foldedWords(name: string): string[] {
  const normal = normaliseName(name);
  return normal === '' ? [] : normal.split(' ').map(foldWord);
}

/** A name's transliteration key: its folded words in alphabetical order (reports swap given and family names). */
export function nameKey(name: string): string {
  return foldedWords(name).sort().join(' ');
}

/** Jaro similarity (Jaro 1989): characters matching within half the longer length, less half the transpositions. */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(la, lb) / 2) - 1);
  const matchedB = new Uint8Array(lb);
  const matchA: number[] = [];
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window);
    const to = Math.min(lb - 1, i + window);
    for (let j = from; j <= to; j++) {
      if (matchedB[j] === 0 && a.charCodeAt(i) === b.charCodeAt(j)) {
        matchedB[j] = 1;
        matchA.push(i);
        break;
      }
    }
  }
  const m = matchA.length;
  if (m === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let j = 0; j < lb; j++) {
    if (matchedB[j] === 0) continue;
    if (a.charCodeAt(matchA[k]!) !== b.charCodeAt(j)) transpositions++;
    k++;
  }
  // Half the transpositions, rounded down, as Winkler's strcmp95 (and jellyfish, rapidfuzz) count them.
  const t = Math.floor(transpositions / 2);
  return (m / la + m / lb + (m - t) / m) / 3;
}

/**
 * Jaro–Winkler (Winkler 1990): Jaro raised for a common prefix of up to four characters,
 * scaling factor 0.1, when Jaro is above 0.7 (strcmp95's boost threshold, as jellyfish and
 * rapidfuzz apply it).
 */
export function jaroWinkler(a: string, b: string): number {
  const j = jaro(a, b);
  if (j <= 0.7) return j;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  return j + prefix * 0.1 * (1 - j);
}

/**
 * Similarity of two names word by word (Monge–Elkan with Jaro–Winkler): each word of one name
 * scored by its best match among the other's words, averaged, and the lower of the two
 * directions taken, so word order does not matter and an extra word counts against.
 */
export function nameSimilarity(a: string, b: string): number {
  return nameSimilarities(a, b).mean;
}

/** Word-by-word similarity (`mean`, as nameSimilarity) and the weakest word's best match either way (`weakest`). */
export function nameSimilarities(a: string, b: string): { mean: number; weakest: number } {
  const wa = a.split(' ').filter(Boolean);
  const wb = b.split(' ').filter(Boolean);
  if (wa.length === 0 || wb.length === 0) return { mean: 0, weakest: 0 };
  let weakest = 1;
  const directed = (x: string[], y: string[]) => {
    let sum = 0;
    for (const w of x) {
      let best = 0;
      for (const v of y) best = Math.max(best, jaroWinkler(w, v));
      weakest = Math.min(weakest, best);
      sum += best;
    }
    return sum / x.length;
  };
  return { mean: Math.min(directed(wa, wb), directed(wb, wa)), weakest };
}
