import type { TestProject } from 'vitest/node';
import { buildEmbeddedTemplates } from './templates.ts';

export default async function setup(project: TestProject) {
  project.provide('embeddedTemplates', await buildEmbeddedTemplates());
}
