// `syntax`, and what else the parser finds (`unindented-attribute`): this reports them, with
// the fixes the parser made (a keyword's case, an indentation).
import { meets, type Check } from './context';

export const syntax: Check = {
  text(ctx, range) {
    for (const d of ctx.doc.parseDiagnostics) if (meets(d.span, range)) ctx.report({ code: d.code, span: d.span, message: d.message, ...(d.fixes ? { fixes: d.fixes } : {}) });
  },
};
