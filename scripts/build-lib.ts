/**
 * Builds the Node library (dist/index.js + .d.ts) and the CLI (dist/cli.js) from src/provider
 * and src/cli. Runs on `npm install` (prepare), so `import { ChatGptt } from 'chatgptt'` and
 * `npx chatgptt` work right after it.
 */
import { execFileSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'vite';

const ROOT = resolve(import.meta.dirname, '..');
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'undici'];

for (const [entry, fileName] of [
  ['src/provider/index.ts', 'index.js'],
  ['src/cli/main.ts', 'cli.js'],
] as const) {
  await build({
    configFile: false,
    logLevel: 'warn',
    publicDir: false,
    build: {
      outDir: resolve(ROOT, 'dist'),
      emptyOutDir: false,
      target: 'node20',
      minify: false,
      ssr: true,
      lib: { entry: resolve(ROOT, entry), formats: ['es'], fileName: () => fileName },
      rollupOptions: { external, output: { entryFileNames: fileName } },
    },
  });
}
execFileSync('npx', ['tsc', '-p', 'tsconfig.lib.json'], { cwd: ROOT, stdio: 'inherit' });
console.log('library built in dist/');
