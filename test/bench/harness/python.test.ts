import { describe, expect, it } from 'vitest';

import { findPython } from '../../../bench/harness/python.js';

describe('findPython', () => {
  it('passes over an interpreter that does not exist and reports the first that imports the module', async () => {
    // decimal is in every Python's standard library and carries a __version__.
    const found = await findPython('decimal', ['/nonexistent/python3', 'python3']);
    expect(found?.command).toBe('python3');
    expect(found?.executable).toMatch(/python/);
    expect(found?.version).toMatch(/^\d+\.\d+/);
  });

  it('finds nothing when no candidate imports the module', async () => {
    expect(await findPython('no_such_module_for_the_bench', ['python3', '/nonexistent/python3'])).toBeUndefined();
  });
});
