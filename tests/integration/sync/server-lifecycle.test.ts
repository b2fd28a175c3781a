import { describe, expect, it } from 'vitest';
import { call } from '../../helpers/core.ts';
import { startClient, startTestServer } from '../../helpers/sync-stack.ts';

describe('the sync server process', () => {
  it('answers health, and shuts down promptly with live streams open after in-flight pushes finish', async () => {
    const server = await startTestServer();
    const health = (await (await fetch(`${server.url}/health`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', database: 'pglite', protocol: 1 });

    const a = await startClient(server, 'appraiser1@demo.shamay.local', { sync: { live: true } });
    await a.core.syncNow(); // opens the live stream
    for (let i = 0; i < 300; i++) await call(a.core, 'valuations.create', { title: `שומה ${i}` });
    const pushing = a.core.syncNow();
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = Date.now();
    await server.stop();
    expect(Date.now() - started).toBeLessThan(10_000);
    await pushing;

    // Whatever the server committed before stopping is whole: after a restart everything arrives once.
    const again = await server.restart();
    const b = await startClient(again, 'appraiser2@demo.shamay.local');
    await a.core.syncNow();
    await b.core.syncNow();
    const titles = (await call(b.core, 'valuations.list', { search: 'שומה', limit: 500 })).items.map((i) => i.title);
    expect(titles.filter((t) => /^שומה \d+$/.test(t)).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `שומה ${i}`).sort());
    expect((await call(a.core, 'sync.status', {})).pending).toBe(0);
  });
});
