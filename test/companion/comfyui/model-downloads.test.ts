// Every model file a built-in template names has a download link, and the README's table gives the same one.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_WORKFLOWS, loadWorkflow } from '../../../companion/backends/comfyui/workflow';
import { MODEL_FOLDERS } from '../../../companion/backends/comfyui/object-info';
import { MODEL_DOWNLOADS } from '../../../companion/backends/comfyui/model-downloads';
import { REPO_ROOT } from '../../support/repo-root';

/** [folder, file] for each loader input of each built-in template, as its graph names them. */
function templateFiles(): [string, string][] {
  const files = new Map<string, string>();
  for (const name of Object.keys(BUILT_IN_WORKFLOWS)) {
    for (const node of Object.values(loadWorkflow(name).graph)) {
      for (const [input, value] of Object.entries(node.inputs)) {
        const folder = MODEL_FOLDERS[input];
        if (folder && typeof value === 'string') files.set(value, folder);
      }
    }
  }
  return [...files].map(([file, folder]) => [folder, file]);
}

test('each file of the built-in templates has a link into the folder its loader reads', () => {
  const files = templateFiles();
  expect(files.length).toBe(Object.keys(MODEL_DOWNLOADS).length);
  for (const [folder, file] of files) {
    const url = MODEL_DOWNLOADS[file];
    expect(url).toMatch(new RegExp(`^https://huggingface\\.co/Comfy-Org/.*/split_files/`));
    // Comfy-Org's split_files mirror ComfyUI's folders: the link's folder is where the file goes.
    expect(url!.endsWith(`/${folder.replace('models/', '')}/${file}`)).toBe(true);
  }
});

test("the README's ComfyUI model files table gives every file with the same link", () => {
  const readme = readFileSync(join(REPO_ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('#### ComfyUI model files'));
  for (const [folder, file] of templateFiles()) {
    const row = section.split('\n').find((line) => line.includes(`| \`${file}\``));
    expect(row).toBeDefined();
    expect(row).toContain(`| \`${folder.replace('models/', '')}\``);
    expect(row).toContain(`<${MODEL_DOWNLOADS[file]}>`);
  }
});
