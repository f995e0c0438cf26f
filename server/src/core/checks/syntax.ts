// `syntax`: lines and values that do not parse. The parser finds them; this reports them.
import { meets, type Check } from './context';

export const syntax: Check = {
  text(ctx, range) {
    for (const d of ctx.doc.parseDiagnostics) if (meets(d.span, range)) ctx.report({ code: d.code, span: d.span, message: d.message });
  },
};
