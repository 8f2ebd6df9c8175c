// Reading a JSON request body: the media type, a size limit checked before and while reading, UTF-8,
// and the place of the first syntax error. V8's JSON.parse names a position for some mistakes
// ("Expected ':' … at position 5") but not for others ("Unexpected token '}', … is not valid
// JSON"), so a small scanner of the RFC 8259 grammar finds it whenever parsing fails.
import type { IncomingMessage } from 'node:http';
import { ApiFailure } from './responses.ts';

/** Report bodies are small: text and a few measurements. A project choice that leaves room for a 2000-character description in any script. */
export const DEFAULT_BODY_LIMIT_BYTES = 64 * 1024;

class SyntaxStop {
  constructor(readonly offset: number) {}
}

const isDigit = (character: string | undefined): boolean => character !== undefined && character >= '0' && character <= '9';
const isHexDigit = (character: string | undefined): boolean => character !== undefined && /^[0-9a-fA-F]$/.test(character);

/**
 * The offset (UTF-16 code units from 0) of the first character that cannot continue a JSON text
 * (RFC 8259), the text's length when it ends too early, or null when the text is valid JSON.
 * Iterative, so a body of 60 000 "[" cannot overflow the stack.
 */
export function jsonSyntaxErrorOffset(text: string): number | null {
  let position = 0;
  const fail = (): never => {
    throw new SyntaxStop(position);
  };
  const skipWhitespace = (): void => {
    // RFC 8259 §2: space, horizontal tab, line feed and carriage return, nothing else.
    while (position < text.length && ' \t\n\r'.includes(text[position] as string)) position += 1;
  };
  const expectWord = (word: string): void => {
    for (const character of word) {
      if (text[position] !== character) fail();
      position += 1;
    }
  };
  const scanString = (): void => {
    position += 1;
    for (;;) {
      if (position >= text.length) fail();
      const code = text.charCodeAt(position);
      if (code === 0x22) {
        position += 1;
        return;
      }
      // §7: control characters must be escaped inside strings.
      if (code < 0x20) fail();
      if (code !== 0x5c) {
        position += 1;
        continue;
      }
      position += 1;
      const escape = text[position];
      if (escape === 'u') {
        for (let digit = 0; digit < 4; digit += 1) {
          position += 1;
          if (!isHexDigit(text[position])) fail();
        }
        position += 1;
      } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) {
        position += 1;
      } else {
        fail();
      }
    }
  };
  const scanDigits = (): void => {
    if (!isDigit(text[position])) fail();
    while (isDigit(text[position])) position += 1;
  };
  const scanNumber = (): void => {
    if (text[position] === '-') position += 1;
    // §6: no leading zeros, so "0" stands alone before the fraction or exponent.
    if (text[position] === '0') position += 1;
    else scanDigits();
    if (text[position] === '.') {
      position += 1;
      scanDigits();
    }
    if (text[position] === 'e' || text[position] === 'E') {
      position += 1;
      if (text[position] === '+' || text[position] === '-') position += 1;
      scanDigits();
    }
  };
  const scanKeyAndColon = (): void => {
    skipWhitespace();
    if (text[position] !== '"') fail();
    scanString();
    skipWhitespace();
    if (text[position] !== ':') fail();
    position += 1;
  };

  const containers: ('array' | 'object')[] = [];
  try {
    expectValue: for (;;) {
      skipWhitespace();
      const character = text[position];
      if (character === '{' || character === '[') {
        position += 1;
        skipWhitespace();
        const closing = character === '{' ? '}' : ']';
        if (text[position] === closing) {
          position += 1;
        } else {
          containers.push(character === '{' ? 'object' : 'array');
          if (character === '{') scanKeyAndColon();
          continue expectValue;
        }
      } else if (character === '"') {
        scanString();
      } else if (character === '-' || isDigit(character)) {
        scanNumber();
      } else if (character === 't') {
        expectWord('true');
      } else if (character === 'f') {
        expectWord('false');
      } else if (character === 'n') {
        expectWord('null');
      } else {
        fail();
      }
      for (;;) {
        skipWhitespace();
        const container = containers.at(-1);
        if (container === undefined) {
          if (position < text.length) fail();
          return null;
        }
        const next = text[position];
        if (next === ',') {
          position += 1;
          if (container === 'object') scanKeyAndColon();
          continue expectValue;
        }
        if (next === (container === 'object' ? '}' : ']')) {
          containers.pop();
          position += 1;
          continue;
        }
        fail();
      }
    }
  } catch (stop) {
    if (stop instanceof SyntaxStop) return stop.offset;
    throw stop;
  }
}

/** Line and column, both from 1, of an offset, as editors count them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

/** The media type without parameters, lower-cased; '' when the header is missing. */
function mediaTypeOf(contentType: string | undefined): { mediaType: string; charset: string | null } {
  const [mediaType = '', ...parameters] = (contentType ?? '').split(';');
  const charset = parameters.map((parameter) => parameter.trim().toLowerCase()).find((parameter) => parameter.startsWith('charset='));
  return { mediaType: mediaType.trim().toLowerCase(), charset: charset === undefined ? null : charset.slice('charset='.length).replace(/^"|"$/g, '') };
}

/**
 * Reads the body of a request that must be JSON and returns it parsed, or throws ApiFailure:
 * 415 unless Content-Type is application/json (UTF-8, RFC 8259 §8.1); 413 when Content-Length
 * or the bytes received exceed `limitBytes`; 400 for bytes that are not UTF-8, an empty body, or
 * text that is not JSON (with line, column and offset of the first mistake).
 */
export async function readJsonBody(request: IncomingMessage, limitBytes: number = DEFAULT_BODY_LIMIT_BYTES): Promise<unknown> {
  const { mediaType, charset } = mediaTypeOf(request.headers['content-type']);
  if (mediaType !== 'application/json' || (charset !== null && charset !== 'utf-8')) {
    const given = request.headers['content-type'] ?? '';
    throw new ApiFailure(415, 'unsupported_media_type', {
      zh: `请求正文应为 JSON，Content-Type 设为 application/json（收到的是“${given}”）`,
      en: `Send the body as JSON with Content-Type: application/json (got "${given}")`,
    }, { 'Accept-Post': 'application/json' });
  }
  const tooLarge = (): ApiFailure => new ApiFailure(413, 'body_too_large', {
    zh: `请求正文不能超过 ${limitBytes} 字节`,
    en: `The request body must be at most ${limitBytes} bytes`,
  // The rest of the body is not read, so the connection cannot carry another request.
  }, { Connection: 'close' });
  const declaredLength = Number(request.headers['content-length']);
  if (Number.isFinite(declaredLength) && declaredLength > limitBytes) throw tooLarge();

  const chunks: Buffer[] = [];
  let receivedBytes = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    receivedBytes += chunk.length;
    if (receivedBytes > limitBytes) throw tooLarge();
    chunks.push(chunk);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiFailure(400, 'invalid_utf8', { zh: '请求正文不是有效的 UTF-8 文本', en: 'The request body is not valid UTF-8 text' });
  }
  if (text.trim() === '') {
    throw new ApiFailure(400, 'malformed_json', { zh: '请求正文为空，应为一个 JSON 对象', en: 'The request body is empty; send a JSON object' });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const offset = jsonSyntaxErrorOffset(text) ?? 0;
    const { line, column } = lineAndColumn(text, offset);
    throw new ApiFailure(400, 'malformed_json', {
      zh: `请求正文不是有效的 JSON：第 ${line} 行第 ${column} 列（第 ${offset} 个字符）有误`,
      en: `The request body is not valid JSON: the mistake is at line ${line}, column ${column} (character ${offset})`,
    }, {}, { line, column, offset });
  }
}
