/**
 * Greek and Cyrillic letters that a person cannot tell from a Latin one, and
 * the Latin letter they pass for: the single-letter entries of Unicode's
 * confusables.txt (UTS #39) from those two scripts to Latin, both cases.
 * Unicode's prototype for a capital I-shape is `l`; here it is `I`, since
 * names are then compared ignoring case and a Latin `I` folds to `i`.
 */
// Packed as pairs, source then the Latin letter, so the table reads as one.
// prettier-ignore
const LATIN_LOOK_ALIKES: Record<string, string> = {
  // Cyrillic capitals
  'А': 'A', 'В': 'B', 'Е': 'E', 'Ѕ': 'S', 'І': 'I', 'Ӏ': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P',
  'С': 'C', 'Т': 'T', 'У': 'Y', 'Ү': 'Y', 'Х': 'X', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ѵ': 'V', 'Ԁ': 'D',
  // Cyrillic small letters
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'ѕ': 's', 'і': 'i', 'ӏ': 'l', 'ј': 'j', 'һ': 'h',
  'ԁ': 'd', 'ԛ': 'q', 'ԝ': 'w', 'ѵ': 'v', 'ү': 'y',
  // Greek capitals
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T',
  'Υ': 'Y', 'Χ': 'X', 'Ϲ': 'C', 'Ϳ': 'J',
  // Greek small letters
  'α': 'a', 'ο': 'o', 'ν': 'v', 'ι': 'i', 'ρ': 'p', 'υ': 'u', 'κ': 'k', 'γ': 'y', 'ϲ': 'c', 'ϳ': 'j',
};

/**
 * What a name looks like, as one string to compare: its letters decomposed
 * (so an accent stays an accent on whatever letter carries it), each Greek or
 * Cyrillic letter that looks Latin replaced by that Latin letter, then case
 * folded. Two names with the same skeleton look the same to a person,
 * `Αdmin` (Greek Alpha) and `Admin` alike; a name written wholly in Greek or
 * Cyrillic keeps its own letters and so its own skeleton.
 */
export function nameSkeleton(name: string): string {
  return Array.from(name.normalize('NFD'), (c) => LATIN_LOOK_ALIKES[c] ?? c)
    .join('')
    .toLowerCase()
    .normalize('NFC');
}
