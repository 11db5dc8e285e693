import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

import { RequestRejectedError } from '../errors.js';
import { malformedTextPath } from '../shared/well-formed.js';

const REASON = 'is not well-formed Unicode text (an unpaired UTF-16 surrogate): it could not be stored as sent';

/**
 * Every request's path parameters, query string and parsed body are checked for text that is
 * not well-formed Unicode before validation (shared/well-formed.ts says why): 400 naming the
 * first field. Streamed bodies (NDJSON, CSV) are checked line by line where they are read.
 */
export const wellFormedTextPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('preValidation', async (request) => {
    const path = malformedTextPath(request.params, 'params') ?? malformedTextPath(request.query, 'querystring') ?? malformedTextPath(request.body, 'body');
    if (path !== undefined) throw new RequestRejectedError(`${path} ${REASON}`, [{ path, message: REASON }]);
  });
});
