/** csl-validator-wasm (dev dependency, no types of its own): "" when the style is valid, else rnv's errors. */
declare module 'csl-validator-wasm' {
  export function validateStyle(xml: string): Promise<string>;
}
