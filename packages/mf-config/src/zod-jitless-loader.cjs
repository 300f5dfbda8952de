/**
 * A webpack loader for zod's `v4/core/schemas.js` in the browser bundles: zod 4 probes once
 * whether `new Function` works, to compile fast object parsers, and under the suite's content
 * security policy (no 'unsafe-eval', bff/src/lib/security-headers.ts) that probe is reported as
 * a CSP violation. Here the object schema never asks (as with `z.config({ jitless: true })`, but
 * in force before any schema is built, in every bundle's copy of zod); parsing stays correct, a
 * little slower. The BFF is not bundled by webpack and keeps the compiled parsers. Fails the
 * build when a zod upgrade changes the line, so the CSP check cannot silently regress.
 */
const LINE = "const jit = !core.globalConfig.jitless;";

/**
 * @this {{ resourcePath: string }} webpack's loader context
 * @param {string} source the module's source
 * @returns {string} the source without the probe
 */
module.exports = function zodJitless(source) {
  if (!source.includes(LINE)) throw new Error(`zod-jitless-loader: "${LINE}" not found in ${this.resourcePath}; check zod's eval probe`);
  return source.replace(LINE, "const jit = false; // zod-jitless-loader (packages/mf-config): no eval probe under the CSP");
};
