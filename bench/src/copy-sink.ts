import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/** One value in PostgreSQL's COPY text format: null, a scalar, an array literal or a JSON document. */
export type CopyValue = string | number | boolean | null | undefined | string[] | Json;
export type Json = { json: unknown };
export const json = (value: unknown): Json => ({ json: value });

const escapeText = (s: string) =>
  /[\\\t\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : s;

const arrayLiteral = (items: string[]) =>
  `{${items.map((v) => (/^[A-Za-z0-9_.:-]+$/.test(v) ? v : `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)).join(',')}}`;

const field = (v: CopyValue): string => {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return escapeText(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (Array.isArray(v)) return escapeText(arrayLiteral(v));
  return escapeText(JSON.stringify(v.json));
};

const FLUSH_BYTES = 1 << 20;

/** Rows of one table on their way into the database through COPY FROM STDIN (PostgreSQL) or a blob (PGlite). */
export type TableCopy = {
  readonly table: string;
  rows: number;
  add: (values: CopyValue[]) => void;
  /** Hands the buffered rows to the database, waiting while it catches up. */
  drain: () => Promise<void>;
  end: () => Promise<void>;
};

export type CopyTarget = {
  open: (table: string, columns: string[]) => Promise<TableCopy>;
  close: () => Promise<void>;
};

const copySql = (table: string, columns: string[], source: string) =>
  `COPY "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) FROM ${source}`;

/**
 * Foreign keys are not checked row by row while loading (the generator writes consistent data; checking 2 million
 * contacts' references one at a time would dominate the load): `session_replication_role = replica` skips the
 * referential-integrity triggers for this session only.
 */
export const postgresTarget = (pool: Pool): CopyTarget => {
  const clients: PoolClient[] = [];
  return {
    open: async (table, columns) => {
      const client = await pool.connect();
      clients.push(client);
      await client.query('set session_replication_role = replica; set synchronous_commit = off');
      const stream = client.query(copyFrom(copySql(table, columns, 'STDIN')));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      let buf: string[] = [];
      let bytes = 0;
      const push = async () => {
        if (!buf.length) return;
        const chunk = buf.join('');
        buf = [];
        bytes = 0;
        if (!stream.write(chunk)) await new Promise<void>((r) => stream.once('drain', r));
      };
      const copy: TableCopy = {
        table,
        rows: 0,
        add: (values) => {
          const line = `${values.map(field).join('\t')}\n`;
          buf.push(line);
          bytes += line.length;
          copy.rows += 1;
        },
        drain: () => (bytes >= FLUSH_BYTES ? push() : Promise.resolve()),
        end: async () => {
          await push();
          stream.end();
          await done;
        },
      };
      return copy;
    },
    close: async () => {
      for (const c of clients) c.release();
    },
  };
};

/** PGlite has no COPY FROM STDIN: each table's rows go in as one blob at the end. */
export const pgliteTarget = (db: PGlite): CopyTarget => ({
  open: async (table, columns) => {
    const parts: string[] = [];
    const copy: TableCopy = {
      table,
      rows: 0,
      add: (values) => {
        parts.push(`${values.map(field).join('\t')}\n`);
        copy.rows += 1;
      },
      drain: async () => {},
      end: async () => {
        await db.exec('set session_replication_role = replica');
        await db.query(copySql(table, columns, '\'/dev/blob\''), [], { blob: new Blob(parts) });
        await db.exec('set session_replication_role = origin');
      },
    };
    return copy;
  },
  close: async () => {},
});
