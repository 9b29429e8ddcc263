import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hanReadingMatch, hanWords, readMandarin } from './han.js';
import { Screener, compareNames } from './matcher.js';
import type { Entity } from './model.js';

test('Han names read as Mandarin (family name, then the given name joined)', () => {
  assert.equal(readMandarin('习近平'), 'xi jinping');
  assert.equal(readMandarin('習近平'), 'xi jinping', 'traditional characters too');
  assert.equal(readMandarin('王伟'), 'wang wei');
  assert.deepEqual(hanWords('桂荣 兰'), [['桂', '荣'], ['兰']]);
  assert.equal(hanWords('株式会社アドミラルティ'), undefined, 'kana mixed in: not a Han-only name');
});

test('a Latin name is accepted when it cuts into one reading per character, in one language', () => {
  assert.equal(hanReadingMatch([['习', '近', '平']], ['xi', 'jinping'])?.system, 'Mandarin');
  assert.equal(hanReadingMatch([['习', '近', '平']], ['jinping', 'xi'])?.system, 'Mandarin', 'given name first');
  // Japanese: kun'yomi with rendaku (山田 yama-da), on'yomi, long vowels written or not.
  assert.equal(hanReadingMatch([['山', '田', '太', '郎']], ['yamada', 'taro'])?.system, 'Japanese');
  assert.equal(hanReadingMatch([['佐', '藤']], ['satou'])?.system, 'Japanese');
  assert.equal(hanReadingMatch([['金', '正', '恩']], ['kim', 'jeong', 'eun'])?.system, 'Sino-Korean');
  // A word break inside one character's reading, or a name that is no reading: no match.
  assert.equal(hanReadingMatch([['王', '伟']], ['wan', 'gwei']), undefined);
  assert.equal(hanReadingMatch([['王', '伟']], ['wang', 'fei']), undefined);
  assert.equal(hanReadingMatch([['山', '田']], ['yamamoto']), undefined);
});

test('pairwise: Han against Latin by reading, Han against Han character by character', () => {
  assert.ok(compareNames('Person', '李明', 'Li Ming').score >= 0.9);
  assert.ok(compareNames('Person', '田中花子', 'Tanaka Hanako').score >= 0.9);
  assert.ok(compareNames('Person', '习近朋', '习近平').score < 0.7, 'one character differs: another name');
  assert.ok(compareNames('Person', '王伟', 'Wang Fei').score < 0.7);
});

test('the screener finds Latin-listed persons from Han queries, read as Chinese or Japanese', () => {
  const list: Entity[] = [];
  let n = 0;
  for (const name of ['WANG Wei', 'Taro YAMADA', 'Jinping XI', 'Ichiro SUZUKI']) {
    const id = `h:${++n}`;
    list.push({ id, schema: 'Person', caption: name, properties: { name: [name] }, datasets: ['t'] });
    list.push({ id: `${id}:s`, schema: 'Sanction', caption: 'S', properties: { entity: [id], authority: ['US OFAC'], program: ['X'] }, datasets: ['t'] });
  }
  const s = new Screener(list);
  const best = (name: string): string | undefined => s.match({ schema: 'Person', properties: { name: [name] } })[0]?.name;
  assert.equal(best('王伟'), 'WANG Wei');
  assert.equal(best('习近平'), 'Jinping XI');
  assert.equal(best('山田太郎'), 'Taro YAMADA');
  assert.equal(best('鈴木一郎'), 'Ichiro SUZUKI');
  assert.equal(best('陳志銘'), undefined);
  const r = s.match({ schema: 'Person', properties: { name: ['山田太郎'] } })[0];
  assert.match(r.explanation['name_match'].detail, /Japanese; read from Han\/kana, uncertain/);
});
