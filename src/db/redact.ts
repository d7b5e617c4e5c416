/**
 * Redaction of passwords in text pgtide prints. Sources are printed through their parsed display
 * form, which never holds a password; these functions are the second line, for text that quotes a
 * source on its own (driver messages, stack traces).
 */

const REDACTED = '***';

// The authority runs up to the first '/', '?', '#' or whitespace; the greedy match then backtracks
// to its LAST '@', which is where a URL parser splits userinfo from the host even when a careless
// password contains an unescaped '@'.
const URL_AUTHORITY = /(postgres(?:ql)?:\/\/)([^\s/?#]*)@/gi;
// libpq also accepts the password as a query parameter.
const URL_PASSWORD_PARAM = /(postgres(?:ql)?:\/\/[^\s]*?[?&]password=)([^\s&#]*)/gi;

/**
 * Replaces the password of every well-formed postgres:// or postgresql:// URL in `s` with `***`.
 * Used on everything written to stdout, which carries SQL too: it is deliberately narrow, so that
 * a literal such as DEFAULT 'https://user:token@host' in a printed migration stays intact.
 */
export function redactUrl(s: string): string {
  return s
    .replace(URL_AUTHORITY, (_m, scheme: string, userinfo: string) => {
      const colon = userinfo.indexOf(':');
      const user = colon === -1 ? userinfo : userinfo.slice(0, colon);
      return colon === -1 ? `${scheme}${user}@` : `${scheme}${user}:${REDACTED}@`;
    })
    .replace(URL_PASSWORD_PARAM, (_m, head: string) => `${head}${REDACTED}`);
}

// Any scheme, with one to three slashes (postgresql:/ and file:/// typos included) or none for the
// postgres and pglite schemes; then a user name and ':'. The password runs to the LAST '@' of the same word
// (an unescaped '/', '?', '#' or '@' in it); when that word has no '@', to the first '@' after
// further words (an unescaped space in it).
const ANY_URL_USERINFO =
  /\b((?:[A-Za-z][A-Za-z0-9+.-]*:\/{1,3}|postgres(?:ql)?:|pglite:)[^\s/?#@:"'<>`]*:)(?:[^\s"'<>`]*@|[^\s@"'<>`]*(?:[ \t]+[^\s@"'<>`]*)+@)/gi;
const ANY_PASSWORD_PARAM = /([?&](?:pg)?password=)[^\s&#"'<>`]*/gi;
// libpq keyword/value strings: password=secret, password = 'a b\' c', PGPASSWORD=secret, and the
// misspellings (passwd=, passwrod=, pwd=) that libpq refuses but that still hold a password. An
// unquoted value runs on over spaces up to the next keyword=, for a password with an unquoted space.
const KEYWORD_PASSWORD =
  /(^|[\s'"(,;{[])((?:pg)?(?:pass\w*|pwd)\s*=\s*)('(?:[^'\\\n]|\\.)*'?|[^\s'"]*(?:[ \t]+(?![A-Za-z_][A-Za-z0-9_]*\s*=)[^\s'"]+)*)/gim;

/**
 * Replaces everything shaped like a password with `***`: the userinfo password of a URL of any
 * scheme, well-formed or not; a password= query parameter; a libpq password=… keyword (quoted or
 * not). Used for stderr (errors, --debug stacks), where hiding too much is harmless.
 */
export function redactSecrets(s: string): string {
  return redactUrl(s)
    .replace(ANY_URL_USERINFO, (_m, head: string) => `${head}${REDACTED}@`)
    .replace(ANY_PASSWORD_PARAM, `$1${REDACTED}`)
    .replace(KEYWORD_PASSWORD, `$1$2${REDACTED}`);
}
