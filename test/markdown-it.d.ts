// markdown-it ships no types; the tests render a report with it and read the HTML back.
declare module 'markdown-it' {
  export default class MarkdownIt {
    constructor(options?: { html?: boolean });
    render(markdown: string): string;
  }
}
