/**
 * The digest everything read back from the store is checked with: it finds damage (a flipped
 * byte, a cut, another file's text), not forgery, since nothing kept is a secret or signed.
 *
 * The hash: the bytes are read as little-endian 32-bit words, and word i is taken into lane
 * i % 4 as h = rotl(h ^ word, 13) * K, K odd; the four lanes start from the length (plus 0 to
 * 3), and are then taken one into the other the same way, followed by the 0 to 3 bytes left
 * over, and the length once more. Every step is a bijection of h for a given word and of the
 * word for a given h, so a change to any one word always changes the digest's 32 bits before
 * the last mix, which is a bijection too. Four lanes let the processor work on four words at
 * once: one lane waits on each multiply in turn.
 *
 * Why two engines for one hash: a digest is on the path of every warm run, and the native
 * checksums all cost a module load first (node:zlib's CRC-32 took 2.4 to 4 ms, since it loads
 * Node's streams; node:crypto about 4.5 ms). Plain JavaScript starts at once but runs in V8's
 * interpreter: right for the head of a snapshot and its small sections, but 3.5 ms over 500 kB.
 * Longer texts go through the same loop as a WebAssembly module of about 200 bytes, which V8
 * compiles in about a millisecond, once, and which hashes 5.5 MB in about 3 ms
 * (docs/benchmarks.md). tests/unit/digest.test.ts checks that both give the hash as described
 * here, and that any flipped byte or cut changes it.
 */

/**
 * Below this many bytes, the interpreter is done before WebAssembly would be compiled. Kept
 * small: at 16 kB, the interpreter's loop ran often enough in a search for V8 to compile it
 * (10 ms on another thread, which the process waited for as it exited).
 */
const SMALL = 1 << 12;
/** Bytes the module hashes a call: its memory is one 64 KiB page, and the bytes are copied in a page at a time. */
const PAGE = 1 << 16;
/** Bytes a turn of the module's loop takes: two words for each lane. */
const TURN = 32;
const K = 0x9e3779b1;

const step = (h: number, word: number): number => {
  const x = h ^ word;
  return Math.imul((x << 13) | (x >>> 19), K);
};

/** Four lanes, as the module keeps them in its globals. */
type Lanes = [number, number, number, number];

/** Bytes, written as nested lists, flattened once: spreading each list ran the iterator protocol per byte (about 0.5 ms a run). */
type Bytes = readonly (number | Bytes)[];
const flat = (bytes: Bytes): number[] => (bytes as unknown[]).flat(Infinity) as number[];

/** Bytes preceded by their length in unsigned LEB128, as sections and function bodies are. */
const sized = (nested: Bytes): Bytes => {
  const bytes = flat(nested);
  return bytes.length < 0x80 ? [bytes.length, bytes] : [(bytes.length & 0x7f) | 0x80, bytes.length >>> 7, bytes];
};

/**
 * The module: `feed(end)` takes the words of memory[0, end) into the lanes, which it keeps in
 * the globals g0 to g3 (end a multiple of 32, so that a page always starts at lane 0).
 */
function moduleBytes(): Uint8Array {
  const lanes = [0, 1, 2, 3];
  // In feed, local 0 is end, 1 is p, and 2 to 5 are the lanes.
  const word = (at: number): Bytes => [
    [0x20, 2 + (at % 4), 0x20, 1, 0x28, 2, at * 4, 0x73], // lane ^ load32(p + 4 at)
    [0x41, 13, 0x77, 0x41, 0xb1, 0xf3, 0xdd, 0xf1, 0x79, 0x6c, 0x21, 2 + (at % 4)], // rotl 13, * K (signed LEB128), set the lane
  ];
  const feed: Bytes = [
    [1, 5, 0x7f], // locals: p and the four lanes, all i32
    lanes.map((k) => [0x23, k, 0x21, 2 + k]), // lanes from the globals
    [0x02, 0x40, 0x03, 0x40], // block, loop
    [0x20, 1, 0x20, 0, 0x4f, 0x0d, 1], // leave when p >= end
    [0, 1, 2, 3, 4, 5, 6, 7].map(word),
    [0x20, 1, 0x41, TURN, 0x6a, 0x21, 1], // p += 32
    [0x0c, 0, 0x0b, 0x0b], // again; end of loop and block
    lanes.map((k) => [0x20, 2 + k, 0x24, k]), // lanes to the globals
    0x0b,
  ];
  const name = (text: string): Bytes => [text.length, Array.from(text, (c) => c.charCodeAt(0))];
  return new Uint8Array(
    flat([
      [0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0], // "\0asm", version 1
      [1, sized([1, 0x60, 1, 0x7f, 0])], // one type: (i32) -> ()
      [3, sized([1, 0])], // one function, of that type
      [5, sized([1, 0, 1])], // one memory, of one page
      [6, sized([4, lanes.map(() => [0x7f, 1, 0x41, 0, 0x0b])])], // four globals: mutable i32, 0
      [7, sized([6, name('mem'), 2, 0, name('feed'), 0, 0, lanes.map((k) => [name(`g${k}`), 3, k])])], // exports
      [10, sized([1, sized(feed)])], // the code of feed
    ]),
  );
}

interface Module {
  page: Uint8Array;
  feed: (end: number) => void;
  lanes: WebAssembly.Global[];
}

let module: Module | undefined;

function compile(): Module {
  const { exports } = new WebAssembly.Instance(new WebAssembly.Module(moduleBytes()));
  const { mem, feed, g0, g1, g2, g3 } = exports as Record<'g0' | 'g1' | 'g2' | 'g3', WebAssembly.Global> & {
    mem: WebAssembly.Memory;
    feed: Module['feed'];
  };
  return { page: new Uint8Array(mem.buffer), feed, lanes: [g0, g1, g2, g3] };
}

/** The words of bytes[0, whole) taken into the lanes (whole a multiple of 32), by the module, a page at a time. */
function feedThere(bytes: Uint8Array, whole: number, h: Lanes): void {
  const { page, feed, lanes } = (module ??= compile());
  lanes.forEach((g, k) => (g.value = h[k]!));
  for (let at = 0; at < whole; at += PAGE) {
    const end = Math.min(whole, at + PAGE);
    page.set(bytes.subarray(at, end));
    feed(end - at);
  }
  lanes.forEach((g, k) => (h[k] = g.value));
}

/** The words of bytes[from, to) taken into the lanes (from a multiple of 16, to of 4), by the interpreter. */
function feedHere(bytes: Uint8Array, from: number, to: number, h: Lanes): void {
  for (let i = from; i < to; i += 4)
    h[(i >>> 2) & 3] = step(h[(i >>> 2) & 3]!, bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24));
}

/** Eight hex digits that change whenever `bytes` do; `engine` is for the tests, which compare the two. */
export function digest(bytes: Uint8Array, engine: 'auto' | 'here' | 'there' = 'auto'): string {
  const length = bytes.length;
  const h: Lanes = [length, length + 1, length + 2, length + 3];
  const there = engine === 'there' || (engine === 'auto' && length >= SMALL);
  const whole = there ? length - (length % TURN) : 0;
  if (there) feedThere(bytes, whole, h);
  const words = length - (length % 4);
  feedHere(bytes, whole, words, h);
  let x = step(step(step(h[0], h[1]), h[2]), h[3]);
  for (let i = words; i < length; i++) x = step(x, bytes[i]!);
  // murmur3's finaliser, with the length once more.
  x ^= length;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  x ^= x >>> 16;
  return (x >>> 0).toString(16).padStart(8, '0');
}
