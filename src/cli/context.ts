import type { StoreTarget } from '../app/store.js';
import type { Io } from './output.js';

/** The options every command takes (`--db`). */
export type GlobalOptions = StoreTarget;

export interface CommandContext {
  readonly io: Io;
  readonly global: GlobalOptions;
  readonly stdin?: NodeJS.ReadableStream;
}
