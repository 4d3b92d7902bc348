/**
 * Opens one events input (a file, or `-` for standard input) as a stream of text, with constant
 * memory: gzip is recognised by its magic bytes and decompressed on the fly (concatenated gzip
 * members too, as S3 objects written in parts may be), and the first bytes are kept aside so the
 * format can be recognised without reading the input twice.
 */
import { createReadStream } from "node:fs";
import { resolve } from "node:path";
import { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { BacktestInputError } from "./errors";

/** The text of an input, in chunks, with its first chunk already read for sniffing. */
export interface TextInput {
  readonly name: string;
  readonly compressed: boolean;
  /** At least the first few hundred characters (less only when the input is shorter). */
  readonly head: string;
  /** Every chunk of text, `head` included. */
  readonly chunks: AsyncIterable<string>;
}

const SNIFF_CHARS = 64 * 1024;

/** Other compressions we can name in an error, by magic bytes. */
const FOREIGN_MAGIC: readonly [string, number[]][] = [
  ["bzip2", [0x42, 0x5a, 0x68]],
  ["zstd", [0x28, 0xb5, 0x2f, 0xfd]],
  ["xz", [0xfd, 0x37, 0x7a, 0x58, 0x5a]],
  ["zip", [0x50, 0x4b, 0x03, 0x04]],
];

/** Opens `name` (relative to `cwd`), or `stdin` for `-`. */
export async function openTextInput(name: string, cwd: string, stdin: Readable): Promise<TextInput> {
  const source = name === "-" ? stdin : createReadStream(resolve(cwd, name));
  const label = name === "-" ? "standard input" : name;
  const bytes = peekable(source[Symbol.asyncIterator]() as AsyncIterator<Buffer>, label);
  const first = await bytes.peek(6);
  const compressed = first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
  const foreign = FOREIGN_MAGIC.find(([, magic]) => magic.every((b, i) => first[i] === b));
  if (foreign) throw new BacktestInputError(label, `unknown format: ${foreign[0]}-compressed data; only gzip is read (or uncompressed text)`);
  const raw = compressed ? gunzip(bytes.all(), label) : bytes.all();
  const text = decode(raw);
  const head = await text.peekText(SNIFF_CHARS);
  if (head.includes("\u0000") || head.includes("\ufffd")) {
    throw new BacktestInputError(label, `unknown format: binary data that is neither gzip nor UTF-8 text${compressed ? " (after gunzip)" : ""}`);
  }
  return { name: label, compressed, head, chunks: text.all() };
}

interface Peekable<T> {
  peek(min: number): Promise<T>;
  all(): AsyncIterable<T>;
}

/** Byte chunks with the first ones readable ahead; read errors become BacktestInputError. */
function peekable(iterator: AsyncIterator<Buffer>, label: string): Peekable<Buffer> {
  const buffered: Buffer[] = [];
  let done = false;
  const next = async (): Promise<Buffer | undefined> => {
    try {
      const r = await iterator.next();
      if (r.done) {
        done = true;
        return undefined;
      }
      return Buffer.isBuffer(r.value) ? r.value : Buffer.from(r.value as string);
    } catch (e) {
      throw readError(label, e);
    }
  };
  return {
    async peek(min) {
      while (!done && Buffer.concat(buffered).length < min) {
        const chunk = await next();
        if (chunk) buffered.push(chunk);
      }
      return Buffer.concat(buffered);
    },
    async *all() {
      yield* buffered.splice(0);
      for (let chunk = await next(); chunk; chunk = await next()) yield chunk;
    },
  };
}

function gunzip(chunks: AsyncIterable<Buffer>, label: string): AsyncIterable<Buffer> {
  const stream = Readable.from(chunks).pipe(createGunzip());
  return (async function* () {
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      if (e instanceof BacktestInputError) throw e;
      const message = (e as Error).message;
      throw new BacktestInputError(label, `unreadable gzip data (${/unexpected end/i.test(message) ? "truncated: unexpected end of file" : message})`);
    }
  })();
}

interface TextChunks {
  peekText(min: number): Promise<string>;
  all(): AsyncIterable<string>;
}

function decode(chunks: AsyncIterable<Buffer>): TextChunks {
  const decoder = new StringDecoder("utf8");
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let done = false;
  const next = async (): Promise<string | undefined> => {
    const r = await iterator.next();
    if (r.done) {
      done = true;
      const rest = decoder.end();
      return rest === "" ? undefined : rest;
    }
    return decoder.write(r.value);
  };
  return {
    async peekText(min) {
      while (!done && buffered.join("").length < min) {
        const text = await next();
        if (text !== undefined) buffered.push(text);
      }
      return buffered.join("");
    },
    async *all() {
      yield* buffered.splice(0);
      while (!done) {
        const text = await next();
        if (text !== undefined) yield text;
      }
    },
  };
}

function readError(label: string, e: unknown): BacktestInputError {
  const err = e as NodeJS.ErrnoException;
  const why = err.code === "ENOENT" ? "no such file" : err.code === "EACCES" ? "permission denied" : err.code === "EISDIR" ? "is a directory" : err.message;
  return new BacktestInputError(label, `cannot read: ${why}`);
}
