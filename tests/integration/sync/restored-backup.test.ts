// A laptop restored from a backup of its local store (issue #16, found 2) keeps its device id and
// numbers its next changes from the backup's sequence: seqs the server has already seen, with new
// mutation ids. Those sync like any change, and the laptop catches up with what it pushed after the
// backup was taken.
import { cpSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/core.ts';
import { startClient } from '../../helpers/sync-stack.ts';
import { tempDir } from '../../helpers/temp.ts';
import { startInProcessServer } from '../sync-chaos/harness.ts';

describe('a laptop restored from a backup', () => {
  it('syncs its new changes under reused seqs and gets back what it had pushed after the backup', async () => {
    const server = await startInProcessServer({ postgres: false });
    const first = await startClient(server);
    const before = await call(first.core, 'valuations.create', { title: 'לפני הגיבוי' });
    await first.core.syncNow();
    first.core.close();
    const backup = tempDir('shamay-backup-');
    cpSync(first.dataDir, backup, { recursive: true });

    const again = await startClient(server, 'appraiser1@demo.shamay.local', { dataDir: first.dataDir });
    const afterBackup = [];
    for (const n of [1, 2]) afterBackup.push(await call(again.core, 'valuations.create', { title: `אחרי הגיבוי ${n}` }));
    await again.core.syncNow();
    const deviceId = (await call(again.core, 'session.current', {})).deviceId;
    again.core.close();

    // The disk fails; the backup comes back on a new disk and the appraiser goes on working.
    const restored = await startClient(server, 'appraiser1@demo.shamay.local', { dataDir: backup });
    expect((await call(restored.core, 'session.current', {})).deviceId).toBe(deviceId);
    const onRestored = await call(restored.core, 'valuations.create', { title: 'אחרי השחזור' });
    await call(restored.core, 'valuations.update', { id: before.id, fields: { addressFull: 'רח׳ השקד 4, רחובות' } });
    await restored.core.syncNow();
    await restored.core.syncNow();
    expect(await call(restored.core, 'sync.status', {})).toMatchObject({ pending: 0, rejected: 0, phase: 'up_to_date' });

    const seqs = await server.db.query<{ device_seq: number; n: number }>(
      'SELECT device_seq, count(*)::int AS n FROM applied_mutations WHERE device_id = $1 GROUP BY device_seq HAVING count(*) > 1',
      [deviceId],
    );
    expect(seqs.length, 'the restored laptop reused seqs').toBeGreaterThan(0);
    const titles = (await server.db.query<{ title: string }>('SELECT title FROM valuations WHERE id = ANY($1::uuid[])', [[before.id, ...afterBackup.map((v) => v.id), onRestored.id]])).map((r) => r.title);
    expect(titles.sort()).toEqual(['אחרי הגיבוי 1', 'אחרי הגיבוי 2', 'אחרי השחזור', 'לפני הגיבוי'].sort());
    for (const v of afterBackup) expect(await call(restored.core, 'valuations.get', { id: v.id })).toMatchObject({ syncState: 'synced' });
    expect(await call(restored.core, 'valuations.get', { id: before.id })).toMatchObject({ addressFull: 'רח׳ השקד 4, רחובות', syncState: 'synced' });
  });
});
