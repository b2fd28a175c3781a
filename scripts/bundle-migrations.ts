// Writes src-shared/db/migrations.generated.ts from the SQL that drizzle-kit generated, so that the
// app, the server and the packaged installer carry their migrations as code (no file paths at run
// time). `npm run db:generate` runs it; a unit test fails when the bundle is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderMigrationBundle } from './migration-bundle.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
writeFileSync(`${root}src-shared/db/migrations.generated.ts`, renderMigrationBundle(root));
console.log('wrote src-shared/db/migrations.generated.ts');
