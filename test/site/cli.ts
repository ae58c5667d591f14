// `npm run site -- --port N [--generation G4] [--no-stream] [--page-delay MS] [--padding KB]
//   [--faults JSON]`:
// start the local test site as its own process (demo, manual checks, browser tests).
import { startSite, type SiteFaults, type SiteGeneration } from './server';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const generation = (arg('generation') ?? 'G4').toUpperCase();
if (!['G1', 'G2', 'G3', 'G4', 'G5'].includes(generation)) {
  console.error(`Unknown --generation ${generation}; use G1, G2, G3, G4 or G5.`);
  process.exit(2);
}

let faults: SiteFaults = {};
try {
  faults = JSON.parse(arg('faults') ?? '{}') as SiteFaults;
} catch {
  console.error('--faults takes a JSON object, e.g. --faults \'{"firstByteDelayMs":2000}\'');
  process.exit(2);
}

const site = await startSite({
  faults,
  port: Number(arg('port') ?? 8090),
  host: arg('host') ?? '127.0.0.1',
  generation: generation as SiteGeneration,
  stream: !process.argv.includes('--no-stream'),
  pageRenderDelayMs: Number(arg('page-delay') ?? 0),
  pagePaddingKb: Number(arg('padding') ?? 0),
});

console.log(`Test site (${generation}) running at ${site.url}`);
for (const [name, url] of Object.entries(site.pages)) console.log(`  ${name.padEnd(10)} ${url}`);
console.log(
  `  control    POST ${site.url}/__control  {"configure":{...},"expireNonces":true,"clearLog":true}`,
);
console.log(`  log        GET  ${site.url}/__log`);

const stop = (): void => {
  void site.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
