/**
 * The digest everything read back from the store is checked with: it finds damage (a flipped
 * byte, a cut, another file's text), not forgery, since nothing kept is a secret or signed.
 *
 * Why WebAssembly: a digest is on the path of every warm run, and the cheap native checksums
 * all cost a module load first. node:zlib's CRC-32 took 2.4 to 4 ms to load (it loads Node's
 * streams), node:crypto about 4.5 ms, which was the largest single cost of a warm `list` of
 * the bundled data. Plain JavaScript starts at once but runs in V8's interpreter: 3.5 ms over
 * 500 kB. The loop below, as a module of 150 bytes that V8 compiles in well under a
 * millisecond, hashes 5.5 MB in about 3 ms (docs/benchmarks.md).
 *
 * The hash: the bytes are read as little-endian 64-bit words, 32 bytes a turn, and each word
 * is taken in as h = rotl(h ^ word, 29) * K with K odd. Every step is a bijection of h for a
 * given word and of the word for a given h, so a change to any one word always changes h.
 * The words left over (fewer than 32 bytes) are taken in here byte by byte in the same way,
 * and the length is mixed in first and last, so a cut is always seen. tests/unit/digest.test.ts
 * checks the module against a BigInt implementation of the same steps.
 */

/** Bytes hashed per call: the module's memory is one 64 KiB page, and the bytes are copied in a page at a time. */
const PAGE = 1 << 16;
/** Bytes a turn of the loop takes: four 64-bit words. */
const TURN = 32;

/** Bytes preceded by their length, in unsigned LEB128, as sections and function bodies are. */
const sized = (bytes: number[]): number[] =>
  bytes.length < 0x80 ? [bytes.length, ...bytes] : [(bytes.length & 0x7f) | 0x80, bytes.length >>> 7, ...bytes];

/**
 * One word: h = rotl(h ^ i64.load(p + offset), 29) * K, where K is 0x9e3779b97f4a7c15 (2^64
 * divided by the golden ratio, odd), written as i64.const takes it: signed LEB128.
 */
const word = (offset: number): number[] => [
  ...[0x20, 2, 0x20, 1, 0x29, 3, offset], // h, load64(p + offset)
  ...[0x85, 0x42, 29, 0x89], // xor, rotl 29
  ...[0x42, 0x95, 0xf8, 0xa9, 0xfa, 0x97, 0xb7, 0xde, 0x9b, 0x9e, 0x7f, 0x7e, 0x21, 2], // * K, set h
];

/**
 * The module, written out: `start(seed)` sets h; `feed(end)` takes in memory[0, end), end a
 * multiple of 32; `fold()` gives h's two halves xor-ed. h lives in a global, so that no bit of
 * it is lost between pages.
 */
function moduleBytes(): Uint8Array {
  const start = [0, 0x20, 0, 0xad, 0x24, 0, 0x0b]; // no locals; the global = u64(seed)
  const feed = [
    ...[2, 1, 0x7f, 1, 0x7e], // locals: p (i32), h (i64)
    ...[0x23, 0, 0x21, 2], // h = the global
    ...[0x02, 0x40, 0x03, 0x40], // block, loop
    ...[0x20, 1, 0x20, 0, 0x4f, 0x0d, 1], // leave when p >= end
    ...word(0),
    ...word(8),
    ...word(16),
    ...word(24),
    ...[0x20, 1, 0x41, TURN, 0x6a, 0x21, 1], // p += 32
    ...[0x0c, 0, 0x0b, 0x0b], // again; end of loop and block
    ...[0x20, 2, 0x24, 0, 0x0b], // the global = h
  ];
  const fold = [0, 0x23, 0, 0x23, 0, 0x42, 32, 0x88, 0x85, 0xa7, 0x0b]; // no locals; i32(h ^ h >>> 32)
  const name = (text: string): number[] => [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
  // Each section: its id, then its bytes with their length.
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0], // "\0asm", version 1
    ...[1, ...sized([2, 0x60, 1, 0x7f, 0, 0x60, 0, 1, 0x7f])], // types: (i32) -> (), () -> i32
    ...[3, ...sized([3, 0, 0, 1])], // functions: start and feed of type 0, fold of type 1
    ...[5, ...sized([1, 0, 1])], // one memory, of one page
    ...[6, ...sized([1, 0x7e, 1, 0x42, 0, 0x0b])], // one global: a mutable i64, first 0
    ...[7, ...sized([4, ...name('mem'), 2, 0, ...name('start'), 0, 0, ...name('feed'), 0, 1, ...name('fold'), 0, 2])], // exports
    ...[10, ...sized([3, ...sized(start), ...sized(feed), ...sized(fold)])], // code: the three bodies
  ]);
}

interface Hasher {
  page: Uint8Array;
  start(seed: number): void;
  feed(end: number): void;
  fold(): number;
}

let hasher: Hasher | undefined;

function compile(): Hasher {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
  const { mem, start, feed, fold } = exports as { mem: WebAssembly.Memory } & Omit<Hasher, 'page'>;
  return { page: new Uint8Array(mem.buffer), start, feed, fold };
}

/** Eight hex digits that change whenever `bytes` do. */
export function digest(bytes: Uint8Array): string {
  const h = (hasher ??= compile());
  const length = bytes.length;
  const whole = length - (length % TURN);
  h.start(length);
  for (let at = 0; at < whole; at += PAGE) {
    const end = Math.min(whole, at + PAGE);
    h.page.set(bytes.subarray(at, end));
    h.feed(end - at);
  }
  let x = h.fold();
  for (let i = whole; i < length; i++) x = Math.imul(x ^ bytes[i]!, 0x9e3779b1);
  // murmur3's finaliser, with the length once more.
  x ^= length;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0).toString(16).padStart(8, '0');
}
