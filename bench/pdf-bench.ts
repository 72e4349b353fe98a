import { cmrToPdf } from '../src/manifests/domain/cmr-pdf';
import { manifestToPdf } from '../src/manifests/domain/manifest-pdf';
import type { Manifest } from '../src/manifests/domain/manifest.types';
import { buildManifest } from '../test/fixtures/manifest';
import { intArg } from './bench-support';

/**
 * `npm run bench:pdf -- --lines N --runs R`: the manifest PDF and the CMR notes of one manifest
 * of N goods lines, rendered R times each: a Latin-only one (drawn in Helvetica, nothing
 * embedded) and the same with Arabic, Tifinagh and Latin Extended names (Noto faces embedded).
 * Prints the size and the median render time of each; the last line on stdout is the JSON.
 */
function multiScript(manifest: Manifest): Manifest {
  const copy: Manifest = structuredClone(manifest);
  copy.senders[0].name = 'تعاونية تيغانيمين';
  copy.senders[1].name = 'Coopérative ⵜⴰⵎⴰⵣⵉⵖⵜ';
  copy.senders[2].territory = 'Ağrı';
  copy.stops[0].consignee.name = 'Łódź Spółdzielnia';
  return copy;
}

async function measure(render: (m: Manifest) => Promise<Buffer>, manifest: Manifest, runs: number) {
  await render(manifest); // warm: fonts read and parsed once per process
  const times: number[] = [];
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    bytes = (await render(manifest)).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { bytes, medianMs: Math.round(times[Math.floor(times.length / 2)] * 10) / 10 };
}

async function main(): Promise<void> {
  const lines = intArg('lines', 60);
  const runs = intArg('runs', 15);
  const latin = buildManifest({ lines, stops: 3 });
  latin.partnership.name = 'Haouz – Lyon';
  const mixed = multiScript(latin);
  const result = {
    lines,
    runs,
    manifest: {
      latinOnly: await measure(manifestToPdf, latin, runs),
      multiScript: await measure(manifestToPdf, mixed, runs),
    },
    cmr: {
      latinOnly: await measure(cmrToPdf, latin, runs),
      multiScript: await measure(cmrToPdf, mixed, runs),
    },
  };
  for (const [document, figures] of Object.entries({ manifest: result.manifest, cmr: result.cmr }))
    for (const [kind, { bytes, medianMs }] of Object.entries(figures))
      process.stderr.write(`${document} ${kind}: ${(bytes / 1024).toFixed(1)} KiB, median ${medianMs} ms\n`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
