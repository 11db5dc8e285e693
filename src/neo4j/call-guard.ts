import neo4j, { type Driver, type Result, type Session } from 'neo4j-driver';

/**
 * Keeps the service's calls from waiting on a database that does not answer. The driver has no
 * client-side deadline: a transaction timeout is enforced by the server, and a server that hangs
 * (a stopped JVM, a long GC) keeps its TCP connections open, so a query, a pool acquisition or a
 * new connection's handshake just waits. A blanket deadline would cut off long legitimate work
 * (a big load, an analysis reading its scope), so the deadline is the health monitor's instead:
 * when its ping goes unanswered (neo4j/health.ts), every call still waiting fails at once with
 * DatabaseNotAnsweringError, and new calls fail before touching the database until a ping is
 * answered again. The error carries the driver's ServiceUnavailable code, so every path that
 * handles a lost database (503 DATABASE_UNAVAILABLE, an interrupted load's report) handles it.
 *
 * The work a cut-off call started goes on in the driver: it ends when the server answers again
 * or its connection breaks (a killed server), and a write may still commit then.
 */

export class DatabaseNotAnsweringError extends Error {
  override name = 'DatabaseNotAnsweringError';
  readonly code = neo4j.error.SERVICE_UNAVAILABLE;
  constructor(reason: string) {
    super(`the database is not answering (${reason})`);
  }
}

export interface CallGuard {
  /** The driver as the app uses it: executeQuery, and sessions' executeRead, executeWrite and run, guarded. */
  wrap(driver: Driver): Driver;
  /** A ping went unanswered: fail the calls waiting, and refuse new ones. */
  notAnswering(reason: string): void;
  /** A ping was answered: calls go through again. */
  answering(): void;
}

export function createCallGuard(): CallGuard {
  const waiting = new Set<(error: Error) => void>();
  let silence: string | undefined;

  function guard<T>(call: () => PromiseLike<T>, onCut?: () => void): Promise<T> {
    if (silence !== undefined) return Promise.reject(new DatabaseNotAnsweringError(silence));
    return new Promise<T>((resolve, reject) => {
      const cut = (error: Error) => {
        onCut?.();
        reject(error);
      };
      waiting.add(cut);
      Promise.resolve()
        .then(call)
        .then(resolve, reject)
        .finally(() => waiting.delete(cut));
    });
  }

  /** A result is read by awaiting it or iterating it; each read waits on the database, so each is guarded. */
  function guardResult(result: Result, onCut: () => void): Result {
    return new Proxy(result, {
      get(target, property) {
        if (property === 'then') {
          return (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) => guard(() => target, onCut).then(onFulfilled, onRejected);
        }
        if (property === Symbol.asyncIterator) {
          return () => {
            const records = target[Symbol.asyncIterator]();
            return {
              next: () => guard(() => records.next(), onCut),
              return: (value?: unknown) => (records.return ? records.return(value as never) : Promise.resolve({ done: true as const, value })),
              [Symbol.asyncIterator]() {
                return this;
              },
            };
          };
        }
        return bound(target, property);
      },
    });
  }

  function guardSession(session: Session): Session {
    // A session whose call was cut off is closed without waiting: closing rolls back an open
    // transaction, which a server that does not answer never confirms.
    let cutOff = false;
    const onCut = () => (cutOff = true);
    return new Proxy(session, {
      get(target, property) {
        if (property === 'executeRead' || property === 'executeWrite') {
          return (...args: Parameters<Session['executeRead']>) => guard(() => target[property](...args), onCut);
        }
        if (property === 'run') {
          return (...args: Parameters<Session['run']>) => {
            if (silence !== undefined) throw new DatabaseNotAnsweringError(silence);
            return guardResult(target.run(...args), onCut);
          };
        }
        if (property === 'close') {
          return async () => {
            if (!cutOff) return target.close();
            void target.close().catch(() => undefined);
          };
        }
        return bound(target, property);
      },
    });
  }

  return {
    wrap(driver) {
      return new Proxy(driver, {
        get(target, property) {
          if (property === 'executeQuery') return (...args: Parameters<Driver['executeQuery']>) => guard(() => target.executeQuery(...args));
          if (property === 'session') return (...args: Parameters<Driver['session']>) => guardSession(target.session(...args));
          return bound(target, property);
        },
      });
    },
    notAnswering(reason) {
      silence = reason;
      const error = new DatabaseNotAnsweringError(reason);
      for (const cut of waiting) cut(error);
      waiting.clear();
    },
    answering() {
      silence = undefined;
    },
  };
}

/** A property of the wrapped object, its methods bound to it (the driver's classes use private fields). */
function bound(target: object, property: string | symbol): unknown {
  const value: unknown = Reflect.get(target, property, target);
  return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
}
