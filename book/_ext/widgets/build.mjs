// Build the course's widget embed script into the website's vendor folder,
// with a licence file that lists every bundled package and its licence text.
//   npm ci && npm run build
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, '..', '..', '_static', 'vendor', 'jupyter-widgets');

// Stylesheets are bundled on their own (their @imports resolved, assets
// inlined) and imported by the script as text, which it adds to the page.
const cssAsText = {
  name: 'css-as-text',
  setup(plugin) {
    plugin.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const css = await build({
        entryPoints: [path], bundle: true, minify: true, write: false, logLevel: 'warning',
        loader: { '.svg': 'dataurl', '.png': 'dataurl', '.woff': 'dataurl', '.woff2': 'dataurl' },
      });
      return { contents: css.outputFiles[0].text, loader: 'text' };
    });
  },
};

const result = await build({
  entryPoints: [join(here, 'src', 'embed.js')],
  outfile: join(target, 'embed.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2019'],
  plugins: [cssAsText],
  // Only used for descriptions with HTML, which the course shows as text.
  alias: { 'sanitize-html': join(here, 'src', 'no-sanitize-html.js') },
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Which packages ended up in the bundle.
const packages = new Map();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) {
    packages.set(match[1], join(here, input.slice(0, match.index), 'node_modules', match[1]));
  }
}
const sections = [...packages.entries()].sort().map(([name, folder]) => {
  const meta = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
  const file = readdirSync(folder).find((f) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
  // The @jupyter-widgets and @lumino packages ship no licence file: theirs
  // are those of the ipywidgets and lumino repositories.
  const own = name.startsWith('@jupyter-widgets/') ? 'JUPYTER-LICENSE.txt'
    : name.startsWith('@lumino/') ? 'LUMINO-LICENSE.txt' : null;
  const text = file ? readFileSync(join(folder, file), 'utf8').trim()
    : own ? readFileSync(join(here, 'src', own), 'utf8').trim()
    : `(no licence file in the package; package.json says ${meta.license})`;
  return `${name} ${meta.version} (${meta.license})\n\n${text}\n`;
});
writeFileSync(join(target, 'embed.js.LICENSE.txt'),
  'embed.js bundles these npm packages (built by book/_ext/widgets):\n\n' + sections.join('\n' + '-'.repeat(72) + '\n\n'));
console.log(`embed.js: ${packages.size} packages`);
if (!existsSync(join(target, 'embed.js'))) process.exit(1);
