/**
 * Tree-shaking of the schemas, at bundling: the zod schemas (shared/schemas/) and the route contracts
 * (shared/http/contrats/) are declared as top-level constants whose initializers only build values. esbuild cannot
 * know that a call such as `z.object({…}).extend({…})` has no side effect, so it kept every schema of every module a
 * handler reached, and every route of its area: a handler built, at each cold start, schemas that no code of its own
 * reads. This plugin marks each call in those initializers `/* @__PURE__ *\/` (the convention esbuild honours), so
 * esbuild drops the constants nothing reaches. Statements that are not declarations (the French locale's
 * `config(…)`) are left as they are: they still run.
 */
import { readFileSync } from 'node:fs';
import type { Plugin } from 'esbuild';
import ts from 'typescript';

/** The modules whose top-level declarations are pure: schemas and route contracts. */
export const MODULES_PURS = /[\\/]shared[\\/](schemas|http[\\/]contrats)[\\/][^\\/]+\.ts$/;

/** `source` with every call and `new` of its top-level declarations' initializers annotated as pure (functions' bodies aside). */
export function annoterPur(source: string, fichier: string): string {
  const sf = ts.createSourceFile(fichier, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const positions = new Set<number>();
  const visiter = (n: ts.Node): void => {
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    // One annotation at a chain's start covers its outermost call: esbuild then ignores the callee (the inner calls).
    if (ts.isCallExpression(n) || ts.isNewExpression(n)) positions.add(n.getStart(sf));
    ts.forEachChild(n, visiter);
  };
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) if (d.initializer) visiter(d.initializer);
  }
  let sortie = source;
  for (const p of [...positions].sort((a, b) => b - a)) sortie = `${sortie.slice(0, p)}/* @__PURE__ */ ${sortie.slice(p)}`;
  return sortie;
}

/** Annotated sources by path, while their text is unchanged: the bench and the tests build every handler in one process. */
const annotes = new Map<string, { source: string; annote: string }>();

/** The esbuild plugin: loads the pure modules annotated. */
export const pureteDesSchemas = (): Plugin => ({
  name: 'purete-des-schemas',
  setup(build) {
    build.onLoad({ filter: MODULES_PURS }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      let entree = annotes.get(args.path);
      if (entree?.source !== source) annotes.set(args.path, (entree = { source, annote: annoterPur(source, args.path) }));
      return { contents: entree.annote, loader: 'ts' };
    });
  },
});
