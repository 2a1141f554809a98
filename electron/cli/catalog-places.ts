import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { vi } from '../contract/messages.vi';
import { formerCommunes, type OfficialDivisions, placesFromDivisions, provinceMerges } from '../services/catalog/admin-units';

// `npm run catalog:places [DIR]`: writes the checked-in catalogs of today's map from the official files (DIR, by
// default ../shared/data/admin-units-2025): resources/catalogs/places.json, former-communes.json (one entry a
// line, so a new edition's changes read as a diff) and province-merges.json. tests/unit/catalog/admin-units.test.ts
// keeps them equal.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const source = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'admin-units-2025'));
const lines = (items: unknown[]) => `[\n    ${items.map((i) => JSON.stringify(i)).join(',\n    ')}\n  ]`;

const places = placesFromDivisions(JSON.parse(readFileSync(join(source, 'divisions.json'), 'utf8')) as OfficialDivisions[]);
const former = formerCommunes(readFileSync(join(source, 'old-to-new-communes.csv'), 'utf8'));
const out = join(root, 'resources', 'catalogs');
writeFileSync(join(out, 'places.json'), `{\n  "_note": ${JSON.stringify(vi.catalog.placesNote)},\n  "provinces": ${lines(places.provinces)},\n  "communes": ${lines(places.communes)}\n}\n`);
writeFileSync(join(out, 'former-communes.json'), `{\n  "_note": ${JSON.stringify(vi.catalog.formerNote)},\n  "items": ${lines(former)}\n}\n`);
writeFileSync(join(out, 'province-merges.json'), `${JSON.stringify({ _note: vi.catalog.mergesNote, merges: provinceMerges(places, former) }, null, 2)}\n`);
console.log(vi.catalog.written(places.provinces.length, places.communes.length, former.length));
