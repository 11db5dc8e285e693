import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, for tests that check what is no longer held (a WeakRef's target is
 * gone): V8's gc() without starting the process with --expose-gc.
 */
setFlagsFromString('--expose-gc');
export const gc = runInNewContext('gc') as () => void;
