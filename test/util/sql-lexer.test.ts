import { describe, expect, it } from 'vitest';
import { volatileDefault } from '../../src/plan/strategies/columns.js';
import { calledFunctions, mentionsIdentifier } from '../../src/util/sql-lexer.js';
import { col } from '../diff/fixtures.js';

describe('mentionsIdentifier', () => {
  it('finds a quoted name with a doubled quote, and a folded unquoted word', () => {
    expect(mentionsIdentifier(`(("a""b" IS NOT NULL) OR ("a""b" IS NULL))`, 'a"b')).toBe(true);
    expect(mentionsIdentifier('(Qty > 0)', 'qty')).toBe(true);
    expect(mentionsIdentifier('(t.qty > 0)', 'qty')).toBe(true);
  });

  it('does not match a longer name, a differently cased quoted name, a literal or a comment', () => {
    expect(mentionsIdentifier('(qty2 > 0)', 'qty')).toBe(false);
    expect(mentionsIdentifier('("Qty" > 0)', 'qty')).toBe(false);
    expect(mentionsIdentifier(`(name <> 'qty'::text)`, 'qty')).toBe(false);
    expect(mentionsIdentifier('(x > 0) /* qty */', 'qty')).toBe(false);
    expect(mentionsIdentifier(`("a""b" IS NULL)`, 'a')).toBe(false);
  });

  it('counts text that does not lex as a mention', () => {
    expect(mentionsIdentifier(`(x <> 'open`, 'qty')).toBe(true);
  });
});

describe('calledFunctions', () => {
  it('finds calls by unqualified name, across spaces and comments, and nothing inside literals', () => {
    expect(calledFunctions("pg_catalog.random () + length('now()') /* clock_timestamp() */")).toEqual(new Set(['random', 'length']));
    expect(calledFunctions('"Weird Fn"(1)')).toEqual(new Set(['Weird Fn']));
    expect(calledFunctions("(now() - '1 day'::interval)")).toEqual(new Set(['now']));
    expect(calledFunctions("$$ unterminated")).toBeNull();
  });

  it('volatileDefault: volatile calls only, read by the lexer', () => {
    const withDefault = (text: string) => col('c', 'text', { default: { kind: 'sql', text } });
    expect(volatileDefault(withDefault('gen_random_uuid()'))).toBe(true);
    expect(volatileDefault(withDefault("nextval('s'::regclass)"))).toBe(true);
    expect(volatileDefault(withDefault("'random()'::text"))).toBe(false);
    expect(volatileDefault(withDefault('now()'))).toBe(false);
    expect(volatileDefault(col('c', 'text', { default: { kind: 'literal', value: 'random()' } }))).toBe(false);
  });
});
