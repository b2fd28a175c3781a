// `npm run dev:web`: the sync server and the browser host (never Electron), with the renderer rebuilt
// on every change (vite build --watch; reload the page to see it). See scripts/start.ts.
import { start } from './start.ts';

await start({ mode: 'web', watch: !process.argv.includes('--no-watch') });
