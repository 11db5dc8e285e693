/**
 * What a cached read is valid for: the database's data version (every load and erasure moves it)
 * and its read version (moved by an API key's revocation, a run ending or purged, scores written
 * back), both only ever growing. Every request is given a stamp read by a query that *started
 * after the request arrived*, so no write committed before it (on this instance or any other
 * sharing the database) can be hidden from it by a cache: a revoked key is refused, an erased
 * person is gone, a run's staleness is told from the very next request. Requests arriving while
 * a read is in flight share the next one, the way the audit log groups commits: under load, one
 * read per round trip rather than one per request.
 */

export interface ReadStamp {
  data: number;
  reads: number;
}

/** The stamp as a cache holds it. */
export const stampText = (stamp: ReadStamp) => `${stamp.data}.${stamp.reads}`;

/** Whether `a` was read no earlier than `b` (each version only grows): a cache moves forward, never back. */
export const notOlder = (a: ReadStamp, b: ReadStamp) => a.data >= b.data && a.reads >= b.reads;

export function createReadStamps(read: () => Promise<ReadStamp>) {
  let inFlight: Promise<ReadStamp> | undefined;
  let next: Promise<ReadStamp> | undefined;

  function start(): Promise<ReadStamp> {
    const reading = read();
    inFlight = reading;
    const done = () => {
      if (inFlight === reading) inFlight = undefined;
    };
    reading.then(done, done);
    return reading;
  }

  return {
    /** A stamp read after this call: the read in flight started too early, so callers wait for the next. */
    current(): Promise<ReadStamp> {
      if (!inFlight) return start();
      next ??= inFlight
        .then(
          () => undefined,
          () => undefined,
        )
        .then(() => {
          next = undefined;
          return start();
        });
      return next;
    },
  };
}

export type ReadStamps = ReturnType<typeof createReadStamps>;
