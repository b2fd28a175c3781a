// One small interface over the two PostgreSQL engines the server runs on: embedded PGlite (a data
// directory, the default) and a real PostgreSQL server reached by URL. Everything above this file
// is engine-agnostic.

export interface SqlSession {
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
}

export interface ServerDatabase extends SqlSession {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction on one connection; rolls back if it throws. */
  transaction<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Calls onMessage for every NOTIFY on channel (from any server instance); returns a function that stops. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** Writes a restorable copy of the database to file, where the engine allows it. */
  backup(file: string): Promise<boolean>;
  close(): Promise<void>;
}
