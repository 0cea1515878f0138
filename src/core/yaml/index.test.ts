import { describe, expect, it } from 'vitest'
import { fixtureFiles } from '../../testing/fixture-registry.ts'
import { buildFederal } from '../federal/index.ts'
import { buildRegistry, isFederalFile, type Diagnostic, type RegistryFileText } from '../registry/index.ts'
import { parseYaml, preparseYaml } from './index.ts'

/** Fixture variants that exercise every kind of finding: malformed YAML, schema errors, located warnings. */
function variants(): RegistryFileText[][] {
  const edit = (path: string, change: (t: string) => string) => fixtureFiles().map((f) => (f.path === path ? { ...f, text: change(f.text) } : f))
  return [
    fixtureFiles(),
    edit('us/state-zz.yaml', (t) => t.replace('level: state', 'level: [state')),
    edit('us/state-zz.yaml', (t) => t.replace('level: state', 'level: state\nlevle: state')),
    edit('us/state-zz.yaml', (t) => t.replace('        when: { conviction: { class: zz-serious } }', '        unless: { conviction: { class: zz-serious } }')),
    edit('us/state-zz.yaml', (t) => t.replace(/effective: '?\d{4}-\d{2}-\d{2}'?/, 'effective: { unknown: not looked for }')),
    [...fixtureFiles(), { path: 'us/state-zz/county-x.287g.yaml', text: '# generated\n{"id": 1' }, { path: 'federal/lists.yaml', text: 'lists: [' }],
  ]
}

function buildBoth(files: readonly RegistryFileText[]) {
  const built = buildRegistry(files)
  return { built, federal: buildFederal(files.filter((f) => isFederalFile(f.path)), built.registry) }
}

describe('preparsed YAML files', () => {
  it('give the registry and federal builds the same registry and the same findings as parsing in the build', () => {
    for (const [i, files] of variants().entries()) {
      const plain = buildBoth(files)
      // Each broken variant really has findings, located at a line, so the comparison means something.
      if (i > 0) expect([...plain.built.diagnostics, ...plain.federal.diagnostics].some((d) => d.line !== undefined)).toBe(true)
      const early = buildBoth(files.map(preparseYaml))
      expect(early.built.diagnostics).toEqual(plain.built.diagnostics)
      expect(early.federal.diagnostics).toEqual(plain.federal.diagnostics)
      expect(early.built.registry?.version).toEqual(plain.built.registry?.version)
      expect(early.built.registry).toEqual(plain.built.registry)
    }
  })

  it('returns the value and malformed-YAML errors computed ahead, once parsed', () => {
    const bad = preparseYaml({ path: 'x.yaml', text: 'a: [1\n' })
    const diagnostics: Diagnostic[] = []
    expect(parseYaml(bad, diagnostics)).toBeUndefined()
    expect(diagnostics).toEqual([expect.objectContaining({ severity: 'error', file: 'x.yaml', line: 2, message: expect.stringMatching(/^malformed YAML/) })])
    const good = preparseYaml({ path: 'y.yaml', text: 'a:\n  b: 2\n' })
    const parsed = parseYaml(good, [])
    expect(parsed?.value).toEqual({ a: { b: 2 } })
    expect(parsed?.locator.locate(['a', 'b'])).toEqual({ line: 2, column: 6 })
  })
})
