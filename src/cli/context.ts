import { homedir } from 'node:os';
import { storePaths } from '../store/paths';
import { Store } from '../store/store';
import { createDataSource } from './data-source';
import type { DataSource } from './data-source';
import type { ColorWhen, Install, Io } from './io';
import { createOutput } from './output';
import type { Output } from './output';

/** Options every command shares: the top-level flags, as commander parses them (main.ts). */
export interface GlobalOptions {
  data: string[];
  bundled: boolean;
  color: ColorWhen;
  pager: boolean;
}

/** What a command's run function receives: the streams, where records come from, and where output goes. */
export interface Context extends DataSource, Output {
  io: Io;
  /** The parts that need yaml or write files, loaded on first use. */
  heavy: Install['heavy'];
  /** Today as YYYY-MM-DD, in local time. */
  today(): string;
}

/** Folders in load order: bundled, then each --data, then each entry of MEMORIES_DATA. */
function dataFolders(io: Io, install: Install, options: GlobalOptions): string[] {
  const fromEnv = (io.env.MEMORIES_DATA ?? '').split(':').filter((f) => f !== '');
  return [...(options.bundled ? [install.bundledData] : []), ...options.data, ...fromEnv];
}

/** A command's context: the output, and the data source, built from the shared options. */
export function createContext(io: Io, install: Install, options: GlobalOptions): Context {
  const output = createOutput(io, options);
  const store = new Store(install.store ?? { dir: undefined, build: '' });
  const folders = dataFolders(io, install, options);
  const data = createDataSource(io, install.heavy, folders, storePaths(io.env, homedir).collection, store, output.err);
  return {
    io,
    heavy: install.heavy,
    ...output,
    ...data,
    today() {
      const d = io.now();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    },
  };
}
