import path from 'node:path';
import type { Readable } from 'node:stream';
import type { Config } from '../config.ts';
import { LocalFolderStorage } from './local-folder-storage.ts';

/**
 * Where uploaded files (referral packets, signed consent forms) are kept. Keys are opaque: organization id and a
 * random id, never a person's name or the file's name. The local folder is the default; an S3-compatible
 * implementation of the same interface can replace it in production.
 */
export interface FileStorage {
  put(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file's bytes as a stream; throws `FileNotFoundError` when there is no such key. */
  get(key: string): Promise<Readable>;
  /** Removing a key that does not exist is not an error. */
  delete(key: string): Promise<void>;
}

export class FileNotFoundError extends Error {}

/** Storage keys: lowercase letters, digits, dashes and slashes between segments; no `..`, no leading slash. */
export const STORAGE_KEY = /^[a-z0-9-]+(\/[a-z0-9-]+)*$/;

export const assertKey = (key: string) => {
  if (!STORAGE_KEY.test(key)) throw new Error('Invalid storage key');
};

/** The storage a server uses: files under DATA_DIR/files. */
export const createFileStorage = (config: Pick<Config, 'dataDir'>): FileStorage =>
  new LocalFolderStorage(path.join(config.dataDir, 'files'));
