import type { TestProject } from 'vitest/node';
import { buildServerTemplates } from './templates.ts';

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: the postgres test project needs a PostgreSQL + PostGIS server.');
  project.provide('serverTemplates', await buildServerTemplates(url));
}
