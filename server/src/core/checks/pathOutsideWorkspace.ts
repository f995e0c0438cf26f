// `path-outside-workspace`: a `file:` or `bibliography:` that leaves the workspace (through `..`,
// an absolute path, or a link). Kent never reads it.
import { posix } from 'node:path';
import { localFiles, readLocal } from '../localFiles';
import type { Check } from './context';

export const pathOutsideWorkspace: Check = {
  item(ctx, item) {
    for (const f of localFiles(ctx.ws, ctx.doc, item)) {
      const read = readLocal(ctx.ws, f);
      const outside = !f.resolved.ok || (read && !read.ok && read.reason === 'outside');
      if (!outside) continue;
      const how = f.resolved.ok ? 'through a link' : 'through `..` or an absolute path';
      ctx.report({
        code: 'path-outside-workspace',
        span: f.span,
        message: `${f.owner}: \`${f.kind}: ${f.written}\` resolves outside the workspace ${how}; Kent does not read it. ${nearAbove(ctx.doc.path, f.written) ? 'Make the workspace a folder that holds both (open that folder in the editor, or `kent check --root FOLDER`), or copy' : 'Copy'} the file into the workspace and refer to it there`,
      });
    }
  },
};

/**
 * Whether a relative path leaves the workspace by a level or two (`../sources/x.txt` from a
 * team's folder): a folder just above would hold both. Not one that climbs far or is absolute.
 */
function nearAbove(docPath: string, written: string): boolean {
  if (posix.isAbsolute(written) || /^(?:~|[A-Za-z]:|[a-z][a-z0-9+.-]*:\/\/)/i.test(written)) return false;
  const resolved = posix.normalize(posix.join(posix.dirname(docPath), written.replace(/\\/g, '/')));
  const up = /^(?:\.\.\/)*/.exec(resolved)![0].length / 3;
  return up >= 1 && up <= 2;
}
