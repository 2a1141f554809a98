import { photoFacts } from '../../electron/services/evidence/photo-metadata';

// Run by names-and-sizes.test.ts in a process of its own, so the peak memory measured is the check's alone:
// `node --import tsx tests/hostile/photo-facts-child.ts <file> <format>` prints one JSON line.

const [file, format] = process.argv.slice(2);
const started = performance.now();
let damage: string | null = null;
let error: string | null = null;
try {
  damage = (await photoFacts(file!, format!)).damage;
} catch (err) {
  error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
console.log(JSON.stringify({ damage, error, ms: Math.round(performance.now() - started), maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
