// Types for the two benchmark-only baselines, which ship none.

declare module 'dom-anchor-text-quote' {
  export interface TextQuote {
    exact: string;
    prefix?: string;
    suffix?: string;
  }
  export function fromRange(root: Node, range: Range): TextQuote;
  export function toRange(root: Node, selector: TextQuote, options?: { hint?: number }): Range | null;
  export function toTextPosition(
    root: Node,
    selector: TextQuote,
    options?: { hint?: number },
  ): { start: number; end: number } | null;
}

declare module 'dom-anchor-text-position' {
  export interface TextPosition {
    start: number;
    end: number;
  }
  export function fromRange(root: Node, range: Range): TextPosition;
  export function toRange(root: Node, selector: TextPosition): Range | null;
}
