// The shapes every API answer takes and the one function that writes them. Errors are
// { error: { code, message: { zh, en } } } (field errors of a report are { errors: FieldError[] },
// the reports core's shape), so a client can show the message in the reader's language and a
// program can branch on the stable code.
import type { ServerResponse } from 'node:http';
import type { LocalizedText } from '../../src/domain/reports/localized.ts';
import type { FieldError } from '../../src/domain/reports/validate-report.ts';
import { SECURITY_HEADERS } from '../static-server.ts';

/** Where a JSON syntax error is: line and column from 1, offset in characters from 0. */
export interface TextPosition {
  line: number;
  column: number;
  offset: number;
}

export interface ApiErrorBody {
  error: { code: string; message: LocalizedText; position?: TextPosition };
}

export interface FieldErrorsBody {
  errors: FieldError[];
}

export interface ApiResponse {
  status: number;
  /** Sent as JSON, unless `content` is given. */
  body: unknown;
  headers?: Readonly<Record<string, string>>;
  /** Bytes sent as they are instead of JSON (a photo, an export), with their Content-Type. */
  content?: { bytes: Uint8Array; contentType: string };
  /** Replaces the default no-store, for answers a client may keep (photos) or revalidate (facility statuses). */
  cacheControl?: string;
}

/** Thrown by request handlers for a 4xx answer; the dispatcher writes it. Nothing has been stored when it is thrown. */
export class ApiFailure extends Error {
  readonly body: ApiErrorBody;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText,
    readonly headers: Readonly<Record<string, string>> = {},
    position?: TextPosition,
  ) {
    super(text.en);
    this.name = 'ApiFailure';
    this.body = { error: { code, message: text, ...(position === undefined ? {} : { position }) } };
  }

  toResponse(): ApiResponse {
    return { status: this.status, body: this.body, headers: this.headers };
  }
}

export function errorResponse(status: number, code: string, message: LocalizedText, headers: Readonly<Record<string, string>> = {}): ApiResponse {
  return { status, body: { error: { code, message } } satisfies ApiErrorBody, headers };
}

export function fieldErrorsResponse(errors: FieldError[]): ApiResponse {
  return { status: 400, body: { errors } satisfies FieldErrorsBody };
}

/**
 * Writes an API answer: the static server's security headers, JSON (RFC 8259 §11 defines no
 * charset parameter) or the answer's own bytes, and no-store unless the answer says otherwise,
 * because reports change and may be private to a session.
 */
export function sendApiResponse(response: ServerResponse, answer: ApiResponse): void {
  const cacheControl = answer.cacheControl ?? 'no-store';
  if (answer.status === 204 || answer.status === 304) {
    // RFC 9110 §15.3.5 and §15.4.5: a 204 or 304 has no content, so no Content-Type either.
    response.writeHead(answer.status, { ...SECURITY_HEADERS, ...answer.headers, 'Cache-Control': cacheControl });
    response.end();
    return;
  }
  const body = answer.content === undefined ? Buffer.from(JSON.stringify(answer.body)) : answer.content.bytes;
  response.writeHead(answer.status, {
    ...SECURITY_HEADERS,
    ...answer.headers,
    'Content-Type': answer.content === undefined ? 'application/json' : answer.content.contentType,
    'Content-Length': body.byteLength,
    'Cache-Control': cacheControl,
  });
  response.end(body);
}
