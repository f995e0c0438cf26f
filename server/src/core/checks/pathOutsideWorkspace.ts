// `path-outside-workspace`: a `file:` or `bibliography:` that leaves the workspace (through `..`,
// an absolute path, or a link). Kent never reads it.
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
        message: `${f.owner}: \`${f.kind}: ${f.written}\` resolves outside the workspace ${how}; Kent does not read it. Make the workspace a folder that holds both (open that folder in the editor, or \`kent check --root FOLDER\`), or copy the file into the workspace and refer to it there`,
      });
    }
  },
};
