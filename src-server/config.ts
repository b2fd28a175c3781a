import { z } from 'zod';

/** Server settings from the environment (and `npm run server -- --flag` equivalents, see main.ts). */
export const serverConfigSchema = z.object({
  host: z.string().default('127.0.0.1'),
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  /** A real PostgreSQL; when absent the embedded PGlite in dataDir is used. */
  databaseUrl: z.string().optional(),
  dataDir: z.string().default('.shamay-data/server'),
  blobDir: z.string().optional(),
  maxBlobBytes: z.coerce.number().int().positive().default(50 * 1024 * 1024),
  accessTokenSeconds: z.coerce.number().int().positive().default(15 * 60),
  refreshTokenDays: z.coerce.number().int().positive().default(30),
  /** Seeds the demo organization on first start (the embedded default does). */
  seedDemo: z.coerce.boolean().default(false),
  /** How many valuations the demo office gets (50 for the demo; benchmarks use many more). */
  demoValuations: z.coerce.number().int().min(0).max(1_000_000).default(50),
  logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /**
   * The address people outside the office reach this server at (share links are built on it), e.g.
   * https://shamay.example.co.il behind a reverse proxy. Without it a link uses the address the
   * creating request came in on.
   */
  publicUrl: z
    .string()
    .url()
    .refine((url) => /^https?:\/\/[^/?#]+(\/[^?#]*)?$/i.test(url), 'must be an http(s) address without query or fragment')
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  /**
   * Behind a reverse proxy: the proxies whose X-Forwarded-For to believe (Fastify's trustProxy), as a
   * comma-separated list of addresses/CIDRs. Unset: the peer address is the client. (Without it behind
   * a proxy, the limits per client address would count every visitor as the proxy.)
   */
  trustProxy: z
    .string()
    .optional()
    .transform((value) => value?.split(',').map((part) => part.trim()).filter(Boolean))
    .transform((list) => (list?.length ? list : undefined)),
});
export type ServerConfig = z.infer<typeof serverConfigSchema>;

export function configFromEnv(env: NodeJS.ProcessEnv, overrides: Partial<Record<keyof ServerConfig, unknown>> = {}): ServerConfig {
  return serverConfigSchema.parse({
    host: env.SHAMAY_HOST,
    port: env.PORT ?? env.SHAMAY_PORT,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.SHAMAY_SERVER_DATA_DIR,
    blobDir: env.SHAMAY_BLOB_DIR,
    maxBlobBytes: env.SHAMAY_MAX_BLOB_BYTES,
    seedDemo: env.SHAMAY_SEED_DEMO === '1' ? true : undefined,
    demoValuations: env.SHAMAY_DEMO_VALUATIONS,
    logLevel: env.SHAMAY_LOG_LEVEL,
    trustProxy: env.SHAMAY_TRUST_PROXY,
    publicUrl: env.SHAMAY_PUBLIC_URL || undefined,
    ...Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined)),
  });
}
