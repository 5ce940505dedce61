import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'bench/results/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // The live room's rules know neither socket.io nor mediasoup (nor fastify): they talk to
    // their two ports (server/live/ports.ts), so fakes can drive them in unit tests.
    files: ['server/live/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'socket.io',
                'socket.io/*',
                'mediasoup',
                'mediasoup/*',
                'fastify',
                'fastify/*',
              ],
              message: 'server/live/ knows neither socket.io nor mediasoup: use its ports.',
            },
            {
              group: ['../media/*', '../signaling/*', '../http/*'],
              message: 'server/live/ is implemented by media/ and signaling/, never the reverse.',
            },
          ],
        },
      ],
    },
  },
  {
    // Scripts and tests talk to a person on the terminal.
    files: ['infra/**', 'test/**'],
    rules: { 'no-console': 'off' },
  },
);
