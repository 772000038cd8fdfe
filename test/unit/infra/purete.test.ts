import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { annoterPur, MODULES_PURS } from '#infra/purete';

const SOURCE = `import * as z from 'zod';
import { config } from 'zod/v4/core';
config({ localeError: () => 'x' });
const Texte = z.string().trim().max(20);
export const Utilise = z.strictObject({ a: Texte, b: z.array(z.number().int()).max(3) });
export const Inutilise = Utilise.extend({ c: z.enum(['x', 'y']).nullable() }).refine((v) => v.a.length > 0, { message: 'Vide' });
export const Route = { method: 'GET', input: { body: Utilise }, sortie: new Set([1]) };
export function f() { return z.string().min(1); }
`;

describe('pure annotation of schemas and contracts', () => {
  it('annotates every call and new of top-level declarations once, at the start of each chain, and nothing else', () => {
    const annote = annoterPur(SOURCE, 'schemas.ts');
    expect(annote).toContain("config({ localeError: () => 'x' });");
    expect(annote).toContain('const Texte = /* @__PURE__ */ z.string().trim().max(20);');
    expect(annote).toContain('b: /* @__PURE__ */ z.array(/* @__PURE__ */ z.number().int()).max(3)');
    expect(annote).toContain('sortie: /* @__PURE__ */ new Set([1])');
    expect(annote).toContain('return z.string().min(1);');
    expect(annote).toContain("(v) => v.a.length > 0");
    expect(annote.replaceAll('/* @__PURE__ */ ', '')).toBe(SOURCE);
  });

  it('lets esbuild drop what nothing reaches and keep the statements that run for their effect', async () => {
    const res = await build({
      stdin: { contents: `import { Route } from './s.ts'; console.log(Route);`, resolveDir: '/', loader: 'ts' },
      bundle: true, write: false, format: 'esm', platform: 'node', external: ['zod', 'zod/*'],
      plugins: [{
        name: 'memoire',
        setup(b) {
          b.onResolve({ filter: /^\.\/s\.ts$/ }, () => ({ path: '/s.ts', namespace: 'memoire' }));
          b.onLoad({ filter: /.*/, namespace: 'memoire' }, () => ({ contents: annoterPur(SOURCE, 's.ts'), loader: 'ts' }));
        },
      }],
    });
    const texte = res.outputFiles[0]!.text;
    expect(texte).toContain('config(');
    expect(texte).toMatch(/var Utilise = /);
    expect(texte).not.toMatch(/var Inutilise = /);
  });

  it('applies to the schemas and the route contracts only', () => {
    expect(MODULES_PURS.test('/p/shared/schemas/dossier.ts')).toBe(true);
    expect(MODULES_PURS.test('/p/shared/http/contrats/dossiers.ts')).toBe(true);
    expect(MODULES_PURS.test('/p/shared/http/contexte.ts')).toBe(false);
    expect(MODULES_PURS.test('/p/shared/domain/dossier/use-cases.ts')).toBe(false);
  });
});
