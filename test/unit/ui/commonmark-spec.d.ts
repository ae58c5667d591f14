/** The commonmark-spec package ships no types: its examples, as its index.js builds them. */
declare module 'commonmark-spec' {
  export const tests: ReadonlyArray<{
    markdown: string;
    html: string;
    section: string;
    number: number;
  }>;
}
