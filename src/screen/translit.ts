/**
 * Compact transliteration tables for the scripts sanctions names arrive in: Hangul
 * (algorithmic: DPRK-style consonants as the lists write North Korean names, RR vowels), kana (Hepburn), Cyrillic (BGN/PCGN-like), Greek,
 * Arabic, Hebrew and Thai (consonant frames; compared by `consonantKey`), and a small table of
 * Sino-Korean readings for hanja common in Korean names. Everything else passes through.
 */

import { hanWords, readMandarin } from './han.js';

// Hangul syllable = 0xAC00 + (initial·21 + medial)·28 + final.
const INITIALS = ['k', 'kk', 'n', 't', 'tt', 'r', 'm', 'p', 'pp', 's', 'ss', '', 'j', 'jj', 'ch', 'k', 't', 'p', 'h'];
// ㅓ/ㅕ/ㅡ keep their RR spelling (eo/yeo/eu) so that Hangul-to-Hangul comparisons still tell
// 정 from 종; the Korean skeleton folds them onto the lists' MR forms (jong, chol, un).
const MEDIALS = ['a', 'ae', 'ya', 'yae', 'eo', 'e', 'yeo', 'ye', 'o', 'wa', 'wae', 'oe', 'yo', 'u', 'wo', 'we', 'wi', 'yu', 'eu', 'ui', 'i'];
const FINALS = ['', 'k', 'k', 'k', 'n', 'n', 'n', 't', 'l', 'k', 'm', 'l', 'l', 'l', 'p', 'l', 'm', 'p', 'p', 't', 't', 'ng', 't', 't', 'k', 't', 'p', 't'];

/** Romanise one Hangul syllable (DPRK-style, no diacritics), or undefined if not a syllable. */
export function romaniseHangulSyllable(ch: string): string | undefined {
  const c = ch.charCodeAt(0) - 0xac00;
  if (c < 0 || c > 11171) return undefined;
  const ini = Math.floor(c / 588);
  const med = Math.floor((c % 588) / 28);
  const fin = c % 28;
  return INITIALS[ini] + MEDIALS[med] + FINALS[fin];
}

/** Compound Korean surnames written with two syllables. */
const COMPOUND_SURNAMES = new Set(['남궁', '황보', '선우', '제갈', '독고', '사공', '서문']);

/**
 * Romanise a Hangul word that is a personal name: family name first, given-name syllables
 * as separate tokens (`김정은` → `kim jeong eun`), so it meets the lists' `KIM Jong Un`.
 */
export function romaniseHangulName(word: string): string {
  const syl = [...word];
  if (syl.length < 2 || syl.length > 5) return syl.map((s) => romaniseHangulSyllable(s) ?? s).join('');
  const famLen = COMPOUND_SURNAMES.has(syl.slice(0, 2).join('')) && syl.length > 2 ? 2 : 1;
  const fam = syl.slice(0, famLen).map((s) => romaniseHangulSyllable(s) ?? s).join('');
  const given = syl.slice(famLen).map((s) => romaniseHangulSyllable(s) ?? s);
  return [fam, ...given].join(' ');
}

const KANA_TABLE =
  'きゃ:kya,きゅ:kyu,きょ:kyo,しゃ:sha,しゅ:shu,しょ:sho,ちゃ:cha,ちゅ:chu,ちょ:cho,にゃ:nya,にゅ:nyu,にょ:nyo,' +
  'ひゃ:hya,ひゅ:hyu,ひょ:hyo,みゃ:mya,みゅ:myu,みょ:myo,りゃ:rya,りゅ:ryu,りょ:ryo,ぎゃ:gya,ぎゅ:gyu,ぎょ:gyo,' +
  'じゃ:ja,じゅ:ju,じょ:jo,びゃ:bya,びゅ:byu,びょ:byo,ぴゃ:pya,ぴゅ:pyu,ぴょ:pyo,しぇ:she,ちぇ:che,じぇ:je,' +
  'てぃ:ti,でぃ:di,ふぁ:fa,ふぃ:fi,ふぇ:fe,ふぉ:fo,うぃ:wi,うぇ:we,うぉ:wo,ゔぁ:va,ゔぃ:vi,ゔぇ:ve,ゔぉ:vo,' +
  'あ:a,い:i,う:u,え:e,お:o,か:ka,き:ki,く:ku,け:ke,こ:ko,さ:sa,し:shi,す:su,せ:se,そ:so,た:ta,ち:chi,つ:tsu,て:te,と:to,' +
  'な:na,に:ni,ぬ:nu,ね:ne,の:no,は:ha,ひ:hi,ふ:fu,へ:he,ほ:ho,ま:ma,み:mi,む:mu,め:me,も:mo,や:ya,ゆ:yu,よ:yo,' +
  'ら:ra,り:ri,る:ru,れ:re,ろ:ro,わ:wa,ゐ:i,ゑ:e,を:o,ん:n,が:ga,ぎ:gi,ぐ:gu,げ:ge,ご:go,ざ:za,じ:ji,ず:zu,ぜ:ze,ぞ:zo,' +
  'だ:da,ぢ:ji,づ:zu,で:de,ど:do,ば:ba,び:bi,ぶ:bu,べ:be,ぼ:bo,ぱ:pa,ぴ:pi,ぷ:pu,ぺ:pe,ぽ:po,ゔ:vu,' +
  'ぁ:a,ぃ:i,ぅ:u,ぇ:e,ぉ:o,ゃ:ya,ゅ:yu,ょ:yo';

const KANA = new Map<string, string>();
for (const pair of KANA_TABLE.split(',')) {
  const [k, v] = pair.split(':') as [string, string];
  KANA.set(k, v);
  // Katakana is hiragana + 0x60.
  KANA.set([...k].map((c) => String.fromCharCode(c.charCodeAt(0) + 0x60)).join(''), v);
}

/** Romanise a run of kana (Hepburn): small tsu doubles the next consonant, ー is dropped. */
export function romaniseKana(s: string): string {
  let out = '';
  let double = false;
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === 'っ' || c === 'ッ') {
      double = true;
      i++;
      continue;
    }
    if (c === 'ー') {
      i++;
      continue;
    }
    const two = KANA.get(s.slice(i, i + 2));
    const r = two ?? KANA.get(c);
    if (r === undefined) {
      out += c;
      i++;
      continue;
    }
    out += double ? r[0] + r : r;
    double = false;
    i += two ? 2 : 1;
  }
  return out;
}

const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'y', к: 'k', л: 'l', м: 'm',
  н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch',
  ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'u', ј: 'j', љ: 'lj',
  њ: 'nj', ћ: 'c', ђ: 'dj', џ: 'dz', қ: 'k', ғ: 'g', ү: 'u', ұ: 'u', ң: 'ng', ә: 'a', ө: 'o', һ: 'h',
};

const GREEK: Record<string, string> = {
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

// Sino-Korean (DPRK-style) readings of hanja frequent in Korean names: enough to read names
// like 金正恩 as `kim jong un`. Chinese and Japanese names in Han are not read correctly by this
// and are left to the list's own Latin forms.
const HANJA_TABLE =
  '金kim李ri朴pak崔choe鄭jong丁jong張jang姜kang趙jo尹yun林rim韓han吳o申sin徐so權kwon黃hwang安an宋song柳ryu洪hong' +
  '全chon高ko文mun孫son梁ryang白paek許ho南nam沈sim盧ro河ha郭kwak成song車cha朱ju禹u具ku羅ra田jon閔min兪yu陳jin池ji嚴om' +
  '元won蔡chae千chon方pang孔kong玄hyon咸ham卞pyon廉ryom楊yang邊pyon呂ryo秋chu魯ro都to蘇so愼sin石sok' +
  '正jong恩un日il成song哲chol英yong明myong永yong光kwang國kuk男nam浩ho鎬ho勇yong龍ryong虎ho秀su洙su' +
  '順sun淑suk淳sun玉ok熙hui姬hui喜hui賢hyon鉉hyon俊jun峻jun濬jun雄ung植sik錫sok碩sok革hyok赫hyok' +
  '東tong德tok道to斗tu民min敏min範pom植sik相sang尙sang常sang在jae載jae宰jae仁in寅in允yun潤yun' +
  '泰thae太thae大tae昌chang昶chang春chun忠chung中chung重chung鐵chol徹chol進jin鎭jin眞jin振jin' +
  '萬man滿man洙su壽su守su海hae河ha學hak鶴hak漢han翰han亨hyong炯hyong衡hyong弘hong洪hong興hung' +
  '一il逸il元won源won遠won園won泳yong榮yong容yong勳hun薰hun訓hun根kun奎kyu圭kyu揆kyu基ki起ki箕ki' +
  '吉kil岩am巖am範pom福pok復pok奉pong鳳pong峰pong浚jun珍jin眞jin善son先son宣son仙son成song聖song' +
  '世se勢se錫sok植sik信sin新sin辰jin日il月wol星song雪sol平phyong坪phyong京kyong敬kyong慶kyong景kyong';

const HANJA = new Map<string, string>();
for (const m of HANJA_TABLE.matchAll(/(\p{Script=Han})([a-z]+)/gu)) if (!HANJA.has(m[1])) HANJA.set(m[1], m[2]);

/** The Sino-Korean reading of a hanja common in Korean names, as the lists write DPRK names (金 → `kim`). */
export function hanjaReading(ch: string): string | undefined {
  return HANJA.get(ch);
}

const isHangul = (c: number): boolean => c >= 0xac00 && c <= 0xd7a3;
const isKana = (c: number): boolean => (c >= 0x3041 && c <= 0x30ff) || c === 0x30fc;
const isHan = (c: number): boolean => (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);

const isAscii = (s: string): boolean => {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
};

/** The scripts a string uses, for explanations ("Hangul", "Cyrillic", …). */
export function scriptsOf(s: string): string[] {
  const out = new Set<string>();
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (isHangul(c)) out.add('Hangul');
    else if (isKana(c)) out.add('Kana');
    else if (isHan(c)) out.add('Han');
    else if (c >= 0x400 && c <= 0x52f) out.add('Cyrillic');
    else if (c >= 0x370 && c <= 0x3ff) out.add('Greek');
    else if (c >= 0x600 && c <= 0x77f) out.add('Arabic');
    else if (c >= 0x590 && c <= 0x5ff) out.add('Hebrew');
    else if (c >= 0xe00 && c <= 0xe7f) out.add('Thai');
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) out.add('Latin');
  }
  return [...out];
}

/**
 * Transliterate a string to Latin: Hangul words as Korean names, Han through Sino-Korean
 * readings when every character is known (else left as is), kana by Hepburn, Cyrillic and
 * Greek letter by letter; Arabic, Hebrew and Thai as consonant frames unless `readConsonantal`
 * is false. Latin and unknown scripts pass through unchanged.
 */
export function toLatin(input: string, readConsonantal = true): string {
  if (isAscii(input)) return input;
  // Words of one script at a time. A lone Hangul word is a whole name (family name first);
  // several Hangul words are already split (e.g. given name, then a one-syllable family name).
  const hangulWords = input.match(/[\uac00-\ud7a3]+/g)?.length ?? 0;
  const pureHan = hanWords(input) !== undefined;
  let text = input;
  // Consonantal scripts are read a phrase at a time (Arabic joins `abd` to the next word).
  if (readConsonantal && CONSONANTAL_SCRIPT.test(text)) {
    text = text
      .replace(/[\u0600-\u06ff\u0750-\u077f]+(?:\s+[\u0600-\u06ff\u0750-\u077f]+)*/g, (m) => ` ${romaniseArabic(m)} `)
      .replace(/[\u0590-\u05ff]+/g, (m) => ` ${romaniseHebrewWord(m)} `)
      .replace(/[\u0e00-\u0e7f]+/g, (m) => ` ${romaniseThai(m)} `);
  }
  return text.replace(/[\uac00-\ud7a3]+|[\u3041-\u30ff\u30fc]+|[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[\u0370-\u03ff\u0400-\u052f]+/g, (word) => {
    const c = word.charCodeAt(0);
    if (isHangul(c)) return hangulWords > 1 ? ` ${[...word].map((h) => romaniseHangulSyllable(h) ?? h).join(' ')} ` : ` ${romaniseHangulName(word)} `;
    if (isKana(c)) return ` ${romaniseKana(word)} `;
    if (isHan(c)) {
      const chars = [...word];
      // Kept in script: one token per character (two Han names compare character by character).
      if (!readConsonantal) return ` ${chars.join(' ')} `;
      if (!chars.every((h) => HANJA.has(h))) {
        // A name written only in Han: its Mandarin reading (Japanese and Sino-Korean readings
        // are tried by the matcher, src/screen/han.ts). Han inside kana or Latin stays as is.
        const read = pureHan ? readMandarin(word) : undefined;
        return read === undefined ? word : ` ${read} `;
      }
      if (chars.length >= 2 && chars.length <= 4) return ` ${chars.map((h) => HANJA.get(h)!).join(' ')} `;
      return chars.map((h) => HANJA.get(h)!).join('');
    }
    let out = '';
    for (const ch of word) {
      const lower = ch.toLowerCase();
      const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
      out += CYRILLIC[lower] ?? CYRILLIC[base] ?? GREEK[base] ?? ch;
    }
    return out;
  });
}

// Arabic (ALA-LC/UNGEGN-like, no diacritics). Short vowels are not written in Arabic, so the
// reading is a consonant frame ("mhmd"); the matcher compares such names by consonant key.
// Alif, waw and ya are long vowels inside a word and consonants at its start.
const ARABIC: Record<string, string> = {
  'ا': 'a', 'أ': 'a', 'إ': 'i', 'آ': 'a', 'ٱ': 'a', 'ء': '', 'ؤ': 'u', 'ئ': 'i', 'ب': 'b', 'ت': 't', 'ث': 'th',
  'ج': 'j', 'ح': 'h', 'خ': 'kh', 'د': 'd', 'ذ': 'dh', 'ر': 'r', 'ز': 'z', 'س': 's', 'ش': 'sh', 'ص': 's',
  'ض': 'd', 'ط': 't', 'ظ': 'z', 'ع': '', 'غ': 'gh', 'ف': 'f', 'ق': 'q', 'ك': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
  'ه': 'h', 'ة': 'a', 'و': 'u', 'ى': 'a', 'ي': 'i', 'پ': 'p', 'چ': 'ch', 'ژ': 'zh', 'گ': 'g', 'ک': 'k', 'ی': 'i',
};

/** Romanise one Arabic word: initial waw/ya are consonants, initial ayn reads as its vowel `a`. */
function romaniseArabicWord(word: string): string {
  let out = '';
  const chars = [...word.replace(/[\u064b-\u065f\u0670\u0640]/g, '')];
  chars.forEach((ch, i) => {
    if (i === 0 && ch === 'و') out += 'w';
    else if (i === 0 && ch === 'ي') out += 'y';
    else if (i === 0 && ch === 'ع') out += 'a';
    else out += ARABIC[ch] ?? ch;
  });
  return out;
}

/** Romanise an Arabic name: `عبد` joins the following word (`عبد الله` → `abdallah`, one name). */
export function romaniseArabic(text: string): string {
  const words = text.split(/\s+/).filter((w) => w !== '').map(romaniseArabicWord);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (words[i] === 'abd' && i + 1 < words.length) {
      out.push(words[i] + words[i + 1]);
      i++;
    } else out.push(words[i]);
  }
  return out.join(' ');
}

// Hebrew (ISO 259 simplified): vav and yod read as vowels inside a word, final he as a vowel.
const HEBREW: Record<string, string> = {
  'א': '', 'ב': 'v', 'ג': 'g', 'ד': 'd', 'ה': 'h', 'ו': 'v', 'ז': 'z', 'ח': 'kh', 'ט': 't', 'י': 'i', 'כ': 'k',
  'ך': 'kh', 'ל': 'l', 'מ': 'm', 'ם': 'm', 'נ': 'n', 'ן': 'n', 'ס': 's', 'ע': '', 'פ': 'p', 'ף': 'f', 'צ': 'ts',
  'ץ': 'ts', 'ק': 'k', 'ר': 'r', 'ש': 'sh', 'ת': 't',
};

/** Romanise one Hebrew word (points ignored). */
function romaniseHebrewWord(word: string): string {
  const chars = [...word.replace(/[\u0591-\u05c7]/g, '')];
  let out = '';
  chars.forEach((ch, i) => {
    const last = i === chars.length - 1;
    if (i === 0 && ch === 'י') out += 'y';
    else if (i === 0 && ch === 'א') out += 'a';
    else if (last && ch === 'ה') out += 'e';
    else if (i === 0 && ch === 'ב') out += 'b';
    else if (i === 0 && ch === 'פ') out += 'p';
    else out += HEBREW[ch] ?? ch;
  });
  return out;
}

// Thai (RTGS): consonants by their initial sound, vowel signs, leading vowels (เ แ โ ใ ไ) moved
// after their consonant; tone marks dropped. Unwritten inherent vowels stay unwritten: the
// matcher compares by consonant key.
const THAI_CONSONANTS: Record<string, string> = {
  'ก': 'k', 'ข': 'kh', 'ฃ': 'kh', 'ค': 'kh', 'ฅ': 'kh', 'ฆ': 'kh', 'ง': 'ng', 'จ': 'ch', 'ฉ': 'ch', 'ช': 'ch',
  'ซ': 's', 'ฌ': 'ch', 'ญ': 'y', 'ฎ': 'd', 'ฏ': 't', 'ฐ': 'th', 'ฑ': 'th', 'ฒ': 'th', 'ณ': 'n', 'ด': 'd', 'ต': 't',
  'ถ': 'th', 'ท': 'th', 'ธ': 'th', 'น': 'n', 'บ': 'b', 'ป': 'p', 'ผ': 'ph', 'ฝ': 'f', 'พ': 'ph', 'ฟ': 'f', 'ภ': 'ph',
  'ม': 'm', 'ย': 'y', 'ร': 'r', 'ฤ': 'rue', 'ล': 'l', 'ฦ': 'lue', 'ว': 'w', 'ศ': 's', 'ษ': 's', 'ส': 's', 'ห': 'h',
  'ฬ': 'l', 'อ': '', 'ฮ': 'h',
};
const THAI_VOWELS: Record<string, string> = {
  'ะ': 'a', 'ั': 'a', 'า': 'a', 'ำ': 'am', 'ิ': 'i', 'ี': 'i', 'ึ': 'ue', 'ื': 'ue', 'ุ': 'u', 'ู': 'u',
  'เ': 'e', 'แ': 'ae', 'โ': 'o', 'ใ': 'ai', 'ไ': 'ai', 'ๅ': '',
};
const THAI_LEADING = new Set(['เ', 'แ', 'โ', 'ใ', 'ไ']);

/** Romanise Thai text (RTGS consonants and vowels; syllable-final `ย` reads `i`, final `ว` `o`). */
export function romaniseThai(text: string): string {
  const chars = [...text.replace(/[\u0e47-\u0e4e]/g, '')];
  let out = '';
  let pendingVowel = '';
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    if (THAI_LEADING.has(ch)) {
      pendingVowel = THAI_VOWELS[ch];
      continue;
    }
    const cons = THAI_CONSONANTS[ch];
    if (cons !== undefined) {
      const prevIsVowel = out !== '' && /[aeiou]$/.test(out) && pendingVowel === '';
      // A final ย/ว after a vowel closes a diphthong (ชาย → chai, ดาว → dao).
      if (prevIsVowel && ch === 'ย') out += 'i';
      else if (prevIsVowel && ch === 'ว') out += 'o';
      else out += cons + pendingVowel;
      pendingVowel = '';
      continue;
    }
    out += THAI_VOWELS[ch] ?? (/\s/.test(ch) ? ' ' : '');
  }
  return out + pendingVowel;
}

/** Letters of scripts read without their vowels (Arabic, Hebrew) or with implicit ones (Thai). */
export const CONSONANTAL_SCRIPT = /[\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0e00-\u0e7f]/;

/** Non-Latin alphabets whose readings vary by romanisation system (Cyrillic, Greek, Arabic, Hebrew, Thai). */
export const TRANSLITERATED_SCRIPT = /[\u0370-\u03ff\u0400-\u052f\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0e00-\u0e7f]/;

/**
 * A phonetic consonant key of a Latin token, for names read from other scripts: vowels after
 * the first letter dropped, an initial vowel folded to `a`, spelling variants folded (x → ks,
 * ph → f, ck/c/q → k, w → v, double letters single, a final vowel marked), so `aleksandr`, `alexander`, `oleksandr`,
 * `mhmd` and `mohamed`, `smchai` and `somchai` meet.
 */
export function consonantKey(token: string): string {
  let s = token
    .replace(/x/g, 'ks')
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?=[aou]|$)/g, 'k')
    .replace(/w/g, 'v')
    .replace(/ou|oo/g, 'u')
    .replace(/(?<=.)h(?=h)|(?<=[kgtds])h(?=[^aeiouy]|$)/g, '');
  const first = /^[aeiouy]/.test(s) && s[0] !== 'y' ? 'a' : s[0] ?? '';
  // A final vowel is written in these scripts (ی, ה, ـا): Mohammadi is not Mohammad.
  const finalVowel = s.length > 1 && /[aeiouy]$/.test(s) ? '_' : '';
  s = first + s.slice(1).replace(/[aeiouy]/g, '');
  return s.replace(/(.)\1+/g, '$1') + finalVowel;
}
