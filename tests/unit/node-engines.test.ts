import { readFileSync } from 'node:fs';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

/**
 * The Node versions PaperPeek says it needs (package.json `engines`, the README) agree with each
 * other and with what the installed dependencies declare (package-lock.json records each
 * package's `engines`), and the README names every package that refuses the tested Node line.
 */

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines?: { node?: string } };
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[] }>;
};
const readme = readFileSync('README.md', 'utf8');

/** Every locked package's name@version and its Node range, where it states one. */
const ranges = Object.entries(lock.packages).flatMap(([where, p]) => {
  const node = !Array.isArray(p.engines) ? p.engines?.node : undefined;
  if (!where || !node) return [];
  return [{ name: `${where.split('node_modules/').pop()}@${p.version}`, range: node }];
});

/** The tested line: this machine and CI run Node 20 (docs/field-notes, CI image). */
const TESTED = '20.19.0';

describe('Node requirement', () => {
  const declared = pkg.engines?.node ?? '';

  it('package.json declares engines.node, and the README quotes it', () => {
    expect(semver.validRange(declared)).not.toBeNull();
    expect(readme).toContain(`\`engines\`: \`${declared}\``);
  });

  it('the newest line the range admits satisfies every dependency', () => {
    // The lowest version of each `||` branch: the first Node of that line we claim works.
    const floors = declared.split('||').map((branch) => semver.minVersion(branch.trim())!.version);
    const newest = floors.at(-1)!;
    const refused = ranges.filter((r) => !semver.satisfies(newest, r.range));
    expect(refused).toEqual([]);
    // And nothing below any floor is claimed: each floor satisfies all but the named exceptions.
    for (const floor of floors) {
      const against = ranges.filter((r) => !semver.satisfies(floor, r.range)).map((r) => r.name);
      for (const name of against) expect(readme).toContain(name);
    }
  });

  it('the README names each package that asks for more than the tested Node 20, with its range', () => {
    const above = ranges.filter((r) => !semver.satisfies(TESTED, r.range));
    expect(above.length).toBeGreaterThan(0);
    for (const r of above) expect(readme).toContain(`${r.name} (\`${r.range}\``);
    expect(readme).toMatch(/tested on Node\.js 20/i);
  });
});
