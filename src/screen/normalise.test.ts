import { test } from 'node:test';
import assert from 'node:assert/strict';
import { koreanKeys, nameTokens, orgTokens, splitBracketedNames, vesselTokens } from './normalise.js';
import { consonantKey, romaniseHangulName, romaniseKana, toLatin } from './translit.js';

const key = (name: string): string[] => koreanKeys(nameTokens(name));
const shareKey = (a: string, b: string): boolean => key(a).some((k) => key(b).includes(k));

test('Hangul names romanise the way DPRK names are written on the lists', () => {
  assert.equal(romaniseHangulName('김정은'), 'kim jeong eun');
  assert.equal(romaniseHangulName('리병철'), 'ri pyeong cheol');
  assert.deepEqual(nameTokens('김정은'), ['kim', 'jeong', 'eun']);
  assert.ok(shareKey('김정은', 'KIM JONG UN'), 'the skeleton folds the RR vowels onto the MR spelling');
});

test('kana, Cyrillic and Greek are transliterated to Latin', () => {
  assert.equal(romaniseKana('キム・ジョンウン').replace('・', ' '), 'kimu jonun');
  assert.deepEqual(nameTokens('Сергей Аксёнов'), ['sergey', 'aksenov']);
  assert.deepEqual(nameTokens('Νικόλαος'), ['nikolaos']);
  assert.equal(toLatin('金正恩').trim(), 'kim jong un');
});

test('the Korean key folds North and South surname spellings and MR/RR given names', () => {
  assert.ok(shareKey('RI JE-SON', 'Lee Je Sun'));
  assert.ok(shareKey('RI JE-SON', 'Yi Je-son'));
  assert.ok(shareKey('PAK CHANG-HO', 'Park Chang Ho'));
  assert.ok(shareKey('CHOE CHUN YONG', 'Choi Chun-yeong'));
  assert.ok(shareKey('KIM JONG UN', 'Gim Jeong-eun'));
  assert.ok(shareKey('리병철', 'Ri Pyong Chol'));
  assert.ok(shareKey('이병철', 'Ri Pyong Chol'), 'the South Korean spelling of 리 (이) meets Ri');
  assert.ok(shareKey('Pyong Chol Ri', 'RI PYONG-CHOL'), 'family name last or first');
});

test('the Korean key keeps different given names apart and ignores non-Korean names', () => {
  assert.ok(!shareKey('KIM SOK JIN', 'KIM SOK CHOL'));
  assert.ok(!shareKey('RI HONG-CHUL', 'RI HONG-SOP'));
  assert.deepEqual(key('Olaf Scholz'), []);
  assert.deepEqual(key('Vladimir Putin'), []);
});

test('vessel names lose prefixes and No., keep numbers, and split bracketed former names', () => {
  assert.deepEqual(vesselTokens('M/V NAM SAN 8'), ['nam', 'san', '8']);
  assert.deepEqual(vesselTokens('Mv.Pan Hopebb'), ['pan', 'hopebb']);
  assert.deepEqual(vesselTokens('HAEDONG CARRIER NO.9'), ['haedong', 'carrier', '9']);
  assert.deepEqual(vesselTokens('Jal_Vahini'), ['jal', 'vahini']);
  assert.deepEqual(splitBracketedNames('Chong Bong (Greenlight) (Blue Nouvelle)'), { name: 'Chong Bong', former: ['Greenlight', 'Blue Nouvelle'] });
});

test('organisation legal forms fold to one short form', () => {
  assert.deepEqual(orgTokens('Siemens Aktiengesellschaft'), ['siemens', 'ag']);
  assert.deepEqual(orgTokens('Obshchestvo s Ogranichennoy Otvetstvennostyu Argut'), ['llc', 'argut']);
  assert.deepEqual(orgTokens('Lloyds Banking Group Public Limited Company'), ['lloyds', 'banking', 'group', 'plc']);
});

test('Arabic, Hebrew and Thai names are romanised to consonant frames', () => {
  assert.deepEqual(nameTokens('محمد علي'), ['mhmd', 'ali']);
  assert.deepEqual(nameTokens('عبد الله'), ['abdallh'], 'abd joins the following word');
  assert.deepEqual(nameTokens('משה'), ['mshe']);
  assert.deepEqual(nameTokens('สมชาย'), ['smchai']);
});

test('consonant keys let romanisations of one name meet and keep different names apart', () => {
  assert.equal(consonantKey('aleksandr'), consonantKey('alexander'));
  assert.equal(consonantKey('oleksandr'), consonantKey('alexander'));
  assert.equal(consonantKey('mhmd'), consonantKey('mohamed'));
  assert.equal(consonantKey('smchai'), consonantKey('somchai'));
  assert.notEqual(consonantKey('mhmd'), consonantKey('ahmed'));
  assert.notEqual(consonantKey('dmitriy'), consonantKey('vladimir'));
  assert.notEqual(consonantKey('mhmdi'), consonantKey('mohammad'), 'a written final vowel counts');
});
