import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';

import { MalformedBodyError, PayloadTooLargeError } from '../errors.js';
import { nestsDeeperThan, TOO_DEEP } from '../shared/json-depth.js';
import { malformedTextPath } from '../shared/well-formed.js';

export interface Line {
  line: number;
  value: unknown;
}

/**
 * Reads newline-delimited JSON one line at a time. The body is pulled chunk by chunk as the
 * consumer asks for lines, so memory does not grow with its size. Blank lines are skipped;
 * a line that is not JSON ends the read with a 400 naming it; a body over maxBytes is a 413.
 */
export async function* readNdjson(body: Readable, maxBytes: number, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<Line> {
  let line = 0;
  for await (const text of readLines(body, maxBytes, maxLineChars)) {
    line += 1;
    if (text.trim() === '') continue;
    if (nestsDeeperThan(text)) throw new MalformedBodyError(`line ${line}: ${TOO_DEEP}`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new MalformedBodyError(`line ${line} is not valid JSON: ${(error as Error).message}`);
    }
    const malformed = malformedTextPath(value, '');
    if (malformed !== undefined) {
      throw new MalformedBodyError(`line ${line}: ${malformed || 'the line'} is not well-formed Unicode text (an unpaired UTF-16 surrogate)`);
    }
    yield { line, value };
  }
}

/** A line longer than this is refused: a body without newlines must not be held whole. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

/** Splits a byte stream into lines (LF or CRLF), counting bytes against maxBytes. */
export async function* readLines(body: Readable, maxBytes: number, maxLineChars = MAX_LINE_CHARS): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let seen = 0;
  let line = 0;
  let rest = '';
  for await (const chunk of body as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    seen += buffer.length;
    if (seen > maxBytes) throw new PayloadTooLargeError(maxBytes);
    rest += decoder.write(buffer);
    let start = 0;
    let newline: number;
    while ((newline = rest.indexOf('\n', start)) >= 0) {
      line += 1;
      yield rest.slice(start, newline).replace(/\r$/, '');
      start = newline + 1;
    }
    rest = rest.slice(start);
    if (rest.length > maxLineChars) throw new MalformedBodyError(`line ${line + 1} is longer than ${maxLineChars} characters`);
  }
  rest += decoder.end();
  if (rest.length > 0) yield rest.replace(/\r$/, '');
}
