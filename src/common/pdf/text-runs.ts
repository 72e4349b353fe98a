import bidiFactory from 'bidi-js';

/**
 * One line of text cut into runs a PDF can draw one after the other, left to right: each run
 * has one font face and one direction. Pure: which face draws a character is the caller's
 * `faceOf`, so the rule is tested without fonts.
 *
 * The order is the Unicode bidirectional algorithm's (UAX #9, by bidi-js) for the line, its
 * paragraph direction the document's (`direction`) or, with 'auto', its first strong character's. A right-to-left run whose text has
 * letters of a right-to-left script is handed over in logical order (`shaped`): the font engine
 * shapes it (Arabic joining forms, ligatures) and lays its glyphs out right to left itself. A
 * right-to-left run without such letters (neutrals between two Arabic words drawn in another
 * face) is handed over already reversed, its brackets mirrored.
 */
export interface TextRun<F extends string> {
  text: string;
  face: F;
  rtl: boolean;
  /** The text is in logical order and the font engine reverses it (a right-to-left script). */
  shaped: boolean;
}

const bidi = bidiFactory();
const RTL_SCRIPT = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
/** Digits, punctuation, spaces and combining marks: drawn in the face of the text around them. */
const NEUTRAL = /^[\p{Script=Common}\p{Script=Inherited}]$/u;

/**
 * The face of each character: a letter gets `faceOf`'s face; a neutral one (space, digit,
 * punctuation, combining mark) the face of the letters around it when they share one and it
 * draws the character; between letters of two faces, the face of the side that runs in the same
 * direction as the neutral resolved to (so the space between a Latin word and an Arabic one in a
 * left-to-right line is a Latin space, and PDF readers do not take it for part of the Arabic).
 */
function facesOf<F extends string>(
  chars: string[],
  levels: number[],
  faceOf: (codePoint: number) => F,
  draws: (face: F, codePoint: number) => boolean,
): F[] {
  const faces: (F | undefined)[] = chars.map((char) =>
    NEUTRAL.test(char) ? undefined : faceOf(char.codePointAt(0)!),
  );
  const letterBefore = (i: number) => {
    for (let k = i - 1; k >= 0; k--) if (!NEUTRAL.test(chars[k])) return k;
    return -1;
  };
  const letterAfter = (i: number) => {
    for (let k = i + 1; k < chars.length; k++) if (!NEUTRAL.test(chars[k])) return k;
    return -1;
  };
  for (let i = 0; i < chars.length; i++) {
    if (faces[i] !== undefined) continue;
    const codePoint = chars[i].codePointAt(0)!;
    const sides = [letterBefore(i), letterAfter(i)].filter((k) => k >= 0);
    const sameDirection = sides.filter((k) => levels[k] % 2 === levels[i] % 2);
    const candidates = [...sameDirection, ...sides].map((k) => faces[k]!);
    if (i > 0 && faces[i - 1] !== undefined && sides.every((k) => faces[k] === faces[i - 1]))
      candidates.unshift(faces[i - 1]!);
    faces[i] = candidates.find((face) => draws(face, codePoint)) ?? faceOf(codePoint);
  }
  return faces as F[];
}

export function textRuns<F extends string>(
  line: string,
  faceOf: (codePoint: number) => F,
  draws: (face: F, codePoint: number) => boolean,
  direction: 'ltr' | 'rtl' | 'auto' = 'auto',
): TextRun<F>[] {
  if (line === '') return [];
  const chars = [...line];
  // bidi-js works on UTF-16 units; map each unit back to its character.
  const unitToChar: number[] = [];
  const charToUnit: number[] = [];
  chars.forEach((char, index) => {
    charToUnit.push(unitToChar.length);
    for (let k = 0; k < char.length; k++) unitToChar.push(index);
  });
  const levels = bidi.getEmbeddingLevels(line, direction === 'auto' ? undefined : direction);
  const charLevels = charToUnit.map((unit) => levels.levels[unit]);
  const charFaces = facesOf(chars, charLevels, faceOf, draws);
  const order = bidi.getReorderedIndices(line, levels);
  // Visual order of characters (a surrogate pair's two units come out together once).
  const visual: number[] = [];
  for (const unit of order) {
    const char = unitToChar[unit];
    if (visual[visual.length - 1] !== char) visual.push(char);
  }
  const levelOf = (char: number) => charLevels[char];
  const runs: TextRun<F>[] = [];
  let group: number[] = [];
  const flush = () => {
    if (group.length === 0) return;
    const rtl = levelOf(group[0]) % 2 === 1;
    const logical = [...group].sort((a, b) => a - b).map((char) => chars[char]);
    const logicalText = logical.join('');
    const shaped = rtl && RTL_SCRIPT.test(logicalText);
    const text =
      rtl && !shaped
        ? logical
            .reverse()
            .map((char) => bidi.getMirroredCharacter(char) ?? char)
            .join('')
        : logicalText;
    runs.push({ text, face: charFaces[group[0]], rtl, shaped });
    group = [];
  };
  for (const char of visual) {
    const previous = group[group.length - 1];
    const continues =
      previous !== undefined &&
      charFaces[previous] === charFaces[char] &&
      levelOf(previous) === levelOf(char) &&
      Math.abs(previous - char) === 1;
    if (!continues) flush();
    group.push(char);
  }
  flush();
  return runs;
}
