import { existsSync } from 'node:fs';
import type { FastifyPluginAsync } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The screens vite builds (vite.config.ts), each a folder with its index.html. */
export const clientPages: FastifyPluginAsync<{ root: string }> = async (app, { root }) => {
  if (!existsSync(root)) {
    app.log.info(`client not built at ${root}: run npm run build:client`);
    return;
  }
  await app.register(fastifyStatic, { root, redirect: true, index: ['index.html'] });
};
