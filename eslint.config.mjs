import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', '.data/**', 'coverage/**', 'web/src/api/schema.d.ts', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        Buffer: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Pure rules: a domain/ folder knows nothing of NestJS, TypeORM, the database, queues, HTTP
    // validation or the modules around it (repositories, services, DTOs, entities). What it needs
    // comes in as plain values; see docs/ARCHITECTURE.md.
    files: ['src/**/domain/**/*.ts', 'src/common/math/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['typeorm', 'pg', 'ioredis', 'bullmq', 'class-validator', 'class-transformer'].map(
            (name) => ({
              name,
              message: 'domain/ holds pure functions: no database, queue or validation library here.',
            }),
          ),
          patterns: [
            {
              group: ['@nestjs/*', 'typeorm/*'],
              message: 'domain/ holds pure functions: no NestJS or TypeORM here.',
            },
            {
              group: [
                '**/*.repository',
                '**/*.service',
                '**/*.controller',
                '**/*.module',
                '**/*.entity',
                '**/*.dto',
                '**/entities/*',
                '**/dto/*',
                '**/database/*',
                '**/queue/*',
              ],
              message:
                'domain/ must not reach repositories, services, modules, entities or DTOs: take plain values.',
            },
          ],
        },
      ],
    },
  },
  {
    // The tests' HTTP client answers untyped JSON bodies on purpose: assertions check their shape.
    files: ['test/**/*.ts', 'web/tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
