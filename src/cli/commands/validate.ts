import { renderJson } from '../../render/json';
import { byPosition } from '../../source/problem';
import { problemsAsData, renderProblem, renderSummary } from '../../render/problems';
import type { Context } from '../context';
import { EXIT } from '../errors';
import { TABLE_VIEWS } from '../../render/records';
import { defineCommand, withExamples } from './command';

export interface ValidateOptions {
  folders: string[];
  json: boolean;
}

export const validate = defineCommand(
  'validate',
  (command) =>
    withExamples(
      command
        .argument('[path...]', 'more data folders or files to check, besides the configured ones')
        .description('Check data files and print every problem as path:line:col; exit 3 on any error')
        .option('--json', 'print the problems as JSON'),
      [
        'memories validate',
        'memories --no-bundled validate ~/anime-data',
        'memories validate ~/anime/my-bluray.yaml',
        'memories validate --json ~/anime',
      ],
    ),
  ([folders], flags): ValidateOptions => ({ folders, json: flags.json === true }),
  runValidate,
);

/**
 * `memories validate [DIR...]`: every problem in the configured folders plus DIRs, then a
 * summary on stderr. Exit 3 when there is any error.
 */
function runValidate(ctx: Context, options: ValidateOptions): number {
  const folders = [...ctx.folders, ...options.folders];
  // Nothing changed since the views were kept: their problems are the answer.
  const stored = ctx.fromStore(
    TABLE_VIEWS,
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
