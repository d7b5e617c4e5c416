import { describe, expect, it } from 'vitest';
import { mentionsIdentifier } from '../../src/util/sql-lexer.js';

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
