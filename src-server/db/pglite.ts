import { mkdir, writeFile } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import type { ServerDatabase, SqlSession } from './database.ts';
import { TYPE_PARSERS } from './type-parsers.ts';

/** PGlite is single-connection: it queues queries and transactions itself, one at a time. */
export async function openPglite(dataDir: string | undefined): Promise<ServerDatabase> {
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create({ ...(dataDir ? { dataDir } : {}), parsers: TYPE_PARSERS });
  const session = (q: Pick<PGlite, 'query' | 'exec'>): SqlSession => ({
    async query<Row>(text: string, params?: unknown[]) {
      return (await q.query<Row>(text, params)).rows;
    },
    async exec(text: string) {
      await q.exec(text);
    },
  });
  return {
    kind: 'pglite',
    ...session(pg),
    transaction: (fn) => pg.transaction((tx) => fn(session(tx))),
    listen: (channel, onMessage) => pg.listen(channel, onMessage),
    async backup(file) {
      const dump = await pg.dumpDataDir('gzip');
      await writeFile(file, Buffer.from(await dump.arrayBuffer()));
      return true;
    },
    close: () => pg.close(),
  };
}
