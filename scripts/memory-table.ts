// Writes the README's memory table (between its markers) from the estimate doctor prints; run by
// `npm run docs:memory`, which then lets prettier align the table as it does every Markdown file.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withMemoryTable } from '../companion/backends/onnx/memory-table';

const readme = join(__dirname, '..', '..', '..', 'README.md');
writeFileSync(readme, withMemoryTable(readFileSync(readme, 'utf8')));
