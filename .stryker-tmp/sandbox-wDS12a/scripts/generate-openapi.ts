// @ts-nocheck
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { renderOpenApi } from './openapi-document.js';

const target = fileURLToPath(new URL('../openapi.yaml', import.meta.url));
await writeFile(target, await renderOpenApi());
console.log('wrote openapi.yaml');
