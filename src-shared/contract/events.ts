import { z } from 'zod';
import { syncStatus } from './entities.ts';

/** Events the core pushes to the UI. */
export const events = {
  'sync.status': syncStatus,
  /** Rows changed (locally or by a pull); the UI refetches what it shows of these tables. */
  'data.changed': z.object({ tables: z.array(z.string()), ids: z.array(z.string()).optional() }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;
