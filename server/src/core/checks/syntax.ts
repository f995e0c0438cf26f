// `syntax`: lines and values that do not parse. The parser finds them; this reports them.
import type { CheckContext } from './context';

export function syntax(ctx: CheckContext): void {
  for (const d of ctx.doc.parseDiagnostics) ctx.report({ code: d.code, span: d.span, message: d.message });
}
