/** The little of citation.js (a devDependency: tests read our reference exports with it) the tests use. */
declare module '@citation-js/core' {
  export const plugins: {
    input: {
      /** One parsing step: RIS text → raw records (`{ TY, AU, N1… }`, repeated tags as arrays). */
      chainLink(input: unknown): unknown;
    };
  };
  export class Cite {
    static async(input: unknown, options?: { forceType?: string }): Promise<Cite>;
    data: Array<Record<string, unknown>>;
  }
}
declare module '@citation-js/plugin-ris';
