import { describe, expect, it } from 'vitest';
import { breaksCommentLine, commentIdent, commentQualified, commentText, quoteIdent, quoteLiteral, quoteQualified } from '../../src/sql/ident.js';
import { renderCollation, renderType } from '../../src/sql/types.js';

describe('quoteIdent', () => {
  it.each([
    ['users', 'users'],
    ['_x1$', '_x1$'],
    ['Users', '"Users"'],
    ['my table', '"my table"'],
    ['a"b', '"a""b"'],
    ['"; drop table x; --', '"""; drop table x; --"'],
    ['user', '"user"'],
    ['select', '"select"'],
    ['int', '"int"'],
    ['left', '"left"'],
    ['name', 'name'],
    ['grüße', '"grüße"'],
    ['1abc', '"1abc"'],
  ])('%s → %s', (name, quoted) => expect(quoteIdent(name)).toBe(quoted));

  it('rejects empty names and NUL', () => {
    expect(() => quoteIdent('')).toThrow();
    expect(() => quoteIdent('a\0b')).toThrow(/NUL/);
  });

  it('qualifies', () => expect(quoteQualified('My Schema', 'order')).toBe('"My Schema"."order"'));
});

describe('quoteLiteral', () => {
  it.each([
    ['abc', "'abc'"],
    ["it's", "'it''s'"],
    ["'; drop table x; --", "'''; drop table x; --'"],
    ['a\\b', "E'a\\\\b'"],
    ["\\'", "E'\\\\'''"],
    ['', "''"],
  ])('%s', (value, literal) => expect(quoteLiteral(value)).toBe(literal));
});

describe('renderType', () => {
  it.each([
    ['character varying(20)', 'character varying(20)'],
    ['timestamp(3) with time zone', 'timestamp(3) with time zone'],
    ['numeric(10,2)[]', 'numeric(10,2)[]'],
    ['public.mood', 'public.mood'],
    ['My Schema.Mood', '"My Schema"."Mood"'],
    ['My Schema.Mood[]', '"My Schema"."Mood"[]'],
    ['"My Schema"."Mood"', '"My Schema"."Mood"'],
    ['public.user', 'public."user"'],
  ])('%s → %s', (type, sql) => expect(renderType(type)).toBe(sql));
});

describe('renderCollation', () => {
  it.each([
    ['C', '"C"'],
    ['POSIX', '"POSIX"'],
    ['en_US.utf8', '"en_US.utf8"'],
    ['public.my_coll', 'public.my_coll'],
    ['My Schema.Coll', '"My Schema"."Coll"'],
  ])('%s → %s', (c, sql) => expect(renderCollation(c)).toBe(sql));
});

describe('commentIdent: names on a comment line', () => {
  it.each([
    ['users', 'users'],
    ['Users', 'Users'],
    ['order', 'order'],
    ['ünï', 'ünï'],
    ['user id', '"user id"'],
    ['a.b', '"a.b"'],
    ['a"b', '"a""b"'],
    ['note\nDELETE FROM victim;\n--', 'U&"note\\000ADELETE FROM victim;\\000A--"'],
    ['cr\r', 'U&"cr\\000D"'],
    ['back\\slash\n', 'U&"back\\\\slash\\000A"'],
    ['q"\u2028', 'U&"q""\\2028"'],
    ['\v\f\u0085\u2029\t\u001b\u202e\u200b', 'U&"\\000B\\000C\\0085\\2029\\0009\\001B\\202E\\200B"'],
  ])('%j → %s', (name, shown) => expect(commentIdent(name)).toBe(shown));

  it('never holds a line break, and qualifies part by part', () => {
    expect(breaksCommentLine(commentQualified('s\n', 't\r', 'c\u2028'))).toBe(false);
    expect(commentQualified('My Schema', 'Users', 'e\nx')).toBe('"My Schema".Users.U&"e\\000Ax"');
  });

  it('commentText escapes what would end or disguise the line and keeps the rest', () => {
    expect(commentText('a\nb\rc\u2028d é "x"')).toBe('a\\u{A}b\\u{D}c\\u{2028}d é "x"');
    expect(breaksCommentLine('plain text -- fine')).toBe(false);
  });
});
