// markdown-it ships no types; the tests render a report, and escaped user text, with it and read the HTML back.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean });
    /** linkify-it: `fuzzyLink` finds bare domains (`refs.bib` would be one), which GFM does not. */
    linkify: { set(options: { fuzzyLink?: boolean; fuzzyEmail?: boolean }): void };
    render(markdown: string): string;
  }
}
