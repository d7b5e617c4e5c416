import { describe, expect, it } from 'vitest';
import { buildModel, type Extension } from '../../src/model/index.js';
import { creationScript, normalizeModel } from '../../src/verify/normalize.js';

describe('normalizeModel: extensions', () => {
  it('keeps an undeclared extension version unpinned, so migrations run on servers with other defaults', async () => {
    const declared = buildModel([{ kind: 'extension', name: 'citext', schema: 'public', version: null } satisfies Extension]);
    const normalized = await normalizeModel(declared);
    const ext = [...normalized.extension.values()];
    expect(ext).toEqual([{ kind: 'extension', name: 'citext', schema: 'public', version: null }]);
    expect(creationScript(normalized)).not.toMatch(/VERSION/);
  });
});
