/**
 * The cheapest possible server on the same machine and data: bare Fastify, no auth, no access check, no audit, one
 * indexed SELECT by primary key through `pg` (a named, prepared statement) or PGlite. The bench reports every
 * scenario as a ratio to this.
 *
 *   PORT=… DATABASE_URL=postgres://… | DATA_DIR=… node --import tsx bench/src/baseline-server.ts
 */
import path from 'node:path';
import Fastify from 'fastify';

const port = Number(process.env.PORT ?? 3900);
const text = 'select id, first_name, last_name, status, program_id from youth where id = $1';

const main = async () => {
  let find: (id: string) => Promise<unknown[]>;
  if (process.env.DATABASE_URL) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
    find = async (id) => (await pool.query({ name: 'youth_by_id', text, values: [id] })).rows;
  } else {
    const { PGlite } = await import('@electric-sql/pglite');
    const db = await PGlite.create(path.join(process.env.DATA_DIR ?? '.', 'pglite'));
    find = async (id) => (await db.query(text, [id])).rows;
  }
  const app = Fastify({ logger: false });
  app.get<{ Params: { id: string } }>('/bare/youth/:id', async (req, reply) => {
    const rows = await find(req.params.id);
    if (!rows.length) return reply.code(404).send({ error: 'not found' });
    return rows[0];
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('baseline ready\n');
};

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
