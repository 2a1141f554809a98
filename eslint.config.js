import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Layers (STYLE.md): what each folder may import. Only electron/main and electron/preload touch Electron;
// the renderer never reaches Node, the database or the services; services and db never reach the UI.
const noElectron = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto', 'better-sqlite3', 'pg', 'kysely'];

// Every sentence an officer reads comes from the messages file (STYLE.md rule 3): a Vietnamese letter in a
// string, a template or JSX text anywhere else is an error. Exempt, with their reasons, below.
const VIETNAMESE = '/[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđÀÁẠẢÃÂẦẤẬẨẪĂẰẮẶẲẴÈÉẸẺẼÊỀẾỆỂỄÌÍỊỈĨÒÓỌỎÕÔỒỐỘỔỖƠỜỚỢỞỠÙÚỤỦŨƯỪỨỰỬỮỲÝỴỶỸĐ]/';
const vietnameseOnlyFromMessages = ['error',
  { selector: `Literal[value=${VIETNAMESE}]`, message: 'Vietnamese text belongs in electron/contract/messages.vi.ts.' },
  { selector: `TemplateElement[value.raw=${VIETNAMESE}]`, message: 'Vietnamese text belongs in electron/contract/messages.vi.ts.' },
  { selector: `JSXText[value=${VIETNAMESE}]`, message: 'Vietnamese text belongs in electron/contract/messages.vi.ts.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'tests/.artifacts/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Migrations and Kysely's generic builders take Kysely<any> by design (they must not import the app's schema).
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['electron/contract/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: [...nodeBuiltins, '**/db/**', '**/services/**', '**/host/**', '**/renderer/**'], message: 'The contract holds zod schemas and pure domain rules only.' }],
      }],
    },
  },
  {
    files: ['db/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron, 'zod'],
        // The pure domain rules (workflow states and moves) are shared, never copied into queries.
        patterns: [{ regex: '(^|/)(electron/(?!contract/domain/)|renderer/)', message: 'db imports kysely, SQLite/PostgreSQL drivers, node and the pure domain rules only.' }],
      }],
    },
  },
  {
    files: ['db/migrations/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['../*', '**/electron/**', '**/renderer/**'], message: 'A migration imports no app code (only kysely and ./dialect).' }],
      }],
    },
  },
  {
    files: ['electron/services/**', 'electron/host/**', 'electron/cli/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: ['**/renderer/**', '**/main/**', '**/preload/**'], message: 'Services, host and CLI run without Electron and without the UI.' }],
      }],
    },
  },
  {
    files: ['electron/preload/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: [...nodeBuiltins, '**/db/**', '**/services/**', '**/host/**'], message: 'The preload exposes invoke only.' }],
      }],
    },
  },
  {
    files: ['renderer/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [noElectron],
        patterns: [{ group: [...nodeBuiltins, '**/db/**', '**/services/**', '**/host/**', '**/main/**', '**/preload/**', '**/cli/**'], message: 'The renderer talks to the station through lib/api.ts only.' }],
      }],
    },
  },
  {
    files: ['electron/**/*.ts', 'renderer/**/*.{ts,tsx}', 'db/**/*.ts'],
    ignores: [
      // The messages file itself.
      'electron/contract/messages.vi.ts',
      // Document templates keep the wording of the forms the law prescribes in their own module (issue 8.16).
      'electron/services/documents/report-documents.ts', 'electron/services/documents/admin-layout.ts', 'electron/services/documents/register.ts',
      'electron/services/documents/campaign-report.ts',
      // Domain data, not sentences: legal references, province names in plates, the words the time parser and
      // the search folding read, the demo's made-up reports.
      'electron/contract/domain/**', 'electron/services/demo/**',
    ],
    rules: { 'no-restricted-syntax': vietnameseOnlyFromMessages },
  },
);
