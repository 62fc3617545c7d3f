import { renderJson } from '../../render/json';
import { byPosition } from '../../source/problem';
import { problemsAsData, renderProblem, renderSummary } from '../../render/problems';
import type { Context } from '../context';
import { EXIT } from '../errors';
import { VIEWS } from './tables';

export interface ValidateOptions {
  folders: string[];
  json: boolean;
}

export function validateOptions(folders: string[], flags: Record<string, unknown>): ValidateOptions {
  return { folders, json: flags.json === true };
}

/**
 * `memories validate [DIR...]`: every problem in the configured folders plus DIRs, then a
 * summary on stderr. Exit 3 when there is any error.
 */
export function runValidate(ctx: Context, options: ValidateOptions): number {
  const folders = [...ctx.folders, ...options.folders];
  // Nothing changed since the views were kept: their problems are the answer.
  const stored = ctx.fromStore(
    VIEWS,
    folders,
    (views, { problems, collection }) => ({ problems, fileCount: views.fileCount() + (collection ? 1 : 0) }),
    { quiet: true },
  );
  const { problems, fileCount } = stored ?? ctx.load(folders);
  const list = byPosition(problems.list);
  ctx.write(options.json ? renderJson(problemsAsData(list)) : list.map((p) => renderProblem(p, ctx.out)).join(''));
  ctx.io.stderr.write(renderSummary(list, fileCount));
  return problems.errorCount > 0 ? EXIT.data : EXIT.ok;
}
