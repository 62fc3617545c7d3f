import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The layers, lowest first (docs/architecture in the README): each imports only from those
// below it, and only cli/ touches the process.
const LAYERS = ['util', 'source', 'store', 'catalogue', 'query', 'render', 'cli'];
const layerRules = LAYERS.map((layer, i) => ({
  files: [`src/${layer}/**/*.ts`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: LAYERS.slice(i + 1).map((above) => ({
          group: [`**/${above}/*`, `**/${above}/**`],
          message: `src/${layer}/ is below src/${above}/ (${LAYERS.join(' → ')}): move the code, or pass what it needs in`,
        })),
      },
    ],
    ...(layer === 'cli'
      ? {}
      : {
          'no-restricted-globals': [
            'error',
            { name: 'process', message: 'only src/cli/ touches the process: take what you need as a parameter (Io)' },
          ],
        }),
  },
}));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  // Type-aware rules for the product's code: floating promises, any leaks, unbound methods.
  ...tseslint.configs.recommendedTypeChecked.map((config) => ({ ...config, files: ['src/**/*.ts'] })),
  // A file that is not on disk (tests/layers.test.ts lints made-up ones) gets a default project.
  {
    files: ['src/**/*.ts'],
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['src/*/x.ts'] }, tsconfigRootDir: import.meta.dirname } },
  },
  ...layerRules,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
      },
    },
  },
  {
    // The command shim is CommonJS (bin/package.json): it loads the bundle with require.
    files: ['bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
