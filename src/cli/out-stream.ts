import { fstatSync, statSync, writeSync } from 'node:fs';
import type { OutStream } from './io';

/**
 * Standard output or error as the CLI writes it. Node's process.stdout and process.stderr load
 * its stream modules when first touched (net for a pipe, fs streams for a file or /dev/null,
 * tty for a terminal): 2.5 to 4 ms of every run. Only a terminal needs what they know (its
 * size, and that it is one), so a pipe or a file is written straight to the descriptor. Those
 * writes are synchronous, so everything is out by the time the process exits. A reader that
 * goes away (memories list | head -1) is a normal end: the rest is dropped. Any other failure
 * (a full disk) stops the writes too, and failed() says what it was.
 */
export function outStream(fd: number, nodeStream: () => NodeJS.WriteStream): Output {
  let closed = false;
  let failed: NodeJS.ErrnoException | undefined;
  const stop = (e: NodeJS.ErrnoException): void => {
    closed = true;
    if (e.code !== 'EPIPE') failed ??= e;
  };
  if (mayBeTerminal(fd)) {
    const stream = nodeStream();
    stream.on('error', stop);
    return {
      write: (text) => {
        if (!closed) stream.write(text);
      },
      isTTY: stream.isTTY === true,
      columns: stream.columns,
      rows: stream.rows,
      failed: () => failed,
    };
  }
  return {
    write: (text) => {
      if (closed) return;
      try {
        writeAll(fd, text);
      } catch (e) {
        stop(e as NodeJS.ErrnoException);
      }
    },
    isTTY: false,
    failed: () => failed,
  };
}

/** An output stream that can say why it stopped. */
export interface Output extends OutStream {
  /** What stopped the writes, when it was not the reader going away (a full disk, say). */
  failed(): NodeJS.ErrnoException | undefined;
}

/**
 * Whether fd could be a terminal: a terminal is a character device, and of those the null
 * device never is one. When fd cannot be looked at (closed, say), Node's own stream decides.
 */
function mayBeTerminal(fd: number): boolean {
  let rdev: number;
  try {
    const stats = fstatSync(fd);
    if (!stats.isCharacterDevice()) return false;
    rdev = stats.rdev;
  } catch {
    return true;
  }
  try {
    return rdev !== statSync('/dev/null').rdev;
  } catch {
    return true;
  }
}

/**
 * Write all of `text`, or throw what stopped it (EPIPE when the reader has gone). The text is
 * handed to Node as it is: Node encodes it into memory it frees at once, where a Buffer of it
 * would be new memory until the next collection (a broad search writes megabytes). Only what
 * one write left over is written from a Buffer.
 */
function writeAll(fd: number, text: string): void {
  let done = 0;
  try {
    done = writeSync(fd, text);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
  }
  const size = Buffer.byteLength(text);
  if (done === size) return;
  const bytes = Buffer.from(text);
  for (let at = done; at < size;) {
    try {
      at += writeSync(fd, bytes, at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      // A descriptor someone else made non-blocking, with its reader behind: wait a moment.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    }
  }
}
